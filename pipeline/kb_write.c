/* kb_write.c - assembles the KB from per-document shards. Streaming: each record
 * goes once to a temporary part file per table while the shards are read, so
 * memory does not grow with the corpus (only with the number of distinct clusters).
 * kb.json keeps one record per line, keys sorted, so two KBs diff line by line. */
#include "kb.h"
#include "kb_audit.h"
#include "kb_csv.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15))

typedef struct part {
	char *table;
	FILE *f;      /* one compact record per line */
	json_t *keys; /* union of record keys, for CSV columns */
	size_t n;
} part;

typedef struct asm_state {
	part *parts;
	size_t n_parts;
	json_t *clusters; /* canonical -> aggregate */
	json_t *seen_docs;
	kb_audit *audit;
} asm_state;

static part *get_part(asm_state *s, const char *table)
{
	for (size_t i = 0; i < s->n_parts; i++)
		if (!strcmp(s->parts[i].table, table))
			return &s->parts[i];
	part *np = realloc(s->parts, (s->n_parts + 1) * sizeof *np);
	if (!np)
		return NULL;
	s->parts = np;
	part *p = &s->parts[s->n_parts];
	p->table = strdup(table);
	p->f = tmpfile();
	p->keys = json_object();
	p->n = 0;
	if (!p->table || !p->f || !p->keys) {
		free(p->table);
		if (p->f)
			fclose(p->f);
		json_decref(p->keys);
		return NULL;
	}
	s->n_parts++;
	return p;
}

/* Add rec to its table. `raw` (len bytes), when given, is rec already serialized
 * with DUMP_FLAGS, as shard lines hold it: copied as is instead of dumped again. */
static int put_record(asm_state *s, const char *table, json_t *rec, const char *raw, size_t len)
{
	part *p = get_part(s, table);
	if (!p)
		return -1;
	const char *k;
	json_t *v;
	json_object_foreach(rec, k, v) json_object_set_new(p->keys, k, json_true());
	if (raw ? fwrite(raw, 1, len, p->f) != len : json_dumpf(rec, p->f, DUMP_FLAGS) != 0)
		return -1;
	if (fputc('\n', p->f) == EOF)
		return -1;
	p->n++;
	return strcmp(table, "clusters") ? kb_audit_record(s->audit, table, rec) : 0;
}

static json_t *cluster_of(asm_state *s, const char *canonical)
{
	json_t *c = json_object_get(s->clusters, canonical);
	if (!c) {
		c = json_pack("{s:s,s:i,s:{},s:[]}", "canonical", canonical, "mentions", 0, "docs", "metrics");
		if (!c || json_object_set_new(s->clusters, canonical, c))
			return NULL;
	}
	return c;
}

static void aggregate(asm_state *s, const char *table, const json_t *rec)
{
	const char *doc = json_string_value(json_object_get(rec, "doc_id"));
	if (!strcmp(table, "formulas")) {
		const char *kind = json_string_value(json_object_get(rec, "kind"));
		const char *can = json_string_value(json_object_get(rec, "canonical"));
		if (!can || (kind && strcmp(kind, "cluster")))
			return;
		json_t *c = cluster_of(s, can);
		if (!c)
			return;
		json_object_set_new(c, "mentions", json_integer(json_integer_value(json_object_get(c, "mentions")) + 1));
		if (doc)
			json_object_set_new(json_object_get(c, "docs"), doc, json_true());
		if (!json_object_get(c, "metals") && json_object_get(rec, "metals")) {
			json_object_set(c, "metals", json_object_get(rec, "metals"));
			json_object_set(c, "n_metal", json_object_get(rec, "n_metal"));
		}
	} else if (!strcmp(table, "metrics")) {
		const char *can = json_string_value(json_object_get(rec, "catalyst_canonical"));
		const char *metric = json_string_value(json_object_get(rec, "metric"));
		if (!can || !*can || !metric)
			return;
		json_t *c = cluster_of(s, can);
		if (!c)
			return;
		char val[64] = "";
		json_t *v = json_object_get(rec, "value");
		if (json_is_number(v))
			snprintf(val, sizeof val, "%.15g", json_number_value(v));
		const char *unit = json_string_value(json_object_get(rec, "unit"));
		char *item = NULL;
		if (asprintf(&item, "%s=%s%s%s [%s]", metric, val, unit ? " " : "", unit ? unit : "",
			     doc ? doc : "") < 0)
			return;
		json_array_append_new(json_object_get(c, "metrics"), json_string(item));
		free(item);
	}
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted unique strings of an array or of an object's keys. */
static json_t *sorted_strings(const json_t *v)
{
	size_t n = json_is_array(v) ? json_array_size(v) : json_object_size(v), k = 0;
	const char **a = malloc((n ? n : 1) * sizeof *a);
	json_t *out = json_array();
	if (!a || !out) {
		free(a);
		json_decref(out);
		return NULL;
	}
	size_t i;
	const char *key;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) a[k++] = json_string_value(x);
	} else {
		json_object_foreach((json_t *)v, key, x) a[k++] = key;
	}
	qsort(a, k, sizeof *a, str_cmp);
	for (i = 0; i < k; i++)
		if (!i || strcmp(a[i], a[i - 1]))
			json_array_append_new(out, json_string(a[i]));
	free(a);
	return out;
}

static int emit_clusters(asm_state *s)
{
	json_t *names = sorted_strings(s->clusters);
	if (!names)
		return -1;
	size_t i;
	json_t *nm;
	int rc = 0;
	json_array_foreach(names, i, nm) {
		json_t *c = json_object_get(s->clusters, json_string_value(nm));
		json_t *docs = sorted_strings(json_object_get(c, "docs"));
		json_t *metrics = sorted_strings(json_object_get(c, "metrics"));
		json_t *rec = json_pack("{s:O,s:O,s:O,s:O,s:I,s:o,s:o}", "canonical", json_object_get(c, "canonical"),
			"n_metal", json_object_get(c, "n_metal") ? json_object_get(c, "n_metal") : json_null(),
			"metals", json_object_get(c, "metals") ? json_object_get(c, "metals") : json_null(),
			"mentions", json_object_get(c, "mentions"),
			"n_documents", (json_int_t)json_array_size(docs), "documents", docs ? docs : json_null(),
			"metrics", metrics ? metrics : json_null());
		if (!rec || put_record(s, "clusters", rec, NULL, 0))
			rc = -1;
		json_decref(rec);
	}
	json_decref(names);
	return rc;
}

/* Where ',"table":"' starts at the top level of a shard line: its last
 * occurrence, since "table" sorts after "record" (NULL when absent). */
static const char *strrstr_table(const char *line, size_t n)
{
	static const char key[] = ",\"table\":\"";
	const size_t k = sizeof key - 1;
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (line[i] == ',' && !memcmp(line + i, key, k))
			return line + i;
	return NULL;
}

static int read_shard(asm_state *s, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "litx: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0, skip = 0;
	unsigned long lineno = 0;
	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (n == 1 && line[0] == '\n')
			continue;
		json_t *j = litx_kb_parse_line(line, (size_t)n);
		if (!j) {
			fprintf(stderr, "litx: %s:%lu: not a litx record line\n", path, lineno);
			rc = -1;
			break;
		}
		const char *table = json_string_value(json_object_get(j, "table"));
		json_t *rec = json_object_get(j, "record");
		/* A line as litx writes it is {"record":{...},"table":"..."} (keys sorted,
		 * compact): the record's bytes can be copied. Anything else is re-dumped. */
		static const char head[] = "{\"record\":";
		const char *raw = NULL;
		size_t raw_len = 0;
		const char *tail = strrstr_table(line, (size_t)n);
		if (tail && (size_t)n > sizeof head - 1 && !memcmp(line, head, sizeof head - 1)) {
			raw = line + sizeof head - 1;
			raw_len = (size_t)(tail - raw);
		}
		if (!strcmp(table, "documents")) {
			const char *id = json_string_value(json_object_get(rec, "doc_id"));
			/* the same bytes under two names: one documents row each, records once */
			skip = id && json_object_get(s->seen_docs, id) != NULL;
			if (id)
				json_object_set_new(s->seen_docs, id, json_true());
			rc = put_record(s, table, rec, raw, raw_len);
		} else if (!skip) {
			aggregate(s, table, rec);
			rc = put_record(s, table, rec, raw, raw_len);
		}
		json_decref(j);
	}
	free(line);
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

static int copy_part_json(part *p, FILE *out)
{
	rewind(p->f);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t i = 0;
	int rc = 0;
	while ((n = getline(&line, &cap, p->f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if ((i++ && fputs(",\n", out) == EOF) || fwrite(line, 1, (size_t)n, out) != (size_t)n) {
			rc = -1;
			break;
		}
	}
	free(line);
	return rc;
}

static int write_csv(part *p, const char *path)
{
	json_t *cols = litx_csv_columns(p->table, p->keys);
	FILE *f = cols ? fopen(path, "w") : NULL;
	if (!f) {
		json_decref(cols);
		return -1;
	}
	int rc = litx_csv_header(f, cols);
	rewind(p->f);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (rc == 0 && (n = getline(&line, &cap, p->f)) > 0) {
		json_t *rec = json_loadb(line, (size_t)n, 0, NULL);
		rc = rec ? litx_csv_row(f, cols, rec) : -1;
		json_decref(rec);
	}
	free(line);
	json_decref(cols);
	if (fclose(f))
		rc = -1;
	return rc;
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
				part t = s->parts[i];
				s->parts[i] = s->parts[j];
				s->parts[j] = t;
			}
		}
}

int litx_kb_assemble(const char *dir, char *const *shards, size_t n, json_t **stats)
{
	asm_state s = { NULL, 0, json_object(), json_object(), kb_audit_new() };
	int rc = (s.clusters && s.seen_docs && s.audit) ? 0 : -1;
	/* every KB table exists in the output, even when empty */
	for (size_t t = 0; rc == 0 && t < litx_kb_n_tables; t++)
		if (!get_part(&s, litx_kb_tables[t]))
			rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = read_shard(&s, shards[i]);
	if (rc == 0 && (!get_part(&s, "clusters") || emit_clusters(&s)))
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
				     copy_part_json(&s.parts[i], f) ||
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
		if (!tmp[i + 1] || !final[i + 1] || write_csv(&s.parts[i], tmp[i + 1]))
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
	for (size_t i = 0; i < s.n_parts; i++) {
		fclose(s.parts[i].f);
		free(s.parts[i].table);
		json_decref(s.parts[i].keys);
	}
	free(s.parts);
	json_decref(s.clusters);
	json_decref(s.seen_docs);
	if (rc == 0 && kb_audit_write(s.audit, dir))
		rc = -1;
	if (rc == 0 && stats)
		*stats = json_deep_copy(kb_audit_stats(s.audit));
	kb_audit_free(s.audit);
	if (rc)
		fprintf(stderr, "litx: could not write the knowledge base in %s\n", dir);
	return rc;
}
