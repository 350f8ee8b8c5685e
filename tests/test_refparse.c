/* test_refparse.c - the reference-entry parser, one row per entry and style: the
 * entry as printed and every field it must give (NULL: the field must be absent).
 * Also: italic/bold spans decide journal and volume, hostile input never crashes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refparse.h"

typedef struct row {
	const char *entry;
	const char *authors, *title, *journal, *year, *volume, *issue, *pages, *doi, *label;
	size_t n_authors;
} row;

static const row ROWS[] = {
	/* RSC, as in the seed (the reader has taken the asterisks off) */
	{ "W. Zhang, W. Lai and R. Cao, Chem. Rev., 2017, 117, 3717–3797.",
	  "Zhang, W.; Lai, W.; Cao, R.", NULL, "Chem. Rev.", "2017", "117", NULL, "3717–3797", NULL, NULL, 3 },
	{ "1 W. Zhang, W. Lai and R. Cao, Chem. Rev., 2017, 117, 3717–3797.",
	  "Zhang, W.; Lai, W.; Cao, R.", NULL, "Chem. Rev.", "2017", "117", NULL, "3717–3797", NULL, "1", 3 },
	{ "F. Li, G.-F. Han and J.-B. Baek, Acc. Chem. Res., 2022, 55, 110–120.",
	  "Li, F.; Han, G.-F.; Baek, J.-B.", NULL, "Acc. Chem. Res.", "2022", "55", NULL, "110–120", NULL, NULL, 3 },
	{ "X.-K. Wan, J.-Q. Wang, Z.-A. Nan and Q.-M. Wang, Sci. Adv., 3, e1701823.",
	  "Wan, X.-K.; Wang, J.-Q.; Nan, Z.-A.; Wang, Q.-M.", NULL, "Sci. Adv.", NULL, "3", NULL, "e1701823", NULL, NULL, 4 },
	{ "Y. Du, P. Wang, Y. Fang and M. Zhu, ChemSusChem, 2024, e202402085.",
	  "Du, Y.; Wang, P.; Fang, Y.; Zhu, M.", NULL, "ChemSusChem", "2024", NULL, NULL, "e202402085", NULL, NULL, 4 },
	{ "S. Maity, S. Kolay, A. Devi, Rashi and A. Patra, Chem. Soc. Rev., 2025, 54, 1785–1844.",
	  "Maity, S.; Kolay, S.; Devi, A.; Rashi; Patra, A.", NULL, "Chem. Soc. Rev.", "2025", "54", NULL, "1785–1844", NULL, NULL, 5 },
	{ "H. Shen, M. S. Asre Hazer, H. Häkkinen and N. Zheng, Chem., 2022, 8, 2380–2392.",
	  "Shen, H.; Asre Hazer, M. S.; Häkkinen, H.; Zheng, N.", NULL, "Chem", "2022", "8", NULL, "2380–2392", NULL, NULL, 4 },
	{ "G. Qing, M. R. Smith III and T. W. Hamann, Chem. Rev., 2020, 120, 5437–5516.",
	  "Qing, G.; Smith, M. R.; Hamann, T. W.", NULL, "Chem. Rev.", "2020", "120", NULL, "5437–5516", NULL, NULL, 3 },
	{ "X. Cai, G. Saranya and Y. Zhu, Angew. Chem., Int. Ed., 2019, 58, 9964–9968.",
	  "Cai, X.; Saranya, G.; Zhu, Y.", NULL, "Angew. Chem., Int. Ed.", "2019", "58", NULL, "9964–9968", NULL, NULL, 3 },
	/* Vancouver */
	{ "Smith J, Jones K. Title of the work. J Name. 2019;12(3):45-67.",
	  "Smith, J.; Jones, K.", "Title of the work", "J Name", "2019", "12", "3", "45-67", NULL, NULL, 2 },
	{ "Mohawk JA, Takahashi JS (2011) Cell autonomy and synchrony of suprachiasmatic nucleus circadian oscillators. Trends in Neurosciences 34: 349–358. doi: 10.1016/j.tins.2011.05.003",
	  "Mohawk, J. A.; Takahashi, J. S.", "Cell autonomy and synchrony of suprachiasmatic nucleus circadian oscillators",
	  "Trends in Neurosciences", "2011", "34", NULL, "349–358", "10.1016/j.tins.2011.05.003", NULL, 2 },
	{ "Hansen J, Sato M, Ruedy R, et al. (2005) Efficacy of climate forcings. J Geophys Res 110, D18104, doi:10.1029/2005JD005776.",
	  "Hansen, J.; Sato, M.; Ruedy, R.", "Efficacy of climate forcings", "J Geophys Res", "2005", "110", NULL, "D18104",
	  "10.1029/2005JD005776", NULL, 3 },
	{ "Taylor AL, Gill NW. Knee extension in osteoarthritic knees. J Orthop Sports Phys Ther. 2014 44(4) 273-82.",
	  "Taylor, A. L.; Gill, N. W.", "Knee extension in osteoarthritic knees", "J Orthop Sports Phys Ther", "2014", "44", "4",
	  "273-82", NULL, NULL, 2 },
	/* months and locators in any case and language (looked up by first letter) */
	{ "Smith J, Jones K. Title of the work. J Name. 2019 MAR;12(3):45-67.",
	  "Smith, J.; Jones, K.", "Title of the work", "J Name", "2019", "12", "3", "45-67", NULL, NULL, 2 },
	{ "Smith J, Jones K. Title of the work. J Name, Vol. 12, No. 3, pp. 45-67, Sept. 2019.",
	  "Smith, J.; Jones, K.", "Title of the work", "J Name", "2019", "12", "3", "45-67", NULL, NULL, 2 },
	{ "Dupont A. Le titre. Rev Chim. 2019 D\xC3\xA9" "cembre;12(3):45-67.",
	  "Dupont, A.", "Le titre", "Rev Chim", "2019", "12", "3", "45-67", NULL, NULL, 1 },
	/* APA */
	{ "Smith, J., & Jones, K. (2019). Title of the work. Journal of Things, 12(3), 45–67.",
	  "Smith, J.; Jones, K.", "Title of the work", "Journal of Things", "2019", "12", "3", "45–67", NULL, NULL, 2 },
	{ "Muggleton, S., & De Raedt, L. (1994). Inductive logic programming: Theory and methods. Journal of Logic Programming, 19, 629-679.",
	  "Muggleton, S.; De Raedt, L.", "Inductive logic programming: Theory and methods", "Journal of Logic Programming",
	  "1994", "19", NULL, "629-679", NULL, NULL, 2 },
	/* Nature */
	{ "Yang, J., Xu, C. & Wang, L. Synthesis of biodiesel: an experiment. J. Chem. Educ. 90, 1362–1364 (2013).",
	  "Yang, J.; Xu, C.; Wang, L.", "Synthesis of biodiesel: an experiment", "J. Chem. Educ.", "2013", "90", NULL,
	  "1362–1364", NULL, NULL, 3 },
	/* Elsevier */
	{ "W. Zhang, W. Lai, Title of a paper, J. Name 117 (2017) 3717–3797.",
	  "Zhang, W.; Lai, W.", "Title of a paper", "J. Name", "2017", "117", NULL, "3717–3797", NULL, NULL, 2 },
	/* ACS without emphasis */
	{ "Zhang, W.; Lai, W.; Cao, R. Title of a paper. Chem. Rev. 2017, 117, 3717–3797.",
	  "Zhang, W.; Lai, W.; Cao, R.", "Title of a paper", "Chem. Rev.", "2017", "117", NULL, "3717–3797", NULL, NULL, 3 },
	/* locator words */
	{ "Gibson, R. L., Reimold, W. U., Petrographic evidence, Meteoritics & Planetary Science, vol. 36, no. 9, p. A65, 2001.",
	  "Gibson, R. L.; Reimold, W. U.", "Petrographic evidence", "Meteoritics & Planetary Science", "2001", "36", "9", "A65",
	  NULL, NULL, 2 },
	{ "[12] O. Ambacher, B. Foutz and M. Stutzmann, J. Appl. Phys. 87, pp. 334–344 (2000)",
	  "Ambacher, O.; Foutz, B.; Stutzmann, M.", NULL, "J. Appl. Phys.", "2000", "87", NULL, "334–344", NULL, "12", 3 },
	/* full given names */
	{ "Azer Bestavros and Carlos Cunha. Server-initiated document dissemination. IEEE Data Eng. Bull. 19(3):3-11, 1996.",
	  "Bestavros, A.; Cunha, C.", "Server-initiated document dissemination", "IEEE Data Eng. Bull.", "1996", "19", "3",
	  "3-11", NULL, NULL, 2 },
	/* a book: no journal, no volume */
	{ "Murphy FA, Gibbs EPJ (1999) Veterinary Virology. USA: Elsevier. pp 469–475.",
	  "Murphy, F. A.; Gibbs, E. P. J.", "Veterinary Virology", NULL, "1999", NULL, NULL, "469–475", NULL, NULL, 2 },
	/* an access date is not a locator */
	{ "Altobelli, T. (2009). Family violence. Australian Journal of Family Law, 23, 194. Retrieved January 22, 2010, from http://x.org/a",
	  "Altobelli, T.", "Family violence", "Australian Journal of Family Law", "2009", "23", NULL, "194", NULL, NULL, 1 },
};

static void check(const char *what, const char *entry, const litx_refparsed *p, litx_rf_field f,
		  const char *want)
{
	char buf[1024];
	size_t n = litx_refparse_field(entry, p, f, buf, sizeof buf);
	if (!want) {
		if (n)
			fail_msg("%s: want no %s, got '%s' in: %s", what, what, buf, entry);
		return;
	}
	if (strcmp(buf, want))
		fail_msg("%s: want '%s', got '%s' in: %s", what, want, buf, entry);
}

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
		const row *r = &ROWS[i];
		litx_refparsed p;
		assert_int_equal(litx_refparse(r->entry, strlen(r->entry), NULL, 0, &p), 0);
		char au[1024];
		litx_refparse_authors(r->entry, &p, au, sizeof au);
		if (strcmp(au, r->authors))
			fail_msg("authors: want '%s', got '%s' in: %s", r->authors, au, r->entry);
		if (p.n_authors != r->n_authors)
			fail_msg("n_authors: want %zu, got %zu in: %s", r->n_authors, p.n_authors, r->entry);
		check("title", r->entry, &p, LITX_RF_TITLE, r->title);
		check("journal", r->entry, &p, LITX_RF_JOURNAL, r->journal);
		check("year", r->entry, &p, LITX_RF_YEAR, r->year);
		check("volume", r->entry, &p, LITX_RF_VOLUME, r->volume);
		check("issue", r->entry, &p, LITX_RF_ISSUE, r->issue);
		check("pages", r->entry, &p, LITX_RF_PAGES, r->pages);
		check("doi", r->entry, &p, LITX_RF_DOI, r->doi);
		check("label", r->entry, &p, LITX_RF_LABEL, r->label);
	}
}

/* ACS prints the year bold and the volume italic; RSC the journal italic and the
 * volume bold: the spans settle what the text alone leaves open. */
static void test_spans(void **state)
{
	(void)state;
	const char *acs = "Zhang, W.; Lai, W. Catalysis at Au. J. Name 2017, 117, 3717.";
	/* J. Name italic, 2017 bold, 117 italic */
	const char *jn = strstr(acs, "J. Name"), *yr = strstr(acs, "2017"), *vol = strstr(acs, "117,");
	litx_span sp[3] = {
		{ LITX_SPAN_ITALIC, (size_t)(jn - acs), (size_t)(jn - acs) + 7, 0, NULL },
		{ LITX_SPAN_BOLD, (size_t)(yr - acs), (size_t)(yr - acs) + 4, 0, NULL },
		{ LITX_SPAN_ITALIC, (size_t)(vol - acs), (size_t)(vol - acs) + 3, 0, NULL },
	};
	litx_refparsed p;
	assert_int_equal(litx_refparse(acs, strlen(acs), sp, 3, &p), 0);
	check("journal", acs, &p, LITX_RF_JOURNAL, "J. Name");
	check("title", acs, &p, LITX_RF_TITLE, "Catalysis at Au");
	check("year", acs, &p, LITX_RF_YEAR, "2017");
	check("volume", acs, &p, LITX_RF_VOLUME, "117");
	check("pages", acs, &p, LITX_RF_PAGES, "3717");

	/* without the italic span "Au. J. Name" would be read as one abbreviation */
	const char *rsc = "A. Author and B. Writer, Nano Res., 2020, 13, 1–9.";
	const char *j = strstr(rsc, "Nano Res.");
	litx_span it = { LITX_SPAN_ITALIC, (size_t)(j - rsc), (size_t)(j - rsc) + 9, 0, NULL };
	assert_int_equal(litx_refparse(rsc, strlen(rsc), &it, 1, &p), 0);
	check("journal", rsc, &p, LITX_RF_JOURNAL, "Nano Res.");
	check("volume", rsc, &p, LITX_RF_VOLUME, "13");
}

static void test_names(void **state)
{
	(void)state;
	const char *e = "de Wit HA, Smith JA-B. A title. J X. 2001;1:2.";
	litx_refparsed p;
	assert_int_equal(litx_refparse(e, strlen(e), NULL, 0, &p), 0);
	char buf[256];
	assert_int_equal(p.n_names, 2);
	litx_refparse_name(e, &p.names[0], buf, sizeof buf);
	assert_string_equal(buf, "de Wit, H. A.");
	/* a buffer too small for a name is still terminated */
	char tiny[6];
	litx_refparse_name(e, &p.names[0], tiny, sizeof tiny);
	assert_int_equal(strlen(tiny), 5);
	/* authors that do not fit are left out whole */
	char small[16];
	litx_refparse_authors(e, &p, small, sizeof small);
	assert_string_equal(small, "de Wit, H. A.");
}

/* Hostile input: empty, no structure, invalid UTF-8, huge, every byte value. The
 * parser must return and the fields must lie inside the input. */
static void test_hostile(void **state)
{
	(void)state;
	litx_refparsed p;
	assert_int_equal(litx_refparse("", 0, NULL, 0, &p), 0);
	assert_int_equal(p.n_names, 0);
	assert_int_equal(litx_refparse(NULL, 0, NULL, 0, &p), 0);
	const char *junk[] = { "\xff\xfe\x80 10.1/ ((((( ]]]] 2019-", "1999 2000 2001 2002",
		"et al. et al. and and &", "10.1234/", "[1] (2) 3.", "A. B. C. D. E.", ",,,;;;:::",
		"\xe2\x80", "Smith, J., & & & (2019)." };
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
		size_t len = strlen(junk[i]);
		assert_int_equal(litx_refparse(junk[i], len, NULL, 0, &p), 0);
		for (int f = 0; f < LITX_RF_N; f++) {
			assert_true(p.f[f].start <= p.f[f].end);
			assert_true(p.f[f].end <= len);
		}
	}
	/* an entry that is a slice of a larger buffer, not NUL-terminated (ASan checks
	 * that nothing is read past its end) */
	const char *slices[] = { "Smith J, Jones K. A title. J Name. Vol. XLII, n°5, 2019",
				 "W. Zhang, Chem. Rev., 2017, 117, 3717", "10.1234/abc", "2019" };
	for (size_t i = 0; i < sizeof slices / sizeof *slices; i++) {
		size_t len = strlen(slices[i]);
		char *cut = malloc(len);
		assert_non_null(cut);
		memcpy(cut, slices[i], len);
		assert_int_equal(litx_refparse(cut, len, NULL, 0, &p), 0);
		char au[256];
		litx_refparse_authors(cut, &p, au, sizeof au);
		free(cut);
	}
	/* a long entry (more tokens than the stack array holds) */
	size_t n = 200000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = "A. Bc, "[i % 7];
	big[n] = '\0';
	assert_int_equal(litx_refparse(big, n, NULL, 0, &p), 0);
	assert_true(p.n_authors > LITX_RF_MAX_NAMES);
	assert_int_equal(p.n_names, LITX_RF_MAX_NAMES);
	/* pseudo-random bytes */
	uint32_t x = 12345;
	for (int round = 0; round < 200; round++) {
		size_t len = (size_t)(x % 300);
		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			big[i] = (char)(x >> 16);
		}
		assert_int_equal(litx_refparse(big, len, NULL, 0, &p), 0);
		for (int f = 0; f < LITX_RF_N; f++)
			assert_true(p.f[f].end <= len && p.f[f].start <= p.f[f].end);
		char au[4096];
		litx_refparse_authors(big, &p, au, sizeof au);
	}
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
