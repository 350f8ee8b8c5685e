/* citations.c - the `citations` plugin: one record per citation callout, one per
 * reference-list entry.
 *
 * The core has already marked every callout as a LITX_SPAN_CITE span with its
 * labels expanded (pipeline/callout.c), so this plugin only reports them:
 *   - "citations": labels, kind, the text as written, where it is (line, offset,
 *     snippet, section). Superscripts that look like callouts but name a label past
 *     the end of the reference list are reported here too, with "dangling": true
 *     and empty labels (their numbers in "printed_labels"); every other record has
 *     "dangling": false. There is no separate table for them.
 *   - "references": the entry's fields, tagged by the JATS reader where it could,
 *     else read from the printed entry by the core's reference parser
 *     (pipeline/refparse.c); "missing" names the expected fields that are absent;
 *     "cited" counts the callout labels pointing at the entry.
 * State per thread holds the parser's scratch, so extract() allocates per record
 * only what it emits. */
#include <litx/plugin.h>
#include "callout.h"
#include "refparse.h"
#include <stdlib.h>
#include <string.h>

/* Record keys here are ASCII literals: they are set without jansson's UTF-8 check
 * of the key (json_object_set_new_nocheck), which was a measurable part of making
 * thousands of records per document. Whole strings of the document (an entry as
 * printed, a label, a tagged field) and pieces of them cut at an ASCII byte (';')
 * skip it too: the document's text is valid UTF-8 (include/litx/doc.h). What is cut
 * or rewritten elsewhere (a callout's span, a field the parser trimmed, an author
 * it formatted) keeps the check. */

typedef struct cite_state {
	litx_refparsed rp;
	char *buf;          /* field scratch */
	size_t cap;
	size_t *cited;      /* per reference */
	size_t cited_cap;
	long *num2ref;      /* numeric label -> index + 1 */
	size_t num_cap;
} cite_state;

static int cite_init(void **state)
{
	cite_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	*state = st;
	return 0;
}

static void cite_fini(void *state)
{
	cite_state *st = state;
	if (!st)
		return;
	free(st->buf);
	free(st->cited);
	free(st->num2ref);
	free(st);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (*cap >= need)
		return 0;
	size_t nc = need < 64 ? 64 : need;
	void *q = realloc(*p, nc * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = nc;
	return 0;
}

static const char *kind_name(litx_cite_kind k)
{
	switch (k) {
	case LITX_CITE_SUPERSCRIPT: return "superscript";
	case LITX_CITE_TEXTUAL: return "textual";
	case LITX_CITE_XREF: return "xref";
	case LITX_CITE_AUTHOR_YEAR: return "author_year";
	case LITX_CITE_NONE: break;
	}
	return "textual";
}

static json_t *split_labels(const char *labels)
{
	json_t *a = json_array();
	for (const char *p = labels; a && p && *p;) {
		const char *q = strchr(p, ';');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n)
			json_array_append_new(a, json_stringn_nocheck(p, n));
		if (!q)
			break;
		p = q + 1;
	}
	return a;
}

static json_t *section_of(const litx_doc *doc, int sec)
{
	if (sec < 0 || (size_t)sec >= doc->n_sections)
		return json_null();
	const litx_section *s = &doc->sections[sec];
	return json_string_nocheck(s->number && *s->number ? s->number : s->title ? s->title : "");
}

/* ---- strings repeated through a document's records ---- */

/* The same few strings ("xref", "paragraph", a table's label, "volume" in
 * "missing") go into record after record: one value per document, shared by the
 * records (their reference counts are atomic in jansson, as for the doc_id the
 * host shares) instead of two allocations per record. Keyed by the string's
 * address: literals, or strings of the document. */
#define N_SHARED 32
typedef struct shared {
	const char *key[N_SHARED];
	json_t *val[N_SHARED];
	size_t n;
} shared;

/* The shared value of s; NULL when it cannot be made (the caller makes one of its
 * own then, which fails the same way on no memory). */
static json_t *shared_str(shared *sh, const char *s)
{
	for (size_t i = 0; i < sh->n; i++)
		if (sh->key[i] == s)
			return sh->val[i];
	if (sh->n == N_SHARED)
		return NULL;
	json_t *v = json_string_nocheck(s);
	if (!v)
		return NULL;
	sh->key[sh->n] = s;
	sh->val[sh->n++] = v;
	return v;
}

/* rec[key] = the string s, shared when it can be. */
static void set_shared(json_t *rec, const char *key, shared *sh, const char *s)
{
	json_t *v = shared_str(sh, s);
	if (v)
		json_object_set_nocheck(rec, key, v);
	else
		json_object_set_new_nocheck(rec, key, json_string_nocheck(s));
}

static void shared_free(shared *sh)
{
	for (size_t i = 0; i < sh->n; i++)
		json_decref(sh->val[i]);
	sh->n = 0;
}

/* ---- reference index, for "cited" ---- */

typedef struct refmap {
	const litx_doc *doc;
	cite_state *st;
	long last;
	shared sh;
} refmap;

static int refmap_build(refmap *m, const litx_doc *doc, cite_state *st)
{
	m->doc = doc;
	m->st = st;
	m->last = 0;
	m->sh.n = 0;
	if (grow((void **)&st->cited, &st->cited_cap, doc->n_refs + 1, sizeof *st->cited))
		return -1;
	memset(st->cited, 0, (doc->n_refs + 1) * sizeof *st->cited);
	for (size_t i = 0; i < doc->n_refs; i++) {
		long v = litx_callout_label_value(doc->refs[i].label);
		if (v > m->last && v <= 100000)
			m->last = v;
	}
	if (m->last > 0) {
		if (grow((void **)&st->num2ref, &st->num_cap, (size_t)m->last + 1, sizeof *st->num2ref))
			return -1;
		memset(st->num2ref, 0, ((size_t)m->last + 1) * sizeof *st->num2ref);
		for (size_t i = 0; i < doc->n_refs; i++) {
			long v = litx_callout_label_value(doc->refs[i].label);
			if (v >= 1 && v <= m->last && !st->num2ref[v])
				st->num2ref[v] = (long)i + 1;
		}
	}
	return 0;
}

static void refmap_count(refmap *m, const char *l, size_t n)
{
	const litx_doc *doc = m->doc;
	for (size_t i = 0; i < doc->n_refs; i++) {
		const char *rl = doc->refs[i].label;
		if (rl && strlen(rl) == n && memcmp(rl, l, n) == 0) {
			m->st->cited[i]++;
			return;
		}
	}
}

static void count_labels(refmap *m, const char *labels)
{
	for (const char *p = labels; p && *p;) {
		const char *q = strchr(p, ';');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		/* the common case, a label printed as a number, without a search */
		long v = 0;
		size_t k = 0;
		while (k < n && k < 7 && p[k] >= '0' && p[k] <= '9')
			v = v * 10 + (p[k++] - '0');
		long ri = (k == n && v >= 1 && v <= m->last) ? m->st->num2ref[v] : 0;
		if (ri && !strncmp(m->doc->refs[ri - 1].label, p, n) && !m->doc->refs[ri - 1].label[n])
			m->st->cited[ri - 1]++;
		else if (n)
			refmap_count(m, p, n);
		if (!q)
			break;
		p = q + 1;
	}
}

/* ---- callouts ---- */

typedef struct where {
	json_t *section;    /* borrowed */
	const char *place;  /* "paragraph", "caption", "table" ... */
	const char *table;  /* the table's label, NULL outside tables */
} where;

static int emit_text(const litx_doc *doc, litx_sink *sink, refmap *m, const litx_text *t,
		     const where *w)
{
	(void)doc;
	for (size_t i = 0; i < t->n_spans; i++) {
		const litx_span *sp = &t->spans[i];
		if (sp->kind != LITX_SPAN_CITE || sp->end <= sp->start || sp->end > t->len)
			continue;
		json_t *rec = json_object();
		if (!rec)
			return -1;
		json_object_set_new_nocheck(rec, "labels", split_labels(sp->labels));
		set_shared(rec, "kind", &m->sh, kind_name(sp->cite));
		json_object_set_new_nocheck(rec, "text", json_stringn(t->s + sp->start, sp->end - sp->start));
		json_object_set_new_nocheck(rec, "dangling", json_false());
		litx_rec_locate(rec, t, sp->start, sp->end);
		json_object_set_nocheck(rec, "section", w->section);
		set_shared(rec, "where", &m->sh, w->place);
		if (w->table)
			set_shared(rec, "table", &m->sh, w->table);
		count_labels(m, sp->labels);
		if (litx_emit(sink, "citations", rec))
			return -1;
	}
	return 0;
}

/* A grid cell repeated for a row or column span: the same text left or above. */
static int repeated(const litx_text *grid, size_t n_cols, size_t k)
{
	if (!grid[k].len)
		return 0;
	return (k % n_cols && grid[k - 1].s == grid[k].s) ||
	       (k >= n_cols && grid[k - n_cols].s == grid[k].s);
}

static const char *block_place(litx_block_kind k)
{
	switch (k) {
	case LITX_BLOCK_PARAGRAPH: return "paragraph";
	case LITX_BLOCK_CAPTION: return "caption";
	case LITX_BLOCK_ABSTRACT: return "abstract";
	case LITX_BLOCK_FOOTNOTE: return "footnote";
	}
	return "paragraph";
}

static int emit_callouts(const litx_doc *doc, litx_sink *sink, refmap *m)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < doc->n_blocks; i++) {
		const litx_block *b = &doc->blocks[i];
		where w = { section_of(doc, b->section), block_place(b->kind), NULL };
		rc = emit_text(doc, sink, m, &b->text, &w);
		json_decref(w.section);
	}
	for (size_t i = 0; rc == 0 && i < doc->n_tables; i++) {
		const litx_table *tb = &doc->tables[i];
		where w = { section_of(doc, tb->section), "table caption", tb->label };
		rc = emit_text(doc, sink, m, &tb->caption, &w);
		w.place = "table";
		for (size_t k = 0; rc == 0 && tb->head && tb->n_cols && k < tb->n_head * tb->n_cols; k++)
			if (!repeated(tb->head, tb->n_cols, k))
				rc = emit_text(doc, sink, m, &tb->head[k], &w);
		for (size_t k = 0; rc == 0 && tb->cells && tb->n_cols && k < tb->n_rows * tb->n_cols; k++)
			if (!repeated(tb->cells, tb->n_cols, k))
				rc = emit_text(doc, sink, m, &tb->cells[k], &w);
		w.place = "table foot";
		for (size_t k = 0; rc == 0 && tb->foot && k < tb->n_foot; k++)
			rc = emit_text(doc, sink, m, &tb->foot[k], &w);
		json_decref(w.section);
	}
	return rc;
}

/* ---- dangling callouts ---- */

typedef struct dangle_ctx {
	litx_sink *sink;
	int failed;
} dangle_ctx;

static void on_dangling(const litx_text *t, const litx_span *sup, void *arg)
{
	dangle_ctx *d = arg;
	long nums[64];
	long n = litx_callout_numbers(t->s + sup->start, sup->end - sup->start, 0, nums, 64);
	json_t *rec = json_object();
	json_t *printed = json_array();
	if (!rec || !printed) {
		json_decref(rec);
		json_decref(printed);
		d->failed = 1;
		return;
	}
	for (long i = 0; i < n; i++) {
		char num[24];
		snprintf(num, sizeof num, "%ld", nums[i]);
		json_array_append_new(printed, json_string(num));
	}
	json_object_set_new_nocheck(rec, "labels", json_array());
	json_object_set_new_nocheck(rec, "kind", json_string("superscript"));
	json_object_set_new_nocheck(rec, "text", json_stringn(t->s + sup->start, sup->end - sup->start));
	json_object_set_new_nocheck(rec, "dangling", json_true());
	json_object_set_new_nocheck(rec, "printed_labels", printed);
	litx_rec_locate(rec, t, sup->start, sup->end);
	if (litx_emit(d->sink, "citations", rec))
		d->failed = 1;
}

/* ---- references ---- */

static json_t *field(cite_state *st, const char *tagged, const char *raw, litx_rf_field f)
{
	if (tagged && *tagged)
		return json_string_nocheck(tagged);
	size_t n = litx_refparse_field(raw, &st->rp, f, st->buf, st->cap);
	return n ? json_stringn(st->buf, n) : json_null();
}

static json_t *authors_of(cite_state *st, const litx_ref *r)
{
	json_t *a = json_array();
	if (!a)
		return NULL;
	if (r->authors && *r->authors) {
		for (const char *p = r->authors; *p;) {
			while (*p == ' ')
				p++;
			const char *q = strchr(p, ';');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			while (n && p[n - 1] == ' ')
				n--;
			if (n)
				json_array_append_new(a, json_stringn_nocheck(p, n));
			if (!q)
				break;
			p = q + 1;
		}
		return a;
	}
	for (size_t i = 0; i < st->rp.n_names; i++) {
		size_t n = litx_refparse_name(r->raw.s, &st->rp.names[i], st->buf, st->cap);
		if (n)
			json_array_append_new(a, json_stringn(st->buf, n));
	}
	return a;
}

static int present(const json_t *v)
{
	return v && !json_is_null(v) && !(json_is_array(v) && json_array_size(v) == 0);
}

/* The fields a reference of its kind should have and lacks; has[] says which of
 * these are present (looked at before the values go into the record, which takes
 * them over, so the record is not searched for them). */
enum { M_AUTHORS, M_YEAR, M_TITLE, M_JOURNAL, M_VOLUME, M_PAGES, M_N };

static json_t *missing_of(const int has[M_N], shared *sh)
{
	static const int ARTICLE[] = { M_AUTHORS, M_YEAR, M_JOURNAL, M_VOLUME, M_PAGES, -1 };
	static const int OTHER[] = { M_AUTHORS, M_YEAR, M_TITLE, -1 };
	static const char *const NAME[M_N] = { "authors", "year", "title", "journal", "volume",
					       "pages" };
	int article = has[M_JOURNAL] || has[M_VOLUME];
	json_t *a = json_array();
	for (const int *k = article ? ARTICLE : OTHER; a && *k >= 0; k++)
		if (!has[*k]) {
			json_t *v = shared_str(sh, NAME[*k]);
			if (v)
				json_array_append(a, v);
			else
				json_array_append_new(a, json_string_nocheck(NAME[*k]));
		}
	return a;
}

static int emit_references(const litx_doc *doc, litx_sink *sink, cite_state *st, shared *sh)
{
	for (size_t i = 0; i < doc->n_refs; i++) {
		const litx_ref *r = &doc->refs[i];
		const char *raw = r->raw.s ? r->raw.s : "";
		if (grow((void **)&st->buf, &st->cap, r->raw.len + 512, 1))
			return -1;
		if (litx_refparse(raw, r->raw.len, r->raw.spans, r->raw.n_spans, &st->rp))
			return -1;
		json_t *rec = json_object();
		if (!rec)
			return -1;
		uint32_t line = 0;
		size_t off = 0;
		litx_text_locate(&r->raw, 0, &line, &off);
		json_object_set_new_nocheck(rec, "label", json_string_nocheck(r->label ? r->label : ""));
		json_object_set_new_nocheck(rec, "label_printed", json_boolean(r->label_printed));
		json_object_set_new_nocheck(rec, "raw", json_stringn_nocheck(raw, r->raw.len));
		json_t *f[M_N];
		f[M_AUTHORS] = authors_of(st, r);
		f[M_TITLE] = field(st, r->title, raw, LITX_RF_TITLE);
		f[M_JOURNAL] = field(st, r->journal, raw, LITX_RF_JOURNAL);
		f[M_YEAR] = field(st, r->year, raw, LITX_RF_YEAR);
		f[M_VOLUME] = field(st, r->volume, raw, LITX_RF_VOLUME);
		json_t *issue = field(st, r->issue, raw, LITX_RF_ISSUE);
		f[M_PAGES] = field(st, r->pages, raw, LITX_RF_PAGES);
		int has[M_N];
		for (int k = 0; k < M_N; k++)
			has[k] = present(f[k]);
		json_object_set_new_nocheck(rec, "authors", f[M_AUTHORS]);
		json_object_set_new_nocheck(rec, "title", f[M_TITLE]);
		json_object_set_new_nocheck(rec, "journal", f[M_JOURNAL]);
		json_object_set_new_nocheck(rec, "year", f[M_YEAR]);
		json_object_set_new_nocheck(rec, "volume", f[M_VOLUME]);
		json_object_set_new_nocheck(rec, "issue", issue);
		json_object_set_new_nocheck(rec, "pages", f[M_PAGES]);
		json_object_set_new_nocheck(rec, "doi", field(st, r->doi, raw, LITX_RF_DOI));
		if (r->id)
			json_object_set_new_nocheck(rec, "ref_id", json_string_nocheck(r->id));
		json_object_set_new_nocheck(rec, "missing", missing_of(has, sh));
		json_object_set_new_nocheck(rec, "line", json_integer(line));
		json_object_set_new_nocheck(rec, "offset", json_integer((json_int_t)off));
		json_object_set_new_nocheck(rec, "cited", json_integer((json_int_t)st->cited[i]));
		if (litx_emit(sink, "references", rec))
			return -1;
	}
	return 0;
}

static int cite_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	cite_state local = { 0 }, *st = state ? state : &local;
	refmap m;
	int rc = 0;
	if (refmap_build(&m, doc, st)) {
		litx_sink_fail(sink, "out of memory");
		rc = -1;
	}
	if (rc == 0 && emit_callouts(doc, sink, &m)) {
		litx_sink_fail(sink, "cannot emit a citation record (out of memory?)");
		rc = -1;
	}
	if (rc == 0) {
		dangle_ctx d = { sink, 0 };
		litx_callouts_dangling(doc, on_dangling, &d);
		if (d.failed) {
			litx_sink_fail(sink, "cannot emit a dangling-callout record (out of memory?)");
			rc = -1;
		}
	}
	if (rc == 0 && emit_references(doc, sink, st, &m.sh)) {
		litx_sink_fail(sink, "cannot emit a reference record (out of memory?)");
		rc = -1;
	}
	shared_free(&m.sh);
	if (st == &local) {
		free(local.buf);
		free(local.cited);
		free(local.num2ref);
	}
	return rc;
}

LITX_PLUGIN_DEFINE(((litx_plugin){
	.abi_version = LITX_ABI_VERSION,
	.struct_size = sizeof(litx_plugin),
	.name = "citations",
	.version = "0.1.0",
	.description = "citation callouts (superscript, textual, xref, author-year) and the reference list",
	.init = cite_init,
	.extract = cite_extract,
	.fini = cite_fini,
}));
