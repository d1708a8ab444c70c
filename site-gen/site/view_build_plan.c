/* view_build_plan.c - the plan: plan (metadata), docs [{id, html,
 * pending}]. */
#include "view_int.h"

const char *view_build_plan(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	ajson_put(c->a, o, "plan", view_blk_plan_meta(c));
	cJSON *a = ajson_put_array(c->a, o, "docs");
	for (size_t i = 0; i < m->n_plan; i++) {
		cJSON *d = view_blk_markdown(c, m->plan[i].markdown,
					     m->plan[i].id, 2);
		ajson_put_string(c->a, d, "id", m->plan[i].id);
		cJSON_AddItemToArray(a, d);
	}
	return view_str(c, "nav_plan");
}
