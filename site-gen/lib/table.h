/* table.h - CSV files as tables of cells with positions (wraps libcsv).
 *
 * A table owns all of its strings (one arena per table); table_free releases
 * everything. The parser never stops at the first problem it can survive:
 * malformed quoting, rows longer or shorter than the header, encoding
 * problems and control characters (text_check_encoding), and invisible or
 * direction-control characters in cells (text_check_invisible: the table is
 * still returned) are reported to a `diag` with file, line and column.
 * Lines end at LF, CRLF or a lone CR (text_is_line_end).
 */
#ifndef SG_TABLE_H
#define SG_TABLE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

typedef struct table_cell {
	const char *text;      /* NUL-terminated, never NULL */
	unsigned line, col;    /* where the cell starts */
} table_cell;

typedef struct table_row {
	table_cell *cells;     /* ncells cells */
	size_t ncells;
	unsigned line;
	size_t end;            /* offset just past the byte that ended the
				  row (its line end, or the end of the text)
				  in the text given to the parser */
} table_row;

typedef struct table {
	const char *path;
	table_cell *header;    /* the first row */
	size_t ncols;
	size_t header_end;     /* table_row.end of the header row */
	table_row *rows;       /* the data rows */
	size_t nrows;
	struct arena *arena;
} table;

/* Upper bound on one cell, to bound memory on hostile input. */
#define TABLE_MAX_CELL (1024 * 1024)

/* Parse CSV text. `data` may start with a UTF-8 BOM and use CRLF or CR
 * line ends. Returns a table (possibly with fewer rows than the text, when
 * rows were malformed), or NULL when nothing usable could be read (empty
 * file, bad encoding, control characters); problems go to `d`. */
table *table_parse(const char *path, const char *data, size_t len, diag *d);

/* Parse rows cut out of a CSV text at row ends, with no header: `len`
 * bytes that start on line `first_line`. Returns a table whose rows are
 * all the rows (ncols 0, header NULL), or NULL when the text is not clean
 * UTF-8 or not well-formed CSV (reported to `d`). An empty text gives no
 * rows. For re-reading only the changed part of a file. */
table *table_parse_rows(const char *path, const char *data, size_t len,
			unsigned first_line, diag *d);

/* Read `path` and parse it. NULL (with an error in `d`) if unreadable. */
table *table_load(const char *path, diag *d);

void table_free(table *t);

/* Append `s` as one CSV cell, quoted only when it needs it (RFC 4180),
 * so that plain cells stay readable. */
void table_write_cell(buf *b, const char *s);

/* Column index of `name` in the header, or -1. */
long table_column(const table *t, const char *name);

#endif
