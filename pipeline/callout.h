/* callout.h - finding citation callouts in a document's text (the core marks them so
 * every plugin can ask which references a sentence cites). */
#ifndef LITX_CALLOUT_H
#define LITX_CALLOUT_H
#include "docb.h"

/* Add LITX_SPAN_CITE spans (labels expanded) for the callouts of every block, table
 * cell and caption of b that the reader did not already mark (JATS xrefs are marked
 * by the JATS reader). Called by litx_doc_load after the reader, before publishing.
 * Returns 0, or -1 on allocation failure. */
int litx_mark_callouts(docb *b);
#endif
