/* schema.h - the one description of the content's tables: for each CSV
 * file its columns, their types, whether they are required, keys and
 * references, allowed values, per-language columns and their meaning in
 * Chinese and English.
 *
 * The loader reads, checks and stores the files by it (load_tables.c),
 * the export writes every column with its meaning (export_tables.c), and
 * tests/content/schema_docs.py holds docs/content-format.md to it through
 * the exported Data Package. The enums name each table's columns by
 * position in its description; the order is the downloads' (a file's
 * columns may come in any order).
 *
 * Everything here is static and read-only.
 */
#ifndef SG_SCHEMA_H
#define SG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	SCHEMA_TEXT,     /* any text */
	SCHEMA_ID,       /* an id: a-z, 0-9, '-' (text.h's text_is_id) */
	SCHEMA_IDLIST,   /* `|`-separated ids */
	SCHEMA_LIST,     /* `|`-separated texts */
	SCHEMA_NUMBER,   /* a plain decimal */
	SCHEMA_DATE,     /* YYYY-MM-DD */
	SCHEMA_ENUM,     /* one of `values` */
} schema_type;

enum {
	SCHEMA_REQUIRED = 1,   /* the column must exist and every value be set;
				  per language: in the source language */
	SCHEMA_KEY = 2,        /* the record's id, unique in its table */
	SCHEMA_PER_LANG = 4,   /* one column `<name>_<lang>` per language */
	SCHEMA_WARN_EMPTY = 8, /* an empty value is a warning */
};

typedef struct schema_meaning {
	const char *en, *zh;
} schema_meaning;

typedef struct schema_column {
	const char *name;          /* per language: "text" of text_zh, … */
	schema_type type;
	unsigned flags;
	const char *ref;           /* the table whose ids it holds, or NULL */
	const char *const *values; /* SCHEMA_ENUM: NULL-terminated */
	/* Where the record (model.h: unit, section, task, metric, term)
	 * keeps it: the offset of an ltext for a per-language column, of a
	 * strlist for a list, else of a `const char *` as written (numbers
	 * and dates too: the loader parses them beside). `at`: the offset
	 * of a loc for its cell, 0 for none. */
	size_t field, at;
	schema_meaning meaning;    /* per language: of the source text */
	schema_meaning translation; /* per language: of the English one */
} schema_column;

typedef struct schema_table {
	const char *name;          /* "tasks" */
	const char *file;          /* "tasks.csv" */
	const schema_column *cols;
	size_t ncols;
} schema_table;

enum { SCHEMA_UNIT_ID, SCHEMA_UNIT_NAME, SCHEMA_UNIT_ALIASES };
enum { SCHEMA_SECTION_ID, SCHEMA_SECTION_PARENT, SCHEMA_SECTION_LABEL,
       SCHEMA_SECTION_TITLE, SCHEMA_SECTION_CO_UNITS, SCHEMA_SECTION_CO_NOTE,
       SCHEMA_SECTION_PLAN };
enum { SCHEMA_TASK_ID, SCHEMA_TASK_SECTION, SCHEMA_TASK_LEAD, SCHEMA_TASK_TEXT,
       SCHEMA_TASK_START, SCHEMA_TASK_DUE };
enum { SCHEMA_METRIC_ID, SCHEMA_METRIC_TASK, SCHEMA_METRIC_NAME,
       SCHEMA_METRIC_COMPARATOR, SCHEMA_METRIC_TARGET, SCHEMA_METRIC_MAX,
       SCHEMA_METRIC_UNIT, SCHEMA_METRIC_BASELINE,
       SCHEMA_METRIC_REVISION_NOTE };
enum { SCHEMA_TERM_ID, SCHEMA_TERM_ZH, SCHEMA_TERM_EN, SCHEMA_TERM_NOTE };

extern const schema_table schema_units, schema_sections, schema_tasks,
	schema_metrics, schema_glossary;
/* All of them, in the order above, NULL-terminated. */
extern const schema_table *const schema_tables[];

/* The front matter keys of a progress report (the source-language file
 * progress/<task>.<lang>.md), NULL-terminated: the scalar ones, then the
 * map of metric actuals, then the list of evidence. */
enum { SCHEMA_REPORT_STATUS, SCHEMA_REPORT_AS_OF, SCHEMA_REPORT_PROGRESS,
       SCHEMA_REPORT_REPORTED_BY, SCHEMA_REPORT_METRICS,
       SCHEMA_REPORT_EVIDENCE };
extern const char *const schema_report_keys[];

/* Metric comparators (as codes: ge, gt, eq, lt, le, between) and
 * baselines. */
extern const char *const schema_comparators[];
extern const char *const schema_baselines[];
/* The code of comparator `v`, a code or a symbol metrics.csv may still
 * be written with (>=, >, =, <, <=); NULL for anything else. */
const char *schema_comparator_code(const char *v);

/* Is `v` one of the NULL-terminated `values`? */
bool schema_value_ok(const char *const *values, const char *v);

#endif
