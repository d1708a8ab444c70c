/* words.h - the theme's strings: i18n/<lang>.yaml, one flat map of key →
 * text per language, loaded as one cJSON object each, and their {name}
 * patterns. Shared by the view, the history's sentences, the feeds and the
 * open data's metadata.
 *
 * Ownership: a words_set owns its objects and paths (words_free). */
#ifndef SG_WORDS_H
#define SG_WORDS_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "smap.h"

struct cJSON;

typedef struct words_set {
	struct cJSON **v;       /* per language, in the order loaded */
	char **tags, **paths;
	size_t n;
} words_set;

/* How the strings of a derived language (model.h) are made: language
 * from[l]'s strings, each put through `convert` (which owns what it
 * returns: it must outlive the set's loading only, the strings are
 * copied), then overridden by the keys of its own file when that exists.
 * from[l] is SIZE_MAX for a language read from its file. */
typedef struct words_derived {
	const size_t *from;
	const char *(*convert)(void *ctx, size_t lang, const char *text);
	void *ctx;
} words_derived;

/* Load <theme_dir>/i18n/<tag>.yaml for each of the n `tags` (`dv` NULL:
 * none is derived). Every key of the NULL-terminated lists in the
 * NULL-terminated `required` must be in every file, and a key of one file
 * in all of them: each missing key is reported once, for the file that
 * lacks it; a derived language's file may hold only keys of its source.
 * Returns 0, or -1 with the errors in `d` (`s` is then still safe to
 * words_free). */
int words_load(words_set *s, const char *theme_dir, const char *const *tags,
	       size_t n, const words_derived *dv,
	       const char *const *const *required, diag *d);
/* The strings of language `tag`, or NULL when the set has none. */
const struct cJSON *words_of(const words_set *s, const char *tag);
void words_free(words_set *s);

/* The string `key` of `t`, "" when it has none. */
const char *words_get(const struct cJSON *t, const char *key);

/* A language's strings by key, for lookups many times a page (words_get
 * reads the object from its start). It borrows the strings of `t`, which
 * must outlive it and not change. */
typedef struct words_index {
	smap keys;               /* key → its string */
} words_index;
void words_index_build(words_index *ix, const struct cJSON *t);
/* The string `key`, "" when there is none. */
const char *words_index_get(const words_index *ix, const char *key);
void words_index_free(words_index *ix);

/* Append `pat` with each "{name}" replaced by its value from the n pairs
 * kv {name, value}; other text, and unknown names, are copied. */
void words_expand(buf *out, const char *pat, const char *const (*kv)[2],
		  size_t n);
/* The same with one placeholder, "{name}" (most patterns have one). */
void words_expand1(buf *out, const char *pat, const char *name,
		   const char *value);

#endif
