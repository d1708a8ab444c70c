/* view_schedule.c - see view_int.h: a task against its schedule (pace.h)
 * beside its reported status, and the rule that rates it, in the theme's
 * words. */
#include "view_int.h"
#include "pace.h"
#include "text.h"

#include <stdio.h>

/* {light, label}: the light's name and its words (light_<name>) in `o`. */
static void put_light(view_ctx *c, cJSON *o, pace_light l)
{
	char key[48];
	snprintf(key, sizeof key, "light_%s", pace_light_name(l));
	ajson_put_string(c->a, o, "light", pace_light_name(l));
	ajson_put_string(c->a, o, "label", view_str(c, key));
}

static void put_pattern(view_ctx *c, cJSON *o, const char *key,
			const char *pat, const char *const (*kv)[2], size_t n)
{
	buf b = BUF_INIT;
	words_expand(&b, view_str(c, pat), kv, n);
	ajson_put_string(c->a, o, key, buf_cstr(&b));
	buf_free(&b);
}

static void put_pattern1(view_ctx *c, cJSON *o, const char *key,
			 const char *pat, const char *name, const char *value)
{
	const char *const kv[][2] = { { name, value } };
	put_pattern(c, o, key, pat, kv, 1);
}

/* "Reported as on track, but …", when the report and the light disagree. */
static void disagreement(view_ctx *c, cJSON *o, const task *t,
			 const pace_rating *r, const char *gap)
{
	const progress *p = t->progress;
	bool behind = r->light == PACE_YELLOW || r->light == PACE_RED;
	if (!p || p->status != STATUS_ON_TRACK ||
	    !(behind || r->light == PACE_OVERDUE))
		return;
	const char *const kv[][2] = { { "status", view_str(c,
		"status_on_track") }, { "n", gap } };
	put_pattern(c, o, "disagree", r->light == PACE_OVERDUE ?
		    "schedule_disagree_overdue" : "schedule_disagree", kv, 2);
}

/* age (with `age`) and stale, when it is: "Stale: no new report for more
 * than 100 days"; both patterns have {n} and {days}. Task lists show only
 * the second. */
static void put_age(view_ctx *c, cJSON *o, const pace_rating *r, bool age)
{
	if (!age && !r->stale)
		return;
	char n[32], days[32];
	snprintf(n, sizeof n, "%ld", r->report_age);
	snprintf(days, sizeof days, "%ld", c->v->m->site.stale_after_days);
	const char *const kv[][2] = { { "n", n }, { "days", days } };
	if (age)
		put_pattern(c, o, "age", "schedule_report_age", kv, 2);
	if (r->stale)
		put_pattern(c, o, "stale", "schedule_stale", kv, 2);
}

/* rule_href: where the about page explains the rating. */
static void put_rule_href(view_ctx *c, cJSON *o)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s#rating-heading", view_route_href(c, VIEW_ABOUT, NULL));
	ajson_put_string(c->a, o, "rule_href", buf_cstr(&b));
	buf_free(&b);
}

/* "From 2023-03-01 to 2023-12-31": the schedule's start and due dates. */
static void put_span(view_ctx *c, cJSON *o, const pace_rating *r)
{
	if (r->start < 0 || r->due < 0)
		return;
	buf start = BUF_INIT, due = BUF_INIT;
	text_format_date(r->start, &start);
	text_format_date(r->due, &due);
	const char *const kv[][2] = { { "start", buf_cstr(&start) },
				      { "due", buf_cstr(&due) } };
	put_pattern(c, o, "span", "schedule_span", kv, 2);
	buf_free(&start);
	buf_free(&due);
}

cJSON *view_schedule_task(view_ctx *c, const task *t)
{
	pace_rating r = c->v->pace[t->index];
	cJSON *o = ajson_object(c->a);
	char n[16], gap[16];
	put_light(c, o, r.light);
	buf date = BUF_INIT;
	text_format_date(c->v->o.ref_day, &date);
	snprintf(n, sizeof n, "%d", r.expected);
	snprintf(gap, sizeof gap, "%d", r.gap);
	const char *const kv[][2] = { { "n", n }, { "date", buf_cstr(&date) } };
	put_span(c, o, &r);
	if (r.expected >= 0)
		put_pattern(c, o, "expected", "schedule_expected", kv, 2);
	if (r.has_gap && r.gap > 0 && r.light != PACE_DONE)
		put_pattern1(c, o, "gap", "schedule_gap", "n", gap);
	if (r.report_age >= 0)
		put_age(c, o, &r, true);
	disagreement(c, o, t, &r, gap);
	put_rule_href(c, o);
	buf_free(&date);
	return o;
}

cJSON *view_schedule_rule(view_ctx *c)
{
	const site_config *s = &c->v->m->site;
	char yellow[16], red[16], stale[32];
	snprintf(yellow, sizeof yellow, "%d", s->sched_yellow_after);
	snprintf(red, sizeof red, "%d", s->sched_red_after);
	snprintf(stale, sizeof stale, "%ld", s->stale_after_days);
	const char *const kv[][2] = { { "yellow", yellow }, { "red", red },
				      { "days", stale } };
	cJSON *o = ajson_object(c->a);
	put_pattern(c, o, "lights", "rate_lights", kv, 3);
	put_pattern(c, o, "stale", "rate_stale", kv, 3);
	return o;
}

cJSON *view_schedule_light(view_ctx *c, const task *t)
{
	const pace_rating *r = &c->v->pace[t->index];
	cJSON *o = ajson_object(c->a);
	put_light(c, o, r->light);
	put_age(c, o, r, false);
	return o;
}

/* The filter of light `l` (view_lists.c). */
static const view_filter *light_filter(const view_ctx *c, pace_light l)
{
	return view_list_filter(c->v, ROUTE_BY_LIGHT, 1u << l);
}

/* [{light, label, <parts[j]> {n, href}}]: every light, counted in each
 * of the lists `tasks` (NULL: every task), linked to unit `u`'s list (NULL:
 * every task's) at the part named as the column. */
static cJSON *light_rows(view_ctx *c, const char *const *parts,
			 const view_idx *const *tasks, size_t n, const unit *u)
{
	cJSON *a = ajson_array(c->a);
	for (size_t l = 0; l < PACE_COUNT; l++) {
		const view_filter *f = light_filter(c, (pace_light)l);
		cJSON *x = ajson_object(c->a);
		put_light(c, x, (pace_light)l);
		for (size_t j = 0; j < n; j++)
			ajson_put(c->a, x, parts[j], view_list_count_link(c, f, u,
				  u ? parts[j] : NULL, view_list_count(c->v, f,
								       tasks[j])));
		cJSON_AddItemToArray(a, x);
	}
	return a;
}

/* [{unit, stale {n, href}}]: the units with stale reports among the tasks
 * they lead, in units.csv's order. */
static cJSON *stale_units(view_ctx *c, const view_filter *f)
{
	cJSON *a = ajson_array(c->a);
	for (size_t u = 0; u < c->v->m->n_units; u++) {
		const unit *un = &c->v->m->units[u];
		long n = view_list_count(c->v, f, &c->v->unit_lead[u]);
		if (!n)
			continue;
		cJSON *x = ajson_object(c->a);
		ajson_put(c->a, x, "unit", view_blk_unit_link(c, un));
		ajson_put(c->a, x, "stale", view_list_count_link(c, f, un,
							      "lead", n));
		cJSON_AddItemToArray(a, x);
	}
	return a;
}

cJSON *view_schedule_summary(view_ctx *c)
{
	static const char *const count[] = { "count" };
	const view_idx *all[] = { NULL };
	cJSON *o = ajson_object(c->a);
	const view_filter *far = view_list_filter(c->v, ROUTE_BY_LIGHT,
		1u << PACE_RED | 1u << PACE_OVERDUE);
	const view_filter *stale = view_list_filter(c->v, ROUTE_BY_REPORT, 1u);
	buf b = BUF_INIT;
	text_format_date(c->v->o.ref_day, &b);
	ajson_put_string(c->a, o, "date", buf_cstr(&b));
	buf_free(&b);
	put_rule_href(c, o);
	ajson_put(c->a, o, "lights", light_rows(c, count, all, 1, NULL));
	view_blk_add_list(c, o, "behind", view_list_tasks(c, far, NULL));
	ajson_put(c->a, o, "stale", view_list_count_link(c, stale, NULL, NULL,
		  view_list_count(c->v, stale, NULL)));
	view_blk_add_list(c, o, "stale_units", stale_units(c, stale));
	return o;
}

cJSON *view_schedule_unit_lights(view_ctx *c, const unit *u)
{
	static const char *const parts[] = { "lead", "co" };
	const view_idx *tasks[] = { &c->v->unit_lead[u->index],
				    &c->v->unit_co[u->index] };
	return light_rows(c, parts, tasks, 2, u);
}

/* A department's lead tasks against the schedule: {on (done or green),
 * behind (yellow), far (red or overdue), unreported, share ("75%" of its
 * tasks not withdrawn on schedule, "—" without any)}, each count linked to
 * the unit's list. Removed tasks count as withdrawn. */
cJSON *view_schedule_unit(view_ctx *c, const unit *u)
{
	static const struct { const char *key; unsigned mask; } cols[] = {
		{ "on", 1u << PACE_DONE | 1u << PACE_GREEN },
		{ "behind", 1u << PACE_YELLOW },
		{ "far", 1u << PACE_RED | 1u << PACE_OVERDUE },
		{ "unreported", 1u << PACE_UNREPORTED },
	};
	const view_idx *tasks = &c->v->unit_lead[u->index];
	cJSON *o = ajson_object(c->a);
	long on = 0;
	for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
		const view_filter *f = view_list_filter(c->v, ROUTE_BY_LIGHT,
							cols[k].mask);
		long n = view_list_count(c->v, f, tasks);
		on = k ? on : n;
		ajson_put(c->a, o, cols[k].key, view_list_count_link(c, f, u,
			  "lead", n));
	}
	long counted = (long)tasks->n - view_list_count(c->v, view_list_filter(
		c->v, ROUTE_BY_LIGHT, 1u << PACE_WITHDRAWN), tasks);
	char share[32];
	if (counted > 0)
		snprintf(share, sizeof share, "%ld%%",
			 (200 * on + counted) / (2 * counted));
	else
		snprintf(share, sizeof share, "—");
	ajson_put_string(c->a, o, "share", share);
	return o;
}
