/* fuzz_formula.c - libFuzzer target: the core formula parser (litx/formula.h).
 * litx_formula_describe on the raw bytes (an exact-size copy, no NUL), then the
 * canonical spelling into a roomy and a tiny buffer: the result is an object when
 * not NULL, serializable, and the canonical writer always terminates within cap.
 * The LaTeX and Unicode dictionaries (fuzz/dict) give the mutator element symbols,
 * brackets, charges and sub/superscripts. */
#include "common.h"
#include <litx/formula.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	json_t *j = litx_formula_describe(s, size);
	if (j) {
		FZ_ASSERT(json_is_object(j), "describe gives an object");
		FZ_ASSERT(json_object_get(j, "canonical") != NULL, "describe has a canonical field");
		char *dump = json_dumps(j, JSON_COMPACT);
		FZ_ASSERT(dump != NULL, "the description serializes");
		free(dump);
		json_decref(j);
	}
	char big[512], tiny[6];
	memset(big, 'x', sizeof big);
	memset(tiny, 'x', sizeof tiny);
	size_t n = litx_formula_canonical(s, size, big, sizeof big);
	FZ_ASSERT(n < sizeof big && memchr(big, '\0', sizeof big), "canonical terminates (big)");
	size_t m = litx_formula_canonical(s, size, tiny, sizeof tiny);
	FZ_ASSERT(m < sizeof tiny && memchr(tiny, '\0', sizeof tiny), "canonical terminates (tiny)");
	return 0;
}
