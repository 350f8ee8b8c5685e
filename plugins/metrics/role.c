/* role.c - what a number in a sentence is, from the words around it. Written
 * before it: "at", "to reach", "under" make it a condition ("at 10 mA cm-2", "at
 * η = 650 mV"); "relative to", "vs.", "shifted by", "a loss of" make it a
 * reference or a change, not a value. Otherwise it is a value of the metric named
 * right next to it ("η = 125 mV", "overpotential of 35.6 mV", "a 246 mV low
 * overpotential"), else of the nearest keyword before it in the sentence that
 * takes its kind of unit, else of what its unit says alone (mV dec-1, A mg-1,
 * μmol g-1 h-1, "N times higher than"). Keywords come from metric_rules.c. */
#include "mx.h"
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t back_ws(const char *s, size_t floor, size_t pos)
{
	while (pos > floor && is_space(s[pos - 1]))
		pos--;
	return pos;
}

/* The word (letters, or one symbol character) ending at pos, skipping spaces. */
static int prev_word(const char *s, size_t floor, size_t pos, size_t *ws, size_t *we)
{
	size_t e = back_ws(s, floor, pos);
	size_t b = e;
	while (b > floor && (is_letter(s[b - 1]) || s[b - 1] == '.'))
		b--;
	if (b == e)
		return 0;
	*ws = b;
	*we = e;
	return 1;
}

static int word_is(const char *s, size_t ws, size_t we, const char *w)
{
	size_t n = strlen(w);
	if (we - ws != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[ws + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[i])
			return 0;
	}
	return 1;
}

static int word_in(const char *s, size_t ws, size_t we, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (word_is(s, ws, we, list[i]))
			return 1;
	return 0;
}

static int compatible(int rule, mx_class cls, int near)
{
	const mx_rule *r = &mx_rules[rule];
	return (r->classes & MX_BIT(cls)) || (near && (r->near & MX_BIT(cls)));
}

/* The keyword hit that ends at pos (a SUB span after it allowed: "η10"). */
static long hit_ending_at(const mx_state *st, const litx_text *t, size_t pos)
{
	for (size_t i = 0; i < st->hits.n; i++) {
		const mx_hit *h = &st->hits.v[i];
		if (h->end == pos)
			return (long)i;
		if (h->end < pos) {
			const litx_span *sp = litx_text_span_at(t, h->end, LITX_SPAN_SUB);
			if (sp && sp->start == h->end && sp->end == pos)
				return (long)i;
		}
	}
	return -1;
}

static const char *const GLUE[] = { "of", "is", "are", "was", "were", "be", "been", "as", "low",
	"high", "only", "just", "value", "values", "about", "approximately", "nearly", "ca.",
	"reaching", "reached", "reaches", "to", "up", "a", "an", "the", "remarkable", "small",
	"large", "lowest", "highest", "smallest", "largest" };
static const char *const COND[] = { "at", "under", "reach", "reaching", "achieve", "achieving",
	"deliver", "delivering", "afford", "affording", "attain", "attaining", "drive", "driving",
	"@" };
static const char *const ARTICLE[] = { "a", "an", "the" };

void mx_analyse_lead(const mx_state *st, const litx_text *t, size_t ss, mx_qty *q, mx_lead *L)
{
	const char *s = t->s;
	memset(L, 0, sizeof *L);
	L->adj = -1;
	size_t p = back_ws(s, ss, q->q.v[0].qstart);
	size_t ws, we;
	/* "relative to -0.82 V", "vs. -0.5 V": a reference point, not a value */
	if (prev_word(s, ss, p, &ws, &we)) {
		size_t w2s, w2e;
		if (word_is(s, ws, we, "vs.") || word_is(s, ws, we, "vs") || word_is(s, ws, we, "versus") ||
		    ((word_is(s, ws, we, "to") || word_is(s, ws, we, "from")) &&
		     prev_word(s, ss, ws, &w2s, &w2e) &&
		     (word_is(s, w2s, w2e, "relative") || word_is(s, w2s, w2e, "referenced") ||
		      word_is(s, w2s, w2e, "respect") || word_is(s, w2s, w2e, "shifted")))) {
			L->reference = 1;
			return;
		}
		/* "shifted by only 12 mV", "a negative shift of 12 mV", "a loss of 5%": a
		 * change of the value, not the value (a ratio "by 5 times" stays) */
		size_t x = ws, xe = we;
		static const char *const SOFT[] = { "only", "just", "merely", "about", "approximately",
			"nearly", "ca.", "a", "an" };
		while (word_in(s, x, xe, SOFT, sizeof SOFT / sizeof *SOFT) && prev_word(s, ss, x, &x, &xe))
			;
		static const char *const CHANGE[] = { "shift", "shifts", "loss", "losses", "decrease",
			"decay", "drop", "increase", "change", "difference", "deviation", "reduction",
			"degradation", "attenuation", "variation", "fluctuation" };
		size_t ys, ye;
		if (q->q.unit.cls != MX_TIMES &&
		    (word_is(s, x, xe, "by") ||
		     (word_is(s, x, xe, "of") && prev_word(s, ss, x, &ys, &ye) &&
		      word_in(s, ys, ye, CHANGE, sizeof CHANGE / sizeof *CHANGE)))) {
			L->reference = 1;
			return;
		}
	}
	size_t a = p;
	/* "η = 125 mV", "E_onset: 0.9 V" */
	if (a > ss && (s[a - 1] == '=' || s[a - 1] == ':')) {
		size_t b = back_ws(s, ss, a - 1);
		long h = hit_ending_at(st, t, b);
		if (h >= 0) {
			L->adj = h;
			a = st->hits.v[h].start;
		}
	}
	/* "overpotential of 35.6 mV", "overpotential is ~70 mV" */
	if (L->adj < 0) {
		size_t x = a;
		for (int k = 0; k < 5; k++) {
			long h = hit_ending_at(st, t, back_ws(s, ss, x));
			if (h >= 0) {
				L->adj = h;
				a = st->hits.v[h].start;
				break;
			}
			if (!prev_word(s, ss, x, &ws, &we) ||
			    !word_in(s, ws, we, GLUE, sizeof GLUE / sizeof *GLUE))
				break;
			x = ws;
		}
	}
	/* "at ...", "to reach ...", "at a current density of ..." */
	size_t ca = L->adj >= 0 ? st->hits.v[L->adj].start : p;
	if (!prev_word(s, ss, ca, &ws, &we))
		return;
	if (word_in(s, ws, we, ARTICLE, sizeof ARTICLE / sizeof *ARTICLE)) {
		size_t w2s, w2e;
		if (!prev_word(s, ss, ws, &w2s, &w2e))
			return;
		ws = w2s;
		we = w2e;
	}
	if (!word_in(s, ws, we, COND, sizeof COND / sizeof *COND))
		return;
	/* "onset potentials at -1.10 V": the keyword before "at" takes the value */
	if (L->adj < 0 && word_is(s, ws, we, "at")) {
		long h = hit_ending_at(st, t, back_ws(s, ss, ws));
		if (h >= 0 && compatible((int)h >= 0 ? st->hits.v[h].rule : 0, q->q.unit.cls, 1) &&
		    mx_rules[st->hits.v[h].rule].kind == MX_KW_METRIC) {
			L->adj = h;
			return;
		}
	}
	L->cond = 1;
	if (L->adj >= 0 && mx_rules[st->hits.v[L->adj].rule].metric &&
	    !strcmp(mx_rules[st->hits.v[L->adj].rule].metric, "overpotential"))
		L->cond_eta = 1;
}

/* The keyword written after the value with only words between: "246 mV low
 * overpotential", "98.4% FE", "50 h in a stability test". */
static long forward_hit(const mx_state *st, const char *s, size_t se, size_t end, mx_class cls,
			size_t *gap)
{
	for (size_t i = 0; i < st->hits.n; i++) {
		const mx_hit *h = &st->hits.v[i];
		if (h->start < end)
			continue;
		if (h->start >= se || h->start - end > 30)
			break;
		for (size_t k = end; k < h->start; k++)
			if (!is_letter(s[k]) && !is_space(s[k]) && s[k] != '-')
				return -1;
		/* "for 3 h to obtain a stable potential": the adjective describes something
		 * else; only a stability test written after the value takes it */
		if (cls == MX_TIME && h->end - h->start >= 6 && memcmp(s + h->start, "stabl", 5) == 0 &&
		    s[h->start + 5] != 'i')
			continue;
		if (compatible(h->rule, cls, 1)) {
			*gap = h->start - end;
			return (long)i;
		}
	}
	return -1;
}

/* "stable for 30 days", "stably over 100 h": the adjective takes a duration only
 * through "for", "over" or "during" right before the value. */
static int stable_adjective_ok(const char *s, const mx_hit *h, size_t pos)
{
	size_t n = h->end - h->start;
	if (n < 5 || memcmp(s + h->start, "stabl", 5) != 0 || (n > 5 && s[h->start + 5] == 'i'))
		return 1; /* not the adjective */
	size_t ws, we;
	if (pos - h->end > 30 || !prev_word(s, h->end, pos, &ws, &we))
		return 0;
	return word_is(s, ws, we, "for") || word_is(s, ws, we, "over") || word_is(s, ws, we, "during");
}

/* The nearest keyword before pos in the sentence that takes this kind of value. */
static long backward_hit(const mx_state *st, const char *s, size_t ss, size_t pos, mx_class cls,
			 size_t *gap)
{
	for (size_t i = st->hits.n; i-- > 0;) {
		const mx_hit *h = &st->hits.v[i];
		if (h->end > pos)
			continue;
		if (h->start < ss)
			break;
		if (cls == MX_TIME && !stable_adjective_ok(s, h, pos))
			continue;
		if (compatible(h->rule, cls, 0)) {
			*gap = pos - h->end;
			return (long)i;
		}
	}
	return -1;
}

/* Is a comparative written right after "N times" / "N-fold"? */
static int comparative_after(mx_state *st, const litx_text *t, size_t end)
{
	size_t ms, me;
	return mx_match(st, st->cmp, t->s, t->len, end, &ms, &me);
}

/* Is the sentence about catalytic performance? A ratio of peak areas is no metric. */
static int about_performance(const mx_state *st, const litx_text *t, size_t ss, size_t se)
{
	for (size_t i = 0; i < st->hits.n; i++)
		if (st->hits.v[i].start >= ss && st->hits.v[i].end <= se &&
		    mx_rules[st->hits.v[i].rule].kind == MX_KW_METRIC)
			return 1;
	static const char *const W[] = { "activit", "performance", "efficien", "selectivity",
		"current", "rate", "yield", "production", "stabilit", "conversion", "TOF", "output" };
	for (size_t i = 0; i < sizeof W / sizeof *W; i++)
		if (se > ss && memmem(t->s + ss, se - ss, W[i], strlen(W[i])))
			return 1;
	return 0;
}

/* "a current density of 4 mA/cm2 was applied": a condition set by the experimenter. */
int mx_applied_after(const char *s, size_t se, size_t end)
{
	static const char *const W[] = { " was applied", " were applied", " is applied",
		" are applied", " was imposed", " was impressed", " was maintained" };
	for (size_t i = 0; i < sizeof W / sizeof *W; i++) {
		size_t n = strlen(W[i]);
		if (end + n <= se && memcmp(s + end, W[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Does the sentence compare the value with something after it? */
static int comparison_after(const litx_text *t, size_t from, size_t se)
{
	static const char *const CUES[] = { "than ", "compared ", "relative to ", "over ",
		"versus ", "vs. ", "vs ", "outperform", "in comparison", "that of ", "those of " };
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++)
		if (se > from && memmem(t->s + from, se - from, CUES[i], strlen(CUES[i])))
			return 1;
	return 0;
}

static int reaction_in(const mx_state *st, size_t ss, size_t se, const char *name)
{
	for (size_t i = 0; i < st->rhits.n; i++) {
		const mx_hit *h = &st->rhits.v[i];
		if (h->start >= ss && h->end <= se && !strcmp(mx_reaction_name(h->rule), name))
			return 1;
	}
	return 0;
}

/* Decide the metric of a value quantity: the keyword hit index (>= 0), -2 for a
 * metric implied by the unit (name in *implied), or -1 for none. */
long mx_pick_metric(mx_state *st, const litx_text *t, size_t ss, size_t se, const mx_qty *q,
			const mx_lead *L, const char **implied)
{
	mx_class cls = q->q.unit.cls;
	*implied = NULL;
	if (L->adj >= 0 && compatible(st->hits.v[L->adj].rule, cls, 1))
		return L->adj;
	size_t gf = 0, gb = 0;
	long f = forward_hit(st, t->s, se, q->q.end, cls, &gf);
	long b = backward_hit(st, t->s, ss, q->q.start, cls, &gb);
	/* a unitless number is a metric only next to its keyword or after a label */
	if (cls == MX_NONE) {
		if (b < 0 || f >= 0)
			return -1;
		size_t p = back_ws(t->s, ss, q->q.v[0].qstart);
		int label = p > ss && t->s[p - 1] == ':';
		if (!label && gb > 40)
			return -1;
		for (size_t i = 0; i < q->q.n; i++)
			if (q->q.v[i].v <= 0 || q->q.v[i].v > 8 || q->q.v[i].range)
				return -1;
		size_t e = q->q.end;
		if (e < t->len && (is_letter(t->s[e]) || t->s[e] == '-' || t->s[e] == '%'))
			return -1;
		return b;
	}
	if (f >= 0 && (b < 0 || gf < gb))
		return f;
	if (b >= 0)
		return b;
	switch (cls) {
	case MX_TAFEL:
		*implied = "tafel_slope";
		return -2;
	case MX_MASS_ACTIVITY:
		*implied = "mass_activity";
		return -2;
	case MX_PRODUCTION_RATE:
		*implied = "production_rate";
		return -2;
	case MX_TIMES:
		/* "12 times higher than Pt/C", "18-fold amplification ... compared to Au8";
		 * not "5 times more catalyst was used" */
		if (comparative_after(st, t, q->q.end) && comparison_after(t, q->q.end, se) &&
		    about_performance(st, t, ss, se)) {
			*implied = "ratio";
			return -2;
		}
		return -1;
	case MX_POTENTIAL:
		/* "achieving 10 mA cm-2 requires only 1.51 V" in an overall water splitting
		 * cell: the cell voltage */
		if (!q->q.unit.scale && reaction_in(st, ss, se, "OWS")) {
			for (size_t i = 0; i < q->q.n; i++) {
				double v = q->q.v[i].v * q->q.v[i].factor;
				if (v < 1.2 || v > 3.0)
					return -1;
			}
			*implied = "cell_voltage";
			return -2;
		}
		return -1;
	default:
		return -1;
	}
}

/* "30 mV more positive than that of Pt/C", "0.2 V lower than": a difference
 * between two values, not a value (ratios "5 times higher than" are kept by the
 * caller). */
int mx_difference_after(const char *s, size_t se, size_t end)
{
	static const char *const SOFT[] = { "more", "less", "much", "even", "still" };
	static const char *const CMP[] = { "positive", "negative", "higher", "lower", "larger",
		"smaller", "greater", "less", "more", "better", "worse", "anodic", "cathodic" };
	size_t p = end, ws, we;
	for (int k = 0; k < 3; k++) {
		while (p < se && is_space(s[p]))
			p++;
		ws = p;
		while (p < se && is_letter(s[p]))
			p++;
		we = p;
		if (we == ws)
			return 0;
		if (word_is(s, ws, we, "than"))
			return k > 0;
		if (!word_in(s, ws, we, CMP, sizeof CMP / sizeof *CMP) &&
		    !word_in(s, ws, we, SOFT, sizeof SOFT / sizeof *SOFT))
			return 0;
	}
	return 0;
}

/* "increased from X to Y", "decreased from X to Y": a change, two values. */
int mx_changed_from(const char *s, size_t ss, size_t pos)
{
	static const char *const VERBS[] = { "increased", "increases", "decreased", "decreases",
		"improved", "enhanced", "reduced", "dropped", "rose", "fell", "shifted", "changed",
		"boosted", "went", "declined", "grew", "raised", "lowered" };
	size_t ws, we, vs, ve;
	if (!prev_word(s, ss, pos, &ws, &we) || !word_is(s, ws, we, "from"))
		return 0;
	return prev_word(s, ss, ws, &vs, &ve) && word_in(s, vs, ve, VERBS, sizeof VERBS / sizeof *VERBS);
}

/* "η10 = 250 mV": the current density in the subscript of the symbol. */
int mx_eta_subscript(const litx_text *t, const mx_hit *h, double *cd)
{
	const litx_span *sp = litx_text_span_at(t, h->end, LITX_SPAN_SUB);
	if (!sp || sp->start != h->end || sp->end - sp->start > 4)
		return 0;
	double v = 0;
	for (size_t i = sp->start; i < sp->end; i++) {
		if (t->s[i] < '0' || t->s[i] > '9')
			return 0;
		v = v * 10 + (t->s[i] - '0');
	}
	*cd = v;
	return 1;
}

/* A number that labels a figure, table, equation or reference: "Fig. 6d",
 * "Table 2", "ref. 87", "Eq. 3". */
int mx_label_number(const char *s, size_t pos)
{
	static const char *const W[] = { "fig.", "figs.", "figure", "figures", "table", "tables",
		"eq.", "eqs.", "eqn.", "equation", "ref.", "refs.", "reference", "references",
		"scheme", "section", "sect.", "entry", "no.", "step", "part", "chapter", "sample",
		"run", "cycle", "panel", "note" };
	size_t ws, we;
	if (!prev_word(s, 0, pos, &ws, &we) || we != back_ws(s, 0, pos))
		return 0;
	return word_in(s, ws, we, W, sizeof W / sizeof *W);
}
