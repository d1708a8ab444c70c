/* export_int.h - inside the export module (export.h is its public face).
 * Only export*.c (and the export unit test) include this.
 *
 * The parts and who owns what:
 *   export_tables.c   the description of each table (columns, types, keys,
 *                     meaning) and the filling of its rows as text cells
 *                     (an export_grid) from the model.
 *   export_csv.c      <t>.csv and <t>-excel.csv, with the formula guard.
 *   export_json.c     <t>.json.
 *   export_csvw.c     <t>.csv-metadata.json (CSVW).
 *   export_datapackage.c  datapackage.json (Frictionless Data Package v2).
 *   export_jsonld.c   the schema.org Dataset of the downloads page.
 *   export_sqlite.c   plan.sqlite: every table in one SQLite database.
 *   export_meta.c     JSON pieces the metadata formats share.
 *   export.c          the public API; runs every format of the format
 *                     table (there) and records written files in the
 *                     manifest (export_emit).
 *
 * A new format: one file export_<name>.c defining a function of the
 * export_table_fn or export_package_fn type, its declaration below, and one
 * row in the format table of export.c.
 *
 * Every function here runs under the C locale (export.c sets it), so
 * numbers print with a '.' decimal point. Strings returned are owned by the
 * arena named (the manifest's, ctx->a, unless said otherwise); cJSON values
 * returned are owned by the caller (cJSON_Delete, or add them to a tree).
 */
#ifndef SG_EXPORT_INT_H
#define SG_EXPORT_INT_H

#include "buf.h"
#include "export.h"

#include <stddef.h>

struct cJSON;

/* The number of elements of array `a`. */
#define EXPORT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Table descriptions (export_tables.c) ------------------------------- */

typedef enum {
	EXPORT_STRING, EXPORT_LIST, EXPORT_NUMBER, EXPORT_INTEGER, EXPORT_DATE
} export_col_type;

enum {
	EXPORT_REQUIRED = 1,
	EXPORT_UNIQUE = 2,
	EXPORT_STATUS_ANY = 4,       /* enum: every status, with not_reported */
	EXPORT_STATUS_REPORTED = 8,  /* enum: the statuses a report can have */
	EXPORT_PER_LANG = 16,        /* a description only: one column
					<name>_<tag> per language */
};

typedef struct export_column {
	const char *name;
	export_col_type type;
	unsigned flags;
	const char *ref;             /* table whose key it refers to, or NULL */
	const char *const *values;   /* other enum: allowed values, or NULL */
	const char *en, *zh;         /* meaning */
	/* A column of a language (EXPORT_PER_LANG, named without the tag):
	 * the meaning of its translations into English. */
	const char *en_tr, *zh_tr;
} export_column;

typedef struct export_grid export_grid;
typedef struct export_ctx export_ctx;

/* A table's title and description are the theme's strings
 * meta_table_<name> and meta_table_<name>_about. */
typedef struct export_table {
	const char *name;
	const export_column *cols;
	size_t ncols;
	const char *const *key;      /* primary key, NULL-terminated; NULL:
					none (history rows of a whole record
					or file have no field) */
	void (*fill)(export_grid *g, const export_ctx *c);
} export_table;

/* One export run. Everything in it is borrowed from export_data_changes'
 * caller. */
struct export_ctx {
	const model *m;
	const export_change *changes;
	size_t n_changes;
	struct arena *a;             /* the manifest's */
	pub *p;
	diag *d;
	export_manifest *out;
	size_t cap;                  /* room in out->files */
	/* The languages of the columns' meanings (Chinese and English):
	 * SIZE_MAX when the site has no such language. */
	size_t zh, en;
	/* The theme's strings of each language of the model, NULL for one the
	 * theme lacks; and the language of the metadata's unmarked texts
	 * (the Data Package's "title"): English where the site has it, as
	 * catalogues expect, else the source language. */
	const struct cJSON **t;
	size_t main;
	const export_table *tables;  /* export_tables_new's */
	size_t n_tables;
	long ref;                    /* the schedule's reference date (pace.h) */
};

/* A table's rows as text: "" is an absent value. Page paths are below
 * <base_url><lang>/ (NULL: no page). The cells are owned by `a` or borrowed
 * from the model; the arrays are malloc'd (export_tables_grid_free). */
struct export_grid {
	const export_table *t;
	struct arena *a;
	const char **cells;          /* n rows of t->ncols cells */
	const char **pages;
	size_t n, cap;
};

/* Every table of model `m`, in the order of the downloads page; *n of
 * them, in `a`. The columns of the content's tables follow schema.h; a
 * column of a language is one column per language of the site
 * (name_zh, name_en, ...), required only in the source language. */
const export_table *export_tables_new(const model *m, struct arena *a,
				      size_t *n);
/* The table called `name` among the n `tables`, or NULL. */
const export_table *export_tables_named(const export_table *tables, size_t n,
					const char *name);
/* The rows of `t` for the run `c`, in a new grid. Aborts (a bug, found by
 * any test run) when a table's row has the wrong number of cells. */
export_grid export_tables_grid(const export_ctx *c, const export_table *t);
/* Free the grid's cells and arena. */
void export_tables_grid_free(export_grid *g);

/* ---- Formats ------------------------------------------------------------ */

/* A format written once per table, from its rows, or once for the whole
 * package, after every table. Each returns 0, or -1 with the error in
 * c->d (an unwritable file is reported by pub_write). */
typedef int export_table_fn(export_ctx *c, const export_grid *g);
typedef int export_package_fn(export_ctx *c);

export_table_fn export_csv_write;            /* export_csv.c */
export_table_fn export_json_write;           /* export_json.c */
export_table_fn export_csvw_write;           /* export_csvw.c */
export_package_fn export_sqlite_write;       /* export_sqlite.c */
export_package_fn export_datapackage_write;  /* export_datapackage.c */
export_package_fn export_jsonld_write;       /* export_jsonld.c: sets
						c->out->jsonld, no file */

/* Append cell `s` of column `col` to `b` as the CSV has it: quoted where
 * RFC 4180 needs it, and behind one more apostrophe where a text cell
 * looks like a formula. */
void export_csv_cell(buf *b, const export_column *col, const char *s);

/* ---- Shared by the formats (export.c) ----------------------------------- */

/* printf into a string owned by `a`. */
const char *export_fmt(struct arena *a, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
/* b's string, moved into a string owned by `a`; `b` is freed. */
const char *export_own(struct arena *a, buf *b);

/* What kind of file a format writes: its manifest entry's format, media
 * type and the theme's string of its label (see export_file). Formats
 * define them static. */
typedef struct export_kind {
	const char *format;
	const char *media_type;
	const char *label_key;
} export_kind;

/* Write `data` to `path` (relative to the output root) and list it in the
 * manifest with its kind, `table` ("" for the package), title and number
 * of data rows. 0, or -1 (pub_write has reported the error). */
int export_emit(export_ctx *c, const export_kind *k, const char *path,
		const char *table, ltext title, const void *data, size_t len,
		size_t rows);
/* The same for a metadata document `doc` (no data rows), printed as cJSON
 * does (tab-indented) with a final newline; `doc` stays the caller's. */
int export_emit_json(export_ctx *c, const export_kind *k, const char *path,
		     const char *table, ltext title, const struct cJSON *doc);

/* ---- Texts of the metadata (export_meta.c) ------------------------------ */

/* The theme's string `key` in each language ("" in one without). */
ltext export_words(const export_ctx *c, const char *key);
/* Pattern `key` in each language, each {names[i]} replaced by values[i]
 * in that language (n of them). */
ltext export_words_with(const export_ctx *c, const char *key,
			const char *const *names, const ltext *values,
			size_t n);
/* `s` in every language. */
ltext export_same(const export_ctx *c, const char *s);
/* A column's meaning, which the tables give in English and Chinese. */
ltext export_meaning(const export_ctx *c, const char *en, const char *zh);
/* A table's title, and its description (meta_table_<name>[_about]). */
ltext export_table_title(const export_ctx *c, const export_table *t);
ltext export_table_about(const export_ctx *c, const export_table *t);
/* The dataset described (meta_description), in each language. */
ltext export_meta_description(const export_ctx *c);

/* ---- JSON pieces the metadata formats share (export_meta.c) ------------- */

/* A JSON array of the strings of the NULL-terminated `v`. */
struct cJSON *export_meta_strings(const char *const *v);
/* Every language's text as one JSON string, the main language's first,
 * joined by spaces, so every tool shows them all. */
struct cJSON *export_meta_all(const export_ctx *c, ltext t);
/* JSON-LD language values: [{"@value": …, "@language": tag}, …] in the
 * model's language order, without the empty ones. */
struct cJSON *export_meta_lang_values(const export_ctx *c, ltext t);
/* The main language's text, or the source language's where it has none. */
const char *export_meta_main(const export_ctx *c, ltext t);
/* Add `key` (the main language's text, as export_meta_main) and
 * `key`_<tag> for every other language to `o`. */
void export_meta_add_langs(const export_ctx *c, struct cJSON *o,
			   const char *key, ltext t);

#endif
