/* words.h - the theme's strings of one language (a cJSON object of key →
 * text, as site.c loads them) and their {name} patterns. Shared by the
 * view, the history's sentences and the feeds. */
#ifndef SG_WORDS_H
#define SG_WORDS_H

#include <stddef.h>

#include "buf.h"

struct cJSON;

/* The string `key` of `t`, "" when it has none. */
const char *words_get(const struct cJSON *t, const char *key);

/* Append `pat` with each "{name}" replaced by its value from the n pairs
 * kv {name, value}; other text, and unknown names, are copied. */
void words_expand(buf *out, const char *pat, const char *const (*kv)[2],
		  size_t n);
/* The same with one placeholder, "{name}" (most patterns have one). */
void words_expand1(buf *out, const char *pat, const char *name,
		   const char *value);

#endif
