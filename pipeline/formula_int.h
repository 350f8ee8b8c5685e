/* formula_int.h - the formula parser's insides, shared by its files and its tests.
 *
 * A formula is read in two steps. formula_parse.c turns the text into a small tree
 * (elements with counts, bracket groups with multipliers and charges, named ligands,
 * separators such as '/', '@', '-' and hydrate dots) held in a fixed pool, so
 * parsing allocates nothing. formula_interp.c then reads the tree the way a cluster
 * chemist does: which atoms are the metal core, which groups are ligands, which are
 * counter-ions or a support, what the charge is. formula.c turns that into JSON and
 * the canonical spelling. */
#ifndef LITX_FORMULA_INT_H
#define LITX_FORMULA_INT_H
#include <stddef.h>
#include <jansson.h>

#define FML_MAX_INPUT 1024
#define FML_MAX_NODES 256
#define FML_MAX_ATOMS 24
#define FML_MAX_LIGS 16
#define FML_MAX_IONS 8

/* A count: c + k * var (var a lowercase letter, k == 0 for a plain number), or
 * unspecified ("AuPd": no count written), or not representable. */
enum { FML_NUM_VAL = 0, FML_NUM_NULL, FML_NUM_BAD };
typedef struct fml_num {
	double c, k;
	char var;
	unsigned char st;
} fml_num;

fml_num fml_num_const(double c);
fml_num fml_num_add(fml_num a, fml_num b);
fml_num fml_num_mul(fml_num a, fml_num b);
int fml_num_is_const(fml_num a);
/* "24", "0.4", "25-x", "x", "12+x"; "" for unspecified. Returns the length. */
size_t fml_num_format(fml_num a, char *buf, size_t cap);

enum fml_node_type { FN_ELEM = 1, FN_PLACE, FN_WORD, FN_GROUP, FN_SEP, FN_CHARGE };

typedef struct fml_node {
	unsigned char type;
	char sep;            /* FN_SEP: '/', '@', '-', '.' (hydrate/adduct) */
	char open;           /* FN_GROUP: '(', '[', '{'; 0 for a group made of a stray ']' */
	unsigned char closed;
	unsigned char has_count; /* a count or multiplier was written */
	unsigned char has_charge;
	unsigned char polymer;   /* a group with a letter multiplier: a repeat unit */
	int z, a;            /* FN_ELEM: atomic number, isotope mass number (0 natural) */
	int abbrev;          /* FN_WORD: 1 when it is a group abbreviation with atoms */
	const char *formula; /* FN_WORD abbreviation: its atoms ("C6H5") */
	int minus_h;         /* FN_WORD abbreviation: one H less (a protected residue) */
	fml_num count;       /* count, group multiplier, hydrate multiplier of FN_SEP */
	int charge;          /* FN_GROUP with has_charge, FN_CHARGE */
	size_t start, end;   /* the node's text in the parser's buffer, count included */
	size_t nend;         /* FN_WORD, FN_ELEM: end of the name, before its count */
	size_t cstart, cend; /* FN_GROUP: its content */
	int child, next;     /* first child (groups), next sibling; -1 for none */
} fml_node;

typedef struct fml_tree {
	char s[FML_MAX_INPUT + 1]; /* the formula with white space removed, dots and
				      dashes mapped to ASCII ('.' '-'), NUL-terminated */
	size_t n;
	fml_node nodes[FML_MAX_NODES];
	int n_nodes;
	int root;            /* first top-level node */
	int malformed;       /* a bracket never closed, or a closer without an opener */
	int strict;          /* every name was an element or a known abbreviation */
	int words;           /* named ligands that are not chemistry (SR, TBBT) */
	int bare_var;        /* a letter count written without '_' ("Aun", "Tan") */
} fml_tree;

/* Parse s[0..len) into t. Returns 0, or -1 when it is not a formula. */
int fml_parse(const char *s, size_t len, fml_tree *t);

/* An atom (or the placeholder M, z == 0) with its count. */
typedef struct fml_atom {
	int z, a;
	fml_num n;
} fml_atom;

typedef struct fml_lig {
	char name[64];
	fml_num n;
	int z;               /* a single-element ligand (Cl, Br, H, S): its element */
	int charge;          /* counter-ions: the charge of one ion, 0 when unknown */
} fml_lig;

enum { FK_CLUSTER = 1, FK_COMPOUND, FK_MOLECULE, FK_SUPPORT };

/* The lists come first and are read only up to their counts: clearing or copying
 * a description (formula_interp.c) touches the lists' used entries and everything
 * from n_metals on, so a new field goes after n_metals unless it is such a list. */
typedef struct fml_desc {
	fml_atom metals[FML_MAX_ATOMS];
	fml_atom elems[FML_MAX_ATOMS]; /* every atom, when elems_known */
	fml_lig ligs[FML_MAX_LIGS];
	fml_lig ions[FML_MAX_IONS];
	fml_atom lattice[FML_MAX_ATOMS]; /* non-metal atoms of a compound's core (TiO2's O2) */
	int n_metals;
	int n_elems;
	int n_ligs;
	int n_ions;
	int n_lattice;
	int elems_known;
	int ligs_complete;    /* no ligand was dropped for want of room */
	int has_charge, charge;
	int bracketed;        /* the cluster was written inside [ ] */
	int has_support;
	int malformed;
	int kind;
	char support[128];
} fml_desc;

/* Read tree t as a formula. Returns 0, or -1 when it describes nothing. */
int fml_interpret(const fml_tree *t, fml_desc *d);

/* The plain formula for molmass's sequence notations ("peptide(CPK)", "dsrna(CCUU)")
 * into out; its length, or 0 when s is not one. */
size_t fml_sequence_formula(const char *s, size_t len, char *out, size_t cap);

/* litx_formula_describe, with `words` set also for capitals that spell element
 * symbols ("CH"): for strings known to be formulas, such as expected test values. */
json_t *fml_describe_opts(const char *s, size_t len, int words);

/* What litx_formula_describe(s, len) says, without making its JSON: the thread's
 * description, its metals in the order of "metals" and its ligands in the order of
 * "ligands" (the other lists as interpreted), valid until the thread's next call;
 * NULL when litx_formula_describe answers NULL (allocation failures aside). */
const fml_desc *fml_describe_sorted(const char *s, size_t len);

/* The key of atom a in "metals" and "elements": "Au", "[13C]", "M". */
void fml_atom_name(const fml_atom *a, char *buf, size_t cap);

/* Charge written at the end of s[0..len) in molmass's spellings ("X+", "X2-",
 * "[X]2+", "X_2-", "X-2", "X++", "X+-"); *body_len gets the length of what is
 * left, without one pair of brackets that wrapped all of it. */
int fml_split_charge(const char *s, size_t len, size_t *body_start, size_t *body_len);
#endif
