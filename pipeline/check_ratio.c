/* check_ratio.c - 'N times higher' ratios recomputed from the two values they
 * compare (ratio_mismatch).
 *
 * Ratios are read from the sentence itself, not from the metrics records, since
 * what is checked is the arithmetic of what is printed: the ratio numbers before
 * "times" or "fold", the values with units before them and the values after
 * "than"/"that of"/"those of". Values pair by unit ("5.25 A mg-1 and 5.98 mA cm-2,
 * 9.7 and 3.4 times higher than 0.54 A mg-1 and 1.74 mA cm-2" pairs A mg with
 * A mg), and a ratio agrees when it lies within the rounding of the three printed
 * numbers (5.25/0.54 may be anything from 5.245/0.545 to 5.255/0.535). Hedged
 * ratios ("about 10 times", "more than 3 times") and sentences without the
 * compared values are left alone.
 */
#include "check_int.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sentence tokens --------------------------------------------------- */

typedef struct qty {
	double v;
	int dec;            /* digits after the decimal point */
	size_t start, end;  /* the number */
	char unit[24];      /* "A mg", "mA cm", "%": sub/superscripts left out */
} qty;

static int in_script(const litx_text *t, size_t off, size_t *end)
{
	const litx_span *s = litx_text_span_at(t, off, LITX_SPAN_SUB);
	if (!s)
		s = litx_text_span_at(t, off, LITX_SPAN_SUP);
	if (s && end)
		*end = s->end;
	return s != NULL;
}

static int is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = { "and", "or", "of", "the", "to", "at", "in", "for", "vs",
		"was", "is", "are", "by", "as", "with", "than", "that", "from", "on", "an", "a", "NCs",
		"NC", "its", "it", "be", "were", "has", "had", "also", "only", "over", "up", "per", NULL };
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], w, n))
			return 1;
	return 0;
}

/* Is w[0..n) a unit word: parts between '/' short ("mA", "cm", "mV/dec") or a
 * known longer unit? */
static int unit_word(const char *w, size_t n)
{
	static const char *const longer[] = { "umol", "mmol", "nmol", "mol", "dec", "min", "hour", "hours",
		"day", "days", "ppm", "Ohm", NULL };
	if (!n || is_stopword(w, n))
		return 0;
	size_t a = 0;
	while (a < n) {
		size_t b = a;
		while (b < n && w[b] != '/')
			b++;
		if (b - a > 3) {
			int known = 0;
			for (int k = 0; longer[k] && !known; k++)
				known = strlen(longer[k]) == b - a && !memcmp(longer[k], w + a, b - a);
			if (!known)
				return 0;
		}
		a = b + 1;
	}
	return 1;
}

/* The unit after a number at s[q]: up to three short words, sub/superscripts
 * skipped ("5.25 A mg<sub>AuPd</sub><sup>-1</sup> mass activity" gives "A mg"). */
static void read_unit(const litx_text *t, size_t q, size_t lim, char *unit, size_t cap)
{
	size_t used = 0;
	unit[0] = '\0';
	for (int words = 0; words < 3 && q < lim; words++) {
		size_t sp = q;
		while (sp < lim && t->s[sp] == ' ' && sp - q < 1)
			sp++;
		if (sp < lim && t->s[sp] == '%') {
			if (!used && cap > 1)
				unit[used++] = '%';
			break;
		}
		char w[32];
		size_t wl = 0, p = sp;
		while (p < lim) {
			size_t e;
			if (in_script(t, p, &e) && e > p) {
				p = e;
				continue;
			}
			unsigned char ch = (unsigned char)t->s[p];
			if (isalpha(ch) || ch == '/') {
				if (wl + 1 < sizeof w)
					w[wl++] = (char)ch;
				p++;
			} else if ((ch == 0xCE && p + 1 < lim && (unsigned char)t->s[p + 1] == 0xBC) ||
				   (ch == 0xC2 && p + 1 < lim && (unsigned char)t->s[p + 1] == 0xB5)) {
				if (wl + 1 < sizeof w)
					w[wl++] = 'u';
				p += 2;
			} else {
				break;
			}
		}
		if (!unit_word(w, wl) || used + wl + 2 > cap)
			break;
		if (used)
			unit[used++] = ' ';
		memcpy(unit + used, w, wl);
		used += wl;
		q = p;
	}
	unit[used] = '\0';
}

/* Numbers of [st, en) not inside a formula or a sub/superscript. */
static size_t read_numbers(const litx_text *t, size_t st, size_t en, qty *out, size_t max)
{
	size_t n = 0;
	const char *s = t->s;
	for (size_t i = st; i < en && n < max; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		if (i > st && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '_' ||
			       s[i - 1] == '^' || (unsigned char)s[i - 1] >= 0x80)) {
			while (i < en && (isdigit((unsigned char)s[i]) || s[i] == '.'))
				i++;
			continue;
		}
		if (in_script(t, i, NULL))
			continue;
		size_t j = i;
		while (j < en && isdigit((unsigned char)s[j]))
			j++;
		int dec = 0;
		if (j + 1 < en && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
			j++;
			while (j < en && isdigit((unsigned char)s[j]))
				j++, dec++;
		}
		qty *q = &out[n++];
		char tmp[48];
		size_t len = j - i < sizeof tmp - 1 ? j - i : sizeof tmp - 1;
		memcpy(tmp, s + i, len);
		tmp[len] = '\0';
		q->v = strtod(tmp, NULL);
		q->dec = dec;
		q->start = i;
		q->end = j;
		read_unit(t, j, en, q->unit, sizeof q->unit);
		i = j - 1;
	}
	return n;
}

/* ---- ratios ------------------------------------------------------------ */

static double ulp_half(int dec)
{
	return 0.5 * pow(10, -dec);
}

/* Can a/b (or b/a) be r, given the rounding of all three? */
static int ratio_agrees(const qty *a, const qty *b, const qty *r, double *got)
{
	double alo = a->v - ulp_half(a->dec), ahi = a->v + ulp_half(a->dec);
	double blo = b->v - ulp_half(b->dec), bhi = b->v + ulp_half(b->dec);
	double rlo = r->v - ulp_half(r->dec), rhi = r->v + ulp_half(r->dec);
	if (blo <= 0 || alo <= 0)
		return 1;
	double x = a->v / b->v, y = b->v / a->v;
	*got = x >= 1 || r->v < 1 ? x : y;
	if (alo / bhi <= rhi && ahi / blo >= rlo)
		return 1;
	if (blo / ahi <= rhi && bhi / alo >= rlo)
		return 1;
	return 0;
}

static void fmt_like(double v, int dec, char *buf, size_t cap)
{
	snprintf(buf, cap, "%.*f", dec + 1, v);
}

static void emit_ratio(chk_ctx *c, const litx_text *t, size_t ss, size_t se, const qty *a, const qty *b,
		       const qty *r, double got)
{
	uint32_t line;
	size_t off;
	litx_text_locate(t, r->start, &line, &off);
	char want[32], printed[32];
	fmt_like(got, r->dec, want, sizeof want);
	snprintf(printed, sizeof printed, "%.*f", r->dec, r->v);
	chk_buf ev = { 0 }, sn = { 0 };
	chk_buf_printf(&ev, "Line %u says '%s times' for %.*f %s against %.*f %s, but %.*f / %.*f = %s "
		       "(not %s even allowing for rounding).", line, printed, a->dec, a->v, a->unit, b->dec,
		       b->v, b->unit, a->dec, a->v, b->dec, b->v, want, printed);
	chk_buf_putn(&sn, t->s + ss, se - ss);
	chk_finding fd = { "ratio_mismatch", "warning", NULL, 0, NULL, line, chk_buf_str(&ev), want, printed,
			   chk_buf_str(&sn), NULL, 0 };
	chk_emit(c, &fd);
	if (ev.oom || sn.oom)
		c->oom = 1;
	chk_buf_free(&ev);
	chk_buf_free(&sn);
}

#define MAXQ 64

static void ratio_sentence(chk_ctx *c, const litx_text *t, size_t ss, size_t se, size_t word)
{
	qty q[MAXQ];
	size_t nq = read_numbers(t, ss, se, q, MAXQ);
	/* the ratio numbers: a chain of numbers ending right before the word */
	size_t last = nq;
	for (size_t i = 0; i < nq; i++) {
		size_t k = q[i].end;
		while (k < word && (t->s[k] == ' ' || t->s[k] == '-'))
			k++;
		if (k == word)
			last = i;
	}
	if (last == nq)
		return;
	size_t first = last;
	while (first > 0) {
		size_t k = q[first - 1].end;
		while (k < q[first].start && (t->s[k] == ' ' || t->s[k] == ','))
			k++;
		if (k + 3 <= q[first].start && !strncmp(t->s + k, "and", 3))
			k += 3;
		else if (k + 2 <= q[first].start && !strncmp(t->s + k, "or", 2))
			k += 2;
		while (k < q[first].start && t->s[k] == ' ')
			k++;
		if (k != q[first].start)
			break;
		first--;
	}
	size_t k_ratios = last - first + 1;
	/* hedged ratios ("about 10 times") are not recomputed */
	size_t pre = q[first].start;
	static const char *const hedge[] = { "about", "approximately", "nearly", "almost", "roughly",
		"around", "over", "than", "least", "up to", "ca.", "~", "≈", "∼", NULL };
	for (int h = 0; hedge[h]; h++) {
		size_t l = strlen(hedge[h]);
		size_t p = pre;
		while (p > ss && t->s[p - 1] == ' ')
			p--;
		if (p >= ss + l && !strncmp(t->s + p - l, hedge[h], l))
			return;
	}
	/* the comparison: "than", "that of", "those of", "compared" after the word */
	size_t than = 0;
	for (size_t i = word; i < se && i < word + 80 && !than; i++)
		if (chk_word_at(t->s, se, i, "than") || chk_word_at(t->s, se, i, "compared") ||
		    chk_word_at(t->s, se, i, "relative") || chk_word_at(t->s, se, i, "that") ||
		    chk_word_at(t->s, se, i, "those"))
			than = i;
	if (!than)
		return;
	qty A[MAXQ], B[MAXQ];
	size_t na = 0, nb = 0;
	for (size_t i = 0; i < nq; i++) {
		if (!q[i].unit[0])
			continue;
		if (i < first)
			A[na++] = q[i];
		else if (q[i].start > than)
			B[nb++] = q[i];
	}
	if (!nb || !na || nb < k_ratios)
		return;
	for (size_t r = 0; r < k_ratios; r++) {
		const qty *b = &B[r];
		/* among the ratios whose values share b's unit, b is number u_r of u_k;
		 * "x and y, which are m and n times higher than p and q" pairs x-m-p */
		size_t u_k = 0, u_r = 0;
		for (size_t o = 0; o < k_ratios; o++)
			if (!strcmp(B[o].unit, b->unit)) {
				if (o < r)
					u_r++;
				u_k++;
			}
		const qty *cand[MAXQ];
		size_t nc = 0;
		for (size_t i = 0; i < na; i++)
			if (!strcmp(A[i].unit, b->unit))
				cand[nc++] = &A[i];
		const qty *a = nc >= u_k ? cand[nc - u_k + u_r] : NULL;
		if (!a)
			continue;
		double got;
		if (!ratio_agrees(a, b, &q[first + r], &got))
			emit_ratio(c, t, ss, se, a, b, &q[first + r], got);
	}
}

void chk_ratios(chk_ctx *c, const litx_text *t)
{
	const char *s = t->s;
	if (!s)
		return;
	/* the occurrences of both words in text order, each a whole word */
	size_t n = t->len, at_times = chk_find(s, n, 0, "times"), at_fold = chk_find(s, n, 0, "fold");
	while (at_times < n || at_fold < n) {
		size_t i;
		const char *w;
		if (at_times < at_fold) {
			i = at_times, w = "times";
			at_times = chk_find(s, n, i + 1, w);
		} else {
			i = at_fold, w = "fold";
			at_fold = chk_find(s, n, i + 1, w);
		}
		if (!chk_word_at(s, n, i, w))
			continue;
		size_t ss, se;
		litx_text_sentence(t, i, &ss, &se);
		ratio_sentence(c, t, ss, se, i);
	}
}

