/* test_kb_json.c - the KB's own JSON writer against jansson: random records
 * (escapes, multi-byte UTF-8, keys that prefix each other, integer extremes,
 * reals) must dump to the same bytes as json_dumps with KB_JSON_FLAGS; and the
 * ids and fact_ids of kb_ids. Needs nothing but the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kb_ids.h"
#include "kb_json.h"

#include "rnd_json.h"

/* kb_json_dump(v) gives the bytes of json_dumps(v, KB_JSON_FLAGS | JSON_ENCODE_ANY). */
static void dumps_as_jansson(kb_jw *w, const json_t *v)
{
	char *want = json_dumps(v, KB_JSON_FLAGS | JSON_ENCODE_ANY);
	assert_non_null(want);
	w->out.len = 0;
	assert_int_equal(kb_json_dump(w, v), 0);
	assert_int_equal(w->out.len, strlen(want));
	assert_memory_equal(w->out.p, want, w->out.len);
	free(want);
}

static void same_as_jansson(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	for (int i = 0; i < 3000; i++) {
		json_t *v = rnd_value(0);
		dumps_as_jansson(&w, v);
		json_decref(v);
	}
	kb_jw_free(&w);
}

/* Long plain runs are copied a word at a time: every byte that needs an escape
 * or is not ASCII, at every position of runs around a word's length, must still
 * come out as jansson writes it. */
/* Reals written without jansson (fixed notation, few decimals) and those left to
 * it: the same bytes as json_dumpb, at the edges of "%.15g"'s notations too. */
static void reals_as_jansson(void **state)
{
	(void)state;
	static const double edges[] = { 0.0, -0.0, 1e-4, 9.9999e-5, 1e15, 999999999999999.0, 1e14 + 0.5,
		0.1, 0.3, 2.675, -1.005, 123.456789, 0.000123, 1.0 / 3, 5e-324, 1e300, 28.0101, -7.0 };
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	unsigned seed = 7;
	for (int i = 0; i < 200000; i++) {
		double v;
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 8;
		if (i < (int)(sizeof edges / sizeof *edges))
			v = edges[i];
		else if (i % 3 == 0)
			v = (double)(int)(r % 2000000 - 1000000) / (double)(1u << (r % 5)) / (r % 2 ? 10.0 : 1000.0);
		else if (i % 3 == 1)
			v = (double)(r % 100000000) / 1e6 * (r % 7 ? 1 : -1);
		else
			v = (double)r / 1e3 * (double)(1 << (r % 20));
		json_t *j = json_real(v);
		assert_non_null(j);
		char want[128];
		size_t n = json_dumpb(j, want, sizeof want, KB_JSON_FLAGS | JSON_ENCODE_ANY);
		w.out.len = 0;
		assert_int_equal(kb_json_dump(&w, j), 0);
		assert_int_equal(w.out.len, n);
		assert_memory_equal(w.out.p, want, n);
		json_decref(j);
	}
	kb_jw_free(&w);
}

/* Objects of the same keys one after the other (the writer then reuses their
 * order), alternating with others that differ by one key, by a key's length or
 * by a key that needs escapes, nested too: always json_dumps' bytes. */
static void repeated_shapes(void **state)
{
	(void)state;
	static const char *const sets[][5] = {
		{ "doc_id", "id", "text", "line", "a" }, { "doc_id", "id", "text", "line", "b" },
		{ "doc_id", "id", "text", "lin", "a" }, { "doc_id", "id", "te\"xt", "line", "a" },
		{ "doc_id", "id", "text", "line", "\xc3\xa9" }, { "id", "doc_id", "text", "line", "a" },
	};
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	for (int i = 0; i < 3000; i++) {
		const char *const *keys = sets[(i / 3 + i % 2) % 6];
		json_t *o = json_object(), *inner = json_object();
		for (int k = 0; k < 5; k++) {
			json_object_set_new(o, keys[k], json_integer(i * k));
			json_object_set_new(inner, keys[(k + i) % 5], json_string(keys[k]));
		}
		json_object_set_new(o, "nested", inner);
		dumps_as_jansson(&w, o);
		json_decref(o);
	}
	kb_jw_free(&w);
}

static void escapes_in_long_runs(void **state)
{
	(void)state;
	static const unsigned char odd[] = { 0x00, 0x01, 0x1f, '"', '\\', 0x7f, 0x20, 0x21, 0x5b, 0x5d };
	static const char *const utf8[] = { "\xc3\xa9", "\xe2\x82\x82", "\xf0\x9f\x98\x80" };
	kb_buf b = { NULL, 0, 0 };
	char s[64];
	for (size_t len = 1; len < 40; len++)
		for (size_t pos = 0; pos < len; pos++)
			for (size_t k = 0; k < sizeof odd + 3; k++) {
				memset(s, 'a', sizeof s);
				size_t n = len;
				if (k < sizeof odd) {
					s[pos] = (char)odd[k];
				} else {
					const char *u = utf8[k - sizeof odd];
					if (pos + strlen(u) > sizeof s)
						continue;
					memcpy(s + pos, u, strlen(u));
					if (pos + strlen(u) > n)
						n = pos + strlen(u);
				}
				json_t *v = json_stringn(s, n);
				assert_non_null(v);
				char *want = json_dumps(v, KB_JSON_FLAGS | JSON_ENCODE_ANY);
				assert_non_null(want);
				b.len = 0;
				assert_int_equal(kb_json_string(&b, s, n), 0);
				assert_int_equal(b.len, strlen(want));
				assert_memory_equal(b.p, want, b.len);
				free(want);
				json_decref(v);
			}
	kb_buf_free(&b);
}

static void wide_objects_sorted(void **state)
{
	(void)state;
	/* more keys than the insertion sort handles, and nested objects sharing the scratch */
	json_t *o = json_object();
	for (int i = 0; i < 200; i++) {
		char k[16];
		snprintf(k, sizeof k, "k%d", (i * 37) % 200);
		json_object_set_new(o, k, i % 3 ? json_integer(i) : json_pack("{s:i,s:i}", "y", i, "x", -i));
	}
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	dumps_as_jansson(&w, o);
	json_decref(o);
	kb_jw_free(&w);
}

static void line_and_bad_utf8(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	json_t *rec = json_pack("{s:s,s:i}", "text", "Au\n\"25\"", "line", 3);
	assert_int_equal(kb_json_line(&w, "formulas", rec), 0);
	static const char want[] = "{\"record\":{\"line\":3,\"text\":\"Au\\n\\\"25\\\"\"},\"table\":\"formulas\"}\n";
	assert_int_equal(w.out.len, sizeof want - 1);
	assert_memory_equal(w.out.p, want, w.out.len);
	json_decref(rec);
	/* a string that is not UTF-8 fails, as json_dumps does */
	json_t *bad = json_stringn_nocheck("a\xff", 2);
	assert_null(json_dumps(bad, KB_JSON_FLAGS | JSON_ENCODE_ANY));
	assert_int_equal(kb_json_dump(&w, bad), -1);
	json_decref(bad);
	kb_jw_free(&w);
}

static const char *str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static void ids_and_fact_ids(void **state)
{
	(void)state;
	json_t *r = json_pack("{s:[{s:s},{s:s},{s:s},{}],s:[{s:s,s:i,s:s},{s:s,s:f,s:s},{s:s,s:i,s:s,s:n,s:s},"
			      "{s:s,s:i,s:s,s:s}],s:[{}]}",
		"formulas", "canonical", "Au25", "canonical", "Ag25", "canonical", "Au25",
		"metrics", "metric", "FE", "value", 1, "catalyst", "Au",
		"metric", "FE", "value", 1.0, "catalyst", "Au",
		"metric", "FE", "value", 1, "catalyst", "Au", "catalyst_canonical", "unit", "%",
		"metric", "FE", "value", 1, "catalyst", "Au", "unit", "%",
		"widgets");
	assert_int_equal(litx_kb_assign_ids("abc", r), 0);
	json_t *f = json_object_get(r, "formulas"), *m = json_object_get(r, "metrics");
	assert_string_equal(str(json_array_get(f, 0), "id"), "abc-F0001");
	assert_string_equal(str(json_array_get(f, 2), "fact_id"), "abc-F0001");
	assert_string_equal(str(json_array_get(f, 1), "fact_id"), "abc-F0002");
	assert_string_equal(str(json_array_get(f, 3), "fact_id"), "abc-F0004"); /* no canonical */
	assert_string_equal(str(json_array_get(f, 3), "doc_id"), "abc");
	assert_string_equal(str(json_array_get(m, 1), "fact_id"), "abc-M0002"); /* 1.0 is not 1 */
	assert_string_equal(str(json_array_get(m, 2), "fact_id"), "abc-M0003"); /* has a unit */
	assert_string_equal(str(json_array_get(m, 3), "fact_id"), "abc-M0003"); /* null canonical: catalyst */
	json_t *x = json_array_get(json_object_get(r, "widgets"), 0);
	assert_string_equal(str(x, "id"), "abc-Z0001");
	assert_null(json_object_get(x, "fact_id"));
	json_decref(r);
}

static void many_facts(void **state)
{
	(void)state;
	/* enough distinct keys to grow the table several times */
	json_t *r = json_object(), *a = json_array();
	json_object_set_new(r, "formulas", a);
	for (int i = 0; i < 12000; i++) {
		char c[16];
		snprintf(c, sizeof c, "C%d", i % 1000);
		json_array_append_new(a, json_pack("{s:s}", "canonical", c));
	}
	assert_int_equal(litx_kb_assign_ids("d", r), 0);
	assert_string_equal(str(json_array_get(a, 4999), "fact_id"), "d-F1000");
	assert_string_equal(str(json_array_get(a, 11999), "id"), "d-F12000"); /* past 4 digits */
	assert_string_equal(str(json_array_get(a, 0), "id"), "d-F0001");
	assert_string_equal(str(json_array_get(a, 999), "fact_id"), "d-F1000");
	assert_string_equal(str(json_array_get(a, 998), "fact_id"), "d-F0999");
	json_decref(r);
}

/* The depth limit holds for a string member as for any other value (members
 * that are strings are written without the call to dump, which checks it): an
 * object at depth KB_JSON_MAX_DEPTH may not hold one, one level less may. */
static json_t *nested(int depth, json_t *inner)
{
	for (int d = 0; d < depth; d++) {
		json_t *o = json_object();
		json_object_set_new(o, "k", inner);
		inner = o;
	}
	return inner;
}

static void depth_limit_strings(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	/* the innermost object at depth KB_JSON_MAX_DEPTH - 1: its string at the limit */
	json_t *ok = nested(KB_JSON_MAX_DEPTH, json_string("s"));
	assert_int_equal(kb_json_dump(&w, ok), 0);
	json_decref(ok);
	/* one level more: refused, for a string as for an integer */
	json_t *deep = nested(KB_JSON_MAX_DEPTH + 1, json_string("s"));
	w.out.len = 0;
	assert_int_equal(kb_json_dump(&w, deep), -1);
	json_decref(deep);
	json_t *deep_int = nested(KB_JSON_MAX_DEPTH + 1, json_integer(1));
	w.out.len = 0;
	assert_int_equal(kb_json_dump(&w, deep_int), -1);
	json_decref(deep_int);
	kb_jw_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_jansson),
		cmocka_unit_test(reals_as_jansson),
		cmocka_unit_test(repeated_shapes),
		cmocka_unit_test(escapes_in_long_runs),
		cmocka_unit_test(wide_objects_sorted),
		cmocka_unit_test(line_and_bad_utf8),
		cmocka_unit_test(ids_and_fact_ids),
		cmocka_unit_test(many_facts),
		cmocka_unit_test(depth_limit_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
