/* docb.h - the document under construction, for readers. A reader adds sections,
 * blocks, tables and references; docb_finish publishes them in the litx_doc.
 * Everything lives in the document's arena and is freed by litx_doc_free. */
#ifndef LITX_DOCB_H
#define LITX_DOCB_H
#include <stdarg.h>
#include <litx/doc.h>
#include "arena.h"
#include "tbuf.h"

/* A per-document error: what went wrong and the source line (0 when unknown). */
typedef struct litx_err {
	char msg[512];
	uint32_t line;
} litx_err;

void litx_err_set(litx_err *e, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

typedef struct docb {
	litx_doc doc;
	arena *a;
	litx_section *sec; size_t n_sec, cap_sec;
	litx_block *blk;   size_t n_blk, cap_blk;
	litx_table *tab;   size_t n_tab, cap_tab;
	litx_ref *ref;     size_t n_ref, cap_ref;
	int oom;
} docb;

docb *docb_new(const char *source, litx_format fmt);
/* Pointers returned by the adders stay valid until the next add of the same kind;
 * NULL on allocation failure. Strings passed in are copied. */
litx_section *docb_add_section(docb *b, const char *number, const char *title, int level,
			       uint32_t line, size_t offset);
litx_block *docb_add_block(docb *b, litx_block_kind kind);
litx_table *docb_add_table(docb *b);
litx_ref *docb_add_ref(docb *b);
/* An arena array of n empty texts, for table grids. */
litx_text *docb_texts(docb *b, size_t n);
char *docb_strdup(docb *b, const char *s);
char *docb_strndup(docb *b, const char *s, size_t n);
/* Publish the arrays in b->doc. -1 when any allocation failed on the way. */
int docb_finish(docb *b);
/* The current section index (last added), -1 before any. */
int docb_section(const docb *b);

/* Free a document made by docb_new (published or not). */
void litx_doc_free(litx_doc *doc);
#endif
