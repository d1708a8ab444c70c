/* view_build_list.c - the tasks of one status, light or set (view_list):
 * title, tasks (task items) and n_tasks, or for a unit's list unit {id,
 * href, name}, lead {tasks, n_tasks}, co {tasks, n_tasks}; breadcrumbs
 * (to the section of a section's list). */
#include "view_int.h"

/* "Tasks with the status “On track”", the unit's or the section's name in
 * front of theirs. */
static const char *list_title(view_ctx *c, const view_list *l)
{
	buf title = BUF_INIT, out = BUF_INIT;
	static const char *const pats[] = {
		[ROUTE_BY_STATUS] = "list_status_title",
		[ROUTE_BY_LIGHT] = "list_light_title",
		[ROUTE_BY_REPORT] = "list_stale_title",
		[ROUTE_BY_TARGET] = "list_revised_title",
	};
	const char *pat = pats[l->f->by];
	words_expand1(&title, view_str(c, pat), "label",
		      view_str(c, l->f->label_key));
	if (l->u) {
		const char *const kv[][2] = { { "unit", view_plain(c, l->u->name) },
					      { "list", buf_cstr(&title) } };
		words_expand(&out, view_str(c, "list_of_unit"), kv, 2);
	} else if (l->s) {
		buf name = BUF_INIT;
		buf_printf(&name, "%s %s", view_blk_section_label(c, l->s),
			   view_plain(c, l->s->title));
		const char *const kv[][2] = { { "section", buf_cstr(&name) },
					      { "list", buf_cstr(&title) } };
		words_expand(&out, view_str(c, "list_of_section"), kv, 2);
		buf_free(&name);
	} else {
		buf_puts(&out, buf_cstr(&title));
	}
	buf_free(&title);
	cJSON *s = ajson_string(c->a, buf_cstr(&out));
	buf_free(&out);
	return s->valuestring;
}

/* {tasks, n_tasks}: those of `tasks` the list selects. */
static void add_part(view_ctx *c, cJSON *o, const char *key,
		     const view_filter *f, const view_idx *tasks)
{
	view_blk_add_list(c, ajson_put_object(c->a, o, key), "tasks",
			  view_list_tasks(c, f, tasks));
}

const char *view_build_list(view_ctx *c, cJSON *o)
{
	const view_list *l = c->pg->item;
	const char *title = list_title(c, l);
	ajson_put_string(c->a, o, "title", title);
	if (l->s) {
		view_blk_add_list(c, o, "tasks", view_list_tasks(c, l->f,
				  &c->v->section_all[l->s->index]));
		view_blk_add_list(c, o, "breadcrumbs",
				  view_blk_crumbs_to(c, l->s, true));
		return title;
	}
	if (!l->u) {
		view_blk_add_list(c, o, "tasks", view_list_tasks(c, l->f, NULL));
		view_blk_add_list(c, o, "breadcrumbs",
				  view_blk_crumbs_under(c, VIEW_TASKS, "nav_tasks"));
		return title;
	}
	ajson_put(c->a, o, "unit", view_blk_unit_link(c, l->u));
	add_part(c, o, "lead", l->f, &c->v->unit_lead[l->u->index]);
	add_part(c, o, "co", l->f, &c->v->unit_co[l->u->index]);
	cJSON *crumbs = view_blk_crumbs_under(c, VIEW_UNITS, "nav_units");
	view_blk_add_crumb(c, crumbs, view_route_href(c, VIEW_UNIT, l->u->id),
			   view_plain(c, l->u->name));
	view_blk_add_list(c, o, "breadcrumbs", crumbs);
	return title;
}
