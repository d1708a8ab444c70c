#include "model.h"
#include "arena.h"
#include "buf.h"
#include "hanconv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[STATUS_COUNT] = {
	[STATUS_NONE] = "not_reported",
	[STATUS_NOT_STARTED] = "not_started",
	[STATUS_ON_TRACK] = "on_track",
	[STATUS_AT_RISK] = "at_risk",
	[STATUS_DELAYED] = "delayed",
	[STATUS_COMPLETED] = "completed",
	[STATUS_WITHDRAWN] = "withdrawn",
};

model *model_new(const char *content_dir)
{
	model *m = xcalloc(1, sizeof *m);
	m->arena = arena_new();
	m->content_dir = arena_strdup(m->arena, content_dir);
	m->made = xcalloc(1, sizeof *m->made);
	m->site.layouts = "";    /* read before site.yaml may have failed */
	m->site.theme = "";
	return m;
}

void model_free(model *m)
{
	if (!m)
		return;
	smap *maps[] = { &m->unit_ids, &m->unit_names, &m->section_ids,
			 &m->task_ids, &m->metric_ids, &m->plan_ids };
	for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
		smap_free(maps[i]);
	free(m->units);
	free(m->sections);
	free(m->tasks);
	free(m->metrics);
	free(m->terms);
	free(m->layouts);
	free(m->plan);
	free(m->reports);
	for (size_t l = 0; m->conv && l < m->site.languages.n; l++)
		hanconv_free(m->conv[l]);
	free(m->conv);
	if (m->made)
		free(m->made->v);
	free(m->made);
	arena_free(m->arena);
	free(m);
}

unit *model_unit(const model *m, const char *id)
{
	return smap_get(&m->unit_ids, id);
}

section *model_section(const model *m, const char *id)
{
	return smap_get(&m->section_ids, id);
}

task *model_task(const model *m, const char *id)
{
	return smap_get(&m->task_ids, id);
}

metric *model_metric(const model *m, const char *id)
{
	return smap_get(&m->metric_ids, id);
}

plan_doc *model_plan_doc(const model *m, const char *id)
{
	return smap_get(&m->plan_ids, id);
}

ltext ltext_new(const model *m)
{
	size_t n = m->site.languages.n;
	const char **v = arena_alloc(m->arena, n * sizeof *v);
	for (size_t l = 0; l < n; l++)
		v[l] = "";
	struct ltext_log *made = m->made;
	if (made->n == made->cap) {
		made->cap = made->cap ? 2 * made->cap : 64;
		made->v = xrealloc(made->v, made->cap * sizeof *made->v);
	}
	made->v[made->n++] = v;
	return (ltext){ v };
}

size_t model_written_lang(const model *m, size_t lang)
{
	size_t from = m->site.derived_from[lang];
	return from == SIZE_MAX ? lang : from;
}

const char *model_convert(const model *m, size_t lang, const char *text)
{
	if (!m->conv || !m->conv[lang])
		return text;
	const char *t = hanconv_text(m->conv[lang], text);
	return t ? t : text;
}

void model_notes_path(const model *m, size_t lang, buf *out)
{
	const char *tag = m->site.languages.v[lang];
	if (strcmp(tag, "en"))
		buf_printf(out, "NOTES.%s.md", tag);
	else
		buf_puts(out, "NOTES.md");
}

bool model_text_any(const model *m, ltext t)
{
	for (size_t l = 0; l < m->site.languages.n; l++)
		if (*ltext_get(t, l))
			return true;
	return false;
}

size_t model_lang(const model *m, const char *tag)
{
	for (size_t l = 0; l < m->site.languages.n; l++)
		if (!strcmp(m->site.languages.v[l], tag))
			return l;
	return SIZE_MAX;
}

size_t model_text_lang(const model *m, ltext t, size_t lang)
{
	for (const size_t *c = m->site.lang_chain[lang]; *c != SIZE_MAX; c++)
		if (*ltext_get(t, *c))
			return *c;
	return lang;
}

const char *model_text(const model *m, ltext t, size_t lang)
{
	return ltext_get(t, model_text_lang(m, t, lang));
}

const char *model_status_name(task_status s)
{
	return s < STATUS_COUNT ? status_names[s] : NULL;
}

task_status model_status_parse(const char *s)
{
	for (int i = STATUS_NOT_STARTED; i < STATUS_COUNT; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (task_status)i;
	return STATUS_NONE;
}

/* ISO dates compare as strings. */
const char *model_newest_as_of(const model *m)
{
	const char *newest = "";
	for (size_t i = 0; i < m->n_reports; i++)
		if (strcmp(m->reports[i].as_of, newest) > 0)
			newest = m->reports[i].as_of;
	return newest;
}
