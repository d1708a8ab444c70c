/* Unit tests: ajson.c (page models in an arena) builds the same trees as
 * cJSON's own constructors, and needs no cJSON_Delete (the ASan build's
 * leak check, 11-unit-asan, sees what is left). */
#include "ajson.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* The JSON of a tree, without cJSON's spacing. */
static void is_json(const cJSON *o, const char *want, const char *name)
{
	char *s = cJSON_PrintUnformatted(o);
	is_str(s, want, "%s", name);
	cJSON_free(s);
}

static void test_same_as_cjson(void)
{
	cJSON *strings = cJSON_CreateObject();
	cJSON_AddStringToObject(strings, "nav_home", "Home");

	char key[16], text[16];
	strcpy(key, "n_tasks");
	strcpy(text, "scratch");
	cJSON *want = cJSON_CreateObject();
	cJSON_AddStringToObject(want, "s", text);
	cJSON_AddStringToObject(want, "none", NULL);
	cJSON_AddNumberToObject(want, key, 3);
	cJSON_AddNumberToObject(want, "big", 1e12);
	cJSON_AddBoolToObject(want, "yes", 1);
	cJSON_AddBoolToObject(want, "no", 0);
	cJSON *wl = cJSON_AddArrayToObject(want, "list");
	cJSON_AddItemToArray(wl, cJSON_CreateString("x"));
	cJSON_AddItemToArray(wl, cJSON_CreateObject());
	cJSON_AddObjectToObject(want, "empty");
	cJSON_AddItemToObject(want, "null_item", NULL);
	cJSON_AddItemReferenceToObject(want, "t", strings);

	arena *a = arena_new();
	cJSON *got = ajson_object(a);
	ajson_put_string(a, got, "s", text);
	ok(ajson_put_string(a, got, "none", NULL) == NULL,
	   "a NULL string makes no value");
	ajson_put_number(a, got, key, 3);
	ajson_put_number(a, got, "big", 1e12);
	ajson_put_bool(a, got, "yes", true);
	ajson_put_bool(a, got, "no", false);
	cJSON *gl = ajson_put_array(a, got, "list");
	cJSON_AddItemToArray(gl, ajson_string(a, "x"));
	cJSON_AddItemToArray(gl, ajson_object(a));
	ajson_put_object(a, got, "empty");
	ok(ajson_put(a, got, "null_item", NULL) == NULL, "a NULL item adds nothing");
	ajson_put(a, got, "t", ajson_ref(a, strings));

	/* Keys and strings are copies: the caller's buffers may change. */
	strcpy(key, "clobbered");
	strcpy(text, "clobbered");
	char *w = cJSON_PrintUnformatted(want);
	is_json(got, w, "the same JSON as cJSON's constructors");
	free(w);
	is_int(cJSON_GetObjectItem(got, "big")->valueint,
	       cJSON_GetObjectItem(want, "big")->valueint,
	       "valueint saturates as cJSON's does");
	ok(cJSON_GetObjectItem(got, "t")->child == strings->child,
	   "a reference shares the members, not a copy");

	/* Detaching (as a page replaces a key) frees nothing. */
	cJSON_DetachItemFromObject(got, "s");
	ok(!cJSON_GetObjectItem(got, "s"), "detached");
	arena_free(a);   /* the whole tree; `strings` stays whole */
	is_str(cJSON_GetObjectItem(strings, "nav_home")->valuestring, "Home",
	       "the referenced object outlives the tree");
	cJSON_Delete(want);
	cJSON_Delete(strings);
}

int main(void)
{
	test_same_as_cjson();
	return done_testing();
}
