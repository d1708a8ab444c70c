#include "utf8.h"

size_t utf8_check(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0, n;
	while (i < len && (n = utf8_decode(s + i, len - i, &cp)))
		i += n;
	return i;
}

bool utf8_is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	       (cp >= 0x7F && cp <= 0x9F);
}

static const struct invisible {
	uint32_t lo, hi;
	const char *name;
} invisibles[] = {                 /* in order, not overlapping */
	{ 0x00AD, 0x00AD, "soft hyphen" },
	{ 0x034F, 0x034F, "combining grapheme joiner" },
	{ 0x061C, 0x061C, "Arabic letter mark" },
	{ 0x180E, 0x180E, "Mongolian vowel separator" },
	{ 0x200B, 0x200B, "zero width space" },
	{ 0x200C, 0x200C, "zero width non-joiner" },
	{ 0x200D, 0x200D, "zero width joiner" },
	{ 0x200E, 0x200E, "left-to-right mark" },
	{ 0x200F, 0x200F, "right-to-left mark" },
	{ 0x202A, 0x202A, "left-to-right embedding" },
	{ 0x202B, 0x202B, "right-to-left embedding" },
	{ 0x202C, 0x202C, "pop directional formatting" },
	{ 0x202D, 0x202D, "left-to-right override" },
	{ 0x202E, 0x202E, "right-to-left override" },
	{ 0x2060, 0x2060, "word joiner" },
	{ 0x2061, 0x2064, "invisible operator" },
	{ 0x2066, 0x2066, "left-to-right isolate" },
	{ 0x2067, 0x2067, "right-to-left isolate" },
	{ 0x2068, 0x2068, "first strong isolate" },
	{ 0x2069, 0x2069, "pop directional isolate" },
	{ 0xFEFF, 0xFEFF, "zero width no-break space" },
	{ 0xE0000, 0xE007F, "tag character" },
};

/* A binary search of the sorted ranges. */
const char *utf8_invisible(uint32_t cp)
{
	size_t lo = 0, hi = sizeof invisibles / sizeof *invisibles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < invisibles[mid].lo)
			hi = mid;
		else if (cp > invisibles[mid].hi)
			lo = mid + 1;
		else
			return invisibles[mid].name;
	}
	return NULL;
}

size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}
