/* formula.c - the public formula API (include/litx/formula.h): parse, interpret,
 * then say it as JSON and as one canonical spelling.
 *
 * Canonical spelling (docs/formula.md has the full rules):
 *   clusters    metals with Au first and the others in alphabetical order, every
 *               count written ("Au24Pt1"), then the ligands in alphabetical order
 *               ("(SR)18", element ligands bare: "Cl4"), the whole in brackets with
 *               the charge after it when a charge was written ("[Au25(SR)18]-");
 *   compounds and supports
 *               metals the same way with counts of 1 left out, then the other core
 *               atoms in Hill order ("TiO2", "BaLa4Ti4O15", "CuH10O9S");
 *   molecules   Hill order ("CO2", "H2O", "H3N").
 * Supports and counter-ions are never part of the canonical spelling. */
#include <litx/formula.h>
#include "formula_int.h"
#include "formula_elem.h"
#include "formula_abbrev.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ELECTRON_MASS 0.000548579909

typedef struct sbuf {
	char *s;
	size_t len, cap;
	int full;
	/* set while writing a canonical spelling that has no digit and no bracket: a
	 * letter count is then written as a subscript ("Au_n"), or "Aun" would read
	 * as a word */
	int mark_letters;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->full = 1;
		n = b->cap > b->len + 1 ? b->cap - b->len - 1 : 0;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void put_count(sbuf *b, fml_num n, int omit_one)
{
	if (n.st != FML_NUM_VAL)
		return;
	if (omit_one && fml_num_is_const(n) && n.c == 1.0)
		return;
	char buf[48];
	size_t k = fml_num_format(n, buf, sizeof buf);
	if (b->mark_letters && n.k != 0.0)
		sb_puts(b, "_");
	sb_put(b, buf, k);
}

static void atom_name(const fml_atom *a, char *buf, size_t cap)
{
	if (a->z == 0)
		snprintf(buf, cap, "M");
	else if (a->a)
		snprintf(buf, cap, "[%d%s]", a->a, fml_elements[a->z].sym);
	else {
		/* the common case, without the formatter: a symbol of at most 3 letters */
		const char *sym = fml_elements[a->z].sym;
		size_t n = strlen(sym);
		if (n >= cap)
			n = cap ? cap - 1 : 0;
		if (cap) {
			memcpy(buf, sym, n);
			buf[n] = '\0';
		}
	}
}

/* Metals: Au first, then by symbol, placeholders last. */
static int metal_cmp(const void *x, const void *y)
{
	const fml_atom *a = x, *b = y;
	if (a->z == b->z)
		return a->a - b->a;
	if (a->z == 0 || b->z == 0)
		return a->z == 0 ? 1 : -1;
	if (a->z == 79 || b->z == 79)
		return a->z == 79 ? -1 : 1;
	return strcmp(fml_elements[a->z].sym, fml_elements[b->z].sym);
}

/* Hill order: C, then H, then by symbol (all by symbol when there is no carbon). */
static int hill_cmp_c(const void *x, const void *y, int has_c)
{
	const fml_atom *a = x, *b = y;
	int ra = has_c && a->z == 6 ? 0 : has_c && a->z == 1 ? 1 : 2;
	int rb = has_c && b->z == 6 ? 0 : has_c && b->z == 1 ? 1 : 2;
	if (ra != rb)
		return ra - rb;
	int c = strcmp(fml_elements[a->z].sym, fml_elements[b->z].sym);
	return c ? c : a->a - b->a;
}

/* Metals, ligands and the atoms of a formula are a handful: an insertion sort
 * gives the order qsort would (each (z, a) and each name is there once), without
 * its indirect calls. One definition per element type and order. */
#define DEFINE_INSERTION_SORT(name, T, cmp)                                    \
	static void name(T *v, int n)                                          \
	{                                                                      \
		for (int i = 1; i < n; i++) {                                  \
			T x = v[i];                                            \
			int j = i - 1;                                         \
			for (; j >= 0 && cmp(&v[j], &x) > 0; j--)              \
				v[j + 1] = v[j];                               \
			v[j + 1] = x;                                          \
		}                                                              \
	}

static int hill_cmp_carbon(const void *x, const void *y)
{
	return hill_cmp_c(x, y, 1);
}

static int hill_cmp_symbol(const void *x, const void *y)
{
	return hill_cmp_c(x, y, 0);
}

static int lig_cmp(const void *x, const void *y);

DEFINE_INSERTION_SORT(sort_metals, fml_atom, metal_cmp)
DEFINE_INSERTION_SORT(sort_ligs, fml_lig, lig_cmp)
DEFINE_INSERTION_SORT(sort_hill_carbon, fml_atom, hill_cmp_carbon)
DEFINE_INSERTION_SORT(sort_hill_symbol, fml_atom, hill_cmp_symbol)

/* Hill order: carbon and hydrogen first only when the formula has carbon. */
static void sort_hill(fml_atom *v, int n)
{
	int has_c = 0;
	for (int i = 0; i < n; i++)
		has_c |= v[i].z == 6;
	(has_c ? sort_hill_carbon : sort_hill_symbol)(v, n);
}

static int lig_cmp(const void *x, const void *y)
{
	const fml_lig *a = x, *b = y;
	int c = strcasecmp(a->name, b->name);
	return c ? c : strcmp(a->name, b->name);
}

static void put_charge(sbuf *b, int ch)
{
	char buf[24];
	if (ch == 0)
		sb_puts(b, "0");
	else if (ch == 1 || ch == -1)
		sb_puts(b, ch > 0 ? "+" : "-");
	else {
		snprintf(buf, sizeof buf, "%d%c", abs(ch), ch > 0 ? '+' : '-');
		sb_puts(b, buf);
	}
}

static void put_atoms(sbuf *b, const fml_atom *v, int n, int omit_one)
{
	char name[16];
	for (int i = 0; i < n; i++) {
		atom_name(&v[i], name, sizeof name);
		sb_puts(b, name);
		put_count(b, v[i].n, omit_one);
	}
}

static void canonical_once(const fml_desc *d, sbuf *b);

static void canonical(const fml_desc *d, sbuf *b)
{
	b->mark_letters = 0;
	canonical_once(d, b);
	int plain = 1;
	for (size_t i = 0; i < b->len; i++)
		if ((b->s[i] >= '0' && b->s[i] <= '9') || b->s[i] == '(' || b->s[i] == '[')
			plain = 0;
	int letters = 0;
	for (int i = 0; i < d->n_metals; i++)
		letters |= d->metals[i].n.st == FML_NUM_VAL && d->metals[i].n.k != 0.0;
	if (plain && letters) {
		b->len = 0;
		b->full = 0;
		b->s[0] = '\0';
		b->mark_letters = 1;
		canonical_once(d, b);
		b->mark_letters = 0;
	}
}

static void canonical_once(const fml_desc *d, sbuf *b)
{
	fml_atom m[FML_MAX_ATOMS];
	memcpy(m, d->metals, sizeof(fml_atom) * (size_t)d->n_metals);
	sort_metals(m, d->n_metals);
	if (d->kind == FK_MOLECULE) {
		fml_atom e[FML_MAX_ATOMS];
		memcpy(e, d->elems, sizeof(fml_atom) * (size_t)d->n_elems);
		sort_hill(e, d->n_elems);
		if (d->has_charge)
			sb_puts(b, "[");
		put_atoms(b, e, d->n_elems, 1);
		if (d->has_charge) {
			sb_puts(b, "]");
			put_charge(b, d->charge);
		}
		return;
	}
	if (d->has_charge)
		sb_puts(b, "[");
	put_atoms(b, m, d->n_metals, d->kind != FK_CLUSTER);
	fml_atom l[FML_MAX_ATOMS];
	memcpy(l, d->lattice, sizeof(fml_atom) * (size_t)d->n_lattice);
	sort_hill(l, d->n_lattice);
	put_atoms(b, l, d->n_lattice, 1);
	fml_lig g[FML_MAX_LIGS];
	memcpy(g, d->ligs, sizeof(fml_lig) * (size_t)d->n_ligs);
	sort_ligs(g, d->n_ligs);
	for (int i = 0; i < d->n_ligs; i++) {
		if (g[i].z) {
			sb_puts(b, g[i].name);
		} else {
			sb_puts(b, "(");
			sb_puts(b, g[i].name);
			sb_puts(b, ")");
		}
		put_count(b, g[i].n, 1);
	}
	if (d->has_charge) {
		sb_puts(b, "]");
		put_charge(b, d->charge);
	}
}

static json_t *num_json(fml_num n)
{
	if (n.st != FML_NUM_VAL)
		return json_null();
	if (n.k == 0.0) {
		if (n.c == floor(n.c) && fabs(n.c) < 9e15)
			return json_integer((json_int_t)n.c);
		return json_real(n.c);
	}
	char buf[48];
	size_t k = fml_num_format(n, buf, sizeof buf);
	return json_stringn_nocheck(buf, strnlen(buf, k));
}

/* Charge the counter-ions balance, when every one of them is known. */
static int ion_charge(const fml_desc *d, int *out)
{
	if (d->n_ions == 0)
		return 0;
	double sum = 0;
	for (int i = 0; i < d->n_ions; i++) {
		const fml_lig *ion = &d->ions[i];
		int c = ion->charge ? ion->charge :
			fml_counter_ion_charge(ion->name, strlen(ion->name));
		if (!c || !fml_num_is_const(ion->n))
			return 0;
		sum += c * ion->n.c;
	}
	*out = (int)-sum;
	return 1;
}

/* n* = sum of metal valence electrons - electrons taken by X-type ligands - charge,
 * only when every term is known. */
static int electrons(const fml_desc *d, long *out)
{
	if (d->kind == FK_MOLECULE || d->n_metals == 0 || !d->ligs_complete || d->malformed)
		return 0;
	/* a formula written with its protecting ligands, not a bare core ("[H-Pt1Au24]-") */
	int named = 0;
	for (int i = 0; i < d->n_ligs; i++)
		named |= d->ligs[i].z == 0;
	if (!named)
		return 0;
	fml_num sum = fml_num_const(0);
	for (int i = 0; i < d->n_metals; i++) {
		const fml_atom *a = &d->metals[i];
		if (a->z == 0 || fml_elements[a->z].valence == FML_NO_VALENCE ||
		    a->n.st != FML_NUM_VAL)
			return 0;
		sum = fml_num_add(sum, fml_num_mul(a->n, fml_num_const(fml_elements[a->z].valence)));
	}
	for (int i = 0; i < d->n_ligs; i++) {
		const fml_lig *g = &d->ligs[i];
		int e = fml_ligand_electrons(g->name, strlen(g->name));
		if (e < 0 || g->n.st != FML_NUM_VAL)
			return 0;
		sum = fml_num_add(sum, fml_num_mul(g->n, fml_num_const(-e)));
	}
	int ch = 0;
	if (d->has_charge)
		ch = d->charge;
	else if (d->n_ions > 0) {
		if (!ion_charge(d, &ch))
			return 0;
	} else if (d->bracketed)
		return 0; /* "[...]" without a charge: the charge was left out */
	sum = fml_num_add(sum, fml_num_const(-ch));
	/* a composition (Au1-xAgx) is not a cluster with a shell of electrons */
	fml_num total = fml_num_const(0);
	for (int i = 0; i < d->n_metals; i++)
		total = fml_num_add(total, d->metals[i].n);
	if (total.st != FML_NUM_VAL || (total.k == 0.0 && total.c < 2))
		return 0;
	if (!fml_num_is_const(sum) || sum.c != floor(sum.c) || sum.c < 0)
		return 0; /* a negative count: a complex or a shell, not a superatom */
	*out = (long)sum.c;
	return 1;
}

static int host_index(const fml_desc *d)
{
	int best = -1;
	for (int i = 0; i < d->n_metals; i++)
		if (d->metals[i].z == 79)
			return i;
	for (int i = 0; i < d->n_metals; i++) {
		const fml_atom *a = &d->metals[i];
		if (a->z == 0)
			continue;
		if (best < 0)
			best = i;
		else if (fml_num_is_const(a->n) && fml_num_is_const(d->metals[best].n) &&
			 a->n.c > d->metals[best].n.c)
			best = i;
	}
	return best;
}

static const char *kind_name(int k)
{
	switch (k) {
	case FK_CLUSTER: return "cluster";
	case FK_SUPPORT: return "support";
	case FK_MOLECULE: return "molecule";
	default: return "compound";
	}
}

/* A bare element ("In", "Au") or capitals that spell element symbols ("SWV",
 * "NC", "OWS") are words, not formulas; a few such spellings are molecules. */
static int word_like(const fml_tree *t)
{
	static const char *const molecules[] = { "CO", "NO", "HF", "HI", "HCN", "KOH", "KCN",
		"KI", "KF", "BN", "NaCl", "KCl", "HCl", "HBr" };
	int n = 0, caps = 1;
	if (t->root >= 0 && t->nodes[t->root].next < 0 && t->nodes[t->root].type == FN_WORD)
		return 1; /* one name alone: "M", "SR" */
	for (int k = t->root; k >= 0; k = t->nodes[k].next) {
		const fml_node *nd = &t->nodes[k];
		/* an isotope written with its mass number ("12C", "[13C]") is chemistry;
		 * deuterium written "D" is a capital like any other */
		if (nd->type != FN_ELEM || nd->has_count ||
		    (nd->a && (t->s[nd->start] == '[' || (t->s[nd->start] >= '0' && t->s[nd->start] <= '9'))))
			return 0;
		if (!nd->a && fml_elements[nd->z].sym[1])
			caps = 0;
		n++;
	}
	if (n == 1)
		return 1;
	for (size_t i = 0; i < sizeof molecules / sizeof *molecules; i++)
		if (strcmp(t->s, molecules[i]) == 0)
			return 0;
	return caps;
}

/* A letter count in a formula with no digit and no bracket must have been marked
 * as a subscript ("Au_n"): "Tan", "Lin", "Cox" are words. */
static int bare_letters(const fml_tree *t)
{
	if (!t->bare_var)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if ((t->s[i] >= '0' && t->s[i] <= '9') || t->s[i] == '(' || t->s[i] == '[')
			return 0;
	return 1;
}

/* One element with a letter count and nothing else ("Au_n", "Cu_x") is a cluster
 * series only for a d-block metal counted by n, x or y: "K_m" and "V_m" are
 * constants. */
static int lone_letter_count(const fml_tree *t)
{
	const fml_node *nd = t->root >= 0 ? &t->nodes[t->root] : NULL;
	if (!nd || nd->next >= 0 || nd->type != FN_ELEM || !nd->has_count || nd->count.k == 0.0 ||
	    nd->count.c != 0.0)
		return 0;
	char v = nd->count.var;
	return !fml_elements[nd->z].dblock || !(v == 'n' || v == 'x' || v == 'y');
}

/* The parse tree is big (tens of kilobytes) and a plugin describes thousands of
 * candidates per document: one per thread, reused, instead of one per call. */
static _Thread_local fml_tree tls_tree;

/* Parse and interpret. */
static int describe_c(const char *s, size_t len, fml_desc *d, int words)
{
	if (!s || len == 0 || len > FML_MAX_INPUT)
		return -1;
	fml_tree *t = &tls_tree;
	char seq[FML_MAX_INPUT + 1];
	size_t sl = fml_sequence_formula(s, len, seq, sizeof seq);
	if (sl) {
		s = seq;
		len = sl;
	}
	int rc = fml_parse(s, len, t) < 0 || (!words && (word_like(t) || bare_letters(t) || lone_letter_count(t))) ||
		 fml_interpret(t, d) < 0;
	return rc ? -1 : 0;
}

/* fml_describe_sorted's answer, which outlives the call. The other calls keep
 * their description on the stack (a few kilobytes, filled only as far as it is
 * used): every read of a thread-local object in a shared library is a call. */
static _Thread_local fml_desc tls_desc;

size_t litx_formula_canonical(const char *s, size_t len, char *buf, size_t cap)
{
	if (cap)
		buf[0] = '\0';
	fml_desc desc, *d = &desc;
	size_t n = 0;
	if (describe_c(s, len, d, 0) == 0 && cap) {
		sbuf b = { buf, 0, cap, 0, 0 };
		canonical(d, &b);
		n = b.full ? 0 : b.len;
		if (b.full)
			buf[0] = '\0';
	}
	return n;
}

/* Every key of a description is ASCII (literal names, element symbols, variable
 * letters), so the key's UTF-8 check is left out. */
static int set(json_t *o, const char *k, json_t *v)
{
	return v ? json_object_set_new_nocheck(o, k, v) : -1;
}

/* set() for a literal key, without measuring it */
#define SETL(o, k, v) setn((o), "" k, sizeof(k) - 1, (v))
static int setn(json_t *o, const char *k, size_t n, json_t *v)
{
	return v ? json_object_setn_new_nocheck(o, k, n, v) : -1;
}

/* A string made by this file from ASCII pieces (symbols, counts, literal names). */
static json_t *ascii_json(const char *s)
{
	return json_stringn_nocheck(s, strlen(s));
}

/* A string that may hold text of the input (ligand names, supports): without
 * jansson's UTF-8 check when it is ASCII, as most are; with it otherwise, so text
 * that is not UTF-8 still makes the description fail as it always did. */
static json_t *text_json(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return json_stringn(s, n);
	return json_stringn_nocheck(s, n);
}

static json_t *to_json(const fml_desc *d)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = 0;
	char buf[512];
	sbuf b = { buf, 0, sizeof buf, 0, 0 };
	canonical(d, &b);
	bad |= SETL(o, "canonical", text_json(buf, b.len));

	fml_atom m[FML_MAX_ATOMS];
	memcpy(m, d->metals, sizeof(fml_atom) * (size_t)d->n_metals);
	sort_metals(m, d->n_metals);
	json_t *metals = json_object(), *dop = json_array(), *vars = json_array();
	int h = host_index(d);
	const char *host = h >= 0 ? fml_elements[d->metals[h].z].sym : NULL;
	char name[16], seen[8] = "";
	fml_num total = fml_num_const(0);
	for (int i = 0; metals && i < d->n_metals; i++) {
		atom_name(&m[i], name, sizeof name);
		bad |= set(metals, name, num_json(m[i].n));
		if (dop && (!host || strcmp(name, host) != 0))
			bad |= json_array_append_new(dop, ascii_json(name));
		total = fml_num_add(total, m[i].n);
		if (m[i].n.st == FML_NUM_VAL && m[i].n.k != 0.0 && !strchr(seen, m[i].n.var) &&
		    strlen(seen) < sizeof seen - 1) {
			size_t k = strlen(seen);
			seen[k] = m[i].n.var;
			seen[k + 1] = '\0';
			char v[2] = { m[i].n.var, 0 };
			if (vars)
				bad |= json_array_append_new(vars, json_stringn_nocheck(v, 1));
		}
	}
	bad |= SETL(o, "metals", metals);
	bad |= SETL(o, "dopants", dop);
	bad |= SETL(o, "variables", vars);
	bad |= SETL(o, "host", host ? ascii_json(host) : json_null());
	bad |= SETL(o, "n_metal", fml_num_is_const(total) && d->n_metals ? num_json(total) : json_null());

	if (d->elems_known) {
		json_t *el = json_object();
		fml_atom e[FML_MAX_ATOMS];
		memcpy(e, d->elems, sizeof(fml_atom) * (size_t)d->n_elems);
		sort_hill(e, d->n_elems);
		double mass = 0;
		int mass_ok = 1;
		for (int i = 0; el && i < d->n_elems; i++) {
			atom_name(&e[i], name, sizeof name);
			bad |= set(el, name, num_json(e[i].n));
			if (!fml_num_is_const(e[i].n))
				mass_ok = 0;
			else {
				double am = e[i].a ? fml_isotope_mass(e[i].z, e[i].a) : fml_elements[e[i].z].mass;
				mass += am * e[i].n.c;
			}
		}
		bad |= SETL(o, "elements", el);
		if (d->has_charge)
			mass -= d->charge * ELECTRON_MASS;
		bad |= SETL(o, "mass", mass_ok ? json_real(mass) : json_null());
	} else {
		bad |= SETL(o, "elements", json_null());
		bad |= SETL(o, "mass", json_null());
	}

	fml_lig g[FML_MAX_LIGS];
	memcpy(g, d->ligs, sizeof(fml_lig) * (size_t)d->n_ligs);
	sort_ligs(g, d->n_ligs);
	json_t *ligs = json_array();
	for (int i = 0; ligs && i < d->n_ligs; i++) {
		/* (what json_pack("{s:s,s:o}") made, without parsing its format) */
		json_t *lg = json_object();
		if (!lg || SETL(lg, "name", text_json(g[i].name, strlen(g[i].name))) ||
		    SETL(lg, "count", num_json(g[i].n))) {
			json_decref(lg);
			bad = 1;
			continue;
		}
		bad |= json_array_append_new(ligs, lg);
	}
	bad |= SETL(o, "ligands", ligs);
	json_t *ions = json_array();
	for (int i = 0; ions && i < d->n_ions; i++) {
		const fml_lig *ion = &d->ions[i];
		int c = ion->charge ? ion->charge : fml_counter_ion_charge(ion->name, strlen(ion->name));
		json_t *io = json_object();
		if (!io || SETL(io, "name", text_json(ion->name, strlen(ion->name))) ||
		    SETL(io, "count", num_json(ion->n)) ||
		    SETL(io, "charge", c ? json_integer(c) : json_null())) {
			json_decref(io);
			bad = 1;
			continue;
		}
		bad |= json_array_append_new(ions, io);
	}
	bad |= SETL(o, "counter_ions", ions);
	bad |= SETL(o, "charge", d->has_charge ? json_integer(d->charge) : json_null());
	long el;
	bad |= SETL(o, "electrons", electrons(d, &el) ? json_integer(el) : json_null());
	bad |= SETL(o, "kind", ascii_json(kind_name(d->kind)));
	bad |= SETL(o, "support", d->has_support ? text_json(d->support, strlen(d->support)) : json_null());
	bad |= SETL(o, "malformed", json_boolean(d->malformed));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- the description without its JSON --------------------------------------------- */

/* 0 when jansson would refuse the string (not UTF-8): what text_json fails on. */
static int text_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) {
			json_t *j = json_stringn(s, n); /* jansson's own check, on this rare path */
			json_decref(j);
			return j != NULL;
		}
	return 1;
}

/* 0 when num_json would fail: a count that is not a finite number. */
static int num_ok(fml_num n)
{
	return n.st != FML_NUM_VAL || n.k != 0.0 || isfinite(n.c);
}

/* Would to_json make d (memory aside)? It fails on counts and a mass that JSON
 * cannot hold (infinite, not a number) and on names that are not UTF-8. */
static int json_ok(const fml_desc *d)
{
	/* sums in to_json's order, so that they overflow where its sums do */
	fml_atom v[FML_MAX_ATOMS];
	memcpy(v, d->metals, sizeof(fml_atom) * (size_t)d->n_metals);
	sort_metals(v, d->n_metals);
	fml_num total = fml_num_const(0);
	int ascii = 1;
	for (int i = 0; i < d->n_metals; i++) {
		if (!num_ok(v[i].n))
			return 0;
		total = fml_num_add(total, v[i].n);
	}
	if (d->n_metals && fml_num_is_const(total) && !num_ok(total))
		return 0;
	if (d->elems_known) {
		memcpy(v, d->elems, sizeof(fml_atom) * (size_t)d->n_elems);
		sort_hill(v, d->n_elems);
		double mass = 0;
		int mass_ok = 1;
		for (int i = 0; i < d->n_elems; i++) {
			const fml_atom *e = &v[i];
			if (!num_ok(e->n))
				return 0;
			if (!fml_num_is_const(e->n))
				mass_ok = 0;
			else
				mass += (e->a ? fml_isotope_mass(e->z, e->a) : fml_elements[e->z].mass) * e->n.c;
		}
		if (mass_ok && !isfinite(mass - (d->has_charge ? d->charge * ELECTRON_MASS : 0)))
			return 0;
	}
	for (int i = 0; i < d->n_ligs; i++) {
		size_t n = strlen(d->ligs[i].name);
		if (!num_ok(d->ligs[i].n) || !text_ok(d->ligs[i].name, n))
			return 0;
		for (size_t k = 0; k < n; k++)
			ascii &= (unsigned char)d->ligs[i].name[k] < 0x80;
	}
	for (int i = 0; i < d->n_ions; i++)
		if (!num_ok(d->ions[i].n) || !text_ok(d->ions[i].name, strlen(d->ions[i].name)))
			return 0;
	if (d->has_support && !text_ok(d->support, strlen(d->support)))
		return 0;
	if (!ascii) {
		/* a canonical spelling cut short may end inside a ligand's character */
		char buf[512];
		sbuf b = { buf, 0, sizeof buf, 0, 0 };
		canonical(d, &b);
		if (!text_ok(buf, b.len))
			return 0;
	}
	return 1;
}

const fml_desc *fml_describe_sorted(const char *s, size_t len)
{
	fml_desc *d = &tls_desc;
	if (describe_c(s, len, d, 0) || !json_ok(d))
		return NULL;
	sort_metals(d->metals, d->n_metals);
	sort_ligs(d->ligs, d->n_ligs);
	return d;
}

void fml_atom_name(const fml_atom *a, char *buf, size_t cap)
{
	atom_name(a, buf, cap);
}

json_t *fml_describe_opts(const char *s, size_t len, int words)
{
	fml_desc desc, *d = &desc;
	return describe_c(s, len, d, words) == 0 ? to_json(d) : NULL;
}

json_t *litx_formula_describe(const char *s, size_t len)
{
	return fml_describe_opts(s, len, 0);
}
