/* export_json.c - data/<t>.json: an array of typed records, each with the
 * canonical page URLs url_<tag> in every language (url_zh, url_en; null
 * for a record without a page). */
#include "export_int.h"
#include "route.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

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
static cJSON *json_value(const export_column *col, const char *s)
{
	if (col->type == EXPORT_LIST)
		return json_list(s);
	if (!*s)
		return cJSON_CreateNull();
	if (col->type == EXPORT_NUMBER || col->type == EXPORT_INTEGER)
		return cJSON_CreateRaw(s);
	return cJSON_CreateString(s);
}

static cJSON *json_url(const export_ctx *c, const char *lang, const char *page)
{
	if (!page)
		return cJSON_CreateNull();
	buf b = BUF_INIT;
	route_url(&b, c->m, lang, page);
	cJSON *s = cJSON_CreateString(b.ptr);
	buf_free(&b);
	return s;
}

static cJSON *json_row(const export_ctx *c, const export_grid *g, size_t r)
{
	const export_table *t = g->t;
	cJSON *o = cJSON_CreateObject();
	const char **row = &g->cells[r * t->ncols], *page = g->pages[r];
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToObject(o, t->cols[i].name,
				      json_value(&t->cols[i], row[i]));
	const strlist *langs = &c->m->site.languages;
	buf key = BUF_INIT;
	for (size_t l = 0; l < c->m->site.n_written; l++) {
		buf_clear(&key);
		buf_printf(&key, "url_%s", langs->v[l]);
		cJSON_AddItemToObject(o, buf_cstr(&key),
				      json_url(c, langs->v[l], page));
	}
	buf_free(&key);
	return o;
}

/* The rows as one JSON array, printed a row at a time: the whole array as
 * a cJSON tree took several times the size of its text (history.json is
 * 100 MB at 20,000 tasks). The bytes are cJSON_Print's for the whole
 * array: a row printed on its own is one level shallower, and strings
 * hold no raw line end, so a tab after each line end puts it in place. */
static int json_rows(const export_ctx *c, const export_grid *g, buf *out)
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

int export_json_write(export_ctx *c, const export_grid *g)
{
	static const export_kind kind = { "json", "application/json",
					  "meta_kind_json" };
	const export_table *t = g->t;
	const char *path = export_fmt(c->a, "data/%s.json", t->name);
	buf json = BUF_INIT;
	int rc;
	if (json_rows(c, g, &json) != 0) {
		diag_error(c->d, path, 0, 0, "out of memory printing JSON");
		rc = -1;
	} else {
		rc = export_emit(c, &kind, path, t->name,
				 export_table_title(c, t), json.ptr, json.len,
				 g->n);
	}
	buf_free(&json);
	return rc;
}
