#include "view.h"
#include "chart.h"
#include "md.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many reports the dashboard lists under "latest updates". */
#define VIEW_LATEST 10

typedef long counts[STATUS_COUNT];

typedef struct idx {          /* a list of array indexes */
	size_t *v;
	size_t n, cap;
} idx;

struct view {
	const model *m;
	view_opts o;
	size_t n_langs, default_lang;
	view_page *pages;
	size_t n_pages, cap_pages;
	idx *section_tasks;       /* per section: its own tasks */
	idx *section_groups;      /* per part: its groups */
	idx *unit_lead, *unit_co; /* per unit: tasks it leads, co-owns */
	counts *section_counts;   /* per section, parts include their groups */
	counts *lead_counts, *co_counts;   /* per unit */
	counts totals;
	const progress **latest;
	size_t n_latest;
	char **label_en;          /* per section: "1." or "(16)" */
};

const char *const view_required_strings[] = {
	"html_lang", "lang_name", "translation_pending",
	"status_not_reported", "status_not_started", "status_on_track",
	"status_at_risk", "status_delayed", "status_completed",
	"status_withdrawn",
	"cmp_ge", "cmp_gt", "cmp_eq", "cmp_lt", "cmp_le", "cmp_between",
	"unit_sep", "baseline_level", "baseline_previous_year", "no_value",
	"nav_home", "nav_tasks", "nav_units", "nav_plan", "nav_glossary",
	"nav_data", "nav_about", "page_title_sep",
	"chart_status_title", "chart_parts_title", "chart_unit_title",
	"progress_title", "unit_leads", "unit_co_owns",
	"part_label", "fmt_csv", "fmt_csv_excel", "fmt_json", "fmt_metadata", "size_bytes",
	"not_found_title",
	NULL
};

/* Display order of statuses in tables and charts: most advanced first,
 * "not yet reported" last. */
static const task_status status_order[STATUS_COUNT] = {
	STATUS_COMPLETED, STATUS_ON_TRACK, STATUS_AT_RISK, STATUS_DELAYED,
	STATUS_NOT_STARTED, STATUS_WITHDRAWN, STATUS_NONE,
};

/* A shape per status, so that a status never depends on colour: the
 * label says it in words, the symbol shows it at a glance. */
static const char *const status_symbols[STATUS_COUNT] = {
	[STATUS_NONE] = "○", [STATUS_NOT_STARTED] = "□",
	[STATUS_ON_TRACK] = "▶", [STATUS_AT_RISK] = "▲",
	[STATUS_DELAYED] = "■", [STATUS_COMPLETED] = "✓",
	[STATUS_WITHDRAWN] = "✕",
};

static const char *const templates[] = {
	[VIEW_HOME] = "home", [VIEW_TASKS] = "tasks", [VIEW_UNITS] = "units",
	[VIEW_PLAN] = "plan", [VIEW_GLOSSARY] = "glossary",
	[VIEW_DATA] = "data", [VIEW_ABOUT] = "about",
	[VIEW_SECTION] = "section", [VIEW_TASK] = "task", [VIEW_UNIT] = "unit",
	[VIEW_ROOT] = "root", [VIEW_NOT_FOUND] = "404",
};

static const char *const folders[] = {
	[VIEW_HOME] = "", [VIEW_TASKS] = "tasks/", [VIEW_UNITS] = "units/",
	[VIEW_PLAN] = "plan/", [VIEW_GLOSSARY] = "glossary/",
	[VIEW_DATA] = "data/", [VIEW_ABOUT] = "about/",
	[VIEW_SECTION] = "sections/", [VIEW_TASK] = "tasks/",
	[VIEW_UNIT] = "units/",
};

/* ---- numbers ------------------------------------------------------- */

void view_number(buf *out, double x)
{
	char s[400];
	int p = 1;
	if (x == 0)
		x = 0;   /* no "-0" */
	for (; p < 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, x);
		if (strtod(s, NULL) == x)
			break;
	}
	/* p significant digits; write them without an exponent. */
	snprintf(s, sizeof s, "%.*e", p - 1, x);
	int e = atoi(strchr(s, 'e') + 1), dec = p - 1 - e;
	snprintf(s, sizeof s, "%.*f", dec < 0 ? 0 : dec, x);
	for (char *c = s; *c; c++)
		if (*c == ',')
			*c = '.';   /* in case a library set a locale */
	buf_puts(out, s);
}

/* ---- indexes ------------------------------------------------------- */

static void idx_push(idx *l, size_t i)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = i;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static task_status status_of(const task *t)
{
	return t->progress ? t->progress->status : STATUS_NONE;
}

static void index_sections(view *v)
{
	const model *m = v->m;
	for (size_t i = 0; i < m->n_sections; i++)
		if (m->sections[i].parent)
			idx_push(&v->section_groups[m->sections[i].parent->index], i);
	for (size_t i = 0; i < m->n_tasks; i++) {
		const task *t = &m->tasks[i];
		task_status st = status_of(t);
		idx_push(&v->section_tasks[t->section->index], i);
		idx_push(&v->unit_lead[t->lead->index], i);
		v->lead_counts[t->lead->index][st]++;
		v->totals[st]++;
		for (const section *s = t->section; s; s = s->parent)
			v->section_counts[s->index][st]++;
	}
}

/* A unit co-owns the tasks of every section whose 责任单位 names it,
 * except those it leads. `seen` stops a unit named twice in one cell from
 * getting the tasks twice. */
static void index_co_units(view *v)
{
	const model *m = v->m;
	size_t *seen = xmalloc(m->n_units * sizeof *seen);
	for (size_t u = 0; u < m->n_units; u++)
		seen[u] = (size_t)-1;
	for (size_t s = 0; s < m->n_sections; s++) {
		const section *sec = &m->sections[s];
		for (size_t k = 0; k < sec->co_unit_ids.n; k++) {
			size_t u = sec->co_units[k]->index;
			if (seen[u] == s)
				continue;
			seen[u] = s;
			for (size_t j = 0; j < v->section_tasks[s].n; j++) {
				const task *t = &m->tasks[v->section_tasks[s].v[j]];
				if (t->lead->index == u)
					continue;
				idx_push(&v->unit_co[u], t->index);
				v->co_counts[u][status_of(t)]++;
			}
		}
	}
	for (size_t u = 0; u < m->n_units; u++)
		if (v->unit_co[u].n > 1)   /* v is NULL when empty */
			qsort(v->unit_co[u].v, v->unit_co[u].n, sizeof(size_t),
			      cmp_size);
	free(seen);
}

/* Newest first; the task order breaks ties. */
static int cmp_latest(const void *a, const void *b)
{
	const progress *x = *(const progress *const *)a;
	const progress *y = *(const progress *const *)b;
	int c = strcmp(y->as_of, x->as_of);
	return c ? c : cmp_size(&x->task->index, &y->task->index);
}

static void index_latest(view *v)
{
	const model *m = v->m;
	const progress **all = xmalloc((m->n_reports + 1) * sizeof *all);
	for (size_t i = 0; i < m->n_reports; i++)
		all[i] = &m->reports[i];
	qsort(all, m->n_reports, sizeof *all, cmp_latest);
	v->latest = all;
	v->n_latest = m->n_reports < VIEW_LATEST ? m->n_reports : VIEW_LATEST;
}

/* "(十六)" -> 16; 0 when the label holds no Chinese numeral 1-99. */
static long cn_number(const char *s)
{
	static const char *const digits[] = { "一", "二", "三", "四", "五",
					      "六", "七", "八", "九" };
	long value = 0, cur = 0;
	bool any = false;
	while (*s) {
		size_t k = 0;
		while (k < 9 && strncmp(s, digits[k], strlen(digits[k])))
			k++;
		if (k < 9) {
			cur = (long)k + 1;
		} else if (!strncmp(s, "十", strlen("十"))) {
			value += (cur ? cur : 1) * 10;
			cur = 0;
		} else {
			s++;
			continue;
		}
		any = true;
		s += strlen("十");   /* every numeral is 3 bytes in UTF-8 */
	}
	return any ? value + cur : 0;
}

/* English labels keep the printed numbers, in Arabic digits: a part "一、"
 * is "1.", a group "(十六)" is "(16)", even where the source repeats a
 * number. */
static void label_sections(view *v)
{
	const model *m = v->m;
	for (size_t i = 0; i < m->n_sections; i++) {
		const section *s = &m->sections[i];
		long n = cn_number(s->label_zh);
		buf b = BUF_INIT;
		if (!n)
			buf_puts(&b, s->label_zh);
		else
			buf_printf(&b, s->parent ? "(%ld)" : "%ld.", n);
		v->label_en[i] = buf_detach(&b);
	}
}

/* ---- pages ----------------------------------------------------------- */

static void page_path(buf *b, const char *lang, view_kind k, const char *id)
{
	buf_printf(b, "%s/%s", lang, folders[k]);
	if (id)
		buf_printf(b, "%s/", id);
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
	else
		page_path(&path, v->m->site.languages.v[lang], k, id);
	v->pages[v->n_pages++] = (view_page){ k, templates[k],
		buf_detach(&path), lang, item, id };
}

static void add_in_every_lang(view *v, view_kind k, const void *item,
			      const char *id)
{
	for (size_t l = 0; l < v->n_langs; l++)
		add_page(v, k, l, item, id);
}

static void list_pages(view *v)
{
	const model *m = v->m;
	for (view_kind k = VIEW_HOME; k <= VIEW_ABOUT; k++)
		add_in_every_lang(v, k, NULL, NULL);
	for (size_t i = 0; i < m->n_sections; i++)
		add_in_every_lang(v, VIEW_SECTION, &m->sections[i],
				  m->sections[i].id);
	for (size_t i = 0; i < m->n_tasks; i++)
		add_in_every_lang(v, VIEW_TASK, &m->tasks[i], m->tasks[i].id);
	for (size_t i = 0; i < m->n_units; i++)
		add_in_every_lang(v, VIEW_UNIT, &m->units[i], m->units[i].id);
	add_page(v, VIEW_ROOT, v->default_lang, NULL, NULL);
	add_page(v, VIEW_NOT_FOUND, v->default_lang, NULL, NULL);
}

view *view_new(const model *m, const view_opts *o)
{
	view *v = xcalloc(1, sizeof *v);
	v->m = m;
	v->o = *o;
	v->n_langs = m->site.languages.n;
	for (size_t l = 0; l < v->n_langs; l++)
		if (!strcmp(m->site.languages.v[l], m->site.default_lang))
			v->default_lang = l;
	v->section_tasks = xcalloc(m->n_sections, sizeof *v->section_tasks);
	v->section_groups = xcalloc(m->n_sections, sizeof *v->section_groups);
	v->section_counts = xcalloc(m->n_sections, sizeof *v->section_counts);
	v->label_en = xcalloc(m->n_sections, sizeof *v->label_en);
	v->unit_lead = xcalloc(m->n_units, sizeof *v->unit_lead);
	v->unit_co = xcalloc(m->n_units, sizeof *v->unit_co);
	v->lead_counts = xcalloc(m->n_units, sizeof *v->lead_counts);
	v->co_counts = xcalloc(m->n_units, sizeof *v->co_counts);
	index_sections(v);
	index_co_units(v);
	index_latest(v);
	label_sections(v);
	list_pages(v);
	return v;
}

void view_free(view *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->m->n_sections; i++) {
		free(v->section_tasks[i].v);
		free(v->section_groups[i].v);
		free(v->label_en[i]);
	}
	for (size_t i = 0; i < v->m->n_units; i++) {
		free(v->unit_lead[i].v);
		free(v->unit_co[i].v);
	}
	for (size_t i = 0; i < v->n_pages; i++)
		free((char *)v->pages[i].path);
	free(v->section_tasks);
	free(v->section_groups);
	free(v->section_counts);
	free(v->label_en);
	free(v->unit_lead);
	free(v->unit_co);
	free(v->lead_counts);
	free(v->co_counts);
	free(v->latest);
	free(v->pages);
	free(v);
}

size_t view_count(const view *v)
{
	return v->n_pages;
}

const view_page *view_page_at(const view *v, size_t i)
{
	return &v->pages[i];
}

void view_url(const view *v, const view_page *pg, buf *out)
{
	buf_puts(out, v->m->site.base_url);
	size_t n = strlen(pg->path);
	if (n >= 10 && !strcmp(pg->path + n - 10, "index.html"))
		n -= 10;
	buf_put(out, pg->path, n);
}

/* ---- building blocks of page models ----------------------------------- */

typedef struct ctx {
	const view *v;
	const view_page *pg;
	const char *lang;       /* "zh" */
	bool en;                /* English texts, with Chinese fallback */
	const cJSON *t;
	buf root;               /* "../../", or base_url on the 404 page */
	buf tmp;
} ctx;

static const char *str(const ctx *c, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(c->t, key);
	return cJSON_IsString(s) ? s->valuestring : "";
}

static bool pending(const ctx *c, text2 t)
{
	return c->en && !*t.en && *t.zh;
}

static const char *plain(const ctx *c, text2 t)
{
	return c->en && *t.en ? t.en : t.zh;
}

/* {text, pending}: see view.h. */
static cJSON *text(const ctx *c, text2 t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "text", plain(c, t));
	cJSON_AddBoolToObject(o, "pending", pending(c, t));
	return o;
}

static void add_text(const ctx *c, cJSON *o, const char *key, text2 t)
{
	cJSON_AddItemToObject(o, key, text(c, t));
}

static const char *href(ctx *c, view_kind k, const char *id)
{
	buf_clear(&c->tmp);
	buf_puts(&c->tmp, buf_cstr(&c->root));
	page_path(&c->tmp, c->lang, k, id);
	return buf_cstr(&c->tmp);
}

static void add_href(ctx *c, cJSON *o, view_kind k, const char *id)
{
	cJSON_AddStringToObject(o, "href", href(c, k, id));
}

static const char *status_label(const ctx *c, task_status s)
{
	char key[64];
	snprintf(key, sizeof key, "status_%s", model_status_name(s));
	return str(c, key);
}

static cJSON *status_obj(const ctx *c, task_status s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "key", model_status_name(s));
	cJSON_AddStringToObject(o, "label", status_label(c, s));
	cJSON_AddStringToObject(o, "symbol", status_symbols[s]);
	return o;
}

static const char *section_label(const ctx *c, const section *s)
{
	return c->en ? c->v->label_en[s->index] : s->label_zh;
}

static cJSON *unit_link(ctx *c, const unit *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", u->id);
	add_href(c, o, VIEW_UNIT, u->id);
	add_text(c, o, "name", u->name);
	return o;
}

static cJSON *section_link(ctx *c, const section *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", s->id);
	add_href(c, o, VIEW_SECTION, s->id);
	cJSON_AddStringToObject(o, "label", section_label(c, s));
	add_text(c, o, "title", s->title);
	return o;
}

/* Space-separated ids of the lead and co-units, for the list filter. */
static void add_unit_ids(cJSON *o, const task *t, buf *b)
{
	buf_clear(b);
	buf_puts(b, t->lead->id);
	for (size_t k = 0; k < t->section->co_unit_ids.n; k++)
		buf_printf(b, " %s", t->section->co_unit_ids.v[k]);
	cJSON_AddStringToObject(o, "units", buf_cstr(b));
}

static cJSON *task_item(ctx *c, const task *t)
{
	cJSON *o = cJSON_CreateObject();
	const progress *p = t->progress;
	cJSON_AddStringToObject(o, "id", t->id);
	add_href(c, o, VIEW_TASK, t->id);
	add_text(c, o, "text", t->text);
	cJSON_AddItemToObject(o, "status", status_obj(c, status_of(t)));
	cJSON_AddItemToObject(o, "lead", unit_link(c, t->lead));
	cJSON_AddItemToObject(o, "section", section_link(c, t->section));
	if (p && p->percent >= 0) {
		cJSON_AddNumberToObject(o, "percent", (double)p->percent);
		buf_clear(&c->tmp);
		buf_printf(&c->tmp, "%ld%%", p->percent);
		cJSON_AddStringToObject(o, "percent_text", buf_cstr(&c->tmp));
	}
	if (p)
		cJSON_AddStringToObject(o, "as_of", p->as_of);
	add_unit_ids(o, t, &c->tmp);
	return o;
}

/* Add array `a` as `key`, and its length as "n_<key>": a template shows
 * a list's wrapper (<ul>, <table>) only when {{#n_key}} is not zero. */
static void add_list(cJSON *o, const char *key, cJSON *a)
{
	char n[64];
	snprintf(n, sizeof n, "n_%s", key);
	cJSON_AddNumberToObject(o, n, (double)cJSON_GetArraySize(a));
	cJSON_AddItemToObject(o, key, a);
}

static cJSON *task_items(ctx *c, const idx *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, task_item(c, &c->v->m->tasks[l->v[i]]));
	return a;
}

static void add_crumb(cJSON *crumbs, const char *href_s, const char *label)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "href", href_s);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddItemToArray(crumbs, o);
}

/* Home, then the parts and groups above section `s` (and `s` itself when
 * `self`). */
static cJSON *crumbs_to(ctx *c, const section *s, bool self)
{
	cJSON *a = cJSON_CreateArray();
	add_crumb(a, href(c, VIEW_HOME, NULL), str(c, "nav_home"));
	const section *chain[2] = { NULL, NULL };
	size_t n = 0;
	for (const section *p = self ? s : s->parent; p && n < 2; p = p->parent)
		chain[n++] = p;
	while (n--) {
		buf label = BUF_INIT;
		buf_printf(&label, "%s %s", section_label(c, chain[n]),
			   plain(c, chain[n]->title));
		add_crumb(a, href(c, VIEW_SECTION, chain[n]->id),
			  buf_cstr(&label));
		buf_free(&label);
	}
	return a;
}

/* Rendered Markdown as {html, pending}: English falls back to Chinese. */
static cJSON *markdown(const ctx *c, text2 src, const char *prefix,
		       int top_level)
{
	cJSON *o = cJSON_CreateObject();
	const char *s = plain(c, src);
	buf html = BUF_INIT;
	md_opts mo = { prefix, top_level };
	md_render(s, strlen(s), &mo, &html);
	cJSON_AddStringToObject(o, "html", buf_cstr(&html));
	cJSON_AddBoolToObject(o, "pending", pending(c, src));
	buf_free(&html);
	return o;
}

/* Rows of a status table: [{status, count}] in display order. */
static cJSON *status_rows(const ctx *c, const long *n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "status", status_obj(c, status_order[k]));
		cJSON_AddNumberToObject(o, "count", (double)n[status_order[k]]);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/* The series of a status chart, in display order. */
static void status_series(const ctx *c, chart_item *items, const long *n)
{
	static const char *const cls[STATUS_COUNT] = {
		[STATUS_NONE] = "st-not_reported",
		[STATUS_NOT_STARTED] = "st-not_started",
		[STATUS_ON_TRACK] = "st-on_track", [STATUS_AT_RISK] = "st-at_risk",
		[STATUS_DELAYED] = "st-delayed", [STATUS_COMPLETED] = "st-completed",
		[STATUS_WITHDRAWN] = "st-withdrawn",
	};
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		task_status s = status_order[k];
		items[k] = (chart_item){ status_label(c, s), cls[s], n ? n[s] : 0 };
	}
}

/* Counts in display order, for a stacked chart row. */
static void ordered(const long *n, long *out)
{
	for (size_t k = 0; k < STATUS_COUNT; k++)
		out[k] = n[status_order[k]];
}

static long sum(const long *n)
{
	long s = 0;
	for (size_t k = 0; k < STATUS_COUNT; k++)
		s += n[k];
	return s;
}

static cJSON *plan_meta(ctx *c)
{
	const site_config *s = &c->v->m->site;
	cJSON *o = cJSON_CreateObject();
	add_text(c, o, "title", s->plan_title);
	add_text(c, o, "issuer", s->issuer);
	cJSON_AddStringToObject(o, "doc_number", s->doc_number);
	cJSON_AddStringToObject(o, "issued", s->issued);
	cJSON_AddStringToObject(o, "source_url", s->source_url);
	return o;
}

/* ---- the dashboard: plan, totals {chart, rows, total}, parts {chart,
 * rows}, latest (task items), sections (parts with their groups),
 * counts, data_as_of ---------------------------------------------------- */

static cJSON *home_totals(ctx *c)
{
	cJSON *o = cJSON_CreateObject();
	chart_item items[STATUS_COUNT];
	buf svg = BUF_INIT;
	status_series(c, items, c->v->totals);
	chart_bars(&svg, "chart-status", str(c, "chart_status_title"), items,
		   STATUS_COUNT);
	cJSON_AddStringToObject(o, "chart", buf_cstr(&svg));
	cJSON_AddItemToObject(o, "rows", status_rows(c, c->v->totals));
	cJSON_AddNumberToObject(o, "total", (double)sum(c->v->totals));
	buf_free(&svg);
	return o;
}

static cJSON *part_row(ctx *c, const section *s)
{
	const long *n = c->v->section_counts[s->index];
	cJSON *o = section_link(c, s);
	cJSON_AddNumberToObject(o, "total", (double)sum(n));
	cJSON_AddNumberToObject(o, "reported", (double)(sum(n) - n[STATUS_NONE]));
	cJSON_AddNumberToObject(o, "completed", (double)n[STATUS_COMPLETED]);
	return o;
}

/* Replace each "{name}" in `pat` by its value; other text is copied. */
static void expand(buf *out, const char *pat, const char *const (*kv)[2],
		   size_t n)
{
	while (*pat) {
		size_t k = n;
		if (*pat == '{')
			for (k = 0; k < n; k++)
				if (!strncmp(pat + 1, kv[k][0], strlen(kv[k][0])) &&
				    pat[1 + strlen(kv[k][0])] == '}')
					break;
		if (k == n) {
			buf_putc(out, *pat++);
			continue;
		}
		buf_puts(out, kv[k][1]);
		pat += strlen(kv[k][0]) + 2;
	}
}

/* "Part 1", "第一部分": the part's number in the language's pattern, short
 * enough for a chart label (titles are in the table below it). */
static char *part_label(const ctx *c, const section *s)
{
	buf num = BUF_INIT, out = BUF_INIT;
	const char *label = section_label(c, s);
	size_t n = strlen(label);
	while (n && (label[n - 1] == '.' || label[n - 1] == ' '))
		n--;
	if (n >= strlen("、") && !strcmp(label + n - strlen("、"), "、"))
		n -= strlen("、");
	buf_put(&num, label, n);
	const char *const kv[][2] = { { "n", buf_cstr(&num) } };
	expand(&out, str(c, "part_label"), kv, 1);
	buf_free(&num);
	return buf_detach(&out);
}

static cJSON *home_parts(ctx *c)
{
	const model *m = c->v->m;
	cJSON *o = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(o, "rows");
	chart_row *crows = xcalloc(m->n_sections, sizeof *crows);
	char **labels = xcalloc(m->n_sections, sizeof *labels);
	long (*vals)[STATUS_COUNT] = xcalloc(m->n_sections, sizeof *vals);
	size_t n = 0;
	for (size_t i = 0; i < m->n_sections; i++) {
		const section *s = &m->sections[i];
		if (s->parent)
			continue;
		cJSON_AddItemToArray(rows, part_row(c, s));
		ordered(c->v->section_counts[i], vals[n]);
		labels[n] = part_label(c, s);
		crows[n] = (chart_row){ labels[n], vals[n] };
		n++;
	}
	chart_item series[STATUS_COUNT];
	buf svg = BUF_INIT;
	status_series(c, series, NULL);
	chart_stacked(&svg, "chart-parts", str(c, "chart_parts_title"), series,
		      STATUS_COUNT, crows, n);
	cJSON_AddStringToObject(o, "chart", buf_cstr(&svg));
	buf_free(&svg);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(vals);
	free(crows);
	return o;
}

static cJSON *home_sections(ctx *c)
{
	const view *v = c->v;
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < v->m->n_sections; i++) {
		const section *s = &v->m->sections[i];
		if (s->parent)
			continue;
		cJSON *p = section_link(c, s), *g = cJSON_AddArrayToObject(p, "groups");
		for (size_t k = 0; k < v->section_groups[i].n; k++) {
			size_t gi = v->section_groups[i].v[k];
			cJSON *x = section_link(c, &v->m->sections[gi]);
			cJSON_AddNumberToObject(x, "count", (double)v->section_tasks[gi].n);
			cJSON_AddItemToArray(g, x);
		}
		cJSON_AddItemToArray(a, p);
	}
	return a;
}

static const char *data_as_of(const ctx *c)
{
	const export_manifest *x = c->v->o.data;
	if (x && *x->data_as_of)
		return x->data_as_of;
	return c->v->n_latest ? c->v->latest[0]->as_of : "";
}

static const char *build_home(ctx *c, cJSON *o)
{
	const view *v = c->v;
	cJSON_AddItemToObject(o, "plan", plan_meta(c));
	cJSON_AddItemToObject(o, "totals", home_totals(c));
	cJSON_AddItemToObject(o, "parts", home_parts(c));
	cJSON *latest = cJSON_CreateArray();
	for (size_t i = 0; i < v->n_latest; i++)
		cJSON_AddItemToArray(latest, task_item(c, v->latest[i]->task));
	add_list(o, "latest", latest);
	cJSON_AddItemToObject(o, "sections", home_sections(c));
	cJSON *n = cJSON_AddObjectToObject(o, "counts");
	cJSON_AddNumberToObject(n, "tasks", (double)v->m->n_tasks);
	cJSON_AddNumberToObject(n, "units", (double)v->m->n_units);
	cJSON_AddNumberToObject(n, "sections", (double)v->m->n_sections);
	cJSON_AddNumberToObject(n, "reports", (double)v->m->n_reports);
	cJSON_AddStringToObject(o, "data_as_of", data_as_of(c));
	return NULL;   /* the dashboard's title is the site's */
}

/* ---- a section: section {id, href, label, title, parent?, co_units,
 * co_note?, tasks, groups (each with tasks), plan [{id, href, html,
 * pending}], rows (status table), total} -------------------------------- */

static cJSON *co_units(ctx *c, const section *s)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < s->co_unit_ids.n; k++)
		cJSON_AddItemToArray(a, unit_link(c, s->co_units[k]));
	return a;
}

static cJSON *section_plan(ctx *c, const section *s)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < s->plan_ids.n; k++) {
		const plan_doc *p = model_plan_doc(c->v->m, s->plan_ids.v[k]);
		cJSON *o = markdown(c, p->markdown, p->id, 3);
		cJSON_AddStringToObject(o, "id", p->id);
		buf link = BUF_INIT;   /* href() uses c->tmp */
		buf_printf(&link, "%s#%s", href(c, VIEW_PLAN, NULL), p->id);
		cJSON_AddStringToObject(o, "href", buf_cstr(&link));
		buf_free(&link);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *build_section(ctx *c, cJSON *o)
{
	const view *v = c->v;
	const section *s = c->pg->item;
	cJSON *x = section_link(c, s);
	cJSON_AddItemToObject(o, "section", x);
	if (s->parent)
		cJSON_AddItemToObject(x, "parent", section_link(c, s->parent));
	add_list(x, "co_units", co_units(c, s));
	if (*s->co_note.zh || *s->co_note.en)
		add_text(c, x, "co_note", s->co_note);
	add_list(x, "tasks", task_items(c, &v->section_tasks[s->index]));
	cJSON *groups = cJSON_CreateArray();
	for (size_t k = 0; k < v->section_groups[s->index].n; k++) {
		size_t gi = v->section_groups[s->index].v[k];
		cJSON *g = section_link(c, &v->m->sections[gi]);
		add_list(g, "tasks", task_items(c, &v->section_tasks[gi]));
		cJSON_AddItemToArray(groups, g);
	}
	add_list(x, "groups", groups);
	add_list(x, "plan", section_plan(c, s));
	cJSON_AddItemToObject(x, "rows", status_rows(c, v->section_counts[s->index]));
	cJSON_AddNumberToObject(x, "total", (double)sum(v->section_counts[s->index]));
	add_list(o, "breadcrumbs", crumbs_to(c, s, false));
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%s %s", section_label(c, s), plain(c, s->title));
	cJSON_AddStringToObject(o, "heading", buf_cstr(&c->tmp));
	return cJSON_GetObjectItem(o, "heading")->valuestring;
}

/* ---- a task: task (a task item plus part?, co_units, co_note?, due,
 * reported_by?, progress? {percent, text, bar}, narrative? {html,
 * pending}, metrics, edit_url?, history) --------------------------------- */

/* "1900 mu", "98%", "1900亩": the unit follows the number, after the
 * language's separator (none before "%"). */
static void quantity(const ctx *c, buf *b, double x, text2 unit_name)
{
	const char *u = plain(c, unit_name);
	view_number(b, x);
	if (*u && strcmp(u, "%"))
		buf_puts(b, str(c, "unit_sep"));
	buf_puts(b, u);
}

static const struct { const char *op, *key, *symbol; } comparators[] = {
	{ ">=", "cmp_ge", "≥" }, { ">", "cmp_gt", ">" }, { "=", "cmp_eq", "=" },
	{ "<", "cmp_lt", "<" }, { "<=", "cmp_le", "≤" },
	{ "between", "cmp_between", "↔" },
};

/* target: the comparator in words ("at least 1900 mu"); symbol: "≥". */
static void metric_target(const ctx *c, const metric *mt, cJSON *o)
{
	size_t k = 0;
	while (k < 5 && strcmp(mt->comparator, comparators[k].op))
		k++;
	buf n = BUF_INIT, lo = BUF_INIT, words = BUF_INIT;
	quantity(c, &n, mt->has_max ? mt->target_max : mt->target, mt->unit);
	view_number(&lo, mt->target);
	const char *const kv[][2] = { { "n", buf_cstr(&n) },
				      { "min", buf_cstr(&lo) },
				      { "max", buf_cstr(&n) } };
	expand(&words, str(c, comparators[k].key), kv, 3);
	cJSON_AddStringToObject(o, "target", buf_cstr(&words));
	cJSON_AddStringToObject(o, "symbol", comparators[k].symbol);
	buf_free(&n);
	buf_free(&lo);
	buf_free(&words);
}

static cJSON *metric_obj(const ctx *c, const metric *mt, const progress *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", mt->id);
	add_text(c, o, "name", mt->name);
	metric_target(c, mt, o);
	cJSON_AddStringToObject(o, "baseline", str(c, strcmp(mt->baseline,
		"previous_year") ? "baseline_level" : "baseline_previous_year"));
	buf b = BUF_INIT;
	for (size_t k = 0; p && k < p->n_actuals && !b.len; k++)
		if (p->actuals[k].metric == mt)
			quantity(c, &b, p->actuals[k].value, mt->unit);
	cJSON_AddStringToObject(o, "actual", b.len ? buf_cstr(&b)
						   : str(c, "no_value"));
	buf_free(&b);
	return o;
}

static void task_report(ctx *c, const task *t, cJSON *x)
{
	const progress *p = t->progress;
	if (!p)
		return;
	cJSON_AddItemToObject(x, "reported_by", unit_link(c, p->reported_by));
	if (p->percent >= 0) {
		cJSON *pr = cJSON_AddObjectToObject(x, "progress");
		buf svg = BUF_INIT;
		chart_progress(&svg, "progress", str(c, "progress_title"),
			       p->percent);
		cJSON_AddNumberToObject(pr, "percent", (double)p->percent);
		cJSON_AddStringToObject(pr, "text",
			cJSON_GetObjectItem(x, "percent_text")->valuestring);
		cJSON_AddStringToObject(pr, "bar", buf_cstr(&svg));
		buf_free(&svg);
	}
	if (*p->narrative.zh || *p->narrative.en)
		cJSON_AddItemToObject(x, "narrative",
				      markdown(c, p->narrative, "narrative", 3));
}

/* The site's edit link for the task's report, {path} filled in. */
static void task_edit_url(ctx *c, const task *t, cJSON *x)
{
	const char *pat = c->v->m->site.edit_url;
	if (!*pat)
		return;
	buf path = BUF_INIT, url = BUF_INIT;
	buf_printf(&path, "progress/%s.%s.md", t->id, c->v->m->site.default_lang);
	const char *const kv[][2] = { { "path", buf_cstr(&path) } };
	expand(&url, pat, kv, 1);
	cJSON_AddStringToObject(x, "edit_url", buf_cstr(&url));
	buf_free(&path);
	buf_free(&url);
}

static const char *build_task(ctx *c, cJSON *o)
{
	const task *t = c->pg->item;
	const section *s = t->section;
	cJSON *x = task_item(c, t);
	cJSON_AddItemToObject(o, "task", x);
	if (s->parent)
		cJSON_AddItemToObject(x, "part", section_link(c, s->parent));
	add_list(x, "co_units", co_units(c, s));
	if (*s->co_note.zh || *s->co_note.en)
		add_text(c, x, "co_note", s->co_note);
	cJSON_AddStringToObject(x, "due", t->due);
	cJSON *metrics = cJSON_CreateArray();
	for (size_t k = 0; k < t->n_metrics; k++)
		cJSON_AddItemToArray(metrics, metric_obj(c, t->metrics[k],
							 t->progress));
	add_list(x, "metrics", metrics);
	task_report(c, t, x);
	task_edit_url(c, t, x);
	/* Filled by the history module from git: one entry per past
	 * report. */
	add_list(x, "history", cJSON_CreateArray());
	add_list(o, "breadcrumbs", crumbs_to(c, s, true));
	return plain(c, t->text);
}

/* ---- units: unit {id, name, aliases, lead {tasks}, co {tasks}, chart, rows
 * [{status, lead, co}]}; the list: units [{id, href, name, lead_count,
 * co_count}] ------------------------------------------------------------ */

static cJSON *unit_rows(const ctx *c, const long *lead, const long *co)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		task_status s = status_order[k];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "status", status_obj(c, s));
		cJSON_AddNumberToObject(o, "lead", (double)lead[s]);
		cJSON_AddNumberToObject(o, "co", (double)co[s]);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void unit_chart(const ctx *c, const unit *u, cJSON *x)
{
	long lead[STATUS_COUNT], co[STATUS_COUNT];
	ordered(c->v->lead_counts[u->index], lead);
	ordered(c->v->co_counts[u->index], co);
	chart_row rows[] = { { str(c, "unit_leads"), lead },
			     { str(c, "unit_co_owns"), co } };
	chart_item series[STATUS_COUNT];
	buf svg = BUF_INIT;
	status_series(c, series, NULL);
	chart_stacked(&svg, "chart-unit", str(c, "chart_unit_title"), series,
		      STATUS_COUNT, rows, 2);
	cJSON_AddStringToObject(x, "chart", buf_cstr(&svg));
	buf_free(&svg);
}

static const char *build_unit(ctx *c, cJSON *o)
{
	const view *v = c->v;
	const unit *u = c->pg->item;
	cJSON *x = unit_link(c, u);
	cJSON_AddItemToObject(o, "unit", x);
	cJSON *aliases = cJSON_CreateArray();
	for (size_t k = 0; k < u->aliases.n; k++)
		cJSON_AddItemToArray(aliases, cJSON_CreateString(u->aliases.v[k]));
	add_list(x, "aliases", aliases);
	add_list(cJSON_AddObjectToObject(x, "lead"), "tasks",
		 task_items(c, &v->unit_lead[u->index]));
	add_list(cJSON_AddObjectToObject(x, "co"), "tasks",
		 task_items(c, &v->unit_co[u->index]));
	cJSON_AddItemToObject(x, "rows", unit_rows(c, v->lead_counts[u->index],
						   v->co_counts[u->index]));
	unit_chart(c, u, x);
	cJSON *crumbs = cJSON_CreateArray();
	add_crumb(crumbs, href(c, VIEW_HOME, NULL), str(c, "nav_home"));
	add_crumb(crumbs, href(c, VIEW_UNITS, NULL), str(c, "nav_units"));
	add_list(o, "breadcrumbs", crumbs);
	return plain(c, u->name);
}

static const char *build_units(ctx *c, cJSON *o)
{
	const view *v = c->v;
	cJSON *a = cJSON_AddArrayToObject(o, "units");
	for (size_t i = 0; i < v->m->n_units; i++) {
		cJSON *x = unit_link(c, &v->m->units[i]);
		cJSON_AddNumberToObject(x, "lead_count", (double)v->unit_lead[i].n);
		cJSON_AddNumberToObject(x, "co_count", (double)v->unit_co[i].n);
		cJSON_AddItemToArray(a, x);
	}
	return str(c, "nav_units");
}

/* ---- all tasks: tasks (task items), statuses [{key, label}], units
 * [{id, name}] (for the filter form), count --------------------------- */

static const char *build_tasks(ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = cJSON_AddArrayToObject(o, "tasks");
	for (size_t i = 0; i < m->n_tasks; i++)
		cJSON_AddItemToArray(a, task_item(c, &m->tasks[i]));
	cJSON *st = cJSON_AddArrayToObject(o, "statuses");
	for (size_t k = 0; k < STATUS_COUNT; k++)
		cJSON_AddItemToArray(st, status_obj(c, status_order[k]));
	cJSON *units = cJSON_AddArrayToObject(o, "units");
	for (size_t i = 0; i < m->n_units; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "id", m->units[i].id);
		cJSON_AddStringToObject(u, "name", plain(c, m->units[i].name));
		cJSON_AddItemToArray(units, u);
	}
	cJSON_AddNumberToObject(o, "count", (double)m->n_tasks);
	return str(c, "nav_tasks");
}

/* ---- the plan: plan (metadata), docs [{id, html, pending}] ----------- */

static const char *build_plan(ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON_AddItemToObject(o, "plan", plan_meta(c));
	cJSON *a = cJSON_AddArrayToObject(o, "docs");
	for (size_t i = 0; i < m->n_plan; i++) {
		cJSON *d = markdown(c, m->plan[i].markdown, m->plan[i].id, 2);
		cJSON_AddStringToObject(d, "id", m->plan[i].id);
		cJSON_AddItemToArray(a, d);
	}
	return str(c, "nav_plan");
}

/* ---- the glossary: terms [{id, zh, en, note, note_lang}]; both terms
 * show in every language; the notes exist in English only ------------- */

static const char *build_glossary(ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = cJSON_AddArrayToObject(o, "terms");
	for (size_t i = 0; i < m->n_terms; i++) {
		const term *t = &m->terms[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", t->id);
		cJSON_AddStringToObject(x, "zh", t->term_zh);
		cJSON_AddStringToObject(x, "en", t->term_en);
		cJSON_AddStringToObject(x, "note", t->note_en);
		if (!c->en && *t->note_en)
			cJSON_AddStringToObject(x, "note_lang", "en");
		cJSON_AddItemToArray(a, x);
	}
	return str(c, "nav_glossary");
}

/* ---- downloads: files [{href, name, title, format, format_label,
 * media_type, size, rows, excel}], schema_href?, data_as_of, license,
 * jsonld (a JSON string, safe inside <script>) -------------------------- */

/* "812 bytes", "12.3 KB", "4.5 MB": rounded to one decimal in integer
 * arithmetic, so every machine prints the same. */
static void file_size(const ctx *c, buf *b, size_t bytes)
{
	static const char *const units[] = { "KB", "MB", "GB" };
	if (bytes < 1024) {
		buf_printf(b, "%zu %s", bytes, str(c, "size_bytes"));
		return;
	}
	size_t u = 0, div = 1024;
	while (u < 2 && bytes >= div * 1024) {
		div *= 1024;
		u++;
	}
	size_t tenths = (bytes * 10 + div / 2) / div;
	buf_printf(b, "%zu.%zu %s", tenths / 10, tenths % 10, units[u]);
}

static cJSON *data_file(ctx *c, const export_file *f)
{
	cJSON *o = cJSON_CreateObject();
	const char *slash = strrchr(f->path, '/');
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%s%s", buf_cstr(&c->root), f->path);
	cJSON_AddStringToObject(o, "href", buf_cstr(&c->tmp));
	cJSON_AddStringToObject(o, "name", slash ? slash + 1 : f->path);
	add_text(c, o, "title", f->title);
	cJSON_AddStringToObject(o, "format", f->format);
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "fmt_%s", f->format);
	for (char *p = c->tmp.ptr; *p; p++)
		if (*p == '-')
			*p = '_';
	const char *label = str(c, buf_cstr(&c->tmp));
	cJSON_AddStringToObject(o, "format_label", *label ? label : f->format);
	cJSON_AddStringToObject(o, "media_type", f->media_type);
	buf_clear(&c->tmp);
	file_size(c, &c->tmp, f->bytes);
	cJSON_AddStringToObject(o, "size", buf_cstr(&c->tmp));
	buf_clear(&c->tmp);
	if (strcmp(f->format, "metadata"))
		buf_printf(&c->tmp, "%zu", f->rows);
	else
		buf_puts(&c->tmp, "—");   /* metadata has no rows */
	cJSON_AddStringToObject(o, "rows", buf_cstr(&c->tmp));
	cJSON_AddBoolToObject(o, "excel", !strcmp(f->format, "csv-excel"));
	return o;
}

/* JSON-LD goes into <script>: "<" is escaped as \u003c so that no
 * "</script>" or "<!--" can end the block early. */
static void add_jsonld(cJSON *o, const cJSON *ld)
{
	char *json = cJSON_PrintUnformatted(ld);
	buf b = BUF_INIT;
	for (const char *p = json; *p; p++)
		if (*p == '<')
			buf_puts(&b, "\\u003c");
		else
			buf_putc(&b, *p);
	cJSON_AddStringToObject(o, "jsonld", buf_cstr(&b));
	buf_free(&b);
	free(json);
}

static cJSON *license(const ctx *c)
{
	const site_config *s = &c->v->m->site;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", s->license_id);
	cJSON_AddStringToObject(o, "name", s->license_name);
	cJSON_AddStringToObject(o, "url", s->license_url);
	return o;
}

static const char *build_data(ctx *c, cJSON *o)
{
	const export_manifest *x = c->v->o.data;
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; x && i < x->n; i++) {
		const export_file *f = &x->files[i];
		cJSON_AddItemToArray(a, data_file(c, f));
		const char *slash = strrchr(f->path, '/');
		if (!strcmp(slash ? slash + 1 : f->path, "datapackage.json")) {
			buf_clear(&c->tmp);
			buf_printf(&c->tmp, "%s%s", buf_cstr(&c->root), f->path);
			cJSON_AddStringToObject(o, "schema_href", buf_cstr(&c->tmp));
		}
	}
	add_list(o, "files", a);
	if (x && x->jsonld)
		add_jsonld(o, x->jsonld);
	cJSON_AddStringToObject(o, "data_as_of", data_as_of(c));
	cJSON_AddItemToObject(o, "license", license(c));
	return str(c, "nav_data");
}

/* ---- about: plan, license, notes {html, pending, lang?}, edit_url? ----- */

static const char *build_about(ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON_AddItemToObject(o, "plan", plan_meta(c));
	cJSON_AddItemToObject(o, "license", license(c));
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
	return str(c, "nav_about");
}

/* ---- the root page: langs [{href, label, hreflang}], refresh ---------- */

static cJSON *lang_links(ctx *c)
{
	const view *v = c->v;
	cJSON *a = cJSON_CreateArray();
	for (size_t l = 0; l < v->n_langs; l++) {
		const cJSON *t = v->o.strings[l];
		cJSON *o = cJSON_CreateObject();
		buf_clear(&c->tmp);
		buf_puts(&c->tmp, buf_cstr(&c->root));
		page_path(&c->tmp, v->m->site.languages.v[l], VIEW_HOME, NULL);
		cJSON_AddStringToObject(o, "href", buf_cstr(&c->tmp));
		cJSON_AddStringToObject(o, "hreflang", cJSON_GetObjectItem(t,
					"html_lang")->valuestring);
		cJSON_AddStringToObject(o, "label", cJSON_GetObjectItem(t,
					"lang_name")->valuestring);
		cJSON_AddItemReferenceToObject(o, "t", (cJSON *)t);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *build_root(ctx *c, cJSON *o)
{
	cJSON_AddItemToObject(o, "langs", lang_links(c));
	cJSON_AddStringToObject(o, "refresh", href(c, VIEW_HOME, NULL));
	return NULL;
}

/* ---- 404: langs (as on the root page, each with its strings `t`); every
 * link is absolute, because the page is served at any depth ----------- */

static const char *build_not_found(ctx *c, cJSON *o)
{
	cJSON_AddItemToObject(o, "langs", lang_links(c));
	return str(c, "not_found_title");
}

/* ---- what every page has ---------------------------------------------- */

typedef const char *(*builder)(ctx *c, cJSON *o);

static const builder builders[] = {
	[VIEW_HOME] = build_home, [VIEW_TASKS] = build_tasks,
	[VIEW_UNITS] = build_units, [VIEW_PLAN] = build_plan,
	[VIEW_GLOSSARY] = build_glossary, [VIEW_DATA] = build_data,
	[VIEW_ABOUT] = build_about, [VIEW_SECTION] = build_section,
	[VIEW_TASK] = build_task, [VIEW_UNIT] = build_unit,
	[VIEW_ROOT] = build_root, [VIEW_NOT_FOUND] = build_not_found,
};

static const struct { view_kind kind; const char *key; } nav_items[] = {
	{ VIEW_HOME, "nav_home" }, { VIEW_TASKS, "nav_tasks" },
	{ VIEW_UNITS, "nav_units" }, { VIEW_PLAN, "nav_plan" },
	{ VIEW_DATA, "nav_data" }, { VIEW_GLOSSARY, "nav_glossary" },
	{ VIEW_ABOUT, "nav_about" },
};

/* links: {home, tasks, units, ...}, the same targets by name. */
static cJSON *nav_links(ctx *c)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t k = 0; k < sizeof nav_items / sizeof *nav_items; k++)
		cJSON_AddStringToObject(o, nav_items[k].key + 4,
					href(c, nav_items[k].kind, NULL));
	return o;
}

static cJSON *nav(ctx *c)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < sizeof nav_items / sizeof *nav_items; k++) {
		cJSON *o = cJSON_CreateObject();
		add_href(c, o, nav_items[k].kind, NULL);
		cJSON_AddStringToObject(o, "label", str(c, nav_items[k].key));
		cJSON_AddBoolToObject(o, "current", c->pg->kind == nav_items[k].kind);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *html_lang(const view *v, size_t lang)
{
	return cJSON_GetObjectItem(v->o.strings[lang], "html_lang")->valuestring;
}

/* alternates: this page in every language, and x-default; switch: links
 * to the other languages. The root page's alternates are the dashboards;
 * the 404 page has none (it is never indexed). */
static void languages(ctx *c, cJSON *o, size_t i)
{
	const view *v = c->v;
	if (c->pg->kind == VIEW_NOT_FOUND)
		return;
	size_t first = c->pg->kind == VIEW_ROOT ? 0 : i - c->pg->lang;
	cJSON *alt = cJSON_AddArrayToObject(o, "alternates");
	cJSON *sw = cJSON_AddArrayToObject(o, "switch");
	for (size_t l = 0; l <= v->n_langs; l++) {
		bool x_default = l == v->n_langs;
		const view_page *p = &v->pages[first + (x_default ? v->default_lang : l)];
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
		buf_clear(&c->tmp);
		buf_printf(&c->tmp, "%s%s", buf_cstr(&c->root), p->path);
		cJSON_AddStringToObject(s, "href", buf_cstr(&c->tmp));
		cJSON_AddStringToObject(s, "hreflang", html_lang(v, l));
		cJSON_AddStringToObject(s, "label", cJSON_GetObjectItem(
			v->o.strings[l], "lang_name")->valuestring);
		cJSON_AddItemToArray(sw, s);
	}
}

static void common(ctx *c, cJSON *o, const char *name, size_t i)
{
	const view *v = c->v;
	const char *site = plain(c, v->m->site.title);
	cJSON_AddStringToObject(o, "lang", c->lang);
	cJSON_AddStringToObject(o, "html_lang", html_lang(v, c->pg->lang));
	cJSON_AddItemReferenceToObject(o, "t", (cJSON *)c->t);
	cJSON_AddStringToObject(o, "site_title", site);
	buf_clear(&c->tmp);
	if (name)
		buf_printf(&c->tmp, "%s%s", name, str(c, "page_title_sep"));
	buf_puts(&c->tmp, site);
	cJSON_AddStringToObject(o, "page_title", buf_cstr(&c->tmp));
	if (v->o.banner)
		cJSON_AddStringToObject(o, "banner", v->o.banner);
	cJSON_AddStringToObject(o, "root", buf_cstr(&c->root));
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%sassets/", buf_cstr(&c->root));
	cJSON_AddStringToObject(o, "assets", buf_cstr(&c->tmp));
	cJSON_AddStringToObject(o, "home", href(c, VIEW_HOME, NULL));
	if (c->pg->kind != VIEW_NOT_FOUND) {
		buf_clear(&c->tmp);
		view_url(v, c->pg, &c->tmp);
		cJSON_AddStringToObject(o, "canonical", buf_cstr(&c->tmp));
	}
	languages(c, o, i);
	cJSON_AddItemToObject(o, "nav", nav(c));
	cJSON_AddItemToObject(o, "links", nav_links(c));
}

cJSON *view_build(const view *v, size_t i)
{
	const view_page *pg = &v->pages[i];
	ctx c = { .v = v, .pg = pg, .lang = v->m->site.languages.v[pg->lang],
		  .t = v->o.strings[pg->lang] };
	c.en = !strcmp(c.lang, "en");
	if (pg->kind == VIEW_NOT_FOUND)
		buf_puts(&c.root, v->m->site.base_url);
	else
		for (const char *p = pg->path; *p; p++)
			if (*p == '/')
				buf_puts(&c.root, "../");
	cJSON *o = cJSON_CreateObject();
	const char *name = builders[pg->kind](&c, o);
	common(&c, o, name, i);
	buf_free(&c.root);
	buf_free(&c.tmp);
	return o;
}
