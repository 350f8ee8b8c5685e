/* commands.h - one function per litx subcommand; the command line only parses
 * options into litx_opts and calls these. Each returns the exit status. */
#ifndef LITX_COMMANDS_H
#define LITX_COMMANDS_H
#include <stddef.h>

enum { LITX_EXIT_OK = 0, LITX_EXIT_FINDINGS = 1, LITX_EXIT_FATAL = 2 };

typedef struct litx_opts {
	char **inputs;        /* positional arguments */
	size_t n_inputs;
	const char *out_dir;  /* -o, default "out" */
	const char *plugin_dir;
	const char *format;   /* check: text|json|csv|html */
	const char *fail_on;  /* check: error|warning|none */
	int jobs;             /* -j */
	int verbosity;        /* -1 quiet, 0 normal, 1 verbose */
	int list;             /* extract --list: print the files it would read */
} litx_opts;

int litx_cmd_dump(const litx_opts *o);
int litx_cmd_plugins(const litx_opts *o);
int litx_cmd_run(const litx_opts *o);
int litx_cmd_extract(const litx_opts *o);
int litx_cmd_merge(const litx_opts *o);
int litx_cmd_check(const litx_opts *o);
#endif
