/* callout.c - marks the citation callouts of a document once, in the core, so that
 * every plugin can ask which references a sentence cites.
 *
 * Per text: the superscripts (callout_sup.c decides each from its spans), one
 * precompiled pattern for "ref. N" and "[N]" (callout_text.c), one scan for years
 * read back to author names (callout_ay.c), and for table cells under a "Ref."
 * heading the cell itself. New spans are collected
 * in a scratch vector and merged into the text's sorted span array once, in a new
 * arena array (the reader's array stays as it was until the swap). Labels come
 * from the reference list: a number maps to the entry printed with it (or its
 * position when the list prints none), an author-year callout to the entry it
 * resolves to (callout_ay.c). */
#include "callout.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NUMS 512

typedef struct span_vec {
	litx_span *v;
	size_t n, cap;
} span_vec;

typedef struct ctx {
	docb *b;
	long last;          /* largest numeric label */
	size_t *num2ref;    /* [1..last] -> ref index + 1, 0 when none */
	int tagged;         /* the reader marked callouts: trust it for superscripts */
	int author_year;    /* the list prints no numbers: callouts name authors */
	litx_ay_index ay;
	int ay_built;
	litx_tc_scan *scan;
	span_vec add;
	char *lab;          /* label string scratch */
	size_t lab_cap;
	long nums[MAX_NUMS];
	int oom;
} ctx;

static int vec_push(ctx *c, litx_span sp)
{
	span_vec *v = &c->add;
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 32;
		litx_span *q = realloc(v->v, nc * sizeof *q);
		if (!q) {
			c->oom = 1;
			return -1;
		}
		v->v = q;
		v->cap = nc;
	}
	v->v[v->n++] = sp;
	return 0;
}

/* ---- labels ---- */

static const char *ref_label(const ctx *c, size_t ri)
{
	const litx_ref *r = &c->b->ref[ri];
	return r->label ? r->label : "";
}

/* Append to the label scratch; 0 or -1 when out of memory. */
static int lab_put(ctx *c, size_t *used, const char *s, size_t n)
{
	if (*used + n + 2 > c->lab_cap) {
		size_t nc = (*used + n + 2) * 2;
		char *q = realloc(c->lab, nc);
		if (!q) {
			c->oom = 1;
			return -1;
		}
		c->lab = q;
		c->lab_cap = nc;
	}
	memcpy(c->lab + *used, s, n);
	*used += n;
	c->lab[*used] = '\0';
	return 0;
}

/* The ';'-joined labels of numbers nums[0..n) into the arena. */
static const char *labels_of_numbers(ctx *c, const long *nums, size_t n)
{
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		char num[24];
		const char *l;
		size_t ll;
		if (nums[i] >= 1 && nums[i] <= c->last && c->num2ref[nums[i]]) {
			l = ref_label(c, c->num2ref[nums[i]] - 1);
			ll = strlen(l);
		} else {
			ll = (size_t)snprintf(num, sizeof num, "%ld", nums[i]);
			l = num;
		}
		if ((used && lab_put(c, &used, ";", 1)) || lab_put(c, &used, l, ll))
			return NULL;
	}
	return docb_strndup(c->b, c->lab ? c->lab : "", used);
}

/* ---- overlap ---- */

static int overlaps(const litx_text *t, const span_vec *add, size_t start, size_t end)
{
	for (size_t i = 0; i < t->n_spans && t->spans[i].start < end; i++)
		if (t->spans[i].kind == LITX_SPAN_CITE && t->spans[i].end > start)
			return 1;
	for (size_t i = 0; i < add->n; i++)
		if (add->v[i].start < end && add->v[i].end > start)
			return 1;
	return 0;
}

static int add_cite(ctx *c, size_t start, size_t end, litx_cite_kind kind, const char *labels)
{
	if (!labels)
		return -1;
	litx_span sp = { LITX_SPAN_CITE, start, end, kind, labels };
	return vec_push(c, sp);
}

/* ---- superscripts ---- */

static int mark_sups(ctx *c, const litx_text *t)
{
	size_t reach = 0;
	for (size_t i = 0; i < t->n_spans; i++) {
		const litx_span *sp = &t->spans[i];
		if (sp->kind == LITX_SPAN_CITE) {
			if (sp->end > reach)
				reach = sp->end;
			continue;
		}
		if (sp->kind != LITX_SPAN_SUP || reach > sp->start)
			continue;
		int inside = 0;
		for (size_t j = i + 1; j < t->n_spans && t->spans[j].start < sp->end; j++)
			inside |= t->spans[j].kind == LITX_SPAN_CITE;
		if (inside)
			continue;
		size_t n;
		if (litx_callout_sup(t, sp, c->last, c->nums, MAX_NUMS, &n) != LITX_SUP_CALLOUT)
			continue;
		if (add_cite(c, sp->start, sp->end, LITX_CITE_SUPERSCRIPT, labels_of_numbers(c, c->nums, n)))
			return -1;
	}
	return 0;
}

/* ---- words ---- */

static int all_labels(const ctx *c, const long *nums, long n)
{
	for (long i = 0; i < n; i++)
		if (nums[i] < 1 || nums[i] > c->last)
			return 0;
	return n > 0;
}

static int mark_words(ctx *c, const litx_text *t)
{
	if (!t->len)
		return 0;
	size_t pos = 0;
	litx_tc_match m;
	while (c->scan && litx_tc_next(c->scan, t->s, t->len, &pos, &m) == 1) {
		/* "[N]" untagged in a source that tags its callouts is not one, nor is the
		 * bracket of "F[1,12]" (a statistic) or "x[2]" (an index) */
		if (m.kind == LITX_TC_BRACKET &&
		    (c->tagged || (m.start > 0 && ((unsigned char)t->s[m.start - 1] & 0x80 ||
						   ((t->s[m.start - 1] | 32) >= 'a' && (t->s[m.start - 1] | 32) <= 'z') ||
						   (t->s[m.start - 1] >= '0' && t->s[m.start - 1] <= '9')))))
			continue;
		if (overlaps(t, &c->add, m.start, m.end))
			continue;
		long n = litx_callout_numbers(t->s + m.list_s, m.list_e - m.list_s, m.kind == LITX_TC_REF,
					      c->nums, MAX_NUMS);
		if (c->last <= 0 || !all_labels(c, c->nums, n))
			continue;
		if (add_cite(c, m.start, m.end, LITX_CITE_TEXTUAL, labels_of_numbers(c, c->nums, (size_t)n)))
			return -1;
	}
	if (!c->author_year)
		return 0;
	pos = 0;
	while (litx_ay_next(t->s, t->len, &pos, &m) == 1) {
		if (overlaps(t, &c->add, m.start, m.end))
			continue;
		if (!c->ay_built) {
			if (litx_ay_build(&c->ay, c->b->ref, c->b->n_ref)) {
				c->oom = 1;
				return -1;
			}
			c->ay_built = 1;
		}
		long ri = litx_ay_resolve(&c->ay, t->s + m.s1, m.e1 - m.s1,
					  m.e2 > m.s2 ? t->s + m.s2 : NULL, m.e2 - m.s2, m.et_al,
					  m.year, m.suffix);
		if (ri < 0)
			continue;
		if (add_cite(c, m.start, m.end, LITX_CITE_AUTHOR_YEAR, docb_strdup(c->b, ref_label(c, (size_t)ri))))
			return -1;
	}
	return 0;
}

/* ---- "Ref." columns ---- */

static int ref_heading(const litx_text *t)
{
	const char *s = t->s;
	size_t a = 0, e = t->len;
	while (a < e && (s[a] == ' ' || s[a] == '('))
		a++;
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == ')' || s[e - 1] == 's'))
		e--;
	return (e - a == 3 && strncasecmp(s + a, "ref", 3) == 0) ||
	       (e - a == 9 && strncasecmp(s + a, "reference", 9) == 0);
}

static int mark_ref_cell(ctx *c, const litx_text *t)
{
	size_t a = 0, e = t->len;
	while (a < e && t->s[a] == ' ')
		a++;
	while (e > a && t->s[e - 1] == ' ')
		e--;
	if (a == e || overlaps(t, &c->add, a, e))
		return 0;
	long n = litx_callout_numbers(t->s + a, e - a, 1, c->nums, MAX_NUMS);
	if (!all_labels(c, c->nums, n))
		return 0;
	return add_cite(c, a, e, LITX_CITE_TEXTUAL, labels_of_numbers(c, c->nums, (size_t)n));
}

/* ---- dash-joined reader callouts: "1–4" as two xrefs ---- */

static long ref_index_of(const ctx *c, const char *label)
{
	long v = litx_callout_label_value(label);
	if (v >= 1 && v <= c->last && c->num2ref[v])
		return (long)c->num2ref[v] - 1;
	for (size_t i = 0; i < c->b->n_ref; i++)
		if (c->b->ref[i].label && !strcmp(c->b->ref[i].label, label))
			return (long)i;
	return -1;
}

static int only_dash(const char *s, size_t a, size_t e)
{
	int dashes = 0;
	while (a < e) {
		unsigned char ch = (unsigned char)s[a];
		if (ch == ' ') {
			a++;
		} else if (ch == '-') {
			dashes++;
			a++;
		} else if (ch == 0xE2 && a + 2 < e &&
			   (((unsigned char)s[a + 1] == 0x80 && (unsigned char)s[a + 2] >= 0x90 &&
			     (unsigned char)s[a + 2] <= 0x95) ||
			    ((unsigned char)s[a + 1] == 0x88 && (unsigned char)s[a + 2] == 0x92))) {
			dashes++;
			a += 3;
		} else {
			return 0;
		}
	}
	return dashes == 1;
}

/* Merge reader CITE spans joined by a dash into one; the result replaces the
 * text's span array. Returns 0, -1 on allocation failure. */
static int merge_dash_ranges(ctx *c, litx_text *t)
{
	size_t prev = SIZE_MAX, merges = 0;
	for (size_t i = 0; i < t->n_spans; i++) {
		if (t->spans[i].kind != LITX_SPAN_CITE)
			continue;
		if (prev != SIZE_MAX && only_dash(t->s, t->spans[prev].end, t->spans[i].start) &&
		    t->spans[prev].labels && t->spans[i].labels &&
		    !strchr(t->spans[prev].labels, ';') && !strchr(t->spans[i].labels, ';'))
			merges++;
		prev = i;
	}
	if (!merges)
		return 0;
	litx_span *nv = arena_alloc(c->b->a, t->n_spans * sizeof *nv);
	if (!nv) {
		c->oom = 1;
		return -1;
	}
	size_t n = 0;
	prev = SIZE_MAX; /* index in nv of the last CITE span */
	for (size_t i = 0; i < t->n_spans; i++) {
		litx_span sp = t->spans[i];
		if (sp.kind == LITX_SPAN_CITE && prev != SIZE_MAX && nv[prev].labels && sp.labels &&
		    !strchr(nv[prev].labels, ';') && !strchr(sp.labels, ';') &&
		    only_dash(t->s, nv[prev].end, sp.start)) {
			long a = ref_index_of(c, nv[prev].labels), e = ref_index_of(c, sp.labels);
			if (a >= 0 && e > a && e - a <= 500) {
				size_t used = 0;
				for (long k = a; k <= e; k++) {
					const char *l = ref_label(c, (size_t)k);
					if ((used && lab_put(c, &used, ";", 1)) || lab_put(c, &used, l, strlen(l)))
						return -1;
				}
				const char *labels = docb_strndup(c->b, c->lab, used);
				if (!labels)
					return -1;
				nv[prev].end = sp.end;
				nv[prev].labels = labels;
				continue; /* the second span is absorbed */
			}
		}
		nv[n] = sp;
		if (sp.kind == LITX_SPAN_CITE)
			prev = n;
		n++;
	}
	t->spans = nv;
	t->n_spans = n;
	return 0;
}

/* ---- per text ---- */


/* Merge the collected spans into t's array. */
static int commit(ctx *c, litx_text *t)
{
	if (!c->add.n)
		return 0;
	size_t n = t->n_spans + c->add.n;
	litx_span *nv = arena_alloc(c->b->a, n * sizeof *nv);
	if (!nv) {
		c->oom = 1;
		return -1;
	}
	qsort(c->add.v, c->add.n, sizeof *c->add.v, tbuf_span_cmp);
	size_t i = 0, j = 0, k = 0;
	while (i < t->n_spans || j < c->add.n) {
		if (j >= c->add.n || (i < t->n_spans && tbuf_span_cmp(&t->spans[i], &c->add.v[j]) <= 0))
			nv[k++] = t->spans[i++];
		else
			nv[k++] = c->add.v[j++];
	}
	t->spans = nv;
	t->n_spans = n;
	c->add.n = 0;
	return 0;
}

static int mark_text(ctx *c, litx_text *t, int ref_cell)
{
	if (!t || !t->s || !t->len)
		return 0;
	c->add.n = 0;
	if (t->n_spans && merge_dash_ranges(c, t))
		return -1;
	if (!c->tagged && c->last > 0 && mark_sups(c, t))
		return -1;
	if (ref_cell && mark_ref_cell(c, t))
		return -1;
	if (mark_words(c, t))
		return -1;
	return commit(c, t);
}

/* ---- document ---- */

static int doc_has_cite(const docb *b)
{
	return litx_callouts_any(b->blk, b->n_blk, b->tab, b->n_tab, 0);
}

static int build_labels(ctx *c)
{
	docb *b = c->b;
	for (size_t i = 0; i < b->n_ref; i++) {
		long v = litx_callout_label_value(b->ref[i].label);
		if (v > c->last && v <= 100000)
			c->last = v;
	}
	if (c->last <= 0)
		return 0;
	c->num2ref = calloc((size_t)c->last + 1, sizeof *c->num2ref);
	if (!c->num2ref)
		return -1;
	for (size_t i = 0; i < b->n_ref; i++) {
		long v = litx_callout_label_value(b->ref[i].label);
		if (v >= 1 && v <= c->last && !c->num2ref[v])
			c->num2ref[v] = i + 1;
	}
	return 0;
}

/* A cell spanning several grid positions is one litx_text copied into each: the
 * copy left of it or above it with the same bytes. Returns that copy, or NULL. */
static litx_text *copy_of(litx_text *grid, size_t n_cols, size_t k)
{
	if (!grid[k].len)
		return NULL;
	if (k % n_cols && grid[k - 1].s == grid[k].s)
		return &grid[k - 1];
	if (k >= n_cols && grid[k - n_cols].s == grid[k].s)
		return &grid[k - n_cols];
	return NULL;
}

static int mark_grid(ctx *c, litx_text *grid, size_t n_rows, size_t n_cols, const unsigned char *refcol)
{
	for (size_t k = 0; grid && k < n_rows * n_cols; k++) {
		litx_text *first = copy_of(grid, n_cols, k);
		if (first) {
			grid[k].spans = first->spans;
			grid[k].n_spans = first->n_spans;
			continue;
		}
		if (mark_text(c, &grid[k], refcol && refcol[k % n_cols]))
			return -1;
	}
	return 0;
}

static int mark_table(ctx *c, litx_table *tb)
{
	if (mark_text(c, &tb->caption, 0))
		return -1;
	if (!tb->n_cols)
		return 0;
	/* the columns headed "Ref." hold callouts */
	unsigned char *refcol = NULL;
	if (tb->head && tb->n_head) {
		refcol = calloc(tb->n_cols, 1);
		if (!refcol) {
			c->oom = 1;
			return -1;
		}
		for (size_t r = 0; r < tb->n_head; r++)
			for (size_t k = 0; k < tb->n_cols; k++)
				if (ref_heading(&tb->head[r * tb->n_cols + k]))
					refcol[k] = 1;
	}
	int rc = mark_grid(c, (litx_text *)tb->head, tb->n_head, tb->n_cols, NULL);
	if (rc == 0)
		rc = mark_grid(c, (litx_text *)tb->cells, tb->n_rows, tb->n_cols, refcol);
	litx_text *foot = (litx_text *)tb->foot;
	for (size_t k = 0; rc == 0 && foot && k < tb->n_foot; k++)
		rc = mark_text(c, &foot[k], 0);
	free(refcol);
	return rc;
}

int litx_mark_callouts(docb *b)
{
	ctx c;
	memset(&c, 0, sizeof c);
	c.b = b;
	int rc = 0;
	if (build_labels(&c)) {
		rc = -1;
		goto out;
	}
	c.tagged = b->doc.format == LITX_FORMAT_JATS && doc_has_cite(b);
	/* a numbered list is cited by number; "Smith et al. (2019)" there is a mention */
	c.author_year = b->n_ref > 0;
	for (size_t i = 0; i < b->n_ref; i++)
		if (b->ref[i].label_printed && litx_callout_label_value(b->ref[i].label) > 0)
			c.author_year = 0;
	c.scan = litx_tc_scan_new();
	/* a missing scanner (out of memory) only loses the callouts written in words */
	for (size_t i = 0; rc == 0 && i < b->n_blk; i++)
		rc = mark_text(&c, &b->blk[i].text, 0);
	for (size_t i = 0; rc == 0 && i < b->n_tab; i++)
		rc = mark_table(&c, &b->tab[i]);
	if (c.oom)
		rc = -1;
out:
	free(c.num2ref);
	free(c.add.v);
	free(c.lab);
	if (c.ay_built)
		litx_ay_free(&c.ay);
	litx_tc_scan_free(c.scan);
	return rc;
}
