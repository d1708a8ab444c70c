#include "text.h"

#include <stdlib.h>
#include <string.h>

bool text_is_line_end(const char *data, size_t len, size_t i)
{
	return data[i] == '\n' ||
	       (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'));
}

/* A position in a text that only moves forward, so that reporting many
 * characters of one text stays linear. */
typedef struct where {
	const char *s;
	size_t len, off;
	unsigned line, col;  /* of s[off] */
} where;

static void where_move(where *w, size_t to)
{
	for (; w->off < to; w->off++) {
		if (text_is_line_end(w->s, w->len, w->off))
			w->line++, w->col = 1;
		else if (((unsigned char)w->s[w->off] & 0xC0) != 0x80)
			w->col++;
	}
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

void text_position(const char *data, size_t len, size_t off, unsigned *line,
		   unsigned *col)
{
	unsigned l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (text_is_line_end(data, len, i))
			l++, start = i + 1;
	*line = l;
	*col = (unsigned)utf8_chars(data + start, off - start) + 1;
}

static long report_bad_utf8(const char *path, const char *data, size_t len,
			    const where *at, diag *d)
{
	if (looks_like_gbk((const unsigned char *)data, len))
		diag_error(d, path, at->line, at->col,
			   "file is not UTF-8: it looks like GB18030/GBK; save it "
			   "again as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"; "
			   "WPS or Notepad: encoding \"UTF-8\")");
	else
		diag_error(d, path, at->line, at->col,
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
	where w = { data + start, len - start, 0, 1, 1 };
	const void *nul = memchr(data + start, '\0', len - start);
	if (nul) {
		where_move(&w, (size_t)((const char *)nul - data) - start);
		diag_error(d, path, w.line, w.col,
			   "file contains a NUL byte; it is not a text file");
		return -1;
	}
	bool controls = false;
	for (size_t i = start; i < len;) {
		uint32_t cp;
		size_t n;
		if ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\t') {
			i++;     /* most of any text: no need to decode */
			continue;
		}
		n = utf8_decode((const char *)s + i, len - i, &cp);
		if (n && !utf8_is_control(cp)) {
			i += n;
			continue;
		}
		where_move(&w, i - start);
		if (!n)
			return report_bad_utf8(path, data, len, &w, d);
		/* Every one: they are invisible, so a list saves a round of
		 * hunting per character. */
		diag_error(d, path, w.line, w.col,
			   "control character U+%04X: delete it (text may hold "
			   "tabs and line breaks, but no other control "
			   "characters)", (unsigned)cp);
		controls = true;
		i += n;
	}
	return controls ? -1 : (long)start;
}

size_t text_check_invisible(const char *path, const char *data, size_t len,
			    unsigned first_line, diag *d)
{
	size_t found = 0;
	where w = { data, len, 0, first_line, 1 };
	for (size_t i = 0; i < len;) {
		const unsigned char *c = (const unsigned char *)data + i;
		/* Most of a table is ASCII or CJK (U+3000 to U+EFFF, lead
		 * bytes E3 to EE), which hold no invisible character: they
		 * are passed over without decoding. */
		if (c[0] < 0x80) {
			i++;
			continue;
		}
		if (c[0] >= 0xE3 && c[0] <= 0xEE && len - i >= 3 &&
		    (c[1] & 0xC0) == 0x80 && (c[2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode((const char *)c, len - i, &cp);
		const char *name = n ? utf8_invisible(cp) : NULL;
		if (name) {
			where_move(&w, i);
			diag_error(d, path, w.line, w.col,
				   "invisible or direction-control character "
				   "U+%04X (%s): delete it (it makes different "
				   "texts look the same)", (unsigned)cp, name);
			found++;
		}
		i += n ? n : 1;
	}
	return found;
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

void text_format_date(long days, buf *out)
{
	/* The inverse of days_from_civil (Howard Hinnant's civil_from_days). */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	buf_printf(out, "%04ld-%02ld-%02ld", yoe + era * 400 + (m <= 2), m, d);
}

/* Digits from the first non-zero one to the end of the integer part, and
 * decimals up to the last non-zero one: zeros that only lead or trail do
 * not change the value a double gets. */
text_number text_read_number(const char *s, double *out)
{
	size_t i = 0, sig = 0, decimals = 0;
	bool nonzero = false;
	if (!s)
		return TEXT_NUMBER_SYNTAX;
	if (s[i] == '-')
		i++;
	size_t from = i;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		nonzero |= s[i] != '0';
		sig += nonzero;
	}
	if (i == from)
		return TEXT_NUMBER_SYNTAX;
	if (s[i] == '.') {
		from = ++i;
		for (size_t upto = sig; s[i] >= '0' && s[i] <= '9'; i++) {
			nonzero |= s[i] != '0';
			upto += nonzero;
			if (s[i] != '0')
				sig = upto, decimals = i - from + 1;
		}
		if (i == from)
			return TEXT_NUMBER_SYNTAX;
	}
	if (s[i])
		return TEXT_NUMBER_SYNTAX;
	if (sig > TEXT_NUMBER_DIGITS || decimals > TEXT_NUMBER_DIGITS)
		return TEXT_NUMBER_PRECISION;
	if (out)
		*out = strtod(s, NULL);
	return TEXT_NUMBER_OK;
}

bool text_parse_number(const char *s, double *out)
{
	return text_read_number(s, out) == TEXT_NUMBER_OK;
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

bool text_is_lang_tag(const char *t)
{
	size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyz");
	if (n < 2 || n > 3)
		return false;
	for (t += n; *t == '-'; t += n) {
		n = strspn(++t, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n < 2 || n > 8)
			return false;
	}
	return !*t;
}
