/* cmd_check.c - placeholder: `litx check` until the checker lands. */
#include "commands.h"
#include <stdio.h>

int litx_cmd_check(const litx_opts *o)
{
	(void)o;
	fprintf(stderr, "litx: 'check' is not implemented yet\n");
	return LITX_EXIT_FATAL;
}
