/* hist.c - loading and freeing a history; its strings and events
 * (hist_int.h). */
#include "hist_int.h"

#include <stdlib.h>

/* One copy of each distinct string: history repeats the same ids, statuses
 * and unchanged narratives many times. */
const char *hist_intern(hist *h, const char *s)
{
	const char *got = smap_get(&h->interned, s);
	if (!got) {
		got = arena_strdup(h->a, s);
		smap_put(&h->interned, got, (void *)got);
	}
	return got;
}

void hist_event(hist *h, hist_kind kind, const char *tbl, const char *record,
		const char *task_id, const char *field, const char *old,
		const char *nw)
{
	*HIST_GROW(h->changes, h->n_changes, h->cap_changes) = (hist_change){
		.commit = h->n_commits - 1, .kind = kind, .table = tbl,
		.record = hist_intern(h, record),
		.task = hist_intern(h, task_id),
		.field = hist_intern(h, field),
		.old_value = hist_intern(h, old),
		.new_value = hist_intern(h, nw),
	};
}

void hist_reset(hist *h)
{
	for (int t = 0; t < HIST_N_TABLES; t++)
		hist_table_free(&h->tables[t]);
	for (size_t i = 0; i < h->progress.cap; i++)
		if (h->progress.keys[i])
			hist_report_free(h->progress.vals[i]);
	smap_free(&h->progress);
	smap_free(&h->updated);
	h->n_commits = h->n_changes = h->n_removed = 0;
	h->head = h->oldest = "";
	h->info.truncated = false;
}

hist *hist_load(const char *content_dir, const model *m,
		const char *cache_dir, diag *d)
{
	hist *h = xcalloc(1, sizeof *h);
	h->a = arena_new();
	h->content_dir = arena_strdup(h->a, content_dir);
	h->source_lang = arena_strdup(h->a, m && m->site.languages.n
				      ? m->site.languages.v[0] : "zh");
	h->head = h->oldest = "";
	bool missing;
	h->r = repo_open(content_dir, d, &missing);
	if (missing)
		diag_warn(d, content_dir, 0, 0, "history: the content folder is "
			  "not in a git repository; pages show no history");
	if (h->r) {
		h->info.git = true;
		hist_walk_run(h, cache_dir, d);
		if (repo_has_uncommitted(h->r, d)) {
			h->info.dirty = true;
			diag_warn(d, content_dir, 0, 0, "history: the content folder "
				  "includes uncommitted changes; the site shows "
				  "them, but its history ends at the last commit");
		}
		hist_period_snapshots(h, m, d);
	}
	hist_query_build(h);
	hist_period_months(h, m ? m->site.utc_offset_min : 0);
	return h;
}

void hist_free(hist *h)
{
	if (!h)
		return;
	hist_reset(h);
	hist_query_free(h);
	smap_free(&h->interned);
	free(h->commits);
	free(h->changes);
	free(h->removed);
	free(h->months);
	free(h->snaps);
	buf_free(&h->cache);
	repo_free(h->r);
	arena_free(h->a);
	free(h);
}
