/* ajson.h - cJSON values allocated in an arena, without cJSON's
 * process-wide allocation hooks: the page models (view.h). A page model is
 * tens of thousands of small values at scale, and malloc and free per value
 * would cost nearly a fifth of a full build (docs/architecture.md).
 *
 * A tree made here lives until arena_free: never give it to cJSON_Delete,
 * nor to the cJSON calls that allocate or free (cJSON_Create*,
 * cJSON_Add*ToObject, cJSON_Delete*, cJSON_Replace*); reading it,
 * cJSON_AddItemToArray, cJSON_Detach* and cJSON_Print* are fine. Keys and
 * strings are copied into the arena. Out of memory aborts (arena.h).
 */
#ifndef SG_AJSON_H
#define SG_AJSON_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "arena.h"

cJSON *ajson_object(arena *a);
cJSON *ajson_array(arena *a);
/* NULL for a NULL `s` (which then adds nothing, as in cJSON). */
cJSON *ajson_string(arena *a, const char *s);
cJSON *ajson_number(arena *a, double x);
cJSON *ajson_bool(arena *a, bool b);
/* A reference to `item` (as cJSON_CreateObjectReference): the tree shares
 * its members and never changes them; `item` must outlive the tree. */
cJSON *ajson_ref(arena *a, const cJSON *item);

/* Add `item` to the object `o` under `key` and return it; a NULL item adds
 * nothing (as cJSON_AddItemToObject). */
cJSON *ajson_put(arena *a, cJSON *o, const char *key, cJSON *item);
cJSON *ajson_put_string(arena *a, cJSON *o, const char *key, const char *s);
cJSON *ajson_put_number(arena *a, cJSON *o, const char *key, double x);
cJSON *ajson_put_bool(arena *a, cJSON *o, const char *key, bool b);
cJSON *ajson_put_object(arena *a, cJSON *o, const char *key);
cJSON *ajson_put_array(arena *a, cJSON *o, const char *key);

#endif
