/* test_check_report.c - the four report formats of litx check on a small KB:
 * text grouped by document, table and row; JSON that reads back as the findings;
 * CSV with the KB's findings columns and RFC 4180 quoting; one self-contained
 * HTML file with the table as printed, flagged cells, and links from findings to
 * the lines they cite. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "check.h"

static const char *const kb_text =
	"{\"documents\": [{\"doc_id\": \"d1\", \"source\": \"papers/a.txt\"}],"
	" \"tables\": [{\"doc_id\": \"d1\", \"label\": \"Table 1\", \"caption\": \"Doped <clusters>\","
	"   \"head\": [[\"Series\", \"Formula\", \"Doping type\"]],"
	"   \"rows\": [[\"M1Au24\", \"Au24Pt1\", \"Pt\"], [\"M1Au24\", \"Au24Pd1\", \"Ag\"]]}],"
	" \"findings\": ["
	"  {\"doc_id\": \"d1\", \"id\": \"d1-X0001\", \"kind\": \"dopant_not_in_formula\", \"severity\": \"error\","
	"   \"table\": \"Table 1\", \"row\": 2, \"label\": null, \"evidence\": \"Row 2 says 'Ag' but <Au24Pd1> has none\","
	"   \"expected\": \"Ag in the formula\", \"found\": \"Au:24;Pd:1 (no Ag)\", \"line\": 12,"
	"   \"snippet\": \"M1Au24 | Au24Pd1 | Ag\", \"cols\": [2, 1]},"
	"  {\"doc_id\": \"d1\", \"id\": \"d1-X0002\", \"kind\": \"ref_uncited\", \"severity\": \"warning\","
	"   \"table\": null, \"row\": null, \"label\": 7, \"evidence\": \"Reference 7 is cited nowhere, really\","
	"   \"expected\": \"cited\", \"found\": \"never cited\", \"line\": 90},"
	"  {\"doc_id\": \"d1\", \"id\": \"d1-X0003\", \"kind\": \"ratio_mismatch\", \"severity\": \"warning\","
	"   \"table\": null, \"row\": null, \"label\": null, \"evidence\": \"Line 40 says 9.7 times\","
	"   \"expected\": \"8.2\", \"found\": \"9.7\", \"line\": 40, \"snippet\": \"It is 9.7 times higher.\"}"
	" ]}";

static char *render(const json_t *kb, const char *format, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	*rc = litx_check_report(kb, json_object_get(kb, "findings"), format, f);
	fclose(f);
	return buf;
}

static json_t *load_kb(void)
{
	json_error_t e;
	json_t *kb = json_loads(kb_text, 0, &e);
	if (!kb)
		fprintf(stderr, "kb: %s\n", e.text);
	assert_non_null(kb);
	return kb;
}

static void text_grouped(void **state)
{
	(void)state;
	json_t *kb = load_kb();
	int rc;
	char *out = render(kb, "text", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "3 findings (1 error, 2 warnings, 0 info)"));
	const char *doc = strstr(out, "papers/a.txt"), *tab = strstr(out, "  Table 1\n"),
		   *row = strstr(out, "row 2 (line 12)"), *refs = strstr(out, "  References\n"),
		   *text = strstr(out, "  Text\n");
	assert_non_null(doc);
	assert_non_null(tab);
	assert_non_null(row);
	assert_non_null(refs);
	assert_non_null(text);
	/* grouped in reading order: the table, the reference list, the text */
	assert_true(doc < tab && tab < row && row < refs && refs < text);
	assert_non_null(strstr(out, "ref 7, line 90"));
	assert_non_null(strstr(out, "expected: Ag in the formula; found: Au:24;Pd:1 (no Ag)"));
	free(out);
	json_decref(kb);
}

static void json_round_trip(void **state)
{
	(void)state;
	json_t *kb = load_kb();
	int rc;
	char *out = render(kb, "json", &rc);
	assert_int_equal(rc, 0);
	json_t *back = json_loads(out, 0, NULL);
	assert_non_null(back);
	assert_true(json_equal(back, json_object_get(kb, "findings")));
	json_decref(back);
	free(out);
	json_decref(kb);
}

static void csv_columns(void **state)
{
	(void)state;
	json_t *kb = load_kb();
	int rc;
	char *out = render(kb, "csv", &rc);
	assert_int_equal(rc, 0);
	static const char cols[] = "doc_id,id,kind,severity,table,row,label,evidence,expected,found,line";
	assert_int_equal(strncmp(out, cols, sizeof cols - 1), 0);
	size_t lines = 0;
	for (const char *p = out; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines, 4);
	/* a field with a comma is quoted; lists are joined with ';' */
	assert_non_null(strstr(out, "\"Reference 7 is cited nowhere, really\""));
	assert_non_null(strstr(out, ",2;1"));
	free(out);
	json_decref(kb);
}

static void html_self_contained(void **state)
{
	(void)state;
	json_t *kb = load_kb();
	int rc;
	char *out = render(kb, "html", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(strncmp(out, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(out, "</html>"));
	/* the table as printed, flagged cells marked, the finding beside its row */
	assert_non_null(strstr(out, "<td class=\"hit\">Ag</td>"));
	assert_non_null(strstr(out, "<td class=\"hit\">Au24Pd1</td>"));
	assert_null(strstr(out, "<td class=\"hit\">M1Au24</td>"));
	assert_non_null(strstr(out, "class=\"flag\""));
	/* every finding links to the line it cites, and the line is there */
	assert_non_null(strstr(out, "href=\"#d0-L12\""));
	assert_non_null(strstr(out, "id=\"d0-L12\""));
	assert_non_null(strstr(out, "href=\"#d0-L40\""));
	assert_non_null(strstr(out, "id=\"d0-L40\""));
	assert_non_null(strstr(out, "It is 9.7 times higher."));
	/* escaped, and nothing fetched from elsewhere */
	assert_non_null(strstr(out, "&lt;Au24Pd1&gt;"));
	assert_non_null(strstr(out, "Doped &lt;clusters&gt;"));
	assert_null(strstr(out, "<Au24Pd1>"));
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "http"));
	free(out);
	json_decref(kb);
}

static void bad_format(void **state)
{
	(void)state;
	json_t *kb = load_kb();
	int rc;
	char *out = render(kb, "yaml", &rc);
	assert_int_equal(rc, -1);
	free(out);
	/* no findings: a short, valid report in every format */
	json_t *empty = json_pack("{s:[],s:[]}", "documents", "findings");
	static const char *const fmts[] = { "text", "json", "csv", "html" };
	for (size_t i = 0; i < 4; i++) {
		out = render(empty, fmts[i], &rc);
		assert_int_equal(rc, 0);
		assert_true(strlen(out) > 0);
		free(out);
	}
	json_decref(empty);
	json_decref(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_grouped),
		cmocka_unit_test(json_round_trip),
		cmocka_unit_test(csv_columns),
		cmocka_unit_test(html_self_contained),
		cmocka_unit_test(bad_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
