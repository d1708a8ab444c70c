/* diag.h - the one place that collects errors and warnings.
 *
 * Every stage reports problems here instead of printing or stopping, so that
 * a run can report all problems at once, compiler-style:
 *     path:line:col: error: message
 * A `diag` owns copies of every string passed to it. Line and column are
 * 1-based; 0 means "not known" and is left out of the printed form.
 * It is safe to report from several threads at once.
 */
#ifndef SG_DIAG_H
#define SG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_level;

/* Problems kept per file; the rest are counted (in diag_errors and
 * diag_warnings) and summarised by diag_print as "N more problems". */
#define DIAG_MAX_PER_FILE 100

typedef struct diag_item {
	diag_level level;
	char *file;   /* path as given, or "" */
	unsigned line, col;
	char *msg;
	size_t seq;   /* report order, to keep sorting stable */
	bool cell;    /* a spreadsheet cell: line is its row, col its column */
} diag_item;

typedef struct diag diag;

diag *diag_new(void);
void diag_free(diag *d);

void diag_error(diag *d, const char *file, unsigned line, unsigned col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warn(diag *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An error at a spreadsheet's cell, printed "book:sheet!D14: error: …"
 * (row and col 1-based; 0 for the whole sheet: "book:sheet: error: …"). */
void diag_cell_error(diag *d, const char *book, const char *sheet,
		     unsigned row, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

size_t diag_errors(const diag *d);
size_t diag_warnings(const diag *d);
size_t diag_count(const diag *d);
/* The i-th item in report order (valid until the next report or free). */
const diag_item *diag_get(const diag *d, size_t i);

/* Sort items by file, line, column (stable), so output does not depend on
 * the order in which files or threads were processed. */
void diag_sort(diag *d);
/* Append one item as printed: "path:line:col: error: message\n". Control
 * characters, invisible characters (utf8_invisible), line and paragraph
 * separators and bytes that are not UTF-8 in the path or the message are
 * written as escapes (\n, \x1B, \u202E), so that quoted content cannot
 * add a line, a CI command or a terminal escape of its own. */
void diag_format_item(const diag_item *it, buf *out);
/* Print every item (as diag_format_item does), then "N errors, N
 * warnings" if there are any. */
void diag_print(const diag *d, FILE *out);

#endif
