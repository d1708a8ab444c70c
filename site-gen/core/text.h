/* text.h - checks on raw text and on the small value syntaxes of the content
 * format: encodings, characters, ids, dates, numbers. Nothing here
 * allocates. */
#ifndef SG_TEXT_H
#define SG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "utf8.h"

/* Check that `data` is text we can read: no NUL byte, valid UTF-8 (a
 * GB18030/GBK or UTF-16 file gets an error saying so and how to re-save it),
 * and no control character (utf8_is_control), each of which is reported
 * with its position. A UTF-8 byte-order mark is skipped: returns the offset
 * of the text after it (0 or 3), or -1 after reporting the errors for
 * `path` to `d`. */
long text_check_encoding(const char *path, const char *data, size_t len,
			 diag *d);

/* Report to `d` each character of `data` for which utf8_invisible holds,
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

/* ^[a-z0-9][a-z0-9-]{0,63}$ */
bool text_is_id(const char *s);
/* Is `t` a language tag as it names folders, files and columns: a BCP 47
 * tag of 2-3 lower-case letters and subtags of 2-8 letters or digits
 * ("zh", "en", "zh-Hant")? */
bool text_is_lang_tag(const char *t);

/* YYYY-MM-DD, and a real calendar date. On success fills *days (days since
 * 1970-01-01) when `days` is not NULL. */
bool text_parse_date(const char *s, long *days);
/* Append day `days` (since 1970-01-01) as YYYY-MM-DD. */
void text_format_date(long days, buf *out);

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
