/* view_blocks.c - building blocks of page models (view_int.h). */
#include "view_int.h"
#include "histview.h"
#include "md.h"

#include <stdio.h>
#include <string.h>

/* Most advanced first, "not yet reported" last. */
const task_status view_blk_status_order[STATUS_COUNT] = {
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

void view_blk_add_list(const view_ctx *c, cJSON *o, const char *key,
		       cJSON *list)
{
	char n[64];
	snprintf(n, sizeof n, "n_%s", key);
	ajson_put_number(c->a, o, n, (double)cJSON_GetArraySize(list));
	ajson_put(c->a, o, key, list);
}

void view_blk_add_text(const view_ctx *c, cJSON *o, const char *key,
		       ltext t)
{
	cJSON *x = ajson_object(c->a);
	ajson_put_string(c->a, x, "text", view_plain(c, t));
	view_add_pending(c, x, t);
	ajson_put(c->a, o, key, x);
}

static void add_href(view_ctx *c, cJSON *o, view_kind k, const char *id)
{
	ajson_put_string(c->a, o, "href", view_route_href(c, k, id));
}

static const char *status_label(const view_ctx *c, task_status s)
{
	char key[64];
	snprintf(key, sizeof key, "status_%s", model_status_name(s));
	return view_str(c, key);
}

cJSON *view_blk_status(const view_ctx *c, task_status s)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "key", model_status_name(s));
	ajson_put_string(c->a, o, "label", status_label(c, s));
	ajson_put_string(c->a, o, "symbol", status_symbols[s]);
	return o;
}

cJSON *view_blk_statuses(const view_ctx *c)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < STATUS_COUNT; k++)
		cJSON_AddItemToArray(a, view_blk_status(c,
				     view_blk_status_order[k]));
	return a;
}

/* A unit's columns link to the parts of its lists named as the columns. */
cJSON *view_blk_status_table(view_ctx *c, const char *const *keys,
			     const long *const *cols, size_t n_cols,
			     const unit *u, const section *s)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		task_status st = view_blk_status_order[k];
		const view_list l = { view_list_filter(c->v, ROUTE_BY_STATUS,
						       1u << st), u, s };
		cJSON *o = ajson_object(c->a);
		ajson_put(c->a, o, "status", view_blk_status(c, st));
		for (size_t j = 0; j < n_cols; j++)
			ajson_put(c->a, o, keys[j], view_list_link(c, &l,
				  u ? keys[j] : NULL, cols[j][st]));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

cJSON *view_blk_status_rows(view_ctx *c, const long *n, const section *s)
{
	static const char *const count[] = { "count" };
	return view_blk_status_table(c, count, &n, 1, NULL, s);
}

void view_blk_status_series(const view_ctx *c, chart_item *items,
			    const long *n)
{
	static const char *const cls[STATUS_COUNT] = {
		[STATUS_NONE] = "st-not_reported",
		[STATUS_NOT_STARTED] = "st-not_started",
		[STATUS_ON_TRACK] = "st-on_track", [STATUS_AT_RISK] = "st-at_risk",
		[STATUS_DELAYED] = "st-delayed", [STATUS_COMPLETED] = "st-completed",
		[STATUS_WITHDRAWN] = "st-withdrawn",
	};
	for (size_t k = 0; k < STATUS_COUNT; k++) {
		task_status s = view_blk_status_order[k];
		items[k] = (chart_item){ status_label(c, s), cls[s], n ? n[s] : 0 };
	}
}

void view_blk_add_chart(const view_ctx *c, cJSON *o, const char *id,
			const char *title_key, const chart_row *rows, size_t n)
{
	chart_item series[STATUS_COUNT];
	buf svg = BUF_INIT;
	view_blk_status_series(c, series, NULL);
	chart_stacked(&svg, id, view_str(c, title_key), series, STATUS_COUNT,
		      rows, n);
	ajson_put_string(c->a, o, "chart", buf_cstr(&svg));
	buf_free(&svg);
}

void view_blk_ordered(const long *n, long *out)
{
	for (size_t k = 0; k < STATUS_COUNT; k++)
		out[k] = n[view_blk_status_order[k]];
}

const char *view_blk_section_label(const view_ctx *c, const section *s)
{
	return c->latin ? c->v->label_en[s->index] : s->label_zh;
}

cJSON *view_blk_unit_link(view_ctx *c, const unit *u)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "id", u->id);
	add_href(c, o, VIEW_UNIT, u->id);
	view_blk_add_text(c, o, "name", u->name);
	return o;
}

cJSON *view_blk_section_link(view_ctx *c, const section *s)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "id", s->id);
	add_href(c, o, VIEW_SECTION, s->id);
	ajson_put_string(c->a, o, "label", view_blk_section_label(c, s));
	view_blk_add_text(c, o, "title", s->title);
	return o;
}

cJSON *view_blk_co_units(view_ctx *c, const section *s, const unit *except)
{
	cJSON *a = ajson_array(c->a);
	for (size_t k = 0; k < s->co_unit_ids.n; k++)
		if (s->co_units[k] != except)
			cJSON_AddItemToArray(a, view_blk_unit_link(c,
					     s->co_units[k]));
	return a;
}

/* The date in the site's time zone, the URL "" without site.commit_url. */
cJSON *view_blk_commit(const view_ctx *c, const hist_commit *cm)
{
	cJSON *o = ajson_object(c->a);
	int off = c->v->m->site.utc_offset_min;
	buf b = BUF_INIT;
	histview_date(cm->time, off, &b);
	ajson_put_string(c->a, o, "date", buf_cstr(&b));
	buf_clear(&b);
	histview_rfc3339(cm->time, off, &b);
	ajson_put_string(c->a, o, "time", buf_cstr(&b));
	buf_clear(&b);
	histview_commit_url(c->v->m, cm->id, &b);
	ajson_put_string(c->a, o, "commit_url", buf_cstr(&b));
	buf_clear(&b);
	buf_printf(&b, "%.7s", cm->id);
	ajson_put_string(c->a, o, "commit_short", buf_cstr(&b));
	ajson_put_string(c->a, o, "commit", cm->id);
	const model *m = c->v->m;
	ajson_put_string(c->a, o, "author", model_convert(m, c->pg->lang,
							  cm->author));
	ajson_put_string(c->a, o, "summary", model_convert(m, c->pg->lang,
							   cm->summary));
	buf_free(&b);
	return o;
}

/* Space-separated ids of the lead and co-units, for the list filter. */
static void add_unit_ids(const view_ctx *c, cJSON *o, const task *t,
			 buf *b)
{
	buf_clear(b);
	buf_puts(b, t->lead_id);
	for (size_t k = 0; t->section && k < t->section->co_unit_ids.n; k++) {
		buf_putc(b, ' ');
		buf_puts(b, t->section->co_unit_ids.v[k]);
	}
	ajson_put_string(c->a, o, "units", buf_cstr(b));
}

cJSON *view_blk_task_item(view_ctx *c, const task *t)
{
	cJSON *o = ajson_object(c->a);
	const progress *p = t->progress;
	ajson_put_string(c->a, o, "id", t->id);
	add_href(c, o, VIEW_TASK, t->id);
	view_blk_add_text(c, o, "text", t->text);
	ajson_put(c->a, o, "status",
		  view_blk_status(c, view_derive_status(c->v, t)));
	ajson_put(c->a, o, "rating", view_schedule_light(c, t));
	if (t->lead)
		ajson_put(c->a, o, "lead", view_blk_unit_link(c, t->lead));
	if (t->section)
		ajson_put(c->a, o, "section",
			  view_blk_section_link(c, t->section));
	if (view_derive_is_gone(c->v, t))
		ajson_put(c->a, o, "withdrawn", view_blk_commit(c,
			  view_derive_withdrawn(c->v, t)));
	if (p && p->percent >= 0) {
		ajson_put_number(c->a, o, "percent", (double)p->percent);
		buf_clear(&c->tmp);
		buf_printf(&c->tmp, "%ld%%", p->percent);
		ajson_put_string(c->a, o, "percent_text", buf_cstr(&c->tmp));
	}
	if (p)
		ajson_put_string(c->a, o, "as_of", p->as_of);
	add_unit_ids(c, o, t, &c->tmp);
	return o;
}

cJSON *view_blk_task_items(view_ctx *c, const view_idx *l)
{
	cJSON *a = ajson_array(c->a);
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, view_blk_task_item(c,
				     view_derive_task(c->v, l->v[i])));
	return a;
}

void view_blk_add_crumb(const view_ctx *c, cJSON *crumbs, const char *href,
			const char *label)
{
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "href", href);
	ajson_put_string(c->a, o, "label", label);
	cJSON_AddItemToArray(crumbs, o);
}

static cJSON *crumbs_home(view_ctx *c)
{
	cJSON *a = ajson_array(c->a);
	view_blk_add_crumb(c, a, view_route_href(c, VIEW_HOME, NULL),
			   view_str(c, "nav_home"));
	return a;
}

cJSON *view_blk_crumbs_to(view_ctx *c, const section *s, bool self)
{
	cJSON *a = crumbs_home(c);
	const section *chain[2] = { NULL, NULL };
	size_t n = 0;
	for (const section *p = self ? s : s->parent; p && n < 2; p = p->parent)
		chain[n++] = p;
	while (n--) {
		buf label = BUF_INIT;
		buf_printf(&label, "%s %s", view_blk_section_label(c, chain[n]),
			   view_plain(c, chain[n]->title));
		view_blk_add_crumb(c, a, view_route_href(c, VIEW_SECTION,
							 chain[n]->id),
				   buf_cstr(&label));
		buf_free(&label);
	}
	return a;
}

cJSON *view_blk_crumbs_under(view_ctx *c, view_kind list, const char *key)
{
	cJSON *a = crumbs_home(c);
	view_blk_add_crumb(c, a, view_route_href(c, list, NULL), view_str(c, key));
	return a;
}

cJSON *view_blk_markdown(const view_ctx *c, ltext src, const char *prefix,
			 int top_level)
{
	cJSON *o = ajson_object(c->a);
	const char *s = view_plain(c, src);
	buf html = BUF_INIT;
	md_opts mo = { prefix, top_level };
	md_render(s, strlen(s), &mo, &html);
	ajson_put_string(c->a, o, "html", buf_cstr(&html));
	view_add_pending(c, o, src);
	buf_free(&html);
	return o;
}

/* The glossary's English for `zh`, or NULL. */
static const char *glossary_en(const model *m, const char *zh)
{
	for (size_t i = 0; i < m->n_terms; i++)
		if (!strcmp(m->terms[i].term_zh, zh) && *m->terms[i].term_en)
			return m->terms[i].term_en;
	return NULL;
}

/* doc_number_en, on English pages, is the number's romanised form as the
 * glossary gives it ("Jiang Hai Nong Ban [2023] No. 93"). */
cJSON *view_blk_plan_meta(view_ctx *c)
{
	const site_config *s = &c->v->m->site;
	cJSON *o = ajson_object(c->a);
	view_blk_add_text(c, o, "title", s->plan_title);
	view_blk_add_text(c, o, "issuer", s->issuer);
	ajson_put_string(c->a, o, "doc_number", s->doc_number);
	const char *roman = c->latin && *s->doc_number ?
		glossary_en(c->v->m, s->doc_number) : NULL;
	if (roman)
		ajson_put_string(c->a, o, "doc_number_en", roman);
	ajson_put_string(c->a, o, "issued", s->issued);
	ajson_put_string(c->a, o, "source_url", s->source_url);
	return o;
}

cJSON *view_blk_license(const view_ctx *c)
{
	const site_config *s = &c->v->m->site;
	cJSON *o = ajson_object(c->a);
	ajson_put_string(c->a, o, "id", s->license_id);
	ajson_put_string(c->a, o, "name", s->license_name);
	ajson_put_string(c->a, o, "url", s->license_url);
	return o;
}

void view_blk_add_feed(view_ctx *c, cJSON *o, const char *key, const unit *u)
{
	if (c->v->h)
		ajson_put_string(c->a, o, key, view_route_feed(c, u));
}

/* Each with its language's strings `t`: the root and 404 pages speak
 * every language at once. */
cJSON *view_blk_lang_links(view_ctx *c)
{
	const view *v = c->v;
	cJSON *a = ajson_array(c->a);
	for (size_t l = 0; l < v->n_langs; l++) {
		const cJSON *t = v->o.strings[l];
		cJSON *o = ajson_object(c->a);
		buf_clear(&c->tmp);
		buf_puts(&c->tmp, buf_cstr(&c->root));
		view_route_path(&c->tmp, v->m->site.languages.v[l], VIEW_HOME,
				NULL);
		ajson_put_string(c->a, o, "href", buf_cstr(&c->tmp));
		ajson_put_string(c->a, o, "hreflang", cJSON_GetObjectItem(t,
				 "html_lang")->valuestring);
		ajson_put_string(c->a, o, "label", cJSON_GetObjectItem(t,
				 "lang_name")->valuestring);
		ajson_put(c->a, o, "t", ajson_ref(c->a, t));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}
