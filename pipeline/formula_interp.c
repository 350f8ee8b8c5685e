/* formula_interp.c - reading a parsed formula the way a cluster chemist does.
 *
 * The tree from formula_parse.c is read from the loosest separator inwards:
 *   '/'  a supported cluster, "Au2Pd6/MoS2": one part is the cluster, the rest
 *        is its support;
 *   '@'  core and shell, "Au6@Au6Ag23@Au3": metal parts add up, a part without
 *        metal is a ligand ("@GSH") or a support ("@PDDA-G");
 *   '.'  hydrate dots and adducts, "CuSO4·5H2O": everything adds up;
 *   '-'  parts glued by a hyphen, "Au2-Pd3", "Au–Fe1", "M1Au24-BaLa4Ti4O15",
 *        "Au-SR": metal parts add up, a lattice compound is a support, a
 *        ligand name is a ligand;
 * and then one piece at a time: metal atoms are the core; groups holding metal are
 * part of the core ("(Au25-xAgx)(SR)18", "(Audppy)3AgO"); other groups and names are
 * ligands; what follows a square-bracketed cluster is its counter-ions
 * ("[...](BF4)2"); non-metal atoms written among the metals are ligands when the
 * cluster has ligands or more metal than non-metal atoms (H22, Cl4, S2), and the
 * lattice of a compound otherwise (TiO2). */
#include "formula_int.h"
#include "formula_elem.h"
#include "formula_abbrev.h"
#include <stddef.h>
#include <string.h>

/* (as in fml_desc, the list first and the fields to clear from n_nm on) */
typedef struct part {
	fml_desc d;
	fml_atom nm[FML_MAX_ATOMS]; /* non-metal atoms written in the core */
	int n_nm;
	int has_metal;
	int has_lig;
	int organic;      /* a ligand with carbon and hydrogen, or a named one */
	int support_like; /* a lattice compound: TiO2, MoS2, BaLa4Ti4O15 */
	int acronym;      /* "PVP", "PU": capitals that are not atoms */
	int overflow;
} part;

/* Parts are cleared and copied for every piece of every formula, and nearly all
 * their bytes are lists that are read only up to their counts: those are left
 * alone past their counts, and everything else is cleared or copied. */
static void desc_clear(fml_desc *d)
{
	memset((char *)d + offsetof(fml_desc, n_metals), 0, sizeof *d - offsetof(fml_desc, n_metals));
}

static void part_clear(part *p)
{
	desc_clear(&p->d);
	memset((char *)p + offsetof(part, n_nm), 0, sizeof *p - offsetof(part, n_nm));
}

static void atoms_copy(fml_atom *dst, const fml_atom *src, int n)
{
	memcpy(dst, src, sizeof *src * (size_t)n);
}

static void ligs_copy(fml_lig *dst, const fml_lig *src, int n)
{
	memcpy(dst, src, sizeof *src * (size_t)n);
}

/* *dst = *src, but for the lists' unused entries. */
static void desc_copy(fml_desc *dst, const fml_desc *src)
{
	atoms_copy(dst->metals, src->metals, src->n_metals);
	atoms_copy(dst->elems, src->elems, src->n_elems);
	ligs_copy(dst->ligs, src->ligs, src->n_ligs);
	ligs_copy(dst->ions, src->ions, src->n_ions);
	atoms_copy(dst->lattice, src->lattice, src->n_lattice);
	memcpy((char *)dst + offsetof(fml_desc, n_metals), (const char *)src + offsetof(fml_desc, n_metals),
	       sizeof *dst - offsetof(fml_desc, n_metals));
}

static void part_copy(part *dst, const part *src)
{
	desc_copy(&dst->d, &src->d);
	atoms_copy(dst->nm, src->nm, src->n_nm);
	memcpy((char *)dst + offsetof(part, n_nm), (const char *)src + offsetof(part, n_nm),
	       sizeof *dst - offsetof(part, n_nm));
}

static void atom_add(fml_atom *v, int *n, int cap, int z, int a, fml_num c, int *overflow)
{
	for (int i = 0; i < *n; i++)
		if (v[i].z == z && v[i].a == a) {
			v[i].n = fml_num_add(v[i].n, c);
			return;
		}
	if (*n >= cap) {
		*overflow = 1;
		return;
	}
	v[*n].z = z;
	v[*n].a = a;
	v[*n].n = c;
	(*n)++;
}

/* Copy a name without the parser's markers ("SC_{2}H_{4}Ph" -> "SC2H4Ph"). */
static size_t clean_name(char *dst, size_t cap, const char *src, size_t len)
{
	size_t k = 0;
	int brace = 0;
	for (size_t i = 0; i < len && k + 1 < cap; i++) {
		char c = src[i];
		if ((c == '_' || c == '^') && i + 1 < len && src[i + 1] == '{') {
			brace++;
			i++;
			continue;
		}
		if (c == '_' || c == '^')
			continue;
		if (c == '}' && brace > 0) {
			brace--;
			continue;
		}
		dst[k++] = c;
	}
	dst[k] = '\0';
	return k;
}

static void lig_add(fml_lig *v, int *n, int cap, const char *raw, size_t rawlen, fml_num c, int z,
		    int charge, int *overflow)
{
	char buf[sizeof v[0].name];
	size_t len = clean_name(buf, sizeof buf, raw, rawlen);
	const char *name = buf;
	while (len && *name == '-') {
		name++;
		len--;
	}
	for (int i = 0; i < *n; i++)
		if (strlen(v[i].name) == len && memcmp(v[i].name, name, len) == 0) {
			v[i].n = fml_num_add(v[i].n, c);
			if (charge)
				v[i].charge = charge;
			return;
		}
	if (*n >= cap) {
		*overflow = 1;
		return;
	}
	memcpy(v[*n].name, name, len);
	v[*n].name[len] = '\0';
	v[*n].n = c;
	v[*n].z = z;
	v[*n].charge = charge;
	(*n)++;
}

static void support_append(fml_desc *d, const char *raw, size_t rawlen)
{
	char s[sizeof d->support];
	size_t len = clean_name(s, sizeof s, raw, rawlen);
	size_t have = strlen(d->support);
	if (have && have + 1 < sizeof d->support)
		d->support[have++] = '/';
	if (have + len >= sizeof d->support)
		len = sizeof d->support - 1 - have;
	memcpy(d->support + have, s, len);
	d->support[have + len] = '\0';
	d->has_support = 1;
}

/* Text of the nodes first..stop (exclusive; -1 = to the end of the list). */
static void range_text(const fml_tree *t, int first, int stop, size_t *s, size_t *e)
{
	*s = t->nodes[first].start;
	*e = *s;
	for (int k = first; k >= 0 && k != stop; k = t->nodes[k].next)
		if (t->nodes[k].end > *e)
			*e = t->nodes[k].end;
}

static size_t name_end(const fml_node *nd)
{
	return nd->nend ? nd->nend : nd->end;
}

/* A counter-ion written as atoms after the cluster ("PPh4+", "SbF6", "Br-"): the
 * atoms run together into one name. */
static void ion_atoms(const fml_tree *t, const fml_node *nd, fml_desc *d, int *open, size_t *from,
		      int *overflow)
{
	if (*open < 0) {
		if (d->n_ions >= FML_MAX_IONS) {
			*overflow = 1;
			return;
		}
		*open = d->n_ions++;
		*from = nd->start;
		d->ions[*open].n = fml_num_const(1);
		d->ions[*open].z = 0;
		d->ions[*open].charge = 0;
	}
	clean_name(d->ions[*open].name, sizeof d->ions[0].name, t->s + *from, nd->end - *from);
}

static fml_num count_of(const fml_node *nd)
{
	return nd->has_count ? nd->count : fml_num_const(1);
}

/* Add g (times mult) into out. */
static void merge(part *out, const part *g, fml_num mult)
{
	fml_desc *o = &out->d;
	const fml_desc *d = &g->d;
	for (int i = 0; i < d->n_metals; i++)
		atom_add(o->metals, &o->n_metals, FML_MAX_ATOMS, d->metals[i].z, d->metals[i].a,
			 fml_num_mul(d->metals[i].n, mult), &out->overflow);
	for (int i = 0; i < g->n_nm; i++)
		atom_add(out->nm, &out->n_nm, FML_MAX_ATOMS, g->nm[i].z, g->nm[i].a,
			 fml_num_mul(g->nm[i].n, mult), &out->overflow);
	for (int i = 0; i < d->n_ligs; i++)
		lig_add(o->ligs, &o->n_ligs, FML_MAX_LIGS, d->ligs[i].name, strlen(d->ligs[i].name),
			fml_num_mul(d->ligs[i].n, mult), d->ligs[i].z, 0, &out->overflow);
	for (int i = 0; i < d->n_ions; i++)
		lig_add(o->ions, &o->n_ions, FML_MAX_IONS, d->ions[i].name, strlen(d->ions[i].name),
			fml_num_mul(d->ions[i].n, mult), d->ions[i].z, d->ions[i].charge,
			&out->overflow);
	if (d->has_charge && !o->has_charge) {
		o->has_charge = 1;
		o->charge = d->charge;
	}
	if (d->has_support)
		support_append(o, d->support, strlen(d->support));
	o->bracketed |= d->bracketed;
	out->has_metal |= g->has_metal;
	out->has_lig |= g->has_lig;
	out->organic |= g->organic;
	out->overflow |= g->overflow;
}

static double const_sum(const fml_atom *v, int n, int *ok)
{
	double s = 0;
	*ok = 1;
	for (int i = 0; i < n; i++) {
		if (!fml_num_is_const(v[i].n))
			*ok = 0;
		else
			s += v[i].n.c;
	}
	return s;
}

static int composite(const fml_tree *t, int first, int stop, part *out, int depth);

/* Is the content of a group organic (carbon and hydrogen, or an abbreviation)? */
static int organic_list(const fml_tree *t, int first)
{
	int c = 0, h = 0;
	for (int k = first; k >= 0; k = t->nodes[k].next) {
		const fml_node *nd = &t->nodes[k];
		if (nd->type == FN_WORD)
			return 1;
		if (nd->type == FN_ELEM) {
			c |= nd->z == 6;
			h |= nd->z == 1;
		}
		if (nd->type == FN_GROUP && (nd->child < 0 || organic_list(t, nd->child)))
			return 1;
	}
	return c && h;
}

/* One piece: atoms, groups and names with no separator between them. */
static int piece(const fml_tree *t, int first, int stop, int in_group, part *out, int depth)
{
	part_clear(out);
	out->d.ligs_complete = 1;
	/* element symbols alone, no count anywhere ("AuPd", "PtPdRh"): the composition
	 * is not written, so the metal counts are unknown */
	int pure = 1;
	for (int k = first; k >= 0 && k != stop; k = t->nodes[k].next)
		if (t->nodes[k].type != FN_ELEM || t->nodes[k].has_count)
			pure = 0;
	/* capitals spelling element symbols with no count ("PVP", "PU", "SWV") are an
	 * acronym when they stand alone in a formula: a polymer, a method, not atoms */
	if (depth == 0 && !in_group) {
		int caps = 0, other = 0;
		for (int k = first; k >= 0 && k != stop; k = t->nodes[k].next) {
			const fml_node *nd = &t->nodes[k];
			if (nd->type == FN_ELEM && !nd->has_count && (nd->a == 2 || !fml_elements[nd->z].sym[1]))
				caps++;
			else
				other = 1;
		}
		if (caps >= 2 && !other) {
			out->acronym = 1;
			return 0;
		}
		/* "COV(t1, t3)": the same before brackets, when one of the capitals
		 * would be a metal (urea's "CO(NH2)2" stays chemistry) */
		int lead = 0, metal = 0, k = first;
		for (; k >= 0 && k != stop; k = t->nodes[k].next) {
			const fml_node *nd = &t->nodes[k];
			if (nd->type != FN_ELEM || nd->has_count || nd->a || fml_elements[nd->z].sym[1])
				break;
			metal |= fml_elements[nd->z].metal;
			lead++;
		}
		if (lead >= 2 && metal && k >= 0 && k != stop && t->nodes[k].type == FN_GROUP) {
			out->acronym = 1;
			return 0;
		}
	}
	int after = 0; /* past the bracketed cluster: counter-ions */
	int ion_open = -1;
	size_t ion_from = 0;
	fml_desc *d = &out->d;
	for (int k = first; k >= 0 && k != stop; k = t->nodes[k].next) {
		const fml_node *nd = &t->nodes[k];
		fml_num c = count_of(nd);
		if (after && (nd->type == FN_ELEM || nd->type == FN_WORD)) {
			ion_atoms(t, nd, d, &ion_open, &ion_from, &out->overflow);
			continue;
		}
		if (nd->type != FN_CHARGE)
			ion_open = -1;
		switch (nd->type) {
		case FN_ELEM: {
			const fml_element *e = &fml_elements[nd->z];
			if (pure && e->metal)
				c = (fml_num){ 0, 0, 0, FML_NUM_NULL };
			if (e->metal) {
				atom_add(d->metals, &d->n_metals, FML_MAX_ATOMS, nd->z, nd->a, c,
					 &out->overflow);
				out->has_metal = 1;
			} else
				atom_add(out->nm, &out->n_nm, FML_MAX_ATOMS, nd->z, nd->a, c,
					 &out->overflow);
			break;
		}
		case FN_PLACE:
			atom_add(d->metals, &d->n_metals, FML_MAX_ATOMS, 0, 0, c, &out->overflow);
			out->has_metal = 1;
			break;
		case FN_WORD:
			if (name_end(nd) - nd->start == 1 && t->s[nd->start] == 'M') {
				/* "(M-Au)9": a placeholder whose count is not written */
				atom_add(d->metals, &d->n_metals, FML_MAX_ATOMS, 0, 0,
					 (fml_num){ 0, 0, 0, FML_NUM_NULL }, &out->overflow);
				out->has_metal = 1;
				break;
			}
			lig_add(d->ligs, &d->n_ligs, FML_MAX_LIGS, t->s + nd->start,
				name_end(nd) - nd->start, c, 0, 0, &out->overflow);
			out->has_lig = 1;
			out->organic = 1;
			break;
		case FN_GROUP: {
			part g;
			int metal = 0;
			if (nd->child >= 0) {
				if (depth > 12 || composite(t, nd->child, -1, &g, depth + 1) < 0)
					return -1;
				metal = g.has_metal && !g.support_like;
			}
			if (metal) {
				fml_num mult = nd->polymer ? fml_num_const(1) : c;
				merge(out, &g, mult);
				if (nd->open != '(') {
					/* a square-bracketed cluster: counter-ions follow */
					after = 1;
					d->bracketed = 1;
				}
				if (nd->has_charge) {
					d->has_charge = 1;
					d->charge = nd->charge;
				}
				break;
			}
			size_t cs = nd->cstart, ce = nd->cend;
			int z = 0;
			if (nd->child >= 0 && t->nodes[nd->child].next < 0 &&
			    t->nodes[nd->child].type == FN_ELEM && !t->nodes[nd->child].has_count)
				z = t->nodes[nd->child].z;
			if (after)
				lig_add(d->ions, &d->n_ions, FML_MAX_IONS, t->s + cs, ce - cs, c, z,
					nd->has_charge ? nd->charge : 0, &out->overflow);
			else {
				lig_add(d->ligs, &d->n_ligs, FML_MAX_LIGS, t->s + cs, ce - cs, c, z, 0,
					&out->overflow);
				out->has_lig = 1;
				if (nd->child < 0 || organic_list(t, nd->child))
					out->organic = 1;
				if (nd->has_charge) {
					d->has_charge = 1;
					d->charge = nd->charge;
				}
			}
			break;
		}
		case FN_CHARGE:
			ion_open = -1;
			if (after && d->n_ions > 0)
				d->ions[d->n_ions - 1].charge = nd->charge;
			else {
				d->has_charge = 1;
				d->charge = nd->charge;
			}
			break;
		default:
			break;
		}
	}
	if (out->has_metal && out->n_nm > 0) {
		int okm, okn;
		double sm = const_sum(d->metals, d->n_metals, &okm);
		double sn = const_sum(out->nm, out->n_nm, &okn);
		if (out->has_lig || (okm && okn && sm > sn)) {
			/* H22, Cl4, S2 of a cluster are ligands */
			for (int i = 0; i < out->n_nm; i++) {
				const char *sym = fml_elements[out->nm[i].z].sym;
				lig_add(d->ligs, &d->n_ligs, FML_MAX_LIGS, sym, strlen(sym), out->nm[i].n,
					out->nm[i].z, 0, &out->overflow);
			}
			out->n_nm = 0;
			out->has_lig = 1;
		} else {
			int one_kind = 1, lattice = 1;
			for (int i = 0; i < out->n_nm; i++) {
				int z = out->nm[i].z;
				if (z != out->nm[0].z)
					one_kind = 0;
				if (!(z == 8 || z == 16 || z == 34 || z == 52 || z == 7 || z == 6 ||
				      z == 15 || z == 5))
					lattice = 0;
			}
			out->support_like = !out->has_lig && one_kind && lattice && okm && okn && sn >= sm;
		}
	}
	return 0;
}

/* Split the list first..stop at separators of `sep`; calls back per segment. */
typedef struct seg {
	int first, stop;
	fml_num mult;
} seg;

static int split(const fml_tree *t, int first, int stop, char sep, seg *v, int cap)
{
	int n = 0;
	int start = first;
	fml_num mult = fml_num_const(1);
	for (int k = first; k >= 0 && k != stop; k = t->nodes[k].next) {
		const fml_node *nd = &t->nodes[k];
		if (nd->type == FN_SEP && nd->sep == sep) {
			if (k != start) {
				if (n >= cap)
					return -1;
				v[n++] = (seg){ start, k, mult };
			}
			mult = nd->count;
			start = nd->next;
		}
	}
	if (start >= 0 && start != stop) {
		if (n >= cap)
			return -1;
		v[n++] = (seg){ start, stop, mult };
	}
	return n;
}

static int single_node(const fml_tree *t, const seg *s)
{
	return s->first >= 0 && t->nodes[s->first].next == s->stop;
}

/* The longest run of lowercase letters in s[0..n). */
static int lower_run(const char *s, size_t n)
{
	int best = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] >= 'a' && s[i] <= 'z' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static int hyphen_level(const fml_tree *t, int first, int stop, int in_group, part *out, int depth)
{
	seg v[16];
	int n = split(t, first, stop, '-', v, 16);
	if (n < 0)
		return -1;
	if (n == 1)
		return piece(t, v[0].first, v[0].stop, in_group, out, depth);
	/* "Au1-Au2": atom labels of a bond, not a formula */
	int bond = 1;
	for (int i = 0; i < n && bond; i++) {
		const fml_node *nd = &t->nodes[v[i].first];
		if (!single_node(t, &v[i]) || nd->type != FN_ELEM || !nd->has_count ||
		    nd->z != t->nodes[v[0].first].z)
			bond = 0;
	}
	if (bond)
		return -1;
	/* "Au–S", "Cd-O-C(OH)-Au": a linkage of atoms, not a formula */
	int countless = 1, lone_nonmetal = 0, metal = 0;
	for (int i = 0; i < n; i++) {
		for (int k = v[i].first; k >= 0 && k != v[i].stop; k = t->nodes[k].next) {
			if (t->nodes[k].has_count)
				countless = 0;
			if (t->nodes[k].type == FN_ELEM && fml_elements[t->nodes[k].z].metal)
				metal = 1;
		}
		const fml_node *nd = &t->nodes[v[i].first];
		if (single_node(t, &v[i]) && nd->type == FN_ELEM && !fml_elements[nd->z].metal)
			lone_nonmetal = 1;
	}
	if (countless && lone_nonmetal && metal)
		return -1;
	part_clear(out);
	out->d.ligs_complete = 1;
	part tmp;
	for (int i = 0; i < n; i++) {
		if (piece(t, v[i].first, v[i].stop, in_group, &tmp, depth) < 0)
			return -1;
		if (tmp.has_metal && !tmp.support_like) {
			merge(out, &tmp, fml_num_const(1));
			continue;
		}
		const fml_node *nd = &t->nodes[v[i].first];
		size_t s, e;
		range_text(t, v[i].first, v[i].stop, &s, &e);
		int groups = 1;
		for (int k = v[i].first; k >= 0 && k != v[i].stop; k = t->nodes[k].next)
			if (t->nodes[k].type != FN_GROUP && t->nodes[k].type != FN_CHARGE)
				groups = 0;
		if (groups && !tmp.has_metal) {
			/* "(C≡CBu)9-(tfa)4": ligands on both sides of a stray hyphen */
			merge(out, &tmp, fml_num_const(1));
			continue;
		}
		if (depth == 0 && single_node(t, &v[i]) && nd->type == FN_WORD && !nd->abbrev &&
		    lower_run(t->s + s, name_end(nd) - s) >= 2 &&
		    !fml_is_known_ligand(t->s + s, name_end(nd) - s))
			return -1; /* "Wiley-VCH": a word, not a part of a formula */
		int ligand = single_node(t, &v[i]) &&
			     ((nd->type == FN_ELEM && !fml_elements[nd->z].metal) ||
			      (nd->type == FN_WORD &&
			       fml_is_known_ligand(t->s + s, name_end(nd) - s)));
		if (ligand) {
			lig_add(out->d.ligs, &out->d.n_ligs, FML_MAX_LIGS, t->s + s, name_end(nd) - s,
				count_of(nd), nd->type == FN_ELEM ? nd->z : 0, 0, &out->overflow);
			out->has_lig = 1;
		} else
			support_append(&out->d, t->s + s, e - s);
	}
	if (!out->has_metal) {
		/* no metal anywhere: keep the first piece as what this is */
		return piece(t, v[0].first, v[0].stop, in_group, out, depth);
	}
	return 0;
}

static int dot_level(const fml_tree *t, int first, int stop, int in_group, part *out, int depth)
{
	seg v[16];
	int n = split(t, first, stop, '.', v, 16);
	if (n < 0)
		return -1;
	if (n == 1 && fml_num_is_const(v[0].mult) && v[0].mult.c == 1.0)
		return hyphen_level(t, v[0].first, v[0].stop, in_group, out, depth);
	part_clear(out);
	out->d.ligs_complete = 1;
	part tmp;
	for (int i = 0; i < n; i++) {
		if (hyphen_level(t, v[i].first, v[i].stop, 1, &tmp, depth) < 0)
			return -1;
		merge(out, &tmp, v[i].mult);
	}
	return 0;
}

static int at_level(const fml_tree *t, int first, int stop, int in_group, part *out, int depth)
{
	seg v[16];
	int n = split(t, first, stop, '@', v, 16);
	if (n < 0)
		return -1;
	if (n == 1)
		return dot_level(t, v[0].first, v[0].stop, in_group, out, depth);
	part_clear(out);
	out->d.ligs_complete = 1;
	part tmp;
	for (int i = 0; i < n; i++) {
		if (dot_level(t, v[i].first, v[i].stop, in_group, &tmp, depth) < 0)
			return -1;
		if (tmp.has_metal && !tmp.support_like) {
			merge(out, &tmp, fml_num_const(1));
			continue;
		}
		size_t s, e;
		range_text(t, v[i].first, v[i].stop, &s, &e);
		if (fml_is_known_ligand(t->s + s, e - s)) {
			lig_add(out->d.ligs, &out->d.n_ligs, FML_MAX_LIGS, t->s + s, e - s,
				fml_num_const(1), 0, 0, &out->overflow);
			out->has_lig = 1;
		} else
			support_append(&out->d, t->s + s, e - s);
	}
	if (!out->has_metal)
		return -1; /* core and shell are metal: "H2@O" is not a formula */
	return 0;
}

static int composite(const fml_tree *t, int first, int stop, part *out, int depth)
{
	/* no separator at all (most formulas): each level below would find one
	 * segment, [first, stop), with a multiplier of 1, and hand it down to piece */
	int seps = 0;
	for (int k = first; k >= 0 && k != stop && !seps; k = t->nodes[k].next)
		seps = t->nodes[k].type == FN_SEP;
	if (!seps)
		return first >= 0 && first != stop ? piece(t, first, stop, depth > 0, out, depth) : -1;
	seg v[8];
	int n = split(t, first, stop, '/', v, 8);
	if (n <= 0)
		return -1;
	int in_group = depth > 0;
	if (n == 1)
		return at_level(t, v[0].first, v[0].stop, in_group, out, depth);
	part tmp;
	int chosen = -1, rank = -1;
	for (int i = 0; i < n; i++) {
		const fml_node *nd = &t->nodes[v[i].first];
		if (depth == 0 && single_node(t, &v[i]) && nd->type == FN_WORD && !nd->abbrev &&
		    lower_run(t->s + nd->start, name_end(nd) - nd->start) >= 2 &&
		    !fml_is_known_ligand(t->s + nd->start, name_end(nd) - nd->start))
			return -1; /* "(PU)/reduced", "PVP/Chitosan": words */
		if (at_level(t, v[i].first, v[i].stop, in_group, &tmp, depth) < 0)
			return -1;
		int r = tmp.has_metal && !tmp.support_like ? 2 : tmp.has_metal ? 1 : 0;
		if (r > rank) {
			part_copy(out, &tmp);
			chosen = i;
			rank = r;
		}
	}
	/* the support as written: the other parts, around what the cluster part carried */
	char inner[sizeof out->d.support];
	memcpy(inner, out->d.support, sizeof inner);
	out->d.support[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i == chosen) {
			if (inner[0])
				support_append(&out->d, inner, strlen(inner));
			continue;
		}
		size_t s, e;
		range_text(t, v[i].first, v[i].stop, &s, &e);
		support_append(&out->d, t->s + s, e - s);
	}
	return 0;
}

/* ---- every atom, for the element count ---------------------------------------- */

static int formula_atoms(const char *f, fml_num mult, int minus_h, fml_desc *d, int *overflow)
{
	for (size_t i = 0; f[i];) {
		size_t n = (f[i + 1] >= 'a' && f[i + 1] <= 'z') ? 2 : 1;
		int z = fml_element_z(f + i, n);
		if (!z)
			return -1;
		i += n;
		double c = 0;
		int got = 0;
		while (f[i] >= '0' && f[i] <= '9') {
			c = c * 10 + (f[i++] - '0');
			got = 1;
		}
		atom_add(d->elems, &d->n_elems, FML_MAX_ATOMS, z, 0,
			 fml_num_mul(fml_num_const(got ? c : 1), mult), overflow);
	}
	if (minus_h)
		atom_add(d->elems, &d->n_elems, FML_MAX_ATOMS, 1, 0,
			 fml_num_mul(fml_num_const(-1), mult), overflow);
	return 0;
}

static int atoms_walk(const fml_tree *t, int first, fml_num mult, fml_desc *d, int *overflow)
{
	fml_num seg = fml_num_const(1);
	for (int k = first; k >= 0; k = t->nodes[k].next) {
		const fml_node *nd = &t->nodes[k];
		if (nd->type == FN_SEP) {
			seg = nd->sep == '.' ? nd->count : fml_num_const(1);
			continue;
		}
		fml_num m = fml_num_mul(fml_num_mul(mult, seg), count_of(nd));
		switch (nd->type) {
		case FN_ELEM:
			atom_add(d->elems, &d->n_elems, FML_MAX_ATOMS, nd->z, nd->a, m, overflow);
			break;
		case FN_WORD:
			if (!nd->abbrev || formula_atoms(nd->formula, m, nd->minus_h, d, overflow) < 0)
				return -1;
			break;
		case FN_GROUP:
			if (nd->child < 0 || atoms_walk(t, nd->child, m, d, overflow) < 0)
				return -1;
			break;
		case FN_PLACE:
			return -1;
		default:
			break;
		}
	}
	return 0;
}

static int kind_of(const part *p)
{
	const fml_desc *d = &p->d;
	if (!p->has_metal)
		return FK_MOLECULE;
	if (p->support_like)
		return FK_SUPPORT;
	double tm = 0;
	int variable = 0, unknown = 0, place = 0;
	for (int i = 0; i < d->n_metals; i++) {
		const fml_atom *a = &d->metals[i];
		if (a->z == 0)
			place = 1;
		if (a->n.st != FML_NUM_VAL) {
			unknown = 1;
			continue;
		}
		if (a->n.k != 0.0)
			variable = 1;
		/* alkali and alkaline-earth metals are counter-cations, not cluster atoms */
		int z = a->z;
		int ionic = z == 3 || z == 11 || z == 19 || z == 37 || z == 55 || z == 4 ||
			    z == 12 || z == 20 || z == 38 || z == 56;
		if (!ionic)
			tm += a->n.c;
	}
	if (place || variable)
		return FK_CLUSTER;
	if (!unknown && (tm >= 3 || (tm >= 2 && (p->organic || (!p->has_lig && p->n_nm == 0)))))
		return FK_CLUSTER;
	return FK_COMPOUND;
}

int fml_interpret(const fml_tree *t, fml_desc *d)
{
	part top;
	if (t->root < 0 || composite(t, t->root, -1, &top, 0) < 0)
		return -1;
	if (!top.has_metal && !t->strict)
		return -1; /* named things without metal: "SR", "H2Qz" */
	desc_copy(d, &top.d);
	d->malformed = t->malformed;
	d->kind = kind_of(&top);
	d->ligs_complete = !top.overflow;
	atoms_copy(d->lattice, top.nm, top.n_nm);
	d->n_lattice = top.n_nm;
	d->n_elems = 0;
	d->elems_known = 0;
	if (t->strict && !d->has_support) {
		int of = 0;
		fml_desc tmp;
		tmp.n_elems = 0;
		if (atoms_walk(t, t->root, fml_num_const(1), &tmp, &of) == 0 && !of) {
			atoms_copy(d->elems, tmp.elems, tmp.n_elems);
			d->n_elems = tmp.n_elems;
			d->elems_known = 1;
			for (int i = 0; i < d->n_elems; i++)
				if (d->elems[i].n.st != FML_NUM_VAL)
					d->elems_known = 0;
		}
	}
	if (!top.has_metal && d->n_elems == 0)
		return -1;
	return 0;
}
