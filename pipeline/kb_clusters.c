/* kb_clusters.c - see kb_clusters.h. Memory grows with the number of distinct
 * clusters (and their documents and metrics), never with the records. */
#include "kb_clusters.h"
#include "kb_json.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kb_clusters {
	json_t *by_name; /* canonical -> {"canonical","mentions","docs":{doc:true},"metrics":[..],"metals","n_metal"} */
	kb_buf str[4];   /* decoded strings of the current record */
};

kb_clusters *kb_clusters_new(void)
{
	kb_clusters *c = calloc(1, sizeof *c);
	if (c && !(c->by_name = json_object())) {
		free(c);
		c = NULL;
	}
	return c;
}

void kb_clusters_free(kb_clusters *c)
{
	if (!c)
		return;
	json_decref(c->by_name);
	for (size_t i = 0; i < sizeof c->str / sizeof *c->str; i++)
		kb_buf_free(&c->str[i]);
	free(c);
}

/* The member `key` decoded into c->str[slot] when it is a string, else NULL
 * (as json_string_value would give). */
static const char *string_of(kb_clusters *c, int slot, const kb_members *m, const char *key)
{
	const kb_span *v = kb_members_get(m, key);
	kb_buf *b = &c->str[slot];
	b->len = 0;
	if (!v || v->p[0] != '"' || kb_jscan_string(*v, b) || kb_buf_putc(b, '\0'))
		return NULL;
	return b->p;
}

static json_t *cluster_of(kb_clusters *c, const char *canonical)
{
	json_t *k = json_object_get(c->by_name, canonical);
	if (!k) {
		k = json_pack("{s:s,s:i,s:{},s:[]}", "canonical", canonical, "mentions", 0, "docs", "metrics");
		if (!k || json_object_set_new(c->by_name, canonical, k))
			return NULL;
	}
	return k;
}

static json_t *value_of(const kb_members *m, const char *key)
{
	const kb_span *v = kb_members_get(m, key);
	return v ? json_loadb(v->p, v->n, JSON_DECODE_ANY, NULL) : NULL;
}

static int add_formula(kb_clusters *c, const kb_members *m)
{
	const char *doc = string_of(c, 0, m, "doc_id"), *kind = string_of(c, 1, m, "kind");
	const char *can = string_of(c, 2, m, "canonical");
	if (!can || (kind && strcmp(kind, "cluster")))
		return 0;
	json_t *k = cluster_of(c, can);
	if (!k)
		return -1;
	json_t *mentions = json_object_get(k, "mentions");
	if (json_integer_set(mentions, json_integer_value(mentions) + 1))
		return -1;
	if (doc && !json_object_get(json_object_get(k, "docs"), doc) &&
	    json_object_set_new(json_object_get(k, "docs"), doc, json_true()))
		return -1;
	if (!json_object_get(k, "metals") && kb_members_get(m, "metals")) {
		json_t *metals = value_of(m, "metals"), *n_metal = value_of(m, "n_metal");
		if (!metals || json_object_set_new(k, "metals", metals))
			return -1;
		if (n_metal && json_object_set_new(k, "n_metal", n_metal))
			return -1;
	}
	return 0;
}

static int add_metric(kb_clusters *c, const kb_members *m)
{
	const char *can = string_of(c, 0, m, "catalyst_canonical"), *metric = string_of(c, 1, m, "metric");
	if (!can || !*can || !metric)
		return 0;
	json_t *k = cluster_of(c, can);
	if (!k)
		return -1;
	char val[64] = "";
	const kb_span *v = kb_members_get(m, "value");
	if (v && (v->p[0] == '-' || (v->p[0] >= '0' && v->p[0] <= '9')) &&
	    kb_jscan_number_g15(v->p, v->n, val, sizeof val) < 0)
		return -1;
	const char *unit = string_of(c, 2, m, "unit"), *doc = string_of(c, 3, m, "doc_id");
	char *item = NULL;
	if (asprintf(&item, "%s=%s%s%s [%s]", metric, val, unit ? " " : "", unit ? unit : "", doc ? doc : "") < 0)
		return -1;
	int rc = json_array_append_new(json_object_get(k, "metrics"), json_string(item));
	free(item);
	return rc;
}

int kb_clusters_add(kb_clusters *c, const char *table, const kb_members *m)
{
	if (!strcmp(table, "formulas"))
		return add_formula(c, m);
	if (!strcmp(table, "metrics"))
		return add_metric(c, m);
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted unique strings of an array or of an object's keys. */
static json_t *sorted_strings(const json_t *v)
{
	size_t n = json_is_array(v) ? json_array_size(v) : json_object_size(v), k = 0;
	const char **a = malloc((n ? n : 1) * sizeof *a);
	json_t *out = json_array();
	if (!a || !out) {
		free(a);
		json_decref(out);
		return NULL;
	}
	size_t i;
	const char *key;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) a[k++] = json_string_value(x);
	} else {
		json_object_foreach((json_t *)v, key, x) a[k++] = key;
	}
	qsort(a, k, sizeof *a, str_cmp);
	for (i = 0; i < k; i++)
		if ((!i || strcmp(a[i], a[i - 1])) && json_array_append_new(out, json_string(a[i]))) {
			json_decref(out);
			out = NULL;
			break;
		}
	free(a);
	return out;
}

int kb_clusters_emit(kb_clusters *c, kb_clusters_put put, void *ctx)
{
	json_t *names = sorted_strings(c->by_name);
	if (!names)
		return -1;
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_members m = { NULL, 0, 0, { NULL, 0, 0 } };
	size_t i;
	json_t *nm;
	int rc = 0;
	json_array_foreach(names, i, nm) {
		json_t *k = json_object_get(c->by_name, json_string_value(nm));
		json_t *docs = sorted_strings(json_object_get(k, "docs"));
		json_t *metrics = sorted_strings(json_object_get(k, "metrics"));
		json_t *rec = json_pack("{s:O,s:O,s:O,s:O,s:I,s:o,s:o}", "canonical", json_object_get(k, "canonical"),
			"n_metal", json_object_get(k, "n_metal") ? json_object_get(k, "n_metal") : json_null(),
			"metals", json_object_get(k, "metals") ? json_object_get(k, "metals") : json_null(),
			"mentions", json_object_get(k, "mentions"),
			"n_documents", (json_int_t)json_array_size(docs), "documents", docs ? docs : json_null(),
			"metrics", metrics ? metrics : json_null());
		w.out.len = 0;
		if (!rec || kb_json_dump(&w, rec) || kb_members_read(&m, (kb_span){ w.out.p, w.out.len }, 0) ||
		    put(ctx, (kb_span){ w.out.p, w.out.len }, &m))
			rc = -1;
		json_decref(rec);
		if (rc)
			break;
	}
	json_decref(names);
	kb_members_free(&m);
	kb_jw_free(&w);
	return rc;
}
