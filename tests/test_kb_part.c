/* test_kb_part.c - one KB table while it is assembled: kb.json's part is the
 * records joined by ",\n"; the CSV has the documented columns, then every other
 * key of any record by name, and each record's fields in their columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "kb_part.h"

static char *slurp(FILE *f)
{
	fflush(f);
	long n = ftell(f);
	char *s = calloc((size_t)n + 1, 1);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	return s;
}

static void add(kb_part *p, const char *rec)
{
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	kb_span r = { rec, strlen(rec) };
	assert_int_equal(kb_members_read(&m, r, 1), 0);
	assert_int_equal(kb_part_add(p, r, &m), 0);
	kb_members_free(&m);
}

static void json_and_csv(void **state)
{
	(void)state;
	kb_part p;
	assert_int_equal(kb_part_init(&p, "citations"), 0);
	add(&p, "{\"doc_id\":\"d\",\"id\":\"d-C0001\",\"labels\":[\"1\",\"2\"],\"zeta\":1.5e-7}");
	add(&p, "{\"alpha\":{\"x\":1},\"doc_id\":\"d\",\"text\":\"a, \\\"b\\\"\"}");
	add(&p, "{}");
	assert_int_equal(p.n, 3);

	FILE *j = tmpfile();
	assert_int_equal(kb_part_write_json(&p, j), 0);
	char *js = slurp(j);
	assert_string_equal(js, "{\"doc_id\":\"d\",\"id\":\"d-C0001\",\"labels\":[\"1\",\"2\"],\"zeta\":1.5e-7},\n"
				"{\"alpha\":{\"x\":1},\"doc_id\":\"d\",\"text\":\"a, \\\"b\\\"\"},\n{}");
	free(js);
	fclose(j);

	char path[] = "/tmp/test_kb_part_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(kb_part_write_csv(&p, path), 0);
	FILE *c = fdopen(fd, "r");
	fseek(c, 0, SEEK_END);
	char *cs = slurp(c);
	assert_string_equal(cs, "doc_id,id,labels,kind,text,line,offset,section,alpha,zeta\r\n"
				"d,d-C0001,1;2,,,,,,,1.5e-07\r\n"
				"d,,,,\"a, \"\"b\"\"\",,,,x:1,\r\n"
				",,,,,,,,,\r\n");
	free(cs);
	fclose(c);
	unlink(path);
	kb_part_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_and_csv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
