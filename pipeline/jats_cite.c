/* jats_cite.c - from an <xref ref-type="bibr"> to the labels it cites.
 *
 * Two sources of truth: the callout text ("91–93", "6,7", "[12]") and the rid
 * attribute (ids of <ref>s, possibly several: "b1 b2"). A numeric text is expanded
 * ("91–93" -> 91;92;93: publishers often point rid at the first reference of a
 * range only) when it agrees with the rid (the first rid's label is among its
 * numbers) or there is no usable rid; otherwise - author-year callouts such as
 * "Smith et al., 2019" whose "2019" is no label - the labels of the rid
 * references are used. Ids are found through an open-addressing hash table built
 * once per document. */
#include "jats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"

void jats_ids_free(jats_idmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

static void put(jats_idmap *m, const char *id, uint32_t val)
{
	size_t n = strlen(id);
	if (n == 0)
		return;
	size_t mask = m->cap - 1;
	for (size_t i = litx_hash(id, n) & mask;; i = (i + 1) & mask) {
		if (!m->key[i]) {
			m->key[i] = id;
			m->val[i] = val;
			return;
		}
		if (strcmp(m->key[i], id) == 0)
			return; /* the first ref with an id keeps it */
	}
}

int jats_ids_build(jats_ctx *c)
{
	jats_idmap *m = &c->ids;
	size_t need = c->n_refs * 2; /* a ref and its citation may both carry ids */
	size_t cap = 16;
	while (cap < need * 2)
		cap *= 2;
	m->key = calloc(cap, sizeof *m->key);
	m->val = calloc(cap, sizeof *m->val);
	if (!m->key || !m->val) {
		c->oom = 1;
		return -1;
	}
	m->cap = cap;
	for (size_t i = 0; i < c->n_refs; i++) {
		const char *id = jats_attr(c->refs[i], "id");
		if (id)
			put(m, id, (uint32_t)i);
		for (const xmlNode *k = c->refs[i]->children; k; k = k->next) {
			jtag t = jats_tag(k);
			if (t == J_ELEMENT_CITATION || t == J_MIXED_CITATION || t == J_CITATION ||
			    t == J_NLM_CITATION) {
				const char *cid = jats_attr(k, "id");
				if (cid)
					put(m, cid, (uint32_t)i);
				break;
			}
		}
	}
	return 0;
}

long jats_ref_index(const jats_ctx *c, const char *id, size_t n)
{
	const jats_idmap *m = &c->ids;
	if (!m->cap || n == 0)
		return -1;
	size_t mask = m->cap - 1;
	for (size_t i = litx_hash(id, n) & mask; m->key[i]; i = (i + 1) & mask)
		if (strncmp(m->key[i], id, n) == 0 && m->key[i][n] == '\0')
			return m->val[i];
	return -1;
}

/* Appends "label" to out (';' separated); 0 when it does not fit. */
static int add_label(char *out, size_t *len, const char *label)
{
	size_t l = strlen(label);
	if (!l)
		return 1;
	if (*len + l + 2 > JATS_LABELS_BYTES)
		return 0;
	if (*len)
		out[(*len)++] = ';';
	memcpy(out + *len, label, l);
	*len += l;
	out[*len] = '\0';
	return 1;
}

/* Is the text at s a dash (hyphen, en/em dash, minus)? Returns its length. */
static size_t dash_len(const unsigned char *s, size_t n)
{
	if (n >= 1 && s[0] == '-')
		return 1;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x94)
		return 3;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
		return 3;
	return 0;
}

/* The numbers of a numeric callout, ranges expanded; 0 when the text is not one. */
static size_t numeric(const char *t, size_t tn, long *v, size_t max)
{
	const unsigned char *s = (const unsigned char *)t;
	size_t n = 0, i = 0;
	int dash = 0, have = 0;
	long prev = 0;
	while (i < tn) {
		unsigned char ch = s[i];
		size_t k;
		if (ch == ' ' || ch == '[' || ch == ']' || ch == '(' || ch == ')') {
			i++;
		} else if (ch == ',' || ch == ';') {
			dash = 0;
			i++;
		} else if ((k = dash_len(s + i, tn - i))) {
			if (!have)
				return 0;
			dash = 1;
			i += k;
		} else if (ch >= '0' && ch <= '9') {
			long x = 0;
			while (i < tn && s[i] >= '0' && s[i] <= '9') {
				if (x < 100000000)
					x = x * 10 + (s[i] - '0');
				i++;
			}
			if (dash && x > prev && x - prev <= JATS_MAX_RANGE) {
				for (long y = prev + 1; y <= x && n < max; y++)
					v[n++] = y;
			} else if (n < max) {
				v[n++] = x;
			}
			dash = 0;
			have = 1;
			prev = x;
		} else {
			return 0;
		}
	}
	return n;
}

/* x in decimal, as "%ld" writes it (numeric() gives numbers of at most nine
 * digits, never negative; any long fits in 24 bytes all the same). */
static void decimal(long x, char out[24])
{
	char tmp[24];
	size_t n = 0;
	unsigned long u = x < 0 ? 0UL - (unsigned long)x : (unsigned long)x;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t k = 0;
	if (x < 0)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
}

const char *jats_rid_next(const char **p)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	*p = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
		s++;
	return s;
}

size_t jats_cite_labels(const jats_ctx *c, const char *t, size_t tn, const char *rid,
			char *out)
{
	long v[JATS_MAX_LABELS];
	size_t nv = numeric(t, tn, v, JATS_MAX_LABELS);
	long first = -1;
	size_t nr = 0;
	for (const char *p = rid ? rid : ""; *p;) {
		const char *q = jats_rid_next(&p);
		if (q > p) {
			long i = jats_ref_index(c, p, (size_t)(q - p));
			if (i >= 0) {
				if (first < 0)
					first = i;
				nr++;
			}
		}
		p = q;
	}
	int use_text = 0;
	if (nv) {
		if (first < 0) {
			use_text = 1;
		} else {
			const char *lab = c->ref_label[first];
			char *end;
			long x = strtol(lab, &end, 10);
			if (end != lab && *end == '\0')
				for (size_t i = 0; i < nv && !use_text; i++)
					use_text = v[i] == x;
		}
	}
	size_t len = 0, count = 0;
	out[0] = '\0';
	if (use_text) {
		char num[24];
		for (size_t i = 0; i < nv; i++) {
			decimal(v[i], num);
			if (!add_label(out, &len, num))
				break;
			count++;
		}
		return count;
	}
	if (!nr)
		return 0;
	for (const char *p = rid; *p && count < JATS_MAX_LABELS;) {
		const char *q = jats_rid_next(&p);
		if (q > p) {
			long i = jats_ref_index(c, p, (size_t)(q - p));
			if (i >= 0) {
				if (!add_label(out, &len, c->ref_label[i]))
					break;
				count++;
			}
		}
		p = q;
	}
	return count;
}

size_t jats_cite_range(const jats_ctx *c, size_t i, size_t j, char *out)
{
	size_t len = 0, count = 0;
	out[0] = '\0';
	for (size_t k = i; k <= j && k < c->n_refs && count < JATS_MAX_LABELS; k++) {
		if (!add_label(out, &len, c->ref_label[k]))
			break;
		count++;
	}
	return count;
}
