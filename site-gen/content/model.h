/* model.h - the loaded content: site settings, units, sections, tasks,
 * metrics, glossary, plan text and progress reports.
 *
 * Ownership: a `model` owns everything reachable from it; all strings and
 * records live in model->arena and are released by model_free. Strings are
 * never NULL: an absent optional value is "". Records keep the file, line
 * and column they came from (`loc`), for diagnostics.
 *
 * Arrays keep file order. Cross references are resolved by check_model()
 * (check.h): until then the pointer fields (`parent`, `lead`, …) are NULL.
 */
#ifndef SG_MODEL_H
#define SG_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smap.h"

struct arena;

#define MODEL_FORMAT_VERSION 1

typedef struct loc {
	const char *file;
	unsigned line, col;
} loc;

/* A text in each language of the site: v[l] is in site.languages.v[l].
 * A NULL v or v[l] reads as "" (not given); arrays live in the model's
 * arena (ltext_new). Which text a page shows follows the language's
 * fallback chain (model_text). */
typedef struct ltext {
	const char **v;
} ltext;

static inline const char *ltext_get(ltext t, size_t lang)
{
	return t.v && t.v[lang] ? t.v[lang] : "";
}

typedef struct strlist {
	const char **v;
	size_t n;
	loc *locs;             /* where each item is, for diagnostics */
} strlist;

typedef enum {
	STATUS_NONE = 0,       /* no report yet */
	STATUS_NOT_STARTED,
	STATUS_ON_TRACK,
	STATUS_AT_RISK,
	STATUS_DELAYED,
	STATUS_COMPLETED,
	STATUS_WITHDRAWN,
	STATUS_COUNT
} task_status;

typedef struct unit {
	const char *id;
	ltext name;
	strlist aliases;
	loc loc;
	size_t index;
} unit;

typedef struct section {
	const char *id, *parent_id, *label_zh;
	ltext title, co_note;
	strlist co_unit_ids, plan_ids;
	loc loc, parent_loc;
	size_t index;
	struct section *parent;      /* resolved; NULL for a part */
	struct unit **co_units;      /* resolved, co_unit_ids.n entries */
} section;

typedef struct metric {
	const char *id, *task_id, *comparator, *target_text, *target_max_text;
	const char *baseline;
	ltext name, unit;
	ltext revision_note;         /* why the target was last revised */
	double target, target_max;
	bool has_max;
	loc loc, task_loc;
	size_t index;
	struct task *task;           /* resolved */
} metric;

typedef struct actual {
	const char *metric_id;
	const char *text;            /* as written */
	double value;
	loc loc;
	struct metric *metric;       /* resolved */
} actual;

/* An item of a report's `evidence` (佐证材料): a link, or a file kept in
 * progress/<task>/ and published beside the task's page. */
typedef enum { EVIDENCE_URL, EVIDENCE_FILE } evidence_kind;

typedef struct evidence {
	evidence_kind kind;
	const char *url;             /* EVIDENCE_URL: http(s), as written */
	const char *file;            /* EVIDENCE_FILE: its name */
	const char *path;            /* EVIDENCE_FILE: where it is read */
	ltext caption;
	/* EVIDENCE_FILE, once read: "application/pdf", "image/jpeg" or
	 * "image/png", its size and SHA-256 (64 hex digits); "" and 0 for a
	 * link or a file that could not be read. */
	const char *media_type, *sha256;
	size_t bytes;
	loc loc;
} evidence;

typedef struct progress {
	const char *task_id, *as_of, *reported_by_id;
	task_status status;
	long percent;                /* -1 when not given */
	loc reported_by_loc, as_of_loc;
	actual *actuals;
	size_t n_actuals;
	evidence *evidence;          /* in file order */
	size_t n_evidence;
	ltext narrative;             /* Markdown */
	const char **paths;          /* per language; NULL when absent */
	loc loc;
	struct task *task;           /* resolved */
	struct unit *reported_by;    /* resolved; the lead unit by default */
} progress;

typedef struct task {
	const char *id, *section_id, *lead_id, *start, *due;
	ltext text;
	loc loc, section_loc, lead_loc, start_loc;
	size_t index;
	struct section *section;     /* resolved */
	struct unit *lead;           /* resolved */
	struct metric **metrics;     /* resolved, in file order */
	size_t n_metrics;
	struct progress *progress;   /* resolved; NULL when not reported */
} task;

typedef struct term {
	const char *id, *term_zh, *term_en, *note_en;
	loc loc;
} term;

typedef struct plan_doc {
	const char *id;
	long order;
	ltext markdown;              /* body without front matter */
	const char **paths;          /* per language; NULL when absent */
	loc loc;
} plan_doc;

typedef struct layout {        /* a template of site.yaml's `layouts` */
	const char *name;            /* "base", "partials/header" */
	const char *path;            /* for diagnostics */
	const char *text;            /* valid UTF-8, compiled once by load */
	size_t len;
} layout;

typedef struct site_config {
	long format_version;
	ltext title;
	const char *default_lang;
	size_t default_lang_index;
	/* BCP 47 tags; the first is the content's source language, whose
	 * texts are required. */
	strlist languages;
	/* Per language: the languages whose text is shown when its own is
	 * missing, in order, ending with SIZE_MAX; the source language is
	 * always last. */
	size_t **lang_chain;
	/* The languages the content is written in come first, n_written of
	 * them; the rest are derived from one of them by a script conversion
	 * (load_convert.c): derived_from[l] is that language, SIZE_MAX for a
	 * written one, and convert[l] the OpenCC configuration ("" for a
	 * written one). Files and columns exist only for written languages,
	 * except hand-written <id>.<lang>.md files, which win. */
	size_t n_written;
	size_t *derived_from;
	const char **convert;
	const char *base_url;
	const char *time_zone;       /* as written, "+08:00" */
	int utc_offset_min;
	const char *license_id, *license_name, *license_url;
	ltext plan_title, issuer;
	const char *doc_number, *issued, *source_url;
	ltext area;                  /* place the plan covers, "" if not given */
	const char *period;          /* ISO 8601 year or interval, or "" */
	const char *edit_url, *commit_url;
	const char *layouts;         /* template override folder, relative to
					the content folder, or "" */
	loc layouts_loc;
	const char *theme;           /* the theme folder, relative to the
					content folder, or "" (theme.h) */
	loc theme_loc;
	const char *snapshot_tags;   /* glob of reporting-period tags */
	/* schedule: the gap in points above which a task is yellow and red,
	 * and the age in days above which a report is stale (pace.h). */
	int sched_yellow_after, sched_red_after;
	long stale_after_days;
	size_t evidence_max_bytes;   /* evidence_max_mib, in bytes */
	loc loc;
} site_config;

enum { MODEL_UNITS = 1, MODEL_SECTIONS = 2, MODEL_TASKS = 4, MODEL_METRICS = 8,
       MODEL_PLAN = 16 };

struct ltext_log {
	const char ***v;     /* each ltext's array */
	size_t n, cap;
};

typedef struct model {
	struct arena *arena;
	const char *content_dir;
	site_config site;
	unit *units;         size_t n_units;
	section *sections;   size_t n_sections;
	task *tasks;         size_t n_tasks;
	metric *metrics;     size_t n_metrics;
	term *terms;         size_t n_terms;
	plan_doc *plan;      size_t n_plan;      /* sorted by order */
	progress *reports;   size_t n_reports;   /* sorted by task id */
	ltext notes;         /* NOTES.md (English), NOTES.<lang>.md */
	layout *layouts;     size_t n_layouts;   /* in name order */
	/* Tables that could not be read completely (MODEL_UNITS, …): references
	 * into them are not reported as unknown, since the cause is already
	 * reported and the rest would only be noise. */
	unsigned incomplete;
	/* Indexes by id (and units also by every name and alias). */
	smap unit_ids, unit_names, section_ids, task_ids, metric_ids, plan_ids;
	/* Per language: the converter of a derived language (hanconv.h, its
	 * terms from convert-exceptions.csv), NULL for a written one; NULL
	 * when no language is derived. */
	struct hanconv **conv;
	/* Every text made by ltext_new, so that load_derive can fill the
	 * derived languages of all of them in one pass. */
	struct ltext_log *made;
} model;

model *model_new(const char *content_dir);
void model_free(model *m);

unit *model_unit(const model *m, const char *id);
section *model_section(const model *m, const char *id);
task *model_task(const model *m, const char *id);
metric *model_metric(const model *m, const char *id);
plan_doc *model_plan_doc(const model *m, const char *id);

/* Allocate a text of the model's languages, every one "" (recorded in
 * m->made: a derived language's text is filled by load_derive). */
ltext ltext_new(const model *m);
/* The written language whose columns and files language `lang` reads:
 * itself, or the one it is converted from. */
size_t model_written_lang(const model *m, size_t lang);
/* `text` (of written language derived_from[lang]) as language `lang`
 * shows it: converted for a derived language (cached: owned by the
 * model), else `text` itself. For text that is not in an ltext: history,
 * names a report gives. */
const char *model_convert(const model *m, size_t lang, const char *text);
/* Append the name of the notes file of language `lang`: "NOTES.zh.md";
 * the English is NOTES.md, the name repository hosts show. */
struct buf;
void model_notes_path(const model *m, size_t lang, struct buf *out);
/* Is `t` given in any language? */
bool model_text_any(const model *m, ltext t);
/* The index of language `tag` in site.languages, or SIZE_MAX. */
size_t model_lang(const model *m, const char *tag);
/* The language of `t` a page in language `lang` shows: the first of
 * lang's chain with a text, else `lang` itself (whose text is ""). */
size_t model_text_lang(const model *m, ltext t, size_t lang);
/* That text: `t` in `lang`, or its fallback; "" when none has it. */
const char *model_text(const model *m, ltext t, size_t lang);

/* Status names as used in files: "on_track"; NULL for an unknown name. */
const char *model_status_name(task_status s);
/* The newest as_of of any report (YYYY-MM-DD), "" without reports. */
const char *model_newest_as_of(const model *m);
task_status model_status_parse(const char *s);

#endif
