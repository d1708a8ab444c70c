/* view_build_glossary.c - the glossary: terms [{id, zh, en, note,
 * note_lang?}]; both terms show in every language; the notes exist in
 * English only. */
#include "view_int.h"

#include <string.h>

const char *view_build_glossary(view_ctx *c, cJSON *o)
{
	const model *m = c->v->m;
	cJSON *a = ajson_put_array(c->a, o, "terms");
	for (size_t i = 0; i < m->n_terms; i++) {
		const term *t = &m->terms[i];
		cJSON *x = ajson_object(c->a);
		ajson_put_string(c->a, x, "id", t->id);
		ajson_put_string(c->a, x, "zh", t->term_zh);
		ajson_put_string(c->a, x, "en", t->term_en);
		ajson_put_string(c->a, x, "note", t->note_en);
		if (strcmp(c->lang, "en") && *t->note_en)
			ajson_put_string(c->a, x, "note_lang", "en");
		cJSON_AddItemToArray(a, x);
	}
	return view_str(c, "nav_glossary");
}
