/* test_regress.c - one test per bug the fuzzers (fuzz/) found, named after what it
 * broke, with the minimized input in tests/data/regress/<what-broke>.<ext>. Under
 * `make check` they show a crash as a failure; a leak or a bad read shows in the
 * ASan and valgrind passes of CI, which run this program too.
 *
 * Then every file of tests/data/regress goes through the whole pipeline (collect,
 * read, load, the built plugins, the checker), so an input saved there is replayed
 * even before it has a test of its own.
 *
 * A test of a bug still open when it was written calls OPEN_BUG first: skipped,
 * saying why, unless LITX_TEST_OPEN=1, so the suite stays green while the owner
 * fixes it; the call is removed with the fix. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>
#include "host.h"
#include "input.h"
#include "kb.h"
#include "readers.h"
#include "refparse.h"
#include "util.h"

#define OPEN_BUG(why) do { \
	const char *o_ = getenv("LITX_TEST_OPEN"); \
	if (!o_ || strcmp(o_, "1") != 0) { \
		print_message("OPEN (skipped until fixed; LITX_TEST_OPEN=1 runs it): %s\n", why); \
		skip(); \
	} \
} while (0)

static litx_host plugins;
static void **states;
static char datadir[512];

/* The bytes of tests/data/regress/name (NUL-terminated), skipping without the tree. */
static char *slurp(const char *name, size_t *len)
{
	if (!datadir[0]) {
		print_message("LITX_SRCDIR is not set; skipped\n");
		skip();
	}
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", datadir, name);
	return test_slurp(path, len);
}

/* All records of one file through the built plugins; the documents record first. */
static json_t *run_file(const char *name)
{
	if (!datadir[0] || !plugins.n) {
		print_message("needs LITX_SRCDIR and the built plugins (LITX_PLUGIN_PATH); skipped\n");
		skip();
	}
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", datadir, name);
	litx_item it = { .source = (char *)name, .path = path };
	json_t *pairs = litx_kb_process(&it, &plugins, states);
	assert_non_null(pairs);
	return pairs;
}

static const char *status_of(const json_t *pairs)
{
	return json_string_value(json_object_get(json_array_get(json_array_get(pairs, 0), 1),
						 "status"));
}

/* The formula plugin dropped the description of a mention it then skipped as
 * unmarked (plugins/formula/scan.c mention()): a leak on "B1" in an appendix.
 * Found by fuzz_pipeline on its seed corpus; fixed by the owner the same hour. */
static void formula_plugin_leak_unmarked_mention(void **state)
{
	(void)state;
	json_t *pairs = run_file("formula-plugin-leak-unmarked-mention.txt");
	assert_string_equal(status_of(pairs), "ok");
	json_decref(pairs);
}

/* The reference entry saved in tests/data/regress/name (one line), parsed. */
static char *parsed_entry(const char *name, litx_refparsed *p)
{
	size_t len;
	char *s = slurp(name, &len);
	while (len && s[len - 1] == '\n')
		s[--len] = '\0';
	assert_int_equal(litx_refparse(s, len, NULL, 0, p), 0);
	return s;
}

/* litx_refparse_name cut a name at `cap` bytes inside a UTF-8 character
 * ("Roué" -> "Rou\xC3"), so a short buffer got invalid UTF-8 (jansson then refuses
 * the string). Found by fuzz_refparse; fixed in put(). Every cut must end on a
 * character. */
static void refparse_name_cut_splits_utf8(void **state)
{
	(void)state;
	litx_refparsed p;
	char *s = parsed_entry("refparse-name-cut-splits-utf8.txt", &p);
	assert_true(p.n_names >= 3);
	for (size_t k = 0; k < p.n_names; k++) {
		for (size_t cap = 1; cap <= 24; cap++) {
			char buf[24];
			size_t n = litx_refparse_name(s, &p.names[k], buf, cap);
			assert_true(n < cap);
			assert_int_equal(strlen(buf), n);
			if (!test_utf8_valid(buf, n))
				print_error("name %zu cut at cap %zu: invalid UTF-8\n", k, cap);
			assert_true(test_utf8_valid(buf, n));
		}
	}
	free(s);
}

/* litx_refparse_authors formats each name into a 512-byte scratch: a name longer
 * than that (a run of initials expands three-fold, "GGG" -> "G. G. G.") was cut
 * inside a character and kept, where the header promises that a name that does not
 * fit is left out whole; and a name longer than the citations plugin's buffer
 * (entry length + 512) was cut the same way by litx_refparse_name. Found by
 * fuzz_refparse; fixed in put() and litx_refparse_authors. */
static void refparse_authors_long_name_cut(void **state)
{
	(void)state;
	litx_refparsed p;
	char *s = parsed_entry("refparse-authors-long-name-cut.txt", &p);
	assert_true(p.n_names >= 1);
	char *full = malloc(8192), *buf = malloc(4096);
	assert_non_null(full);
	assert_non_null(buf);
	size_t fl = litx_refparse_name(s, &p.names[0], full, 8192);
	assert_true(fl > 511); /* the input still makes a long name */
	for (size_t cap = 256; cap <= 1024; cap += 97) {
		size_t n = litx_refparse_name(s, &p.names[0], buf, cap);
		assert_true(n < cap);
		assert_true(test_utf8_valid(buf, n));
	}
	size_t n = litx_refparse_authors(s, &p, buf, 4096);
	assert_int_equal(strlen(buf), n);
	assert_true(test_utf8_valid(buf, n));
	/* the long name is there whole, or not at all */
	assert_true(strstr(buf, full) != NULL || n < fl);
	free(full);
	free(buf);
	free(s);
}

/* The checker copies a table row's formula into a 160-byte buffer, cut at a byte:
 * inside "C≡" it left half a character, jansson refused the finding's string, and
 * chk_emit took that for an allocation failure, so litx_check_doc failed,
 * litx_kb_process returned NULL and `litx run` dropped the whole batch ("could not
 * store its records"). Found by fuzz_pipeline; fixed in chk_emit (check.c), which
 * now drops the bytes of a cut character. The document must come back with its
 * findings, and every string of them valid. */
static void check_finding_cut_splits_utf8(void **state)
{
	(void)state;
	json_t *pairs = run_file("check-finding-cut-splits-utf8.txt");
	assert_string_equal(status_of(pairs), "ok");
	size_t i, malformed = 0;
	json_t *p;
	json_array_foreach(pairs, i, p) {
		if (strcmp(json_string_value(json_array_get(p, 0)), "findings") != 0)
			continue;
		json_t *rec = json_array_get(p, 1);
		const char *kind = json_string_value(json_object_get(rec, "kind"));
		if (kind && strcmp(kind, "formula_malformed") == 0)
			malformed++;
		const char *found = json_string_value(json_object_get(rec, "found"));
		if (found)
			assert_true(test_utf8_valid(found, strlen(found)));
	}
	assert_true(malformed >= 1);
	json_decref(pairs);
}

/* libxml2's message for a CDATA section left open quotes the text it stopped at,
 * and litx_err_set cut that message at its buffer inside "–" (three bytes): the
 * documents record got invalid UTF-8. Found by fuzz_jats; fixed in litx_err_set
 * (docb.c), which now writes '?' for bytes that start no valid character. The
 * document is refused with a message that names the line and is valid UTF-8. */
static void jats_parse_error_cut_splits_utf8(void **state)
{
	(void)state;
	json_t *pairs = run_file("jats-parse-error-cut-splits-utf8.xml");
	assert_string_equal(status_of(pairs), "error");
	const char *msg = json_string_value(json_object_get(json_array_get(json_array_get(pairs, 0), 1),
							    "error"));
	assert_non_null(msg);
	assert_non_null(strstr(msg, "malformed XML at line"));
	assert_true(test_utf8_valid(msg, strlen(msg)));
	json_decref(pairs);
}

/* Every saved input through the whole pipeline: no crash, a documents record. */
static void replay_all(void **state)
{
	(void)state;
	if (!datadir[0] || !plugins.n) {
		print_message("needs LITX_SRCDIR and the built plugins (LITX_PLUGIN_PATH); skipped\n");
		skip();
	}
	litx_items items = { 0 };
	litx_err err = { "", 0 };
	assert_int_equal(litx_items_collect(&items, datadir, &err), 0);
	litx_items_sort(&items);
	assert_true(items.n > 0);
	for (size_t i = 0; i < items.n; i++) {
		json_t *pairs = litx_kb_process(&items.v[i], &plugins, states);
		assert_non_null(pairs);
		const char *st = status_of(pairs);
		assert_non_null(st);
		assert_true(strcmp(st, "ok") == 0 || strcmp(st, "error") == 0);
		json_decref(pairs);
	}
	litx_items_free(&items);
}

static int setup(void **state)
{
	(void)state;
	const char *src = getenv("LITX_SRCDIR");
	if (src && *src)
		snprintf(datadir, sizeof datadir, "%s/tests/data/regress", src);
	return test_plugins_load(&plugins, &states);
}

static int teardown(void **state)
{
	(void)state;
	test_plugins_free(&plugins, states);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formula_plugin_leak_unmarked_mention),
		cmocka_unit_test(refparse_name_cut_splits_utf8),
		cmocka_unit_test(refparse_authors_long_name_cut),
		cmocka_unit_test(check_finding_cut_splits_utf8),
		cmocka_unit_test(jats_parse_error_cut_splits_utf8),
		cmocka_unit_test(replay_all),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
