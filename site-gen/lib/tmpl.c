/* tmpl.c - Mustache templates: the set of compiled templates, by name.
 * Compiling is in tmpl_lex.c and tmpl_compile.c, rendering in
 * tmpl_render.c (tmpl_int.h lists the parts).
 */
#include "tmpl_int.h"
#include "dir.h"
#include "hash.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the set ------------------------------------------------------------ */

tmpl_set *tmpl_set_new(void)
{
	tmpl_set *set = xcalloc(1, sizeof *set);
	set->cap = 64;
	set->tab = xcalloc(set->cap, sizeof *set->tab);
	return set;
}

static void free_list(tmpl_nlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].parts);
		free_list(&l->v[i].kids);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void free_tmpl(tmpl *t)
{
	free_list(&t->root);
	free(t->name);
	free(t->path);
	free(t->src);
	free(t);
}

void tmpl_set_free(tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->cap; i++) {
		tmpl *t = set->tab[i];
		while (t) {
			tmpl *next = t->next;
			free_tmpl(t);
			t = next;
		}
	}
	free(set->tab);
	for (size_t i = 0; i < set->n_idx; i++)
		smap_free(&set->idx[i].names);
	free(set->idx);
	free(set);
}

void tmpl_set_index(tmpl_set *set, const cJSON *obj)
{
	if (!cJSON_IsObject(obj) || !obj->child)
		return;
	set->idx = xrealloc(set->idx, (set->n_idx + 1) * sizeof *set->idx);
	tmpl_index *x = &set->idx[set->n_idx++];
	*x = (tmpl_index){ .first = obj->child, .names = SMAP_INIT };
	for (const cJSON *m = obj->child; m; m = m->next)
		if (m->string && !smap_get(&x->names, m->string))
			smap_put(&x->names, m->string, (void *)m);
}

static tmpl **find_slot(const tmpl_set *set, const char *name, size_t len)
{
	tmpl **p = &set->tab[hash_fnv1a(HASH_FNV_START, name, len) & (set->cap - 1)];
	while (*p && !((*p)->name_len == len && !memcmp((*p)->name, name, len)))
		p = &(*p)->next;
	return p;
}

const tmpl *tmpl_find(const tmpl_set *set, const char *name, size_t len)
{
	return *find_slot(set, name, len);
}

static void grow_set(tmpl_set *set)
{
	size_t cap = set->cap * 2;
	tmpl **tab = xcalloc(cap, sizeof *tab);
	for (size_t i = 0; i < set->cap; i++) {
		tmpl *t = set->tab[i];
		while (t) {
			tmpl *next = t->next;
			size_t h = hash_fnv1a(HASH_FNV_START, t->name, t->name_len) & (cap - 1);
			t->next = tab[h];
			tab[h] = t;
			t = next;
		}
	}
	free(set->tab);
	set->tab = tab;
	set->cap = cap;
}

/* Insert `t`, freeing a template of the same name. */
static void store(tmpl_set *set, tmpl *t)
{
	tmpl **p = find_slot(set, t->name, t->name_len);
	if (*p) {
		t->next = (*p)->next;
		free_tmpl(*p);
		*p = t;
		return;
	}
	t->next = NULL;
	*p = t;
	if (++set->n > set->cap / 4 * 3)
		grow_set(set);
}

void tmpl_verror(diag *d, const char *path, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	buf msg = BUF_INIT;
	buf_vprintf(&msg, fmt, ap);
	diag_error(d, path, line, col, "%s", buf_cstr(&msg));
	buf_free(&msg);
}

int tmpl_set_has(const tmpl_set *set, const char *name)
{
	return tmpl_find(set, name, strlen(name)) != NULL;
}

int tmpl_set_add(tmpl_set *set, const char *name, const char *path,
		 const char *src, size_t len, diag *d)
{
	tmpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->name_len = strlen(name);
	t->path = xstrdup(path ? path : name);
	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->len = len;
	if (tmpl_compile_tree(t, d) < 0) {
		free_tmpl(t);
		return -1;
	}
	store(set, t);
	return 0;
}

/* ---- loading a directory ------------------------------------------------ */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && !strcmp(s + n - m, suffix);
}

#define EXT ".mustache"

typedef struct load_walk {
	tmpl_set *set;
	diag *d;
	int rc;
} load_walk;

static int load_file(tmpl_set *set, const char *path, const char *rel,
		     diag *d)
{
	buf src = BUF_INIT;
	int rc = -1;
	if (buf_read_file(&src, path) < 0) {
		diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
	} else {
		char *name = xstrndup(rel, strlen(rel) - strlen(EXT));
		rc = tmpl_set_add(set, name, path, src.ptr, src.len, d);
		free(name);
	}
	buf_free(&src);
	return rc;
}

static int visit_template(void *walk, const char *path, const char *rel,
			  const struct stat *st)
{
	load_walk *w = walk;
	if (S_ISREG(st->st_mode) && ends_with(rel, EXT) &&
	    load_file(w->set, path, rel, w->d) < 0)
		w->rc = -1;
	return 0;
}

int tmpl_set_load_dir(tmpl_set *set, const char *dir, diag *d)
{
	load_walk w = { set, d, 0 };
	if (dir_walk(dir, visit_template, &w) != 0) {
		diag_error(d, dir, 0, 0, "cannot read the template folder: %s",
			   strerror(errno));
		return -1;
	}
	return w.rc;
}
