/* Unit tests: diag.c (ordering, printing, the per-file cap). */
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

int main(void)
{
	test_order_and_format();
	test_cap();
	return done_testing();
}
