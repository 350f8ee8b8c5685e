/* kb_csv.h - KB tables as RFC 4180 CSV (UTF-8, CRLF line ends). */
#ifndef LITX_KB_CSV_H
#define LITX_KB_CSV_H
#include <stdio.h>
#include <jansson.h>
#include "kb_jscan.h"

/* Scratch space for litx_csv_cell, reused from cell to cell. Start it zeroed. */
typedef struct litx_csv_scratch {
	kb_buf text;
	kb_members members;
} litx_csv_scratch;

/* The columns of `table`: its documented fields, then the other keys of `keys`
 * (an object used as a set) in name order. New reference. */
json_t *litx_csv_columns(const char *table, const json_t *keys);
int litx_csv_header(FILE *f, const json_t *cols);
int litx_csv_row(FILE *f, const json_t *cols, const json_t *rec);
/* Append the CSV field for the JSON value text v (trusted kb_json text; an empty
 * span for a missing key) to out. 0 or -1 when out of memory. */
int litx_csv_cell(kb_buf *out, kb_span v, litx_csv_scratch *s);
void litx_csv_scratch_free(litx_csv_scratch *s);
#endif
