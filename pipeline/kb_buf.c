/* kb_buf.c - see kb_buf.h. */
#include "kb_buf.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <unistd.h>

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

int kb_fd_write(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copy the n bytes from fd in at offset 0 to fd out at its position: in the
 * kernel (sendfile, no copy through this process) where it can, else by read
 * and write. 0 or -1. */
static int copy_fd(int in, int out, off_t n)
{
	off_t off = 0;
	while (off < n) {
		size_t want = n - off > (off_t)1 << 30 ? (size_t)1 << 30 : (size_t)(n - off);
		ssize_t k = sendfile(out, in, &off, want);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && off == 0 && (errno == EINVAL || errno == ENOSYS))
			break; /* this pair of files cannot: copy by hand */
		if (k <= 0)
			return -1;
	}
	char buf[1 << 16];
	while (off < n) {
		ssize_t k = pread(in, buf, sizeof buf, off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		if (kb_fd_write(out, buf, (size_t)k))
			return -1;
		off += k;
	}
	return 0;
}

int kb_file_copy(FILE *from, FILE *to)
{
	/* both streams flushed, the bytes go straight from file to file */
	if (fflush(from) || fflush(to))
		return -1;
	off_t n = lseek(fileno(from), 0, SEEK_END);
	if (n < 0)
		return -1;
	return copy_fd(fileno(from), fileno(to), n);
}
