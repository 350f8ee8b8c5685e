/* text_inline.h - inline normalization for text articles: one source line (or one
 * table cell) at a time into a tbuf, following the shared rules of doc.h.
 *
 * What it understands: Unicode sub/superscripts (Pt₁Au₂₄, ⁻¹), LaTeX fragments in
 * and out of $...$ (\text{Au}_{25}, _{25-x}, ^{2+}, \mu, \leq ...), spaced PDF
 * subscripts (Au ₄ Pd ₂ (SR) ₈), markdown emphasis (*et al.*, **48**) and the few
 * HTML tags PDF converters leave (<i>, <b>, <sub>, <sup>). White space runs become
 * one space; the text never starts or ends with one.
 *
 * A text is built in three steps: text_inl_begin, any number of text_inl_add (with
 * text_inl_space between pieces that join with a space), text_inl_end. Every piece
 * says where it came from, and anchors are written wherever the text stops being a
 * byte-for-byte copy of the source, so litx_text_locate is exact for every byte.
 *
 * The state machine is one pass over the bytes with bounded look-ahead: no
 * recursion, no allocation per character (the scratch buffers grow with the
 * longest piece and are reused). */
#ifndef LITX_TEXT_INLINE_H
#define LITX_TEXT_INLINE_H
#include <stddef.h>
#include <stdint.h>
#include "tbuf.h"
#include "script_squeeze.h"

#define TEXT_INL_MAX_DEPTH 16

/* Flags for text_inl_begin. */
enum {
	TEXT_INL_REFS = 1 /* reference entries: bare "_x"/"^x" stay as written (URLs, DOIs) */
};

typedef struct text_inl_frame {
	uint8_t kind;   /* group, sub or sup */
	long span;      /* tbuf span index for sub/sup, -1 otherwise */
} text_inl_frame;

typedef struct text_inl {
	tbuf *b;
	unsigned flags;
	uint32_t line;            /* line of the piece being read */
	int pending;              /* white space seen and not yet written */
	/* the last anchor written (a mirror of the tbuf's) */
	int a_have;
	uint32_t a_line;
	size_t a_text, a_src;
	/* an open run of script characters, added as one span when it ends */
	int run_kind;
	size_t run_start, run_end;
	/* LaTeX brace frames and math mode */
	text_inl_frame fr[TEXT_INL_MAX_DEPTH];
	int depth, math, math_base;
	int in_sub, in_sup;
	/* HTML-ish tags: open span per kind (i, b, sub, sup), -1 when closed */
	long tag[4];
	/* scratch: delimiter marks of the current piece, squeeze bookkeeping */
	unsigned char *mark;
	size_t cap_mark;
	script_scratch sq;
} text_inl;

void text_inl_init(text_inl *t);
void text_inl_free(text_inl *t);
/* Start a text in b (which the caller has reset). */
void text_inl_begin(text_inl *t, tbuf *b, unsigned flags);
/* Append the normalized form of s[0..n), which starts at source line `line`, byte
 * `src_off`. s holds no newline. */
void text_inl_add(text_inl *t, const char *s, size_t n, uint32_t line, size_t src_off);
/* White space between two pieces (a line break inside a paragraph). */
void text_inl_space(text_inl *t);
/* Close what is open and apply the white-space rules around sub/superscripts
 * that need the whole text (script_squeeze.h, the same for every reader). The
 * tbuf is then ready for tbuf_finish. */
void text_inl_end(text_inl *t);
#endif
