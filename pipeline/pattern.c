/* pattern.c - see litx/pattern.h: one place that decides how litx compiles and
 * bounds its regular expressions. */
#include <litx/pattern.h>
#include <stdio.h>

pcre2_code *litx_pattern_compile(const char *pattern, uint32_t options, char *err, size_t cap)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | options,
				       &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		if (cap)
			snprintf(err, cap, "pattern error at offset %zu: %s (pattern starts \"%.40s\")",
				 (size_t)eo, (const char *)msg, pattern);
		return NULL;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

pcre2_match_context *litx_pattern_context(void)
{
	pcre2_match_context *m = pcre2_match_context_create(NULL);
	if (m) {
		pcre2_set_match_limit(m, LITX_PATTERN_MATCH_LIMIT);
		pcre2_set_depth_limit(m, LITX_PATTERN_DEPTH_LIMIT);
	}
	return m;
}
