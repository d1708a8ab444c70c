/* schema.c - the content's tables (schema.h). The meanings are those the
 * downloads' metadata gives each column. */
#include "schema.h"
#include "model.h"

#include <stddef.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))

const char *const schema_comparators[] = { "ge", "gt", "eq", "lt", "le",
		  "between", NULL };

/* The symbols metrics.csv was first written with, for each code but
 * "between". */
static const char *const comparator_symbols[] = { ">=", ">", "=", "<", "<=",
						  NULL };

const char *schema_comparator_code(const char *v)
{
	for (size_t k = 0; schema_comparators[k]; k++)
		if (!strcmp(v, schema_comparators[k]) ||
		    (comparator_symbols[k] && !strcmp(v, comparator_symbols[k])))
			return schema_comparators[k];
	return NULL;
}
const char *const schema_baselines[] = { "previous_year", NULL };
const char *const schema_report_keys[] = {
	[SCHEMA_REPORT_STATUS] = "status", [SCHEMA_REPORT_AS_OF] = "as_of",
	[SCHEMA_REPORT_PROGRESS] = "progress",
	[SCHEMA_REPORT_REPORTED_BY] = "reported_by",
	[SCHEMA_REPORT_METRICS] = "metrics",
	[SCHEMA_REPORT_EVIDENCE] = "evidence", NULL };

bool schema_value_ok(const char *const *values, const char *v)
{
	for (; *values; values++)
		if (!strcmp(*values, v))
			return true;
	return false;
}

static const schema_column unit_cols[] = {
	[SCHEMA_UNIT_ID] = { "id", SCHEMA_ID, SCHEMA_REQUIRED | SCHEMA_KEY,
		NULL, NULL,
		offsetof(unit, id), offsetof(unit, loc),
		{ "Unit id (stable; used in URLs and as a key).",
		  "单位编号(稳定不变,用于网址和关联)。" }, { 0 } },
	[SCHEMA_UNIT_NAME] = { "name", SCHEMA_TEXT,
		SCHEMA_REQUIRED | SCHEMA_PER_LANG, NULL, NULL,
		offsetof(unit, name), 0,
		{ "Official Chinese name.", "中文正式名称。" },
		{ "Official English name.", "英文正式名称。" } },
	[SCHEMA_UNIT_ALIASES] = { "aliases", SCHEMA_LIST, 0, NULL, NULL,
		offsetof(unit, aliases), 0,
		{ "Other spellings found in source documents, separated by |.",
		  "来源文件中的其他写法,以 | 分隔。" }, { 0 } },
};

static const schema_column section_cols[] = {
	[SCHEMA_SECTION_ID] = { "id", SCHEMA_ID, SCHEMA_REQUIRED | SCHEMA_KEY,
		NULL, NULL,
		offsetof(section, id), offsetof(section, loc),
		{ "Section id: a part (一、) or a group ((一)) of the task list.",
		  "章节编号:任务清单的部分(一、)或分组((一))。" }, { 0 } },
	[SCHEMA_SECTION_PARENT] = { "parent", SCHEMA_ID, 0, "sections", NULL,
		offsetof(section, parent_id), offsetof(section, parent_loc),
		{ "Id of the part a group belongs to; empty for a part.",
		  "分组所属部分的编号;部分本身为空。" }, { 0 } },
	[SCHEMA_SECTION_LABEL] = { "label_zh", SCHEMA_TEXT, SCHEMA_REQUIRED,
		NULL, NULL,
		offsetof(section, label_zh), 0,
		{ "The number as printed, e.g. 一、 or (一).",
		  "原文序号,如 一、 或 (一)。" }, { 0 } },
	[SCHEMA_SECTION_TITLE] = { "title", SCHEMA_TEXT,
		SCHEMA_REQUIRED | SCHEMA_PER_LANG, NULL, NULL,
		offsetof(section, title), 0,
		{ "Title as printed, in Chinese.", "原文标题(中文)。" },
		{ "English title.", "英文标题。" } },
	[SCHEMA_SECTION_CO_UNITS] = { "co_units", SCHEMA_IDLIST, 0, "units",
		NULL,
		offsetof(section, co_unit_ids), 0,
		{ "Ids of the responsible units (责任单位), separated by |.",
			"责任单位编号,以 | 分隔。" }, { 0 } },
	[SCHEMA_SECTION_CO_NOTE] = { "co_units_note", SCHEMA_TEXT,
		SCHEMA_PER_LANG, NULL, NULL,
		offsetof(section, co_note), 0,
		{ "Text of the 责任单位 cell that names no unit, in Chinese.",
		  "责任单位栏中未指明单位的文字(中文)。" },
		{ "The same note in English.", "同一说明的英文。" } },
	[SCHEMA_SECTION_PLAN] = { "plan", SCHEMA_IDLIST, 0, "plan", NULL,
		offsetof(section, plan_ids), 0,
		{ "Ids of the plan text blocks this group implements, separated "
		  "by |.", "该分组对应的方案正文段落编号,以 | 分隔。" }, { 0 } },
};

static const schema_column task_cols[] = {
	[SCHEMA_TASK_ID] = { "id", SCHEMA_ID, SCHEMA_REQUIRED | SCHEMA_KEY,
		NULL, NULL,
		offsetof(task, id), offsetof(task, loc),
		{ "Task id (one binding task line).",
		  "任务编号(一条约束性任务)。" }, { 0 } },
	[SCHEMA_TASK_SECTION] = { "section", SCHEMA_ID, SCHEMA_REQUIRED,
		"sections", NULL,
		offsetof(task, section_id), offsetof(task, section_loc),
		{ "Id of the group the task belongs to.",
		  "任务所属分组的编号。" }, { 0 } },
	[SCHEMA_TASK_LEAD] = { "lead", SCHEMA_ID, SCHEMA_REQUIRED, "units",
		NULL,
		offsetof(task, lead_id), offsetof(task, lead_loc),
		{ "Id of the lead unit (牵头单位).", "牵头单位编号。" },
		{ 0 } },
	[SCHEMA_TASK_TEXT] = { "text", SCHEMA_TEXT,
		SCHEMA_REQUIRED | SCHEMA_PER_LANG, NULL, NULL,
		offsetof(task, text), 0,
		{ "The task exactly as printed, in Chinese.", "任务原文(中文)。" },
		{ "English translation of the task.", "任务英文译文。" } },
	[SCHEMA_TASK_START] = { "start", SCHEMA_DATE, 0, NULL, NULL,
		offsetof(task, start), offsetof(task, start_loc),
		{ "Start date, only where the plan gives one.",
		  "开始日期(仅限原文载明的)。" }, { 0 } },
	[SCHEMA_TASK_DUE] = { "due", SCHEMA_DATE, 0, NULL, NULL,
		offsetof(task, due), 0,
		{ "Due date, only where the plan gives one.",
		  "完成时限(仅限原文载明的)。" }, { 0 } },
};

static const schema_column metric_cols[] = {
	[SCHEMA_METRIC_ID] = { "id", SCHEMA_ID, SCHEMA_REQUIRED | SCHEMA_KEY,
		NULL, NULL,
		offsetof(metric, id), offsetof(metric, loc),
		{ "Metric id (a quantitative target within a task).",
		  "指标编号(任务中的量化目标)。" }, { 0 } },
	[SCHEMA_METRIC_TASK] = { "task", SCHEMA_ID, SCHEMA_REQUIRED, "tasks",
		NULL,
		offsetof(metric, task_id), offsetof(metric, task_loc),
		{ "Id of the task that sets the target.",
			"设定该目标的任务编号。" }, { 0 } },
	[SCHEMA_METRIC_NAME] = { "name", SCHEMA_TEXT,
		SCHEMA_REQUIRED | SCHEMA_PER_LANG, NULL, NULL,
		offsetof(metric, name), 0,
		{ "What is measured, in the plan's words.", "指标名称(原文用语)。" },
		{ "What is measured, in English.", "指标英文名称。" } },
	[SCHEMA_METRIC_COMPARATOR] = { "comparator", SCHEMA_ENUM,
		SCHEMA_REQUIRED, NULL, schema_comparators,
		offsetof(metric, comparator), 0,
		{ "How the actual value is compared with the target: ge (at "
		  "least, ≥), gt (more than, >), eq (equal, =), lt (less than, "
		  "<), le (at most, ≤) or between (from target to target_max).",
		  "实际值与目标值的比较方式:ge(不低于,≥)、gt(高于,>)、"
		  "eq(等于,=)、lt(低于,<)、le(不高于,≤)或 between"
		  "(介于 target 与 target_max 之间)。" }, { 0 } },
	[SCHEMA_METRIC_TARGET] = { "target", SCHEMA_NUMBER, SCHEMA_REQUIRED,
		NULL, NULL,
		offsetof(metric, target_text), 0,
		{ "Target value; for between, the lower bound.",
		  "目标值;区间时为下限。" }, { 0 } },
	[SCHEMA_METRIC_MAX] = { "target_max", SCHEMA_NUMBER, 0, NULL, NULL,
		offsetof(metric, target_max_text), 0,
		{ "Upper bound, for between only.", "上限,仅用于区间。" }, { 0 } },
	[SCHEMA_METRIC_UNIT] = { "unit", SCHEMA_TEXT, SCHEMA_PER_LANG, NULL,
		NULL,
		offsetof(metric, unit), 0,
		{ "Unit as printed (亩, %, 万吨).", "原文计量单位(亩、%、万吨)。" },
		{ "Unit in English.", "计量单位英文。" } },
	[SCHEMA_METRIC_BASELINE] = { "baseline", SCHEMA_ENUM, 0, NULL,
		schema_baselines,
		offsetof(metric, baseline), 0,
		{ "Empty for a level; previous_year when the target is a change "
		  "from the previous year, in percent.",
		  "为空表示绝对水平;previous_year 表示较上年变化的百分比。" },
		{ 0 } },
	[SCHEMA_METRIC_REVISION_NOTE] = { "revision_note", SCHEMA_TEXT,
		SCHEMA_PER_LANG, NULL, NULL,
		offsetof(metric, revision_note), 0,
		{ "Why the target was last revised, in Chinese (else the commit "
		  "message's Reason: trailer gives it).",
		  "目标最近一次调整的原因(中文;未填写的取提交说明的 Reason: 行)。" },
		{ "Why the target was last revised, in English.",
		  "目标最近一次调整的原因(英文)。" } },
};

static const schema_column term_cols[] = {
	[SCHEMA_TERM_ID] = { "id", SCHEMA_ID, SCHEMA_REQUIRED | SCHEMA_KEY,
		NULL, NULL,
		offsetof(term, id), offsetof(term, loc),
		{ "Term id.", "术语编号。" }, { 0 } },
	[SCHEMA_TERM_ZH] = { "term_zh", SCHEMA_TEXT, SCHEMA_REQUIRED, NULL,
		NULL,
		offsetof(term, term_zh), 0,
		{ "Official Chinese term.", "中文术语。" }, { 0 } },
	[SCHEMA_TERM_EN] = { "term_en", SCHEMA_TEXT, SCHEMA_WARN_EMPTY, NULL,
		NULL,
		offsetof(term, term_en), 0,
		{ "The English used for it everywhere on the site.",
			"网站统一使用的英文译法。" }, { 0 } },
	[SCHEMA_TERM_NOTE] = { "note_en", SCHEMA_TEXT, 0, NULL, NULL,
		offsetof(term, note_en), 0,
		{ "Explanatory note in English.", "英文注释。" }, { 0 } },
};

const schema_table schema_units = { "units", "units.csv", unit_cols,
				    COUNT(unit_cols) };
const schema_table schema_sections = { "sections", "sections.csv",
				       section_cols, COUNT(section_cols) };
const schema_table schema_tasks = { "tasks", "tasks.csv", task_cols,
				    COUNT(task_cols) };
const schema_table schema_metrics = { "metrics", "metrics.csv", metric_cols,
				      COUNT(metric_cols) };
const schema_table schema_glossary = { "glossary", "glossary.csv", term_cols,
				       COUNT(term_cols) };

const schema_table *const schema_tables[] = { &schema_units, &schema_sections,
					      &schema_tasks, &schema_metrics,
					      &schema_glossary, NULL };
