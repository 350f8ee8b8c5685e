/* read_text.c - the text reader: an article converted from PDF (plain text or
 * markdown) into the document model.
 *
 * One walk over the lines, each decided on by its form (text_int.h lists who
 * decides what). The walk is a small state machine:
 *  - zone: the front matter (before the first heading: the abstract and prose
 *    paragraphs become blocks; title, authors, dates and banners do not), the
 *    body, or the reference list (after "References" / "Notes and references");
 *  - the open paragraph. Lines with no blank line between them are one paragraph.
 *    After a blank line the next body line continues the paragraph when its text
 *    has no terminal punctuation (a sentence cut by a column or page break), and
 *    after a page break (two blank lines, page furniture, a figure caption, a
 *    footnote, a table) it continues it in any case: a PDF page break almost never
 *    falls between two paragraphs, and the publisher's version of the seed (the
 *    JATS twin) joins every one of them. Each joined line gets an anchor, so text
 *    after a join reports its own line. Captions and footnotes met while a
 *    paragraph is open wait and are added after it, so blocks keep reading order;
 *  - the last numbered heading, so that a sentence cut by a page break that
 *    happens to start with a number ("3.7 A mg⁻¹, which ...") is not taken for
 *    a heading: a heading's number must follow the previous one, and a heading
 *    stands after a blank line.
 * Work per line is bounded; nothing recurses on input. */
#include "text_int.h"
#include <stdlib.h>
#include <string.h>

enum { Z_FRONT = 0, Z_BODY, Z_REFS };

#define FRONT_PARA_MIN 200   /* a front-matter paragraph this long is prose (the abstract) */

typedef struct pend_cap {
	litx_block_kind kind;     /* a caption or a footnote */
	litx_text text;
	const char *label;
} pend_cap;

typedef struct reader {
	text_rd r;
	int zone;
	/* the open paragraph; gap: blank lines since its last line; pbreak: a page
	 * break since (two blank lines, furniture, a caption or a table) */
	tbuf tb;
	text_inl inl;
	int open, gap, pbreak, front;
	/* captions waiting for the open paragraph */
	pend_cap *caps;
	size_t n_caps, cap_caps;
	/* headings */
	text_heading last_num;
	int have_num;
	int abstract_done, want_abstract;
	text_refs refs;
} reader;

/* Does the paragraph's text end a sentence (callouts and closing brackets aside)? */
static int terminated(const reader *d)
{
	const tbuf *b = &d->tb;
	size_t e = b->len;
	for (int round = 0; round < 3 && e > 0; round++) {
		size_t ne = e;
		if (d->inl.run_kind == LITX_SPAN_SUP && d->inl.run_end == e)
			ne = d->inl.run_start;
		for (size_t k = b->n_spans, seen = 0; k-- > 0 && seen < 8; seen++)
			if (b->spans[k].kind == LITX_SPAN_SUP && b->spans[k].end == e &&
			    b->spans[k].start < ne)
				ne = b->spans[k].start;
		if (ne == e)
			break;
		e = ne;
		while (e > 0 && b->s[e - 1] == ' ')
			e--;
	}
	while (e > 0) {
		unsigned char c = (unsigned char)b->s[e - 1];
		if (c == ')' || c == ']' || c == '"' || c == '\'' || c == '*') {
			e--;
		} else if (e >= 3 && (unsigned char)b->s[e - 3] == 0xE2 &&
			   (unsigned char)b->s[e - 2] == 0x80 && (c == 0x9D || c == 0x99)) {
			e -= 3; /* ” ’ */
		} else {
			break;
		}
	}
	if (e == 0)
		return 1;
	char c = b->s[e - 1];
	return c == '.' || c == '!' || c == '?' || c == ':';
}

static int add_note_block(reader *d, litx_block_kind kind, const litx_text *t, const char *label)
{
	litx_block *k = docb_add_block(d->r.b, kind);
	if (!k)
		return -1;
	k->text = *t;
	k->label = label;
	return 0;
}

static int flush_caps(reader *d)
{
	for (size_t i = 0; i < d->n_caps; i++)
		if (add_note_block(d, d->caps[i].kind, &d->caps[i].text, d->caps[i].label))
			return -1;
	d->n_caps = 0;
	return 0;
}

static size_t words(const tbuf *b)
{
	size_t k = 1;
	for (size_t i = 0; i < b->len; i++)
		k += b->s[i] == ' ';
	return k;
}

/* End the open paragraph: a block (or nothing, for short front matter). */
static int flush_para(reader *d)
{
	if (d->open) {
		d->open = 0;
		text_inl_end(&d->inl);
		litx_block_kind kind = LITX_BLOCK_PARAGRAPH;
		int keep = 1;
		if (d->front) {
			keep = d->want_abstract || (terminated(d) &&
				(d->tb.len >= FRONT_PARA_MIN || (d->abstract_done && words(&d->tb) >= 8)));
			if (keep && !d->abstract_done) {
				kind = LITX_BLOCK_ABSTRACT;
				d->abstract_done = 1;
			}
			d->want_abstract = 0;
		}
		if (keep) {
			litx_block *k = docb_add_block(d->r.b, kind);
			if (!k || tbuf_finish(&d->tb, d->r.b->a, &k->text))
				return -1;
		} else {
			tbuf_reset(&d->tb);
		}
	}
	return flush_caps(d);
}

static void para_add(reader *d, size_t i, const char *s, size_t n)
{
	text_inl_add(&d->inl, s, n, (uint32_t)(i + 1), (size_t)(s - d->r.buf));
}

/* "(2) ..." starts a list item, never the rest of a sentence. */
static int list_item(const char *s, size_t n)
{
	return n >= 4 && s[0] == '(' && s[1] >= '0' && s[1] <= '9' &&
	       (s[2] == ')' || (s[2] >= '0' && s[2] <= '9' && s[3] == ')'));
}

/* A paragraph of `bytes` with line i in it is refused past LITX_MAX_PARA_BYTES. */
static int para_too_long(reader *d, size_t i, size_t bytes)
{
	if (bytes <= LITX_MAX_PARA_BYTES)
		return 0;
	litx_err_set(d->r.err, (uint32_t)(i + 1), "paragraph longer than %zu bytes at line %zu "
		     "(lines with no blank line between them: not a text article?)",
		     LITX_MAX_PARA_BYTES, i + 1);
	d->r.limit = 1;
	return 1;
}

static int body_line(reader *d, size_t i, const char *s, size_t n)
{
	int front = d->zone == Z_FRONT;
	if (d->open) {
		int join = !d->gap ||
			   (!front && !d->front && (d->pbreak || !terminated(d)) && !list_item(s, n));
		if (join) {
			if (para_too_long(d, i, d->tb.len + n))
				return -1;
			text_inl_space(&d->inl);
			para_add(d, i, s, n);
			d->gap = d->pbreak = 0;
			return 0;
		}
		if (flush_para(d))
			return -1;
	}
	if (para_too_long(d, i, n))
		return -1;
	tbuf_reset(&d->tb);
	text_inl_begin(&d->inl, &d->tb, 0);
	d->open = 1;
	d->front = front;
	d->gap = d->pbreak = 0;
	para_add(d, i, s, n);
	return 0;
}

/* A footnote mark opening a line: † ‡ § ¶. Returns its length. */
static size_t note_mark(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA0 || u[2] == 0xA1))
		k = 3;
	else if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xA7 || u[1] == 0xB6))
		k = 2;
	if (!k || k >= n)
		return 0;
	while (k < n && s[k] == ' ')
		k++;
	return k < n ? k : 0;
}

/* A figure caption or a footnote: its line (from `body` on) and the text lines
 * right under it. It waits for the open paragraph, which may go on after it. */
static size_t note(reader *d, size_t i, const char *s, size_t n, size_t body,
		   litx_block_kind kind, const char *label_text)
{
	text_rd *r = &d->r;
	tbuf_reset(&r->tb);
	text_inl_begin(&r->inl, &r->tb, 0);
	tbuf_mark(&r->tb, (uint32_t)(i + 1), (size_t)(s - r->buf) + body);
	text_inl_add(&r->inl, s + body, n - body, (uint32_t)(i + 1), (size_t)(s - r->buf) + body);
	size_t j = i + 1;
	for (int k = 1; j < r->n_ln && k < TEXT_MAX_CAPTION_LINES; j++, k++) {
		const tline *l = &r->ln[j];
		if (l->blank || l->tab || text_is_furniture(r, j))
			break;
		size_t m = l->len;
		const char *q = text_trim(tl_s(r, j), &m);
		text_heading h;
		text_caption c2;
		if (text_heading_parse(q, m, &h) || text_caption_parse(q, m, &c2) || note_mark(q, m))
			break;
		text_inl_space(&r->inl);
		text_inl_add(&r->inl, q, m, (uint32_t)(j + 1), (size_t)(q - r->buf));
	}
	text_inl_end(&r->inl);
	litx_text t;
	const char *label = label_text ? docb_strdup(r->b, label_text) : NULL;
	if ((label_text && !label) || tbuf_finish(&r->tb, r->b->a, &t)) {
		r->oom = 1;
		return j;
	}
	if (d->open && !d->front) { /* the paragraph may go on after the figure */
		if (d->n_caps == d->cap_caps) {
			size_t nc = d->cap_caps ? d->cap_caps * 2 : 8;
			pend_cap *q = realloc(d->caps, nc * sizeof *q);
			if (!q) {
				r->oom = 1;
				return j;
			}
			d->caps = q;
			d->cap_caps = nc;
		}
		d->caps[d->n_caps++] = (pend_cap){ kind, t, label };
	} else if (flush_para(d) || add_note_block(d, kind, &t, label)) {
		r->oom = 1;
	}
	return j;
}

static int heading(reader *d, size_t i, const text_heading *h)
{
	text_rd *r = &d->r;
	if (flush_para(d) || text_refs_flush(r, &d->refs))
		return -1;
	d->gap = 1;
	d->pbreak = 0;
	if (h->cls == THC_ABSTRACT) {
		d->want_abstract = 1;
		return 0;
	}
	if (h->cls == THC_KEYWORDS)
		return 0;
	text_piece_tmp(r, i, h->title, h->title_len, 0);
	const char *title = r->tb.s && r->tb.len ? r->tb.s : "";
	int level = h->kind == TH_NUMBERED ? h->n_nums : 1;
	if (h->generic && h->hashes)
		level = h->hashes > 1 ? h->hashes - 1 : 1;  /* "## Title" under "# Paper" */
	else if (h->generic && r->b->n_sec)
		level = 2;  /* known by its form only: below the section before it */
	if (!docb_add_section(r->b, h->number, title, level, (uint32_t)(i + 1), r->ln[i].off))
		return -1;
	if (h->kind == TH_NUMBERED) {
		d->last_num = *h;
		d->have_num = 1;
	}
	d->zone = h->cls == THC_REFS ? Z_REFS : Z_BODY;
	return 0;
}

/* May line i be a heading where it stands (after a blank line or furniture)? */
static int standalone(const text_rd *r, size_t i)
{
	return i == 0 || r->ln[i - 1].blank || text_is_furniture(r, i - 1);
}

/* An unnumbered heading known by its form ("Linear Fitness Decline"): a short line
 * alone between blank lines, after a finished sentence, before a line that starts
 * with a capital. A short line after an unfinished sentence is the sentence's end. */
static int plain_heading(const reader *d, size_t i, const char *s, size_t n, text_heading *h)
{
	const text_rd *r = &d->r;
	if ((d->open && !terminated(d)) || !standalone(r, i) || i + 1 >= r->n_ln ||
	    !r->ln[i + 1].blank || text_heading_plain(s, n, h) == TH_NONE)
		return 0;
	size_t j = i + 1;
	while (j < r->n_ln && j < i + 8 && (r->ln[j].blank || text_is_furniture(r, j)))
		j++;
	if (j >= r->n_ln || r->ln[j].tab)
		return 0;
	size_t m = r->ln[j].len;
	const char *q = text_trim(tl_s(r, j), &m);
	return m > 0 && ((q[0] >= 'A' && q[0] <= 'Z') || (unsigned char)q[0] >= 0x80);
}

static int walk(reader *d)
{
	text_rd *r = &d->r;
	size_t i = 0;
	while (i < r->n_ln && !r->oom && !r->b->oom) {
		const tline *l = &r->ln[i];
		if (l->blank) {
			if (d->gap++)
				d->pbreak = 1;
			text_refs_gap(&d->refs);
			i++;
			continue;
		}
		size_t n = l->len;
		const char *s = text_trim(tl_s(r, i), &n);
		text_heading h;
		int hk = l->tab ? TH_NONE : text_heading_parse(s, n, &h);
		if (hk == TH_NUMBERED &&
		    (d->zone == Z_REFS || !standalone(r, i) ||
		     !text_heading_follows(d->have_num ? &d->last_num : NULL, &h)))
			hk = TH_NONE;
		if (hk == TH_NAMED && i == r->title_line) { /* "# Title": the title, not a section */
			i++;
			continue;
		}
		if (hk != TH_NONE) {
			if (heading(d, i, &h))
				return -1;
			i++;
			continue;
		}
		if (d->zone == Z_REFS) {
			if (text_is_furniture(r, i)) {
				text_refs_gap(&d->refs);
				i++;
			} else if (text_table_starts(r, i)) {
				if (text_refs_flush(r, &d->refs))
					return -1;
				i = text_table_read(r, i);
			} else {
				text_refs_line(r, &d->refs, i);
				i++;
			}
			continue;
		}
		text_caption c;
		int ck = l->tab ? CAP_NONE : text_caption_parse(s, n, &c);
		if ((ck == CAP_TABLE || l->tab) && text_table_starts(r, i)) {
			i = text_table_read(r, i);
			d->gap = d->pbreak = 1;
			continue;
		}
		if (ck == CAP_TABLE_CONTD) { /* a marker without its table */
			i++;
			continue;
		}
		size_t mark = ck == CAP_NONE && !l->tab ? note_mark(s, n) : 0;
		if (ck == CAP_FIGURE || mark) {
			i = ck == CAP_FIGURE ? note(d, i, s, n, c.body, LITX_BLOCK_CAPTION, c.label)
					     : note(d, i, s, n, mark, LITX_BLOCK_FOOTNOTE, NULL);
			d->gap = d->pbreak = 1;
			continue;
		}
		if (text_is_furniture(r, i)) {
			d->gap = d->pbreak = 1;
			i++;
			continue;
		}
		if (d->zone == Z_BODY && plain_heading(d, i, s, n, &h)) {
			if (heading(d, i, &h))
				return -1;
			i++;
			continue;
		}
		if (body_line(d, i, s, n))
			return -1;
		i++;
	}
	if (flush_para(d) || text_refs_flush(r, &d->refs))
		return -1;
	return r->oom || r->b->oom ? -1 : 0;
}

int litx_read_text(docb *b, const char *buf, size_t len, litx_err *err)
{
	reader *d = calloc(1, sizeof *d);
	if (!d) {
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	text_rd *r = &d->r;
	r->b = b;
	r->err = err;
	r->buf = buf;
	r->len = len;
	r->title_line = SIZE_MAX;
	tbuf_init(&r->tb);
	text_inl_init(&r->inl);
	tbuf_init(&d->tb);
	text_inl_init(&d->inl);
	text_refs_init(&d->refs);
	int rc = text_lines_split(r);
	if (rc == 0)
		rc = text_meta_scan(r);
	if (rc == 0)
		rc = walk(d);
	if (r->limit) {
		rc = -1;
	} else if (rc || r->oom || b->oom) {
		litx_err_set(err, 0, "out of memory while reading the text");
		rc = -1;
	}
	text_refs_free(&d->refs);
	text_inl_free(&d->inl);
	tbuf_free(&d->tb);
	text_inl_free(&r->inl);
	tbuf_free(&r->tb);
	free(d->caps);
	free(r->ln);
	free(d);
	return rc;
}
