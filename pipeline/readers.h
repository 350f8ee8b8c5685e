/* readers.h - the readers: each turns the bytes of one source into the document
 * model through a docb. They return 0, or -1 with `err` saying what and where. */
#ifndef LITX_READERS_H
#define LITX_READERS_H
#include "docb.h"

/* Size limits a hostile file cannot exceed (per document). */
#define LITX_MAX_DOC_BYTES   ((size_t)64 << 20)  /* one source */
#define LITX_MAX_LINE_BYTES  ((size_t)1 << 20)   /* one text line */
#define LITX_MAX_XML_DEPTH   256
/* One text paragraph (lines joined without a blank line). Real paragraphs are a
 * few KB; a converter that lost every blank line gives hundreds of KB, which the
 * plugins would read as one run-on paragraph. */
#define LITX_MAX_PARA_BYTES  ((size_t)256 << 10)
/* Text that internal XML entities may add to one document: JATS declares a few
 * short ones; more is the amplification of an entity referenced many times. */
#define LITX_MAX_ENTITY_BYTES ((size_t)1 << 20)

int litx_read_text(docb *b, const char *buf, size_t len, litx_err *err);
int litx_read_jats(docb *b, const char *buf, size_t len, litx_err *err);

/* Decide the format by content: JATS when the first element is <article>
 * (after an XML declaration, doctype or comments), text otherwise. */
litx_format litx_detect_format(const char *buf, size_t len);

/* Check the bytes of one source before any reader sees them: not empty, not binary,
 * valid UTF-8 (text) . Returns 0 or -1 with err. */
int litx_check_bytes(const char *buf, size_t len, litx_format fmt, litx_err *err);

/* Hash, check, detect and read one source. NULL with err on failure. */
/* Hex sha256 of bytes (64 digits and NUL). */
void litx_sha256_hex(const char *buf, size_t len, char out[65]);

litx_doc *litx_doc_load(const char *source, const char *buf, size_t len, litx_err *err);
#endif
