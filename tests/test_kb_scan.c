/* test_kb_scan.c - reading KB JSON text back without jansson: the check accepts
 * what kb_json writes and refuses every other spelling (the assembly then falls
 * back to jansson); members, decoded strings, shard lines and CSV cells. Needs
 * nothing but the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kb_csv.h"
#include "kb_jscan.h"
#include "kb_json.h"
#include "kb_line.h"

#include "rnd_json.h"

static void accepts_what_kb_json_writes(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	kb_buf b = { NULL, 0, 0 };
	for (int i = 0; i < 3000; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "v", rnd_value(0));
		json_object_set_new(o, "k\\ey", json_string("x"));
		json_object_set_new(o, "\xc3\xa9", json_integer(i));
		w.out.len = 0;
		assert_int_equal(kb_json_dump(&w, o), 0);
		kb_span text = { w.out.p, w.out.len };
		assert_int_equal(kb_jscan_check(text.p, text.n), 0);
		for (int check = 0; check < 2; check++) {
			assert_int_equal(kb_members_read(&m, text, check), 0);
			assert_int_equal(m.n, json_object_size(o));
			/* every member: key decoded, value text equal to the value dumped alone */
			for (size_t k = 0; k < m.n; k++) {
				char key[16];
				assert_true(m.v[k].key.n < sizeof key);
				memcpy(key, m.v[k].key.p, m.v[k].key.n);
				key[m.v[k].key.n] = '\0';
				json_t *v = json_object_get(o, key);
				assert_non_null(v);
				char *want = json_dumps(v, KB_JSON_FLAGS | JSON_ENCODE_ANY);
				assert_int_equal(m.v[k].val.n, strlen(want));
				assert_memory_equal(m.v[k].val.p, want, m.v[k].val.n);
				if (json_is_string(v)) {
					b.len = 0;
					assert_int_equal(kb_jscan_string(m.v[k].val, &b), 0);
					assert_int_equal(b.len, json_string_length(v));
					assert_memory_equal(b.p, json_string_value(v), b.len);
				}
				free(want);
			}
		}
		assert_non_null(kb_members_get(&m, "k\\ey"));
		assert_non_null(kb_members_get(&m, "v"));
		assert_null(kb_members_get(&m, "w"));
		json_decref(o);
	}
	kb_buf_free(&b);
	kb_members_free(&m);
	kb_jw_free(&w);
}

static void refuses_other_spellings(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{\"a\": 1}", "{ \"a\":1}", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "\"\\/\"", "\"\\u001f\"",
		"\"\\u0000\"", "\"\\u0041\"", "\"\\n\\x\"", "-0", "01", "1E5", "1.50", "+1", "1e+20", "0.10",
		"9223372036854775808", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"a\nb\"", "[1,]", "[1 ]",
		"{\"a\":1", "\"abc", "nul", "tru", "[", "", "{\"a\":1}x", "[1,2]]", "{\"k\\\"\":1,\"k\":2}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(kb_jscan_check(bad[i], strlen(bad[i])), -1);
	static const char *const good[] = { "\"\\u001F\"", "-9223372036854775808", "1.5e-7", "1e20", "0.1",
		"-0.0", "[]", "{}", "{\"k\":2,\"k\\\"\":1}", "[null,true,false]", "\"\xf0\x9f\x98\x80\"" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(kb_jscan_check(good[i], strlen(good[i])), 0);
}

/* jansson's text for the double the real text tok reads as. */
static int jansson_real(const char *tok, char *out, size_t cap)
{
	json_t *r = json_real(strtod(tok, NULL));
	size_t n = json_dumpb(r, out, cap - 1, KB_JSON_FLAGS | JSON_ENCODE_ANY);
	json_decref(r);
	out[n] = '\0';
	return (int)n;
}

static void reals_as_jansson_prints_them(void **state)
{
	(void)state;
	/* random decimal texts of every shape: the check accepts one exactly when
	 * jansson prints its double back the same, and a plain one's cell is "%.15g" */
	litx_csv_scratch s = { { NULL, 0, 0 }, { NULL, 0, 0, { NULL, 0, 0 } } };
	kb_buf out = { NULL, 0, 0 };
	for (int i = 0; i < 200000; i++) {
		char tok[64], back[128];
		size_t n = 0;
		if (rnd(4) == 0)
			tok[n++] = '-';
		unsigned ni = rnd(18), nf = 1 + rnd(18);
		tok[n++] = (char)('0' + (ni ? 1 + rnd(9) : 0));
		for (unsigned k = 1; k < ni; k++)
			tok[n++] = (char)('0' + rnd(10));
		tok[n++] = '.';
		for (unsigned k = 0; k < nf; k++)
			tok[n++] = (char)('0' + (rnd(3) ? rnd(10) : 0));
		tok[n] = '\0';
		int same = jansson_real(tok, back, sizeof back) == (int)n && !memcmp(back, tok, n);
		char g[64], want_g[64];
		snprintf(want_g, sizeof want_g, "%.15g", strtod(tok, NULL));
		assert_true(kb_jscan_number_g15(tok, n, g, sizeof g) > 0);
		assert_string_equal(g, want_g);
		/* and an integer of the same digits */
		char itok[64];
		size_t in = 0;
		size_t lead = tok[0] == '-'; /* a canonical integer: no zero after the sign */
		for (size_t k = 0; k < n && in < 19; k++)
			if (tok[k] != '.' && (in > lead || tok[k] != '0'))
				itok[in++] = tok[k];
		if (in > lead) {
			itok[in] = '\0';
			snprintf(want_g, sizeof want_g, "%.15g", strtod(itok, NULL));
			assert_true(kb_jscan_number_g15(itok, in, g, sizeof g) > 0);
			assert_string_equal(g, want_g);
		}
		assert_int_equal(kb_jscan_check(tok, n) == 0, same);
		if (kb_jscan_plain_real(tok, n)) {
			assert_true(same);
			char want[64];
			snprintf(want, sizeof want, "%.15g", strtod(tok, NULL));
			out.len = 0;
			assert_int_equal(litx_csv_cell(&out, (kb_span){ tok, n }, &s), 0);
			assert_int_equal(kb_buf_putc(&out, '\0'), 0);
			assert_string_equal(out.p, want);
		}
	}
	kb_buf_free(&out);
	litx_csv_scratch_free(&s);
}

static void shard_lines(void **state)
{
	(void)state;
	kb_line l;
	memset(&l, 0, sizeof l);
	/* as litx writes it: used in place */
	static const char fast[] = "{\"record\":{\"doc_id\":\"d\",\"table\":\"x\"},\"table\":\"for\\\"mulas\"}\n";
	assert_int_equal(kb_line_read(&l, fast, sizeof fast - 1), 0);
	assert_string_equal(l.table, "for\"mulas");
	assert_true(l.record.p == fast + 10);
	assert_int_equal(l.record.n, strlen("{\"doc_id\":\"d\",\"table\":\"x\"}"));
	assert_int_equal(l.m.n, 2);
	/* any other spelling jansson reads: rewritten in kb_json's form */
	static const char slow[] = "{ \"table\" : \"metrics\", \"record\" : {\"value\": 1.50, \"a\": \"\\u00e9\"} }";
	assert_int_equal(kb_line_read(&l, slow, sizeof slow - 1), 0);
	assert_string_equal(l.table, "metrics");
	static const char want[] = "{\"a\":\"\xc3\xa9\",\"value\":1.5}";
	assert_int_equal(l.record.n, sizeof want - 1);
	assert_memory_equal(l.record.p, want, l.record.n);
	assert_non_null(kb_members_get(&l.m, "value"));
	/* not record lines */
	static const char *const bad[] = { "{\"record\":{},\"table\":1}", "{\"record\":[],\"table\":\"t\"}",
		"{\"table\":\"t\"}", "not json", "{\"record\":{\"a\":\"\\u0000\"},\"table\":\"t\"}" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(kb_line_read(&l, bad[i], strlen(bad[i])), -1);
	kb_line_free(&l);
}

/* Two reads of one line agree: table, record bytes, members (keys decoded alike,
 * values at the same bytes). */
static void same_line(const kb_line *a, const kb_line *b)
{
	assert_string_equal(a->table, b->table);
	assert_true(a->record.p == b->record.p && a->record.n == b->record.n);
	assert_int_equal(a->m.n, b->m.n);
	for (size_t k = 0; k < a->m.n; k++) {
		assert_int_equal(a->m.v[k].key.n, b->m.v[k].key.n);
		assert_memory_equal(a->m.v[k].key.p, b->m.v[k].key.p, a->m.v[k].key.n);
		assert_true(a->m.v[k].val.p == b->m.v[k].val.p && a->m.v[k].val.n == b->m.v[k].val.n);
	}
}

/* A line litx has just written, read without the check (kb_line_read_own), gives
 * what the checked read gives: table, record bytes, members. */
static void own_lines_as_checked(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_line a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	static const char *const tables[] = { "formulas", "t\"a\\b", "\xc3\xa9" };
	for (int i = 0; i < 2000; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "v", rnd_value(0));
		json_object_set_new(o, "k\"ey", rnd_value(0));
		w.out.len = 0;
		assert_int_equal(kb_json_line(&w, tables[i % 3], o), 0);
		assert_int_equal(kb_line_read(&a, w.out.p, w.out.len), 0);
		assert_int_equal(kb_line_read_own(&b, w.out.p, w.out.len), 0);
		same_line(&a, &b);
		json_decref(o);
	}
	assert_int_equal(kb_line_read_own(&b, "{\"table\":\"t\"}", 13), -1);
	kb_line_free(&a);
	kb_line_free(&b);
	kb_jw_free(&w);
}

/* A line written with its marks (kb_json_line_marked): the same bytes as
 * kb_json_line, and read with them, the same members as the walk. Keys with
 * escapes and empty records are not marked. */
static void marked_lines_as_walked(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 }, plain = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_buf marks = { NULL, 0, 0 };
	kb_line a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	for (int i = 0; i < 2000; i++) {
		json_t *o = json_object();
		if (i % 7) {
			json_object_set_new(o, "v", rnd_value(0));
			json_object_set_new(o, i % 5 ? "key" : "k\"ey", rnd_value(0));
			json_object_set_new(o, "a", rnd_value(0));
		}
		w.out.len = plain.out.len = marks.len = 0;
		assert_int_equal(kb_json_line_marked(&w, "formulas", o, &marks), 0);
		assert_int_equal(kb_json_line(&plain, "formulas", o), 0);
		assert_int_equal(w.out.len, plain.out.len);
		assert_memory_equal(w.out.p, plain.out.p, w.out.len);
		uint32_t h[2];
		assert_true(marks.len >= sizeof h);
		memcpy(h, marks.p, sizeof h);
		assert_int_equal(h[0], w.out.len);
		int unmarked = i % 7 == 0 || i % 5 == 0;
		assert_int_equal(h[1], unmarked ? KB_MARKS_NONE : json_object_size(o));
		assert_int_equal(marks.len, 8 + (unmarked ? 0 : 8 * json_object_size(o)));
		assert_int_equal(kb_line_read_own(&a, w.out.p, w.out.len), 0);
		assert_int_equal(kb_line_read_marked(&b, w.out.p, w.out.len, marks.p + 8, h[1]), 0);
		same_line(&a, &b);
		json_decref(o);
	}
	kb_line_free(&a);
	kb_line_free(&b);
	kb_buf_free(&marks);
	kb_jw_free(&w);
	kb_jw_free(&plain);
}

/* kb_jscan_load reads kb_json's text as json_loadb does: same values, same key
 * order, same bytes when dumped again. */
static void loads_as_jansson(void **state)
{
	(void)state;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	for (int i = 0; i < 3000; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "v", rnd_value(0));
		json_object_set_new(o, "k\\ey", rnd_value(0));
		json_object_set_new(o, "\xc3\xa9", json_real(i / 7.0));
		w.out.len = 0;
		assert_int_equal(kb_json_dump(&w, o), 0);
		json_t *a = json_loadb(w.out.p, w.out.len, 0, NULL), *b = kb_jscan_load(w.out.p, w.out.len);
		assert_non_null(a);
		assert_non_null(b);
		assert_true(json_equal(a, b));
		char *da = json_dumps(a, JSON_COMPACT), *db = json_dumps(b, JSON_COMPACT);
		assert_string_equal(da, db);
		free(da);
		free(db);
		json_decref(a);
		json_decref(b);
		json_decref(o);
	}
	kb_jw_free(&w);
}

static void csv_cells(void **state)
{
	(void)state;
	static const struct { const char *json, *cell; } cases[] = {
		{ "\"plain\"", "plain" }, { "\"a,b\"", "\"a,b\"" }, { "\"say \\\"hi\\\"\"", "\"say \"\"hi\"\"\"" },
		{ "\"two\\nlines\"", "\"two\nlines\"" }, { "42", "42" }, { "-7", "-7" }, { "1.5e-7", "1.5e-07" },
		{ "3.0", "3" }, { "0.1", "0.1" }, { "true", "true" }, { "false", "false" }, { "null", "" },
		{ "[]", "" }, { "{}", "" }, { "[\"a\",1,null,2.5,true]", "a;1;;2.5;true" },
		{ "{\"Au\":25,\"S\":18}", "Au:25;S:18" }, { "[\"x,y\"]", "\"x,y\"" }, { "[[1],2]", "\"[[1],2]\"" },
		{ "{\"a\":{\"b\":1}}", "\"{\"\"a\"\":{\"\"b\"\":1}}\"" }, { "[\"\\t\"]", "\t" },
	};
	litx_csv_scratch s = { { NULL, 0, 0 }, { NULL, 0, 0, { NULL, 0, 0 } } };
	kb_buf out = { NULL, 0, 0 };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(kb_jscan_check(cases[i].json, strlen(cases[i].json)), 0);
		out.len = 0;
		assert_int_equal(litx_csv_cell(&out, (kb_span){ cases[i].json, strlen(cases[i].json) }, &s), 0);
		assert_int_equal(kb_buf_putc(&out, '\0'), 0);
		assert_string_equal(out.p, cases[i].cell);
	}
	out.len = 0;
	assert_int_equal(litx_csv_cell(&out, (kb_span){ NULL, 0 }, &s), 0); /* missing key */
	assert_int_equal(out.len, 0);
	kb_buf_free(&out);
	litx_csv_scratch_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_what_kb_json_writes),
		cmocka_unit_test(refuses_other_spellings),
		cmocka_unit_test(reals_as_jansson_prints_them),
		cmocka_unit_test(shard_lines),
		cmocka_unit_test(own_lines_as_checked),
		cmocka_unit_test(marked_lines_as_walked),
		cmocka_unit_test(loads_as_jansson),
		cmocka_unit_test(csv_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
