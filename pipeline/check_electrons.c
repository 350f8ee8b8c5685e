/* check_electrons.c - superatom electron counts stated in the text against the
 * formulas of the same metal core (electron_count_mismatch).
 *
 * A count must sit right next to a formula ("Au25: 8-electron", "8-electron
 * Au25"), so that "a 4-electron transfer" is never read as one. What the
 * formulas give comes from the formula records with a ligand shell (a hydride
 * alone gives no count); a record whose charge is not printed allows a slack of
 * two, since "[Au25(SR)18]" is 7 electrons neutral and 8 as the anion most papers
 * mean.
 */
#include "check_int.h"
#include <litx/formula.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A formula token that ends at `end` (exclusive) or starts at `start`. */
static int token_before(const litx_text *t, size_t lo, size_t end, size_t *ts, size_t *te)
{
	size_t e = end;
	while (e > lo && (t->s[e - 1] == ' ' || t->s[e - 1] == ':' || t->s[e - 1] == ',' || t->s[e - 1] == '(') &&
	       end - e < 4)
		e--;
	size_t b = e;
	while (b > lo && t->s[b - 1] != ' ' && t->s[b - 1] != '(' && t->s[b - 1] != ',')
		b--;
	*ts = b;
	*te = e;
	return e > b;
}

static int token_after(const litx_text *t, size_t start, size_t hi, size_t *ts, size_t *te)
{
	size_t b = start;
	while (b < hi && t->s[b] == ' ' && b - start < 2)
		b++;
	size_t e = b;
	while (e < hi && t->s[e] != ' ' && t->s[e] != ',' && t->s[e] != ';' && t->s[e] != ')')
		e++;
	*ts = b;
	*te = e;
	return e > b;
}

/* How far an unprinted charge can move a superatom count ([Au25(SR)18] is 7
 * neutral, 8 as the anion most papers mean). */
#define CHARGE_SLACK 2

static int describe_token(const litx_text *t, size_t ts, size_t te, chk_formula *f, json_int_t *electrons,
			  int *charged)
{
	/* trim sentence punctuation a formula does not end with */
	while (te > ts && (t->s[te - 1] == '.' || t->s[te - 1] == ':'))
		te--;
	int has_digit = 0;
	for (size_t i = ts; i < te; i++)
		has_digit |= isdigit((unsigned char)t->s[i]) != 0;
	unsigned char c0 = (unsigned char)(t->s[ts] == '[' && ts + 1 < te ? t->s[ts + 1] : t->s[ts]);
	if (te <= ts || !has_digit || !isupper(c0))
		return 0;
	json_t *d = litx_formula_describe(t->s + ts, te - ts);
	if (!d)
		return 0;
	int ok = chk_formula_from_json(d, f);
	snprintf(f->text, sizeof f->text, "%.*s", (int)(te - ts), t->s + ts);
	chk_mention own;
	memset(&own, 0, sizeof own);
	chk_mention_electrons(d, &own);
	*electrons = own.electrons;
	*charged = own.charged;
	json_decref(d);
	return ok;
}

static int electron_word(const litx_text *t, size_t p, size_t se, size_t *after)
{
	size_t q = p;
	size_t d = chk_dash(t->s + q, se - q);
	if (d)
		q += d;
	else if (q < se && t->s[q] == ' ')
		q++;
	if (q < se && t->s[q] == 'e' &&
	    (chk_word_at(t->s, se, q, "electron") || chk_word_at(t->s, se, q, "electrons"))) {
		*after = q + (t->s[q + 8] == 's' ? 9 : 8);
		return 1;
	}
	/* "8e", "8e-" glued to the number */
	if (q == p && q < se && t->s[q] == 'e' && (q + 1 == se || !isalpha((unsigned char)t->s[q + 1]))) {
		*after = q + 1;
		return 1;
	}
	return 0;
}

void chk_electrons(chk_ctx *c, const litx_text *t, const chk_mention *src, size_t n_src)
{
	const char *s = t->s;
	for (size_t i = 0; s && (i = chk_next_digit(s, t->len, i)) < t->len; i++) {
		size_t j = i;
		while (j < t->len && isdigit((unsigned char)s[j]))
			j++;
		/* digits inside a word or a decimal: the whole run is not a count */
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.')) {
			i = j - 1;
			continue;
		}
		size_t after;
		if (j - i > 3 || !electron_word(t, j, t->len, &after)) {
			i = j - 1;
			continue;
		}
		size_t ss, se;
		litx_text_sentence(t, i, &ss, &se);
		/* "a 4-electron transfer / pathway / process" is not a superatom count */
		size_t w = after;
		while (w < se && (s[w] == ' ' || s[w] == '-'))
			w++;
		static const char *const process[] = { "transfer", "pathway", "process", "reduction", "oxidation",
			"reaction", "step", "route", "mechanism", "transferred", "ORR", "OER", NULL };
		int skip = 0;
		for (int k = 0; process[k] && !skip; k++)
			skip = chk_word_at(s, se, w, process[k]);
		long stated = strtol(s + i, NULL, 10);
		chk_formula f;
		json_int_t own = -1;
		int own_charged = 0;
		size_t ts, te;
		int got = 0;
		if (!skip && token_before(t, ss, i, &ts, &te))
			got = describe_token(t, ts, te, &f, &own, &own_charged);
		if (!skip && !got && token_after(t, after, se, &ts, &te))
			got = describe_token(t, ts, te, &f, &own, &own_charged);
		i = j - 1;
		if (!got)
			continue;
		/* what the formulas of this cluster give; an unprinted charge widens it */
		long vals[8];
		int nv = 0, ok = 0;
		uint32_t where = 0;
		const char *what = NULL;
		if (own >= 0) {
			vals[nv++] = (long)own, what = f.text;
			ok |= own_charged ? own == stated : labs((long)own - stated) <= CHARGE_SLACK;
		}
		for (size_t k = 0; k < n_src && nv < 8; k++) {
			if (src[k].electrons < 0 || !chk_formula_same(&f, &src[k].f))
				continue;
			long e = (long)src[k].electrons;
			ok |= src[k].charged ? e == stated : labs(e - stated) <= CHARGE_SLACK;
			int dup = 0;
			for (int m = 0; m < nv; m++)
				dup |= vals[m] == e;
			if (!dup) {
				vals[nv++] = e;
				if (!what)
					what = src[k].f.text, where = src[k].line;
			}
		}
		if (ok || nv == 0)
			continue;
		uint32_t line;
		size_t off;
		litx_text_locate(t, i, &line, &off);
		char want[64] = "";
		size_t used = 0;
		for (int m = 0; m < nv; m++) {
			int wr = snprintf(want + used, sizeof want - used, "%s%ld", m ? " or " : "", vals[m]);
			if (wr > 0 && (size_t)wr < sizeof want - used)
				used += (size_t)wr;
		}
		char found[24];
		snprintf(found, sizeof found, "%ld", stated);
		chk_buf ev = { 0 }, sn = { 0 };
		chk_buf_printf(&ev, "Line %u gives %s %ld superatom electrons, but the formula %s", line, f.text, stated,
			       what);
		if (where)
			chk_buf_printf(&ev, " (line %u)", where);
		chk_buf_printf(&ev, " gives %s superatom electrons.", want);
		chk_buf_putn(&sn, s + ss, se - ss);
		chk_finding fd = { "electron_count_mismatch", "warning", NULL, 0, NULL, line, chk_buf_str(&ev), want,
				   found, chk_buf_str(&sn), NULL, 0 };
		chk_emit(c, &fd);
		if (ev.oom || sn.oom)
			c->oom = 1;
		chk_buf_free(&ev);
		chk_buf_free(&sn);
	}
}

