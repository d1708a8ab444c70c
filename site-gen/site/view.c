/* view.c - the view's public API (view.h) and the table of page kinds;
 * the parts are listed in view_int.h. */
#include "view_int.h"

#include <stdlib.h>
#include <string.h>

const char *const view_required_strings[] = {
	"html_lang", "lang_name", "script", "translation_pending",
	"status_not_reported", "status_not_started", "status_on_track",
	"status_at_risk", "status_delayed", "status_completed",
	"status_withdrawn",
	"cmp_ge", "cmp_gt", "cmp_eq", "cmp_lt", "cmp_le", "cmp_between",
	"unit_sep", "baseline_level", "baseline_previous_year", "no_value",
	"nav_home", "nav_tasks", "nav_units", "nav_plan", "nav_glossary",
	"nav_data", "nav_changes", "nav_about", "page_title_sep",
	"nav_search", "search_label", "search_button", "search_hint",
	"search_nojs", "search_loading", "search_results", "search_none",
	"search_more",
	"search_kind_task", "search_kind_plan", "search_kind_unit",
	"search_kind_term",
	"chart_status_title", "chart_parts_title", "chart_unit_title",
	"chart_history_title",
	"progress_title", "unit_leads", "unit_co_owns",
	"part_label", "fmt_csv", "fmt_csv_excel", "fmt_json", "fmt_metadata", "size_bytes",
	"not_found_title", "target_originally", "target_reason",
	"target_no_reason", "notice_dirty",
	"notice_truncated", "notice_incomplete", "feed_title_suffix",
	"feed_entry_sep",
	/* the history's sentences (histview.h) */
	"hist_title_task", "hist_title_unit", "hist_title_section", "hist_none",
	"hist_from_to", "hist_percent", "hist_of_metric", "hist_field",
	"hist_task_added", "hist_task_removed", "hist_task_text",
	"hist_metric_added", "hist_metric_removed", "hist_metric_changed",
	"hist_target", "hist_target_max", "hist_reason", "hist_no_reason",
	"hist_status", "hist_progress",
	"hist_reported_by", "hist_actual", "hist_narrative", "hist_first_report",
	"hist_report_removed", "hist_report_moved", "hist_unit_added",
	"hist_unit_removed", "hist_section_added", "hist_section_removed",
	"hist_file_added", "hist_file_removed", "hist_file_updated",
	"hist_field_lang", "field_lead", "field_start", "field_due",
	"field_revision_note", "field_section",
	"field_name", "field_aliases", "field_parent", "field_label_zh",
	"field_title", "field_co_units", "field_co_units_note", "field_plan",
	"field_task", "field_comparator", "field_unit", "field_baseline",
	/* the schedule (view_schedule.c) */
	"schedule", "schedule_span", "schedule_expected", "schedule_gap",
	"schedule_report_age",
	"schedule_stale", "schedule_disagree", "schedule_disagree_overdue",
	"light_done", "light_withdrawn", "light_unreported", "light_overdue",
	"light_green", "light_yellow", "light_red", "rate_title", "rate_lights",
	"rate_stale", "schedule_as_of", "schedule_table_caption",
	"schedule_behind", "units_on_schedule", "units_far_behind",
	"units_share_on_schedule", "units_schedule_note",
	/* the lists of tasks (view_lists.c, view_build_list.c) */
	"list_status_title", "list_light_title", "list_stale_title",
	"list_stale", "list_revised_title", "list_of_unit", "list_of_section",
	/* a report's evidence (view_build_task.c) */
	"evidence", "evidence_file", "evidence_link",
	NULL
};

static view_builder *const builders[] = {
	[VIEW_HOME] = view_build_home, [VIEW_TASKS] = view_build_tasks,
	[VIEW_UNITS] = view_build_units, [VIEW_PLAN] = view_build_plan,
	[VIEW_GLOSSARY] = view_build_glossary, [VIEW_DATA] = view_build_data,
	[VIEW_CHANGES] = view_build_changes,
	[VIEW_ABOUT] = view_build_about, [VIEW_SEARCH] = view_build_search,
	[VIEW_SECTION] = view_build_section,
	[VIEW_TASK] = view_build_task, [VIEW_UNIT] = view_build_unit,
	[VIEW_LIST] = view_build_list, [VIEW_ROOT] = view_build_root, [VIEW_NOT_FOUND] = view_build_not_found,
};

/* ---- the view ---------------------------------------------------------- */

view *view_new(const model *m, const view_opts *o)
{
	view *v = xcalloc(1, sizeof *v);
	v->m = m;
	v->o = *o;
	v->n_langs = m->site.languages.n;
	for (size_t l = 0; l < v->n_langs; l++)
		if (!strcmp(m->site.languages.v[l], m->site.default_lang))
			v->default_lang = l;
	v->h = o->history;
	v->words = xcalloc(v->n_langs, sizeof *v->words);
	for (size_t l = 0; l < v->n_langs; l++)
		words_index_build(&v->words[l], o->strings[l]);
	view_derive_new(v);
	view_list_index(v);
	view_route_list(v);
	return v;
}

void view_free(view *v)
{
	if (!v)
		return;
	view_derive_free(v);
	view_list_free(v);
	view_route_free(v);
	for (size_t l = 0; l < v->n_langs; l++)
		words_index_free(&v->words[l]);
	free(v->words);
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

bool view_needs_data(const view_page *pg)
{
	return pg->kind == VIEW_HOME || pg->kind == VIEW_DATA;
}

cJSON *view_build(const view *v, size_t i, arena *a)
{
	const view_page *pg = &v->pages[i];
	view_ctx c = { .v = v, .pg = pg, .lang = v->m->site.languages.v[pg->lang],
		       .lang_index = pg->lang, .t = v->o.strings[pg->lang],
		       .w = &v->words[pg->lang],
		       .a = a };
	c.latin = !strcmp(view_str(&c, "script"), "latin");
	view_route_root(v, pg, &c.root);
	cJSON *o = ajson_object(a);
	const char *name = builders[pg->kind](&c, o);
	view_frame_add(&c, o, name, i);
	buf_free(&c.root);
	buf_free(&c.tmp);
	return o;
}
