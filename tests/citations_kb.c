/* citations_kb.c - a small stand-in for `litx run` while the KB writer is being
 * built: loads each FILE with litx_doc_load, runs the plugins found (through the
 * real host, LITX_PLUGIN_PATH) and writes one JSON object
 *   {"documents":[...], "citations":[...], "references":[...], ...}
 * (one array per table the plugins emitted) to OUT, in the shape score.py reads.
 *
 * usage: citations_kb OUT FILE... */
#include "host.h"
#include "input.h"
#include "readers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_all(json_t *kb, json_t *tables)
{
	const char *name;
	json_t *arr;
	json_object_foreach(tables, name, arr) {
		json_t *dst = json_object_get(kb, name);
		if (!dst) {
			dst = json_array();
			if (!dst || json_object_set_new(kb, name, dst))
				return -1;
		}
		if (json_array_extend(dst, arr))
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: citations_kb OUT FILE...\n");
		return 2;
	}
	litx_host h = { 0 };
	if (litx_host_load(&h, NULL, stderr) < 0) {
		fprintf(stderr, "citations_kb: cannot load plugins from %s\n", litx_host_search_path(NULL));
		return 2;
	}
	void **states = litx_host_states_new(&h);
	json_t *kb = json_object();
	json_t *docs = json_array();
	if (!states || !kb || !docs || json_object_set_new(kb, "documents", docs)) {
		fprintf(stderr, "citations_kb: out of memory\n");
		return 2;
	}
	int status = 0;
	for (int i = 2; i < argc; i++) {
		litx_items items = { 0 };
		litx_err err = { "", 0 };
		if (litx_items_add(&items, argv[i], argv[i], NULL, NULL, 0)) {
			status = 2;
			break;
		}
		char *buf = NULL;
		size_t len = 0;
		litx_doc *doc = NULL;
		if (litx_item_read(&items.v[0], &buf, &len, &err) == 0) {
			doc = litx_doc_load(argv[i], buf, len, &err);
			free(buf);
		}
		litx_items_free(&items);
		if (!doc) {
			fprintf(stderr, "citations_kb: %s:%u: %s\n", argv[i], err.line, err.msg);
			status = 1;
			continue;
		}
		json_array_append_new(docs, json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "doc_id", doc->doc_id,
			"source", doc->source, "format", doc->format == LITX_FORMAT_JATS ? "jats" : "text",
			"doi", doc->meta.doi, "title", doc->meta.title));
		json_t *out = NULL;
		char *fail = NULL;
		if (litx_host_run(&h, states, doc, &out, &fail) || add_all(kb, out)) {
			fprintf(stderr, "citations_kb: %s: cannot collect records\n", argv[i]);
			status = 2;
		}
		if (fail) {
			fprintf(stderr, "citations_kb: %s: %s\n", argv[i], fail);
			free(fail);
		}
		json_decref(out);
		litx_doc_free(doc);
	}
	if (json_dump_file(kb, argv[1], JSON_INDENT(1) | JSON_PRESERVE_ORDER)) {
		fprintf(stderr, "citations_kb: cannot write %s\n", argv[1]);
		status = 2;
	}
	json_decref(kb);
	litx_host_states_free(&h, states);
	litx_host_free(&h);
	return status;
}
