/* jats_squeeze.c - the last step of every JATS text: spans lose the white space at
 * their edges, and the white space around sub/superscripts goes the way the shared
 * rules say, so "Au<sub>4</sub> Pd<sub>2</sub> (SR)<sub>8</sub>" reads "Au4Pd2(SR)8"
 * as the text reader makes of "Au ₄ Pd ₂ (SR) ₈":
 *  - a space directly before a SUB or SUP span is dropped;
 *  - a space after a SUB span is dropped when the next thing continues the formula:
 *    another sub/superscript, a bracket with no plain digits in it ("(SR)", not
 *    "(2019)" or "(see below)"), or element symbols followed by a subscript or a
 *    bracket ("Pd<sub>2</sub>", "AgO]"); a word such as "NCs" or "and" keeps it.
 * The text is compacted in place and span and anchor offsets are shifted by the
 * number of bytes dropped before them (binary search over the sorted deletions),
 * so the pass is O(n + k log k) for k scripts. */
#include "jats.h"
#include <stdlib.h>
#include <string.h>

typedef jats_iv iv;

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *q = realloc(*p, nc * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = nc;
	return 0;
}

void jats_scratch_free(jats_scratch *sc)
{
	free(sc->del);
	free(sc->starts);
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

static int inside(const iv *v, size_t n, size_t q)
{
	long i = last_at_or_before(v, n, q);
	for (int k = 0; i >= 0 && k < 4; i--, k++)
		if (v[i].end > q)
			return 1;
	return 0;
}

static int is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }

/* Does the text at p continue the formula a subscript just ended? */
static int continues(const char *s, size_t len, size_t p, const iv *v, size_t n)
{
	if (p >= len)
		return 0;
	if (starts_at(v, n, p))
		return 1;
	char ch = s[p];
	if (ch == '(' || ch == '[') {
		char close = ch == '(' ? ')' : ']';
		int depth = 0, spaces = 0, low = 0, maxlow = 0;
		for (size_t q = p; q < len && q < p + 64; q++) {
			char x = s[q];
			if (x == ch) {
				depth++;
			} else if (x == close) {
				if (--depth == 0)
					return !(spaces && maxlow >= 3);
			} else if (x >= '0' && x <= '9' && !inside(v, n, q)) {
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
	while (q < len && is_upper(s[q])) {
		q++;
		if (q < len && is_lower(s[q]) && !starts_at(v, n, q))
			q++;
		if (starts_at(v, n, q))
			return 1;
	}
	if (q == len) /* "H2 O" ends a formula; "Au25 NCs" ends a sentence */
		return q - p == 1;
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

void jats_squeeze(tbuf *tb, jats_scratch *sc)
{
	if (tb->failed || tb->len == 0 || !tb->s)
		return;
	char *s = tb->s;
	size_t len = tb->len;
	iv *v;
	size_t n = 0;
	sc->n_del = 0;
	/* spans lose their edge spaces; collect the scripts */
	for (size_t i = 0; i < tb->n_spans; i++) {
		litx_span *sp = &tb->spans[i];
		if (sp->end == (size_t)-1 || sp->end > len)
			sp->end = len;
		while (sp->start < sp->end && s[sp->start] == ' ')
			sp->start++;
		while (sp->end > sp->start && s[sp->end - 1] == ' ')
			sp->end--;
		if ((sp->kind == LITX_SPAN_SUB || sp->kind == LITX_SPAN_SUP) && sp->start < sp->end) {
			if (grow((void **)&sc->starts, &sc->cap_starts, n + 1, sizeof(iv)))
				return;
			v = sc->starts;
			v[n++] = (iv){ sp->start, sp->end };
		}
	}
	if (n == 0)
		return;
	v = sc->starts;
	qsort(v, n, sizeof *v, cmp_iv);
	for (size_t i = 0; i < tb->n_spans; i++) {
		const litx_span *sp = &tb->spans[i];
		if ((sp->kind != LITX_SPAN_SUB && sp->kind != LITX_SPAN_SUP) || sp->start >= sp->end)
			continue;
		if (grow((void **)&sc->del, &sc->cap_del, sc->n_del + 2, sizeof(size_t)))
			return;
		if (sp->start > 0 && s[sp->start - 1] == ' ')
			sc->del[sc->n_del++] = sp->start - 1;
		if (sp->kind == LITX_SPAN_SUB && sp->end < len && s[sp->end] == ' ' &&
		    continues(s, len, sp->end + 1, v, n))
			sc->del[sc->n_del++] = sp->end;
	}
	if (sc->n_del == 0)
		return;
	size_t *d = sc->del, nd = 0;
	qsort(d, sc->n_del, sizeof *d, cmp_size);
	for (size_t i = 0; i < sc->n_del; i++)
		if (nd == 0 || d[nd - 1] != d[i])
			d[nd++] = d[i];
	size_t w = 0, k = 0;
	for (size_t r = 0; r < len; r++) {
		if (k < nd && d[k] == r) {
			k++;
			continue;
		}
		s[w++] = s[r];
	}
	s[w] = '\0';
	tb->len = w;
	for (size_t i = 0; i < tb->n_spans; i++) {
		tb->spans[i].start = remap(d, nd, tb->spans[i].start);
		tb->spans[i].end = remap(d, nd, tb->spans[i].end);
	}
	for (size_t i = 0; i < tb->n_anchors; i++)
		tb->anchors[i].text_off = remap(d, nd, tb->anchors[i].text_off);
}
