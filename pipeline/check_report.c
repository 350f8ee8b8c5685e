/* check_report.c - findings as a curator reads them: text for the terminal
 * (grouped by document, table and row), JSON, CSV (the KB's findings.csv
 * columns) or one self-contained HTML file.
 *
 * The HTML report shows each table with findings as printed, flagged cells
 * highlighted and each finding's evidence beside its row, then the findings about
 * the reference list and the text, then the sentences and rows the findings cite,
 * each with an anchor the findings link to. It needs nothing but the file: the
 * style is inline and there is no script.
 */
#include "check.h"
#include "check_int.h"
#include "kb_csv.h"
#include <stdlib.h>
#include <string.h>

/* ---- writing ----------------------------------------------------------- */

/* The pieces of a report gathered on the stack and written a few hundred bytes
 * at a time: printf's formatting, and a stdio call per piece, cost more than the
 * rest of the report. The bytes are those fprintf wrote. */
typedef struct out {
	FILE *f;
	size_t n;
	char s[512];
} out;

static void out_flush(out *o)
{
	if (o->n)
		fwrite(o->s, 1, o->n, o->f);
	o->n = 0;
}

static void out_put(out *o, const char *s, size_t n)
{
	if (o->n + n > sizeof o->s) {
		out_flush(o);
		if (n > sizeof o->s) {
			fwrite(s, 1, n, o->f);
			return;
		}
	}
	memcpy(o->s + o->n, s, n);
	o->n += n;
}

static void out_puts(out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

/* A literal, without measuring it. */
#define OUT_LIT(o, lit) out_put((o), "" lit, sizeof(lit) - 1)

/* v in decimal, as "%" JSON_INTEGER_FORMAT and "%zu" print it */
static void out_uint(out *o, unsigned long long u, int neg)
{
	char buf[24];
	size_t k = sizeof buf;
	do {
		buf[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		buf[--k] = '-';
	out_put(o, buf + k, sizeof buf - k);
}

static void out_int(out *o, json_int_t v)
{
	out_uint(o, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
}

static void out_size(out *o, size_t v)
{
	out_uint(o, v, 0);
}

/* s with the HTML specials written as entities. */
static void out_esc(out *o, const char *s)
{
	while (s && *s) {
		size_t run = strcspn(s, "&<>\"'");
		out_put(o, s, run);
		s += run;
		switch (*s) {
		case '&': OUT_LIT(o, "&amp;"); break;
		case '<': OUT_LIT(o, "&lt;"); break;
		case '>': OUT_LIT(o, "&gt;"); break;
		case '"': OUT_LIT(o, "&quot;"); break;
		case '\'': OUT_LIT(o, "&#39;"); break;
		default: return; /* the end of s */
		}
		s++;
	}
}

/* ---- ordering ---------------------------------------------------------- */

typedef struct item {
	const json_t *f;
	size_t doc;      /* index in kb.documents (or past the end when unknown) */
	size_t anchor;   /* doc + the number of documents reported before this part */
	int group;       /* 0 table, 1 reference, 2 text */
	const char *table;
	json_int_t row, line;
	size_t seq;
} item;

static size_t doc_index(const json_t *kb, const char *doc_id)
{
	const json_t *docs = json_object_get(kb, "documents");
	size_t i;
	json_t *d;
	json_array_foreach(docs, i, d) {
		const char *id = json_string_value(json_object_get(d, "doc_id"));
		if (id && doc_id && !strcmp(id, doc_id))
			return i;
	}
	return json_array_size(docs);
}

static int cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->group == 0) {
		int c = strcmp(x->table, y->table);
		if (c)
			return c;
		if (x->row != y->row)
			return x->row < y->row ? -1 : 1;
	} else if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static item *ordered(const json_t *kb, const json_t *findings, size_t base, size_t *n)
{
	*n = json_array_size(findings);
	item *it = calloc(*n ? *n : 1, sizeof *it);
	if (!it)
		return NULL;
	for (size_t i = 0; i < *n; i++) {
		const json_t *f = json_array_get(findings, i);
		it[i].f = f;
		it[i].seq = i;
		it[i].doc = doc_index(kb, json_string_value(json_object_get(f, "doc_id")));
		it[i].anchor = it[i].doc + base;
		it[i].table = json_string_value(json_object_get(f, "table"));
		it[i].row = json_integer_value(json_object_get(f, "row"));
		it[i].line = json_integer_value(json_object_get(f, "line"));
		const json_t *lab = json_object_get(f, "label");
		it[i].group = it[i].table ? 0 : (lab && !json_is_null(lab) ? 1 : 2);
		if (!it[i].table)
			it[i].table = "";
	}
	qsort(it, *n, sizeof *it, cmp_item);
	return it;
}

static const char *sev(const json_t *f)
{
	const char *s = json_string_value(json_object_get(f, "severity"));
	return s ? s : "info";
}

static const char *field(const json_t *f, const char *k)
{
	const char *s = json_string_value(json_object_get(f, k));
	return s ? s : "";
}

static void label_text(const json_t *f, char *buf, size_t cap)
{
	const json_t *l = json_object_get(f, "label");
	if (json_is_integer(l))
		snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(l));
	else if (json_is_string(l))
		snprintf(buf, cap, "%s", json_string_value(l));
	else
		snprintf(buf, cap, "?");
}

static void counts(const json_t *findings, size_t *err, size_t *warn, size_t *info)
{
	size_t i;
	json_t *f;
	*err = *warn = *info = 0;
	json_array_foreach(findings, i, f) {
		const char *s = sev(f);
		if (!strcmp(s, "error"))
			(*err)++;
		else if (!strcmp(s, "warning"))
			(*warn)++;
		else
			(*info)++;
	}
}

static const char *doc_source(const json_t *kb, size_t doc, const json_t *f)
{
	const json_t *d = json_array_get(json_object_get(kb, "documents"), doc);
	const char *s = json_string_value(json_object_get(d, "source"));
	if (s)
		return s;
	s = json_string_value(json_object_get(f, "doc_id"));
	return s ? s : "(unknown document)";
}

static const json_t *find_table(const json_t *kb, const char *doc_id, const char *label);

/* The source line of a table row: that of its first finding about the row itself
 * (not about another sentence), else the KB's row_lines. it[a..n) start the row. */
static json_int_t row_line(const json_t *kb, const item *it, size_t a, size_t n)
{
	for (size_t k = a; k < n && it[k].doc == it[a].doc && it[k].row == it[a].row &&
			   !strcmp(it[k].table, it[a].table); k++)
		if (strcmp(field(it[k].f, "kind"), "ref_conflicts_with_text") && it[k].line > 0)
			return it[k].line;
	const json_t *t = find_table(kb, json_string_value(json_object_get(it[a].f, "doc_id")), it[a].table);
	const json_t *l = json_array_get(json_object_get(t, "row_lines"), (size_t)(it[a].row - 1));
	if (json_is_integer(l) && json_integer_value(l) > 0)
		return json_integer_value(l);
	return it[a].line;
}

/* ---- text -------------------------------------------------------------- */

static void text_header(FILE *f, size_t n, size_t err, size_t warn, size_t info)
{
	fprintf(f, "litx check: %zu finding%s (%zu error%s, %zu warning%s, %zu info)\n", n, n == 1 ? "" : "s", err,
		err == 1 ? "" : "s", warn, warn == 1 ? "" : "s", info);
}

static int text_body(const json_t *kb, const json_t *findings, FILE *f)
{
	size_t n;
	item *it = ordered(kb, findings, 0, &n);
	if (!it)
		return -1;
	out o = { f, 0, "" };
	for (size_t i = 0; i < n; i++) {
		const item *x = &it[i], *p = i ? &it[i - 1] : NULL;
		if (!p || p->doc != x->doc) {
			OUT_LIT(&o, "\n");
			out_puts(&o, doc_source(kb, x->doc, x->f));
			OUT_LIT(&o, "\n");
		}
		if (!p || p->doc != x->doc || p->group != x->group || strcmp(p->table, x->table)) {
			OUT_LIT(&o, "  ");
			out_puts(&o, x->group == 0 ? x->table : x->group == 1 ? "References" : "Text");
			OUT_LIT(&o, "\n");
		}
		char where[64] = "";
		if (x->group == 0 && (!p || p->doc != x->doc || strcmp(p->table, x->table) || p->row != x->row)) {
			if (x->row) {
				OUT_LIT(&o, "    row ");
				out_int(&o, x->row);
				OUT_LIT(&o, " (line ");
				out_int(&o, row_line(kb, it, i, n));
				OUT_LIT(&o, ")\n");
			} else
				OUT_LIT(&o, "    (whole table)\n");
		}
		if (x->group == 1) {
			char lab[32];
			label_text(x->f, lab, sizeof lab);
			snprintf(where, sizeof where, "ref %s, line %" JSON_INTEGER_FORMAT ": ", lab, x->line);
		} else if (x->group == 2) {
			snprintf(where, sizeof where, "line %" JSON_INTEGER_FORMAT ": ", x->line);
		}
		/* "      %-7s %s  %s%s\n" */
		const char *sv = sev(x->f);
		size_t sl = strlen(sv);
		OUT_LIT(&o, "      ");
		out_put(&o, sv, sl);
		for (; sl < 7; sl++)
			OUT_LIT(&o, " ");
		OUT_LIT(&o, " ");
		out_puts(&o, field(x->f, "kind"));
		OUT_LIT(&o, "  ");
		out_puts(&o, where);
		out_puts(&o, field(x->f, "evidence"));
		OUT_LIT(&o, "\n");
		const char *ex = field(x->f, "expected"), *fo = field(x->f, "found");
		if (*ex || *fo) {
			OUT_LIT(&o, "              expected: ");
			out_puts(&o, *ex ? ex : "-");
			OUT_LIT(&o, "; found: ");
			out_puts(&o, *fo ? fo : "-");
			OUT_LIT(&o, "\n");
		}
	}
	out_flush(&o);
	free(it);
	return 0;
}

/* ---- CSV --------------------------------------------------------------- */

static int report_csv(const json_t *findings, FILE *f)
{
	json_t *keys = json_object();
	if (!keys)
		return -1;
	size_t i;
	json_t *rec;
	json_array_foreach(findings, i, rec) {
		const char *k;
		json_t *v;
		json_object_foreach(rec, k, v) json_object_set_new(keys, k, json_true());
	}
	json_t *cols = litx_csv_columns("findings", keys);
	json_decref(keys);
	if (!cols)
		return -1;
	int rc = litx_csv_header(f, cols);
	json_array_foreach(findings, i, rec) {
		if (rc)
			break;
		rc = litx_csv_row(f, cols, rec);
	}
	json_decref(cols);
	return rc;
}

/* ---- HTML -------------------------------------------------------------- */

static const json_t *find_table(const json_t *kb, const char *doc_id, const char *label)
{
	size_t i;
	json_t *t;
	const json_t *tables = json_object_get(kb, "tables");
	json_array_foreach(tables, i, t) {
		const char *d = json_string_value(json_object_get(t, "doc_id"));
		const char *l = json_string_value(json_object_get(t, "label"));
		if (d && l && doc_id && !strcmp(d, doc_id) && !strcmp(l, label))
			return t;
	}
	return NULL;
}

static void html_finding(out *o, const json_t *x, size_t doc)
{
	const char *sv = sev(x);
	OUT_LIT(o, "<div class=\"f ");
	out_puts(o, sv);
	OUT_LIT(o, "\"><span class=\"sev\">");
	out_esc(o, sv);
	OUT_LIT(o, "</span> <b>");
	out_esc(o, field(x, "kind"));
	OUT_LIT(o, "</b> ");
	out_esc(o, field(x, "evidence"));
	const char *ex = field(x, "expected"), *fo = field(x, "found");
	if (*ex || *fo) {
		OUT_LIT(o, "<br><span class=\"ef\">expected: ");
		out_esc(o, *ex ? ex : "-");
		OUT_LIT(o, "; found: ");
		out_esc(o, *fo ? fo : "-");
		OUT_LIT(o, "</span>");
	}
	json_int_t line = json_integer_value(json_object_get(x, "line"));
	if (line) {
		OUT_LIT(o, " <a href=\"#d");
		out_size(o, doc);
		OUT_LIT(o, "-L");
		out_int(o, line);
		OUT_LIT(o, "\">line ");
		out_int(o, line);
		OUT_LIT(o, "</a>");
	}
	OUT_LIT(o, "</div>\n");
}

static int col_flagged(const item *it, size_t a, size_t b, json_int_t row, size_t col)
{
	for (size_t k = a; k < b; k++) {
		if (it[k].row != row)
			continue;
		size_t i;
		json_t *c;
		const json_t *cols = json_object_get(it[k].f, "cols");
		json_array_foreach(cols, i, c)
			if (json_is_integer(c) && (size_t)json_integer_value(c) == col)
				return 1;
	}
	return 0;
}

static const char *head_at(const json_t *hd, size_t r, size_t c)
{
	const char *s = json_string_value(json_array_get(json_array_get(hd, r), c));
	return s ? s : "";
}

/* One table as printed, findings beside their rows; it[a..b) are its findings. */
static void html_table(out *o, const json_t *kb, const item *it, size_t a, size_t b)
{
	const json_t *fx = it[a].f;
	const char *doc_id = json_string_value(json_object_get(fx, "doc_id"));
	const json_t *t = find_table(kb, doc_id, it[a].table);
	OUT_LIT(o, "<h3>");
	out_esc(o, it[a].table);
	if (t) {
		OUT_LIT(o, " <span class=\"cap\">");
		out_esc(o, field(t, "caption"));
		OUT_LIT(o, "</span>");
	}
	OUT_LIT(o, "</h3>\n");
	const json_t *rows = t ? json_object_get(t, "rows") : NULL;
	if (!json_is_array(rows)) {
		for (size_t k = a; k < b; k++) {
			OUT_LIT(o, "<p>row ");
			out_int(o, it[k].row);
			OUT_LIT(o, "</p>");
			html_finding(o, it[k].f, it[k].anchor);
		}
		return;
	}
	OUT_LIT(o, "<div class=\"scroll\"><table class=\"t\">\n<thead>");
	size_t i, j;
	json_t *r, *c;
	const json_t *hd = json_object_get(t, "head");
	size_t nh = json_array_size(hd);
	json_array_foreach(hd, i, r) {
		OUT_LIT(o, "<tr>");
		if (i == 0) {
			OUT_LIT(o, "<th rowspan=\"");
			out_size(o, nh);
			OUT_LIT(o, "\">#</th>");
		}
		size_t nc = json_array_size(r);
		for (j = 0; j < nc; j++) {
			/* a spanning header cell is repeated in the grid: print it once */
			const char *txt = head_at(hd, i, j);
			if (*txt && i > 0 && !strcmp(head_at(hd, i - 1, j), txt))
				continue;
			if (*txt && j > 0 && !strcmp(head_at(hd, i, j - 1), txt) &&
			    !(i > 0 && !strcmp(head_at(hd, i - 1, j - 1), txt)))
				continue;
			size_t rs = 1, cs = 1;
			while (*txt && i + rs < nh && !strcmp(head_at(hd, i + rs, j), txt))
				rs++;
			while (*txt && j + cs < nc && !strcmp(head_at(hd, i, j + cs), txt) &&
			       !(i > 0 && !strcmp(head_at(hd, i - 1, j + cs), txt)))
				cs++;
			OUT_LIT(o, "<th rowspan=\"");
			out_size(o, rs);
			OUT_LIT(o, "\" colspan=\"");
			out_size(o, cs);
			OUT_LIT(o, "\">");
			out_esc(o, txt);
			OUT_LIT(o, "</th>");
		}
		if (i == 0) {
			OUT_LIT(o, "<th rowspan=\"");
			out_size(o, nh);
			OUT_LIT(o, "\">findings</th>");
		}
		OUT_LIT(o, "</tr>\n");
	}
	OUT_LIT(o, "</thead>\n<tbody>\n");
	json_array_foreach(rows, i, r) {
		json_int_t row = (json_int_t)i + 1;
		size_t first = b;
		for (size_t k = a; k < b && first == b; k++)
			if (it[k].row == row)
				first = k;
		OUT_LIT(o, "<tr id=\"d");
		out_size(o, it[a].anchor);
		OUT_LIT(o, "-t-r");
		out_int(o, row);
		OUT_LIT(o, "\"");
		if (first < b)
			OUT_LIT(o, " class=\"flag\"");
		OUT_LIT(o, "><td class=\"n\">");
		out_int(o, row);
		OUT_LIT(o, "</td>");
		json_array_foreach(r, j, c) {
			out_puts(o, first < b && col_flagged(it, a, b, row, j) ? "<td class=\"hit\">" : "<td>");
			out_esc(o, json_string_value(c));
			OUT_LIT(o, "</td>");
		}
		OUT_LIT(o, "<td class=\"fs\">");
		for (size_t k = first; k < b; k++)
			if (it[k].row == row)
				html_finding(o, it[k].f, it[k].anchor);
		OUT_LIT(o, "</td></tr>\n");
	}
	OUT_LIT(o, "</tbody></table></div>\n");
	/* findings about the whole table */
	for (size_t k = a; k < b; k++)
		if (!it[k].row)
			html_finding(o, it[k].f, it[k].anchor);
}

static const char *const style =
	"body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}"
	"h3{font-size:1.1em}.cap{font-weight:normal;color:#555}"
	".scroll{overflow-x:auto}table.t{border-collapse:collapse;font-size:12px}"
	"table.t th,table.t td{border:1px solid #ccc;padding:2px 5px;vertical-align:top}"
	"table.t th{background:#f0f0f0}td.n{color:#888;text-align:right}"
	"tr.flag td{background:#fff8e6}td.hit{background:#ffd2cc!important;font-weight:600}"
	"td.fs{min-width:28em;background:#fff!important}"
	".f{margin:2px 0;padding:3px 6px;border-left:4px solid #999}"
	".f.error{border-color:#c62828}.f.warning{border-color:#ef8f00}.f.info{border-color:#1565c0}"
	".sev{font-size:11px;text-transform:uppercase;color:#666}.ef{color:#555;font-size:12px}"
	"dl.lines dt{font-weight:600;margin-top:.6em}dl.lines dd{margin-left:1.5em}"
	":target{outline:3px solid #1565c0}";

static void html_header(FILE *f, size_t n, size_t err, size_t warn, size_t info)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		   "<title>litx check</title><style>%s</style></head><body>\n<h1>litx check</h1>\n"
		   "<p>%zu findings: %zu errors, %zu warnings, %zu info.</p>\n", style, n, err, warn, info);
}

static int html_body(const json_t *kb, const json_t *findings, size_t base, FILE *f)
{
	size_t n;
	item *it = ordered(kb, findings, base, &n);
	if (!it)
		return -1;
	out ob = { f, 0, "" }, *o = &ob;
	for (size_t a = 0; a < n;) {
		size_t end = a;
		while (end < n && it[end].doc == it[a].doc)
			end++;
		OUT_LIT(o, "<section><h2>");
		out_esc(o, doc_source(kb, it[a].doc, it[a].f));
		OUT_LIT(o, "</h2>\n");
		for (size_t k = a; k < end;) {
			size_t e = k;
			while (e < end && it[e].group == it[k].group && !strcmp(it[e].table, it[k].table))
				e++;
			if (it[k].group == 0) {
				html_table(o, kb, it, k, e);
			} else {
				out_puts(o, it[k].group == 1 ? "<h3>References</h3>\n" : "<h3>Text</h3>\n");
				for (size_t m = k; m < e; m++)
					html_finding(o, it[m].f, it[m].anchor);
			}
			k = e;
		}
		/* the sentences and rows the findings cite, one anchor per line */
		OUT_LIT(o, "<h3>Cited lines</h3>\n<dl class=\"lines\">\n");
		for (size_t k = a; k < end; k++) {
			json_int_t line = it[k].line;
			int dup = 0;
			for (size_t m = a; m < k && !dup; m++)
				dup = it[m].line == line;
			if (!line || dup)
				continue;
			OUT_LIT(o, "<dt id=\"d");
			out_size(o, it[k].anchor);
			OUT_LIT(o, "-L");
			out_int(o, line);
			OUT_LIT(o, "\">line ");
			out_int(o, line);
			OUT_LIT(o, "</dt><dd>");
			const char *sn = NULL;
			for (size_t m = k; m < end && !sn; m++)
				if (it[m].line == line && *field(it[m].f, "snippet"))
					sn = field(it[m].f, "snippet");
			out_esc(o, sn ? sn : field(it[k].f, "evidence"));
			OUT_LIT(o, "</dd>\n");
		}
		OUT_LIT(o, "</dl></section>\n");
		a = end;
	}
	out_flush(o);
	free(it);
	return 0;
}

int litx_check_report_begin(const json_t *findings_or_null, size_t n, size_t err, size_t warn,
			    size_t info, const char *format, FILE *f)
{
	if (findings_or_null) {
		n = json_array_size(findings_or_null);
		counts(findings_or_null, &err, &warn, &info);
	}
	if (!strcmp(format, "text"))
		text_header(f, n, err, warn, info);
	else if (!strcmp(format, "html"))
		html_header(f, n, err, warn, info);
	else
		return -1;
	return ferror(f) ? -1 : 0;
}

int litx_check_report_part(const json_t *kb, const json_t *findings, size_t base, const char *format,
			   FILE *f)
{
	int rc = !strcmp(format, "text") ? text_body(kb, findings, f)
	       : !strcmp(format, "html") ? html_body(kb, findings, base, f) : -1;
	return rc || ferror(f) ? -1 : 0;
}

int litx_check_report_end(const char *format, FILE *f)
{
	if (!strcmp(format, "html"))
		fputs("</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}

int litx_check_report(const json_t *kb, const json_t *findings, const char *format, FILE *f)
{
	if (!format || !json_is_array(findings))
		return -1;
	if (!strcmp(format, "json")) {
		if (json_dumpf(findings, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', f) == EOF)
			return -1;
	} else if (!strcmp(format, "csv")) {
		if (report_csv(findings, f))
			return -1;
	} else if (!strcmp(format, "text") || !strcmp(format, "html")) {
		if (litx_check_report_begin(findings, 0, 0, 0, 0, format, f) ||
		    litx_check_report_part(kb, findings, 0, format, f) || litx_check_report_end(format, f))
			return -1;
	} else {
		return -1;
	}
	return ferror(f) ? -1 : 0;
}
