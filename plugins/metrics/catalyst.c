/* catalyst.c - which material a value belongs to. Candidates are the formula-like
 * tokens of a block that hold a metal ("Pt1Au24", "Au12Ag32/TiO2", "NiFe", "Pt/C";
 * acronyms such as "SWV" or "OWS" that happen to spell elements are left out). For
 * a value the rules are tried in order, most specific first:
 *   1. a label written before it: "Co-complex: 700 s-1", "Au38 : 2";
 *   2. "respectively": the n-th name of a list of as many names as values;
 *   3. a value opening a parenthesis after a name or a comparison:
 *      "than that of Au25 (8000 s-1)", "superior to natural enzymes (~100 mV)";
 *   4. the subject of the clause: the nearest numbered or composite name before the
 *      value in its clause (clauses open at "; ", ", whereas", ", while", ", but",
 *      ", and" ...), else one written after the value in that clause ("whereas
 *      only 41% was obtained over Au38"), else the nearest before it in the
 *      sentence - never a comparison target nor a name inside a closed
 *      parenthesis - joined with its support when the clause says so ("when it is
 *      loaded on NiFe LDH" gives "Au15Ag23/NiFe LDH");
 *   5. the catalyst carried from earlier in the paragraph;
 *   6. a bare element ("Pt") as the last resort.
 * Names are kept as written, with PDF debris mended ("Au– Fe1" -> "Au–Fe1");
 * the candidates themselves come from names.c. */
#include "mx.h"
#include <stdio.h>
#include <string.h>

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* Skip back over spaces from pos. */
static size_t back_ws(const char *s, size_t floor, size_t pos)
{
	while (pos > floor && is_space(s[pos - 1]))
		pos--;
	return pos;
}

/* Rule 1: "Label: value" / "Label : value". */
static int label_before(const litx_text *t, size_t ss, size_t vpos, char *buf, size_t cap)
{
	const char *s = t->s;
	size_t p = back_ws(s, ss, vpos);
	if (p <= ss || s[p - 1] != ':')
		return 0;
	p = back_ws(s, ss, p - 1);
	size_t e = p;
	while (p > ss && !is_space(s[p - 1]) && s[p - 1] != '(' && s[p - 1] != ',' && s[p - 1] != ';')
		p--;
	if (e <= p || e - p > 40)
		return 0;
	/* a label names something: it starts with a letter or a bracket */
	char c = s[p];
	if (!(is_upper(c) || is_lower(c) || c == '[' || (unsigned char)c >= 0x80))
		return 0;
	mx_copy_name(s, p, e, buf, cap);
	return 1;
}

/* "290 mV (Au25)": a name alone in the parenthesis right after the value. */
static int name_after(const mx_state *st, const char *s, size_t se, size_t end, char *buf,
		      size_t cap)
{
	size_t p = end;
	while (p < se && is_space(s[p]))
		p++;
	if (p >= se || s[p] != '(')
		return 0;
	for (size_t k = 0; k < st->cands.n; k++) {
		const mx_cand *c = &st->cands.v[k];
		if (c->start < p + 1)
			continue;
		if (c->start > p + 1)
			break;
		if (c->end < se && s[c->end] == ')') {
			mx_copy_name(s, c->start, c->end, buf, cap);
			return 1;
		}
		break;
	}
	return 0;
}

/* Words allowed between the names of one list. */
static int list_gap(const char *s, size_t a, size_t b)
{
	static const char *const W[] = { "and", "or", "NCs", "NC", "clusters", "cluster",
		"the", "commercial", "bare", "pristine", "nanoclusters" };
	size_t i = a;
	int joiner = 0;
	while (i < b) {
		if (is_space(s[i]) || s[i] == ',') {
			joiner |= s[i] == ',';
			i++;
			continue;
		}
		size_t w = i;
		while (i < b && !is_space(s[i]) && s[i] != ',')
			i++;
		int ok = 0;
		for (size_t k = 0; k < sizeof W / sizeof *W; k++)
			if (strlen(W[k]) == i - w && memcmp(W[k], s + w, i - w) == 0) {
				ok = 1;
				joiner |= k < 2;
			}
		if (!ok)
			return 0;
	}
	return joiner;
}

/* Rule 2: the list of exactly n names nearest to the value, comparison or not as
 * asked. Returns the index of its first candidate, or -1. */
static long find_list(mx_state *st, const litx_text *t, size_t ss, size_t se, size_t vpos,
		      size_t n, int comparison)
{
	long best = -1;
	size_t best_d = (size_t)-1;
	size_t k = 0;
	while (k < st->cands.n) {
		const mx_cand *c = &st->cands.v[k];
		if (c->start < ss || c->end > se || mx_cand_comparison(st, t->s, k) != comparison) {
			k++;
			continue;
		}
		size_t m = k + 1;
		while (m < st->cands.n && st->cands.v[m].end <= se &&
		       list_gap(t->s, st->cands.v[m - 1].end, st->cands.v[m].start))
			m++;
		if (m - k == n) {
			size_t a = c->start, b = st->cands.v[m - 1].end;
			size_t d = vpos > b ? vpos - b : a > vpos ? a - vpos : 0;
			if (d < best_d) {
				best_d = d;
				best = (long)k;
			}
		}
		k = m;
	}
	return best;
}

/* The noun phrase ending at e: back over words until a function word. */
static void phrase_before(const char *s, size_t floor, size_t e, char *buf, size_t cap)
{
	static const char *const STOP[] = { "than", "to", "of", "with", "that", "those", "the",
		"other", "and", "or", "by", "for", "in", "on", "a", "an", "over", "compared",
		"which", "is", "are", "was", "were", "as", "such" };
	size_t p = back_ws(s, floor, e);
	size_t end = p, start = p;
	int words = 0;
	while (p > floor && words < 5) {
		size_t we = p;
		while (p > floor && !is_space(s[p - 1]) && s[p - 1] != ',' && s[p - 1] != ';' &&
		       s[p - 1] != '(' && s[p - 1] != ')')
			p--;
		size_t ws = p;
		int stop = 0;
		for (size_t k = 0; k < sizeof STOP / sizeof *STOP; k++)
			if (strlen(STOP[k]) == we - ws && memcmp(STOP[k], s + ws, we - ws) == 0)
				stop = 1;
		if (stop || we == ws)
			break;
		start = ws;
		words++;
		if (p > floor && !is_space(s[p - 1]))
			break;
		p = back_ws(s, floor, p);
	}
	if (end > start)
		mx_copy_name(s, start, end, buf, cap);
	else if (cap)
		buf[0] = '\0';
}

/* The '(' a value list starts right after: "(0.54 A mg-1 and 1.74 mA cm-2)" for
 * either value. Returns the position after '(' or 0. */
static size_t paren_list_open(const mx_state *st, const char *s, size_t ss, size_t vpos)
{
	size_t p = back_ws(s, ss, vpos);
	/* "Pt/C (η10 = 35 mV)": a symbol and '=' before the value */
	if (p > ss && s[p - 1] == '=') {
		size_t q = back_ws(s, ss, p - 1), w = q;
		while (w > ss && !is_space(s[w - 1]) && s[w - 1] != '(')
			w--;
		if (w < q && w > ss && s[w - 1] == '(')
			return w;
	}
	for (int guard = 0; guard < MX_MAX_VALUES; guard++) {
		if (p > ss && s[p - 1] == '(')
			return p;
		/* a joiner: ",", "and", "or" */
		if (p > ss && s[p - 1] == ',')
			p--;
		else if (p >= ss + 4 && memcmp(s + p - 4, " and", 4) == 0)
			p -= 3;
		else if (p >= ss + 3 && memcmp(s + p - 3, " or", 3) == 0)
			p -= 2;
		else
			return 0;
		p = back_ws(s, ss, p);
		if (p > ss && s[p - 1] == ',')
			p = back_ws(s, ss, p - 1);
		/* a value before the joiner */
		long found = -1;
		for (size_t k = 0; k < st->qtys.n; k++)
			if (st->qtys.v[k].q.end == p && st->qtys.v[k].q.start >= ss)
				found = (long)k;
		if (found < 0)
			return 0;
		p = back_ws(s, ss, st->qtys.v[found].q.start);
	}
	return 0;
}

/* Rule 3: a value that opens a parenthesis. */
static int paren_name(mx_state *st, const litx_text *t, size_t ss, size_t vpos, char *buf,
		      size_t cap)
{
	const char *s = t->s;
	size_t p = paren_list_open(st, s, ss, vpos);
	if (!p)
		return 0;
	size_t e = back_ws(s, ss, p - 1);
	/* "Au25 (8000 s-1)", "Au25 NCs (…)" */
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > e || c->start < ss)
			continue;
		if (c->end == e || list_gap(s, c->end, e) || (e - c->end <= 5 && memmem(s + c->end, e - c->end, "NC", 2))) {
			mx_copy_name(s, c->start, c->end, buf, cap);
			return 1;
		}
		break;
	}
	size_t cs = mx_clause_start(s, ss, e);
	if (!mx_comparison_before(s, cs, e))
		return 0;
	phrase_before(s, cs, e, buf, cap);
	return buf[0] != '\0';
}

/* "loaded on X" between the subject and the value: the support phrase. */
static int support_after(const char *s, size_t a, size_t b, size_t *ps, size_t *pe)
{
	static const char *const V[] = { "loaded on ", "loaded onto ", "supported on ",
		"deposited on ", "anchored on ", "anchored onto ", "immobilized on ",
		"immobilised on ", "grown on ", "dispersed on " };
	static const char *const END[] = { "whose", "which", "that", "to", "for", "with", "and",
		"as", "via", "by", "in", "at", "shows", "show", "exhibits", "displays" };
	for (size_t i = 0; i < sizeof V / sizeof *V; i++) {
		const char *m = b > a ? memmem(s + a, b - a, V[i], strlen(V[i])) : NULL;
		if (!m)
			continue;
		size_t p = (size_t)(m - s) + strlen(V[i]);
		if (b - p > 4 && memcmp(s + p, "the ", 4) == 0)
			p += 4;
		size_t q = p, last = p;
		int words = 0;
		while (q < b && words < 6) {
			size_t w = q;
			while (q < b && !is_space(s[q]) && s[q] != ',' && s[q] != ';' && s[q] != '(' &&
			       s[q] != ')')
				q++;
			int stop = 0;
			for (size_t k = 0; k < sizeof END / sizeof *END; k++)
				if (strlen(END[k]) == q - w && memcmp(END[k], s + w, q - w) == 0)
					stop = 1;
			if (stop || q == w)
				break;
			last = q;
			words++;
			if (q < b && !is_space(s[q]))
				break;
			while (q < b && is_space(s[q]))
				q++;
		}
		if (last > p) {
			*ps = p;
			*pe = last;
			return 1;
		}
	}
	return 0;
}

/* Where the clause that starts before pos ends: at the next clause opening, or se. */
static size_t clause_end(const char *s, size_t pos, size_t se)
{
	for (size_t i = pos; i < se; i++)
		if (s[i] == ';' || (s[i] == ',' && mx_clause_open(s, i, i + 16 < se ? i + 16 : se) > i))
			return i;
	return se;
}

/* Rule 4: the nearest strong name before vpos that is the subject, not a
 * comparison target or an aside in parentheses. Returns its index or -1. */
static long subject_before(mx_state *st, const char *s, size_t ss, size_t vpos, int strong)
{
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > vpos)
			continue;
		if (c->start < ss)
			break;
		if (c->strong != strong || mx_cand_comparison(st, s, k))
			continue;
		if (c->in_paren && c->paren_close < vpos)
			continue;
		return (long)k;
	}
	return -1;
}

void mx_catalyst_for(mx_state *st, const litx_text *t, size_t ss, size_t se, mx_draft *d,
		     const mx_qty *q, const char *carry)
{
	const char *s = t->s;
	const mx_value *v = &q->q.v[d->vi];
	size_t vpos = v->qstart;
	d->catalyst[0] = '\0';
	/* 1. a label: "Co-complex: 700 s-1", or after: "290 mV (Au25)" */
	if (label_before(t, ss, vpos, d->catalyst, sizeof d->catalyst) ||
	    name_after(st, s, se, q->q.end, d->catalyst, sizeof d->catalyst))
		return;
	/* the first value of a list carries the list's lead-in */
	size_t lead = q->q.v[0].qstart;
	/* 2. respectively */
	if (q->q.n >= 2 && strcmp(d->metric ? d->metric : "", "ratio") != 0 &&
	    memmem(s + ss, se - ss, "respectively", 12)) {
		long k = find_list(st, t, ss, se, lead, q->q.n, 0);
		if (k >= 0) {
			const mx_cand *c = &st->cands.v[(size_t)k + (size_t)d->vi];
			mx_copy_name(s, c->start, c->end, d->catalyst, sizeof d->catalyst);
			return;
		}
	}
	/* 3. a parenthesis opened by the value */
	if (paren_name(st, t, ss, lead, d->catalyst, sizeof d->catalyst))
		return;
	/* 4. the subject of the value's clause, with its support: the nearest name
	 * before the value in its clause, else a name after it in the clause ("...,
	 * whereas only 41% was obtained over Au38"), else the nearest before */
	size_t co = mx_clause_open(s, ss, lead);
	long k = subject_before(st, s, co, lead, 1);
	if (k < 0 && co > ss) {
		size_t ce = clause_end(s, v->end, se);
		for (size_t j = 0; j < st->cands.n; j++) {
			const mx_cand *c = &st->cands.v[j];
			if (c->start >= v->end && c->end <= ce && c->strong && !c->in_paren &&
			    !mx_cand_comparison(st, s, j)) {
				k = (long)j;
				break;
			}
		}
	}
	if (k < 0)
		k = subject_before(st, s, ss, lead, 1);
	if (k < 0) {
		/* "... 250 mV was reached by Au25": a name after the value */
		for (size_t j = 0; j < st->cands.n; j++) {
			const mx_cand *c = &st->cands.v[j];
			if (c->start >= v->end && c->end <= se && c->strong && !mx_cand_comparison(st, s, j)) {
				k = (long)j;
				break;
			}
		}
	}
	/* "when it is loaded on NiFe LDH, whose overpotential ...": the subject joined with
	 * its support, unless a new subject comes after the support */
	size_t ps, pe;
	if (support_after(s, ss, lead, &ps, &pe) && (k < 0 || st->cands.v[k].start < pe)) {
		long h = k;
		while (h >= 0 && (st->cands.v[h].start >= ps || mx_cand_comparison(st, s, (size_t)h) ||
				  !st->cands.v[h].strong || st->cands.v[h].start < ss))
			h--;
		char host[100];
		if (h >= 0)
			mx_copy_name(s, st->cands.v[h].start, st->cands.v[h].end, host, sizeof host);
		else if (carry && *carry)
			snprintf(host, sizeof host, "%s", carry);
		else
			host[0] = '\0';
		if (host[0]) {
			char sup[58];
			mx_copy_name(s, ps, pe, sup, sizeof sup);
			snprintf(d->catalyst, sizeof d->catalyst, "%s/%s", host, sup);
			return;
		}
	}
	if (k >= 0) {
		mx_copy_name(s, st->cands.v[k].start, st->cands.v[k].end, d->catalyst,
			     sizeof d->catalyst);
		return;
	}
	/* 5. carried over */
	if (carry && *carry) {
		snprintf(d->catalyst, sizeof d->catalyst, "%s", carry);
		return;
	}
	/* 6. a bare element */
	k = subject_before(st, s, ss, lead, 0);
	if (k >= 0)
		mx_copy_name(s, st->cands.v[k].start, st->cands.v[k].end, d->catalyst,
			     sizeof d->catalyst);
}

int mx_last_subject(mx_state *st, const litx_text *t, size_t ss, size_t se, char *buf, size_t cap)
{
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > se)
			continue;
		if (c->start < ss)
			break;
		if (c->strong && !c->in_paren && !mx_cand_comparison(st, t->s, k)) {
			mx_copy_name(t->s, c->start, c->end, buf, cap);
			return 1;
		}
	}
	return 0;
}

/* The thing compared against after "than" / "compared to" following the value. */
void mx_compared_to(mx_state *st, const litx_text *t, size_t se, mx_draft *d, const mx_qty *q)
{
	(void)st;
	const char *s = t->s;
	static const char *const CUES[] = { "than ", "compared to ", "compared with ",
		"relative to ", "versus ", "vs. ", "over ", " that of ", " those of " };
	size_t from = q->q.end, best = se;
	size_t cl = 0;
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++) {
		const char *m = se > from ? memmem(s + from, se - from, CUES[i], strlen(CUES[i])) : NULL;
		if (m && (size_t)(m - s) < best) {
			best = (size_t)(m - s);
			cl = strlen(CUES[i]);
		}
	}
	d->compared_to[0] = '\0';
	if (best >= se)
		return;
	size_t p = best + cl;
	static const char *const SKIP[] = { "that of ", "those of ", "the ", "that for ", "those for " };
	for (size_t i = 0; i < sizeof SKIP / sizeof *SKIP; i++)
		if (se - p > strlen(SKIP[i]) && memcmp(s + p, SKIP[i], strlen(SKIP[i])) == 0)
			p += strlen(SKIP[i]);
	size_t e = p;
	while (e < se && s[e] != ',' && s[e] != ';' && s[e] != '(' && s[e] != ')' && s[e] != '[' &&
	       !litx_text_span_at(t, e, LITX_SPAN_CITE)) {
		if (se - e > 4 && (memcmp(s + e, " in ", 4) == 0 || memcmp(s + e, " at ", 4) == 0))
			break;
		if (se - e > 5 && memcmp(s + e, " for ", 5) == 0)
			break;
		e++;
	}
	while (e > p && (s[e - 1] == '.' || is_space(s[e - 1])))
		e--;
	if (e <= p)
		return;
	/* a list paired with the values in order */
	if (q->q.n >= 2) {
		size_t items[MX_MAX_VALUES + 1][2];
		size_t n = 0, a = p;
		for (size_t i = p; i <= e && n < MX_MAX_VALUES; i++) {
			size_t jl = 0;
			if (i == e)
				jl = 0;
			else if (e - i >= 5 && memcmp(s + i, " and ", 5) == 0)
				jl = 5;
			else if (e - i >= 4 && memcmp(s + i, " or ", 4) == 0)
				jl = 4;
			else if (e - i >= 2 && memcmp(s + i, ", ", 2) == 0)
				jl = 2;
			else
				continue;
			items[n][0] = a;
			items[n][1] = i;
			n++;
			a = i + jl;
			if (i == e)
				break;
			i += jl - 1;
		}
		if (n == q->q.n) {
			mx_copy_name(s, items[d->vi][0], items[d->vi][1], d->compared_to,
				     sizeof d->compared_to);
			return;
		}
	}
	mx_copy_name(s, p, e, d->compared_to, sizeof d->compared_to);
}
