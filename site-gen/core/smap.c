#include "smap.h"
#include "buf.h"
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t slot(const smap *m, const char *key)
{
	size_t mask = m->cap - 1, i = (size_t)hash_str(key) & mask;
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static void rehash(smap *m)
{
	smap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t j = slot(m, old.keys[i]);
			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

void *smap_put(smap *m, const char *key, void *val)
{
	if ((m->n + 1) * 4 > m->cap * 3)
		rehash(m);
	size_t i = slot(m, key);
	void *prev = m->keys[i] ? m->vals[i] : NULL;
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->n++;
	}
	m->vals[i] = val;
	return prev;
}

void *smap_get(const smap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

void smap_free(smap *m)
{
	free(m->keys);
	free(m->vals);
	*m = (smap)SMAP_INIT;
}
