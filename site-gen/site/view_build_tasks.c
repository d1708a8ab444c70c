/* view_build_tasks.c - all tasks: tasks (task items), statuses [{key,
 * label, symbol}], units [{id, name}] (for the filter form), count,
 * annex_note? {html, pending} (plan/annex-note, the list's closing note). */
#include "view_int.h"

const char *view_build_tasks(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = ajson_put_array(c->a, o, "tasks");
	for (size_t i = 0; i < c->v->n_all; i++)
		cJSON_AddItemToArray(a, view_blk_task_item(c,
				     view_derive_task(c->v, i)));
	ajson_put(c->a, o, "statuses", view_blk_statuses(c));
	cJSON *units = ajson_put_array(c->a, o, "units");
	for (size_t i = 0; i < m->n_units; i++) {
		cJSON *u = ajson_object(c->a);
		ajson_put_string(c->a, u, "id", m->units[i].id);
		ajson_put_string(c->a, u, "name", view_plain(c, m->units[i].name));
		cJSON_AddItemToArray(units, u);
	}
	ajson_put_number(c->a, o, "count", (double)c->v->n_all);
	const plan_doc *note = model_plan_doc(m, "annex-note");
	if (note)
		ajson_put(c->a, o, "annex_note",
			view_blk_markdown(c, note->markdown, "annex-note", 2));
	return view_str(c, "nav_tasks");
}
