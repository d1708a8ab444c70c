/* view_build_home.c - the dashboard: plan, totals {chart, rows, total},
 * parts {chart, rows, statuses}, over_time? {chart, rows, statuses}, feed?,
 * latest (task items), sections (parts with their groups), counts,
 * data_as_of. */
#include "view_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *home_totals(view_ctx *c)
{
	cJSON *o = ajson_object(c->a);
	chart_item items[STATUS_COUNT];
	buf svg = BUF_INIT;
	view_blk_status_series(c, items, c->v->totals);
	chart_bars(&svg, "chart-status", view_str(c, "chart_status_title"),
		   items, STATUS_COUNT);
	ajson_put_string(c->a, o, "chart", buf_cstr(&svg));
	ajson_put(c->a, o, "rows", view_blk_status_rows(c, c->v->totals, NULL));
	ajson_put_number(c->a, o, "total",
			 (double)view_derive_total(c->v->totals));
	buf_free(&svg);
	return o;
}

/* Cells [{n}] of a table row, the counts in display order. */
static cJSON *count_cells(const view_ctx *c, const long *ordered)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		cJSON *x = ajson_object(c->a);
		ajson_put_number(c->a, x, "n", (double)ordered[k]);
		cJSON_AddItemToArray(a, x);
	}
	return a;
}

/* Cells [{n, href}] of a part's row, each linked to the part's list. */
static cJSON *part_cells(view_ctx *c, const section *s, const long *ordered)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < STATUS_COUNT; k++)
		cJSON_AddItemToArray(a, view_list_link(c, &(view_list){
			view_list_filter(c->v, ROUTE_BY_STATUS,
					 1u << view_blk_status_order[k]), NULL, s },
			NULL, ordered[k]));
	return a;
}

/* Every status count as text: the stacked chart alone would tell the
 * statuses apart by colour only. */
static cJSON *part_row(view_ctx *c, const section *s, const long *ordered)
{
	cJSON *o = view_blk_section_link(c, s);
	ajson_put_number(c->a, o, "total", (double)view_derive_total(
		c->v->section_counts[s->index]));
	ajson_put(c->a, o, "counts", part_cells(c, s, ordered));
	return o;
}

/* "Part 1", "第一部分": the part's number in the language's pattern, short
 * enough for a chart label (titles are in the table below it). */
static char *part_label(const view_ctx *c, const section *s)
{
	buf num = BUF_INIT, out = BUF_INIT;
	const char *label = view_blk_section_label(c, s);
	size_t n = strlen(label);
	while (n && (label[n - 1] == '.' || label[n - 1] == ' '))
		n--;
	if (n >= strlen("、") && !strcmp(label + n - strlen("、"), "、"))
		n -= strlen("、");
	buf_put(&num, label, n);
	words_expand1(&out, view_str(c, "part_label"), "n", buf_cstr(&num));
	buf_free(&num);
	return buf_detach(&out);
}

static cJSON *home_parts(view_ctx *c)
{
	const model *m = c->v->m;
	cJSON *o = ajson_object(c->a), *rows = ajson_put_array(c->a, o, "rows");
	ajson_put(c->a, o, "statuses", view_blk_statuses(c));
	chart_row *crows = xcalloc(m->n_sections, sizeof *crows);
	char **labels = xcalloc(m->n_sections, sizeof *labels);
	long (*vals)[STATUS_COUNT] = xcalloc(m->n_sections, sizeof *vals);
	size_t n = 0;
	for (size_t i = 0; i < m->n_sections; i++) {
		const section *s = &m->sections[i];
		if (s->parent)
			continue;
		view_blk_ordered(c->v->section_counts[i], vals[n]);
		cJSON_AddItemToArray(rows, part_row(c, s, vals[n]));
		labels[n] = part_label(c, s);
		crows[n] = (chart_row){ labels[n], vals[n] };
		n++;
	}
	view_blk_add_chart(c, o, "chart-parts", "chart_parts_title", crows, n);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(vals);
	free(crows);
	return o;
}

static cJSON *home_sections(view_ctx *c)
{
	const view *v = c->v;
	cJSON *a = ajson_array(c->a);
	for (size_t i = 0; i < v->m->n_sections; i++) {
		const section *s = &v->m->sections[i];
		if (s->parent)
			continue;
		cJSON *p = view_blk_section_link(c, s);
		cJSON *g = ajson_put_array(c->a, p, "groups");
		for (size_t k = 0; k < v->section_groups[i].n; k++) {
			size_t gi = v->section_groups[i].v[k];
			cJSON *x = view_blk_section_link(c, &v->m->sections[gi]);
			ajson_put_number(c->a, x, "count", (double)v->section_tasks[gi].n);
			cJSON_AddItemToArray(g, x);
		}
		cJSON_AddItemToArray(a, p);
	}
	return a;
}

/* One month's row [{month, counts [{n}]}]; `vals` gets the counts in
 * display order, with the tasks withdrawn by then. */
static cJSON *month_row(const view_ctx *c, const hist_month *mo,
			const char *label, long *vals)
{
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		vals[k] = (long)mo->counts[view_blk_status_order[k]];
		if (view_blk_status_order[k] == STATUS_WITHDRAWN)
			vals[k] += view_derive_gone_by(c->v, label);
	}
	cJSON *r = ajson_object(c->a);
	ajson_put_string(c->a, r, "month", label);
	ajson_put(c->a, r, "counts", count_cells(c, vals));
	return r;
}

/* Status counts at each month's end: the chart and the same numbers as a
 * table, rows under statuses. NULL without history. */
static cJSON *home_over_time(view_ctx *c)
{
	size_t n = 0;
	const hist_month *months = c->v->h ? hist_status_by_month(c->v->h, &n)
					   : NULL;
	if (!n)
		return NULL;
	cJSON *o = ajson_object(c->a);
	ajson_put(c->a, o, "statuses", view_blk_statuses(c));
	cJSON *rows = ajson_put_array(c->a, o, "rows");
	chart_row *crows = xcalloc(n, sizeof *crows);
	char (*labels)[32] = xcalloc(n, sizeof *labels);
	long (*vals)[STATUS_COUNT] = xcalloc(n, sizeof *vals);
	for (size_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof *labels, "%04d-%02d", months[i].year,
			 months[i].month);
		cJSON_AddItemToArray(rows, month_row(c, &months[i], labels[i],
						     vals[i]));
		crows[i] = (chart_row){ labels[i], vals[i] };
	}
	view_blk_add_chart(c, o, "chart-history", "chart_history_title", crows, n);
	free(crows);
	free(labels);
	free(vals);
	return o;
}

/* The counts, those of withdrawn tasks and revised targets also as links
 * to their lists ({n, href}). */
static cJSON *home_counts(view_ctx *c)
{
	const view *v = c->v;
	cJSON *n = ajson_object(c->a);
	long withdrawn = v->totals[STATUS_WITHDRAWN];
	ajson_put_number(c->a, n, "tasks", (double)v->n_all);
	ajson_put_number(c->a, n, "withdrawn", (double)withdrawn);
	ajson_put(c->a, n, "withdrawn_link", view_list_count_link(c,
		  view_list_filter(v, ROUTE_BY_STATUS, 1u << STATUS_WITHDRAWN),
		  NULL, NULL, withdrawn));
	if (v->h) {
		long revised = (long)hist_revised_count(v->h);
		ajson_put_number(c->a, n, "revised", (double)revised);
		ajson_put(c->a, n, "revised_link", view_list_count_link(c,
			  view_list_filter(v, ROUTE_BY_TARGET, 1u), NULL, NULL,
			  revised));
	}
	ajson_put_number(c->a, n, "units", (double)v->m->n_units);
	ajson_put_number(c->a, n, "sections", (double)v->m->n_sections);
	ajson_put_number(c->a, n, "reports", (double)v->m->n_reports);
	return n;
}

const char *view_build_home(view_ctx *c, cJSON *o)
{
	const view *v = c->v;
	ajson_put(c->a, o, "plan", view_blk_plan_meta(c));
	ajson_put(c->a, o, "totals", home_totals(c));
	ajson_put(c->a, o, "schedule", view_schedule_summary(c));
	ajson_put(c->a, o, "parts", home_parts(c));
	cJSON *over_time = home_over_time(c);
	if (over_time)
		ajson_put(c->a, o, "over_time", over_time);
	view_blk_add_feed(c, o, "feed", NULL);
	cJSON *latest = ajson_array(c->a);
	for (size_t i = 0; i < v->n_latest; i++)
		cJSON_AddItemToArray(latest,
				     view_blk_task_item(c, v->latest[i]->task));
	view_blk_add_list(c, o, "latest", latest);
	ajson_put(c->a, o, "sections", home_sections(c));
	ajson_put(c->a, o, "counts", home_counts(c));
	ajson_put_string(c->a, o, "data_as_of", view_derive_data_as_of(v));
	return NULL;   /* the dashboard's title is the site's */
}
