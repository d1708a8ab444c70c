/* utf8.h - UTF-8 characters: decoding, and which code points content may
 * not hold. The bottom of the text checks (text.h) and of the escaping of
 * diagnostics (diag.h); nothing here allocates or reports. */
#ifndef SG_UTF8_H
#define SG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode the character at s (`left` >= 1 bytes readable): returns its
 * length in bytes and sets *cp, or returns 0 when the bytes there are not
 * valid UTF-8 (strict: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no sequence cut short by `left`). Inline: the checks run it
 * over every byte of the content. */
static inline size_t utf8_decode(const char *str, size_t left, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	size_t n;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return n;
}

/* Offset of the first byte of s[0..len) that is not part of valid UTF-8,
 * or `len` when all of it is. */
size_t utf8_check(const char *s, size_t len);

/* A control character content may not hold: C0 other than tab, line feed
 * and carriage return, DEL, and C1 (U+0080 to U+009F). NUL counts too. */
bool utf8_is_control(uint32_t cp);

/* A character that shows nothing, or only changes the direction of the
 * text around it: zero-width spaces and joiners (U+200B to U+200D, U+2060,
 * U+FEFF), the soft hyphen and other invisible format characters, and the
 * direction marks, embeddings, overrides and isolates (U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069, U+061C). Two names that differ only
 * by these look the same; an override can make text read backwards. Returns
 * the character's name ("zero width space"), or NULL for any other
 * character. */
const char *utf8_invisible(uint32_t cp);

/* Number of UTF-8 characters in s[0..len). */
size_t utf8_chars(const char *s, size_t len);

#endif
