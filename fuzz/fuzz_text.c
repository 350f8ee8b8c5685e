/* fuzz_text.c - libFuzzer target: the text reader. The bytes are loaded as a text
 * article whatever they look like (the byte checks, litx_read_text, the callout
 * marker), the document is checked against doc.h and every text query is run on
 * it. Inputs are exact-size copies without a terminating NUL, so a read past the
 * end shows. */
#include "common.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	litx_err err = { "", 0 };
	litx_doc *d = fz_load_as((const char *)data, size, LITX_FORMAT_TEXT, &err);
	if (!d) {
		FZ_ASSERT(err.msg[0] != '\0', "a refused document says why");
		return 0;
	}
	fz_check_doc(d, size);
	fz_exercise_doc(d);
	litx_doc_free(d);
	return 0;
}
