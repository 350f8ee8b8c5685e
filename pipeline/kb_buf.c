/* kb_buf.c - see kb_buf.h. */
#include "kb_buf.h"
#include <stdint.h>
#include <stdlib.h>

int kb_buf_reserve(kb_buf *b, size_t extra)
{
	if (b->cap - b->len >= extra)
		return 0;
	if (extra > SIZE_MAX / 2 - b->len)
		return -1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len < extra)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

void kb_buf_free(kb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
