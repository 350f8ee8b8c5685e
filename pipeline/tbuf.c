/* tbuf.c - the text builder shared by all readers. Span labels are kept in a
 * malloc'd copy until finish, then moved into the arena. */
#include "tbuf.h"
#include <stdlib.h>
#include <string.h>

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 16;
	while (nc < need) {
		if (nc > SIZE_MAX / 2 / elem)
			return -1;
		nc *= 2;
	}
	void *q = realloc(*p, nc * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = nc;
	return 0;
}

/* The exported name; the builder's own calls use the static one, which the
 * compiler can inline (a call to an exported function goes through the PLT). */
int tbuf_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	return grow(p, cap, need, elem);
}

void tbuf_init(tbuf *b)
{
	memset(b, 0, sizeof *b);
}

static void free_labels(tbuf *b)
{
	for (size_t i = 0; i < b->n_spans; i++)
		free((char *)b->spans[i].labels);
}

void tbuf_free(tbuf *b)
{
	free_labels(b);
	free(b->s);
	free(b->spans);
	free(b->anchors);
	tbuf_init(b);
}

void tbuf_reset(tbuf *b)
{
	free_labels(b);
	b->len = 0;
	b->n_spans = 0;
	b->n_anchors = 0;
	b->failed = 0;
	if (b->s)
		b->s[0] = '\0';
}

void tbuf_put(tbuf *b, const char *s, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (b->len + n + 1 < b->len || grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->failed = 1;
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void tbuf_puts(tbuf *b, const char *s)
{
	tbuf_put(b, s, strlen(s));
}

void tbuf_putc(tbuf *b, char c)
{
	tbuf_put(b, &c, 1);
}

void tbuf_mark(tbuf *b, uint32_t line, size_t src_off)
{
	if (b->failed)
		return;
	if (b->n_anchors && b->anchors[b->n_anchors - 1].text_off == b->len) {
		b->anchors[b->n_anchors - 1].line = line;
		b->anchors[b->n_anchors - 1].src_off = src_off;
		return;
	}
	if (grow((void **)&b->anchors, &b->cap_anchors, b->n_anchors + 1, sizeof *b->anchors)) {
		b->failed = 1;
		return;
	}
	b->anchors[b->n_anchors++] = (litx_anchor){ b->len, line, src_off };
}

void tbuf_span_add(tbuf *b, litx_span_kind kind, size_t start, size_t end,
		   litx_cite_kind cite, const char *labels)
{
	if (b->failed)
		return;
	if (grow((void **)&b->spans, &b->cap_spans, b->n_spans + 1, sizeof *b->spans)) {
		b->failed = 1;
		return;
	}
	char *l = NULL;
	if (labels && !(l = strdup(labels))) {
		b->failed = 1;
		return;
	}
	b->spans[b->n_spans++] = (litx_span){ kind, start, end, cite, l };
}

long tbuf_span_open(tbuf *b, litx_span_kind kind)
{
	tbuf_span_add(b, kind, b->len, (size_t)-1, LITX_CITE_NONE, NULL);
	return b->failed ? -1 : (long)b->n_spans - 1;
}

void tbuf_span_close(tbuf *b, long idx)
{
	if (b->failed || idx < 0 || (size_t)idx >= b->n_spans)
		return;
	b->spans[idx].end = b->len;
	if (b->spans[idx].start == b->len) { /* empty: mark for removal at finish */
		b->spans[idx].end = b->spans[idx].start;
	}
}

void tbuf_rstrip(tbuf *b)
{
	while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t' ||
			  b->s[b->len - 1] == '\n' || b->s[b->len - 1] == '\r'))
		b->s[--b->len] = '\0';
	/* anchors at or past the new end collapse into one at the end (the last mark
	 * wins: text appended next comes after it), so anchors stay sorted */
	size_t k = b->n_anchors;
	while (k > 0 && b->anchors[k - 1].text_off >= b->len)
		k--;
	if (k < b->n_anchors) {
		b->anchors[k] = b->anchors[b->n_anchors - 1];
		b->anchors[k].text_off = b->len;
		b->n_anchors = k + 1;
	}
	/* spans end at the new end at the latest; open spans stay open */
	for (size_t i = 0; i < b->n_spans; i++) {
		if (b->spans[i].start > b->len)
			b->spans[i].start = b->len;
		if (b->spans[i].end != (size_t)-1 && b->spans[i].end > b->len)
			b->spans[i].end = b->len;
	}
}

int tbuf_at_space(const tbuf *b)
{
	return b->len == 0 || b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\n';
}

int tbuf_span_cmp(const void *a, const void *b)
{
	const litx_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* outer first */
	return (int)x->kind - (int)y->kind;
}

int tbuf_finish(tbuf *b, arena *a, litx_text *out)
{
	memset(out, 0, sizeof *out);
	if (b->failed) {
		tbuf_reset(b);
		return -1;
	}
	/* clip spans to the text, drop empty or unclosed ones */
	size_t k = 0;
	for (size_t i = 0; i < b->n_spans; i++) {
		litx_span sp = b->spans[i];
		if (sp.end == (size_t)-1 || sp.end > b->len)
			sp.end = b->len;
		if (sp.start >= sp.end) {
			free((char *)sp.labels);
			continue;
		}
		b->spans[k++] = sp;
	}
	b->n_spans = k;
	if (b->n_spans > 1) /* b->spans is NULL when no span was ever added */
		qsort(b->spans, b->n_spans, sizeof *b->spans, tbuf_span_cmp);

	char *s = arena_strndup(a, b->s ? b->s : "", b->len);
	litx_span *sp = b->n_spans ? arena_alloc(a, b->n_spans * sizeof *sp) : NULL;
	size_t na = b->n_anchors ? b->n_anchors : 1;
	litx_anchor *an = arena_alloc(a, na * sizeof *an);
	if (!s || (b->n_spans && !sp) || !an) {
		tbuf_reset(b);
		return -1;
	}
	for (size_t i = 0; i < b->n_spans; i++) {
		sp[i] = b->spans[i];
		if (sp[i].labels && !(sp[i].labels = arena_strdup(a, sp[i].labels))) {
			tbuf_reset(b);
			return -1;
		}
	}
	if (b->n_anchors) {
		/* anchors past the end (after rstrip) collapse onto the end */
		memcpy(an, b->anchors, na * sizeof *an);
		for (size_t i = 0; i < na; i++)
			if (an[i].text_off > b->len)
				an[i].text_off = b->len;
	} else {
		an[0] = (litx_anchor){ 0, 0, 0 };
	}
	*out = (litx_text){ .s = s, .len = b->len, .spans = sp, .n_spans = b->n_spans, .anchors = an, .n_anchors = na };
	tbuf_reset(b);
	return 0;
}
