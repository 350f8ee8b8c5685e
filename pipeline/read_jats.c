/* read_jats.c - placeholder until the JATS reader lands. */
#include "readers.h"

int litx_read_jats(docb *b, const char *buf, size_t len, litx_err *err)
{
	(void)b; (void)buf; (void)len;
	litx_err_set(err, 0, "JATS reader not built yet");
	return -1;
}
