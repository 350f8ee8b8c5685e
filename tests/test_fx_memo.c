/* test_fx_memo.c - the formula plugin's memo of descriptions (plugins/formula/memo.c):
 * a lookup answers what litx_formula_describe answers, shares one description per
 * distinct string until cleared, remembers refusals, and keeps every answer right
 * while its table grows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <litx/formula.h>
#include "fx.h"

/* The memo's answer for s is the parser's: both NULL, or equal descriptions. */
static void same_as_parser(fx_memo *m, const char *s)
{
	json_t *want = litx_formula_describe(s, strlen(s));
	fx_facts f, g;
	json_t *got = fx_memo_describe(m, s, strlen(s), &f);
	if (!want)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_true(json_equal(want, got));
		/* the facts remembered are those of the description */
		fx_facts_read(want, &g);
		assert_memory_equal(&f, &g, sizeof f);
	}
	json_decref(want);
	json_decref(got);
}

static void memo_hits(void **state)
{
	(void)state;
	fx_memo m = { 0 };
	const char *const cases[] = { "Au_{25}(SR)_{18}", "[Au_{25}(SR)_{18}]^{-}", "Introduction",
		"Pt_{1}Au_{24}", "TiO_{2}", "M_{13}", "", "SWV", "Au_{25}(SR)_{18}" };
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
			same_as_parser(&m, cases[i]);
	/* one shared description per distinct string */
	json_t *a = fx_memo_describe(&m, "Au_{25}(SR)_{18}", 16, NULL);
	json_t *b = fx_memo_describe(&m, "Au_{25}(SR)_{18}", 16, NULL);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	json_decref(b);
	/* a reference taken before a clear stays valid after it */
	fx_memo_clear(&m);
	assert_string_equal(json_string_value(json_object_get(a, "canonical")), "Au25(SR)18");
	json_t *c = fx_memo_describe(&m, "Au_{25}(SR)_{18}", 16, NULL);
	assert_non_null(c);
	assert_ptr_not_equal(a, c);
	assert_true(json_equal(a, c));
	json_decref(a);
	json_decref(c);
	/* a refusal is remembered as one */
	assert_null(fx_memo_describe(&m, "Introduction", 12, NULL));
	assert_null(fx_memo_describe(&m, "Introduction", 12, NULL));
	/* keys are bytes, not C strings: a prefix is another key */
	json_t *p = fx_memo_describe(&m, "TiO_{2}xyz", 7, NULL);
	json_t *q = litx_formula_describe("TiO_{2}", 7);
	assert_non_null(p);
	assert_true(json_equal(p, q));
	json_decref(p);
	json_decref(q);
	fx_memo_free(&m);
	fx_memo_free(&m); /* twice is harmless */
}

/* Thousands of distinct strings: the table grows (rehashing what it holds) and
 * every answer, old and new, stays the parser's. */
/* The facts the scanner filters on. */
static void memo_facts(void **state)
{
	(void)state;
	fx_memo m = { 0 };
	fx_facts f;
	json_t *d = fx_memo_describe(&m, "Au_{25}(SR)_{18}", 16, &f);
	assert_non_null(d);
	assert_true(f.cluster && !f.molecule && !f.malformed && !f.word && !f.has_m);
	assert_int_equal(f.n_vars, 0);
	json_decref(d);
	d = fx_memo_describe(&m, "Au_{25-x}Ag_{x}(SR)_{18}", 24, &f);
	assert_non_null(d);
	assert_int_equal(f.n_vars, 1);
	assert_string_equal(f.vars, "x");
	json_decref(d);
	d = fx_memo_describe(&m, "M_{13}", 6, &f);
	assert_non_null(d);
	assert_true(f.has_m && f.one_metal);
	json_decref(d);
	d = fx_memo_describe(&m, "Cu/Ag", 5, &f);
	assert_non_null(d);
	assert_true(f.word);
	json_decref(d);
	fx_memo_free(&m);
}

/* Records: the first is the description itself; what its caller adds to it (new
 * members, another "variables") never reaches the later records, which are the
 * description's members in order. */
static void memo_records(void **state)
{
	(void)state;
	fx_memo m = { 0 };
	const char *s = "Au_{25-x}Ag_{x}(SR)_{18}";
	json_t *want = litx_formula_describe(s, strlen(s));
	assert_non_null(want);
	json_t *d = fx_memo_describe(&m, s, strlen(s), NULL);
	json_t *r1 = fx_memo_record(&m, s, strlen(s), d);
	assert_ptr_equal(r1, d);
	json_object_set_new(r1, "text", json_string(s));
	json_object_set_new(r1, "variables", json_object());
	for (int i = 0; i < 2; i++) {
		d = fx_memo_describe(&m, s, strlen(s), NULL);
		json_t *r2 = fx_memo_record(&m, s, strlen(s), d);
		assert_non_null(r2);
		assert_ptr_not_equal(r2, r1);
		assert_true(json_equal(r2, want));
		/* the same members in the same order */
		char *a = json_dumps(r2, 0), *b = json_dumps(want, 0);
		assert_string_equal(a, b);
		free(a);
		free(b);
		json_decref(r2);
	}
	/* a description from elsewhere is copied */
	json_t *other = litx_formula_describe("TiO_{2}", 7);
	json_t *r3 = fx_memo_record(&m, "TiO_{2}", 7, json_incref(other));
	assert_ptr_not_equal(r3, other);
	assert_true(json_equal(r3, other));
	json_decref(r3);
	json_decref(other);
	json_decref(r1);
	json_decref(want);
	fx_memo_free(&m);
}

static void memo_grows(void **state)
{
	(void)state;
	fx_memo m = { 0 };
	char s[64];
	for (int round = 0; round < 2; round++)
		for (int i = 1; i <= 3000; i++) {
			snprintf(s, sizeof s, i % 3 ? "Au_{%d}Ag_{%d}(SR)_{18}" : "Word%dx%d", i, i % 7 + 1);
			same_as_parser(&m, s);
		}
	assert_true(m.n >= 3000);
	assert_true(m.cap >= 2 * m.n);
	fx_memo_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memo_hits),
		cmocka_unit_test(memo_facts),
		cmocka_unit_test(memo_records),
		cmocka_unit_test(memo_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
