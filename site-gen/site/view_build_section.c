/* view_build_section.c - a section: section {id, href, label, title,
 * parent?, co_units, co_note?, tasks, groups (each with tasks), plan [{id,
 * href, html, pending}], rows (status table), total}, breadcrumbs,
 * heading. */
#include "view_int.h"

static cJSON *section_plan(view_ctx *c, const section *s)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < s->plan_ids.n; k++) {
		const plan_doc *p = model_plan_doc(c->v->m, s->plan_ids.v[k]);
		cJSON *o = view_blk_markdown(c, p->markdown, p->id, 3);
		ajson_put_string(c->a, o, "id", p->id);
		buf link = BUF_INIT;   /* view_route_href uses c->tmp */
		buf_printf(&link, "%s#%s", view_route_href(c, VIEW_PLAN, NULL),
			   p->id);
		ajson_put_string(c->a, o, "href", buf_cstr(&link));
		buf_free(&link);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *section_groups(view_ctx *c, const section *s)
{
	const view *v = c->v;
	cJSON *groups = ajson_array(c->a);
	for (size_t k = 0; k < v->section_groups[s->index].n; k++) {
		size_t gi = v->section_groups[s->index].v[k];
		cJSON *g = view_blk_section_link(c, &v->m->sections[gi]);
		view_blk_add_list(c, g, "tasks",
				  view_blk_task_items(c, &v->section_tasks[gi]));
		cJSON_AddItemToArray(groups, g);
	}
	return groups;
}

const char *view_build_section(view_ctx *c, cJSON *o)
{
	const view *v = c->v;
	const section *s = c->pg->item;
	cJSON *x = view_blk_section_link(c, s);
	ajson_put(c->a, o, "section", x);
	if (s->parent)
		ajson_put(c->a, x, "parent",
			  view_blk_section_link(c, s->parent));
	view_blk_add_list(c, x, "co_units", view_blk_co_units(c, s, NULL));
	if (model_text_any(c->v->m, s->co_note))
		view_blk_add_text(c, x, "co_note", s->co_note);
	view_blk_add_list(c, x, "tasks",
			  view_blk_task_items(c, &v->section_tasks[s->index]));
	view_blk_add_list(c, x, "groups", section_groups(c, s));
	view_blk_add_list(c, x, "plan", section_plan(c, s));
	const long *n = v->section_counts[s->index];
	ajson_put(c->a, x, "rows", view_blk_status_rows(c, n, s));
	ajson_put_number(c->a, x, "total", (double)view_derive_total(n));
	view_blk_add_list(c, o, "breadcrumbs", view_blk_crumbs_to(c, s, false));
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%s %s", view_blk_section_label(c, s),
		   view_plain(c, s->title));
	ajson_put_string(c->a, o, "heading", buf_cstr(&c->tmp));
	return cJSON_GetObjectItem(o, "heading")->valuestring;
}
