/* export.c - see export.h.
 *
 * One declarative description of each table (columns, types, keys,
 * meaning) drives every output: CSV, JSON, the Data Package schema and the
 * CSVW metadata, so they cannot disagree. Each table's rows are first
 * collected as text cells (a `grid`), then written in each format.
 */
#include "export.h"

#include "arena.h"
#include "buf.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROFILES "https://datapackage.org/profiles/2.0/"
#define BOM "\xEF\xBB\xBF"

/* ---- Table descriptions -------------------------------------------------- */

typedef enum {
	COL_STRING, COL_LIST, COL_NUMBER, COL_INTEGER, COL_DATE
} col_type;

enum {
	REQUIRED = 1,
	UNIQUE = 2,
	STATUS_ANY = 4,       /* enum: every status, with not_reported */
	STATUS_REPORTED = 8,  /* enum: the statuses a report can have */
};

typedef struct column {
	const char *name;
	col_type type;
	unsigned flags;
	const char *ref;             /* table whose key it refers to, or NULL */
	const char *const *values;   /* other enum: allowed values, or NULL */
	const char *en, *zh;         /* meaning */
} column;

typedef struct grid grid;
typedef struct ctx ctx;

typedef struct table_spec {
	const char *name;
	text2 title, desc;
	const column *cols;
	size_t ncols;
	const char *const *key;      /* primary key, NULL-terminated; NULL:
					none (history rows of a whole record
					or file have no field) */
	void (*fill)(grid *g, const ctx *c);
} table_spec;

struct ctx {
	const model *m;
	const export_change *changes;
	size_t n_changes;
	struct arena *a;
	pub *p;
	diag *d;
	export_manifest *out;
};

/* A table's rows as text: "" is an absent value. Page paths are below
 * <base_url><lang>/ (NULL: no page). */
struct grid {
	const table_spec *t;
	struct arena *a;
	const char **cells;          /* n rows of t->ncols cells */
	const char **pages;
	size_t n, cap;
};

static const char *const comparators[] = { ">=", ">", "=", "<", "<=",
					   "between", NULL };
static const char *const baselines[] = { "previous_year", NULL };

static const char *const key_id[] = { "id", NULL };
static const char *const key_task[] = { "task", NULL };
static const char *const key_metric[] = { "metric", NULL };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const column units_cols[] = {
	{ "id", COL_STRING, REQUIRED | UNIQUE, NULL, NULL,
	  "Unit id (stable; used in URLs and as a key).",
	  "单位编号(稳定不变,用于网址和关联)。" },
	{ "name_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "Official Chinese name.", "中文正式名称。" },
	{ "name_en", COL_STRING, 0, NULL, NULL,
	  "Official English name.", "英文正式名称。" },
	{ "aliases", COL_LIST, 0, NULL, NULL,
	  "Other spellings found in source documents, separated by |.",
	  "来源文件中的其他写法,以 | 分隔。" },
};

static const column sections_cols[] = {
	{ "id", COL_STRING, REQUIRED | UNIQUE, NULL, NULL,
	  "Section id: a part (一、) or a group ((一)) of the task list.",
	  "章节编号:任务清单的部分(一、)或分组((一))。" },
	{ "parent", COL_STRING, 0, "sections", NULL,
	  "Id of the part a group belongs to; empty for a part.",
	  "分组所属部分的编号;部分本身为空。" },
	{ "label_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "The number as printed, e.g. 一、 or (一).", "原文序号,如 一、 或 (一)。" },
	{ "title_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "Title as printed, in Chinese.", "原文标题(中文)。" },
	{ "title_en", COL_STRING, 0, NULL, NULL,
	  "English title.", "英文标题。" },
	{ "co_units", COL_LIST, 0, NULL, NULL,
	  "Ids of the responsible units (责任单位), separated by |.",
	  "责任单位编号,以 | 分隔。" },
	{ "co_units_note_zh", COL_STRING, 0, NULL, NULL,
	  "Text of the 责任单位 cell that names no unit, in Chinese.",
	  "责任单位栏中未指明单位的文字(中文)。" },
	{ "co_units_note_en", COL_STRING, 0, NULL, NULL,
	  "The same note in English.", "同一说明的英文。" },
	{ "plan", COL_LIST, 0, NULL, NULL,
	  "Ids of the plan text blocks this group implements, separated by |.",
	  "该分组对应的方案正文段落编号,以 | 分隔。" },
};

static const column tasks_cols[] = {
	{ "id", COL_STRING, REQUIRED | UNIQUE, NULL, NULL,
	  "Task id (one binding task line).", "任务编号(一条约束性任务)。" },
	{ "section", COL_STRING, REQUIRED, "sections", NULL,
	  "Id of the group the task belongs to.", "任务所属分组的编号。" },
	{ "lead", COL_STRING, REQUIRED, "units", NULL,
	  "Id of the lead unit (牵头单位).", "牵头单位编号。" },
	{ "text_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "The task exactly as printed, in Chinese.", "任务原文(中文)。" },
	{ "text_en", COL_STRING, 0, NULL, NULL,
	  "English translation of the task.", "任务英文译文。" },
	{ "due", COL_DATE, 0, NULL, NULL,
	  "Due date, only where the plan gives one.", "完成时限(仅限原文载明的)。" },
	{ "status", COL_STRING, REQUIRED | STATUS_ANY, NULL, NULL,
	  "Status in the latest progress report; not_reported when there is "
	  "none.",
	  "最新进展报告中的状态;尚无报告为 not_reported。" },
};

static const column metrics_cols[] = {
	{ "id", COL_STRING, REQUIRED | UNIQUE, NULL, NULL,
	  "Metric id (a quantitative target within a task).",
	  "指标编号(任务中的量化目标)。" },
	{ "task", COL_STRING, REQUIRED, "tasks", NULL,
	  "Id of the task that sets the target.", "设定该目标的任务编号。" },
	{ "name_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "What is measured, in the plan's words.", "指标名称(原文用语)。" },
	{ "name_en", COL_STRING, 0, NULL, NULL,
	  "What is measured, in English.", "指标英文名称。" },
	{ "comparator", COL_STRING, REQUIRED, NULL, comparators,
	  "How the actual value is compared with the target: >=, >, = (written "
	  "'= in CSV by the formula rule), <, <= or between.",
	  "实际值与目标值的比较方式:>=、>、=(按防公式规则在 CSV 中写作 '=)、"
	  "<、<= 或 between(区间)。" },
	{ "target", COL_NUMBER, REQUIRED, NULL, NULL,
	  "Target value; for between, the lower bound.", "目标值;区间时为下限。" },
	{ "target_max", COL_NUMBER, 0, NULL, NULL,
	  "Upper bound, for between only.", "上限,仅用于区间。" },
	{ "unit_zh", COL_STRING, 0, NULL, NULL,
	  "Unit as printed (亩, %, 万吨).", "原文计量单位(亩、%、万吨)。" },
	{ "unit_en", COL_STRING, 0, NULL, NULL,
	  "Unit in English.", "计量单位英文。" },
	{ "baseline", COL_STRING, 0, NULL, baselines,
	  "Empty for a level; previous_year when the target is a change from "
	  "the previous year, in percent.",
	  "为空表示绝对水平;previous_year 表示较上年变化的百分比。" },
};

static const column progress_cols[] = {
	{ "task", COL_STRING, REQUIRED | UNIQUE, "tasks", NULL,
	  "Id of the task reported on.", "所报告任务的编号。" },
	{ "status", COL_STRING, REQUIRED | STATUS_REPORTED, NULL, NULL,
	  "Status reported.", "报告的状态。" },
	{ "as_of", COL_DATE, REQUIRED, NULL, NULL,
	  "Date of the report.", "报告日期。" },
	{ "progress", COL_INTEGER, 0, NULL, NULL,
	  "Share of the task done, 0 to 100, where reported.",
	  "完成进度(0–100),如有报告。" },
	{ "reported_by", COL_STRING, REQUIRED, "units", NULL,
	  "Id of the reporting unit (the lead unit unless stated).",
	  "报告单位编号(未注明时为牵头单位)。" },
	{ "narrative_zh", COL_STRING, 0, NULL, NULL,
	  "Report text in Chinese (Markdown).", "报告正文(中文,Markdown)。" },
	{ "narrative_en", COL_STRING, 0, NULL, NULL,
	  "Report text in English (Markdown).", "报告正文(英文,Markdown)。" },
};

static const column actuals_cols[] = {
	{ "metric", COL_STRING, REQUIRED | UNIQUE, "metrics", NULL,
	  "Id of the metric.", "指标编号。" },
	{ "task", COL_STRING, REQUIRED, "tasks", NULL,
	  "Id of the task.", "任务编号。" },
	{ "target", COL_NUMBER, REQUIRED, NULL, NULL,
	  "Target value (for between, the lower bound).", "目标值(区间时为下限)。" },
	{ "actual", COL_NUMBER, REQUIRED, NULL, NULL,
	  "Actual value reported.", "报告的实际值。" },
	{ "as_of", COL_DATE, REQUIRED, NULL, NULL,
	  "Date of the report.", "报告日期。" },
};

static const column history_cols[] = {
	{ "commit", COL_STRING, REQUIRED, NULL, NULL,
	  "Git commit that made the change.", "作出该修改的 Git 提交。" },
	{ "date", COL_DATE, REQUIRED, NULL, NULL,
	  "Date of the commit, in the site's time zone.",
	  "提交日期(按网站时区)。" },
	{ "author_name", COL_STRING, 0, NULL, NULL,
	  "Author of the commit.", "提交作者。" },
	{ "table", COL_STRING, REQUIRED, NULL, NULL,
	  "Table of the changed record (tasks, metrics, units, sections, "
	  "progress), or file for another content file.",
	  "被修改记录所在的表(tasks、metrics、units、sections、progress),"
	  "其他内容文件为 file。" },
	{ "record_id", COL_STRING, REQUIRED, NULL, NULL,
	  "Key of the changed record in that table (the task for progress), "
	  "or the file's path.",
	  "被修改记录在该表中的键(progress 为任务编号),或文件路径。" },
	{ "field", COL_STRING, 0, NULL, NULL,
	  "Field that changed; empty when the whole record or file was added "
	  "or removed.", "被修改的字段;整条记录或文件新增、删除时为空。" },
	{ "old_value", COL_STRING, 0, NULL, NULL,
	  "Value before the commit; empty when the record was added.",
	  "修改前的值;新增记录时为空。" },
	{ "new_value", COL_STRING, 0, NULL, NULL,
	  "Value after the commit; empty when the record was removed.",
	  "修改后的值;删除记录时为空。" },
};

static const column glossary_cols[] = {
	{ "id", COL_STRING, REQUIRED | UNIQUE, NULL, NULL,
	  "Term id.", "术语编号。" },
	{ "term_zh", COL_STRING, REQUIRED, NULL, NULL,
	  "Official Chinese term.", "中文术语。" },
	{ "term_en", COL_STRING, REQUIRED, NULL, NULL,
	  "The English used for it everywhere on the site.",
	  "网站统一使用的英文译法。" },
	{ "note_en", COL_STRING, 0, NULL, NULL,
	  "Explanatory note in English.", "英文注释。" },
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

static const char *fmt(struct arena *a, const char *f, ...)
	__attribute__((format(printf, 2, 3)));

static const char *fmt(struct arena *a, const char *f, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
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

/* Append a row: t->ncols cells (the varargs, in column order), ROW_END. */
static void grid_row(grid *g, const char *page, ...)
{
	size_t nc = g->t->ncols;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->cells = xrealloc(g->cells, g->cap * nc * sizeof *g->cells);
		g->pages = xrealloc(g->pages, g->cap * sizeof *g->pages);
	}
	va_list ap;
	va_start(ap, page);
	for (size_t i = 0; i < nc; i++)
		g->cells[g->n * nc + i] = va_arg(ap, const char *);
	const char *end = va_arg(ap, const char *);
	va_end(ap);
	if (end != ROW_END) {
		fprintf(stderr, "site-gen: bug: wrong cell count in %s row\n",
			g->t->name);
		abort();
	}
	g->pages[g->n++] = page;
}

/* ---- Rows of each table ------------------------------------------------ */

static void fill_units(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_units; i++) {
		const unit *u = &c->m->units[i];
		grid_row(g, fmt(g->a, "units/%s/", u->id), u->id, u->name.zh,
			 u->name.en, join(g->a, &u->aliases), ROW_END);
	}
}

static void fill_sections(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_sections; i++) {
		const section *s = &c->m->sections[i];
		grid_row(g, fmt(g->a, "sections/%s/", s->id), s->id,
			 s->parent_id, s->label_zh, s->title.zh, s->title.en,
			 join(g->a, &s->co_unit_ids), s->co_note.zh,
			 s->co_note.en, join(g->a, &s->plan_ids), ROW_END);
	}
}

static void fill_tasks(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_tasks; i++) {
		const task *t = &c->m->tasks[i];
		task_status st = t->progress ? t->progress->status
					     : STATUS_NONE;
		grid_row(g, fmt(g->a, "tasks/%s/", t->id), t->id,
			 t->section_id, t->lead_id, t->text.zh, t->text.en,
			 t->due, model_status_name(st), ROW_END);
	}
}

static void fill_metrics(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_metrics; i++) {
		const metric *x = &c->m->metrics[i];
		grid_row(g, fmt(g->a, "tasks/%s/#metric-%s", x->task_id, x->id),
			 x->id, x->task_id, x->name.zh, x->name.en,
			 x->comparator, num_text(g->a, x->target),
			 x->has_max ? num_text(g->a, x->target_max) : "",
			 x->unit.zh, x->unit.en, x->baseline, ROW_END);
	}
}

static const char *reporter(const progress *p)
{
	return p->reported_by ? p->reported_by->id : p->reported_by_id;
}

static void fill_progress(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_reports; i++) {
		const progress *p = &c->m->reports[i];
		grid_row(g, fmt(g->a, "tasks/%s/", p->task_id), p->task_id,
			 model_status_name(p->status), p->as_of,
			 p->percent < 0 ? "" : fmt(g->a, "%ld", p->percent),
			 reporter(p), trim(g->a, p->narrative.zh),
			 trim(g->a, p->narrative.en), ROW_END);
	}
}

static void fill_actuals(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_reports; i++) {
		const progress *p = &c->m->reports[i];
		for (size_t j = 0; j < p->n_actuals; j++) {
			const actual *x = &p->actuals[j];
			const char *target = x->metric ?
				num_text(g->a, x->metric->target) : "";
			grid_row(g, fmt(g->a, "tasks/%s/#metric-%s", p->task_id,
					x->metric_id),
				 x->metric_id, p->task_id, target,
				 num_text(g->a, x->value), p->as_of, ROW_END);
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
		return fmt(a, "units/%s/", id);
	if (!strcmp(table, "sections") && model_section(m, id))
		return fmt(a, "sections/%s/", id);
	if ((!strcmp(table, "tasks") || !strcmp(table, "progress")) &&
	    model_task(m, id))
		return fmt(a, "tasks/%s/", id);
	if ((!strcmp(table, "metrics") || !strcmp(table, "actuals")) &&
	    (x = model_metric(m, id)))
		return fmt(a, "tasks/%s/#metric-%s", x->task_id, id);
	if (!strcmp(table, "glossary"))
		return fmt(a, "glossary/#%s", id);
	return NULL;
}

static void fill_history(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->n_changes; i++) {
		const export_change *x = &c->changes[i];
		grid_row(g, record_page(g->a, c->m, x->table, x->record_id),
			 x->commit, x->date, x->author_name, x->table,
			 x->record_id, x->field, x->old_value, x->new_value,
			 ROW_END);
	}
}

static void fill_glossary(grid *g, const ctx *c)
{
	for (size_t i = 0; i < c->m->n_terms; i++) {
		const term *t = &c->m->terms[i];
		grid_row(g, fmt(g->a, "glossary/#%s", t->id), t->id, t->term_zh,
			 t->term_en, t->note_en, ROW_END);
	}
}

#define COLS(a) a, N(a)

static const table_spec tables[] = {
	{ "units", { "单位", "Units" },
	  { "牵头单位和责任单位。", "Lead and responsible departments." },
	  COLS(units_cols), key_id, fill_units },
	{ "sections", { "章节", "Sections" },
	  { "任务清单的部分和分组,按原文顺序。",
	    "Parts and groups of the task list, in document order." },
	  COLS(sections_cols), key_id, fill_sections },
	{ "tasks", { "任务", "Tasks" },
	  { "约束性任务及其最新状态。",
	    "Binding tasks with their latest reported status." },
	  COLS(tasks_cols), key_id, fill_tasks },
	{ "metrics", { "指标", "Metrics" },
	  { "任务中的量化目标。", "Quantitative targets within the tasks." },
	  COLS(metrics_cols), key_id, fill_metrics },
	{ "progress", { "进展", "Progress" },
	  { "每项任务的最新进展报告(仅限已报告的任务)。",
	    "The latest progress report of each task (reported tasks only)." },
	  COLS(progress_cols), key_task, fill_progress },
	{ "actuals", { "实际值", "Actuals" },
	  { "进展报告中的指标实际值,每个指标一行。",
	    "Actual values of metrics in the progress reports, one row per "
	    "metric." },
	  COLS(actuals_cols), key_metric, fill_actuals },
	{ "history", { "修改历史", "History" },
	  { "内容在 Git 中的逐字段修改记录。",
	    "Field-by-field changes to the content, from its git history." },
	  COLS(history_cols), NULL, fill_history },
	{ "glossary", { "术语表", "Glossary" },
	  { "官方术语的中英对照。",
	    "Official terms in Chinese and the English used for them." },
	  COLS(glossary_cols), key_id, fill_glossary },
};

/* ---- CSV --------------------------------------------------------------- */

static const text2 escape_rule = {
	"防公式注入(OWASP):文本列中,去掉开头的撇号后以 =、+、-、@、制表符或"
	"回车开头的单元格,写入时在前面再加一个撇号('),使电子表格把它当作文本。"
	"还原原值:凡匹配 ^'+[=+\\-@\\t\\r] 的文本单元格,去掉第一个字符。"
	"数字列和日期列从不改动;JSON 文件保存原值。",
	"Formula-injection guard (OWASP): in text columns, a cell whose value, "
	"after any leading apostrophes, starts with =, +, -, @, TAB or CR is "
	"written with one more apostrophe (') in front, so that spreadsheets "
	"show it as text. To recover the value, remove the first character of "
	"every text cell that matches ^'+[=+\\-@\\t\\r]. Number and date columns "
	"are never changed; the JSON files hold the values unchanged."
};

static bool is_text(const column *col)
{
	return col->type == COL_STRING || col->type == COL_LIST;
}

/* Counting leading apostrophes makes the rule reversible: a value that
 * already starts with "'=" gets a second apostrophe. */
static bool formula_like(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s);
}

/* Quote only cells that need it (RFC 4180), so plain cells stay readable. */
static void csv_put(buf *b, const char *s)
{
	size_t len = strlen(s);
	if (!strpbrk(s, ",\"\r\n")) {
		buf_put(b, s, len);
		return;
	}
	size_t need = csv_write(NULL, 0, s, len);
	buf_grow(b, need);
	csv_write(b->ptr + b->len, need, s, len);
	b->len += need;
	b->ptr[b->len] = '\0';
}

static void csv_cell(buf *b, const column *col, const char *s)
{
	if (!is_text(col) || !formula_like(s)) {
		csv_put(b, s);
		return;
	}
	buf esc = BUF_INIT;
	buf_putc(&esc, '\'');
	buf_puts(&esc, s);
	csv_put(b, esc.ptr);
	buf_free(&esc);
}

static void csv_table(buf *b, const grid *g)
{
	const table_spec *t = g->t;
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			buf_putc(b, ',');
		csv_put(b, t->cols[i].name);
	}
	buf_puts(b, "\r\n");
	for (size_t r = 0; r < g->n; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			if (i)
				buf_putc(b, ',');
			csv_cell(b, &t->cols[i], g->cells[r * t->ncols + i]);
		}
		buf_puts(b, "\r\n");
	}
}

/* ---- Output files and the manifest --------------------------------------- */

static int emit(ctx *c, const char *path, const char *table,
		const char *format, const char *media, text2 title,
		const void *data, size_t len, size_t rows)
{
	if (pub_write(c->p, path, data, len) != 0)
		return -1;
	c->out->files[c->out->n++] = (export_file){
		.path = arena_strdup(c->a, path), .table = table,
		.format = format, .media_type = media, .title = title,
		.bytes = len, .rows = rows };
	return 0;
}

/* Print `doc` (tab-indented, as cJSON does) with a final newline. */
static int emit_json(ctx *c, const char *path, const char *table,
		     const char *format, const char *media, text2 title,
		     const cJSON *doc, size_t rows)
{
	char *s = cJSON_Print(doc);
	if (!s) {
		diag_error(c->d, path, 0, 0, "out of memory printing JSON");
		return -1;
	}
	buf b = BUF_INIT;
	buf_puts(&b, s);
	buf_putc(&b, '\n');
	cJSON_free(s);
	int rc = emit(c, path, table, format, media, title, b.ptr, b.len, rows);
	buf_free(&b);
	return rc;
}

static int emit_csv(ctx *c, const grid *g)
{
	const table_spec *t = g->t;
	/* One text: the Excel file is the plain one behind a BOM. */
	buf excel = BUF_INIT;
	buf_puts(&excel, BOM);
	size_t bom = excel.len;
	csv_table(&excel, g);
	int rc = emit(c, fmt(c->a, "data/%s.csv", t->name), t->name, "csv",
		      "text/csv", t->title, excel.ptr + bom, excel.len - bom, g->n);
	if (rc == 0)
		rc = emit(c, fmt(c->a, "data/%s-excel.csv", t->name), t->name,
			  "csv-excel", "text/csv", t->title, excel.ptr,
			  excel.len, g->n);
	buf_free(&excel);
	return rc;
}

/* ---- JSON -------------------------------------------------------------- */

static cJSON *json_list(const char *s)
{
	cJSON *arr = cJSON_CreateArray();
	while (*s) {
		size_t n = strcspn(s, "|");
		char *item = xstrndup(s, n);
		cJSON_AddItemToArray(arr, cJSON_CreateString(item));
		free(item);
		s += n + (s[n] == '|');
	}
	return arr;
}

/* Numbers go in as raw text, so the JSON carries exactly the digits of the
 * CSV (cJSON's own printing uses %1.15g/%1.17g: not always the shortest
 * form, and in exponent notation for large values). */
static cJSON *json_value(const column *col, const char *s)
{
	if (col->type == COL_LIST)
		return json_list(s);
	if (!*s)
		return cJSON_CreateNull();
	if (col->type == COL_NUMBER || col->type == COL_INTEGER)
		return cJSON_CreateRaw(s);
	return cJSON_CreateString(s);
}

static cJSON *json_url(const ctx *c, const char *lang, const char *page)
{
	if (!page)
		return cJSON_CreateNull();
	buf b = BUF_INIT;
	buf_printf(&b, "%s%s/%s", c->m->site.base_url, lang, page);
	cJSON *s = cJSON_CreateString(b.ptr);
	buf_free(&b);
	return s;
}

static cJSON *json_row(const ctx *c, const grid *g, size_t r)
{
	const table_spec *t = g->t;
	cJSON *o = cJSON_CreateObject();
	const char **row = &g->cells[r * t->ncols], *page = g->pages[r];
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToObject(o, t->cols[i].name,
				      json_value(&t->cols[i], row[i]));
	cJSON_AddItemToObject(o, "url_zh", json_url(c, "zh", page));
	cJSON_AddItemToObject(o, "url_en", json_url(c, "en", page));
	return o;
}

/* The rows as one JSON array, printed a row at a time: the whole array as
 * a cJSON tree took several times the size of its text (history.json is
 * 100 MB at 20,000 tasks). The bytes are cJSON_Print's for the whole
 * array: a row printed on its own is one level shallower, and strings
 * hold no raw line end, so a tab after each line end puts it in place. */
static int json_rows(const ctx *c, const grid *g, buf *out)
{
	buf_putc(out, '[');
	for (size_t r = 0; r < g->n; r++) {
		cJSON *o = json_row(c, g, r);
		char *s = cJSON_Print(o);
		cJSON_Delete(o);
		if (!s)
			return -1;
		if (r)
			buf_puts(out, ", ");
		for (const char *p = s, *nl; *p; p = nl + 1) {
			if (!(nl = strchr(p, '\n'))) {
				buf_puts(out, p);
				break;
			}
			buf_put(out, p, (size_t)(nl - p) + 1);
			buf_putc(out, '\t');
		}
		cJSON_free(s);
	}
	buf_puts(out, "]\n");
	return 0;
}

/* ---- Shared metadata helpers ------------------------------------------- */

static const table_spec *table_named(const char *name)
{
	for (size_t i = 0; i < N(tables); i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

/* The enum of a column as written in the CSV (after the formula rule), or
 * NULL. */
static cJSON *enum_values(const column *col)
{
	if (!(col->flags & (STATUS_ANY | STATUS_REPORTED)) && !col->values)
		return NULL;
	cJSON *arr = cJSON_CreateArray();
	if (col->values) {
		for (size_t i = 0; col->values[i]; i++) {
			buf b = BUF_INIT;
			csv_cell(&b, col, col->values[i]);
			cJSON_AddItemToArray(arr, cJSON_CreateString(b.ptr));
			buf_free(&b);
		}
		return arr;
	}
	int first = col->flags & STATUS_ANY ? STATUS_NONE : STATUS_NOT_STARTED;
	for (int s = first; s < STATUS_COUNT; s++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(
					     model_status_name((task_status)s)));
	return arr;
}

static cJSON *string_array(const char *const *v)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; v[i]; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
	return arr;
}

/* "English. 中文。" in one value, so every tool shows both languages. */
static cJSON *both(const char *en, const char *zh)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s %s", en, zh);
	cJSON *s = cJSON_CreateString(b.ptr);
	buf_free(&b);
	return s;
}

/* JSON-LD language map entries: [{"@language": "zh", "@value": …}, …]. */
static cJSON *lang_values(text2 t)
{
	cJSON *arr = cJSON_CreateArray();
	const char *langs[] = { "zh", "en" }, *vals[] = { t.zh, t.en };
	for (size_t i = 0; i < 2; i++) {
		if (!*vals[i])
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "@value", vals[i]);
		cJSON_AddStringToObject(o, "@language", langs[i]);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* ---- CSVW -------------------------------------------------------------- */

static const char *csvw_type(col_type t)
{
	switch (t) {
	case COL_NUMBER: return "decimal";
	case COL_INTEGER: return "integer";
	case COL_DATE: return "date";
	default: return "string";
	}
}

static cJSON *csvw_column(const column *col)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", col->name);
	cJSON_AddStringToObject(o, "titles", col->name);
	cJSON_AddStringToObject(o, "datatype", csvw_type(col->type));
	if (col->flags & REQUIRED)
		cJSON_AddTrueToObject(o, "required");
	if (col->type == COL_LIST)
		cJSON_AddStringToObject(o, "separator", "|");
	cJSON_AddItemToObject(o, "dc:description",
			      lang_values((text2){ col->zh, col->en }));
	return o;
}

static cJSON *csvw_keys(const char *const *key)
{
	return key[1] ? string_array(key) : cJSON_CreateString(key[0]);
}


static cJSON *csvw_foreign_keys(const ctx *c, const table_spec *t)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++) {
		const column *col = &t->cols[i];
		if (!col->ref)
			continue;
		const table_spec *to = table_named(col->ref);
		cJSON *fk = cJSON_CreateObject(), *ref = cJSON_CreateObject();
		cJSON_AddStringToObject(fk, "columnReference", col->name);
		cJSON_AddStringToObject(ref, "resource",
					fmt(c->a, "%s.csv", to->name));
		cJSON_AddItemToObject(ref, "columnReference",
				      csvw_keys(to->key));
		cJSON_AddItemToObject(fk, "reference", ref);
		cJSON_AddItemToArray(arr, fk);
	}
	return arr;
}

static cJSON *csvw_dialect(void)
{
	cJSON *o = cJSON_CreateObject(), *lt = cJSON_CreateArray();
	cJSON_AddItemToArray(lt, cJSON_CreateString("\r\n"));
	cJSON_AddStringToObject(o, "encoding", "utf-8");
	cJSON_AddItemToObject(o, "lineTerminators", lt);
	cJSON_AddStringToObject(o, "quoteChar", "\"");
	cJSON_AddTrueToObject(o, "doubleQuote");
	cJSON_AddTrueToObject(o, "header");
	cJSON_AddFalseToObject(o, "skipInitialSpace");
	cJSON_AddFalseToObject(o, "trim");
	return o;
}

static cJSON *csvw_schema(const ctx *c, const table_spec *t)
{
	cJSON *o = cJSON_CreateObject(), *cols = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToArray(cols, csvw_column(&t->cols[i]));
	cJSON_AddItemToObject(o, "columns", cols);
	if (t->key)
		cJSON_AddItemToObject(o, "primaryKey", csvw_keys(t->key));
	cJSON *fks = csvw_foreign_keys(c, t);
	if (cJSON_GetArraySize(fks))
		cJSON_AddItemToObject(o, "foreignKeys", fks);
	else
		cJSON_Delete(fks);
	return o;
}

static cJSON *csvw_doc(const ctx *c, const table_spec *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@context", "http://www.w3.org/ns/csvw");
	cJSON_AddStringToObject(o, "url", fmt(c->a, "%s.csv", t->name));
	cJSON_AddItemToObject(o, "dc:title", lang_values(t->title));
	cJSON_AddItemToObject(o, "dc:description", lang_values(t->desc));
	if (*c->m->site.license_url) {
		cJSON *lic = cJSON_CreateObject();
		cJSON_AddStringToObject(lic, "@id", c->m->site.license_url);
		cJSON_AddItemToObject(o, "dc:license", lic);
	}
	cJSON_AddItemToObject(o, "rdfs:comment", lang_values(escape_rule));
	cJSON_AddItemToObject(o, "dialect", csvw_dialect());
	cJSON_AddItemToObject(o, "tableSchema", csvw_schema(c, t));
	return o;
}

/* ---- Data Package ------------------------------------------------------ */

static const char *dp_type(col_type t)
{
	switch (t) {
	case COL_NUMBER: return "number";
	case COL_INTEGER: return "integer";
	case COL_DATE: return "date";
	default: return "string";
	}
}

static cJSON *dp_constraints(const column *col)
{
	cJSON *o = cJSON_CreateObject(), *e = enum_values(col);
	if (col->flags & REQUIRED)
		cJSON_AddTrueToObject(o, "required");
	if (col->flags & UNIQUE)
		cJSON_AddTrueToObject(o, "unique");
	if (e)
		cJSON_AddItemToObject(o, "enum", e);
	return o;
}

static cJSON *dp_field(const column *col)
{
	cJSON *o = cJSON_CreateObject(), *con = dp_constraints(col);
	cJSON_AddStringToObject(o, "name", col->name);
	cJSON_AddStringToObject(o, "type", dp_type(col->type));
	cJSON_AddItemToObject(o, "description", both(col->en, col->zh));
	if (cJSON_GetArraySize(con))
		cJSON_AddItemToObject(o, "constraints", con);
	else
		cJSON_Delete(con);
	return o;
}

static cJSON *dp_foreign_keys(const table_spec *t)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++) {
		const column *col = &t->cols[i];
		if (!col->ref)
			continue;
		const char *fields[] = { col->name, NULL };
		const table_spec *to = table_named(col->ref);
		cJSON *fk = cJSON_CreateObject(), *ref = cJSON_CreateObject();
		cJSON_AddItemToObject(fk, "fields", string_array(fields));
		/* Data Package v2: no "resource" means this same resource. */
		if (to != t)
			cJSON_AddStringToObject(ref, "resource", to->name);
		cJSON_AddItemToObject(ref, "fields", string_array(to->key));
		cJSON_AddItemToObject(fk, "reference", ref);
		cJSON_AddItemToArray(arr, fk);
	}
	return arr;
}

static cJSON *dp_schema(const table_spec *t)
{
	cJSON *o = cJSON_CreateObject(), *fields = cJSON_CreateArray();
	const char *missing[] = { "", NULL };
	cJSON_AddStringToObject(o, "$schema", PROFILES "tableschema.json");
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToArray(fields, dp_field(&t->cols[i]));
	cJSON_AddItemToObject(o, "fields", fields);
	cJSON_AddItemToObject(o, "missingValues", string_array(missing));
	if (t->key)
		cJSON_AddItemToObject(o, "primaryKey", string_array(t->key));
	cJSON *fks = dp_foreign_keys(t);
	if (cJSON_GetArraySize(fks))
		cJSON_AddItemToObject(o, "foreignKeys", fks);
	else
		cJSON_Delete(fks);
	return o;
}

/* The standard dialect properties, plus "formulaEscape" (our own) that
 * states the apostrophe rule in machine-readable form. */
static cJSON *dp_dialect(void)
{
	const char *triggers[] = { "=", "+", "-", "@", "\t", "\r", NULL };
	cJSON *o = cJSON_CreateObject(), *fe = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "$schema", PROFILES "tabledialect.json");
	cJSON_AddTrueToObject(o, "header");
	cJSON_AddStringToObject(o, "delimiter", ",");
	cJSON_AddStringToObject(o, "lineTerminator", "\r\n");
	cJSON_AddStringToObject(o, "quoteChar", "\"");
	cJSON_AddTrueToObject(o, "doubleQuote");
	cJSON_AddFalseToObject(o, "skipInitialSpace");
	cJSON_AddStringToObject(fe, "prefix", "'");
	cJSON_AddItemToObject(fe, "triggers", string_array(triggers));
	cJSON_AddStringToObject(fe, "appliesTo", "string");
	cJSON_AddItemToObject(fe, "description",
			      both(escape_rule.en, escape_rule.zh));
	cJSON_AddItemToObject(o, "formulaEscape", fe);
	return o;
}

static size_t bytes_of(const export_manifest *x, const char *path)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->files[i].path, path))
			return x->files[i].bytes;
	return 0;
}

static cJSON *dp_resource(const ctx *c, const table_spec *t)
{
	cJSON *o = cJSON_CreateObject();
	const char *path = fmt(c->a, "%s.csv", t->name);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "type", "table");
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "format", "csv");
	cJSON_AddStringToObject(o, "mediatype", "text/csv");
	cJSON_AddStringToObject(o, "encoding", "utf-8");
	cJSON_AddNumberToObject(o, "bytes", (double)bytes_of(
		c->out, fmt(c->a, "data/%s", path)));
	cJSON_AddStringToObject(o, "title", t->title.en);
	cJSON_AddStringToObject(o, "title_zh", t->title.zh);
	cJSON_AddItemToObject(o, "description", both(fmt(c->a,
		"%s Also as %s-excel.csv (with a UTF-8 byte-order mark, for "
		"Excel and WPS) and %s.json.", t->desc.en, t->name, t->name),
		fmt(c->a, "%s 另有 %s-excel.csv(带 UTF-8 BOM,供 Excel、WPS "
		    "使用)和 %s.json。", t->desc.zh, t->name, t->name)));
	cJSON_AddItemToObject(o, "dialect", dp_dialect());
	cJSON_AddItemToObject(o, "schema", dp_schema(t));
	return o;
}

static const char *en_or_zh(text2 t)
{
	return *t.en ? t.en : t.zh;
}

/* The dataset described in both languages (Data Package and JSON-LD). */
static text2 dataset_description(const ctx *c)
{
	const site_config *s = &c->m->site;
	return (text2){
		fmt(c->a, "%s的开放数据:%s于 %s 印发的《%s》(%s)中的约束性任务、"
		    "量化指标、牵头和责任单位及进展报告。每张表提供 CSV(UTF-8)、"
		    "Excel 适用的 CSV(带 BOM 的 UTF-8)和 JSON。",
		    s->title.zh, s->issuer.zh, s->issued, s->plan_title.zh,
		    s->doc_number),
		fmt(c->a, "Open data of the %s: the binding tasks, quantitative "
		    "targets, lead and responsible units and progress reports of "
		    "\"%s\" (%s), issued by the %s on %s. Every table comes as "
		    "CSV (UTF-8), CSV for Excel (UTF-8 with a byte-order mark) "
		    "and JSON.", en_or_zh(s->title), en_or_zh(s->plan_title),
		    s->doc_number, en_or_zh(s->issuer), s->issued) };
}

/* A URL-safe, stable package name from the site's address:
 * "https://jianghai-plan.example.org/" → "jianghai-plan-example-org". */
static const char *package_name(struct arena *a, const char *base)
{
	const char *s = strstr(base, "://");
	s = s ? s + 3 : base;
	buf b = BUF_INIT;
	bool gap = false;
	for (; *s; s++) {
		char ch = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
			gap = true;
			continue;
		}
		if (gap && b.len)
			buf_putc(&b, '-');
		buf_putc(&b, ch);
		gap = false;
	}
	const char *name = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return name;
}

static cJSON *dp_licenses(const site_config *s)
{
	cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", s->license_id);
	if (*s->license_url)
		cJSON_AddStringToObject(o, "path", s->license_url);
	if (*s->license_name)
		cJSON_AddStringToObject(o, "title", s->license_name);
	cJSON_AddItemToArray(arr, o);
	return arr;
}

static cJSON *dp_sources(const ctx *c)
{
	const site_config *s = &c->m->site;
	cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "title", fmt(c->a, "%s《%s》 %s",
		s->doc_number, s->plan_title.zh, s->plan_title.en));
	if (*s->source_url)
		cJSON_AddStringToObject(o, "path", s->source_url);
	cJSON_AddItemToArray(arr, o);
	return arr;
}

static cJSON *dp_contributors(const ctx *c)
{
	const site_config *s = &c->m->site;
	const char *roles[] = { "creator", NULL };
	cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "title", *s->issuer.en ? fmt(c->a, "%s (%s)",
		s->issuer.zh, s->issuer.en) : s->issuer.zh);
	cJSON_AddItemToObject(o, "roles", string_array(roles));
	cJSON_AddItemToArray(arr, o);
	return arr;
}

static cJSON *dp_package(const ctx *c)
{
	const site_config *s = &c->m->site;
	text2 desc = dataset_description(c);
	cJSON *o = cJSON_CreateObject(), *res = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "$schema", PROFILES "datapackage.json");
	cJSON_AddStringToObject(o, "name", package_name(c->a, s->base_url));
	cJSON_AddStringToObject(o, "id", fmt(c->a, "%sdata/datapackage.json",
					     s->base_url));
	cJSON_AddStringToObject(o, "title", en_or_zh(s->title));
	cJSON_AddStringToObject(o, "title_zh", s->title.zh);
	cJSON_AddStringToObject(o, "description", fmt(c->a, "%s %s", desc.en,
						       escape_rule.en));
	cJSON_AddStringToObject(o, "description_zh", fmt(c->a, "%s%s",
							  desc.zh, escape_rule.zh));
	cJSON_AddStringToObject(o, "homepage", s->base_url);
	cJSON_AddStringToObject(o, "version", EXPORT_VERSION);
	cJSON_AddItemToObject(o, "licenses", dp_licenses(s));
	cJSON_AddItemToObject(o, "sources", dp_sources(c));
	cJSON_AddItemToObject(o, "contributors", dp_contributors(c));
	for (size_t i = 0; i < N(tables); i++)
		cJSON_AddItemToArray(res, dp_resource(c, &tables[i]));
	cJSON_AddItemToObject(o, "resources", res);
	return o;
}

/* ---- schema.org Dataset (JSON-LD) ---------------------------------------- */

static text2 format_label(const char *format, const char *table)
{
	if (!strcmp(format, "csv-excel"))
		return (text2){ "CSV,Excel 适用", "CSV for Excel" };
	if (!strcmp(format, "json"))
		return (text2){ "JSON", "JSON" };
	if (!strcmp(format, "metadata"))
		return *table ? (text2){ "CSVW 元数据", "CSVW metadata" }
			      : (text2){ "Data Package", "Data Package" };
	return (text2){ "CSV", "CSV" };
}

static cJSON *ld_download(const ctx *c, const export_file *f)
{
	text2 fl = format_label(f->format, f->table);
	text2 name = { fmt(c->a, "%s(%s)", f->title.zh, fl.zh),
		       fmt(c->a, "%s (%s)", f->title.en, fl.en) };
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "DataDownload");
	cJSON_AddItemToObject(o, "name", lang_values(name));
	cJSON_AddStringToObject(o, "contentUrl", fmt(c->a, "%s%s",
						     c->m->site.base_url,
						     f->path));
	cJSON_AddStringToObject(o, "encodingFormat", f->media_type);
	return o;
}

static cJSON *ld_org(text2 name)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "GovernmentOrganization");
	cJSON_AddItemToObject(o, "name", lang_values(name));
	return o;
}

/* The plan document the data comes from. */
static cJSON *ld_source(const site_config *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "CreativeWork");
	cJSON_AddItemToObject(o, "name", lang_values(s->plan_title));
	if (*s->doc_number)
		cJSON_AddStringToObject(o, "identifier", s->doc_number);
	if (*s->issued)
		cJSON_AddStringToObject(o, "datePublished", s->issued);
	if (*s->source_url)
		cJSON_AddStringToObject(o, "url", s->source_url);
	cJSON_AddItemToObject(o, "author", ld_org(s->issuer));
	return o;
}

static void ld_coverage(cJSON *o, const site_config *s)
{
	if (*s->period)
		cJSON_AddStringToObject(o, "temporalCoverage", s->period);
	if (*s->area.zh || *s->area.en) {
		cJSON *place = cJSON_CreateObject();
		cJSON_AddStringToObject(place, "@type", "Place");
		cJSON_AddItemToObject(place, "name", lang_values(s->area));
		cJSON_AddItemToObject(o, "spatialCoverage", place);
	}
}

static cJSON *ld_dataset(const ctx *c)
{
	const site_config *s = &c->m->site;
	const char *langs[] = { "zh", "en", NULL };
	cJSON *o = cJSON_CreateObject(), *dist = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "@context", "https://schema.org/");
	cJSON_AddStringToObject(o, "@type", "Dataset");
	/* The downloads page in the default language. */
	const char *page = fmt(c->a, "%s%s/data/", s->base_url, s->default_lang);
	cJSON_AddStringToObject(o, "@id", page);
	cJSON_AddStringToObject(o, "url", page);
	cJSON_AddItemToObject(o, "name", lang_values(s->title));
	cJSON_AddItemToObject(o, "description",
			      lang_values(dataset_description(c)));
	cJSON_AddItemToObject(o, "inLanguage", string_array(langs));
	cJSON_AddStringToObject(o, "license", s->license_url);
	cJSON_AddTrueToObject(o, "isAccessibleForFree");
	cJSON_AddStringToObject(o, "version", EXPORT_VERSION);
	if (*c->out->data_as_of)
		cJSON_AddStringToObject(o, "dateModified", c->out->data_as_of);
	cJSON_AddItemToObject(o, "creator", ld_org(s->issuer));
	cJSON_AddItemToObject(o, "isBasedOn", ld_source(s));
	ld_coverage(o, s);
	for (size_t i = 0; i < c->out->n; i++)
		cJSON_AddItemToArray(dist, ld_download(c, &c->out->files[i]));
	cJSON_AddItemToObject(o, "distribution", dist);
	return o;
}

/* ---- Driver ------------------------------------------------------------ */

static int export_table(ctx *c, const table_spec *t)
{
	/* The cells' text lives as long as the table is being written: for
	 * history that is hundreds of megabytes at scale. */
	grid g = { .t = t, .a = arena_new() };
	t->fill(&g, c);
	int rc = emit_csv(c, &g);
	if (rc == 0) {
		const char *path = fmt(c->a, "data/%s.json", t->name);
		buf json = BUF_INIT;
		if (json_rows(c, &g, &json) != 0) {
			diag_error(c->d, path, 0, 0, "out of memory printing JSON");
			rc = -1;
		} else {
			rc = emit(c, path, t->name, "json", "application/json",
				  t->title, json.ptr, json.len, g.n);
		}
		buf_free(&json);
	}
	if (rc == 0) {
		cJSON *meta = csvw_doc(c, t);
		rc = emit_json(c, fmt(c->a, "data/%s.csv-metadata.json",
				      t->name), t->name, "metadata",
			       "application/csvm+json", t->title, meta, 0);
		cJSON_Delete(meta);
	}
	free(g.cells);
	free(g.pages);
	arena_free(g.a);
	return rc;
}

static int export_all(ctx *c)
{
	static const text2 dp_title = { "数据包描述文件(全部表格)",
					"Data Package descriptor (all tables)" };
	for (size_t i = 0; i < N(tables); i++)
		if (export_table(c, &tables[i]) != 0)
			return -1;
	cJSON *dp = dp_package(c);
	int rc = emit_json(c, "data/datapackage.json", "", "metadata",
			   "application/json", dp_title, dp, 0);
	cJSON_Delete(dp);
	if (rc == 0)
		c->out->jsonld = ld_dataset(c);
	return rc;
}

/* ISO dates compare as strings. */
static const char *newest_report(const model *m)
{
	const char *newest = "";
	for (size_t i = 0; i < m->n_reports; i++)
		if (strcmp(m->reports[i].as_of, newest) > 0)
			newest = m->reports[i].as_of;
	return newest;
}

int export_data_changes(const model *m, const export_change *changes,
			size_t n, pub *p, struct arena *a,
			export_manifest *out, diag *d)
{
	/* Per table: CSV, Excel CSV, JSON, CSVW; then datapackage.json. */
	size_t cap = 4 * N(tables) + 1;
	*out = (export_manifest){
		.files = arena_alloc(a, cap * sizeof *out->files),
		.data_as_of = newest_report(m) };
	ctx c = { .m = m, .changes = changes, .n_changes = n, .a = a, .p = p,
		  .d = d, .out = out };
	/* A thread-local C locale: number text must not follow the user's
	 * locale (a decimal comma would break both CSV and JSON). */
	locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (cloc == (locale_t)0) {
		diag_error(d, "data", 0, 0, "cannot create the C locale");
		return -1;
	}
	locale_t old = uselocale(cloc);
	int rc = export_all(&c);
	uselocale(old);
	freelocale(cloc);
	return rc;
}

int export_data(const model *m, pub *p, struct arena *a,
		export_manifest *out, diag *d)
{
	return export_data_changes(m, NULL, 0, p, a, out, d);
}

void export_free(export_manifest *x)
{
	cJSON_Delete(x->jsonld);
	x->jsonld = NULL;
}
