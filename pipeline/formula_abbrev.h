/* formula_abbrev.h - the names a formula may contain besides element symbols:
 * group abbreviations that stand for atoms (Ph, Me, tBu, Bpy, amino-acid residues),
 * what a ligand does to a superatom's electron count, the charges of common
 * counter-ions, and labels glued to a formula ("AuPdNCs"). Tables in formula_abbrev.c. */
#ifndef LITX_FORMULA_ABBREV_H
#define LITX_FORMULA_ABBREV_H
#include <stddef.h>

typedef struct fml_abbrev {
	const char *name;    /* as written, case-sensitive */
	const char *formula; /* plain element formula, e.g. "C6H5" */
} fml_abbrev;

/* The longest abbreviation starting at s[0..n), or NULL. *len gets its length. A
 * residue name followed by 'p' (molmass's protected residue) is accepted too and
 * reported through *minus_h = 1 (one H less). */
const fml_abbrev *fml_abbrev_match(const char *s, size_t n, size_t *len, int *minus_h);

/* Electrons a ligand takes from the metal core: 1 for X-type ligands (thiolates,
 * selenolates, alkynyls, halides, hydride, carboxylates), 2 for dithiolates and
 * bridging chalcogenides, 0 for L-type ligands (phosphines, CO, pyridines), -1 when
 * unknown. `name` is the ligand as written without a leading hyphen. */
int fml_ligand_electrons(const char *name, size_t n);

/* 1 when `name` is a ligand abbreviation litx knows (for "Au-SR", "Au1-xAgx@GSH"). */
int fml_is_known_ligand(const char *name, size_t n);

/* Charge of a counter-ion written without a charge (BF4 -> -1, PPh4 -> +1), or 0
 * when unknown. */
int fml_counter_ion_charge(const char *name, size_t n);

/* Length of a label word ("NCs", "NPs", "SAs") ending s[0..n), 0 if none. */
size_t fml_label_suffix(const char *s, size_t n);
#endif
