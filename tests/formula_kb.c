/* formula_kb.c - a test driver: reads articles with litx_doc_load, runs the formula
 * plugin alone (dlopened from LITX_PLUGIN_PATH) and writes the kb.json fields that
 * shared/tools/score.py reads ({"documents": [...], "formulas": [...]}), so the
 * formula F1 on the gold seed can be measured without the rest of the pipeline.
 *
 * usage: formula_kb OUT.json FILE...   (exit 77 when a file cannot be read: the
 * reader it needs is missing, and the test that called this is skipped) */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "readers.h"
#include "host.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			char *q = realloc(buf, cap);
			if (!q) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = q;
		}
		size_t k = fread(buf + n, 1, cap - n, fp);
		n += k;
		if (k == 0)
			break;
	}
	fclose(fp);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("LITX_PLUGIN_PATH");
	if (argc < 3 || !dir) {
		fprintf(stderr, "usage: formula_kb OUT.json FILE... (with LITX_PLUGIN_PATH set)\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/formula.so", dir);
	void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		fprintf(stderr, "formula_kb: %s\n", dlerror());
		return 2;
	}
	litx_loaded one = { dl, dlsym(dl, LITX_PLUGIN_SYMBOL), path };
	litx_host host = { &one, 1 };
	if (!one.p)
		return 2;
	void **st = litx_host_states_new(&host);
	json_t *kb = json_pack("{s:[],s:[],s:[]}", "documents", "formulas", "ligand_definitions");
	int rc = 0;
	for (int i = 2; i < argc && rc == 0; i++) {
		size_t len = 0;
		char *buf = slurp(argv[i], &len);
		if (!buf) {
			fprintf(stderr, "formula_kb: cannot read %s\n", argv[i]);
			rc = 2;
			break;
		}
		litx_err err = { "", 0 };
		const char *base = strrchr(argv[i], '/');
		litx_doc *doc = litx_doc_load(base ? base + 1 : argv[i], buf, len, &err);
		free(buf);
		if (!doc) {
			fprintf(stderr, "formula_kb: %s:%u: %s\n", argv[i], err.line, err.msg);
			rc = 77;
			break;
		}
		json_t *out = NULL;
		char *fail = NULL;
		if (litx_host_run(&host, st, doc, &out, &fail) || fail) {
			fprintf(stderr, "formula_kb: %s: %s\n", argv[i], fail ? fail : "failed");
			rc = 1;
		}
		free(fail);
		json_array_append_new(json_object_get(kb, "documents"),
				      json_pack("{s:s,s:s,s:s,s:s?,s:s}", "doc_id", doc->doc_id, "source",
						doc->source, "format",
						doc->format == LITX_FORMAT_JATS ? "jats" : "text", "doi",
						doc->meta.doi, "status", "ok"));
		json_array_extend(json_object_get(kb, "formulas"), json_object_get(out, "formulas"));
		json_array_extend(json_object_get(kb, "ligand_definitions"),
				  json_object_get(out, "ligand_definitions"));
		json_decref(out);
		litx_doc_free(doc);
	}
	litx_host_states_free(&host, st);
	if (rc == 0 && json_dump_file(kb, argv[1], JSON_INDENT(1) | JSON_SORT_KEYS)) {
		fprintf(stderr, "formula_kb: cannot write %s\n", argv[1]);
		rc = 2;
	}
	json_decref(kb);
	if (!getenv("LITX_NO_DLCLOSE"))
		dlclose(dl);
	return rc;
}
