/* kb.h - the knowledge base: per-document record sets (one JSON Lines "shard" per
 * document, the unit of incremental work), and the assembly of kb.json and the
 * CSV tables from them. */
#ifndef LITX_KB_H
#define LITX_KB_H
#include <stdio.h>
#include <jansson.h>
#include "host.h"
#include "input.h"
#include "kb_json.h"

/* The record tables of the KB, in output order. */
extern const char *const litx_kb_tables[];
extern const size_t litx_kb_n_tables;

/* Process one source: read, load, run plugins and the checker. Returns a JSON array
 * of [table, record] pairs: first ["documents", {...}], then every record with id
 * and fact_id assigned. A document that fails still gives its documents record with
 * status "error". NULL only on allocation failure. */
json_t *litx_kb_process(const litx_item *it, const litx_host *h, void **states);

/* Write a processed document as JSON Lines ({"record":..,"table":..} per line,
 * in kb_json's form). */
int litx_kb_write_lines(const json_t *pairs, FILE *f);
/* The same lines, appended to w->out. 0 or -1. */
int litx_kb_lines(const json_t *pairs, kb_jw *w);

/* Assemble DIR/kb.json and DIR/<table>.csv (+ clusters), then the audit
 * (DIR/audit.txt, DIR/audit.html), from the per-document shard files `shards`
 * (paths, one document each), in the given order. Every file is written to a
 * temporary name and renamed. *stats (when stats is not NULL) gets the counts of
 * kb_audit_stats. Returns 0, or -1 with a message on stderr. */
int litx_kb_assemble(const char *dir, char *const *shards, size_t n, json_t **stats);

/* The same, a shard at a time: begin, add each shard in order (as soon as it is
 * written: `litx run -j N` assembles while the workers extract), then finish
 * (writes and publishes everything, frees the assembly; stats as above) or, to
 * give up and leave the KB as it was, free. add returns 0, or -1 (with a message
 * on stderr) and then every later add and the finish fail too. */
typedef struct litx_kb_asm litx_kb_asm;
litx_kb_asm *litx_kb_asm_begin(void);
int litx_kb_asm_add(litx_kb_asm *a, const char *shard);
/* Add the shard this process has just written from its bytes in memory (as
 * kb_shard_write kept them): the same records as litx_kb_asm_add(a, shard),
 * without reading the file back or checking what kb_json wrote. */
int litx_kb_asm_add_own(litx_kb_asm *a, const char *shard, const char *bytes, size_t n);
int litx_kb_asm_finish(litx_kb_asm *a, const char *dir, json_t **stats);
void litx_kb_asm_free(litx_kb_asm *a);

/* Read one JSON Lines line back: an object with "table" (string) and "record"
 * (object), or NULL when the line is not one. */
json_t *litx_kb_parse_line(const char *line, size_t len);
#endif
