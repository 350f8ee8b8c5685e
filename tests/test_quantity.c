/* test_quantity.c - the number-and-unit parser of the metrics plugin, one printed
 * quantity per row: the text, what class it must read as, its values converted to
 * the class's canonical unit, its qualifier, its scale or basis. The parser is a
 * pure function, so these rows are all it needs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../plugins/metrics/quantity.h"

typedef struct row {
	const char *text;     /* the first number in it is parsed */
	mx_class cls;
	size_t n;             /* values */
	double v0, v1;        /* canonical values (value * factor) */
	const char *qual;
	int range;            /* v0 is lo, v1 is hi */
	const char *scale;    /* or NULL */
	const char *basis;    /* or NULL */
	const char *unit;     /* unit as written, or NULL to skip */
} row;

static const row ROWS[] = {
	/* current densities in every spelling */
	{ "at 10 mA cm-2 current density", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, "mA cm-2" },
	{ "10 mA/cm2", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, "mA/cm2" },
	{ "10 mA/cm\xC2\xB2", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	{ "10 mA\xC2\xB7" "cm\xE2\x88\x92" "2", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	{ "10 mA cm^{-2}", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	{ "10 mA cm\xE2\x81\xBB\xC2\xB2", MX_CURRENT_DENSITY, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	{ "16.4 \xCE\xBC" "A/cm2", MX_CURRENT_DENSITY, 1, 0.0164, 0, "=", 0, NULL, NULL, NULL },
	{ "16 uA/cm2", MX_CURRENT_DENSITY, 1, 0.016, 0, "=", 0, NULL, NULL, NULL },
	{ "0.493 A/m2", MX_CURRENT_DENSITY, 1, 0.0493, 0, "=", 0, NULL, NULL, NULL },
	{ "(-413 mA cm-2 at", MX_CURRENT_DENSITY, 1, -413, 0, "=", 0, NULL, NULL, NULL },
	{ "4.304 \xC3\x97 10-6 A/cm2", MX_CURRENT_DENSITY, 1, 4.304e-3, 0, "=", 0, NULL, NULL, NULL },
	/* potentials with and without scales */
	{ "at \xE2\x88\x92" "0.57 V vs. RHE", MX_POTENTIAL, 1, -0.57, 0, "=", 0, "RHE", NULL, "V" },
	{ "-0.2 V (vs. RHE)", MX_POTENTIAL, 1, -0.2, 0, "=", 0, "RHE", NULL, NULL },
	{ "0.9 VRHE", MX_POTENTIAL, 1, 0.9, 0, "=", 0, "RHE", NULL, NULL },
	{ "\xE2\x88\x92" "678.5 mVSCE", MX_POTENTIAL, 1, -0.6785, 0, "=", 0, "SCE", NULL, NULL },
	{ "0.3 V vs. Ag/AgCl", MX_POTENTIAL, 1, 0.3, 0, "=", 0, "Ag/AgCl", NULL, NULL },
	{ "are 1.67 and 0.73 V, respectively", MX_POTENTIAL, 2, 1.67, 0.73, "=", 0, NULL, NULL, NULL },
	{ "at -1.10 and -0.89 V", MX_POTENTIAL, 2, -1.10, -0.89, "=", 0, NULL, NULL, NULL },
	{ "range from -0.3 V to -0.9 V,", MX_POTENTIAL, 1, -0.9, -0.3, "=", 1, NULL, NULL, NULL },
	{ "from \xE2\x88\x92" "0.3 to \xE2\x88\x92" "0.9 V", MX_POTENTIAL, 1, -0.9, -0.3, "=", 1, NULL, NULL, NULL },
	{ "0.3\xE2\x80\x93" "0.9 V", MX_POTENTIAL, 1, 0.3, 0.9, "=", 1, NULL, NULL, NULL },
	{ "between 10 and 20 mV", MX_POTENTIAL, 1, 0.010, 0.020, "=", 1, NULL, NULL, NULL },
	{ "1.2 V and 1.3 V", MX_POTENTIAL, 2, 1.2, 1.3, "=", 0, NULL, NULL, NULL },
	{ "0.5 V and 300 mV", MX_POTENTIAL, 2, 0.5, 0.3, "=", 0, NULL, NULL, NULL },
	/* qualifiers */
	{ "is ~70 mV (relative", MX_POTENTIAL, 1, 0.070, 0, "~", 0, NULL, NULL, NULL },
	{ "\xE2\x89\x88 70 mV", MX_POTENTIAL, 1, 0.070, 0, "~", 0, NULL, NULL, NULL },
	{ "FECO up to 96% at", MX_PERCENT, 1, 96, 0, "up to", 0, NULL, NULL, "%" },
	{ "of >90%", MX_PERCENT, 1, 90, 0, ">", 0, NULL, NULL, NULL },
	{ "\xE2\x89\xA5 95 %", MX_PERCENT, 1, 95, 0, "\xE2\x89\xA5", 0, NULL, NULL, NULL },
	{ "nearly 1 V more", MX_POTENTIAL, 1, 1, 0, "~", 0, NULL, NULL, NULL },
	{ "less than 3 nm", MX_LENGTH, 1, 3, 0, "<", 0, NULL, NULL, NULL },
	/* Tafel slopes */
	{ "45 mV dec-1", MX_TAFEL, 1, 45, 0, "=", 0, NULL, NULL, "mV dec-1" },
	{ "45 mV/dec", MX_TAFEL, 1, 45, 0, "=", 0, NULL, NULL, NULL },
	{ "0.084 V/dec.", MX_TAFEL, 1, 84, 0, "=", 0, NULL, NULL, NULL },
	{ "62 mV decade-1", MX_TAFEL, 1, 62, 0, "=", 0, NULL, NULL, NULL },
	{ "62 mV per decade", MX_TAFEL, 1, 62, 0, "=", 0, NULL, NULL, NULL },
	/* rates: TOF and rate constants, per hour converted */
	{ "121000 s-1 at", MX_RATE, 1, 121000, 0, "=", 0, NULL, NULL, "s-1" },
	{ "206 molCO molNC-1 s-1", MX_RATE, 1, 206, 0, "=", 0, NULL, "CO", NULL },
	{ "3600 h-1", MX_RATE, 1, 1, 0, "=", 0, NULL, NULL, NULL },
	{ "120 min\xE2\x88\x92" "1", MX_RATE, 1, 2, 0, "=", 0, NULL, NULL, NULL },
	/* mass and specific activity, production rates, power */
	{ "3.7 A mgPt+Au-1, which", MX_MASS_ACTIVITY, 1, 3.7, 0, "=", 0, NULL, "Pt+Au", "A mgPt+Au-1" },
	{ "5.25 A mgAuPd-1 mass activity", MX_MASS_ACTIVITY, 1, 5.25, 0, "=", 0, NULL, "AuPd", NULL },
	{ "520 mA mg-1", MX_MASS_ACTIVITY, 1, 0.52, 0, "=", 0, NULL, NULL, NULL },
	{ "1.2 A/mg", MX_MASS_ACTIVITY, 1, 1.2, 0, "=", 0, NULL, NULL, NULL },
	{ "5.98 mA cmAuPd-2 specific", MX_CURRENT_DENSITY, 1, 5.98, 0, "=", 0, NULL, "AuPd", NULL },
	{ "6810 \xCE\xBCmol g-1 h-1 under", MX_PRODUCTION_RATE, 1, 6810, 0, "=", 0, NULL, NULL, "\xCE\xBCmol g-1 h-1" },
	{ "6.81 mmol g-1 h-1", MX_PRODUCTION_RATE, 1, 6810, 0, "=", 0, NULL, NULL, NULL },
	{ "25.4 \xCE\xBCg h-1 mgcat-1", MX_PRODUCTION_RATE, 1, 25.4, 0, "=", 0, NULL, "cat", NULL },
	{ "at a flow of 1.0 mL/min", MX_OTHER, 1, 1.0, 0, "=", 0, NULL, NULL, "mL/min" },
	{ "fed at 10 g/min", MX_OTHER, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	{ "12 \xCE\xBC" "mol h-1", MX_PRODUCTION_RATE, 1, 12, 0, "=", 0, NULL, NULL, NULL },
	{ "210 mW cm-2", MX_POWER_DENSITY, 1, 210, 0, "=", 0, NULL, NULL, NULL },
	/* durations, ratios */
	{ "for 50 h in a stability test", MX_TIME, 1, 50, 0, "=", 0, NULL, NULL, "h" },
	{ "lasts 120 min.", MX_TIME, 1, 2, 0, "=", 0, NULL, NULL, NULL },
	{ "for 10 days", MX_TIME, 1, 240, 0, "=", 0, NULL, NULL, NULL },
	{ "37.8 and 6 times higher", MX_TIMES, 2, 37.8, 6, "=", 0, NULL, NULL, "times" },
	{ "~ 18.07 -fold amplification", MX_TIMES, 1, 18.07, 0, "~", 0, NULL, NULL, NULL },
	{ "a 10-fold increase", MX_TIMES, 1, 10, 0, "=", 0, NULL, NULL, NULL },
	/* other units that are never metrics but must read as what they are */
	{ "25 \xC2\xB0" "C, 1 atm", MX_TEMPERATURE, 1, 25, 0, "=", 0, NULL, NULL, NULL },
	{ "0.1 M Bu4NPF6", MX_CONCENTRATION, 1, 0.1, 0, "=", 0, NULL, NULL, "M" },
	{ "15\xE2\x80\x93" "30 MPa", MX_PRESSURE, 1, 15e6, 30e6, "=", 1, NULL, NULL, NULL },
	{ "3.2 \xC3\x85", MX_LENGTH, 1, 0.32, 0, "=", 0, NULL, NULL, NULL },
	{ "30 wt% Pt", MX_OTHER, 1, 30, 0, "=", 0, NULL, NULL, NULL },
	/* bare numbers: no unit */
	{ "Au38 : 2, Au27Cd1: 3.3", MX_NONE, 1, 2, 0, "=", 0, NULL, NULL, NULL },
	{ "a 4-electron pathway", MX_NONE, 1, 4, 0, "=", 0, NULL, NULL, NULL },
	{ "21,900 h", MX_TIME, 1, 21900, 0, "=", 0, NULL, NULL, NULL },
	{ "1.8 eV", MX_ENERGY, 1, 1.8, 0, "=", 0, NULL, NULL, NULL },
};

/* The first offset where a number starts. */
static size_t first_number(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len; i++)
		if (mx_number_start(s, len, i))
			return i;
	return len;
}

static void check_row(const row *r)
{
	mx_quantity q;
	size_t len = strlen(r->text);
	size_t pos = first_number(r->text);
	assert_true(pos < len);
	size_t e = mx_quantity_parse(r->text, len, pos, &q);
	if (!e || q.unit.cls != r->cls || q.n != r->n)
		print_error("row '%s': end %zu class %s n %zu\n", r->text, e,
			    mx_class_name(q.unit.cls), q.n);
	assert_true(e > pos);
	assert_int_equal(q.unit.cls, r->cls);
	assert_int_equal(q.n, r->n);
	double a = r->range ? q.v[0].lo : q.v[0].v;
	assert_true(fabs(a * q.v[0].factor - r->v0) <= 1e-9 + 1e-6 * fabs(r->v0));
	if (r->range) {
		assert_true(q.v[0].range);
		assert_true(fabs(q.v[0].hi * q.v[0].factor - r->v1) <= 1e-9 + 1e-6 * fabs(r->v1));
	} else if (r->n > 1) {
		assert_true(fabs(q.v[1].v * q.v[1].factor - r->v1) <= 1e-9 + 1e-6 * fabs(r->v1));
	}
	assert_string_equal(mx_qual_str(q.v[0].qual), r->qual);
	if (r->scale) {
		assert_non_null(q.unit.scale);
		assert_string_equal(q.unit.scale, r->scale);
	}
	if (r->basis) {
		size_t bl = q.unit.basis_end - q.unit.basis_start;
		assert_int_equal(bl, strlen(r->basis));
		assert_memory_equal(r->text + q.unit.basis_start, r->basis, bl);
	}
	if (r->unit) {
		size_t ul = q.unit.end - q.unit.start;
		if (ul != strlen(r->unit) || memcmp(r->text + q.unit.start, r->unit, ul))
			print_error("row '%s': unit '%.*s'\n", r->text, (int)ul, r->text + q.unit.start);
		assert_int_equal(ul, strlen(r->unit));
		assert_memory_equal(r->text + q.unit.start, r->unit, ul);
	}
}

static void test_rows(void **st)
{
	(void)st;
	for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++)
		check_row(&ROWS[i]);
}

/* Numbers that are parts of names, citations written inline or exponents. */
static void test_not_numbers(void **st)
{
	(void)st;
	static const char *const NOT[] = { "Au25", "CO2", "NC-3", "(SR)18", "Pt1Au24", "x^2",
		"\xCE\xB7" "10", "v2.0", "Fe1", "10-6" };
	for (size_t i = 0; i < sizeof NOT / sizeof *NOT; i++) {
		const char *s = NOT[i];
		size_t len = strlen(s), k = 0;
		/* no number starts after the first character */
		for (size_t j = 1; j < len; j++)
			k += (size_t)mx_number_start(s, len, j);
		if (k)
			print_error("'%s' has a number start\n", s);
		assert_int_equal(k, 0);
	}
}

/* Truncated input never reads past the end. */
static void test_truncated(void **st)
{
	(void)st;
	static const char *const T[] = { "10 mA cm", "10 mA cm-", "4.3 \xC3\x97 10", "5 \xCE",
		"1.2 V vs.", "7 -", "3,4", "2.", "\xE2\x88\x92", "6 mg", "1 and", "5 times" };
	for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
		size_t len = strlen(T[i]);
		for (size_t cut = 0; cut <= len; cut++) {
			char buf[64];
			memcpy(buf, T[i], cut);
			buf[cut] = '\0';
			mx_quantity q;
			for (size_t p = 0; p < cut; p++) {
				size_t e = mx_quantity_parse(buf, cut, p, &q);
				assert_true(e <= cut);
			}
		}
	}
}

/* Random soups of the pieces quantities are made of, in buffers of their exact
 * size (no terminating NUL, so an overread shows under ASan and valgrind): the
 * parser stays in bounds and returns finite values. */
static void test_fuzz(void **st)
{
	(void)st;
	static const char *const PIECES[] = { "0", "1", "25", ".", "-", "\xE2\x88\x92", "\xE2\x80\x93",
		" ", " ", "m", "V", "A", "c", "g", "s", "h", "d", "/", "^", "{", "}", "\xC3\x97", "10",
		"\xCE\xBC", "%", "e", ",", " and ", " to ", "mol", "dec", "vs. ", "RHE", "(", ")",
		"\xC2\xB0", "C", "x", "~", "up to ", "-fold", "times", "Pt", "+", "\xE2\x81\xBB",
		"\xC2\xB2", "between ", "E", "cat", "\xE2\x89\xA4", "\\%" };
	unsigned long seed = 12345;
	for (int round = 0; round < 20000; round++) {
		char tmp[256];
		size_t len = 0;
		int k = 1 + (int)((seed = seed * 6364136223846793005UL + 1442695040888963407UL) >> 59);
		for (int j = 0; j < k * 2; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *p = PIECES[(seed >> 33) % (sizeof PIECES / sizeof *PIECES)];
			size_t pl = strlen(p);
			if (len + pl > sizeof tmp)
				break;
			memcpy(tmp + len, p, pl);
			len += pl;
		}
		char *buf = malloc(len ? len : 1);
		assert_non_null(buf);
		memcpy(buf, tmp, len);
		for (size_t pos = 0; pos < len; pos++) {
			mx_quantity q;
			size_t e = mx_quantity_parse(buf, len, pos, &q);
			assert_true(e <= len);
			for (size_t i = 0; e && i < q.n; i++) {
				assert_true(isfinite(q.v[i].v) && isfinite(q.v[i].factor));
				assert_true(q.v[i].end <= len && q.v[i].start <= q.v[i].end);
			}
		}
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
