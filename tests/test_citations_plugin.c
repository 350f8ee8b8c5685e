/* test_citations_plugin.c - the citations plugin through the real host: a document
 * built in the test (so the test needs only the plugin and a document), its
 * citation, dangling and reference records; then the seed article and its JATS
 * twin, when the readers can load them, give the same callout -> reference links. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "callout.h"
#include "host.h"
#include "readers.h"
#include "tbuf.h"

static litx_host host;
static void **states;

static int setup(void **state)
{
	(void)state;
	if (litx_host_load(&host, NULL, stderr) < 0)
		return -1;
	states = litx_host_states_new(&host);
	return states ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	litx_host_states_free(&host, states);
	litx_host_free(&host);
	return 0;
}

static int have_plugin(void)
{
	for (size_t i = 0; i < host.n; i++)
		if (!strcmp(host.v[i].p->name, "citations"))
			return 1;
	return 0;
}

static json_t *run(const litx_doc *doc)
{
	json_t *out = NULL;
	char *fail = NULL;
	assert_int_equal(litx_host_run(&host, states, doc, &out, &fail), 0);
	if (fail && strstr(fail, "citations:"))
		fail_msg("plugin failed: %s", fail);
	free(fail);
	return out;
}

static void add_text(docb *b, tbuf *tb, uint32_t line, const char *s, long sup_from, long sup_to)
{
	litx_block *k = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
	assert_non_null(k);
	tbuf_mark(tb, line, 0);
	tbuf_puts(tb, s);
	if (sup_from >= 0)
		tbuf_span_add(tb, LITX_SPAN_SUP, (size_t)sup_from, (size_t)sup_to, LITX_CITE_NONE, NULL);
	assert_int_equal(tbuf_finish(tb, b->a, &k->text), 0);
}

static void test_records(void **state)
{
	(void)state;
	if (!have_plugin())
		skip();
	docb *b = docb_new("doc.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	assert_non_null(docb_add_section(b, "1", "Introduction", 1, 5, 0));
	tbuf tb;
	tbuf_init(&tb);
	const char *p1 = "Energy is a concern of the world.1–4 As in ref. 3, it matters.";
	const char *sup = strstr(p1, "1–4");
	add_text(b, &tb, 7, p1, sup - p1, sup - p1 + (long)strlen("1–4"));
	const char *p2 = "Past the end of the list.60 Fine.";
	const char *s60 = strstr(p2, "60");
	add_text(b, &tb, 9, p2, s60 - p2, s60 - p2 + 2);
	for (int i = 1; i <= 10; i++) {
		litx_ref *r = docb_add_ref(b);
		assert_non_null(r);
		char lab[16], raw[160];
		snprintf(lab, sizeof lab, "%d", i);
		r->label = docb_strdup(b, lab);
		r->label_printed = i != 2;
		if (i == 7)
			snprintf(raw, sizeof raw, "A. Author and B. Writer, J. Catal., 12, e123.");
		else
			snprintf(raw, sizeof raw, "W. Zhang, W. Lai and R. Cao, Chem. Rev., %d, %d, 3717–3797.", 2000 + i, 100 + i);
		tbuf_mark(&tb, (uint32_t)(100 + i), 0);
		tbuf_puts(&tb, raw);
		/* the journal italic, as the text reader gives it */
		const char *j = strstr(raw, i == 7 ? "J. Catal." : "Chem. Rev.");
		tbuf_span_add(&tb, LITX_SPAN_ITALIC, (size_t)(j - raw), (size_t)(j - raw) + (i == 7 ? 9 : 10),
			      LITX_CITE_NONE, NULL);
		assert_int_equal(tbuf_finish(&tb, b->a, &r->raw), 0);
	}
	/* one tagged entry, as the JATS reader fills them */
	b->ref[9].authors = docb_strdup(b, "Smith, J.; Jones, K.");
	b->ref[9].year = docb_strdup(b, "1999");
	tbuf_free(&tb);
	for (size_t i = 0; i < b->n_blk; i++)
		b->blk[i].section = 0;
	assert_int_equal(litx_mark_callouts(b), 0);
	assert_int_equal(docb_finish(b), 0);

	json_t *out = run(&b->doc);
	json_t *cit = json_object_get(out, "citations"), *refs = json_object_get(out, "references");
	assert_non_null(cit);
	assert_non_null(refs);
	assert_int_equal(json_array_size(cit), 3);
	json_t *c0 = json_array_get(cit, 0), *c1 = json_array_get(cit, 1), *c2 = json_array_get(cit, 2);
	assert_string_equal(json_string_value(json_object_get(c0, "kind")), "superscript");
	assert_string_equal(json_string_value(json_object_get(c0, "text")), "1–4");
	assert_int_equal(json_array_size(json_object_get(c0, "labels")), 4);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c0, "labels"), 3)), "4");
	assert_int_equal(json_integer_value(json_object_get(c0, "line")), 7);
	assert_string_equal(json_string_value(json_object_get(c0, "section")), "1");
	assert_true(json_is_false(json_object_get(c0, "dangling")));
	assert_non_null(json_object_get(c0, "snippet"));
	assert_string_equal(json_string_value(json_object_get(c1, "kind")), "textual");
	assert_string_equal(json_string_value(json_object_get(c1, "text")), "ref. 3");
	assert_true(json_is_true(json_object_get(c2, "dangling")));
	assert_int_equal(json_array_size(json_object_get(c2, "labels")), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c2, "printed_labels"), 0)), "60");
	assert_int_equal(json_integer_value(json_object_get(c2, "line")), 9);

	assert_int_equal(json_array_size(refs), 10);
	json_t *r1 = json_array_get(refs, 0), *r3 = json_array_get(refs, 2), *r7 = json_array_get(refs, 6),
	       *r10 = json_array_get(refs, 9), *r2 = json_array_get(refs, 1);
	assert_string_equal(json_string_value(json_object_get(r1, "label")), "1");
	assert_string_equal(json_string_value(json_object_get(r1, "journal")), "Chem. Rev.");
	assert_string_equal(json_string_value(json_object_get(r1, "year")), "2001");
	assert_string_equal(json_string_value(json_object_get(r1, "volume")), "101");
	assert_string_equal(json_string_value(json_object_get(r1, "pages")), "3717–3797");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r1, "authors"), 0)), "Zhang, W.");
	assert_int_equal(json_integer_value(json_object_get(r1, "line")), 101);
	assert_int_equal(json_integer_value(json_object_get(r1, "cited")), 1);
	assert_int_equal(json_integer_value(json_object_get(r3, "cited")), 2);
	assert_int_equal(json_array_size(json_object_get(r1, "missing")), 0);
	assert_true(json_is_false(json_object_get(r2, "label_printed")));
	/* no year: null and named in "missing" */
	assert_true(json_is_null(json_object_get(r7, "year")));
	json_t *miss = json_object_get(r7, "missing");
	assert_int_equal(json_array_size(miss), 1);
	assert_string_equal(json_string_value(json_array_get(miss, 0)), "year");
	assert_int_equal(json_integer_value(json_object_get(r7, "cited")), 0);
	/* tagged fields win over parsed ones */
	assert_string_equal(json_string_value(json_object_get(r10, "year")), "1999");
	assert_int_equal(json_array_size(json_object_get(r10, "authors")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r10, "authors"), 1)), "Jones, K.");
	json_decref(out);
	litx_doc_free(&b->doc);
}

/* ---- the seed and its JATS twin ---- */

static litx_doc *load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	litx_err err = { "", 0 };
	litx_doc *d = litx_doc_load(path, buf, (size_t)n, &err);
	free(buf);
	return d;
}

/* label -> number of callouts citing it, as "label:count" lines sorted by label */
static void links(json_t *out, char *buf, size_t cap)
{
	json_t *cit = json_object_get(out, "citations");
	long count[2000] = { 0 };
	size_t i;
	json_t *c;
	json_array_foreach(cit, i, c) {
		size_t k;
		json_t *l;
		json_array_foreach(json_object_get(c, "labels"), k, l) {
			long v = litx_callout_label_value(json_string_value(l));
			if (v > 0 && v < 2000)
				count[v]++;
		}
	}
	size_t n = 0;
	buf[0] = '\0';
	for (long v = 1; v < 2000 && n < cap; v++)
		if (count[v])
			n += (size_t)snprintf(buf + n, cap - n, "%ld:%ld\n", v, count[v]);
}

static void test_seed_twin(void **state)
{
	(void)state;
	const char *src = getenv("LITX_SRCDIR");
	if (!src || !have_plugin())
		skip();
	char p1[4096], p2[4096];
	snprintf(p1, sizeof p1, "%s/corpus/seed/000_a1e4a42852dd861f.txt", src);
	snprintf(p2, sizeof p2, "%s/corpus/twin/d5sc01108f-twin.xml", src);
	litx_doc *seed = load(p1), *twin = load(p2);
	if (!seed || !twin || seed->n_refs < 200 || twin->n_refs < 200) {
		/* a reader not there yet */
		litx_doc_free(seed);
		litx_doc_free(twin);
		skip();
	}
	assert_int_equal(seed->n_refs, twin->n_refs);
	json_t *o1 = run(seed), *o2 = run(twin);
	static char l1[65536], l2[65536];
	links(o1, l1, sizeof l1);
	links(o2, l2, sizeof l2);
	if (strcmp(l1, l2)) {
		/* name the first label that differs */
		const char *a = l1, *b = l2;
		while (*a && *a == *b)
			a++, b++;
		while (a > l1 && a[-1] != '\n')
			a--;
		while (b > l2 && b[-1] != '\n')
			b--;
		fail_msg("seed and twin cite differently: seed '%.20s' twin '%.20s'", a, b);
	}
	json_decref(o1);
	json_decref(o2);
	litx_doc_free(seed);
	litx_doc_free(twin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_seed_twin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
