/* Unit tests: xlsx.c (XLSX workbooks through libzip and libxml2).
 * Without arguments: names, date formats, serials, unreadable files.
 * With a folder (tests/suites/49-xlsx-read makes it): workbooks written by
 * openpyxl and LibreOffice, hand-made ones, and hostile ones. */
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "tap.h"
#include "xlsx.h"

static const char *dir;

static const char *path_of(const char *name)
{
	static char p[4096];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static const xlsx_cell *at(const xlsx_sheet *s, unsigned row, unsigned col)
{
	return s ? xlsx_cell_at(s, row, col) : NULL;
}

static const char *text(const xlsx_sheet *s, unsigned row, unsigned col)
{
	const xlsx_cell *c = at(s, row, col);
	return c ? c->text : NULL;
}

static int kind(const xlsx_sheet *s, unsigned row, unsigned col)
{
	const xlsx_cell *c = at(s, row, col);
	return c ? (int)c->kind : -1;
}

static double number(const xlsx_sheet *s, unsigned row, unsigned col)
{
	const xlsx_cell *c = at(s, row, col);
	return c ? c->number : -1e300;
}

static const char *serial(double v, bool date1904)
{
	static char out[24];
	return xlsx_serial_text(v, date1904, out) ? out : "(no date)";
}

/* Reading `path` fails with one error at `path` whose message has `want`. */
static void refused(const char *path, const char *want, const char *what)
{
	arena *a = arena_new();
	diag *d = diag_new();
	xlsx_book *b = xlsx_read(path, a, d);
	const diag_item *it = diag_count(d) ? diag_get(d, 0) : NULL;
	if (!ok(!b && diag_errors(d) == 1 && it && strcmp(it->file, path) == 0 &&
		strstr(it->msg, want), "%s", what))
		printf("#   book %p, %zu errors, first: %s (want \"%s\")\n", (void *)b,
		       diag_errors(d), it ? it->msg : "(none)", want);
	diag_free(d);
	arena_free(a);
}

static void pure(void)
{
	char name[16];
	xlsx_cell_name(14, 4, name);
	is_str(name, "D14", "cell name D14");
	xlsx_cell_name(3, 27, name);
	is_str(name, "AA3", "cell name AA3");
	xlsx_cell_name(1048576, 16384, name);
	is_str(name, "XFD1048576", "the last cell Excel has");
	xlsx_cell_name(1, 703, name);
	is_str(name, "AAA1", "column 703 is AAA");

	ok(xlsx_format_is_date("yyyy-mm-dd"), "yyyy-mm-dd is a date");
	ok(xlsx_format_is_date("yyyy\\-mm\\-dd"), "LibreOffice's yyyy\\-mm\\-dd is a date");
	ok(xlsx_format_is_date("yyyy\"年\"m\"月\"d\"日\""), "a CJK date with quoted text");
	ok(xlsx_format_is_date("h:mm AM/PM"), "a time is a date");
	ok(xlsx_format_is_date("[h]:mm:ss"), "[h]: elapsed hours");
	ok(xlsx_format_is_date("[$-409]mmmm d, yyyy"), "a locale section, then a date");
	ok(!xlsx_format_is_date("General"), "General is not a date");
	ok(!xlsx_format_is_date("#,##0.00"), "a number format is not a date");
	ok(!xlsx_format_is_date("0.00 \"days\""), "d, y, s in quoted text do not count");
	ok(!xlsx_format_is_date("[Red]0.00;\\-0.00"), "[Red] is not a date");
	ok(!xlsx_format_is_date("\\d\\m 0"), "escaped d and m do not count");
	ok(!xlsx_format_is_date("#,##0_);(#,##0)"), "a padding character does not count");
	ok(!xlsx_format_is_date("@"), "text is not a date");

	is_str(serial(1, false), "1900-01-01", "serial 1 is 1900-01-01");
	is_str(serial(59, false), "1900-02-28", "serial 59 is 1900-02-28");
	is_str(serial(60, false), "1900-02-29", "serial 60 is Excel's 1900-02-29");
	is_str(serial(61, false), "1900-03-01", "serial 61 is 1900-03-01");
	is_str(serial(45366, false), "2024-03-15", "serial 45366 is 2024-03-15");
	is_str(serial(45366.5, false), "2024-03-15T12:00:00", "a time part");
	is_str(serial(45366.999999999, false), "2024-03-16", "rounded to the second");
	is_str(serial(2958465, false), "9999-12-31", "the last date");
	is_str(serial(2958466, false), "(no date)", "after 9999-12-31: no date");
	is_str(serial(-1, false), "(no date)", "a negative serial: no date");
	is_str(serial(0, true), "1904-01-01", "1904 system: serial 0 is 1904-01-01");
	is_str(serial(1462, true), "1908-01-02", "1904 system: no fictitious leap day");

	refused("/nonexistent/ledger.xlsx", "cannot read the workbook", "a missing file");
	char tmpl[] = "/tmp/test_xlsx_XXXXXX";
	int fd = mkstemp(tmpl);
	ok(fd >= 0 && write(fd, "id,name\n", 8) == 8, "a CSV file written");
	if (fd >= 0)
		close(fd);
	refused(tmpl, "not an XLSX workbook (not a ZIP archive)", "a CSV is not a workbook");
	unlink(tmpl);
}

static void openpyxl(arena *a)
{
	diag *d = diag_new();
	xlsx_book *b = xlsx_read(path_of("openpyxl.xlsx"), a, d);
	ok(b && b->n_sheets == 2 && !b->date1904, "openpyxl: two sheets, 1900 system");
	is_int(diag_count(d), 0, "openpyxl: no diagnostics");
	diag_free(d);
	if (!b)
		return;
	const xlsx_sheet *s = xlsx_sheet_named(b, "数据");
	ok(s == &b->sheets[0] && !s->hidden, "the first sheet, by its Chinese name, shown");
	ok(b->sheets[1].hidden && strcmp(b->sheets[1].name, "隐藏") == 0, "the second is hidden");
	is_str(text(&b->sheets[1], 1, 1), "secret", "the hidden sheet's cell");
	is_str(text(s, 1, 1), "名称", "Chinese text");
	is_str(text(s, 2, 1), "第一行\n第二行", "a line break kept");
	ok(kind(s, 2, 2) == XLSX_NUMBER && number(s, 2, 2) == 14, "an integer");
	is_str(text(s, 2, 2), "14", "an integer as written");
	ok(kind(s, 3, 2) == XLSX_NUMBER && number(s, 3, 2) == 12.5, "a float");
	is_str(text(s, 3, 2), "12.5", "a float as written");
	ok(kind(s, 2, 3) == XLSX_DATE && number(s, 2, 3) == 45366, "yyyy-mm-dd: a date, serial 45366");
	is_str(text(s, 2, 3), "2024-03-15", "the date's text");
	ok(kind(s, 3, 3) == XLSX_DATE, "a CJK custom format is a date");
	is_str(text(s, 3, 3), "2024-03-15T08:30:00", "a date with a time");
	is_str(text(s, 4, 3), "2024-02-29", "a built-in date format (14)");
	is_str(text(s, 5, 3), "1900-02-28", "1900-02-28 before Excel's leap day");
	is_str(text(s, 6, 3), "1900-03-01", "1900-03-01 after it");
	ok(kind(s, 2, 4) == XLSX_BOOL && number(s, 2, 4) == 1, "a bool");
	is_str(text(s, 2, 4), "TRUE", "TRUE");
	ok(!at(s, 2, 5), "a formula without a cached value has no cell");
	ok(!at(s, 1, 2), "an empty cell has none");
	ok(s->n_merged == 1 && s->merged[0].row1 == 5 && s->merged[0].col1 == 1 &&
	   s->merged[0].row2 == 6 && s->merged[0].col2 == 2, "merged A5:B6");
	bool sorted = true;
	for (size_t i = 1; i < s->n_cells; i++)
		sorted = sorted && (s->cells[i - 1].row < s->cells[i].row ||
				    (s->cells[i - 1].row == s->cells[i].row &&
				     s->cells[i - 1].col < s->cells[i].col));
	ok(sorted && s->n_cells == 11, "11 cells, sorted by row then column (%zu)", s->n_cells);
}

static void libreoffice(arena *a)
{
	diag *d = diag_new();
	xlsx_book *b = xlsx_read(path_of("lo.xlsx"), a, d);
	ok(b && b->n_sheets == 1, "LibreOffice: one sheet");
	is_int(diag_count(d), 0, "LibreOffice: no diagnostics");
	diag_free(d);
	if (!b)
		return;
	const xlsx_sheet *s = &b->sheets[0];
	is_str(s->name, "lo", "named after the CSV");
	is_str(text(s, 1, 2), "名称", "a shared string");
	ok(kind(s, 2, 1) == XLSX_DATE && number(s, 2, 1) == 45366,
	   "a date in LibreOffice's yyyy\\-mm\\-dd style");
	is_str(text(s, 2, 1), "2024-03-15", "its text");
	is_str(text(s, 3, 1), "2023-12-31", "the second date");
	is_str(text(s, 3, 2), "两行\n文字", "a line break in a shared string");
	ok(kind(s, 2, 3) == XLSX_NUMBER, "a number in LibreOffice's custom General is no date");
	is_str(text(s, 2, 3), "14", "its text");
	is_str(text(s, 3, 3), "12.5", "a float");
}

static void hand(arena *a)
{
	diag *d = diag_new();
	xlsx_book *b = xlsx_read(path_of("hand.xlsx"), a, d);
	ok(b && b->n_sheets == 3, "x: prefixes, renamed parts: three sheets");
	is_int(diag_count(d), 0, "no diagnostics");
	diag_free(d);
	if (!b)
		return;
	const xlsx_sheet *s = &b->sheets[0];
	is_str(text(s, 1, 1), "粗体 常规", "rich text runs joined, phonetic run left out");
	ok(kind(s, 1, 2) == XLSX_NUMBER && number(s, 1, 2) == 0.001,
	   "a cell without r takes the next column");
	is_str(text(s, 1, 2), "1E-3", "a number as written");
	ok(kind(s, 1, 3) == XLSX_BOOL && number(s, 1, 3) == 0, "FALSE");
	is_str(text(s, 1, 3), "FALSE", "FALSE's text");
	ok(kind(s, 1, 4) == XLSX_ERROR, "an error value");
	is_str(text(s, 1, 4), "#N/A", "#N/A");
	ok(kind(s, 1, 5) == XLSX_STRING, "a formula's cached string");
	is_str(text(s, 1, 5), "文本", "its text");
	is_str(text(s, 1, 6), "inline", "an inline string");
	ok(kind(s, 1, 7) == XLSX_DATE && number(s, 1, 7) == 45351.5, "t=\"d\": a date, its serial");
	is_str(text(s, 1, 7), "2024-02-29T12:00:00", "t=\"d\": its text");
	ok(kind(s, 1, 8) == XLSX_DATE, "built-in 57 (CJK) is a date");
	is_str(text(s, 1, 8), "2024-02-29", "its text");
	ok(kind(s, 1, 9) == XLSX_DATE, "[h]:mm is a date");
	is_str(text(s, 1, 9), "1900-01-01T12:00:00", "its text");
	ok(kind(s, 1, 10) == XLSX_NUMBER, "0.00 \"days\" is no date");
	ok(kind(s, 1, 11) == XLSX_NUMBER, "[Red]0.00 is no date");
	is_str(text(s, 1, 12), "1900-02-29", "serial 60 in a date format");
	is_str(text(s, 1, 13), "1900-03-01", "serial 61 in a date format");
	ok(kind(s, 1, 14) == XLSX_NUMBER, "a custom General is no date");
	ok(!at(s, 1, 15), "<c/> has no value, no cell");
	is_str(text(s, 2, 1), "a\r\nb", "_x000D_ decoded, the line break kept");
	is_str(text(s, 2, 2), "_x000D_ \xF0\x9F\x98\x80 _xD800_ \xC3\xA9",
	       "_x005F_ escapes _, a surrogate pair joined, a lone one kept");
	is_str(text(s, 9, 27), "42", "row 9 after a row without r; AA9; spaces trimmed");
	ok(s->n_cells == 17, "17 cells (%zu)", s->n_cells);
	ok(s->n_merged == 1 && s->merged[0].row1 == 2 && s->merged[0].col1 == 2 &&
	   s->merged[0].row2 == 3 && s->merged[0].col2 == 3, "merged C3:B2 as B2:C3");
	ok(b->sheets[1].n_cells == 0 && !b->sheets[1].hidden && strcmp(b->sheets[1].name, "Chart") == 0,
	   "a chart sheet: no cells");
	ok(b->sheets[2].hidden && b->sheets[2].n_cells == 0, "veryHidden is hidden");
	ok(!xlsx_sheet_named(b, "one"), "sheet names are exact");

	d = diag_new();
	b = xlsx_read(path_of("d1904.xlsx"), a, d);
	ok(b && b->date1904, "date1904=\"true\"");
	diag_free(d);
	if (!b)
		return;
	is_str(text(&b->sheets[0], 1, 1), "1908-01-02", "a 1904 serial");
	ok(number(&b->sheets[0], 1, 2) == 43904, "t=\"d\" in the 1904 system: serial 43904");
}

static void hostile(arena *a)
{
	refused(path_of("notzip.xlsx"), "not an XLSX workbook (not a ZIP archive)", "not a ZIP");
	refused(path_of("nowb.xlsx"), "not an XLSX workbook (no xl/workbook.xml)",
		"a ZIP without xl/workbook.xml");
	refused(path_of("badxml.xlsx"),
		"the part xl/worksheets/sheet1.xml is not well-formed XML (line 4: ",
		"malformed XML in a sheet: the part and the line");
	refused(path_of("sstrange.xlsx"),
		"sheet \"S\", cell A1: shared string 1 does not exist (the workbook has 1)",
		"a shared string one past the last");
	refused(path_of("collimit.xlsx"), "cell XFE1 is beyond Excel's limits", "column 16,385");
	refused(path_of("rowlimit.xlsx"), "row 1048577 is not a row within Excel's limits",
		"row 1,048,577");
	refused(path_of("dup.xlsx"), "cell B1 is written twice", "a cell written twice");
	refused(path_of("badnum.xlsx"), "cell A1: \"0x1p3\" is not a number", "a hex float");
	refused(path_of("nosheetpart.xlsx"),
		"the part xl/worksheets/gone.xml of sheet \"S\" is missing", "a missing sheet part");
	refused(path_of("bomb.xlsx"),
		"the part xl/worksheets/sheet1.xml is larger than 64 MiB uncompressed (refused)",
		"a ZIP bomb (100 MiB of zeros)");
	refused(path_of("bomb-lies.xlsx"), "xl/worksheets/sheet1.xml",
		"a ZIP bomb whose sizes lie: an error about the part");

	diag *d = diag_new();
	xlsx_book *b = xlsx_read(path_of("entity.xlsx"), a, d);
	const char *t = b ? text(&b->sheets[0], 1, 1) : NULL;
	ok(t && !strstr(t, "boom") && !strstr(t, "root:"), "entities are not expanded (%s)",
	   t ? t : "no cell");
	diag_free(d);
}

int main(int argc, char **argv)
{
	pure();
	if (argc > 1) {
		dir = argv[1];
		arena *a = arena_new();
		if (access(path_of("openpyxl.xlsx"), R_OK) == 0)
			openpyxl(a);
		else
			skip("no openpyxl.xlsx (python3-openpyxl missing)", "openpyxl's workbook");
		if (access(path_of("lo.xlsx"), R_OK) == 0)
			libreoffice(a);
		else
			skip("no lo.xlsx (LibreOffice Calc missing)", "LibreOffice's workbook");
		hand(a);
		hostile(a);
		arena_free(a);
	}
	return done_testing();
}
