/* kb_jscan.c - see kb_jscan.h. The check accepts exactly what kb_json (and so
 * jansson with KB_JSON_FLAGS) writes and jansson reads back; anything else is
 * refused, and the caller falls back to jansson, which either reads it (then it
 * is rewritten in kb_json's form) or rejects it as jansson always did. */
#include "kb_jscan.h"
#include "kb_json.h"
#include "unichar.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kb_members_free(kb_members *m)
{
	free(m->v);
	kb_buf_free(&m->keys);
	m->v = NULL;
	m->n = m->cap = 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The byte an escape decodes to (kb_json escapes only ASCII), and its length
 * after the backslash. p points after the backslash. -1 when not one kb_json
 * writes: \/ and lower-case hex are valid JSON but never ours, \u0000 is refused
 * by jansson. */
static int unescape_at(const char *p, const char *end, size_t *len)
{
	*len = 1;
	if (p >= end)
		return -1;
	switch (*p) {
	case '"': return '"';
	case '\\': return '\\';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'u': {
		if (end - p < 5 || p[1] != '0' || p[2] != '0')
			return -1;
		int hi = hexval(p[3]), lo = hexval(p[4]);
		if (hi < 0 || hi > 1 || lo < 0)
			return -1;
		int c = hi * 16 + lo;
		if (c == 0 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
			return -1;
		*len = 5;
		return c;
	}
	default: return -1;
	}
}

/* Check the string whose opening quote is at p; returns the end (past the
 * closing quote) or NULL. *esc tells whether it had escapes. */
static const char *check_string(const char *p, const char *end, int *esc)
{
	*esc = 0;
	for (p++; p < end;) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			p++;
		} else if (c == '"') {
			return p + 1;
		} else if (c == '\\') {
			size_t k;
			if (unescape_at(p + 1, end, &k) < 0)
				return NULL;
			*esc = 1;
			p += 1 + k;
		} else if (c >= 0x80) {
			size_t k;
			unichar_decode((const unsigned char *)p, (size_t)(end - p), &k);
			if (!k)
				return NULL;
			p += k;
		} else {
			return NULL;
		}
	}
	return NULL;
}

/* Compare two checked string texts (with quotes) by their decoded bytes. */
static int string_cmp(kb_span a, int a_esc, kb_span b, int b_esc)
{
	if (!a_esc && !b_esc)
		return kb_key_cmp(a.p + 1, a.n - 2, b.p + 1, b.n - 2);
	const char *p = a.p + 1, *pe = a.p + a.n - 1, *q = b.p + 1, *qe = b.p + b.n - 1;
	while (p < pe && q < qe) {
		size_t k1 = 0, k2 = 0;
		int c1 = *p == '\\' ? unescape_at(p + 1, pe, &k1) : (unsigned char)*p;
		int c2 = *q == '\\' ? unescape_at(q + 1, qe, &k2) : (unsigned char)*q;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		p += 1 + k1;
		q += 1 + k2;
	}
	return (p < pe) - (q < qe);
}

int kb_jscan_plain_real(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	if (p < end && *p == '-')
		p++;
	const char *ip = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	size_t int_digits = (size_t)(p - ip);
	if (int_digits == 0 || int_digits > 15 || (ip[0] == '0' && int_digits > 1) || p >= end || *p != '.')
		return 0;
	const char *fp = ++p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	size_t frac_digits = (size_t)(p - fp);
	if (p != end || frac_digits == 0)
		return 0;
	if (frac_digits == 1 && fp[0] == '0')
		return 1; /* an integral value: "%.15g" then ".0" */
	if (fp[frac_digits - 1] == '0')
		return 0; /* "%g" drops trailing zeros */
	size_t sig = int_digits + frac_digits;
	if (ip[0] == '0') {
		/* 0.000ddd: the zeros are not significant, and from 1e-5 down "%g"
		 * switches to an exponent */
		size_t z = 0;
		while (z < frac_digits && fp[z] == '0')
			z++;
		if (z > 3)
			return 0;
		sig = frac_digits - z;
	}
	return sig <= 15;
}

int kb_jscan_number_g15(const char *s, size_t n, char *out, size_t cap)
{
	size_t digits = n - (n && s[0] == '-');
	int integer = 1;
	for (size_t i = 0; i < n; i++)
		integer &= (s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '-');
	size_t keep = 0;
	if (integer && digits >= 1 && digits <= 15)
		keep = n; /* a double holds it exactly, and "%.15g" prints all its digits */
	else if (kb_jscan_plain_real(s, n))
		keep = n - (n >= 2 && !memcmp(s + n - 2, ".0", 2) ? 2 : 0);
	if (keep) {
		if (keep >= cap)
			return -1;
		memcpy(out, s, keep);
		out[keep] = '\0';
		return (int)keep;
	}
	char num[128];
	if (n >= sizeof num)
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	int k = snprintf(out, cap, "%.15g", strtod(num, NULL));
	return k < 0 || (size_t)k >= cap ? -1 : k;
}

/* A number: integers as kb_json prints a json_int_t, reals exactly as kb_json
 * prints the double they read as. */
static const char *check_number(const char *p, const char *end)
{
	const char *s = p;
	int real = 0;
	while (p < end && ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' || *p == 'e' ||
			   *p == 'E')) {
		real |= *p == '.' || *p == 'e' || *p == 'E';
		p++;
	}
	size_t n = (size_t)(p - s);
	char tmp[128];
	if (n == 0 || n >= sizeof tmp)
		return NULL;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (!real) {
		const char *d = tmp + (tmp[0] == '-');
		size_t nd = strlen(d);
		if (nd == 0 || (d[0] == '0' && (nd > 1 || tmp[0] == '-')))
			return NULL;
		for (size_t i = 0; i < nd; i++)
			if (d[i] < '0' || d[i] > '9')
				return NULL;
		if (nd >= 19) {
			char *e;
			errno = 0;
			strtoll(tmp, &e, 10);
			if (errno || *e)
				return NULL;
		}
		return p;
	}
	if (kb_jscan_plain_real(tmp, n))
		return p;
	/* any other form: let jansson print the double back and compare */
	char *e;
	errno = 0;
	double d = strtod(tmp, &e);
	if (*e || errno == ERANGE)
		return NULL;
	json_t *r = json_real(d);
	char back[128];
	size_t bn = r ? json_dumpb(r, back, sizeof back, KB_JSON_FLAGS | JSON_ENCODE_ANY) : 0;
	json_decref(r);
	return bn == n && !memcmp(back, tmp, n) ? p : NULL;
}

static const char *check_value(const char *p, const char *end, int depth);

static const char *check_object(const char *p, const char *end, int depth)
{
	p++;
	if (p < end && *p == '}')
		return p + 1;
	kb_span prev = { NULL, 0 };
	int prev_esc = 0;
	for (;;) {
		int esc;
		if (p >= end || *p != '"')
			return NULL;
		const char *k = check_string(p, end, &esc);
		if (!k)
			return NULL;
		kb_span key = { p, (size_t)(k - p) };
		if (prev.p && string_cmp(prev, prev_esc, key, esc) >= 0)
			return NULL;
		prev = key;
		prev_esc = esc;
		if (k >= end || *k != ':' || !(p = check_value(k + 1, end, depth + 1)))
			return NULL;
		if (p < end && *p == '}')
			return p + 1;
		if (p >= end || *p != ',')
			return NULL;
		p++;
	}
}

static const char *check_value(const char *p, const char *end, int depth)
{
	if (p >= end || depth > KB_JSON_MAX_DEPTH)
		return NULL;
	int esc;
	switch (*p) {
	case '"': return check_string(p, end, &esc);
	case '{': return check_object(p, end, depth);
	case '[':
		p++;
		if (p < end && *p == ']')
			return p + 1;
		for (;;) {
			if (!(p = check_value(p, end, depth + 1)))
				return NULL;
			if (p < end && *p == ']')
				return p + 1;
			if (p >= end || *p != ',')
				return NULL;
			p++;
		}
	case 'n': return end - p >= 4 && !memcmp(p, "null", 4) ? p + 4 : NULL;
	case 't': return end - p >= 4 && !memcmp(p, "true", 4) ? p + 4 : NULL;
	case 'f': return end - p >= 5 && !memcmp(p, "false", 5) ? p + 5 : NULL;
	default: return check_number(p, end);
	}
}

int kb_jscan_check(const char *s, size_t n)
{
	return check_value(s, s + n, 0) == s + n ? 0 : -1;
}

/* The closing quote of the string whose text starts at p (after its opening
 * quote), or end. memchr finds each quote; one with an odd run of backslashes
 * before it is escaped. The run never reaches before p: p follows a quote. */
static const char *string_close(const char *p, const char *end)
{
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return end;
		size_t bs = 0;
		while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
			bs++;
		if (!(bs & 1))
			return q;
		p = q + 1;
	}
	return end;
}

const char *kb_jscan_skip(const char *p, const char *end)
{
	if (p < end && *p != '"' && *p != '{' && *p != '[') {
		/* a number or literal: runs to the next delimiter */
		while (p < end && *p != ',' && *p != '}' && *p != ']')
			p++;
		return p;
	}
	int depth = 0;
	while (p < end) {
		char c = *p++;
		if (c == '"') {
			p = string_close(p, end);
			if (p < end)
				p++;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
		if (depth <= 0)
			return p;
	}
	return end;
}

int kb_jscan_string(kb_span str, kb_buf *b)
{
	const char *p = str.p + 1, *end = str.p + str.n - 1;
	while (p < end) {
		const char *bs = memchr(p, '\\', (size_t)(end - p));
		if (!bs)
			return kb_buf_put(b, p, (size_t)(end - p));
		if (kb_buf_put(b, p, (size_t)(bs - p)))
			return -1;
		size_t k;
		int c = unescape_at(bs + 1, end, &k);
		if (kb_buf_putc(b, (char)(c < 0 ? '?' : c)))
			return -1;
		p = bs + 1 + k;
	}
	return 0;
}

int kb_members_read(kb_members *m, kb_span obj, int check)
{
	const char *p = obj.p, *end = obj.p + obj.n;
	m->n = 0;
	m->keys.len = 0;
	if (p >= end || *p != '{')
		return -1;
	p++;
	if (p < end && *p == '}')
		return p + 1 == end ? 0 : -1;
	int prev_esc = 0, any_esc = 0;
	for (;;) {
		int esc = 0;
		if (p >= end || *p != '"')
			return -1;
		const char *k;
		if (check) {
			if (!(k = check_string(p, end, &esc)))
				return -1;
			if (m->n && string_cmp(m->v[m->n - 1].key, prev_esc, (kb_span){ p, (size_t)(k - p) }, esc) >= 0)
				return -1;
		} else {
			k = p + 1;
			while (k < end && *k != '"') {
				esc |= *k == '\\';
				k += *k == '\\' && end - k >= 2 ? 2 : 1;
			}
			if (k >= end)
				return -1;
			k++;
		}
		if (k >= end || *k != ':')
			return -1;
		const char *v = k + 1, *ve = check ? check_value(v, end, 1) : kb_jscan_skip(v, end);
		if (!ve || ve == v)
			return -1;
		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 32;
			kb_member *nv = realloc(m->v, cap * sizeof *nv);
			if (!nv)
				return -1;
			m->v = nv;
			m->cap = cap;
		}
		/* for now the key with its quotes: decoded below, once the order is checked */
		m->v[m->n++] = (kb_member){ { p, (size_t)(k - p) }, { v, (size_t)(ve - v) } };
		prev_esc = esc;
		any_esc |= esc;
		p = ve;
		if (p < end && *p == '}') {
			if (p + 1 != end)
				return -1;
			break;
		}
		if (p >= end || *p != ',')
			return -1;
		p++;
	}
	/* keys without escapes are their text between the quotes; the others are
	 * decoded into m->keys, reserved first so that it does not move meanwhile
	 * (decoding never makes a string longer) */
	if (any_esc) {
		size_t total = 0;
		for (size_t i = 0; i < m->n; i++)
			total += m->v[i].key.n;
		if (kb_buf_reserve(&m->keys, total))
			return -1;
	}
	for (size_t i = 0; i < m->n; i++) {
		kb_span *key = &m->v[i].key;
		if (any_esc && memchr(key->p, '\\', key->n)) {
			size_t off = m->keys.len;
			if (kb_jscan_string(*key, &m->keys))
				return -1;
			key->p = m->keys.p + off;
			key->n = m->keys.len - off;
		} else {
			key->p += 1;
			key->n -= 2;
		}
	}
	return 0;
}

const kb_span *kb_members_get(const kb_members *m, const char *key)
{
	size_t kn = strlen(key), lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = kb_key_cmp(m->v[mid].key.p, m->v[mid].key.n, key, kn);
		if (c == 0)
			return &m->v[mid].val;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The decoded bytes of the string text str (with quotes): in place when it has
 * no escapes, else decoded into *scratch. NULL when out of memory. */
static const char *load_string(kb_span str, kb_buf *scratch, size_t *n)
{
	if (!memchr(str.p + 1, '\\', str.n - 2)) {
		*n = str.n - 2;
		return str.p + 1;
	}
	scratch->len = 0;
	if (kb_jscan_string(str, scratch) || kb_buf_putc(scratch, '\0'))
		return NULL;
	*n = scratch->len - 1;
	return scratch->p;
}

/* A number as jansson reads it: a real when it has a fraction or an exponent. */
static json_t *load_number(const char *p, const char *e)
{
	char tmp[128];
	size_t n = (size_t)(e - p);
	if (n == 0 || n >= sizeof tmp)
		return NULL;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	if (memchr(tmp, '.', n) || memchr(tmp, 'e', n) || memchr(tmp, 'E', n))
		return json_real(strtod(tmp, NULL));
	return json_integer((json_int_t)strtoll(tmp, NULL, 10));
}

static json_t *load_value(const char **pp, const char *end, kb_buf *scratch);

static json_t *load_object(const char **pp, const char *end, kb_buf *scratch)
{
	const char *p = *pp + 1;
	json_t *o = json_object();
	while (o && p < end && *p == '"') {
		const char *k = string_close(p + 1, end);
		size_t kn;
		const char *key = k < end ? load_string((kb_span){ p, (size_t)(k + 1 - p) }, scratch, &kn) : NULL;
		/* the key is copied by jansson before scratch is reused by the value */
		char *kcopy = key == scratch->p ? strndup(key, kn) : NULL;
		p = k + 2; /* past the quote and the colon */
		json_t *v = key && (key != scratch->p || kcopy) ? load_value(&p, end, scratch) : NULL;
		if (!v || json_object_setn_new_nocheck(o, kcopy ? kcopy : key, kn, v)) {
			free(kcopy);
			json_decref(o);
			return NULL;
		}
		free(kcopy);
		if (p < end && *p == ',')
			p++;
	}
	if (!o || p >= end || *p != '}') {
		json_decref(o);
		return NULL;
	}
	*pp = p + 1;
	return o;
}

static json_t *load_array(const char **pp, const char *end, kb_buf *scratch)
{
	const char *p = *pp + 1;
	json_t *a = json_array();
	while (a && p < end && *p != ']') {
		json_t *v = load_value(&p, end, scratch);
		if (!v || json_array_append_new(a, v)) {
			json_decref(a);
			return NULL;
		}
		if (p < end && *p == ',')
			p++;
	}
	if (!a || p >= end) {
		json_decref(a);
		return NULL;
	}
	*pp = p + 1;
	return a;
}

/* The value at *pp; *pp moves past it. */
static json_t *load_value(const char **pp, const char *end, kb_buf *scratch)
{
	const char *p = *pp;
	if (p >= end)
		return NULL;
	switch (*p) {
	case '{': return load_object(pp, end, scratch);
	case '[': return load_array(pp, end, scratch);
	case '"': {
		const char *q = string_close(p + 1, end);
		size_t n;
		const char *s = q < end ? load_string((kb_span){ p, (size_t)(q + 1 - p) }, scratch, &n) : NULL;
		*pp = q + 1;
		return s ? json_stringn_nocheck(s, n) : NULL;
	}
	default: {
		const char *e = kb_jscan_skip(p, end);
		*pp = e;
		switch (*p) {
		case 'n': return json_null();
		case 't': return json_true();
		case 'f': return json_false();
		default: return load_number(p, e);
		}
	}
	}
}

json_t *kb_jscan_load(const char *s, size_t n)
{
	kb_buf scratch = { NULL, 0, 0 };
	const char *p = s;
	json_t *v = load_value(&p, s + n, &scratch);
	kb_buf_free(&scratch);
	if (v && p != s + n) {
		json_decref(v);
		v = NULL;
	}
	return v;
}
