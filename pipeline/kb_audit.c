/* kb_audit.c - see kb_audit.h. The audit is written one document at a time: the
 * current document's record, tables and findings are held until the next document
 * starts (shards list a document's tables before its findings), then its part of
 * the text and HTML reports goes to a temporary body file and is dropped. Only the
 * counts live until the end, when the header, the bodies and the footer are put
 * together, so memory does not grow with the corpus. */
#include "kb_audit.h"
#include "check.h"
#include "kb_buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct { const char *name, *format; } outputs[] = {
	{ "audit.txt", "text" }, { "audit.html", "html" },
};
#define N_OUT (sizeof outputs / sizeof *outputs)
#define AUDIT_BUF ((size_t)1 << 16)

typedef struct counter {
	char *name;
	size_t n;
} counter;

/* A record of the current document, kept as text until the document ends. */
typedef struct held {
	int kind; /* 0 documents, 1 tables, 2 findings */
	size_t off, len;
	size_t label_off, label_len; /* tables: the JSON text of "label" in text, or 0, 0 */
} held;

struct kb_audit {
	counter *counts;    /* per table, and the error and severity counts */
	size_t n_counts, last;
	json_t *stats;      /* built from counts when asked */
	kb_buf text;        /* the current document's records */
	held *held;
	size_t n_held, cap_held, n_findings;
	int open;           /* a documents record was seen */
	FILE *body[N_OUT];  /* report parts so far */
	char *bufs;         /* their stdio buffers, AUDIT_BUF each: 4 KB cost a write(2) per 4 KB */
	size_t reported;    /* documents with a part written */
	int failed;
};

kb_audit *kb_audit_new(void)
{
	kb_audit *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->bufs = malloc(N_OUT * AUDIT_BUF);
	int ok = a->bufs != NULL;
	for (size_t i = 0; ok && i < N_OUT; i++)
		ok = (a->body[i] = tmpfile()) != NULL && setvbuf(a->body[i], a->bufs + i * AUDIT_BUF, _IOFBF, AUDIT_BUF) == 0;
	if (!ok) {
		kb_audit_free(a);
		return NULL;
	}
	return a;
}

void kb_audit_free(kb_audit *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n_counts; i++)
		free(a->counts[i].name);
	free(a->counts);
	json_decref(a->stats);
	kb_buf_free(&a->text);
	free(a->held);
	for (size_t i = 0; i < N_OUT; i++)
		if (a->body[i])
			fclose(a->body[i]);
	free(a->bufs); /* after the files that used it */
	free(a);
}

static void count(kb_audit *a, const char *key)
{
	/* most calls count the table of the record before */
	if (a->last < a->n_counts && !strcmp(a->counts[a->last].name, key)) {
		a->counts[a->last].n++;
		return;
	}
	for (size_t i = 0; i < a->n_counts; i++)
		if (!strcmp(a->counts[i].name, key)) {
			a->counts[i].n++;
			a->last = i;
			return;
		}
	counter *c = realloc(a->counts, (a->n_counts + 1) * sizeof *c);
	char *name = strdup(key);
	if (c)
		a->counts = c;
	if (!c || !name) {
		free(name);
		a->failed = 1;
		return;
	}
	a->counts[a->n_counts++] = (counter){ name, 1 };
}

static size_t count_of(const kb_audit *a, const char *key)
{
	for (size_t i = 0; i < a->n_counts; i++)
		if (!strcmp(a->counts[i].name, key))
			return a->counts[i].n;
	return 0;
}

/* Whether a finding of doc names the held table h (by its label): the report looks tables up only by the label its findings give, so
 * the others (a table record holds every cell) need not be parsed. */
static int table_wanted(const json_t *doc, const char *text, const held *h, kb_buf *scratch)
{
	kb_span l = { text + h->label_off, h->label_len };
	if (!l.n || l.p[0] != '"')
		return 0; /* no label: never looked up */
	scratch->len = 0;
	if (kb_jscan_string(l, scratch) || kb_buf_putc(scratch, '\0'))
		return 1; /* out of memory: parse it, as before */
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		const char *t = json_string_value(json_object_get(f, "table"));
		if (t && !strcmp(t, scratch->p))
			return 1;
	}
	return 0;
}

/* The current document as the report wants it: {"documents":[d],"tables":[..],
 * "findings":[..]}, with only the tables its findings name. */
static json_t *doc_json(kb_audit *a)
{
	static const char *const kinds[] = { "documents", "tables", "findings" };
	json_t *doc = json_pack("{s:[],s:[],s:[]}", kinds[0], kinds[1], kinds[2]);
	kb_buf scratch = { NULL, 0, 0 };
	/* tables last: the findings decide which are parsed */
	for (size_t k = 0; doc && k < 2 * a->n_held; k++) {
		const held *h = &a->held[k % a->n_held];
		if ((h->kind == 1) != (k >= a->n_held))
			continue;
		if (h->kind == 1 && !table_wanted(doc, a->text.p, h, &scratch))
			continue;
		/* the text is kb_json's (own lines, or checked or rewritten by kb_line) */
		json_t *r = kb_jscan_load(a->text.p + h->off, h->len);
		if (!r || json_array_append_new(json_object_get(doc, kinds[h->kind]), r)) {
			json_decref(doc);
			doc = NULL;
		}
	}
	kb_buf_free(&scratch);
	return doc;
}

/* Write the current document's part of each report, then forget it. */
static void flush_doc(kb_audit *a)
{
	if (a->n_findings) {
		json_t *doc = doc_json(a);
		if (!doc)
			a->failed = 1;
		for (size_t i = 0; doc && i < N_OUT; i++)
			if (litx_check_report_part(doc, json_object_get(doc, "findings"), a->reported, outputs[i].format,
						   a->body[i]))
				a->failed = 1;
		json_decref(doc);
		a->reported++;
	}
	a->text.len = 0;
	a->n_held = a->n_findings = 0;
}

static int hold(kb_audit *a, int kind, kb_span rec, const kb_members *m)
{
	if (a->n_held == a->cap_held) {
		size_t cap = a->cap_held ? a->cap_held * 2 : 16;
		held *h = realloc(a->held, cap * sizeof *h);
		if (!h)
			return -1;
		a->held = h;
		a->cap_held = cap;
	}
	held *h = &a->held[a->n_held++];
	*h = (held){ kind, a->text.len, rec.n, 0, 0 };
	const kb_span *label = kind == 1 ? kb_members_get(m, "label") : NULL;
	if (label) { /* m are rec's members: label points into rec */
		h->label_off = a->text.len + (size_t)(label->p - rec.p);
		h->label_len = label->n;
	}
	return kb_buf_put(&a->text, rec.p, rec.n);
}

/* Whether the member `key` is the JSON string `want`. */
static int member_is(const kb_members *m, const char *key, const char *want)
{
	const kb_span *v = kb_members_get(m, key);
	size_t n = strlen(want);
	return v && v->n == n + 2 && v->p[0] == '"' && !memcmp(v->p + 1, want, n);
}

int kb_audit_record(kb_audit *a, const char *table, kb_span rec, const kb_members *m)
{
	count(a, table);
	if (!strcmp(table, "documents")) {
		flush_doc(a);
		a->open = 1;
		if (member_is(m, "status", "error"))
			count(a, "documents_error");
		return hold(a, 0, rec, m);
	}
	if (!a->open || (strcmp(table, "tables") && strcmp(table, "findings")))
		return 0;
	if (!strcmp(table, "findings")) {
		if (member_is(m, "severity", "error"))
			count(a, "findings_error");
		else if (member_is(m, "severity", "warning"))
			count(a, "findings_warning");
		else
			count(a, "findings_info");
		a->n_findings++;
		return hold(a, 2, rec, m);
	}
	return hold(a, 1, rec, m);
}

const json_t *kb_audit_stats(kb_audit *a)
{
	json_decref(a->stats);
	a->stats = json_object();
	for (size_t i = 0; a->stats && i < a->n_counts; i++)
		if (json_object_set_new(a->stats, a->counts[i].name, json_integer((json_int_t)a->counts[i].n))) {
			json_decref(a->stats);
			a->stats = NULL;
		}
	return a->stats;
}

int kb_audit_write(kb_audit *a, const char *dir)
{
	flush_doc(a);
	if (a->failed)
		return -1;
	size_t n = count_of(a, "findings"), err = count_of(a, "findings_error");
	size_t warn = count_of(a, "findings_warning"), info = count_of(a, "findings_info");
	int rc = 0;
	for (size_t i = 0; i < N_OUT; i++) {
		char tmp[4096], fin[4096];
		if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, outputs[i].name) >= sizeof tmp ||
		    (size_t)snprintf(fin, sizeof fin, "%s/%s", dir, outputs[i].name) >= sizeof fin) {
			rc = -1;
			continue;
		}
		FILE *f = fopen(tmp, "w");
		int r = f ? 0 : -1;
		if (f && (litx_check_report_begin(NULL, n, err, warn, info, outputs[i].format, f) ||
			  kb_file_copy(a->body[i], f) || litx_check_report_end(outputs[i].format, f)))
			r = -1;
		if (f && fclose(f))
			r = -1;
		if (r == 0 && rename(tmp, fin) == 0)
			continue;
		fprintf(stderr, "litx: cannot write %s\n", fin);
		unlink(tmp);
		rc = -1;
	}
	return rc;
}
