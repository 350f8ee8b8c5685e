/* input_zip.c - placeholder until zip support lands: archives are reported, not read. */
#include "input.h"
#include <stdio.h>
#include <string.h>

int litx_is_zip(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char sig[4] = { 0 };
	size_t n = fread(sig, 1, 4, f);
	fclose(f);
	return n == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 && sig[3] == 4;
}

int litx_zip_list(litx_items *out, const char *path, const char *source, litx_err *err)
{
	(void)err;
	return litx_items_add(out, source, path, NULL, "zip archives not supported yet", 0);
}

int litx_zip_read(const char *path, const char *entry, char **buf, size_t *len, litx_err *err)
{
	(void)path; (void)entry; *buf = NULL; *len = 0;
	litx_err_set(err, 0, "zip archives not supported yet");
	return -1;
}
