/* ledger.h - "site-gen ledger": a reporting round through the departments'
 * own spreadsheets (台账).
 *
 * export writes one workbook (or CSV file) per department: a row per task
 * that the unit leads (every task without --unit), the last report beside
 * it, read-only, and empty input columns for the new one (status,
 * progress, as_of, a narrative per language); a row per metric of those
 * tasks with an input column for the new actual. Headers are the theme's
 * words in the content's source language with the field key in
 * parentheses, "状态 (status)": import finds columns by the key, so
 * columns may be moved or hidden.
 *
 * import reads such a file back (XLSX as Excel, WPS and LibreOffice write
 * it, or CSV) and applies each filled-in row as `site-gen report` would,
 * all in one change (report_run_all): every problem is reported at its
 * cell, "ledger.xlsx:任务!D14: error: …", and with any error nothing is
 * written. Importing the same file twice changes nothing the second time.
 * With `commit`, the written files are committed to the content's git
 * repository, authored by `author`.
 *
 * The columns are described once (ledger_cols.c), from the content schema
 * (schema.h) and the report's keys. */
#ifndef SG_LEDGER_H
#define SG_LEDGER_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

typedef struct ledger_opts {
	const char *content_dir, *theme_dir;
	const char *path;        /* export: the file to write; import: to read */
	const char *unit;        /* export: only the tasks this unit leads */
	const char *as_of;       /* export: the round's date, filled in;
				    import: the date of rows without one */
	const char *author;      /* import --commit: "Name <email>" */
	bool commit;
} ledger_opts;

/* Write the ledger to o->path: XLSX, or CSV (UTF-8 with a byte-order
 * mark, CRLF) when the name ends in ".csv". Returns 0, or 1 after errors
 * in `d` (the content does not pass check, an unknown unit, a file that
 * cannot be written); no file is left half-written. */
int ledger_export(const ledger_opts *o, diag *d);

/* Import o->path, printing what changed to `out`. Returns LEDGER_DONE
 * (also when nothing changed), LEDGER_REFUSED after errors in `d`
 * (nothing changed), or LEDGER_NOT_COMMITTED when the reports were
 * written but the commit failed (why is in `d`). */
enum { LEDGER_DONE, LEDGER_REFUSED, LEDGER_NOT_COMMITTED };
int ledger_import(const ledger_opts *o, diag *d, FILE *out);

#endif
