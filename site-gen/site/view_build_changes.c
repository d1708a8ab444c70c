/* view_build_changes.c - the changes: days [{date, entries [{title, href?,
 * date, time, author, summary, commit_short, commit_url, changes
 * [{text}]}]}] (histview.h), feed?. */
#include "view_int.h"
#include "histview.h"

#include <string.h>

/* The page an entry is about, where it has one, as c->tmp's string. */
static const char *entry_href(view_ctx *c, const cJSON *e)
{
	const char *tk = cJSON_GetObjectItem(e, "task")->valuestring;
	const char *tbl = cJSON_GetObjectItem(e, "table")->valuestring;
	const char *rec = cJSON_GetObjectItem(e, "record")->valuestring;
	const model *m = c->v->m;
	if (*tk)
		return view_derive_task_named(c->v, tk) ?
			view_route_href(c, VIEW_TASK, tk) : NULL;
	if (!strcmp(tbl, "units"))
		return model_unit(m, rec) ?
			view_route_href(c, VIEW_UNIT, rec) : NULL;
	if (!strcmp(tbl, "sections"))
		return model_section(m, rec) ?
			view_route_href(c, VIEW_SECTION, rec) : NULL;
	if (!strcmp(rec, "glossary.csv"))
		return view_route_href(c, VIEW_GLOSSARY, NULL);
	if (!strncmp(rec, "plan/", 5))
		return view_route_href(c, VIEW_PLAN, NULL);
	return NULL;
}

const char *view_build_changes(view_ctx *c, cJSON *o)
{
	cJSON *days = c->v->h ? histview_changes_json(c->v->h, c->v->m,
						      c->v->o.strings,
						      c->lang_index, c->a)
			      : ajson_array(c->a);
	cJSON *day, *e;
	cJSON_ArrayForEach(day, days)
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(day, "entries")) {
			const char *link = entry_href(c, e);
			if (link)
				ajson_put_string(c->a, e, "href", link);
		}
	view_blk_add_list(c, o, "days", days);
	view_blk_add_feed(c, o, "feed", NULL);
	return view_str(c, "nav_changes");
}
