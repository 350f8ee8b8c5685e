/* common.h - what the libFuzzer targets share: loading bytes as one format the way
 * litx_doc_load does, checking that a document keeps the promises of doc.h (every
 * text NUL-terminated, valid UTF-8, spans and anchors in range and sorted), and
 * exercising the text queries every plugin calls. A broken promise aborts, so
 * libFuzzer reports it like a crash: plugins match document text with PCRE2
 * without a UTF check, so invalid UTF-8 in the model is a memory-safety bug one
 * step later. */
#ifndef LITX_FUZZ_COMMON_H
#define LITX_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include "docb.h"
#include "readers.h"

/* Abort with the failing promise and where it was checked. */
#define FZ_ASSERT(cond, what) \
	((cond) ? (void)0 : fz_fail(__FILE__, __LINE__, #cond, (what)))
void fz_fail(const char *file, int line, const char *cond, const char *what)
	__attribute__((noreturn));

/* True when s[0, n) is valid UTF-8 (no overlongs, surrogates or code points past
 * U+10FFFF). */
int fz_utf8_valid(const char *s, size_t n);

/* litx_doc_load with the format forced: the byte checks for that format, the
 * reader, then the steps load.c takes after it (callout marker, sentence index,
 * docb_finish; keep them in step). NULL with err when the document is refused. */
litx_doc *fz_load_as(const char *buf, size_t len, litx_format fmt, litx_err *err);

/* Check every promise of doc.h on a loaded document read from src_len bytes. */
void fz_check_doc(const litx_doc *d, size_t src_len);

/* Call the text queries (locate, sentence, refs, span_at) on every text of d at a
 * bounded number of offsets, checking their results, and dump d as JSON. */
void fz_exercise_doc(const litx_doc *d);

/* A memfd holding `len` bytes, rewound; its path ("/proc/self/fd/N") in path. -1
 * on failure. The fd is created once per process and reused. */
int fz_memfd_put(const uint8_t *data, size_t len, char *path, size_t cap);
#endif
