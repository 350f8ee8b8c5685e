/* read_text.c - placeholder until the text reader lands. */
#include "readers.h"

int litx_read_text(docb *b, const char *buf, size_t len, litx_err *err)
{
	(void)b; (void)buf; (void)len;
	litx_err_set(err, 0, "text reader not built yet");
	return -1;
}
