/* test_kb_asm.c - what the assembly gathers besides the tables: the clusters
 * (mentions, documents and metrics per canonical cluster formula) and the audit's
 * counts. Records go in as kb_json text, as they come out of shards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include "kb_audit.h"
#include "kb_clusters.h"

static void read_members(kb_members *m, const char *text)
{
	assert_int_equal(kb_members_read(m, (kb_span){ text, strlen(text) }, 1), 0);
}

struct got {
	char text[4][512];
	size_t n;
};

static int collect(void *ctx, kb_span rec, const kb_members *m)
{
	struct got *g = ctx;
	assert_true(g->n < 4 && rec.n < sizeof g->text[0]);
	assert_non_null(kb_members_get(m, "canonical"));
	memcpy(g->text[g->n], rec.p, rec.n);
	g->text[g->n++][rec.n] = '\0';
	return 0;
}

static void clusters(void **state)
{
	(void)state;
	static const char *const recs[][2] = {
		{ "formulas", "{\"canonical\":\"Au25\",\"doc_id\":\"d2\",\"kind\":\"cluster\",\"metals\":{\"Au\":25},\"n_metal\":25}" },
		{ "formulas", "{\"canonical\":\"Au25\",\"doc_id\":\"d1\",\"kind\":\"cluster\",\"metals\":{\"Au\":26}}" },
		{ "formulas", "{\"canonical\":\"Au25\",\"doc_id\":\"d1\"}" },                     /* no kind counts */
		{ "formulas", "{\"canonical\":\"CO2\",\"doc_id\":\"d1\",\"kind\":\"molecule\"}" }, /* not a cluster */
		{ "metrics", "{\"catalyst_canonical\":\"Au25\",\"doc_id\":\"d1\",\"metric\":\"FE\",\"unit\":\"%\",\"value\":95.0}" },
		{ "metrics", "{\"catalyst_canonical\":\"Ag44\",\"doc_id\":\"d2\",\"metric\":\"TOF\",\"value\":1.5e-7}" },
		{ "metrics", "{\"catalyst_canonical\":\"\",\"doc_id\":\"d2\",\"metric\":\"TOF\",\"value\":2}" }, /* empty */
		{ "citations", "{\"canonical\":\"Pt\",\"kind\":\"cluster\"}" },                   /* other table */
	};
	kb_clusters *c = kb_clusters_new();
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	assert_non_null(c);
	for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
		read_members(&m, recs[i][1]);
		assert_int_equal(kb_clusters_add(c, recs[i][0], &m), 0);
	}
	struct got g = { .n = 0 };
	assert_int_equal(kb_clusters_emit(c, collect, &g), 0);
	assert_int_equal(g.n, 2);
	/* a metric names its document in the item; documents count formula mentions */
	assert_string_equal(g.text[0], "{\"canonical\":\"Ag44\",\"documents\":[],\"mentions\":0,\"metals\":null,"
				       "\"metrics\":[\"TOF=1.5e-07 [d2]\"],\"n_documents\":0,\"n_metal\":null}");
	assert_string_equal(g.text[1], "{\"canonical\":\"Au25\",\"documents\":[\"d1\",\"d2\"],\"mentions\":3,"
				       "\"metals\":{\"Au\":25},\"metrics\":[\"FE=95 % [d1]\"],\"n_documents\":2,\"n_metal\":25}");
	kb_members_free(&m);
	kb_clusters_free(c);
}

/* Enough documents and metrics that the spill is sorted in several runs and
 * merged: clusters arrive interleaved, a cluster's documents out of order and
 * every record twice (once in each half), so repeats meet across runs. Each
 * cluster's lists must come out sorted, unique and complete. */
#define BIG_CLUSTERS 7
#define BIG_DOCS 600
#define BIG_METRICS 2000
#define BIG_UNIT 1400

struct big {
	unsigned char want_doc[BIG_CLUSTERS][BIG_DOCS], got_doc[BIG_CLUSTERS][BIG_DOCS];
	unsigned char want_metric[BIG_CLUSTERS][BIG_METRICS], got_metric[BIG_CLUSTERS][BIG_METRICS];
	json_int_t mentions[BIG_CLUSTERS];
	size_t n;
};

static void check_sorted(const json_t *a, unsigned char got[], const char *fmt, size_t max)
{
	size_t i;
	const json_t *x;
	json_array_foreach(a, i, x) {
		const char *s = json_string_value(x);
		unsigned v;
		assert_non_null(s);
		if (i)
			assert_true(strcmp(json_string_value(json_array_get(a, i - 1)), s) < 0);
		assert_int_equal(sscanf(s, fmt, &v), 1);
		assert_true(v < max);
		got[v] = 1;
	}
}

static int collect_big(void *ctx, kb_span rec, const kb_members *m)
{
	struct big *b = ctx;
	(void)m;
	json_t *r = json_loadb(rec.p, rec.n, 0, NULL);
	unsigned k;
	assert_non_null(r);
	assert_int_equal(sscanf(json_string_value(json_object_get(r, "canonical")), "Au%u", &k), 1);
	assert_int_equal(k, b->n++);
	assert_true(k < BIG_CLUSTERS);
	const json_t *docs = json_object_get(r, "documents");
	assert_int_equal(json_integer_value(json_object_get(r, "n_documents")), json_array_size(docs));
	assert_int_equal(json_integer_value(json_object_get(r, "mentions")), b->mentions[k]);
	check_sorted(docs, b->got_doc[k], "d%u", BIG_DOCS);
	check_sorted(json_object_get(r, "metrics"), b->got_metric[k], "m%u", BIG_METRICS);
	json_decref(r);
	return 0;
}

static void clusters_spilled(void **state)
{
	(void)state;
	struct big *b = calloc(1, sizeof *b);
	char *rec = malloc(BIG_UNIT + 256), unit[BIG_UNIT + 1];
	kb_clusters *c = kb_clusters_new();
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	assert_non_null(b);
	assert_non_null(rec);
	assert_non_null(c);
	memset(unit, 'u', BIG_UNIT);
	unit[BIG_UNIT] = '\0';
	for (unsigned pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < BIG_DOCS; i++) {
			unsigned k = (i * 5 + 3) % BIG_CLUSTERS, d = (i * 7919) % BIG_DOCS;
			snprintf(rec, BIG_UNIT + 256, "{\"canonical\":\"Au%u\",\"doc_id\":\"d%u\",\"kind\":\"cluster\"}", k, d);
			read_members(&m, rec);
			assert_int_equal(kb_clusters_add(c, "formulas", &m), 0);
			b->want_doc[k][d] = 1;
			b->mentions[k]++;
		}
		for (unsigned i = 0; i < BIG_METRICS; i++) {
			unsigned k = (i * 3 + 1) % BIG_CLUSTERS, j = (i * 613) % BIG_METRICS;
			snprintf(rec, BIG_UNIT + 256, "{\"catalyst_canonical\":\"Au%u\",\"doc_id\":\"d0\",\"metric\":\"m%05u\","
				 "\"unit\":\"%s\",\"value\":%u}", k, j, unit, i);
			read_members(&m, rec);
			assert_int_equal(kb_clusters_add(c, "metrics", &m), 0);
			b->want_metric[k][j] = 1;
		}
	}
	assert_int_equal(kb_clusters_emit(c, collect_big, b), 0);
	assert_int_equal(b->n, BIG_CLUSTERS);
	assert_memory_equal(b->got_doc, b->want_doc, sizeof b->want_doc);
	assert_memory_equal(b->got_metric, b->want_metric, sizeof b->want_metric);
	kb_members_free(&m);
	kb_clusters_free(c);
	free(rec);
	free(b);
}

static size_t stat_of(const json_t *s, const char *k)
{
	return (size_t)json_integer_value(json_object_get(s, k));
}

static void audit_counts(void **state)
{
	(void)state;
	static const char *const recs[][2] = {
		{ "formulas", "{\"id\":\"orphan\"}" }, /* before any document: counted only */
		{ "documents", "{\"doc_id\":\"d1\",\"status\":\"ok\"}" },
		{ "findings", "{\"doc_id\":\"d1\",\"severity\":\"error\"}" },
		{ "findings", "{\"doc_id\":\"d1\",\"severity\":\"warning\"}" },
		{ "findings", "{\"doc_id\":\"d1\",\"severity\":\"info\"}" },
		{ "documents", "{\"doc_id\":\"d2\",\"status\":\"error\"}" },
		{ "findings", "{\"doc_id\":\"d2\"}" },
	};
	kb_audit *a = kb_audit_new();
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	assert_non_null(a);
	for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
		read_members(&m, recs[i][1]);
		assert_int_equal(kb_audit_record(a, recs[i][0], (kb_span){ recs[i][1], strlen(recs[i][1]) }, &m), 0);
	}
	const json_t *s = kb_audit_stats(a);
	assert_int_equal(stat_of(s, "documents"), 2);
	assert_int_equal(stat_of(s, "documents_error"), 1);
	assert_int_equal(stat_of(s, "formulas"), 1);
	assert_int_equal(stat_of(s, "findings"), 4);
	assert_int_equal(stat_of(s, "findings_error"), 1);
	assert_int_equal(stat_of(s, "findings_warning"), 1);
	assert_int_equal(stat_of(s, "findings_info"), 2);
	assert_null(json_object_get(s, "tables"));
	kb_members_free(&m);
	kb_audit_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clusters),
		cmocka_unit_test(clusters_spilled),
		cmocka_unit_test(audit_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
