/* text.h - checks on raw text and on the small value syntaxes of the content
 * format: encodings, characters, ids, dates, numbers. Nothing here
 * allocates. */
#ifndef SG_TEXT_H
#define SG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Check that `data` is text we can read: no NUL byte, valid UTF-8 (a
 * GB18030/GBK or UTF-16 file gets an error saying so and how to re-save it),
 * and no control character (text_is_control), each of which is reported
 * with its position. A UTF-8 byte-order mark is skipped: returns the offset
 * of the text after it (0 or 3), or -1 after reporting the errors for
 * `path` to `d`. */
long text_check_encoding(const char *path, const char *data, size_t len,
			 diag *d);

/* Report to `d` each character of `data` for which text_is_invisible holds,
 * at its line and column (`data` starts on line `first_line`, column 1).
 * For text where such a character has no business, e.g. every CSV cell.
 * Returns how many were reported. Bytes that are not UTF-8 are skipped. */
size_t text_check_invisible(const char *path, const char *data, size_t len,
			    unsigned first_line, diag *d);

/* Does a line end at data[i]? A line ends at "\n", at a lone "\r" (old Mac
 * and Excel for Mac files) and at the "\n" of "\r\n", so that CRLF counts
 * once. Requires i < len. */
bool text_is_line_end(const char *data, size_t len, size_t i);

/* Line and column (1-based, counted in characters) of byte `off` in
 * data[0..len), with line ends as text_is_line_end says. Linear in `off`:
 * for many look-ups use a line index. */
void text_position(const char *data, size_t len, size_t off, unsigned *line,
		   unsigned *col);

/* Decode the character at s (`left` >= 1 bytes readable): returns its
 * length in bytes and sets *cp, or returns 0 when the bytes there are not
 * valid UTF-8 (strict: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no sequence cut short by `left`). */
size_t text_utf8_decode(const char *s, size_t left, uint32_t *cp);

/* Offset of the first byte of s[0..len) that is not part of valid UTF-8,
 * or `len` when all of it is. */
size_t text_utf8_check(const char *s, size_t len);

/* A control character content may not hold: C0 other than tab, line feed
 * and carriage return, DEL, and C1 (U+0080 to U+009F). NUL counts too. */
bool text_is_control(uint32_t cp);

/* A character that shows nothing, or only changes the direction of the
 * text around it: zero-width spaces and joiners (U+200B to U+200D, U+2060,
 * U+FEFF), the soft hyphen and other invisible format characters, and the
 * direction marks, embeddings, overrides and isolates (U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069, U+061C). Two names that differ only
 * by these look the same; an override can make text read backwards. Returns
 * the character's name ("zero width space"), or NULL for any other
 * character. */
const char *text_is_invisible(uint32_t cp);

/* Number of UTF-8 characters in s[0..len). */
size_t text_utf8_chars(const char *s, size_t len);

/* ^[a-z0-9][a-z0-9-]{0,63}$ */
bool text_is_id(const char *s);

/* YYYY-MM-DD, and a real calendar date. On success fills *days (days since
 * 1970-01-01) when `days` is not NULL. */
bool text_parse_date(const char *s, long *days);

/* Digits a number may have: any decimal of up to 15 significant digits
 * survives the trip through a double (DBL_DIG), so it prints back as it was
 * written; with more it could come back rounded, without a word. */
#define TEXT_NUMBER_DIGITS 15

typedef enum {
	TEXT_NUMBER_OK,
	TEXT_NUMBER_SYNTAX,      /* not -?[0-9]+(\.[0-9]+)? */
	TEXT_NUMBER_PRECISION,   /* more than TEXT_NUMBER_DIGITS significant
				    digits or decimals (zeros that end the
				    decimals are not counted) */
} text_number;

/* Read a plain decimal number: -?[0-9]+(\.[0-9]+)? (no exponent, no
 * separators), locale-independent, with no more digits than a double keeps
 * (TEXT_NUMBER_DIGITS). On TEXT_NUMBER_OK fills *out when `out` is not
 * NULL. */
text_number text_read_number(const char *s, double *out);

/* text_read_number(s, out) == TEXT_NUMBER_OK. */
bool text_parse_number(const char *s, double *out);

/* An integer in [min, max]. */
bool text_parse_int(const char *s, long min, long max, long *out);

#endif
