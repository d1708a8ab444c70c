/* view_frame.c - the keys every page model has (view.h, view_int.h). */
#include "view_int.h"

#include <stdio.h>

static const struct { view_kind kind; const char *key; } nav_items[] = {
	{ VIEW_HOME, "nav_home" }, { VIEW_TASKS, "nav_tasks" },
	{ VIEW_UNITS, "nav_units" }, { VIEW_PLAN, "nav_plan" },
	{ VIEW_DATA, "nav_data" }, { VIEW_CHANGES, "nav_changes" },
	{ VIEW_GLOSSARY, "nav_glossary" },
	{ VIEW_ABOUT, "nav_about" }, { VIEW_SEARCH, "nav_search" },
};

/* nav: [{href, label, current}], and links: {home, tasks, units, ...},
 * the same targets by name. */
static void add_nav(view_ctx *c, cJSON *root)
{
	cJSON *a = ajson_put_array(c->a, root, "nav");
	cJSON *links = ajson_put_object(c->a, root, "links");
	for (size_t k = 0; k < sizeof nav_items / sizeof *nav_items; k++) {
		const char *to = view_route_href(c, nav_items[k].kind, NULL);
		cJSON *o = ajson_object(c->a);
		ajson_put_string(c->a, o, "href", to);
		ajson_put_string(c->a, links, nav_items[k].key + 4, to);
		ajson_put_string(c->a, o, "label", view_str(c, nav_items[k].key));
		ajson_put_bool(c->a, o, "current", c->pg->kind == nav_items[k].kind);
		cJSON_AddItemToArray(a, o);
	}
}

static const char *html_lang(const view *v, size_t lang)
{
	return cJSON_GetObjectItem(v->o.strings[lang], "html_lang")->valuestring;
}

static const char *lang_name(const view *v, size_t lang)
{
	return cJSON_GetObjectItem(v->o.strings[lang], "lang_name")->valuestring;
}

/* alternates: this page in every language, and x-default; switch: links
 * to the other languages. The root page's alternates are the dashboards;
 * the 404 page has none (it is never indexed). */
static void languages(view_ctx *c, cJSON *o, size_t i)
{
	const view *v = c->v;
	if (c->pg->kind == VIEW_NOT_FOUND)
		return;
	cJSON *alt = ajson_put_array(c->a, o, "alternates");
	cJSON *sw = ajson_put_array(c->a, o, "switch");
	for (size_t l = 0; l <= v->n_langs; l++) {
		bool x_default = l == v->n_langs;
		const view_page *p = view_route_in_lang(v, i,
			x_default ? v->default_lang : l);
		cJSON *a = ajson_object(c->a);
		ajson_put_string(c->a, a, "hreflang", x_default ? "x-default"
							      : html_lang(v, l));
		buf_clear(&c->tmp);
		view_url(v, p, &c->tmp);
		ajson_put_string(c->a, a, "href", buf_cstr(&c->tmp));
		cJSON_AddItemToArray(alt, a);
		if (x_default || l == c->pg->lang || c->pg->kind == VIEW_ROOT)
			continue;
		cJSON *s = ajson_object(c->a);
		ajson_put_string(c->a, s, "href", view_route_file(c, p->path));
		ajson_put_string(c->a, s, "hreflang", html_lang(v, l));
		ajson_put_string(c->a, s, "label", lang_name(v, l));
		cJSON_AddItemToArray(sw, s);
	}
}

/* converted: on a page of a derived language, the same page in the
 * language it is converted from, which the notice links to. */
static void converted(view_ctx *c, cJSON *o, size_t i)
{
	const view *v = c->v;
	size_t from = v->m->site.derived_from[c->pg->lang];
	if (from == SIZE_MAX)
		return;
	const view_page *p = view_route_in_lang(v, i, from);
	cJSON *x = ajson_put_object(c->a, o, "converted");
	ajson_put_string(c->a, x, "href", view_route_file(c, p->path));
	ajson_put_string(c->a, x, "hreflang", html_lang(v, from));
}

static void add_notice(const view_ctx *c, cJSON *a, const char *text)
{
	cJSON *x = ajson_object(c->a);
	ajson_put_string(c->a, x, "text", text);
	cJSON_AddItemToArray(a, x);
}

/* Notices on every page: what the history shown cannot be trusted for. */
static cJSON *notices(view_ctx *c)
{
	cJSON *a = ajson_array(c->a);
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
		add_notice(c, a, buf_cstr(&c->tmp));
	}
	/* Objects that could not be read (hist.h warned with their ids):
	 * said once, beside a break in the chain or instead of it. */
	const char *const plain[] = { info.incomplete && !info.truncated ?
				      "notice_incomplete" : NULL,
				      info.dirty ? "notice_dirty" : NULL };
	for (size_t k = 0; k < sizeof plain / sizeof *plain; k++)
		if (plain[k])
			add_notice(c, a, view_str(c, plain[k]));
	return a;
}

void view_frame_add(view_ctx *c, cJSON *o, const char *name, size_t i)
{
	const view *v = c->v;
	const char *site = view_plain(c, v->m->site.title);
	ajson_put_string(c->a, o, "lang", c->lang);
	ajson_put_string(c->a, o, "html_lang", html_lang(v, c->pg->lang));
	ajson_put(c->a, o, "t", ajson_ref(c->a, c->t));
	ajson_put_string(c->a, o, "site_title", site);
	buf_clear(&c->tmp);
	if (name)
		buf_printf(&c->tmp, "%s%s", name, view_str(c, "page_title_sep"));
	buf_puts(&c->tmp, site);
	ajson_put_string(c->a, o, "page_title", buf_cstr(&c->tmp));
	if (v->o.banner)
		ajson_put_string(c->a, o, "banner", model_convert(
			v->m, c->pg->lang, v->o.banner));
	ajson_put_string(c->a, o, "root", buf_cstr(&c->root));
	ajson_put_string(c->a, o, "assets", view_route_file(c, "assets/"));
	ajson_put_string(c->a, o, "home", view_route_href(c, VIEW_HOME, NULL));
	if (c->pg->kind != VIEW_NOT_FOUND) {
		buf_clear(&c->tmp);
		view_url(v, c->pg, &c->tmp);
		ajson_put_string(c->a, o, "canonical", buf_cstr(&c->tmp));
	}
	languages(c, o, i);
	converted(c, o, i);
	view_blk_add_list(c, o, "notices", notices(c));
	const hist_commit *updated = view_derive_updated(v, c->pg);
	if (updated)
		ajson_put(c->a, o, "updated", view_blk_commit(c, updated));
	/* Without git there is nothing to count: say nothing rather than 0. */
	ajson_put_bool(c->a, o, "has_history",
		       c->v->h && hist_get_info(c->v->h).git);
	add_nav(c, o);
}
