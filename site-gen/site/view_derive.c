/* view_derive.c - indexes and derived data the pages share (view_int.h). */
#include "view_int.h"
#include "histview.h"

#include <stdlib.h>
#include <string.h>

/* How many reports the dashboard lists under "latest updates". */
#define VIEW_LATEST 10

void view_idx_push(view_idx *l, size_t i)
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

const task *view_derive_task(const view *v, size_t i)
{
	return i < v->m->n_tasks ? &v->m->tasks[i] : &v->gone[i - v->m->n_tasks];
}

const task *view_derive_task_named(const view *v, const char *id)
{
	for (size_t k = 0; k < v->n_gone; k++)
		if (!strcmp(v->gone[k].id, id))
			return &v->gone[k];
	return model_task(v->m, id);
}

bool view_derive_is_gone(const view *v, const task *t)
{
	return t->index >= v->m->n_tasks;
}

task_status view_derive_status(const view *v, const task *t)
{
	if (view_derive_is_gone(v, t))
		return STATUS_WITHDRAWN;
	return t->progress ? t->progress->status : STATUS_NONE;
}

const hist_commit *view_derive_withdrawn(const view *v, const task *t)
{
	size_t n;
	const hist_removed *r = &v->gone_src[t->index - v->m->n_tasks];
	return &hist_commits(v->h, &n)[r->commit];
}

/* A withdrawn task's section or lead unit may be gone too (NULL): it is
 * then listed only where it still belongs. */
static void index_sections(view *v)
{
	const model *m = v->m;
	for (size_t i = 0; i < m->n_sections; i++)
		if (m->sections[i].parent)
			view_idx_push(&v->section_groups[m->sections[i].parent->index], i);
	for (size_t i = 0; i < v->n_all; i++) {
		const task *t = view_derive_task(v, i);
		task_status st = view_derive_status(v, t);
		v->totals[st]++;
		if (t->lead) {
			view_idx_push(&v->unit_lead[t->lead->index], i);
			v->lead_counts[t->lead->index][st]++;
		}
		if (t->section)
			view_idx_push(&v->section_tasks[t->section->index], i);
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
				const task *t = view_derive_task(v, v->section_tasks[s].v[j]);
				if (t->lead && t->lead->index == u)
					continue;
				view_idx_push(&v->unit_co[u], t->index);
				v->co_counts[u][view_derive_status(v, t)]++;
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
	size_t nl = m->site.languages.n;
	v->gone_texts = xcalloc(v->n_gone * nl + 1, sizeof *v->gone_texts);
	for (size_t k = 0; k < v->n_gone; k++) {
		task *t = &v->gone[k];
		t->id = r[k].id;
		t->section_id = removed_col(&r[k], "section");
		t->lead_id = removed_col(&r[k], "lead");
		t->start = removed_col(&r[k], "start");
		t->due = removed_col(&r[k], "due");
		t->text = (ltext){ v->gone_texts + k * nl };
		for (size_t l = 0; l < m->site.n_written; l++) {
			buf col = BUF_INIT;
			buf_printf(&col, "text_%s", m->site.languages.v[l]);
			t->text.v[l] = removed_col(&r[k], buf_cstr(&col));
			buf_free(&col);
		}
		for (size_t l = m->site.n_written; l < nl; l++)
			t->text.v[l] = model_convert(m, l, t->text.v[
				m->site.derived_from[l]]);
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

/* The newest of the commits of the tasks listed in `l`, and `c`. */
static const hist_commit *tasks_updated(const view *v, const view_idx *l,
					const hist_commit *c)
{
	for (size_t k = 0; k < l->n; k++)
		c = newer(c, v->task_updated[l->v[k]]);
	return c;
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
		const task *t = view_derive_task(v, i);
		const hist_commit *c = v->task_updated[i] = task_sources(v, t);
		for (const section *s = t->section; s; s = s->parent)
			v->section_updated[s->index] = newer(v->section_updated[s->index], c);
	}
	for (size_t u = 0; u < m->n_units; u++)
		v->unit_updated[u] = tasks_updated(v, &v->unit_co[u],
			tasks_updated(v, &v->unit_lead[u], v->unit_updated[u]));
}

static void rate_tasks(view *v)
{
	v->pace = xcalloc(v->n_all ? v->n_all : 1, sizeof *v->pace);
	for (size_t i = 0; i < v->n_all; i++) {
		const task *t = view_derive_task(v, i);
		v->pace[i] = pace_rate(&v->m->site, t, v->o.ref_day);
		if (view_derive_is_gone(v, t))
			v->pace[i].light = PACE_WITHDRAWN;
	}
}

void view_derive_new(view *v)
{
	const model *m = v->m;
	v->section_tasks = xcalloc(m->n_sections, sizeof *v->section_tasks);
	v->section_groups = xcalloc(m->n_sections, sizeof *v->section_groups);
	v->section_counts = xcalloc(m->n_sections, sizeof *v->section_counts);
	v->label_en = xcalloc(m->n_sections, sizeof *v->label_en);
	v->unit_lead = xcalloc(m->n_units, sizeof *v->unit_lead);
	v->unit_co = xcalloc(m->n_units, sizeof *v->unit_co);
	v->lead_counts = xcalloc(m->n_units, sizeof *v->lead_counts);
	v->co_counts = xcalloc(m->n_units, sizeof *v->co_counts);
	index_gone(v);
	index_sections(v);
	index_co_units(v);
	index_updated(v);
	index_latest(v);
	label_sections(v);
	rate_tasks(v);
}

void view_derive_free(view *v)
{
	for (size_t i = 0; i < v->m->n_sections; i++) {
		free(v->section_tasks[i].v);
		free(v->section_groups[i].v);
		free(v->label_en[i]);
	}
	for (size_t i = 0; i < v->m->n_units; i++) {
		free(v->unit_lead[i].v);
		free(v->unit_co[i].v);
	}
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
	free(v->gone_texts);
	free(v->pace);
	free(v->task_updated);
	free(v->section_updated);
	free(v->unit_updated);
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
	const strlist *ls = &v->m->site.languages;
	char **paths = xcalloc(ls->n + 1, sizeof *paths);
	for (size_t i = 0; i < v->m->n_plan; i++) {
		for (size_t l = 0; l < ls->n; l++) {
			buf b = BUF_INIT;
			buf_printf(&b, "plan/%s.%s.md", v->m->plan[i].id, ls->v[l]);
			paths[l] = buf_detach(&b);
		}
		c = newer(c, files_updated(v->h, (const char *const *)paths));
		for (size_t l = 0; l < ls->n; l++)
			free(paths[l]);
	}
	free(paths);
	return c;
}

static const hist_commit *about_updated(const view *v)
{
	const hist_commit *c = hist_file_updated(v->h, "site.yaml");
	for (size_t l = 0; l < v->m->site.languages.n; l++) {
		buf b = BUF_INIT;
		model_notes_path(v->m, l, &b);
		c = newer(c, hist_file_updated(v->h, buf_cstr(&b)));
		buf_free(&b);
	}
	return c;
}

/* A page's sources are its own (a task, section, unit, the plan, ...), or
 * any content for the dashboard and the site-wide lists. */
const hist_commit *view_derive_updated(const view *v, const view_page *pg)
{
	static const char *const glossary[] = { "glossary.csv", NULL };
	if (!v->h)
		return NULL;
	size_t n;
	const hist_commit *all = hist_commits(v->h, &n);
	switch (pg->kind) {
	case VIEW_TASK: return v->task_updated[((const task *)pg->item)->index];
	case VIEW_SECTION:
		return v->section_updated[((const section *)pg->item)->index];
	case VIEW_UNIT: return v->unit_updated[((const unit *)pg->item)->index];
	case VIEW_PLAN: return plan_updated(v);
	case VIEW_GLOSSARY: return files_updated(v->h, glossary);
	case VIEW_ABOUT: return about_updated(v);
	case VIEW_ROOT: case VIEW_NOT_FOUND: return NULL;
	default: return n ? &all[n - 1] : NULL;
	}
}

/* History counts only the tasks still listed; the view keeps the removed
 * ones as withdrawn, so the dashboard's chart over time adds them. */
long view_derive_gone_by(const view *v, const char *month)
{
	long k = 0;
	for (size_t i = 0; i < v->n_gone; i++) {
		buf d = BUF_INIT;
		histview_date(view_derive_withdrawn(v, &v->gone[i])->time,
			      v->m->site.utc_offset_min, &d);
		k += strncmp(buf_cstr(&d), month, strlen(month)) <= 0;
		buf_free(&d);
	}
	return k;
}

const char *view_derive_first_target(const hist *h, const char *metric_id)
{
	const char *first = hist_field_before(h, "metrics", metric_id, "target",
					      0);
	return first ? first : hist_field_before(h, "metrics", metric_id,
						 "target_max", 0);
}

ltext view_derive_first_unit(const view *v, const metric *mt, arena *a)
{
	size_t nl = v->m->site.languages.n;
	ltext u = { arena_alloc(a, nl * sizeof *u.v) };
	for (size_t l = 0; l < nl; l++)
		u.v[l] = histview_unit_before(v->h, v->m, mt, l, 0);
	return u;
}

const char *view_derive_data_as_of(const view *v)
{
	const export_manifest *x = v->o.data;
	if (x && *x->data_as_of)
		return x->data_as_of;
	return v->n_latest ? v->latest[0]->as_of : "";
}

long view_derive_total(const long *n)
{
	long s = 0;
	for (size_t k = 0; k < STATUS_COUNT; k++)
		s += n[k];
	return s;
}
