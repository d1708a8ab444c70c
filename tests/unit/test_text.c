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
	char *s = buf_detach(&b);
	ok(b.ptr == NULL && b.len == 0 && s[0] == '4', "detach hands over storage");
	free(s);
}

int main(void)
{
	test_encoding();
	test_ids_dates_numbers();
	test_buf();
	return done_testing();
}
