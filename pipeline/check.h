/* check.h - the checker: reconciles a document's appendix-style tables and numbers
 * against its own formulas, citations and text, and reports findings. */
#ifndef LITX_CHECK_H
#define LITX_CHECK_H
#include <stdio.h>
#include <jansson.h>
#include <litx/doc.h>

/* Audit one document. `records` is the object table -> array of that document's
 * plugin records ("formulas", "metrics", "citations", "references", ...). Findings
 * (DESIGN.md fields, without "id" and "doc_id", which the KB assigns) are appended
 * to the array `findings`. Returns 0, or -1 on allocation failure. */
int litx_check_doc(const litx_doc *doc, const json_t *records, json_t *findings);

/* Write findings (an array of KB finding records) as text|json|csv|html to f. The
 * kb (whole kb.json object) gives the tables and sentences the HTML report shows.
 * Returns 0, or -1 on an unknown format or write error. */
int litx_check_report(const json_t *kb, const json_t *findings, const char *format, FILE *f);

/* The same text|html report written in parts, so a KB of any size is reported one
 * document at a time: begin (the counts, from `findings` when not NULL, else the
 * numbers given), one part per document (kb holding that document, its tables and
 * its findings; base = the number of documents reported before, which keeps HTML
 * anchors unique), end. Each returns 0, or -1 on a write error or another format. */
int litx_check_report_begin(const json_t *findings_or_null, size_t n, size_t err, size_t warn,
			    size_t info, const char *format, FILE *f);
int litx_check_report_part(const json_t *kb, const json_t *findings, size_t base, const char *format,
			   FILE *f);
int litx_check_report_end(const char *format, FILE *f);
#endif
