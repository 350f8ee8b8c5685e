/* cmd_stubs.c - subcommands that exist (with --help) but are not built yet. */
#include "commands.h"
#include <stdio.h>

#define STUB(fn, name) \
	int fn(const litx_opts *o) \
	{ \
		(void)o; \
		fprintf(stderr, "litx: '%s' is not implemented yet\n", name); \
		return LITX_EXIT_FATAL; \
	}

STUB(litx_cmd_run, "run")
STUB(litx_cmd_extract, "extract")
STUB(litx_cmd_merge, "merge")
