/* refparse_bench.c - runs the reference-entry parser over entries read one per
 * line from stdin and prints the fields of each as one JSON object per line, so
 * bench/anystyle.sh can compare them with a labelled data set and time it. */
#include "refparse.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *field(const char *s, const litx_refparsed *p, litx_rf_field f)
{
	char buf[4096];
	size_t n = litx_refparse_field(s, p, f, buf, sizeof buf);
	return n ? json_stringn(buf, n) : json_null();
}

int main(int argc, char **argv)
{
	int quiet = argc > 1 && !strcmp(argv[1], "-q");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t entries = 0, bytes = 0;
	double secs = 0;
	static char authors[65536];
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		litx_refparsed p;
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (litx_refparse(line, (size_t)n, NULL, 0, &p)) {
			fprintf(stderr, "refparse_bench: out of memory\n");
			free(line);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		secs += (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		entries++;
		bytes += (size_t)n;
		if (quiet)
			continue;
		litx_refparse_authors(line, &p, authors, sizeof authors);
		char first[512] = "";
		if (p.n_names)
			litx_refparse_name(line, &p.names[0], first, sizeof first);
		json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:I}", "authors", authors,
				      "first_author", first, "title", field(line, &p, LITX_RF_TITLE),
				      "journal", field(line, &p, LITX_RF_JOURNAL), "year",
				      field(line, &p, LITX_RF_YEAR), "volume", field(line, &p, LITX_RF_VOLUME),
				      "issue", field(line, &p, LITX_RF_ISSUE), "pages",
				      field(line, &p, LITX_RF_PAGES), "doi", field(line, &p, LITX_RF_DOI),
				      "n_authors", (json_int_t)p.n_authors);
		if (!o || json_dumpf(o, stdout, JSON_COMPACT | JSON_ENSURE_ASCII) || fputc('\n', stdout) == EOF) {
			json_decref(o);
			free(line);
			return 1;
		}
		json_decref(o);
	}
	free(line);
	fprintf(stderr, "refparse_bench: %zu entries, %zu bytes in %.3f s (%.1f MB/s)\n", entries, bytes,
		secs, secs > 0 ? (double)bytes / secs / 1e6 : 0.0);
	return 0;
}
