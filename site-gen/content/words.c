#include "words.h"
#include "arena.h"
#include "ydoc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

const char *words_get(const cJSON *t, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(t, key);
	return cJSON_IsString(s) ? s->valuestring : "";
}

void words_index_build(words_index *ix, const cJSON *t)
{
	ix->keys = (smap)SMAP_INIT;
	const cJSON *s;
	cJSON_ArrayForEach(s, t)
		if (cJSON_IsString(s))
			smap_put(&ix->keys, s->string, s->valuestring);
}

const char *words_index_get(const words_index *ix, const char *key)
{
	const char *s = smap_get(&ix->keys, key);
	return s ? s : "";
}

void words_index_free(words_index *ix)
{
	smap_free(&ix->keys);
}

void words_expand(buf *out, const char *pat, const char *const (*kv)[2],
		  size_t n)
{
	while (*pat) {
		size_t k = n;
		if (*pat == '{')
			for (k = 0; k < n; k++)
				if (!strncmp(pat + 1, kv[k][0], strlen(kv[k][0])) &&
				    pat[1 + strlen(kv[k][0])] == '}')
					break;
		if (k == n) {
			buf_putc(out, *pat++);
			continue;
		}
		buf_puts(out, kv[k][1]);
		pat += strlen(kv[k][0]) + 2;
	}
}

void words_expand1(buf *out, const char *pat, const char *name,
		   const char *value)
{
	const char *const kv[][2] = { { name, value } };
	words_expand(out, pat, kv, 1);
}

/* ---- loading ------------------------------------------------------------ */

static cJSON *load_file(const char *path, arena *a, diag *d)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, path) != 0) {
		diag_error(d, path, 0, 0, "cannot read the theme's strings: %s",
			   strerror(errno));
		buf_free(&b);
		return NULL;
	}
	const ynode *root = ydoc_parse(a, path, buf_cstr(&b), b.len, 0, d);
	buf_free(&b);
	if (!root)
		return NULL;
	if (root->kind != YNODE_MAP) {
		diag_error(d, path, root->line, root->col,
			   "the strings must be one map of key: text");
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	for (size_t k = 0; k < root->n; k++) {
		const ynode *v = root->items[k];
		if (v->kind != YNODE_SCALAR)
			diag_error(d, path, v->line, v->col, "string '%s' must be "
				   "text, not a list or map", root->keys[k]->value);
		else
			cJSON_AddStringToObject(o, root->keys[k]->value, v->value);
	}
	return o;
}

static bool has(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key) != NULL;
}

/* A key that one language lacks would show as nothing in it. */
static void check_keys(const words_set *s, const char *const *const *required,
		       diag *d)
{
	for (size_t l = 0; l < s->n; l++)
		for (size_t r = 0; required[r]; r++)
			for (size_t k = 0; required[r][k]; k++)
				if (!has(s->v[l], required[r][k]))
					diag_error(d, s->paths[l], 0, 0, "missing "
						   "string '%s'", required[r][k]);
	for (size_t m = 0; m < s->n; m++) {
		const cJSON *it;
		cJSON_ArrayForEach(it, s->v[m]) {
			size_t first = 0;
			while (!has(s->v[first], it->string))
				first++;
			for (size_t l = 0; first == m && l < s->n; l++)
				if (!has(s->v[l], it->string))
					diag_error(d, s->paths[l], 0, 0, "missing string "
						   "'%s' (%s has it)", it->string,
						   s->paths[m]);
		}
	}
}

/* A derived language's strings: its source's, converted, then what its
 * own file (optional: phrases the conversion gets wrong) gives. */
static cJSON *derive_file(const words_set *s, size_t l,
			  const words_derived *dv, arena *a, diag *d)
{
	cJSON *o = cJSON_CreateObject(), *it;
	cJSON_ArrayForEach(it, s->v[dv->from[l]])
		cJSON_AddStringToObject(o, it->string,
					dv->convert(dv->ctx, l, it->valuestring));
	struct stat st;
	if (stat(s->paths[l], &st) != 0)
		return o;
	cJSON *own = load_file(s->paths[l], a, d);
	cJSON_ArrayForEach(it, own) {
		if (!has(o, it->string))
			diag_error(d, s->paths[l], 0, 0, "string '%s' is not one "
				   "of %s's", it->string, s->paths[dv->from[l]]);
		else
			cJSON_ReplaceItemInObjectCaseSensitive(
				o, it->string, cJSON_CreateString(it->valuestring));
	}
	cJSON_Delete(own);
	return o;
}

static bool derived(const words_derived *dv, size_t l)
{
	return dv && dv->from[l] != SIZE_MAX;
}

int words_load(words_set *s, const char *theme_dir, const char *const *tags,
	       size_t n, const words_derived *dv,
	       const char *const *const *required, diag *d)
{
	size_t before = diag_errors(d);
	arena *a = arena_new();
	s->n = n;
	s->v = xcalloc(n, sizeof *s->v);
	s->tags = xcalloc(n, sizeof *s->tags);
	s->paths = xcalloc(n, sizeof *s->paths);
	for (size_t l = 0; l < n; l++) {
		buf b = BUF_INIT;
		buf_printf(&b, "%s/i18n/%s.yaml", theme_dir, tags[l]);
		s->paths[l] = buf_detach(&b);
		s->tags[l] = xstrdup(tags[l]);
		if (!derived(dv, l))
			s->v[l] = load_file(s->paths[l], a, d);
	}
	for (size_t l = 0; l < n; l++)
		if (derived(dv, l) && s->v[dv->from[l]])
			s->v[l] = derive_file(s, l, dv, a, d);
	arena_free(a);
	for (size_t l = 0; l < n; l++)
		if (!s->v[l])
			return -1;
	check_keys(s, required, d);
	return diag_errors(d) == before ? 0 : -1;
}

const cJSON *words_of(const words_set *s, const char *tag)
{
	for (size_t l = 0; l < s->n; l++)
		if (!strcmp(s->tags[l], tag))
			return s->v[l];
	return NULL;
}

void words_free(words_set *s)
{
	for (size_t l = 0; l < s->n; l++) {
		cJSON_Delete(s->v[l]);
		free(s->tags[l]);
		free(s->paths[l]);
	}
	free(s->v);
	free(s->tags);
	free(s->paths);
	*s = (words_set){ 0 };
}
