/* export_meta.c - see export_int.h: the metadata's texts, from the theme's
 * strings, and the pieces of JSON that the metadata formats (CSVW, Data
 * Package, schema.org JSON-LD) share. */
#include "export_int.h"

#include "arena.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const char *const export_required_strings[] = {
	"meta_description", "meta_escape_rule", "meta_package_about",
	"meta_package_title", "meta_table_files", "meta_file_name",
	"meta_kind_csv", "meta_kind_csv_excel", "meta_kind_json",
	"meta_kind_csvw", "meta_kind_datapackage", "meta_kind_sqlite",
	"meta_sqlite_title",
	"meta_table_units", "meta_table_units_about",
	"meta_table_sections", "meta_table_sections_about",
	"meta_table_tasks", "meta_table_tasks_about",
	"meta_table_metrics", "meta_table_metrics_about",
	"meta_table_progress", "meta_table_progress_about",
	"meta_table_actuals", "meta_table_actuals_about",
	"meta_table_evidence", "meta_table_evidence_about",
	"meta_table_history", "meta_table_history_about",
	"meta_table_glossary", "meta_table_glossary_about",
	NULL
};

static size_t n_langs(const export_ctx *c)
{
	return c->m->site.languages.n;
}

static ltext new_text(const export_ctx *c)
{
	return (ltext){ arena_alloc(c->a, n_langs(c) * sizeof(const char *)) };
}

ltext export_words(const export_ctx *c, const char *key)
{
	return export_words_with(c, key, NULL, NULL, 0);
}

ltext export_words_with(const export_ctx *c, const char *key,
			const char *const *names, const ltext *values,
			size_t n)
{
	ltext t = new_text(c);
	const char *kv[8][2];
	if (n > 8)
		abort();    /* a bug: raise the bound */
	for (size_t l = 0; l < n_langs(c); l++) {
		for (size_t i = 0; i < n; i++) {
			kv[i][0] = names[i];
			kv[i][1] = ltext_get(values[i], l);
		}
		buf b = BUF_INIT;
		words_expand(&b, words_get(c->t[l], key),
			     (const char *const (*)[2])kv, n);
		t.v[l] = export_own(c->a, &b);
	}
	return t;
}

ltext export_same(const export_ctx *c, const char *s)
{
	ltext t = new_text(c);
	for (size_t l = 0; l < n_langs(c); l++)
		t.v[l] = s;
	return t;
}

ltext export_meaning(const export_ctx *c, const char *en, const char *zh)
{
	ltext t = new_text(c);
	for (size_t l = 0; l < n_langs(c); l++)
		t.v[l] = l == c->en ? en : l == c->zh ? zh : "";
	return t;
}

static ltext table_words(const export_ctx *c, const export_table *t,
			 const char *suffix)
{
	buf key = BUF_INIT;
	buf_printf(&key, "meta_table_%s%s", t->name, suffix);
	ltext s = export_words(c, buf_cstr(&key));
	buf_free(&key);
	return s;
}

ltext export_table_title(const export_ctx *c, const export_table *t)
{
	return table_words(c, t, "");
}

ltext export_table_about(const export_ctx *c, const export_table *t)
{
	return table_words(c, t, "_about");
}

/* `x` in each language as its pages show it (along the fallbacks). */
static ltext shown(const export_ctx *c, ltext x)
{
	ltext t = new_text(c);
	for (size_t l = 0; l < n_langs(c); l++)
		t.v[l] = model_text(c->m, x, l);
	return t;
}

ltext export_meta_description(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	const char *names[] = { "site", "plan", "doc_number", "issuer",
				"issued" };
	const ltext values[] = { shown(c, s->title), shown(c, s->plan_title),
				 export_same(c, s->doc_number),
				 shown(c, s->issuer), export_same(c, s->issued) };
	return export_words_with(c, "meta_description", names, values,
				 EXPORT_COUNT(names));
}

cJSON *export_meta_strings(const char *const *v)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; v[i]; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
	return arr;
}

cJSON *export_meta_all(const export_ctx *c, ltext t)
{
	buf b = BUF_INIT;
	buf_puts(&b, ltext_get(t, c->main));
	for (size_t l = 0; l < c->m->site.n_written; l++)
		if (l != c->main && *ltext_get(t, l))
			buf_printf(&b, " %s", ltext_get(t, l));
	cJSON *s = cJSON_CreateString(b.ptr);
	buf_free(&b);
	return s;
}

cJSON *export_meta_lang_values(const export_ctx *c, ltext t)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t l = 0; l < c->m->site.n_written; l++) {
		if (!*ltext_get(t, l))
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "@value", ltext_get(t, l));
		cJSON_AddStringToObject(o, "@language",
					c->m->site.languages.v[l]);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

const char *export_meta_main(const export_ctx *c, ltext t)
{
	const char *s = ltext_get(t, c->main);
	return *s ? s : ltext_get(t, 0);
}

void export_meta_add_langs(const export_ctx *c, cJSON *o, const char *key,
			   ltext t)
{
	cJSON_AddStringToObject(o, key, export_meta_main(c, t));
	for (size_t l = 0; l < c->m->site.n_written; l++) {
		if (l == c->main)
			continue;
		buf k = BUF_INIT;
		buf_printf(&k, "%s_%s", key, c->m->site.languages.v[l]);
		cJSON_AddStringToObject(o, buf_cstr(&k), ltext_get(t, l));
		buf_free(&k);
	}
}
