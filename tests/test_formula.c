/* test_formula.c - the core formula parser (litx_formula_describe/_canonical), one
 * table row per form the parser must read: clusters with ligands, brackets and
 * multipliers, element order, charges in every spelling, counter-ions, variables,
 * placeholders, core-shell and supported forms, damaged text, things that are not
 * formulas, and superatom electron counts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <litx/formula.h>
#include "formula_int.h"

#define NO_CHARGE 999
#define NO_ELECTRONS -999

typedef struct row {
	const char *in;
	const char *canonical;
	const char *metals;   /* JSON object, compared exactly */
	int charge;           /* NO_CHARGE for null */
	int electrons;        /* NO_ELECTRONS for null */
	const char *kind;
	const char *support;  /* NULL for null */
	int malformed;
} row;

static const row rows[] = {
	/* clusters with ligands, brackets and multipliers */
	{ "Au25(SR)18", "Au25(SR)18", "{\"Au\":25}", NO_CHARGE, 7, "cluster", NULL, 0 },
	{ "Pt1Au24(SR)18", "Au24Pt1(SR)18", "{\"Au\":24,\"Pt\":1}", NO_CHARGE, 6, "cluster", NULL, 0 },
	{ "Au47Cd2(TBBT)31", "Au47Cd2(TBBT)31", "{\"Au\":47,\"Cd\":2}", NO_CHARGE, 20, "cluster", NULL, 0 },
	{ "[Au15Cu4(DPPM)6Cl4(C\xE2\x89\xA1" "CR)1]2+", "[Au15Cu4Cl4(C\xE2\x89\xA1" "CR)(DPPM)6]2+",
	  "{\"Au\":15,\"Cu\":4}", 2, 12, "cluster", NULL, 0 },
	{ "[(Audppy)3AgO](BF4)2", "Au3Ag1(dppy)3O", "{\"Au\":3,\"Ag\":1}", NO_CHARGE, 0,
	  "cluster", NULL, 0 },
	{ "Au28Cu12(SR)24(PPh3)4", "Au28Cu12(PPh3)4(SR)24", "{\"Au\":28,\"Cu\":12}", NO_CHARGE, 16,
	  "cluster", NULL, 0 },
	{ "Au4Ru2(PPh3)2(SC2H4Ph)8", "Au4Ru2(PPh3)2(SC2H4Ph)8", "{\"Au\":4,\"Ru\":2}", NO_CHARGE,
	  NO_ELECTRONS, "cluster", NULL, 0 },
	{ "AuCu24H22(PPh3)12", "Au1Cu24H22(PPh3)12", "{\"Au\":1,\"Cu\":24}", NO_CHARGE, 3, "cluster",
	  NULL, 0 },
	/* element order does not change identity */
	{ "Au24Pt1", "Au24Pt1", "{\"Au\":24,\"Pt\":1}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "Au24Pt", "Au24Pt1", "{\"Au\":24,\"Pt\":1}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "Cd1Au24", "Au24Cd1", "{\"Au\":24,\"Cd\":1}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	/* charges in every spelling; counter-ions kept apart */
	{ "[Au25(SR)18]-", "[Au25(SR)18]-", "{\"Au\":25}", -1, 8, "cluster", NULL, 0 },
	{ "[Au25(SR)18]^{-}", "[Au25(SR)18]-", "{\"Au\":25}", -1, 8, "cluster", NULL, 0 },
	{ "[Au25(SR)18]\xE2\x88\x92", "[Au25(SR)18]-", "{\"Au\":25}", -1, 8, "cluster", NULL, 0 },
	{ "Au25(SR)18[\xE2\x88\x92]", "[Au25(SR)18]-", "{\"Au\":25}", -1, 8, "cluster", NULL, 0 },
	{ "[Pt1Au24(SR)18]0", "[Au24Pt1(SR)18]0", "{\"Au\":24,\"Pt\":1}", 0, 6, "cluster", NULL, 0 },
	{ "[Pt1Au24]0", "[Au24Pt1]0", "{\"Au\":24,\"Pt\":1}", 0, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "[Ag24Au(SR)18]-PPh4+", "[Au1Ag24(SR)18]-", "{\"Au\":1,\"Ag\":24}", -1, 8, "cluster", NULL, 0 },
	{ "[Au4Cu4(DPPM)2(S-Adm)5]+Br-", "[Au4Cu4(DPPM)2(S-Adm)5]+", "{\"Au\":4,\"Cu\":4}", 1, 2,
	  "cluster", NULL, 0 },
	{ "[AuAg33(BTCA)3]SbF6", "Au1Ag33(BTCA)3", "{\"Au\":1,\"Ag\":33}", NO_CHARGE, NO_ELECTRONS,
	  "cluster", NULL, 0 },
	/* the charge two BPh4- balance counts for the electrons */
	{ "[Au2Ag48(SAdm)20(Dppm)6Br11](BPh4)3", "Au2Ag48Br11(Dppm)6(SAdm)20", "{\"Au\":2,\"Ag\":48}",
	  NO_CHARGE, 16, "cluster", NULL, 0 },
	/* variables and series */
	{ "Au25-xAgx(SR)18", "Au25-xAgx(SR)18", "{\"Au\":\"25-x\",\"Ag\":\"x\"}", NO_CHARGE, 7, "cluster",
	  NULL, 0 },
	{ "Au_{25-x}Ag_{x}(SR)_{18}", "Au25-xAgx(SR)18", "{\"Au\":\"25-x\",\"Ag\":\"x\"}", NO_CHARGE, 7,
	  "cluster", NULL, 0 },
	{ "AuxAg17-x", "AuxAg17-x", "{\"Au\":\"x\",\"Ag\":\"17-x\"}", NO_CHARGE, NO_ELECTRONS, "cluster",
	  NULL, 0 },
	{ "Au_n", "Au_n", "{\"Au\":\"n\"}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "Au13Cux", "Au13Cux", "{\"Au\":13,\"Cu\":\"x\"}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "[Au12+xCu32(SR)30+x]4-", "[Au12+xCu32(SR)30+x]4-", "{\"Au\":\"12+x\",\"Cu\":32}", -4, 18,
	  "cluster", NULL, 0 },
	/* generic placeholders */
	{ "M1Au24", "Au24M1", "{\"Au\":24,\"M\":1}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "M4Ni2", "Ni2M4", "{\"Ni\":2,\"M\":4}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "(M-Au)9", "AuM", "{\"Au\":null,\"M\":null}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	/* core-shell and supported forms */
	{ "AuAg12@Au12(SEtPh)18", "Au13Ag12(SEtPh)18", "{\"Au\":13,\"Ag\":12}", NO_CHARGE, 7, "cluster",
	  NULL, 0 },
	{ "Au6@Au6Ag23@Au3", "Au15Ag23", "{\"Au\":15,\"Ag\":23}", NO_CHARGE, NO_ELECTRONS, "cluster",
	  NULL, 0 },
	{ "Au2Pd6/MoS2", "Au2Pd6", "{\"Au\":2,\"Pd\":6}", NO_CHARGE, NO_ELECTRONS, "cluster", "MoS2", 0 },
	{ "Au4Ru2/TiO2\xE2\x80\x93Ov", "Au4Ru2", "{\"Au\":4,\"Ru\":2}", NO_CHARGE, NO_ELECTRONS, "cluster",
	  "TiO2-Ov", 0 },
	{ "Pt3Au@PDDA-G", "Au1Pt3", "{\"Au\":1,\"Pt\":3}", NO_CHARGE, NO_ELECTRONS, "cluster", "PDDA-G", 0 },
	{ "Au0.4Pd0.6/CB", "Au0.4Pd0.6", "{\"Au\":0.4,\"Pd\":0.6}", NO_CHARGE, NO_ELECTRONS, "compound",
	  "CB", 0 },
	{ "M1Au24-BaLa4Ti4O15", "Au24M1", "{\"Au\":24,\"M\":1}", NO_CHARGE, NO_ELECTRONS, "cluster",
	  "BaLa4Ti4O15", 0 },
	{ "TiO2/(PDDA-Au1-xAgx)n", "Au1-xAgx", "{\"Au\":\"1-x\",\"Ag\":\"x\"}", NO_CHARGE, NO_ELECTRONS,
	  "cluster", "TiO2/PDDA", 0 },
	{ "Au1-xAgx@GSH", "Au1-xAgx(GSH)", "{\"Au\":\"1-x\",\"Ag\":\"x\"}", NO_CHARGE, NO_ELECTRONS,
	  "cluster", NULL, 0 },
	{ "Pt/C", "Pt", "{\"Pt\":null}", NO_CHARGE, NO_ELECTRONS, "compound", "C", 0 },
	/* damage seen in real text */
	{ "Pd1Au24(-SR)18", "Au24Pd1(SR)18", "{\"Au\":24,\"Pd\":1}", NO_CHARGE, 6, "cluster", NULL, 0 },
	{ "Au3-AgPd6", "Au3Ag1Pd6", "{\"Au\":3,\"Ag\":1,\"Pd\":6}", NO_CHARGE, NO_ELECTRONS, "cluster",
	  NULL, 0 },
	{ "Au4Pd2 (SR) 8", "Au4Pd2(SR)8", "{\"Au\":4,\"Pd\":2}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "[Au16Ag1(S-Adm)13", "Au16Ag1(S-Adm)13", "{\"Au\":16,\"Ag\":1}", NO_CHARGE, NO_ELECTRONS,
	  "cluster", NULL, 1 },
	{ "M1Ag21(dppf)3(SAdm)12](BPh4)2", "Ag21M1(dppf)3(SAdm)12", "{\"Ag\":21,\"M\":1}", NO_CHARGE,
	  NO_ELECTRONS, "cluster", NULL, 1 },
	{ "Au\xE2\x80\x93 Fe1", "AuFe", "{\"Au\":null,\"Fe\":1}", NO_CHARGE, NO_ELECTRONS, "compound",
	  NULL, 0 },
	{ "Au2-Pd3", "Au2Pd3", "{\"Au\":2,\"Pd\":3}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
	{ "AuPdNCs/PdSAs", "AuPd", "{\"Au\":null,\"Pd\":null}", NO_CHARGE, NO_ELECTRONS, "compound", "Pd",
	  0 },
	/* alloys without counts, small molecules, supports */
	{ "AuPd", "AuPd", "{\"Au\":null,\"Pd\":null}", NO_CHARGE, NO_ELECTRONS, "compound", NULL, 0 },
	{ "CO2", "CO2", "{}", NO_CHARGE, NO_ELECTRONS, "molecule", NULL, 0 },
	{ "H2O", "H2O", "{}", NO_CHARGE, NO_ELECTRONS, "molecule", NULL, 0 },
	{ "NH3", "H3N", "{}", NO_CHARGE, NO_ELECTRONS, "molecule", NULL, 0 },
	{ "N2", "N2", "{}", NO_CHARGE, NO_ELECTRONS, "molecule", NULL, 0 },
	{ "NO3[\xE2\x80\x93]", "[NO3]-", "{}", -1, NO_ELECTRONS, "molecule", NULL, 0 },
	{ "TiO2", "TiO2", "{\"Ti\":1}", NO_CHARGE, NO_ELECTRONS, "support", NULL, 0 },
	{ "MoS2", "MoS2", "{\"Mo\":1}", NO_CHARGE, NO_ELECTRONS, "support", NULL, 0 },
	{ "BaLa4Ti4O15", "BaLa4Ti4O15", "{\"Ba\":1,\"La\":4,\"Ti\":4}", NO_CHARGE, NO_ELECTRONS, "support",
	  NULL, 0 },
	/* known superatom electron counts */
	{ "Au38(SR)24", "Au38(SR)24", "{\"Au\":38}", NO_CHARGE, 14, "cluster", NULL, 0 },
	{ "Pt1Au37(SR)24", "Au37Pt1(SR)24", "{\"Au\":37,\"Pt\":1}", NO_CHARGE, 13, "cluster", NULL, 0 },
	{ "Pt2Au36(SR)24", "Au36Pt2(SR)24", "{\"Au\":36,\"Pt\":2}", NO_CHARGE, 12, "cluster", NULL, 0 },
	{ "[Au25(SR)18]", "Au25(SR)18", "{\"Au\":25}", NO_CHARGE, NO_ELECTRONS, "cluster", NULL, 0 },
};

static json_t *describe(const char *s)
{
	return litx_formula_describe(s, strlen(s));
}

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const row *r = &rows[i];
		json_t *d = describe(r->in);
		if (!d)
			fail_msg("%s: not read as a formula", r->in);
		const char *canon = json_string_value(json_object_get(d, "canonical"));
		if (!canon || strcmp(canon, r->canonical) != 0)
			fail_msg("%s: canonical %s, want %s", r->in, canon ? canon : "NULL", r->canonical);
		json_t *want = json_loads(r->metals, 0, NULL);
		assert_non_null(want);
		if (!json_equal(json_object_get(d, "metals"), want)) {
			char *got = json_dumps(json_object_get(d, "metals"), JSON_COMPACT);
			fail_msg("%s: metals %s, want %s", r->in, got, r->metals);
		}
		json_decref(want);
		json_t *ch = json_object_get(d, "charge");
		int c = json_is_integer(ch) ? (int)json_integer_value(ch) : NO_CHARGE;
		if (c != r->charge)
			fail_msg("%s: charge %d, want %d", r->in, c, r->charge);
		json_t *el = json_object_get(d, "electrons");
		int e = json_is_integer(el) ? (int)json_integer_value(el) : NO_ELECTRONS;
		if (e != r->electrons)
			fail_msg("%s: electrons %d, want %d", r->in, e, r->electrons);
		const char *kind = json_string_value(json_object_get(d, "kind"));
		if (!kind || strcmp(kind, r->kind) != 0)
			fail_msg("%s: kind %s, want %s", r->in, kind ? kind : "NULL", r->kind);
		const char *sup = json_string_value(json_object_get(d, "support"));
		if ((sup == NULL) != (r->support == NULL) || (sup && strcmp(sup, r->support) != 0))
			fail_msg("%s: support %s, want %s", r->in, sup ? sup : "null",
				 r->support ? r->support : "null");
		if (json_is_true(json_object_get(d, "malformed")) != r->malformed)
			fail_msg("%s: malformed flag wrong", r->in);
		json_decref(d);
	}
}

/* Words, abbreviations, units and labels that are not formulas. */
static void test_not_formulas(void **state)
{
	(void)state;
	static const char *const words[] = { "In", "As", "NC", "NCs", "HER", "CO2RR", "DFT", "SWV",
		"mA", "mV", "mol", "Fig.2a", "Au", "Pt", "OWS", "Tan", "Lin", "Cox", "Introduction",
		"Author", "Nice", "Wiley-VCH", "Au\xE2\x80\x93S", "H\xE2\x80\x93Pt", "Au1\xE2\x80\x93" "Au2",
		"", "()", "H0", "Xy2", "M", "SR", "(M = Pt)", "K_m", "13Li", "DOC", "Non-CO2",
		"PVP/Chitosan", "CNTs", "2(NO3)", "[11C]", "H2@O", "Au(22)11", NULL };
	for (size_t i = 0; words[i]; i++) {
		json_t *d = describe(words[i]);
		if (d) {
			char *s = json_dumps(d, JSON_COMPACT);
			fail_msg("'%s' read as a formula: %s", words[i], s);
		}
	}
}

/* Pt1Au24 and Au24Pt1 (and every other spelling of one composition) agree, and the
 * canonical spelling reads back to itself. */
static void test_canonical(void **state)
{
	(void)state;
	static const char *const same[][3] = {
		{ "Pt1Au24", "Au24Pt1", "Au24Pt" },
		{ "Cd1Au24(SR)18", "Au24Cd1(SR)18", "Au_{24}Cd_{1}(SR)_{18}" },
		{ "[Pt1Au24(SR)18]0", "[Au24Pt1(SR)18]^{0}", "[Au24Pt1(SR)18]0" },
		{ "Au27Cd1(SAdm)14(dppf)Cl", "Au27Cd1Cl(dppf)(SAdm)14", "Cd1Au27(dppf)(SAdm)14Cl" },
	};
	char a[256], b[256];
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		assert_true(litx_formula_canonical(same[i][0], strlen(same[i][0]), a, sizeof a) > 0);
		for (int k = 1; k < 3; k++) {
			assert_true(litx_formula_canonical(same[i][k], strlen(same[i][k]), b, sizeof b) > 0);
			assert_string_equal(a, b);
		}
	}
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		/* a lone metal with no count ("Pt" of Pt/C) is a word on its own */
		if ((strstr(rows[i].metals, "null") && !strchr(rows[i].metals, ',')) ||
		    strstr(rows[i].metals, "\"M\":null"))
			continue; /* so is a placeholder with no count ("(M-Au)9") */
		size_t n = litx_formula_canonical(rows[i].in, strlen(rows[i].in), a, sizeof a);
		if (!n || !litx_formula_canonical(a, n, b, sizeof b))
			fail_msg("canonical of %s (%s) does not read back", rows[i].in, a);
		if (strcmp(a, b) != 0)
			fail_msg("canonical of %s is %s, which reads back as %s", rows[i].in, a, b);
	}
	/* not a formula: 0 and an empty buffer; a buffer too small: 0 */
	assert_int_equal(litx_formula_canonical("HER", 3, a, sizeof a), 0);
	assert_string_equal(a, "");
	assert_int_equal(litx_formula_canonical("Au25(SR)18", 10, a, 4), 0);
	assert_string_equal(a, "");
}

/* The general mode: all atoms, hydrates, nested groups, isotopes. */
static void test_elements(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "CuSO4\xC2\xB7" "5H2O", "{\"Cu\":1,\"H\":10,\"O\":9,\"S\":1}" },
		{ "Mg3(Fe(CN)6)2", "{\"C\":12,\"Fe\":2,\"Mg\":3,\"N\":12}" },
		{ "K4[Fe(SCN)6]", "{\"C\":6,\"Fe\":1,\"K\":4,\"N\":6,\"S\":6}" },
		{ "[13C]Cl4", "{\"[13C]\":1,\"Cl\":4}" },
		{ "CDCl3", "{\"C\":1,\"[2H]\":1,\"Cl\":3}" },
		{ "Co(Bpy)(CO)4", "{\"C\":14,\"H\":8,\"Co\":1,\"N\":2,\"O\":4}" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *d = describe(cases[i][0]);
		assert_non_null(d);
		json_t *want = json_loads(cases[i][1], 0, NULL);
		if (!json_equal(json_object_get(d, "elements"), want)) {
			char *got = json_dumps(json_object_get(d, "elements"), JSON_COMPACT);
			fail_msg("%s: elements %s, want %s", cases[i][0], got, cases[i][1]);
		}
		json_decref(want);
		json_decref(d);
	}
	/* dppf's iron is a ligand atom: in the elements, never in the metals */
	json_t *d = describe("Au27Cd1(SAdm)14(dppf)Cl");
	assert_non_null(d);
	assert_null(json_object_get(json_object_get(d, "metals"), "Fe"));
	json_decref(d);
	/* ligands and counter-ions as lists */
	d = describe("[(Audppy)3AgO](BF4)2");
	assert_non_null(d);
	json_t *ions = json_object_get(d, "counter_ions");
	assert_int_equal(json_array_size(ions), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ions, 0), "name")), "BF4");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(ions, 0), "count")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(ions, 0), "charge")), -1);
	json_decref(d);
	d = describe("Au25-xAgx(SR)18");
	assert_string_equal(json_string_value(json_object_get(d, "host")), "Au");
	assert_string_equal(json_string_value(json_array_get(json_object_get(d, "dopants"), 0)), "Ag");
	assert_int_equal(json_integer_value(json_object_get(d, "n_metal")), 25);
	json_decref(d);
}

/* Long, deep and hostile inputs are refused or read, never overrun. */
static void test_limits(void **state)
{
	(void)state;
	char buf[4096];
	memset(buf, '(', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	assert_null(describe(buf));
	for (size_t i = 0; i < 40; i++)
		memcpy(buf + 2 * i, "(H", 2);
	strcpy(buf + 80, "H");
	json_t *d = describe(buf); /* forty unclosed groups: too deep */
	json_decref(d);
	for (size_t i = 0; i + 3 < 1000; i += 3)
		memcpy(buf + i, "Au2", 3);
	buf[999] = '\0';
	d = describe(buf);
	json_decref(d);
	assert_null(litx_formula_describe(NULL, 0));
	assert_null(describe("\xE2\x82"));
}

/* fml_describe_sorted answers when litx_formula_describe does, with the metals and
 * ligands in the order of its "metals" and "ligands", counts included; the edges
 * where the JSON cannot be made (an infinite count, a name cut inside a UTF-8
 * character) are refused by both. */
static void test_sorted(void **state)
{
	(void)state;
	static char big[400];
	memcpy(big, "Au", 2);
	memset(big + 2, '9', 330);
	const char *cases[] = { "Au_{25}(SR)_{18}", "[Pt_{1}Au_{24}(SC_{2}H_{4}Ph)_{18}]^{-}",
		"Au_{25-x}Ag_{x}(SR)_{18}", "Ag_{29}(BDT)_{12}(TPP)_{4}", "TiO_{2}", "M_{13}",
		"Au_{0.4}Pd_{0.6}", "CO_{2}", "Introduction", "Au_{2}Pd_{6}/MoS_{2}",
		"Au(C\xE2\x89\xA1" "CPh)_{2}", "Cu(C\xE2\x89(SR)_{2}", "[Au_{25}(SR)_{18}", big };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *s = cases[i];
		json_t *want = litx_formula_describe(s, strlen(s));
		const fml_desc *d = fml_describe_sorted(s, strlen(s));
		if (!want) {
			assert_null(d);
			continue;
		}
		assert_non_null(d);
		json_t *m = json_object_get(want, "metals");
		assert_int_equal(json_object_size(m), (size_t)d->n_metals);
		int k = 0;
		const char *key;
		json_t *v;
		json_object_foreach(m, key, v) {
			char name[16];
			fml_atom_name(&d->metals[k], name, sizeof name);
			assert_string_equal(key, name);
			if (json_is_integer(v))
				assert_true((double)json_integer_value(v) == d->metals[k].n.c);
			else
				assert_true(json_is_null(v) == (d->metals[k].n.st != FML_NUM_VAL));
			k++;
		}
		json_t *ligs = json_object_get(want, "ligands");
		assert_int_equal(json_array_size(ligs), (size_t)d->n_ligs);
		for (int i2 = 0; i2 < d->n_ligs; i2++)
			assert_string_equal(json_string_value(json_object_get(json_array_get(ligs, (size_t)i2), "name")),
					    d->ligs[i2].name);
		assert_int_equal(json_is_true(json_object_get(want, "malformed")), d->malformed != 0);
		json_decref(want);
	}
}

/* Counts are written by hand when whole (pipeline/formula_parse.c): exactly what
 * "%.0f" writes, sign, zero, large values and a short buffer included; fractions
 * and -0 are still printf's. */
static void test_num_format(void **state)
{
	(void)state;
	const double v[] = { 0, 1, -1, 7, 10, 24, 99, 100, 1234567, -42, 999999999999999.0,
		-999999999999999.0, 123456789012345.0, 0.5, 2.25, -0.0, 1e15, 1e16, 1.0 / 3 };
	char got[48], want[48];
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		fml_num n = fml_num_const(v[i]);
		size_t k = fml_num_format(n, got, sizeof got);
		if (v[i] == (double)(long long)v[i] && v[i] < 1e15 && v[i] > -1e15)
			snprintf(want, sizeof want, "%.0f", v[i]);
		else
			snprintf(want, sizeof want, v[i] == floor(v[i]) && fabs(v[i]) < 1e15 ? "%.0f" : "%.6g",
				 v[i]);
		assert_string_equal(got, want);
		assert_int_equal(k, strlen(want));
	}
	for (long long w = -2000; w <= 2000; w += 7) {
		fml_num_format(fml_num_const((double)w), got, sizeof got);
		snprintf(want, sizeof want, "%.0f", (double)w);
		assert_string_equal(got, want);
	}
	/* a buffer too short: cut, terminated, the length written */
	char small[4];
	assert_int_equal(fml_num_format(fml_num_const(123456), small, sizeof small), 3);
	assert_string_equal(small, "123");
	assert_int_equal(fml_num_format(fml_num_const(-12), small, 1), 0);
	assert_string_equal(small, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_sorted),
		cmocka_unit_test(test_not_formulas),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_num_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
