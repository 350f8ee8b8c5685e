/* kb_json.c - see kb_json.h. Each case mirrors jansson 2.14's dump.c with
 * JSON_COMPACT | JSON_SORT_KEYS: keys ordered by memcmp then length, strings
 * escaped only where JSON requires it (control characters as \u00XX with
 * upper-case hex, everything else beyond ASCII as raw UTF-8). Reals in plain
 * fixed notation (most of them: 28.0101, 3.5) are written here, where the
 * digits are certain; the others are handed to jansson itself, as their format
 * has changed between jansson builds (snprintf or dtoa). tests/test_kb_json.c
 * compares reals and whole records against json_dumps. */
#include "kb_json.h"
#include "swar.h"
#include "unichar.h"
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct kb_jw_key {
	const char *key;
	size_t len;
	const json_t *value;
	size_t idx; /* its place in insertion order, while sorting */
};

void kb_jw_free(kb_jw *w)
{
	kb_buf_free(&w->out);
	free(w->keys);
	w->keys = NULL;
	w->n_keys = w->cap_keys = 0;
}

/* A byte written as it is, with no look at what follows: printable ASCII but
 * the quote and the backslash. */
static inline int plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Whether all 8 bytes of w are plain_ascii: snippets and titles are long runs
 * of plain bytes, tested here a word at a time. */
static inline int plain_ascii8(uint64_t w)
{
	return !(swar_below(w, 0x20) | swar_eq(w, '"') | swar_eq(w, '\\') | swar_high(w));
}

int kb_json_string(kb_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	/* worst case: every byte a 6-byte \u00XX escape, plus the quotes */
	if (n > (SIZE_MAX - 2) / 6)
		return -1;
	/* the call only when the buffer may be short: most strings fit */
	if (b->cap - b->len < n * 6 + 2 && kb_buf_reserve(b, n * 6 + 2))
		return -1;
	char *o = b->p + b->len;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	*o++ = '"';
	while (p < end) {
		unsigned char c = *p;
		if (plain_ascii(c)) {
			/* the common case: a run of printable ASCII, copied as is */
			const unsigned char *run = p;
			while (end - p >= 8 && plain_ascii8(swar_load(p)))
				p += 8;
			/* fewer than 8 left: the string's last word covers them */
			if (end - p < 8 && end - (const unsigned char *)s >= 8 && plain_ascii8(swar_load(end - 8)))
				p = end;
			while (p < end && plain_ascii(*p))
				p++;
			memcpy(o, run, (size_t)(p - run));
			o += p - run;
			continue;
		}
		if (c >= 0x80) {
			size_t k;
			unichar_decode(p, (size_t)(end - p), &k);
			if (!k)
				return -1;
			memcpy(o, p, k);
			o += k;
			p += k;
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
		}
		p++;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->p);
	return 0;
}

static int put_integer(kb_buf *b, json_int_t v)
{
	char tmp[24], *e = tmp + sizeof tmp, *s = e;
	/* work on the magnitude as unsigned: -INT64_MIN does not fit in a json_int_t */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--s = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--s = '-';
	return kb_buf_put(b, s, (size_t)(e - s));
}

/* A real that "%.15g" prints in fixed notation with at most 6 decimals (the
 * values of records: 28.0101, 3.5): its digits without printf. v is the double
 * nearest to the decimal m / 10^d when that division gives v back (both are
 * correctly rounded); a decimal of at most 15 significant digits that close to
 * v is what rounding v to 15 digits gives, and the smallest d has no trailing
 * zeros, as "%g" drops them. jansson then appends ".0" to an integral value.
 * 0 when written, 1 when v is not such a real (jansson prints it), -1 when out
 * of memory. */
static int put_plain_real(kb_buf *b, double v)
{
	static const double p10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	double a = v < 0 ? -v : v;
	/* "%g" switches to an exponent below 1e-4 and from 1e15; zero keeps its sign */
	if (!(a >= 1e-4 && a < 1e15))
		return 1;
	for (int d = 0; d < 7; d++) {
		double m = nearbyint(a * p10[d]);
		if (m >= 1e15 || m / p10[d] != a)
			continue;
		char dig[24], *de = dig + sizeof dig, *ds = de;
		unsigned long long u = (unsigned long long)m;
		do {
			*--ds = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		int n = (int)(de - ds);
		char tmp[48], *s = tmp, *e = tmp;
		if (v < 0)
			*e++ = '-';
		if (d == 0) { /* integral: jansson's ".0" */
			memcpy(e, ds, (size_t)n);
			e += n;
			memcpy(e, ".0", 2);
			e += 2;
		} else if (n > d) {
			memcpy(e, ds, (size_t)(n - d));
			e += n - d;
			*e++ = '.';
			memcpy(e, ds + n - d, (size_t)d);
			e += d;
		} else {
			*e++ = '0';
			*e++ = '.';
			for (int z = n; z < d; z++)
				*e++ = '0';
			memcpy(e, ds, (size_t)n);
			e += n;
		}
		return kb_buf_put(b, s, (size_t)(e - s)) ? -1 : 0;
	}
	return 1;
}

static int key_cmp(const struct kb_jw_key *a, const struct kb_jw_key *b)
{
	/* most keys differ in their first byte: decide those without a call */
	if (a->len && b->len && a->key[0] != b->key[0])
		return (unsigned char)a->key[0] < (unsigned char)b->key[0] ? -1 : 1;
	int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int key_qsort_cmp(const void *a, const void *b)
{
	return key_cmp(a, b);
}

static int dump(kb_jw *w, const json_t *v, int depth);

static void insertion_sort(struct kb_jw_key *k, size_t n)
{
	for (size_t a = 1; a < n; a++) {
		struct kb_jw_key t = k[a];
		size_t b = a;
		for (; b > 0 && key_cmp(&k[b - 1], &t) > 0; b--)
			k[b] = k[b - 1];
		k[b] = t;
	}
}

/* The key order of the last object seen at a depth of records (the record, the
 * objects in it), per thread: the records of a table are made by the same code,
 * so their objects mostly have the same keys in the same insertion order, and
 * then comparing the keys with the last ones is cheaper than sorting them and
 * looking for escapes again. Fixed size: nothing to free. */
#define SHAPE_KEYS 64
#define SHAPE_KEY_LEN 32
#define SHAPE_DEPTHS 2
/* A member's text before its value, ,"key": (no comma for the first), kept
 * whole per sorted slot so that it is one fixed-size copy */
#define SHAPE_PRE 40
struct shape {
	size_t n;                    /* 0: none yet */
	int plain;                   /* every key printable ASCII without '"' and '\\' */
	unsigned char len[SHAPE_KEYS], perm[SHAPE_KEYS];
	char key[SHAPE_KEYS][SHAPE_KEY_LEN];
	/* when plain, per sorted slot: */
	unsigned char pre_len[SHAPE_KEYS];
	char pre[SHAPE_KEYS][SHAPE_PRE];
};
static _Thread_local struct shape shapes[SHAPE_DEPTHS];

static int shape_matches(const struct shape *sh, const struct kb_jw_key *k, size_t n)
{
	if (sh->n != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (k[i].len != sh->len[i] || memcmp(k[i].key, sh->key[i], k[i].len))
			return 0;
	return 1;
}

static int key_plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!plain_ascii((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Sort the n keys k (in insertion order) as kb_json writes them: in place, or
 * left as they are with *order set to the permutation that sorts them. The shape
 * whose pre[] are the keys' text, when all keys are written as they are (no
 * escapes), else NULL. */
static const struct shape *sort_keys(struct kb_jw_key *k, size_t n, int depth, const unsigned char **order)
{
	struct shape *sh = depth >= 1 && depth <= SHAPE_DEPTHS && n <= SHAPE_KEYS ? &shapes[depth - 1] : NULL;
	*order = NULL;
	if (sh && shape_matches(sh, k, n)) {
		*order = sh->perm; /* the keys stay put: read through the permutation */
		return sh->plain ? sh : NULL;
	}
	for (size_t i = 0; i < n; i++)
		k[i].idx = i;
	if (sh) {
		/* remember this object's shape, when its keys fit */
		sh->n = 0;
		sh->plain = 1;
		for (size_t i = 0; i < n; i++) {
			if (k[i].len >= SHAPE_KEY_LEN) {
				sh = NULL;
				break;
			}
			sh->len[i] = (unsigned char)k[i].len;
			memcpy(sh->key[i], k[i].key, k[i].len);
			sh->plain &= key_plain(k[i].key, k[i].len);
		}
	}
	if (n <= 32)
		insertion_sort(k, n); /* records have a few dozen keys: beats qsort's calls */
	else
		qsort(k, n, sizeof *k, key_qsort_cmp);
	if (!sh)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		sh->perm[i] = (unsigned char)k[i].idx;
		if (sh->plain) {
			char *o = sh->pre[i];
			memset(o, 0, SHAPE_PRE);
			if (i)
				*o++ = ',';
			*o++ = '"';
			memcpy(o, k[i].key, k[i].len);
			o += k[i].len;
			*o++ = '"';
			*o++ = ':';
			sh->pre_len[i] = (unsigned char)(o - sh->pre[i]);
		}
	}
	sh->n = n;
	return sh->plain ? sh : NULL;
}

static int put_u32(kb_buf *b, uint32_t v)
{
	return kb_buf_put(b, &v, sizeof v);
}

/* Append a member's mark (see kb_json.h): offsets from the record's start. 1
 * when one does not fit a u32, 0, or -1 when out of memory. */
static int put_mark(kb_buf *marks, size_t key, size_t val)
{
	if (key > UINT32_MAX || val > UINT32_MAX)
		return 1;
	return put_u32(marks, (uint32_t)key) || put_u32(marks, (uint32_t)val) ? -1 : 0;
}

/* With marks (the record's own object only), each member's offsets go there,
 * taken from w->out's bytes after rec (the record's start); *unmarked is set
 * when they cannot be (a key with escapes, an offset beyond a u32). */
static int dump_object(kb_jw *w, const json_t *v, int depth, kb_buf *marks, size_t rec, int *unmarked)
{
	size_t n = json_object_size(v);
	if (n == 0)
		return kb_buf_put(&w->out, "{}", 2);
	/* this object's keys take the next n slots of the scratch; nested objects
	 * stack theirs above, so slots are addressed by index (realloc may move them) */
	size_t base = w->n_keys;
	if (w->cap_keys - base < n) {
		size_t cap = w->cap_keys ? w->cap_keys : 64;
		while (cap - base < n)
			cap *= 2;
		struct kb_jw_key *k = realloc(w->keys, cap * sizeof *k);
		if (!k)
			return -1;
		w->keys = k;
		w->cap_keys = cap;
	}
	size_t i = 0;
	for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it), i++) {
		w->keys[base + i].key = json_object_iter_key(it);
		w->keys[base + i].len = json_object_iter_key_len(it);
		w->keys[base + i].value = json_object_iter_value(it);
	}
	struct kb_jw_key *k = w->keys + base;
	const unsigned char *order;
	const struct shape *pre = sort_keys(k, n, depth, &order);
	w->n_keys = base + n;
	int rc = kb_buf_putc(&w->out, '{');
	for (i = 0; rc == 0 && i < n; i++) {
		const struct kb_jw_key *e = &w->keys[base + (order ? order[i] : i)];
		size_t key, val;
		if (pre) {
			/* the comma, the key and the colon in one copy of a fixed size */
			if (w->out.cap - w->out.len < SHAPE_PRE && kb_buf_reserve(&w->out, SHAPE_PRE)) {
				rc = -1;
				break;
			}
			memcpy(w->out.p + w->out.len, pre->pre[i], SHAPE_PRE);
			key = w->out.len + (i != 0);
			w->out.len += pre->pre_len[i];
			val = w->out.len;
		} else {
			if (i && kb_buf_putc(&w->out, ',')) {
				rc = -1;
				break;
			}
			key = w->out.len;
			rc = kb_json_string(&w->out, e->key, e->len) || kb_buf_putc(&w->out, ':') ? -1 : 0;
			val = w->out.len;
		}
		if (rc == 0)
			/* most values: no call to dump (which also refuses them past the depth limit) */
			rc = e->value && json_is_string(e->value) && depth < KB_JSON_MAX_DEPTH
				     ? kb_json_string(&w->out, json_string_value(e->value), json_string_length(e->value))
				     : dump(w, e->value, depth + 1);
		if (rc == 0 && marks && !*unmarked) {
			int r = val - key != e->len + 3 ? 1 : put_mark(marks, key - rec, val - rec);
			if (r < 0)
				rc = -1;
			*unmarked = r > 0;
		}
	}
	w->n_keys = base;
	return rc || kb_buf_putc(&w->out, '}') ? -1 : 0;
}

static int dump(kb_jw *w, const json_t *v, int depth)
{
	if (!v || depth > KB_JSON_MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_NULL: return kb_buf_put(&w->out, "null", 4);
	case JSON_TRUE: return kb_buf_put(&w->out, "true", 4);
	case JSON_FALSE: return kb_buf_put(&w->out, "false", 5);
	case JSON_INTEGER: return put_integer(&w->out, json_integer_value(v));
	case JSON_STRING: return kb_json_string(&w->out, json_string_value(v), json_string_length(v));
	case JSON_REAL: {
		int r = put_plain_real(&w->out, json_real_value(v));
		if (r <= 0)
			return r;
		char tmp[128];
		size_t n = json_dumpb(v, tmp, sizeof tmp, KB_JSON_FLAGS | JSON_ENCODE_ANY);
		return n == 0 || n > sizeof tmp ? -1 : kb_buf_put(&w->out, tmp, n);
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		int rc = kb_buf_putc(&w->out, '[');
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = (i && kb_buf_putc(&w->out, ',')) || dump(w, json_array_get(v, i), depth + 1) ? -1 : 0;
		return rc || kb_buf_putc(&w->out, ']') ? -1 : 0;
	}
	case JSON_OBJECT: return dump_object(w, v, depth, NULL, 0, NULL);
	}
	return -1;
}

int kb_json_dump(kb_jw *w, const json_t *v)
{
	return dump(w, v, 0);
}

/* The record of a line, with its marks when asked (marks not NULL): the line's
 * header (its length and member count, filled in at the end) then the members'. */
int kb_json_line_marked(kb_jw *w, const char *table, const json_t *rec, kb_buf *marks)
{
	size_t start = w->out.len, head = marks ? marks->len : 0;
	int unmarked = 0;
	if ((marks && (put_u32(marks, 0) || put_u32(marks, 0))) || kb_buf_put(&w->out, "{\"record\":", 10))
		return -1;
	size_t rec_at = w->out.len;
	if (!marks || !json_is_object(rec) || json_object_size(rec) == 0) {
		unmarked = 1;
		if (dump(w, rec, 1))
			return -1;
	} else if (dump_object(w, rec, 1, marks, rec_at, &unmarked)) {
		return -1;
	}
	if (kb_buf_put(&w->out, ",\"table\":", 9) || kb_json_string(&w->out, table, strlen(table)) ||
	    kb_buf_put(&w->out, "}\n", 2))
		return -1;
	if (!marks)
		return 0;
	size_t len = w->out.len - start, n = (marks->len - head - 8) / 8;
	if (unmarked) {
		marks->len = head + 8; /* the members are walked instead */
		n = KB_MARKS_NONE;
	}
	/* a line too long for its length: 0, which the reader sees as a broken index */
	uint32_t hdr[2] = { len > UINT32_MAX ? 0 : (uint32_t)len, (uint32_t)n };
	memcpy(marks->p + head, hdr, sizeof hdr);
	return 0;
}

int kb_json_line(kb_jw *w, const char *table, const json_t *rec)
{
	return kb_json_line_marked(w, table, rec, NULL);
}
