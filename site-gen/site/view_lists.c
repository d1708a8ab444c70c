/* view_lists.c - lists of tasks by status, light or stale report, and the
 * counts that link to them (view_int.h). */
#include "view_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sets the units' columns count together (view_schedule_unit), the
 * tasks with a stale report, and those with a revised target. */
static const view_filter sets[] = {
	{ ROUTE_BY_LIGHT, 1u << PACE_DONE | 1u << PACE_GREEN, "on-schedule",
	  "units_on_schedule" },
	{ ROUTE_BY_LIGHT, 1u << PACE_RED | 1u << PACE_OVERDUE, "far-behind",
	  "units_far_behind" },
	{ ROUTE_BY_REPORT, 1u, "stale", "list_stale" },
	{ ROUTE_BY_TARGET, 1u, "revised", "target_revised" },
};

#define N_FILTERS (STATUS_COUNT + PACE_COUNT + sizeof sets / sizeof *sets)

/* Every status in display order, every light in pace.h's, the sets. */
static void index_filters(view *v)
{
	size_t n = 0;
	v->filters = xcalloc(N_FILTERS, sizeof *v->filters);
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		task_status s = view_blk_status_order[k];
		view_filter *f = &v->filters[n++];
		*f = (view_filter){ ROUTE_BY_STATUS, 1u << s,
				    model_status_name(s), "" };
		snprintf(f->label_key, sizeof f->label_key, "status_%s", f->key);
	}
	for (size_t l = 0; l < PACE_COUNT; l++) {
		view_filter *f = &v->filters[n++];
		*f = (view_filter){ ROUTE_BY_LIGHT, 1u << l, pace_light_name(l), "" };
		snprintf(f->label_key, sizeof f->label_key, "light_%s", f->key);
	}
	memcpy(&v->filters[n], sets, sizeof sets);
	v->n_filters = N_FILTERS;
}

static void add_list(view *v, const view_filter *f, const unit *u,
		     const section *s)
{
	if (v->n_lists == v->cap_lists) {
		v->cap_lists = v->cap_lists ? 2 * v->cap_lists : 64;
		v->lists = xrealloc(v->lists, v->cap_lists * sizeof *v->lists);
	}
	v->lists[v->n_lists++] = (view_list){ f, u, s };
}

static void idx_append(view_idx *to, const view_idx *from)
{
	for (size_t k = 0; k < from->n; k++)
		view_idx_push(to, from->v[k]);
}

/* Each section's tasks, a part's followed by its groups', and the lists
 * by status of those that have any. */
static void index_sections(view *v)
{
	size_t ns = v->m->n_sections;
	v->section_all = xcalloc(ns + 1, sizeof *v->section_all);
	for (size_t i = 0; i < ns; i++) {
		idx_append(&v->section_all[i], &v->section_tasks[i]);
		for (size_t g = 0; g < v->section_groups[i].n; g++)
			idx_append(&v->section_all[i], &v->section_tasks[
				   v->section_groups[i].v[g]]);
		for (size_t k = 0; k < v->n_filters; k++)
			if (v->filters[k].by == ROUTE_BY_STATUS &&
			    view_list_count(v, &v->filters[k],
					    &v->section_all[i]) > 0)
				add_list(v, &v->filters[k], NULL,
					 &v->m->sections[i]);
	}
}

void view_list_index(view *v)
{
	index_filters(v);
	for (size_t k = 0; k < v->n_filters; k++)
		add_list(v, &v->filters[k], NULL, NULL);
	for (size_t u = 0; u < v->m->n_units; u++)
		for (size_t k = 0; k < v->n_filters; k++) {
			const view_filter *f = &v->filters[k];
			if (view_list_count(v, f, &v->unit_lead[u]) +
			    view_list_count(v, f, &v->unit_co[u]) > 0)
				add_list(v, f, &v->m->units[u], NULL);
		}
	index_sections(v);
}

void view_list_free(view *v)
{
	for (size_t i = 0; v->section_all && i < v->m->n_sections; i++)
		free(v->section_all[i].v);
	free(v->section_all);
	free(v->filters);
	free(v->lists);
}

const view_filter *view_list_filter(const view *v, route_by by,
				    unsigned mask)
{
	for (size_t k = 0; k < v->n_filters; k++)
		if (v->filters[k].by == by && v->filters[k].mask == mask)
			return &v->filters[k];
	return NULL;
}

/* Has one of the task's targets been revised (hist_metric_revision)? */
static bool revised(const view *v, const task *t)
{
	for (size_t k = 0; v->h && k < t->n_metrics; k++)
		if (hist_metric_revision(v->h, t->metrics[k]->id))
			return true;
	return false;
}

bool view_list_has(const view *v, const view_filter *f, size_t i)
{
	switch (f->by) {
	case ROUTE_BY_STATUS:
		return f->mask >> view_derive_status(v, view_derive_task(v, i)) & 1;
	case ROUTE_BY_LIGHT:
		return f->mask >> v->pace[i].light & 1;
	case ROUTE_BY_REPORT:
		return v->pace[i].stale;
	default:
		return revised(v, view_derive_task(v, i));
	}
}

long view_list_count(const view *v, const view_filter *f, const view_idx *l)
{
	long n = 0;
	size_t all = l ? l->n : v->n_all;
	for (size_t k = 0; k < all; k++)
		n += view_list_has(v, f, l ? l->v[k] : k);
	return n;
}

cJSON *view_list_link(view_ctx *c, const view_list *l, const char *part,
		      long n)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_number(c->a, o, "n", (double)n);
	ajson_put_string(c->a, o, "href", l->f && n ?
			 view_route_list_href(c, l, part) : "");
	return o;
}

cJSON *view_list_count_link(view_ctx *c, const view_filter *f,
			    const unit *u, const char *part, long n)
{
	return view_list_link(c, &(view_list){ f, u, NULL }, part, n);
}

cJSON *view_list_tasks(view_ctx *c, const view_filter *f, const view_idx *l)
{
	cJSON *a = ajson_array(c->a);
	size_t all = l ? l->n : c->v->n_all;
	for (size_t k = 0; k < all; k++) {
		size_t i = l ? l->v[k] : k;
		if (view_list_has(c->v, f, i))
			cJSON_AddItemToArray(a, view_blk_task_item(c,
					     view_derive_task(c->v, i)));
	}
	return a;
}
