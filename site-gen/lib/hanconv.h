/* hanconv.h - Chinese script conversion: Simplified text into Traditional
 * (or any direction OpenCC has a configuration for), phrase by phrase,
 * after a list of terms that must keep a given form. The only module that
 * uses OpenCC (libopencc).
 *
 * A converter remembers every text it converts, so the same text is
 * converted once per build, and it can save what it converted to a cache
 * file and read it back, so that a rebuild converts only text it has not
 * seen. OpenCC itself (its dictionaries take tens of milliseconds to load)
 * is opened at the first text that is not in the cache.
 *
 * Terms ("kept" terms) are matched in the source text before conversion,
 * longest first; the text between them is converted by OpenCC, each kept
 * term is replaced by its given form.
 *
 * Thread-safe: hanconv_text may be called from several threads at once.
 * Ownership: the converter owns every string it returns (hanconv_free).
 */
#ifndef SG_HANCONV_H
#define SG_HANCONV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hanconv hanconv;

/* A converter with OpenCC configuration `config`: a file name in OpenCC's
 * data folder ("s2hk.json", "s2twp.json") or a path. Nothing is opened
 * yet, so this cannot fail. */
hanconv *hanconv_new(const char *config);
void hanconv_free(hanconv *c);

/* Is `config` a configuration OpenCC can open (a file that exists)? */
bool hanconv_config_exists(const char *config);

/* Keep term `from` as `to` (as it is when `to` is ""). Add every term
 * before the first hanconv_text; a term added twice keeps its last form. */
void hanconv_keep(hanconv *c, const char *from, const char *to);

/* `text` converted, or NULL when OpenCC cannot be opened or fails
 * (hanconv_error says why). Owned by `c`; "" for "". */
const char *hanconv_text(hanconv *c, const char *text);
/* Why the last hanconv_text returned NULL. */
const char *hanconv_error(const hanconv *c);

/* Append to `out` (a NUL-terminated name) a cache file name that differs
 * whenever the configuration, the kept terms or OpenCC's installed
 * dictionaries differ: "convert-<16 hex digits>.bin". */
struct buf;
void hanconv_cache_name(const hanconv *c, struct buf *out);
/* Read the conversions saved at `path`; a missing or damaged file is
 * ignored (it is a cache). */
void hanconv_cache_read(hanconv *c, const char *path);
/* Save the conversions asked for since hanconv_new (not those only read
 * from a cache, so the file does not grow with text no longer there),
 * through a temporary file and a rename. Returns 0 or -1 (errno). */
int hanconv_cache_write(const hanconv *c, const char *path);

/* How many texts OpenCC converted (not found in the cache). */
size_t hanconv_misses(const hanconv *c);

#endif
