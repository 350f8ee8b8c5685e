/* spans.c - the span questions the scanner asks of one text, answered without a walk
 * from the first span each time.
 *
 * The scanner asks, at nearly every byte of every candidate, whether a span starts,
 * ends or lies there; walking the spans from the first each time made a text cost its
 * candidates times its spans. Spans are sorted by start, so a binary search finds the
 * last one starting at or before a byte; the running maximum of their ends
 * (maxend[i] = the largest end among spans 0..i) says when no earlier span can reach
 * it, so a walk back from there stops early. Every answer is the one the plain walk
 * gives (the first or last match in start order, as the walk would find it). */
#include "fx.h"
#include <stdlib.h>

/* Below this many spans the plain walk is as quick as the index. */
#define FX_SPANS_WALK 8

int fx_spans_set(fx_spans *x, const litx_text *t)
{
	x->t = t;
	x->indexed = 0;
	x->has_sub = 0;
	for (size_t i = 0; i < t->n_spans; i++)
		if (t->spans[i].kind == LITX_SPAN_SUB) {
			x->has_sub = 1;
			break;
		}
	if (t->n_spans <= FX_SPANS_WALK)
		return 0;
	if (t->n_spans > x->cap) {
		size_t *m = realloc(x->maxend, t->n_spans * sizeof *m);
		if (!m)
			return -1; /* still usable: every question falls back to the walk */
		x->maxend = m;
		x->cap = t->n_spans;
	}
	size_t m = 0;
	for (size_t i = 0; i < t->n_spans; i++)
		x->maxend[i] = m = t->spans[i].end > m ? t->spans[i].end : m;
	x->indexed = 1;
	return 0;
}

void fx_spans_free(fx_spans *x)
{
	free(x->maxend);
	x->maxend = NULL;
	x->cap = 0;
	x->indexed = 0;
}

/* The number of spans starting before pos (strict) or at or before it. */
static size_t count_before(const litx_text *t, size_t pos, int or_at)
{
	size_t lo = 0, hi = t->n_spans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->spans[mid].start < pos || (or_at && t->spans[mid].start == pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t fx_span_index(const fx_spans *x, size_t pos)
{
	return count_before(x->t, pos, 0);
}

const litx_span *fx_span_at(const fx_spans *x, size_t off, litx_span_kind kind)
{
	const litx_text *t = x->t;
	if (!x->indexed)
		return litx_text_span_at(t, off, kind);
	/* the last covering span in start order, as litx_text_span_at answers */
	for (size_t i = count_before(t, off, 1); i-- > 0 && x->maxend[i] > off;) {
		const litx_span *s = &t->spans[i];
		if (s->kind == kind && off < s->end)
			return s;
	}
	return NULL;
}

const litx_span *fx_span_starting(const fx_spans *x, size_t pos, litx_span_kind kind)
{
	const litx_text *t = x->t;
	size_t i = x->indexed ? count_before(t, pos, 0) : 0;
	for (; i < t->n_spans && t->spans[i].start <= pos; i++)
		if (t->spans[i].start == pos && t->spans[i].kind == kind && t->spans[i].end > pos)
			return &t->spans[i];
	return NULL;
}

int fx_sub_ends_at(const fx_spans *x, size_t p)
{
	const litx_text *t = x->t;
	if (!x->indexed) {
		for (size_t i = 0; i < t->n_spans && t->spans[i].start < p; i++)
			if (t->spans[i].end == p && t->spans[i].kind == LITX_SPAN_SUB)
				return 1;
		return 0;
	}
	for (size_t i = count_before(t, p, 0); i-- > 0 && x->maxend[i] >= p;)
		if (t->spans[i].end == p && t->spans[i].kind == LITX_SPAN_SUB)
			return 1;
	return 0;
}

int fx_script_in(const fx_spans *x, size_t s, size_t e)
{
	const litx_text *t = x->t;
	if (!x->indexed) {
		for (size_t i = 0; i < t->n_spans && t->spans[i].start < e; i++)
			if (t->spans[i].end > s && (t->spans[i].kind == LITX_SPAN_SUB ||
						    t->spans[i].kind == LITX_SPAN_SUP))
				return 1;
		return 0;
	}
	for (size_t i = count_before(t, e, 0); i-- > 0 && x->maxend[i] > s;)
		if (t->spans[i].end > s &&
		    (t->spans[i].kind == LITX_SPAN_SUB || t->spans[i].kind == LITX_SPAN_SUP))
			return 1;
	return 0;
}

int fx_span_in(const fx_spans *x, size_t s, size_t e, litx_span_kind kind)
{
	const litx_text *t = x->t;
	if (!x->indexed) {
		for (size_t i = 0; i < t->n_spans && t->spans[i].start < e; i++)
			if (t->spans[i].end > s && t->spans[i].kind == kind)
				return 1;
		return 0;
	}
	for (size_t i = count_before(t, e, 0); i-- > 0 && x->maxend[i] > s;)
		if (t->spans[i].end > s && t->spans[i].kind == kind)
			return 1;
	return 0;
}
