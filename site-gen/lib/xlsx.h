/* xlsx.h - the cells of an XLSX workbook, as Excel, WPS and LibreOffice
 * write it (wraps libzip and libxml2).
 *
 * The parts are found through the package's relationships (_rels/.rels,
 * the workbook's .rels), so shared strings and styles may have any name.
 * Elements are matched by local name and namespace (the transitional or
 * the strict SpreadsheetML namespace), with or without a prefix.
 * Everything returned lives in the arena given to xlsx_read. Hostile input
 * is refused, never followed: parts over XLSX_MAX_PART bytes uncompressed,
 * workbooks over XLSX_MAX_BOOK, cells beyond Excel's 1,048,576 rows and
 * 16,384 columns, a shared string that does not exist; no entity is
 * expanded and nothing is fetched from the network.
 */
#ifndef SG_XLSX_H
#define SG_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define XLSX_MAX_PART (64u * 1024 * 1024)   /* one part, uncompressed */
#define XLSX_MAX_BOOK (256u * 1024 * 1024)  /* all parts read, together */
#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_COLS 16384u

typedef enum { XLSX_STRING, XLSX_NUMBER, XLSX_BOOL, XLSX_DATE, XLSX_ERROR } xlsx_kind;

typedef struct xlsx_cell {
	unsigned row, col;     /* 1-based: A1 is row 1, col 1 */
	xlsx_kind kind;
	/* STRING: the text (rich-text runs joined; phonetic <rPh> runs left
	 *   out; shared or inline strings; a formula's cached string,
	 *   t="str"); may be "" when the file writes an empty string;
	 * NUMBER: the number as the file writes it ("14", "12.5", "1E-3");
	 * BOOL: "TRUE" or "FALSE"; ERROR: "#N/A", "#VALUE!" …;
	 * DATE: "YYYY-MM-DD" for a whole serial, "YYYY-MM-DDTHH:MM:SS" with
	 *   a time part (rounded to the second). Serial 60 of the 1900
	 *   system is Excel's 1900-02-29. A number in a date format that is
	 *   no date (negative, after 9999-12-31) stays a NUMBER. */
	const char *text;
	double number;         /* NUMBER, DATE (the serial), BOOL (0 or 1) */
} xlsx_cell;

typedef struct xlsx_range { unsigned row1, col1, row2, col2; } xlsx_range;  /* merged cells, inclusive */

typedef struct xlsx_sheet {
	const char *name;      /* as in workbook.xml, UTF-8 */
	bool hidden;           /* state="hidden" or "veryHidden" */
	const xlsx_cell *cells;   /* sorted by row, then col; cells without a value are left out */
	size_t n_cells;
	const xlsx_range *merged;
	size_t n_merged;
} xlsx_sheet;

typedef struct xlsx_book {
	const xlsx_sheet *sheets;  /* in workbook order; a chart sheet has no cells */
	size_t n_sheets;
	bool date1904;
} xlsx_book;

/* Read the workbook `path`. Everything returned lives in arena `a`.
 * Returns NULL after errors in `d`, reported at `path` (e.g. "ledger.xlsx:
 * error: not an XLSX workbook (not a ZIP archive)", "…: the part
 * xl/worksheets/sheet1.xml is not well-formed XML (line 3: …)"); reading
 * stops at the first error. Text is UTF-8; "_xHHHH_" escapes are decoded.
 * Safe to call from several threads at once on different arenas, once
 * the calling program's main thread has called it or xmlInitParser(). */
xlsx_book *xlsx_read(const char *path, arena *a, diag *d);

/* The cell at row, col, or NULL when it has no value (binary search). */
const xlsx_cell *xlsx_cell_at(const xlsx_sheet *s, unsigned row, unsigned col);

/* The sheet named `name` (exactly, bytewise), or NULL. */
const xlsx_sheet *xlsx_sheet_named(const xlsx_book *b, const char *name);

/* A cell's name, "D14", "AA3". */
void xlsx_cell_name(unsigned row, unsigned col, char out[16]);

/* Whether the number format `code` (numFmt formatCode) shows a date or a
 * time: d, m, y, h or s outside quoted text, backslash escapes and [..]
 * sections ([h], [mm], [ss] elapsed times count). */
bool xlsx_format_is_date(const char *code);

/* The serial `serial` of the 1900 (or 1904) date system as "YYYY-MM-DD",
 * or "YYYY-MM-DDTHH:MM:SS" when it has a time part (to the second). False
 * (and `out` "") when it is no date: negative, not finite, after
 * 9999-12-31. */
bool xlsx_serial_text(double serial, bool date1904, char out[24]);

#endif
