/* rnd_json.h - random JSON values for the tests that hold our JSON writer and
 * scanner to jansson: every escaping rule, reals and integers at their edges,
 * nesting. Deterministic (xorshift64, fixed seed), so a failure repeats. */
#ifndef LITX_TESTS_RND_JSON_H
#define LITX_TESTS_RND_JSON_H
#include <jansson.h>
#include <stdint.h>
#include <string.h>

static uint64_t rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A string of pieces that exercise every escaping rule. */
static json_t *rnd_string(void)
{
	static const char *const piece[] = { "a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r",
		"\t", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\x82", "\xf0\x9f\x98\x80", ",", ":", "{" };
	char s[64] = "";
	unsigned n = rnd(8);
	for (unsigned i = 0; i < n; i++)
		strcat(s, piece[rnd(sizeof piece / sizeof *piece)]);
	return json_string(s);
}

static json_t *rnd_value(int depth)
{
	static const double reals[] = { 0.1, -0.0, 1e20, 1.5e-7, 123456789012345678.0, 3.0, -2.5,
		0.30000000000000004, 1e300, 6.02214076e23 };
	static const json_int_t ints[] = { 0, -1, 42, INT64_MAX, INT64_MIN, 1000000 };
	switch (rnd(depth > 3 ? 6 : 8)) {
	case 0: return json_null();
	case 1: return rnd(2) ? json_true() : json_false();
	case 2: return json_integer(ints[rnd(6)]);
	case 3: return json_real(reals[rnd(10)]);
	case 4:
	case 5: return rnd_string();
	case 6: {
		json_t *a = json_array();
		for (unsigned i = rnd(5); i > 0; i--)
			json_array_append_new(a, rnd_value(depth + 1));
		return a;
	}
	default: {
		static const char *const keys[] = { "a", "ab", "b", "a\x01", "\xc3\xa9", "A", "z", "doc_id",
			"id", "line", "k\"q", "k\\b", "" };
		json_t *o = json_object();
		for (unsigned i = rnd(9); i > 0; i--)
			json_object_set_new(o, keys[rnd(sizeof keys / sizeof *keys)], rnd_value(depth + 1));
		return o;
	}
	}
}

#endif
