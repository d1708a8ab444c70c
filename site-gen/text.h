/* text.h - checks on raw text and on the small value syntaxes of the content
 * format: encodings, ids, dates, numbers. Nothing here allocates. */
#ifndef SG_TEXT_H
#define SG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Check that `data` is text we can read: no NUL byte, valid UTF-8 (a
 * GB18030/GBK or UTF-16 file gets an error saying so and how to re-save it).
 * A UTF-8 byte-order mark is skipped: returns the offset of the text after
 * it (0 or 3), or -1 after reporting an error for `path` to `d`. */
long text_check_encoding(const char *path, const char *data, size_t len,
			 diag *d);

/* Line and column (1-based, counted in characters) of byte `off` in
 * `data`. Linear in `off`: for many look-ups use a line index. */
void text_position(const char *data, size_t off, unsigned *line,
		   unsigned *col);

/* Number of UTF-8 characters in s[0..len). */
size_t text_utf8_chars(const char *s, size_t len);

/* ^[a-z0-9][a-z0-9-]{0,63}$ */
bool text_is_id(const char *s);

/* YYYY-MM-DD, and a real calendar date. On success fills *days (days since
 * 1970-01-01) when `days` is not NULL. */
bool text_parse_date(const char *s, long *days);

/* A plain decimal number: -?[0-9]+(\.[0-9]+)? (no exponent, no separators).
 * Locale-independent. */
bool text_parse_number(const char *s, double *out);

/* An integer in [min, max]. */
bool text_parse_int(const char *s, long min, long max, long *out);

#endif
