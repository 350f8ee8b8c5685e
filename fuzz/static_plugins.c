/* static_plugins.c - a plugin host without dlopen, for the whole-pipeline fuzz
 * target: the formula, metrics and citations plugins are compiled into the target
 * (each with its descriptor renamed by -Dlitx_plugin_descriptor=..., see
 * fuzz/targets.gmk) so the sanitizers and the coverage map see their code. The
 * host struct is the one litx_host_load fills; only dl is NULL. */
#include "static_plugins.h"
#include <stdlib.h>
#include <string.h>

extern const litx_plugin litx_plugin_descriptor_formula;
extern const litx_plugin litx_plugin_descriptor_metrics;
extern const litx_plugin litx_plugin_descriptor_citations;

int fz_static_host(litx_host *h)
{
	/* the order litx_host_load would give: file-name order */
	static const litx_plugin *const all[] = { &litx_plugin_descriptor_citations,
		&litx_plugin_descriptor_formula, &litx_plugin_descriptor_metrics };
	size_t n = sizeof all / sizeof *all;
	memset(h, 0, sizeof *h);
	h->v = calloc(n, sizeof *h->v);
	if (!h->v)
		return -1;
	for (size_t i = 0; i < n; i++)
		h->v[i] = (litx_loaded){ NULL, all[i], NULL };
	h->n = n;
	return 0;
}

void fz_static_host_free(litx_host *h)
{
	free(h->v);
	memset(h, 0, sizeof *h);
}
