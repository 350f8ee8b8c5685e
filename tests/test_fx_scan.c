/* test_fx_scan.c - the formula scanner's shortcut for plain tokens
 * (fx_plain_token, plugins/formula/scan.c): wherever it answers, its answer is the
 * candidate pattern's, which is what the scanner asked at every token before it had
 * the shortcut. Texts are chosen ones (joiners, spaces before '@' and '/', brackets,
 * non-ASCII neighbours) and random strings over the bytes the two can disagree on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "fx.h"

typedef struct fixture {
	fx_state st;
	size_t answered; /* offsets where the shortcut answered */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[256];
	if (!f || fx_compile(&f->st, err, sizeof err))
		return -1;
	f->st.md = pcre2_match_data_create(32, NULL);
	if (!f->st.md)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	pcre2_code_free(f->st.cand);
	pcre2_code_free(f->st.cont);
	pcre2_code_free(f->st.vars);
	pcre2_code_free(f->st.bind);
	pcre2_code_free(f->st.defn);
	pcre2_match_data_free(f->st.md);
	free(f);
	return 0;
}

/* At every offset of s where the shortcut answers, the pattern (searching from
 * there, as the scanner asks it) finds exactly [off, end), or, when the shortcut
 * says no match starts before end, what it finds searching from end. */
static void agree(fixture *f, const char *s, size_t len)
{
	for (size_t off = 0; off < len; off++) {
		size_t end = 0;
		int k = fx_plain_token(s, off, len, &end);
		if (!k)
			continue;
		f->answered++;
		int rc = pcre2_match(f->st.cand, (PCRE2_SPTR)s, len, off, 0, f->st.md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(f->st.md);
		size_t m0 = rc < 0 ? 0 : ov[0], m1 = rc < 0 ? 0 : ov[1];
		if (k > 0) {
			if (rc < 0)
				fail_msg("\"%.*s\" at %zu: the shortcut matched, the pattern did not", (int)len, s,
					 off);
			if (m0 != off || m1 != end)
				fail_msg("\"%.*s\" at %zu: shortcut [%zu, %zu), pattern [%zu, %zu)", (int)len, s,
					 off, off, end, m0, m1);
			continue;
		}
		assert_true(end > off && end <= len);
		int rc2 = end < len ? pcre2_match(f->st.cand, (PCRE2_SPTR)s, len, end, 0, f->st.md, NULL) :
				      PCRE2_ERROR_NOMATCH;
		size_t n0 = rc2 < 0 ? 0 : ov[0], n1 = rc2 < 0 ? 0 : ov[1];
		if ((rc < 0) != (rc2 < 0) || m0 != n0 || m1 != n1)
			fail_msg("\"%.*s\" at %zu: nothing before %zu says the shortcut, but the pattern "
				 "finds [%zu, %zu) from %zu and [%zu, %zu) from %zu", (int)len, s, off, end, m0,
				 m1, off, n0, n1, end);
	}
}

static void chosen_texts(void **state)
{
	fixture *f = *state;
	static const char *const texts[] = {
		"Au25(SR)18 and Au38 in CH2Cl2.",
		"The Au1-xAgx @GSH and Au1-xAgx /C clusters",
		"Au\xE2\x80\x93 Fe1 and Au- Fe1 and Au-Fe1 and Au- fe",
		"x'Au25 _Au 9Au aAu -Au /Au @Au .Au +Au 'Au",
		"\xC3\xA9" "Au25 \xE2\x80\xB2" "Au \xC2\xB7" "Au",
		"Pt1Au24, Cu/Ag; NaCl: KCl! HBr? H2O\" CO2=O N2<O2",
		"Au25% Au25* Au25_x Au25^2 Au25~ Au25|Ag Au25\\Ag Au25&Ag Au25#",
		"Au25\xCE\xB1 Au25\xE2\x88\x92 Au25\xE2\x80\x90x Au25\xC2\xB7" "2H2O",
		"[Au25(SR)18]- (Au25) {Au} Au(PPh3)Cl Au]",
		"Au25 /", "Au25 @", "Au25-", "Au25 ", "A", "Au",
		"S4 IN56 SYP028 N.S. Au.Ag A'B A+B+ C-C C- -C",
		"Au25\tAg\nCu\rPd\fPt",
		"Au(SR) (x y) [z] Au(a b, c)2 Au(a\nb) Au(a(b)c)d Au(a(b\nc)d) Au(a]b Au)b Au(((",
		"((x Au (see Fig. 1) ((Au25)) [12] [Au]- (((A {a}B ((",
		"Au(\xC3\xA9 x)3 Au[(\xE2\x80\x93)]2 Au(x)(y)(z)- Au{x[y(z)]}",
		"Au25(SR)18 Au(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) "
		"Au((((((((((((((((((((x))))))))))))))))))))",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		agree(f, texts[i], strlen(texts[i]));
	assert_true(f->answered >= 100);
}

static void random_texts(void **state)
{
	fixture *f = *state;
	/* single bytes and whole UTF-8 characters the two might read differently */
	static const char *const pieces[] = { "A", "u", "Z", "z", "M", "0", "9", "+", "-", "/", "@",
		".", "'", " ", " ", "(", ")", "[", "]", "{", "}", ",", ";", "_", "=", "\n", "\t",
		"\xE2\x80\x93", "\xE2\x88\x92", "\xC2\xB7", "\xE2\x80\xB2", "\xC3\xA9", "\xE2\x89\xA1",
		"\xCE\xB1", "Au", "Ag", "25" };
	const size_t np = sizeof pieces / sizeof *pieces;
	char buf[128];
	srand(7);
	for (int round = 0; round < 100000; round++) {
		size_t len = 0;
		int n = 1 + rand() % 16;
		for (int k = 0; k < n; k++) {
			const char *p = pieces[(size_t)rand() % np];
			size_t pl = strlen(p);
			if (len + pl >= sizeof buf)
				break;
			memcpy(buf + len, p, pl);
			len += pl;
		}
		agree(f, buf, len);
	}
	assert_true(f->answered > 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(chosen_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(random_texts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
