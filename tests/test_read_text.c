/* test_read_text.c - the text reader on small documents written here (metadata,
 * headings, paragraph joins across page breaks and figure captions, a table
 * continued over a page, reference lists) and on the seed article
 * ($LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "readers.h"
#include "text_int.h"

static litx_doc *load(const char *text)
{
	litx_err err = { "", 0 };
	litx_doc *d = litx_doc_load("t.txt", text, strlen(text), &err);
	if (!d)
		print_error("load failed: %s (line %u)\n", err.msg, err.line);
	assert_non_null(d);
	assert_int_equal(d->format, LITX_FORMAT_TEXT);
	return d;
}

static const litx_block *block_with(const litx_doc *d, const char *needle)
{
	for (size_t i = 0; i < d->n_blocks; i++)
		if (strstr(d->blocks[i].text.s, needle))
			return &d->blocks[i];
	return NULL;
}

static uint32_t line_of(const litx_block *b, const char *needle)
{
	const char *p = strstr(b->text.s, needle);
	assert_non_null(p);
	uint32_t line;
	size_t off;
	litx_text_locate(&b->text, (size_t)(p - b->text.s), &line, &off);
	return line;
}

static const char *cell(const litx_table *t, size_t r, size_t c)
{
	assert_true(r < t->n_rows && c < t->n_cols);
	return t->cells[r * t->n_cols + c].s;
}

static const char *head(const litx_table *t, size_t r, size_t c)
{
	assert_true(r < t->n_head && c < t->n_cols);
	return t->head[r * t->n_cols + c].s;
}

/* ---- metadata ---- */

#define ABSTRACT "Utilizing renewable sources to convert small-molecule energy carriers into " \
	"high value-added chemicals and fuels is of great significance. Rational design of " \
	"the catalyst is the key to achieving efficient catalytic performance in this field."

static void test_meta(void **state)
{
	(void)state;
	litx_doc *d = load("\n\nCite this: *Chem. Sci.*, 2025, **16**, 10642\n\n"
			   "All publication charges for this article have been paid for by the Royal "
			   "Society of Chemistry\n\n"
			   "Gold clusters on carbon supports for the oxygen reduction reaction\n\n"
			   "Ann Author, * Ben Writer and Cat Person *\n\n" ABSTRACT "\n\n"
			   "Received 12th February 2024\nAccepted 26th April 2024\n\n"
			   "DOI: 10.1039/d5sc00000a\nrsc.li/chemical-science\n\n"
			   "1. Introduction\n\nThe body (see DOI: 10.9999/other for the data).\n");
	assert_string_equal(d->meta.title, "Gold clusters on carbon supports for the oxygen reduction reaction");
	assert_string_equal(d->meta.doi, "10.1039/d5sc00000a");
	assert_string_equal(d->meta.journal, "Chem. Sci.");
	assert_string_equal(d->meta.year, "2025");
	assert_true(d->n_blocks >= 2);
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_int_equal(d->blocks[0].section, -1);
	assert_int_equal(d->blocks[1].kind, LITX_BLOCK_PARAGRAPH);
	litx_doc_free(d);

	/* no "Cite this": the year from the dates, the DOI from a URL, no journal */
	d = load("Gold clusters on carbon supports\n\nAnn Author and Ben Writer\n\n"
		 "Published on 3 May 2023\n\nhttps://doi.org/10.1000/xyz.123.\n\n" ABSTRACT "\n");
	assert_string_equal(d->meta.title, "Gold clusters on carbon supports");
	assert_string_equal(d->meta.doi, "10.1000/xyz.123");
	assert_null(d->meta.journal);
	assert_string_equal(d->meta.year, "2023");
	litx_doc_free(d);
}

/* markdown: "# Title" is the title, not a section; "## Abstract" starts the
 * abstract; footnotes (†) are blocks of their own; no heading at all still gives
 * the prose paragraphs */
static void test_markdown_and_notes(void **state)
{
	(void)state;
	litx_doc *d = load("# Gold clusters for catalysis\n\nAnn Author and Ben Writer\n\n"
			   "## Abstract\n\nShort abstract text here.\n\n## 1. Introduction\n\n"
			   "Text with a note.\n\n"
			   "† Electronic supplementary information (ESI) available. See DOI: 10.1039/x.\n\n"
			   "More text.\n");
	assert_string_equal(d->meta.title, "Gold clusters for catalysis");
	assert_null(d->meta.doi);
	assert_int_equal(d->n_sections, 1);
	assert_string_equal(d->sections[0].number, "1");
	assert_int_equal(d->n_blocks, 3);
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_string_equal(d->blocks[0].text.s, "Short abstract text here.");
	assert_int_equal(d->blocks[1].kind, LITX_BLOCK_PARAGRAPH);
	assert_string_equal(d->blocks[1].text.s, "Text with a note. More text.");
	assert_int_equal(d->blocks[2].kind, LITX_BLOCK_FOOTNOTE);
	assert_null(d->blocks[2].label);
	assert_string_equal(d->blocks[2].text.s,
			    "Electronic supplementary information (ESI) available. See DOI: 10.1039/x.");
	litx_doc_free(d);

	d = load("A title of a short note on gold\n\nAnn Author and Ben Writer\n\n" ABSTRACT "\n\n"
		 "A short body paragraph with more than eight words in it.\n\nToo short.\n");
	assert_string_equal(d->meta.title, "A title of a short note on gold");
	assert_int_equal(d->n_sections, 0);
	assert_int_equal(d->n_blocks, 2);
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_string_equal(d->blocks[1].text.s, "A short body paragraph with more than eight words in it.");
	litx_doc_free(d);
}

/* ---- headings ---- */

static const struct heading_case {
	const char *prev, *line;
	int kind;
	const char *number;
	int level;
} heading_cases[] = {
	{ NULL, "1. Introduction", TH_NUMBERED, "1", 1 },
	{ "3", "3.1 Au-based bimetallic NCs in the hydrogen evolution reaction", TH_NUMBERED, "3.1", 2 },
	{ "3.6", "4. Summary and outlook", TH_NUMBERED, "4", 1 },
	{ "3.1", "3.2 Title", TH_NUMBERED, "3.2", 2 },
	{ "3.1", "3.1.1 A deeper title", TH_NUMBERED, "3.1.1", 3 },
	{ "2", "## 2.1 Methods", TH_NUMBERED, "2.1", 2 },
	{ NULL, "Conflicts of interest", TH_NAMED, "", 1 },
	{ NULL, "Notes and references", TH_NAMED, "", 1 },
	{ NULL, "ACKNOWLEDGEMENTS", TH_NAMED, "", 1 },
	{ NULL, "# Results on gold", TH_NAMED, "", 1 },
	/* not headings */
	{ "3.4", "3.7 A mg_{Pt+Au}⁻¹, which is 12 and 34 times higher than that of Pt NCs.", TH_NONE, "", 0 },
	{ "3.4", "3.7 A mg for the catalyst", TH_NONE, "", 0 },    /* the number does not follow */
	{ "3.3", "3.5 Title", TH_NONE, "", 0 },
	{ "1", "2 W. Zhang, W. Lai and R. Cao", TH_NONE, "", 0 },
	{ NULL, "1 W. Zhang, W. Lai and R. Cao, *Chem. Rev.*, 2017, **117**, 3717–3797.", TH_NONE, "", 0 },
	{ NULL, "12th February 2025", TH_NONE, "", 0 },
	{ NULL, "2025, 16, 10642", TH_NONE, "", 0 },
	{ "1", "2. the lowercase start", TH_NONE, "", 0 },
	{ "1", "2. Ends like a sentence.", TH_NONE, "", 0 },
	{ NULL, "In order to actively tackle the crisis", TH_NONE, "", 0 },
	{ NULL, "Acknowledgements are due to many", TH_NONE, "", 0 },
	{ NULL, "Series NCs name\tNCs formula", TH_NONE, "", 0 },
};

static void test_heading_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof heading_cases / sizeof *heading_cases; i++) {
		const struct heading_case *c = &heading_cases[i];
		text_heading prev, h;
		char pl[32];
		if (c->prev) {
			snprintf(pl, sizeof pl, "%s Prev", c->prev);
			assert_int_equal(text_heading_parse(pl, strlen(pl), &prev), TH_NUMBERED);
		}
		int k = text_heading_parse(c->line, strlen(c->line), &h);
		if (k == TH_NUMBERED && !text_heading_follows(c->prev ? &prev : NULL, &h))
			k = TH_NONE;
		if (k != c->kind)
			print_error("case %zu: %s\n", i, c->line);
		assert_int_equal(k, c->kind);
		if (k == TH_NONE)
			continue;
		assert_string_equal(h.number, c->number);
		if (k == TH_NUMBERED)
			assert_int_equal(h.n_nums, c->level);
	}
}

static void test_headings_in_doc(void **state)
{
	(void)state;
	litx_doc *d = load("1. Introduction\n\nText one.\n\n2. Methods\n\n"
			   "We measured a high mass activity of\n\n\n\n"
			   "3.7 A mg⁻¹, which is higher than Pt.\n\n2.1 Details\n\nMore text.\n\n"
			   "Conflicts of interest\n\nNone.\n");
	assert_int_equal(d->n_sections, 4);
	assert_string_equal(d->sections[0].number, "1");
	assert_string_equal(d->sections[0].title, "Introduction");
	assert_string_equal(d->sections[1].number, "2");
	assert_string_equal(d->sections[2].number, "2.1");
	assert_int_equal(d->sections[2].level, 2);
	assert_int_equal(d->sections[2].line, 13);
	assert_string_equal(d->sections[3].number, "");
	assert_string_equal(d->sections[3].title, "Conflicts of interest");
	const litx_block *b = block_with(d, "mass activity");
	assert_non_null(b);
	assert_string_equal(b->text.s, "We measured a high mass activity of 3.7 A mg-1, which is higher than Pt.");
	assert_int_equal(b->section, 1);
	assert_int_equal(line_of(b, "We measured"), 7);
	assert_int_equal(line_of(b, "3.7 A mg"), 11);
	litx_doc_free(d);

	/* unnumbered headings known by their form: alone between blank lines after a
	 * finished sentence; a short line after an unfinished one ends that sentence */
	d = load("Introduction\n\nWe study gold.\n\nLinear Fitness Decline\n\n"
		 "Fitness falls with distance in the\n\nPhenotype Space Model\n\n"
		 "A new paragraph starts.\n\nThe Model and\n\nAnother one.\n");
	assert_int_equal(d->n_sections, 2);
	assert_string_equal(d->sections[0].title, "Introduction");
	assert_string_equal(d->sections[1].title, "Linear Fitness Decline");
	assert_string_equal(d->sections[1].number, "");
	assert_int_equal(d->sections[1].level, 2);
	assert_int_equal(d->n_blocks, 3);
	assert_string_equal(d->blocks[1].text.s, "Fitness falls with distance in the Phenotype "
						 "Space Model A new paragraph starts.");
	assert_string_equal(d->blocks[2].text.s, "The Model and Another one.");
	litx_doc_free(d);
}

/* ---- paragraphs ---- */

static void test_join_page_break(void **state)
{
	(void)state;
	litx_doc *d = load("1. Introduction\n\n"
			   "It requires an applied voltage of 1.23 V in the\n\n"
			   "standard state (25 °C, 1 atm).^{6,7} However, it is higher.\n\n"
			   "A new paragraph starts here.\n\n"
			   "Department of Chemistry, Anhui University, Hefei 230601, China.\n"
			   "E-mail: someone@ahu.edu.cn\n\n12\n\n\n"
			   "Therefore, the catalyst matters.\n\n"
			   "And the next paragraph stands alone.\n");
	assert_int_equal(d->n_blocks, 3);
	const litx_block *b = &d->blocks[0];
	assert_string_equal(b->text.s, "It requires an applied voltage of 1.23 V in the standard "
				       "state (25 °C, 1 atm).6,7 However, it is higher.");
	assert_int_equal(line_of(b, "It requires"), 3);
	assert_int_equal(line_of(b, "standard state"), 5);
	assert_int_equal(line_of(b, "However"), 5);
	/* a page break (furniture, blank lines) joins even after a full stop, the way
	 * the publisher's paragraphs run; a single blank line does not */
	assert_string_equal(d->blocks[1].text.s,
			    "A new paragraph starts here. Therefore, the catalyst matters.");
	assert_int_equal(line_of(&d->blocks[1], "Therefore"), 15);
	assert_string_equal(d->blocks[2].text.s, "And the next paragraph stands alone.");
	litx_doc_free(d);
}

static void test_join_caption(void **state)
{
	(void)state;
	litx_doc *d = load("2. Synthesis\n\n"
			   "The heteroatom is connected with the coordination atom of the\n\n \n\n\n"
			   "Fig. 1 Schematic diagram of the doping position. Atom colors: Au = orange.\n\n"
			   "ligand, such as S, P, or N atoms.\n\n"
			   "Fig. 2 shows the results clearly.\n\n"
			   "Figure 3. (a) Structure of Au₂₅.\n");
	assert_int_equal(d->n_blocks, 4);
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_PARAGRAPH);
	assert_string_equal(d->blocks[0].text.s, "The heteroatom is connected with the coordination "
						 "atom of the ligand, such as S, P, or N atoms.");
	assert_int_equal(line_of(&d->blocks[0], "ligand"), 10);
	assert_int_equal(d->blocks[1].kind, LITX_BLOCK_CAPTION);
	assert_string_equal(d->blocks[1].label, "Fig. 1");
	assert_string_equal(d->blocks[1].text.s, "Schematic diagram of the doping position. Atom colors: Au = orange.");
	assert_int_equal(d->blocks[1].section, 0);
	/* "Fig. 2 shows" is a sentence, not a caption */
	assert_int_equal(d->blocks[2].kind, LITX_BLOCK_PARAGRAPH);
	assert_string_equal(d->blocks[2].text.s, "Fig. 2 shows the results clearly.");
	assert_int_equal(d->blocks[3].kind, LITX_BLOCK_CAPTION);
	assert_string_equal(d->blocks[3].label, "Figure 3");
	assert_string_equal(d->blocks[3].text.s, "(a) Structure of Au25.");
	litx_doc_free(d);
}

/* ---- tables ---- */

static void test_table_contd(void **state)
{
	(void)state;
	litx_doc *d = load("1. Results\n\nTable 2 Small test table\n\n"
			   "Series NC _s name\tFormula\tCharacteristic\t\tRef\n"
			   "\t\tType\tNumber\t\n"
			   "M ₁ Au ₃ series\tAu ₃ Ag\tAg\t1\t5\n"
			   "\tAu ₃ Cu\tCu\t1\t6\n\n"
			   "12\n© The Royal Society of Chemistry 2025\n\n\n\n"
			   "Table 2 (Contd.)\n\n"
			   "Series NCs name\tFormula\tCharacteristic\t\t\n"
			   "\t\tType\tNumber\tRef\n"
			   "M ₂ Au ₄ series\tAu ₄ Pd ₂\tPd\t2\t7\n"
			   "\tAu ₄ Pt ₂\tPt\t2\t8\n\n"
			   "Abbreviation\tFormula\n"
			   "dppy\tC ₁₇ H ₁₄ NP\n"
			   "PET\tC ₈ H ₁₀ S\n\n"
			   "Acknowledgements\n\nThanks.\n");
	assert_int_equal(d->n_tables, 2);
	const litx_table *t = &d->tables[0];
	assert_string_equal(t->label, "Table 2");
	assert_string_equal(t->caption.s, "Small test table");
	assert_int_equal(t->line, 3);
	assert_int_equal(t->section, 0);
	assert_int_equal(t->n_cols, 5);
	assert_int_equal(t->n_head, 2);
	static const char *const h0[] = { "Series NCs name", "Formula", "Characteristic",
					  "Characteristic", "Ref" };
	static const char *const h1[] = { "Series NCs name", "Formula", "Type", "Number", "Ref" };
	for (size_t c = 0; c < 5; c++) {
		assert_string_equal(head(t, 0, c), h0[c]);
		assert_string_equal(head(t, 1, c), h1[c]);
	}
	assert_int_equal(t->n_rows, 4);
	static const char *const col0[] = { "M1Au3 series", "M1Au3 series", "M2Au4 series", "M2Au4 series" };
	static const char *const col1[] = { "Au3Ag", "Au3Cu", "Au4Pd2", "Au4Pt2" };
	static const char *const col4[] = { "5", "6", "7", "8" };
	for (size_t r = 0; r < 4; r++) {
		assert_string_equal(cell(t, r, 0), col0[r]);
		assert_string_equal(cell(t, r, 1), col1[r]);
		assert_string_equal(cell(t, r, 4), col4[r]);
	}
	/* cells keep their spans and their source line */
	const litx_text *x = &t->cells[1 * t->n_cols + 1];
	assert_int_equal(x->n_spans, 1);
	assert_int_equal(x->spans[0].kind, LITX_SPAN_SUB);
	uint32_t line;
	size_t off;
	litx_text_locate(&t->cells[2 * t->n_cols + 1], 0, &line, &off);
	assert_int_equal(line, 19);

	const litx_table *l = &d->tables[1];
	assert_null(l->label);
	assert_int_equal(l->n_cols, 2);
	assert_int_equal(l->n_head, 1);
	assert_string_equal(head(l, 0, 0), "Abbreviation");
	assert_int_equal(l->n_rows, 2);
	assert_string_equal(cell(l, 0, 0), "dppy");
	assert_string_equal(cell(l, 0, 1), "C17H14NP");
	assert_string_equal(cell(l, 1, 1), "C8H10S");

	assert_int_equal(d->n_sections, 2);
	assert_string_equal(d->sections[1].title, "Acknowledgements");
	assert_int_equal(d->n_blocks, 1);
	assert_string_equal(d->blocks[0].text.s, "Thanks.");
	litx_doc_free(d);
}

/* ---- references ---- */

static void test_refs(void **state)
{
	(void)state;
	litx_doc *d = load("1. Text\n\nBody.\n\nNotes and references\n\n"
			   "1 A. One, *J. Chem.*, 2001, **1**, 1–2.\n\n"
			   "- B. Two, *J. Chem.*, 2002, **2**, 3–4.\n"
			   "- C. Three, *J. Chem.*, 2003, **3**, 5–6.\n\n"
			   "4 D. Four, E. Five,\n\n\n\n"
			   "F. Six and G. Seven, *Nat. Mater.*, 2013, **12**, 1137–1143.\n\n"
			   "5 H. Eight, *Small*, 2024, **20**,\n"
			   "2307619.\n\n"
			   "6 I. Nine, *Small*, 2024, **21**, 1.\n");
	assert_int_equal(d->n_refs, 6);
	static const char *const labels[] = { "1", "2", "3", "4", "5", "6" };
	static const int printed[] = { 1, 0, 0, 1, 1, 1 };
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(d->refs[i].label, labels[i]);
		assert_int_equal(d->refs[i].label_printed, printed[i]);
		assert_null(d->refs[i].id);
	}
	assert_string_equal(d->refs[0].raw.s, "A. One, J. Chem., 2001, 1, 1–2.");
	assert_string_equal(d->refs[1].raw.s, "B. Two, J. Chem., 2002, 2, 3–4.");
	assert_string_equal(d->refs[3].raw.s, "D. Four, E. Five, F. Six and G. Seven, Nat. Mater., "
					      "2013, 12, 1137–1143.");
	assert_string_equal(d->refs[4].raw.s, "H. Eight, Small, 2024, 20, 2307619.");
	/* emphasis became spans */
	const litx_text *r0 = &d->refs[0].raw;
	assert_non_null(litx_text_span_at(r0, (size_t)(strstr(r0->s, "J. Chem.") - r0->s),
					  LITX_SPAN_ITALIC));
	assert_null(litx_text_span_at(r0, 3, LITX_SPAN_ITALIC));
	assert_non_null(litx_text_span_at(r0, (size_t)(strstr(r0->s, ", 1, ") - r0->s) + 2,
					  LITX_SPAN_BOLD));
	/* each entry knows its line; the joined part its own */
	uint32_t line;
	size_t off;
	litx_text_locate(&d->refs[3].raw, 0, &line, &off);
	assert_int_equal(line, 12);
	litx_text_locate(&d->refs[3].raw, (size_t)(strstr(d->refs[3].raw.s, "F. Six") - d->refs[3].raw.s),
			 &line, &off);
	assert_int_equal(line, 16);
	/* the body is not in the list, the list is not in the body */
	assert_int_equal(d->n_blocks, 1);
	litx_doc_free(d);

	/* bracketed and dotted labels; a wrapped line that starts with a number */
	d = load("References\n\n[1] Smith J, Jones K. A title. J Name. 2019;12(3):45-67.\n"
		 "[2] Brown A. Another title,\n2013, 12, 1137.\n[3] Green B. Third.\n\n"
		 "7. Black C. Printed with a gap.\n");
	assert_int_equal(d->n_refs, 4);
	assert_string_equal(d->refs[0].label, "1");
	assert_string_equal(d->refs[1].raw.s, "Brown A. Another title, 2013, 12, 1137.");
	assert_string_equal(d->refs[2].label, "3");
	assert_string_equal(d->refs[3].label, "7");
	assert_int_equal(d->refs[3].label_printed, 1);
	litx_doc_free(d);
}

/* ---- input that is valid UTF-8 but not an article ---- */

static void test_odd_input(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"x", "\n", "\t", "\t\t\t\n\t\t\t\n", "Table 1\n", "Table 1 (Contd.)\n\t\n",
		"Fig. 1\n", "References\n", "References\n\n- \n-\n1\n", "1.\n", "# \n##\n",
		"$$$$$$\n", "**\n", "_{_{_{_{\n", "}}}}\n", "\xEF\xBB\xBF" "1. Intro\n\nText.\n",
		"Table 9 A\n\na\tb\n\n\n\nTable 9 (Contd.)\n\na\tb\nc\td\n",
		"a\tb\na\tb\tc\td\te\tf\tg\th\ti\tj\tk\tl\tm\tn\to\tp\tq\tr\ts\tt\tu\tv\tw\tx\ty\tz"
		"\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\t21\t22\t23"
		"\t24\t25\t26\t27\t28\t29\t30\t31\t32\t33\t34\t35\t36\t37\t38\t39\t40\t41\t42\t43\t44"
		"\t45\t46\t47\t48\t49\t50\t51\t52\t53\t54\t55\t56\t57\t58\t59\t60\t61\t62\t63\t64\t65\n",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		litx_err err = { "", 0 };
		litx_doc *d = litx_doc_load("odd.txt", docs[i], strlen(docs[i]), &err);
		assert_non_null(d);
		for (size_t t = 0; t < d->n_tables; t++)
			assert_true(d->tables[t].n_cols <= TEXT_MAX_COLS);
		litx_doc_free(d);
	}
}

/* Many tables: the grid budget of a document holds. The rows past it are read as
 * text, so they stay under the paragraph limit here (LITX_MAX_PARA_BYTES). */
static void test_table_budget(void **state)
{
	(void)state;
	size_t w = 64, rows = TEXT_MAX_DOC_CELLS / w + 1000;
	assert_true(1000 * w * 2 < LITX_MAX_PARA_BYTES);
	size_t cap = rows * (w * 2 + 1) + 1;
	char *s = malloc(cap);
	assert_non_null(s);
	size_t o = 0;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < w; c++) {
			s[o++] = 'x';
			s[o++] = c + 1 < w ? '\t' : '\n';
		}
	}
	s[o] = '\0';
	litx_err err = { "", 0 };
	litx_doc *d = litx_doc_load("big.txt", s, o, &err);
	assert_non_null(d);
	size_t cells = 0;
	for (size_t t = 0; t < d->n_tables; t++)
		cells += (d->tables[t].n_rows + d->tables[t].n_head) * d->tables[t].n_cols;
	assert_true(cells <= TEXT_MAX_DOC_CELLS);
	assert_true(d->n_tables >= 1);
	litx_doc_free(d);
	free(s);
}

/* ---- the seed article ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, k;
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 17;
			char *q = realloc(buf, cap);
			assert_non_null(q);
			buf = q;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	fclose(f);
	*len = n;
	return buf;
}

static void test_seed(void **state)
{
	(void)state;
	const char *src = getenv("LITX_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/corpus/seed/000_a1e4a42852dd861f.txt", src ? src : ".");
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf) {
		print_message("seed article not found at %s\n", path);
		skip();
	}
	litx_err err = { "", 0 };
	litx_doc *d = litx_doc_load("000_a1e4a42852dd861f.txt", buf, len, &err);
	free(buf);
	assert_non_null(d);

	assert_string_equal(d->meta.doi, "10.1039/d5sc01108f");
	assert_string_equal(d->meta.journal, "Chem. Sci.");
	assert_string_equal(d->meta.year, "2025");
	assert_string_equal(d->meta.title, "Synergistic effects of atomically precise Au-based "
			    "bimetallic nanocluster on energy-related small molecule catalysis");

	/* sections: the numbered ones in order, no "3.7", the back matter unnumbered */
	static const char *const numbered[] = { "1", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
						"3.6", "4" };
	size_t k = 0;
	int refs_section = 0, conflicts = 0;
	for (size_t i = 0; i < d->n_sections; i++) {
		const litx_section *s = &d->sections[i];
		if (s->number[0]) {
			assert_true(k < 10);
			assert_string_equal(s->number, numbered[k]);
			assert_int_equal(s->level, strchr(s->number, '.') ? 2 : 1);
			k++;
		} else if (strcmp(s->title, "Notes and references") == 0) {
			refs_section = 1;
		} else if (strcmp(s->title, "Conflicts of interest") == 0) {
			conflicts = 1;
		}
	}
	assert_int_equal(k, 10);
	assert_true(refs_section && conflicts);

	/* the abstract, then body paragraphs; captions with their labels */
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_true(strncmp(d->blocks[0].text.s, "Utilizing renewable sources", 27) == 0);
	int figs = 0;
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == LITX_BLOCK_CAPTION) {
			figs++;
			assert_true(strncmp(d->blocks[i].label, "Fig. ", 5) == 0);
		}
	assert_int_equal(figs, 9);

	/* text after a page-break join reports the later line */
	const litx_block *b = block_with(d, "standard state (25 °C, 1 atm)");
	assert_non_null(b);
	assert_int_equal(line_of(b, "In order to actively"), 23);
	assert_int_equal(line_of(b, "standard state (25 °C, 1 atm)"), 25);
	assert_int_equal(line_of(b, "Therefore, accelerating"), 32);
	b = block_with(d, "3.7 A mg");
	assert_non_null(b);
	assert_non_null(strstr(b->text.s, "a high mass activity of 3.7 A mg"));
	assert_int_equal(line_of(b, "3.7 A mg"), 161);
	b = block_with(d, "ligand, such as S, P, or N atoms");
	assert_non_null(b);
	assert_non_null(strstr(b->text.s, "coordination atom of the ligand, such as S"));
	assert_int_equal(line_of(b, "ligand, such as S"), 69);

	/* Table 1: 73 rows x 7 columns, continuation pages joined, series carried down */
	const litx_table *t = NULL, *lig = NULL;
	for (size_t i = 0; i < d->n_tables; i++) {
		if (d->tables[i].label && strcmp(d->tables[i].label, "Table 1") == 0)
			t = &d->tables[i];
		else if (d->tables[i].n_cols == 2 && d->tables[i].n_head == 1 &&
			 strcmp(head(&d->tables[i], 0, 0), "Ligand abbreviations") == 0)
			lig = &d->tables[i];
	}
	assert_non_null(t);
	assert_int_equal(t->n_rows, 73);
	assert_int_equal(t->n_cols, 7);
	assert_int_equal(t->n_head, 2);
	assert_string_equal(t->caption.s, "Summary of representative Au-based bimetallic NCs");
	assert_string_equal(head(t, 0, 0), "Series NCs name");
	assert_string_equal(head(t, 1, 3), "Doping type");
	assert_string_equal(head(t, 0, 4), "Structural characteristic");
	for (size_t r = 0; r < t->n_rows; r++) {
		const char *series = cell(t, r, 0);
		size_t n = strlen(series);
		assert_true(n > 10 && strcmp(series + n - 10, "series NCs") == 0);
		for (size_t c = 1; c < 7; c++)
			assert_true(cell(t, r, c)[0] != '\0');
	}
	assert_string_equal(cell(t, 0, 0), "M1Au3 series NCs");
	assert_string_equal(cell(t, 0, 6), "196");
	assert_string_equal(cell(t, 2, 0), "M2Au4 series NCs"); /* carried down */
	assert_string_equal(cell(t, 12, 0), "(M-Au)9 series NCs");
	assert_string_equal(cell(t, 27, 1), "[Au16Ag1(S-Adm)13");
	assert_true(strncmp(cell(t, 59, 1), "Au24Ag20", 8) == 0);
	assert_string_equal(cell(t, 59, 4), "6");
	assert_string_equal(cell(t, 72, 0), "(M-Au)130 series NCs");
	assert_string_equal(cell(t, 72, 6), "265");
	uint32_t line;
	size_t off;
	litx_text_locate(&t->cells[12 * t->n_cols + 1], 0, &line, &off);
	assert_int_equal(line, 294);

	/* the ligand-abbreviation table */
	assert_non_null(lig);
	assert_int_equal(lig->n_rows, 14);
	assert_string_equal(cell(lig, 0, 0), "dppy");
	assert_string_equal(cell(lig, 0, 1), "C17H14NP");
	assert_string_equal(cell(lig, 9, 0), "dppf");
	assert_string_equal(cell(lig, 9, 1), "C34H28FeP2");

	/* 265 references labelled 1..265, 2-14 unnumbered in the source, 117 whole */
	assert_int_equal(d->n_refs, 265);
	for (size_t i = 0; i < d->n_refs; i++) {
		char want[24];
		snprintf(want, sizeof want, "%zu", i + 1);
		assert_string_equal(d->refs[i].label, want);
		assert_int_equal(d->refs[i].label_printed, i == 0 || i >= 14);
		assert_true(d->refs[i].raw.len > 20);
	}
	const litx_ref *r117 = &d->refs[116];
	assert_true(strncmp(r117->raw.s, "S. Siahrostami, A. Verdaguer-Casadevall", 39) == 0);
	assert_non_null(strstr(r117->raw.s, "T. W. Hansen, I. Chorkendorff, I. E. L. Stephens"));
	const char *tail = "Nat. Mater., 2013, 12, 1137–1143.";
	assert_true(r117->raw.len > strlen(tail) &&
		    strcmp(r117->raw.s + r117->raw.len - strlen(tail), tail) == 0);
	litx_text_locate(&r117->raw, (size_t)(strstr(r117->raw.s, "I. Chorkendorff") - r117->raw.s),
			 &line, &off);
	assert_int_equal(line, 620);
	assert_string_equal(d->refs[1].raw.s, "H. Lei, X. Li, J. Meng, H. Zheng, W. Zhang and R. Cao, "
			    "ACS Catal., 2019, 9, 4320–4344.");
	litx_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_markdown_and_notes),
		cmocka_unit_test(test_heading_forms),
		cmocka_unit_test(test_headings_in_doc),
		cmocka_unit_test(test_join_page_break),
		cmocka_unit_test(test_join_caption),
		cmocka_unit_test(test_table_contd),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_table_budget),
		cmocka_unit_test(test_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
