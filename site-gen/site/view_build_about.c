/* view_build_about.c - about: plan, license, rating {lights, stale},
 * notes? {html, pending, lang?}, edit_url?. */
#include "view_int.h"
#include "md.h"

#include <string.h>

const char *view_build_about(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	ajson_put(c->a, o, "plan", view_blk_plan_meta(c));
	ajson_put(c->a, o, "license", view_blk_license(c));
	ajson_put(c->a, o, "rating", view_schedule_rule(c));
	/* The notes may exist in one language only (NOTES.md, English):
	 * then every page shows them, marked as in that language. */
	size_t l = model_text_lang(m, m->notes, c->lang_index);
	for (size_t k = 0; !*ltext_get(m->notes, l) && k < m->site.languages.n; k++)
		l = k;
	const char *src = ltext_get(m->notes, l);
	bool fallback = l != c->lang_index;
	if (*src) {
		cJSON *n = ajson_put_object(c->a, o, "notes");
		buf html = BUF_INIT;
		md_opts mo = { "notes", 2 };
		md_render(src, strlen(src), &mo, &html);
		ajson_put_string(c->a, n, "html", buf_cstr(&html));
		ajson_put_bool(c->a, n, "pending", fallback);
		if (fallback)
			ajson_put_string(c->a, n, "lang", view_html_lang(c, l));
		buf_free(&html);
	}
	if (*m->site.edit_url)
		ajson_put_string(c->a, o, "edit_url", m->site.edit_url);
	return view_str(c, "nav_about");
}
