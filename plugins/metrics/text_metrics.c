/* text_metrics.c - metrics in running text, one sentence at a time. Every number
 * with a unit is read (quantity.h); what is written around it decides its role
 * (role.c):
 *   - a condition: "at 10 mA cm-2", "to reach 10 mA cm-2", "at η = 650 mV" - it is
 *     attached to the nearest value of the sentence (at_current_density,
 *     at_potential, at_overpotential);
 *   - a reference: "relative to -0.82 V" - dropped;
 *   - otherwise a value, whose metric is the keyword written right next to it
 *     ("η = 125 mV", "a 246 mV low overpotential"), else the nearest keyword before
 *     it in the sentence that takes its kind of unit ("the k_obs ... 121000 s-1 ...
 *     higher than that of Au25 (8000 s-1)"), else what its unit implies on its own
 *     (mV dec-1 is a Tafel slope, "N times higher" a ratio).
 * Numbers inside citations, subscripts and superscripts are never values. The
 * catalyst of a value may come from an earlier sentence of the paragraph; that is
 * the only state carried between sentences. */
#include "mx.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "simd.h"

/* A new clause between a and b: "; ", ", while", ", whereas", ", but". */
static int clause_break(const char *s, size_t a, size_t b)
{
	static const char *const B[] = { "; ", ", while ", ", whereas ", ", but ", " while the " };
	for (size_t i = 0; i < sizeof B / sizeof *B; i++)
		if (b > a && memmem(s + a, b - a, B[i], strlen(B[i])))
			return 1;
	return 0;
}

typedef struct sentence_ctx {
	const litx_doc *doc;
	const litx_text *t;
	int section;
	litx_sink *sink;
	char carry[160];      /* the catalyst of the paragraph so far */
	size_t carry_pos;     /* where it was set */
	size_t win_ss;        /* the long sentence being read in windows, SIZE_MAX when none */
	size_t win_a, win_b;  /* its current window */
} sentence_ctx;

/* A sentence longer than this is read in windows of about this many bytes. Real
 * sentences are a few hundred bytes; a table flattened into text, or a list with
 * no full stop, makes one of many KB, and since every value looks at its whole
 * sentence (cues, keywords, clauses) that would cost the square of its length. */
#define MX_WINDOW 2048

/* The end of the window that starts at `from` in a sentence ending at se: at a
 * clause break ("; ", ", ") in its second half, else at a space, else at a
 * character boundary. */
static size_t window_end(const char *s, size_t from, size_t se)
{
	if (se - from <= MX_WINDOW)
		return se;
	size_t e = from + MX_WINDOW, half = from + MX_WINDOW / 2, space = 0;
	for (size_t k = e; k > half; k--) {
		if ((s[k - 1] == ';' || s[k - 1] == ',') && s[k] == ' ')
			return k + 1;
		if (!space && s[k] == ' ')
			space = k + 1;
	}
	if (space)
		return space;
	while (e < se && ((unsigned char)s[e] & 0xC0) == 0x80)
		e++;
	return e;
}

/* Narrow [*ss, *se) to the window holding `at` when the sentence is long. The
 * windows tile the sentence from its start, so each value is in exactly one. */
static void sentence_window(sentence_ctx *cx, size_t at, size_t *ss, size_t *se)
{
	if (*se - *ss <= MX_WINDOW)
		return;
	const char *s = cx->t->s;
	if (cx->win_ss != *ss || at < cx->win_a) {
		cx->win_ss = *ss;
		cx->win_a = *ss;
		cx->win_b = window_end(s, *ss, *se);
	}
	while (at >= cx->win_b && cx->win_b < *se) {
		cx->win_a = cx->win_b;
		cx->win_b = window_end(s, cx->win_a, *se);
	}
	*ss = cx->win_a;
	*se = cx->win_b;
}

/* One sentence: quantities [q0, q1) of st->qtys. */
static int do_sentence(mx_state *st, sentence_ctx *cx, size_t ss, size_t se, size_t q0, size_t q1)
{
	const litx_text *t = cx->t;
	st->drafts.n = 0;
	/* a subject named since the last value replaces the carried catalyst */
	char subj[160];
	if (mx_last_subject(st, t, cx->carry_pos, ss, subj, sizeof subj)) {
		snprintf(cx->carry, sizeof cx->carry, "%s", subj);
		cx->carry_pos = ss;
	}
	for (size_t qi = q0; qi < q1; qi++) {
		mx_qty *q = &st->qtys.v[qi];
		mx_lead L;
		mx_analyse_lead(st, t, ss, q, &L);
		q->cond = L.cond;
		q->cond_eta = L.cond_eta;
		q->reference = L.reference;
		if (!L.cond && mx_applied_after(t->s, se, q->q.end))
			q->cond = L.cond = 1;
		if (L.reference || L.cond || q->q.unit.cls == MX_OTHER)
			continue;

		const char *implied = NULL;
		long h = mx_pick_metric(st, t, ss, se, q, &L, &implied);
		if (h == -1)
			continue;
		if (h >= 0 && mx_rules[st->hits.v[h].rule].kind == MX_KW_COND) {
			q->cond = 1; /* "applied current density of 10 mA cm-2" */
			continue;
		}
		int change = q->q.n == 1 && q->q.v[0].range && mx_changed_from(t->s, ss, q->q.v[0].qstart);
		for (size_t vi = 0; vi < q->q.n + (size_t)change; vi++) {
			mx_value split;
			const mx_value *v = &q->q.v[change ? 0 : vi];
			if (change) {
				/* "increased from 120 h-1 to 860 h-1": before and after, not a range */
				split = *v;
				split.range = 0;
				split.v = vi == 0 ? v->v : (v->v == v->lo ? v->hi : v->lo);
				v = &split;
			}
			/* "0.86 V, 30 mV more positive than that of Pt/C": the 30 mV is a
			 * difference (a ratio "5 times higher than" is kept) */
			if (q->q.unit.cls != MX_TIMES &&
			    mx_difference_after(t->s, se, v->uend > v->end ? v->uend : v->end))
				continue;
			mx_draft *d;
			if (!MX_PUSH(st->drafts, d))
				return -1;
			memset(d, 0, sizeof *d);
			d->metric = h >= 0 ? mx_rules[st->hits.v[h].rule].metric : implied;
			d->hit = h >= 0 ? (int)h : -1;
			d->cls = q->q.unit.cls;
			d->value = v->v * v->factor;
			d->range = v->range;
			d->vmin = v->lo * v->factor;
			d->vmax = v->hi * v->factor;
			d->qual = v->qual;
			d->vstart = v->start;
			d->vend = v->end;
			if (v->uend > v->ustart) {
				d->uw = t->s + v->ustart;
				d->uwn = v->uend - v->ustart;
			}
			if (q->q.unit.basis_end > q->q.unit.basis_start) {
				d->bw = t->s + q->q.unit.basis_start;
				d->bwn = q->q.unit.basis_end - q->q.unit.basis_start;
			}
			d->canon = q->q.unit.canon;
			d->scale = q->q.unit.scale;
			d->qi = (int)qi;
			d->vi = change ? 0 : (int)vi;
			double cd;
			if (h >= 0 && !strcmp(d->metric, "overpotential") && mx_eta_subscript(t, &st->hits.v[h], &cd)) {
				d->has_cd = 1;
				d->at_cd = cd;
			}
		}
	}
	if (!st->drafts.n)
		return 0;
	/* conditions go to the nearest value before them in their clause, else the
	 * first after */
	for (size_t qi = q0; qi < q1; qi++) {
		const mx_qty *q = &st->qtys.v[qi];
		if (!q->cond)
			continue;
		mx_class cls = q->q.unit.cls;
		if (cls != MX_CURRENT_DENSITY && cls != MX_POTENTIAL)
			continue;
		long target = -1;
		for (size_t k = 0; k < st->drafts.n; k++) {
			const mx_draft *d = &st->drafts.v[k];
			size_t a = d->vstart < q->q.start ? d->vend : q->q.end;
			size_t b = d->vstart < q->q.start ? q->q.start : d->vstart;
			if (clause_break(t->s, a, b))
				continue;
			if (d->vstart < q->q.start || target < 0)
				target = (long)k;
		}
		if (target < 0)
			continue;
		/* "The overpotentials at 10 mA cm-2 were 290 mV (Au25), 320 mV (Ag25) ...": a
		 * condition before its values holds for each of them */
		if (st->drafts.v[target].vstart > q->q.start) {
			const char *m = st->drafts.v[target].metric;
			for (size_t k = (size_t)target; k < st->drafts.n; k++) {
				mx_draft *d = &st->drafts.v[k];
				if (strcmp(d->metric, m) || clause_break(t->s, q->q.end, d->vstart))
					break;
				double val = q->q.v[0].v * q->q.v[0].factor;
				if (cls == MX_CURRENT_DENSITY && !d->has_cd) {
					d->has_cd = 1;
					d->at_cd = val;
				} else if (cls == MX_POTENTIAL && !q->cond_eta && !d->has_pot &&
					   strcmp(d->metric, "overpotential")) {
					d->has_pot = 1;
					d->at_pot = val;
					d->at_pot_scale = q->q.unit.scale;
				}
			}
			continue;
		}
		int tq = st->drafts.v[target].qi;
		/* "230 and 290 mV to deliver 10 and 100 mA cm-2": paired in order */
		int paired = q->q.n > 1 && q->q.n == st->qtys.v[tq].q.n;
		for (size_t k = 0; k < st->drafts.n; k++) {
			mx_draft *d = &st->drafts.v[k];
			if (d->qi != tq)
				continue;
			const mx_value *cv = &q->q.v[paired ? (size_t)d->vi : 0];
			double val = cv->v * cv->factor;
			if (cls == MX_CURRENT_DENSITY && !d->has_cd) {
				d->has_cd = 1;
				d->at_cd = val;
			} else if (cls == MX_POTENTIAL && q->cond_eta && !d->has_eta) {
				d->has_eta = 1;
				d->at_eta = val * 1000;
			} else if (cls == MX_POTENTIAL && !q->cond_eta && !d->has_pot &&
				   strcmp(d->metric, "overpotential")) {
				d->has_pot = 1;
				d->at_pot = val;
				d->at_pot_scale = q->q.unit.scale;
			}
		}
	}
	/* "0.85 V vs. RHE, while that of Au38/C is 0.81 V": the scale is said once */
	const char *scale = NULL;
	for (size_t k = 0; k < st->drafts.n; k++)
		if (st->drafts.v[k].cls == MX_POTENTIAL && st->drafts.v[k].scale && !scale)
			scale = st->drafts.v[k].scale;
	for (size_t k = 0; scale && k < st->drafts.n; k++)
		if (st->drafts.v[k].cls == MX_POTENTIAL && !st->drafts.v[k].scale &&
		    strcmp(st->drafts.v[k].metric, "overpotential") && strcmp(st->drafts.v[k].metric, "cell_voltage") &&
		    strcmp(st->drafts.v[k].metric, "potential_gap") && strcmp(st->drafts.v[k].metric, "homo_lumo_gap"))
			st->drafts.v[k].scale = scale;
	const char *title = NULL;
	if (cx->section >= 0 && (size_t)cx->section < cx->doc->n_sections)
		title = cx->doc->sections[cx->section].title;
	/* "an NH3 yield of 21.2 μg h-1 mg-1 and FE of 11.3%": one product per sentence */
	const char *product = NULL;
	for (size_t k = 0; k < st->drafts.n; k++) {
		mx_draft *d = &st->drafts.v[k];
		mx_product_for(t, ss, se, d->hit >= 0 ? &st->hits.v[d->hit] : NULL,
			       st->qtys.v[d->qi].q.end, d);
		if (d->product[0] && !product)
			product = d->product;
	}
	for (size_t k = 0; product && k < st->drafts.n; k++) {
		mx_draft *d = &st->drafts.v[k];
		if (!d->product[0] && (!strcmp(d->metric, "faradaic_efficiency") ||
				       !strcmp(d->metric, "partial_current_density")))
			snprintf(d->product, sizeof d->product, "%s", product);
	}
	unsigned sentence_products = mx_sentence_products(st->drafts.v, st->drafts.n);
	for (size_t k = 0; k < st->drafts.n; k++) {
		mx_draft *d = &st->drafts.v[k];
		const mx_qty *q = &st->qtys.v[d->qi];
		mx_catalyst_for(st, t, ss, se, d, q, cx->carry);
		if (!strcmp(d->metric, "ratio"))
			mx_compared_to(st, t, se, d, q);
		mx_rx_where w = { ss, se, d->vstart, d->metric, d->product, sentence_products, title,
				  cx->doc->meta.title };
		d->reaction = mx_reaction_for(st, t, &w);
		if (mx_emit_draft(cx->doc, t, cx->section, d, cx->sink))
			return -1;
		if (d->catalyst[0]) {
			snprintf(cx->carry, sizeof cx->carry, "%s", d->catalyst);
			cx->carry_pos = se;
		}
	}
	return 0;
}

static int has_digit(const litx_text *t)
{
	return simd_find_range(t->s, 0, t->len, '0', '9') < t->len;
}

/* The first byte from i that may start a number (NUM_LEAD below), len when none. */
static size_t next_lead(const unsigned char *u, size_t i, size_t len, const unsigned char *lead)
{
#ifdef LITX_SSE2
	/* '+' to '9' holds every ASCII lead ('+', '-', '.', digits) and ',' '/'
	 * besides, which the table then turns down */
	while (i + 16 <= len) {
		__m128i v = simd_load(u + i);
		unsigned m = simd_range(v, '+', '9') | simd_eq(v, (char)0xE2);
		while (m) {
			size_t k = i + simd_first(m);
			if (lead[u[k]])
				return k;
			m &= m - 1;
		}
		i += 16;
	}
#endif
	while (i < len && !lead[u[i]])
		i++;
	return i;
}

/* Could this quantity be the value or condition of a metric? */
static int may_be_metric(const mx_quantity *q)
{
	switch (q->unit.cls) {
	case MX_NONE:
		/* a count: electron-transfer numbers are small */
		for (size_t i = 0; i < q->n; i++)
			if (q->v[i].v > 0 && q->v[i].v <= 8)
				return 1;
		return 0;
	case MX_LENGTH: case MX_TEMPERATURE: case MX_PRESSURE: case MX_CONCENTRATION:
	case MX_MASS: case MX_OTHER:
		return 0;
	default:
		return 1;
	}
}

/* Inside a citation, subscript or superscript? */
static int in_skipped_span(const litx_text *t, size_t pos)
{
	return litx_text_span_at(t, pos, LITX_SPAN_CITE) || litx_text_span_at(t, pos, LITX_SPAN_SUP) ||
	       litx_text_span_at(t, pos, LITX_SPAN_SUB);
}

int mx_text_metrics(mx_state *st, const litx_doc *doc, const litx_text *t, int section,
		    litx_sink *sink)
{
	/* the text is valid UTF-8 (the core's guarantee): PCRE2 runs unchecked */
	if (!t->s || !t->len || !has_digit(t))
		return 0;
	st->qtys.n = 0;
	/* only a digit, a sign or a point (0xE2: the lead of a Unicode minus or dash)
	 * can start a number: the bytes in between are skipped with one lookup each */
	static const unsigned char NUM_LEAD[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
		['7'] = 1, ['8'] = 1, ['9'] = 1, ['-'] = 1, ['.'] = 1, ['+'] = 1, [0xE2] = 1,
	};
	const unsigned char *u = (const unsigned char *)t->s;
	for (size_t i = 0; i < t->len;) {
		i = next_lead(u, i, t->len, NUM_LEAD);
		if (i >= t->len)
			break;
		if (!mx_number_start(t->s, t->len, i) || in_skipped_span(t, i) ||
		    mx_label_number(t->s, i)) {
			i++;
			continue;
		}
		mx_qty *q;
		if (!MX_PUSH(st->qtys, q))
			return -1;
		q->cond = q->cond_eta = q->reference = 0;
		size_t e = mx_quantity_parse(t->s, t->len, i, &q->q); /* clears q->q */
		if (!e) {
			st->qtys.n--;
			i++;
			continue;
		}
		i = e;
	}
	/* a block whose numbers can be no metric (years, sizes, temperatures) ends here */
	size_t last = 0;
	int any = 0;
	for (size_t k = 0; k < st->qtys.n; k++)
		if (may_be_metric(&st->qtys.v[k].q)) {
			any = 1;
			last = st->qtys.v[k].q.end;
		}
	if (!any)
		return 0;
	/* nothing after the sentence of the last such number matters */
	size_t ls, limit;
	litx_text_sentence(t, last > 0 ? last - 1 : 0, &ls, &limit);
	if (limit < last)
		limit = last;
	if (mx_scan_keywords_reactions(st, t->s, limit) ||
	    mx_scan_candidates(st, t, limit))
		return -1;
	sentence_ctx cx = { doc, t, section, sink, "", 0, SIZE_MAX, 0, 0 };
	size_t q0 = 0;
	while (q0 < st->qtys.n) {
		/* sentences whose numbers can be no metric are not looked at */
		if (!may_be_metric(&st->qtys.v[q0].q)) {
			q0++;
			continue;
		}
		size_t ss, se, full_se;
		litx_text_sentence(t, st->qtys.v[q0].q.start, &ss, &se);
		full_se = se;
		sentence_window(&cx, st->qtys.v[q0].q.start, &ss, &se);
		while (q0 > 0 && st->qtys.v[q0 - 1].q.start >= ss)
			q0--;
		size_t q1 = q0 + 1;
		while (q1 < st->qtys.n && st->qtys.v[q1].q.start < se)
			q1++;
		/* a window cut never leaves part of a value's unit outside it */
		for (size_t k = q0; se < full_se && k < q1; k++)
			if (st->qtys.v[k].q.end > se)
				se = st->qtys.v[k].q.end < full_se ? st->qtys.v[k].q.end : full_se;
		if (do_sentence(st, &cx, ss, se, q0, q1))
			return -1;
		q0 = q1;
	}
	return 0;
}
