/* smap.h - string-keyed hash map (open addressing). Keys are not copied:
 * they must outlive the map (they normally live in the model's arena).
 * Values are opaque pointers owned by the caller. */
#ifndef SG_SMAP_H
#define SG_SMAP_H

#include <stddef.h>

typedef struct smap {
	const char **keys;
	void **vals;
	size_t n, cap;
} smap;

#define SMAP_INIT { NULL, NULL, 0, 0 }

/* Insert or replace. Returns the previous value for the key, or NULL. */
void *smap_put(smap *m, const char *key, void *val);
void *smap_get(const smap *m, const char *key);
void smap_free(smap *m);

#endif
