/* test_fx_spans.c - the formula scanner's span questions (plugins/formula/spans.c):
 * on random span sets (nested, overlapping, empty, sharing starts and ends), every
 * answer of the index is the answer of a plain walk over the spans from the first,
 * which is how the scanner asked before it had the index. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "fx.h"

static const litx_span *walk_at(const litx_text *t, size_t off, litx_span_kind kind)
{
	const litx_span *best = NULL;
	for (size_t i = 0; i < t->n_spans && t->spans[i].start <= off; i++)
		if (t->spans[i].kind == kind && off < t->spans[i].end)
			best = &t->spans[i];
	return best;
}

static const litx_span *walk_starting(const litx_text *t, size_t pos, litx_span_kind kind)
{
	for (size_t i = 0; i < t->n_spans && t->spans[i].start <= pos; i++)
		if (t->spans[i].start == pos && t->spans[i].kind == kind && t->spans[i].end > pos)
			return &t->spans[i];
	return NULL;
}

static int walk_sub_ends(const litx_text *t, size_t p)
{
	for (size_t i = 0; i < t->n_spans && t->spans[i].start < p; i++)
		if (t->spans[i].end == p && t->spans[i].kind == LITX_SPAN_SUB)
			return 1;
	return 0;
}

static int walk_script_in(const litx_text *t, size_t s, size_t e)
{
	for (size_t i = 0; i < t->n_spans && t->spans[i].start < e; i++)
		if (t->spans[i].end > s &&
		    (t->spans[i].kind == LITX_SPAN_SUB || t->spans[i].kind == LITX_SPAN_SUP))
			return 1;
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const litx_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Every question at every offset of a text of `len` bytes with n random spans. */
static void compare(fx_spans *x, size_t len, size_t n, unsigned seed)
{
	litx_span *sp = calloc(n ? n : 1, sizeof *sp);
	assert_non_null(sp);
	srand(seed);
	for (size_t i = 0; i < n; i++) {
		size_t a = (size_t)rand() % len, w = (size_t)rand() % 7;
		if (rand() % 9 == 0)
			w = (size_t)rand() % len; /* a long one that many others nest in */
		sp[i].kind = (litx_span_kind)(1 + rand() % 6);
		sp[i].start = a;
		sp[i].end = a + w > len ? len : a + w;
	}
	qsort(sp, n, sizeof *sp, by_start);
	litx_text t = { .s = "", .len = len, .spans = sp, .n_spans = n };
	assert_int_equal(fx_spans_set(x, &t), 0);
	int sub = 0;
	for (size_t i = 0; i < n; i++)
		sub |= sp[i].kind == LITX_SPAN_SUB;
	assert_int_equal(x->has_sub, sub);
	for (size_t off = 0; off <= len + 1; off++) {
		for (int k = 1; k <= 6; k++) {
			assert_ptr_equal(fx_span_at(x, off, (litx_span_kind)k), walk_at(&t, off, (litx_span_kind)k));
			assert_ptr_equal(fx_span_starting(x, off, (litx_span_kind)k),
					 walk_starting(&t, off, (litx_span_kind)k));
		}
		assert_int_equal(fx_sub_ends_at(x, off), walk_sub_ends(&t, off));
		size_t first = 0;
		while (first < n && sp[first].start < off)
			first++;
		assert_int_equal(fx_span_index(x, off), first);
		for (size_t e = off; e <= off + 9 && e <= len + 1; e++)
		{
			assert_int_equal(fx_script_in(x, off, e), walk_script_in(&t, off, e));
			for (int k = 1; k <= 6; k++) {
				int any = 0;
				for (size_t i = 0; i < n; i++)
					any |= sp[i].kind == (litx_span_kind)k && sp[i].start < e && sp[i].end > off;
				assert_int_equal(fx_span_in(x, off, e, (litx_span_kind)k), any);
			}
		}
	}
	free(sp);
}

static void spans_match_walk(void **state)
{
	(void)state;
	fx_spans x = { 0 };
	/* few spans (walked) and many (indexed), one index reused for texts of every size */
	const size_t sizes[][2] = { { 10, 0 }, { 10, 3 }, { 40, 8 }, { 40, 9 }, { 60, 40 },
		{ 200, 150 }, { 30, 60 }, { 300, 20 } };
	for (unsigned seed = 1; seed <= 20; seed++)
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
			compare(&x, sizes[i][0], sizes[i][1], seed * 31 + (unsigned)i);
	fx_spans_free(&x);
	fx_spans_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spans_match_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
