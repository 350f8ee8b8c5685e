/* kb_csv.c - one KB table as RFC 4180 CSV. Columns: the DESIGN.md fields of the
 * table in their documented order, then any other field in name order, so a new
 * plugin field shows up without a change here. Lists are joined with ';', flat
 * objects (metals) as key:value pairs, anything deeper as compact JSON. Cells
 * are made from a record's JSON text (kb_jscan), not from jansson objects: the
 * assembly prints every record of the corpus. */
#include "kb_csv.h"
#include "kb_json.h"
#include "swar.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const documents_cols[] = { "doc_id", "source", "format", "sha256", "title",
	"doi", "journal", "year", "status", "error", NULL };
static const char *const formulas_cols[] = { "doc_id", "id", "fact_id", "text", "canonical",
	"kind", "metals", "ligands", "charge", "n_metal", "host", "dopants", "electrons", "support",
	"malformed", "line", "offset", "section", "table", "row", "col", "refs", "snippet", NULL };
static const char *const metrics_cols[] = { "doc_id", "id", "fact_id", "metric", "value",
	"value_min", "value_max", "qualifier", "unit", "value_written", "unit_written",
	"at_current_density", "at_potential", "potential_scale", "product", "reaction", "catalyst",
	"catalyst_canonical", "compared_to", "refs", "line", "offset", "section", "snippet", NULL };
static const char *const citations_cols[] = { "doc_id", "id", "labels", "kind", "text", "line",
	"offset", "section", NULL };
static const char *const references_cols[] = { "doc_id", "id", "label", "raw", "authors",
	"title", "journal", "year", "volume", "issue", "pages", "doi", "cited", NULL };
static const char *const tables_cols[] = { "doc_id", "id", "label", "caption", "line", "section",
	"n_rows", "n_cols", "head", "rows", NULL };
static const char *const findings_cols[] = { "doc_id", "id", "kind", "severity", "table", "row",
	"label", "evidence", "expected", "found", "line", NULL };
static const char *const clusters_cols[] = { "canonical", "n_metal", "metals", "mentions",
	"n_documents", "documents", "metrics", NULL };

static const struct {
	const char *table;
	const char *const *cols;
} fixed[] = {
	{ "documents", documents_cols }, { "formulas", formulas_cols }, { "metrics", metrics_cols },
	{ "citations", citations_cols }, { "references", references_cols },
	{ "tables", tables_cols }, { "findings", findings_cols }, { "clusters", clusters_cols },
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *litx_csv_columns(const char *table, const json_t *keys)
{
	json_t *cols = json_array();
	if (!cols)
		return NULL;
	const char *const *fx = NULL;
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (!strcmp(fixed[i].table, table))
			fx = fixed[i].cols;
	for (size_t i = 0; fx && fx[i]; i++)
		json_array_append_new(cols, json_string(fx[i]));
	size_t n = json_object_size(keys), k = 0;
	const char **rest = malloc((n ? n : 1) * sizeof *rest);
	if (!rest) {
		json_decref(cols);
		return NULL;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)keys, key, v) {
		int dup = 0;
		for (size_t i = 0; fx && fx[i]; i++)
			dup |= !strcmp(fx[i], key);
		if (!dup)
			rest[k++] = key;
	}
	qsort(rest, k, sizeof *rest, str_cmp);
	for (size_t i = 0; i < k; i++)
		json_array_append_new(cols, json_string(rest[i]));
	free(rest);
	return cols;
}

static int csv_special(char c)
{
	return c == ',' || c == '"' || c == '\n' || c == '\r';
}

/* Append s[0..n) as one CSV field: quoted when it holds a comma, a quote or a
 * line end, with quotes doubled. */
static int put_field(kb_buf *out, const char *s, size_t n)
{
	/* whether it needs quotes: a word at a time, up to the first special byte */
	size_t i = 0;
	int special = 0;
	for (; n - i >= 8; i += 8) {
		uint64_t w = swar_load(s + i);
		if (swar_eq(w, ',') | swar_eq(w, '"') | swar_eq(w, '\n') | swar_eq(w, '\r')) {
			special = 1;
			break;
		}
	}
	for (; !special && i < n; i++)
		special = csv_special(s[i]);
	if (!special)
		return kb_buf_put(out, s, n);
	if (n > (SIZE_MAX - 2) / 2 || kb_buf_reserve(out, 2 * n + 2))
		return -1;
	char *o = out->p + out->len;
	*o++ = '"';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			*o++ = '"';
		*o++ = s[i];
	}
	*o++ = '"';
	out->len = (size_t)(o - out->p);
	return 0;
}

/* The text of a number: integers as written, reals as "%.15g" of their value. */
static int number_text(kb_buf *b, kb_span v)
{
	int real = 0;
	for (size_t i = 0; i < v.n; i++)
		real |= v.p[i] == '.' || v.p[i] == 'e' || v.p[i] == 'E';
	if (!real)
		return kb_buf_put(b, v.p, v.n);
	char txt[64];
	int k = kb_jscan_number_g15(v.p, v.n, txt, sizeof txt);
	return k < 0 ? -1 : kb_buf_put(b, txt, (size_t)k);
}

/* A scalar's text: strings decoded, null as nothing. */
static int scalar_text(kb_buf *b, kb_span v)
{
	switch (v.n ? v.p[0] : 'n') {
	case '"': return kb_jscan_string(v, b);
	case 'n': return 0;
	case 't': return kb_buf_put(b, "true", 4);
	case 'f': return kb_buf_put(b, "false", 5);
	default: return number_text(b, v);
	}
}

static int is_container(kb_span v)
{
	return v.n && (v.p[0] == '[' || v.p[0] == '{');
}

/* A list or object of scalars: items joined with ';', object items as key:value
 * (keys in sorted order, as the text has them). Anything deeper: its JSON text,
 * which is already compact with sorted keys. */
static int container_text(kb_buf *b, kb_span v, kb_members *m)
{
	const char *end = v.p + v.n - 1, *p = v.p + 1;
	if (v.p[0] == '[') {
		for (const char *q = p; q < end; q++) {
			if (is_container((kb_span){ q, 1 }))
				return kb_buf_put(b, v.p, v.n);
			q = kb_jscan_skip(q, end);
		}
		for (int first = 1; p < end; first = 0) {
			const char *e = kb_jscan_skip(p, end);
			if ((!first && kb_buf_putc(b, ';')) || scalar_text(b, (kb_span){ p, (size_t)(e - p) }))
				return -1;
			p = e + 1;
		}
		return 0;
	}
	if (kb_members_read(m, v, 0))
		return -1;
	for (size_t i = 0; i < m->n; i++)
		if (is_container(m->v[i].val))
			return kb_buf_put(b, v.p, v.n);
	for (size_t i = 0; i < m->n; i++)
		if ((i && kb_buf_putc(b, ';')) || kb_buf_put(b, m->v[i].key.p, m->v[i].key.n) || kb_buf_putc(b, ':') ||
		    scalar_text(b, m->v[i].val))
			return -1;
	return 0;
}

int litx_csv_cell(kb_buf *out, kb_span v, litx_csv_scratch *s)
{
	if (!is_container(v)) {
		/* the common case, a string without escapes, needs no copy; and as its
		 * text cannot hold a quote or a line end, only a comma makes it quoted */
		if (v.n >= 2 && v.p[0] == '"' && !memchr(v.p, '\\', v.n)) {
			if (!memchr(v.p + 1, ',', v.n - 2))
				return kb_buf_put(out, v.p + 1, v.n - 2);
			return kb_buf_putc(out, '"') || kb_buf_put(out, v.p + 1, v.n - 2) || kb_buf_putc(out, '"') ? -1 : 0;
		}
		/* numbers and literals hold nothing CSV quotes: straight to out */
		if (v.n && v.p[0] != '"')
			return scalar_text(out, v);
		s->text.len = 0;
		return scalar_text(&s->text, v) || put_field(out, s->text.p, s->text.len) ? -1 : 0;
	}
	s->text.len = 0;
	return container_text(&s->text, v, &s->members) || put_field(out, s->text.p, s->text.len) ? -1 : 0;
}

void litx_csv_scratch_free(litx_csv_scratch *s)
{
	kb_buf_free(&s->text);
	kb_members_free(&s->members);
}

int litx_csv_header(FILE *f, const json_t *cols)
{
	kb_buf b = { NULL, 0, 0 };
	size_t i;
	json_t *c;
	int rc = 0;
	json_array_foreach(cols, i, c) {
		const char *name = json_string_value(c);
		if ((i && kb_buf_putc(&b, ',')) || !name || put_field(&b, name, strlen(name)))
			rc = -1;
	}
	if (rc == 0 && (kb_buf_put(&b, "\r\n", 2) || fwrite(b.p, 1, b.len, f) != b.len))
		rc = -1;
	kb_buf_free(&b);
	return rc;
}

int litx_csv_row(FILE *f, const json_t *cols, const json_t *rec)
{
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	litx_csv_scratch s = { { NULL, 0, 0 }, { NULL, 0, 0, { NULL, 0, 0 } } };
	kb_buf row = { NULL, 0, 0 };
	int rc = kb_json_dump(&w, rec) || kb_members_read(&m, (kb_span){ w.out.p, w.out.len }, 0) ? -1 : 0;
	size_t i;
	json_t *c;
	json_array_foreach(cols, i, c) {
		if (rc)
			break;
		const char *name = json_string_value(c);
		const kb_span *v = name ? kb_members_get(&m, name) : NULL;
		rc = (i && kb_buf_putc(&row, ',')) || litx_csv_cell(&row, v ? *v : (kb_span){ NULL, 0 }, &s) ? -1 : 0;
	}
	if (rc == 0 && (kb_buf_put(&row, "\r\n", 2) || fwrite(row.p, 1, row.len, f) != row.len))
		rc = -1;
	kb_buf_free(&row);
	litx_csv_scratch_free(&s);
	kb_members_free(&m);
	kb_jw_free(&w);
	return rc;
}
