/* script_squeeze.c - the white-space rules around sub/superscripts (see
 * script_squeeze.h), shared by the text and JATS readers so that both formats
 * of one article give the same text.
 *
 * The script spans are collected and sorted once; "does a script start here" and
 * "is this byte inside a script" are binary searches over them. The deletions
 * are collected, sorted and applied in one compaction, and every span and anchor
 * offset is remapped by a binary search over the sorted deletions, so the pass
 * is O(n + k log k) for a text of n bytes with k scripts. */
#include "script_squeeze.h"
#include <stdlib.h>
#include <string.h>

typedef struct script_iv iv;

void script_scratch_free(script_scratch *sc)
{
	free(sc->del);
	free(sc->iv);
	memset(sc, 0, sizeof *sc);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_iv(const void *a, const void *b)
{
	const iv *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Index of the last interval starting at or before q, or -1. */
static long last_at_or_before(const iv *v, size_t n, size_t q)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= q)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

static int starts_at(const iv *v, size_t n, size_t q)
{
	long i = last_at_or_before(v, n, q);
	return i >= 0 && v[i].start == q;
}

/* Is q inside a script? Only the last four intervals starting at or before q are
 * looked at (scripts nest rarely), which keeps the test O(log k). */
static int inside(const iv *v, size_t n, size_t q)
{
	long i = last_at_or_before(v, n, q);
	for (int k = 0; i >= 0 && k < 4; i--, k++)
		if (v[i].end > q)
			return 1;
	return 0;
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Does the text at p continue the formula a subscript just ended? */
static int continues(const char *s, size_t len, size_t p, const iv *v, size_t n)
{
	if (p >= len)
		return 0;
	if (starts_at(v, n, p))
		return 1;
	unsigned char ch = (unsigned char)s[p];
	if (ch == '(' || ch == '[') {
		unsigned char close = ch == '(' ? ')' : ']';
		int depth = 0, spaces = 0, low = 0, maxlow = 0;
		for (size_t q = p; q < len && q < p + 64; q++) {
			unsigned char x = (unsigned char)s[q];
			if (x == ch) {
				depth++;
			} else if (x == close) {
				if (--depth == 0)
					return !(spaces && maxlow >= 3);
			} else if (is_digit(x) && !inside(v, n, q)) {
				return 0;
			}
			if (x == ' ')
				spaces = 1;
			if (is_lower(x)) {
				if (++low > maxlow)
					maxlow = low;
			} else {
				low = 0;
			}
		}
		return 0;
	}
	if (!is_upper(ch))
		return 0;
	size_t q = p;
	while (q < len && is_upper((unsigned char)s[q])) {
		q++;
		if (q < len && is_lower((unsigned char)s[q]) && !starts_at(v, n, q))
			q++;
		if (starts_at(v, n, q))
			return 1;
	}
	if (q == len) /* "H2 O", "SC2H4 Ph", "C17H14 NP" end a formula; a plural
		       * abbreviation ("Au25 NCs", "Pt NPs") ends a sentence */
		return !(q - p >= 3 && s[q - 1] == 's' && is_upper((unsigned char)s[q - 2]));
	return s[q] == ')' || s[q] == ']' || s[q] == '(' || s[q] == '[';
}

/* New offset of old offset p once the sorted deletions d[0..n) are gone. */
static size_t remap(const size_t *d, size_t n, size_t p)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return p - lo;
}

static int is_script(const litx_span *sp)
{
	return (sp->kind == LITX_SPAN_SUB || sp->kind == LITX_SPAN_SUP) && sp->start < sp->end;
}

void script_squeeze(tbuf *tb, script_scratch *sc)
{
	if (tb->failed || tb->len == 0 || !tb->s)
		return;
	char *s = tb->s;
	size_t len = tb->len, n = 0, nd = 0;
	/* spans lose their edge spaces; collect the scripts */
	for (size_t i = 0; i < tb->n_spans; i++) {
		litx_span *sp = &tb->spans[i];
		if (sp->end == (size_t)-1 || sp->end > len)
			sp->end = len;
		while (sp->start < sp->end && s[sp->start] == ' ')
			sp->start++;
		while (sp->end > sp->start && s[sp->end - 1] == ' ')
			sp->end--;
		if (is_script(sp)) {
			if (n == sc->cap_iv &&
			    tbuf_grow((void **)&sc->iv, &sc->cap_iv, n + 1, sizeof *sc->iv)) {
				tb->failed = 1;
				return;
			}
			sc->iv[n++] = (iv){ sp->start, sp->end };
		}
	}
	if (n == 0)
		return;
	iv *v = sc->iv;
	qsort(v, n, sizeof *v, cmp_iv);
	for (size_t i = 0; i < tb->n_spans; i++) {
		const litx_span *sp = &tb->spans[i];
		if (!is_script(sp))
			continue;
		if (nd + 2 > sc->cap_del &&
		    tbuf_grow((void **)&sc->del, &sc->cap_del, nd + 2, sizeof *sc->del)) {
			tb->failed = 1;
			return;
		}
		if (sp->start > 0 && s[sp->start - 1] == ' ')
			sc->del[nd++] = sp->start - 1;
		if (sp->kind == LITX_SPAN_SUB && sp->end < len && s[sp->end] == ' ' &&
		    continues(s, len, sp->end + 1, v, n))
			sc->del[nd++] = sp->end;
	}
	if (nd == 0)
		return;
	size_t *d = sc->del, u = 0;
	qsort(d, nd, sizeof *d, cmp_size);
	for (size_t i = 0; i < nd; i++)
		if (u == 0 || d[u - 1] != d[i])
			d[u++] = d[i];
	size_t w = 0, k = 0;
	for (size_t r = 0; r < len; r++) {
		if (k < u && d[k] == r) {
			k++;
			continue;
		}
		s[w++] = s[r];
	}
	s[w] = '\0';
	tb->len = w;
	for (size_t i = 0; i < tb->n_spans; i++) {
		tb->spans[i].start = remap(d, u, tb->spans[i].start);
		tb->spans[i].end = remap(d, u, tb->spans[i].end);
	}
	for (size_t i = 0; i < tb->n_anchors; i++)
		tb->anchors[i].text_off = remap(d, u, tb->anchors[i].text_off);
}
