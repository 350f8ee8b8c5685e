/* unichar.c - UTF-8 and the character classes of the shared normalization rules
 * (see unichar.h). The decoder is the strict one of RFC 3629 because it is also
 * the validator of text input: a reader never meets a sequence it would decode
 * differently from the check that let the file in. */
#include "unichar.h"
#include <string.h>
#include <litx/doc.h>

uint32_t unichar_decode(const unsigned char *p, size_t n, size_t *k)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t cp;
	if (c < 0x80) {
		*k = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
	else { *k = 0; return 0; }
	if (n < len) {
		*k = 0;
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*k = 0;
			return 0;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
		*k = 0;
		return 0;
	}
	*k = len;
	return cp;
}

size_t unichar_encode(uint32_t cp, char *o)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int unichar_script(uint32_t cp, char *a)
{
	/* U+2070..U+207F and U+2080..U+209C by offset; "\0" marks a hole */
	static const char sup[] = "0i\0\0" "456789+-=()n";
	static const char sub[] = "0123456789+-=()\0aeoxehklmnpst";
	if (cp == 0xB9) { *a = '1'; return LITX_SPAN_SUP; }
	if (cp == 0xB2) { *a = '2'; return LITX_SPAN_SUP; }
	if (cp == 0xB3) { *a = '3'; return LITX_SPAN_SUP; }
	if (cp >= 0x2070 && cp <= 0x207F && sup[cp - 0x2070]) {
		*a = sup[cp - 0x2070];
		return LITX_SPAN_SUP;
	}
	if (cp >= 0x2080 && cp <= 0x209C && sub[cp - 0x2080] && cp != 0x2094) {
		*a = sub[cp - 0x2080];
		return LITX_SPAN_SUB;
	}
	switch (cp) {
	case 0x1D62: *a = 'i'; return LITX_SPAN_SUB;
	case 0x1D63: *a = 'r'; return LITX_SPAN_SUB;
	case 0x1D64: *a = 'u'; return LITX_SPAN_SUB;
	case 0x1D65: *a = 'v'; return LITX_SPAN_SUB;
	case 0x2C7C: *a = 'j'; return LITX_SPAN_SUB;
	case 0x1D43: *a = 'a'; return LITX_SPAN_SUP;
	case 0x1D47: *a = 'b'; return LITX_SPAN_SUP;
	case 0x1D9C: *a = 'c'; return LITX_SPAN_SUP;
	case 0x1D48: *a = 'd'; return LITX_SPAN_SUP;
	case 0x1D49: *a = 'e'; return LITX_SPAN_SUP;
	case 0x1DA0: *a = 'f'; return LITX_SPAN_SUP;
	case 0x1D4D: *a = 'g'; return LITX_SPAN_SUP;
	case 0x02B0: *a = 'h'; return LITX_SPAN_SUP;
	case 0x1D4F: *a = 'k'; return LITX_SPAN_SUP;
	case 0x02E1: *a = 'l'; return LITX_SPAN_SUP;
	case 0x1D50: *a = 'm'; return LITX_SPAN_SUP;
	case 0x1D52: *a = 'o'; return LITX_SPAN_SUP;
	case 0x1D56: *a = 'p'; return LITX_SPAN_SUP;
	case 0x02B3: *a = 'r'; return LITX_SPAN_SUP;
	case 0x02E2: *a = 's'; return LITX_SPAN_SUP;
	case 0x1D57: *a = 't'; return LITX_SPAN_SUP;
	case 0x1D58: *a = 'u'; return LITX_SPAN_SUP;
	case 0x1D5B: *a = 'v'; return LITX_SPAN_SUP;
	case 0x02E3: *a = 'x'; return LITX_SPAN_SUP;
	case 0x02B8: *a = 'y'; return LITX_SPAN_SUP;
	}
	return 0;
}

int unichar_is_space(uint32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0x1680 || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
}

int unichar_is_dropped(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
	       cp == 0xFEFF || cp == 0xAD;
}

size_t unichar_clip(const char *s, size_t n)
{
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

char *unichar_repair(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		if ((unsigned char)s[i] >= 0x80)
			unichar_decode((const unsigned char *)s + i, n - i, &k);
		if (!k) {
			s[i] = '?';
			k = 1;
		}
		i += k;
	}
	return s;
}
