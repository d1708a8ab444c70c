/* view_build_data.c - downloads: files [{href, name, title, format,
 * format_label, media_type, size, rows, excel}], schema_href?, snapshots
 * [{tag, date, files [{href, name}]}], jsonld? (a JSON string, safe inside
 * <script>), data_as_of, license. */
#include "view_int.h"
#include "histview.h"
#include "route.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

/* The theme's name of the format ("fmt_csv_excel"), else the format's. */
static const char *format_label(view_ctx *c, const char *format)
{
	buf_clear(&c->tmp);
	buf_printf(&c->tmp, "fmt_%s", format);
	for (char *p = c->tmp.ptr; *p; p++)
		if (*p == '-')
			*p = '_';
	const char *label = view_str(c, buf_cstr(&c->tmp));
	return *label ? label : format;
}

static cJSON *data_file(view_ctx *c, const export_file *f)
{
	cJSON *o = ajson_object(c->a);
	const char *slash = strrchr(f->path, '/');
	ajson_put_string(c->a, o, "href", view_route_file(c, f->path));
	ajson_put_string(c->a, o, "name", slash ? slash + 1 : f->path);
	view_blk_add_text(c, o, "title", f->title);
	ajson_put_string(c->a, o, "format", f->format);
	ajson_put_string(c->a, o, "format_label", format_label(c, f->format));
	ajson_put_string(c->a, o, "media_type", f->media_type);
	buf_clear(&c->tmp);
	view_fmt_file_size(c, &c->tmp, f->bytes);
	ajson_put_string(c->a, o, "size", buf_cstr(&c->tmp));
	buf_clear(&c->tmp);
	if (strcmp(f->format, "metadata"))
		buf_printf(&c->tmp, "%zu", f->rows);
	else
		buf_puts(&c->tmp, "—");   /* metadata has no rows */
	ajson_put_string(c->a, o, "rows", buf_cstr(&c->tmp));
	ajson_put_bool(c->a, o, "excel", !strcmp(f->format, "csv-excel"));
	return o;
}

/* JSON-LD goes into <script>: "<" is escaped as \u003c so that no
 * "</script>" or "<!--" can end the block early. */
static void add_jsonld(const view_ctx *c, cJSON *o, const cJSON *ld)
{
	char *json = cJSON_PrintUnformatted(ld);
	buf b = BUF_INIT;
	for (const char *p = json; *p; p++)
		if (*p == '<')
			buf_puts(&b, "\\u003c");
		else
			buf_putc(&b, *p);
	ajson_put_string(c->a, o, "jsonld", buf_cstr(&b));
	buf_free(&b);
	cJSON_free(json);
}

/* A snapshot's files [{href, name}], named below the snapshot's folder. */
static cJSON *snapshot_files(view_ctx *c, const snapshot_info *si)
{
	cJSON *files = ajson_array(c->a);
	buf dir = BUF_INIT;
	route_snapshot(&dir, si->tag->tag);
	buf_putc(&dir, '/');
	for (size_t k = 0; k < si->n; k++) {
		cJSON *f = ajson_object(c->a);
		ajson_put_string(c->a, f, "href",
				 view_route_file(c, si->files[k]));
		ajson_put_string(c->a, f, "name", si->files[k] +
			(strlen(si->files[k]) > dir.len ? dir.len : 0));
		cJSON_AddItemToArray(files, f);
	}
	buf_free(&dir);
	return files;
}

/* The reporting-period snapshots (snapshot.h), oldest first. */
static cJSON *snapshots(view_ctx *c)
{
	const snapshot_list *l = c->v->o.snapshots;
	cJSON *a = ajson_array(c->a);
	for (size_t i = 0; l && i < l->n; i++) {
		const snapshot_info *si = &l->v[i];
		cJSON *o = ajson_object(c->a);
		buf date = BUF_INIT;
		ajson_put_string(c->a, o, "tag", si->tag->tag);
		histview_date(si->tag->time, c->v->m->site.utc_offset_min, &date);
		ajson_put_string(c->a, o, "date", buf_cstr(&date));
		view_blk_add_list(c, o, "files", snapshot_files(c, si));
		cJSON_AddItemToArray(a, o);
		buf_free(&date);
	}
	return a;
}

const char *view_build_data(view_ctx *c, cJSON *o)
{
	const export_manifest *x = c->v->o.data;
	cJSON *a = ajson_array(c->a);
	for (size_t i = 0; x && i < x->n; i++) {
		const export_file *f = &x->files[i];
		cJSON_AddItemToArray(a, data_file(c, f));
		const char *slash = strrchr(f->path, '/');
		if (!strcmp(slash ? slash + 1 : f->path, "datapackage.json"))
			ajson_put_string(c->a, o, "schema_href",
					 view_route_file(c, f->path));
	}
	view_blk_add_list(c, o, "files", a);
	view_blk_add_list(c, o, "snapshots", snapshots(c));
	if (x && x->jsonld)
		add_jsonld(c, o, x->jsonld);
	ajson_put_string(c->a, o, "data_as_of", view_derive_data_as_of(c->v));
	ajson_put(c->a, o, "license", view_blk_license(c));
	return view_str(c, "nav_data");
}
