/* formula.c - the formula plugin: its descriptor, per-thread state and the walk over
 * a document. Every paragraph, abstract, caption and footnote, every table caption,
 * footnote and data cell goes through scan.c (one "formulas" record per mention)
 * and context.c (one "ligand_definitions" record per "ABBR = value" and per row of a
 * ligand-abbreviation table). Patterns are compiled once per worker thread in
 * init(), with JIT and match/depth limits, and their match data is reused. */
#include "fx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void state_free(fx_state *st)
{
	if (!st)
		return;
	pcre2_code_free(st->cand);
	pcre2_code_free(st->cont);
	pcre2_code_free(st->vars);
	pcre2_code_free(st->bind);
	pcre2_code_free(st->defn);
	pcre2_match_data_free(st->md);
	pcre2_match_data_free(st->md2);
	pcre2_match_context_free(st->mctx);
	fx_memo_free(&st->memo);
	fx_spans_free(&st->spans);
	json_decref(st->section_json);
	free(st);
}

static int formula_init(void **state)
{
	*state = NULL;
	fx_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	char err[512];
	if (fx_compile(st, err, sizeof err)) {
		fprintf(stderr, "litx: formula plugin: %s\n", err);
		state_free(st);
		return -1;
	}
	st->md = pcre2_match_data_create(32, NULL);
	st->md2 = pcre2_match_data_create(32, NULL);
	/* a pathological text costs a bounded amount of work, not a hang */
	st->mctx = litx_pattern_context();
	if (!st->md || !st->md2 || !st->mctx) {
		state_free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static void formula_fini(void *state)
{
	state_free(state);
}

static const char *section_number(const litx_doc *doc, int section)
{
	if (section < 0 || (size_t)section >= doc->n_sections || !doc->sections[section].number)
		return "";
	return doc->sections[section].number;
}

static int contains_ci(const litx_text *t, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= t->len; i++)
		if (strncasecmp(t->s + i, word, n) == 0)
			return 1;
	return 0;
}

/* The same cell repeated over a row or column span is read once. */
static int same_text(const litx_text *a, const litx_text *b)
{
	if (a->s == b->s)
		return 1;
	return a->len == b->len && a->len > 0 && memcmp(a->s, b->s, a->len) == 0 &&
	       a->n_anchors && b->n_anchors && a->anchors[0].src_off == b->anchors[0].src_off;
}

/* A row of a ligand-abbreviation table: abbreviation and formula (or name). */
static int definition_row(fx_state *st, const fx_where *w, const litx_text *abbr,
			  const litx_text *val, litx_sink *sink)
{
	if (!abbr->len || !val->len)
		return 0;
	json_t *rec = json_object();
	if (!rec)
		return -1;
	json_object_set_new(rec, "abbreviation", json_stringn(abbr->s, abbr->len));
	json_object_set_new(rec, fx_is_formula(st, val->s, val->len) ? "formula" : "name",
			    json_stringn(val->s, val->len));
	json_object_set_new(rec, "section", json_string(w->section));
	if (w->table && w->table->label)
		json_object_set_new(rec, "table", json_string(w->table->label));
	if (w->row)
		json_object_set_new(rec, "row", json_integer(w->row));
	litx_rec_locate(rec, abbr, 0, abbr->len);
	return litx_emit(sink, "ligand_definitions", rec) < 0 ? -1 : 0;
}

static int scan_table(fx_state *st, const litx_doc *doc, const litx_table *tb, litx_sink *sink)
{
	fx_where w = { doc, &tb->caption, section_number(doc, tb->section), tb, 0, 0, NULL, 0 };
	if (fx_scan_text(st, &w, sink) || fx_definitions(st, &w, sink))
		return -1;
	for (size_t i = 0; i < tb->n_foot; i++) {
		w.t = &tb->foot[i];
		if (fx_scan_text(st, &w, sink) || fx_definitions(st, &w, sink))
			return -1;
	}
	/* a table of ligand abbreviations, or such rows at the end of a table */
	int defs = 0;
	for (size_t i = 0; i < tb->n_head * tb->n_cols; i++)
		if (contains_ci(&tb->head[i], "abbreviation"))
			defs = 1;
	for (size_t r = 0; r < tb->n_rows; r++) {
		const litx_text *row = &tb->cells[r * tb->n_cols];
		if (tb->n_cols >= 2 && contains_ci(&row[0], "abbreviation")) {
			defs = 1;
			continue;
		}
		w.row = (long)r + 1;
		w.row_cells = row;
		w.n_cols = tb->n_cols;
		if (defs && tb->n_cols >= 2) {
			if (definition_row(st, &w, &row[0], &row[1], sink))
				return -1;
			continue;
		}
		for (size_t c = 0; c < tb->n_cols; c++) {
			const litx_text *cell = &row[c];
			if (!cell->len || (c > 0 && same_text(cell, &row[c - 1])) ||
			    (r > 0 && same_text(cell, &tb->cells[(r - 1) * tb->n_cols + c])))
				continue;
			w.t = cell;
			w.col = (long)c + 1;
			if (fx_scan_text(st, &w, sink) || fx_definitions(st, &w, sink))
				return -1;
		}
		w.col = 0;
	}
	return 0;
}

static int formula_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	fx_state *st = state;
	if (!st) {
		litx_sink_fail(sink, "%s:%d: the formula plugin has no state (its init failed)",
			       __FILE__, __LINE__);
		return -1;
	}
	fx_memo_clear(&st->memo);
	st->spans.t = NULL; /* (its texts were the last document's) */
	json_decref(st->section_json);
	st->section_json = NULL;
	st->section_src = NULL;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const litx_block *b = &doc->blocks[i];
		fx_where w = { doc, &b->text, section_number(doc, b->section), NULL, 0, 0, NULL, 0 };
		if (fx_scan_text(st, &w, sink) || fx_definitions(st, &w, sink)) {
			litx_sink_fail(sink, "%s:%d: out of memory in block %zu", __FILE__, __LINE__, i);
			return -1;
		}
	}
	for (size_t i = 0; i < doc->n_tables; i++)
		if (scan_table(st, doc, &doc->tables[i], sink)) {
			litx_sink_fail(sink, "%s:%d: out of memory in table %zu", __FILE__, __LINE__, i);
			return -1;
		}
	return 0;
}

#define FORMULA_PLUGIN { \
	.abi_version = LITX_ABI_VERSION, \
	.struct_size = sizeof(litx_plugin), \
	.name = "formula", \
	.version = "0.1.0", \
	.description = "cluster formulas (metals, ligands, charge, superatom electrons) " \
		       "and ligand abbreviations", \
	.init = formula_init, \
	.extract = formula_extract, \
	.fini = formula_fini, \
}

LITX_PLUGIN_DEFINE(FORMULA_PLUGIN);
