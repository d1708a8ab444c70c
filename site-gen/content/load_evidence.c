/* load_evidence.c - the evidence of progress reports (load_int.h): the
 * items of a report's `evidence`, each file of progress/<task>/ it names
 * (its type by its first bytes, its size, a photo's GPS coordinates, its
 * SHA-256), and the files there that no report lists. */
#include "arena.h"
#include "buf.h"
#include "digest.h"
#include "dir.h"
#include "exif.h"
#include "load_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The media types evidence files may have: by name, by first bytes. */
static const struct {
	const char *type, *label, *magic;
	size_t n_magic;
	const char *ext[3];
} kinds[] = {
	{ "application/pdf", "PDF", "%PDF-", 5, { "pdf", NULL, NULL } },
	{ "image/jpeg", "JPEG", "\xFF\xD8\xFF", 3, { "jpg", "jpeg", NULL } },
	{ "image/png", "PNG", "\x89PNG\r\n\x1A\n", 8, { "png", NULL, NULL } },
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

/* The kind that name `name`'s extension says, or N_KINDS. */
static size_t kind_by_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t k = 0; dot && k < N_KINDS; k++)
		for (size_t e = 0; e < 3 && kinds[k].ext[e]; e++)
			if (!strcasecmp(dot + 1, kinds[k].ext[e]))
				return k;
	return N_KINDS;
}

static size_t kind_by_content(const buf *b)
{
	for (size_t k = 0; k < N_KINDS; k++)
		if (b->len >= kinds[k].n_magic &&
		    !memcmp(b->ptr, kinds[k].magic, kinds[k].n_magic))
			return k;
	return N_KINDS;
}

static void error_at(load_ctx *l, const loc *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_at(load_ctx *l, const loc *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(l->d, at->file, at->line, at->col, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* A name that is safe as a file of the folder and as part of a URL. */
static bool name_ok(load_ctx *l, const char *name, const char *task_id,
		    const loc *at)
{
	if (strchr(name, '/') || strchr(name, '\\') || strstr(name, "..")) {
		error_at(l, at, "evidence file '%s' must be the plain name of a "
			 "file in progress/%s/ (no '/', no '..')", name, task_id);
		return false;
	}
	if (*name == '.') {
		error_at(l, at, "evidence file '%s' has a hidden name (it starts "
			 "with '.'), which is never read or published", name);
		return false;
	}
	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz"
			     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
			      strlen(name)) {
		error_at(l, at, "evidence file '%s' may be named with letters "
			 "a-z, A-Z, digits, '.', '-' and '_' only (the name "
			 "becomes part of its URL)", name);
		return false;
	}
	if (kind_by_name(name) == N_KINDS) {
		error_at(l, at, "evidence file '%s' must be a PDF (.pdf), JPEG "
			 "(.jpg, .jpeg) or PNG (.png) file", name);
		return false;
	}
	return true;
}

/* Read the file of item `e` and set its type, size and SHA-256, or
 * report why it cannot be published. */
static void read_file(load_ctx *l, evidence *e, const char *task_id)
{
	const loc *at = &e->loc;
	struct stat st;
	int there = load_check_file(l, e->path);
	if (there == 0) {
		error_at(l, at, "evidence file '%s' is missing: put it in "
			 "progress/%s/", e->file, task_id);
		return;
	}
	if (there < 0 || stat(e->path, &st) != 0)
		return;
	size_t max = l->m->site.evidence_max_bytes;
	if ((size_t)st.st_size > max) {
		error_at(l, at, "evidence file '%s' is %.1f MiB, over the limit "
			 "of %zu MiB (site.yaml's evidence_max_mib)", e->file,
			 (double)st.st_size / (1024 * 1024), max / (1024 * 1024));
		return;
	}
	buf b = BUF_INIT;
	if (buf_read_file(&b, e->path) != 0) {
		diag_error(l->d, e->path, 0, 0, "cannot read: %s",
			   strerror(errno));
		buf_free(&b);
		return;
	}
	size_t named = kind_by_name(e->file), is = kind_by_content(&b);
	int gps = 0;
	if (is == N_KINDS)
		error_at(l, at, "evidence file '%s' is not a PDF, JPEG or PNG "
			 "file (judged by its first bytes)", e->file);
	else if (is != named)
		error_at(l, at, "evidence file '%s' holds a %s, but its name "
			 "says %s: rename it to end in .%s", e->file,
			 kinds[is].label, kinds[named].label, kinds[is].ext[0]);
	else if (!strcmp(kinds[is].type, "image/jpeg") &&
		 (gps = exif_gps_found(b.ptr, b.len, e->file, at->file,
				       at->line, at->col, l->d)) > 0)
		error_at(l, at, "%s carries GPS coordinates in its EXIF data "
			 "(it would publish where it was taken); remove them, "
			 "e.g. with `exiftool -gps:all= %s` or `mogrify -strip "
			 "%s`", e->file, e->file, e->file);
	if (is != N_KINDS && is == named && gps == 0) {
		char hex[DIGEST_SHA256_HEX];
		digest_sha256_hex(b.ptr, b.len, hex);
		e->media_type = kinds[is].type;
		e->sha256 = arena_strdup(l->m->arena, hex);
		e->bytes = b.len;
	}
	buf_free(&b);
}

/* "url", "file", "caption_<tag>" for each language, NULL. */
static const char *const *item_keys(load_ctx *l)
{
	const strlist *ls = &l->m->site.languages;
	const char **keys = arena_alloc(l->m->arena,
					(ls->n + 3) * sizeof *keys);
	keys[0] = "url";
	keys[1] = "file";
	for (size_t k = 0; k < ls->n; k++) {
		buf b = BUF_INIT;
		buf_printf(&b, "caption_%s", ls->v[k]);
		keys[2 + k] = load_keep(l, buf_cstr(&b));
		buf_free(&b);
	}
	keys[2 + ls->n] = NULL;
	return keys;
}

static const char *item_value(load_ctx *l, const char *path, const ynode *it,
			      const char *key, loc *at)
{
	const ynode *n = ydoc_get(it, key);
	if (n)
		*at = (loc){ path, n->line, n->col };
	return load_scalar(l, path, n, key);
}

/* One item: a map with url or file, and captions. False when it is not
 * one to keep: not a map, not one of url and file, or a bad url or name
 * (a file that cannot be published is kept, with its errors, so that it
 * is not also called unlisted). */
static bool read_item(load_ctx *l, const progress *p, const char *path,
		      const ynode *it, const char *const *keys, evidence *e)
{
	const strlist *ls = &l->m->site.languages;
	*e = (evidence){ .url = "", .file = "", .path = "", .media_type = "",
			 .sha256 = "", .caption = ltext_new(l->m),
			 .loc = { path, it->line, it->col } };
	if (it->kind != YNODE_MAP) {
		error_at(l, &e->loc, "an evidence item must be a mapping: url "
			 "or file, and caption_%s", ls->v[0]);
		return false;
	}
	load_warn_unknown_keys(l, path, it, keys);
	loc url_at = e->loc, file_at = e->loc, cap_at;
	e->url = item_value(l, path, it, "url", &url_at);
	e->file = item_value(l, path, it, "file", &file_at);
	for (size_t k = 0; k < ls->n; k++)
		e->caption.v[k] = item_value(l, path, it, keys[2 + k], &cap_at);
	if (!*e->caption.v[0])
		error_at(l, &e->loc, "evidence item without '%s' (its caption, "
			 "the text of its link)", keys[2]);
	if (*e->url && *e->file) {
		error_at(l, &e->loc, "evidence item with both 'url' and 'file': "
			 "give one of them");
		return false;
	}
	if (!*e->url && !*e->file) {
		error_at(l, &e->loc, "evidence item without 'url' (a link) or "
			 "'file' (a file in progress/%s/)", p->task_id);
		return false;
	}
	if (*e->url) {
		e->kind = EVIDENCE_URL;
		e->loc = url_at;
		if (!load_url_ok(e->url)) {
			error_at(l, &url_at, "evidence url '%s' must start with "
				 "https:// or http:// and a host name, without "
				 "spaces, quotes or <>", e->url);
			return false;
		}
		return true;
	}
	e->kind = EVIDENCE_FILE;
	e->loc = file_at;
	if (!name_ok(l, e->file, p->task_id, &file_at))
		return false;
	buf b = BUF_INIT;
	buf_printf(&b, "%s/progress/%s/%s", l->m->content_dir, p->task_id,
		   e->file);
	e->path = load_keep(l, buf_cstr(&b));
	buf_free(&b);
	read_file(l, e, p->task_id);
	return true;
}

void load_evidence_read(load_ctx *l, progress *p, const char *path,
			const ynode *list)
{
	if (!list || ydoc_is_null(list))
		return;
	if (list->kind != YNODE_SEQ) {
		diag_error(l->d, path, list->line, list->col, "'evidence' must "
			   "be a list of items, each starting with '- '");
		return;
	}
	const char *const *keys = item_keys(l);
	p->evidence = arena_alloc(l->m->arena, list->n * sizeof *p->evidence);
	for (size_t i = 0; i < list->n; i++) {
		evidence *e = &p->evidence[p->n_evidence];
		if (!read_item(l, p, path, list->items[i], keys, e))
			continue;
		for (size_t k = 0; k < p->n_evidence; k++)
			if (e->kind == EVIDENCE_FILE &&
			    !strcmp(p->evidence[k].file, e->file)) {
				error_at(l, &e->loc, "evidence file '%s' is "
					 "listed twice", e->file);
				e = NULL;
				break;
			}
		if (e)
			p->n_evidence++;
	}
}

static const progress *report_of(const model *m, const char *id)
{
	for (size_t i = 0; i < m->n_reports; i++)
		if (!strcmp(m->reports[i].task_id, id))
			return &m->reports[i];
	return NULL;
}

static bool listed(const progress *p, const char *name)
{
	for (size_t k = 0; p && k < p->n_evidence; k++)
		if (!strcmp(p->evidence[k].file, name))
			return true;
	return false;
}

void load_evidence_unlisted(load_ctx *l, const char *dir,
			    const char *task_id)
{
	size_t n;
	char **names = dir_list(dir, &n);
	if (!names) {
		diag_error(l->d, dir, 0, 0, "cannot read folder: %s",
			   strerror(errno));
		return;
	}
	const progress *p = report_of(l->m, task_id);
	for (size_t i = 0; i < n; i++) {
		if (listed(p, names[i]))
			continue;
		const char *path = load_path(l, dir, names[i]);
		if (p && p->paths[0])
			diag_warn(l->d, path, 0, 0, "not in the evidence of "
				  "progress/%s.%s.md, so not published", task_id,
				  l->m->site.languages.v[0]);
		else
			diag_warn(l->d, path, 0, 0, "evidence of a task without "
				  "a report (progress/%s.%s.md), not published",
				  task_id, l->m->site.languages.v[0]);
	}
	dir_list_free(names, n);
}
