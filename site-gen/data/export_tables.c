/* export_tables.c - see export_int.h: what each exported table holds and
 * how its rows are filled from the model.
 *
 * One declarative description of each table (columns, types, keys,
 * meaning) drives every format: CSV, JSON, the Data Package schema and the
 * CSVW metadata, so they cannot disagree. Each table's rows are collected
 * once as text cells (an export_grid), then written in each format.
 */
#include "export_int.h"

#include "arena.h"
#include "pace.h"
#include "route.h"
#include "schema.h"
#include "text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const key_id[] = { "id", NULL };
static const char *const key_task[] = { "task", NULL };
static const char *const key_metric[] = { "metric", NULL };
static const char *const key_evidence[] = { "task", "position", NULL };
static const char *const evidence_kinds[] = { "url", "file", NULL };

/* ---- Columns of the content's tables (schema.h) ------------------------------ */

/* The tasks' own columns after their schema's: the reported status, then
 * the schedule at the reference date (pace.h). */
static const export_column task_cols[] = {
	{ "status", EXPORT_STRING, EXPORT_REQUIRED | EXPORT_STATUS_ANY, NULL,
	  NULL, "Status in the latest progress report; not_reported when there "
	  "is none.", "最新进展报告中的状态;尚无报告为 not_reported。", NULL,
	  NULL },
	{ "schedule_start", EXPORT_DATE, 0, NULL, NULL,
	  "Start of the task's schedule: its start date, else the plan's issue "
	  "date.", "任务进度计算的起始日期:开始日期,未载明的为方案印发日期。",
	  NULL, NULL },
	{ "schedule_due", EXPORT_DATE, 0, NULL, NULL,
	  "End of the task's schedule: its due date, else the last day of the "
	  "plan's period.", "任务进度计算的截止日期:完成时限,未载明的为方案"
	  "实施期的最后一天。", NULL, NULL },
	{ "expected_progress", EXPORT_INTEGER, 0, NULL, NULL,
	  "Progress expected by the reference date, 0 to 100: the share of the "
	  "schedule elapsed.", "截至参考日期的序时进度(0–100):进度期已过的"
	  "比例。", NULL, NULL },
	{ "gap", EXPORT_INTEGER, 0, NULL, NULL,
	  "Expected minus reported progress, in points; empty without a "
	  "reported percentage.", "序时进度减去报告的完成进度(百分点);未报告"
	  "进度的为空。", NULL, NULL },
	{ "schedule_light", EXPORT_STRING, EXPORT_REQUIRED, NULL,
	  pace_light_names,
	  "The schedule light: done, withdrawn, unreported, overdue, or green, "
	  "yellow, red by the gap (site.yaml's schedule thresholds).",
	  "进度信号灯:done(已完成)、withdrawn(已撤销)、unreported(未报告)、"
	  "overdue(已逾期),或按差距为 green、yellow、red(阈值见 site.yaml 的 "
	  "schedule)。", NULL, NULL },
	{ "report_age_days", EXPORT_INTEGER, 0, NULL, NULL,
	  "Days from the latest report to the reference date; empty without a "
	  "report.", "最新进展报告距参考日期的天数;尚无报告的为空。", NULL,
	  NULL },
};

static export_col_type export_type(schema_type t)
{
	switch (t) {
	case SCHEMA_IDLIST: case SCHEMA_LIST: return EXPORT_LIST;
	case SCHEMA_NUMBER: return EXPORT_NUMBER;
	case SCHEMA_DATE: return EXPORT_DATE;
	default: return EXPORT_STRING;
	}
}

/* The export's description of schema column `sc`. */
static export_column from_schema(const schema_column *sc)
{
	unsigned f = sc->flags;
	return (export_column){
		sc->name, export_type(sc->type),
		(f & SCHEMA_KEY ? EXPORT_REQUIRED | EXPORT_UNIQUE : 0) |
		(f & SCHEMA_REQUIRED ? EXPORT_REQUIRED : 0) |
		(f & SCHEMA_PER_LANG ? EXPORT_PER_LANG : 0),
		export_type(sc->type) == EXPORT_LIST ? NULL : sc->ref,
		sc->values, sc->meaning.en, sc->meaning.zh,
		sc->translation.en, sc->translation.zh };
}

/* Language l's column of the per-language column `base`: <name>_<tag>,
 * required in the source language only; its meaning is the source
 * text's, the English translation's, or for another language said from
 * the source column's name. */
static export_column lang_column(struct arena *a, const export_column *base,
				 const strlist *langs, size_t l)
{
	export_column col = *base;
	col.flags &= ~(unsigned)EXPORT_PER_LANG;
	col.name = export_fmt(a, "%s_%s", base->name, langs->v[l]);
	col.en_tr = col.zh_tr = NULL;
	if (l == 0)
		return col;
	col.flags &= ~(unsigned)EXPORT_REQUIRED;
	if (!strcmp(langs->v[l], "en")) {
		col.en = base->en_tr;
		col.zh = base->zh_tr;
	} else {
		col.en = export_fmt(a, "%s_%s in the language %s, where "
				    "translated.", base->name, langs->v[0],
				    langs->v[l]);
		col.zh = export_fmt(a, "%s_%s 的 %s 文本(如有翻译)。",
				    base->name, langs->v[0], langs->v[l]);
	}
	return col;
}

/* Append the n columns `base` to `out` (room for enough), one per
 * language of a per-language one; returns the new count. */
static size_t add_columns(struct arena *a, const strlist *langs,
			  const export_column *base, size_t n,
			  export_column *out, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (!(base[i].flags & EXPORT_PER_LANG)) {
			out[k++] = base[i];
			continue;
		}
		for (size_t l = 0; l < langs->n; l++)
			out[k++] = lang_column(a, &base[i], langs, l);
	}
	return k;
}

static const export_column progress_cols[] = {
	{ "task", EXPORT_STRING, EXPORT_REQUIRED | EXPORT_UNIQUE, "tasks", NULL,
	  "Id of the task reported on.", "所报告任务的编号。", NULL, NULL },
	{ "status", EXPORT_STRING, EXPORT_REQUIRED | EXPORT_STATUS_REPORTED,
	  NULL, NULL,
	  "Status reported.", "报告的状态。", NULL, NULL },
	{ "as_of", EXPORT_DATE, EXPORT_REQUIRED, NULL, NULL,
	  "Date of the report.", "报告日期。", NULL, NULL },
	{ "progress", EXPORT_INTEGER, 0, NULL, NULL,
	  "Share of the task done, 0 to 100, where reported.",
	  "完成进度(0–100),如有报告。", NULL, NULL },
	{ "reported_by", EXPORT_STRING, EXPORT_REQUIRED, "units", NULL,
	  "Id of the reporting unit (the lead unit unless stated).",
	  "报告单位编号(未注明时为牵头单位)。", NULL, NULL },
	{ "narrative", EXPORT_STRING, EXPORT_PER_LANG, NULL, NULL,
	  "Report text in Chinese (Markdown).", "报告正文(中文,Markdown)。",
	  "Report text in English (Markdown).", "报告正文(英文,Markdown)。" },
};

static const export_column actuals_cols[] = {
	{ "metric", EXPORT_STRING, EXPORT_REQUIRED | EXPORT_UNIQUE, "metrics",
	  NULL,
	  "Id of the metric.", "指标编号。", NULL, NULL },
	{ "task", EXPORT_STRING, EXPORT_REQUIRED, "tasks", NULL,
	  "Id of the task.", "任务编号。", NULL, NULL },
	{ "target", EXPORT_NUMBER, EXPORT_REQUIRED, NULL, NULL,
	  "Target value (for between, the lower bound).", "目标值(区间时为下限)。", NULL, NULL },
	{ "actual", EXPORT_NUMBER, EXPORT_REQUIRED, NULL, NULL,
	  "Actual value reported.", "报告的实际值。", NULL, NULL },
	{ "as_of", EXPORT_DATE, EXPORT_REQUIRED, NULL, NULL,
	  "Date of the report.", "报告日期。", NULL, NULL },
};

static const export_column evidence_cols[] = {
	{ "task", EXPORT_STRING, EXPORT_REQUIRED, "tasks", NULL,
	  "Id of the task whose report lists it.",
	  "列出该材料的进展报告所属任务的编号。", NULL, NULL },
	{ "position", EXPORT_INTEGER, EXPORT_REQUIRED, NULL, NULL,
	  "Its place in the report's list, from 1.",
	  "在报告佐证材料列表中的序号(从 1 起)。", NULL, NULL },
	{ "kind", EXPORT_STRING, EXPORT_REQUIRED, NULL, evidence_kinds,
	  "url for a link to another site, file for a file published with "
	  "the site.", "url 为指向其他网站的链接,file 为随本网站发布的文件。",
	  NULL, NULL },
	{ "link", EXPORT_STRING, EXPORT_REQUIRED, NULL, NULL,
	  "The link; for a file, its address in the source language's "
	  "edition of the site (every edition has the same file).",
	  "链接地址;文件为其在源语言版网站中的地址(各语言版中的文件相同)。",
	  NULL, NULL },
	{ "file", EXPORT_STRING, 0, NULL, NULL,
	  "The file's name; empty for a link.", "文件名;链接为空。", NULL,
	  NULL },
	{ "caption", EXPORT_STRING, EXPORT_REQUIRED | EXPORT_PER_LANG, NULL,
	  NULL, "Caption in Chinese.", "说明(中文)。",
	  "Caption in English.", "说明(英文)。" },
	{ "media_type", EXPORT_STRING, 0, NULL, NULL,
	  "The file's media type: application/pdf, image/jpeg or image/png; "
	  "empty for a link.", "文件的媒体类型:application/pdf、image/jpeg 或 "
	  "image/png;链接为空。", NULL, NULL },
	{ "bytes", EXPORT_INTEGER, 0, NULL, NULL,
	  "The file's size in bytes; empty for a link.",
	  "文件大小(字节);链接为空。", NULL, NULL },
	{ "sha256", EXPORT_STRING, 0, NULL, NULL,
	  "SHA-256 of the file, 64 hexadecimal digits; empty for a link.",
	  "文件的 SHA-256 校验值(64 位十六进制数);链接为空。", NULL, NULL },
};

static const export_column history_cols[] = {
	{ "commit", EXPORT_STRING, EXPORT_REQUIRED, NULL, NULL,
	  "Git commit that made the change.", "作出该修改的 Git 提交。", NULL, NULL },
	{ "date", EXPORT_DATE, EXPORT_REQUIRED, NULL, NULL,
	  "Date of the commit, in the site's time zone.",
	  "提交日期(按网站时区)。", NULL, NULL },
	{ "author_name", EXPORT_STRING, 0, NULL, NULL,
	  "Author of the commit.", "提交作者。", NULL, NULL },
	{ "table", EXPORT_STRING, EXPORT_REQUIRED, NULL, NULL,
	  "Table of the changed record (tasks, metrics, units, sections, "
	  "progress), or file for another content file.",
	  "被修改记录所在的表(tasks、metrics、units、sections、progress),"
	  "其他内容文件为 file。", NULL, NULL },
	{ "record_id", EXPORT_STRING, EXPORT_REQUIRED, NULL, NULL,
	  "Key of the changed record in that table (the task for progress), "
	  "or the file's path.",
	  "被修改记录在该表中的键(progress 为任务编号),或文件路径。", NULL, NULL },
	{ "field", EXPORT_STRING, 0, NULL, NULL,
	  "Field that changed; empty when the whole record or file was added "
	  "or removed.", "被修改的字段;整条记录或文件新增、删除时为空。", NULL, NULL },
	{ "old_value", EXPORT_STRING, 0, NULL, NULL,
	  "Value before the commit; empty when the record was added.",
	  "修改前的值;新增记录时为空。", NULL, NULL },
	{ "new_value", EXPORT_STRING, 0, NULL, NULL,
	  "Value after the commit; empty when the record was removed.",
	  "修改后的值;删除记录时为空。", NULL, NULL },
	{ "reason", EXPORT_STRING, 0, NULL, NULL,
	  "Why the commit made its changes: its message's Reason: trailer; "
	  "empty without one (metrics.revision_note may give why a target was "
	  "last revised).", "该提交作出修改的原因:提交说明中的 Reason: 行;"
	  "没有则为空(目标最近一次调整的原因也可见 metrics 表的 "
	  "revision_note)。", NULL, NULL },
};

/* ---- Cells ------------------------------------------------------------- */

/* Shortest fixed-point text that reads back as exactly `v` ("1900",
 * "23701.71", "-10"). Callers run under the C locale, so the decimal point
 * is '.' whatever the user's locale. Fixed point rather than %g, because
 * readers of the CSV expect the plain decimals of the content format. */
static const char *num_text(struct arena *a, double v)
{
	char s[400];
	for (int prec = 0; prec <= 40; prec++) {
		snprintf(s, sizeof s, "%.*f", prec, v);
		if (strtod(s, NULL) == v)
			return arena_strdup(a, s);
	}
	snprintf(s, sizeof s, "%.17g", v);
	return arena_strdup(a, s);
}

static const char *join(struct arena *a, const strlist *l)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_puts(&b, l->v[i]);
	}
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Markdown bodies end with a newline; the cell holds the text only. */
static const char *trim(struct arena *a, const char *s)
{
	static const char space[] = " \t\r\n";
	s += strspn(s, space);
	size_t n = strlen(s);
	while (n && strchr(space, s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* Marks the end of grid_row's cells, so that a fill function whose cell
 * count does not match its table's columns aborts on its first row (in
 * every test run) instead of writing shifted columns. */
static const char row_end_mark[] = "";
#define ROW_END row_end_mark

/* Start a row of t->ncols cells, to be filled in column order. */
static const char **grid_new_row(export_grid *g, const char *page)
{
	size_t nc = g->t->ncols;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->cells = xrealloc(g->cells, g->cap * nc * sizeof *g->cells);
		g->pages = xrealloc(g->pages, g->cap * sizeof *g->pages);
	}
	g->pages[g->n] = page;
	return &g->cells[g->n++ * nc];
}

static void wrong_count(const export_grid *g)
{
	fprintf(stderr, "site-gen: bug: wrong cell count in %s row\n",
		g->t->name);
	abort();
}

/* Append a row: t->ncols cells (the varargs, in column order), ROW_END. */
static void grid_row(export_grid *g, const char *page, ...)
{
	const char **cells = grid_new_row(g, page);
	va_list ap;
	va_start(ap, page);
	for (size_t i = 0; i < g->t->ncols; i++)
		cells[i] = va_arg(ap, const char *);
	const char *end = va_arg(ap, const char *);
	va_end(ap);
	if (end != ROW_END)
		wrong_count(g);
}

/* A record's cell of schema column `sc` (of language l for a column of a
 * language). Numbers are written in the shortest form that reads back as
 * the same value. */
static const char *schema_cell(const export_grid *g, const schema_column *sc,
			       const void *rec, size_t l)
{
	const void *f = (const char *)rec + sc->field;
	if (sc->flags & SCHEMA_PER_LANG)
		return ltext_get(*(const ltext *)f, l);
	if (sc->type == SCHEMA_LIST || sc->type == SCHEMA_IDLIST)
		return join(g->a, f);
	const char *v = *(const char *const *)f;
	return sc->type == SCHEMA_NUMBER && *v ? num_text(g->a, strtod(v, NULL))
					       : v;
}

/* Append the row of content record `rec` of table `st`: its columns,
 * then the n_extra cells of the table's own columns. */
static void schema_row(export_grid *g, const export_ctx *c,
		       const schema_table *st, const void *rec, const char *page,
		       const char *const *extra, size_t n_extra)
{
	const char **cells = grid_new_row(g, page);
	size_t k = 0, nl = c->m->site.n_written;
	for (size_t i = 0; i < st->ncols; i++) {
		const schema_column *sc = &st->cols[i];
		size_t n = sc->flags & SCHEMA_PER_LANG ? nl : 1;
		for (size_t l = 0; l < n && k < g->t->ncols; l++)
			cells[k++] = schema_cell(g, sc, rec, l);
	}
	for (size_t i = 0; i < n_extra && k < g->t->ncols; i++)
		cells[k++] = extra[i];
	if (k != g->t->ncols)
		wrong_count(g);
}

/* ---- Rows of each table ------------------------------------------------ */

/* The page of record `id` of kind `k` (route.h), owned by `a`. */
static const char *page_of(struct arena *a, route_kind k, const char *id)
{
	buf b = BUF_INIT;
	route_page(&b, NULL, k, id);
	return export_own(a, &b);
}

static const char *metric_page(struct arena *a, const char *task_id,
			       const char *metric_id)
{
	buf b = BUF_INIT;
	route_metric(&b, NULL, task_id, metric_id);
	return export_own(a, &b);
}

static const char *term_page(struct arena *a, const char *id)
{
	buf b = BUF_INIT;
	route_term(&b, NULL, id);
	return export_own(a, &b);
}

static void fill_units(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_units; i++) {
		const unit *u = &c->m->units[i];
		schema_row(g, c, &schema_units, u,
			   page_of(g->a, ROUTE_UNIT, u->id), NULL, 0);
	}
}

static void fill_sections(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_sections; i++) {
		const section *s = &c->m->sections[i];
		schema_row(g, c, &schema_sections, s,
			   page_of(g->a, ROUTE_SECTION, s->id), NULL, 0);
	}
}

static const char *day_text(struct arena *a, long day)
{
	buf b = BUF_INIT;
	if (day >= 0)
		text_format_date(day, &b);
	return export_own(a, &b);
}

static const char *int_or_empty(struct arena *a, bool given, long x)
{
	return given ? export_fmt(a, "%ld", x) : "";
}

static void fill_tasks(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_tasks; i++) {
		const task *t = &c->m->tasks[i];
		task_status st = t->progress ? t->progress->status
					     : STATUS_NONE;
		pace_rating r = pace_rate(&c->m->site, t, c->ref);
		const char *own[] = {
			model_status_name(st), day_text(g->a, r.start),
			day_text(g->a, r.due),
			int_or_empty(g->a, r.expected >= 0, r.expected),
			int_or_empty(g->a, r.has_gap, r.gap),
			pace_light_name(r.light),
			int_or_empty(g->a, r.report_age >= 0, r.report_age) };
		schema_row(g, c, &schema_tasks, t,
			   page_of(g->a, ROUTE_TASK, t->id), own,
			   EXPORT_COUNT(own));
	}
}

static void fill_metrics(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_metrics; i++) {
		const metric *x = &c->m->metrics[i];
		schema_row(g, c, &schema_metrics, x,
			   metric_page(g->a, x->task_id, x->id), NULL, 0);
	}
}

static const char *reporter(const progress *p)
{
	return p->reported_by ? p->reported_by->id : p->reported_by_id;
}

static void fill_progress(export_grid *g, const export_ctx *c)
{
	size_t nl = c->m->site.n_written;
	for (size_t i = 0; i < c->m->n_reports; i++) {
		const progress *p = &c->m->reports[i];
		const char **cells = grid_new_row(g, page_of(g->a, ROUTE_TASK,
							     p->task_id));
		cells[0] = p->task_id;
		cells[1] = model_status_name(p->status);
		cells[2] = p->as_of;
		cells[3] = p->percent < 0 ? "" : export_fmt(g->a, "%ld",
							     p->percent);
		cells[4] = reporter(p);
		for (size_t l = 0; l < nl; l++)   /* narrative_<tag> */
			cells[5 + l] = trim(g->a, ltext_get(p->narrative, l));
		if (5 + nl != g->t->ncols)
			wrong_count(g);
	}
}

static void fill_actuals(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_reports; i++) {
		const progress *p = &c->m->reports[i];
		for (size_t j = 0; j < p->n_actuals; j++) {
			const actual *x = &p->actuals[j];
			const char *target = x->metric ?
				num_text(g->a, x->metric->target) : "";
			grid_row(g, metric_page(g->a, p->task_id,
						   x->metric_id),
				 x->metric_id, p->task_id, target,
				 num_text(g->a, x->value), p->as_of, ROW_END);
		}
	}
}

static void fill_evidence(export_grid *g, const export_ctx *c)
{
	const model *m = c->m;
	size_t nl = m->site.n_written;
	for (size_t i = 0; i < m->n_reports; i++) {
		const progress *p = &m->reports[i];
		for (size_t k = 0; k < p->n_evidence; k++) {
			const evidence *e = &p->evidence[k];
			bool file = e->kind == EVIDENCE_FILE;
			buf b = BUF_INIT;
			route_evidence(&b, NULL, p->task_id, NULL);
			const char **cells = grid_new_row(g, export_own(g->a,
									  &b));
			size_t n = 0;
			cells[n++] = p->task_id;
			cells[n++] = export_fmt(g->a, "%zu", k + 1);
			cells[n++] = evidence_kinds[file];
			if (file) {
				buf path = BUF_INIT;
				route_evidence(&path, m->site.languages.v[0],
					       p->task_id, e->file);
				route_url(&b, m, NULL, buf_cstr(&path));
				buf_free(&path);
				cells[n++] = export_own(g->a, &b);
			} else {
				cells[n++] = e->url;
			}
			cells[n++] = e->file;
			for (size_t l = 0; l < nl; l++)
				cells[n++] = ltext_get(e->caption, l);
			cells[n++] = e->media_type;
			cells[n++] = file ? export_fmt(g->a, "%zu", e->bytes) : "";
			cells[n++] = e->sha256;
			if (n != g->t->ncols)
				wrong_count(g);
		}
	}
}

/* The page of a record named in the history; NULL when it no longer
 * exists (its URL would lead nowhere). */
static const char *record_page(struct arena *a, const model *m,
			       const char *table, const char *id)
{
	const metric *x;
	if (!strcmp(table, "units") && model_unit(m, id))
		return page_of(a, ROUTE_UNIT, id);
	if (!strcmp(table, "sections") && model_section(m, id))
		return page_of(a, ROUTE_SECTION, id);
	if ((!strcmp(table, "tasks") || !strcmp(table, "progress")) &&
	    model_task(m, id))
		return page_of(a, ROUTE_TASK, id);
	if ((!strcmp(table, "metrics") || !strcmp(table, "actuals")) &&
	    (x = model_metric(m, id)))
		return metric_page(a, x->task_id, id);
	if (!strcmp(table, "glossary"))
		return term_page(a, id);
	return NULL;
}

static void fill_history(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->n_changes; i++) {
		const export_change *x = &c->changes[i];
		grid_row(g, record_page(g->a, c->m, x->table, x->record_id),
			 x->commit, x->date, x->author_name, x->table,
			 x->record_id, x->field, x->old_value, x->new_value,
			 x->reason, ROW_END);
	}
}

static void fill_glossary(export_grid *g, const export_ctx *c)
{
	for (size_t i = 0; i < c->m->n_terms; i++) {
		const term *t = &c->m->terms[i];
		schema_row(g, c, &schema_glossary, t, term_page(g->a, t->id),
			   NULL, 0);
	}
}

#define COLS(a) a, EXPORT_COUNT(a)
#define FROM_SCHEMA NULL, 0

static const export_table tables[] = {
	{ "units", FROM_SCHEMA, key_id, fill_units },
	{ "sections", FROM_SCHEMA, key_id, fill_sections },
	{ "tasks", FROM_SCHEMA, key_id, fill_tasks },
	{ "metrics", FROM_SCHEMA, key_id, fill_metrics },
	{ "progress", COLS(progress_cols), key_task, fill_progress },
	{ "actuals", COLS(actuals_cols), key_metric, fill_actuals },
	{ "evidence", COLS(evidence_cols), key_evidence, fill_evidence },
	{ "history", COLS(history_cols), NULL, fill_history },
	{ "glossary", FROM_SCHEMA, key_id, fill_glossary },
};

/* The exported content tables: every column of their schema, and one
 * more of the export's own for tasks. */
static const struct {
	const char *table;
	const schema_table *from;
	const export_column *extra;
	size_t n_extra;
} content[] = {
	{ "units", &schema_units, NULL, 0 },
	{ "sections", &schema_sections, NULL, 0 },
	{ "tasks", &schema_tasks, task_cols, EXPORT_COUNT(task_cols) },
	{ "metrics", &schema_metrics, NULL, 0 },
	{ "glossary", &schema_glossary, NULL, 0 },
};

/* The columns of table `t` for the languages `langs`, in `a`. */
static void expand_table(struct arena *a, const strlist *langs,
			 export_table *t)
{
	const schema_table *st = NULL;
	const export_column *extra = NULL;
	size_t n_extra = 0;
	for (size_t i = 0; i < EXPORT_COUNT(content); i++)
		if (!strcmp(content[i].table, t->name)) {
			st = content[i].from;
			extra = content[i].extra;
			n_extra = content[i].n_extra;
		}
	size_t nbase = st ? st->ncols : t->ncols;
	export_column *base = arena_alloc(a, (nbase + 1) * sizeof *base);
	for (size_t i = 0; st && i < st->ncols; i++)
		base[i] = from_schema(&st->cols[i]);
	if (!st)
		memcpy(base, t->cols, nbase * sizeof *base);
	export_column *cols = arena_alloc(a, (nbase * langs->n + n_extra) *
					  sizeof *cols);
	size_t k = add_columns(a, langs, base, nbase, cols, 0);
	for (size_t i = 0; i < n_extra; i++)
		cols[k++] = extra[i];
	t->cols = cols;
	t->ncols = k;
}

const export_table *export_tables_new(const model *m, struct arena *a,
				      size_t *n)
{
	export_table *all = arena_alloc(a, sizeof tables);
	memcpy(all, tables, sizeof tables);
	/* Derived languages are left out: the data keeps the texts as
	 * written (docs/open-data.md). */
	strlist written = m->site.languages;
	written.n = m->site.n_written;
	for (size_t i = 0; i < EXPORT_COUNT(tables); i++)
		expand_table(a, &written, &all[i]);
	*n = EXPORT_COUNT(tables);
	return all;
}

const export_table *export_tables_named(const export_table *all, size_t n,
					const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i].name, name))
			return &all[i];
	return NULL;
}

export_grid export_tables_grid(const export_ctx *c, const export_table *t)
{
	/* Its own arena: the cells' text lives only while the table is
	 * written, and for history that is hundreds of megabytes at scale. */
	export_grid g = { .t = t, .a = arena_new() };
	t->fill(&g, c);
	return g;
}

void export_tables_grid_free(export_grid *g)
{
	free(g->cells);
	free(g->pages);
	arena_free(g->a);
}
