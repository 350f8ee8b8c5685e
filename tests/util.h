/* util.h - what several cmocka programs need around the code they test:
 * files written and read back whole, the UTF-8 check every string of the KB must
 * pass, and the installed plugins loaded quietly. Include after <cmocka.h>. */
#ifndef LITX_TESTS_UTIL_H
#define LITX_TESTS_UTIL_H
#include <stdio.h>
#include <stdlib.h>
#include "host.h"
#include "unichar.h"

static inline void test_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The bytes of path, NUL-terminated; *len without the NUL. */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	b[n] = '\0';
	*len = (size_t)n;
	return b;
}

/* Valid UTF-8 by the core's own decoder (the rule load.c applies to input). */
static inline int test_utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		if ((unsigned char)s[i] >= 0x80)
			unichar_decode((const unsigned char *)s + i, n - i, &k);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* The plugins of LITX_PLUGIN_PATH and a state per plugin; none when it is unset.
 * Load messages go nowhere: a test that needs plugins says so when there are none. */
static inline int test_plugins_load(litx_host *h, void ***states)
{
	FILE *devnull = fopen("/dev/null", "w");
	if (!devnull)
		return -1;
	if (getenv("LITX_PLUGIN_PATH") && litx_host_load(h, NULL, devnull) > 0)
		*states = litx_host_states_new(h);
	fclose(devnull);
	return 0;
}

static inline void test_plugins_free(litx_host *h, void **states)
{
	if (h->n) {
		litx_host_states_free(h, states);
		litx_host_free(h);
	}
}

#endif
