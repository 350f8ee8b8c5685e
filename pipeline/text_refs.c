/* text_refs.c - the reference list of a text article, one litx_ref per entry.
 *
 * An entry starts at a line with a printed label ("12 ", "12. ", "[12] ") or a
 * bullet ("- ", "• ": a numbered list that lost its numbers, whose label is then
 * the entry's 1-based position). Any other line continues the entry before it when
 * the list is numbered or bulleted, so an entry cut by a page break ("..., T. W.
 * Hansen," / page furniture / "I. Chorkendorff, ...") is read whole; in a list
 * without labels a blank line separates entries. A line that starts with a number
 * is a new entry only if the number is the next label or the entry before looks
 * complete, so "2013, 12, 1137." on a line of its own stays where it belongs. */
#include "text_int.h"
#include <stdio.h>
#include <string.h>

#define MAX_LABEL 9999

void text_refs_init(text_refs *f)
{
	memset(f, 0, sizeof *f);
	tbuf_init(&f->tb);
	text_inl_init(&f->inl);
}

void text_refs_free(text_refs *f)
{
	tbuf_free(&f->tb);
	text_inl_free(&f->inl);
}

/* "12 ", "12. ", "[12] ": the number and where the entry text starts. */
static int parse_label(const char *s, size_t n, long *num, size_t *rest)
{
	size_t i = 0;
	int bracket = n > 0 && s[0] == '[';
	i += (size_t)bracket;
	size_t d = i;
	long v = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && i - d < 4)
		v = v * 10 + (s[i++] - '0');
	if (i == d || (i < n && s[i] >= '0' && s[i] <= '9') || v == 0 || v > MAX_LABEL)
		return 0;
	if (bracket) {
		if (i >= n || s[i] != ']')
			return 0;
		i++;
	} else if (i < n && s[i] == '.') {
		i++;
	}
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return 0;
	*num = v;
	*rest = i;
	return 1;
}

static int parse_bullet(const char *s, size_t n, size_t *rest)
{
	size_t k = 0;
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
		k = 1;
	else if (n >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		 ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0x93) && s[3] == ' ')
		k = 3; /* • – */
	if (!k)
		return 0;
	while (k < n && s[k] == ' ')
		k++;
	if (k >= n)
		return 0;
	*rest = k;
	return 1;
}

/* Does the open entry look finished ("... 3717–3797." rather than "... Hansen,")? */
static int complete(const text_refs *f)
{
	const tbuf *b = &f->tb;
	if (!b->len)
		return 0;
	char c = b->s[b->len - 1];
	return c == '.' || c == ')' || (c >= '0' && c <= '9');
}

int text_refs_flush(text_rd *r, text_refs *f)
{
	if (!f->open)
		return 0;
	f->open = 0;
	text_inl_end(&f->inl);
	litx_text raw;
	if (tbuf_finish(&f->tb, r->b->a, &raw)) {
		r->oom = 1;
		return -1;
	}
	if (raw.len == 0)
		return 0;
	litx_ref *x = docb_add_ref(r->b);
	char lab[24];
	snprintf(lab, sizeof lab, "%ld", f->label);
	if (!x || !(x->label = docb_strdup(r->b, lab))) {
		r->oom = 1;
		return -1;
	}
	x->label_printed = f->printed;
	x->raw = raw;
	return 0;
}

static void start(text_rd *r, text_refs *f, size_t i, const char *s, size_t n, long label,
		  int printed)
{
	if (text_refs_flush(r, f))
		return;
	if (!printed)
		label = (long)r->b->n_ref + 1;
	tbuf_reset(&f->tb);
	text_inl_begin(&f->inl, &f->tb, TEXT_INL_REFS);
	tbuf_mark(&f->tb, (uint32_t)(i + 1), (size_t)(s - r->buf));
	text_inl_add(&f->inl, s, n, (uint32_t)(i + 1), (size_t)(s - r->buf));
	f->open = 1;
	f->printed = printed;
	f->label = label;
	f->last = label;
	f->gap = 0;
}

void text_refs_line(text_rd *r, text_refs *f, size_t i)
{
	size_t n = r->ln[i].len, rest;
	const char *s = text_trim(tl_s(r, i), &n);
	long num;
	if (parse_label(s, n, &num, &rest)) {
		if (!f->open || num == f->last + 1 || complete(f)) {
			f->marked = 1;
			start(r, f, i, s + rest, n - rest, num, 1);
			return;
		}
	} else if (parse_bullet(s, n, &rest)) {
		f->marked = 1;
		start(r, f, i, s + rest, n - rest, 0, 0);
		return;
	}
	if (f->open && (f->marked || !f->gap)) {
		text_inl_space(&f->inl);
		text_inl_add(&f->inl, s, n, (uint32_t)(i + 1), (size_t)(s - r->buf));
		f->gap = 0;
		return;
	}
	start(r, f, i, s, n, 0, 0);
}

void text_refs_gap(text_refs *f)
{
	f->gap = 1;
}
