/* formula_elem.h - the periodic table as the formula parser needs it: symbols,
 * standard atomic weights, which elements count as metals, the superatom valence of
 * the metals whose contribution is settled, and the stable isotopes. The data are
 * generated (formula_elem_data.c); the lookups are in formula_elem.c. */
#ifndef LITX_FORMULA_ELEM_H
#define LITX_FORMULA_ELEM_H
#include <stddef.h>

#define FML_N_ELEMENTS 118
#define FML_NO_VALENCE (-128)

typedef struct fml_element {
	const char *sym;
	double mass;          /* standard atomic weight, g/mol */
	unsigned char metal;  /* 1 for metals (metalloids B Si Ge As Sb Te are not) */
	signed char valence;  /* free electrons given to a superatom; FML_NO_VALENCE */
	unsigned char dblock; /* groups 3-12 */
} fml_element;

typedef struct fml_isotope {
	int z, a;
	double mass;
} fml_isotope;

extern const fml_element fml_elements[FML_N_ELEMENTS + 1]; /* [0] is a blank */
extern const fml_isotope fml_isotopes[];
extern const size_t fml_n_isotopes;

/* Atomic number of the symbol s[0..n) (n is 1 or 2, case-sensitive), 0 if none. */
int fml_element_z(const char *s, size_t n);
/* Mass of the stable isotope a of element z, or a negative number when that isotope
 * is not stable (or does not exist). */
double fml_isotope_mass(int z, int a);
#endif
