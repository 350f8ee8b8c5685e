/* litx.c - the command line: parse options, call the library. Nothing else. */

#include "../pipeline/commands.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(const litx_opts *);
	const char *usage;
	const char *summary;
	int min_inputs;
};

static const struct command commands[] = {
	{ "run", litx_cmd_run, "run INPUT... [-o DIR] [-j N]",
	  "extract, merge and check INPUT (files, directories, .zip) into DIR (default out/), incrementally", 1 },
	{ "extract", litx_cmd_extract, "extract INPUT... [-j N] [--list]",
	  "write every record as JSON Lines on stdout (the map step); --list prints the files it would read, to split among jobs", 1 },
	{ "merge", litx_cmd_merge, "merge SHARD... -o DIR",
	  "merge JSON Lines shards from `litx extract` into a KB in DIR (the reduce step)", 1 },
	{ "check", litx_cmd_check, "check [DIR] [--format text|json|csv|html] [--fail-on error|warning]",
	  "report the audit findings of the KB in DIR (default out/)", 0 },
	{ "plugins", litx_cmd_plugins, "plugins [--plugin-dir DIR]",
	  "list the plugins found, with their versions", 0 },
	{ "dump", litx_cmd_dump, "dump FILE...",
	  "print the document model of FILE as JSON, for debugging", 1 },
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage_all(FILE *f)
{
	fprintf(f, "usage: litx COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\ncommon options:\n"
		   "  -o DIR            output directory (default out/)\n"
		   "  -j N              worker threads\n"
		   "  -q, -v            quieter, more verbose\n"
		   "  --plugin-dir DIR  load plugins from DIR (also LITX_PLUGIN_PATH)\n"
		   "  --help, --version\n"
		   "\nexit status: 0 ok, 1 findings at or above --fail-on, 2 usage or fatal error\n");
}

static void usage_one(FILE *f, const struct command *c)
{
	fprintf(f, "usage: litx %s\n\n%s\n\noptions: -o DIR, -j N, -q, -v, --plugin-dir DIR, "
		   "--format FMT, --fail-on LEVEL, --list, --help\n", c->usage, c->summary);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage_all(stderr);
		return LITX_EXIT_FATAL;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage_all(stdout);
		return LITX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("litx %s\n", PACKAGE_VERSION);
		return LITX_EXIT_OK;
	}
	const struct command *cmd = NULL;
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "litx: unknown command '%s'\n", argv[1]);
		usage_all(stderr);
		return LITX_EXIT_FATAL;
	}

	litx_opts o = { .out_dir = NULL, .jobs = 1, .format = "text", .fail_on = NULL };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "plugin-dir", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'F' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "list", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 2;
	int c;
	while ((c = getopt_long(argc, argv, "ho:j:qvV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage_one(stdout, cmd); return LITX_EXIT_OK;
		case 'V': printf("litx %s\n", PACKAGE_VERSION); return LITX_EXIT_OK;
		case 'o': o.out_dir = optarg; break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || j < 1 || j > 256) {
				fprintf(stderr, "litx: -j takes a number from 1 to 256\n");
				return LITX_EXIT_FATAL;
			}
			o.jobs = (int)j;
			break;
		}
		case 'q': o.verbosity = -1; break;
		case 'v': o.verbosity = 1; break;
		case 'P': o.plugin_dir = optarg; break;
		case 'F': o.format = optarg; break;
		case 'f': o.fail_on = optarg; break;
		case 'l': o.list = 1; break;
		default: usage_one(stderr, cmd); return LITX_EXIT_FATAL;
		}
	}
	o.inputs = argv + optind;
	o.n_inputs = (size_t)(argc - optind);
	if ((int)o.n_inputs < cmd->min_inputs) {
		usage_one(stderr, cmd);
		return LITX_EXIT_FATAL;
	}
	return cmd->run(&o);
}
