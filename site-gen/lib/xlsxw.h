/* xlsxw.h - write an XLSX workbook with libxlsxwriter: sheets of text,
 * numbers and dates in a few fixed styles, drop-down and range checks on
 * input cells, frozen headers and protected read-only cells. The one file
 * that uses libxlsxwriter; its errors become ours.
 *
 * The file is written under a hidden temporary name beside `path` and
 * renamed into place by xlsxw_close, so a failed run leaves no half-written
 * workbook. Output is deterministic: the document's creation time is the
 * one given, and libxlsxwriter dates the archive's entries 1980-01-01.
 *
 * Rows and columns count from 0, as in libxlsxwriter. */
#ifndef SG_XLSXW_H
#define SG_XLSXW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"

typedef enum {
	XLSXW_HEADER,        /* bold, wrapped, shaded; locked */
	XLSXW_FIXED,         /* grey read-only text, wrapped; locked */
	XLSXW_FIXED_DATE,    /* the same, a date shown yyyy-mm-dd */
	XLSXW_INPUT,         /* for the reader to fill in; unlocked */
	XLSXW_INPUT_DATE,    /* an input date, yyyy-mm-dd */
	XLSXW_NOTE,          /* plain wrapped text (instructions) */
	XLSXW_STYLES
} xlsxw_style;

typedef struct xlsxw xlsxw;

/* Start a workbook for `path`, titled `title`, created at `created`.
 * Returns NULL after an error in `d`. */
xlsxw *xlsxw_new(const char *path, const char *title, time_t created,
		 diag *d);

/* Add a sheet named `name` (at most 31 characters, no []:*?/\); the
 * writes below go to it. Returns 0, or -1 after an error. */
int xlsxw_sheet(xlsxw *w, const char *name);

/* Column `col` of the current sheet: its width in characters (a Chinese
 * character counts two) and the style of its empty cells. */
void xlsxw_column(xlsxw *w, unsigned col, double width, xlsxw_style st);

void xlsxw_text(xlsxw *w, unsigned row, unsigned col, const char *s,
		xlsxw_style st);
void xlsxw_number(xlsxw *w, unsigned row, unsigned col, double v,
		  xlsxw_style st);
/* An empty cell with a style: an input cell stays unlocked in programs
 * that ignore the column's style. */
void xlsxw_blank(xlsxw *w, unsigned row, unsigned col, xlsxw_style st);
/* A date cell from "YYYY-MM-DD" (callers pass valid dates). */
void xlsxw_date(xlsxw *w, unsigned row, unsigned col, const char *ymd,
		xlsxw_style st);

/* Checks on the cells of column `col` from row `first` to `last`, with a
 * message shown when a cell is chosen (`hint`) and one when a value is
 * refused (`refusal`). */
void xlsxw_check_list(xlsxw *w, unsigned col, unsigned first, unsigned last,
		      const char *const *items, size_t n, const char *hint,
		      const char *refusal);
void xlsxw_check_whole(xlsxw *w, unsigned col, unsigned first, unsigned last,
		       long min, long max, const char *hint,
		       const char *refusal);
void xlsxw_check_decimal(xlsxw *w, unsigned col, unsigned first,
			 unsigned last, const char *hint, const char *refusal);
void xlsxw_check_date(xlsxw *w, unsigned col, unsigned first, unsigned last,
		      const char *hint, const char *refusal);

/* Make row `row` of the current sheet `lines` lines of text high: Excel,
 * WPS and LibreOffice do not all fit wrapped text themselves. */
void xlsxw_row_lines(xlsxw *w, unsigned row, unsigned lines);

/* Print the current sheet on A4 landscape, as wide as one page, the
 * first `rows` rows repeated on every page. */
void xlsxw_print_wide(xlsxw *w, unsigned rows);

/* Freeze the first `rows` rows and `cols` columns of the current sheet. */
void xlsxw_freeze(xlsxw *w, unsigned rows, unsigned cols);
/* Protect the current sheet without a password: locked cells cannot be
 * changed, but columns may still be resized or hidden, and rows sorted
 * and filtered. */
void xlsxw_protect(xlsxw *w);

/* Write the workbook and rename it into place; free `w`. Returns 0, or -1
 * after an error in `d` (then no file is left at `path`'s new name). */
int xlsxw_close(xlsxw *w, diag *d);

#endif
