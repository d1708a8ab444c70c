/* Unit tests: table.c (CSV through libcsv, with positions). */
#include "diag.h"
#include "table.h"
#include "tap.h"

static table *parse(const char *s, diag *d)
{
	return table_parse("t.csv", s, strlen(s), d);
}

int main(void)
{
	diag *d = diag_new();
	table *t = parse("id,text\r\nt1,\"a,b\"\r\nt2,\"say \"\"hi\"\"\"\r\n", d);
	ok(t && t->ncols == 2 && t->nrows == 2, "CRLF table with header");
	is_str(t->rows[0].cells[1].text, "a,b", "quoted comma");
	is_str(t->rows[1].cells[1].text, "say \"hi\"", "doubled quotes");
	is_int(t->rows[1].line, 3, "row line");
	is_int(t->rows[1].cells[1].col, 4, "cell column");
	is_int(table_column(t, "text"), 1, "column lookup");
	is_int(table_column(t, "nope"), -1, "missing column");
	table_free(t);

	t = parse("\xEF\xBB\xBFid,name\n\xE6\xB1\x9F,\xE6\xB5\xB7x\n", d);
	is_str(t->header[0].text, "id", "BOM not part of the first header");
	is_int(t->rows[0].cells[1].col, 3, "columns count characters, not bytes");
	table_free(t);

	t = parse("id,text\nt1,\"line one\nline two\"\nt2,x\n", d);
	is_str(t->rows[0].cells[1].text, "line one\nline two", "multi-line cell");
	is_int(t->rows[0].cells[1].line, 2, "a multi-line cell's line");
	is_int(t->rows[0].cells[1].col, 4, "and column: where it starts");
	is_int(t->rows[1].line, 4, "line after a multi-line cell");
	table_free(t);

	/* Row ends: offsets in the text given, BOM included; the last row
	 * may end at the end of the text. */
	t = parse("\xEF\xBB\xBFid,t\r\nt1,\"a\nb\"\r\nt2,c", d);
	is_int(t->header_end, 8, "header end: after its CR, BOM counted");
	is_int(t->rows[0].end, 18, "row end: after the CR that ended it");
	is_int(t->rows[1].end, 23, "row end: the end of the text");
	table_free(t);
	const char *cut = "\nt3,\"x\ny\"\n\nt4,z\n";
	t = table_parse_rows("cut.csv", cut, strlen(cut), 7, d);
	ok(t && t->nrows == 2 && !t->header, "rows without a header");
	is_str(t->rows[0].cells[1].text, "x\ny", "a multi-line cell in a cut");
	is_int(t->rows[1].line, 11, "lines counted from the cut's first");
	is_int(t->rows[1].end, (long long)strlen(cut), "row end in the cut");
	table_free(t);
	t = table_parse_rows("cut.csv", "", 0, 1, d);
	ok(t && t->nrows == 0, "an empty cut has no rows, and no error");
	table_free(t);
	is_int(diag_count(d), 0, "no diagnostics so far");

	t = parse("id,text\nt1\nt2,x,y\n", d);
	is_int(diag_errors(d), 2, "short and long rows reported");
	is_int(diag_get(d, 1)->line, 3, "long row on line 3");
	table_free(t);

	diag_free(d);
	d = diag_new();
	t = parse("id,text\nt1,ok\nt2,\"bad\"x\nt3,z\n", d);
	ok(t && t->nrows == 1, "rows before a syntax error are kept");
	is_int(diag_get(d, 0)->line, 3, "syntax error line");
	table_free(t);
	ok(parse("", d) == NULL, "empty file refused");
	ok(strstr(diag_get(d, 1)->msg, "header") != NULL, "empty file message");
	t = parse("id\n\"never closed\n", d);
	ok(strstr(diag_get(d, 2)->msg, "not closed") != NULL,
	   "unterminated quote at end of file");
	table_free(t);
	ok(!table_parse_rows("cut.csv", "t5,\"open\n", 10, 1, d),
	   "a cut ending inside a quoted cell is refused");
	ok(!table_parse_rows("cut.csv", "\xEF\xBB\xBFt5,x\n", 8, 1, d),
	   "a cut cannot start with a BOM");
	diag_free(d);

	/* Excel for Mac ends lines with a lone CR. */
	d = diag_new();
	t = parse("id,text\rt1,a\rt2,\"two\rlines\"\rt3,\xE6\xB1\x9F,x\r", d);
	ok(t && t->nrows == 3, "CR-only table");
	is_int(t->rows[1].line, 3, "CR-only: row line");
	is_int(t->rows[2].line, 5, "CR-only: line after a multi-line cell");
	is_int(t->rows[2].cells[2].col, 6, "CR-only: column");
	is_int(diag_errors(d), 1, "the long row reported");
	is_int(diag_get(d, 0)->line, 5, "on its own line, not line 1");
	table_free(t);
	cut = "t1,\"a\rb\",c\rt2,\"x\",\"y\rz\"\r";
	t = table_parse_rows("cut.csv", cut, strlen(cut), 4, d);
	ok(t && t->nrows == 2, "a CR-only cut");
	is_int(t->rows[1].cells[2].line, 6, "cut, CR-only: a multi-line cell's line");
	is_int(t->rows[1].cells[2].col, 8, "and column");
	table_free(t);
	t = parse("id,text\rt1,\"never closed\r\r", d);
	is_int(diag_get(d, 1)->line, 4, "CR-only: error at the end of the file");
	table_free(t);
	diag_free(d);

	d = diag_new();
	t = parse("id,name\nu1,\xE6\xB0\xB4\xE5\x8A\xA1\xE5\xB1\x80\n"
		  "u2,\xE6\xB0\xB4\xE2\x80\x8B\xE5\x8A\xA1\xE5\xB1\x80\n"
		  "u3,\"x\n\xE2\x80\xAEy\"\n", d);
	ok(t && t->nrows == 3, "invisible characters: the table is still read");
	is_int(diag_errors(d), 2, "each invisible character reported");
	const diag_item *zwsp = diag_get(d, 0), *rlo = diag_get(d, 1);
	ok(zwsp && zwsp->line == 3 && zwsp->col == 5, "zero width space at 3:5");
	ok(rlo && rlo->line == 5 && rlo->col == 1,
	   "right-to-left override in a multi-line cell at 5:1");
	table_free(t);
	t = parse("id,name\nu1,a\x1B[31mb\n", d);
	ok(!t, "control character refused");
	table_free(t);
	const diag_item *esc = diag_get(d, 2);
	ok(esc && esc->line == 2 && esc->col == 5 && strstr(esc->msg, "U+001B"),
	   "at 2:5");
	diag_free(d);
	return done_testing();
}
