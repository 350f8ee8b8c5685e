/* kb_clusters.h - the clusters table: one row per canonical cluster formula,
 * gathered from the formulas and metrics records as the assembly streams them.
 * Memory grows with the number of clusters only: their documents and metrics go
 * to a temporary file until kb_clusters_emit sorts them. */
#ifndef LITX_KB_CLUSTERS_H
#define LITX_KB_CLUSTERS_H
#include "kb_jscan.h"

typedef struct kb_clusters kb_clusters;

kb_clusters *kb_clusters_new(void);
void kb_clusters_free(kb_clusters *c);
/* Take one record of `table` (its members; only formulas and metrics count).
 * 0, or -1 when out of memory or the temporary file cannot be written. */
int kb_clusters_add(kb_clusters *c, const char *table, const kb_members *m);
/* Hand every cluster record, by canonical name, to put as JSON text (kb_json's
 * form) and its members. 0, or the first failure. */
typedef int (*kb_clusters_put)(void *ctx, kb_span rec, const kb_members *m);
int kb_clusters_emit(kb_clusters *c, kb_clusters_put put, void *ctx);
#endif
