/* kb_audit.c - see kb_audit.h. The tables of the current document are held until
 * its findings have been seen (shards list a document's tables before its
 * findings); only tables that a finding names are kept. */
#include "kb_audit.h"
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct kb_audit {
	json_t *kb;        /* {"documents": [...], "tables": [...], "findings": [...]} */
	json_t *stats;
	json_t *doc;       /* the current document record */
	json_t *doc_tables; /* the current document's tables */
	int doc_kept;
};

kb_audit *kb_audit_new(void)
{
	kb_audit *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->kb = json_pack("{s:[],s:[],s:[]}", "documents", "tables", "findings");
	a->stats = json_object();
	a->doc_tables = json_array();
	if (!a->kb || !a->stats || !a->doc_tables) {
		kb_audit_free(a);
		return NULL;
	}
	return a;
}

void kb_audit_free(kb_audit *a)
{
	if (!a)
		return;
	json_decref(a->kb);
	json_decref(a->stats);
	json_decref(a->doc);
	json_decref(a->doc_tables);
	free(a);
}

static void count(kb_audit *a, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(a->stats, key));
	json_object_set_new(a->stats, key, json_integer(n + 1));
}

int kb_audit_record(kb_audit *a, const char *table, const json_t *rec)
{
	count(a, table);
	if (!strcmp(table, "documents")) {
		json_decref(a->doc);
		a->doc = json_deep_copy(rec);
		a->doc_kept = 0;
		json_array_clear(a->doc_tables);
		const char *st = json_string_value(json_object_get(rec, "status"));
		if (st && !strcmp(st, "error"))
			count(a, "documents_error");
		return a->doc ? 0 : -1;
	}
	if (!strcmp(table, "tables"))
		return json_array_append_new(a->doc_tables, json_deep_copy(rec));
	if (strcmp(table, "findings"))
		return 0;
	const char *sev = json_string_value(json_object_get(rec, "severity"));
	if (sev && (!strcmp(sev, "error") || !strcmp(sev, "warning"))) {
		char key[32];
		snprintf(key, sizeof key, "findings_%s", sev);
		count(a, key);
	}
	if (!a->doc_kept && a->doc) {
		a->doc_kept = 1;
		if (json_array_append(json_object_get(a->kb, "documents"), a->doc))
			return -1;
	}
	/* keep the table this finding names, once */
	const char *label = json_string_value(json_object_get(rec, "table"));
	size_t i;
	json_t *t;
	json_array_foreach(a->doc_tables, i, t) {
		const char *tl = json_string_value(json_object_get(t, "label"));
		if (label && tl && !strcmp(label, tl) && !json_object_get(t, "\x01kept")) {
			json_object_set_new(t, "\x01kept", json_true());
			json_t *copy = json_deep_copy(t);
			if (!copy)
				return -1;
			json_object_del(copy, "\x01kept");
			json_array_append_new(json_object_get(a->kb, "tables"), copy);
		}
	}
	return json_array_append_new(json_object_get(a->kb, "findings"), json_deep_copy(rec));
}

const json_t *kb_audit_stats(const kb_audit *a)
{
	return a->stats;
}

int kb_audit_write(const kb_audit *a, const char *dir)
{
	static const struct { const char *name, *format; } out[] = {
		{ "audit.txt", "text" }, { "audit.html", "html" },
	};
	int rc = 0;
	for (size_t i = 0; i < sizeof out / sizeof *out; i++) {
		char tmp[4096], fin[4096];
		if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, out[i].name) >= sizeof tmp ||
		    (size_t)snprintf(fin, sizeof fin, "%s/%s", dir, out[i].name) >= sizeof fin) {
			rc = -1;
			continue;
		}
		FILE *f = fopen(tmp, "w");
		int r = f ? litx_check_report(a->kb, json_object_get(a->kb, "findings"), out[i].format, f) : -1;
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
