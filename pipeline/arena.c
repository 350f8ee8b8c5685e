/* arena.c - chunked bump allocator. Large requests get a chunk of their own so a
 * big table does not waste the tail of the current chunk. */
#include "arena.h"
#include <stdlib.h>
#include <string.h>
#include <stdalign.h>
#include <stdint.h>

#define CHUNK (64u * 1024u)

struct chunk {
	struct chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;
};

arena *arena_new(void)
{
	return calloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
}

void *arena_alloc(arena *a, size_t n)
{
	const size_t al = alignof(max_align_t);
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - al - sizeof(struct chunk))
		return NULL; /* the chunk header and the rounding must not overflow */
	n = (n + al - 1) & ~(al - 1);
	struct chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK / 4 ? n : CHUNK;
		struct chunk *nc = malloc(sizeof *nc + cap);
		if (!nc)
			return NULL;
		nc->used = 0;
		nc->cap = cap;
		if (cap == CHUNK || !c) {
			nc->next = c;
			a->head = nc;
		} else {
			/* keep the current chunk at the head: it still has room */
			nc->next = c->next;
			c->next = nc;
		}
		c = nc;
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

void *arena_memdup(arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *q = arena_alloc(a, n + 1);
	if (!q)
		return NULL;
	if (n)
		memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}
