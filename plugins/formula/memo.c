/* memo.c - litx_formula_describe once per distinct string per document.
 *
 * A document names the same few formulas hundreds of times ("Au25(SR)18" in every
 * other sentence), and most tokens the scanner hands the parser are refused the same
 * way each time; parsing and building the description object was most of the
 * plugin's work. The memo is an open-addressing table keyed by the exact bytes
 * given to the parser (the marked token), holding the description (or the refusal).
 * The parser is a pure function of those bytes, so a hit answers what a call would.
 *
 * Descriptions are shared: a lookup returns a new reference that the caller must
 * release and must not modify (a record is made from a json_copy of it). The worker
 * thread owns its memo; it is emptied at the start of each document, so its memory
 * is bounded by one document (and by FX_MEMO_MAX entries, past which it starts over). */
#include "hash.h"
#include "fx.h"
#include <litx/formula.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Past this many distinct strings in one document the memo is emptied and refilled:
 * a bound on memory for a pathological document, never a change in the answers. */
#define FX_MEMO_MAX 65536

struct fx_memo_slot {
	uint32_t hash;
	uint32_t len;
	size_t off;      /* key bytes at keys + off */
	json_t *desc;    /* NULL: the parser refused it; once taken, the first record */
	int used;
	fx_facts facts;  /* of desc */
	/* once desc was taken as a record (fx_memo_record): its keys until then and
	 * its "variables", which the record's replace */
	int taken;
	size_t n_keys;
	json_t *vars;
};

static uint32_t memo_hash(const char *s, size_t n)
{
	return (uint32_t)litx_hash(s, n);
}

void fx_memo_clear(fx_memo *m)
{
	for (size_t i = 0; m->slot && i < m->cap; i++) {
		if (m->slot[i].used) {
			json_decref(m->slot[i].desc);
			json_decref(m->slot[i].vars);
		}
		m->slot[i] = (struct fx_memo_slot){ 0 };
	}
	m->n = 0;
	m->klen = 0;
}

void fx_memo_free(fx_memo *m)
{
	fx_memo_clear(m);
	free(m->slot);
	free(m->keys);
	memset(m, 0, sizeof *m);
}

/* The slot holding [s, s+n), or the empty slot where it would go. */
static struct fx_memo_slot *memo_find(const fx_memo *m, const char *s, size_t n, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t k = h & mask;; k = (k + 1) & mask) {
		struct fx_memo_slot *sl = &m->slot[k];
		if (!sl->used ||
		    (sl->hash == h && sl->len == n && memcmp(m->keys + sl->off, s, n) == 0))
			return sl;
	}
}

/* Double the table (or make the first one); -1 when out of memory. */
static int memo_grow(fx_memo *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct fx_memo_slot *old = m->slot;
	size_t old_cap = m->cap;
	struct fx_memo_slot *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	m->slot = slot;
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].used)
			*memo_find(m, m->keys + old[i].off, old[i].len, old[i].hash) = old[i];
	free(old);
	return 0;
}

/* Keep a copy of the key; its offset in *off, or -1 when out of memory. */
static int memo_key(fx_memo *m, const char *s, size_t n, size_t *off)
{
	if (m->klen + n > m->kcap) {
		size_t cap = m->kcap ? m->kcap : 4096;
		while (cap < m->klen + n)
			cap *= 2;
		char *k = realloc(m->keys, cap);
		if (!k)
			return -1;
		m->keys = k;
		m->kcap = cap;
	}
	memcpy(m->keys + m->klen, s, n);
	*off = m->klen;
	m->klen += n;
	return 0;
}

/* ---- what the scanner asks of a description ------------------------------------ */

static int is_low(char c) { return c >= 'a' && c <= 'z'; }
static int is_up(char c) { return c >= 'A' && c <= 'Z'; }

/* The members of a description the questions below read, each looked up once. */
typedef struct desc_keys {
	json_t *metals, *elements, *support, *ligands;
} desc_keys;

/* One metal and a string support, every metal count unwritten: "Cu/Ag", "W/m". */
static int bare_over(const desc_keys *k)
{
	if (json_object_size(k->metals) != 1 || !json_is_string(k->support))
		return 0;
	const char *key;
	json_t *v;
	json_object_foreach(k->metals, key, v) if (!json_is_null(v)) return 0;
	return 1;
}

/* "Cu/Ag", "Pt/Pd": two elements as alternatives. */
static int two_bare_metals(const desc_keys *k)
{
	if (!bare_over(k))
		return 0;
	const char *s = json_string_value(k->support);
	size_t n = strlen(s);
	return (n == 1 || (n == 2 && is_low(s[1]))) && is_up(s[0]) && strcmp(s, "C") != 0 &&
	       strcmp(s, "G") != 0;
}

/* A word, not a formula: one atom ("C1", "[Ag]+"), or metals with no count that
 * are not an alloy of two or more ("CoP"). */
static int too_bare(const desc_keys *dk)
{
	json_t *m = dk->metals;
	json_t *el = dk->elements;
	if (json_object_size(m) == 0) {
		if (json_object_size(el) != 1)
			return 0;
		const char *k;
		json_t *v;
		json_object_foreach(el, k, v) return !json_is_integer(v) || json_integer_value(v) <= 1;
		return 1;
	}
	size_t nulls = 0;
	const char *k;
	json_t *v;
	json_object_foreach(m, k, v) nulls += json_is_null(v);
	if (nulls == json_object_size(m) && nulls < 2 && !json_is_string(dk->support) &&
	    json_array_size(dk->ligands) == 0)
		return 1;
	if (json_object_size(m) == 1 && !json_object_get(m, "M") && json_array_size(dk->ligands) == 0) {
		json_object_foreach(m, k, v) if (json_is_integer(v) && json_integer_value(v) == 1 &&
						 json_object_size(el) <= 1) return 1;
	}
	return 0;
}

/* "W/m", "V/s": an element symbol that is a unit, over a unit. */
static int unit_ratio(const desc_keys *k)
{
	return bare_over(k) && is_low(json_string_value(k->support)[0]);
}

void fx_facts_read(json_t *d, fx_facts *f)
{
	memset(f, 0, sizeof *f);
	/* one walk over the members rather than a lookup (a hash of the key) each */
	desc_keys k = { NULL, NULL, NULL, NULL };
	json_t *kindv = NULL, *malformed = NULL, *vars = NULL;
	for (void *it = json_object_iter(d); it; it = json_object_iter_next(d, it)) {
		const char *key = json_object_iter_key(it);
		size_t n = json_object_iter_key_len(it);
		json_t **to = NULL;
#define FX_IS(lit) (n == sizeof(lit) - 1 && memcmp(key, lit, sizeof(lit) - 1) == 0)
		switch (key[0]) {
		case 'm': to = FX_IS("metals") ? &k.metals : FX_IS("malformed") ? &malformed : NULL; break;
		case 'e': to = FX_IS("elements") ? &k.elements : NULL; break;
		case 's': to = FX_IS("support") ? &k.support : NULL; break;
		case 'l': to = FX_IS("ligands") ? &k.ligands : NULL; break;
		case 'k': to = FX_IS("kind") ? &kindv : NULL; break;
		case 'v': to = FX_IS("variables") ? &vars : NULL; break;
		}
#undef FX_IS
		if (to)
			*to = json_object_iter_value(it);
	}
	const char *kind = json_string_value(kindv);
	f->cluster = kind && strcmp(kind, "cluster") == 0;
	f->molecule = kind && strcmp(kind, "molecule") == 0;
	f->malformed = json_is_true(malformed);
	f->word = too_bare(&k) || two_bare_metals(&k) || unit_ratio(&k);
	f->has_m = json_object_get(k.metals, "M") != NULL;
	f->one_metal = json_object_size(k.metals) == 1;
	f->has_vars = json_array_size(vars) > 0;
	size_t i, n = 0;
	json_t *v;
	json_array_foreach(vars, i, v) if (n + 1 < sizeof f->vars) f->vars[n++] =
		json_string_value(v)[0];
	f->vars[n] = '\0';
	f->n_vars = (unsigned char)n;
}

/* A plain call, for when there is no memo. */
static json_t *describe(const char *s, size_t n, fx_facts *f)
{
	json_t *d = litx_formula_describe(s, n);
	if (d && f)
		fx_facts_read(d, f);
	return d;
}

json_t *fx_memo_describe(fx_memo *m, const char *s, size_t n, fx_facts *f)
{
	if (n > UINT32_MAX)
		return describe(s, n, f);
	if (m->n >= FX_MEMO_MAX)
		fx_memo_clear(m);
	/* at most half full, so a probe ends quickly */
	if ((m->n + 1) * 2 > m->cap && memo_grow(m))
		return describe(s, n, f); /* no memory for the memo: no memo */
	uint32_t h = memo_hash(s, n);
	struct fx_memo_slot *sl = memo_find(m, s, n, h);
	if (!sl->used) {
		json_t *d = litx_formula_describe(s, n);
		size_t off;
		if (memo_key(m, s, n, &off)) {
			if (d && f)
				fx_facts_read(d, f);
			return d;
		}
		*sl = (struct fx_memo_slot){ h, (uint32_t)n, off, d, 1, { 0 }, 0, 0, NULL };
		if (d)
			fx_facts_read(d, &sl->facts);
		m->n++;
	}
	if (!sl->desc)
		return NULL;
	if (f)
		*f = sl->facts;
	return json_incref(sl->desc);
}

/* A new object with the first n keys of o, "variables" given the value vars. */
static json_t *first_keys(json_t *o, size_t n, json_t *vars)
{
	json_t *r = json_object();
	size_t k = 0;
	for (void *it = json_object_iter(o); r && it && k < n; it = json_object_iter_next(o, it), k++) {
		const char *key = json_object_iter_key(it);
		size_t len = json_object_iter_key_len(it);
		json_t *v = len == 9 && memcmp(key, "variables", 9) == 0 ? vars : json_object_iter_value(it);
		if (json_object_setn_nocheck(r, key, len, v)) {
			json_decref(r);
			return NULL;
		}
	}
	return r;
}

json_t *fx_memo_record(fx_memo *m, const char *s, size_t n, json_t *d)
{
	struct fx_memo_slot *sl = NULL;
	if (m->slot && n <= UINT32_MAX) {
		sl = memo_find(m, s, n, memo_hash(s, n));
		if (!sl->used || sl->desc != d)
			sl = NULL; /* (d did not come from the memo) */
	}
	json_t *rec;
	if (!sl)
		rec = json_copy(d);
	else if (!sl->taken) {
		json_t *vars = json_object_get(d, "variables");
		sl->taken = 1;
		sl->n_keys = json_object_size(d);
		sl->vars = vars ? json_incref(vars) : NULL;
		return d; /* the caller's reference becomes the record's */
	} else
		rec = first_keys(sl->desc, sl->n_keys, sl->vars);
	json_decref(d);
	return rec;
}
