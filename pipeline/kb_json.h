/* kb_json.h - JSON text as the KB stores it: compact, object keys sorted, reals
 * with 15 significant digits. The bytes are exactly those of jansson's json_dumps
 * with KB_JSON_FLAGS (shards written by older builds and by `litx extract` stay
 * interchangeable), but written straight into a reused buffer: jansson sorts keys
 * into a fresh allocation per object and hands every token to a callback, which
 * made dumping cost more than extracting. */
#ifndef LITX_KB_JSON_H
#define LITX_KB_JSON_H
#include "kb_buf.h"
#include <jansson.h>
#include <stdint.h>

#define KB_JSON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15))

/* The writer: output bytes plus scratch space for sorting keys. Start it zeroed;
 * reuse it for many values; kb_jw_free when done. */
typedef struct kb_jw {
	kb_buf out;
	struct kb_jw_key *keys;
	size_t n_keys, cap_keys;
} kb_jw;

void kb_jw_free(kb_jw *w);

/* Append v to w->out as json_dumps(v, KB_JSON_FLAGS | JSON_ENCODE_ANY) writes it.
 * 0, or -1 (w->out then holds a partial value) when out of memory, when a string
 * or key is not valid UTF-8, or when v nests deeper than KB_JSON_MAX_DEPTH (a
 * stand-in for jansson's cycle check: records are trees a few levels deep). */
#define KB_JSON_MAX_DEPTH 2048
int kb_json_dump(kb_jw *w, const json_t *v);

/* Append s[0..n) as a JSON string (quotes and jansson's escapes). 0 or -1. */
int kb_json_string(kb_buf *b, const char *s, size_t n);

/* Append one shard line, {"record":REC,"table":"TABLE"} and a newline. 0 or -1. */
int kb_json_line(kb_jw *w, const char *table, const json_t *rec);

/* The same, and with marks not NULL, the line's entry of the member index
 * appended to marks: the assembly of the same run then takes each record's
 * members from it instead of walking the text kb_json has just written. An
 * entry is u32 values in host order: the line's length (newline included; 0
 * when it does not fit, which makes the index unusable), the number n of the
 * record's members (KB_MARKS_NONE when they are not marked: a key with escapes,
 * an empty record), then per member in text order the offsets of its key's
 * opening quote and of its value from the record's '{' (a value ends where the
 * next key's comma is, the last one before the record's '}'). */
#define KB_MARKS_NONE UINT32_MAX
int kb_json_line_marked(kb_jw *w, const char *table, const json_t *rec, kb_buf *marks);
#endif
