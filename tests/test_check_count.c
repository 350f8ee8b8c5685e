/* test_check_count.c - the checker's arithmetic of printed numbers: doping numbers
 * ("16, 17", "0–8"), counts with variables ("17-x"), and whether two of them can
 * agree. Table-driven; needs nothing but the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <litx/formula.h>
#include "check_int.h"

static void set_parse_cases(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int n;
		double lo0, hi0, lo1, hi1;
	} cases[] = {
		{ "6", 1, 6, 6, 0, 0 },
		{ "16, 17", 2, 16, 16, 17, 17 },
		{ "0\xE2\x80\x93" "8", 1, 0, 8, 0, 0 },        /* en dash */
		{ "24-28", 1, 24, 28, 0, 0 },
		{ "1 and 2", 2, 1, 1, 2, 2 },
		{ "4 to 8", 1, 4, 8, 0, 0 },
		{ " 1, 2)", 2, 1, 1, 2, 2 },
		{ "2.5", 1, 2.5, 2.5, 0, 0 },
		{ "230\xE2\x80\x93" "232", 1, 230, 232, 0, 0 },
		{ "Kernel doping", 0, 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0, 0 },
		{ "2x", 0, 0, 0, 0, 0 },                       /* a count, not a number */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		chk_set s;
		int n = chk_set_parse(cases[i].in, strlen(cases[i].in), &s);
		assert_int_equal(n, cases[i].n);
		if (n >= 1) {
			assert_true(s.lo[0] == cases[i].lo0 && s.hi[0] == cases[i].hi0);
		}
		if (n >= 2) {
			assert_true(s.lo[1] == cases[i].lo1 && s.hi[1] == cases[i].hi1);
		}
	}
}

static void lin_parse_cases(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int ok;
		double c, k;
		char var;
	} cases[] = {
		{ "25", 1, 25, 0, 0 },
		{ "25-x", 1, 25, -1, 'x' },
		{ "17\xE2\x80\x93x", 1, 17, -1, 'x' },          /* en dash */
		{ "x", 1, 0, 1, 'x' },
		{ "12+x", 1, 12, 1, 'x' },
		{ "2x", 1, 0, 2, 'x' },
		{ "30 + x", 1, 30, 1, 'x' },
		{ "x-y", 0, 0, 0, 0 },                         /* two variables */
		{ "abc", 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		chk_lin l;
		int ok = chk_lin_parse(cases[i].in, strlen(cases[i].in), &l);
		assert_int_equal(ok != 0, cases[i].ok);
		if (!ok)
			continue;
		assert_true(l.c == cases[i].c);
		assert_true(l.k == cases[i].k);
		assert_int_equal(l.var, cases[i].var);
	}
}

static void lin_from_json(void **state)
{
	(void)state;
	chk_lin l;
	json_t *v = json_integer(24);
	assert_true(chk_lin_from_json(v, &l));
	assert_true(l.c == 24 && !l.var);
	json_decref(v);
	v = json_string("25-x");
	assert_true(chk_lin_from_json(v, &l));
	assert_true(l.c == 25 && l.k == -1 && l.var == 'x');
	json_decref(v);
	v = json_null();
	assert_false(chk_lin_from_json(v, &l));
	json_decref(v);
}

/* A formula read from its text (the parser's description without JSON) and from
 * its description's JSON give the same metals, counts and ligands. */
static void read_as_json(void **state)
{
	(void)state;
	const char *cases[] = { "Au25(SR)18", "[Pt1Au24(SC2H4Ph)18]-", "Au25-xAgx(SR)18",
		"Ag29(BDT)12(TPP)4", "AuPd", "M13", "Au0.4Pd0.6", "Au2Pd6/MoS2", "Au_{n}" };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		chk_formula a, b;
		json_t *d = litx_formula_describe(cases[i], strlen(cases[i]));
		int ra = chk_formula_read(cases[i], strlen(cases[i]), &a);
		int rb = d ? chk_formula_from_json(d, &b) : 0;
		json_decref(d);
		assert_int_equal(ra, rb);
		if (!ra)
			continue;
		assert_int_equal(a.n_el, b.n_el);
		assert_int_equal(a.counts_known, b.counts_known);
		assert_int_equal(a.n_lig, b.n_lig);
		for (int k = 0; k < a.n_el; k++) {
			assert_string_equal(a.el[k], b.el[k]);
			assert_int_equal(a.known[k], b.known[k]);
			assert_true(a.cnt[k].c == b.cnt[k].c && a.cnt[k].k == b.cnt[k].k &&
				    a.cnt[k].var == b.cnt[k].var);
		}
		for (int k = 0; k < a.n_lig; k++)
			assert_string_equal(a.lig[k], b.lig[k]);
	}
}

/* "AuxAg17-x, x = 0, 1" and "Ag 16, 17" agree; x + (17-x) is 17 whatever x is. */
static void variables_agree(void **state)
{
	(void)state;
	chk_lin ag, au;
	assert_true(chk_lin_parse("17-x", 4, &ag));
	assert_true(chk_lin_parse("x", 1, &au));
	chk_set x, printed, vals;
	assert_int_equal(chk_set_parse("0, 1", 4, &x), 2);
	assert_int_equal(chk_set_parse("16, 17", 6, &printed), 2);
	assert_true(chk_lin_values(&ag, &x, &vals));
	assert_true(chk_set_meets(&vals, &printed));
	/* the sum loses its variable */
	chk_lin sum = ag;
	assert_true(chk_lin_add(&sum, &au));
	assert_int_equal(sum.var, 0);
	assert_true(sum.c == 17);
	/* unknown values: no verdict */
	assert_false(chk_lin_values(&ag, NULL, &vals));
	/* a range maps through the count: 29-x with x = 1-5 is 24-28 */
	chk_lin ag29;
	assert_true(chk_lin_parse("29-x", 4, &ag29));
	assert_int_equal(chk_set_parse("1-5", 3, &x), 1);
	assert_true(chk_lin_values(&ag29, &x, &vals));
	assert_int_equal(chk_set_parse("24-28", 5, &printed), 1);
	assert_true(chk_set_meets(&vals, &printed));
	assert_int_equal(chk_set_parse("30", 2, &printed), 1);
	assert_false(chk_set_meets(&vals, &printed));
}

static void formats(void **state)
{
	(void)state;
	char buf[64];
	chk_set s;
	chk_set_parse("16, 17", 6, &s);
	chk_set_format(&s, buf, sizeof buf);
	assert_string_equal(buf, "16, 17");
	chk_set_parse("0-8", 3, &s);
	chk_set_format(&s, buf, sizeof buf);
	assert_string_equal(buf, "0-8");
	chk_lin l;
	chk_lin_parse("25-x", 4, &l);
	chk_lin_format(&l, buf, sizeof buf);
	assert_string_equal(buf, "25-x");
	chk_lin_parse("x", 1, &l);
	chk_lin_format(&l, buf, sizeof buf);
	assert_string_equal(buf, "x");
	/* a tiny buffer is cut, never overrun */
	chk_set_parse("1, 2, 3, 4", 10, &s);
	chk_set_format(&s, buf, 4);
	assert_true(strlen(buf) < 4);
}

static void elements_and_brackets(void **state)
{
	(void)state;
	assert_int_equal(chk_element("Au", 2), 2);
	assert_int_equal(chk_element("S", 1), 1);
	assert_int_equal(chk_element("Xx", 2), 0);
	assert_int_equal(chk_element("M", 1), 0);
	char note[96];
	assert_int_equal(chk_brackets("[Au25(SR)18]-", 13, note, sizeof note), 0);
	assert_int_equal(chk_brackets("[Au16Ag1(S-Adm)13", 17, note, sizeof note), 1);
	assert_non_null(strstr(note, "'[' is never closed"));
	assert_int_equal(chk_brackets("AuCu24H22(p-FPh)3P)12", 21, note, sizeof note), 1);
	assert_non_null(strstr(note, "')' has no opening"));
	assert_int_equal(chk_brackets("(]", 2, note, sizeof note), 1);
}

static void buf_grows(void **state)
{
	(void)state;
	chk_buf b = { 0 };
	assert_string_equal(chk_buf_str(&b), "");
	for (int i = 0; i < 500; i++)
		chk_buf_printf(&b, "%d,", i);
	assert_int_equal(b.oom, 0);
	assert_true(b.len > 1000);
	assert_int_equal(strncmp(chk_buf_str(&b), "0,1,2,", 6), 0);
	chk_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_parse_cases),
		cmocka_unit_test(lin_parse_cases),
		cmocka_unit_test(lin_from_json),
		cmocka_unit_test(read_as_json),
		cmocka_unit_test(variables_agree),
		cmocka_unit_test(formats),
		cmocka_unit_test(elements_and_brackets),
		cmocka_unit_test(buf_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
