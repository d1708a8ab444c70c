/* unorm.h - Unicode normalisation, for names that only look different
 * and the width of text on screen (wraps utf8proc; its only user).
 *
 * Two unit names may differ in bytes and still read the same: one holds a
 * zero-width space or a bidi control, one is decomposed (NFD) where the
 * other is composed, one uses full-width letters or another case. Their
 * keys are equal.
 */
#ifndef SG_UNORM_H
#define SG_UNORM_H

#include "buf.h"

/* Append to `out` the key of the UTF-8 text `s`: NFKC, case-folded, with
 * default-ignorable code points (zero-width characters, bidi controls,
 * soft hyphens) removed. Returns 0, or -1 with `out` unchanged when `s`
 * is not valid UTF-8. */
int unorm_key(const char *s, buf *out);

/* How many lines the UTF-8 text `s` takes when wrapped at `columns`
 * (East Asian wide characters count two columns; invalid bytes one):
 * at least one per line of the text. For the height of a table's row. */
size_t unorm_lines(const char *s, size_t columns);

#endif
