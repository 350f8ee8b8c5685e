/* formula_abbrev.c - tables of names that appear inside formulas without being
 * element symbols. Kept small and explicit: each entry is a convention chemists
 * share (IUPAC group abbreviations, the 20 amino-acid residues, the ligands of
 * atomically precise metal clusters), so a formula can be expanded into atoms and
 * its superatom electrons counted. Anything not listed is kept as a named ligand
 * and makes the element count (and, where it matters, the electron count) unknown. */
#include "formula_abbrev.h"
#include <pthread.h>
#include <string.h>
#include <strings.h>

/* Groups that stand for atoms inside a formula; longest match wins against an
 * element symbol of the same start (Cys over C, Ph over P), an element wins a tie
 * (Pr is praseodymium, Ac actinium). */
static const fml_abbrev groups[] = {
	{ "Ph", "C6H5" }, { "Me", "CH3" }, { "Et", "C2H5" }, { "Bu", "C4H9" },
	{ "tBu", "C4H9" }, { "Tbu", "C4H9" }, { "nBu", "C4H9" }, { "iPr", "C3H7" },
	{ "OiPr", "OC3H7" }, { "Bn", "C7H7" }, { "Cy", "C6H11" }, { "Ad", "C10H15" },
	{ "Adm", "C10H15" }, { "Py", "C5H4N" }, { "Bpy", "C10H8N2" }, { "Cp", "C5H5" },
	{ "OAc", "C2H3O2" }, { "Tol", "C7H7" }, { "Mes", "C9H11" }, { "Trt", "C19H15" },
	/* amino-acid residues (the amino acid less H2O), as peptide formulas use them */
	{ "Gly", "C2H3NO" }, { "Ala", "C3H5NO" }, { "Ser", "C3H5NO2" }, { "Pro", "C5H7NO" },
	{ "Val", "C5H9NO" }, { "Thr", "C4H7NO2" }, { "Cys", "C3H5NOS" }, { "Leu", "C6H11NO" },
	{ "Ile", "C6H11NO" }, { "Asn", "C4H6N2O2" }, { "Asp", "C4H5NO3" },
	{ "Gln", "C5H8N2O2" }, { "Lys", "C6H12N2O" }, { "Glu", "C5H7NO3" },
	{ "Met", "C5H9NOS" }, { "His", "C6H7N3O" }, { "Phe", "C9H9NO" },
	{ "Arg", "C6H12N4O" }, { "Tyr", "C9H9NO2" }, { "Trp", "C11H10N2O" },
	/* lowercase ligand names with a settled formula */
	{ "dppf", "C34H28FeP2" }, { "dppm", "C25H22P2" }, { "dppe", "C26H24P2" },
	{ "dppp", "C27H26P2" }, { "dppy", "C17H14NP" }, { "bpy", "C10H8N2" },
	{ "py", "C5H5N" }, { "phen", "C12H8N2" }, { "tht", "C4H8S" },
};

#define N_RESIDUE_FIRST 20 /* index of Gly */
#define N_RESIDUE_LAST 39  /* index of Trp */

typedef struct lig_class {
	const char *name;
	int electrons;
} lig_class;

/* Ligands of metal clusters by name (compared case-insensitively, hyphens ignored). */
static const lig_class ligands[] = {
	/* thiolates and selenolates: one electron each */
	{ "SR", 1 }, { "SAdm", 1 }, { "TBBT", 1 }, { "PET", 1 }, { "SG", 1 }, { "GS", 1 },
	{ "GSH", 1 }, { "Capt", 1 }, { "Cys", 1 }, { "MBA", 1 }, { "pMBA", 1 }, { "MBT", 1 },
	{ "pMBT", 1 }, { "DMBT", 1 }, { "2,4DMBT", 1 }, { "CHT", 1 }, { "CHM", 1 },
	{ "StBu", 1 }, { "CPT", 1 }, { "C6", 1 }, { "FTP", 1 }, { "SPy", 1 }, { "DMT", 1 },
	{ "TBBM", 1 }, { "SePh", 1 }, { "SeR", 1 }, { "PhS", 1 }, { "RS", 1 },
	/* alkynyls and carboxylates */
	{ "DMPA", 1 }, { "tfa", 1 }, { "OAc", 1 }, { "CF3COO", 1 }, { "CH3COO", 1 },
	/* halides, hydride, a halide placeholder */
	{ "Cl", 1 }, { "Br", 1 }, { "I", 1 }, { "F", 1 }, { "H", 1 }, { "X", 1 },
	/* dithiolates and bridging chalcogenides */
	{ "PDT", 2 }, { "BDT", 2 }, { "SSR", 2 }, { "TDT", 2 }, { "S", 2 }, { "Se", 2 },
	{ "O", 2 },
	/* neutral two-electron donors */
	{ "PPh3", 0 }, { "Ph3P", 0 }, { "PR3", 0 }, { "pph", 0 }, { "dppf", 0 }, { "dppm", 0 },
	{ "dppe", 0 }, { "dppp", 0 }, { "dppy", 0 }, { "PPh2Py", 0 }, { "CO", 0 }, { "py", 0 },
	{ "bpy", 0 }, { "phen", 0 }, { "tht", 0 }, { "NHC", 0 }, { "DMF", 0 }, { "MeCN", 0 },
	{ "CH3OH", 0 }, { "H2O", 0 }, { "NH3", 0 },
};

#define N_GROUPS (sizeof groups / sizeof *groups)
#define MAX_SAME_FIRST 12

/* The groups by their first letter, in table order, with their name lengths: the
 * parser asks at every letter of every formula, and most letters start no name
 * or only a few. Built once per process, with the ligand names' lengths. */
static struct {
	unsigned char n; /* groups starting with this byte; MAX_SAME_FIRST + 1: too many */
	unsigned char idx[MAX_SAME_FIRST];
} by_first[256];
static unsigned char name_len[N_GROUPS];
#define N_LIGANDS (sizeof ligands / sizeof *ligands)
static size_t lig_len[N_LIGANDS]; /* strlen of each ligand name */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void tables_build(void)
{
	for (size_t i = 0; i < N_LIGANDS; i++)
		lig_len[i] = strlen(ligands[i].name);
	for (size_t i = 0; i < N_GROUPS; i++) {
		unsigned char c = (unsigned char)groups[i].name[0];
		name_len[i] = (unsigned char)strlen(groups[i].name);
		if (by_first[c].n < MAX_SAME_FIRST)
			by_first[c].idx[by_first[c].n] = (unsigned char)i;
		if (by_first[c].n <= MAX_SAME_FIRST)
			by_first[c].n++;
	}
}

const fml_abbrev *fml_abbrev_match(const char *s, size_t n, size_t *len, int *minus_h)
{
	const fml_abbrev *best = NULL;
	size_t bl = 0;
	*minus_h = 0;
	if (n == 0)
		return NULL;
	pthread_once(&tables_once, tables_build);
	unsigned char c0 = (unsigned char)s[0];
	/* (a table edited past the index's room: every group is tried) */
	int all = by_first[c0].n > MAX_SAME_FIRST;
	size_t cand = all ? N_GROUPS : by_first[c0].n;
	for (size_t j = 0; j < cand; j++) {
		size_t i = all ? j : by_first[c0].idx[j];
		if (groups[i].name[0] != s[0])
			continue;
		size_t k = name_len[i];
		if (k > n || k <= bl || (k > 1 && groups[i].name[1] != s[1]) ||
		    memcmp(s, groups[i].name, k) != 0)
			continue;
		/* a name must not run on into more lowercase letters ("Pho" is not Ph+o),
		 * except a residue's 'p' (protected: one H less) */
		int mh = 0;
		if (k < n && s[k] >= 'a' && s[k] <= 'z') {
			if (i >= N_RESIDUE_FIRST && i <= N_RESIDUE_LAST && s[k] == 'p' &&
			    (k + 1 == n || !(s[k + 1] >= 'a' && s[k + 1] <= 'z')))
				mh = 1;
			else
				continue;
		}
		best = &groups[i];
		bl = k;
		*minus_h = mh;
	}
	if (best)
		*len = bl + (size_t)*minus_h;
	return best;
}

/* name without hyphens, spaces and a leading hyphen, into buf; returns its length */
static size_t squash(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++)
		if (s[i] != '-' && s[i] != ' ')
			buf[k++] = s[i];
	buf[k] = '\0';
	return k;
}

static const lig_class *lig_find(const char *s, size_t n)
{
	char b[64];
	size_t k = squash(s, n, b, sizeof b);
	if (k == 0 || k >= sizeof b - 1)
		return NULL;
	pthread_once(&tables_once, tables_build);
	for (size_t i = 0; i < N_LIGANDS; i++) {
		/* case matters for one- and two-letter names (Cl, S, O, H) */
		const char *nm = ligands[i].name;
		if (lig_len[i] != k)
			continue;
		if (k <= 2 ? memcmp(nm, b, k) == 0 : strncasecmp(nm, b, k) == 0)
			return &ligands[i];
	}
	return NULL;
}

int fml_is_known_ligand(const char *name, size_t n)
{
	return lig_find(name, n) != NULL;
}

static int contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

int fml_ligand_electrons(const char *name, size_t n)
{
	while (n && (*name == '-' || *name == ' ')) {
		name++;
		n--;
	}
	const lig_class *c = lig_find(name, n);
	if (c)
		return c->electrons;
	if (n == 0)
		return -1;
	/* alkynyls: C≡CR, tBuC≡C, PhC≡C */
	if (contains(name, n, "C\xE2\x89\xA1" "C"))
		return 1;
	/* carboxylates */
	if (n > 3 && memcmp(name + n - 3, "COO", 3) == 0)
		return 1;
	/* thiolates S-R and selenolates Se-R: "SC2H4Ph", "SCH2Ph", "S-tBu", "SPhMe2",
	 * "SePh"; not "Sn..." or "Sb..." (elements) */
	if (name[0] == 'S' && n >= 2) {
		char c1 = name[1];
		if (c1 == '-' || c1 == '\'' || (c1 >= 'A' && c1 <= 'Z'))
			return 1;
		if (n >= 4 && memcmp(name + 1, "\xE2\x80\xB2", 3) == 0) /* S′-Bu */
			return 1;
		if (c1 == 'e' && n >= 3 && ((name[2] >= 'A' && name[2] <= 'Z') || name[2] == '-'))
			return 1;
	}
	/* phosphines: PPh3, PPh2Py, P(Ph-F)3, PR3, (p-FPh)3P, Ph3P */
	if (name[0] == 'P' && n >= 2 && (name[1] == 'P' || name[1] == 'R' || name[1] == '('))
		return 0;
	if (n >= 2 && name[n - 1] == 'P' && name[n - 2] >= '0' && name[n - 2] <= '9')
		return 0;
	/* diphosphines dppm, DPPM, Dppm, dppf, ... */
	if (n >= 4 && strncasecmp(name, "dpp", 3) == 0)
		return 0;
	return -1;
}

typedef struct ion {
	const char *name;
	int charge;
} ion;

static const ion ions[] = {
	{ "BF4", -1 }, { "PF6", -1 }, { "SbF6", -1 }, { "BPh4", -1 }, { "ClO4", -1 },
	{ "NO3", -1 }, { "OTf", -1 }, { "CF3SO3", -1 }, { "Cl", -1 }, { "Br", -1 },
	{ "I", -1 }, { "F", -1 }, { "OH", -1 }, { "PPh4", 1 }, { "TOA", 1 }, { "TBA", 1 },
	{ "TMA", 1 }, { "Na", 1 }, { "K", 1 }, { "Cs", 1 }, { "Li", 1 }, { "NBu4", 1 },
	{ "N(C8H17)4", 1 }, { "N(C4H9)4", 1 }, { "SO4", -2 },
};

int fml_counter_ion_charge(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof ions / sizeof *ions; i++)
		if (strlen(ions[i].name) == n && memcmp(ions[i].name, name, n) == 0)
			return ions[i].charge;
	return 0;
}

size_t fml_label_suffix(const char *s, size_t n)
{
	/* plural labels only: "NC" and "NP" would eat real atoms ("C17H14NP") */
	static const char *const labels[] = { "NCs", "NPs", "SAs", "SACs", "NWs", "NRs", "NSs",
		"QDs" };
	if (n == 0 || s[n - 1] != 's')
		return 0; /* every label is a plural, asked about at every run of letters */
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		size_t k = strlen(labels[i]);
		if (k <= n && memcmp(s + n - k, labels[i], k) == 0)
			return k;
	}
	return 0;
}
