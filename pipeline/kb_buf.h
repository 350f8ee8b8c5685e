/* kb_buf.h - a growable byte buffer. The KB writer, reader and CSV code build
 * every line in one of these and reuse it for the next line, so the steady state
 * allocates nothing. The bytes are not NUL-terminated unless the caller puts one. */
#ifndef LITX_KB_BUF_H
#define LITX_KB_BUF_H
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct kb_buf {
	char *p;
	size_t len, cap;
} kb_buf;

/* Make room for `extra` more bytes. 0, or -1 when out of memory (b unchanged). */
int kb_buf_reserve(kb_buf *b, size_t extra);
void kb_buf_free(kb_buf *b);

/* Write all n bytes to fd with write(2), past any stdio buffer: short writes
 * are resumed, EINTR retried. 0 or -1 (errno set). */
int kb_fd_write(int fd, const void *data, size_t n);
/* Append all of file `from` (from its start, whatever its position) to `to`:
 * both flushed, then copied by the kernel where it can. 0 or -1. */
int kb_file_copy(FILE *from, FILE *to);

static inline int kb_buf_put(kb_buf *b, const void *s, size_t n)
{
	if (b->cap - b->len < n && kb_buf_reserve(b, n))
		return -1;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

static inline int kb_buf_putc(kb_buf *b, char c)
{
	if (b->len == b->cap && kb_buf_reserve(b, 1))
		return -1;
	b->p[b->len++] = c;
	return 0;
}

static inline int kb_buf_puts(kb_buf *b, const char *s)
{
	return kb_buf_put(b, s, strlen(s));
}
#endif
