/*
 * litx/pattern.h - PCRE2 patterns the way every litx extractor needs them: UTF-8,
 * JIT where the CPU has it, an error message that names the pattern's position,
 * and a match context whose limits stop any input from making a pattern run away.
 *
 * Ownership: the caller frees what these return (pcre2_code_free,
 * pcre2_match_context_free). Compile once per thread (in a plugin's init), never
 * per match.
 */
#ifndef LITX_PATTERN_H
#define LITX_PATTERN_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <stddef.h>
#include <stdint.h>
#include <pcre2.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Work one match may do before it gives up (PCRE2_ERROR_MATCHLIMIT /
 * PCRE2_ERROR_DEPTHLIMIT): far above what any sentence needs. */
#define LITX_PATTERN_MATCH_LIMIT 200000u
#define LITX_PATTERN_DEPTH_LIMIT 2000u

/* Compile `pattern` with PCRE2_UTF | options, then JIT it (without JIT the
 * interpreter gives the same matches). NULL with a message in err on error. */
pcre2_code *litx_pattern_compile(const char *pattern, uint32_t options, char *err, size_t cap);

/* A match context with the limits above; NULL when out of memory. */
pcre2_match_context *litx_pattern_context(void);

#ifdef __cplusplus
}
#endif
#endif
