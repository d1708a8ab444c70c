/* view_build_glossary.c - the glossary: terms [{id, zh, en, note,
 * note_lang?}]; both terms show in every language; the notes exist in
 * English only. */
#include "view_int.h"

#include <string.h>

const char *view_build_glossary(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = cJSON_AddArrayToObject(o, "terms");
	for (size_t i = 0; i < m->n_terms; i++) {
		const term *t = &m->terms[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", t->id);
		cJSON_AddStringToObject(x, "zh", t->term_zh);
		cJSON_AddStringToObject(x, "en", t->term_en);
		cJSON_AddStringToObject(x, "note", t->note_en);
		if (strcmp(c->lang, "en") && *t->note_en)
			cJSON_AddStringToObject(x, "note_lang", "en");
		cJSON_AddItemToArray(a, x);
	}
	return view_str(c, "nav_glossary");
}
