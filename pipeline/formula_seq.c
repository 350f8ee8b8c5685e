/* formula_seq.c - molmass's sequence notations, "peptide(CPK)", "dna(CGCG)",
 * "rna(...)", "dsdna(...)", "dsrna(...)": rewritten into the plain formula they stand
 * for (one residue group per letter, plus water per strand) and parsed as such.
 * Only the explicit prefixes are read: a bare capital string ("WQ", "HER") is never
 * taken for a sequence. */
#include "formula_int.h"
#include <string.h>

static const char *amino(char c)
{
	static const char *const tab[26] = {
		['A' - 'A'] = "C3H5NO", ['R' - 'A'] = "C6H12N4O", ['N' - 'A'] = "C4H6N2O2",
		['D' - 'A'] = "C4H5NO3", ['C' - 'A'] = "C3H5NOS", ['E' - 'A'] = "C5H7NO3",
		['Q' - 'A'] = "C5H8N2O2", ['G' - 'A'] = "C2H3NO", ['H' - 'A'] = "C6H7N3O",
		['I' - 'A'] = "C6H11NO", ['L' - 'A'] = "C6H11NO", ['K' - 'A'] = "C6H12N2O",
		['M' - 'A'] = "C5H9NOS", ['F' - 'A'] = "C9H9NO", ['P' - 'A'] = "C5H7NO",
		['S' - 'A'] = "C3H5NO2", ['T' - 'A'] = "C4H7NO2", ['W' - 'A'] = "C11H10N2O",
		['Y' - 'A'] = "C9H9NO2", ['V' - 'A'] = "C5H9NO",
	};
	return c >= 'A' && c <= 'Z' ? tab[c - 'A'] : NULL;
}

static const char *nucleotide(char c, int rna)
{
	switch (c) {
	case 'A': return rna ? "C10H12N5O6P" : "C10H12N5O5P";
	case 'C': return rna ? "C9H12N3O7P" : "C9H12N3O6P";
	case 'G': return rna ? "C10H12N5O7P" : "C10H12N5O6P";
	case 'T': return rna ? NULL : "C10H13N2O7P";
	case 'U': return rna ? "C9H11N2O8P" : NULL;
	default: return NULL;
	}
}

static char complement(char c, int rna)
{
	switch (c) {
	case 'A': return rna ? 'U' : 'T';
	case 'T': case 'U': return 'A';
	case 'C': return 'G';
	case 'G': return 'C';
	default: return 0;
	}
}

static int put(char *out, size_t cap, size_t *k, const char *s)
{
	size_t n = strlen(s);
	if (*k + n + 1 > cap)
		return -1;
	memcpy(out + *k, s, n);
	*k += n;
	out[*k] = '\0';
	return 0;
}

size_t fml_sequence_formula(const char *s, size_t len, char *out, size_t cap)
{
	static const struct { const char *p; int kind, rna, ds; } pre[] = {
		{ "peptide(", 1, 0, 0 }, { "dna(", 2, 0, 0 }, { "ssdna(", 2, 0, 0 },
		{ "dsdna(", 2, 0, 1 }, { "rna(", 2, 1, 0 }, { "ssrna(", 2, 1, 0 },
		{ "dsrna(", 2, 1, 1 },
	};
	/* every notation ends with its bracket: most strings are refused here */
	if (len < 2 || s[len - 1] != ')')
		return 0;
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
		size_t pl = strlen(pre[i].p);
		if (len <= pl + 1 || memcmp(s, pre[i].p, pl) != 0 || s[len - 1] != ')')
			continue;
		const char *q = s + pl;
		size_t n = len - pl - 1;
		size_t k = 0;
		out[0] = '\0';
		for (int strand = 0; strand <= pre[i].ds; strand++) {
			for (size_t j = 0; j < n; j++) {
				char c = q[j];
				if (strand)
					c = complement(c, pre[i].rna);
				const char *f = pre[i].kind == 1 ? amino(c) : nucleotide(c, pre[i].rna);
				if (!f || put(out, cap, &k, "(") || put(out, cap, &k, f) ||
				    put(out, cap, &k, ")"))
					return 0;
			}
			if (put(out, cap, &k, "H2O"))
				return 0;
		}
		return k;
	}
	return 0;
}
