/* unichar.h - what the core knows about characters beyond ASCII: UTF-8 decoding
 * and encoding, and the classes of code points the shared normalization rules
 * treat specially (Unicode sub/superscripts, white space, invisible characters).
 * The text and JATS readers apply the same rules through these functions, so the
 * same article in two formats gives the same text; load.c validates text input
 * with the same decoder, so what passes the check decodes in the readers.
 *
 * Everything here is a pure function of its arguments: no state, no allocation.
 * Only the characters the rules name are listed (a fixed table, not utf8proc):
 * their meaning is the rule, not a Unicode property that could change. */
#ifndef LITX_UNICHAR_H
#define LITX_UNICHAR_H
#include <stddef.h>
#include <stdint.h>

/* Decode the UTF-8 sequence at p (n >= 1 bytes available). Returns the code
 * point and sets *k to the sequence's length (1 for ASCII); *k is 0 when the
 * bytes are not valid UTF-8: a stray continuation byte, a truncated sequence, an
 * overlong form, a surrogate or a code point past U+10FFFF. */
uint32_t unichar_decode(const unsigned char *p, size_t n, size_t *k);

/* Encode cp as UTF-8 into out (room for 4 bytes). Returns the length, 0 when cp
 * is past U+10FFFF. */
size_t unichar_encode(uint32_t cp, char *out);

/* A Unicode subscript or superscript character (₂, ⁻, ᵃ, ², ...): returns
 * LITX_SPAN_SUB or LITX_SPAN_SUP and sets *ascii to the plain character it
 * stands for; 0 for any other code point. */
int unichar_script(uint32_t cp, char *ascii);

/* White space beyond ASCII (no-break space, the U+2000 spaces, line separator
 * ...): it joins words like a space. */
int unichar_is_space(uint32_t cp);

/* Invisible characters that are dropped (zero-width space and joiners, word
 * joiner, byte-order mark, soft hyphen). */
int unichar_is_dropped(uint32_t cp);

/* The largest length <= n at which s[0..n) does not end inside a UTF-8 sequence
 * (s[n] must be readable: it is the byte that would come next). */
size_t unichar_clip(const char *s, size_t n);

/* Make the NUL-terminated s valid UTF-8 in place: every byte that starts no valid
 * sequence becomes '?'. For messages and fields that quote or cut input, which
 * must still be valid strings in the KB. Returns s. */
char *unichar_repair(char *s);
#endif
