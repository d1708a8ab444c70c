#include "view.h"
#include "arena.h"
#include "chart.h"
#include "hist.h"
#include "histview.h"
#include "md.h"
#include "snapshot.h"

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
	const hist *h;            /* NULL: no history */
	/* Tasks removed from tasks.csv, rebuilt from their last row; task
	 * index m->n_tasks + k is gone[k] (task_at). */
	task *gone;
	const hist_removed *gone_src; /* gone[k] is rebuilt from gone_src[k] */
	size_t n_gone, n_all;     /* n_all: m->n_tasks + n_gone */
	/* The newest commit that changed each one's sources, or NULL. */
	const hist_commit **task_updated, **section_updated, **unit_updated;
};

const char *const view_required_strings[] = {
	"html_lang", "lang_name", "translation_pending",
	"status_not_reported", "status_not_started", "status_on_track",
	"status_at_risk", "status_delayed", "status_completed",
	"status_withdrawn",
	"cmp_ge", "cmp_gt", "cmp_eq", "cmp_lt", "cmp_le", "cmp_between",
	"unit_sep", "baseline_level", "baseline_previous_year", "no_value",
	"nav_home", "nav_tasks", "nav_units", "nav_plan", "nav_glossary",
	"nav_data", "nav_changes", "nav_about", "page_title_sep",
	"chart_status_title", "chart_parts_title", "chart_unit_title",
	"chart_history_title",
	"progress_title", "unit_leads", "unit_co_owns",
	"part_label", "fmt_csv", "fmt_csv_excel", "fmt_json", "fmt_metadata", "size_bytes",
	"not_found_title", "target_originally", "notice_dirty",
	"notice_truncated", "notice_incomplete",
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
	[VIEW_DATA] = "data", [VIEW_CHANGES] = "changes", [VIEW_ABOUT] = "about",
	[VIEW_SECTION] = "section", [VIEW_TASK] = "task", [VIEW_UNIT] = "unit",
	[VIEW_ROOT] = "root", [VIEW_NOT_FOUND] = "404",
};

static const char *const folders[] = {
	[VIEW_HOME] = "", [VIEW_TASKS] = "tasks/", [VIEW_UNITS] = "units/",
	[VIEW_PLAN] = "plan/", [VIEW_GLOSSARY] = "glossary/",
	[VIEW_DATA] = "data/", [VIEW_CHANGES] = "changes/",
	[VIEW_ABOUT] = "about/",
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

/* Task `i` of the view: the model's tasks, then the withdrawn ones. */
static const task *task_at(const view *v, size_t i)
{
	return i < v->m->n_tasks ? &v->m->tasks[i] : &v->gone[i - v->m->n_tasks];
}

static bool is_gone(const view *v, const task *t)
{
	return t->index >= v->m->n_tasks;
}

static task_status status_of(const view *v, const task *t)
{
	if (is_gone(v, t))
		return STATUS_WITHDRAWN;
	return t->progress ? t->progress->status : STATUS_NONE;
}

/* A withdrawn task's section or lead unit may be gone too (NULL): it is
 * then listed only where it still belongs. */
static void index_sections(view *v)
{
	const model *m = v->m;
	for (size_t i = 0; i < m->n_sections; i++)
		if (m->sections[i].parent)
			idx_push(&v->section_groups[m->sections[i].parent->index], i);
	for (size_t i = 0; i < v->n_all; i++) {
		const task *t = task_at(v, i);
		task_status st = status_of(v, t);
		v->totals[st]++;
		if (t->lead) {
			idx_push(&v->unit_lead[t->lead->index], i);
			v->lead_counts[t->lead->index][st]++;
		}
		if (t->section)
			idx_push(&v->section_tasks[t->section->index], i);
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
				const task *t = task_at(v, v->section_tasks[s].v[j]);
				if (t->lead && t->lead->index == u)
					continue;
				idx_push(&v->unit_co[u], t->index);
				v->co_counts[u][status_of(v, t)]++;
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

/* ---- history ---------------------------------------------------------- */

static const char *removed_col(const hist_removed *r, const char *col)
{
	for (size_t k = 0; k < r->n; k++)
		if (!strcmp(r->cols[k], col))
			return r->vals[k];
	return "";
}

/* Removed tasks keep their page and their place in lists: ids are never
 * reused, so their URLs stay valid. */
static void index_gone(view *v)
{
	const model *m = v->m;
	const hist_removed *r = NULL;
	if (v->h)
		r = hist_removed_tasks(v->h, &v->n_gone);
	v->gone = xcalloc(v->n_gone + 1, sizeof *v->gone);
	for (size_t k = 0; k < v->n_gone; k++) {
		task *t = &v->gone[k];
		t->id = r[k].id;
		t->section_id = removed_col(&r[k], "section");
		t->lead_id = removed_col(&r[k], "lead");
		t->due = removed_col(&r[k], "due");
		t->text = (text2){ removed_col(&r[k], "text_zh"),
				   removed_col(&r[k], "text_en") };
		t->index = m->n_tasks + k;
		t->section = model_section(m, t->section_id);
		t->lead = model_unit(m, t->lead_id);
	}
	v->gone_src = r;
	v->n_all = m->n_tasks + v->n_gone;
}

/* The newer of two commits. Both point into hist_commits(), which is
 * oldest first, so the later address is the newer commit. */
static const hist_commit *newer(const hist_commit *a, const hist_commit *b)
{
	return !a || (b && b > a) ? b : a;
}

static const hist_commit *progress_updated(const hist *h, const char *id,
					   const char *lang)
{
	buf path = BUF_INIT;
	buf_printf(&path, "progress/%s.%s.md", id, lang);
	const hist_commit *c = hist_file_updated(h, path.ptr);
	buf_free(&path);
	return c;
}

/* A task's sources: its row, its metrics' rows, its progress files. */
static const hist_commit *task_sources(const view *v, const task *t)
{
	const hist_commit *c = hist_record_updated(v->h, "tasks", t->id);
	for (size_t k = 0; k < t->n_metrics; k++)
		c = newer(c, hist_record_updated(v->h, "metrics", t->metrics[k]->id));
	c = newer(c, progress_updated(v->h, t->id, "zh"));
	return newer(c, progress_updated(v->h, t->id, "en"));
}

/* When each task, section and unit was last updated: a section by its row
 * and its tasks (a part's include its groups'), a unit by its row and the
 * tasks it leads or shares. */
static void index_updated(view *v)
{
	const model *m = v->m;
	v->task_updated = xcalloc(v->n_all + 1, sizeof *v->task_updated);
	v->section_updated = xcalloc(m->n_sections + 1, sizeof *v->section_updated);
	v->unit_updated = xcalloc(m->n_units + 1, sizeof *v->unit_updated);
	if (!v->h)
		return;
	for (size_t i = 0; i < m->n_sections; i++)
		v->section_updated[i] = hist_record_updated(v->h, "sections",
							    m->sections[i].id);
	for (size_t i = 0; i < m->n_units; i++)
		v->unit_updated[i] = hist_record_updated(v->h, "units",
							 m->units[i].id);
	for (size_t i = 0; i < v->n_all; i++) {
		const task *t = task_at(v, i);
		const hist_commit *c = v->task_updated[i] = task_sources(v, t);
		for (const section *s = t->section; s; s = s->parent)
			v->section_updated[s->index] = newer(v->section_updated[s->index], c);
	}
	for (size_t u = 0; u < m->n_units; u++) {
		for (size_t k = 0; k < v->unit_lead[u].n; k++)
			v->unit_updated[u] = newer(v->unit_updated[u],
						   v->task_updated[v->unit_lead[u].v[k]]);
		for (size_t k = 0; k < v->unit_co[u].n; k++)
			v->unit_updated[u] = newer(v->unit_updated[u],
						   v->task_updated[v->unit_co[u].v[k]]);
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
		buf_detach(&path), lang, item };
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
	for (size_t i = 0; i < v->n_all; i++)
		add_in_every_lang(v, VIEW_TASK, task_at(v, i), task_at(v, i)->id);
	for (size_t i = 0; i < m->n_units; i++)
		add_in_every_lang(v, VIEW_UNIT, &m->units[i], m->units[i].id);
	add_page(v, VIEW_ROOT, v->default_lang, NULL, NULL);
	add_page(v, VIEW_NOT_FOUND, v->default_lang, NULL, NULL);
}

/* ---- page-scoped allocation ------------------------------------------- */

static _Thread_local arena *scope;

static void *scoped_malloc(size_t n)
{
	void *p = scope ? arena_alloc(scope, n) : malloc(n);
	if (!p)
		abort();    /* out of memory aborts, as everywhere (buf.h) */
	return p;
}

static void scoped_free(void *p)
{
	if (!scope)
		free(p);
}

/* Installed before main: cJSON's hooks are global, and setting them while
 * another thread allocates (export runs beside the pages) would race. */
__attribute__((constructor)) static void install_hooks(void)
{
	cJSON_Hooks hooks = { scoped_malloc, scoped_free };
	cJSON_InitHooks(&hooks);
}

void view_scope_begin(arena *a) { scope = a; }
void view_scope_end(void) { scope = NULL; }

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
	v->h = o->history;
	index_gone(v);
	index_sections(v);
	index_co_units(v);
	index_updated(v);
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
	free(v->gone);
	free(v->task_updated);
	free(v->section_updated);
	free(v->unit_updated);
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
	buf_puts(b, t->lead_id);
	for (size_t k = 0; t->section && k < t->section->co_unit_ids.n; k++)
		buf_printf(b, " %s", t->section->co_unit_ids.v[k]);
	cJSON_AddStringToObject(o, "units", buf_cstr(b));
}

/* {date, time, author, summary, commit, commit_short, commit_url}; the
 * date in the site's time zone, the URL "" without site.commit_url. */
static cJSON *commit_obj(const ctx *c, const hist_commit *cm)
{
	cJSON *o = cJSON_CreateObject();
	int off = c->v->m->site.utc_offset_min;
	buf b = BUF_INIT;
	histview_date(cm->time, off, &b);
	cJSON_AddStringToObject(o, "date", buf_cstr(&b));
	buf_clear(&b);
	histview_rfc3339(cm->time, off, &b);
	cJSON_AddStringToObject(o, "time", buf_cstr(&b));
	buf_clear(&b);
	histview_commit_url(c->v->m, cm->id, &b);
	cJSON_AddStringToObject(o, "commit_url", buf_cstr(&b));
	buf_clear(&b);
	buf_printf(&b, "%.7s", cm->id);
	cJSON_AddStringToObject(o, "commit_short", buf_cstr(&b));
	cJSON_AddStringToObject(o, "commit", cm->id);
	cJSON_AddStringToObject(o, "author", cm->author);
	cJSON_AddStringToObject(o, "summary", cm->summary);
	buf_free(&b);
	return o;
}

static cJSON *task_item(ctx *c, const task *t)
{
	cJSON *o = cJSON_CreateObject();
	const progress *p = t->progress;
	cJSON_AddStringToObject(o, "id", t->id);
	add_href(c, o, VIEW_TASK, t->id);
	add_text(c, o, "text", t->text);
	cJSON_AddItemToObject(o, "status", status_obj(c, status_of(c->v, t)));
	if (t->lead)
		cJSON_AddItemToObject(o, "lead", unit_link(c, t->lead));
	if (t->section)
		cJSON_AddItemToObject(o, "section", section_link(c, t->section));
	if (is_gone(c->v, t)) {
		const hist_removed *r = &c->v->gone_src[t->index - c->v->m->n_tasks];
		size_t n;
		cJSON_AddItemToObject(o, "withdrawn", commit_obj(c,
			&hist_commits(c->v->h, &n)[r->commit]));
	}
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
		cJSON_AddItemToArray(a, task_item(c, task_at(c->v, l->v[i])));
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

/* The glossary's English for `zh`, or NULL. */
static const char *glossary_en(const model *m, const char *zh)
{
	for (size_t i = 0; i < m->n_terms; i++)
		if (!strcmp(m->terms[i].term_zh, zh) && *m->terms[i].term_en)
			return m->terms[i].term_en;
	return NULL;
}

/* plan {title, issuer, doc_number, doc_number_en?, issued, source_url};
 * doc_number_en, on English pages, is the number's romanised form as the
 * glossary gives it ("Jiang Hai Nong Ban [2023] No. 93"). */
static cJSON *plan_meta(ctx *c)
{
	const site_config *s = &c->v->m->site;
	cJSON *o = cJSON_CreateObject();
	add_text(c, o, "title", s->plan_title);
	add_text(c, o, "issuer", s->issuer);
	cJSON_AddStringToObject(o, "doc_number", s->doc_number);
	const char *roman = c->en && *s->doc_number ?
		glossary_en(c->v->m, s->doc_number) : NULL;
	if (roman)
		cJSON_AddStringToObject(o, "doc_number_en", roman);
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
	/* Every status count as text: the stacked chart alone would tell the
	 * statuses apart by colour only. */
	cJSON *by_status = cJSON_AddArrayToObject(o, "counts");
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "n", (double)n[status_order[k]]);
		cJSON_AddItemToArray(by_status, x);
	}
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
	cJSON *st = cJSON_AddArrayToObject(o, "statuses");
	for (size_t k = 0; k < STATUS_COUNT; k++)
		cJSON_AddItemToArray(st, status_obj(c, status_order[k]));
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

/* How many tasks had been removed from tasks.csv by the end of `month`
 * ("2023-10"): history counts only the tasks still listed, the view keeps
 * the removed ones as withdrawn. */
static long gone_by(const ctx *c, const char *month)
{
	size_t n;
	const hist_commit *cm = hist_commits(c->v->h, &n);
	long k = 0;
	for (size_t i = 0; i < c->v->n_gone; i++) {
		buf d = BUF_INIT;
		histview_date(cm[c->v->gone_src[i].commit].time,
			      c->v->m->site.utc_offset_min, &d);
		k += strncmp(buf_cstr(&d), month, strlen(month)) <= 0;
		buf_free(&d);
	}
	return k;
}

/* Status counts at each month's end: the chart and the same numbers as a
 * table, rows [{month, counts [{n}]}] under statuses [{key, label,
 * symbol}]. NULL without history. */
static cJSON *home_over_time(ctx *c)
{
	size_t n = 0;
	const hist_month *months = c->v->h ? hist_status_by_month(c->v->h, &n)
					   : NULL;
	if (!n)
		return NULL;
	cJSON *o = cJSON_CreateObject(), *st = cJSON_AddArrayToObject(o, "statuses");
	cJSON *rows = cJSON_AddArrayToObject(o, "rows");
	for (size_t k = 0; k < STATUS_COUNT; k++)
		cJSON_AddItemToArray(st, status_obj(c, status_order[k]));
	chart_row *crows = xcalloc(n, sizeof *crows);
	char (*labels)[32] = xcalloc(n, sizeof *labels);
	long (*vals)[STATUS_COUNT] = xcalloc(n, sizeof *vals);
	for (size_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof *labels, "%04d-%02d", months[i].year,
			 months[i].month);
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "month", labels[i]);
		cJSON *cells = cJSON_AddArrayToObject(r, "counts");
		for (size_t k = 0; k < STATUS_COUNT; k++) {
			vals[i][k] = (long)months[i].counts[status_order[k]];
			if (status_order[k] == STATUS_WITHDRAWN)
				vals[i][k] += gone_by(c, labels[i]);
			cJSON *x = cJSON_CreateObject();
			cJSON_AddNumberToObject(x, "n", (double)vals[i][k]);
			cJSON_AddItemToArray(cells, x);
		}
		cJSON_AddItemToArray(rows, r);
		crows[i] = (chart_row){ labels[i], vals[i] };
	}
	chart_item series[STATUS_COUNT];
	buf svg = BUF_INIT;
	status_series(c, series, NULL);
	chart_stacked(&svg, "chart-history", str(c, "chart_history_title"),
		      series, STATUS_COUNT, crows, n);
	cJSON_AddStringToObject(o, "chart", buf_cstr(&svg));
	buf_free(&svg);
	free(crows);
	free(labels);
	free(vals);
	return o;
}

/* "../feed.xml" or a unit's "../units/<id>/feed.xml" (feed.h); only with
 * history, since the feeds are written with it. */
static void add_feed(ctx *c, cJSON *o, const char *key, const unit *u)
{
	if (!c->v->h)
		return;
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "%s%s/", buf_cstr(&c->root), c->lang);
	if (u)
		buf_printf(&c->tmp, "units/%s/", u->id);
	buf_puts(&c->tmp, "feed.xml");
	cJSON_AddStringToObject(o, key, buf_cstr(&c->tmp));
}

static const char *build_home(ctx *c, cJSON *o)
{
	const view *v = c->v;
	cJSON_AddItemToObject(o, "plan", plan_meta(c));
	cJSON_AddItemToObject(o, "totals", home_totals(c));
	cJSON_AddItemToObject(o, "parts", home_parts(c));
	cJSON *over_time = home_over_time(c);
	if (over_time)
		cJSON_AddItemToObject(o, "over_time", over_time);
	add_feed(c, o, "feed", NULL);
	cJSON *latest = cJSON_CreateArray();
	for (size_t i = 0; i < v->n_latest; i++)
		cJSON_AddItemToArray(latest, task_item(c, v->latest[i]->task));
	add_list(o, "latest", latest);
	cJSON_AddItemToObject(o, "sections", home_sections(c));
	cJSON *n = cJSON_AddObjectToObject(o, "counts");
	cJSON_AddNumberToObject(n, "tasks", (double)v->n_all);
	cJSON_AddNumberToObject(n, "withdrawn", (double)v->totals[STATUS_WITHDRAWN]);
	if (v->h)
		cJSON_AddNumberToObject(n, "revised", (double)hist_revised_count(v->h));
	cJSON_AddNumberToObject(n, "units", (double)v->m->n_units);
	cJSON_AddNumberToObject(n, "sections", (double)v->m->n_sections);
	cJSON_AddNumberToObject(n, "reports", (double)v->m->n_reports);
	cJSON_AddStringToObject(o, "data_as_of", data_as_of(c));
	return NULL;   /* the dashboard's title is the site's */
}

/* ---- a section: section {id, href, label, title, parent?, co_units,
 * co_note?, tasks, groups (each with tasks), plan [{id, href, html,
 * pending}], rows (status table), total} -------------------------------- */

/* The units of the section's 责任单位 cell, but `except` (a task's lead,
 * which its page names already; NULL for none). */
static cJSON *co_units(ctx *c, const section *s, const unit *except)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t k = 0; k < s->co_unit_ids.n; k++)
		if (s->co_units[k] != except)
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
	add_list(x, "co_units", co_units(c, s, NULL));
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

/* ---- a task: task (a task item plus part?, co_units (the other units of
 * its section's cell), co_note?, due, reported_by?, progress? {percent,
 * text, bar}, narrative? {html, pending}, metrics, edit_url?, history) -- */

/* x × 10^e, exact in decimal (1.17 × 10^8 is 117000000, where the binary
 * product would be 116999999.99999999). */
static double shift10(double x, int e)
{
	buf s = BUF_INIT;
	view_number(&s, x);
	buf_printf(&s, "e%d", e);
	double y = strtod(buf_cstr(&s), NULL);
	buf_free(&s);
	return y;
}

/* x with the theme's num_group between groups of three digits: "25,000". */
static void grouped_number(const ctx *c, buf *b, double x)
{
	buf s = BUF_INIT;
	view_number(&s, x);
	const char *d = buf_cstr(&s), *sep = str(c, "num_group");
	size_t sign = *d == '-', digits = strcspn(d + sign, ".");
	buf_put(b, d, sign);
	for (size_t k = 0; k < digits; k++) {
		if (k && (digits - k) % 3 == 0)
			buf_puts(b, sep);
		buf_putc(b, d[sign + k]);
	}
	buf_puts(b, d + sign + digits);
	buf_free(&s);
}

/* x as a reader of the page's language says it: grouped digits, and from
 * a million up the theme's num_million ("25 million") when it has one. */
static void spoken_number(const ctx *c, buf *b, double x)
{
	const char *million = str(c, "num_million");
	if (!*million || (x < 1e6 && x > -1e6)) {
		grouped_number(c, b, x);
		return;
	}
	buf n = BUF_INIT;
	grouped_number(c, &n, shift10(x, -6));
	const char *const kv[][2] = { { "n", buf_cstr(&n) } };
	expand(b, million, kv, 1);
	buf_free(&n);
}

/* Units that count tens of thousands or hundreds of millions, recognised
 * by the theme's prefix of the unit's name ("×10,000 tonnes"); a language
 * whose theme gives no prefix shows the number as printed ("2.5万吨"). */
static const struct { const char *key; int exp; } unit_scales[] = {
	{ "unit_x10k", 4 }, { "unit_x100m", 8 },
};

/* The unit's name as shown, with *x scaled to it: 2.5 "×10,000 tonnes"
 * becomes 25000 "tonnes". */
static const char *scaled_unit(const ctx *c, double *x, text2 unit_name)
{
	const char *u = plain(c, unit_name);
	for (size_t k = 0; k < sizeof unit_scales / sizeof *unit_scales; k++) {
		const char *p = str(c, unit_scales[k].key);
		if (*p && !strncmp(u, p, strlen(p))) {
			*x = shift10(*x, unit_scales[k].exp);
			return u + strlen(p);
		}
	}
	return u;
}

/* "25,000 tonnes", "98%", "2.5万吨": the unit follows the number, after
 * the language's separator (none before "%"). */
static void quantity(const ctx *c, buf *b, double x, text2 unit_name)
{
	const char *u = scaled_unit(c, &x, unit_name);
	spoken_number(c, b, x);
	if (*u && strcmp(u, "%"))
		buf_puts(b, str(c, "unit_sep"));
	buf_puts(b, u);
}

/* Each comparator's words and symbol, and the comparator that says the
 * same of the negated bounds: "<= -10" is a reduction of ">= 10". */
static const struct { const char *op, *key, *symbol, *mirror; } comparators[] = {
	{ ">=", "cmp_ge", "≥", "<=" }, { ">", "cmp_gt", ">", "<" },
	{ "=", "cmp_eq", "=", "=" }, { "<", "cmp_lt", "<", ">" },
	{ "<=", "cmp_le", "≤", ">=" }, { "between", "cmp_between", "↔", "between" },
};

static size_t comparator_index(const char *op)
{
	size_t k = 0;
	while (k < 5 && strcmp(op, comparators[k].op))
		k++;
	return k;
}

/* "at least 25,000 tonnes", "between 5 and 10%". */
static void bound_words(const ctx *c, buf *out, size_t k, double lo,
			double hi, text2 unit_name)
{
	buf n = BUF_INIT, min = BUF_INIT;
	quantity(c, &n, hi, unit_name);
	scaled_unit(c, &lo, unit_name);
	spoken_number(c, &min, lo);
	const char *const kv[][2] = { { "n", buf_cstr(&n) },
				      { "min", buf_cstr(&min) },
				      { "max", buf_cstr(&n) } };
	expand(out, str(c, comparators[k].key), kv, 3);
	buf_free(&n);
	buf_free(&min);
}

/* The theme's words for a change on the previous year with bounds lo..hi
 * and comparator *k, or NULL: "an increase of {n}", "an increase" (> 0);
 * below zero, "a reduction of {n}" with *k mirrored and the bounds negated
 * (<= -10 is a reduction of >= 10). NULL also when the theme has no such
 * words, and then the target is said as a level. */
static const char *change_words(const ctx *c, size_t *k, double *lo,
				double *hi)
{
	const char *w = NULL;
	if (*lo == 0 && *hi == 0 && (*k == 1 || *k == 3))
		w = str(c, *k == 1 ? "change_up_any" : "change_down_any");
	else if (*lo >= 0)
		w = str(c, "change_up");
	else if (*hi <= 0) {
		w = str(c, "change_down");
		if (*w) {
			*k = comparator_index(comparators[*k].mirror);
			double t = *lo;
			*lo = -*hi;
			*hi = -t;
		}
	}
	return w && *w ? w : NULL;
}

/* target: the target in words ("at least 25,000 tonnes"), a change on the
 * previous year said as one ("a reduction of at least 10%"); symbol: "≥". */
static void metric_target(const ctx *c, const metric *mt, cJSON *o)
{
	size_t k = comparator_index(mt->comparator);
	cJSON_AddStringToObject(o, "symbol", comparators[k].symbol);
	double lo = mt->target, hi = mt->has_max ? mt->target_max : mt->target;
	const char *change = strcmp(mt->baseline, "previous_year") ? NULL
		: change_words(c, &k, &lo, &hi);
	buf words = BUF_INIT, out = BUF_INIT;
	bound_words(c, &words, k, lo, hi, mt->unit);
	const char *const kv[][2] = { { "n", buf_cstr(&words) } };
	expand(&out, change ? change : "{n}", kv, 1);
	cJSON_AddStringToObject(o, "target", buf_cstr(&out));
	buf_free(&words);
	buf_free(&out);
}

/* The target as first published: the old value of the oldest change of
 * `field`, or NULL when it never changed. */
static const char *first_target(const hist *h, const char *metric_id,
				const char *field)
{
	size_t n, nc;
	const size_t *ix = hist_record_changes(h, "metrics", metric_id, &n);
	const hist_change *ch = hist_changes(h, &nc);
	const char *first = NULL;
	for (size_t i = 0; i < n; i++)   /* newest first: keep the last */
		if (ch[ix[i]].kind == HIST_CHANGED && !strcmp(ch[ix[i]].field, field))
			first = ch[ix[i]].old_value;
	return first;
}

/* revised {was}: "originally 1900 mu", for a target changed after it was
 * first published (hist_metric_revised). */
static void metric_revised(const ctx *c, const metric *mt, cJSON *o)
{
	const hist *h = c->v->h;
	if (!h || !hist_metric_revised(h, mt->id))
		return;
	const char *first = first_target(h, mt->id, "target");
	if (!first)
		first = first_target(h, mt->id, "target_max");
	buf n = BUF_INIT, was = BUF_INIT;
	if (first && *first)
		quantity(c, &n, strtod(first, NULL), mt->unit);
	const char *const kv[][2] = { { "n", buf_cstr(&n) } };
	if (n.len)
		expand(&was, str(c, "target_originally"), kv, 1);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "revised"), "was",
				buf_cstr(&was));
	buf_free(&n);
	buf_free(&was);
}

/* A reported value; a change on the previous year said as one, like its
 * target: "a reduction of 4.36%". */
static void actual_value(const ctx *c, buf *b, const metric *mt, double x)
{
	const char *w = str(c, x < 0 ? "change_down" : "change_up");
	if (strcmp(mt->baseline, "previous_year") || x == 0 || !*w) {
		quantity(c, b, x, mt->unit);
		return;
	}
	buf n = BUF_INIT;
	quantity(c, &n, x < 0 ? -x : x, mt->unit);
	const char *const kv[][2] = { { "n", buf_cstr(&n) } };
	expand(b, w, kv, 1);
	buf_free(&n);
}

static cJSON *metric_obj(const ctx *c, const metric *mt, const progress *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", mt->id);
	add_text(c, o, "name", mt->name);
	metric_target(c, mt, o);
	metric_revised(c, mt, o);
	cJSON_AddStringToObject(o, "baseline", str(c, strcmp(mt->baseline,
		"previous_year") ? "baseline_level" : "baseline_previous_year"));
	buf b = BUF_INIT;
	for (size_t k = 0; p && k < p->n_actuals && !b.len; k++)
		if (p->actuals[k].metric == mt)
			actual_value(c, &b, mt, p->actuals[k].value);
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

/* The earlier versions of the report's text, rendered: each becomes
 * narrative_version {html}, with heading ids unique on the page. */
static void render_narratives(cJSON *timeline)
{
	cJSON *e, *ch;
	int k = 0;
	cJSON_ArrayForEach(e, timeline) {
		k++;
		cJSON_ArrayForEach(ch, cJSON_GetObjectItem(e, "changes")) {
			cJSON *src = cJSON_GetObjectItem(ch, "narrative_md");
			if (!cJSON_IsString(src))
				continue;
			char prefix[32];
			snprintf(prefix, sizeof prefix, "history-%d", k);
			md_opts mo = { prefix, 4 };
			buf html = BUF_INIT;
			md_render(src->valuestring, strlen(src->valuestring), &mo, &html);
			cJSON *n = cJSON_CreateObject();
			cJSON_AddStringToObject(n, "html", buf_cstr(&html));
			cJSON_DeleteItemFromObject(ch, "narrative_md");
			cJSON_AddItemToObject(ch, "narrative_version", n);
			buf_free(&html);
		}
	}
}

/* The task's timeline from git (histview.h), newest first. */
static cJSON *task_history(const ctx *c, const task *t)
{
	if (!c->v->h)
		return cJSON_CreateArray();
	cJSON *a = histview_timeline_json(c->v->h, c->v->m, t->id, c->lang);
	render_narratives(a);
	return a;
}

/* Home, the part and the section; a withdrawn task whose section is gone
 * too is found under all tasks. */
static cJSON *task_crumbs(ctx *c, const section *s)
{
	if (s)
		return crumbs_to(c, s, true);
	cJSON *a = cJSON_CreateArray();
	add_crumb(a, href(c, VIEW_HOME, NULL), str(c, "nav_home"));
	add_crumb(a, href(c, VIEW_TASKS, NULL), str(c, "nav_tasks"));
	return a;
}

static void task_section(ctx *c, const task *t, const section *s, cJSON *x)
{
	if (s && s->parent)
		cJSON_AddItemToObject(x, "part", section_link(c, s->parent));
	add_list(x, "co_units", s ? co_units(c, s, t->lead) : cJSON_CreateArray());
	if (s && (*s->co_note.zh || *s->co_note.en))
		add_text(c, x, "co_note", s->co_note);
}

static const char *build_task(ctx *c, cJSON *o)
{
	const task *t = c->pg->item;
	const section *s = t->section;
	cJSON *x = task_item(c, t);
	cJSON_AddItemToObject(o, "task", x);
	task_section(c, t, s, x);
	cJSON_AddStringToObject(x, "due", t->due);
	cJSON *metrics = cJSON_CreateArray();
	for (size_t k = 0; k < t->n_metrics; k++)
		cJSON_AddItemToArray(metrics, metric_obj(c, t->metrics[k],
							 t->progress));
	add_list(x, "metrics", metrics);
	task_report(c, t, x);
	if (!is_gone(c->v, t))   /* a withdrawn task has no file to edit */
		task_edit_url(c, t, x);
	add_list(x, "history", task_history(c, t));
	add_list(o, "breadcrumbs", task_crumbs(c, s));
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
	add_feed(c, x, "feed", u);
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
 * [{id, name}] (for the filter form), count, annex_note? {html, pending}
 * (plan/annex-note, the list's closing note) --------------------------- */

static const char *build_tasks(ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = cJSON_AddArrayToObject(o, "tasks");
	for (size_t i = 0; i < c->v->n_all; i++)
		cJSON_AddItemToArray(a, task_item(c, task_at(c->v, i)));
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
	cJSON_AddNumberToObject(o, "count", (double)c->v->n_all);
	const plan_doc *note = model_plan_doc(m, "annex-note");
	if (note)
		cJSON_AddItemToObject(o, "annex_note",
				      markdown(c, note->markdown, "annex-note", 2));
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
	cJSON_free(json);
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

/* The reporting-period snapshots (snapshot.h): [{tag, date, time, files
 * [{href, name}]}], oldest first. */
static cJSON *snapshots(ctx *c)
{
	const snapshot_list *l = c->v->o.snapshots;
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; l && i < l->n; i++) {
		const snapshot_info *si = &l->v[i];
		cJSON *o = cJSON_CreateObject(), *files = cJSON_CreateArray();
		buf b = BUF_INIT;
		cJSON_AddStringToObject(o, "tag", si->tag->tag);
		histview_date(si->tag->time, c->v->m->site.utc_offset_min, &b);
		cJSON_AddStringToObject(o, "date", buf_cstr(&b));
		buf_clear(&b);
		buf_printf(&b, "data/snapshots/%s/", si->tag->tag);
		size_t skip = b.len;
		for (size_t k = 0; k < si->n; k++) {
			cJSON *f = cJSON_CreateObject();
			buf_clear(&c->tmp);
			buf_printf(&c->tmp, "%s%s", buf_cstr(&c->root), si->files[k]);
			cJSON_AddStringToObject(f, "href", buf_cstr(&c->tmp));
			cJSON_AddStringToObject(f, "name", si->files[k] +
				(strlen(si->files[k]) > skip ? skip : 0));
			cJSON_AddItemToArray(files, f);
		}
		add_list(o, "files", files);
		cJSON_AddItemToArray(a, o);
		buf_free(&b);
	}
	return a;
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
	add_list(o, "snapshots", snapshots(c));
	if (x && x->jsonld)
		add_jsonld(o, x->jsonld);
	cJSON_AddStringToObject(o, "data_as_of", data_as_of(c));
	cJSON_AddItemToObject(o, "license", license(c));
	return str(c, "nav_data");
}

/* ---- changes: days [{date, entries [{title, href?, date, time, author,
 * summary, commit_short, commit_url, changes [{text}]}]}], feed? -------- */

/* The page an entry is about, where it has one. */
static const char *entry_href(ctx *c, const cJSON *e)
{
	const char *tk = cJSON_GetObjectItem(e, "task")->valuestring;
	const char *tbl = cJSON_GetObjectItem(e, "table")->valuestring;
	const char *rec = cJSON_GetObjectItem(e, "record")->valuestring;
	const model *m = c->v->m;
	if (*tk) {
		for (size_t k = 0; k < c->v->n_gone; k++)
			if (!strcmp(c->v->gone[k].id, tk))
				return href(c, VIEW_TASK, tk);
		return model_task(m, tk) ? href(c, VIEW_TASK, tk) : NULL;
	}
	if (!strcmp(tbl, "units"))
		return model_unit(m, rec) ? href(c, VIEW_UNIT, rec) : NULL;
	if (!strcmp(tbl, "sections"))
		return model_section(m, rec) ? href(c, VIEW_SECTION, rec) : NULL;
	if (!strcmp(rec, "glossary.csv"))
		return href(c, VIEW_GLOSSARY, NULL);
	if (!strncmp(rec, "plan/", 5))
		return href(c, VIEW_PLAN, NULL);
	return NULL;
}

static const char *build_changes(ctx *c, cJSON *o)
{
	cJSON *days = c->v->h ? histview_changes_json(c->v->h, c->v->m, c->lang)
			      : cJSON_CreateArray();
	cJSON *day, *e;
	cJSON_ArrayForEach(day, days)
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(day, "entries")) {
			const char *link = entry_href(c, e);
			if (link)
				cJSON_AddStringToObject(e, "href", link);
		}
	add_list(o, "days", days);
	add_feed(c, o, "feed", NULL);
	return str(c, "nav_changes");
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
	[VIEW_CHANGES] = build_changes,
	[VIEW_ABOUT] = build_about, [VIEW_SECTION] = build_section,
	[VIEW_TASK] = build_task, [VIEW_UNIT] = build_unit,
	[VIEW_ROOT] = build_root, [VIEW_NOT_FOUND] = build_not_found,
};

static const struct { view_kind kind; const char *key; } nav_items[] = {
	{ VIEW_HOME, "nav_home" }, { VIEW_TASKS, "nav_tasks" },
	{ VIEW_UNITS, "nav_units" }, { VIEW_PLAN, "nav_plan" },
	{ VIEW_DATA, "nav_data" }, { VIEW_CHANGES, "nav_changes" },
	{ VIEW_GLOSSARY, "nav_glossary" },
	{ VIEW_ABOUT, "nav_about" },
};

/* nav: [{href, label, current}], and links: {home, tasks, units, ...},
 * the same targets by name. */
static void add_nav(ctx *c, cJSON *root)
{
	cJSON *a = cJSON_AddArrayToObject(root, "nav");
	cJSON *links = cJSON_AddObjectToObject(root, "links");
	for (size_t k = 0; k < sizeof nav_items / sizeof *nav_items; k++) {
		const char *to = href(c, nav_items[k].kind, NULL);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "href", to);
		cJSON_AddStringToObject(links, nav_items[k].key + 4, to);
		cJSON_AddStringToObject(o, "label", str(c, nav_items[k].key));
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

/* Notices on every page: what the history shown cannot be trusted for. */
static cJSON *notices(ctx *c)
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
		const char *const kv[][2] = { { "commit", id } };
		buf_clear(&c->tmp);
		expand(&c->tmp, str(c, "notice_truncated"), kv, 1);
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "text", buf_cstr(&c->tmp));
		cJSON_AddItemToArray(a, x);
	}
	/* Objects that could not be read (hist.h warned with their ids):
	 * said once, beside a break in the chain or instead of it. */
	const char *const plain[] = { info.incomplete && !info.truncated ?
				      "notice_incomplete" : NULL,
				      info.dirty ? "notice_dirty" : NULL };
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		if (!plain[i])
			continue;
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "text", str(c, plain[i]));
		cJSON_AddItemToArray(a, x);
	}
	return a;
}

static const hist_commit *files_updated(const hist *h,
					const char *const *paths)
{
	const hist_commit *c = NULL;
	for (; *paths; paths++)
		c = newer(c, hist_file_updated(h, *paths));
	return c;
}

static const hist_commit *plan_updated(const view *v)
{
	const hist_commit *c = NULL;
	for (size_t i = 0; i < v->m->n_plan; i++) {
		buf zh = BUF_INIT, en = BUF_INIT;
		buf_printf(&zh, "plan/%s.zh.md", v->m->plan[i].id);
		buf_printf(&en, "plan/%s.en.md", v->m->plan[i].id);
		const char *const paths[] = { zh.ptr, en.ptr, NULL };
		c = newer(c, files_updated(v->h, paths));
		buf_free(&zh);
		buf_free(&en);
	}
	return c;
}

/* The newest commit that changed what the page shows: its own sources,
 * or any content (the dashboard and site-wide lists). */
static const hist_commit *page_updated(const ctx *c)
{
	static const char *const glossary[] = { "glossary.csv", NULL };
	static const char *const about[] = { "NOTES.md", "NOTES.zh.md",
					     "site.yaml", NULL };
	const view *v = c->v;
	const void *item = c->pg->item;
	size_t n;
	const hist_commit *all = hist_commits(v->h, &n);
	switch (c->pg->kind) {
	case VIEW_TASK: return v->task_updated[((const task *)item)->index];
	case VIEW_SECTION:
		return v->section_updated[((const section *)item)->index];
	case VIEW_UNIT: return v->unit_updated[((const unit *)item)->index];
	case VIEW_PLAN: return plan_updated(v);
	case VIEW_GLOSSARY: return files_updated(v->h, glossary);
	case VIEW_ABOUT: return files_updated(v->h, about);
	case VIEW_ROOT: case VIEW_NOT_FOUND: return NULL;
	default: return n ? &all[n - 1] : NULL;
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
	add_list(o, "notices", notices(c));
	const hist_commit *updated = c->v->h ? page_updated(c) : NULL;
	if (updated)
		cJSON_AddItemToObject(o, "updated", commit_obj(c, updated));
	/* Without git there is nothing to count: say nothing rather than 0. */
	cJSON_AddBoolToObject(o, "has_history",
			      c->v->h && hist_get_info(c->v->h).git);
	add_nav(c, o);
}

bool view_needs_data(const view_page *pg)
{
	return pg->kind == VIEW_HOME || pg->kind == VIEW_DATA;
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
