/* report.h - "site-gen report": create or update one task's progress
 * report (progress/<task>.<lang>.md: the source language's file with the
 * front matter, one file of prose per other language of site.yaml) from
 * the command line, so that editors need not write YAML by hand.
 *
 * The report keeps what the option list does not change: the narratives
 * (unless notes give new ones, --note LANG=FILE), the progress percentage,
 * reported_by and the actual values of metrics not mentioned. as_of is the
 * given date, or today in the site's time zone. The front matter is written
 * in a fixed key order: status, as_of, progress, reported_by, metrics,
 * evidence (its items as they were, comments aside).
 *
 * All or nothing: the new files are checked together with the rest of the
 * content by the rules of "site-gen check", without copying the content
 * folder: load_content_with (load.h) reads the content with the new texts
 * in place of the files. Only when that finds no error are they written,
 * under temporary hidden names beside the files, and renamed into place.
 * Otherwise nothing is changed and the errors are in `d`.
 *
 * Runs on one content folder are serialized by an exclusive flock(2) on the
 * folder itself, held from reading the old report to renaming the new one:
 * of concurrent runs each one's verdict holds for the files it wrote, and
 * the files hold the text of the last run that succeeded.
 *
 * Narrative files (notes) must be regular files of at most REPORT_MAX_NOTE
 * bytes; a FIFO, device or folder is refused unread. A note in a language
 * that site.yaml does not list, or two in one language, is an error.
 */
#ifndef SG_REPORT_H
#define SG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"
#include "diag.h"

#define REPORT_MAX_NOTE (1024L * 1024)

typedef struct report_metric {
	const char *id, *value;      /* "t001-m1", "1500" */
} report_metric;

typedef struct report_note {
	const char *lang, *path;     /* "en", a file with the new narrative */
	const char *text;            /* or the narrative itself (not NULL) */
} report_note;

/* A link of the report's evidence, with its caption in the source
 * language. */
typedef struct report_link {
	const char *url, *caption;
} report_link;

typedef struct report_opts {
	const char *content_dir;
	const char *task_id;
	const char *status;          /* required: a status name */
	const char *progress;        /* "0".."100", or NULL to keep */
	const char *as_of;           /* YYYY-MM-DD, or NULL for today */
	const report_metric *metrics;
	size_t n_metrics;
	const report_note *notes;    /* new narratives */
	size_t n_notes;
	/* With set_links, the evidence's links become these n_links (a link
	 * already listed keeps its other captions; an empty caption keeps the
	 * old one); its files stay. */
	bool set_links;
	const report_link *links;
	size_t n_links;
} report_opts;

/* Apply the report. Prints what changed to `out` ("progress: 40 → 60").
 * Returns 0 on success (also when nothing changed), 1 when the result
 * would be invalid, the folder cannot be locked or a file cannot be read
 * or written (nothing changed; reasons in `d`). */
int report_run(const report_opts *o, diag *d, FILE *out);

/* The files a run wrote, for a commit. Owned by the caller, who frees
 * them with report_written_free. */
typedef struct report_written {
	char **paths;                /* <content>/progress/<task>.<lang>.md */
	size_t n;
} report_written;
void report_written_free(report_written *w);

/* Apply n reports on one content folder (every o[i].content_dir is the
 * same; each task once) as one change: they are checked together with
 * the rest of the content and written all or none, as report_run writes
 * one. Prints what changed for each report that changes anything. The
 * paths written are added to `w` (may be NULL). Returns as report_run. */
int report_run_all(const report_opts *o, size_t n, diag *d, FILE *out,
		   report_written *w);

/* The fields of the source language's report file, as text; "" = absent. */
typedef struct report_fields {
	const char *status, *as_of, *progress, *reported_by;
	report_metric *metrics;
	size_t n_metrics;
	const char *narrative;       /* Markdown after the front matter */
	/* The evidence entry as YAML, kept as it was ("evidence:\n- url:
	 * …\n"); NULL or "" for none. */
	const char *evidence;
} report_fields;

/* Append the source language's file for `f`: front matter in the fixed key order,
 * then the narrative. Values are written as plain scalars: callers pass
 * only validated ids, dates, numbers and status names. */
void report_render(const report_fields *f, buf *out);

/* Today's date (YYYY-MM-DD) at time `now` in a zone `utc_offset_min`
 * minutes east of UTC. */
void report_today(time_t now, int utc_offset_min, char out[11]);

#endif
