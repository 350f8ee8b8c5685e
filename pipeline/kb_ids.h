/* kb_ids.h - record ids and fact_ids of one document's records. */
#ifndef LITX_KB_IDS_H
#define LITX_KB_IDS_H
#include <jansson.h>

/* Give every record of `records` ({"table": [record, ...], ...}) its doc_id, an id
 * ("<doc_id>-F0001": a letter per table, the record's place in it) and, for
 * formulas and metrics, a fact_id: the id of the document's first record of the
 * same table with the same fact key (formulas: canonical; metrics: metric, value,
 * unit and the catalyst, canonical when known). 0, or -1 when out of memory. */
int litx_kb_assign_ids(const char *doc_id, json_t *records);
#endif
