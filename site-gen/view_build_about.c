/* view_build_about.c - about: plan, license, notes? {html, pending,
 * lang?}, edit_url?. */
#include "view_int.h"
#include "md.h"

#include <string.h>

const char *view_build_about(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON_AddItemToObject(o, "plan", view_blk_plan_meta(c));
	cJSON_AddItemToObject(o, "license", view_blk_license(c));
	/* NOTES.md is the English original; NOTES.zh.md may be missing, and
	 * then Chinese readers get the English, marked as such. */
	bool fallback = !c->en && !*m->notes.zh && *m->notes.en;
	const char *src = c->en || fallback ? m->notes.en : m->notes.zh;
	if (*src) {
		cJSON *n = cJSON_AddObjectToObject(o, "notes");
		buf html = BUF_INIT;
		md_opts mo = { "notes", 2 };
		md_render(src, strlen(src), &mo, &html);
		cJSON_AddStringToObject(n, "html", buf_cstr(&html));
		cJSON_AddBoolToObject(n, "pending", fallback);
		if (fallback)
			cJSON_AddStringToObject(n, "lang", "en");
		buf_free(&html);
	}
	if (*m->site.edit_url)
		cJSON_AddStringToObject(o, "edit_url", m->site.edit_url);
	return view_str(c, "nav_about");
}
