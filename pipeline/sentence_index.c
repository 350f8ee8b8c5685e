/* sentence_index.c - see sentence_index.h. The index lives in the document's
 * arena. The starts are found into a buffer on the stack, and only a text with
 * more sentences than it holds is scanned a second time, into an array of its
 * size: most texts are read once. */
#include "sentence_index.h"
#include <string.h>

#define STACK_STARTS 256

static int index_text(docb *b, const litx_text *ct)
{
	litx_text *t = (litx_text *)ct; /* the document is still the builder's */
	size_t buf[STACK_STARTS];
	size_t n = litx_text_sentence_starts(t, buf, STACK_STARTS);
	if (n == 0) {
		/* one sentence: indexed all the same, or every lookup in a long text
		 * without a sentence end would scan it from the start (quadratic) */
		static const size_t one_sentence[1];
		t->sentences = one_sentence;
		t->n_sentences = 0;
		return 0;
	}
	size_t *v = arena_alloc(b->a, n * sizeof *v);
	if (!v)
		return -1;
	if (n <= STACK_STARTS)
		memcpy(v, buf, n * sizeof *v);
	else
		litx_text_sentence_starts(t, v, n);
	t->sentences = v;
	t->n_sentences = n;
	return 0;
}

static int index_texts(docb *b, const litx_text *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (index_text(b, &v[i]))
			return -1;
	return 0;
}

int litx_index_sentences(docb *b)
{
	for (size_t i = 0; i < b->n_blk; i++)
		if (index_text(b, &b->blk[i].text))
			return -1;
	for (size_t i = 0; i < b->n_tab; i++) {
		const litx_table *t = &b->tab[i];
		if (index_text(b, &t->caption) || index_texts(b, t->head, t->n_head * t->n_cols) ||
		    index_texts(b, t->cells, t->n_rows * t->n_cols) || index_texts(b, t->foot, t->n_foot))
			return -1;
	}
	for (size_t i = 0; i < b->n_ref; i++)
		if (index_text(b, &b->ref[i].raw))
			return -1;
	return 0;
}
