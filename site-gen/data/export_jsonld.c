/* export_jsonld.c - the schema.org Dataset (JSON-LD) of the downloads
 * page, with a DataDownload for every file written before it. Kept in the
 * manifest (export_manifest.jsonld), not written as a file. */
#include "export_int.h"
#include "route.h"

#include <cjson/cJSON.h>

static cJSON *ld_download(const export_ctx *c, const export_file *f)
{
	const char *names[] = { "title", "format" };
	const ltext values[] = { f->title, f->format_label };
	ltext name = export_words_with(c, "meta_file_name", names, values, 2);
	buf url = BUF_INIT;
	route_url(&url, c->m, NULL, f->path);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "DataDownload");
	cJSON_AddItemToObject(o, "name", export_meta_lang_values(c, name));
	cJSON_AddStringToObject(o, "contentUrl", export_own(c->a, &url));
	cJSON_AddStringToObject(o, "encodingFormat", f->media_type);
	return o;
}

static cJSON *ld_org(const export_ctx *c, ltext name)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "GovernmentOrganization");
	cJSON_AddItemToObject(o, "name", export_meta_lang_values(c, name));
	return o;
}

/* The plan document the data comes from. */
static cJSON *ld_source(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "@type", "CreativeWork");
	cJSON_AddItemToObject(o, "name",
			      export_meta_lang_values(c, s->plan_title));
	if (*s->doc_number)
		cJSON_AddStringToObject(o, "identifier", s->doc_number);
	if (*s->issued)
		cJSON_AddStringToObject(o, "datePublished", s->issued);
	if (*s->source_url)
		cJSON_AddStringToObject(o, "url", s->source_url);
	cJSON_AddItemToObject(o, "author", ld_org(c, s->issuer));
	return o;
}

static void ld_coverage(cJSON *o, const export_ctx *c)
{
	const site_config *s = &c->m->site;
	if (*s->period)
		cJSON_AddStringToObject(o, "temporalCoverage", s->period);
	cJSON *names = export_meta_lang_values(c, s->area);
	if (!cJSON_GetArraySize(names)) {
		cJSON_Delete(names);
		return;
	}
	cJSON *place = cJSON_CreateObject();
	cJSON_AddStringToObject(place, "@type", "Place");
	cJSON_AddItemToObject(place, "name", names);
	cJSON_AddItemToObject(o, "spatialCoverage", place);
}

static cJSON *ld_dataset(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	cJSON *o = cJSON_CreateObject(), *dist = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "@context", "https://schema.org/");
	cJSON_AddStringToObject(o, "@type", "Dataset");
	/* The downloads page in the default language. */
	buf url = BUF_INIT;
	route_url(&url, c->m, NULL, "");
	route_page(&url, s->default_lang, ROUTE_DATA, NULL);
	const char *page = export_own(c->a, &url);
	cJSON_AddStringToObject(o, "@id", page);
	cJSON_AddStringToObject(o, "url", page);
	cJSON_AddItemToObject(o, "name", export_meta_lang_values(c, s->title));
	cJSON_AddItemToObject(o, "description", export_meta_lang_values(c,
				      export_meta_description(c)));
	cJSON *langs = cJSON_AddArrayToObject(o, "inLanguage");
	for (size_t l = 0; l < s->n_written; l++)
		cJSON_AddItemToArray(langs, cJSON_CreateString(s->languages.v[l]));
	cJSON_AddStringToObject(o, "license", s->license_url);
	cJSON_AddTrueToObject(o, "isAccessibleForFree");
	cJSON_AddStringToObject(o, "version", EXPORT_VERSION);
	if (*c->out->data_as_of)
		cJSON_AddStringToObject(o, "dateModified", c->out->data_as_of);
	cJSON_AddItemToObject(o, "creator", ld_org(c, s->issuer));
	cJSON_AddItemToObject(o, "isBasedOn", ld_source(c));
	ld_coverage(o, c);
	for (size_t i = 0; i < c->out->n; i++)
		cJSON_AddItemToArray(dist, ld_download(c, &c->out->files[i]));
	cJSON_AddItemToObject(o, "distribution", dist);
	return o;
}

int export_jsonld_write(export_ctx *c)
{
	c->out->jsonld = ld_dataset(c);
	return 0;
}
