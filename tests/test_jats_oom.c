/* test_jats_oom.c - the JATS reader when its tree pool runs out of memory part way
 * through a document: the document must fail ("out of memory"), never come back
 * read only as far as the pool went. libxml2 (2.9) stops the parse on
 * xmlStopParser without marking the document malformed, so xmlCtxtReadMemory
 * returns it: the reader itself has to notice.
 *
 * malloc is replaced here (this test alone) to refuse one block of the pool's
 * chunk size; everything else goes to glibc's allocator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "readers.h"

/* AddressSanitizer owns malloc: a second definition breaks its start-up, so
 * under ASan the test is skipped (the other builds run it). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* jats_tree.c: a chunk is 64 KB - 64 of data after its header */
#define CHUNK_DATA (64u * 1024u - 64u)
static int fail_in = -1; /* refuse the fail_in-th chunk from now (0: the next) */

#ifndef UNDER_ASAN
extern void *__libc_malloc(size_t n);

void *malloc(size_t n)
{
	if (n > CHUNK_DATA && n <= CHUNK_DATA + 64 && fail_in >= 0 && fail_in-- == 0)
		return NULL;
	return __libc_malloc(n);
}
#endif

static void test_pool_oom_mid_document(void **state)
{
	(void)state;
#ifdef UNDER_ASAN
	skip();
#endif
	char *x = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&x, &n);
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?>\n<article><body><sec><title>S</title>", f);
	for (int i = 0; i < 4000; i++)
		fprintf(f, "<p>Paragraph %d of the body, long enough to fill the pool.</p>\n", i);
	fputs("<p>The last paragraph.</p></sec></body></article>\n", f);
	fclose(f);

	docb *b = docb_new("t.xml", LITX_FORMAT_JATS);
	assert_non_null(b);
	litx_err err = { "", 0 };
	fail_in = 2; /* the first chunks hold the start of the tree */
	int rc = litx_read_jats(b, x, n, &err);
	int missed = fail_in; /* -1 when the refusal happened */
	fail_in = -1;
	assert_int_equal(missed, -1);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "out of memory"));
	litx_doc_free(&b->doc);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_oom_mid_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
