/* kb_jscan.h - reading back the JSON text kb_json writes, without building it.
 * The assembly of the KB sees every record of the corpus; parsing each into
 * jansson objects, only to copy its bytes and print a few dozen cells, was half
 * of a run. Instead the text is checked once to be in kb_json's form (then its
 * bytes are the record, as any litx build writes it) and read as byte ranges. */
#ifndef LITX_KB_JSCAN_H
#define LITX_KB_JSCAN_H
#include "kb_buf.h"
#include <jansson.h>
#include <stddef.h>
#include <string.h>

typedef struct kb_span {
	const char *p;
	size_t n;
} kb_span;

/* One member of an object: its key decoded (no quotes, no escapes) and its
 * value as JSON text. */
typedef struct kb_member {
	kb_span key, val;
} kb_member;

/* The members of one object, in text order. Reused from record to record; start
 * it zeroed, kb_members_free when done. */
typedef struct kb_members {
	kb_member *v;
	size_t n, cap;
	kb_buf keys; /* decoded copies of the keys that had escapes */
} kb_members;

void kb_members_free(kb_members *m);

/* Read the object text obj into m. With `check`, the whole text must be in
 * kb_json's form and readable by jansson: no white space, object keys in
 * kb_json's order at every level, only the escapes kb_json writes, valid UTF-8,
 * no \u0000, integers that fit a json_int_t, reals as kb_json prints them, at
 * most KB_JSON_MAX_DEPTH levels. Without it the text is trusted (it passed the
 * check before, or kb_json wrote it) and only walked. 0, -1 when the text is not
 * such an object (with check) or out of memory. */
int kb_members_read(kb_members *m, kb_span obj, int check);

/* The value of `key` in m (members in key order: binary search), or NULL. */
const kb_span *kb_members_get(const kb_members *m, const char *key);

/* Check that s[0..n) is one JSON value in kb_json's form, as kb_members_read
 * with check does for objects. 0 or -1. */
int kb_jscan_check(const char *s, size_t n);

/* Decode the JSON string text str (with its quotes) and append its bytes to b
 * (not NUL-terminated). 0 or -1 when out of memory. */
int kb_jscan_string(kb_span str, kb_buf *b);

/* The end of the trusted JSON value that starts at p (before end). */
const char *kb_jscan_skip(const char *p, const char *end);

/* Whether the number text s[0..n) is a real in the plain form that a double
 * with at most 15 significant digits prints as, in fixed notation ("28.0101",
 * "3.0", "-0.25"): then the text is already kb_json's form of its value, and
 * "%.15g" of the value is the text without a final ".0". Other reals (exponents,
 * 16 or more digits) need the double itself. */
int kb_jscan_plain_real(const char *s, size_t n);

/* "%.15g" of the value of the (checked) number text s[0..n), into out (cap
 * bytes, NUL-terminated), without strtod and snprintf when the text already is
 * that. Its length, or -1 when it does not fit. */
int kb_jscan_number_g15(const char *s, size_t n, char *out, size_t cap);

/* The trusted JSON value text s[0..n) (kb_json's form) as jansson objects, as
 * json_loadb reads it but without its lexer's checks. New reference, or NULL
 * when out of memory. */
json_t *kb_jscan_load(const char *s, size_t n);

/* Order of two decoded keys as kb_json sorts them (memcmp, then length).
 * Inline, and most pairs of keys differ in their first byte: no call then. */
static inline int kb_key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	if (an && bn && a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}
#endif
