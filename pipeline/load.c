/* load.c - from bytes to a document: identity (sha256), sanity checks that give a
 * clear message instead of a confused reader, format by content, then the reader. */
#include "readers.h"
#include "callout.h"
#include "sentence_index.h"
#include "swar.h"
#include "unichar.h"
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void sha256_hex(const char *buf, size_t len, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, (const uint8_t *)buf);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static size_t skip_ws(const char *b, size_t len, size_t i)
{
	while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i;
}

litx_format litx_detect_format(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	i = skip_ws(buf, len, i);
	/* skip the prolog: <?xml ...?>, <!DOCTYPE ...>, <!-- ... --> */
	for (int guard = 0; guard < 64 && i + 1 < len && buf[i] == '<' &&
			    (buf[i + 1] == '?' || buf[i + 1] == '!'); guard++) {
		const char *end;
		if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
			end = memmem(buf + i, len - i, "-->", 3);
			if (end)
				end += 2; /* the comment ends at its '>' */
		} else
			end = memchr(buf + i, '>', len - i);
		if (!end)
			return LITX_FORMAT_TEXT;
		/* a doctype with an internal subset ends at "]>" */
		if (len - i > 9 && memcmp(buf + i, "<!DOCTYPE", 9) == 0) {
			const char *br = memchr(buf + i, '[', (size_t)(end - (buf + i)));
			if (br) {
				const char *e2 = memmem(br, len - (size_t)(br - buf), "]>", 2);
				if (e2)
					end = e2 + 1;
			}
		}
		i = skip_ws(buf, len, (size_t)(end - buf) + 1);
	}
	if (i + 8 < len && memcmp(buf + i, "<article", 8) == 0 &&
	    (buf[i + 8] == ' ' || buf[i + 8] == '>' || buf[i + 8] == '\n' || buf[i + 8] == '\t' ||
	     buf[i + 8] == '\r'))
		return LITX_FORMAT_JATS;
	/* any other XML root element is still XML: let the JATS reader refuse it */
	if (i < len && buf[i] == '<' && i + 1 < len &&
	    ((buf[i + 1] | 32) >= 'a' && (buf[i + 1] | 32) <= 'z') && memchr(buf, '\n', len) &&
	    memmem(buf, len < 4096 ? len : 4096, "<?xml", 5))
		return LITX_FORMAT_JATS;
	return LITX_FORMAT_TEXT;
}

/* Whether none of the 8 bytes of w is NUL, a newline or beyond ASCII: the bytes
 * the check below looks at one by one. */
static inline int plain8(uint64_t w)
{
	return !(swar_eq(w, 0) | swar_eq(w, '\n') | swar_high(w));
}

int litx_check_bytes(const char *buf, size_t len, litx_format fmt, litx_err *err)
{
	if (len == 0) {
		litx_err_set(err, 0, "empty file");
		return -1;
	}
	if (len > LITX_MAX_DOC_BYTES) {
		litx_err_set(err, 0, "file is %zu bytes, over the %zu-byte limit for one document",
			     len, LITX_MAX_DOC_BYTES);
		return -1;
	}
	if (fmt == LITX_FORMAT_JATS)
		return 0; /* libxml2 checks the encoding it declares */
	uint32_t line = 1;
	size_t line_start = 0;
	const unsigned char *p = (const unsigned char *)buf;
	for (size_t i = 0; i < len;) {
		/* plain ASCII a word at a time, while the line stays within its limit */
		while (len - i >= 8 && i - line_start + 8 <= LITX_MAX_LINE_BYTES && plain8(swar_load(p + i)))
			i += 8;
		if (i >= len)
			break;
		if (p[i] == 0) {
			litx_err_set(err, line, "binary file: NUL byte at offset %zu (not a text article)", i);
			return -1;
		}
		if (p[i] == '\n') {
			line++;
			line_start = i + 1;
			i++;
			continue;
		}
		if (i - line_start > LITX_MAX_LINE_BYTES) {
			litx_err_set(err, line, "line longer than %zu bytes (not a text article?)",
				     LITX_MAX_LINE_BYTES);
			return -1;
		}
		size_t k = 1;
		if (p[i] >= 0x80)
			unichar_decode(p + i, len - i, &k);
		if (!k) {
			litx_err_set(err, line, "invalid UTF-8 at byte offset %zu (byte 0x%02X)", i, p[i]);
			return -1;
		}
		i += k;
	}
	return 0;
}

litx_doc *litx_doc_load(const char *source, const char *buf, size_t len, litx_err *err)
{
	litx_format fmt = litx_detect_format(buf, len);
	if (litx_check_bytes(buf, len, fmt, err))
		return NULL;
	docb *b = docb_new(source, fmt);
	if (!b) {
		litx_err_set(err, 0, "out of memory");
		return NULL;
	}
	sha256_hex(buf, len, b->doc.sha256);
	memcpy(b->doc.doc_id, b->doc.sha256, 16);
	b->doc.doc_id[16] = '\0';
	int rc = fmt == LITX_FORMAT_JATS ? litx_read_jats(b, buf, len, err)
					 : litx_read_text(b, buf, len, err);
	if (rc == 0 && (litx_mark_callouts(b) || litx_index_sentences(b))) {
		litx_err_set(err, 0, "out of memory");
		rc = -1;
	}
	if (rc == 0 && docb_finish(b)) {
		litx_err_set(err, 0, "out of memory");
		rc = -1;
	}
	if (rc) {
		litx_doc_free(&b->doc);
		return NULL;
	}
	return &b->doc;
}

/* For documents that fail: the identity still goes into the KB. */
void litx_sha256_hex(const char *buf, size_t len, char out[65])
{
	sha256_hex(buf, len, out);
}
