/* docb.c - document builder and owner. The arrays grow with realloc while the
 * reader works and are freed with the document; strings go to the arena. */
#include "docb.h"
#include "unichar.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void litx_err_set(litx_err *e, uint32_t line, const char *fmt, ...)
{
	if (!e)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->line = line;
	/* a message quotes input (libxml2 shows the text it stopped at) and is cut at
	 * the buffer: it must stay valid UTF-8, as every string of the KB */
	unichar_repair(e->msg);
}

docb *docb_new(const char *source, litx_format fmt)
{
	docb *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->a = arena_new();
	if (!b->a) {
		free(b);
		return NULL;
	}
	b->doc.format = fmt;
	b->doc.internal = b;
	b->doc.source = arena_strdup(b->a, source ? source : "");
	if (!b->doc.source) {
		arena_free(b->a);
		free(b);
		return NULL;
	}
	return b;
}

static void *push(docb *b, void **arr, size_t *n, size_t *cap, size_t elem)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *q = realloc(*arr, nc * elem);
		if (!q) {
			b->oom = 1;
			return NULL;
		}
		*arr = q;
		*cap = nc;
	}
	void *p = (char *)*arr + (*n)++ * elem;
	memset(p, 0, elem);
	return p;
}

char *docb_strdup(docb *b, const char *s)
{
	if (!s)
		return NULL;
	char *r = arena_strdup(b->a, s);
	if (!r)
		b->oom = 1;
	return r;
}

char *docb_strndup(docb *b, const char *s, size_t n)
{
	char *r = arena_strndup(b->a, s, n);
	if (!r)
		b->oom = 1;
	return r;
}

litx_section *docb_add_section(docb *b, const char *number, const char *title, int level,
			       uint32_t line, size_t offset)
{
	litx_section *s = push(b, (void **)&b->sec, &b->n_sec, &b->cap_sec, sizeof *s);
	if (!s)
		return NULL;
	s->number = docb_strdup(b, number ? number : "");
	s->title = docb_strdup(b, title ? title : "");
	s->level = level;
	s->line = line;
	s->offset = offset;
	return s;
}

int docb_section(const docb *b)
{
	return (int)b->n_sec - 1;
}

litx_block *docb_add_block(docb *b, litx_block_kind kind)
{
	litx_block *k = push(b, (void **)&b->blk, &b->n_blk, &b->cap_blk, sizeof *k);
	if (k) {
		k->kind = kind;
		k->section = docb_section(b);
	}
	return k;
}

litx_table *docb_add_table(docb *b)
{
	litx_table *t = push(b, (void **)&b->tab, &b->n_tab, &b->cap_tab, sizeof *t);
	if (t)
		t->section = docb_section(b);
	return t;
}

litx_ref *docb_add_ref(docb *b)
{
	return push(b, (void **)&b->ref, &b->n_ref, &b->cap_ref, sizeof(litx_ref));
}

litx_text *docb_texts(docb *b, size_t n)
{
	if (n > SIZE_MAX / sizeof(litx_text)) {
		b->oom = 1;
		return NULL;
	}
	litx_text *t = arena_alloc(b->a, n * sizeof *t);
	if (!t) {
		b->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		t[i].s = "";
	}
	return t;
}

int docb_finish(docb *b)
{
	b->doc.sections = b->sec;
	b->doc.n_sections = b->n_sec;
	b->doc.blocks = b->blk;
	b->doc.n_blocks = b->n_blk;
	b->doc.tables = b->tab;
	b->doc.n_tables = b->n_tab;
	b->doc.refs = b->ref;
	b->doc.n_refs = b->n_ref;
	return b->oom ? -1 : 0;
}

void litx_doc_free(litx_doc *doc)
{
	if (!doc)
		return;
	docb *b = doc->internal;
	free(b->sec);
	free(b->blk);
	free(b->tab);
	free(b->ref);
	arena_free(b->a);
	free(b);
}
