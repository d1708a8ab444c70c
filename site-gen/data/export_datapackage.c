/* export_datapackage.c - data/datapackage.json: the Frictionless Data
 * Package v2 descriptor of every table's CSV (schema, dialect with the
 * formula rule, sizes, licence and source). Written after the tables, so
 * that it can give their sizes. */
#include "export_int.h"
#include "route.h"

#include "arena.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <string.h>

#define PROFILES "https://datapackage.org/profiles/2.0/"
/* The package's own file, below the output root. */
#define PATH "data/datapackage.json"

/* The enum of a column as written in the CSV (after the formula rule), or
 * NULL. */
static cJSON *enum_values(const export_column *col)
{
	if (!(col->flags & (EXPORT_STATUS_ANY | EXPORT_STATUS_REPORTED)) &&
	    !col->values)
		return NULL;
	cJSON *arr = cJSON_CreateArray();
	if (col->values) {
		for (size_t i = 0; col->values[i]; i++) {
			buf b = BUF_INIT;
			export_csv_cell(&b, col, col->values[i]);
			cJSON_AddItemToArray(arr, cJSON_CreateString(b.ptr));
			buf_free(&b);
		}
		return arr;
	}
	int first = col->flags & EXPORT_STATUS_ANY ? STATUS_NONE
						   : STATUS_NOT_STARTED;
	for (int s = first; s < STATUS_COUNT; s++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(
					     model_status_name((task_status)s)));
	return arr;
}

static const char *dp_type(export_col_type t)
{
	switch (t) {
	case EXPORT_NUMBER: return "number";
	case EXPORT_INTEGER: return "integer";
	case EXPORT_DATE: return "date";
	default: return "string";
	}
}

static cJSON *dp_constraints(const export_column *col)
{
	cJSON *o = cJSON_CreateObject(), *e = enum_values(col);
	if (col->flags & EXPORT_REQUIRED)
		cJSON_AddTrueToObject(o, "required");
	if (col->flags & EXPORT_UNIQUE)
		cJSON_AddTrueToObject(o, "unique");
	if (e)
		cJSON_AddItemToObject(o, "enum", e);
	return o;
}

static cJSON *dp_field(const export_ctx *c, const export_column *col)
{
	cJSON *o = cJSON_CreateObject(), *con = dp_constraints(col);
	cJSON_AddStringToObject(o, "name", col->name);
	cJSON_AddStringToObject(o, "type", dp_type(col->type));
	cJSON_AddItemToObject(o, "description",
			      export_meta_all(c, export_meaning(c, col->en,
							      col->zh)));
	if (cJSON_GetArraySize(con))
		cJSON_AddItemToObject(o, "constraints", con);
	else
		cJSON_Delete(con);
	return o;
}

static cJSON *dp_foreign_keys(const export_ctx *c, const export_table *t)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++) {
		const export_column *col = &t->cols[i];
		if (!col->ref)
			continue;
		const char *fields[] = { col->name, NULL };
		const export_table *to = export_tables_named(c->tables,
						    c->n_tables, col->ref);
		cJSON *fk = cJSON_CreateObject(), *ref = cJSON_CreateObject();
		cJSON_AddItemToObject(fk, "fields",
				      export_meta_strings(fields));
		/* Data Package v2: no "resource" means this same resource. */
		if (to != t)
			cJSON_AddStringToObject(ref, "resource", to->name);
		cJSON_AddItemToObject(ref, "fields",
				      export_meta_strings(to->key));
		cJSON_AddItemToObject(fk, "reference", ref);
		cJSON_AddItemToArray(arr, fk);
	}
	return arr;
}

static cJSON *dp_schema(const export_ctx *c, const export_table *t)
{
	cJSON *o = cJSON_CreateObject(), *fields = cJSON_CreateArray();
	const char *missing[] = { "", NULL };
	cJSON_AddStringToObject(o, "$schema", PROFILES "tableschema.json");
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToArray(fields, dp_field(c, &t->cols[i]));
	cJSON_AddItemToObject(o, "fields", fields);
	cJSON_AddItemToObject(o, "missingValues",
			      export_meta_strings(missing));
	if (t->key)
		cJSON_AddItemToObject(o, "primaryKey",
				      export_meta_strings(t->key));
	cJSON *fks = dp_foreign_keys(c, t);
	if (cJSON_GetArraySize(fks))
		cJSON_AddItemToObject(o, "foreignKeys", fks);
	else
		cJSON_Delete(fks);
	return o;
}

/* The standard dialect properties, plus "formulaEscape" (our own) that
 * states the apostrophe rule in machine-readable form. */
static cJSON *dp_dialect(const export_ctx *c)
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
	cJSON_AddItemToObject(fe, "triggers", export_meta_strings(triggers));
	cJSON_AddStringToObject(fe, "appliesTo", "string");
	cJSON_AddItemToObject(fe, "description",
			      export_meta_all(c, export_words(c,
						      "meta_escape_rule")));
	cJSON_AddItemToObject(o, "formulaEscape", fe);
	return o;
}

static const export_file *file_of(const export_manifest *x, const char *path)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->files[i].path, path))
			return &x->files[i];
	return NULL;
}

static cJSON *dp_resource(const export_ctx *c, const export_table *t)
{
	cJSON *o = cJSON_CreateObject();
	const char *path = export_fmt(c->a, "%s.csv", t->name);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "type", "table");
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "format", "csv");
	cJSON_AddStringToObject(o, "mediatype", "text/csv");
	cJSON_AddStringToObject(o, "encoding", "utf-8");
	const export_file *f = file_of(c->out, export_fmt(c->a, "data/%s", path));
	if (f) {
		cJSON_AddNumberToObject(o, "bytes", (double)f->bytes);
		cJSON_AddStringToObject(o, "hash", export_fmt(c->a, "sha256:%s",
							      f->sha256));
	}
	export_meta_add_langs(c, o, "title", export_table_title(c, t));
	const char *names[] = { "about", "table" };
	const ltext values[] = { export_table_about(c, t),
				 export_same(c, t->name) };
	cJSON_AddItemToObject(o, "description", export_meta_all(c,
		export_words_with(c, "meta_table_files", names, values, 2)));
	cJSON_AddItemToObject(o, "dialect", dp_dialect(c));
	cJSON_AddItemToObject(o, "schema", dp_schema(c, t));
	return o;
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

static cJSON *dp_sources(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();
	buf b = BUF_INIT;
	buf_printf(&b, "%s《%s》", s->doc_number, ltext_get(s->plan_title, 0));
	for (size_t l = 1; l < s->n_written; l++)
		buf_printf(&b, " %s", ltext_get(s->plan_title, l));
	cJSON_AddStringToObject(o, "title", export_own(c->a, &b));
	if (*s->source_url)
		cJSON_AddStringToObject(o, "path", s->source_url);
	cJSON_AddItemToArray(arr, o);
	return arr;
}

static cJSON *dp_contributors(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	const char *roles[] = { "creator", NULL };
	cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();
	buf b = BUF_INIT;
	buf_puts(&b, ltext_get(s->issuer, 0));
	const char *sep = " (";
	for (size_t l = 1; l < s->n_written; l++)
		if (*ltext_get(s->issuer, l)) {
			buf_printf(&b, "%s%s", sep, ltext_get(s->issuer, l));
			sep = ", ";
		}
	if (*sep == ',')
		buf_putc(&b, ')');
	cJSON_AddStringToObject(o, "title", export_own(c->a, &b));
	cJSON_AddItemToObject(o, "roles", export_meta_strings(roles));
	cJSON_AddItemToArray(arr, o);
	return arr;
}

static cJSON *dp_package(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	cJSON *o = cJSON_CreateObject(), *res = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "$schema", PROFILES "datapackage.json");
	cJSON_AddStringToObject(o, "name", package_name(c->a, s->base_url));
	buf id = BUF_INIT;
	route_url(&id, c->m, NULL, PATH);
	cJSON_AddStringToObject(o, "id", export_own(c->a, &id));
	export_meta_add_langs(c, o, "title", s->title);
	const char *names[] = { "description", "rule" };
	const ltext values[] = { export_meta_description(c),
				 export_words(c, "meta_escape_rule") };
	export_meta_add_langs(c, o, "description", export_words_with(c,
		"meta_package_about", names, values, 2));
	cJSON_AddStringToObject(o, "homepage", s->base_url);
	cJSON_AddStringToObject(o, "version", EXPORT_VERSION);
	cJSON_AddItemToObject(o, "licenses", dp_licenses(s));
	cJSON_AddItemToObject(o, "sources", dp_sources(c));
	cJSON_AddItemToObject(o, "contributors", dp_contributors(c));
	for (size_t i = 0; i < c->n_tables; i++)
		cJSON_AddItemToArray(res, dp_resource(c, &c->tables[i]));
	cJSON_AddItemToObject(o, "resources", res);
	return o;
}

int export_datapackage_write(export_ctx *c)
{
	static const export_kind kind = { "metadata", "application/json",
					  "meta_kind_datapackage" };
	cJSON *dp = dp_package(c);
	int rc = export_emit_json(c, &kind, PATH, "",
				  export_words(c, "meta_package_title"), dp);
	cJSON_Delete(dp);
	return rc;
}
