/* view.h - the view models: one cJSON object per page and language, built
 * from the model in this one place, so templates only present data.
 *
 * view_new lists every page of the site and precomputes what pages share
 * (tasks per section and per unit, status counts, the latest reports), so
 * building one page's model never rescans all tasks. view_build then makes
 * the model of one page; it only reads the view, so pages can be built
 * from several threads at once.
 *
 * Every page model has (names as templates use them):
 *   lang, html_lang          "en", "en"; "zh", "zh-Hans"
 *   t                        the theme's strings for the language
 *                            ({{t.nav_home}}); see view_required_strings
 *   page_title               plain text for <title>
 *   site_title, banner       banner only when set
 *   root, assets, home       relative paths: to the output root, to
 *                            assets/, to the language's dashboard
 *   canonical                absolute URL of the page
 *   alternates               [{hreflang, href}]: every language, x-default
 *   switch                   [{href, label, hreflang}]: the same page in
 *                            each other language
 *   converted                {href, hreflang}: on a page of a derived
 *                            language, the same page in the language it
 *                            is converted from
 *   nav                      [{href, label, current}]
 *   links                    {home, tasks, units, plan, data, glossary,
 *                            about}: the same hrefs by name
 *   breadcrumbs, n_breadcrumbs  [{href, label}] (pages below the top)
 *   notices, n_notices       [{text}]: the history is truncated, or the
 *                            site includes uncommitted changes
 *   updated                  {date, time, commit, commit_short,
 *                            commit_url}: the newest commit that changed
 *                            the page's sources; absent without history
 *   has_history              the content is in git (counts of revisions
 *                            mean something)
 * A commit, as `updated` shows it, also has author and summary where a
 * page names one (a withdrawn task's `withdrawn`).
 * Lists that may be empty come with their length, "n_<key>", so that
 * {{#n_tasks}}<ul>…</ul>{{/n_tasks}} leaves out an empty list.
 * Texts that have a translation are objects {text, pending}: `pending` is
 * true when the English is missing and `text` is the Chinese (render it
 * with lang="zh-Hans" and a "translation pending" mark: partials/text).
 * Statuses are {key, label, symbol}; a task in a list is {id, href, text,
 * status, rating {light, label, stale?}, lead, percent?, as_of?, section,
 * units}: the reported status and the computed light side by side. The page-specific keys
 * are listed atop each builder, view_build_<kind>.c (parts: view_int.h).
 *
 * With history (view_opts.history), tasks removed from tasks.csv stay in
 * the view as withdrawn (hist_removed_tasks): their last known row, their
 * own page and a place in every list, with `withdrawn` (the commit that
 * removed them) in their task item. Pages then also link to the Atom
 * feeds that feed.h writes (<lang>/feed.xml, <lang>/units/<id>/feed.xml).
 *
 * Ownership: a view borrows the model, the manifest, the history, the
 * snapshot list and the strings (they must outlive it); view_build's result
 * is allocated in the caller's arena (ajson.h); its `t` is a reference to
 * the borrowed strings.
 */
#ifndef SG_VIEW_H
#define SG_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "export.h"
#include "model.h"

struct arena;
struct hist;
struct snapshot_list;

typedef enum {
	VIEW_HOME, VIEW_TASKS, VIEW_UNITS, VIEW_PLAN, VIEW_GLOSSARY,
	VIEW_DATA, VIEW_CHANGES, VIEW_ABOUT, VIEW_SEARCH, VIEW_SECTION,
	VIEW_TASK, VIEW_UNIT,
	VIEW_LIST,        /* the tasks of one status, light or set (view_int.h) */
	VIEW_ROOT,        /* index.html: sends visitors to a language */
	VIEW_NOT_FOUND,   /* 404.html, in every language at once */
} view_kind;

typedef struct view_page {
	view_kind kind;
	const char *template;  /* "task": the template that renders it */
	const char *path;      /* "zh/tasks/t001/index.html" */
	size_t lang;           /* index in site.languages */
	const void *item;      /* the section, task, unit or list (a
				  view_list, view_int.h), else NULL */
} view_page;

typedef struct view_opts {
	const export_manifest *data;   /* for the downloads page */
	const char *banner;            /* or NULL */
	const struct hist *history;    /* or NULL: no history on any page */
	const struct snapshot_list *snapshots; /* published, or NULL */
	/* The theme's strings, one flat object per language of
	 * site.languages, in that order. */
	const cJSON *const *strings;
	long ref_day;                  /* the schedule's reference date
					  (pace.h), days since 1970-01-01 */
} view_opts;

typedef struct view view;

/* Keys every language's strings must have, NULL-terminated: the view
 * itself uses them. */
extern const char *const view_required_strings[];

/* Never fails; out of memory aborts. */
view *view_new(const model *m, const view_opts *o);
void view_free(view *v);

/* Pages in output order: each page in every language (the languages of
 * one page are next to each other), then the root page and the 404 page.
 */
size_t view_count(const view *v);
const view_page *view_page_at(const view *v, size_t i);

/* Does the page show what export wrote (view_opts.data)? */
bool view_needs_data(const view_page *pg);

/* The page's absolute URL, as a folder ("https://…/zh/tasks/t001/"), as
 * canonical links and the sitemap use it. */
void view_url(const view *v, const view_page *pg, buf *out);

/* The model of page i, made in `a` (ajson.h): it lives until arena_free(a)
 * and must not be given to cJSON_Delete. Thread-safe, one arena per
 * thread. */
cJSON *view_build(const view *v, size_t i, struct arena *a);

/* Shortest decimal that reads back as `x`, never with an exponent or a
 * locale's separators: 23701.71, 4.36, -10, 1900. */
void view_number(buf *out, double x);

#endif
