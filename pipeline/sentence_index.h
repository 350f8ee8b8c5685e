/* sentence_index.h - sentence starts computed once per text at load time, so every
 * plugin's litx_text_sentence is a binary search instead of a scan from the start
 * of the block (which made a dense paragraph cost O(mentions x length)). */
#ifndef LITX_SENTENCE_INDEX_H
#define LITX_SENTENCE_INDEX_H
#include "docb.h"

/* Sentence starts of t after the first, ascending; writes at most cap and returns
 * how many there are (text_query.c). */
size_t litx_text_sentence_starts(const litx_text *t, size_t *out, size_t cap);

/* Fill `sentences` of every text of the document (blocks, tables, references).
 * Runs after callouts are marked: a closing citation belongs to its sentence.
 * Returns 0, or -1 on allocation failure. */
int litx_index_sentences(docb *b);
#endif
