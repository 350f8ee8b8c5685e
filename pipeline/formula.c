/* formula.c - placeholder until the formula parser lands. */
#include <litx/formula.h>

json_t *litx_formula_describe(const char *s, size_t len)
{
	(void)s; (void)len;
	return NULL;
}

size_t litx_formula_canonical(const char *s, size_t len, char *buf, size_t cap)
{
	(void)s; (void)len;
	if (cap)
		buf[0] = '\0';
	return 0;
}
