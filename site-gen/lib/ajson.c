#include "ajson.h"

static cJSON *node(arena *a, int type)
{
	cJSON *v = arena_alloc(a, sizeof *v);   /* zeroed */
	v->type = type;
	return v;
}

cJSON *ajson_object(arena *a)
{
	return node(a, cJSON_Object);
}

cJSON *ajson_array(arena *a)
{
	return node(a, cJSON_Array);
}

cJSON *ajson_string(arena *a, const char *s)
{
	if (!s)
		return NULL;     /* as cJSON_CreateString(NULL) */
	cJSON *v = node(a, cJSON_String);
	v->valuestring = arena_strdup(a, s);
	return v;
}

cJSON *ajson_number(arena *a, double x)
{
	cJSON *v = node(a, cJSON_Number);
	cJSON_SetNumberHelper(v, x);   /* valueint too, as cJSON sets it */
	return v;
}

cJSON *ajson_bool(arena *a, bool b)
{
	return node(a, b ? cJSON_True : cJSON_False);
}

cJSON *ajson_ref(arena *a, const cJSON *item)
{
	cJSON *v = arena_alloc(a, sizeof *v);
	*v = *item;
	v->string = NULL;
	v->next = v->prev = NULL;
	v->type |= cJSON_IsReference;
	return v;
}

cJSON *ajson_put(arena *a, cJSON *o, const char *key, cJSON *item)
{
	if (!item)
		return NULL;
	item->string = arena_strdup(a, key);
	cJSON_AddItemToArray(o, item);   /* links only: members are a list */
	return item;
}

cJSON *ajson_put_string(arena *a, cJSON *o, const char *key, const char *s)
{
	return ajson_put(a, o, key, ajson_string(a, s));
}

cJSON *ajson_put_number(arena *a, cJSON *o, const char *key, double x)
{
	return ajson_put(a, o, key, ajson_number(a, x));
}

cJSON *ajson_put_bool(arena *a, cJSON *o, const char *key, bool b)
{
	return ajson_put(a, o, key, ajson_bool(a, b));
}

cJSON *ajson_put_object(arena *a, cJSON *o, const char *key)
{
	return ajson_put(a, o, key, ajson_object(a));
}

cJSON *ajson_put_array(arena *a, cJSON *o, const char *key)
{
	return ajson_put(a, o, key, ajson_array(a));
}
