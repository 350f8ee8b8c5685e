/* fuzz_pipeline.c - libFuzzer target: the whole pipeline on one document, as
 * `litx run` does it for each source: litx_kb_process (read the file, load with
 * format detection, run every plugin through litx_host_run, the tables, the
 * checker, ids) with the formula, metrics and citations plugins compiled in
 * (static_plugins.c), then the records written as JSON Lines and read back.
 * The bytes sit in a memfd named by its /proc path, so the real file-reading code
 * runs. Checks: the first pair is the documents record with status "ok" or
 * "error" (and a message when "error"), every record line parses back. */
#include "common.h"
#include "kb.h"
#include "static_plugins.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static litx_host host;
static void **states;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fz_static_host(&host) || !(states = litx_host_states_new(&host)))
		abort();
	for (size_t i = 0; i < host.n; i++)
		if (host.v[i].p->init && !states[i])
			abort(); /* a plugin's init failed: the target would test nothing */
	sink = tmpfile();
	if (!sink)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	if (fz_memfd_put(data, size, path, sizeof path) < 0)
		return 0;
	litx_item it = { .source = "dir/article", .path = path };
	json_t *pairs = litx_kb_process(&it, &host, states);
	FZ_ASSERT(pairs != NULL, "litx_kb_process gives records (NULL only on OOM)");
	json_t *first = json_array_get(pairs, 0);
	FZ_ASSERT(first && strcmp(json_string_value(json_array_get(first, 0)), "documents") == 0,
		  "the documents record comes first");
	json_t *doc = json_array_get(first, 1);
	const char *status = json_string_value(json_object_get(doc, "status"));
	FZ_ASSERT(status && (!strcmp(status, "ok") || !strcmp(status, "error")), "status");
	if (!strcmp(status, "error"))
		FZ_ASSERT(json_string_value(json_object_get(doc, "error")) != NULL, "error message");
	rewind(sink);
	FZ_ASSERT(ftruncate(fileno(sink), 0) == 0, "truncate the scratch file");
	FZ_ASSERT(litx_kb_write_lines(pairs, sink) == 0, "records write as JSON Lines");
	fflush(sink);
	rewind(sink);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t lines = 0;
	while ((n = getline(&line, &cap, sink)) > 0) {
		json_t *j = litx_kb_parse_line(line, (size_t)n);
		FZ_ASSERT(j != NULL, "a written line reads back");
		json_decref(j);
		lines++;
	}
	FZ_ASSERT(lines == json_array_size(pairs), "one line per record");
	free(line);
	json_decref(pairs);
	return 0;
}
