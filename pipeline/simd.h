/* simd.h - sixteen bytes at a time, where SSE2 is (every x86-64). The scans of
 * long texts (digits for years and numbers, URL leads, word ends) ask of each
 * block which bytes are one of a few values or in an ASCII range; these answer
 * with one bit per byte. Without SSE2 (or a GNU-compatible compiler for the bit
 * count), LITX_SSE2 is undefined and callers keep only their byte loops. */
#ifndef LITX_SIMD_H
#define LITX_SIMD_H
#include <stddef.h>

#if defined(__SSE2__) && defined(__GNUC__)
#define LITX_SSE2 1
#include <emmintrin.h>

static inline __m128i simd_load(const void *p)
{
	return _mm_loadu_si128((const __m128i *)p);
}

/* The bytes of v equal to c. */
static inline unsigned simd_eq(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/* The bytes of v from lo to hi, both ASCII (signed compares: bytes from 0x80
 * are negative, never in an ASCII range). */
static inline unsigned simd_range(__m128i v, char lo, char hi)
{
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
							 _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1)))));
}

/* The bytes of v from 0x80 (not ASCII). */
static inline unsigned simd_high(__m128i v)
{
	return (unsigned)_mm_movemask_epi8(v);
}

/* The bytes of v below the ASCII c as signed bytes: the control bytes, and every
 * byte from 0x80 as well. */
static inline unsigned simd_below(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(c)));
}

/* The offset of the first byte a non-zero mask marks. */
static inline size_t simd_first(unsigned mask)
{
	return (size_t)__builtin_ctz(mask);
}
#endif

/* The first byte of s[i, end) from lo to hi (both ASCII), end when none. */
static inline size_t simd_find_range(const char *s, size_t i, size_t end, char lo, char hi)
{
#ifdef LITX_SSE2
	for (; i + 16 <= end; i += 16) {
		unsigned m = simd_range(simd_load(s + i), lo, hi);
		if (m)
			return i + simd_first(m);
	}
#endif
	while (i < end && (unsigned char)((unsigned char)s[i] - (unsigned char)lo) > (unsigned char)(hi - lo))
		i++;
	return i;
}
#endif
