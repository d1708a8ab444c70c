/* view: the page models, built from the fixture site's content. */
#include "arena.h"
#include "check.h"
#include "tap.h"
#include "view.h"
#include "view_int.h"

#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/fixtures/site-basic/content"

/* Strings for one language: every required key, its value the key itself,
 * except the patterns the view fills in. */
static cJSON *strings(const char *html_lang, const char *script)
{
	cJSON *t = cJSON_CreateObject();
	for (size_t k = 0; view_required_strings[k]; k++)
		cJSON_AddStringToObject(t, view_required_strings[k],
					view_required_strings[k]);
	cJSON_ReplaceItemInObject(t, "html_lang", cJSON_CreateString(html_lang));
	cJSON_ReplaceItemInObject(t, "script", cJSON_CreateString(script));
	cJSON_ReplaceItemInObject(t, "cmp_ge", cJSON_CreateString("at least {n}"));
	cJSON_ReplaceItemInObject(t, "cmp_le", cJSON_CreateString("at most {n}"));
	cJSON_ReplaceItemInObject(t, "cmp_eq", cJSON_CreateString("{n}"));
	cJSON_ReplaceItemInObject(t, "cmp_between",
				  cJSON_CreateString("between {min} and {max}"));
	cJSON_ReplaceItemInObject(t, "unit_sep", cJSON_CreateString(" "));
	cJSON_ReplaceItemInObject(t, "part_label", cJSON_CreateString("Part {n}"));
	return t;
}

static size_t find(const view *v, const char *path)
{
	for (size_t i = 0; i < view_count(v); i++)
		if (!strcmp(view_page_at(v, i)->path, path))
			return i;
	return (size_t)-1;
}

/* The string at a dotted path ("task.text.text"; digits index arrays). */
static const char *at(const cJSON *o, const char *path)
{
	char *copy = strdup(path), *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && o; k = strtok_r(NULL, ".", &save))
		o = (*k >= '0' && *k <= '9') ? cJSON_GetArrayItem(o, atoi(k))
					     : cJSON_GetObjectItemCaseSensitive(o, k);
	free(copy);
	if (cJSON_IsString(o))
		return o->valuestring;
	if (cJSON_IsBool(o))
		return cJSON_IsTrue(o) ? "true" : "false";
	if (cJSON_IsNumber(o)) {
		static char n[32];
		snprintf(n, sizeof n, "%g", o->valuedouble);
		return n;
	}
	return o ? "(object)" : "(missing)";
}

/* Page models live in the arena `a` (view_build). */
static cJSON *page(const view *v, const char *path, arena *a)
{
	size_t i = find(v, path);
	return i == (size_t)-1 ? NULL : view_build(v, i, a);
}

/* How many pages are lists of tasks (route_list): every task's when
 * `site_wide`, else a unit's or a section's. */
static size_t count_lists(const view *v, bool site_wide)
{
	size_t n = 0;
	for (size_t i = 0; i < view_count(v); i++) {
		const char *p = view_page_at(v, i)->path;
		bool list = strstr(p, "/status/") || strstr(p, "/light/") ||
			    strstr(p, "/report/") || strstr(p, "/target/");
		bool owned = strstr(p, "/units/") || strstr(p, "/sections/");
		n += list && !owned == site_wide;
	}
	return n;
}

static void test_pages(const view *v)
{
	/* 9 pages (search too), 5 sections, 5 tasks, 4 units, in 2 languages;
	 * root, 404;
	 * the lists of every task by 7 statuses, 7 lights, 2 sets of lights,
	 * stale reports and revised targets, in 2 languages; the units' and
	 * sections' lists. */
	size_t unit_lists = count_lists(v, false);
	is_int(count_lists(v, true), (7 + 7 + 2 + 1 + 1) * 2, "lists of every task");
	ok(unit_lists > 0 && unit_lists % 2 == 0, "units' and sections' lists, "
	   "in both languages (%zu)", unit_lists);
	is_int(view_count(v), (9 + 5 + 5 + 4 + 18) * 2 + 2 + unit_lists,
	       "page count");
	is_str(view_page_at(v, 0)->path, "zh/index.html", "first page");
	is_str(view_page_at(v, 1)->path, "en/index.html", "languages adjacent");
	is_str(view_page_at(v, view_count(v) - 2)->path, "index.html", "root page");
	is_str(view_page_at(v, view_count(v) - 1)->path, "404.html", "404 page");
	ok(find(v, "en/sections/g02/index.html") != (size_t)-1 &&
	   find(v, "zh/units/youth/index.html") != (size_t)-1 &&
	   find(v, "en/tasks/t005/index.html") != (size_t)-1, "item pages");
	buf u = BUF_INIT;
	view_url(v, view_page_at(v, find(v, "en/tasks/t001/index.html")), &u);
	is_str(u.ptr, "https://example.org/plan/en/tasks/t001/", "view_url");
	buf_free(&u);
}

static void test_task(const view *v)
{
	arena *a = arena_new();
	cJSON *o = page(v, "en/tasks/t001/index.html", a);
	is_str(at(o, "task.text.text"), "Sow 1,900 mu of grain.", "English text");
	is_str(at(o, "task.text.pending"), "false", "not pending");
	is_str(at(o, "task.status.key"), "on_track", "status key");
	is_str(at(o, "task.status.label"), "status_on_track", "status label from strings");
	is_str(at(o, "task.progress.text"), "40%", "progress text");
	is_str(at(o, "task.metrics.0.target"), "at least 1900 mu", "target in words");
	is_str(at(o, "task.metrics.0.symbol"), "≥", "target symbol");
	is_str(at(o, "task.metrics.0.actual"), "1200 mu", "latest actual");
	is_str(at(o, "task.metrics.1.target"), "23701.71 10k yuan", "decimal target");
	is_str(at(o, "task.metrics.1.actual"), "no_value", "no actual reported");
	is_str(at(o, "task.lead.href"), "../../../en/units/agri/index.html", "relative link");
	is_str(at(o, "task.co_units.0.id"), "finance", "co-units are the group's other units");
	is_str(at(o, "task.n_co_units"), "1", "the lead is not among its co-units");
	is_str(at(o, "task.edit_url"),
	       "https://git.example.org/plan/-/edit/main/content/progress/t001.zh.md",
	       "edit link");
	is_str(at(o, "task.n_history"), "0", "no history without git");
	ok(strstr(at(o, "task.narrative.html"), "<strong>1,200 mu</strong>") != NULL,
	   "narrative rendered");
	is_str(at(o, "lang"), "en", "lang");
	is_str(at(o, "html_lang"), "en", "html_lang");
	is_str(at(o, "canonical"), "https://example.org/plan/en/tasks/t001/", "canonical");
	is_str(at(o, "alternates.0.hreflang"), "zh-Hans", "alternate zh");
	is_str(at(o, "alternates.2.hreflang"), "x-default", "x-default");
	is_str(at(o, "alternates.2.href"), "https://example.org/plan/zh/tasks/t001/",
	       "x-default is the default language");
	is_str(at(o, "switch.0.href"), "../../../zh/tasks/t001/index.html",
	       "language switch lands on the same page");
	is_str(at(o, "t.cmp_ge"), "at least {n}", "strings under t");

	o = page(v, "en/tasks/t002/index.html", a);
	is_str(at(o, "task.metrics.0.target"), "at most -10%", "negative target, %% unit");
	is_str(at(o, "task.metrics.0.baseline"), "baseline_previous_year", "baseline");
	is_str(at(o, "task.metrics.0.actual"), "-4.36%", "negative decimal actual");
	is_str(at(o, "task.narrative.pending"), "true", "missing English narrative");
	is_str(at(o, "task.reported_by.id"), "agri", "reported_by");

	o = page(v, "en/tasks/t003/index.html", a);
	is_str(at(o, "task.text.pending"), "true", "missing English text is pending");
	ok(!strncmp(at(o, "task.text.text"), "土地", 6), "and shows the Chinese");
	is_str(at(o, "task.metrics.0.target"), "between 5 and 10%", "between");
	is_str(at(o, "task.status.key"), "not_reported", "no report");
	is_str(at(o, "task.progress"), "(missing)", "no progress without a report");

	o = page(v, "zh/tasks/t003/index.html", a);
	is_str(at(o, "task.text.pending"), "false", "Chinese is never pending");
	arena_free(a);
}

static void test_lists(const view *v)
{
	arena *a = arena_new();
	cJSON *o = page(v, "zh/units/finance/index.html", a);
	is_str(at(o, "unit.lead.n_tasks"), "2", "finance leads 2 tasks");
	is_str(at(o, "unit.lead.tasks.1.id"), "t005", "in task order");
	is_str(at(o, "unit.co.n_tasks"), "1", "co-owns the rest of g01");
	is_str(at(o, "unit.co.tasks.0.id"), "t001", "co-owned task");

	o = page(v, "zh/index.html", a);
	is_str(at(o, "latest.0.id"), "t002", "latest report first");
	is_str(at(o, "latest.1.id"), "t001", "then the older one");
	is_str(at(o, "totals.total"), "5", "total tasks");
	/* Status order: completed, on track, at risk, delayed, not started,
	 * withdrawn, not reported. */
	is_str(at(o, "parts.rows.0.counts.1.n"), "1", "on track in part 1");
	is_str(at(o, "parts.rows.0.counts.2.n"), "1", "at risk in part 1");
	is_str(at(o, "parts.statuses.2.key"), "at_risk", "status columns named");
	ok(strstr(at(o, "parts.chart"), "Part 一") != NULL, "part chart labels");
	is_str(at(o, "data_as_of"), "2023-07-15", "data as of the newest report");

	o = page(v, "en/sections/p1/index.html", a);
	is_str(at(o, "section.n_groups"), "2", "part lists its groups");
	is_str(at(o, "section.groups.0.n_tasks"), "2", "group tasks");
	is_str(at(o, "section.plan.0.href"), "../../../en/plan/index.html#part-1",
	       "plan link to the anchor");
	ok(strstr(at(o, "section.plan.0.html"), "id=\"part-1-h1\"") != NULL,
	   "plan text with heading anchors");
	is_str(at(o, "section.total"), "3", "part counts its groups' tasks");

	o = page(v, "en/sections/g03/index.html", a);
	is_str(at(o, "section.co_note.text"), "Each according to its duties", "co_units note");
	is_str(at(o, "section.label"), "(3)", "English label in digits");
	is_str(at(o, "breadcrumbs.1.href"), "../../../en/sections/p2/index.html", "breadcrumbs");

	o = page(v, "404.html", a);
	is_str(at(o, "langs.1.href"), "https://example.org/plan/en/index.html",
	       "404 links are absolute");
	arena_free(a);
}

static void test_numbers(void)
{
	static const struct { double x; const char *s; } cases[] = {
		{ 23701.71, "23701.71" }, { 4.36, "4.36" }, { -10, "-10" },
		{ 1900, "1900" }, { 0.1, "0.1" }, { 1e6, "1000000" },
		{ 0.000001, "0.000001" }, { -0.0, "0" }, { 98.5, "98.5" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		view_number(&b, cases[i].x);
		is_str(b.ptr, cases[i].s, "view_number %s", cases[i].s);
		buf_free(&b);
	}
}

/* Quantities as the English theme says them (view_fmt_quantity): digits
 * grouped by three after any minus sign, and millions from one million. */
static void test_spoken_numbers(const view *v)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "num_group", ",");
	cJSON_AddStringToObject(t, "num_million", "{n} million");
	cJSON_AddStringToObject(t, "unit_sep", " ");
	words_index w;
	words_index_build(&w, t);
	view_ctx c = { .v = v, .lang = "en", .lang_index = 1, .latin = true,
		       .t = t, .w = &w };
	const char *mu[] = { "亩", "mu" };
	static const struct { double x; const char *s; } cases[] = {
		{ 999, "999 mu" }, { 1900, "1,900 mu" }, { 25000, "25,000 mu" },
		{ -1200, "-1,200 mu" }, { -120000, "-120,000 mu" },
		{ 999999, "999,999 mu" }, { 1e6, "1 million mu" },
		{ 2500000, "2.5 million mu" }, { -3000000, "-3 million mu" },
		{ 1234.5, "1,234.5 mu" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		view_fmt_quantity(&c, &b, cases[i].x, (ltext){ mu });
		is_str(b.ptr, cases[i].s, "quantity %s", cases[i].s);
		buf_free(&b);
	}
	words_index_free(&w);
	cJSON_Delete(t);
}

int main(void)
{
	diag *d = diag_new();
	model *m = check_load(FIXTURE, d);
	ok(m != NULL, "fixture loads");
	if (!m) {
		diag_print(d, stdout);
		return done_testing();
	}
	const cJSON *s[2] = { strings("zh-Hans", "han"),
				 strings("en", "latin") };
	view_opts o = { .strings = s };
	view *v = view_new(m, &o);
	test_pages(v);
	test_task(v);
	test_lists(v);
	test_numbers();
	test_spoken_numbers(v);
	view_free(v);
	cJSON_Delete((cJSON *)s[0]);
	cJSON_Delete((cJSON *)s[1]);
	model_free(m);
	diag_free(d);
	return done_testing();
}
