/* view_build_unit.c - a unit: unit {id, href, name, aliases, lead {tasks},
 * co {tasks}, rows [{status, lead, co}], lights [{light, label, lead,
 * co}] (view_schedule_unit_lights), schedule (view_schedule_unit), chart,
 * feed?}, breadcrumbs. The counts are {n, href}, linked to the unit's
 * lists. */
#include "view_int.h"

/* rows [{status, lead, co}]: the counts of the tasks it leads and
 * co-owns. */
static cJSON *unit_rows(view_ctx *c, const unit *u)
{
	static const char *const keys[] = { "lead", "co" };
	const long *const cols[] = { c->v->lead_counts[u->index],
				     c->v->co_counts[u->index] };
	return view_blk_status_table(c, keys, cols, 2, u, NULL);
}

static void unit_chart(const view_ctx *c, const unit *u, cJSON *x)
{
	long lead[STATUS_COUNT], co[STATUS_COUNT];
	view_blk_ordered(c->v->lead_counts[u->index], lead);
	view_blk_ordered(c->v->co_counts[u->index], co);
	chart_row rows[] = { { view_str(c, "unit_leads"), lead },
			     { view_str(c, "unit_co_owns"), co } };
	view_blk_add_chart(c, x, "chart-unit", "chart_unit_title", rows, 2);
}

const char *view_build_unit(view_ctx *c, cJSON *o)
{
	const view *v = c->v;
	const unit *u = c->pg->item;
	cJSON *x = view_blk_unit_link(c, u);
	ajson_put(c->a, o, "unit", x);
	cJSON *aliases = ajson_array(c->a);
	for (size_t k = 0; k < u->aliases.n; k++)
		cJSON_AddItemToArray(aliases, ajson_string(c->a, u->aliases.v[k]));
	view_blk_add_list(c, x, "aliases", aliases);
	view_blk_add_list(c, ajson_put_object(c->a, x, "lead"), "tasks",
			  view_blk_task_items(c, &v->unit_lead[u->index]));
	view_blk_add_list(c, ajson_put_object(c->a, x, "co"), "tasks",
			  view_blk_task_items(c, &v->unit_co[u->index]));
	ajson_put(c->a, x, "rows", unit_rows(c, u));
	ajson_put(c->a, x, "lights", view_schedule_unit_lights(c, u));
	ajson_put(c->a, x, "schedule", view_schedule_unit(c, u));
	unit_chart(c, u, x);
	view_blk_add_feed(c, x, "feed", u);
	view_blk_add_list(c, o, "breadcrumbs",
			  view_blk_crumbs_under(c, VIEW_UNITS, "nav_units"));
	return view_plain(c, u->name);
}
