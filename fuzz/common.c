/* common.c - shared by the fuzz targets: load bytes as one format, check the
 * promises of doc.h, exercise the text queries. See common.h for why a broken
 * promise aborts. Work per document is bounded (at most QUERY_OFFSETS queries per
 * text), so an exercise never turns a linear reader into a quadratic target. */
#include "common.h"
#include "callout.h"
#include "dump.h"
#include "sentence_index.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define QUERY_OFFSETS 3

void fz_fail(const char *file, int line, const char *cond, const char *what)
{
	fprintf(stderr, "%s:%d: broken promise of the document model (%s): %s\n", file, line,
		what ? what : "", cond);
	abort();
}

int fz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) { k = 2; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { k = 3; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { k = 4; cp = c & 0x07; }
		else return 0;
		if (n - i < k)
			return 0;
		for (size_t j = 1; j < k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + j] & 0x3F);
		}
		if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		i += k;
	}
	return 1;
}

litx_doc *fz_load_as(const char *buf, size_t len, litx_format fmt, litx_err *err)
{
	if (litx_check_bytes(buf, len, fmt, err))
		return NULL;
	docb *b = docb_new("fuzz/input", fmt);
	if (!b) {
		litx_err_set(err, 0, "out of memory");
		return NULL;
	}
	memcpy(b->doc.doc_id, "0123456789abcdef", 17);
	int rc = fmt == LITX_FORMAT_JATS ? litx_read_jats(b, buf, len, err)
					 : litx_read_text(b, buf, len, err);
	/* the steps of litx_doc_load after the reader (pipeline/load.c) */
	if (rc == 0 && (litx_mark_callouts(b) || litx_index_sentences(b)))
		rc = -1;
	if (rc == 0 && docb_finish(b))
		rc = -1;
	if (rc) {
		litx_doc_free(&b->doc);
		return NULL;
	}
	return &b->doc;
}

/* A string of the model: NULL allowed, else valid UTF-8. */
static void check_str(const char *s, const char *what)
{
	if (s)
		FZ_ASSERT(fz_utf8_valid(s, strlen(s)), what);
}

/* Is off on a character boundary of t (not inside a UTF-8 sequence)? */
static int at_boundary(const litx_text *t, size_t off)
{
	return off == 0 || off >= t->len || ((unsigned char)t->s[off] & 0xC0) != 0x80;
}

static void check_text(const litx_text *t, size_t src_len, const char *what)
{
	if (!t->s) {
		FZ_ASSERT(t->len == 0, what);
		return;
	}
	FZ_ASSERT(t->s[t->len] == '\0', what);
	FZ_ASSERT(memchr(t->s, '\0', t->len) == NULL, what);
	FZ_ASSERT(fz_utf8_valid(t->s, t->len), what);
	FZ_ASSERT(t->n_spans == 0 || t->spans, what);
	for (size_t i = 0; i < t->n_spans; i++) {
		const litx_span *sp = &t->spans[i];
		FZ_ASSERT(sp->kind >= LITX_SPAN_SUB && sp->kind <= LITX_SPAN_FORMULA, what);
		FZ_ASSERT(sp->start <= sp->end && sp->end <= t->len, what);
		FZ_ASSERT(i == 0 || t->spans[i - 1].start <= sp->start, what);
		FZ_ASSERT(at_boundary(t, sp->start) && at_boundary(t, sp->end), what);
		if (sp->kind == LITX_SPAN_CITE)
			check_str(sp->labels, what);
	}
	FZ_ASSERT(t->n_sentences == 0 || t->sentences, what);
	for (size_t i = 0; i < t->n_sentences; i++) {
		FZ_ASSERT(t->sentences[i] > 0 && t->sentences[i] <= t->len, what);
		FZ_ASSERT(i == 0 || t->sentences[i - 1] < t->sentences[i], what);
		FZ_ASSERT(at_boundary(t, t->sentences[i]), what);
	}
	FZ_ASSERT(t->n_anchors == 0 || t->anchors, what);
	for (size_t i = 0; i < t->n_anchors; i++) {
		const litx_anchor *a = &t->anchors[i];
		FZ_ASSERT(a->text_off <= t->len, what);
		FZ_ASSERT(i == 0 || t->anchors[i - 1].text_off <= a->text_off, what);
		FZ_ASSERT(a->src_off <= src_len, what);
	}
}

void fz_check_doc(const litx_doc *d, size_t src_len)
{
	check_str(d->meta.title, "meta.title");
	check_str(d->meta.doi, "meta.doi");
	check_str(d->meta.journal, "meta.journal");
	check_str(d->meta.year, "meta.year");
	for (size_t i = 0; i < d->n_sections; i++) {
		check_str(d->sections[i].number, "section number");
		check_str(d->sections[i].title, "section title");
	}
	for (size_t i = 0; i < d->n_blocks; i++) {
		const litx_block *b = &d->blocks[i];
		FZ_ASSERT(b->section >= -1 && (b->section < 0 || (size_t)b->section < d->n_sections),
			  "block section index");
		check_str(b->label, "block label");
		check_text(&b->text, src_len, "block text");
	}
	for (size_t i = 0; i < d->n_tables; i++) {
		const litx_table *t = &d->tables[i];
		FZ_ASSERT(t->section >= -1 && (t->section < 0 || (size_t)t->section < d->n_sections),
			  "table section index");
		check_str(t->label, "table label");
		check_text(&t->caption, src_len, "table caption");
		FZ_ASSERT((t->n_head == 0 && t->n_rows == 0) || t->n_cols > 0, "table shape");
		for (size_t k = 0; k < t->n_head * t->n_cols; k++)
			check_text(&t->head[k], src_len, "table head cell");
		for (size_t k = 0; k < t->n_rows * t->n_cols; k++)
			check_text(&t->cells[k], src_len, "table cell");
		for (size_t k = 0; k < t->n_foot; k++)
			check_text(&t->foot[k], src_len, "table foot");
	}
	for (size_t i = 0; i < d->n_refs; i++) {
		const litx_ref *r = &d->refs[i];
		check_str(r->label, "ref label");
		check_str(r->id, "ref id");
		check_text(&r->raw, src_len, "ref raw");
		check_str(r->authors, "ref authors");
		check_str(r->title, "ref title");
		check_str(r->journal, "ref journal");
		check_str(r->year, "ref year");
		check_str(r->volume, "ref volume");
		check_str(r->issue, "ref issue");
		check_str(r->pages, "ref pages");
		check_str(r->doi, "ref doi");
	}
}

static void query_at(const litx_text *t, size_t off)
{
	uint32_t line;
	size_t src;
	litx_text_locate(t, off, &line, &src);
	size_t s = 0, e = 0;
	litx_text_sentence(t, off, &s, &e);
	FZ_ASSERT(s <= e && e <= t->len, "litx_text_sentence bounds");
	char buf[64];
	size_t n = litx_text_refs(t, s, e, buf, sizeof buf);
	(void)n;
	FZ_ASSERT(memchr(buf, '\0', sizeof buf) != NULL, "litx_text_refs terminates");
	for (int k = LITX_SPAN_SUB; k <= LITX_SPAN_FORMULA; k++) {
		const litx_span *sp = litx_text_span_at(t, off, (litx_span_kind)k);
		FZ_ASSERT(!sp || (sp->start <= off && off < sp->end), "litx_text_span_at");
	}
}

static void exercise_text(const litx_text *t)
{
	if (!t->s || !t->len)
		return;
	size_t step = t->len / QUERY_OFFSETS + 1;
	for (size_t off = 0; off < t->len; off += step)
		query_at(t, off);
	query_at(t, t->len - 1);
	for (size_t i = 0; i < t->n_spans && i < QUERY_OFFSETS; i++)
		if (t->spans[i].start < t->len)
			query_at(t, t->spans[i].start);
}

void fz_exercise_doc(const litx_doc *d)
{
	for (size_t i = 0; i < d->n_blocks; i++)
		exercise_text(&d->blocks[i].text);
	for (size_t i = 0; i < d->n_tables; i++) {
		const litx_table *t = &d->tables[i];
		exercise_text(&t->caption);
		for (size_t k = 0; k < t->n_rows * t->n_cols && k < QUERY_OFFSETS; k++)
			exercise_text(&t->cells[k]);
	}
	for (size_t i = 0; i < d->n_refs; i++)
		exercise_text(&d->refs[i].raw);
	json_t *j = litx_dump_doc(d);
	FZ_ASSERT(j != NULL, "litx_dump_doc gives a document (NULL: a string was not UTF-8)");
	char *s = json_dumps(j, JSON_COMPACT);
	FZ_ASSERT(s != NULL, "json_dumps of the dump");
	free(s);
	json_decref(j);
}

int fz_memfd_put(const uint8_t *data, size_t len, char *path, size_t cap)
{
	static int fd = -1;
	if (fd < 0 && (fd = memfd_create("litx-fuzz", 0)) < 0)
		return -1;
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, data + done, len - done);
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	snprintf(path, cap, "/proc/self/fd/%d", fd);
	return fd;
}
