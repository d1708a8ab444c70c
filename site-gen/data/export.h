/* export.h - the open-data downloads under data/: CSV and JSON per table,
 * and their metadata (datapackage.json, CSVW).
 *
 * export_data runs before the pages are rendered: it returns a manifest of
 * what it wrote, which the downloads page lists. The manifest and its
 * strings are owned by the caller's arena (`a`).
 *
 * Tables: units, sections, tasks, metrics, progress, actuals, evidence,
 * history and glossary. For each table <t> it writes data/<t>.csv (RFC 4180, UTF-8,
 * CRLF), data/<t>-excel.csv (the same bytes after a UTF-8 byte-order mark),
 * data/<t>.json (an array of typed records, each with canonical page URLs
 * url_<tag> in every language) and data/<t>.csv-metadata.json (CSVW); then
 * data/datapackage.json (Frictionless Data Package v2) for all of them.
 * docs/open-data.md describes every column.
 *
 * Text cells of both CSV variants are guarded against formula injection
 * (OWASP): a text cell whose value, after any leading apostrophes, starts
 * with = + - @ TAB or CR gets one more apostrophe in front. Number and date
 * cells are never changed; JSON holds the raw values.
 *
 * Output is deterministic: the same model gives the same bytes whatever the
 * locale, time zone or time of day (numbers are formatted under the C
 * locale, in their shortest round-trip decimal form).
 *
 * Failure: a file that cannot be written is reported to `d` and export_data
 * returns -1; the manifest is then partial but still safe to export_free.
 *
 * The module's parts (one file per format, behind a format table) and how
 * to add a format: export_int.h.
 */
#ifndef SG_EXPORT_H
#define SG_EXPORT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "publish.h"
#include "words.h"

struct arena;
struct cJSON;

/* Version of the tables' structure (datapackage.json "version"): the major
 * number changes only when a column is removed or changes meaning. */
#define EXPORT_VERSION "1.0.0"

typedef struct export_file {
	const char *path;      /* relative to the output root: "data/tasks.csv" */
	const char *table;     /* "tasks"; "" for data/datapackage.json */
	const char *format;    /* "csv", "csv-excel", "json", "metadata" */
	const char *media_type;/* "text/csv", "application/json", … */
	/* For readers, in each language of the model (in the manifest's
	 * arena): "CSV for Excel", the table's title. */
	ltext format_label, title;
	size_t bytes, rows;    /* rows: data rows (0 for metadata files) */
	char sha256[65];       /* of the bytes, lowercase hex */
} export_file;

typedef struct export_manifest {
	export_file *files;
	size_t n;
	const char *data_as_of;   /* newest as_of of any report, or "" */
	/* schema.org Dataset (JSON-LD) for the downloads page, with a
	 * DataDownload for every file (owned by the manifest: export_free).
	 * schema.org rather than DCAT because Google Dataset Search and Baidu
	 * read schema.org Dataset markup in pages; DCAT serves catalogue
	 * harvesting (data portals), which can use datapackage.json. */
	struct cJSON *jsonld;
} export_manifest;

/* One changed field in the content's git history: a row of the history
 * table. Strings are borrowed for the duration of the call; "" = absent. */
typedef struct export_change {
	const char *commit;       /* full commit hash */
	const char *date;         /* YYYY-MM-DD, in the site's time zone */
	const char *author_name;
	const char *table;        /* table of the record: "tasks", "metrics", … */
	const char *record_id;    /* its key: id, or task id for progress */
	const char *field;        /* column name */
	const char *old_value, *new_value;
	const char *reason;       /* the commit's Reason: trailers */
} export_change;

/* The theme's strings the metadata's texts come from (words.h): titles of
 * the tables and formats, the dataset's description, the formula rule. */
extern const char *const export_required_strings[];

/* Write every data file into `p`, the metadata's texts in each language of
 * the model that `w` has (none in a language it lacks), the tasks'
 * schedule columns at the reference date `ref` (days since 1970-01-01:
 * pace.h). Returns 0, or -1 with errors in `d`. The history table has its
 * header and no rows. */
int export_data(const model *m, const words_set *w, long ref, pub *p,
		struct arena *a, export_manifest *out, diag *d);
/* The same, with the history table filled from `changes` (n rows, written
 * in the order given). */
int export_data_changes(const model *m, const words_set *w, long ref,
			const export_change *changes, size_t n, pub *p,
			struct arena *a, export_manifest *out, diag *d);
void export_free(export_manifest *x);

#endif
