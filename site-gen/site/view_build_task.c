/* view_build_task.c - a task: task (a task item plus part?, co_units (the
 * other units of its section's cell), co_note?, due, metrics [{id, name,
 * symbol, target, revised? {was, reason, no_reason}, baseline, actual}],
 * reported_by?, progress? {percent, text, bar (marking the expected)},
 * evidence [{caption, href, file? {about, sha256}, host?}],
 * schedule (view_schedule_task), narrative? {html, pending}, edit_url?,
 * history), breadcrumbs. */
#include "view_int.h"
#include "arena.h"
#include "histview.h"
#include "md.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* symbol: "≥"; target: "at least 25,000 tonnes" (view_fmt_target). */
static void metric_target(const view_ctx *c, const metric *mt, cJSON *o)
{
	ajson_put_string(c->a, o, "symbol", view_fmt_symbol(mt->comparator));
	buf out = BUF_INIT;
	view_fmt_target(c, mt, &out);
	ajson_put_string(c->a, o, "target", buf_cstr(&out));
	buf_free(&out);
}

/* revised {was, reason}: "originally 1900 mu" and why, for a target
 * changed after it was first published (hist_metric_revision). */
static void metric_revised(const view_ctx *c, const metric *mt, cJSON *o)
{
	const hist *h = c->v->h;
	const hist_change *rev = h ? hist_metric_revision(h, mt->id) : NULL;
	if (!rev)
		return;
	const char *first = view_derive_first_target(h, mt->id);
	buf n = BUF_INIT, was = BUF_INIT;
	if (first && *first)
		view_fmt_quantity(c, &n, strtod(first, NULL),
				  view_derive_first_unit(c->v, mt, c->a));
	if (n.len)
		words_expand1(&was, view_str(c, "target_originally"), "n",
				 buf_cstr(&n));
	cJSON *r = ajson_put_object(c->a, o, "revised");
	ajson_put_string(c->a, r, "was", buf_cstr(&was));
	const char *why = histview_revision_reason(h, c->v->m, c->lang_index,
						   rev);
	buf_clear(&n);
	if (why)
		words_expand1(&n, view_str(c, "target_reason"), "reason", why);
	ajson_put_string(c->a, r, "reason", why ? buf_cstr(&n)
					       : view_str(c, "target_no_reason"));
	ajson_put_bool(c->a, r, "no_reason", !why);
	buf_free(&n);
	buf_free(&was);
}

static cJSON *metric_obj(const view_ctx *c, const metric *mt,
			 const progress *p)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "id", mt->id);
	view_blk_add_text(c, o, "name", mt->name);
	metric_target(c, mt, o);
	metric_revised(c, mt, o);
	ajson_put_string(c->a, o, "baseline", view_str(c, strcmp(mt->baseline,
		"previous_year") ? "baseline_level" : "baseline_previous_year"));
	buf b = BUF_INIT;
	for (size_t k = 0; p && k < p->n_actuals && !b.len; k++)
		if (p->actuals[k].metric == mt)
			view_fmt_actual(c, &b, mt, p->actuals[k].value);
	ajson_put_string(c->a, o, "actual", b.len ? buf_cstr(&b)
						  : view_str(c, "no_value"));
	buf_free(&b);
	return o;
}

/* The progress bar, with a marker at the progress the schedule expects
 * (said in its description) unless the task is done or withdrawn. */
static void task_bar(view_ctx *c, const task *t, const cJSON *sched,
		     const char *pct, buf *svg)
{
	pace_rating r = c->v->pace[t->index];
	const cJSON *exp = cJSON_GetObjectItem(sched, "expected");
	bool marker = exp && r.light != PACE_DONE && r.light != PACE_WITHDRAWN;
	buf desc = BUF_INIT;
	buf_puts(&desc, pct);
	if (marker)
		buf_printf(&desc, " · %s", exp->valuestring);
	chart_progress(svg, "progress", view_str(c, "progress_title"),
		       buf_cstr(&desc), t->progress->percent,
		       marker ? r.expected : -1);
	buf_free(&desc);
}

/* The host a link leads to: "www.example.gov.cn" (load checked the URL:
 * http(s)://, a host). */
static const char *link_host(const view_ctx *c, const char *url)
{
	const char *h = strstr(url, "//") + 2;
	size_t n = strcspn(h, "/?#");
	const char *at = memchr(h, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	return arena_strndup(c->a, h, n);
}

/* A file's type, size and checksum: "PDF, 1.2 MB, SHA-256" and the hash. */
static cJSON *evidence_file(const view_ctx *c, const evidence *e)
{
	static const struct { const char *type, *label; } labels[] = {
		{ "application/pdf", "PDF" }, { "image/jpeg", "JPEG" },
		{ "image/png", "PNG" } };
	const char *label = e->media_type;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].type, e->media_type))
			label = labels[i].label;
	buf size = BUF_INIT, about = BUF_INIT;
	view_fmt_file_size(c, &size, e->bytes);
	const char *kv[][2] = { { "type", label }, { "size", buf_cstr(&size) } };
	words_expand(&about, view_str(c, "evidence_file"),
		     (const char *const (*)[2])kv, 2);
	cJSON *f = ajson_object(c->a);
	ajson_put_string(c->a, f, "about", buf_cstr(&about));
	ajson_put_string(c->a, f, "sha256", e->sha256);
	buf_free(&size);
	buf_free(&about);
	return f;
}

static cJSON *task_evidence(view_ctx *c, const progress *p)
{
	cJSON *list = ajson_array(c->a);
	for (size_t k = 0; k < p->n_evidence; k++) {
		const evidence *e = &p->evidence[k];
		cJSON *o = ajson_object(c->a);
		view_blk_add_text(c, o, "caption", e->caption);
		if (e->kind == EVIDENCE_FILE) {
			buf path = BUF_INIT;
			route_evidence(&path, c->lang, p->task_id, e->file);
			ajson_put_string(c->a, o, "href",
					 view_route_file(c, buf_cstr(&path)));
			ajson_put(c->a, o, "file", evidence_file(c, e));
			buf_free(&path);
		} else {
			buf host = BUF_INIT;
			words_expand1(&host, view_str(c, "evidence_link"), "host",
				      link_host(c, e->url));
			ajson_put_string(c->a, o, "href", e->url);
			ajson_put_string(c->a, o, "host", buf_cstr(&host));
			buf_free(&host);
		}
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

static void task_report(view_ctx *c, const task *t, const cJSON *sched,
			cJSON *x)
{
	const progress *p = t->progress;
	if (!p)
		return;
	ajson_put(c->a, x, "reported_by",
		  view_blk_unit_link(c, p->reported_by));
	if (p->percent >= 0) {
		cJSON *pr = ajson_put_object(c->a, x, "progress");
		buf svg = BUF_INIT;
		const char *pct =
			cJSON_GetObjectItem(x, "percent_text")->valuestring;
		task_bar(c, t, sched, pct, &svg);
		ajson_put_number(c->a, pr, "percent", (double)p->percent);
		ajson_put_string(c->a, pr, "text", pct);
		ajson_put_string(c->a, pr, "bar", buf_cstr(&svg));
		buf_free(&svg);
	}
	if (model_text_any(c->v->m, p->narrative))
		ajson_put(c->a, x, "narrative",
			view_blk_markdown(c, p->narrative, "narrative", 3));
	view_blk_add_list(c, x, "evidence", task_evidence(c, p));
}

/* The site's edit link for the task's report, {path} filled in. */
static void task_edit_url(view_ctx *c, const task *t, cJSON *x)
{
	const char *pat = c->v->m->site.edit_url;
	if (!*pat)
		return;
	buf path = BUF_INIT, url = BUF_INIT;
	buf_printf(&path, "progress/%s.%s.md", t->id,
		   c->v->m->site.languages.v[0]);
	words_expand1(&url, pat, "path", buf_cstr(&path));
	ajson_put_string(c->a, x, "edit_url", buf_cstr(&url));
	buf_free(&path);
	buf_free(&url);
}

/* A change's earlier version of the report's text, rendered as
 * narrative_version {html}, its heading ids unique on the page. */
static void render_narrative(const view_ctx *c, cJSON *ch, int k)
{
	cJSON *src = cJSON_GetObjectItem(ch, "narrative_md");
	if (!cJSON_IsString(src))
		return;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "history-%d", k);
	md_opts mo = { prefix, 4 };
	buf html = BUF_INIT;
	md_render(src->valuestring, strlen(src->valuestring), &mo, &html);
	cJSON *n = ajson_object(c->a);
	ajson_put_string(c->a, n, "html", buf_cstr(&html));
	cJSON_DetachItemFromObject(ch, "narrative_md");
	ajson_put(c->a, ch, "narrative_version", n);
	buf_free(&html);
}

/* The task's timeline from git (histview.h), newest first. */
static cJSON *task_history(const view_ctx *c, const task *t)
{
	if (!c->v->h)
		return ajson_array(c->a);
	cJSON *a = histview_timeline_json(c->v->h, c->v->m, c->v->o.strings,
					   c->lang_index, t->id, c->a);
	cJSON *e, *ch;
	int k = 0;
	cJSON_ArrayForEach(e, a) {
		k++;
		cJSON_ArrayForEach(ch, cJSON_GetObjectItem(e, "changes"))
			render_narrative(c, ch, k);
	}
	return a;
}

/* Home, the part and the section; a withdrawn task whose section is gone
 * too is found under all tasks. */
static cJSON *task_crumbs(view_ctx *c, const section *s)
{
	if (s)
		return view_blk_crumbs_to(c, s, true);
	return view_blk_crumbs_under(c, VIEW_TASKS, "nav_tasks");
}

static void task_section(view_ctx *c, const task *t, const section *s,
			 cJSON *x)
{
	if (s && s->parent)
		ajson_put(c->a, x, "part",
			  view_blk_section_link(c, s->parent));
	view_blk_add_list(c, x, "co_units", s ? view_blk_co_units(c, s, t->lead)
					   : ajson_array(c->a));
	if (s && model_text_any(c->v->m, s->co_note))
		view_blk_add_text(c, x, "co_note", s->co_note);
}

const char *view_build_task(view_ctx *c, cJSON *o)
{
	const task *t = c->pg->item;
	const section *s = t->section;
	cJSON *x = view_blk_task_item(c, t);
	ajson_put(c->a, o, "task", x);
	task_section(c, t, s, x);
	ajson_put_string(c->a, x, "due", t->due);
	cJSON *metrics = ajson_array(c->a);
	for (size_t k = 0; k < t->n_metrics; k++)
		cJSON_AddItemToArray(metrics, metric_obj(c, t->metrics[k],
							 t->progress));
	view_blk_add_list(c, x, "metrics", metrics);
	cJSON *sched = view_schedule_task(c, t);
	task_report(c, t, sched, x);
	ajson_put(c->a, x, "schedule", sched);
	if (!view_derive_is_gone(c->v, t))   /* a withdrawn task has no file */
		task_edit_url(c, t, x);
	view_blk_add_list(c, x, "history", task_history(c, t));
	view_blk_add_list(c, o, "breadcrumbs", task_crumbs(c, s));
	return view_plain(c, t->text);
}
