/* route.c - the site's URL scheme (route.h). */
#include "route.h"

static const char *const folders[] = {
	[ROUTE_HOME] = "", [ROUTE_TASKS] = "tasks/", [ROUTE_UNITS] = "units/",
	[ROUTE_PLAN] = "plan/", [ROUTE_GLOSSARY] = "glossary/",
	[ROUTE_DATA] = "data/", [ROUTE_CHANGES] = "changes/",
	[ROUTE_ABOUT] = "about/", [ROUTE_SEARCH] = "search/",
	[ROUTE_SECTION] = "sections/", [ROUTE_TASK] = "tasks/",
	[ROUTE_UNIT] = "units/",
};

static const char *const list_by[] = {
	[ROUTE_BY_STATUS] = "status/", [ROUTE_BY_LIGHT] = "light/",
	[ROUTE_BY_REPORT] = "report/", [ROUTE_BY_TARGET] = "target/",
};

/* "<s>/": without printf, which is most of a route's cost (pages have
 * hundreds of links). */
static void put_folder(buf *out, const char *s)
{
	buf_puts(out, s);
	buf_putc(out, '/');
}

/* A language's folder is its tag in lower case ("zh-hant/"): URLs are
 * typed and shared, and a case-insensitive file system must not see two
 * spellings of one folder. */
static void put_lang(buf *out, const char *lang)
{
	if (!lang)
		return;
	for (const char *c = lang; *c; c++)
		buf_putc(out, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
	buf_putc(out, '/');
}

void route_page(buf *out, const char *lang, route_kind k, const char *id)
{
	put_lang(out, lang);
	buf_puts(out, folders[k]);
	if (id)
		put_folder(out, id);
}

void route_anchor(buf *out, const char *lang, route_kind k, const char *id,
		  const char *anchor, size_t n)
{
	route_page(out, lang, k, id);
	buf_putc(out, '#');
	buf_put(out, anchor, n);
}

void route_list(buf *out, const char *lang, route_kind owner, const char *id,
		route_by by, const char *key)
{
	route_page(out, lang, id ? owner : ROUTE_TASKS, id);
	buf_puts(out, list_by[by]);
	put_folder(out, key);
}

void route_metric(buf *out, const char *lang, const char *task_id,
		  const char *metric_id)
{
	route_page(out, lang, ROUTE_TASK, task_id);
	buf_printf(out, "#metric-%s", metric_id);
}

void route_term(buf *out, const char *lang, const char *term_id)
{
	route_page(out, lang, ROUTE_GLOSSARY, NULL);
	buf_printf(out, "#term-%s", term_id);
}

void route_evidence(buf *out, const char *lang, const char *task_id,
		    const char *file)
{
	route_page(out, lang, ROUTE_TASK, task_id);
	if (file) {
		buf_puts(out, "evidence/");
		buf_puts(out, file);
	} else {
		buf_puts(out, "#evidence");
	}
}

void route_feed(buf *out, const char *lang, const char *unit_id)
{
	route_page(out, lang, unit_id ? ROUTE_UNIT : ROUTE_HOME, unit_id);
	buf_puts(out, "feed.xml");
}

void route_snapshot(buf *out, const char *tag)
{
	buf_printf(out, "data/snapshots/%s", tag);
}

void route_url(buf *out, const model *m, const char *lang, const char *path)
{
	buf_puts(out, m->site.base_url);
	put_lang(out, lang);
	buf_puts(out, path);
}
