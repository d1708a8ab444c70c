/* view_routes.c - page kinds, their output paths and URLs (view_int.h). */
#include "view_int.h"
#include "route.h"

#include <stdlib.h>
#include <string.h>

static const char *const templates[] = {
	[VIEW_HOME] = "home", [VIEW_TASKS] = "tasks", [VIEW_UNITS] = "units",
	[VIEW_PLAN] = "plan", [VIEW_GLOSSARY] = "glossary",
	[VIEW_DATA] = "data", [VIEW_CHANGES] = "changes", [VIEW_ABOUT] = "about",
	[VIEW_SEARCH] = "search",
	[VIEW_SECTION] = "section", [VIEW_TASK] = "task", [VIEW_UNIT] = "unit",
	[VIEW_LIST] = "list",
	[VIEW_ROOT] = "root", [VIEW_NOT_FOUND] = "404",
};

/* Where each page kind lives (route.h); VIEW_ROOT and VIEW_NOT_FOUND
 * have fixed files instead, VIEW_LIST its list's (view_route_list_path). */
static const route_kind routes[] = {
	[VIEW_HOME] = ROUTE_HOME, [VIEW_TASKS] = ROUTE_TASKS,
	[VIEW_UNITS] = ROUTE_UNITS, [VIEW_PLAN] = ROUTE_PLAN,
	[VIEW_GLOSSARY] = ROUTE_GLOSSARY, [VIEW_DATA] = ROUTE_DATA,
	[VIEW_CHANGES] = ROUTE_CHANGES, [VIEW_ABOUT] = ROUTE_ABOUT,
	[VIEW_SEARCH] = ROUTE_SEARCH,
	[VIEW_SECTION] = ROUTE_SECTION, [VIEW_TASK] = ROUTE_TASK,
	[VIEW_UNIT] = ROUTE_UNIT,
};

void view_route_path(buf *b, const char *lang, view_kind k, const char *id)
{
	route_page(b, lang, routes[k], id);
	buf_puts(b, "index.html");
}

void view_route_list_path(buf *b, const char *lang, const view_list *l)
{
	route_list(b, lang, l->u ? ROUTE_UNIT : ROUTE_SECTION,
		   l->u ? l->u->id : l->s ? l->s->id : NULL, l->f->by, l->f->key);
	buf_puts(b, "index.html");
}

static void add_page(view *v, view_kind k, size_t lang, const void *item,
		     const char *id)
{
	if (v->n_pages == v->cap_pages) {
		v->cap_pages = v->cap_pages ? 2 * v->cap_pages : 64;
		v->pages = xrealloc(v->pages, v->cap_pages * sizeof *v->pages);
	}
	buf path = BUF_INIT;
	if (k == VIEW_ROOT)
		buf_puts(&path, "index.html");
	else if (k == VIEW_NOT_FOUND)
		buf_puts(&path, "404.html");
	else if (k == VIEW_LIST)
		view_route_list_path(&path, v->m->site.languages.v[lang], item);
	else
		view_route_path(&path, v->m->site.languages.v[lang], k, id);
	v->pages[v->n_pages++] = (view_page){ k, templates[k],
		buf_detach(&path), lang, item };
}

/* The languages of one page are next to each other: view_route_in_lang
 * counts on it. */
static void add_in_every_lang(view *v, view_kind k, const void *item,
			      const char *id)
{
	for (size_t l = 0; l < v->n_langs; l++)
		add_page(v, k, l, item, id);
}

void view_route_list(view *v)
{
	const model *m = v->m;
	for (view_kind k = VIEW_HOME; k <= VIEW_SEARCH; k++)
		add_in_every_lang(v, k, NULL, NULL);
	for (size_t i = 0; i < m->n_sections; i++)
		add_in_every_lang(v, VIEW_SECTION, &m->sections[i],
				  m->sections[i].id);
	for (size_t i = 0; i < v->n_all; i++) {
		const task *t = view_derive_task(v, i);
		add_in_every_lang(v, VIEW_TASK, t, t->id);
	}
	for (size_t i = 0; i < m->n_units; i++)
		add_in_every_lang(v, VIEW_UNIT, &m->units[i], m->units[i].id);
	for (size_t i = 0; i < v->n_lists; i++)
		add_in_every_lang(v, VIEW_LIST, &v->lists[i], NULL);
	add_page(v, VIEW_ROOT, v->default_lang, NULL, NULL);
	add_page(v, VIEW_NOT_FOUND, v->default_lang, NULL, NULL);
}

void view_route_free(view *v)
{
	for (size_t i = 0; i < v->n_pages; i++)
		free((char *)v->pages[i].path);
	free(v->pages);
}

const view_page *view_route_in_lang(const view *v, size_t i, size_t lang)
{
	const view_page *pg = &v->pages[i];
	size_t first = pg->kind == VIEW_ROOT ? 0 : i - pg->lang;
	return &v->pages[first + lang];
}

void view_route_root(const view *v, const view_page *pg, buf *root)
{
	if (pg->kind == VIEW_NOT_FOUND)
		route_url(root, v->m, NULL, "");
	else
		for (const char *p = pg->path; *p; p++)
			if (*p == '/')
				buf_puts(root, "../");
}

const char *view_route_href(view_ctx *c, view_kind k, const char *id)
{
	buf_clear(&c->tmp);
	buf_puts(&c->tmp, buf_cstr(&c->root));
	view_route_path(&c->tmp, c->lang, k, id);
	return buf_cstr(&c->tmp);
}

const char *view_route_list_href(view_ctx *c, const view_list *l,
				 const char *part)
{
	buf_clear(&c->tmp);
	buf_puts(&c->tmp, buf_cstr(&c->root));
	view_route_list_path(&c->tmp, c->lang, l);
	if (part)
		buf_printf(&c->tmp, "#%s", part);
	return buf_cstr(&c->tmp);
}

const char *view_route_file(view_ctx *c, const char *path)
{
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%s%s", buf_cstr(&c->root), path);
	return buf_cstr(&c->tmp);
}

const char *view_route_feed(view_ctx *c, const unit *u)
{
	buf_clear(&c->tmp);
	buf_puts(&c->tmp, buf_cstr(&c->root));
	route_feed(&c->tmp, c->lang, u ? u->id : NULL);
	return buf_cstr(&c->tmp);
}

void view_url(const view *v, const view_page *pg, buf *out)
{
	route_url(out, v->m, NULL, "");
	size_t n = strlen(pg->path);
	if (n >= 10 && !strcmp(pg->path + n - 10, "index.html"))
		n -= 10;
	buf_put(out, pg->path, n);
}
