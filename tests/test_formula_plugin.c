/* test_formula_plugin.c - the formula plugin on small documents built in memory:
 * only the plugin (dlopened from LITX_PLUGIN_PATH) and a document, no reader.
 *
 * Each case is a paragraph in a tiny markup ("_{24}" a subscript span, "^{2+}" a
 * superscript span, "^[87]" a citation superscript) and the formulas it must give
 * (text and canonical spelling, in order), so a case reads like the sentence it
 * tests. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "docb.h"
#include "host.h"

typedef struct pcase {
	const char *para;
	const char *want; /* "text=canonical|text=canonical", "" for none */
} pcase;

static const pcase cases[] = {
	{ "Au_{25}(SR)_{18} NCs were made.", "Au25(SR)18=Au25(SR)18" },
	{ "Pt_{1}Au_{24} and Au_{24}Pt_{1} are one cluster.", "Pt1Au24=Au24Pt1|Au24Pt1=Au24Pt1" },
	{ "In HER, DFT and SWV show In and As, NC and NCs, CO_{2}RR at 10 mA, 5 mV, 1 mol (Fig. 2a).",
	  "" },
	{ "the surface charge state ([Pt_{1}Au_{24}]^{0} & [Au_{25}]^{-})",
	  "[Pt1Au24]0=[Au24Pt1]0|[Au25]-=[Au25]-" },
	{ "as determined for Au_{25}(SR)_{18}.^[70] Then", "Au25(SR)18=Au25(SR)18" },
	{ "[Au_{15}Cu_{4}(DPPM)_{6}Cl_{4}(C\xE2\x89\xA1" "CR)_{1}]^{2+} NCs",
	  "[Au15Cu4(DPPM)6Cl4(C\xE2\x89\xA1" "CR)1]2+=[Au15Cu4Cl4(C\xE2\x89\xA1" "CR)(DPPM)6]2+" },
	{ "the Au–S bond and the H–Pt interaction", "" },
	{ "Compared to Cu/Ag doping, Pt/C is worse.", "Pt/C=Pt" },
	{ "a high FE_{CO} and k_{obs} at E_{onset}", "" },
	{ "AuPd_{NCs}/Pd_{SAs} shows", "AuPd=AuPd" },
	{ "the concentration [Pt_{1}Au_{24}]^{3/2} term", "[Pt1Au24]=Au24Pt1" },
	{ "Au-based and Pt-doped NCs", "" },
	{ "Au_{2}Pd_{6}/MoS_{2} and TiO_{2}", "Au2Pd6/MoS2=Au2Pd6|TiO2=TiO2" },
	{ "a hybrid of Au– Fe_{1} NCs", "Au– Fe1=AuFe" },
	{ "the icosahedral M_{13} kernel", "" },
	{ "Au_{43}(C\xE2\x89\xA1" "CR)_{20}/Au_{42}Ag_{1}(C\xE2\x89\xA1" "CR)_{20} NCs",
	  "Au43(C\xE2\x89\xA1" "CR)20=Au43(C\xE2\x89\xA1" "CR)20|Au42Ag1(C\xE2\x89\xA1" "CR)20=Au42Ag1(C\xE2\x89\xA1" "CR)20" },
	{ "Lin and Tan et al. (Nature, Wiley-VCH)", "" },
	{ "converting CO_{2} to CO and H_{2}O", "CO2=CO2|CO=CO|H2O=H2O" },
	{ "where SR = SC_{2}H_{4}Ph was used", "" },
};

static void *plugin_dl;
static litx_loaded loaded;
static litx_host host;

static int setup(void **state)
{
	(void)state;
	const char *dir = getenv("LITX_PLUGIN_PATH");
	if (!dir)
		return -1;
	static char path[1024];
	snprintf(path, sizeof path, "%s/formula.so", dir);
	plugin_dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!plugin_dl) {
		fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
		return -1;
	}
	loaded.dl = plugin_dl;
	loaded.p = dlsym(plugin_dl, LITX_PLUGIN_SYMBOL);
	loaded.path = path;
	host.v = &loaded;
	host.n = 1;
	return loaded.p ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (plugin_dl && !getenv("LITX_NO_DLCLOSE"))
		dlclose(plugin_dl);
	return 0;
}

/* Fill tb from the markup. */
static void markup(tbuf *tb, const char *m)
{
	tbuf_mark(tb, 7, 100);
	for (const char *p = m; *p;) {
		if ((p[0] == '_' || p[0] == '^') && p[1] == '{') {
			const char *e = strchr(p, '}');
			assert_non_null(e);
			size_t start = tb->len;
			tbuf_put(tb, p + 2, (size_t)(e - p - 2));
			tbuf_span_add(tb, p[0] == '_' ? LITX_SPAN_SUB : LITX_SPAN_SUP, start, tb->len,
				      LITX_CITE_NONE, NULL);
			p = e + 1;
		} else if (p[0] == '^' && p[1] == '[') {
			const char *e = strchr(p, ']');
			assert_non_null(e);
			size_t start = tb->len;
			char labels[64];
			snprintf(labels, sizeof labels, "%.*s", (int)(e - p - 2), p + 2);
			tbuf_put(tb, p + 2, (size_t)(e - p - 2));
			tbuf_span_add(tb, LITX_SPAN_SUP, start, tb->len, LITX_CITE_NONE, NULL);
			tbuf_span_add(tb, LITX_SPAN_CITE, start, tb->len, LITX_CITE_SUPERSCRIPT, labels);
			p = e + 1;
		} else
			tbuf_putc(tb, *p++);
	}
}

/* A document with one paragraph per markup string and, when given, one table. */
static litx_doc *make_doc(const char *const *paras, size_t n, const char *const *cells,
			  size_t rows, size_t cols)
{
	docb *b = docb_new("test.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	assert_non_null(docb_add_section(b, "3.1", "Results", 2, 5, 50));
	tbuf tb;
	tbuf_init(&tb);
	for (size_t i = 0; i < n; i++) {
		litx_block *blk = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
		assert_non_null(blk);
		blk->section = 0;
		markup(&tb, paras[i]);
		assert_int_equal(tbuf_finish(&tb, b->a, &blk->text), 0);
	}
	if (cells) {
		litx_table *t = docb_add_table(b);
		assert_non_null(t);
		t->label = docb_strdup(b, "Table 1");
		t->section = 0;
		t->n_cols = cols;
		t->n_rows = rows;
		litx_text *grid = docb_texts(b, rows * cols);
		assert_non_null(grid);
		for (size_t i = 0; i < rows * cols; i++) {
			markup(&tb, cells[i]);
			assert_int_equal(tbuf_finish(&tb, b->a, &grid[i]), 0);
		}
		t->cells = grid;
		litx_text *cap = &t->caption;
		markup(&tb, "Summary of clusters");
		assert_int_equal(tbuf_finish(&tb, b->a, cap), 0);
	}
	tbuf_free(&tb);
	assert_int_equal(docb_finish(b), 0);
	return &b->doc;
}

static json_t *run(const litx_doc *doc)
{
	void **st = litx_host_states_new(&host);
	assert_non_null(st);
	json_t *out = NULL;
	char *failures = NULL;
	assert_int_equal(litx_host_run(&host, st, doc, &out, &failures), 0);
	if (failures)
		fail_msg("plugin failed: %s", failures);
	litx_host_states_free(&host, st);
	return out;
}

static void test_sentences(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		litx_doc *doc = make_doc(&cases[i].para, 1, NULL, 0, 0);
		json_t *out = run(doc);
		json_t *f = json_object_get(out, "formulas");
		char got[2048] = "";
		size_t k;
		json_t *r;
		json_array_foreach(f, k, r) {
			size_t n = strlen(got);
			snprintf(got + n, sizeof got - n, "%s%s=%s", n ? "|" : "",
				 json_string_value(json_object_get(r, "text")),
				 json_string_value(json_object_get(r, "canonical")));
		}
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\"\n  got  %s\n  want %s", cases[i].para, got, cases[i].want);
		json_decref(out);
		litx_doc_free(doc);
	}
}

static json_t *first(json_t *out, const char *table)
{
	return json_array_get(json_object_get(out, table), 0);
}

/* Records carry the DESIGN.md fields, variables and bindings read in the sentence,
 * and the position of the mention. */
static void test_fields(void **state)
{
	(void)state;
	const char *paras[] = {
		"Murray et al. obtained Au_{25-x}Ag_{x}(SR)_{18} (x = 0–6) NCs.^[73]",
		"the HER activity of M_{1}Au_{24} and M_{2}Au_{36} (M = Pt, Pd)",
		"series NCs [Au_{x}Ag_{25-x}(SR)_{18}]^{-} (1 ≤ x ≤ 3, 19 ≤ x ≤ 23)",
		"(here SR = TBBT/CPT, TBBT = 4-tertbutylbenzenethiol, CPT = cyclopentanethiol)",
	};
	litx_doc *doc = make_doc(paras, 4, NULL, 0, 0);
	json_t *out = run(doc);
	json_t *f = json_object_get(out, "formulas");
	assert_int_equal(json_array_size(f), 4);
	json_t *r = json_array_get(f, 0);
	assert_string_equal(json_string_value(json_object_get(r, "text")), "Au25-xAgx(SR)18");
	assert_string_equal(json_string_value(json_object_get(r, "section")), "3.1");
	assert_int_equal(json_integer_value(json_object_get(r, "line")), 7);
	assert_int_equal(json_integer_value(json_object_get(r, "electrons")), 7);
	assert_string_equal(json_string_value(json_object_get(r, "host")), "Au");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r, "refs"), 0)), "73");
	json_t *x = json_object_get(json_object_get(r, "variables"), "x");
	assert_int_equal(json_array_size(x), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(x, 0), "min")), 0);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(x, 0), "max")), 6);
	for (const char *k = "metals\0ligands\0charge\0n_metal\0dopants\0kind\0support\0malformed\0"
			     "offset\0snippet\0canonical\0"; *k; k += strlen(k) + 1)
		if (!json_object_get(r, k))
			fail_msg("record has no \"%s\"", k);

	r = json_array_get(f, 1);
	assert_string_equal(json_string_value(json_object_get(r, "canonical")), "Au24M1");
	json_t *m = json_object_get(json_object_get(r, "bindings"), "M");
	assert_int_equal(json_array_size(m), 2);
	assert_string_equal(json_string_value(json_array_get(m, 0)), "Pt");
	json_t *ex = json_object_get(r, "expansions");
	assert_string_equal(json_string_value(json_array_get(ex, 0)), "Au24Pt1");
	assert_string_equal(json_string_value(json_array_get(ex, 1)), "Au24Pd1");

	r = json_array_get(f, 3);
	assert_int_equal(json_integer_value(json_object_get(r, "charge")), -1);
	assert_int_equal(json_integer_value(json_object_get(r, "electrons")), 8);
	x = json_object_get(json_object_get(r, "variables"), "x");
	assert_int_equal(json_array_size(x), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(x, 1), "min")), 19);

	json_t *defs = json_object_get(out, "ligand_definitions");
	assert_int_equal(json_array_size(defs), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(defs, 1), "abbreviation")),
			    "TBBT");
	assert_string_equal(json_string_value(json_object_get(json_array_get(defs, 1), "name")),
			    "4-tertbutylbenzenethiol");
	json_decref(out);
	litx_doc_free(doc);
}

/* Definitions are found from the '=' that ends them: prose before the first '=',
 * an '=' that defines nothing ("a == b", "x = 3"), two spaces before '=', names
 * with joiners, digits and non-ASCII letters, and a definition at the very start. */
static void test_definitions(void **state)
{
	(void)state;
	const char *paras[] = {
		"TBBT = 4-tertbutylbenzenethiol and PET=phenylethanethiol were used.",
		"In this long sentence with no sign, the ligands were varied; a == b holds, x = 3 and "
		"SR  = not a definition, then 2,4-DMBT = 2,4-dimethylbenzenethiol, "
		"L\xC3\xB6 = a ligand with an umlaut, and Ph\xE2\x80\xB2 = primed phenyl.",
		"No sign at all here, so nothing is defined in it.",
	};
	litx_doc *doc = make_doc(paras, 3, NULL, 0, 0);
	json_t *out = run(doc);
	json_t *defs = json_object_get(out, "ligand_definitions");
	const char *want[] = { "TBBT", "PET", "2,4-DMBT", "L\xC3\xB6", "Ph\xE2\x80\xB2" };
	assert_int_equal(json_array_size(defs), sizeof want / sizeof *want);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(defs, i), "abbreviation")),
				    want[i]);
	assert_string_equal(json_string_value(json_object_get(json_array_get(defs, 2), "name")),
			    "2,4-dimethylbenzenethiol");
	assert_string_equal(json_string_value(json_object_get(first(out, "ligand_definitions"), "name")),
			    "4-tertbutylbenzenethiol");
	json_decref(out);
	litx_doc_free(doc);
}

/* Table cells: row and column, the binding in the same cell, a ligand table. */
static void test_table(void **state)
{
	(void)state;
	const char *cells[] = {
		"M_{1}Au_{3} series NCs", "[(Audppy)_{3}AgO](BF_{4})_{2}", "Ag",
		"", "Au_{x}Ag_{17-x}N_{3}(TBBT)_{12}, N = a counter cation, x = 0, 1", "Ag",
		"Ligand abbreviations", "Formula", "",
		"dppy", "C_{17}H_{14}NP", "",
	};
	litx_doc *doc = make_doc(NULL, 0, cells, 4, 3);
	json_t *out = run(doc);
	json_t *f = json_object_get(out, "formulas");
	json_t *r = NULL;
	size_t k;
	json_t *it;
	json_array_foreach(f, k, it) if (strstr(json_string_value(json_object_get(it, "text")), "Audppy")) r = it;
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "table")), "Table 1");
	assert_int_equal(json_integer_value(json_object_get(r, "row")), 1);
	assert_int_equal(json_integer_value(json_object_get(r, "col")), 2);
	assert_int_equal(json_array_size(json_object_get(r, "counter_ions")), 1);
	r = NULL;
	json_array_foreach(f, k, it) if (json_integer_value(json_object_get(it, "row")) == 2) r = it;
	assert_non_null(r);
	json_t *x = json_object_get(json_object_get(r, "variables"), "x");
	assert_int_equal(json_array_size(x), 2);
	/* the ligand table is definitions, not formulas */
	json_array_foreach(f, k, it) assert_true(json_integer_value(json_object_get(it, "row")) < 3);
	json_t *defs = json_object_get(out, "ligand_definitions");
	int seen = 0;
	json_array_foreach(defs, k, it) {
		if (strcmp(json_string_value(json_object_get(it, "abbreviation")), "dppy") == 0) {
			assert_string_equal(json_string_value(json_object_get(it, "formula")), "C17H14NP");
			seen = 1;
		}
	}
	assert_true(seen);
	json_decref(out);
	litx_doc_free(doc);
}

int main(void)
{
	if (!getenv("LITX_PLUGIN_PATH")) {
		printf("LITX_PLUGIN_PATH not set; skipping\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_definitions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
