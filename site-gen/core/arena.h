/* arena.h - bump allocator: one per build run (or per loaded table), freed
 * at once. Everything allocated from an arena lives until arena_free; do not
 * free() it individually. Allocation failure aborts (see buf.h). */
#ifndef SG_ARENA_H
#define SG_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Zeroed memory, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* Move everything allocated in `from` into `a` (it lives until
 * arena_free(a)) and free `from`. For arenas filled on other threads. */
void arena_adopt(arena *a, arena *from);
/* Grow an arena-allocated array: returns a copy with room for `new_n`
 * elements (the old block is left in the arena). Use for small arrays only;
 * big growing arrays belong in malloc'd memory. */
void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t elem);

#endif
