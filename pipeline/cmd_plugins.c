/* cmd_plugins.c - `litx plugins`: what is loaded, from where, at which version. */
#include "commands.h"
#include "host.h"
#include <stdio.h>

int litx_cmd_plugins(const litx_opts *o)
{
	litx_host h;
	int n = litx_host_load(&h, o->plugin_dir, stderr);
	if (n < 0) {
		fprintf(stderr, "litx: out of memory loading plugins\n");
		return LITX_EXIT_FATAL;
	}
	if (n == 0)
		fprintf(stderr, "litx: no plugins found in %s\n", litx_host_search_path(o->plugin_dir));
	for (size_t i = 0; i < h.n; i++)
		printf("%-12s %-8s %s  (%s)\n", h.v[i].p->name, h.v[i].p->version ? h.v[i].p->version : "",
		       h.v[i].p->description ? h.v[i].p->description : "", h.v[i].path);
	litx_host_free(&h);
	return n > 0 ? LITX_EXIT_OK : LITX_EXIT_FATAL;
}
