/* cmd_merge.c - `litx merge SHARD... -o DIR`: the reduce step. Shards are JSON
 * Lines from `litx extract` (any number of documents each, in any order); each
 * document is split into its own shard under DIR/.litx and the KB is assembled in
 * source order, exactly as `litx run` does, so the bytes are the same. */
#include "commands.h"
#include "kb.h"
#include "kb_line.h"
#include "kb_state.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct doc_shard {
	char *source;
	char *path;
};

static int by_source(const void *a, const void *b)
{
	const struct doc_shard *x = a, *y = b;
	int c = strcmp(x->source, y->source);
	return c ? c : strcmp(x->path, y->path);
}

/* The member `key` decoded into b when it is a string, else NULL. */
static const char *member_string(const kb_members *m, const char *key, kb_buf *b)
{
	const kb_span *v = kb_members_get(m, key);
	b->len = 0;
	if (!v || v->p[0] != '"' || kb_jscan_string(*v, b) || kb_buf_putc(b, '\0'))
		return NULL;
	return b->p;
}

int litx_cmd_merge(const litx_opts *o)
{
	const char *dir = o->out_dir ? o->out_dir : "out";
	kb_dir d;
	if (kb_dir_open(&d, dir))
		return LITX_EXIT_FATAL;
	int status = LITX_EXIT_FATAL;
	struct doc_shard *docs = NULL;
	size_t n = 0, cap = 0;
	json_t *keep = json_object();
	FILE *cur = NULL;
	char *line = NULL;
	size_t lcap = 0;
	kb_line kl;
	kb_buf src_b = { NULL, 0, 0 }, id_b = { NULL, 0, 0 };
	memset(&kl, 0, sizeof kl);
	if (!keep)
		goto out;
	for (size_t a = 0; a < o->n_inputs; a++) {
		FILE *in = strcmp(o->inputs[a], "-") ? fopen(o->inputs[a], "r") : stdin;
		if (!in) {
			fprintf(stderr, "litx: cannot read %s: %s\n", o->inputs[a], strerror(errno));
			goto out;
		}
		ssize_t len;
		unsigned long lineno = 0;
		int bad = 0;
		while (!bad && (len = getline(&line, &lcap, in)) > 0) {
			lineno++;
			int r = kb_line_read(&kl, line, (size_t)len);
			if (r) {
				if (r == -1)
					fprintf(stderr, "litx: %s:%lu: not a litx record line\n", o->inputs[a], lineno);
				bad = 1;
				break;
			}
			if (!strcmp(kl.table, "documents")) {
				if (cur && fclose(cur))
					bad = 1;
				cur = NULL;
				const char *src = member_string(&kl.m, "source", &src_b);
				const char *id = member_string(&kl.m, "doc_id", &id_b);
				if (!src || !id) {
					fprintf(stderr, "litx: %s:%lu: documents record without source or doc_id\n",
						o->inputs[a], lineno);
					bad = 1;
				} else if (n == cap) {
					cap = cap ? cap * 2 : 64;
					struct doc_shard *nd = realloc(docs, cap * sizeof *nd);
					if (!nd)
						bad = 1;
					else
						docs = nd;
				}
				if (!bad) {
					docs[n].source = strdup(src);
					docs[n].path = kb_shard_path(&d, src, id);
					if (!docs[n].source || !docs[n].path) {
						free(docs[n].source);
						free(docs[n].path);
						bad = 1;
					} else {
						n++;
						json_object_set_new(keep, docs[n - 1].path, json_true());
						if (!(cur = fopen(docs[n - 1].path, "w")))
							bad = 1;
					}
				}
			} else if (!cur) {
				fprintf(stderr, "litx: %s:%lu: record before any documents record\n", o->inputs[a], lineno);
				bad = 1;
			}
			if (!bad && fwrite(line, 1, (size_t)len, cur) != (size_t)len)
				bad = 1;
			if (!bad && line[len - 1] != '\n' && fputc('\n', cur) == EOF)
				bad = 1;
		}
		if (in != stdin)
			fclose(in);
		if (bad)
			goto out;
	}
	if (cur && fclose(cur)) {
		cur = NULL;
		goto out;
	}
	cur = NULL;
	if (n)
		qsort(docs, n, sizeof *docs, by_source);
	char **paths = calloc(n + 1, sizeof *paths);
	if (!paths)
		goto out;
	for (size_t i = 0; i < n; i++)
		paths[i] = docs[i].path;
	int rc = litx_kb_assemble(dir, paths, n, NULL);
	free(paths);
	if (rc)
		goto out;
	/* a later `litx run` into DIR re-extracts: merged shards carry no file facts */
	json_t *m = json_pack("{s:i,s:s,s:{}}", "version", 1, "plugins", "merged", "entries");
	if (m)
		kb_manifest_save(&d, m);
	json_decref(m);
	kb_shards_prune(&d, keep);
	status = LITX_EXIT_OK;
out:
	if (cur)
		fclose(cur);
	free(line);
	kb_line_free(&kl);
	kb_buf_free(&src_b);
	kb_buf_free(&id_b);
	for (size_t i = 0; i < n; i++) {
		free(docs[i].source);
		free(docs[i].path);
	}
	free(docs);
	json_decref(keep);
	kb_dir_close(&d);
	return status;
}
