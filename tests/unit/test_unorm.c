/* Unit tests: unorm.c's text widths (the ledger's row heights). */
#include "tap.h"
#include "unorm.h"

static void test_lines(void)
{
	ok(unorm_lines("", 10) == 1, "empty text: one line");
	ok(unorm_lines("abcdefghij", 10) == 1, "ten narrow characters fit ten columns");
	ok(unorm_lines("abcdefghijk", 10) == 2, "the eleventh wraps");
	ok(unorm_lines("粮食播种", 8) == 1, "four Chinese characters take eight columns");
	ok(unorm_lines("粮食播种面", 8) == 2, "a fifth wraps");
	ok(unorm_lines("a\nb\n\nc", 10) == 4, "each line break starts a line, empty ones too");
	ok(unorm_lines("粮食播种面积\nab", 4) == 4, "wrapped lines and breaks add up");
	ok(unorm_lines("\xff\xfe", 1) == 2, "invalid bytes count one column each");
	ok(unorm_lines("abc", 0) == 3, "zero columns: one per character, no division by zero");
}

int main(void)
{
	test_lines();
	return done_testing();
}
