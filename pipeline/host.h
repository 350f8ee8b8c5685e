/* host.h - the plugin host: finds .so plugins, checks their ABI, runs them on a
 * document and collects what they emit. */
#ifndef LITX_HOST_H
#define LITX_HOST_H
#include <stdio.h>
#include <litx/plugin.h>

typedef struct litx_loaded {
	void *dl;
	const litx_plugin *p;
	char *path;
} litx_loaded;

typedef struct litx_host {
	litx_loaded *v;
	size_t n;
} litx_host;

/* The directories searched: `dir` when given (--plugin-dir), else the
 * colon-separated LITX_PLUGIN_PATH, else the installed plugin directory, else the
 * build tree's. Plugins are loaded in file-name order; a second plugin with a name
 * already loaded is skipped. Problems (a refused ABI, a dlopen error) are written
 * to `log` and the plugin skipped. Returns the number loaded, -1 on fatal error. */
int litx_host_load(litx_host *h, const char *dir, FILE *log);
void litx_host_free(litx_host *h);
/* The directories litx_host_load would search, for messages. */
const char *litx_host_search_path(const char *dir);

/* Per-thread plugin states, one per loaded plugin. */
void **litx_host_states_new(const litx_host *h);
void litx_host_states_free(const litx_host *h, void **states);

/* Run every plugin on doc. Records are added to *out, an object table -> array
 * (created when NULL). A plugin that fails adds "plugin: message" to *failures
 * (newline-separated, malloc'd) and its records for this document are dropped. */
int litx_host_run(const litx_host *h, void **states, const litx_doc *doc, json_t **out,
		  char **failures);
#endif
