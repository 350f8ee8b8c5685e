/* fuzz_jats.c - libFuzzer target: the JATS reader. The bytes go to litx_read_jats
 * whatever they look like (through the same steps as litx_doc_load: byte checks,
 * reader, callout marker), then the document is checked against doc.h and every
 * text query is run on it. The XML dictionary (fuzz/dict/xml.dict) gives the
 * mutator JATS element names, entities and MathML. */
#include "common.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	litx_err err = { "", 0 };
	litx_doc *d = fz_load_as((const char *)data, size, LITX_FORMAT_JATS, &err);
	if (!d) {
		FZ_ASSERT(err.msg[0] != '\0', "a refused document says why");
		FZ_ASSERT(fz_utf8_valid(err.msg, strlen(err.msg)), "error message is UTF-8");
		return 0;
	}
	fz_check_doc(d, size);
	fz_exercise_doc(d);
	litx_doc_free(d);
	return 0;
}
