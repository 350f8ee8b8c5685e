/* check.c - the checker's entry point: audits one document and builds finding
 * records.
 *
 * litx_check_doc reads every appendix-style table of the document (check_table.c),
 * checks each row on its own (check_rows.c) and against its neighbours and the
 * body text (check_cross.c, check_refs.c), then the reference list and the
 * numbers stated in the text (check_refs.c, check_text.c). Each pass calls
 * chk_emit, which turns a chk_finding into a record with the DESIGN.md fields in
 * their documented order; at the end the document's findings are put in reading
 * order (tables by row, then the reference list, then the text by line) so the
 * same document always gives the same findings in the same order.
 */
#include "check.h"
#include "check_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unichar.h"

const json_t *chk_records(const chk_ctx *c, const char *table)
{
	const json_t *a = c->records ? json_object_get(c->records, table) : NULL;
	return json_is_array(a) ? a : NULL;
}

const char *chk_str(const json_t *rec, const char *key, char *tmp, size_t cap)
{
	const json_t *v = json_object_get(rec, key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v) && cap) {
		snprintf(tmp, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return tmp;
	}
	if (json_is_real(v) && cap) {
		snprintf(tmp, cap, "%g", json_real_value(v));
		return tmp;
	}
	return "";
}

/* "1;2, 3": each label, spaces trimmed. */
static int split_labels(const char *p, void (*fn)(const char *label, void *arg), void *arg)
{
	int n = 0;
	char tmp[32];
	while (*p) {
		const char *q = p + strcspn(p, ";,");
		size_t len = (size_t)(q - p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len && len < sizeof tmp) {
			memcpy(tmp, p, len);
			tmp[len] = '\0';
			fn(tmp, arg);
			n++;
		}
		p = *q ? q + 1 : q;
	}
	return n;
}

int chk_labels(const json_t *v, void (*fn)(const char *label, void *arg), void *arg)
{
	int n = 0;
	char tmp[32];
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			const char *s = NULL;
			if (json_is_string(x))
				s = json_string_value(x);
			else if (json_is_integer(x)) {
				snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
				s = tmp;
			}
			if (s && *s) {
				fn(s, arg);
				n++;
			}
		}
		return n;
	}
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		fn(tmp, arg);
		return 1;
	}
	return json_is_string(v) ? split_labels(json_string_value(v), fn, arg) : 0;
}

int chk_labels_str(const char *s, void (*fn)(const char *label, void *arg), void *arg)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80) {
			/* only what a JSON string may hold, as when the labels went through one */
			json_t *j = json_string(s);
			int n = j ? split_labels(s, fn, arg) : 0;
			json_decref(j);
			return n;
		}
	return split_labels(s, fn, arg);
}

int chk_rec_in_table(const json_t *rec)
{
	const json_t *t = json_object_get(rec, "table");
	if ((json_is_string(t) && json_string_length(t)) || json_is_integer(t))
		return 1;
	const json_t *row = json_object_get(rec, "row"); /* jansson's json_is_* read their argument twice */
	return json_is_integer(row);
}

static void count_label(const char *label, void *arg)
{
	(void)label;
	(*(int *)arg)++;
}

/* Can the record give a superatom count? Its ligands must be a real shell (a
 * hydride alone is not) and the count non-negative. */
void chk_mention_electrons(const json_t *rec, chk_mention *m)
{
	const json_t *ev = json_object_get(rec, "electrons");
	m->electrons = -1;
	if (!json_is_integer(ev) || json_integer_value(ev) < 0)
		return;
	json_int_t lig = 0;
	size_t i;
	json_t *l;
	const json_t *ligands = json_object_get(rec, "ligands");
	json_array_foreach(ligands, i, l) {
		const json_t *c = json_object_get(l, "count");
		lig += json_is_integer(c) ? json_integer_value(c) : 0;
	}
	json_int_t n_metal = json_integer_value(json_object_get(rec, "n_metal"));
	if (lig == 0 || lig * 3 < n_metal)
		return;
	m->electrons = json_integer_value(ev);
	const json_t *charge = json_object_get(rec, "charge");
	m->charged = json_is_integer(charge);
}

const chk_mention *chk_mentions(chk_ctx *c, size_t *n)
{
	if (!c->mentions_read) {
		c->mentions_read = 1;
		const json_t *recs = chk_records(c, "formulas");
		size_t cap = json_array_size(recs), i;
		json_t *rec;
		if (cap) {
			c->mentions = malloc(cap * sizeof *c->mentions);
			if (!c->mentions)
				c->oom = 1;
		}
		json_array_foreach(recs, i, rec) {
			if (!c->mentions)
				break;
			chk_mention *m = &c->mentions[c->n_mentions];
			if (!chk_formula_from_json(rec, &m->f))
				continue;
			m->rec = rec;
			m->line = (uint32_t)json_integer_value(json_object_get(rec, "line"));
			m->in_table = chk_rec_in_table(rec);
			m->n_labels = 0;
			m->charged = 0;
			m->refs = json_object_get(rec, "refs");
			chk_labels(m->refs, count_label, &m->n_labels);
			chk_mention_electrons(rec, m);
			c->n_mentions++;
		}
	}
	*n = c->n_mentions;
	return c->mentions;
}

void chk_row_text(const litx_table *t, size_t r, chk_buf *b)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		const litx_text *x = &t->cells[r * t->n_cols + c];
		if (c)
			chk_buf_putn(b, " | ", 3);
		if (x->s)
			chk_buf_putn(b, x->s, x->len);
	}
}

/* A JSON string of s. Texts copied into fixed buffers on the way here (a formula,
 * a cell) may be cut inside a UTF-8 character, which jansson refuses: such bytes
 * become '?' (unichar_repair), so a finding is never lost, nor mistaken for an
 * allocation failure that would fail the whole document (found by fuzzing, see
 * tests/test_regress.c check_finding_cut_splits_utf8). */
static json_t *utf8_string(const char *s)
{
	json_t *j = json_string(s);
	char *t = j ? NULL : strdup(s);
	if (t)
		j = json_string(unichar_repair(t));
	free(t);
	return j;
}

/* A reference label as JSON: an integer when it is one ("239"), else the string. */
static json_t *label_json(const char *label)
{
	size_t n = strlen(label);
	int digits = n > 0 && n < 10;
	for (size_t i = 0; digits && i < n; i++)
		digits = label[i] >= '0' && label[i] <= '9';
	if (digits)
		return json_integer(strtoll(label, NULL, 10));
	return utf8_string(label);
}

static json_t *str_or_null(const char *s)
{
	return s ? utf8_string(s) : json_null();
}

/* json_object_set_new for a literal ASCII key: not measured, not checked */
#define SETL(o, k, v) json_object_setn_new_nocheck((o), "" k, sizeof(k) - 1, (v))

void chk_emit(chk_ctx *c, const chk_finding *f)
{
	json_t *o = json_object();
	if (!o) {
		c->oom = 1;
		return;
	}
	int bad = 0;
	bad |= SETL(o, "kind", json_string(f->kind));
	bad |= SETL(o, "severity", json_string(f->severity));
	bad |= SETL(o, "table", str_or_null(f->table));
	bad |= SETL(o, "row", f->row ? json_integer((json_int_t)f->row) : json_null());
	bad |= SETL(o, "label", f->label ? label_json(f->label) : json_null());
	bad |= SETL(o, "evidence", str_or_null(f->evidence));
	bad |= SETL(o, "expected", str_or_null(f->expected));
	bad |= SETL(o, "found", str_or_null(f->found));
	bad |= SETL(o, "line", f->line ? json_integer(f->line) : json_null());
	if (f->snippet)
		bad |= SETL(o, "snippet", utf8_string(f->snippet));
	if (f->n_cols) {
		json_t *cols = json_array();
		for (size_t i = 0; cols && i < f->n_cols; i++)
			if (f->cols[i] >= 0)
				bad |= json_array_append_new(cols, json_integer(f->cols[i]));
		bad |= SETL(o, "cols", cols);
	}
	if (bad) {
		json_decref(o);
		c->oom = 1;
		return;
	}
	if (json_array_append_new(c->findings, o)) /* steals o even when it fails */
		c->oom = 1;
}

/* Reading order: table findings by table and row (within a row, in the order
 * the checks made them), then reference findings, then text findings by line. */
typedef struct order_key {
	int group;
	size_t table, row;
	json_int_t line;
	size_t seq;
	json_t *rec;
} order_key;

static int cmp_key(const void *a, const void *b)
{
	const order_key *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	/* a row's findings in the order the checks made them; the rest by line */
	if (x->group != 0 && x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int sort_new(const litx_doc *doc, json_t *findings, size_t from)
{
	size_t n = json_array_size(findings) - from;
	if (n < 2)
		return 0;
	order_key *k = calloc(n, sizeof *k);
	if (!k)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(findings, from + i);
		const char *tab = json_string_value(json_object_get(r, "table"));
		k[i].rec = json_incref(r);
		k[i].seq = i;
		k[i].line = json_integer_value(json_object_get(r, "line"));
		k[i].row = (size_t)json_integer_value(json_object_get(r, "row"));
		if (tab) {
			k[i].group = 0;
			for (size_t t = 0; t < doc->n_tables; t++)
				if (doc->tables[t].label && !strcmp(doc->tables[t].label, tab)) {
					k[i].table = t;
					break;
				}
		} else {
			const json_t *label = json_object_get(r, "label");
			k[i].group = json_is_null(label) ? 2 : 1;
		}
	}
	qsort(k, n, sizeof *k, cmp_key);
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= json_array_set_new(findings, from + i, k[i].rec);
	free(k);
	return rc ? -1 : 0;
}

int litx_check_doc(const litx_doc *doc, const json_t *records, json_t *findings)
{
	if (!doc || !json_is_array(findings))
		return -1;
	chk_ctx c = { doc, records, findings, 0, NULL, 0, 0 };
	size_t from = json_array_size(findings);
	chk_table *tabs = calloc(doc->n_tables ? doc->n_tables : 1, sizeof *tabs);
	if (!tabs)
		return -1;
	for (size_t i = 0; i < doc->n_tables; i++) {
		int r = chk_table_read(&doc->tables[i], &tabs[i]);
		if (r < 0) {
			c.oom = 1;
			break;
		}
		if (r == 0)
			continue;
		chk_rows(&c, &tabs[i]);
		chk_cross(&c, &tabs[i]);
		chk_refs_table(&c, &tabs[i]);
	}
	if (!c.oom)
		chk_refs_list(&c, tabs, doc->n_tables);
	if (!c.oom)
		chk_text(&c);
	for (size_t i = 0; i < doc->n_tables; i++)
		chk_table_free(&tabs[i]);
	free(tabs);
	free(c.mentions);
	if (!c.oom && sort_new(doc, findings, from))
		c.oom = 1;
	return c.oom ? -1 : 0;
}
