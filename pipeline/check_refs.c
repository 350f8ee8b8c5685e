/* check_refs.c - references: a table row's reference that the body text uses for
 * a different cluster (ref_conflicts_with_text), and the reference list itself:
 * entries cited nowhere (ref_uncited), entries that lost their printed number
 * (ref_unnumbered) and entries without a year (ref_missing_field).
 *
 * What the text says a reference is about comes from the formula records: each
 * carries the citation labels of its sentence. Only sentences citing at most three
 * references are used, since a sentence closing with "^{12-20}" says nothing about
 * any one of them. Citations are counted from every place they can be: the
 * citation records, the citation spans of paragraphs, captions and table cells,
 * and the reference column of tables (text tables print plain numbers there). The
 * list-wide checks stay silent when the document looks unsuited to them (few
 * citations found, few printed numbers, few years), since then the fault is more
 * likely the extraction's than the article's.
 */
#include "check_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT_LABELS 3

/* ---- the text's clusters per reference --------------------------------- */

typedef struct text_comp {
	const chk_formula *f;     /* a mention's, alive until litx_check_doc returns */
	uint32_t line;
	size_t seq;               /* reading order */
	char label[16];
} text_comp;

typedef struct comp_list {
	text_comp *v;             /* sorted by label, then reading order */
	size_t n, cap;
	const chk_formula *cur;
	uint32_t line;
	int oom;
} comp_list;

static void add_comp(const char *label, void *arg)
{
	comp_list *l = arg;
	if (l->oom || strlen(label) >= sizeof l->v[0].label)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		text_comp *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = 1;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	text_comp *t = &l->v[l->n];
	t->f = l->cur;
	t->line = l->line;
	t->seq = l->n++;
	strcpy(t->label, label);
}

static int cmp_comp(const void *a, const void *b)
{
	const text_comp *x = a, *y = b;
	int c = strcmp(x->label, y->label);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The clusters the text cites each reference for, grouped by label so a row's
 * reference finds its own in one search (a table has hundreds of rows). */
static int text_comps(chk_ctx *c, comp_list *out)
{
	memset(out, 0, sizeof *out);
	size_t n;
	const chk_mention *m = chk_mentions(c, &n);
	for (size_t i = 0; i < n; i++) {
		if (m[i].in_table || m[i].n_labels == 0 || m[i].n_labels > MAX_TEXT_LABELS ||
		    !chk_formula_informative(&m[i].f))
			continue;
		out->cur = &m[i].f;
		out->line = m[i].line;
		chk_labels(m[i].refs, add_comp, out);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_comp);
	return out->oom || c->oom ? -1 : 0;
}

/* The run of comps citing lab, in reading order: its start, and its length in *len. */
static size_t comps_of(const comp_list *l, const char *lab, size_t *len)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].label, lab) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < l->n && !strcmp(l->v[end].label, lab))
		end++;
	*len = end - lo;
	return lo;
}

void chk_refs_table(chk_ctx *c, const chk_table *ct)
{
	if (ct->col[CHK_REF] < 0)
		return;
	comp_list comps;
	if (text_comps(c, &comps)) {
		free(comps.v);
		c->oom = 1;
		return;
	}
	for (size_t i = 0; i < ct->n_rows && comps.n && !c->oom; i++) {
		const chk_row *r = &ct->rows[i];
		if (r->skip || !r->F.n)
			continue;
		for (int q = 0; q < r->n_refs; q++) {
			char lab[16];
			snprintf(lab, sizeof lab, "%d", r->refs[q]);
			size_t nt;
			const text_comp *said_for = comps.v + comps_of(&comps, lab, &nt);
			int match = 0;
			for (size_t k = 0; k < nt && !match; k++)
				for (int m = 0; m < r->F.n && !match; m++)
					match = chk_formula_match(&r->F.f[m], said_for[k].f);
			if (!nt || match)
				continue;
			chk_buf ev = { 0 }, said = { 0 }, row_text = { 0 };
			size_t listed = 0;
			for (size_t k = 0; k < nt && listed < 4; k++) {
				int dup = 0;
				for (size_t j = 0; j < k && !dup; j++)
					dup = !strcmp(said_for[j].f->text, said_for[k].f->text);
				if (dup)
					continue;
				chk_buf_printf(&said, "%s%s (line %u)", listed ? ", " : "", said_for[k].f->text,
					       said_for[k].line);
				listed++;
			}
			char metals[128];
			chk_formula_metals(&r->F.f[0], metals, sizeof metals);
			chk_buf_printf(&ev, "%s row %zu gives reference %s for %s (%s), but the body text cites %s "
				       "for %s; none of these is the row's cluster (row at line %u).",
				       ct->t->label ? ct->t->label : "The table", r->row, lab, r->F.f[0].text, metals, lab,
				       chk_buf_str(&said), r->line);
			chk_row_text(ct->t, i, &row_text);
			int cols[2] = { ct->col[CHK_REF], ct->col[CHK_FORMULA] };
			chk_finding fd = { "ref_conflicts_with_text", "warning", ct->t->label, r->row, lab,
					   said_for[0].line, chk_buf_str(&ev), chk_buf_str(&said), r->F.f[0].text,
					   chk_buf_str(&row_text), cols, 2 };
			chk_emit(c, &fd);
			if (ev.oom || said.oom || row_text.oom)
				c->oom = 1;
			chk_buf_free(&ev);
			chk_buf_free(&said);
			chk_buf_free(&row_text);
		}
	}
	free(comps.v);
}

/* ---- the reference list ------------------------------------------------ */

typedef struct ref_entry {
	char label[16];
	int printed;
	int has_year;
	int article;      /* looks like a journal article: a year is expected */
	const char *raw;
	size_t raw_len;
	uint32_t line;
} ref_entry;

static int year_in(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++) {
		if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9'))
			continue;
		if ((s[i] == '1' && (s[i + 1] == '8' || s[i + 1] == '9')) || (s[i] == '2' && s[i + 1] == '0'))
			if (s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9')
				return 1;
	}
	return 0;
}

/* "12, 345" or "12, 345-350": a volume and pages, as articles print them. */
static int volume_pages(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 < n; i++)
		if (s[i] >= '0' && s[i] <= '9' && s[i + 1] == ',' && s[i + 2] == ' ' && s[i + 3] >= '0' &&
		    s[i + 3] <= '9')
			return 1;
	return 0;
}

/* Does the record give the field (a non-empty string, or a number)? What
 * *chk_str(...) tells, without printing the number. */
static int has_field(const json_t *rec, const char *key)
{
	const json_t *v = json_object_get(rec, key);
	if (json_is_string(v))
		return *json_string_value(v) != '\0';
	return json_is_integer(v) || json_is_real(v);
}

/* snprintf(buf, cap, "%s", s) */
static void copy_cut(char *buf, size_t cap, const char *s)
{
	size_t n = strlen(s);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* The entries of the list: the reference records when there are any, else the
 * document's own list. */
static ref_entry *ref_entries(const chk_ctx *c, size_t *n)
{
	const litx_doc *d = c->doc;
	const json_t *recs = chk_records(c, "references");
	size_t nr = recs && json_array_size(recs) ? json_array_size(recs) : d->n_refs;
	*n = 0;
	ref_entry *e = calloc(nr ? nr : 1, sizeof *e);
	if (!e)
		return NULL;
	for (size_t i = 0; i < nr; i++) {
		ref_entry *x = &e[i];
		const litx_ref *dr = i < d->n_refs ? &d->refs[i] : NULL;
		if (recs && json_array_size(recs)) {
			const json_t *rec = json_array_get(recs, i);
			char tmp[32];
			copy_cut(x->label, sizeof x->label, chk_str(rec, "label", tmp, sizeof tmp));
			const json_t *lp = json_object_get(rec, "label_printed");
			x->printed = lp ? json_is_true(lp) : (dr ? dr->label_printed : 1);
			const char *raw = json_string_value(json_object_get(rec, "raw"));
			x->raw = raw ? raw : (dr ? dr->raw.s : "");
			x->raw_len = raw ? strlen(raw) : (dr ? dr->raw.len : 0);
			/* a year the parser missed may still be printed */
			x->has_year = has_field(rec, "year") || year_in(x->raw, x->raw_len);
			x->article = has_field(rec, "journal") || has_field(rec, "volume") || has_field(rec, "pages");
			x->line = (uint32_t)json_integer_value(json_object_get(rec, "line"));
		} else {
			copy_cut(x->label, sizeof x->label, dr->label ? dr->label : "");
			x->printed = dr->label_printed;
			x->raw = dr->raw.s ? dr->raw.s : "";
			x->raw_len = dr->raw.s ? dr->raw.len : 0;
			x->has_year = (dr->year && *dr->year) || year_in(x->raw, x->raw_len);
			x->article = (dr->journal && *dr->journal) || volume_pages(x->raw, x->raw_len);
		}
		if (chk_find(x->raw, x->raw_len, 0, "http") < x->raw_len ||
		    chk_find(x->raw, x->raw_len, 0, "www.") < x->raw_len)
			x->article = 0; /* a web page: no year expected */
		if (!x->line && dr) {
			size_t off;
			litx_text_locate(&dr->raw, 0, &x->line, &off);
		}
	}
	*n = nr;
	return e;
}

/* ---- which labels are cited -------------------------------------------- */

/* The entries a citation can mark, by label: each label found in the text is
 * looked up here, so only the list's own labels are ever kept. */
typedef struct cite_marks {
	const ref_entry *e;
	const ref_entry **by_label;
	size_t n;
	unsigned char *cited;     /* per entry */
} cite_marks;

static int cmp_entry_label(const void *a, const void *b)
{
	const ref_entry *x = *(const ref_entry *const *)a, *y = *(const ref_entry *const *)b;
	return strcmp(x->label, y->label);
}

static void mark(const char *label, void *arg)
{
	cite_marks *m = arg;
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->by_label[mid]->label, label) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m->n && !strcmp(m->by_label[lo]->label, label); lo++)
		m->cited[m->by_label[lo] - m->e] = 1;
}

static void mark_spans(cite_marks *m, const litx_text *t)
{
	for (size_t i = 0; i < t->n_spans; i++)
		if (t->spans[i].kind == LITX_SPAN_CITE && t->spans[i].labels)
			chk_labels_str(t->spans[i].labels, mark, m);
}

/* Mark the entries cited anywhere: citation records, citation spans of the text,
 * captions, footnotes and cells, and the numbers of a table's reference column. */
static void mark_cited(const chk_ctx *c, cite_marks *m)
{
	size_t i;
	json_t *rec;
	const json_t *cites = chk_records(c, "citations");
	json_array_foreach(cites, i, rec)
		chk_labels(json_object_get(rec, "labels"), mark, m);
	const litx_doc *d = c->doc;
	for (size_t b = 0; b < d->n_blocks; b++)
		mark_spans(m, &d->blocks[b].text);
	for (size_t t = 0; t < d->n_tables; t++) {
		const litx_table *tb = &d->tables[t];
		mark_spans(m, &tb->caption);
		for (size_t k = 0; k < tb->n_foot; k++)
			mark_spans(m, &tb->foot[k]);
		int rc = chk_role_column(tb, CHK_REF);
		for (size_t r = 0; r < tb->n_rows; r++)
			for (size_t col = 0; col < tb->n_cols; col++) {
				const litx_text *cell = &tb->cells[r * tb->n_cols + col];
				mark_spans(m, cell);
				if ((int)col != rc)
					continue;
				int refs[CHK_MAX_REFS];
				int n = chk_cell_refs(cell, refs, CHK_MAX_REFS);
				for (int k = 0; k < n; k++) {
					char lab[16];
					snprintf(lab, sizeof lab, "%d", refs[k]);
					mark(lab, m);
				}
			}
	}
}

/* cited[i]: is entry i cited anywhere? NULL on allocation failure. */
static unsigned char *cited_entries(const chk_ctx *c, const ref_entry *e, size_t n)
{
	cite_marks m = { e, malloc(n * sizeof *m.by_label), n, calloc(n, 1) };
	if (!m.by_label || !m.cited) {
		free(m.by_label);
		free(m.cited);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		m.by_label[i] = &e[i];
	qsort(m.by_label, n, sizeof *m.by_label, cmp_entry_label);
	mark_cited(c, &m);
	free(m.by_label);
	return m.cited;
}

/* Rows of the appendix tables citing `label`, as "Table 1 rows 47, 49". */
static void rows_citing(const chk_table *tabs, size_t n_tabs, int label, chk_buf *b)
{
	for (size_t t = 0; t < n_tabs; t++) {
		size_t found = 0;
		for (size_t i = 0; i < tabs[t].n_rows; i++) {
			const chk_row *r = &tabs[t].rows[i];
			int hit = 0;
			for (int q = 0; q < r->n_refs; q++)
				hit |= r->refs[q] == label;
			if (!hit)
				continue;
			if (!found++)
				chk_buf_printf(b, "%s%s row%s ", b->len ? "; " : "",
					       tabs[t].t->label ? tabs[t].t->label : "the table", "\x01");
			else
				chk_buf_printf(b, ", ");
			chk_buf_printf(b, "%zu", r->row);
		}
		/* "row" or "rows" */
		char *mark = b->s ? strchr(b->s, '\x01') : NULL;
		if (mark) {
			if (found > 1)
				*mark = 's';
			else
				memmove(mark, mark + 1, strlen(mark + 1) + 1), b->len--;
		}
	}
}

static void quote_raw(chk_buf *b, const ref_entry *e, size_t max)
{
	size_t n = e->raw_len;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)e->raw[n] & 0xC0) == 0x80)
			n--; /* do not cut a UTF-8 sequence */
	}
	chk_buf_putn(b, e->raw, n);
	if (n < e->raw_len)
		chk_buf_putn(b, "...", 3);
}

static void uncited(chk_ctx *c, const ref_entry *e, size_t n, const chk_table *tabs, size_t n_tabs)
{
	unsigned char *is_cited = cited_entries(c, e, n);
	if (!is_cited) {
		c->oom = 1;
		return;
	}
	size_t cited = 0;
	for (size_t i = 0; i < n; i++)
		cited += is_cited[i];
	/* too few citations found: the callouts were not recognised, not uncited */
	if (n < 3 || cited * 2 < n) {
		free(is_cited);
		return;
	}
	for (size_t i = 0; i < n && !c->oom; i++) {
		if (!e[i].label[0] || is_cited[i])
			continue;
		chk_buf ev = { 0 };
		chk_buf_printf(&ev, "Reference %s is cited nowhere: no callout in the text, captions or tables and no "
			       "table row gives it. Reference list (line %u): %s ", e[i].label, e[i].line, e[i].label);
		quote_raw(&ev, &e[i], 120);
		chk_buf_printf(&ev, "%s", e[i].raw_len && e[i].raw[e[i].raw_len - 1] == '.' ? "" : ".");
		char *end;
		long lab = strtol(e[i].label, &end, 10);
		if (!*end && lab > 0 && lab < 100000) {
			chk_buf before = { 0 }, after = { 0 };
			rows_citing(tabs, n_tabs, (int)lab - 1, &before);
			rows_citing(tabs, n_tabs, (int)lab + 1, &after);
			if (before.len && after.len)
				chk_buf_printf(&ev, " Reference %ld is cited in %s and %ld in %s, where a row citing %s would sit.",
					       lab - 1, chk_buf_str(&before), lab + 1, chk_buf_str(&after), e[i].label);
			else if (before.len || after.len)
				chk_buf_printf(&ev, " Its neighbour %ld is cited in %s.", before.len ? lab - 1 : lab + 1,
					       before.len ? chk_buf_str(&before) : chk_buf_str(&after));
			if (before.oom || after.oom)
				c->oom = 1;
			chk_buf_free(&before);
			chk_buf_free(&after);
		}
		chk_finding fd = { "ref_uncited", "warning", NULL, 0, e[i].label, e[i].line, chk_buf_str(&ev),
				   "cited in the text or a table", "never cited", NULL, NULL, 0 };
		chk_buf sn = { 0 };
		quote_raw(&sn, &e[i], 400);
		fd.snippet = chk_buf_str(&sn);
		chk_emit(c, &fd);
		if (ev.oom || sn.oom)
			c->oom = 1;
		chk_buf_free(&ev);
		chk_buf_free(&sn);
	}
	free(is_cited);
}

static void unnumbered(chk_ctx *c, const ref_entry *e, size_t n)
{
	size_t printed = 0;
	for (size_t i = 0; i < n; i++)
		printed += e[i].printed != 0;
	/* a list that numbers none of its entries is an unnumbered style, not a fault */
	if (printed < 3 || printed * 2 < n)
		return;
	for (size_t i = 0; i < n && !c->oom; i++) {
		if (e[i].printed)
			continue;
		const ref_entry *prev = NULL, *next = NULL;
		for (size_t j = i; j-- > 0;)
			if (e[j].printed) {
				prev = &e[j];
				break;
			}
		for (size_t j = i + 1; j < n; j++)
			if (e[j].printed) {
				next = &e[j];
				break;
			}
		chk_buf ev = { 0 }, sn = { 0 };
		chk_buf_printf(&ev, "Reference-list entry at line %u has no number: '", e[i].line);
		quote_raw(&ev, &e[i], 60);
		chk_buf_printf(&ev, "'. It lies between ");
		if (prev)
			chk_buf_printf(&ev, "reference %s", prev->label);
		else
			chk_buf_printf(&ev, "the start of the list");
		chk_buf_printf(&ev, " and ");
		if (next)
			chk_buf_printf(&ev, "reference %s", next->label);
		else
			chk_buf_printf(&ev, "the end of the list");
		chk_buf_printf(&ev, ", so by position it is %s.", e[i].label);
		quote_raw(&sn, &e[i], 400);
		chk_finding fd = { "ref_unnumbered", "warning", NULL, 0, e[i].label, e[i].line, chk_buf_str(&ev),
				   e[i].label, "-", chk_buf_str(&sn), NULL, 0 };
		chk_emit(c, &fd);
		if (ev.oom || sn.oom)
			c->oom = 1;
		chk_buf_free(&ev);
		chk_buf_free(&sn);
	}
}

static void missing_year(chk_ctx *c, const ref_entry *e, size_t n)
{
	size_t without = 0;
	for (size_t i = 0; i < n; i++)
		without += !e[i].has_year && e[i].article;
	/* many entries without a year: a style or extraction matter, not a fault */
	if (n < 3 || without * 10 > n * 3)
		return;
	for (size_t i = 0; i < n && !c->oom; i++) {
		if (e[i].has_year || !e[i].article || !e[i].raw_len)
			continue;
		chk_buf ev = { 0 }, sn = { 0 };
		chk_buf_printf(&ev, "Reference %s (line %u) gives no year: '", e[i].label, e[i].line);
		quote_raw(&ev, &e[i], 160);
		chk_buf_printf(&ev, "'.");
		quote_raw(&sn, &e[i], 400);
		chk_finding fd = { "ref_missing_field", "warning", NULL, 0, e[i].label, e[i].line, chk_buf_str(&ev),
				   "year", "no year", chk_buf_str(&sn), NULL, 0 };
		chk_emit(c, &fd);
		if (ev.oom || sn.oom)
			c->oom = 1;
		chk_buf_free(&ev);
		chk_buf_free(&sn);
	}
}

void chk_refs_list(chk_ctx *c, const chk_table *tabs, size_t n_tabs)
{
	size_t n;
	ref_entry *e = ref_entries(c, &n);
	if (!e) {
		c->oom = 1;
		return;
	}
	if (n) {
		unnumbered(c, e, n);
		missing_year(c, e, n);
		uncited(c, e, n, tabs, n_tabs);
	}
	free(e);
}
