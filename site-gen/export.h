/* export.h - the open-data downloads under data/: CSV and JSON per table,
 * and their metadata (datapackage.json, CSVW).
 *
 * export_data runs before the pages are rendered: it returns a manifest of
 * what it wrote, which the downloads page lists. The manifest and its
 * strings are owned by the caller's arena (`a`).
 */
#ifndef SG_EXPORT_H
#define SG_EXPORT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "publish.h"

struct arena;
struct cJSON;

typedef struct export_file {
	const char *path;      /* relative to the output root: "data/tasks.csv" */
	const char *table;     /* "tasks" */
	const char *format;    /* "csv", "csv-excel", "json", "metadata" */
	const char *media_type;/* "text/csv", "application/json", … */
	text2 title;           /* of the table */
	size_t bytes, rows;    /* rows: data rows (0 for metadata files) */
} export_file;

typedef struct export_manifest {
	export_file *files;
	size_t n;
	const char *data_as_of;   /* newest as_of of any report, or "" */
	struct cJSON *jsonld;     /* schema.org Dataset for the downloads page
				     (owned by the manifest: export_free) */
} export_manifest;

/* Write every data file into `p`. Returns 0, or -1 with errors in `d`. */
int export_data(const model *m, pub *p, struct arena *a,
		export_manifest *out, diag *d);
void export_free(export_manifest *x);

#endif
