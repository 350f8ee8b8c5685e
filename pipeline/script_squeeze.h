/* script_squeeze.h - the white-space rules around sub/superscripts that need the
 * whole text. Every reader runs script_squeeze as the last step of a text, after
 * its inline pass, so "Au<sub>4</sub> Pd<sub>2</sub> (SR)<sub>8</sub>" (JATS) and
 * "Au ₄ Pd ₂ (SR) ₈" (text from a PDF) both read "Au4Pd2(SR)8":
 *  - spans lose white space at their edges;
 *  - a space directly before a SUB or SUP span is dropped;
 *  - a space after a SUB span is dropped when what follows continues the formula:
 *    another sub/superscript, a bracket with no plain digit in it ("(SR)", not
 *    "(2, 4-DMBT)" or "(2019)"), or element-like capitals followed by a
 *    subscript or a bracket ("Pd₂", "AgO]") or by the end of the text ("H₂ O",
 *    "SC₂H₄ Ph"); a word such as "series" or "and", or a plural abbreviation
 *    ("NCs", "NPs"), keeps it.
 * The text is compacted in place; span and anchor offsets shift by the bytes
 * dropped before them. */
#ifndef LITX_SCRIPT_SQUEEZE_H
#define LITX_SCRIPT_SQUEEZE_H
#include <stddef.h>
#include "tbuf.h"

/* Scratch reused from text to text (zero it before the first use). */
typedef struct script_scratch {
	size_t *del;
	size_t cap_del;
	struct script_iv { size_t start, end; } *iv;
	size_t cap_iv;
} script_scratch;

/* Apply the rules to the text in tb. On no memory tb->failed is set (tbuf_finish
 * then reports it). */
void script_squeeze(tbuf *tb, script_scratch *sc);
void script_scratch_free(script_scratch *sc);
#endif
