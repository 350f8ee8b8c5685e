/* test_core.c - unit tests of the core pieces every reader and plugin stands on: the
 * arena, the text builder (tbuf), the document builder (docb) and the text queries
 * (litx_text_locate, _sentence, _refs, _span_at). Texts are built with tbuf exactly as
 * a reader would, so the queries are tested on what readers really produce. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "unichar.h"
#include "arena.h"
#include "tbuf.h"
#include "docb.h"
#include "sentence_index.h"

/* ---- arena ---- */

static void arena_basics(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_non_null(a);
	/* many small allocations cross chunk boundaries; each is aligned and zeroed */
	for (size_t i = 0; i < 5000; i++) {
		size_t n = 1 + (i * 37) % 200;
		unsigned char *p = arena_alloc(a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, n); /* must not disturb other allocations */
	}
	/* a big request gets its own chunk; small ones still work afterwards */
	unsigned char *big = arena_alloc(a, (size_t)1 << 20);
	assert_non_null(big);
	assert_int_equal(big[0], 0);
	assert_int_equal(big[((size_t)1 << 20) - 1], 0);
	char *s = arena_strdup(a, "Pt1Au24");
	assert_string_equal(s, "Pt1Au24");
	assert_non_null(arena_alloc(a, 0));
	arena_free(a);
	arena_free(NULL);
}

static void arena_strings(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_non_null(a);
	char *s = arena_strndup(a, "abcdef", 3);
	assert_string_equal(s, "abc");
	char *e = arena_strndup(a, "xyz", 0);
	assert_string_equal(e, "");
	assert_null(arena_strdup(a, NULL));
	int v[4] = { 1, 2, 3, 4 };
	int *d = arena_memdup(a, v, sizeof v);
	assert_memory_equal(d, v, sizeof v);
	assert_ptr_not_equal(d, v);
	arena_free(a);
}

/* Requests the arena cannot satisfy fail cleanly (no overflow in the size sums). */
static void arena_huge(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_non_null(a);
	/* (sizes that pass this check reach malloc, which valgrind flags as fishy) */
	const size_t sizes[] = { SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - 15, SIZE_MAX - 20,
				 SIZE_MAX - 40 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		assert_null(arena_alloc(a, sizes[i]));
	assert_non_null(arena_alloc(a, 16));
	arena_free(a);
}

/* ---- tbuf ---- */

static void tbuf_spans(void **state)
{
	(void)state;
	arena *a = arena_new();
	tbuf b;
	tbuf_init(&b);
	tbuf_mark(&b, 1, 0);
	tbuf_puts(&b, "Pt");
	long sub1 = tbuf_span_open(&b, LITX_SPAN_SUB);
	tbuf_putc(&b, '1');
	tbuf_span_close(&b, sub1);
	tbuf_puts(&b, "Au");
	long sub2 = tbuf_span_open(&b, LITX_SPAN_SUB);
	tbuf_puts(&b, "24");
	tbuf_span_close(&b, sub2);
	long empty = tbuf_span_open(&b, LITX_SPAN_ITALIC);
	tbuf_span_close(&b, empty);              /* empty: dropped */
	tbuf_span_add(&b, LITX_SPAN_BOLD, 4, 4, LITX_CITE_NONE, NULL); /* empty: dropped */
	char labels[8] = "1;2";
	tbuf_span_add(&b, LITX_SPAN_CITE, 0, 7, LITX_CITE_SUPERSCRIPT, labels); /* out of order */
	labels[0] = 'X';                         /* labels were copied */
	tbuf_span_add(&b, LITX_SPAN_FORMULA, 0, 7, LITX_CITE_NONE, NULL);
	long open = tbuf_span_open(&b, LITX_SPAN_ITALIC);
	tbuf_puts(&b, " cluster");
	(void)open;                               /* never closed: ends at the end */
	assert_int_equal(b.len, 15);

	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_string_equal(t.s, "Pt1Au24 cluster");
	assert_int_equal(t.len, 15);
	assert_int_equal(t.n_spans, 5);
	for (size_t i = 1; i < t.n_spans; i++)
		assert_true(t.spans[i - 1].start <= t.spans[i].start);
	/* same start: the outer span first */
	assert_int_equal(t.spans[0].start, 0);
	assert_int_equal(t.spans[0].end, 7);
	assert_int_equal(t.spans[1].start, 0);
	assert_int_equal(t.spans[1].end, 7);
	int kinds = 0;
	for (size_t i = 0; i < t.n_spans; i++) {
		const litx_span *s = &t.spans[i];
		assert_true(s->start < s->end);
		if (s->kind == LITX_SPAN_CITE) {
			assert_string_equal(s->labels, "1;2");
			assert_int_equal(s->cite, LITX_CITE_SUPERSCRIPT);
			kinds |= 1;
		} else if (s->kind == LITX_SPAN_SUB) {
			assert_null(s->labels);
			assert_true((s->start == 2 && s->end == 3) || (s->start == 5 && s->end == 7));
			kinds |= 2;
		} else if (s->kind == LITX_SPAN_ITALIC) {
			assert_int_equal(s->start, 7);
			assert_int_equal(s->end, 15);
			kinds |= 4;
		}
	}
	assert_int_equal(kinds, 7);
	/* the builder is reset and reusable */
	assert_int_equal(b.len, 0);
	tbuf_puts(&b, "next");
	litx_text t2;
	assert_int_equal(tbuf_finish(&b, a, &t2), 0);
	assert_string_equal(t2.s, "next");
	assert_int_equal(t2.n_spans, 0);
	assert_string_equal(t.s, "Pt1Au24 cluster"); /* the first text lives in the arena */
	tbuf_free(&b);
	arena_free(a);
}

static void tbuf_anchors(void **state)
{
	(void)state;
	arena *a = arena_new();
	tbuf b;
	tbuf_init(&b);
	/* no mark at all: one anchor at 0 */
	tbuf_puts(&b, "plain");
	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_int_equal(t.n_anchors, 1);
	assert_int_equal(t.anchors[0].text_off, 0);

	/* a second mark at the same place replaces the first */
	tbuf_mark(&b, 1, 0);
	tbuf_mark(&b, 2, 10);
	tbuf_puts(&b, "abc ");
	tbuf_mark(&b, 3, 20);
	tbuf_puts(&b, "def");
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_int_equal(t.n_anchors, 2);
	assert_int_equal(t.anchors[0].line, 2);
	assert_int_equal(t.anchors[0].src_off, 10);
	assert_int_equal(t.anchors[1].text_off, 4);
	assert_int_equal(t.anchors[1].line, 3);
	tbuf_free(&b);
	arena_free(a);
}

static void tbuf_strip(void **state)
{
	(void)state;
	arena *a = arena_new();
	tbuf b;
	tbuf_init(&b);
	assert_true(tbuf_at_space(&b));
	tbuf_mark(&b, 1, 0);
	tbuf_puts(&b, "abc \n\t ");
	assert_true(tbuf_at_space(&b));
	tbuf_rstrip(&b);
	assert_int_equal(b.len, 3);
	assert_false(tbuf_at_space(&b));
	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_string_equal(t.s, "abc");

	/* a page break: blanks and marks after "abc" are stripped, then the text goes on
	 * from a later line. Anchors must stay sorted so every byte after the strip
	 * reports the later line. */
	tbuf_mark(&b, 1, 0);
	tbuf_puts(&b, "abc");
	tbuf_mark(&b, 2, 10);
	tbuf_puts(&b, "    ");
	tbuf_mark(&b, 3, 20);
	tbuf_rstrip(&b);
	tbuf_putc(&b, ' ');
	tbuf_mark(&b, 4, 30);
	long sp = tbuf_span_open(&b, LITX_SPAN_BOLD);
	tbuf_puts(&b, "def");
	tbuf_span_close(&b, sp);
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_string_equal(t.s, "abc def");
	for (size_t i = 1; i < t.n_anchors; i++)
		assert_true(t.anchors[i - 1].text_off <= t.anchors[i].text_off);
	for (size_t i = 0; i < t.n_anchors; i++)
		assert_true(t.anchors[i].text_off <= t.len);
	static const struct { size_t off; uint32_t line; size_t src; } want[] = {
		{ 0, 1, 0 }, { 2, 1, 2 }, { 4, 4, 30 }, { 5, 4, 31 }, { 6, 4, 32 },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		uint32_t line;
		size_t off;
		litx_text_locate(&t, want[i].off, &line, &off);
		assert_int_equal(line, want[i].line);
		assert_int_equal(off, want[i].src);
	}
	assert_int_equal(t.n_spans, 1);
	assert_int_equal(t.spans[0].start, 4);
	assert_int_equal(t.spans[0].end, 7);
	tbuf_free(&b);
	arena_free(a);
}

/* A finished span that ran into the stripped blanks ends at the new end. */
static void tbuf_strip_clips_spans(void **state)
{
	(void)state;
	arena *a = arena_new();
	tbuf b;
	tbuf_init(&b);
	tbuf_puts(&b, "x");
	long sp = tbuf_span_open(&b, LITX_SPAN_ITALIC);
	tbuf_puts(&b, "yz  ");
	tbuf_span_close(&b, sp);
	tbuf_rstrip(&b);
	tbuf_puts(&b, " w");
	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_string_equal(t.s, "xyz w");
	assert_int_equal(t.n_spans, 1);
	assert_int_equal(t.spans[0].start, 1);
	assert_int_equal(t.spans[0].end, 3);
	tbuf_free(&b);
	arena_free(a);
}

/* ---- docb ---- */

static void docb_build(void **state)
{
	(void)state;
	docb *b = docb_new("dir/a.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	assert_ptr_equal(b->doc.internal, b);
	assert_string_equal(b->doc.source, "dir/a.txt");
	assert_int_equal(docb_section(b), -1);
	litx_block *k = docb_add_block(b, LITX_BLOCK_ABSTRACT);
	assert_non_null(k);
	assert_int_equal(k->section, -1);
	assert_non_null(docb_add_section(b, "1", "Introduction", 1, 5, 40));
	assert_non_null(docb_add_section(b, "1.1", NULL, 2, 9, 90));
	/* enough blocks to make the array grow and move */
	for (int i = 0; i < 100; i++) {
		k = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
		assert_non_null(k);
		assert_int_equal(k->section, 1);
	}
	litx_table *tab = docb_add_table(b);
	assert_non_null(tab);
	assert_int_equal(tab->section, 1);
	litx_text *cells = docb_texts(b, 6);
	assert_non_null(cells);
	for (int i = 0; i < 6; i++) {
		assert_string_equal(cells[i].s, "");
		assert_int_equal(cells[i].len, 0);
	}
	tab->cells = cells;
	tab->n_rows = 3;
	tab->n_cols = 2;
	litx_ref *r = docb_add_ref(b);
	assert_non_null(r);
	r->label = docb_strdup(b, "12");
	r->title = docb_strndup(b, "A title, more", 7);
	assert_null(docb_strdup(b, NULL));
	assert_int_equal(docb_finish(b), 0);

	const litx_doc *d = &b->doc;
	assert_int_equal(d->n_sections, 2);
	assert_string_equal(d->sections[0].title, "Introduction");
	assert_string_equal(d->sections[1].number, "1.1");
	assert_string_equal(d->sections[1].title, "");
	assert_int_equal(d->sections[1].level, 2);
	assert_int_equal(d->sections[1].line, 9);
	assert_int_equal(d->n_blocks, 101);
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_int_equal(d->n_tables, 1);
	assert_int_equal(d->tables[0].n_rows, 3);
	assert_int_equal(d->n_refs, 1);
	assert_string_equal(d->refs[0].label, "12");
	assert_string_equal(d->refs[0].title, "A title");
	litx_doc_free(&b->doc);
	litx_doc_free(NULL);
}

static void err_set(void **state)
{
	(void)state;
	litx_err e = { "", 0 };
	litx_err_set(&e, 7, "bad %s at %d", "byte", 3);
	assert_string_equal(e.msg, "bad byte at 3");
	assert_int_equal(e.line, 7);
	char longer[1000];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	litx_err_set(&e, 0, "%s", longer);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	litx_err_set(NULL, 1, "ignored");
}

/* ---- text queries ---- */

/* A text as a reader builds it: `s` with the spans given as (kind, start, end,
 * labels), starting at source line 1. */
struct sp { litx_span_kind kind; size_t start, end; const char *labels; };

static litx_text make_text(arena *a, const char *s, const struct sp *spans, size_t n)
{
	tbuf b;
	tbuf_init(&b);
	tbuf_mark(&b, 1, 0);
	tbuf_puts(&b, s);
	for (size_t i = 0; i < n; i++)
		tbuf_span_add(&b, spans[i].kind, spans[i].start, spans[i].end,
			      spans[i].kind == LITX_SPAN_CITE ? LITX_CITE_SUPERSCRIPT : LITX_CITE_NONE,
			      spans[i].labels);
	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	tbuf_free(&b);
	return t;
}

static void locate_anchors(void **state)
{
	(void)state;
	arena *a = arena_new();
	tbuf b;
	tbuf_init(&b);
	tbuf_mark(&b, 1, 0);
	tbuf_puts(&b, "0123456789");
	tbuf_mark(&b, 3, 50);
	tbuf_puts(&b, "abcdefghij");
	tbuf_mark(&b, 7, 120);
	tbuf_puts(&b, "KLMNOPQRST");
	tbuf_mark(&b, 8, 200);
	tbuf_puts(&b, "u");
	litx_text t;
	assert_int_equal(tbuf_finish(&b, a, &t), 0);
	assert_int_equal(t.n_anchors, 4);
	static const struct { size_t off; uint32_t line; size_t src; } cases[] = {
		{ 0, 1, 0 }, { 9, 1, 9 }, { 10, 3, 50 }, { 15, 3, 55 }, { 19, 3, 59 },
		{ 20, 7, 120 }, { 29, 7, 129 }, { 30, 8, 200 }, { 31, 8, 201 },
		{ 1000, 8, 1170 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t line = 99;
		size_t off = 99;
		litx_text_locate(&t, cases[i].off, &line, &off);
		assert_int_equal(line, cases[i].line);
		assert_int_equal(off, cases[i].src);
	}
	/* a text without anchors (an empty table cell) */
	litx_text none = { "", 0, NULL, 0, NULL, 0 };
	uint32_t line = 99;
	size_t off = 99;
	litx_text_locate(&none, 0, &line, &off);
	assert_int_equal(line, 0);
	assert_int_equal(off, 0);
	tbuf_free(&b);
	arena_free(a);
}

/* Sentence bounds, table-driven: in `text`, the sentence holding the first byte of
 * `at` is `want`. */
static void sentences(void **state)
{
	(void)state;
	static const struct { const char *text, *at, *want; } cases[] = {
		{ "Smith et al. reported it. The next one.", "reported", "Smith et al. reported it." },
		{ "Smith et al. reported it. The next one.", "next", "The next one." },
		{ "As shown in Fig. 2, the yield rose. Then it fell.", "yield",
		  "As shown in Fig. 2, the yield rose." },
		{ "See Figs. 3 and 4. They agree.", "agree", "They agree." },
		{ "The gap is 3.7 eV. It is wide.", "gap", "The gap is 3.7 eV." },
		{ "The gap is 3.7 eV. It is wide.", "wide", "It is wide." },
		{ "Work by J. Smith showed this. Others agree.", "Smith", "Work by J. Smith showed this." },
		{ "Work by J.R. Smith showed this. Others agree.", "showed",
		  "Work by J.R. Smith showed this." },
		{ "Values (see ref. 5) were used. Next.", "used", "Values (see ref. 5) were used." },
		{ "The same, i.e. the one. More text.", "one", "The same, i.e. the one." },
		{ "Several, e.g. Au25, work. More.", "work", "Several, e.g. Au25, work." },
		{ "Is it? Yes! Done.", "it", "Is it?" },
		{ "Is it? Yes! Done.", "Yes", "Yes!" },
		{ "Is it? Yes! Done.", "Done", "Done." },
		{ "He said \"yes.\" Then left.", "said", "He said \"yes.\"" },
		{ "A value (pH 7.) was kept. Next.", "kept", "A value (pH 7.) was kept." },
		{ "Lower case. after a dot is no end. Next one.", "after",
		  "Lower case. after a dot is no end." },
		{ "No end at all", "end", "No end at all" },
		{ "Ends at the end.", "the", "Ends at the end." },
		{ "First one.  Second one.", "Second", "Second one." },
		{ "First one. 2 samples were used.", "samples", "2 samples were used." },
		{ "First one. (Then brackets.)", "Then", "(Then brackets.)" },
		{ "Mass 4.5 g. Next.", "Mass", "Mass 4.5 g." },
		{ "It reached 96% at -0.57 V. The next one.", "next", "The next one." },
		{ "It reached 96% at -0.57 V. The next one.", "reached", "It reached 96% at -0.57 V." },
		{ "Pt₁Au₂₄ is stable. Αλφα starts here.", "Αλφα", "Αλφα starts here." },
	};
	arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		litx_text t = make_text(a, cases[i].text, NULL, 0);
		const char *p = strstr(t.s, cases[i].at);
		assert_non_null(p);
		size_t st = 99, en = 99;
		litx_text_sentence(&t, (size_t)(p - t.s), &st, &en);
		char got[200];
		assert_true(st <= en && en <= t.len);
		snprintf(got, sizeof got, "%.*s", (int)(en - st), t.s + st);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: in \"%s\" at \"%s\": got \"%s\", want \"%s\"", i,
				 cases[i].text, cases[i].at, got, cases[i].want);
	}
	/* an offset past the end or at the end gives the last sentence */
	litx_text t = make_text(a, "One. Two.", NULL, 0);
	size_t st, en;
	litx_text_sentence(&t, t.len, &st, &en);
	assert_int_equal(st, 5);
	assert_int_equal(en, 9);
	litx_text_sentence(&t, 1000, &st, &en);
	assert_int_equal(st, 5);
	/* the blank between two sentences belongs to the first */
	litx_text_sentence(&t, 4, &st, &en);
	assert_int_equal(st, 0);
	assert_int_equal(en, 4);
	litx_text empty = make_text(a, "", NULL, 0);
	litx_text_sentence(&empty, 0, &st, &en);
	assert_int_equal(st, 0);
	assert_int_equal(en, 0);
	arena_free(a);
}

/* A citation superscript after the full stop closes the sentence and stays with it. */
static void sentence_citation(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *s = "The FE was 95%.12,13 Then it dropped.14 It ended.";
	const char *c1 = strstr(s, "12,13"), *c2 = strstr(s, "14 It");
	struct sp spans[] = {
		{ LITX_SPAN_SUP, (size_t)(c1 - s), (size_t)(c1 - s) + 5, NULL },
		{ LITX_SPAN_CITE, (size_t)(c1 - s), (size_t)(c1 - s) + 5, "12;13" },
		{ LITX_SPAN_SUP, (size_t)(c2 - s), (size_t)(c2 - s) + 2, NULL },
		{ LITX_SPAN_CITE, (size_t)(c2 - s), (size_t)(c2 - s) + 2, "14" },
	};
	litx_text t = make_text(a, s, spans, 4);
	size_t st, en;
	char buf[64];
	litx_text_sentence(&t, 4, &st, &en);
	assert_int_equal(st, 0);
	assert_int_equal(en, (size_t)(c1 - s) + 5);
	assert_int_equal(litx_text_refs(&t, st, en, buf, sizeof buf), 2);
	assert_string_equal(buf, "12;13");
	/* an offset inside the citation gives the sentence it closes */
	litx_text_sentence(&t, (size_t)(c1 - s) + 1, &st, &en);
	assert_int_equal(st, 0);
	litx_text_sentence(&t, (size_t)(strstr(s, "dropped") - s), &st, &en);
	assert_int_equal(st, (size_t)(c1 - s) + 6);
	assert_int_equal(en, (size_t)(c2 - s) + 2);
	assert_int_equal(litx_text_refs(&t, st, en, buf, sizeof buf), 1);
	assert_string_equal(buf, "14");
	litx_text_sentence(&t, (size_t)(strstr(s, "ended") - s), &st, &en);
	assert_int_equal(st, (size_t)(c2 - s) + 3);
	assert_int_equal(en, strlen(s));
	assert_int_equal(litx_text_refs(&t, st, en, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	arena_free(a);
}

/* Sentence starts of a text with many spans (past the count where lookups use the
 * running maximum of span ends), some nested in a long italic one and some covering
 * a decimal point or closing a sentence: the same as the unindexed scan. */
static void sentence_starts_many_spans(void **state)
{
	(void)state;
	arena *a = arena_new();
	enum { N = 40 };
	char s[N * 64];
	struct sp spans[3 * N + 1];
	size_t n = 0, len = 0;
	spans[n++] = (struct sp){ LITX_SPAN_ITALIC, 0, 0, NULL }; /* end set below */
	for (size_t i = 0; i < N; i++) {
		/* "Au25 at 1.5 V.12 " / "Then x.4,5 " / "Fig. 3 shows 2.7. " / "Xy.5 Next. " */
		size_t at = len;
		if (i % 3 == 0) {
			len += (size_t)sprintf(s + len, "Au25 at 1.5 V.12 ");
			spans[n++] = (struct sp){ LITX_SPAN_SUB, at + 2, at + 4, NULL };
			spans[n++] = (struct sp){ LITX_SPAN_SUP, at + 14, at + 16, NULL };
			spans[n++] = (struct sp){ LITX_SPAN_CITE, at + 14, at + 16, "12" };
		} else if (i % 3 == 1) {
			len += (size_t)sprintf(s + len, "Then x.4,5 more. ");
			spans[n++] = (struct sp){ LITX_SPAN_SUP, at + 7, at + 10, NULL };
			spans[n++] = (struct sp){ LITX_SPAN_CITE, at + 7, at + 10, "4;5" };
		} else if (i % 4 == 2) {
			len += (size_t)sprintf(s + len, "Fig. 3 shows 2.7. ");
			spans[n++] = (struct sp){ LITX_SPAN_SUP, at + 14, at + 15, NULL };
		} else {
			/* a superscript over "y.5" with a shorter span inside it that ends
			 * before the digit: the lookup must walk past the short one */
			len += (size_t)sprintf(s + len, "Xy.5 Next. ");
			spans[n++] = (struct sp){ LITX_SPAN_SUP, at + 1, at + 4, NULL };
			spans[n++] = (struct sp){ LITX_SPAN_ITALIC, at + 2, at + 3, NULL };
		}
	}
	spans[0].end = len / 2;
	litx_text t = make_text(a, s, spans, n);
	assert_true(t.n_spans > 16);
	size_t got[3 * N];
	size_t ng = litx_text_sentence_starts(&t, got, 3 * N);
	assert_true(ng > N / 2 && ng <= 3 * N);
	/* the unindexed scan (t.sentences is NULL) sentence by sentence */
	assert_null(t.sentences);
	size_t k = 0, st, en;
	for (size_t off = 0; off < t.len; off++) {
		litx_text_sentence(&t, off, &st, &en);
		if (st && (k == 0 || got[k - 1] != st)) {
			assert_true(k < ng);
			assert_int_equal(got[k], st);
			k++;
		}
	}
	assert_int_equal(k, ng);
	arena_free(a);
}

static void refs_dedup(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* byte ranges matter, the characters under them do not */
	const char *s = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";
	struct sp spans[] = {
		{ LITX_SPAN_CITE, 2, 4, "3;4" },
		{ LITX_SPAN_CITE, 12, 14, "4;5" },
		{ LITX_SPAN_SUP, 15, 16, NULL },
		{ LITX_SPAN_CITE, 22, 24, "3" },
		{ LITX_SPAN_CITE, 25, 27, "10;;2" },
		{ LITX_SPAN_CITE, 32, 34, "7" },
		{ LITX_SPAN_CITE, 36, 38, NULL },
	};
	litx_text t = make_text(a, s, spans, sizeof spans / sizeof *spans);
	char buf[64];
	assert_int_equal(litx_text_refs(&t, 0, 30, buf, sizeof buf), 5);
	assert_string_equal(buf, "3;4;5;10;2");
	/* only spans overlapping the range */
	assert_int_equal(litx_text_refs(&t, 10, 24, buf, sizeof buf), 3);
	assert_string_equal(buf, "4;5;3");
	assert_int_equal(litx_text_refs(&t, 3, 13, buf, sizeof buf), 3);
	assert_string_equal(buf, "3;4;5");
	assert_int_equal(litx_text_refs(&t, 4, 12, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(litx_text_refs(&t, 30, 40, buf, sizeof buf), 1);
	assert_string_equal(buf, "7");
	/* a small buffer: whole labels only, always terminated */
	char small[5];
	memset(small, 'Z', sizeof small);
	size_t n = litx_text_refs(&t, 0, 30, small, sizeof small);
	assert_true(n >= 1 && n <= 2);
	assert_true(strlen(small) < sizeof small);
	assert_string_equal(small, "3;4");
	assert_int_equal(litx_text_refs(&t, 0, 30, NULL, 0), 0);
	arena_free(a);
}

/* A sentence of many callouts: every label listed once, in order, however many
 * spans repeat it; past 512 distinct labels the list stops, whole and terminated. */
static void refs_many(void **state)
{
	(void)state;
	arena *a = arena_new();
	enum { N = 3000 };
	char *s = malloc(2 * N + 1);
	struct sp *spans = malloc(N * sizeof *spans);
	char (*labels)[8] = malloc(N * sizeof *labels);
	assert_non_null(s);
	assert_non_null(spans);
	assert_non_null(labels);
	memset(s, 'x', 2 * N);
	s[2 * N] = '\0';
	for (size_t i = 0; i < N; i++) {
		snprintf(labels[i], sizeof labels[i], "%zu", i % 300 + 1);
		spans[i] = (struct sp){ LITX_SPAN_CITE, 2 * i, 2 * i + 1, labels[i] };
	}
	litx_text t = make_text(a, s, spans, N);
	char *buf = malloc(16384);
	assert_non_null(buf);
	assert_int_equal(litx_text_refs(&t, 0, 2 * N, buf, 16384), 300);
	assert_true(strncmp(buf, "1;2;3;", 6) == 0);
	assert_int_equal(strlen(buf), 9 + 90 * 2 + 201 * 3 + 299); /* digits and ';' */
	/* 3000 distinct labels: the list stops at 512 */
	for (size_t i = 0; i < N; i++)
		snprintf(labels[i], sizeof labels[i], "%zu", i + 1);
	litx_text u = make_text(a, s, spans, N);
	assert_int_equal(litx_text_refs(&u, 0, 2 * N, buf, 16384), 512);
	assert_true(strlen(buf) < 16384);
	free(buf);
	free(labels);
	free(spans);
	free(s);
	arena_free(a);
}

/* Invalid bytes become '?', valid characters stay as they are, a character cut at
 * the end is repaired byte by byte. */
static void repair_utf8(void **state)
{
	(void)state;
	char ok[] = "Au\xE2\x82\x82\xE2\x82\x85 \xCE\xB7";
	assert_string_equal(unichar_repair(ok), "Au\xE2\x82\x82\xE2\x82\x85 \xCE\xB7");
	char cut[] = "C\xE2\x89";            /* "C≡" cut inside the ≡ */
	assert_string_equal(unichar_repair(cut), "C??");
	char stray[] = "a\x80" "b\xC0\xAF" "c\xFF"; /* stray continuation, overlong, never UTF-8 */
	assert_string_equal(unichar_repair(stray), "a?b??c?");
	char empty[] = "";
	assert_string_equal(unichar_repair(empty), "");
}

static void span_at(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct sp spans[] = {
		{ LITX_SPAN_ITALIC, 0, 10, NULL },
		{ LITX_SPAN_ITALIC, 2, 5, NULL },
		{ LITX_SPAN_SUB, 3, 4, NULL },
		{ LITX_SPAN_BOLD, 12, 14, NULL },
	};
	litx_text t = make_text(a, "0123456789abcdef", spans, 4);
	const litx_span *s = litx_text_span_at(&t, 3, LITX_SPAN_ITALIC);
	assert_non_null(s);
	assert_int_equal(s->start, 2);
	assert_int_equal(s->end, 5);
	s = litx_text_span_at(&t, 7, LITX_SPAN_ITALIC);
	assert_non_null(s);
	assert_int_equal(s->start, 0);
	assert_null(litx_text_span_at(&t, 10, LITX_SPAN_ITALIC));
	assert_non_null(litx_text_span_at(&t, 3, LITX_SPAN_SUB));
	assert_null(litx_text_span_at(&t, 4, LITX_SPAN_SUB));
	assert_null(litx_text_span_at(&t, 3, LITX_SPAN_CITE));
	assert_non_null(litx_text_span_at(&t, 13, LITX_SPAN_BOLD));
	assert_null(litx_text_span_at(&t, 11, LITX_SPAN_BOLD));
	assert_null(litx_text_span_at(&t, 100, LITX_SPAN_BOLD));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_basics),
		cmocka_unit_test(arena_strings),
		cmocka_unit_test(arena_huge),
		cmocka_unit_test(tbuf_spans),
		cmocka_unit_test(tbuf_anchors),
		cmocka_unit_test(tbuf_strip),
		cmocka_unit_test(tbuf_strip_clips_spans),
		cmocka_unit_test(docb_build),
		cmocka_unit_test(err_set),
		cmocka_unit_test(locate_anchors),
		cmocka_unit_test(sentences),
		cmocka_unit_test(sentence_citation),
		cmocka_unit_test(sentence_starts_many_spans),
		cmocka_unit_test(refs_dedup),
		cmocka_unit_test(refs_many),
		cmocka_unit_test(repair_utf8),
		cmocka_unit_test(span_at),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
