/* hist.h - the history of the content, read from git commits.
 *
 * hist_load walks the first-parent chain of HEAD once, oldest to newest,
 * and turns each commit's changes under the content folder into events:
 *   - record changes in tasks.csv, metrics.csv, units.csv, sections.csv,
 *     keyed by id: added, removed, and each changed field (old → new);
 *   - progress reports (progress/<task>.<lang>.md): each front-matter key
 *     (status, as_of, progress, reported_by, metrics.<metric-id>) and the
 *     narrative ("narrative.zh" / "narrative.en"; every version is kept);
 *     a file moved unchanged is one "renamed" event;
 *   - plan/<id>.md, site.yaml, glossary.csv, NOTES*: one event per file.
 * Only blobs whose ids changed are parsed. A version of a file that does
 * not parse is left out with one warning; the walk goes on.
 *
 * Unusual repositories give a WARNING and a usable (possibly empty)
 * history, never an error: no repository, no commits, shallow clone,
 * uncommitted changes, unreadable objects. A missing or damaged object is
 * named by its id (repo.h); the history then holds what could be read,
 * and shallow-clone advice is given only when the repository is shallow.
 *
 * Authors and subjects are as repo.h cleans them: no e-mail address, no
 * control character.
 *
 * The result is cached in `cache_dir` (NULL: no cache), keyed by the head
 * commit, so a rebuild parses only the files of new commits. The cache is
 * ignored when its format, MODEL_FORMAT_VERSION or the first-parent chain
 * changed, or when it holds a shallow clone's history and the clone is
 * shallow no more; a history with unread parts is not cached. The cache
 * never changes what hist_load returns.
 *
 * Ownership: a `hist` owns all its strings and arrays (hist_free). Pointers
 * returned by the accessors stay valid until hist_free.
 */
#ifndef SG_HIST_H
#define SG_HIST_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

typedef struct hist hist;

typedef struct hist_commit {
	const char *id;          /* 40 hex digits */
	const char *summary;     /* first line of the message, cleaned */
	const char *reason;      /* its "Reason:" trailers, cleaned; "" */
	const char *author;      /* name (after .mailmap), cleaned */
	long long time;          /* UTC seconds */
	int offset_min;          /* the author's UTC offset */
} hist_commit;

typedef enum {
	HIST_ADDED,              /* record or file added */
	HIST_REMOVED,            /* record or file removed */
	HIST_CHANGED,            /* a field (records) or the file changed */
	HIST_RENAMED,            /* progress file moved: old/new are paths */
} hist_kind;

typedef struct hist_change {
	size_t commit;           /* index into hist_commits() */
	hist_kind kind;
	const char *table;       /* "tasks", "metrics", "units", "sections",
				    "progress" or "file" */
	const char *record;      /* id; task id for progress; path for file */
	const char *task;        /* task the change belongs to, or "" */
	const char *field;       /* changed field; "" for added/removed */
	const char *old_value;   /* "" when absent */
	const char *new_value;
} hist_change;

typedef struct hist_removed {  /* a task removed from tasks.csv */
	const char *id;
	size_t commit;           /* the commit that removed it */
	const char **cols, **vals; /* its last field values, n of them */
	size_t n;
} hist_removed;

typedef struct hist_snapshot { /* a reporting-period tag */
	const char *tag, *commit;
	long long time;
	int offset_min;
} hist_snapshot;

typedef struct hist_month {
	int year, month;         /* in the site's time zone */
	size_t counts[STATUS_COUNT]; /* tasks per status at month end;
					STATUS_NONE: not reported */
} hist_month;

typedef struct hist_info {
	bool git;                /* content is in a git work tree */
	bool truncated;          /* older commits are missing: shallow clone,
				    or a commit of the chain is damaged */
	bool incomplete;         /* objects could not be read (warned): events
				    are missing */
	bool dirty;              /* uncommitted changes under content */
} hist_info;

typedef struct hist_stats {
	size_t commits_walked;   /* commits read from git in this run */
	size_t commits_cached;   /* commits taken from the cache */
	size_t blobs_parsed;     /* file versions parsed in this run */
	bool cache_hit;
} hist_stats;

/* Load the history of `content_dir` (the model gives the snapshot tag glob
 * and is not kept). Never NULL; problems are warnings in `d`. */
hist *hist_load(const char *content_dir, const model *m,
		const char *cache_dir, diag *d);
void hist_free(hist *h);

hist_info hist_get_info(const hist *h);
hist_stats hist_get_stats(const hist *h);

/* Commits that changed the content, oldest first. */
const hist_commit *hist_commits(const hist *h, size_t *n);
/* Every change in commit order. */
const hist_change *hist_changes(const hist *h, size_t *n);

/* Indices into hist_changes() for one record (table "tasks", id "t001"),
 * newest first; NULL with *n = 0 when there are none. */
const size_t *hist_record_changes(const hist *h, const char *table,
				  const char *id, size_t *n);
/* Indices of every change belonging to a task (its row, its metrics, its
 * progress reports), newest first. */
const size_t *hist_task_changes(const hist *h, const char *task_id,
				size_t *n);
/* The commit that last changed a record or a file (path relative to the
 * content folder, e.g. "plan/kt-01.zh.md"), or NULL. */
const hist_commit *hist_record_updated(const hist *h, const char *table,
				       const char *id);
const hist_commit *hist_file_updated(const hist *h, const char *relpath);

/* The value `field` of a record had just before commit `commit` (an index
 * into hist_commits(); 0: as first committed): the old value of the
 * field's first change by that commit or a later one. NULL when none
 * changed it since: it is the record's value now. */
const char *hist_field_before(const hist *h, const char *table,
			      const char *id, const char *field,
			      size_t commit);

/* Tasks removed from tasks.csv (and not added back), oldest first. */
const hist_removed *hist_removed_tasks(const hist *h, size_t *n);
/* Is `c` a change of a metric's target or its upper bound (a revision)? */
bool hist_change_is_target(const hist_change *c);
/* The newest change of the metric's target (or its upper bound), or NULL
 * when it was never revised. */
const hist_change *hist_metric_revision(const hist *h, const char *metric_id);
size_t hist_revised_count(const hist *h);

/* Status counts at the end of each month from the first to the last
 * commit, in the site's time zone (the model's utc_offset_min). */
const hist_month *hist_status_by_month(const hist *h, size_t *n);

/* Reporting-period tags (site.snapshot_tags), oldest first. */
const hist_snapshot *hist_snapshots(const hist *h, size_t *n);
/* Write the content folder as of snapshot `i` into the empty folder `dir`.
 * Returns 0, or -1 after a warning. */
int hist_snapshot_write(hist *h, size_t i, const char *dir, diag *d);

#endif
