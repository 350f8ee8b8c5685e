/* dump.c - the document model as JSON. Keys follow the issue contract: meta,
 * sections, paragraphs, tables (rows exclude header rows), references. */
#include "dump.h"
#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static const char *span_name(litx_span_kind k)
{
	switch (k) {
	case LITX_SPAN_SUB: return "sub";
	case LITX_SPAN_SUP: return "sup";
	case LITX_SPAN_ITALIC: return "italic";
	case LITX_SPAN_BOLD: return "bold";
	case LITX_SPAN_CITE: return "cite";
	case LITX_SPAN_FORMULA: return "formula";
	}
	return "?";
}

json_t *litx_dump_text_spans(const litx_text *t)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < t->n_spans; i++) {
		const litx_span *s = &t->spans[i];
		json_t *o = json_pack("{s:s,s:I,s:I,s:s%}", "kind", span_name(s->kind),
				      "start", (json_int_t)s->start, "end", (json_int_t)s->end,
				      "text", t->s + s->start, s->end - s->start);
		if (o && s->labels)
			json_object_set_new(o, "labels", json_string(s->labels));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *text_str(const litx_text *t)
{
	return json_stringn(t->s ? t->s : "", t->len);
}

static json_t *grid(const litx_text *cells, size_t rows, size_t cols)
{
	json_t *a = json_array();
	for (size_t r = 0; a && r < rows; r++) {
		json_t *row = json_array();
		for (size_t c = 0; row && c < cols; c++)
			json_array_append_new(row, text_str(&cells[r * cols + c]));
		json_array_append_new(a, row);
	}
	return a;
}

static const char *block_kind(litx_block_kind k)
{
	switch (k) {
	case LITX_BLOCK_PARAGRAPH: return "paragraph";
	case LITX_BLOCK_CAPTION: return "caption";
	case LITX_BLOCK_ABSTRACT: return "abstract";
	case LITX_BLOCK_FOOTNOTE: return "footnote";
	}
	return "?";
}

json_t *litx_dump_doc(const litx_doc *d)
{
	json_t *root = json_object();
	if (!root)
		return NULL;
	json_object_set_new(root, "source", json_string(d->source));
	json_object_set_new(root, "format", json_string(d->format == LITX_FORMAT_JATS ? "jats" : "text"));
	json_object_set_new(root, "doc_id", json_string(d->doc_id));
	json_object_set_new(root, "meta", json_pack("{s:o,s:o,s:o,s:o}",
		"title", str_or_null(d->meta.title), "doi", str_or_null(d->meta.doi),
		"journal", str_or_null(d->meta.journal), "year", str_or_null(d->meta.year)));

	json_t *secs = json_array();
	for (size_t i = 0; i < d->n_sections; i++)
		json_array_append_new(secs, json_pack("{s:s,s:s,s:i,s:i}", "number", d->sections[i].number,
			"title", d->sections[i].title, "level", d->sections[i].level,
			"line", (int)d->sections[i].line));
	json_object_set_new(root, "sections", secs);

	json_t *paras = json_array();
	for (size_t i = 0; i < d->n_blocks; i++) {
		const litx_block *b = &d->blocks[i];
		uint32_t line;
		size_t off;
		litx_text_locate(&b->text, 0, &line, &off);
		const char *sec = b->section >= 0 ? d->sections[b->section].number : "";
		json_t *o = json_pack("{s:s,s:s,s:o,s:i,s:I,s:o}", "kind", block_kind(b->kind),
			"section", sec, "text", text_str(&b->text), "line", (int)line,
			"offset", (json_int_t)off, "spans", litx_dump_text_spans(&b->text));
		if (o && b->label)
			json_object_set_new(o, "label", json_string(b->label));
		json_array_append_new(paras, o);
	}
	json_object_set_new(root, "paragraphs", paras);

	json_t *tabs = json_array();
	for (size_t i = 0; i < d->n_tables; i++) {
		const litx_table *t = &d->tables[i];
		json_t *foot = json_array();
		for (size_t k = 0; k < t->n_foot; k++)
			json_array_append_new(foot, text_str(&t->foot[k]));
		json_array_append_new(tabs, json_pack("{s:o,s:o,s:I,s:o,s:o,s:o,s:i}",
			"label", str_or_null(t->label), "caption", text_str(&t->caption),
			"columns", (json_int_t)t->n_cols, "head", grid(t->head, t->n_head, t->n_cols),
			"rows", grid(t->cells, t->n_rows, t->n_cols), "foot", foot, "line", (int)t->line));
	}
	json_object_set_new(root, "tables", tabs);

	json_t *refs = json_array();
	for (size_t i = 0; i < d->n_refs; i++) {
		const litx_ref *r = &d->refs[i];
		uint32_t line;
		size_t off;
		litx_text_locate(&r->raw, 0, &line, &off);
		json_t *o = json_pack("{s:s,s:b,s:o,s:i}", "label", r->label ? r->label : "",
			"label_printed", r->label_printed, "raw", text_str(&r->raw), "line", (int)line);
		const char *keys[] = { "id", "authors", "title", "journal", "year", "volume", "issue", "pages", "doi" };
		const char *vals[] = { r->id, r->authors, r->title, r->journal, r->year, r->volume, r->issue, r->pages, r->doi };
		for (size_t k = 0; o && k < sizeof keys / sizeof *keys; k++)
			if (vals[k])
				json_object_set_new(o, keys[k], json_string(vals[k]));
		json_array_append_new(refs, o);
	}
	json_object_set_new(root, "references", refs);
	return root;
}
