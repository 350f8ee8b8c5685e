/* kb_audit.h - what the assembly keeps for the audit report and the run summary:
 * the findings, the tables they point at and their documents (a small part of the
 * KB), and counts per table. Fed record by record in shard order, so it never
 * needs the whole kb.json in memory. */
#ifndef LITX_KB_AUDIT_H
#define LITX_KB_AUDIT_H
#include <jansson.h>
#include "kb_jscan.h"

typedef struct kb_audit kb_audit;

kb_audit *kb_audit_new(void);
void kb_audit_free(kb_audit *a);
/* One record of `table`, in shard order (a documents record starts a document):
 * its JSON text and its members (kb_jscan). Only the records the report may
 * show are kept, as text, and parsed only for a document with findings. */
int kb_audit_record(kb_audit *a, const char *table, kb_span rec, const kb_members *m);
/* Counts: {"documents": n, "documents_error": n, "<table>": n, ..., "findings_error": n,
 * "findings_warning": n}. Borrowed reference. */
const json_t *kb_audit_stats(kb_audit *a);
/* Write DIR/audit.txt and DIR/audit.html (temporary name, then rename); this
 * also reports the last document. */
int kb_audit_write(kb_audit *a, const char *dir);
#endif
