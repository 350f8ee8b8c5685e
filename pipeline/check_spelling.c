/* check_spelling.c - one cluster spelled two ways where one spelling appears
 * once (formula_conflict), e.g. a caption that prints Pt3Au37 where the text
 * writes Pt1Au37 four times for the same reference.
 *
 * Multi-metal compositions of the text's formula records are grouped by their
 * elements and, within, by composition; a composition written once is compared
 * with those written at least twice. It is reported when exactly one count is
 * one digit away, both are cited to the same reference (a caption's reference is
 * the first citation after the formula), the text does not also write the
 * composition with a variable ("Au13Cux" and its members Au13Cu1, Au13Cu2...), and
 * no other single spelling sits around the same one (a series the text walks
 * through).
 */
#include "check_int.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mention {
	const chk_formula *f;
	uint32_t line;
	const json_t *rec;
	json_t *refs;     /* its reference labels (a set), filled when first needed */
	char comp[96];    /* the composition, elements sorted: "Au:15;Cu:4" */
	char els[48];     /* its elements: "Au;Cu" */
	size_t count;     /* mentions of the same composition */
	int series;       /* a member of a composition the text writes with a variable */
} mention;

static void add_label(const char *label, void *arg)
{
	json_object_set_new(arg, label, json_true());
}

/* The labels of the first citation after `text` in the block holding `line`
 * (a caption cites its source after the panel that names the cluster). */
static void refs_after(const litx_doc *d, uint32_t line, const char *text, json_t *set)
{
	for (size_t b = 0; b < d->n_blocks; b++) {
		const litx_text *t = &d->blocks[b].text;
		uint32_t l0, l1;
		size_t off;
		if (!t->len)
			continue;
		litx_text_locate(t, 0, &l0, &off);
		litx_text_locate(t, t->len - 1, &l1, &off);
		if (line < l0 || line > l1)
			continue;
		const char *p = strstr(t->s, text);
		if (!p)
			continue;
		size_t at = (size_t)(p - t->s);
		for (size_t i = 0; i < t->n_spans; i++)
			if (t->spans[i].kind == LITX_SPAN_CITE && t->spans[i].start >= at && t->spans[i].labels) {
				chk_labels_str(t->spans[i].labels, add_label, set);
				return;
			}
	}
}

static int one_digit_apart(double a, double b)
{
	char x[24], y[24];
	chk_fmt_whole(a, x, sizeof x);
	chk_fmt_whole(b, y, sizeof y);
	size_t lx = strlen(x), ly = strlen(y);
	if (lx == ly) {
		int diff = 0;
		for (size_t i = 0; i < lx; i++)
			diff += x[i] != y[i];
		return diff == 1;
	}
	if (lx + 1 == ly || ly + 1 == lx) {
		const char *lo = lx < ly ? x : y, *hi = lx < ly ? y : x;
		for (size_t skip = 0; skip < strlen(hi); skip++) {
			int same = 1;
			for (size_t i = 0, j = 0; i < strlen(hi) && same; i++) {
				if (i == skip)
					continue;
				same = hi[i] == lo[j++];
			}
			if (same)
				return 1;
		}
	}
	return 0;
}

/* Same elements, one count one digit apart, the rest equal. */
static int typo_of(const chk_formula *a, const chk_formula *b)
{
	if (a->n_el != b->n_el || a->n_el < 2 || !a->counts_known || !b->counts_known)
		return 0;
	int diff = 0;
	for (int i = 0; i < a->n_el; i++) {
		int j;
		for (j = 0; j < b->n_el && strcmp(a->el[i], b->el[j]); j++)
			;
		if (j == b->n_el || a->cnt[i].var || b->cnt[j].var || !strcmp(a->el[i], "M"))
			return 0;
		if (a->cnt[i].c != b->cnt[j].c) {
			if (!one_digit_apart(a->cnt[i].c, b->cnt[j].c))
				return 0;
			diff++;
		}
	}
	return diff == 1;
}

/* Is f a member of the variable composition v (same elements, v's constant
 * counts equal, f giving a number where v has a variable)? */
static int series_member(const chk_formula *f, const chk_formula *v)
{
	int var = 0;
	if (f->n_el != v->n_el || !f->counts_known)
		return 0;
	for (int i = 0; i < v->n_el; i++) {
		int j;
		for (j = 0; j < f->n_el && (v->el[i][0] != f->el[j][0] || strcmp(v->el[i], f->el[j])); j++)
			;
		if (j == f->n_el || !v->known[i])
			return 0;
		if (v->cnt[i].var)
			var = 1;
		else if (v->cnt[i].c != f->cnt[j].c)
			return 0;
	}
	return var;
}

static int sets_meet(const json_t *a, const json_t *b)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)a, k, v)
		if (json_object_get(b, k))
			return 1;
	return 0;
}

/* Append piece[0..n) at buf + *used the way snprintf there would: whole, or cut
 * to fit without moving *used (the next piece then writes over the cut one). */
static void put_piece(char *buf, size_t cap, size_t *used, const char *piece, size_t n)
{
	size_t room = cap - *used;
	if (n < room) {
		memcpy(buf + *used, piece, n);
		*used += n;
		buf[*used] = '\0';
	} else if (room) {
		memcpy(buf + *used, piece, room - 1);
		buf[cap - 1] = '\0';
	}
}

/* The composition and element keys of f, elements in symbol order:
 * "Au:15;Cu:4" and "Au;Cu". */
static void comp_keys(const chk_formula *f, char *comp, size_t ccap, char *els, size_t ecap)
{
	int order[CHK_MAX_EL];
	for (int i = 0; i < f->n_el; i++)
		order[i] = i;
	for (int i = 1; i < f->n_el; i++)
		for (int j = i; j > 0 && strcmp(f->el[order[j - 1]], f->el[order[j]]) > 0; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	size_t cu = 0, eu = 0;
	comp[0] = els[0] = '\0';
	for (int i = 0; i < f->n_el; i++) {
		int k = order[i];
		char piece[sizeof f->el[0] + 48];
		size_t n = 0, el = strlen(f->el[k]);
		if (i)
			piece[n++] = ';';
		memcpy(piece + n, f->el[k], el);
		put_piece(els, ecap, &eu, piece, n + el);
		n += el;
		piece[n++] = ':';
		size_t w = chk_fmt_whole(f->cnt[k].c, piece + n, sizeof piece - n);
		if (w < sizeof piece - n) {
			put_piece(comp, ccap, &cu, piece, n + w);
			continue;
		}
		/* a count longer than any real one (1e300): snprintf the piece whole */
		int wr = snprintf(comp + cu, ccap - cu, "%s%s:%.0f", i ? ";" : "", f->el[k], f->cnt[k].c);
		if (wr > 0 && (size_t)wr < ccap - cu)
			cu += (size_t)wr;
	}
}

static int cmp_mention(const void *a, const void *b)
{
	const mention *x = *(mention *const *)a, *y = *(mention *const *)b;
	int c = strcmp(x->els, y->els);
	if (!c)
		c = strcmp(x->comp, y->comp);
	if (!c)
		c = x < y ? -1 : 1; /* reading order */
	return c;
}

/* The labels of a mention, read on first use. */
static const json_t *mention_refs(const chk_ctx *c, mention *m)
{
	if (!m->refs) {
		m->refs = json_object();
		if (!m->refs)
			return NULL;
		chk_labels(json_object_get(m->rec, "refs"), add_label, m->refs);
		if (!json_object_size(m->refs))
			refs_after(c->doc, m->line, m->f->text, m->refs);
	}
	return m->refs;
}

/* Do mention b and any mention of run [a0, a1) share a reference? */
static int run_shares_ref(const chk_ctx *c, mention **idx, size_t a0, size_t a1, mention *b)
{
	const json_t *rb = mention_refs(c, b);
	for (size_t k = a0; rb && k < a1; k++) {
		const json_t *ra = mention_refs(c, idx[k]);
		if (ra && sets_meet(ra, rb))
			return 1;
	}
	return 0;
}

static void emit_spelling(chk_ctx *c, mention *const *idx, size_t a0, size_t a1, const mention *b)
{
	const mention *a = idx[a0];
	char lines[96] = "";
	size_t used = 0, listed = 0;
	uint32_t last_line = 0;
	for (size_t k = a0; k < a1 && listed < 5; k++) {
		uint32_t l = idx[k]->line;
		if (l == last_line)
			continue;
		last_line = l;
		int w = snprintf(lines + used, sizeof lines - used, "%s%u", listed ? ", " : "", l);
		if (w > 0 && (size_t)w < sizeof lines - used)
			used += (size_t)w, listed++;
	}
	chk_buf ev = { 0 };
	chk_buf_printf(&ev, "%s (%s) is written once, at line %u, for the same reference as %s (%s), which the "
		       "text writes %zu times (lines %s); one cluster looks spelled two ways.", b->f->text, b->comp,
		       b->line, a->f->text, a->comp, a->count, lines);
	char tmp[8];
	const char *snip = chk_str(b->rec, "snippet", tmp, sizeof tmp);
	chk_finding fd = { "formula_conflict", "warning", NULL, 0, NULL, b->line, chk_buf_str(&ev), a->f->text,
			   b->f->text, *snip ? snip : NULL, NULL, 0 };
	chk_emit(c, &fd);
	if (ev.oom)
		c->oom = 1;
	chk_buf_free(&ev);
}

/* Mentions are grouped by their elements and, within, by composition, so each
 * single spelling is only compared with its few neighbours. */
void chk_spellings(chk_ctx *c)
{
	size_t n, nm = 0, nv = 0;
	const chk_mention *all = chk_mentions(c, &n);
	if (n < 3)
		return;
	mention *m = malloc(n * sizeof *m); /* each used one is set whole below */
	mention **idx = calloc(n, sizeof *idx);
	const chk_formula **var = calloc(n, sizeof *var);
	if (!m || !idx || !var) {
		free(m);
		free(idx);
		free(var);
		c->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const chk_formula *f = &all[i].f;
		if (all[i].in_table || f->n_el < 2)
			continue;
		int has_var = 0;
		for (int k = 0; k < f->n_el; k++)
			has_var |= f->known[k] && f->cnt[k].var;
		if (has_var) {
			var[nv++] = f; /* "Au13Cux": its members are not misprints */
			continue;
		}
		if (!f->counts_known)
			continue;
		m[nm].f = f;
		m[nm].rec = all[i].rec;
		m[nm].line = all[i].line;
		m[nm].refs = NULL;
		m[nm].count = 0;
		m[nm].series = 0;
		comp_keys(f, m[nm].comp, sizeof m[nm].comp, m[nm].els, sizeof m[nm].els);
		idx[nm] = &m[nm];
		nm++;
	}
	qsort(idx, nm, sizeof *idx, cmp_mention);
	/* counts per composition, series members */
	for (size_t a = 0; a < nm;) {
		size_t e = a;
		while (e < nm && !strcmp(idx[e]->comp, idx[a]->comp))
			e++;
		for (size_t k = a; k < e; k++) {
			idx[k]->count = e - a;
			for (size_t v = 0; v < nv && !idx[k]->series; v++)
				idx[k]->series = series_member(idx[k]->f, var[v]);
		}
		a = e;
	}
	for (size_t g = 0; g < nm && !c->oom;) {
		size_t ge = g;
		while (ge < nm && !strcmp(idx[ge]->els, idx[g]->els))
			ge++;
		/* each single spelling of the group against the repeated ones */
		for (size_t k = g; k < ge && !c->oom; k++) {
			mention *b = idx[k];
			if (b->count != 1 || b->series)
				continue;
			size_t best0 = 0, best1 = 0;
			for (size_t a = g; a < ge;) {
				size_t ae = a + idx[a]->count;
				const mention *x = idx[a];
				if (x->count >= 2 && !x->series && typo_of(x->f, b->f) &&
				    (best1 == 0 || x->count > idx[best0]->count) && run_shares_ref(c, idx, a, ae, b))
					best0 = a, best1 = ae;
				a = ae;
			}
			if (!best1)
				continue;
			/* several single spellings around one: a series the text walks through */
			int siblings = 0;
			for (size_t o = g; o < ge && !siblings; o++) {
				mention *y = idx[o];
				if (o == k || y->count != 1 || !typo_of(idx[best0]->f, y->f))
					continue;
				const json_t *ry = mention_refs(c, y), *rb = mention_refs(c, b);
				siblings = ry && rb && sets_meet(ry, rb);
			}
			if (!siblings)
				emit_spelling(c, idx, best0, best1, b);
		}
		g = ge;
	}
	for (size_t a = 0; a < nm; a++)
		json_decref(m[a].refs);
	free(m);
	free(idx);
	free(var);
}

