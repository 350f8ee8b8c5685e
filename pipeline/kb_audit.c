/* kb_audit.c - see kb_audit.h. The audit is written one document at a time: the
 * current document's record, tables and findings are held until the next document
 * starts (shards list a document's tables before its findings), then its part of
 * the text and HTML reports goes to a temporary body file and is dropped. Only the
 * counts live until the end, when the header, the bodies and the footer are put
 * together, so memory does not grow with the corpus. */
#include "kb_audit.h"
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct { const char *name, *format; } outputs[] = {
	{ "audit.txt", "text" }, { "audit.html", "html" },
};
#define N_OUT (sizeof outputs / sizeof *outputs)

struct kb_audit {
	json_t *stats;
	json_t *doc;        /* the current document: {"documents":[d],"tables":[..],"findings":[..]} */
	FILE *body[N_OUT];  /* report parts so far */
	size_t reported;    /* documents with a part written */
	int failed;
};

kb_audit *kb_audit_new(void)
{
	kb_audit *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->stats = json_object();
	int ok = a->stats != NULL;
	for (size_t i = 0; ok && i < N_OUT; i++)
		ok = (a->body[i] = tmpfile()) != NULL;
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
	json_decref(a->stats);
	json_decref(a->doc);
	for (size_t i = 0; i < N_OUT; i++)
		if (a->body[i])
			fclose(a->body[i]);
	free(a);
}

static void count(kb_audit *a, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(a->stats, key));
	json_object_set_new(a->stats, key, json_integer(n + 1));
}

/* Write the current document's part of each report, then forget it. */
static void flush_doc(kb_audit *a)
{
	json_t *findings = a->doc ? json_object_get(a->doc, "findings") : NULL;
	if (json_array_size(findings)) {
		for (size_t i = 0; i < N_OUT; i++)
			if (litx_check_report_part(a->doc, findings, a->reported, outputs[i].format, a->body[i]))
				a->failed = 1;
		a->reported++;
	}
	json_decref(a->doc);
	a->doc = NULL;
}

int kb_audit_record(kb_audit *a, const char *table, const json_t *rec)
{
	count(a, table);
	if (!strcmp(table, "documents")) {
		flush_doc(a);
		a->doc = json_pack("{s:[O],s:[],s:[]}", "documents", rec, "tables", "findings");
		const char *st = json_string_value(json_object_get(rec, "status"));
		if (st && !strcmp(st, "error"))
			count(a, "documents_error");
		return a->doc ? 0 : -1;
	}
	if (!a->doc || (strcmp(table, "tables") && strcmp(table, "findings")))
		return 0;
	if (!strcmp(table, "findings")) {
		const char *sev = json_string_value(json_object_get(rec, "severity"));
		if (sev && (!strcmp(sev, "error") || !strcmp(sev, "warning"))) {
			char key[32];
			snprintf(key, sizeof key, "findings_%s", sev);
			count(a, key);
		} else {
			count(a, "findings_info");
		}
	}
	return json_array_append(json_object_get(a->doc, table), (json_t *)rec);
}

const json_t *kb_audit_stats(const kb_audit *a)
{
	return a->stats;
}

static int copy_file(FILE *from, FILE *to)
{
	char buf[1 << 15];
	size_t n;
	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		if (fwrite(buf, 1, n, to) != n)
			return -1;
	return ferror(from) ? -1 : 0;
}

int kb_audit_write(kb_audit *a, const char *dir)
{
	flush_doc(a);
	if (a->failed)
		return -1;
	size_t n = (size_t)json_integer_value(json_object_get(a->stats, "findings"));
	size_t err = (size_t)json_integer_value(json_object_get(a->stats, "findings_error"));
	size_t warn = (size_t)json_integer_value(json_object_get(a->stats, "findings_warning"));
	size_t info = (size_t)json_integer_value(json_object_get(a->stats, "findings_info"));
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
			  copy_file(a->body[i], f) || litx_check_report_end(outputs[i].format, f)))
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
