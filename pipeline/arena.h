/* arena.h - one bump allocator per document: everything a document holds is freed
 * at once with it, so readers never track the lifetime of individual strings. */
#ifndef LITX_ARENA_H
#define LITX_ARENA_H
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* NULL on allocation failure; memory is zeroed and aligned for any type. */
void *arena_alloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
void *arena_memdup(arena *a, const void *p, size_t n);
#endif
