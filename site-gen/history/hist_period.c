/* hist_period.c - status counts by month and the reporting-period tags
 * (hist_int.h). */
#include "hist_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int month_of(long long t, int offset_min)
{
	time_t s = (time_t)(t + offset_min * 60LL);
	struct tm tm;
	gmtime_r(&s, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

typedef struct replay {
	smap live;               /* task id → non-NULL while in tasks.csv */
	smap status;             /* task id → status name ("" none) */
} replay;

static void replay_change(hist *h, replay *rp, const hist_change *c,
			  arena *tmp)
{
	const char *old, *lang;
	if (!strcmp(c->table, "tasks") && c->kind != HIST_CHANGED)
		smap_put(&rp->live, c->record,
			 c->kind == HIST_ADDED ? (void *)c : NULL);
	else if (!strcmp(c->table, "progress") && !strcmp(c->field, "status"))
		smap_put(&rp->status, c->record, (void *)c->new_value);
	else if (c->kind == HIST_RENAMED &&
		 hist_walk_progress_name(c->old_value, tmp, &old, &lang) &&
		 !strcmp(lang, h->source_lang)) {
		old = hist_intern(h, old);
		void *st = smap_get(&rp->status, old);
		smap_put(&rp->status, old, NULL);
		smap_put(&rp->status, c->record, st);
	}
}

static void count_month(hist *h, const replay *rp, int month)
{
	hist_month *m = HIST_GROW(h->months, h->n_months, h->cap_months);
	*m = (hist_month){ .year = month / 12, .month = month % 12 + 1 };
	for (size_t i = 0; i < rp->live.cap; i++) {
		if (!rp->live.keys[i] || !rp->live.vals[i])
			continue;
		const char *st = smap_get(&rp->status, rp->live.keys[i]);
		m->counts[st ? model_status_parse(st) : STATUS_NONE]++;
	}
}

void hist_period_months(hist *h, int offset_min)
{
	if (!h->n_commits)
		return;
	replay rp = { SMAP_INIT, SMAP_INIT };
	arena *tmp = arena_new();
	int month = month_of(h->commits[0].time, offset_min);
	for (size_t i = 0, k = 0; i < h->n_commits; i++) {
		int m = month_of(h->commits[i].time, offset_min);
		for (; month < m; month++)
			count_month(h, &rp, month);
		for (; k < h->n_changes && h->changes[k].commit == i; k++)
			replay_change(h, &rp, &h->changes[k], tmp);
	}
	count_month(h, &rp, month);
	arena_free(tmp);
	smap_free(&rp.live);
	smap_free(&rp.status);
}

void hist_period_snapshots(hist *h, const model *m, diag *d)
{
	repo_tag *tags = NULL;
	if (!m || !*m->site.snapshot_tags ||
	    repo_tags(h->r, m->site.snapshot_tags, h->a, &tags, &h->n_snaps, d))
		h->n_snaps = 0;
	h->snaps = xcalloc(h->n_snaps + 1, sizeof *h->snaps);
	for (size_t i = 0; i < h->n_snaps; i++)
		h->snaps[i] = (hist_snapshot){ tags[i].name, tags[i].commit,
					       tags[i].time, tags[i].offset_min };
	free(tags);
}

const hist_month *hist_status_by_month(const hist *h, size_t *n)
{
	*n = h->n_months;
	return h->months;
}

const hist_snapshot *hist_snapshots(const hist *h, size_t *n)
{
	*n = h->n_snaps;
	return h->snaps;
}

int hist_snapshot_write(hist *h, size_t i, const char *dir, diag *d)
{
	return i < h->n_snaps ? repo_write_content(h->r, h->snaps[i].commit, dir, d)
			      : -1;
}
