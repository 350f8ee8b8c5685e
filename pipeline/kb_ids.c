/* kb_ids.c - see kb_ids.h. Two records are the same fact when their key values
 * are equal as JSON: the same string bytes, the same integer, the same double
 * (an integer 1 and a real 1.0 differ, as their JSON text does). Each key is
 * encoded as tagged bytes into one buffer and looked up in a small open-addressing
 * table, so a record costs no allocation; nested values, which no plugin emits as
 * a key today, fall back to their compact JSON text. */
#include "hash.h"
#include "kb_ids.h"
#include "kb_buf.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fact {
	size_t off, len; /* the key's bytes in keys */
	uint64_t hash;
	size_t first;    /* index of the first record with this key */
} fact;

typedef struct fact_set {
	kb_buf keys;
	fact *slot;      /* open addressing; len == 0 marks an empty slot */
	size_t n, cap;   /* cap: a power of two */
} fact_set;

static int put_tagged(kb_buf *b, char tag, const void *p, size_t n)
{
	uint64_t len = n;
	return kb_buf_putc(b, tag) || kb_buf_put(b, &len, sizeof len) || kb_buf_put(b, p, n) ? -1 : 0;
}

/* Append one key value. Every encoding starts with its tag and states its length,
 * so concatenated values never run into each other. */
static int put_value(kb_buf *b, const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_NULL: return kb_buf_putc(b, 'n');
	case JSON_TRUE: return kb_buf_putc(b, 't');
	case JSON_FALSE: return kb_buf_putc(b, 'f');
	case JSON_STRING: return put_tagged(b, 's', json_string_value(v), json_string_length(v));
	case JSON_INTEGER: {
		json_int_t i = json_integer_value(v);
		return put_tagged(b, 'i', &i, sizeof i);
	}
	case JSON_REAL: {
		/* equal text at 17 digits <=> equal doubles (0.0 and -0.0 differ in both) */
		double d = json_real_value(v);
		return put_tagged(b, 'r', &d, sizeof d);
	}
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		int rc = s ? put_tagged(b, 'j', s, strlen(s)) : -1;
		free(s);
		return rc;
	}
	}
}

/* The fact key of rec into b; 1 when the table has none, -1 when out of memory. */
static int fact_key(kb_buf *b, const char *table, const json_t *rec)
{
	if (!strcmp(table, "formulas"))
		return put_value(b, json_object_get(rec, "canonical"));
	if (strcmp(table, "metrics"))
		return 1;
	const json_t *cat = json_object_get(rec, "catalyst_canonical");
	if (!cat || json_is_null(cat))
		cat = json_object_get(rec, "catalyst");
	return put_value(b, json_object_get(rec, "metric")) || put_value(b, json_object_get(rec, "value")) ||
	       put_value(b, json_object_get(rec, "unit")) || put_value(b, cat) ? -1 : 0;
}

static int grow(fact_set *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	fact *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i].len) {
			size_t j = s->slot[i].hash & (cap - 1);
			while (slot[j].len)
				j = (j + 1) & (cap - 1);
			slot[j] = s->slot[i];
		}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 0;
}

/* The first index recorded for the key at keys[off..], or `index` when the key is
 * new (then remembered). (size_t)-1 when out of memory. */
static size_t first_of(fact_set *s, size_t off, size_t index)
{
	if ((s->n + 1) * 2 > s->cap && grow(s))
		return (size_t)-1;
	const char *k = s->keys.p + off;
	size_t len = s->keys.len - off;
	uint64_t h = litx_hash(k, len);
	size_t j = h & (s->cap - 1);
	for (; s->slot[j].len; j = (j + 1) & (s->cap - 1))
		if (s->slot[j].hash == h && s->slot[j].len == len && !memcmp(s->keys.p + s->slot[j].off, k, len)) {
			s->keys.len = off; /* known: drop the copy */
			return s->slot[j].first;
		}
	s->slot[j] = (fact){ off, len, h, index };
	s->n++;
	return index;
}

static void reset(fact_set *s)
{
	s->keys.len = 0;
	s->n = 0;
	if (s->slot)
		memset(s->slot, 0, s->cap * sizeof *s->slot);
}

static char letter_of(const char *table)
{
	static const struct { const char *table; char letter; } pre[] = {
		{ "formulas", 'F' }, { "metrics", 'M' }, { "citations", 'C' }, { "references", 'R' },
		{ "tables", 'T' }, { "findings", 'X' },
	};
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
		if (!strcmp(pre[i].table, table))
			return pre[i].letter;
	return 'Z';
}

/* "<doc_id>-<letter><i + 1, at least 4 digits>", by hand: snprintf per record
 * showed in profiles. doc_id is the 16 hex digits of kb_process, and valid
 * UTF-8 in any case (litx_kb_assign_ids made a json_string of it first), so
 * the id needs no second UTF-8 check. */
static json_t *id_string(const char *doc_id, char letter, size_t i)
{
	char id[64], digits[24];
	size_t n = strlen(doc_id), nd = 0;
	if (n > sizeof id - 24)
		return NULL;
	for (size_t v = i + 1; v || nd < 4; v /= 10)
		digits[nd++] = (char)('0' + v % 10);
	memcpy(id, doc_id, n);
	id[n++] = '-';
	id[n++] = letter;
	while (nd)
		id[n++] = digits[--nd];
	return json_stringn_nocheck(id, n);
}

int litx_kb_assign_ids(const char *doc_id, json_t *records)
{
	fact_set s = { { NULL, 0, 0 }, NULL, 0, 0 };
	json_t *doc = json_string(doc_id); /* one string shared by every record */
	int rc = doc ? 0 : -1;
	const char *table;
	json_t *arr;
	json_object_foreach(records, table, arr) {
		if (rc)
			break;
		char letter = letter_of(table);
		reset(&s);
		size_t i;
		json_t *rec;
		json_array_foreach(arr, i, rec) {
			json_t *id = id_string(doc_id, letter, i);
			/* literal ASCII keys: no UTF-8 check of them per record */
			if (!id || json_object_set_nocheck(rec, "doc_id", doc) || json_object_set_nocheck(rec, "id", id)) {
				json_decref(id);
				rc = -1;
				break;
			}
			size_t off = s.keys.len;
			int k = fact_key(&s.keys, table, rec);
			if (k < 0) {
				json_decref(id);
				rc = -1;
				break;
			}
			if (k == 0) {
				size_t first = first_of(&s, off, i);
				json_t *fid = first == i ? json_incref(id) : first == (size_t)-1 ? NULL
					    : id_string(doc_id, letter, first);
				if (!fid || json_object_set_new_nocheck(rec, "fact_id", fid))
					rc = -1;
			}
			json_decref(id);
			if (rc)
				break;
		}
	}
	json_decref(doc);
	kb_buf_free(&s.keys);
	free(s.slot);
	return rc;
}
