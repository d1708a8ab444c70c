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

static void put_age(view_ctx *c, cJSON *o, const pace_rating *r)
{
	char n[32], days[32];
	snprintf(n, sizeof n, "%ld", r->report_age);
	snprintf(days, sizeof days, "%ld", c->v->m->site.stale_after_days);
	const char *const kv[][2] = { { "n", n }, { "days", days } };
	put_pattern(c, o, "age", "schedule_report_age", kv, 2);
	if (r->stale)
		put_pattern(c, o, "stale", "schedule_stale", kv, 2);
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
	const char *const kg[][2] = { { "n", gap } };
	if (r.has_gap && r.gap > 0 && r.light != PACE_DONE)
		put_pattern(c, o, "gap", "schedule_gap", kg, 1);
	if (r.report_age >= 0)
		put_age(c, o, &r);
	disagreement(c, o, t, &r, gap);
	buf_clear(&date);
	buf_printf(&date, "%s#rating-heading", view_route_href(c, VIEW_ABOUT,
							       NULL));
	ajson_put_string(c->a, o, "rule_href", buf_cstr(&date));
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

/* A task item with its light (the lists of tasks behind). */
static cJSON *behind_item(view_ctx *c, const task *t, pace_light l)
{
	cJSON *o = view_blk_task_item(c, t);
	put_light(c, ajson_put_object(c->a, o, "schedule"), l);
	return o;
}

cJSON *view_schedule_summary(view_ctx *c)
{
	long n[PACE_COUNT] = { 0 };
	cJSON *o = ajson_object(c->a), *behind = ajson_array(c->a);
	for (size_t i = 0; i < c->v->n_all; i++) {
		pace_light l = c->v->pace[i].light;
		n[l]++;
		if (l == PACE_OVERDUE || l == PACE_RED)
			cJSON_AddItemToArray(behind, behind_item(c,
					     view_derive_task(c->v, i), l));
	}
	buf b = BUF_INIT;
	text_format_date(c->v->o.ref_day, &b);
	ajson_put_string(c->a, o, "date", buf_cstr(&b));
	buf_clear(&b);
	buf_printf(&b, "%s#rating-heading", view_route_href(c, VIEW_ABOUT, NULL));
	ajson_put_string(c->a, o, "rule_href", buf_cstr(&b));
	buf_free(&b);
	cJSON *lights = ajson_put_array(c->a, o, "lights");
	for (size_t l = 0; l < PACE_COUNT; l++) {
		cJSON *x = ajson_object(c->a);
		put_light(c, x, (pace_light)l);
		ajson_put_number(c->a, x, "n", (double)n[l]);
		cJSON_AddItemToArray(lights, x);
	}
	view_blk_add_list(c, o, "behind", behind);
	return o;
}

/* A department's lead tasks against the schedule: {on (done or green),
 * behind (yellow), far (red or overdue), unreported, share ("75%" of its
 * tasks not withdrawn on schedule, "—" without any)}. Indexes are the
 * view's (view_derive_task), removed tasks included, as withdrawn. */
cJSON *view_schedule_unit(view_ctx *c, const view_idx *tasks)
{
	long n[PACE_COUNT] = { 0 };
	for (size_t i = 0; i < tasks->n; i++)
		n[c->v->pace[tasks->v[i]].light]++;
	long on = n[PACE_DONE] + n[PACE_GREEN];
	long counted = (long)tasks->n - n[PACE_WITHDRAWN];
	cJSON *o = ajson_object(c->a);
	ajson_put_number(c->a, o, "on", (double)on);
	ajson_put_number(c->a, o, "behind", (double)n[PACE_YELLOW]);
	ajson_put_number(c->a, o, "far", (double)(n[PACE_RED] + n[PACE_OVERDUE]));
	ajson_put_number(c->a, o, "unreported", (double)n[PACE_UNREPORTED]);
	char share[32];
	if (counted > 0)
		snprintf(share, sizeof share, "%ld%%",
			 (200 * on + counted) / (2 * counted));
	else
		snprintf(share, sizeof share, "—");
	ajson_put_string(c->a, o, "share", share);
	return o;
}
