/* hist_int.h - inside the hist module (hist.h is its public face). Only
 * hist*.c include this.
 *
 * The parts and who owns what:
 *   hist.c         the public hist_load and hist_free; a hist's interned
 *                  strings, its events (the one place that adds a
 *                  hist_change) and the reset of its walk.
 *   hist_walk.c    the walk of the first-parent chain beyond the cache,
 *                  and each commit's changes sent to the table or report
 *                  part, renamed reports, per-file events.
 *   hist_table.c   the versions of tasks.csv, metrics.csv, units.csv and
 *                  sections.csv: their parsed state (re-reading only the
 *                  changed rows) and the record changes between versions.
 *   hist_report.c  the versions of progress reports: their parsed state
 *                  and the key and narrative changes between versions.
 *   hist_cache.c   the cache file: its header, the events and the state
 *                  after the last commit, in bin.h's encoding.
 *   hist_query.c   after the walk: the indexes by record and by task, the
 *                  revised metrics, the removed tasks; the queries of
 *                  hist.h on them.
 *   hist_period.c  status counts by month, and the reporting-period tags
 *                  (snapshots).
 *
 * Ownership: every string of a hist lives in h->a (hist_intern) or in
 * h->cache (strings read from the cache point into its bytes); arrays are
 * malloc'd and freed by hist_free, the parsed states by hist_reset.
 * Nothing here fails: out of memory aborts (buf.h); a version that does not
 * parse is a warning and is left out (hist.h).
 */
#ifndef SG_HIST_INT_H
#define SG_HIST_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "bin.h"
#include "buf.h"
#include "fetch.h"
#include "hist.h"
#include "repo.h"
#include "smap.h"

/* The tables whose records are diffed field by field, in h->tables. */
enum { HIST_T_TASKS, HIST_T_METRICS, HIST_T_UNITS, HIST_T_SECTIONS,
       HIST_N_TABLES };

/* The parsed state of one CSV file: rows keyed by id. */
typedef struct hist_trow {
	const char *id;
	const char **vals;       /* ncols values */
	size_t end;              /* table_row.end in `raw` */
} hist_trow;

typedef struct hist_tstate {
	const char **cols;
	size_t ncols, nrows;
	hist_trow *rows;
	smap ids;                /* id → hist_trow* */
	buf raw;                 /* the text, when parsed in this run */
	size_t header_end;       /* where the header row ends in it */
} hist_tstate;

/* The parsed state of one progress file: its front-matter keys flattened
 * ("metrics.t001-m1") and its narrative. */
typedef struct hist_pstate {
	const char **keys, **vals;
	size_t n;
	const char *narrative;
} hist_pstate;

struct hist {
	arena *a;                /* every string made in this run */
	smap interned;           /* string → the same string in `a` */
	buf cache;               /* cache bytes that cached strings point into */
	repo *r;
	const fetch_commit *fetched; /* the commit being applied */
	const char *content_dir;
	const char *source_lang; /* the tag of the files that hold a report's
				    fields: site.languages.v[0] */
	hist_info info;
	hist_stats stats;
	const char *head;        /* last commit walked, "" before any */
	const char *oldest;      /* first commit reached, for "truncated" */
	hist_commit *commits;
	size_t n_commits, cap_commits;
	hist_change *changes;
	size_t n_changes, cap_changes;
	hist_removed *removed;   /* every removal, in order */
	size_t n_removed, cap_removed;
	hist_removed *gone;      /* removed and not back: hist_removed_tasks */
	size_t n_gone;
	hist_tstate tables[HIST_N_TABLES];
	smap progress;           /* relpath → hist_pstate* (NULL: removed) */
	smap updated;            /* relpath → commit index + 1 */
	smap by_record;          /* "table\x1fid" → index list (hist_query.c) */
	smap by_task;            /* task id → index list */
	smap revised;            /* metric id → its newest target change */
	hist_month *months;
	size_t n_months, cap_months;
	hist_snapshot *snaps;
	size_t n_snaps;
};

/* Append one element to the malloc'd array `arr` of n elements and room
 * for cap, growing it; evaluates to the new element's address. */
#define HIST_GROW(arr, n, cap)                                               \
	((n) == (cap) ? ((arr) = xrealloc((arr), ((cap) = (cap) ? (cap) * 2  \
						       : 16) * sizeof *(arr))) \
		      : (arr), &(arr)[(n)++])

/* ---- Strings and events (hist.c) --------------------------------------- */

/* The one copy of `s` in h->a. */
const char *hist_intern(hist *h, const char *s);
/* Add an event of the newest commit; the strings are interned (`tbl`
 * is a literal). */
void hist_event(hist *h, hist_kind kind, const char *tbl, const char *record,
		const char *task_id, const char *field, const char *old,
		const char *nw);
/* Forget the walk: commits, changes, removals, parsed states, head and
 * oldest commit, truncation; before a walk from the root (no cache, or a
 * damaged one) and in hist_free. */
void hist_reset(hist *h);

/* ---- The walk (hist_walk.c) -------------------------------------------- */

/* Walk the commits HEAD has beyond the cache in `cache_dir` (all of them
 * without one, or when it is NULL), then save the cache. */
void hist_walk_run(hist *h, const char *cache_dir, diag *d);
/* The new content of change `c` of the commit being applied (fetch read
 * it), or NULL when it could not be read (fetch reported why). */
const buf *hist_walk_version_of(hist *h, const repo_change *c);
/* Warn that the version of `relpath` in the commit being applied is left
 * out, with the first problem in `scratch`. */
void hist_walk_warn_version(hist *h, const char *relpath,
			    const diag *scratch, diag *d);
/* "progress/<id>.<lang>.md" → id and lang (in `a`); false otherwise. */
bool hist_walk_progress_name(const char *path, arena *a, const char **id,
			     const char **lang);

/* ---- CSV tables (hist_table.c) ----------------------------------------- */

/* The table of content file `path` (HIST_T_*), or -1. */
int hist_table_of(const char *path);
/* Apply change `c` to table `ti`: its events, and its new state; a version
 * that does not parse is warned and left out. */
void hist_table_version(hist *h, int ti, const repo_change *c, diag *d);
/* Index t->rows by id (the first row of an id wins). */
void hist_table_index(hist_tstate *t);
/* Free the state's arrays and index; it is left empty. */
void hist_table_free(hist_tstate *t);

/* ---- Progress reports (hist_report.c) ---------------------------------- */

/* Apply change `c` to report `tid` in language `lang` ("zh", "en"): its
 * events, and its new state in h->progress; a version that does not parse
 * is warned and left out. */
void hist_report_version(hist *h, const repo_change *c, const char *tid,
			 const char *lang, diag *d);
/* Free a malloc'd state (its strings are interned); NULL is allowed. */
void hist_report_free(hist_pstate *p);

/* ---- The cache file (hist_cache.c) ------------------------------------- */

/* Read the cache file into h->cache and check its header. Returns the
 * cached head commit, or NULL when there is no usable cache. */
const char *hist_cache_open(hist *h, const char *cache_dir, bin_reader *r);
/* Load everything after the header; false (the walk reset) when the cache
 * is damaged. */
bool hist_cache_load(hist *h, bin_reader *r, const char *head);
/* Write the cache file; a failure is a warning. */
void hist_cache_save(const hist *h, const char *cache_dir, diag *d);

/* ---- Indexes (hist_query.c) -------------------------------------------- */

/* Build the indexes and the removed tasks from the events (cached or
 * new); hist_query_free frees them. */
void hist_query_build(hist *h);
void hist_query_free(hist *h);

/* ---- Periods (hist_period.c) ------------------------------------------- */

/* Fill h->months from the events, months in the UTC offset given. */
void hist_period_months(hist *h, int offset_min);
/* Fill h->snaps with the tags the model's site.snapshot_tags matches (none
 * without a model). */
void hist_period_snapshots(hist *h, const model *m, diag *d);

#endif
