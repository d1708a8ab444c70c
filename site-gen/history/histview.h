/* histview.h - history (hist.h) put into words and data for readers: one
 * sentence per change in a language, a task's timeline and the site-wide
 * list of changes as cJSON for the templates, and the plain `site-gen log`
 * listing.
 *
 * Every word of the sentences comes from the theme's strings (the hist_*,
 * field_* and status_* keys, view_required_strings): `strings` are every
 * language's, indexed like site.languages, as site.c loads them, and
 * `lang` is the index of the language the sentences are in.
 *
 * Dates are shown in the site's time zone (model->site.utc_offset_min).
 * Changes are grouped into entries: one per commit and task (a task's row,
 * its metrics and its reports together), or per commit and record for
 * units, sections and files. Entries come newest first.
 *
 * Ownership: cJSON trees are made in the caller's arena (ajson.h).
 */
#ifndef SG_HISTVIEW_H
#define SG_HISTVIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "hist.h"
#include "model.h"

struct arena;
struct cJSON;

typedef struct histview_entry {
	const hist_commit *commit;
	const char *task;          /* task id, or "" */
	const char *table, *record;/* of the first change */
	const size_t *changes;     /* indices into hist_changes() */
	size_t n;
} histview_entry;

/* Call fn for every entry, newest first, until it returns false. */
void histview_each(const hist *h, bool (*fn)(void *ctx,
					     const histview_entry *e),
		   void *ctx);

/* Append the sentence for one change of `h` in language `lang`; a revised
 * target's gives its reason (histview_revision_reason) or says there is
 * none. Returns false (appending nothing) for changes not worth showing in
 * that language (the report date, another language's narrative). */
bool histview_change_text(const hist *h, const model *m,
			  const struct cJSON *const *strings, size_t lang,
			  const hist_change *c, buf *out);
/* Why the target change `c` (metrics, target or target_max) was made, in
 * language `lang`: the metric's revision_note (with the language's
 * fallbacks) where it explains `c` (the newest revision up to the commit
 * that last wrote the note; a note not yet committed explains the newest),
 * else the Reason: trailer of the change's commit; NULL when neither
 * gives one. Owned by `m` or `h`. */
const char *histview_revision_reason(const hist *h, const model *m,
				     size_t lang, const hist_change *c);
/* The unit of `mt` in language `lang` (no fallback) as it was just before
 * commit `commit` (0: as first committed); `h` NULL: its unit now. */
const char *histview_unit_before(const hist *h, const model *m,
				 const metric *mt, size_t lang, size_t commit);
/* Warn, at its row in metrics.csv, about each metric whose newest target
 * revision has no reason in any language. Returns the number of warnings. */
size_t histview_warn_unexplained(const hist *h, const model *m, diag *d);

/* Absolute URL of the page an entry is about, in language tag `lang`. */
void histview_entry_url(const model *m, const histview_entry *e,
			const char *lang, buf *out);
/* Title of an entry: "任务 t001" / "Task t001", a unit's name, a path. */
void histview_entry_title(const model *m, const struct cJSON *const *strings,
			  size_t lang, const histview_entry *e, buf *out);

/* "2023-06-30" and "2023-06-30T18:00:00+08:00" in the given offset. */
void histview_date(long long t, int offset_min, buf *out);
void histview_rfc3339(long long t, int offset_min, buf *out);
/* site.commit_url with {commit} replaced, or "" when not configured. */
void histview_commit_url(const model *m, const char *commit, buf *out);

/* A task's timeline, newest first: [{date, time, author, summary, commit,
 * commit_short, commit_url, changes: [{text, narrative_md?}]}];
 * `narrative_md` is the report's text in `lang` (Markdown, as committed) where the change
 * is a new version of it. Entries with nothing to show in `lang` are left
 * out. */
struct cJSON *histview_timeline_json(const hist *h, const model *m,
				     const struct cJSON *const *strings,
				     size_t lang, const char *task_id,
				     struct arena *a);

/* Every change, newest first, grouped by date: [{date, entries: [{time,
 * author, summary, commit, commit_short, commit_url, task, table, record,
 * title, url, changes: [{text}]}]}] (the report texts are on the task
 * pages). */
struct cJSON *histview_changes_json(const hist *h, const model *m,
				    const struct cJSON *const *strings,
				    size_t lang, struct arena *a);

/* Print every change for `site-gen log`, newest first: one line per
 * change ("date time  commit  author  table/record  field: old → new"), or
 * with `json` a JSON array with the full values. */
void histview_log(const hist *h, const model *m, bool json, FILE *out);

/* "site-gen: history: N commits read, N from the cache, N files parsed"
 * on one line, for --verbose. */
void histview_stats(const hist *h, FILE *out);

#endif
