/* hist_query.c - the indexes built after the walk, and the queries of
 * hist.h (hist_int.h). */
#include "hist_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The indexes of the changes of one record or task, newest first. */
typedef struct idxlist {
	size_t *v;
	size_t n, cap;
} idxlist;

static void index_add(hist *h, smap *m, const char *key, size_t i)
{
	idxlist *l = smap_get(m, key);
	if (!l)
		smap_put(m, key, l = arena_alloc(h->a, sizeof *l));
	*HIST_GROW(l->v, l->n, l->cap) = i;
}

/* Indexes are built from the events (cached or new), newest first. */
static void build_indexes(hist *h)
{
	arena *tmp = arena_new();
	buf key = BUF_INIT;
	for (size_t i = h->n_changes; i-- > 0;) {
		const hist_change *c = &h->changes[i];
		buf_clear(&key);
		buf_printf(&key, "%s\x1f%s", c->table, c->record);
		index_add(h, &h->by_record, hist_intern(h, key.ptr), i);
		const char *old_task, *lang;
		if (*c->task)
			index_add(h, &h->by_task, c->task, i);
		if (c->kind == HIST_RENAMED &&
		    hist_walk_progress_name(c->old_value, tmp, &old_task, &lang) &&
		    strcmp(old_task, c->task))
			index_add(h, &h->by_task, hist_intern(h, old_task), i);
		if (!strcmp(c->table, "metrics") && hist_change_is_target(c) &&
		    !smap_get(&h->revised, c->record))
			smap_put(&h->revised, c->record, (void *)c);
	}
	buf_free(&key);
	arena_free(tmp);
}

/* Removed tasks that were not added back, each with its last removal. */
static void collect_gone(hist *h)
{
	smap last = SMAP_INIT;
	for (size_t i = 0; i < h->n_removed; i++)
		smap_put(&last, h->removed[i].id, &h->removed[i]);
	h->gone = xcalloc(h->n_removed + 1, sizeof *h->gone);
	for (size_t i = 0; i < h->n_removed; i++)
		if (smap_get(&last, h->removed[i].id) == &h->removed[i] &&
		    !smap_get(&h->tables[HIST_T_TASKS].ids, h->removed[i].id))
			h->gone[h->n_gone++] = h->removed[i];
	smap_free(&last);
}

void hist_query_build(hist *h)
{
	build_indexes(h);
	collect_gone(h);
}

static void free_index(smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			free(((idxlist *)m->vals[i])->v);
	smap_free(m);
}

void hist_query_free(hist *h)
{
	free_index(&h->by_record);
	free_index(&h->by_task);
	smap_free(&h->revised);
	free(h->gone);
}

/* ---- queries ----------------------------------------------------------- */

hist_info hist_get_info(const hist *h) { return h->info; }
hist_stats hist_get_stats(const hist *h) { return h->stats; }

const hist_commit *hist_commits(const hist *h, size_t *n)
{
	*n = h->n_commits;
	return h->commits;
}

const hist_change *hist_changes(const hist *h, size_t *n)
{
	*n = h->n_changes;
	return h->changes;
}

static const size_t *list_of(const smap *m, const char *key, size_t *n)
{
	const idxlist *l = smap_get(m, key);
	*n = l ? l->n : 0;
	return l ? l->v : NULL;
}

const size_t *hist_record_changes(const hist *h, const char *tbl,
				  const char *id, size_t *n)
{
	buf key = BUF_INIT;
	buf_printf(&key, "%s\x1f%s", tbl, id);
	const size_t *v = list_of(&h->by_record, key.ptr, n);
	buf_free(&key);
	return v;
}

const size_t *hist_task_changes(const hist *h, const char *task_id,
				size_t *n)
{
	return list_of(&h->by_task, task_id, n);
}

const hist_commit *hist_record_updated(const hist *h, const char *tbl,
				       const char *id)
{
	size_t n;
	const size_t *v = hist_record_changes(h, tbl, id, &n);
	return n ? &h->commits[h->changes[v[0]].commit] : NULL;
}

const hist_commit *hist_file_updated(const hist *h, const char *relpath)
{
	uintptr_t c = (uintptr_t)smap_get(&h->updated, relpath);
	return c ? &h->commits[c - 1] : NULL;
}

const hist_removed *hist_removed_tasks(const hist *h, size_t *n)
{
	*n = h->n_gone;
	return h->gone;
}

bool hist_change_is_target(const hist_change *c)
{
	return c->kind == HIST_CHANGED && (!strcmp(c->field, "target") ||
					   !strcmp(c->field, "target_max"));
}

const char *hist_field_before(const hist *h, const char *table,
			      const char *id, const char *field, size_t commit)
{
	size_t n;
	const size_t *ix = hist_record_changes(h, table, id, &n);
	const char *v = NULL;
	for (size_t i = 0; i < n; i++) {  /* newest first: keep the last */
		const hist_change *c = &h->changes[ix[i]];
		if (c->commit < commit)
			break;
		if (c->kind == HIST_CHANGED && !strcmp(c->field, field))
			v = c->old_value;
	}
	return v;
}

const hist_change *hist_metric_revision(const hist *h, const char *metric_id)
{
	return smap_get(&h->revised, metric_id);
}

size_t hist_revised_count(const hist *h)
{
	return h->revised.n;
}
