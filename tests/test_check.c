/* test_check.c - the checker on documents built here with docb/tbuf, the way a
 * reader builds them: an appendix table that is clean gives no error, and each
 * kind of error injected on its own gives exactly that finding on that row.
 * Text checks (ratios, electron counts, values, spellings) and the reference list
 * are tested the same way, with plugin records written by hand.
 *
 * Table checks read formulas through litx_formula_describe; when the core parser
 * is not built yet (it returns NULL) those tests skip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <litx/formula.h>
#include "check.h"
#include "docb.h"
#include "readers.h"
#include "tbuf.h"

/* ---- building documents ------------------------------------------------ */

/* Text with a little markup: _{..} subscript, ^{..} superscript, {c:1;2} a
 * citation (printed as its labels). */
static litx_text mk(docb *b, const char *s, uint32_t line)
{
	tbuf tb;
	litx_text out;
	memset(&out, 0, sizeof out);
	tbuf_init(&tb);
	tbuf_mark(&tb, line, 0);
	while (*s) {
		if ((s[0] == '_' || s[0] == '^') && s[1] == '{') {
			const char *e = strchr(s + 2, '}');
			long sp = tbuf_span_open(&tb, s[0] == '_' ? LITX_SPAN_SUB : LITX_SPAN_SUP);
			tbuf_put(&tb, s + 2, (size_t)(e - s - 2));
			tbuf_span_close(&tb, sp);
			s = e + 1;
		} else if (s[0] == '{' && s[1] == 'c' && s[2] == ':') {
			const char *e = strchr(s + 3, '}');
			char labels[64];
			snprintf(labels, sizeof labels, "%.*s", (int)(e - s - 3), s + 3);
			size_t st = tb.len;
			tbuf_puts(&tb, labels);
			tbuf_span_add(&tb, LITX_SPAN_CITE, st, tb.len, LITX_CITE_SUPERSCRIPT, labels);
			s = e + 1;
		} else {
			tbuf_putc(&tb, *s++);
		}
	}
	assert_int_equal(tbuf_finish(&tb, b->a, &out), 0);
	tbuf_free(&tb);
	return out;
}

#define NCOL 5
static const char *const head[2 * NCOL] = {
	"Series NCs name", "NCs formula", "Structural characteristic", "Structural characteristic", "Reference",
	"Series NCs name", "NCs formula", "Doping type", "Doping number", "Reference",
};

/* A clean appendix table (made-up clusters, general shapes: placeholders, variables
 * with values, ranges, carried-down series, definitions in the formula cell). */
#define NROW 8
static const char *const clean[NROW * NCOL] = {
	"M_{1}Au_{24} series NCs", "[Au_{24}Pt_{1}(SR)_{18}]^{0}", "Pt", "1", "301",
	"M_{1}Au_{24} series NCs", "Au_{24}Hg_{1}(SR)_{18}", "Hg", "1", "302",
	"M_{4}Au_{4} series NCs", "Au_{4}Ag_{4}(SR)_{8}, SR = SC_{2}H_{4}Ph", "Ag", "4", "303",
	"(M-Au)_{17} series NCs", "Au_{x}Ag_{17-x}(SR)_{12} (x = 0, 1)", "Ag", "16, 17", "304",
	"(M\xE2\x80\x93" "Au)_{25} series NCs", "Au_{25-x}Cu_{x}(SR)_{18}, x = 1\xE2\x80\x93" "3", "Cu",
	"1\xE2\x80\x93" "3", "305",
	"M_{2}Au_{36} series NCs", "M_{2}Au_{36}(SR)_{24}, M = Pd/Pt", "Pd, Pt", "2", "306\xE2\x80\x93" "308",
	"(M-Au)_{44} series NCs", "Au_{12}Ag_{32}(SR)_{30}", "Ag", "32", "309",
	"", "[Au_{20}Cu_{24}(SR)_{30}]^{2-}", "Cu", "24", "310",
};

typedef struct edit {
	size_t row, col; /* 1-based row, 0-based column */
	const char *text;
} edit;

static docb *table_doc(const edit *edits, size_t n_edits, const char *const *cells, size_t n_rows)
{
	docb *b = docb_new("test.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	litx_block *p = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
	p->text = mk(b, "An introduction without numbers.", 3);
	litx_table *t = docb_add_table(b);
	t->label = docb_strdup(b, "Table 1");
	t->caption = mk(b, "Summary of clusters", 100);
	t->n_cols = NCOL;
	t->n_head = 2;
	t->n_rows = n_rows;
	t->line = 100;
	litx_text *h = docb_texts(b, 2 * NCOL), *c = docb_texts(b, n_rows * NCOL);
	for (size_t i = 0; i < 2 * NCOL; i++)
		h[i] = mk(b, head[i], 101 + (uint32_t)(i / NCOL));
	for (size_t i = 0; i < n_rows * NCOL; i++) {
		const char *s = cells[i];
		for (size_t e = 0; e < n_edits; e++)
			if (edits[e].row == i / NCOL + 1 && edits[e].col == i % NCOL)
				s = edits[e].text;
		c[i] = mk(b, s, 103 + (uint32_t)(i / NCOL));
	}
	t->head = h;
	t->cells = c;
	assert_int_equal(docb_finish(b), 0);
	return b;
}

static int have_parser(void)
{
	json_t *d = litx_formula_describe("Au25", 4);
	json_decref(d);
	return d != NULL;
}

static json_t *run_check(docb *b, json_t *records)
{
	json_t *findings = json_array();
	assert_int_equal(litx_check_doc(&b->doc, records, findings), 0);
	return findings;
}

static size_t count_kind(const json_t *fs, const char *kind, long row)
{
	size_t n = 0, i;
	json_t *f;
	json_array_foreach(fs, i, f) {
		if (strcmp(json_string_value(json_object_get(f, "kind")), kind))
			continue;
		if (row >= 0 && json_integer_value(json_object_get(f, "row")) != row)
			continue;
		n++;
	}
	return n;
}

static size_t count_severity(const json_t *fs, const char *sev)
{
	size_t n = 0, i;
	json_t *f;
	json_array_foreach(fs, i, f) n += !strcmp(json_string_value(json_object_get(f, "severity")), sev);
	return n;
}

static void dump_findings(const json_t *fs)
{
	char *s = json_dumps(fs, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	fprintf(stderr, "%s\n", s ? s : "?");
	free(s);
}

/* ---- tables -------------------------------------------------------------- */

static void clean_table_no_findings(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	docb *b = table_doc(NULL, 0, clean, NROW);
	json_t *fs = run_check(b, NULL);
	if (json_array_size(fs))
		dump_findings(fs);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	litx_doc_free(&b->doc);
}

/* One injected error, the one finding it must give. */
static const struct injected {
	const char *name;
	edit e[3];
	size_t n_e;
	const char *kind;
	long row;
	size_t expect_total; /* findings in all, 0: just that one */
} injected[] = {
	{ "dopant absent", { { 7, 2, "Pd" } }, 1, "dopant_not_in_formula", 7, 0 },
	{ "number differs", { { 7, 3, "6" } }, 1, "doping_number_mismatch", 7, 0 },
	{ "variable range", { { 4, 3, "15" } }, 1, "doping_number_mismatch", 4, 0 },
	{ "range outside", { { 5, 3, "5\xE2\x80\x93" "7" } }, 1, "doping_number_mismatch", 5, 0 },
	{ "series size", { { 3, 0, "M_{4}Au_{5} series NCs" } }, 1, "series_size_mismatch", 3, 0 },
	{ "series (M-Au)", { { 7, 0, "(M-Au)_{45} series NCs" } }, 1, "series_size_mismatch", 7, 2 },
	{ "series composition", { { 3, 1, "Au_{3}Ag_{5}(SR)_{8}" }, { 3, 3, "5" } }, 2, "series_size_mismatch", 3, 0 },
	{ "unclosed bracket", { { 8, 1, "[Au_{20}Cu_{24}(SR)_{30}^{2-}" } }, 1, "formula_malformed", 8, 0 },
	{ "stray bracket", { { 3, 1, "Au_{4}Ag_{4}(SR)_{8})" } }, 1, "formula_malformed", 3, 0 },
	{ "one ref, two clusters", { { 8, 4, "303" } }, 1, "ref_reused", 8, 0 },
	{ "one ref, same metals, other ligands, out of order",
	  { { 8, 1, "[Au_{20}Ag_{24}(PPh_{3})_{10}Cl_{2}]^{2-}" }, { 8, 2, "Ag" }, { 8, 4, "303" } }, 3, "ref_reused", 8, 0 },
	/* not reported: the same metals and a shared ligand (one paper, a family) */
	{ "one ref, one family", { { 8, 1, "[Au_{20}Ag_{24}(SR)_{30}]^{2-}" }, { 8, 2, "Ag" }, { 8, 4, "303" } }, 3,
	  "ref_reused", -2, 0 },
};

static void injected_errors(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	for (size_t i = 0; i < sizeof injected / sizeof *injected; i++) {
		const struct injected *x = &injected[i];
		docb *b = table_doc(x->e, x->n_e, clean, NROW);
		json_t *fs = run_check(b, NULL);
		if (x->row == -2) { /* a clean variant: nothing at all */
			if (json_array_size(fs))
				dump_findings(fs);
			assert_int_equal(json_array_size(fs), 0);
			json_decref(fs);
			litx_doc_free(&b->doc);
			continue;
		}
		size_t want = x->expect_total ? x->expect_total : 1;
		if (count_kind(fs, x->kind, x->row) != 1 || json_array_size(fs) != want) {
			fprintf(stderr, "case '%s':\n", x->name);
			dump_findings(fs);
		}
		assert_int_equal(count_kind(fs, x->kind, x->row), 1);
		assert_int_equal(json_array_size(fs), want);
		/* every finding carries the fields a curator needs */
		json_t *f = json_array_get(fs, 0);
		assert_string_equal(json_string_value(json_object_get(f, "table")), "Table 1");
		assert_true(json_integer_value(json_object_get(f, "line")) >= 103);
		assert_true(strlen(json_string_value(json_object_get(f, "evidence"))) > 20);
		assert_non_null(json_object_get(f, "expected"));
		assert_non_null(json_object_get(f, "found"));
		json_decref(fs);
		litx_doc_free(&b->doc);
	}
}

/* The evidence names the row, the printed cell and what the formula gives. */
static void evidence_wording(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	edit e = { 7, 2, "Pd" };
	docb *b = table_doc(&e, 1, clean, NROW);
	json_t *fs = run_check(b, NULL);
	json_t *f = json_array_get(fs, 0);
	const char *ev = json_string_value(json_object_get(f, "evidence"));
	assert_non_null(strstr(ev, "row 7"));
	assert_non_null(strstr(ev, "'Pd'"));
	assert_non_null(strstr(ev, "Au12Ag32(SR)30"));
	assert_non_null(strstr(ev, "line 109"));
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "error");
	assert_int_equal(json_integer_value(json_object_get(f, "row")), 7);
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 109);
	assert_non_null(strstr(json_string_value(json_object_get(f, "found")), "no Pd"));
	json_decref(fs);
	litx_doc_free(&b->doc);
}

static void swapped_rows(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	edit e[2] = { { 7, 3, "24" }, { 8, 3, "32" } };
	docb *b = table_doc(e, 2, clean, NROW);
	json_t *fs = run_check(b, NULL);
	assert_int_equal(count_kind(fs, "rows_swapped", 7), 1);
	assert_int_equal(count_kind(fs, "rows_swapped", 8), 1);
	assert_int_equal(count_kind(fs, "doping_number_mismatch", -1), 2);
	assert_int_equal(count_kind(fs, "column_shift", -1), 0);
	json_decref(fs);
	litx_doc_free(&b->doc);
}

/* A doping-number column printed one row too low over four rows. */
static void shifted_column(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	static const char *const rows[5 * NCOL] = {
		"(M-Au)_{25} series NCs", "Au_{24}Cu_{1}(SR)_{18}", "Cu", "", "401",
		"(M-Au)_{25} series NCs", "Au_{23}Cu_{2}(SR)_{18}", "Cu", "1", "402",
		"(M-Au)_{25} series NCs", "Au_{22}Cu_{3}(SR)_{18}", "Cu", "2", "403",
		"(M-Au)_{25} series NCs", "Au_{21}Cu_{4}(SR)_{18}", "Cu", "3", "404",
		"(M-Au)_{25} series NCs", "Au_{20}Cu_{5}(SR)_{18}", "Cu", "4", "405",
	};
	docb *b = table_doc(NULL, 0, rows, 5);
	json_t *fs = run_check(b, NULL);
	assert_int_equal(count_kind(fs, "doping_number_mismatch", -1), 4);
	assert_int_equal(count_kind(fs, "rows_swapped", -1), 0);
	assert_true(count_kind(fs, "column_shift", -1) >= 3);
	assert_int_equal(count_kind(fs, "column_shift", 1), 0);
	json_decref(fs);
	litx_doc_free(&b->doc);
}

/* A table whose header names none of the roles is not an appendix table. */
static void other_tables_ignored(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	docb *b = docb_new("t.txt", LITX_FORMAT_TEXT);
	litx_table *t = docb_add_table(b);
	t->label = docb_strdup(b, "Table 2");
	t->n_cols = 2;
	t->n_head = 1;
	t->n_rows = 2;
	litx_text *h = docb_texts(b, 2), *c = docb_texts(b, 4);
	h[0] = mk(b, "Catalyst", 1);
	h[1] = mk(b, "FE (%)", 1);
	c[0] = mk(b, "[Au25(SR)18", 2);
	c[1] = mk(b, "90", 2);
	c[2] = mk(b, "Au24Pd1", 3);
	c[3] = mk(b, "95", 3);
	t->head = h;
	t->cells = c;
	assert_int_equal(docb_finish(b), 0);
	json_t *fs = run_check(b, NULL);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	litx_doc_free(&b->doc);
}

/* ---- the table against the text ------------------------------------------ */

static json_t *formula_record(const char *text, uint32_t line, const char *refs)
{
	json_t *r = litx_formula_describe(text, strlen(text));
	assert_non_null(r);
	json_object_set_new(r, "text", json_string(text));
	json_object_set_new(r, "line", json_integer(line));
	json_t *a = json_array();
	for (const char *p = refs; p && *p;) {
		const char *q = strchr(p, ';');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		json_array_append_new(a, json_stringn(p, n));
		p = q ? q + 1 : p + n;
	}
	json_object_set_new(r, "refs", a);
	return r;
}

static void ref_against_text(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	docb *b = table_doc(NULL, 0, clean, NROW);
	/* the text cites 301 for another cluster */
	json_t *recs = json_pack("{s:[o]}", "formulas", formula_record("Au38Pd2(SR)24", 12, "301"));
	json_t *fs = run_check(b, recs);
	assert_int_equal(count_kind(fs, "ref_conflicts_with_text", 1), 1);
	json_t *f = json_array_get(fs, 0);
	assert_int_equal(json_integer_value(json_object_get(f, "label")), 301);
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 12);
	json_decref(fs);
	json_decref(recs);
	/* the same cluster, another spelling: no conflict; a sentence citing many
	 * references says nothing about one of them */
	recs = json_pack("{s:[oo]}", "formulas", formula_record("Pt1Au24", 12, "301"),
			 formula_record("Au38Pd2(SR)24", 14, "301;302;303;304"));
	fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	json_decref(recs);
	litx_doc_free(&b->doc);
}

/* ---- the reference list -------------------------------------------------- */

static docb *refs_doc(void)
{
	docb *b = docb_new("refs.txt", LITX_FORMAT_TEXT);
	litx_block *p = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
	p->text = mk(b, "Clusters were made.{c:1;2} Others followed.{c:3} See also ref. {c:5} and {c:6}.", 5);
	static const char *const raw[] = {
		"A. One, J. Chem., 2001, 1, 1-2.", "B. Two, J. Chem., 2002, 2, 3-4.",
		"C. Three, J. Chem., 2003, 3, 5-6.", "D. Four, J. Chem., 2004, 4, 7-8.",
		"E. Five, J. Chem., 5, 9-10.", "F. Six, J. Chem., 2006, 6, 11-12.",
	};
	for (int i = 0; i < 6; i++) {
		litx_ref *r = docb_add_ref(b);
		char lab[16];
		snprintf(lab, sizeof lab, "%d", i + 1);
		r->label = docb_strdup(b, lab);
		r->label_printed = i != 2;
		r->raw = mk(b, raw[i], 50 + (uint32_t)i);
	}
	assert_int_equal(docb_finish(b), 0);
	return b;
}

static void reference_list(void **state)
{
	(void)state;
	docb *b = refs_doc();
	json_t *fs = run_check(b, NULL);
	assert_int_equal(json_array_size(fs), 3);
	assert_int_equal(count_kind(fs, "ref_unnumbered", -1), 1);
	assert_int_equal(count_kind(fs, "ref_missing_field", -1), 1);
	assert_int_equal(count_kind(fs, "ref_uncited", -1), 1);
	size_t i;
	json_t *f;
	json_array_foreach(fs, i, f) {
		const char *k = json_string_value(json_object_get(f, "kind"));
		json_int_t lab = json_integer_value(json_object_get(f, "label"));
		assert_true(json_is_null(json_object_get(f, "row")));
		if (!strcmp(k, "ref_unnumbered")) {
			assert_int_equal(lab, 3);
			assert_int_equal(json_integer_value(json_object_get(f, "line")), 52);
		} else if (!strcmp(k, "ref_missing_field")) {
			assert_int_equal(lab, 5);
		} else {
			assert_int_equal(lab, 4);
		}
	}
	json_decref(fs);
	/* the reference records, when present, are what counts */
	json_t *recs = json_pack("{s:[{s:s,s:b,s:s,s:s,s:i}]}", "references", "label", "1", "label_printed", 1,
				 "raw", "A. One, J. Chem., 2001, 1, 1-2.", "year", "2001", "line", 50);
	fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	json_decref(recs);
	litx_doc_free(&b->doc);
}

/* An author-year list prints no numbers: not six unnumbered references. */
static void unnumbered_style(void **state)
{
	(void)state;
	docb *b = docb_new("r.txt", LITX_FORMAT_TEXT);
	for (int i = 0; i < 6; i++) {
		litx_ref *r = docb_add_ref(b);
		char lab[16];
		snprintf(lab, sizeof lab, "%d", i + 1);
		r->label = docb_strdup(b, lab);
		r->label_printed = 0;
		r->raw = mk(b, "Smith, J. (2001) Title. J. Chem. 1, 1.", 10 + (uint32_t)i);
	}
	assert_int_equal(docb_finish(b), 0);
	json_t *fs = run_check(b, NULL);
	assert_int_equal(count_kind(fs, "ref_unnumbered", -1), 0);
	assert_int_equal(count_kind(fs, "ref_uncited", -1), 0); /* no callouts found at all */
	json_decref(fs);
	litx_doc_free(&b->doc);
}

/* ---- numbers in the text ------------------------------------------------- */

static docb *para_doc(const char *text)
{
	docb *b = docb_new("p.txt", LITX_FORMAT_TEXT);
	litx_block *p = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
	p->text = mk(b, text, 40);
	assert_int_equal(docb_finish(b), 0);
	return b;
}

static void ratios(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t mismatches;
	} cases[] = {
		{ "It shows 4.20 A mg_{Pt}^{-1} mass activity and 2.50 mA cm_{Pt}^{-2} specific activity, which are "
		  "6.0 and 2.5 times higher than those of Pt/C (0.70 A mg_{Pt}^{-1} and 1.00 mA cm_{Pt}^{-2}).", 0 },
		{ "It shows 4.20 A mg_{Pt}^{-1} mass activity and 2.50 mA cm_{Pt}^{-2} specific activity, which are "
		  "6.0 and 2.5 times higher than those of Pt/C (0.80 A mg_{Pt}^{-1} and 1.00 mA cm_{Pt}^{-2}).", 1 },
		{ "The FE reaches 90% at -0.6 V, 1.5 times higher than that of Au25 (60%).", 0 },
		{ "The FE reaches 90% at -0.6 V, 2.5 times higher than that of Au25 (60%).", 1 },
		{ "The FE reaches 90%, about 2 times higher than that of Au25 (60%).", 0 },
		{ "The rate is 37.8 and 6 times higher than those of TiO_{2} and Ag_{44}.", 0 },
		{ "The electrode was cycled 5 times at 10 mV s^{-1}.", 0 },
		{ "A Tafel slope of 40 mV dec^{-1}, 2 times lower than that of Pt (80 mV dec^{-1}).", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		docb *b = para_doc(cases[i].text);
		json_t *fs = run_check(b, NULL);
		if (count_kind(fs, "ratio_mismatch", -1) != cases[i].mismatches) {
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
			dump_findings(fs);
		}
		assert_int_equal(count_kind(fs, "ratio_mismatch", -1), cases[i].mismatches);
		if (cases[i].mismatches) {
			json_t *f = json_array_get(fs, 0);
			assert_int_equal(json_integer_value(json_object_get(f, "line")), 40);
			assert_non_null(json_object_get(f, "snippet"));
		}
		json_decref(fs);
		litx_doc_free(&b->doc);
	}
}

static void electron_counts(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	json_t *d = litx_formula_describe("[Au25(SR)18]-", 13);
	int derives = d && json_is_integer(json_object_get(d, "electrons"));
	json_decref(d);
	if (!derives)
		skip();
	json_t *recs = json_pack("{s:[o]}", "formulas", formula_record("[Au25(SR)18]-", 30, ""));
	static const struct {
		const char *text;
		size_t n;
	} cases[] = {
		{ "Its configuration (Au_{25}: 8-electron) is closed.", 0 },
		{ "Its configuration (Au_{25}: 6-electron) is closed.", 1 },
		{ "The 6-electron Au_{25} superatom is rare.", 1 },
		{ "ORR follows a 4-electron transfer on Au_{25}.", 0 },
		{ "The Au_{38}: 6-electron count is unknown here.", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		docb *b = para_doc(cases[i].text);
		json_t *fs = run_check(b, recs);
		if (count_kind(fs, "electron_count_mismatch", -1) != cases[i].n) {
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
			dump_findings(fs);
		}
		assert_int_equal(count_kind(fs, "electron_count_mismatch", -1), cases[i].n);
		json_decref(fs);
		litx_doc_free(&b->doc);
	}
	json_decref(recs);
}

static json_t *metric(const char *cat, double v, const char *written, const char *product, int line)
{
	return json_pack("{s:s,s:f,s:s,s:s,s:s,s:s,s:s,s:i,s:s}", "metric", "faradaic_efficiency", "value", v,
			 "value_written", written, "unit", "%", "catalyst", cat, "catalyst_canonical", cat, "product",
			 product, "line", line, "snippet", "a sentence");
}

static void value_conflicts(void **state)
{
	(void)state;
	docb *b = para_doc("Nothing to see.");
	json_t *recs = json_pack("{s:[oooo]}", "metrics", metric("Au25", 95, "95", "CO", 10),
				 metric("Au25", 95.0, "95.0", "CO", 20), metric("Au25", 59, "59", "CO", 30),
				 metric("Au25", 40, "40", "H2", 31));
	json_t *fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 1);
	json_t *f = json_array_get(fs, 0);
	assert_string_equal(json_string_value(json_object_get(f, "kind")), "value_conflict");
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 30);
	json_decref(fs);
	json_decref(recs);
	/* rounding is not a conflict */
	recs = json_pack("{s:[oo]}", "metrics", metric("Au25", 95.4, "95.4", "CO", 10), metric("Au25", 95, "95", "CO", 20));
	fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	json_decref(recs);
	litx_doc_free(&b->doc);
}

static json_t *spelled(const char *text, int au, int cu, int line, const char *ref)
{
	return json_pack("{s:s,s:{s:i,s:i},s:i,s:[s]}", "text", text, "metals", "Au", au, "Cu", cu, "line", line,
			 "refs", ref);
}

static void spellings(void **state)
{
	(void)state;
	docb *b = para_doc("Nothing to see.");
	json_t *recs = json_pack("{s:[oooo]}", "formulas", spelled("Au15Cu4", 15, 4, 10, "158"),
				 spelled("Au15Cu4", 15, 4, 12, "158"), spelled("Au15Cu4", 15, 4, 14, "158"),
				 spelled("Au15Cu3", 15, 3, 20, "158"));
	json_t *fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 1);
	json_t *f = json_array_get(fs, 0);
	assert_string_equal(json_string_value(json_object_get(f, "kind")), "formula_conflict");
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 20);
	assert_string_equal(json_string_value(json_object_get(f, "expected")), "Au15Cu4");
	assert_string_equal(json_string_value(json_object_get(f, "found")), "Au15Cu3");
	json_decref(fs);
	json_decref(recs);
	/* another reference: two clusters, not two spellings */
	recs = json_pack("{s:[oooo]}", "formulas", spelled("Au15Cu4", 15, 4, 10, "158"),
			 spelled("Au15Cu4", 15, 4, 12, "158"), spelled("Au15Cu4", 15, 4, 14, "158"),
			 spelled("Au15Cu3", 15, 3, 20, "159"));
	fs = run_check(b, recs);
	assert_int_equal(json_array_size(fs), 0);
	json_decref(fs);
	json_decref(recs);
	litx_doc_free(&b->doc);
}

/* ---- the same table in text and JATS ------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0', *len = (size_t)n;
	return buf;
}

static json_t *findings_of_file(const char *name)
{
	const char *src = getenv("LITX_SRCDIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/check/%s", src ? src : ".", name);
	size_t len;
	char *buf = slurp(path, &len);
	if (!buf)
		return NULL;
	litx_err err;
	litx_doc *doc = litx_doc_load(name, buf, len, &err);
	free(buf);
	if (!doc)
		return NULL;
	json_t *fs = NULL;
	if (doc->n_tables) {
		fs = json_array();
		assert_int_equal(litx_check_doc(doc, NULL, fs), 0);
	}
	litx_doc_free(doc);
	return fs;
}

static void text_and_jats_agree(void **state)
{
	(void)state;
	if (!have_parser())
		skip();
	json_t *t = findings_of_file("appendix.txt"), *j = findings_of_file("appendix.xml");
	if (!t || !j) { /* a reader not built yet */
		json_decref(t);
		json_decref(j);
		skip();
	}
	/* same (kind, row) pairs */
	assert_int_equal(json_array_size(t), json_array_size(j));
	assert_true(json_array_size(t) >= 4);
	for (size_t i = 0; i < json_array_size(t); i++) {
		json_t *a = json_array_get(t, i), *b = json_array_get(j, i);
		assert_string_equal(json_string_value(json_object_get(a, "kind")),
				    json_string_value(json_object_get(b, "kind")));
		assert_int_equal(json_integer_value(json_object_get(a, "row")),
				 json_integer_value(json_object_get(b, "row")));
	}
	assert_int_equal(count_kind(t, "dopant_not_in_formula", 2), 1);
	assert_int_equal(count_kind(t, "doping_number_mismatch", 4), 1);
	assert_int_equal(count_kind(t, "formula_malformed", 5), 1);
	assert_int_equal(count_kind(t, "series_size_mismatch", 5), 1);
	assert_int_equal(count_severity(t, "error"), 4);
	json_decref(t);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_table_no_findings),
		cmocka_unit_test(injected_errors),
		cmocka_unit_test(evidence_wording),
		cmocka_unit_test(swapped_rows),
		cmocka_unit_test(shifted_column),
		cmocka_unit_test(other_tables_ignored),
		cmocka_unit_test(ref_against_text),
		cmocka_unit_test(reference_list),
		cmocka_unit_test(unnumbered_style),
		cmocka_unit_test(ratios),
		cmocka_unit_test(electron_counts),
		cmocka_unit_test(value_conflicts),
		cmocka_unit_test(spellings),
		cmocka_unit_test(text_and_jats_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
