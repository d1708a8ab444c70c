/* view_int.h - inside the view module (view.h is its public face). Only
 * view*.c include this.
 *
 * The parts and who owns what:
 *   view.c           the public API: view_new, view_build, and the table
 *                    of page kind -> builder.
 *   view_routes.c    page kinds, their templates, output paths and URLs in
 *                    every language (view_url too), the list of pages in
 *                    output order: the one place in the view that knows
 *                    the URL scheme.
 *   view_derive.c    indexes and derived data the pages share: tasks per
 *                    section and unit, status counts, withdrawn tasks, the
 *                    latest reports, when each page's sources last changed,
 *                    the history shown per record, each task's schedule
 *                    rating (pace.h).
 *   view_format.c    locale-free formatting: numbers (view_number too),
 *                    quantities, targets, file sizes, {name} patterns.
 *   view_blocks.c    building blocks of page models: texts, statuses,
 *                    links, task items, lists, crumbs, Markdown.
 *   view_frame.c     the keys every page model has (view.h's list).
 *   view_schedule.c  a task against its schedule, the dashboard's and a
 *                    unit's lights, the rule (pace.h).
 *   view_lists.c     the lists of tasks by status, light or stale report,
 *                    every task's and each unit's, and the counts that
 *                    link to them.
 *   view_build_<kind>.c  one builder per page kind, its keys listed above
 *                    it.
 *
 * A new page kind: its view_kind (view.h), its template and folder
 * (view_routes.c), where it is listed (view_route_list), one file
 * view_build_<kind>.c with a function of the view_builder type declared
 * below, and its row in the builder table of view.c.
 *
 * Ownership: the view owns its indexes and page list (view_free); cJSON
 * values are made in the page's arena, c->a (ajson.h: never cJSON_Delete
 * them); strings returned are borrowed from the model, the theme's
 * strings or the view, except a `const char *` that is said to be
 * c->tmp's, which the next use of c->tmp overwrites. Nothing here fails:
 * out of memory aborts (buf.h).
 */
#ifndef SG_VIEW_INT_H
#define SG_VIEW_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "ajson.h"
#include "buf.h"
#include "chart.h"
#include "hist.h"
#include "model.h"
#include "pace.h"
#include "route.h"
#include "view.h"
#include "words.h"

typedef long view_counts[STATUS_COUNT];   /* tasks per status */

typedef struct view_idx {     /* a list of array indexes */
	size_t *v;
	size_t n, cap;
} view_idx;

/* What a list of tasks selects (view_lists.c): the tasks whose status,
 * or light, is in `mask`, or (ROUTE_BY_REPORT) whose report is stale. */
typedef struct view_filter {
	route_by by;
	unsigned mask;          /* bit 1 << task_status, or 1 << pace_light */
	const char *key;        /* its folder's name (route.h): "on_track" */
	char label_key[32];     /* its name in the strings: "light_red" */
} view_filter;

/* A VIEW_LIST page's item: the tasks `f` selects, of every task (`u` and
 * `s` NULL), of those unit `u` leads and co-owns, in two parts, or of
 * section `s` (a part with its groups'). */
typedef struct view_list {
	const view_filter *f;
	const unit *u;
	const section *s;
} view_list;

struct view {
	const model *m;
	view_opts o;
	size_t n_langs, default_lang;
	view_page *pages;
	size_t n_pages, cap_pages;
	view_idx *section_tasks;  /* per section: its own tasks */
	view_idx *section_groups; /* per part: its groups */
	view_idx *unit_lead, *unit_co; /* per unit: tasks it leads, co-owns */
	view_counts *section_counts; /* per section, parts include their groups */
	view_counts *lead_counts, *co_counts;   /* per unit */
	view_counts totals;
	const progress **latest;
	size_t n_latest;
	char **label_en;          /* per section: "1." or "(16)" */
	const hist *h;            /* NULL: no history */
	/* Tasks removed from tasks.csv, rebuilt from their last row; task
	 * index m->n_tasks + k is gone[k] (view_derive_task). */
	task *gone;
	const hist_removed *gone_src; /* gone[k] is rebuilt from gone_src[k] */
	const char **gone_texts;  /* their texts, n_langs per task */
	size_t n_gone, n_all;     /* n_all: m->n_tasks + n_gone */
	/* Per task of that list: its schedule at o.ref_day (pace.h); a task
	 * removed from the content is withdrawn, as its pages say. */
	pace_rating *pace;
	/* The theme's strings of each language by key (o.strings). */
	words_index *words;
	/* The lists of tasks by status, light and stale report: every
	 * task's, then each unit's that are not empty (view_list_index). */
	view_filter *filters;
	size_t n_filters;
	view_list *lists;
	size_t n_lists, cap_lists;
	view_idx *section_all;    /* per section: its tasks, a part's with its
				     groups' (the sections' lists) */
	/* The newest commit that changed each one's sources, or NULL. */
	const hist_commit **task_updated, **section_updated, **unit_updated;
};

/* The building of one page's model (view_build). */
typedef struct view_ctx {
	const view *v;
	const view_page *pg;
	const char *lang;       /* "zh" */
	size_t lang_index;      /* in site.languages */
	bool latin;             /* the theme's `script` is latin: section
				   numbers in digits, the document number
				   romanised */
	const cJSON *t;         /* the language's theme strings */
	const words_index *w;   /* the same by key (view_str) */
	arena *a;               /* the model's values (ajson.h) */
	buf root;               /* "../../", or base_url on the 404 page */
	buf tmp;                /* scratch; see "c->tmp's" above */
} view_ctx;

/* The theme's string `key` for the page's language. */
static inline const char *view_str(const view_ctx *c, const char *key)
{
	return words_index_get(c->w, key);
}

/* Does the page show `t` in another language, its own text missing? */
static inline bool view_pending(const view_ctx *c, ltext t)
{
	size_t l = model_text_lang(c->v->m, t, c->lang_index);
	return l != c->lang_index && *ltext_get(t, l);
}

/* `t` in the page's language, or as its fallback chain gives it. */
static inline const char *view_plain(const view_ctx *c, ltext t)
{
	return model_text(c->v->m, t, c->lang_index);
}

/* The html_lang of language `lang`: what a text shown in it is marked. */
static inline const char *view_html_lang(const view_ctx *c, size_t lang)
{
	return words_get(c->v->o.strings[lang], "html_lang");
}

/* On a pending text's object: "lang", the html_lang it is shown in. */
static inline void view_add_pending(const view_ctx *c, cJSON *o, ltext t)
{
	bool pending = view_pending(c, t);
	ajson_put_bool(c->a, o, "pending", pending);
	if (pending)
		ajson_put_string(c->a, o, "lang", view_html_lang(c,
			model_text_lang(c->v->m, t, c->lang_index)));
}

/* A page kind's builder: adds the page's own keys to `o` and returns the
 * page's name for <title> (borrowed, or owned by `o`), or NULL for the
 * site's title alone. */
typedef const char *view_builder(view_ctx *c, cJSON *o);

/* ---- Routes (view_routes.c) ------------------------------------------- */

/* Append the output path of page kind `k`: the index.html of the folder
 * route.h gives it ("zh/tasks/t001/index.html"); `id` names the section,
 * task or unit, else NULL. Not for VIEW_ROOT and VIEW_NOT_FOUND, whose
 * paths are fixed. */
void view_route_path(buf *b, const char *lang, view_kind k, const char *id);
/* Fill v->pages: every page in every language, in view.h's order. Needs
 * the withdrawn tasks (view_derive_new) and the lists (view_list_index)
 * first. */
void view_route_list(view *v);
/* Free v->pages. */
void view_route_free(view *v);
/* Page i in language `lang`: the same page, or for the root page the
 * dashboard in that language. */
const view_page *view_route_in_lang(const view *v, size_t i, size_t lang);
/* Put into `root` the way from page `pg` up to the output root: "../" per
 * folder, or the absolute base_url on the 404 page, which is served at
 * any depth. */
void view_route_root(const view *v, const view_page *pg, buf *root);
/* A link from the page to kind `k` (and `id`) in the page's language, as
 * c->tmp's string. */
const char *view_route_href(view_ctx *c, view_kind k, const char *id);
/* A link from the page to `path` below the output root, as c->tmp's
 * string. */
const char *view_route_file(view_ctx *c, const char *path);
/* Append the output path of list page `l` (route_list). */
void view_route_list_path(buf *b, const char *lang, const view_list *l);
/* A link to the list of tasks `f` selects, every task's (`u` NULL) or
 * unit `u`'s, at the anchor `part` (NULL: none), as c->tmp's string. */
const char *view_route_list_href(view_ctx *c, const view_list *l,
				 const char *part);
/* A link to the language's Atom feed, or to unit `u`'s (NULL: the site's),
 * as feed.h writes them, as c->tmp's string. */
const char *view_route_feed(view_ctx *c, const unit *u);

/* ---- Derived data (view_derive.c) ------------------------------------- */

/* Build the indexes and the tasks' schedule ratings of a view whose m, o,
 * h and languages are set; the withdrawn tasks come from v->h.
 * view_derive_free frees them. */
void view_derive_new(view *v);
void view_derive_free(view *v);
/* Task `i` of the view: the model's tasks, then the withdrawn ones. */
const task *view_derive_task(const view *v, size_t i);
/* The task named `id`, listed or withdrawn, or NULL. */
const task *view_derive_task_named(const view *v, const char *id);
/* Was task `t` removed from tasks.csv (withdrawn)? */
bool view_derive_is_gone(const view *v, const task *t);
/* A task's status; a withdrawn one's is STATUS_WITHDRAWN. */
task_status view_derive_status(const view *v, const task *t);
/* The commit that removed the withdrawn task `t`. */
const hist_commit *view_derive_withdrawn(const view *v, const task *t);
/* How many tasks had been removed by the end of `month` ("2023-10"). */
long view_derive_gone_by(const view *v, const char *month);
/* The newest commit that changed what page `pg` shows, or NULL (also
 * without history). */
const hist_commit *view_derive_updated(const view *v, const view_page *pg);
/* The metric's target as first published: the old value of the oldest
 * change of target (else of target_max), or NULL when it never changed.
 * Borrowed from the history. */
const char *view_derive_first_target(const hist *h, const char *metric_id);
/* The metric's unit as first published, per language (v->h holds the
 * history); the array is made in `a`, the texts borrowed. */
ltext view_derive_first_unit(const view *v, const metric *mt, arena *a);
/* The date the data is as of: export's, else the newest report's, else
 * "". */
const char *view_derive_data_as_of(const view *v);
/* The sum of the counts. */
long view_derive_total(const long *n);

/* Append index `i` to `l`, growing it. */
void view_idx_push(view_idx *l, size_t i);

/* ---- Lists of tasks (view_lists.c) ------------------------------------ */

/* Fill v->filters (every status in display order, every light, then the
 * sets "on-schedule", "far-behind" and "stale") and v->lists (each
 * filter's list of every task, then each unit's that selects any of its
 * tasks). Needs the indexes and ratings of view_derive_new. */
void view_list_index(view *v);
void view_list_free(view *v);
/* The filter of `by` whose mask is `mask` (1 << STATUS_ON_TRACK), or NULL. */
const view_filter *view_list_filter(const view *v, route_by by,
				    unsigned mask);
/* Does `f` select task i of the view (view_derive_task)? */
bool view_list_has(const view *v, const view_filter *f, size_t i);
/* How many of the tasks listed in `l` (NULL: every task) `f` selects. */
long view_list_count(const view *v, const view_filter *f, const view_idx *l);
/* A count that links to the list it counts: {n, href}, href "" when n is
 * 0 or `f` is NULL (a count with no list). The list is `f`'s of every
 * task (`u` NULL), or of unit `u`, at its part `part` ("lead", "co";
 * NULL: the page). */
cJSON *view_list_count_link(view_ctx *c, const view_filter *f,
			    const unit *u, const char *part, long n);
/* The same for any list `l` (a section's too). */
cJSON *view_list_link(view_ctx *c, const view_list *l, const char *part,
		      long n);
/* The task items of the tasks listed in `l` (NULL: every task) that `f`
 * selects. */
cJSON *view_list_tasks(view_ctx *c, const view_filter *f, const view_idx *l);

/* ---- Formatting (view_format.c); view_number is in view.h ------------- */

/* Append x with the unit's name as the page's language says it: "25,000
 * tonnes", "98%", "2.5万吨". */
void view_fmt_quantity(const view_ctx *c, buf *b, double x, ltext unit_name);
/* The symbol of comparator `op` (metrics.csv): "≥". */
const char *view_fmt_symbol(const char *op);
/* Append the metric's target in words: "at least 25,000 tonnes", a change
 * on the previous year said as one ("a reduction of at least 10%"). */
void view_fmt_target(const view_ctx *c, const metric *mt, buf *out);
/* Append a value reported for the metric, like its target: "a reduction
 * of 4.36%". */
void view_fmt_actual(const view_ctx *c, buf *b, const metric *mt, double x);
/* Append a file's size: "812 bytes", "12.3 KB", "4.5 MB". */
void view_fmt_file_size(const view_ctx *c, buf *b, size_t bytes);

/* ---- Building blocks (view_blocks.c) ---------------------------------- */

/* Display order of statuses in tables and charts. */
extern const task_status view_blk_status_order[STATUS_COUNT];

/* Add the array `list` as `key`, and its length as "n_<key>" (view.h). */
void view_blk_add_list(const view_ctx *c, cJSON *o, const char *key,
		       cJSON *list);
/* Add `t` as `key`: {text, pending} (view.h). */
void view_blk_add_text(const view_ctx *c, cJSON *o, const char *key,
		       ltext t);
/* {key, label, symbol} of status `s`. */
cJSON *view_blk_status(const view_ctx *c, task_status s);
/* Every status, in display order: [{key, label, symbol}]. */
cJSON *view_blk_statuses(const view_ctx *c);
/* Rows of a status table in display order: [{status, <keys[0]>,
 * <keys[1]>, ...}], column j's cell the count cols[j][status] as
 * view_list_link gives it, linked to the list of the status: every
 * task's (`u` and `s` NULL), unit `u`'s at the part named keys[j], or
 * section `s`'s. */
cJSON *view_blk_status_table(view_ctx *c, const char *const *keys,
			     const long *const *cols, size_t n_cols,
			     const unit *u, const section *s);
/* The same with one column, [{status, count}], linked to the lists of
 * every task, or of section `s`'s tasks. */
cJSON *view_blk_status_rows(view_ctx *c, const long *n, const section *s);
/* Fill the STATUS_COUNT series of a status chart, in display order, with
 * the counts `n` (NULL: zero). Labels are borrowed from the strings. */
void view_blk_status_series(const view_ctx *c, chart_item *items,
			    const long *n);
/* Add a stacked chart of status counts as "chart": svg id `id`, its
 * title the string `title_key`, one bar per row (chart.h). */
void view_blk_add_chart(const view_ctx *c, cJSON *o, const char *id,
			const char *title_key, const chart_row *rows, size_t n);
/* Copy the counts `n` into `out` in display order, for a stacked chart. */
void view_blk_ordered(const long *n, long *out);
/* The section's label in the page's language: "一、", "1.", "(16)". */
const char *view_blk_section_label(const view_ctx *c, const section *s);
/* {id, href, name} of a unit. */
cJSON *view_blk_unit_link(view_ctx *c, const unit *u);
/* {id, href, label, title} of a section. */
cJSON *view_blk_section_link(view_ctx *c, const section *s);
/* The units of the section's 责任单位 cell, but `except` (NULL: none). */
cJSON *view_blk_co_units(view_ctx *c, const section *s, const unit *except);
/* {date, time, author, summary, commit, commit_short, commit_url}. */
cJSON *view_blk_commit(const view_ctx *c, const hist_commit *cm);
/* A task item (view.h), with its light (rating: view_schedule_light),
 * and withdrawn, percent and as_of where they apply. */
cJSON *view_blk_task_item(view_ctx *c, const task *t);
/* The task items of the view's tasks listed in `l`. */
cJSON *view_blk_task_items(view_ctx *c, const view_idx *l);
/* Append {href, label} to the array `crumbs`. */
void view_blk_add_crumb(const view_ctx *c, cJSON *crumbs, const char *href,
			const char *label);
/* Breadcrumbs: home, then the parts and groups above section `s` (and `s`
 * itself when `self`). */
cJSON *view_blk_crumbs_to(view_ctx *c, const section *s, bool self);
/* Breadcrumbs: home, then the list page of kind `list` (nav label `key`). */
cJSON *view_blk_crumbs_under(view_ctx *c, view_kind list, const char *key);
/* Rendered Markdown as {html, pending}: English falls back to Chinese.
 * Heading ids start with `prefix`, the top level at <h`top_level`>. */
cJSON *view_blk_markdown(const view_ctx *c, ltext src, const char *prefix,
			 int top_level);
/* plan {title, issuer, doc_number, doc_number_en?, issued, source_url}. */
cJSON *view_blk_plan_meta(view_ctx *c);
/* license {id, name, url}. */
cJSON *view_blk_license(const view_ctx *c);
/* Add the feed link (view_route_feed) as `key`; nothing without
 * history, since the feeds are written with it. */
void view_blk_add_feed(view_ctx *c, cJSON *o, const char *key, const unit *u);
/* Every language's dashboard: [{href, hreflang, label, t}]. */
cJSON *view_blk_lang_links(view_ctx *c);

/* ---- The frame of every page (view_frame.c) --------------------------- */

/* Add the keys every page model has (view.h) to page i's model `o`;
 * `name` is the builder's page name (NULL: the site's title alone). */
void view_frame_add(view_ctx *c, cJSON *o, const char *name, size_t i);

/* ---- The builders, one file each (view_build_<kind>.c) ---------------- */

view_builder view_build_home, view_build_tasks, view_build_units,
	view_build_plan, view_build_glossary, view_build_data,
	view_build_changes, view_build_about, view_build_search,
	view_build_section,
	view_build_task, view_build_unit, view_build_list, view_build_root,
	view_build_not_found;

/* ---- the schedule (view_schedule.c) ---------------------------------- */

/* Task `t` against its schedule at the reference date: {light, label,
 * span? (its start and due dates), expected?, gap?, age?, stale?,
 * disagree?, rule_href} (view.h). */
cJSON *view_schedule_task(view_ctx *c, const task *t);
/* A task's light in a list: {light, label, stale?} (stale: the
 * schedule_stale sentence when its report is stale). */
cJSON *view_schedule_light(view_ctx *c, const task *t);
/* Every task's light at the reference date, for the dashboard: {date,
 * lights [{light, label, count {n, href}}] (every light, in pace.h's
 * order, linked to its list), behind (the task items overdue or red),
 * n_behind, stale {n, href} (the tasks with a stale report), stale_units
 * [{unit, stale {n, href}}] (the units with stale reports among the tasks
 * they lead, each linked to its list), n_stale_units, rule_href}. */
cJSON *view_schedule_summary(view_ctx *c);
/* Unit `u`'s lead tasks against the schedule: {on, behind, far,
 * unreported (each {n, href}, linked to the unit's list), share}. */
cJSON *view_schedule_unit(view_ctx *c, const unit *u);
/* Unit `u`'s tasks per light: [{light, label, lead {n, href}, co {n,
 * href}}], every light, linked to the parts of the unit's lists. */
cJSON *view_schedule_unit_lights(view_ctx *c, const unit *u);
/* The rule that rates tasks, with site.yaml's thresholds: {lights, stale}. */
cJSON *view_schedule_rule(view_ctx *c);

#endif
