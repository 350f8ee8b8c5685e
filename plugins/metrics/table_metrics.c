/* table_metrics.c - metrics in tables. A column whose header names a metric
 * ("βa (V/dec.)", "Corrosion Current Density (icorr, A/m2)", "Tafel slope (mV
 * dec-1)") makes every number in that column a value of it, in the header's unit
 * (a header multiplier such as "(10-4 S cm-1)" or "(×10−3 mA cm−2)" is applied);
 * a unit written in the cell itself wins. The row's label (the first column that
 * names no metric) is the catalyst. Tables that put metric names in the first
 * column instead ("Impressed anodic current density | 4.0 mA/cm2") are read by
 * row. Columns that name a test condition ("Applied Current Density") are skipped,
 * as are headers with no metric at all. */
#include "mx.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_COLS 64

/* What the rows of one table share for their reaction. */
typedef struct table_ctx {
	const litx_text *caption;
	mx_rx_where where;
} table_ctx;

typedef struct col_info {
	int rule;               /* metric rule of the header, -1 none */
	const litx_text *kt;    /* the header text naming it, and where */
	mx_hit kw;
	mx_unit unit;           /* the header's unit (cls MX_NONE when none) */
	const litx_text *ut;    /* the header text holding the unit */
	double mult;            /* header multiplier */
} col_info;

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static int compatible(int rule, mx_class cls)
{
	const mx_rule *r = &mx_rules[rule];
	return ((r->classes | r->near) & MX_BIT(cls)) != 0;
}

/* A header multiplier at h[p]: "10-4", "×10-3", "x 10^-3". Returns the end and the
 * factor, or p. */
static size_t multiplier(const char *h, size_t len, size_t p, double *mult)
{
	size_t q = p;
	if (q + 2 <= len && memcmp(h + q, "\xC3\x97", 2) == 0)
		q += 2;
	else if (q < len && (h[q] == 'x' || h[q] == '*'))
		q++;
	while (q < len && h[q] == ' ')
		q++;
	if (q + 2 > len || memcmp(h + q, "10", 2) != 0)
		return p;
	q += 2;
	if (q < len && h[q] == '^')
		q++;
	int neg = 0;
	if (q < len && h[q] == '-') {
		neg = 1;
		q++;
	} else if (q + 3 <= len && memcmp(h + q, "\xE2\x88\x92", 3) == 0) {
		neg = 1;
		q += 3;
	}
	int e = 0, nd = 0;
	while (q < len && h[q] >= '0' && h[q] <= '9' && nd < 3) {
		e = e * 10 + (h[q++] - '0');
		nd++;
	}
	if (!nd || (q < len && !is_space(h[q])))
		return p;
	*mult = pow(10, neg ? -e : e);
	return q;
}

/* The unit of a header for `rule`: the first unit after "(", "," or "/" that takes
 * the rule's kind of value. */
static int header_unit(const litx_text *h, int rule, mx_unit *u, double *mult)
{
	const char *s = h->s;
	for (size_t i = 0; i < h->len; i++) {
		if (!(i == 0 || s[i - 1] == '(' || s[i - 1] == ',' || s[i - 1] == '[' ||
		      (s[i - 1] == ' ' && i >= 2 && (s[i - 2] == ',' || s[i - 2] == '/' || s[i - 2] == '('))))
			continue;
		double m = 1;
		size_t p = multiplier(s, h->len, i, &m);
		mx_unit cand;
		size_t e = mx_unit_parse(s, h->len, p, &cand);
		if (!e || !compatible(rule, cand.cls))
			continue;
		size_t end = cand.scale_end > e ? cand.scale_end : e;
		if (end < h->len && !(s[end] == ')' || s[end] == ',' || s[end] == ']' || is_space(s[end])))
			continue;
		*u = cand;
		*mult = m;
		return 1;
	}
	return 0;
}

/* The first metric (or condition) keyword of a text, into *hit; -1 when none. */
static int first_rule(mx_state *st, const litx_text *h, mx_hit *hit)
{
	if (!h->s || !h->len || mx_scan_keywords(st, h->s, h->len) || !st->hits.n)
		return -1;
	*hit = st->hits.v[0];
	return hit->rule;
}

/* What a header says beyond metric and unit: the product of "FE_CO (%)" and the
 * current density of "η_10 (mV)". */
static void header_extras(const col_info *ci, mx_draft *d)
{
	if (!ci->kt)
		return;
	const litx_text *h = ci->kt;
	mx_product_for(h, 0, h->len, &ci->kw, 0, d);
	const litx_span *sp = litx_text_span_at(h, ci->kw.end, LITX_SPAN_SUB);
	if (sp && sp->start == ci->kw.end && sp->end - sp->start <= 4 && d->metric &&
	    !strcmp(d->metric, "overpotential")) {
		double v = 0;
		for (size_t i = sp->start; i < sp->end; i++) {
			if (h->s[i] < '0' || h->s[i] > '9')
				return;
			v = v * 10 + (h->s[i] - '0');
		}
		d->has_cd = 1;
		d->at_cd = v;
	}
}

/* First number of a cell that is not in a citation, subscript or superscript. */
static size_t cell_number(const litx_text *c)
{
	for (size_t i = 0; i < c->len; i++)
		if (mx_number_start(c->s, c->len, i) && !litx_text_span_at(c, i, LITX_SPAN_CITE) &&
		    !litx_text_span_at(c, i, LITX_SPAN_SUP) && !litx_text_span_at(c, i, LITX_SPAN_SUB))
			return i;
	return c->len;
}

static int numeric_cell(const litx_text *c)
{
	size_t i = 0;
	while (i < c->len && is_space(c->s[i]))
		i++;
	return i < c->len && cell_number(c) == i;
}

/* Emit one value read from `cell` for metric `rule` with header unit `hu`. */
static int emit_cell(mx_state *st, const litx_doc *doc, const litx_table *tb, const litx_text *cell,
		     int rule, const col_info *ci, const char *catalyst, const table_ctx *tc,
		     litx_sink *sink)
{
	size_t p = cell_number(cell);
	if (p >= cell->len)
		return 0;
	mx_quantity q;
	if (!mx_quantity_parse(cell->s, cell->len, p, &q) || !q.n)
		return 0;
	const mx_value *v = &q.v[0];
	mx_draft *d;
	st->drafts.n = 0;
	if (!MX_PUSH(st->drafts, d))
		return -1;
	memset(d, 0, sizeof *d);
	d->metric = mx_rules[rule].metric;
	d->hit = -1;
	d->vstart = v->start;
	d->vend = v->end;
	d->qual = v->qual;
	d->range = v->range;
	if (q.unit.cls != MX_NONE && compatible(rule, q.unit.cls)) {
		/* the cell's own unit */
		d->cls = q.unit.cls;
		d->value = v->v * v->factor;
		d->vmin = v->lo * v->factor;
		d->vmax = v->hi * v->factor;
		d->canon = q.unit.canon;
		d->scale = q.unit.scale;
		d->uw = cell->s + v->ustart;
		d->uwn = v->uend - v->ustart;
	} else if (ci->unit.cls != MX_NONE && q.unit.cls == MX_NONE) {
		double f = ci->unit.factor * ci->mult;
		d->cls = ci->unit.cls;
		d->value = v->v * f;
		d->vmin = v->lo * f;
		d->vmax = v->hi * f;
		d->canon = ci->unit.canon;
		d->scale = ci->unit.scale;
		d->uw = ci->ut->s + ci->unit.start;
		d->uwn = ci->unit.end - ci->unit.start;
	} else if (q.unit.cls == MX_NONE && ci->unit.cls == MX_NONE &&
		   (mx_rules[rule].classes & MX_BIT(MX_NONE))) {
		d->cls = MX_NONE; /* a count: electron-transfer number */
		d->value = v->v;
		d->vmin = v->lo;
		d->vmax = v->hi;
		d->canon = "";
	} else {
		return 0;
	}
	if (!compatible(rule, d->cls))
		return 0;
	snprintf(d->catalyst, sizeof d->catalyst, "%s", catalyst ? catalyst : "");
	header_extras(ci, d);
	/* the table's reaction, unless the column's product says otherwise ("FE_CO") */
	mx_rx_where w = tc->where;
	w.metric = d->metric;
	w.product = d->product;
	d->reaction = mx_reaction_for(st, tc->caption, &w);
	return mx_emit_draft(doc, cell, tb->section, d, sink);
}

/* Where the reaction of a table is named: its caption (scanned into st->rhits
 * here and left there for the rows), its section heading, the document title. */
static void table_reaction(mx_state *st, const litx_doc *doc, const litx_table *tb, table_ctx *tc)
{
	static const litx_text empty = { .s = "" };
	memset(tc, 0, sizeof *tc);
	if (tb->section >= 0 && (size_t)tb->section < doc->n_sections)
		tc->where.section_title = doc->sections[tb->section].title;
	tc->where.doc_title = doc->meta.title;
	st->rhits.n = 0;
	if (tb->caption.s && tb->caption.len && mx_scan_reactions(st, tb->caption.s, tb->caption.len))
		st->rhits.n = 0;
	tc->caption = tb->caption.s ? &tb->caption : &empty;
	tc->where.se = tc->where.pos = tc->caption->len;
}

static void cell_name(const litx_text *c, char *buf, size_t cap)
{
	mx_copy_name(c->s ? c->s : "", 0, c->s ? c->len : 0, buf, cap);
}

int mx_table_metrics(mx_state *st, const litx_doc *doc, const litx_table *tb, litx_sink *sink)
{
	size_t nc = tb->n_cols;
	if (!nc || !tb->n_rows || nc > MAX_COLS)
		return 0;
	col_info cols[MAX_COLS];
	int any = 0;
	for (size_t c = 0; c < nc; c++) {
		col_info *ci = &cols[c];
		memset(ci, 0, sizeof *ci);
		ci->rule = -1;
		ci->mult = 1;
		/* the most specific header row (the last) first */
		for (size_t r = tb->n_head; r-- > 0 && ci->rule < 0;) {
			const litx_text *h = &tb->head[r * nc + c];
			int rule = first_rule(st, h, &ci->kw);
			if (rule < 0)
				continue;
			ci->rule = rule;
			ci->kt = h;
			if (header_unit(h, rule, &ci->unit, &ci->mult))
				ci->ut = h;
		}
		/* a header naming a unit only in another row: "(mV dec-1)" under "Tafel" */
		if (ci->rule >= 0 && !ci->ut) {
			for (size_t r = 0; r < tb->n_head; r++)
				if (header_unit(&tb->head[r * nc + c], ci->rule, &ci->unit, &ci->mult)) {
					ci->ut = &tb->head[r * nc + c];
					break;
				}
		}
		if (!ci->ut)
			ci->unit.cls = MX_NONE;
		if (ci->rule >= 0 && mx_rules[ci->rule].kind == MX_KW_METRIC)
			any = 1;
	}
	table_ctx tc;
	table_reaction(st, doc, tb, &tc);
	if (any) {
		/* the label column: the first one naming no metric whose cells are names */
		long label = -1;
		for (size_t c = 0; c < nc && label < 0; c++) {
			if (cols[c].rule >= 0)
				continue;
			size_t names = 0;
			for (size_t r = 0; r < tb->n_rows; r++)
				names += tb->cells[r * nc + c].len && !numeric_cell(&tb->cells[r * nc + c]);
			if (names * 2 >= tb->n_rows || c == 0)
				label = (long)c;
		}
		for (size_t r = 0; r < tb->n_rows; r++) {
			char cat[160] = "";
			if (label >= 0) {
				const litx_text *lc = &tb->cells[r * nc + (size_t)label];
				if (numeric_cell(lc) && tb->n_head) {
					/* "0", "100": the label is the header's quantity at that value */
					char h[100], v[60];
					cell_name(&tb->head[(tb->n_head - 1) * nc + (size_t)label], h, sizeof h);
					cell_name(lc, v, sizeof v);
					snprintf(cat, sizeof cat, "%s%s%s", h, *h ? " " : "", v);
				} else {
					cell_name(lc, cat, sizeof cat);
				}
			}
			for (size_t c = 0; c < nc; c++) {
				if (cols[c].rule < 0 || mx_rules[cols[c].rule].kind != MX_KW_METRIC ||
				    (long)c == label)
					continue;
				if (emit_cell(st, doc, tb, &tb->cells[r * nc + c], cols[c].rule, &cols[c], cat,
					      &tc, sink))
					return -1;
			}
		}
		return 0;
	}
	/* metric names down the first column */
	if (nc < 2)
		return 0;
	for (size_t r = 0; r < tb->n_rows; r++) {
		const litx_text *lab = &tb->cells[r * nc];
		mx_hit kw;
		int rule = first_rule(st, lab, &kw);
		if (rule < 0 || mx_rules[rule].kind != MX_KW_METRIC)
			continue;
		col_info ci;
		memset(&ci, 0, sizeof ci);
		ci.rule = rule;
		ci.kt = lab;
		ci.kw = kw;
		ci.mult = 1;
		if (header_unit(lab, rule, &ci.unit, &ci.mult))
			ci.ut = lab;
		else
			ci.unit.cls = MX_NONE;
		for (size_t c = 1; c < nc; c++) {
			char cat[160] = "";
			if (tb->n_head)
				cell_name(&tb->head[(tb->n_head - 1) * nc + c], cat, sizeof cat);
			if (emit_cell(st, doc, tb, &tb->cells[r * nc + c], rule, &ci, cat, &tc, sink))
				return -1;
		}
	}
	return 0;
}
