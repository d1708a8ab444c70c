/* Unit tests: diag.c (ordering, printing, escaping, the per-file cap,
 * spreadsheet cells). */
#include "buf.h"
#include "diag.h"
#include "tap.h"

#include <stdlib.h>

static char *printed(const diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diag_print(d, f);
	fclose(f);
	return text;
}

static void test_order_and_format(void)
{
	diag *d = diag_new();
	diag_error(d, "b.csv", 2, 5, "second %s", "file");
	diag_warn(d, "a.csv", 9, 0, "late line");
	diag_error(d, "a.csv", 3, 1, "early line");
	diag_error(d, "", 0, 0, "no file");
	diag_sort(d);
	char *out = printed(d);
	is_str(out, "error: no file\n"
		    "a.csv:3:1: error: early line\n"
		    "a.csv:9: warning: late line\n"
		    "b.csv:2:5: error: second file\n"
		    "3 errors, 1 warning\n", "sorted compiler-style output");
	free(out);
	diag_free(d);
}

/* A spreadsheet's cells: column letters past Z, rows in number order. */
static void test_cells(void)
{
	diag *d = diag_new();
	diag_cell_error(d, "l.xlsx", "任务", 14, 9, "progress %d", 140);
	diag_cell_error(d, "l.xlsx", "任务", 2, 27, "in AA");
	diag_cell_error(d, "l.xlsx", "任务", 3, 702, "in ZZ");
	diag_cell_error(d, "l.xlsx", "任务", 3, 703, "in AAA");
	diag_cell_error(d, "l.xlsx", "指标", 0, 0, "the whole sheet");
	diag_sort(d);
	char *out = printed(d);
	is_str(out, "l.xlsx:任务!AA2: error: in AA\n"
		    "l.xlsx:任务!ZZ3: error: in ZZ\n"
		    "l.xlsx:任务!AAA3: error: in AAA\n"
		    "l.xlsx:任务!I14: error: progress 140\n"
		    "l.xlsx:指标: error: the whole sheet\n"
		    "5 errors, 0 warnings\n", "cells as sheet!D14, in row order");
	free(out);
	diag_free(d);
}

static void test_cap(void)
{
	diag *d = diag_new();
	for (unsigned i = 1; i <= DIAG_MAX_PER_FILE + 50; i++)
		diag_error(d, "big.csv", i, 1, "bad row");
	diag_warn(d, "other.csv", 1, 1, "still shown");
	is_int(diag_errors(d), DIAG_MAX_PER_FILE + 50, "every error counted");
	is_int(diag_count(d), DIAG_MAX_PER_FILE + 1, "only the first per file kept");
	char *out = printed(d);
	ok(strstr(out, "big.csv: note: 50 more problems in this file not shown\n")
	   != NULL, "hidden problems summarised");
	ok(strstr(out, "other.csv:1:1: warning: still shown") != NULL,
	   "other files unaffected");
	free(out);
	diag_free(d);
}

/* Content quoted in a message cannot forge a line, a CI command, a
 * terminal escape or hidden text. */
static void test_escaping(void)
{
	diag *d = diag_new();
	diag_error(d, "a\n::error file=x::forged.csv", 1, 2,
		   "'%s' is not a number", "1\nb.csv:9:9: error: forged\r\t");
	diag_warn(d, "t.csv", 3, 0, "ESC \x1B[2J DEL \x7F NEL \xC2\x85 "
		  "RLO \xE2\x80\xAE ZWSP \xE2\x80\x8B LS \xE2\x80\xA8 bad \xE6\xB1 "
		  "\xFF ok \xE6\xB1\x9F \\n");
	char *out = printed(d);
	is_str(out, "a\\n::error file=x::forged.csv:1:2: error: '1\\nb.csv:9:9: "
		    "error: forged\\r\\t' is not a number\n"
		    "t.csv:3: warning: ESC \\x1B[2J DEL \\x7F NEL \\u0085 RLO "
		    "\\u202E ZWSP \\u200B LS \\u2028 bad \\xE6\\xB1 \\xFF ok "
		    "\xE6\xB1\x9F \\n\n"
		    "1 error, 1 warning\n", "control and invisible characters escaped");
	free(out);
	buf line = BUF_INIT;
	diag_format_item(diag_get(d, 0), &line);
	ok(!strchr(line.ptr, '\r') && strchr(line.ptr, '\n') == line.ptr + line.len - 1,
	   "diag_format_item: one line");
	buf_free(&line);
	diag_free(d);
	d = diag_new();
	for (unsigned i = 0; i <= DIAG_MAX_PER_FILE; i++)
		diag_error(d, "x\x1B]0;pwned\x07.csv", i + 1, 1, "bad");
	out = printed(d);
	ok(strstr(out, "x\\x1B]0;pwned\\x07.csv: note: 1 more problems") != NULL &&
	   !strchr(out, '\x1B'), "the note names the file escaped");
	free(out);
	diag_free(d);
}

int main(void)
{
	test_order_and_format();
	test_escaping();
	test_cap();
	test_cells();
	return done_testing();
}
