/* view_build_units.c - the list of units: units [{id, href, name,
 * lead_count, co_count, schedule (view_schedule_unit)}]. */
#include "view_int.h"

const char *view_build_units(view_ctx *c, cJSON *o)
{
	const view *v = c->v;
	cJSON *a = ajson_put_array(c->a, o, "units");
	for (size_t i = 0; i < v->m->n_units; i++) {
		cJSON *x = view_blk_unit_link(c, &v->m->units[i]);
		ajson_put_number(c->a, x, "lead_count", (double)v->unit_lead[i].n);
		ajson_put_number(c->a, x, "co_count", (double)v->unit_co[i].n);
		ajson_put(c->a, x, "schedule",
			  view_schedule_unit(c, &v->m->units[i]));
		cJSON_AddItemToArray(a, x);
	}
	return view_str(c, "nav_units");
}
