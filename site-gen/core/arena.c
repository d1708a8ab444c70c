#include "arena.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(ALIGN) unsigned char data[];
};

struct arena {
	struct block *head;
};

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void arena_adopt(arena *a, arena *from)
{
	struct block *last = from->head;
	while (last && last->next)
		last = last->next;
	if (last) {
		/* Behind a's current block, which stays the one allocated from. */
		struct block **at = a->head ? &a->head->next : &a->head;
		last->next = *at;
		*at = from->head;
	}
	free(from);
}

static struct block *new_block(size_t size)
{
	struct block *b = xmalloc(sizeof *b + size);
	b->next = NULL;
	b->used = 0;
	b->size = size;
	return b;
}

void *arena_alloc(arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct block *b = a->head;
	if (size > BLOCK_SIZE / 4) {
		/* Big allocations get their own block behind the current one,
		 * so the current block's free space is not wasted. */
		struct block *big = new_block(size);
		big->used = size;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		memset(big->data, 0, size);
		return big->data;
	}
	if (!b || b->size - b->used < size) {
		b = new_block(BLOCK_SIZE);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t elem)
{
	void *p = arena_alloc(a, new_n * elem);
	if (old && old_n)
		memcpy(p, old, old_n * elem);
	return p;
}
