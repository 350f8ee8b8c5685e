/* test_host.c - the plugin host against real shared objects built for the tests
 * (tests/plugins/): a good plugin loads and runs, one built for another ABI version
 * is refused with a message naming the file and both versions, a plugin that fails
 * loses its records, a duplicate name and a non-plugin .so are skipped with a word. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "host.h"
#include "docb.h"

#ifndef TEST_PLUGIN_DIR
#error "TEST_PLUGIN_DIR must name the directory of the built test plugins"
#endif

/* Load from `dir` (NULL: the environment), capturing the log. */
static int load_logged(litx_host *h, const char *dir, char **log)
{
	size_t size = 0;
	FILE *f = open_memstream(log, &size);
	assert_non_null(f);
	int n = litx_host_load(h, dir, f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(*log);
	return n;
}

/* The line of `log` that mentions `needle`, copied into buf ("" when none). */
static const char *log_line(const char *log, const char *needle, char *buf, size_t cap)
{
	buf[0] = '\0';
	const char *p = strstr(log, needle);
	if (!p)
		return buf;
	const char *s = p;
	while (s > log && s[-1] != '\n')
		s--;
	const char *e = strchr(p, '\n');
	size_t n = e ? (size_t)(e - s) : strlen(s);
	snprintf(buf, cap, "%.*s", (int)n, s);
	return buf;
}

static void load_and_refuse(void **state)
{
	(void)state;
	litx_host h;
	char *log = NULL;
	int n = load_logged(&h, TEST_PLUGIN_DIR, &log);
	/* loaded in file-name order: failing, good; badabi, good_twin, notplugin are not */
	assert_int_equal(n, 2);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.v[0].p->name, "failing");
	assert_string_equal(h.v[1].p->name, "good");
	assert_string_equal(h.v[1].p->version, "1.2.3");
	assert_non_null(strstr(h.v[1].path, "/good.so"));

	char line[1024], want[128];
	log_line(log, "badabi.so", line, sizeof line);
	assert_non_null(strstr(line, TEST_PLUGIN_DIR "/badabi.so"));
	assert_non_null(strstr(line, "refused"));
	snprintf(want, sizeof want, "ABI version %u", LITX_ABI_VERSION + 1);
	assert_non_null(strstr(line, want));
	snprintf(want, sizeof want, "ABI version %u", LITX_ABI_VERSION);
	char *first = strstr(line, want);
	assert_non_null(first);
	/* both versions appear: the plugin's (N+1) and the host's (N) */
	assert_non_null(strstr(line, "rebuild"));

	log_line(log, "good_twin.so", line, sizeof line);
	assert_non_null(strstr(line, "skipped"));
	assert_non_null(strstr(line, "'good'"));

	log_line(log, "notplugin.so", line, sizeof line);
	assert_non_null(strstr(line, "not a litx plugin"));
	assert_non_null(strstr(line, LITX_PLUGIN_SYMBOL));

	free(log);
	litx_host_free(&h);
	assert_int_equal(h.n, 0);
}

/* --plugin-dir wins; otherwise LITX_PLUGIN_PATH, colon-separated, is searched. */
static void search_path(void **state)
{
	(void)state;
	assert_string_equal(litx_host_search_path("/some/dir"), "/some/dir");
	char *saved = getenv("LITX_PLUGIN_PATH") ? strdup(getenv("LITX_PLUGIN_PATH")) : NULL;
	assert_int_equal(setenv("LITX_PLUGIN_PATH", "/nonexistent/litx:" TEST_PLUGIN_DIR, 1), 0);
	assert_string_equal(litx_host_search_path(NULL), "/nonexistent/litx:" TEST_PLUGIN_DIR);
	litx_host h;
	char *log = NULL;
	assert_int_equal(load_logged(&h, NULL, &log), 2);
	free(log);
	litx_host_free(&h);
	/* an empty directory loads nothing, without error */
	log = NULL;
	assert_int_equal(load_logged(&h, "/nonexistent/litx", &log), 0);
	assert_string_equal(log, "");
	free(log);
	litx_host_free(&h);
	if (saved) {
		setenv("LITX_PLUGIN_PATH", saved, 1);
		free(saved);
	} else {
		unsetenv("LITX_PLUGIN_PATH");
	}
}

/* A small document with two paragraphs, built as a reader would. */
static litx_doc *small_doc(const char *source)
{
	docb *b = docb_new(source, LITX_FORMAT_TEXT);
	assert_non_null(b);
	memcpy(b->doc.doc_id, "0123456789abcdef", 17);
	tbuf t;
	tbuf_init(&t);
	static const char *const paras[] = { "Au25 was made. It worked well.", "Second one." };
	for (int i = 0; i < 2; i++) {
		litx_block *k = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
		assert_non_null(k);
		tbuf_mark(&t, (uint32_t)(3 + 2 * i), (size_t)(100 * (i + 1)));
		tbuf_puts(&t, paras[i]);
		assert_int_equal(tbuf_finish(&t, b->a, &k->text), 0);
	}
	tbuf_free(&t);
	assert_int_equal(docb_finish(b), 0);
	return &b->doc;
}

static void run_plugins(void **state)
{
	(void)state;
	litx_host h;
	char *log = NULL;
	assert_int_equal(load_logged(&h, TEST_PLUGIN_DIR, &log), 2);
	free(log);
	void **states = litx_host_states_new(&h);
	assert_non_null(states);
	assert_null(states[0]);     /* "failing" has no init */
	assert_non_null(states[1]); /* "good" made its counter */

	litx_doc *doc = small_doc("dir/paper.txt");
	json_t *out = NULL;
	char *failures = NULL;
	assert_int_equal(litx_host_run(&h, states, doc, &out, &failures), 0);
	assert_non_null(out);

	/* the good plugin's records, with what the core adds */
	json_t *recs = json_object_get(out, "tests");
	assert_true(json_is_array(recs));
	assert_int_equal(json_array_size(recs), 2);
	for (size_t i = 0; i < 2; i++) {
		json_t *r = json_array_get(recs, i);
		assert_string_equal(json_string_value(json_object_get(r, "doc_id")), "0123456789abcdef");
		assert_string_equal(json_string_value(json_object_get(r, "plugin")), "good");
		assert_string_equal(json_string_value(json_object_get(r, "plugin_version")), "1.2.3");
		assert_int_equal(json_integer_value(json_object_get(r, "block")), (json_int_t)i);
		assert_int_equal(json_integer_value(json_object_get(r, "line")), 3 + 2 * (json_int_t)i);
		assert_int_equal(json_integer_value(json_object_get(r, "offset")), 100 * ((json_int_t)i + 1));
		assert_int_equal(json_integer_value(json_object_get(r, "seen")), 1);
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(recs, 0), "snippet")),
			    "Au25 was made.");
	assert_true(json_is_array(json_object_get(json_array_get(recs, 0), "refs")));
	/* the failing plugin's record was dropped, its message kept */
	size_t k;
	json_t *r;
	json_array_foreach(recs, k, r)
		assert_string_not_equal(json_string_value(json_object_get(r, "text")), "must not survive");
	assert_non_null(failures);
	assert_string_equal(failures, "failing: cannot handle dir/paper.txt");

	/* a second document: records append, failures accumulate, state persists */
	litx_doc *doc2 = small_doc("other.txt");
	assert_int_equal(litx_host_run(&h, states, doc2, &out, &failures), 0);
	assert_int_equal(json_array_size(json_object_get(out, "tests")), 4);
	assert_int_equal(json_integer_value(json_object_get(
		json_array_get(json_object_get(out, "tests"), 3), "seen")), 2);
	assert_string_equal(failures, "failing: cannot handle dir/paper.txt\n"
				      "failing: cannot handle other.txt");

	free(failures);
	json_decref(out);
	litx_doc_free(doc);
	litx_doc_free(doc2);
	litx_host_states_free(&h, states);
	litx_host_free(&h);
}

/* litx_emit refuses what is not an object and still takes the reference. */
static void emit_refuses(void **state)
{
	(void)state;
	assert_int_equal(litx_emit(NULL, "tests", json_object()), -1);
	assert_int_equal(litx_emit(NULL, "tests", json_string("x")), -1);
	assert_int_equal(litx_emit(NULL, "tests", NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_and_refuse),
		cmocka_unit_test(search_path),
		cmocka_unit_test(run_plugins),
		cmocka_unit_test(emit_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
