/* view_frame.c - the keys every page model has (view.h, view_int.h). */
#include "view_int.h"

#include <stdio.h>

static const struct { view_kind kind; const char *key; } nav_items[] = {
	{ VIEW_HOME, "nav_home" }, { VIEW_TASKS, "nav_tasks" },
	{ VIEW_UNITS, "nav_units" }, { VIEW_PLAN, "nav_plan" },
	{ VIEW_DATA, "nav_data" }, { VIEW_CHANGES, "nav_changes" },
	{ VIEW_GLOSSARY, "nav_glossary" },
	{ VIEW_ABOUT, "nav_about" },
};

/* nav: [{href, label, current}], and links: {home, tasks, units, ...},
 * the same targets by name. */
static void add_nav(view_ctx *c, cJSON *root)
{
	cJSON *a = cJSON_AddArrayToObject(root, "nav");
	cJSON *links = cJSON_AddObjectToObject(root, "links");
	for (size_t k = 0; k < sizeof nav_items / sizeof *nav_items; k++) {
		const char *to = view_route_href(c, nav_items[k].kind, NULL);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "href", to);
		cJSON_AddStringToObject(links, nav_items[k].key + 4, to);
		cJSON_AddStringToObject(o, "label", view_str(c, nav_items[k].key));
		cJSON_AddBoolToObject(o, "current", c->pg->kind == nav_items[k].kind);
		cJSON_AddItemToArray(a, o);
	}
}

static const char *html_lang(const view *v, size_t lang)
{
	return cJSON_GetObjectItem(v->o.strings[lang], "html_lang")->valuestring;
}

/* alternates: this page in every language, and x-default; switch: links
 * to the other languages. The root page's alternates are the dashboards;
 * the 404 page has none (it is never indexed). */
static void languages(view_ctx *c, cJSON *o, size_t i)
{
	const view *v = c->v;
	if (c->pg->kind == VIEW_NOT_FOUND)
		return;
	cJSON *alt = cJSON_AddArrayToObject(o, "alternates");
	cJSON *sw = cJSON_AddArrayToObject(o, "switch");
	for (size_t l = 0; l <= v->n_langs; l++) {
		bool x_default = l == v->n_langs;
		const view_page *p = view_route_in_lang(v, i,
			x_default ? v->default_lang : l);
		cJSON *a = cJSON_CreateObject();
		cJSON_AddStringToObject(a, "hreflang", x_default ? "x-default"
							       : html_lang(v, l));
		buf_clear(&c->tmp);
		view_url(v, p, &c->tmp);
		cJSON_AddStringToObject(a, "href", buf_cstr(&c->tmp));
		cJSON_AddItemToArray(alt, a);
		if (x_default || l == c->pg->lang || c->pg->kind == VIEW_ROOT)
			continue;
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "href", view_route_file(c, p->path));
		cJSON_AddStringToObject(s, "hreflang", html_lang(v, l));
		cJSON_AddStringToObject(s, "label", cJSON_GetObjectItem(
			v->o.strings[l], "lang_name")->valuestring);
		cJSON_AddItemToArray(sw, s);
	}
}

static void add_notice(cJSON *a, const char *text)
{
	cJSON *x = cJSON_CreateObject();
	cJSON_AddStringToObject(x, "text", text);
	cJSON_AddItemToArray(a, x);
}

/* Notices on every page: what the history shown cannot be trusted for. */
static cJSON *notices(view_ctx *c)
{
	cJSON *a = cJSON_CreateArray();
	hist_info info = { 0 };
	if (c->v->h)
		info = hist_get_info(c->v->h);
	size_t n = 0;
	const hist_commit *cm = c->v->h ? hist_commits(c->v->h, &n) : NULL;
	if (info.truncated && n) {
		char id[8];
		snprintf(id, sizeof id, "%.7s", cm[0].id);
		buf_clear(&c->tmp);
		words_expand1(&c->tmp, view_str(c, "notice_truncated"),
				 "commit", id);
		add_notice(a, buf_cstr(&c->tmp));
	}
	/* Objects that could not be read (hist.h warned with their ids):
	 * said once, beside a break in the chain or instead of it. */
	const char *const plain[] = { info.incomplete && !info.truncated ?
				      "notice_incomplete" : NULL,
				      info.dirty ? "notice_dirty" : NULL };
	for (size_t k = 0; k < sizeof plain / sizeof *plain; k++)
		if (plain[k])
			add_notice(a, view_str(c, plain[k]));
	return a;
}

void view_frame_add(view_ctx *c, cJSON *o, const char *name, size_t i)
{
	const view *v = c->v;
	const char *site = view_plain(c, v->m->site.title);
	cJSON_AddStringToObject(o, "lang", c->lang);
	cJSON_AddStringToObject(o, "html_lang", html_lang(v, c->pg->lang));
	cJSON_AddItemReferenceToObject(o, "t", (cJSON *)c->t);
	cJSON_AddStringToObject(o, "site_title", site);
	buf_clear(&c->tmp);
	if (name)
		buf_printf(&c->tmp, "%s%s", name, view_str(c, "page_title_sep"));
	buf_puts(&c->tmp, site);
	cJSON_AddStringToObject(o, "page_title", buf_cstr(&c->tmp));
	if (v->o.banner)
		cJSON_AddStringToObject(o, "banner", v->o.banner);
	cJSON_AddStringToObject(o, "root", buf_cstr(&c->root));
	cJSON_AddStringToObject(o, "assets", view_route_file(c, "assets/"));
	cJSON_AddStringToObject(o, "home", view_route_href(c, VIEW_HOME, NULL));
	if (c->pg->kind != VIEW_NOT_FOUND) {
		buf_clear(&c->tmp);
		view_url(v, c->pg, &c->tmp);
		cJSON_AddStringToObject(o, "canonical", buf_cstr(&c->tmp));
	}
	languages(c, o, i);
	view_blk_add_list(o, "notices", notices(c));
	const hist_commit *updated = view_derive_updated(v, c->pg);
	if (updated)
		cJSON_AddItemToObject(o, "updated", view_blk_commit(c, updated));
	/* Without git there is nothing to count: say nothing rather than 0. */
	cJSON_AddBoolToObject(o, "has_history",
			      c->v->h && hist_get_info(c->v->h).git);
	add_nav(c, o);
}
