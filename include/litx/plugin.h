/*
 * litx/plugin.h - what an extractor plugin exports and what the core offers it.
 *
 * A plugin is a shared object exporting one symbol, LITX_PLUGIN_SYMBOL, a
 * statically initialised litx_plugin whose first two fields are the ABI version it
 * was built for and the size of the struct. The host refuses a plugin whose ABI
 * version differs from its own, naming the file and both versions.
 *
 * Ownership: the document is the core's and read-only. Records are jansson objects;
 * litx_emit() takes the caller's reference in every case (success or not), so a
 * plugin never frees what it emitted. The core adds doc_id, id, plugin and
 * plugin_version to each record, and owns merging and output.
 *
 * Threads: extract() may run on several documents at once, one per worker thread;
 * each worker calls init() once and passes its own state to every call.
 */
#ifndef LITX_PLUGIN_H
#define LITX_PLUGIN_H

#include <jansson.h>
#include <litx/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LITX_ABI_VERSION 1u
#define LITX_PLUGIN_SYMBOL "litx_plugin_descriptor"

typedef struct litx_sink litx_sink;

typedef struct litx_plugin {
	uint32_t abi_version;   /* LITX_ABI_VERSION at build time */
	uint32_t struct_size;   /* sizeof(litx_plugin) at build time */
	const char *name;       /* "formula" */
	const char *version;    /* "0.1.0" */
	const char *description;
	/* Optional: make per-thread state. Return 0 on success. */
	int (*init)(void **state);
	/* Required: read doc, emit records. Return 0, or non-zero after litx_sink_fail(). */
	int (*extract)(const litx_doc *doc, litx_sink *sink, void *state);
	/* Optional: free per-thread state. */
	void (*fini)(void *state);
} litx_plugin;

/* Hand one record for `table` ("formulas", "metrics", "citations", "references" ...)
 * to the core. Steals `rec`. Returns 0, or -1 when the record was refused. */
int litx_emit(litx_sink *sink, const char *table, json_t *rec);

/* Say why extract() fails; the document's status names the plugin and this text. */
void litx_sink_fail(litx_sink *sink, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set "line", "offset" (source) and "snippet" (the sentence) of `rec` for byte
 * range [start, end) of `t`, and "refs" (the citation labels of its sentence, as
 * an array of strings). A convenience every extractor needs. */
void litx_rec_locate(json_t *rec, const litx_text *t, size_t start, size_t end);

#define LITX_PLUGIN_DEFINE(var) \
	const litx_plugin litx_plugin_descriptor = var

#ifdef __cplusplus
}
#endif
#endif
