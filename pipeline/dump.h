/* dump.h - the document model as one JSON object, for `litx dump` and tests. */
#ifndef LITX_DUMP_H
#define LITX_DUMP_H
#include <jansson.h>
#include <litx/doc.h>

json_t *litx_dump_text_spans(const litx_text *t);
json_t *litx_dump_doc(const litx_doc *doc);
#endif
