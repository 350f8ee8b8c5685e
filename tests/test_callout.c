/* test_callout.c - callout marking, one row per form: a sentence in a small markup,
 * the reference list it is read against, and the citation spans it must carry
 * afterwards ("text>labels>kind" joined by " | "; "" when none).
 *
 * Markup: ^{..} a superscript, _{..} a subscript, {{LABELS:text}} a callout the
 * reader already marked (a JATS xref). Kinds: S superscript, T textual, X xref,
 * A author-year. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "callout.h"
#include "tbuf.h"

/* ---- building documents ---- */

static void build_text(tbuf *tb, const char *m)
{
	long stack[16];
	int kinds[16];
	int sp = 0;
	tbuf_mark(tb, 7, 0);
	for (const char *p = m; *p;) {
		if ((p[0] == '^' || p[0] == '_') && p[1] == '{') {
			litx_span_kind k = p[0] == '^' ? LITX_SPAN_SUP : LITX_SPAN_SUB;
			kinds[sp] = (int)k;
			stack[sp] = tbuf_span_open(tb, k);
			sp++;
			p += 2;
		} else if (p[0] == '{' && p[1] == '{') {
			const char *colon = strchr(p, ':');
			char labels[128];
			snprintf(labels, sizeof labels, "%.*s", (int)(colon - p - 2), p + 2);
			tbuf_span_add(tb, LITX_SPAN_CITE, tb->len, (size_t)-1, LITX_CITE_XREF, labels);
			kinds[sp] = LITX_SPAN_CITE;
			stack[sp] = (long)tb->n_spans - 1;
			sp++;
			p = colon + 1;
		} else if (p[0] == '}' && p[1] == '}' && sp && kinds[sp - 1] == LITX_SPAN_CITE) {
			sp--;
			tbuf_span_close(tb, stack[sp]);
			p += 2;
		} else if (p[0] == '}' && sp) {
			sp--;
			tbuf_span_close(tb, stack[sp]);
			p++;
		} else {
			tbuf_put(tb, p, 1);
			p++;
		}
	}
}

typedef struct refspec {
	const char *authors, *year, *raw;
} refspec;

static docb *make_doc(litx_format fmt, size_t n_refs, const refspec *refs, size_t n_spec,
		      const char *const *texts, size_t n_texts)
{
	docb *b = docb_new("t.txt", fmt);
	assert_non_null(b);
	tbuf tb;
	tbuf_init(&tb);
	for (size_t i = 0; i < n_texts; i++) {
		litx_block *k = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
		assert_non_null(k);
		build_text(&tb, texts[i]);
		assert_int_equal(tbuf_finish(&tb, b->a, &k->text), 0);
	}
	for (size_t i = 0; i < n_refs; i++) {
		litx_ref *r = docb_add_ref(b);
		assert_non_null(r);
		char lab[24];
		snprintf(lab, sizeof lab, "%zu", i + 1);
		r->label = docb_strdup(b, lab);
		r->label_printed = !(i < n_spec); /* an author-year list prints no numbers */
		const char *raw = i < n_spec && refs[i].raw ? refs[i].raw : "A. Author, J. Name, 2000, 1, 1.";
		tbuf_mark(&tb, (uint32_t)(100 + i), 0);
		tbuf_puts(&tb, raw);
		assert_int_equal(tbuf_finish(&tb, b->a, &r->raw), 0);
		if (i < n_spec) {
			r->authors = refs[i].authors ? docb_strdup(b, refs[i].authors) : NULL;
			r->year = refs[i].year ? docb_strdup(b, refs[i].year) : NULL;
		}
	}
	tbuf_free(&tb);
	return b;
}

static char kind_letter(litx_cite_kind k)
{
	switch (k) {
	case LITX_CITE_SUPERSCRIPT: return 'S';
	case LITX_CITE_TEXTUAL: return 'T';
	case LITX_CITE_XREF: return 'X';
	case LITX_CITE_AUTHOR_YEAR: return 'A';
	default: return '?';
	}
}

static void describe(const litx_text *t, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < t->n_spans; i++) {
		const litx_span *s = &t->spans[i];
		if (i)
			assert_true(t->spans[i - 1].start <= s->start); /* sorted */
		if (s->kind != LITX_SPAN_CITE)
			continue;
		n += (size_t)snprintf(out + n, cap - n, "%s%.*s>%s>%c", n ? " | " : "",
				      (int)(s->end - s->start), t->s + s->start, s->labels ? s->labels : "(null)",
				      kind_letter(s->cite));
		if (n >= cap)
			break;
	}
}

/* ---- rows ---- */

typedef struct row {
	const char *text;
	size_t n_refs;
	const char *want;
} row;

static const row ROWS[] = {
	/* numeric superscripts in every spelling */
	{ "all countries in the world.^{1–4} Therefore", 50, "1–4>1;2;3;4>S" },
	{ "and industry.^{5} Although", 50, "5>5>S" },
	{ "as shown by catalysts^{148} and", 300, "148>148>S" },
	{ "(Au25: 8-electron)^{88-90} and", 300, "88-90>88;89;90>S" },
	{ "reviewed.^{230–232}", 300, "230–232>230;231;232>S" },
	{ "counterpart.^{36–39,71} In", 300, "36–39,71>36;37;38;39;71>S" },
	{ "both^{6,7} and", 50, "6,7>6;7>S" },
	{ "the series Au_{25}^{12} NCs", 50, "12>12>S" },
	/* textual */
	{ "Reproduced from ref. 87 with permission", 300, "ref. 87>87>T" },
	{ "as in refs. 12 and 13.", 50, "refs. 12 and 13>12;13>T" },
	{ "as before (ref. 5).", 50, "ref. 5>5>T" },
	{ "Ref. 3 shows", 50, "Ref. 3>3>T" },
	{ "see references 3–5 for", 50, "references 3–5>3;4;5>T" },
	{ "shown [12].", 50, "[12]>12>T" },
	{ "shown [3–5].", 50, "[3–5]>3;4;5>T" },
	{ "shown [1,2] and [7, 9].", 50, "[1,2]>1;2>T | [7, 9]>7;9>T" },
	/* never a callout */
	{ "chose Cd^{2+} as the", 50, "" },
	{ "the complex [Pt1Au24]^{-} and", 50, "" },
	{ "[Au4Cu4(S-Adm)5]^{2+} and", 50, "" },
	{ "the anion NO_{3}^{2-} and", 50, "" },
	{ "[Pt1Au24]^{0} is neutral", 50, "" },
	{ "at 10 mA cm^{-2} and", 50, "" },
	{ "an area of 3 cm^{2} and", 50, "" },
	{ "a rate of 5 s^{-1} and", 50, "" },
	{ "the ^{13}C NMR spectrum", 50, "" },
	{ "and ^{195}Pt shifts", 300, "" },
	{ "a value^{*} and", 50, "" },
	{ "a value^{†} and", 50, "" },
	{ "Table 1^{a} and^{b}", 50, "" },
	{ "(Fig. 2a) and (Fig. 3b)", 50, "" },
	{ "with R^{2} = 0.99", 50, "" },
	{ "about 10^{5} times", 50, "" },
	{ "past the end.^{300}", 50, "" },
	{ "the interval [0, 1] of", 50, "" },
	{ "the matrix [60] is past", 50, "" },
	{ "the statistic F[1,12] = 8.4", 50, "" },
	{ "the reference electrode", 50, "" },
	{ "^{1} Department of Chemistry", 50, "" },
	/* no reference list: nothing can be checked, nothing is marked */
	{ "in the world.^{1–4} See ref. 3.", 0, "" },
	/* a reader-marked callout is not marked twice, a dash-joined pair becomes one */
	{ "standard state.^{{{6:6}},{{7:7}}} However", 50, "6>6>X | 7>7>X" },
	{ "the world.^{{{1:1}}–{{4:4}}} Therefore", 50, "1–4>1;2;3;4>X" },
	{ "the world [{{12:12}}].", 50, "12>12>X" },
};

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
		const char *texts[1] = { ROWS[i].text };
		docb *b = make_doc(LITX_FORMAT_TEXT, ROWS[i].n_refs, NULL, 0, texts, 1);
		assert_int_equal(litx_mark_callouts(b), 0);
		assert_int_equal(docb_finish(b), 0);
		char got[1024];
		describe(&b->doc.blocks[0].text, got, sizeof got);
		if (strcmp(got, ROWS[i].want))
			fail_msg("row %zu '%s': want '%s', got '%s'", i, ROWS[i].text, ROWS[i].want, got);
		litx_doc_free(&b->doc);
	}
}

/* A JATS document whose reader tagged its callouts: untagged superscripts are
 * exponents or footnotes there, textual callouts are still found. */
static void test_tagged_jats(void **state)
{
	(void)state;
	const char *texts[] = { "shown.^{{{5:5}}} A ratio^{2} as in ref. 7 and [8]." };
	docb *b = make_doc(LITX_FORMAT_JATS, 50, NULL, 0, texts, 1);
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);
	char got[512];
	describe(&b->doc.blocks[0].text, got, sizeof got);
	assert_string_equal(got, "5>5>X | ref. 7>7>T");
	litx_doc_free(&b->doc);

	/* the same text with no tagged callout at all: superscripts are read */
	const char *plain[] = { "shown.^{5} A study^{12} as in ref. 7." };
	b = make_doc(LITX_FORMAT_JATS, 50, NULL, 0, plain, 1);
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);
	describe(&b->doc.blocks[0].text, got, sizeof got);
	assert_string_equal(got, "5>5>S | 12>12>S | ref. 7>7>T");
	litx_doc_free(&b->doc);
}

static const refspec AY_REFS[] = {
	{ "Smith, J.; Jones, K.", "2019", NULL },
	{ "Smith, J.; Lee, A.; Park, B.", "2019", NULL },
	{ "Lee, C.", "2020", NULL },
	{ NULL, NULL, "Brown, T. (2018a). A first title. J. X, 1, 2." },
	{ NULL, NULL, "Brown, T. (2018b). A second title. J. Y, 3, 4." },
	{ NULL, NULL, "van der Berg, P., & Ito, K. (2001). Title. J. Z, 5, 6." },
};

static const row AY_ROWS[] = {
	{ "as Smith and Jones 2019 showed", 6, "Smith and Jones 2019>1>A" },
	{ "as found (Smith et al., 2019).", 6, "Smith et al., 2019>2>A" },
	{ "(Smith et al. 2019; Lee 2020)", 6, "Smith et al. 2019>2>A | Lee 2020>3>A" },
	{ "as Lee (2020) found", 6, "Lee (2020)>3>A" },
	{ "Brown 2018b and Brown (2018a)", 6, "Brown 2018b>5>A | Brown (2018a)>4>A" },
	{ "van der Berg and Ito 2001", 6, "van der Berg and Ito 2001>6>A" },
	/* ambiguous, unknown or not a name: never marked */
	{ "Smith 2019 alone", 6, "" },
	{ "In 2019 the", 6, "" },
	{ "Jones et al. 2019 is not a first author", 6, "" },
	{ "Lee 2021 is another year", 6, "" },
};

/* Where the list is numbered, "Smith et al. (2019)" is a mention, not a callout. */
static void test_author_year_numbered(void **state)
{
	(void)state;
	const char *texts[1] = { "as Smith and Jones 2019 showed.^{2}" };
	docb *b = make_doc(LITX_FORMAT_TEXT, 6, AY_REFS, sizeof AY_REFS / sizeof *AY_REFS, texts, 1);
	for (size_t i = 0; i < b->n_ref; i++)
		b->ref[i].label_printed = 1;
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);
	char got[256];
	describe(&b->doc.blocks[0].text, got, sizeof got);
	assert_string_equal(got, "2>2>S");
	litx_doc_free(&b->doc);
}

static void test_author_year(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof AY_ROWS / sizeof *AY_ROWS; i++) {
		const char *texts[1] = { AY_ROWS[i].text };
		docb *b = make_doc(LITX_FORMAT_TEXT, AY_ROWS[i].n_refs, AY_REFS,
				   sizeof AY_REFS / sizeof *AY_REFS, texts, 1);
		assert_int_equal(litx_mark_callouts(b), 0);
		assert_int_equal(docb_finish(b), 0);
		char got[1024];
		describe(&b->doc.blocks[0].text, got, sizeof got);
		if (strcmp(got, AY_ROWS[i].want))
			fail_msg("row %zu '%s': want '%s', got '%s'", i, AY_ROWS[i].text, AY_ROWS[i].want, got);
		litx_doc_free(&b->doc);
	}
}

/* ---- pieces ---- */

static void test_numbers(void **state)
{
	(void)state;
	long v[600];
	struct { const char *s; int words; long n; long first, last; } R[] = {
		{ "148", 0, 1, 148, 148 },
		{ "88-90", 0, 3, 88, 90 },
		{ "230–232", 0, 3, 230, 232 },
		{ "36–39,71", 0, 5, 36, 71 },
		{ "1, 2", 0, 2, 1, 2 },
		{ "12 and 13", 1, 2, 12, 13 },
		{ "12 & 14", 1, 2, 12, 14 },
		{ "12 and 13", 0, -1, 0, 0 },
		{ "2+", 0, -1, 0, 0 },
		{ "2-", 0, -1, 0, 0 },
		{ "-2", 0, -1, 0, 0 },
		{ "0", 0, -1, 0, 0 },
		{ "5–3", 0, -1, 0, 0 },
		{ "1-3-5", 0, -1, 0, 0 },
		{ "12345", 0, -1, 0, 0 },
		{ "1–900", 0, -1, 0, 0 },
		{ "a", 0, -1, 0, 0 },
		{ "", 0, -1, 0, 0 },
		{ "1,", 0, -1, 0, 0 },
		{ "3/2", 0, -1, 0, 0 },
	};
	for (size_t i = 0; i < sizeof R / sizeof *R; i++) {
		long n = litx_callout_numbers(R[i].s, strlen(R[i].s), R[i].words, v, 600);
		if (n != R[i].n)
			fail_msg("'%s': want %ld numbers, got %ld", R[i].s, R[i].n, n);
		if (n > 0) {
			assert_int_equal(v[0], R[i].first);
			assert_int_equal(v[n - 1], R[i].last);
		}
	}
	/* more numbers than room: not a list */
	assert_int_equal(litx_callout_numbers("1-400", 5, 0, v, 10), -1);
	assert_int_equal(litx_callout_label_value("12"), 12);
	assert_int_equal(litx_callout_label_value("[12]"), 12);
	assert_int_equal(litx_callout_label_value("12."), 12);
	assert_int_equal(litx_callout_label_value("12a"), 0);
	assert_int_equal(litx_callout_label_value("Smith 2019"), 0);
	assert_int_equal(litx_callout_label_value(NULL), 0);
}

static void count_fn(const litx_text *t, const litx_span *sup, void *arg)
{
	(void)t;
	(void)sup;
	(*(int *)arg)++;
}

static void test_dangling(void **state)
{
	(void)state;
	const char *texts[] = { "end of list.^{51} beyond^{60–62} fine^{50} charge^{2+}",
				"in range ref. 70 is not counted.^{5}" };
	docb *b = make_doc(LITX_FORMAT_TEXT, 50, NULL, 0, texts, 2);
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);
	int calls = 0;
	assert_int_equal(litx_callouts_dangling(&b->doc, count_fn, &calls), 2);
	assert_int_equal(calls, 2);
	char got[512];
	describe(&b->doc.blocks[0].text, got, sizeof got);
	assert_string_equal(got, "50>50>S");
	litx_doc_free(&b->doc);
}

/* Table cells: a "Ref." column holds callouts as plain numbers; a cell repeated
 * for a row span is marked once and shares the result. */
static void test_table(void **state)
{
	(void)state;
	docb *b = make_doc(LITX_FORMAT_TEXT, 300, NULL, 0, NULL, 0);
	tbuf tb;
	tbuf_init(&tb);
	litx_table *t = docb_add_table(b);
	assert_non_null(t);
	t->n_cols = 2;
	t->n_head = 1;
	t->n_rows = 3;
	litx_text *head = docb_texts(b, 2), *cells = docb_texts(b, 6);
	assert_non_null(head);
	assert_non_null(cells);
	const char *hv[] = { "Formula", "Ref." };
	for (int k = 0; k < 2; k++) {
		build_text(&tb, hv[k]);
		assert_int_equal(tbuf_finish(&tb, b->a, &head[k]), 0);
	}
	const char *cv[] = { "Au25 from ref. 9", "196", "Pt1Au24", "105, 152", "", "x" };
	for (int k = 0; k < 6; k++) {
		build_text(&tb, cv[k]);
		assert_int_equal(tbuf_finish(&tb, b->a, &cells[k]), 0);
	}
	cells[4] = cells[2]; /* a row span: the same text repeated */
	t->head = head;
	t->cells = cells;
	tbuf_free(&tb);
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);
	char got[256];
	describe(&b->doc.tables[0].cells[0], got, sizeof got);
	assert_string_equal(got, "ref. 9>9>T");
	describe(&b->doc.tables[0].cells[1], got, sizeof got);
	assert_string_equal(got, "196>196>T");
	describe(&b->doc.tables[0].cells[3], got, sizeof got);
	assert_string_equal(got, "105, 152>105;152>T");
	describe(&b->doc.tables[0].cells[5], got, sizeof got);
	assert_string_equal(got, "");
	litx_doc_free(&b->doc);
}

/* Hostile texts: random bytes from a callout-rich alphabet with random
 * superscripts; marking must keep every span sorted, inside the text, labelled. */
static void test_hostile(void **state)
{
	(void)state;
	static const char *const bits[] = { "1", "2", "9", "0", ",", "-", "–", "[", "]", "(", ")",
		"ref. ", "refs. ", " and ", "Smith", " et al.", " 2019", "a", " ", ".", "+", "^{", "}",
		"_{", "Au", "\xff", "é", "&", ";" };
	uint32_t x = 7;
	for (int round = 0; round < 400; round++) {
		char m[256];
		size_t n = 0;
		int depth = 0;
		while (n < 200) {
			x = x * 1103515245u + 12345u;
			const char *b = bits[(x >> 16) % (sizeof bits / sizeof *bits)];
			if (!strcmp(b, "}") && !depth)
				continue;
			if ((!strcmp(b, "^{") || !strcmp(b, "_{")) && depth)
				continue;
			depth += !strcmp(b, "^{") || !strcmp(b, "_{");
			depth -= !strcmp(b, "}");
			size_t bl = strlen(b);
			memcpy(m + n, b, bl);
			n += bl;
		}
		while (depth--)
			m[n++] = '}';
		m[n] = '\0';
		const char *texts[1] = { m };
		docb *b = make_doc((round & 1) ? LITX_FORMAT_JATS : LITX_FORMAT_TEXT, (size_t)(round % 40), AY_REFS,
				   round % 3 ? 0 : sizeof AY_REFS / sizeof *AY_REFS, texts, 1);
		assert_int_equal(litx_mark_callouts(b), 0);
		assert_int_equal(docb_finish(b), 0);
		const litx_text *t = &b->doc.blocks[0].text;
		for (size_t i = 0; i < t->n_spans; i++) {
			assert_true(t->spans[i].start < t->spans[i].end);
			assert_true(t->spans[i].end <= t->len);
			if (i)
				assert_true(t->spans[i - 1].start <= t->spans[i].start);
			if (t->spans[i].kind == LITX_SPAN_CITE)
				assert_non_null(t->spans[i].labels);
		}
		litx_callouts_dangling(&b->doc, NULL, NULL);
		litx_doc_free(&b->doc);
	}
}

/* Speed: marking must stay a small share of reading (target >= 50 MB/s for text). */
static void test_speed(void **state)
{
	(void)state;
	const char *para = "In order to tackle the crisis, the search for clean energy has become the "
			   "consensus of the world.^{1–4} The reaction of CO_{2} (ref. 5) has aroused "
			   "interest [6]. At 10 mA cm^{-2} Pt_{1}Au_{24} and [Au_{25}]^{-} show 1.1 eV "
			   "as Smith et al. (2019) found in 2020. ";
	/* warm up: the pattern is compiled once per process, not per document */
	const char *one[] = { "ref. 1" };
	docb *w = make_doc(LITX_FORMAT_TEXT, 2, NULL, 0, one, 1);
	assert_int_equal(litx_mark_callouts(w), 0);
	assert_int_equal(docb_finish(w), 0);
	litx_doc_free(&w->doc);
	size_t reps = 4000;
	const char **texts = malloc(reps * sizeof *texts);
	assert_non_null(texts);
	for (size_t i = 0; i < reps; i++)
		texts[i] = para;
	docb *b = make_doc(LITX_FORMAT_TEXT, 200, NULL, 0, texts, reps);
	size_t bytes = 0;
	for (size_t i = 0; i < b->n_blk; i++)
		bytes += b->blk[i].text.len;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(litx_mark_callouts(b), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double mbs = (double)bytes / (s > 0 ? s : 1e-9) / 1e6;
	print_message("callout marking: %.1f MB/s over %zu bytes\n", mbs, bytes);
	assert_int_equal(docb_finish(b), 0);
	char got[256];
	describe(&b->doc.blocks[reps - 1].text, got, sizeof got);
	assert_string_equal(got, "1–4>1;2;3;4>S | ref. 5>5>T | [6]>6>T");
	litx_doc_free(&b->doc);
	free(texts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_tagged_jats),
		cmocka_unit_test(test_author_year),
		cmocka_unit_test(test_author_year_numbered),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_dangling),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
