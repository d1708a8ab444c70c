/* export_csvw.c - data/<t>.csv-metadata.json: the W3C CSV on the Web
 * metadata of each table's CSV (columns, types, keys, dialect, meaning in
 * both languages). */
#include "export_int.h"

#include <cjson/cJSON.h>

static const char *csvw_type(export_col_type t)
{
	switch (t) {
	case EXPORT_NUMBER: return "decimal";
	case EXPORT_INTEGER: return "integer";
	case EXPORT_DATE: return "date";
	default: return "string";
	}
}

static cJSON *csvw_column(const export_ctx *c, const export_column *col)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", col->name);
	cJSON_AddStringToObject(o, "titles", col->name);
	cJSON_AddStringToObject(o, "datatype", csvw_type(col->type));
	if (col->flags & EXPORT_REQUIRED)
		cJSON_AddTrueToObject(o, "required");
	if (col->type == EXPORT_LIST)
		cJSON_AddStringToObject(o, "separator", "|");
	cJSON_AddItemToObject(o, "dc:description", export_meta_lang_values(c,
				      export_meaning(c, col->en, col->zh)));
	return o;
}

static cJSON *csvw_keys(const char *const *key)
{
	return key[1] ? export_meta_strings(key) : cJSON_CreateString(key[0]);
}

static cJSON *csvw_foreign_keys(const export_ctx *c, const export_table *t)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++) {
		const export_column *col = &t->cols[i];
		if (!col->ref)
			continue;
		const export_table *to = export_tables_named(c->tables,
						    c->n_tables, col->ref);
		cJSON *fk = cJSON_CreateObject(), *ref = cJSON_CreateObject();
		cJSON_AddStringToObject(fk, "columnReference", col->name);
		cJSON_AddStringToObject(ref, "resource",
					export_fmt(c->a, "%s.csv", to->name));
		cJSON_AddItemToObject(ref, "columnReference",
				      csvw_keys(to->key));
		cJSON_AddItemToObject(fk, "reference", ref);
		cJSON_AddItemToArray(arr, fk);
	}
	return arr;
}

static cJSON *csvw_dialect(void)
{
	cJSON *o = cJSON_CreateObject(), *lt = cJSON_CreateArray();
	cJSON_AddItemToArray(lt, cJSON_CreateString("\r\n"));
	cJSON_AddStringToObject(o, "encoding", "utf-8");
	cJSON_AddItemToObject(o, "lineTerminators", lt);
	cJSON_AddStringToObject(o, "quoteChar", "\"");
	cJSON_AddTrueToObject(o, "doubleQuote");
	cJSON_AddTrueToObject(o, "header");
	cJSON_AddFalseToObject(o, "skipInitialSpace");
	cJSON_AddFalseToObject(o, "trim");
	return o;
}

static cJSON *csvw_schema(const export_ctx *c, const export_table *t)
{
	cJSON *o = cJSON_CreateObject(), *cols = cJSON_CreateArray();
	for (size_t i = 0; i < t->ncols; i++)
		cJSON_AddItemToArray(cols, csvw_column(c, &t->cols[i]));
	cJSON_AddItemToObject(o, "columns", cols);
	if (t->key)
		cJSON_AddItemToObject(o, "primaryKey", csvw_keys(t->key));
	cJSON *fks = csvw_foreign_keys(c, t);
	if (cJSON_GetArraySize(fks))
		cJSON_AddItemToObject(o, "foreignKeys", fks);
	else
		cJSON_Delete(fks);
	return o;
}

static cJSON *csvw_doc(const export_ctx *c, const export_table *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@context", "http://www.w3.org/ns/csvw");
	cJSON_AddStringToObject(o, "url", export_fmt(c->a, "%s.csv", t->name));
	cJSON_AddItemToObject(o, "dc:title",
			      export_meta_lang_values(c, export_table_title(c, t)));
	cJSON_AddItemToObject(o, "dc:description",
			      export_meta_lang_values(c, export_table_about(c, t)));
	if (*c->m->site.license_url) {
		cJSON *lic = cJSON_CreateObject();
		cJSON_AddStringToObject(lic, "@id", c->m->site.license_url);
		cJSON_AddItemToObject(o, "dc:license", lic);
	}
	cJSON_AddItemToObject(o, "rdfs:comment",
			      export_meta_lang_values(c, export_words(c,
				      "meta_escape_rule")));
	cJSON_AddItemToObject(o, "dialect", csvw_dialect());
	cJSON_AddItemToObject(o, "tableSchema", csvw_schema(c, t));
	return o;
}

int export_csvw_write(export_ctx *c, const export_grid *g)
{
	static const export_kind kind = { "metadata", "application/csvm+json",
					  "meta_kind_csvw" };
	const export_table *t = g->t;
	cJSON *meta = csvw_doc(c, t);
	int rc = export_emit_json(c, &kind, export_fmt(c->a,
				  "data/%s.csv-metadata.json", t->name),
				  t->name, export_table_title(c, t), meta);
	cJSON_Delete(meta);
	return rc;
}
