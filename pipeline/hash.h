/* hash.h - the one string hash of the core and its plugins (FNV-1a, 64 bits):
 * small tables keyed by short strings (labels, lines, cells, formulas, fact keys),
 * where speed on a few bytes matters more than resistance to crafted collisions
 * (every table probes linearly and stays correct under collisions). */
#ifndef LITX_HASH_H
#define LITX_HASH_H
#include <stddef.h>
#include <stdint.h>

static inline uint64_t litx_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

#endif
