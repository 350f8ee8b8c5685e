/* formula_elem.c - symbol and isotope lookups over the generated element table.
 * A 26x27 index from the symbol's letters to its atomic number is built on first
 * use (pthread_once, which thread sanitizers understand, unlike glibc's call_once)
 * so a lookup is two array reads. */
#include "formula_elem.h"
#include <pthread.h>

static unsigned char sym_index[26][27]; /* [first - 'A'][second - 'a' + 1, 0 = none] */
static pthread_once_t sym_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
	for (int z = 1; z <= FML_N_ELEMENTS; z++) {
		const char *s = fml_elements[z].sym;
		int b = s[1] ? s[1] - 'a' + 1 : 0;
		sym_index[s[0] - 'A'][b] = (unsigned char)z;
	}
}

int fml_element_z(const char *s, size_t n)
{
	if (n < 1 || n > 2 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	if (n == 2 && (s[1] < 'a' || s[1] > 'z'))
		return 0;
	(void)pthread_once(&sym_once, build_index);
	int z = sym_index[s[0] - 'A'][n == 2 ? s[1] - 'a' + 1 : 0];
	/* the superheavy elements never occur in a formula, and their symbols would
	 * make words of labels ("CNTs" is not C, N and tennessine) */
	return z > 103 ? 0 : z;
}

double fml_isotope_mass(int z, int a)
{
	for (size_t i = 0; i < fml_n_isotopes; i++)
		if (fml_isotopes[i].z == z && fml_isotopes[i].a == a)
			return fml_isotopes[i].mass;
	return -1.0;
}
