/* load.c - the public API of the load module, the loading context and the
 * reading of content files by the content rules (load_int.h lists the
 * parts). */
#include "load.h"
#include "arena.h"
#include "buf.h"
#include "load_int.h"
#include "text.h"
#include "ydoc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Content files larger than this are refused before they are read. */
#define LOAD_MAX_FILE ((long)LOAD_MAX_FILE_MIB * 1024 * 1024)

const char *load_path(load_ctx *l, const char *a, const char *b)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", a, b);
	const char *s = arena_strdup(l->m->arena, buf_cstr(&p));
	buf_free(&p);
	return s;
}

const char *load_keep(load_ctx *l, const char *s)
{
	return arena_strdup(l->m->arena, s);
}

bool load_inside_root(const load_ctx *l, const char *path)
{
	char *real = realpath(path, NULL);
	size_t rl = strlen(l->root);
	bool in = real && strncmp(real, l->root, rl) == 0 && real[rl] == '/';
	free(real);
	return in;
}

int load_check_file(load_ctx *l, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (lstat(path, &st) != 0)
			return 0;
		diag_error(l->d, path, 0, 0, "broken symbolic link: what it "
			   "points to does not exist");
		return -1;
	}
	if (!load_inside_root(l, path)) {
		diag_error(l->d, path, 0, 0,
			   "refusing to read a file that leads outside the "
			   "content folder");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(l->d, path, 0, 0, "not a regular file");
		return -1;
	}
	if (st.st_size > LOAD_MAX_FILE) {
		diag_error(l->d, path, 0, 0, "file is larger than %ld MiB",
			   LOAD_MAX_FILE / (1024 * 1024));
		return -1;
	}
	return 1;
}

/* An absolute http(s) URL with a host, in printable ASCII without
 * quotes, markup or spaces: it goes into attributes, robots.txt, feeds
 * and metadata, where anything else could break out of its place. */
bool load_url_ok(const char *v)
{
	size_t scheme = !strncmp(v, "https://", 8) ? 8
			: !strncmp(v, "http://", 7) ? 7 : 0;
	if (!scheme || !v[scheme] || strchr("/?#", v[scheme]))
		return false;
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || strchr("\"'<>\\^`|", *c))
			return false;
	return true;
}

/* The text given for `path` (content_dir/relpath), or NULL. */
static const load_text *override_of(const load_ctx *l, const char *path)
{
	if (!l->n_over)
		return NULL;
	size_t cl = strlen(l->m->content_dir);
	if (strncmp(path, l->m->content_dir, cl) || path[cl] != '/')
		return NULL;
	for (size_t i = 0; i < l->n_over; i++)
		if (!strcmp(path + cl + 1, l->over[i].relpath))
			return &l->over[i];
	return NULL;
}

/* Read `path` (or its given text) into `b` by the rules of
 * load_check_file; *start is the offset of the text after any BOM.
 * Returns 1, 0 when the file does not exist, -1 after an error. */
static int read_checked(load_ctx *l, const char *path, buf *b, long *start)
{
	const load_text *ov = override_of(l, path);
	int ok = ov ? 1 : load_check_file(l, path);
	if (ok <= 0)
		return ok;
	if (ov) {
		buf_put(b, ov->text, ov->len);
	} else if (buf_read_file(b, path) != 0) {
		diag_error(l->d, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	*start = text_check_encoding(path, buf_cstr(b), b->len, l->d);
	return *start < 0 ? -1 : 1;
}

const char *load_read_text(load_ctx *l, const char *path, buf *b,
			   bool required)
{
	long start = 0;
	int ok = read_checked(l, path, b, &start);
	if (ok == 0 && required)
		diag_error(l->d, path, 0, 0, "required file is missing");
	return ok > 0 ? buf_cstr(b) + start : NULL;
}

int load_file_text(const char *content_dir, const char *path, buf *b,
		   long *start, diag *d)
{
	load_ctx l = { .d = d, .root = realpath(content_dir, NULL) };
	if (!l.root) {
		diag_error(d, content_dir, 0, 0, "cannot open the content "
			   "folder: %s", strerror(errno));
		return -1;
	}
	int ok = read_checked(&l, path, b, start);
	free(l.root);
	return ok;
}

/* ---- Helpers the parts share ------------------------------------------ */

void load_too_precise(load_ctx *l, const loc *at, const char *key,
		      const char *v)
{
	diag_error(l->d, at->file, at->line, at->col, "'%s': number '%s' has "
		   "more precision than can be kept (at most %d significant "
		   "digits and %d decimals)", key, v, TEXT_NUMBER_DIGITS,
		   TEXT_NUMBER_DIGITS);
}

const char *load_scalar(load_ctx *l, const char *path, const ynode *n,
			const char *key)
{
	if (!n)
		return "";
	if (n->kind != YNODE_SCALAR) {
		diag_error(l->d, path, n->line, n->col,
			   "'%s' must be a single value", key);
		return "";
	}
	return ydoc_is_null(n) ? "" : n->value;
}

void load_warn_unknown_keys(load_ctx *l, const char *path, const ynode *map,
			    const char *const *known)
{
	if (!map || map->kind != YNODE_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], map->keys[i]->value) != 0)
			k++;
		if (!known[k])
			diag_warn(l->d, path, map->keys[i]->line, map->keys[i]->col,
				  "unknown key '%s' (ignored)", map->keys[i]->value);
	}
}

/* ---- The public API ---------------------------------------------------- */

model *load_content(const char *dir, diag *d)
{
	return load_content_with(dir, NULL, 0, d);
}

model *load_content_with(const char *dir, const load_text *over, size_t n,
			 diag *d)
{
	model *m = model_new(dir);
	load_ctx l = { .m = m, .d = d, .root = realpath(dir, NULL),
		       .over = over, .n_over = n };
	if (!l.root) {
		diag_error(d, dir, 0, 0, "cannot open the content folder: %s",
			   strerror(errno));
		return m;
	}
	load_site_read(&l);
	load_site_folders(&l);
	load_site_unknown_files(&l);
	load_convert(&l);
	load_tables_read(&l);
	load_md_plan(&l);
	load_md_progress(&l);
	load_md_notes(&l);
	free(l.root);
	return m;
}
