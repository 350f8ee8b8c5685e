/* kb_clusters.c - see kb_clusters.h.
 *
 * A cluster's documents and metrics grow with the corpus, so they are not kept
 * in memory: each (cluster, kind, string) goes to a spill file as its record
 * arrives, and a cluster keeps only its canonical name, mentions, metals, n_metal
 * and the last document it spilled (a document's records arrive together, so
 * that drops most repeats early). At emit the spill is sorted externally: runs of
 * at most RUN_BYTES are sorted in memory and written to a second file, then the
 * runs are merged, which gives the tuples by cluster (canonical order), kind
 * (documents, then metrics) and bytes; repeats are dropped as they pass. Memory
 * is then O(clusters + one run + the largest cluster record), whatever the corpus.
 *
 * A spilled tuple is a 4-byte cluster number (its index while adding, its rank
 * in canonical order in the runs), a kind byte, a 4-byte length and the bytes,
 * numbers little-endian. Decoded record strings hold no NUL (kb_jscan rejects
 * \u0000), so byte order is strcmp order. */
#include "kb_clusters.h"
#include "kb_json.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

enum { KIND_DOC, KIND_METRIC };
#define TUPLE_HEAD 9
#define RUN_BYTES ((size_t)4 << 20)
#define MERGE_CHUNK_MIN ((size_t)4 << 10)
#define MERGE_CHUNK_MAX ((size_t)64 << 10)

struct cluster {
	char *canonical;
	json_int_t mentions;
	json_t *metals, *n_metal; /* from the first formula that has metals, or NULL */
	char *last_doc;           /* the document spilled last for this cluster */
};

struct kb_clusters {
	json_t *index; /* canonical -> its index in v (an integer) */
	struct cluster *v;
	size_t n, cap;
	FILE *spill;   /* the tuples, in arrival order; NULL until the first */
	kb_buf str[4]; /* decoded strings of the current record */
};

kb_clusters *kb_clusters_new(void)
{
	kb_clusters *c = calloc(1, sizeof *c);
	if (c && !(c->index = json_object())) {
		free(c);
		c = NULL;
	}
	return c;
}

void kb_clusters_free(kb_clusters *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].canonical);
		json_decref(c->v[i].metals);
		json_decref(c->v[i].n_metal);
		free(c->v[i].last_doc);
	}
	free(c->v);
	json_decref(c->index);
	if (c->spill)
		fclose(c->spill);
	for (size_t i = 0; i < sizeof c->str / sizeof *c->str; i++)
		kb_buf_free(&c->str[i]);
	free(c);
}

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The member `key` decoded into c->str[slot] when it is a string, else NULL
 * (as json_string_value would give). */
static const char *string_of(kb_clusters *c, int slot, const kb_members *m, const char *key)
{
	const kb_span *v = kb_members_get(m, key);
	kb_buf *b = &c->str[slot];
	b->len = 0;
	if (!v || v->p[0] != '"' || kb_jscan_string(*v, b) || kb_buf_putc(b, '\0'))
		return NULL;
	return b->p;
}

/* The index of the cluster `canonical` in c->v, made when new; or -1. */
static int cluster_of(kb_clusters *c, const char *canonical, size_t *k)
{
	json_t *i = json_object_get(c->index, canonical);
	if (i) {
		*k = (size_t)json_integer_value(i);
		return 0;
	}
	if (c->n == UINT32_MAX)
		return -1;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct cluster *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	char *name = strdup(canonical);
	if (!name || json_object_set_new(c->index, canonical, json_integer((json_int_t)c->n))) {
		free(name);
		return -1;
	}
	c->v[c->n] = (struct cluster){ name, 0, NULL, NULL, NULL };
	*k = c->n++;
	return 0;
}

static int spill(kb_clusters *c, size_t k, int kind, const char *s)
{
	size_t n = strlen(s);
	unsigned char h[TUPLE_HEAD];
	if (n > UINT32_MAX || (!c->spill && !(c->spill = tmpfile())))
		return -1;
	put_u32(h, (uint32_t)k);
	h[4] = (unsigned char)kind;
	put_u32(h + 5, (uint32_t)n);
	return fwrite(h, 1, sizeof h, c->spill) == sizeof h && fwrite(s, 1, n, c->spill) == n ? 0 : -1;
}

static json_t *value_of(const kb_members *m, const char *key)
{
	const kb_span *v = kb_members_get(m, key);
	return v ? json_loadb(v->p, v->n, JSON_DECODE_ANY, NULL) : NULL;
}

static int add_formula(kb_clusters *c, const kb_members *m)
{
	const char *doc = string_of(c, 0, m, "doc_id"), *kind = string_of(c, 1, m, "kind");
	const char *can = string_of(c, 2, m, "canonical");
	size_t k;
	if (!can || (kind && strcmp(kind, "cluster")))
		return 0;
	if (cluster_of(c, can, &k))
		return -1;
	struct cluster *cl = &c->v[k];
	cl->mentions++;
	if (doc && (!cl->last_doc || strcmp(cl->last_doc, doc))) {
		char *last = strdup(doc);
		if (!last || spill(c, k, KIND_DOC, doc)) {
			free(last);
			return -1;
		}
		free(cl->last_doc);
		cl->last_doc = last;
	}
	if (!cl->metals && kb_members_get(m, "metals")) {
		json_t *metals = value_of(m, "metals");
		if (!metals)
			return -1;
		cl->metals = metals;
		cl->n_metal = value_of(m, "n_metal");
	}
	return 0;
}

static int add_metric(kb_clusters *c, const kb_members *m)
{
	const char *can = string_of(c, 0, m, "catalyst_canonical"), *metric = string_of(c, 1, m, "metric");
	size_t k;
	if (!can || !*can || !metric)
		return 0;
	if (cluster_of(c, can, &k))
		return -1;
	char val[64] = "";
	const kb_span *v = kb_members_get(m, "value");
	if (v && (v->p[0] == '-' || (v->p[0] >= '0' && v->p[0] <= '9')) &&
	    kb_jscan_number_g15(v->p, v->n, val, sizeof val) < 0)
		return -1;
	const char *unit = string_of(c, 2, m, "unit"), *doc = string_of(c, 3, m, "doc_id");
	char *item = NULL;
	if (asprintf(&item, "%s=%s%s%s [%s]", metric, val, unit ? " " : "", unit ? unit : "", doc ? doc : "") < 0)
		return -1;
	int rc = spill(c, k, KIND_METRIC, item);
	free(item);
	return rc;
}

int kb_clusters_add(kb_clusters *c, const char *table, const kb_members *m)
{
	if (!strcmp(table, "formulas"))
		return add_formula(c, m);
	if (!strcmp(table, "metrics"))
		return add_metric(c, m);
	return 0;
}

/* Order of tuples: cluster rank, kind, then bytes. */
static int tuple_cmp(const unsigned char *a, const unsigned char *b)
{
	uint32_t ra = get_u32(a), rb = get_u32(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a[4] != b[4])
		return a[4] < b[4] ? -1 : 1;
	return kb_key_cmp((const char *)a + TUPLE_HEAD, get_u32(a + 5), (const char *)b + TUPLE_HEAD, get_u32(b + 5));
}

static int tuple_ptr_cmp(const void *a, const void *b)
{
	return tuple_cmp(*(const unsigned char *const *)a, *(const unsigned char *const *)b);
}

/* The sorted runs: one file, each run a range of it. */
typedef struct runs {
	FILE *f;
	off_t *end; /* run i is [end[i-1], end[i]) (run 0 starts at 0) */
	size_t n, cap;
	off_t size;
} runs;

/* Sort the tuples of buf (back to back) and append them to r as one run, each
 * distinct tuple once. */
static int write_run(runs *r, const kb_buf *buf, size_t count)
{
	const unsigned char **t = malloc((count ? count : 1) * sizeof *t);
	if (!t)
		return -1;
	const unsigned char *p = (const unsigned char *)buf->p;
	for (size_t i = 0; i < count; i++) {
		t[i] = p;
		p += TUPLE_HEAD + get_u32(p + 5);
	}
	qsort(t, count, sizeof *t, tuple_ptr_cmp);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		size_t n = TUPLE_HEAD + get_u32(t[i] + 5);
		if (i && !tuple_cmp(t[i], t[i - 1]))
			continue;
		if (fwrite(t[i], 1, n, r->f) != n)
			rc = -1;
		r->size += (off_t)n;
	}
	free(t);
	if (rc == 0 && r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		off_t *end = realloc(r->end, cap * sizeof *end);
		if (!end)
			return -1;
		r->end = end;
		r->cap = cap;
	}
	if (rc == 0)
		r->end[r->n++] = r->size;
	return rc;
}

/* Read the spill of c into sorted runs, with cluster indexes turned into ranks. */
static int make_runs(kb_clusters *c, const uint32_t *rank, runs *r)
{
	kb_buf buf = { NULL, 0, 0 };
	size_t count = 0;
	unsigned char h[TUPLE_HEAD];
	int rc = fflush(c->spill) || ferror(c->spill) || fseeko(c->spill, 0, SEEK_SET) ||
		 !(r->f = tmpfile()) || kb_buf_reserve(&buf, RUN_BYTES) ? -1 : 0;
	while (rc == 0) {
		size_t got = fread(h, 1, sizeof h, c->spill);
		if (got == 0 && feof(c->spill))
			break;
		size_t n = get_u32(h + 5);
		uint32_t k = get_u32(h);
		if (got != sizeof h || k >= c->n) {
			rc = -1;
			break;
		}
		if (count && buf.len + TUPLE_HEAD + n > RUN_BYTES) {
			rc = write_run(r, &buf, count);
			buf.len = 0;
			count = 0;
		}
		put_u32(h, rank[k]);
		if (rc || kb_buf_reserve(&buf, TUPLE_HEAD + n)) {
			rc = -1;
			break;
		}
		memcpy(buf.p + buf.len, h, sizeof h);
		if (fread(buf.p + buf.len + TUPLE_HEAD, 1, n, c->spill) != n)
			rc = -1;
		buf.len += TUPLE_HEAD + n;
		count++;
	}
	if (rc == 0 && count)
		rc = write_run(r, &buf, count);
	kb_buf_free(&buf);
	if (rc == 0 && (fflush(r->f) || ferror(r->f)))
		rc = -1;
	return rc;
}

/* A reader of one run: its next bytes in a chunk, and its current tuple. */
typedef struct cursor {
	off_t pos, end;
	unsigned char *chunk;
	size_t off, len;
	kb_buf tuple; /* head and bytes, then a NUL */
} cursor;

static int cursor_read(FILE *f, cursor *u, size_t cap, void *dst, size_t n)
{
	unsigned char *d = dst;
	while (n) {
		if (u->off == u->len) {
			size_t want = u->end - u->pos < (off_t)cap ? (size_t)(u->end - u->pos) : cap;
			if (!want || fseeko(f, u->pos, SEEK_SET) || fread(u->chunk, 1, want, f) != want)
				return -1;
			u->pos += (off_t)want;
			u->off = 0;
			u->len = want;
		}
		size_t k = u->len - u->off < n ? u->len - u->off : n;
		memcpy(d, u->chunk + u->off, k);
		u->off += k;
		d += k;
		n -= k;
	}
	return 0;
}

/* Load the next tuple of u: 0, 1 at the end of its run, -1 on error. */
static int cursor_next(FILE *f, cursor *u, size_t cap)
{
	if (u->off == u->len && u->pos == u->end)
		return 1;
	u->tuple.len = 0;
	if (kb_buf_reserve(&u->tuple, TUPLE_HEAD) ||
	    cursor_read(f, u, cap, u->tuple.p, TUPLE_HEAD))
		return -1;
	size_t n = get_u32((unsigned char *)u->tuple.p + 5);
	if (kb_buf_reserve(&u->tuple, TUPLE_HEAD + n + 1) ||
	    cursor_read(f, u, cap, u->tuple.p + TUPLE_HEAD, n))
		return -1;
	u->tuple.len = TUPLE_HEAD + n;
	u->tuple.p[u->tuple.len] = '\0';
	return 0;
}

/* The merge of all runs: a min-heap of the cursors that still have a tuple. */
typedef struct merge {
	FILE *f;
	cursor *u;
	size_t n_u, *heap, n, chunk;
} merge;

static int heap_less(const merge *g, size_t a, size_t b)
{
	return tuple_cmp((unsigned char *)g->u[g->heap[a]].tuple.p, (unsigned char *)g->u[g->heap[b]].tuple.p) < 0;
}

static void sift_down(merge *g, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, s = i;
		if (l < g->n && heap_less(g, l, s))
			s = l;
		if (l + 1 < g->n && heap_less(g, l + 1, s))
			s = l + 1;
		if (s == i)
			return;
		size_t t = g->heap[i];
		g->heap[i] = g->heap[s];
		g->heap[s] = t;
		i = s;
	}
}

static void merge_free(merge *g)
{
	for (size_t i = 0; i < g->n_u; i++) {
		free(g->u[i].chunk);
		kb_buf_free(&g->u[i].tuple);
	}
	free(g->u);
	free(g->heap);
}

static int merge_start(merge *g, const runs *r)
{
	*g = (merge){ r->f, NULL, 0, NULL, 0, 0 };
	if (!r->n)
		return 0;
	g->chunk = RUN_BYTES / r->n;
	g->chunk = g->chunk < MERGE_CHUNK_MIN ? MERGE_CHUNK_MIN : g->chunk > MERGE_CHUNK_MAX ? MERGE_CHUNK_MAX : g->chunk;
	if (!(g->u = calloc(r->n, sizeof *g->u)) || !(g->heap = malloc(r->n * sizeof *g->heap)))
		return -1;
	for (size_t i = 0; i < r->n; i++) {
		cursor *u = &g->u[g->n_u++];
		u->pos = i ? r->end[i - 1] : 0;
		u->end = r->end[i];
		if (!(u->chunk = malloc(g->chunk)))
			return -1;
		int e = cursor_next(g->f, u, g->chunk);
		if (e < 0)
			return -1;
		if (e == 0)
			g->heap[g->n++] = i;
	}
	for (size_t i = g->n / 2; i-- > 0;)
		sift_down(g, i);
	return 0;
}

/* The smallest tuple not yet taken, or NULL when none is left. */
static const unsigned char *merge_top(const merge *g)
{
	return g->n ? (const unsigned char *)g->u[g->heap[0]].tuple.p : NULL;
}

static int merge_pop(merge *g)
{
	int e = cursor_next(g->f, &g->u[g->heap[0]], g->chunk);
	if (e < 0)
		return -1;
	if (e > 0)
		g->heap[0] = g->heap[--g->n];
	sift_down(g, 0);
	return 0;
}

/* Take the merged tuples of cluster `rank` into its documents and metrics, each
 * distinct string once. */
static int gather(merge *g, uint32_t rank, json_t *lists[2])
{
	const unsigned char *t;
	while ((t = merge_top(g)) && get_u32(t) == rank) {
		json_t *a = lists[t[4] == KIND_DOC ? 0 : 1];
		const char *s = (const char *)t + TUPLE_HEAD;
		size_t n = json_array_size(a);
		if ((!n || strcmp(json_string_value(json_array_get(a, n - 1)), s)) && json_array_append_new(a, json_string(s)))
			return -1;
		if (merge_pop(g))
			return -1;
	}
	return 0;
}

static int cluster_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct cluster *const *)a)->canonical, (*(const struct cluster *const *)b)->canonical);
}

int kb_clusters_emit(kb_clusters *c, kb_clusters_put put, void *ctx)
{
	const struct cluster **order = malloc((c->n ? c->n : 1) * sizeof *order);
	uint32_t *rank = malloc((c->n ? c->n : 1) * sizeof *rank);
	runs r = { NULL, NULL, 0, 0, 0 };
	merge g = { NULL, NULL, 0, NULL, 0, 0 };
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	int rc = order && rank ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < c->n; i++)
		order[i] = &c->v[i];
	if (rc == 0) {
		qsort(order, c->n, sizeof *order, cluster_cmp);
		for (size_t i = 0; i < c->n; i++)
			rank[order[i] - c->v] = (uint32_t)i;
	}
	if (rc == 0 && c->spill && (make_runs(c, rank, &r) || merge_start(&g, &r)))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		const struct cluster *k = order[i];
		json_t *lists[2] = { json_array(), json_array() };
		if (!lists[0] || !lists[1] || gather(&g, (uint32_t)i, lists)) {
			json_decref(lists[0]);
			json_decref(lists[1]);
			rc = -1;
			break;
		}
		json_t *rec = json_pack("{s:s,s:O,s:O,s:I,s:I,s:o,s:o}", "canonical", k->canonical,
			"n_metal", k->n_metal ? k->n_metal : json_null(), "metals", k->metals ? k->metals : json_null(),
			"mentions", k->mentions, "n_documents", (json_int_t)json_array_size(lists[0]),
			"documents", lists[0], "metrics", lists[1]);
		w.out.len = 0;
		if (!rec || kb_json_dump(&w, rec) || kb_members_read(&m, (kb_span){ w.out.p, w.out.len }, 0) ||
		    put(ctx, (kb_span){ w.out.p, w.out.len }, &m))
			rc = -1;
		json_decref(rec);
	}
	merge_free(&g);
	if (r.f)
		fclose(r.f);
	free(r.end);
	free(order);
	free(rank);
	kb_members_free(&m);
	kb_jw_free(&w);
	return rc;
}
