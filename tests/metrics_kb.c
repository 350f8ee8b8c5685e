/* metrics_kb.c - a small driver for the metrics plugin on real articles: loads
 * each file named on the command line with litx_doc_load, runs the plugins found
 * by the host (LITX_PLUGIN_PATH or the build's plugins/.libs) and prints
 *   {"documents": [{doc_id, source, format, doi, status}], "metrics": [...]}
 * the shape score.py reads from a KB. It lets the metrics be scored before (and
 * independently of) the KB writer. Only the metrics plugin runs, so a plugin
 * that another test covers cannot make these fail. Usage: metrics_kb FILE... > kb.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "readers.h"
#include "host.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE... > kb.json\n", argv[0]);
		return 2;
	}
	litx_host h;
	if (litx_host_load(&h, NULL, stderr) < 0) {
		fprintf(stderr, "metrics_kb: cannot load plugins from %s\n", litx_host_search_path(NULL));
		return 2;
	}
	litx_host only = { NULL, 0 };
	for (size_t i = 0; i < h.n; i++)
		if (strcmp(h.v[i].p->name, "metrics") == 0)
			only = (litx_host){ &h.v[i], 1 };
	if (!only.n) {
		fprintf(stderr, "metrics_kb: no metrics plugin in %s\n", litx_host_search_path(NULL));
		litx_host_free(&h);
		return 2;
	}
	void **st = litx_host_states_new(&only);
	json_t *kb = json_pack("{s[]s[]}", "documents", "metrics");
	if (!st || !kb) {
		fprintf(stderr, "metrics_kb: out of memory\n");
		return 2;
	}
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *buf = slurp(argv[i], &len);
		if (!buf) {
			fprintf(stderr, "metrics_kb: %s: cannot read\n", argv[i]);
			rc = 1;
			continue;
		}
		litx_err err = { "", 0 };
		litx_doc *doc = litx_doc_load(base_name(argv[i]), buf, len, &err);
		free(buf);
		if (!doc) {
			fprintf(stderr, "metrics_kb: %s:%u: %s\n", argv[i], err.line, err.msg);
			rc = 1;
			continue;
		}
		json_t *out = NULL;
		char *fail = NULL;
		if (litx_host_run(&only, st, doc, &out, &fail) || fail) {
			fprintf(stderr, "metrics_kb: %s: %s\n", argv[i], fail ? fail : "plugin host failed");
			rc = 1;
		}
		free(fail);
		json_array_append_new(json_object_get(kb, "documents"),
			json_pack("{sssssssoss}", "doc_id", doc->doc_id, "source", doc->source,
				  "format", doc->format == LITX_FORMAT_JATS ? "jats" : "text",
				  "doi", doc->meta.doi ? json_string(doc->meta.doi) : json_null(),
				  "status", "ok"));
		json_t *m = out ? json_object_get(out, "metrics") : NULL;
		if (m)
			json_array_extend(json_object_get(kb, "metrics"), m);
		json_decref(out);
		litx_doc_free(doc);
	}
	if (json_dumpf(kb, stdout, JSON_INDENT(1)) || fputc('\n', stdout) == EOF)
		rc = 2;
	json_decref(kb);
	litx_host_states_free(&only, st);
	litx_host_free(&h);
	return rc;
}
