/* swar.h - eight bytes at a time. The scans of long texts (JSON escaping, the
 * byte checks of a text file, sentence stops) ask of each word whether any of
 * its bytes is one of a few values; these answer with the top bit of each such
 * byte set (exact as to whether any is: a borrow can only mark bytes above a
 * true hit). */
#ifndef LITX_SWAR_H
#define LITX_SWAR_H
#include <stdint.h>
#include <string.h>

#define SWAR_ONES UINT64_C(0x0101010101010101)
#define SWAR_HIGH UINT64_C(0x8080808080808080)

static inline uint64_t swar_load(const void *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* Bytes of w equal to c. */
static inline uint64_t swar_eq(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (SWAR_ONES * c);
	return (x - SWAR_ONES) & ~x & SWAR_HIGH;
}

/* Bytes of w below c (c at most 0x80). */
static inline uint64_t swar_below(uint64_t w, unsigned char c)
{
	return (w - SWAR_ONES * c) & ~w & SWAR_HIGH;
}

/* Bytes of w beyond ASCII. */
static inline uint64_t swar_high(uint64_t w)
{
	return w & SWAR_HIGH;
}
#endif
