/* kb_csv.h - KB tables as RFC 4180 CSV (UTF-8, CRLF line ends). */
#ifndef LITX_KB_CSV_H
#define LITX_KB_CSV_H
#include <stdio.h>
#include <jansson.h>

/* The columns of `table`: its documented fields, then the other keys of `keys`
 * (an object used as a set) in name order. New reference. */
json_t *litx_csv_columns(const char *table, const json_t *keys);
int litx_csv_header(FILE *f, const json_t *cols);
int litx_csv_row(FILE *f, const json_t *cols, const json_t *rec);
#endif
