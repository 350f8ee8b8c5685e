/* kb_part.h - one table of the KB while it is assembled: its records' text for
 * kb.json, their CSV fields, and the union of their keys (the CSV columns).
 * Both go to temporary files as records arrive, so memory holds only the keys. */
#ifndef LITX_KB_PART_H
#define LITX_KB_PART_H
#include "kb_csv.h"
#include "kb_jscan.h"
#include <stdint.h>
#include <stdio.h>

typedef struct kb_part_key {
	char *name;
	size_t len;
	uint32_t id; /* order of first appearance: how the cells file names it */
} kb_part_key;

typedef struct kb_part {
	char *table;
	size_t n;          /* records */
	FILE *json;        /* the records' text joined by ",\n": kb.json's part as is */
	FILE *cells;       /* per record, its CSV fields by key id */
	char *bufs;        /* the stdio buffer of cells, for reading (KB_PART_BUF) */
	kb_part_key *keys; /* sorted as kb_json sorts keys */
	size_t n_keys, cap_keys;
	/* scratch, reused from record to record */
	uint32_t *ids;
	size_t cap_ids;
	kb_buf jbuf, cbuf; /* json's and cells' bytes not yet written to them */
	litx_csv_scratch sc;
} kb_part;

/* The temporary files' buffers: stdio's 4 KB cost a system call per 4 KB. */
#define KB_PART_BUF (1 << 16)

/* 0, or -1 when out of memory or temporary files. Free it in either case. */
int kb_part_init(kb_part *p, const char *table);
void kb_part_free(kb_part *p);
/* Add one record: its kb_json text and members. 0 or -1. */
int kb_part_add(kb_part *p, kb_span rec, const kb_members *m);
/* Copy the records' text, joined by ",\n", to out. 0 or -1. */
int kb_part_write_json(kb_part *p, FILE *out);
/* Write the table as CSV to path: the header (kb_csv's columns for the union of
 * keys), then a row per record. 0 or -1. */
int kb_part_write_csv(kb_part *p, const char *path);
#endif
