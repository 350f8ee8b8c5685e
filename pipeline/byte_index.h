/* byte_index.h - tables of words indexed by their first byte. A few fixed
 * lists (unit atoms, abbreviations, month and locator words) are looked up at
 * every word of a text; walking a whole list per word was a large share of their
 * callers' time, so each list is sorted once, per process, into buckets by first
 * byte: entries with first byte k sit at at[start[k] .. start[k + 1]). */
#ifndef LITX_BYTE_INDEX_H
#define LITX_BYTE_INDEX_H
#include <stddef.h>
#include <stdint.h>

/* From count[k] (the number of entries with first byte k; fewer than 256 in
 * all), fill start[0..256] and set fill[k] = start[k]: the next free slot of each
 * bucket, so the caller places entry i at at[fill[key(i)]++], keeping list
 * order within a bucket. */
static inline void byte_index_starts(const size_t count[256], uint8_t start[257],
				     size_t fill[256])
{
	size_t at = 0;
	for (size_t k = 0; k < 256; k++) {
		start[k] = (uint8_t)at;
		fill[k] = at;
		at += count[k];
	}
	start[256] = (uint8_t)at;
}

#endif
