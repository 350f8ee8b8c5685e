/* kb_write.c - assembles the KB from per-document shards. Streaming: each record
 * goes once to a temporary part file per table while the shards are read, so
 * memory does not grow with the corpus (only with the number of distinct clusters).
 * kb.json keeps one record per line, keys sorted, so two KBs diff line by line.
 * Records are never parsed into jansson objects here: kb_line checks each shard
 * line and gives its record's text and members, the text is copied to kb.json
 * and the members become CSV cells. */
#include "kb.h"
#include "kb_audit.h"
#include "kb_clusters.h"
#include "kb_csv.h"
#include "kb_line.h"
#include "kb_part.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct asm_state {
	kb_part *parts;
	size_t n_parts;
	kb_clusters *clusters;
	json_t *seen_docs;
	kb_audit *audit;
	kb_line line;
	char *read_buf; /* the shard's stdio buffer */
	size_t last;    /* the part of the last record: lines of a table come together */
} asm_state;

static kb_part *get_part(asm_state *s, const char *table)
{
	if (s->last < s->n_parts && !strcmp(s->parts[s->last].table, table))
		return &s->parts[s->last];
	for (size_t i = 0; i < s->n_parts; i++)
		if (!strcmp(s->parts[i].table, table)) {
			s->last = i;
			return &s->parts[i];
		}
	kb_part *np = realloc(s->parts, (s->n_parts + 1) * sizeof *np);
	if (!np)
		return NULL;
	s->parts = np;
	kb_part *p = &s->parts[s->n_parts];
	if (kb_part_init(p, table)) {
		kb_part_free(p);
		return NULL;
	}
	s->n_parts++;
	return p;
}

/* Add a record (its kb_json text and members) to its table. */
static int put_record(asm_state *s, const char *table, kb_span rec, const kb_members *m)
{
	kb_part *p = get_part(s, table);
	if (!p || kb_part_add(p, rec, m))
		return -1;
	return strcmp(table, "clusters") ? kb_audit_record(s->audit, table, rec, m) : 0;
}

static int put_cluster(void *ctx, kb_span rec, const kb_members *m)
{
	return put_record(ctx, "clusters", rec, m);
}

/* Route the record of one line read into l: documents once per doc_id, the
 * others to their table and the clusters. *skip carries "this document was
 * seen already" from its documents line to its other lines. */
static int take_line(asm_state *s, const kb_line *l, int *skip)
{
	int rc = 0;
	if (!strcmp(l->table, "documents")) {
		const kb_span *id = kb_members_get(&l->m, "doc_id");
		kb_buf idb = { NULL, 0, 0 };
		/* the same bytes under two names: one documents row each, records once */
		if (id && id->p[0] == '"') {
			if (kb_jscan_string(*id, &idb) || kb_buf_putc(&idb, '\0'))
				rc = -1;
			else {
				*skip = json_object_get(s->seen_docs, idb.p) != NULL;
				if (json_object_set_new(s->seen_docs, idb.p, json_true()))
					rc = -1;
			}
		} else {
			*skip = 0;
		}
		kb_buf_free(&idb);
		if (rc == 0)
			rc = put_record(s, l->table, l->record, &l->m);
	} else if (!*skip) {
		rc = kb_clusters_add(s->clusters, l->table, &l->m) || put_record(s, l->table, l->record, &l->m);
	}
	return rc;
}

/* Line lineno of the shard at path is not a record line this version writes. */
static void line_error(const char *path, unsigned long lineno)
{
	fprintf(stderr, "litx: %s:%lu: not a litx record line\n", path, lineno);
}

static int read_shard(asm_state *s, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "litx: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (setvbuf(f, s->read_buf, _IOFBF, KB_PART_BUF)) {
		fclose(f);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0, skip = 0;
	unsigned long lineno = 0;
	kb_line *l = &s->line;
	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (n == 1 && line[0] == '\n')
			continue;
		int r = kb_line_read(l, line, (size_t)n);
		if (r) {
			if (r == -1)
				line_error(path, lineno);
			rc = -1;
			break;
		}
		rc = take_line(s, l, &skip);
	}
	free(line);
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* The shard's lines as this process wrote them (kb_json lines), p[0..n). */
static int read_own_lines(asm_state *s, const char *path, const char *p, size_t n)
{
	int rc = 0, skip = 0;
	unsigned long lineno = 0;
	const char *end = p + n;
	while (rc == 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		lineno++;
		if (len > 1 || *p != '\n') {
			int r = kb_line_read_own(&s->line, p, len);
			if (r == -1)
				line_error(path, lineno);
			rc = r ? -1 : take_line(s, &s->line, &skip);
		}
		p += len;
	}
	return rc;
}

/* Whether the index mk[0..nm) describes lines that make up exactly n bytes. */
static int index_fits(const char *mk, size_t nm, size_t n)
{
	size_t total = 0;
	while (nm >= 8) {
		uint32_t h[2];
		memcpy(h, mk, sizeof h);
		size_t body = h[1] == KB_MARKS_NONE ? 0 : (size_t)h[1] * 8;
		if (h[0] == 0 || h[0] > n - total || body > nm - 8)
			return 0;
		total += h[0];
		mk += 8 + body;
		nm -= 8 + body;
	}
	return nm == 0 && total == n;
}

/* The lines with their member index: no walk over the records. */
static int read_marked_lines(asm_state *s, const char *path, const char *p, const char *mk, const char *mk_end)
{
	int rc = 0, skip = 0;
	unsigned long lineno = 0;
	while (rc == 0 && mk < mk_end) {
		uint32_t h[2];
		memcpy(h, mk, sizeof h);
		mk += 8;
		lineno++;
		int r = kb_line_read_marked(&s->line, p, h[0], mk, h[1]);
		if (r == -1)
			line_error(path, lineno);
		rc = r ? -1 : take_line(s, &s->line, &skip);
		p += h[0];
		mk += h[1] == KB_MARKS_NONE ? 0 : (size_t)h[1] * 8;
	}
	return rc;
}

/* The shard as kb_shard_write kept it: its text, the lines' member index, the
 * text's length as a u64. Without a usable index (a line too long for it) the
 * text is walked. */
static int read_own_shard(asm_state *s, const char *path, const char *p, size_t n)
{
	uint64_t text;
	if (n < sizeof text)
		return -1;
	memcpy(&text, p + n - sizeof text, sizeof text);
	size_t rest = n - sizeof text;
	if (text > rest)
		return -1;
	const char *mk = p + text;
	size_t nm = rest - (size_t)text;
	if (!index_fits(mk, nm, (size_t)text))
		return read_own_lines(s, path, p, (size_t)text);
	return read_marked_lines(s, path, p, mk, mk + nm);
}

static char *path_in(const char *dir, const char *name, const char *suffix)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s%s", dir, name, suffix) < 0)
		return NULL;
	return p;
}

/* Output order: the KB tables, then plugin tables by name, then clusters. */
static void order_parts(asm_state *s)
{
	for (size_t i = 0; i < s->n_parts; i++)
		for (size_t j = i + 1; j < s->n_parts; j++) {
			size_t ri = litx_kb_n_tables + 1, rj = litx_kb_n_tables + 1;
			for (size_t t = 0; t < litx_kb_n_tables; t++) {
				if (!strcmp(s->parts[i].table, litx_kb_tables[t])) ri = t;
				if (!strcmp(s->parts[j].table, litx_kb_tables[t])) rj = t;
			}
			if (!strcmp(s->parts[i].table, "clusters")) ri = litx_kb_n_tables + 2;
			if (!strcmp(s->parts[j].table, "clusters")) rj = litx_kb_n_tables + 2;
			if (rj < ri || (ri == rj && strcmp(s->parts[j].table, s->parts[i].table) < 0)) {
				kb_part t = s->parts[i];
				s->parts[i] = s->parts[j];
				s->parts[j] = t;
			}
		}
}

struct litx_kb_asm {
	asm_state s;
	int rc;
};

/* Free what the state holds (the audit is freed by the caller: finish reads its stats last). */
static void free_state(asm_state *s)
{
	for (size_t i = 0; i < s->n_parts; i++)
		kb_part_free(&s->parts[i]);
	free(s->parts);
	s->parts = NULL;
	s->n_parts = 0;
	kb_line_free(&s->line);
	free(s->read_buf);
	s->read_buf = NULL;
	kb_clusters_free(s->clusters);
	s->clusters = NULL;
	json_decref(s->seen_docs);
	s->seen_docs = NULL;
}

litx_kb_asm *litx_kb_asm_begin(void)
{
	litx_kb_asm *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->s.clusters = kb_clusters_new();
	a->s.seen_docs = json_object();
	a->s.audit = kb_audit_new();
	a->s.read_buf = malloc(KB_PART_BUF);
	int rc = (a->s.clusters && a->s.seen_docs && a->s.audit && a->s.read_buf) ? 0 : -1;
	/* every KB table exists in the output, even when empty */
	for (size_t t = 0; rc == 0 && t < litx_kb_n_tables; t++)
		if (!get_part(&a->s, litx_kb_tables[t]))
			rc = -1;
	if (rc) {
		litx_kb_asm_free(a);
		return NULL;
	}
	return a;
}

int litx_kb_asm_add(litx_kb_asm *a, const char *shard)
{
	if (a->rc == 0)
		a->rc = read_shard(&a->s, shard);
	return a->rc;
}

int litx_kb_asm_add_own(litx_kb_asm *a, const char *shard, const char *bytes, size_t n)
{
	if (a->rc == 0)
		a->rc = read_own_shard(&a->s, shard, bytes, n);
	return a->rc;
}

void litx_kb_asm_free(litx_kb_asm *a)
{
	if (!a)
		return;
	free_state(&a->s);
	kb_audit_free(a->s.audit);
	free(a);
}

int litx_kb_assemble(const char *dir, char *const *shards, size_t n, json_t **stats)
{
	litx_kb_asm *a = litx_kb_asm_begin();
	for (size_t i = 0; a && i < n; i++)
		litx_kb_asm_add(a, shards[i]);
	if (!a) {
		fprintf(stderr, "litx: could not write the knowledge base in %s\n", dir);
		return -1;
	}
	return litx_kb_asm_finish(a, dir, stats);
}

int litx_kb_asm_finish(litx_kb_asm *a, const char *dir, json_t **stats)
{
	asm_state s = a->s;
	int rc = a->rc;
	free(a);
	if (rc == 0 && (!get_part(&s, "clusters") || kb_clusters_emit(s.clusters, put_cluster, &s)))
		rc = -1;
	order_parts(&s);

	char **tmp = calloc(s.n_parts + 1, sizeof *tmp), **final = calloc(s.n_parts + 1, sizeof *final);
	if (!tmp || !final)
		rc = -1;
	/* kb.json */
	if (rc == 0) {
		tmp[0] = path_in(dir, ".kb.json", ".tmp");
		final[0] = path_in(dir, "kb.json", "");
		FILE *f = tmp[0] && final[0] ? fopen(tmp[0], "w") : NULL;
		if (!f) {
			rc = -1;
		} else {
			rc = fprintf(f, "{\n\"litx_version\": \"%s\"", PACKAGE_VERSION) < 0;
			for (size_t i = 0; rc == 0 && i < s.n_parts; i++) {
				rc = fprintf(f, ",\n\"%s\": [%s", s.parts[i].table, s.parts[i].n ? "\n" : "") < 0 ||
				     kb_part_write_json(&s.parts[i], f) ||
				     fputs(s.parts[i].n ? "\n]" : "]", f) == EOF;
			}
			if (fputs("\n}\n", f) == EOF)
				rc = -1;
			if (fflush(f) || fsync(fileno(f)))
				rc = -1;
			if (fclose(f))
				rc = -1;
		}
	}
	for (size_t i = 0; rc == 0 && i < s.n_parts; i++) {
		char name[256];
		snprintf(name, sizeof name, ".%s.csv", s.parts[i].table);
		tmp[i + 1] = path_in(dir, name, ".tmp");
		final[i + 1] = path_in(dir, name + 1, "");
		if (!tmp[i + 1] || !final[i + 1] || kb_part_write_csv(&s.parts[i], tmp[i + 1]))
			rc = -1;
	}
	/* Test hook: die like a killed run after the new files are written and before
	 * any is published; the old KB must survive (tests/kb_kill.sh). */
	if (rc == 0 && getenv("LITX_TEST_DIE_BEFORE_PUBLISH"))
		_exit(3);
	/* publish: only when everything was written */
	for (size_t i = 0; rc == 0 && i <= s.n_parts; i++)
		if (rename(tmp[i], final[i])) {
			fprintf(stderr, "litx: cannot rename %s: %s\n", tmp[i], strerror(errno));
			rc = -1;
		}
	for (size_t i = 0; tmp && i <= s.n_parts; i++) {
		if (rc && tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
		if (final)
			free(final[i]);
	}
	free(tmp);
	free(final);
	free_state(&s);
	if (rc == 0 && kb_audit_write(s.audit, dir))
		rc = -1;
	if (rc == 0 && stats)
		*stats = json_deep_copy(kb_audit_stats(s.audit));
	kb_audit_free(s.audit);
	if (rc)
		fprintf(stderr, "litx: could not write the knowledge base in %s\n", dir);
	return rc;
}
