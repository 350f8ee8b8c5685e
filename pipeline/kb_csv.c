/* kb_csv.c - one KB table as RFC 4180 CSV. Columns: the DESIGN.md fields of the
 * table in their documented order, then any other field in name order, so a new
 * plugin field shows up without a change here. Lists are joined with ';', flat
 * objects (metals) as key:value pairs, anything deeper as compact JSON. */
#include "kb_csv.h"
#include <stdlib.h>
#include <string.h>

static const char *const documents_cols[] = { "doc_id", "source", "format", "sha256", "title",
	"doi", "journal", "year", "status", "error", NULL };
static const char *const formulas_cols[] = { "doc_id", "id", "fact_id", "text", "canonical",
	"kind", "metals", "ligands", "charge", "n_metal", "host", "dopants", "electrons", "support",
	"malformed", "line", "offset", "section", "table", "row", "col", "refs", "snippet", NULL };
static const char *const metrics_cols[] = { "doc_id", "id", "fact_id", "metric", "value",
	"value_min", "value_max", "qualifier", "unit", "value_written", "unit_written",
	"at_current_density", "at_potential", "potential_scale", "product", "reaction", "catalyst",
	"catalyst_canonical", "compared_to", "refs", "line", "offset", "section", "snippet", NULL };
static const char *const citations_cols[] = { "doc_id", "id", "labels", "kind", "text", "line",
	"offset", "section", NULL };
static const char *const references_cols[] = { "doc_id", "id", "label", "raw", "authors",
	"title", "journal", "year", "volume", "issue", "pages", "doi", "cited", NULL };
static const char *const tables_cols[] = { "doc_id", "id", "label", "caption", "line", "section",
	"n_rows", "n_cols", "head", "rows", NULL };
static const char *const findings_cols[] = { "doc_id", "id", "kind", "severity", "table", "row",
	"label", "evidence", "expected", "found", "line", NULL };
static const char *const clusters_cols[] = { "canonical", "n_metal", "metals", "mentions",
	"n_documents", "documents", "metrics", NULL };

static const struct {
	const char *table;
	const char *const *cols;
} fixed[] = {
	{ "documents", documents_cols }, { "formulas", formulas_cols }, { "metrics", metrics_cols },
	{ "citations", citations_cols }, { "references", references_cols },
	{ "tables", tables_cols }, { "findings", findings_cols }, { "clusters", clusters_cols },
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *litx_csv_columns(const char *table, const json_t *keys)
{
	json_t *cols = json_array();
	if (!cols)
		return NULL;
	const char *const *fx = NULL;
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (!strcmp(fixed[i].table, table))
			fx = fixed[i].cols;
	for (size_t i = 0; fx && fx[i]; i++)
		json_array_append_new(cols, json_string(fx[i]));
	size_t n = json_object_size(keys), k = 0;
	const char **rest = malloc((n ? n : 1) * sizeof *rest);
	if (!rest) {
		json_decref(cols);
		return NULL;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)keys, key, v) {
		int dup = 0;
		for (size_t i = 0; fx && fx[i]; i++)
			dup |= !strcmp(fx[i], key);
		if (!dup)
			rest[k++] = key;
	}
	qsort(rest, k, sizeof *rest, str_cmp);
	for (size_t i = 0; i < k; i++)
		json_array_append_new(cols, json_string(rest[i]));
	free(rest);
	return cols;
}

static int put_quoted(FILE *f, const char *s, size_t n)
{
	int quote = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (!quote)
		return fwrite(s, 1, n, f) == n ? 0 : -1;
	if (fputc('"', f) == EOF)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' && fputc('"', f) == EOF)
			return -1;
		if (fputc(s[i], f) == EOF)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}

/* Append the scalar v to a growing string. */
static int scalar_text(const json_t *v, char *buf, size_t cap)
{
	switch (json_typeof(v)) {
	case JSON_STRING: return snprintf(buf, cap, "%s", json_string_value(v));
	case JSON_INTEGER: return snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	case JSON_REAL: return snprintf(buf, cap, "%.15g", json_real_value(v));
	case JSON_TRUE: return snprintf(buf, cap, "true");
	case JSON_FALSE: return snprintf(buf, cap, "false");
	default: return snprintf(buf, cap, "%s", "");
	}
}

static int is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static char *cell_text(const json_t *v)
{
	if (!v || json_is_null(v))
		return strdup("");
	if (is_scalar(v) && !json_is_string(v)) {
		char b[64];
		scalar_text(v, b, sizeof b);
		return strdup(b);
	}
	if (json_is_string(v))
		return strdup(json_string_value(v));
	int flat = 1;
	size_t i;
	const char *k;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) flat &= is_scalar(x);
	} else {
		json_object_foreach((json_t *)v, k, x) flat &= is_scalar(x);
	}
	if (!flat)
		return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
	size_t cap = 256, len = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	out[0] = '\0';
	int first = 1;
	char b[64];
	/* walk arrays by index and objects by sorted key */
	json_t *keys = json_is_object(v) ? json_array() : NULL;
	if (keys) {
		json_object_foreach((json_t *)v, k, x) json_array_append_new(keys, json_string(k));
		/* insertion sort: these objects are small */
		for (size_t a = 1; a < json_array_size(keys); a++)
			for (size_t b2 = a; b2 > 0 && strcmp(json_string_value(json_array_get(keys, b2 - 1)),
							   json_string_value(json_array_get(keys, b2))) > 0; b2--) {
				json_t *t = json_incref(json_array_get(keys, b2));
				json_array_set(keys, b2, json_array_get(keys, b2 - 1));
				json_array_set_new(keys, b2 - 1, t);
			}
	}
	size_t n = keys ? json_array_size(keys) : json_array_size(v);
	for (i = 0; i < n; i++) {
		const char *key = keys ? json_string_value(json_array_get(keys, i)) : NULL;
		const json_t *item = keys ? json_object_get(v, key) : json_array_get(v, i);
		const char *sv = json_is_string(item) ? json_string_value(item) : NULL;
		if (!sv) {
			scalar_text(item, b, sizeof b);
			sv = b;
		}
		size_t need = len + (key ? strlen(key) + 1 : 0) + strlen(sv) + 2;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			char *no = realloc(out, cap);
			if (!no) {
				free(out);
				json_decref(keys);
				return NULL;
			}
			out = no;
		}
		len += (size_t)sprintf(out + len, "%s%s%s%s", first ? "" : ";", key ? key : "", key ? ":" : "", sv);
		first = 0;
	}
	json_decref(keys);
	return out;
}

int litx_csv_header(FILE *f, const json_t *cols)
{
	size_t i;
	json_t *c;
	json_array_foreach(cols, i, c) {
		if ((i && fputc(',', f) == EOF) || put_quoted(f, json_string_value(c), strlen(json_string_value(c))))
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}

int litx_csv_row(FILE *f, const json_t *cols, const json_t *rec)
{
	size_t i;
	json_t *c;
	json_array_foreach(cols, i, c) {
		char *t = cell_text(json_object_get(rec, json_string_value(c)));
		if (!t)
			return -1;
		int rc = (i && fputc(',', f) == EOF) || put_quoted(f, t, strlen(t));
		free(t);
		if (rc)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}
