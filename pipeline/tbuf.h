/* tbuf.h - builds one litx_text: readers append normalized text, say where each
 * piece came from (anchors) and open/close spans; tbuf_finish copies the result into
 * the document's arena and resets the builder for the next block. */
#ifndef LITX_TBUF_H
#define LITX_TBUF_H
#include <stddef.h>
#include <stdint.h>
#include <litx/doc.h>
#include "arena.h"

typedef struct tbuf {
	char *s;
	size_t len, cap;
	litx_span *spans;
	size_t n_spans, cap_spans;
	litx_anchor *anchors;
	size_t n_anchors, cap_anchors;
	int failed;             /* an allocation failed; finish reports it */
} tbuf;

void tbuf_init(tbuf *b);
void tbuf_free(tbuf *b);
void tbuf_reset(tbuf *b);
/* Append n bytes. */
void tbuf_put(tbuf *b, const char *s, size_t n);
void tbuf_puts(tbuf *b, const char *s);
void tbuf_putc(tbuf *b, char c);
/* The next byte appended comes from source line `line`, byte `src_off`. */
void tbuf_mark(tbuf *b, uint32_t line, size_t src_off);
/* Open a span at the current end; returns its index for tbuf_span_close, or -1. */
long tbuf_span_open(tbuf *b, litx_span_kind kind);
/* Close span `idx` at the current end; an empty span is dropped. */
void tbuf_span_close(tbuf *b, long idx);
/* Add a finished span over [start, end); labels is copied at finish. */
void tbuf_span_add(tbuf *b, litx_span_kind kind, size_t start, size_t end,
		   litx_cite_kind cite, const char *labels);
/* Drop trailing ASCII white space (spans and anchors are clipped). */
void tbuf_rstrip(tbuf *b);
/* True when the last byte is white space or the buffer is empty. */
int tbuf_at_space(const tbuf *b);
/* qsort order of spans: by start, the outer of two spans first, then by kind. */
int tbuf_span_cmp(const void *a, const void *b);
/* Copy into `a` as `out` (spans sorted by start) and reset. -1 on allocation failure. */
int tbuf_finish(tbuf *b, arena *a, litx_text *out);
/* Make room for `need` elements of `elem` bytes in the malloc'd array *p of *cap
 * (doubling; the readers' scratch arrays grow with it too). 0, or -1 on no
 * memory or overflow (then *p and *cap are unchanged). */
int tbuf_grow(void **p, size_t *cap, size_t need, size_t elem);
#endif
