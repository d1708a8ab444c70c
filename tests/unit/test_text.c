/* Unit tests: text.c (encodings, ids, dates, numbers) and buf.c. */
#include "buf.h"
#include "diag.h"
#include "tap.h"
#include "text.h"

#include <stdlib.h>

static const char *first_message(diag *d)
{
	const diag_item *it = diag_get(d, 0);
	return it ? it->msg : "";
}

static void test_encoding(void)
{
	diag *d = diag_new();
	is_int(text_check_encoding("a", "abc", 3, d), 0, "plain ASCII accepted");
	is_int(text_check_encoding("a", "\xEF\xBB\xBFid", 5, d), 3,
	       "UTF-8 BOM skipped");
	is_int(text_check_encoding("a", "\xE6\xB1\x9F\xE6\xB5\xB7", 6, d), 0,
	       "Chinese UTF-8 accepted");
	is_int(diag_count(d), 0, "no diagnostics for good text");
	/* 江海 in GBK */
	ok(text_check_encoding("f.csv", "id\n\xBD\xAD\xBA\xA3\n", 7, d) < 0,
	   "GBK refused");
	ok(strstr(first_message(d), "GB18030/GBK") != NULL,
	   "GBK error names the encoding");
	is_int(diag_get(d, 0)->line, 2, "GBK error on the right line");
	diag_free(d);
	d = diag_new();
	ok(text_check_encoding("f", "ab\xE6\xB1", 4, d) < 0,
	   "truncated UTF-8 sequence refused");
	ok(text_check_encoding("f", "a\0b", 3, d) < 0, "NUL byte refused");
	ok(text_check_encoding("f", "\xFF\xFEx\0", 4, d) < 0, "UTF-16 refused");
	ok(text_check_encoding("f", "\xC0\xAF", 2, d) < 0, "overlong refused");
	ok(text_check_encoding("f", "\xED\xA0\x80", 3, d) < 0,
	   "surrogate refused");
	is_int(diag_errors(d), 5, "one error per bad file");
	diag_free(d);
}

static void test_controls(void)
{
	diag *d = diag_new();
	is_int(text_check_encoding("a", "a\tb\r\nc\rd\n", 9, d), 0,
	       "tab, CR and LF are text");
	is_int(diag_count(d), 0, "no diagnostics for them");
	const char *s = "\xEF\xBB\xBFok\n\xE6\xB1\x9F\x1B[31m\rx\x7F\xC2\x85\x07";
	ok(text_check_encoding("f.md", s, strlen(s), d) < 0,
	   "control characters refused");
	is_int(diag_errors(d), 4, "each one reported: ESC, DEL, NEL, BEL");
	const diag_item *esc = diag_get(d, 0), *del = diag_get(d, 1),
		       *nel = diag_get(d, 2);
	ok(esc->line == 2 && esc->col == 2, "ESC at 2:2 (after one Chinese "
	   "character)");
	ok(del->line == 3 && del->col == 2, "a lone CR ends line 2: DEL at 3:2");
	ok(nel->line == 3 && nel->col == 3, "C1 control U+0085 at 3:3");
	ok(strstr(esc->msg, "U+001B") != NULL, "the message names the character");
	ok(strstr(nel->msg, "U+0085") != NULL, "C1 named as a code point");
	diag_free(d);
}

static void test_invisible(void)
{
	ok(!utf8_invisible('a') && !utf8_invisible(0x6C5F) &&
	   !utf8_invisible(' '), "ordinary characters are visible");
	is_str(utf8_invisible(0x200B), "zero width space", "ZWSP named");
	ok(utf8_invisible(0x202E) && utf8_invisible(0x2066) &&
	   utf8_invisible(0x200F) && utf8_invisible(0xFEFF) &&
	   utf8_invisible(0x2060) && utf8_invisible(0xE0041),
	   "direction controls, word joiner, BOM, tags");
	ok(!utf8_invisible(0x2029) && !utf8_invisible(0x2065) &&
	   !utf8_invisible(0x3000), "neighbours and the ideographic space are not");
	/* Both ends of every range, and the code points just outside: the
	 * binary search must reach each range. */
	static const uint32_t inside[] = {
		0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E,
		0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061,
		0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xE0000, 0xE007F,
	};
	static const uint32_t outside[] = {
		0x00AC, 0x00AE, 0x034E, 0x0350, 0x061B, 0x061D, 0x180D, 0x180F,
		0x200A, 0x2010, 0x2029, 0x202F, 0x205F, 0x2065, 0x206A, 0xFEFE,
		0xFF00, 0xDFFFF, 0xE0080,
	};
	size_t missed = 0, wrong = 0;
	for (size_t i = 0; i < sizeof inside / sizeof *inside; i++)
		if (!utf8_invisible(inside[i]) && ++missed)
			printf("#   U+%04X is not found\n", (unsigned)inside[i]);
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++)
		if (utf8_invisible(outside[i]) && ++wrong)
			printf("#   U+%04X is found\n", (unsigned)outside[i]);
	is_int(missed, 0, "both ends of every invisible range are found");
	is_int(wrong, 0, "the code points beside each range are not");
	diag *d = diag_new();
	const char *s = "a,b\r\n\xE6\xB1\x9F\xE2\x80\x8B,x\r\xE2\x80\xAEy";
	is_int(text_check_invisible("t.csv", s, strlen(s), 5, d), 2,
	       "two invisible characters");
	const diag_item *a = diag_get(d, 0), *b = diag_get(d, 1);
	ok(a && a->line == 6 && a->col == 2, "U+200B at 6:2 (lines from 5)");
	ok(b && b->line == 7 && b->col == 1, "U+202E at 7:1, after a lone CR");
	ok(a && strstr(a->msg, "U+200B (zero width space)") != NULL,
	   "message names the character");
	diag_free(d);
}

static void test_lines(void)
{
	unsigned line, col;
	const char *s = "ab\r\ncd\ref\ngh";
	text_position(s, strlen(s), 3, &line, &col);
	ok(line == 1 && col == 4, "the LF of CRLF is on its line");
	text_position(s, strlen(s), 4, &line, &col);
	ok(line == 2 && col == 1, "CRLF counts once");
	text_position(s, strlen(s), 7, &line, &col);
	ok(line == 3 && col == 1, "a lone CR ends a line");
	text_position(s, strlen(s), 11, &line, &col);
	ok(line == 4 && col == 2, "and LF");
	ok(text_is_line_end("a\r", 2, 1), "a CR at the end of the text ends a line");
	is_int(utf8_check("ab\xE6\xB1\x9F\xE6\xB1", 7), 5,
	       "first byte that is not UTF-8");
	is_int(utf8_check("\xE6\xB1\x9F", 3), 3, "all UTF-8");
}

static void test_ids_dates_numbers(void)
{
	ok(text_is_id("t001") && text_is_id("agri-water") && text_is_id("9a"),
	   "good ids");
	ok(!text_is_id("") && !text_is_id("-a") && !text_is_id("T1") &&
	   !text_is_id("a_b") && !text_is_id("a b") && !text_is_id("../x"),
	   "bad ids");
	char long_id[66];
	memset(long_id, 'a', 65);
	long_id[65] = '\0';
	ok(!text_is_id(long_id), "65-character id refused");
	long_id[64] = '\0';
	ok(text_is_id(long_id), "64-character id accepted");
	long days;
	ok(text_parse_date("1970-01-01", &days) && days == 0, "epoch day 0");
	ok(text_parse_date("2024-02-29", NULL), "leap day");
	ok(!text_parse_date("2023-02-29", NULL), "no leap day in 2023");
	ok(!text_parse_date("2023-02-30", NULL) && !text_parse_date("2023-13-01", NULL) &&
	   !text_parse_date("2023-6-30", NULL) && !text_parse_date("2023-06-00", NULL),
	   "impossible or malformed dates");
	double v;
	ok(text_parse_number("23701.71", &v) && v == 23701.71, "decimal");
	ok(text_parse_number("-10", &v) && v == -10, "negative");
	ok(!text_parse_number("1,900", NULL) && !text_parse_number("1e3", NULL) &&
	   !text_parse_number("1900亩", NULL) && !text_parse_number(".5", NULL) &&
	   !text_parse_number("", NULL) && !text_parse_number("5.", NULL),
	   "not plain decimals");
	ok(text_parse_number("999999999999999", &v) && v == 999999999999999.0 &&
	   text_parse_number("0.000000000000001", &v) && v == 1e-15 &&
	   text_parse_number("12345678901234.5", NULL),
	   "15 significant digits are kept");
	ok(text_parse_number("1.50000000000000000000", &v) && v == 1.5 &&
	   text_parse_number("0000000000000000000042", &v) && v == 42,
	   "zeros that only lead or trail do not count");
	is_int(text_read_number("999999999999999.999999999999999", NULL),
	       TEXT_NUMBER_PRECISION, "30 digits: would round to 1e15");
	is_int(text_read_number("1234567890123456", NULL), TEXT_NUMBER_PRECISION,
	       "16-digit integer");
	is_int(text_read_number("-0.1234567890123456", NULL),
	       TEXT_NUMBER_PRECISION, "16 significant decimals");
	is_int(text_read_number("0.0000000000000001", NULL),
	       TEXT_NUMBER_PRECISION, "16 decimals");
	is_int(text_read_number("1,5", NULL), TEXT_NUMBER_SYNTAX, "syntax first");
	is_int(text_read_number("-0.5", &v), TEXT_NUMBER_OK, "ok");
	long n;
	ok(text_parse_int("100", 0, 100, &n) && n == 100, "int in range");
	ok(!text_parse_int("101", 0, 100, &n) && !text_parse_int("4.5", 0, 100, &n),
	   "int out of range or not whole");
}

static void test_buf(void)
{
	buf b = BUF_INIT;
	is_str(buf_cstr(&b), "", "empty buffer is an empty string");
	buf_printf(&b, "%d-%s", 42, "x");
	buf_put_html(&b, "<a href=\"x\">&'", 14);
	is_str(b.ptr, "42-x&lt;a href=&quot;x&quot;&gt;&amp;&#39;", "printf and HTML escaping");
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'y');
	is_int(b.len, strlen("42-x&lt;a href=&quot;x&quot;&gt;&amp;&#39;") + 10000, "grows");
	buf t = BUF_INIT;
	buf_puts(&t, "abcdef");
	buf_truncate(&t, 3);
	is_str(t.ptr, "abc", "truncate shortens");
	buf_truncate(&t, 10);
	ok(t.len == 3 && !strcmp(t.ptr, "abc"), "truncate to a longer length "
	   "changes nothing");
	buf_clear(&t);
	ok(t.len == 0 && !*t.ptr, "clear empties");
	buf_free(&t);
	char *s = buf_detach(&b);
	ok(b.ptr == NULL && b.len == 0 && s[0] == '4', "detach hands over storage");
	free(s);
}

int main(void)
{
	test_encoding();
	test_controls();
	test_invisible();
	test_lines();
	test_ids_dates_numbers();
	test_buf();
	return done_testing();
}
