/* kb_process.c - one source in, its records out. Identity (doc_id from sha256),
 * status and errors live in the documents record; plugin records get ids that are
 * stable for the same bytes, and fact_ids that group identical facts of the doc. */
#include "kb.h"
#include "check.h"
#include "kb_ids.h"
#include "readers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const litx_kb_tables[] = { "documents", "formulas", "metrics", "citations",
	"references", "tables", "findings" };
const size_t litx_kb_n_tables = sizeof litx_kb_tables / sizeof *litx_kb_tables;

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *doc_record(const litx_item *it, const litx_doc *doc, const char *sha,
			  const char *error)
{
	char id[17];
	memcpy(id, sha, 16);
	id[16] = '\0';
	json_t *r = json_object();
	if (!r)
		return NULL;
	json_object_set_new(r, "doc_id", json_string(id));
	json_object_set_new(r, "source", json_string(it->source));
	json_object_set_new(r, "format", doc ? json_string(doc->format == LITX_FORMAT_JATS ? "jats" : "text")
					     : json_null());
	json_object_set_new(r, "sha256", json_string(sha));
	json_object_set_new(r, "title", str_or_null(doc ? doc->meta.title : NULL));
	json_object_set_new(r, "doi", str_or_null(doc ? doc->meta.doi : NULL));
	json_object_set_new(r, "journal", str_or_null(doc ? doc->meta.journal : NULL));
	json_object_set_new(r, "year", str_or_null(doc ? doc->meta.year : NULL));
	json_object_set_new(r, "status", json_string(error ? "error" : "ok"));
	json_object_set_new(r, "error", str_or_null(error));
	return r;
}

/* The tables of the document model, as records (the checker and curators use them). */
static json_t *text_grid(const litx_text *cells, size_t rows, size_t cols)
{
	json_t *a = json_array();
	for (size_t r = 0; a && r < rows; r++) {
		json_t *row = json_array();
		for (size_t c = 0; row && c < cols; c++)
			json_array_append_new(row, json_stringn(cells[r * cols + c].s, cells[r * cols + c].len));
		json_array_append_new(a, row);
	}
	return a;
}

static int add_table_records(const litx_doc *doc, json_t *tables)
{
	for (size_t i = 0; i < doc->n_tables; i++) {
		const litx_table *t = &doc->tables[i];
		json_t *lines = json_array();
		for (size_t r = 0; lines && r < t->n_rows; r++) {
			/* the latest line of the row's cells: a group label carried down from
			 * an earlier row keeps that row's line */
			uint32_t line = 0;
			for (size_t c = 0; c < t->n_cols; c++) {
				uint32_t l;
				size_t off;
				litx_text_locate(&t->cells[r * t->n_cols + c], 0, &l, &off);
				if (l > line)
					line = l;
			}
			json_array_append_new(lines, json_integer(line));
		}
		json_t *rec = json_pack("{s:o,s:s%,s:i,s:s,s:I,s:I,s:o,s:o,s:o}",
			"label", str_or_null(t->label), "caption", t->caption.s, t->caption.len,
			"line", (int)t->line,
			"section", t->section >= 0 ? doc->sections[t->section].number : "",
			"n_rows", (json_int_t)t->n_rows, "n_cols", (json_int_t)t->n_cols,
			"head", text_grid(t->head, t->n_head, t->n_cols),
			"rows", text_grid(t->cells, t->n_rows, t->n_cols), "row_lines", lines);
		if (!rec || json_array_append_new(tables, rec))
			return -1;
	}
	return 0;
}

/* Append [table, rec]. `name` is the table's name as a JSON string, shared by
 * all its pairs (a pair per record made json_pack's format parsing and a string
 * copy per record a visible cost). */
static int push_pair(json_t *out, json_t *name, json_t *rec)
{
	json_t *p = json_array();
	if (!p || json_array_append(p, name) || json_array_append(p, rec) || json_array_append_new(out, p)) {
		json_decref(p);
		return -1;
	}
	return 0;
}

/* push_pair for every record of records[table]. */
static int push_table(json_t *out, const char *table, const json_t *arr)
{
	json_t *name = json_string(table);
	int rc = name ? 0 : -1;
	size_t i;
	json_t *rec;
	json_array_foreach(arr, i, rec) {
		if (rc)
			break;
		rc = push_pair(out, name, rec);
	}
	json_decref(name);
	return rc;
}

json_t *litx_kb_process(const litx_item *it, const litx_host *h, void **states)
{
	json_t *out = json_array();
	if (!out)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	litx_err err = { "", 0 };
	char sha[65];
	litx_doc *doc = NULL;
	char emsg[640];
	const char *error = NULL;

	if (litx_item_read(it, &buf, &len, &err) == 0) {
		doc = litx_doc_load(it->source, buf, len, &err);
		if (doc) /* the loader hashed the same bytes */
			memcpy(sha, doc->sha256, sizeof sha);
		else
			litx_sha256_hex(buf, len, sha);
	} else {
		/* no bytes: identify by the source name so the error still has a row */
		litx_sha256_hex(it->source, strlen(it->source), sha);
	}
	free(buf);
	if (!doc) {
		if (err.line)
			snprintf(emsg, sizeof emsg, "%s:%u: %s", it->source, err.line, err.msg);
		else
			snprintf(emsg, sizeof emsg, "%s: %s", it->source, err.msg);
		json_t *d = doc_record(it, NULL, sha, emsg);
		json_t *one = d ? json_pack("[O]", d) : NULL;
		if (!one || push_table(out, "documents", one)) {
			json_decref(one);
			json_decref(d);
			json_decref(out);
			return NULL;
		}
		json_decref(one);
		json_decref(d);
		return out;
	}

	json_t *records = NULL;
	char *failures = NULL;
	int rc = litx_host_run(h, states, doc, &records, &failures);
	json_t *tables = json_array();
	json_t *findings = json_array();
	if (rc == 0 && tables && findings && !add_table_records(doc, tables) &&
	    !litx_check_doc(doc, records, findings)) {
		json_object_set(records, "tables", tables);
		json_object_set(records, "findings", findings);
	} else {
		rc = -1;
	}
	json_decref(tables);
	json_decref(findings);
	if (failures) {
		snprintf(emsg, sizeof emsg, "%s: plugin %s", it->source, failures);
		error = emsg;
	}
	json_t *d = rc ? NULL : doc_record(it, doc, sha, error);
	json_t *one = d ? json_pack("[O]", d) : NULL;
	int bad = !one || litx_kb_assign_ids(doc->doc_id, records) || push_table(out, "documents", one);
	json_decref(one);
	if (bad) {
		json_decref(d);
		json_decref(records);
		free(failures);
		litx_doc_free(doc);
		json_decref(out);
		return NULL;
	}
	json_decref(d);
	/* records in KB table order, then any extra tables by name */
	int rc_push = 0;
	for (size_t t = 1; t < litx_kb_n_tables; t++)
		if (push_table(out, litx_kb_tables[t], json_object_get(records, litx_kb_tables[t])))
			rc_push = -1;
	const char **extra = NULL;
	size_t n_extra = 0;
	const char *key;
	json_t *arr;
	json_object_foreach(records, key, arr) {
		int known = 0;
		for (size_t t = 0; t < litx_kb_n_tables; t++)
			known |= !strcmp(key, litx_kb_tables[t]);
		if (known)
			continue;
		const char **ne = realloc(extra, (n_extra + 1) * sizeof *ne);
		if (!ne)
			break;
		extra = ne;
		extra[n_extra++] = key;
	}
	for (size_t a = 0; a < n_extra; a++)
		for (size_t b = a + 1; b < n_extra; b++)
			if (strcmp(extra[a], extra[b]) > 0) {
				const char *tmp = extra[a];
				extra[a] = extra[b];
				extra[b] = tmp;
			}
	for (size_t e = 0; e < n_extra; e++)
		if (push_table(out, extra[e], json_object_get(records, extra[e])))
			rc_push = -1;
	free(extra);
	json_decref(records);
	free(failures);
	litx_doc_free(doc);
	if (rc_push) {
		/* a document with records missing must not pass for a complete one */
		json_decref(out);
		return NULL;
	}
	return out;
}

int litx_kb_lines(const json_t *pairs, kb_jw *w)
{
	size_t i;
	json_t *p;
	json_array_foreach(pairs, i, p) {
		const char *table = json_string_value(json_array_get(p, 0));
		if (!table || kb_json_line(w, table, json_array_get(p, 1)))
			return -1;
	}
	return 0;
}

int litx_kb_write_lines(const json_t *pairs, FILE *f)
{
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	int rc = litx_kb_lines(pairs, &w);
	if (rc == 0 && w.out.len && fwrite(w.out.p, 1, w.out.len, f) != w.out.len)
		rc = -1;
	kb_jw_free(&w);
	return rc;
}

json_t *litx_kb_parse_line(const char *line, size_t len)
{
	json_t *j = json_loadb(line, len, 0, NULL);
	if (j && (!json_is_string(json_object_get(j, "table")) ||
		  !json_is_object(json_object_get(j, "record")))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}
