/* cmd_check.c - `litx check [DIR]`: print the findings of the KB in DIR (default
 * out/) as text, JSON, CSV or HTML, and exit 1 when one is at or above
 * --fail-on. The findings were made by `litx run` (litx_check_doc); this command
 * only reads kb.json and reports, so it is quick to re-run with another format. */
#include "commands.h"
#include "check.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int rank(const char *severity)
{
	if (!severity)
		return 0;
	if (!strcmp(severity, "error"))
		return 2;
	if (!strcmp(severity, "warning"))
		return 1;
	return 0;
}

int litx_cmd_check(const litx_opts *o)
{
	const char *format = o->format ? o->format : "text";
	const char *fail_on = o->fail_on ? o->fail_on : "error";
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html")) {
		fprintf(stderr, "litx check: unknown --format '%s' (use text, json, csv or html)\n", format);
		return LITX_EXIT_FATAL;
	}
	int threshold;
	if (!strcmp(fail_on, "error"))
		threshold = 2;
	else if (!strcmp(fail_on, "warning"))
		threshold = 1;
	else if (!strcmp(fail_on, "none"))
		threshold = 3;
	else {
		fprintf(stderr, "litx check: unknown --fail-on '%s' (use error, warning or none)\n", fail_on);
		return LITX_EXIT_FATAL;
	}
	if (o->n_inputs > 1) {
		fprintf(stderr, "litx check: give one KB directory (got %zu arguments)\n", o->n_inputs);
		return LITX_EXIT_FATAL;
	}
	const char *dir = o->n_inputs ? o->inputs[0] : (o->out_dir ? o->out_dir : "out");
	char path[4096];
	struct stat st;
	if (stat(dir, &st) == 0 && S_ISREG(st.st_mode))
		snprintf(path, sizeof path, "%s", dir); /* kb.json named directly */
	else if ((size_t)snprintf(path, sizeof path, "%s/kb.json", dir) >= sizeof path) {
		fprintf(stderr, "litx check: path too long: %s\n", dir);
		return LITX_EXIT_FATAL;
	}
	if (stat(path, &st) != 0) {
		fprintf(stderr, "litx check: cannot read %s: %s (make it with `litx run INPUT -o %s`)\n", path,
			strerror(errno), dir);
		return LITX_EXIT_FATAL;
	}
	json_error_t jerr;
	json_t *kb = json_load_file(path, 0, &jerr);
	if (!kb) {
		fprintf(stderr, "litx check: %s:%d: not a valid kb.json: %s\n", path, jerr.line, jerr.text);
		return LITX_EXIT_FATAL;
	}
	json_t *findings = json_object_get(kb, "findings");
	json_t *none = NULL;
	if (!findings) {
		findings = none = json_array();
	} else if (!json_is_array(findings)) {
		fprintf(stderr, "litx check: %s: \"findings\" is not an array\n", path);
		json_decref(kb);
		return LITX_EXIT_FATAL;
	}
	if (!json_is_object(kb) || !findings) {
		fprintf(stderr, "litx check: %s: not a kb.json object\n", path);
		json_decref(none);
		json_decref(kb);
		return LITX_EXIT_FATAL;
	}
	int worst = 0;
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		int r = rank(json_string_value(json_object_get(f, "severity")));
		if (r > worst)
			worst = r;
	}
	int rc = litx_check_report(kb, findings, format, stdout);
	json_decref(none);
	json_decref(kb);
	if (rc || fflush(stdout) == EOF) {
		fprintf(stderr, "litx check: cannot write the report: %s\n", strerror(errno));
		return LITX_EXIT_FATAL;
	}
	return worst >= threshold ? LITX_EXIT_FINDINGS : LITX_EXIT_OK;
}
