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
		cmocka_unit_test(audit_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
