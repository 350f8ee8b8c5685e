/* host.c - dlopen-based plugin host. A plugin's descriptor is checked before any of
 * its functions is called: the ABI version must match exactly and the struct must
 * be at least as large as the fields this host reads. */
#include "host.h"
#include <dirent.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef LITX_PLUGINDIR
#define LITX_PLUGINDIR "/usr/local/lib/litx"
#endif
#ifndef LITX_BUILD_PLUGINDIR
#define LITX_BUILD_PLUGINDIR ""
#endif

struct litx_sink {
	const litx_doc *doc;
	const litx_plugin *plugin;
	json_t *tables;  /* table name -> array of records, in emission order */
	/* the values every record of this plugin and document gets, made once and
	 * shared (jansson strings are immutable once made, nothing sets them) */
	json_t *doc_id, *name, *version;
	char fail[512];
	int failed;
	/* the array of the table of the last record: a plugin emits a table's
	 * records one after another */
	json_t *last_arr;
	char last_table[64];
};

static int dir_has_plugins(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int found = 0;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		found = n > 3 && strcmp(e->d_name + n - 3, ".so") == 0;
	}
	closedir(d);
	return found;
}

const char *litx_host_search_path(const char *dir)
{
	if (dir && *dir)
		return dir;
	const char *env = getenv("LITX_PLUGIN_PATH");
	if (env && *env)
		return env;
	if (dir_has_plugins(LITX_PLUGINDIR) || !*LITX_BUILD_PLUGINDIR)
		return LITX_PLUGINDIR;
	return LITX_BUILD_PLUGINDIR;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_one(litx_host *h, const char *path, FILE *log)
{
	void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		fprintf(log, "litx: plugin %s not loaded: %s (use ldd(1) to check its dependencies)\n",
			path, dlerror());
		return 0;
	}
	const litx_plugin *p = dlsym(dl, LITX_PLUGIN_SYMBOL);
	if (!p) {
		fprintf(log, "litx: %s is not a litx plugin: no symbol %s\n", path, LITX_PLUGIN_SYMBOL);
		dlclose(dl);
		return 0;
	}
	if (p->abi_version != LITX_ABI_VERSION) {
		fprintf(log, "litx: plugin %s refused: built for ABI version %u, this litx has ABI version %u; rebuild it against this litx\n",
			path, p->abi_version, LITX_ABI_VERSION);
		dlclose(dl);
		return 0;
	}
	if (p->struct_size < sizeof(litx_plugin) || !p->name || !p->extract) {
		fprintf(log, "litx: plugin %s refused: its descriptor is incomplete (size %u, this litx needs %zu, a name and extract)\n",
			path, p->struct_size, sizeof(litx_plugin));
		dlclose(dl);
		return 0;
	}
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i].p->name, p->name) == 0) {
			fprintf(log, "litx: plugin %s skipped: a plugin named '%s' is already loaded from %s\n",
				path, p->name, h->v[i].path);
			dlclose(dl);
			return 0;
		}
	litx_loaded *v = realloc(h->v, (h->n + 1) * sizeof *v);
	char *cp = strdup(path);
	if (!v || !cp) {
		free(cp);
		if (v)
			h->v = v;
		dlclose(dl);
		return -1;
	}
	h->v = v;
	h->v[h->n++] = (litx_loaded){ dl, p, cp };
	return 1;
}

static int load_dir(litx_host *h, const char *dir, FILE *log)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= 3 || strcmp(e->d_name + l - 3, ".so") != 0)
			continue;
		char **nn = realloc(names, (n + 1) * sizeof *nn);
		if (!nn) {
			rc = -1;
			break;
		}
		names = nn;
		size_t need = strlen(dir) + l + 2;
		if (!(names[n] = malloc(need))) {
			rc = -1;
			break;
		}
		snprintf(names[n++], need, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && load_one(h, names[i], log) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int litx_host_load(litx_host *h, const char *dir, FILE *log)
{
	memset(h, 0, sizeof *h);
	char *path = strdup(litx_host_search_path(dir));
	if (!path)
		return -1;
	int rc = 0;
	char *save = NULL;
	for (char *p = strtok_r(path, ":", &save); p && rc == 0; p = strtok_r(NULL, ":", &save))
		rc = load_dir(h, p, log);
	free(path);
	return rc < 0 ? -1 : (int)h->n;
}

void litx_host_free(litx_host *h)
{
	for (size_t i = 0; i < h->n; i++) {
		/* Under valgrind or sanitizers, unloading loses symbol names in reports. */
		if (!getenv("LITX_NO_DLCLOSE"))
			dlclose(h->v[i].dl);
		free(h->v[i].path);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

void **litx_host_states_new(const litx_host *h)
{
	void **st = calloc(h->n ? h->n : 1, sizeof *st);
	if (!st)
		return NULL;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].p->init && h->v[i].p->init(&st[i])) {
			st[i] = NULL;
		}
	return st;
}

void litx_host_states_free(const litx_host *h, void **states)
{
	if (!states)
		return;
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].p->fini && states[i])
			h->v[i].p->fini(states[i]);
	free(states);
}

int litx_emit(litx_sink *sink, const char *table, json_t *rec)
{
	if (!sink || !table || !json_is_object(rec)) {
		json_decref(rec);
		return -1;
	}
	json_t *arr = sink->last_arr && !strcmp(sink->last_table, table) ? sink->last_arr : NULL;
	if (!arr) {
		arr = json_object_get(sink->tables, table);
		if (!arr && json_object_set_new(sink->tables, table, arr = json_array())) {
			json_decref(rec);
			return -1;
		}
		/* tables holds it as long as the sink lives */
		size_t n = strlen(table);
		sink->last_arr = n < sizeof sink->last_table ? arr : NULL;
		if (sink->last_arr)
			memcpy(sink->last_table, table, n + 1);
	}
	if (json_object_set_nocheck(rec, "doc_id", sink->doc_id) ||
	    json_object_set_nocheck(rec, "plugin", sink->name) ||
	    json_object_set_nocheck(rec, "plugin_version", sink->version)) {
		json_decref(rec);
		return -1;
	}
	return json_array_append_new(arr, rec);
}

void litx_sink_fail(litx_sink *sink, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sink->fail, sizeof sink->fail, fmt, ap);
	va_end(ap);
	sink->failed = 1;
}

static void append_failure(char **failures, const char *name, const char *msg)
{
	size_t old = *failures ? strlen(*failures) : 0;
	size_t add = strlen(name) + strlen(msg) + 4;
	char *n = realloc(*failures, old + add);
	if (!n)
		return;
	snprintf(n + old, add, "%s%s: %s", old ? "\n" : "", name, msg);
	*failures = n;
}

int litx_host_run(const litx_host *h, void **states, const litx_doc *doc, json_t **out,
		  char **failures)
{
	if (!*out && !(*out = json_object()))
		return -1;
	json_t *doc_id = json_string(doc->doc_id);
	if (!doc_id)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < h->n; i++) {
		const litx_plugin *p = h->v[i].p;
		litx_sink sink = { doc, p, json_object(), doc_id, json_string(p->name),
				   json_string(p->version ? p->version : ""), "", 0, NULL, "" };
		if (!sink.tables || !sink.name || !sink.version) {
			rc = -1;
		} else if (p->extract(doc, &sink, states ? states[i] : NULL) || sink.failed) {
			append_failure(failures, p->name, sink.fail[0] ? sink.fail : "failed");
		} else {
			/* the plugin's records join those of the plugins before it */
			const char *table;
			json_t *arr;
			json_object_foreach(sink.tables, table, arr) {
				json_t *all = json_object_get(*out, table);
				if (!all) {
					if (json_object_set(*out, table, arr))
						rc = -1;
				} else if (json_array_extend(all, arr)) {
					rc = -1;
				}
			}
		}
		json_decref(sink.tables);
		json_decref(sink.name);
		json_decref(sink.version);
	}
	json_decref(doc_id);
	return rc;
}
