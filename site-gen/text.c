#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (strict: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0 if invalid or truncated. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

/* Do all high bytes form GBK/GB18030 two-byte pairs? */
static bool looks_like_gbk(const unsigned char *s, size_t len)
{
	size_t pairs = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] == 0x80 || s[i] == 0xFF || i + 1 >= len)
			return false;
		unsigned t = s[i + 1];
		if (t < 0x30 || t == 0x7F || t == 0xFF)
			return false;
		i++;
		pairs++;
	}
	return pairs > 0;
}

void text_position(const char *data, size_t off, unsigned *line,
		   unsigned *col)
{
	unsigned l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			l++, start = i + 1;
	*line = l;
	*col = (unsigned)text_utf8_chars(data + start, off - start) + 1;
}

size_t text_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static long report_bad_utf8(const char *path, const char *data, size_t len,
			    size_t off, diag *d)
{
	unsigned line, col;
	text_position(data, off, &line, &col);
	if (looks_like_gbk((const unsigned char *)data, len))
		diag_error(d, path, line, col,
			   "file is not UTF-8: it looks like GB18030/GBK; save it "
			   "again as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"; "
			   "WPS or Notepad: encoding \"UTF-8\")");
	else
		diag_error(d, path, line, col,
			   "file is not valid UTF-8 (bad or truncated byte "
			   "sequence); save it again as UTF-8");
	return -1;
}

long text_check_encoding(const char *path, const char *data, size_t len,
			 diag *d)
{
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
			 (s[0] == 0xFE && s[1] == 0xFF))) {
		diag_error(d, path, 1, 1,
			   "file is UTF-16 (\"Unicode text\"); save it again as "
			   "UTF-8");
		return -1;
	}
	size_t start = (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			       ? 3 : 0;
	const void *nul = memchr(data + start, '\0', len - start);
	if (nul) {
		unsigned line, col;
		text_position(data, (size_t)((const char *)nul - data), &line,
			      &col);
		diag_error(d, path, line, col,
			   "file contains a NUL byte; it is not a text file");
		return -1;
	}
	for (size_t i = start; i < len;) {
		size_t n = utf8_seq(s + i, len - i);
		if (!n)
			return report_bad_utf8(path, data, len, i, d);
		i += n;
	}
	return (long)start;
}

bool text_is_id(const char *s)
{
	size_t n = 0;
	if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return n <= 64;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static long days_from_civil(long y, long m, long d)
{
	/* Howard Hinnant's algorithm, proleptic Gregorian. */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool text_parse_date(const char *s, long *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10),
	     d = strtol(s + 8, NULL, 10);
	if (m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return false;
	if (days)
		*days = days_from_civil(y, m, d);
	return true;
}

bool text_parse_number(const char *s, double *out)
{
	size_t i = 0, n;
	if (!s)
		return false;
	if (s[i] == '-')
		i++;
	for (n = 0; s[i + n] >= '0' && s[i + n] <= '9'; n++)
		;
	if (!n || n > 15)
		return false;
	i += n;
	if (s[i] == '.') {
		i++;
		for (n = 0; s[i + n] >= '0' && s[i + n] <= '9'; n++)
			;
		if (!n || n > 15)
			return false;
		i += n;
	}
	if (s[i])
		return false;
	if (out)
		*out = strtod(s, NULL);
	return true;
}

bool text_parse_int(const char *s, long min, long max, long *out)
{
	size_t i = s && s[0] == '-' ? 1 : 0;
	size_t n = s ? strlen(s + i) : 0;
	if (!n || n > 12 || !digits(s + i, n))
		return false;
	long v = strtol(s, NULL, 10);
	if (v < min || v > max)
		return false;
	if (out)
		*out = v;
	return true;
}
