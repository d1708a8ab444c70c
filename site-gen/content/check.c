#include "check.h"
#include "arena.h"
#include "load.h"
#include "pace.h"
#include "text.h"

#include <string.h>

static void unknown(const model *m, unsigned table, diag *d, const loc *at,
		    const char *what, const char *id)
{
	if (!(m->incomplete & table))
		diag_error(d, at->file, at->line, at->col, "unknown %s '%s'", what,
			   id);
}

static void check_sections(model *m, diag *d)
{
	for (size_t i = 0; i < m->n_sections; i++) {
		section *s = &m->sections[i];
		if (*s->parent_id) {
			s->parent = model_section(m, s->parent_id);
			if (!s->parent)
				unknown(m, MODEL_SECTIONS, d, &s->parent_loc, "parent section", s->parent_id);
			else if (s->parent->parent || *s->parent->parent_id)
				diag_error(d, s->parent_loc.file, s->parent_loc.line,
					   s->parent_loc.col, "parent '%s' is itself a group; groups "
					   "belong to parts", s->parent_id);
		}
		s->co_units = arena_alloc(m->arena, (s->co_unit_ids.n + 1) *
						    sizeof *s->co_units);
		for (size_t k = 0; k < s->co_unit_ids.n; k++)
			if (!(s->co_units[k] = model_unit(m, s->co_unit_ids.v[k])))
				unknown(m, MODEL_UNITS, d, &s->co_unit_ids.locs[k], "unit",
					s->co_unit_ids.v[k]);
		for (size_t k = 0; k < s->plan_ids.n; k++)
			if (!model_plan_doc(m, s->plan_ids.v[k]))
				unknown(m, MODEL_PLAN, d, &s->plan_ids.locs[k], "plan text",
					s->plan_ids.v[k]);
	}
}

/* A task's own start must not come after its due date (its own, else the
 * end of the plan's period): its schedule would run backwards. */
static void check_start(const model *m, const task *t, diag *d)
{
	if (!t->start || !*t->start)
		return;
	pace_rating r = pace_rate(&m->site, t, 0);
	if (r.start >= 0 && r.due >= 0 && r.start > r.due)
		diag_error(d, t->start_loc.file, t->start_loc.line,
			   t->start_loc.col, "start '%s' is after the task's "
			   "due date", t->start);
}

static void check_tasks(model *m, diag *d)
{
	for (size_t i = 0; i < m->n_tasks; i++) {
		task *t = &m->tasks[i];
		if (*t->section_id && !(t->section = model_section(m, t->section_id)))
			unknown(m, MODEL_SECTIONS, d, &t->section_loc, "section", t->section_id);
		else if (t->section && !*t->section->parent_id)
			diag_error(d, t->section_loc.file, t->section_loc.line,
				   t->section_loc.col, "section '%s' is a part; a "
				   "task belongs to one of its groups",
				   t->section_id);
		if (*t->lead_id && !(t->lead = model_unit(m, t->lead_id)))
			unknown(m, MODEL_UNITS, d, &t->lead_loc, "lead unit", t->lead_id);
		check_start(m, t, d);
	}
}

/* Attach metrics to their tasks: count first, then fill, so each task's
 * array is allocated once. */
static void check_metrics(model *m, diag *d)
{
	for (size_t i = 0; i < m->n_metrics; i++) {
		metric *mt = &m->metrics[i];
		if ((mt->task = model_task(m, mt->task_id)))
			mt->task->n_metrics++;
		else if (*mt->task_id)
			unknown(m, MODEL_TASKS, d, &mt->task_loc, "task", mt->task_id);
	}
	for (size_t i = 0; i < m->n_tasks; i++) {
		task *t = &m->tasks[i];
		t->metrics = arena_alloc(m->arena, t->n_metrics * sizeof *t->metrics);
		t->n_metrics = 0;
	}
	for (size_t i = 0; i < m->n_metrics; i++) {
		metric *mt = &m->metrics[i];
		if (mt->task)
			mt->task->metrics[mt->task->n_metrics++] = mt;
	}
}

static void check_actuals(model *m, progress *p, diag *d)
{
	for (size_t k = 0; k < p->n_actuals; k++) {
		actual *a = &p->actuals[k];
		a->metric = model_metric(m, a->metric_id);
		if (!a->metric)
			unknown(m, MODEL_METRICS, d, &a->loc, "metric", a->metric_id);
		else if (p->task && a->metric->task != p->task)
			diag_error(d, a->loc.file, a->loc.line, a->loc.col,
				   "metric '%s' belongs to task '%s', not '%s'",
				   a->metric_id, a->metric->task_id, p->task_id);
	}
}

static void check_reports(model *m, diag *d)
{
	for (size_t i = 0; i < m->n_reports; i++) {
		progress *p = &m->reports[i];
		p->task = model_task(m, p->task_id);
		if (!p->task && !(m->incomplete & MODEL_TASKS)) {
			diag_error(d, p->loc.file, 1, 1,
				   "progress file for unknown task '%s'", p->task_id);
		} else if (p->task) {
			p->task->progress = p;
			p->reported_by = p->task->lead;
		}
		if (!p->paths[0])
			diag_error(d, p->loc.file, 1, 1, "report translation "
				   "without the file %s.%s.md that holds status "
				   "and as_of", p->task_id, m->site.languages.v[0]);
		if (*p->reported_by_id &&
		    !(p->reported_by = model_unit(m, p->reported_by_id)))
			unknown(m, MODEL_UNITS, d, &p->reported_by_loc, "unit in 'reported_by'", p->reported_by_id);
		check_actuals(m, p, d);
	}
}

size_t check_model(model *m, diag *d)
{
	size_t before = diag_errors(d);
	check_sections(m, d);
	check_tasks(m, d);
	check_metrics(m, d);
	check_reports(m, d);
	return diag_errors(d) - before;
}

model *check_loaded(model *m, diag *d)
{
	check_model(m, d);
	diag_sort(d);
	if (diag_errors(d)) {
		model_free(m);
		return NULL;
	}
	return m;
}

model *check_load(const char *content_dir, diag *d)
{
	return check_loaded(load_content(content_dir, d), d);
}

size_t check_report_dates(const model *m, const char *newest, diag *d)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_reports; i++) {
		const progress *p = &m->reports[i];
		if (strcmp(p->as_of, newest) <= 0)
			continue;
		diag_warn(d, p->as_of_loc.file, p->as_of_loc.line,
			  p->as_of_loc.col, "as_of %s is later than the content's "
			  "last commit (%s): a report cannot be dated in the "
			  "future", p->as_of, newest);
		n++;
	}
	return n;
}

size_t check_stale_reports(const model *m, long ref_day, diag *d)
{
	size_t n = 0;
	buf ref = BUF_INIT;
	text_format_date(ref_day, &ref);
	for (size_t i = 0; i < m->n_tasks; i++) {
		const task *t = &m->tasks[i];
		pace_rating r = pace_rate(&m->site, t, ref_day);
		if (!r.stale)
			continue;
		const loc *at = &t->progress->as_of_loc;
		diag_warn(d, at->file, at->line, at->col, "the report on '%s' "
			  "(as_of %s) is %ld days old on %s, the date of the "
			  "data: stale after %ld days (site.yaml "
			  "schedule.stale_after_days)", t->id, t->progress->as_of,
			  r.report_age, buf_cstr(&ref), m->site.stale_after_days);
		n++;
	}
	buf_free(&ref);
	return n;
}
