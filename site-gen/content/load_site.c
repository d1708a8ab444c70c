/* load_site.c - site.yaml, the theme and layouts folders it names, and the
 * files of the content folder no one reads. */
#include "arena.h"
#include "buf.h"
#include "dir.h"
#include "hanconv.h"
#include "load_int.h"
#include "schema.h"
#include "text.h"
#include "tmpl.h"
#include "ydoc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- YAML values ------------------------------------------------------ */

/* A link the site shows (source, licence, repository, base_url). */
static const char *url(load_ctx *l, const char *path, const ynode *n,
		       const char *key)
{
	const char *v = load_scalar(l, path, n, key);
	if (*v && !load_url_ok(v))
		diag_error(l->d, path, n->line, n->col,
			   "'%s' must be an absolute URL starting with https:// "
			   "or http:// and a host name, without spaces, control "
			   "characters, quotes or <> (percent-encode other "
			   "characters)", key);
	return v;
}

/* A text in each language: {zh: …, en: …}, or one value in the source
 * language. */
static ltext yaml_text(load_ctx *l, const char *path, const ynode *n,
		      const char *key)
{
	ltext t = ltext_new(l->m);
	const strlist *ls = &l->m->site.languages;
	if (n && n->kind == YNODE_MAP)
		for (size_t k = 0; k < ls->n; k++)
			t.v[k] = load_scalar(l, path, ydoc_get(n, ls->v[k]), key);
	else
		t.v[0] = load_scalar(l, path, n, key);
	return t;
}

/* ---- site.yaml ------------------------------------------------------- */

static bool parse_utc_offset(const char *s, int *minutes)
{
	/* "+08:00", "-05:30", "UTC", "Z" */
	if (!strcmp(s, "UTC") || !strcmp(s, "Z")) {
		*minutes = 0;
		return true;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return false;
	long h, m;
	char hh[3] = { s[1], s[2], 0 }, mm[3] = { s[4], s[5], 0 };
	if (!text_parse_int(hh, 0, 14, &h) || !text_parse_int(mm, 0, 59, &m))
		return false;
	*minutes = (int)((s[0] == '-' ? -1 : 1) * (h * 60 + m));
	return true;
}

static void require(load_ctx *l, const char *path, const ynode *root,
		    const char *value, const char *key)
{
	if (!*value)
		diag_error(l->d, path, root->line, root->col,
			   "missing required setting '%s'", key);
}

/* A setting's text in the source language must be given: "title.zh". */
static void require_text(load_ctx *l, const char *path, const ynode *at,
			 ltext t, const char *key)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s.%s", key, l->m->site.languages.v[0]);
	require(l, path, at, ltext_get(t, 0), buf_cstr(&b));
	buf_free(&b);
}

static void site_default_language(load_ctx *l, const char *path,
				  const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *dl = ydoc_get(root, "default_language");
	const ynode *at = dl ? dl : root;
	s->default_lang = load_scalar(l, path, dl, "default_language");
	if (!*s->default_lang)
		s->default_lang = s->languages.v[0];
	s->default_lang_index = model_lang(l->m, s->default_lang);
	if (s->default_lang_index == SIZE_MAX) {
		diag_error(l->d, path, at->line, at->col, "default_language "
			   "'%s' is not one of 'languages'", s->default_lang);
		s->default_lang_index = 0;
	}
}

/* One entry of `languages`: a tag, or {tag: …, fallback: [tags]}, or a
 * derived language {tag: …, from: <tag>, convert: <OpenCC config>}. */
typedef struct lang_spec {
	const ynode *at, *fallback, *from, *convert;
	const char *tag;
} lang_spec;

static lang_spec lang_entry(load_ctx *l, const char *path, const ynode *n)
{
	static const char *const keys[] = { "tag", "fallback", "from",
					    "convert", NULL };
	lang_spec e = { .at = n };
	if (n->kind != YNODE_MAP) {
		e.tag = load_scalar(l, path, n, "languages");
		return e;
	}
	for (size_t k = 0; k < n->n; k++)
		if (!schema_value_ok(keys, n->keys[k]->value))
			diag_error(l->d, path, n->keys[k]->line, n->keys[k]->col,
				   "unknown language setting '%s' (settings are: "
				   "tag, fallback, from, convert)",
				   n->keys[k]->value);
	e.fallback = ydoc_get(n, "fallback");
	e.from = ydoc_get(n, "from");
	e.convert = ydoc_get(n, "convert");
	e.tag = load_scalar(l, path, ydoc_get(n, "tag"), "tag");
	if (!*e.tag)
		diag_error(l->d, path, n->line, n->col, "a language needs a 'tag'");
	return e;
}

/* Add a language; a bad or repeated tag is reported and left out. */
static bool lang_add(load_ctx *l, const char *path, const ynode *at,
		     const char *tag)
{
	strlist *ls = &l->m->site.languages;
	if (!*tag)
		return false;
	if (!text_is_lang_tag(tag)) {
		diag_error(l->d, path, at->line, at->col, "bad language tag '%s' "
			   "(a BCP 47 tag such as zh, en or zh-Hant)", tag);
		return false;
	}
	if (model_lang(l->m, tag) != SIZE_MAX) {
		diag_error(l->d, path, at->line, at->col,
			   "language '%s' is listed twice", tag);
		return false;
	}
	ls->locs[ls->n] = (loc){ path, at->line, at->col };
	ls->v[ls->n++] = tag;
	return true;
}

/* Language l's chain: itself, the language it is converted from, its
 * fallbacks, then the source language. */
static void lang_chain(load_ctx *l, const char *path, size_t lang,
		       const ynode *fb)
{
	site_config *s = &l->m->site;
	size_t n = fb && fb->kind == YNODE_SEQ ? fb->n : 0, k = 0;
	size_t *c = arena_alloc(l->m->arena, (n + 4) * sizeof *c);
	c[k++] = lang;
	if (s->derived_from[lang] != SIZE_MAX)
		c[k++] = s->derived_from[lang];
	if (fb && fb->kind != YNODE_SEQ)
		diag_error(l->d, path, fb->line, fb->col,
			   "'fallback' must be a list of language tags, e.g. [en]");
	for (size_t i = 0; i < n; i++) {
		const char *tag = load_scalar(l, path, fb->items[i], "fallback");
		size_t f = model_lang(l->m, tag);
		if (f == SIZE_MAX)
			diag_error(l->d, path, fb->items[i]->line,
				   fb->items[i]->col, "fallback '%s' is not one "
				   "of 'languages'", tag);
		else if (f == lang)
			diag_error(l->d, path, fb->items[i]->line,
				   fb->items[i]->col, "language '%s' falls back "
				   "to itself", tag);
		else
			c[k++] = f;
	}
	if (c[k - 1] != 0)
		c[k++] = 0;
	c[k] = SIZE_MAX;
	s->lang_chain[lang] = c;
}

/* A derived language's `from` (a written language) and `convert` (an
 * OpenCC configuration, s2hk.json by default). */
static void lang_derive(load_ctx *l, const char *path, size_t lang,
			const lang_spec *e)
{
	site_config *s = &l->m->site;
	const char *from = load_scalar(l, path, e->from, "from");
	size_t f = model_lang(l->m, from);
	if (f == SIZE_MAX || f >= s->n_written)
		diag_error(l->d, path, e->from->line, e->from->col, "'from: %s' "
			   "must name a language of 'languages' that is not "
			   "itself derived", from);
	s->derived_from[lang] = f < s->n_written ? f : 0;
	const char *conf = e->convert ? load_scalar(l, path, e->convert,
						    "convert") : "";
	s->convert[lang] = *conf ? conf : "s2hk.json";
	if (!hanconv_config_exists(s->convert[lang]))
		diag_error(l->d, path, e->convert ? e->convert->line : e->at->line,
			   e->convert ? e->convert->col : e->at->col,
			   "OpenCC has no configuration '%s' (Debian's opencc "
			   "data has s2hk.json, s2t.json, s2tw.json, s2twp.json)",
			   s->convert[lang]);
}

/* The written languages come first: content has columns and files for
 * them; the derived ones follow, in the order listed. */
static void site_languages(load_ctx *l, const char *path, const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *langs = ydoc_get(root, "languages");
	if (langs && langs->kind != YNODE_SEQ)
		diag_error(l->d, path, langs->line, langs->col,
			   "'languages' must be a list, e.g. [zh, en]");
	size_t n = langs && langs->kind == YNODE_SEQ ? langs->n : 0;
	s->languages.v = arena_alloc(l->m->arena, (n + 2) * sizeof(char *));
	s->languages.locs = arena_alloc(l->m->arena, (n + 2) * sizeof(loc));
	lang_spec *e = xcalloc(n + 2, sizeof *e), *added = xcalloc(n + 2, sizeof *e);
	for (size_t i = 0; i < n; i++)
		e[i] = lang_entry(l, path, langs->items[i]);
	for (int derived = 0; derived < 2; derived++)
		for (size_t i = 0; i < n; i++)
			if (!e[i].from == !derived &&
			    lang_add(l, path, langs->items[i], e[i].tag))
				added[s->languages.n - 1] = e[i];
	/* Without a written language, the two languages of the first sites. */
	if (s->languages.n && added[0].from)
		diag_error(l->d, path, langs->line, langs->col, "'languages' "
			   "needs a language the content is written in, first");
	if (!s->languages.n || added[0].from) {
		s->languages.n = 0;
		memset(added, 0, (n + 2) * sizeof *added);
		lang_add(l, path, root, "zh");
		lang_add(l, path, root, "en");
	}
	size_t nl = s->languages.n;
	s->n_written = 0;
	while (s->n_written < nl && !added[s->n_written].from)
		s->n_written++;
	s->derived_from = arena_alloc(l->m->arena, nl * sizeof(size_t));
	s->convert = arena_alloc(l->m->arena, nl * sizeof(char *));
	s->lang_chain = arena_alloc(l->m->arena, nl * sizeof(size_t *));
	for (size_t i = 0; i < nl; i++) {
		s->derived_from[i] = SIZE_MAX;
		s->convert[i] = "";
		if (added[i].from)
			lang_derive(l, path, i, &added[i]);
	}
	for (size_t i = 0; i < nl; i++)
		lang_chain(l, path, i, added[i].fallback);
	free(e);
	free(added);
	site_default_language(l, path, root);
}

static void site_plan(load_ctx *l, const char *path, const ynode *root)
{
	static const char *const keys[] = { "title", "doc_number", "issuer",
					    "issued", "source_url", "area",
					    "period", NULL };
	site_config *s = &l->m->site;
	const ynode *plan = ydoc_get(root, "plan");
	load_warn_unknown_keys(l, path, plan, keys);
	s->plan_title = yaml_text(l, path, ydoc_get(plan, "title"), "plan.title");
	s->doc_number = load_scalar(l, path, ydoc_get(plan, "doc_number"),
				    "doc_number");
	s->issuer = yaml_text(l, path, ydoc_get(plan, "issuer"), "plan.issuer");
	s->issued = load_scalar(l, path, ydoc_get(plan, "issued"),
				"plan.issued");
	s->source_url = url(l, path, ydoc_get(plan, "source_url"),
			"plan.source_url");
	s->area = yaml_text(l, path, ydoc_get(plan, "area"), "plan.area");
	s->period = load_scalar(l, path, ydoc_get(plan, "period"),
				"plan.period");
	require_text(l, path, plan ? plan : root, s->plan_title, "plan.title");
	if (*s->issued && !text_parse_date(s->issued, NULL)) {
		const ynode *n = ydoc_get(plan, "issued");
		diag_error(l->d, path, n->line, n->col,
			   "bad date '%s' in 'plan.issued'", s->issued);
	}
}

/* A folder setting (layouts, theme) as written, and where, for
 * folder_inside. */
static const char *site_folder(load_ctx *l, const char *path,
			       const ynode *root, const char *key, loc *at)
{
	const ynode *n = ydoc_get(root, key);
	if (n)
		*at = (loc){ path, n->line, n->col };
	return load_scalar(l, path, n, key);
}

static void site_misc(load_ctx *l, const char *path, const ynode *root)
{
	static const char *const lic_keys[] = { "id", "name", "url", NULL };
	static const char *const repo_keys[] = { "edit_url", "commit_url", NULL };
	site_config *s = &l->m->site;
	const ynode *lic = ydoc_get(root, "license"), *repo = ydoc_get(root,
								 "repository");
	load_warn_unknown_keys(l, path, lic, lic_keys);
	load_warn_unknown_keys(l, path, repo, repo_keys);
	s->license_id = load_scalar(l, path, ydoc_get(lic, "id"), "license.id");
	s->license_name = load_scalar(l, path, ydoc_get(lic, "name"),
				      "license.name");
	s->license_url = url(l, path, ydoc_get(lic, "url"), "license.url");
	s->edit_url = url(l, path, ydoc_get(repo, "edit_url"),
			  "repository.edit_url");
	s->commit_url = url(l, path, ydoc_get(repo, "commit_url"),
			    "repository.commit_url");
	s->layouts = site_folder(l, path, root, "layouts", &s->layouts_loc);
	s->theme = site_folder(l, path, root, "theme", &s->theme_loc);
	s->snapshot_tags = load_scalar(l, path,
				       ydoc_get(root, "snapshot_tags"),
				       "snapshot_tags");
	require(l, path, root, s->license_id, "license.id");
}

/* A whole number of `schedule` within min..max, else `def`. */
static long schedule_int(load_ctx *l, const char *path, const ynode *sched,
			 const char *key, long min, long max, long def)
{
	const ynode *n = ydoc_get(sched, key);
	buf name = BUF_INIT;
	buf_printf(&name, "schedule.%s", key);
	const char *v = load_scalar(l, path, n, buf_cstr(&name));
	long x = def;
	if (*v && !text_parse_int(v, min, max, &x)) {
		diag_error(l->d, path, n->line, n->col, "'%s' must be a whole "
			   "number from %ld to %ld, not '%s'", buf_cstr(&name),
			   min, max, v);
		x = def;
	}
	buf_free(&name);
	return x;
}

/* The rules of pace.h: yellow_after ≤ red_after, in points of progress. */
static void site_schedule(load_ctx *l, const char *path, const ynode *root)
{
	static const char *const keys[] = { "yellow_after", "red_after",
					    "stale_after_days", NULL };
	site_config *s = &l->m->site;
	const ynode *sched = ydoc_get(root, "schedule");
	if (sched && sched->kind != YNODE_MAP && !ydoc_is_null(sched)) {
		diag_error(l->d, path, sched->line, sched->col, "'schedule' "
			   "must be a mapping (yellow_after, red_after, "
			   "stale_after_days)");
		sched = NULL;
	}
	load_warn_unknown_keys(l, path, sched, keys);
	s->sched_yellow_after = (int)schedule_int(l, path, sched,
						  "yellow_after", 0, 100, 10);
	s->sched_red_after = (int)schedule_int(l, path, sched, "red_after",
					       0, 100, 30);
	s->stale_after_days = schedule_int(l, path, sched, "stale_after_days",
					   1, 3660, 100);
	if (s->sched_yellow_after > s->sched_red_after) {
		const ynode *n = ydoc_get(sched, "red_after");
		diag_error(l->d, path, n ? n->line : sched->line,
			   n ? n->col : sched->col, "'schedule.red_after' (%d) "
			   "must not be below 'schedule.yellow_after' (%d)",
			   s->sched_red_after, s->sched_yellow_after);
	}
}

/* The size limit of a report's evidence files (load_evidence.c). */
static void site_evidence(load_ctx *l, const char *path, const ynode *root)
{
	const ynode *n = ydoc_get(root, "evidence_max_mib");
	const char *v = load_scalar(l, path, n, "evidence_max_mib");
	long mib = LOAD_EVIDENCE_MAX_MIB;
	if (*v && !text_parse_int(v, 1, LOAD_MAX_FILE_MIB, &mib)) {
		diag_error(l->d, path, n->line, n->col, "'evidence_max_mib' "
			   "must be a whole number from 1 to %d, not '%s'",
			   LOAD_MAX_FILE_MIB, v);
		mib = LOAD_EVIDENCE_MAX_MIB;
	}
	l->m->site.evidence_max_bytes = (size_t)mib * 1024 * 1024;
}

static void site_basics(load_ctx *l, const char *path, const ynode *root)
{
	site_config *s = &l->m->site;
	const ynode *fv = ydoc_get(root, "format_version");
	const char *v = load_scalar(l, path, fv, "format_version");
	s->format_version = MODEL_FORMAT_VERSION;
	if (*v && (!text_parse_int(v, 1, 1000, &s->format_version) ||
		   s->format_version > MODEL_FORMAT_VERSION))
		diag_error(l->d, path, fv->line, fv->col,
			   "format_version %s is not supported (this site-gen "
			   "reads version %d)", v, MODEL_FORMAT_VERSION);
	s->title = yaml_text(l, path, ydoc_get(root, "title"), "title");
	require_text(l, path, root, s->title, "title");
	const ynode *bu = ydoc_get(root, "base_url");
	s->base_url = url(l, path, bu, "base_url");
	require(l, path, root, s->base_url, "base_url");
	size_t bl = strlen(s->base_url);
	if (bl && load_url_ok(s->base_url) && s->base_url[bl - 1] != '/')
		diag_error(l->d, path, bu->line, bu->col,
			   "base_url must end in '/'");
	s->time_zone = load_scalar(l, path, ydoc_get(root, "time_zone"),
				   "time_zone");
	if (!*s->time_zone)
		s->time_zone = "+08:00";
	if (!parse_utc_offset(s->time_zone, &s->utc_offset_min))
		diag_error(l->d, path, root->line, root->col,
			   "time_zone '%s' must be a UTC offset like +08:00",
			   s->time_zone);
}

void load_site_read(load_ctx *l)
{
	static const char *const keys[] = {
		"format_version", "title", "default_language", "languages",
		"base_url", "time_zone", "license", "plan", "repository",
		"layouts", "theme", "snapshot_tags", "schedule",
		"evidence_max_mib", NULL };
	const char *path = load_path(l, l->m->content_dir, "site.yaml");
	buf b = BUF_INIT;
	const char *text = load_read_text(l, path, &b, true);
	if (text)
		text_check_invisible(path, text, strlen(text), 1, l->d);
	const ynode *root = text ? ydoc_parse(l->m->arena, path, text,
					      strlen(text), 0, l->d) : NULL;
	if (root && root->kind != YNODE_MAP) {
		diag_error(l->d, path, root->line, root->col,
			   "site.yaml must be a mapping of settings");
		root = NULL;
	}
	/* Every text needs the languages, even when site.yaml is unusable. */
	static const ynode empty = { .kind = YNODE_MAP };
	site_languages(l, path, root ? root : &empty);
	if (root) {
		l->m->site.loc = (loc){ path, 1, 1 };
		load_warn_unknown_keys(l, path, root, keys);
		site_basics(l, path, root);
		site_plan(l, path, root);
		site_misc(l, path, root);
	}
	site_schedule(l, path, root ? root : &empty);
	site_evidence(l, path, root ? root : &empty);
	buf_free(&b);
}

char *load_site_theme(const char *content_dir)
{
	buf path = BUF_INIT, text = BUF_INIT;
	buf_printf(&path, "%s/site.yaml", content_dir);
	arena *a = arena_new();
	diag *quiet = diag_new();   /* load_content reports them */
	const ynode *n = NULL;
	if (buf_read_file(&text, buf_cstr(&path)) == 0)
		n = ydoc_get(ydoc_parse(a, buf_cstr(&path), buf_cstr(&text),
					text.len, 0, quiet), "theme");
	char *dir = NULL;
	if (n && n->kind == YNODE_SCALAR && *n->value && n->value[0] != '/') {
		buf_clear(&path);
		buf_printf(&path, "%s/%s", content_dir, n->value);
		dir = buf_detach(&path);
	}
	diag_free(quiet);
	arena_free(a);
	buf_free(&text);
	buf_free(&path);
	return dir;
}

/* ---- layouts (site.yaml's template overrides) ------------------------- */

#define LAYOUT_EXT ".mustache"

typedef struct layout_walk {
	load_ctx *l;
	tmpl_set *set;          /* compiles each one, as build will */
} layout_walk;

/* Every *.mustache file is read under the rules of any content file
 * (inside the content folder, regular, bounded, UTF-8) and compiled. */
static int layout_file(void *ctx, const char *path, const char *rel,
		       const struct stat *st)
{
	layout_walk *w = ctx;
	load_ctx *l = w->l;
	size_t n = strlen(rel), ext = strlen(LAYOUT_EXT);
	if (S_ISDIR(st->st_mode) && !load_inside_root(l, path)) {
		/* Its files would be refused one by one; say why once. */
		diag_error(l->d, path, 0, 0, "refusing to read a folder that "
			   "leads outside the content folder");
		return DIR_SKIP;
	}
	if (S_ISDIR(st->st_mode) || n <= ext || strcmp(rel + n - ext, LAYOUT_EXT))
		return 0;
	const char *p = load_keep(l, path);
	buf b = BUF_INIT;
	const char *text = load_read_text(l, p, &b, false);
	if (text) {
		layout *t = LOAD_GROW(l->m->layouts, l->m->n_layouts);
		*t = (layout){ arena_strndup(l->m->arena, rel, n - ext), p,
			       load_keep(l, text), strlen(text) };
		tmpl_set_add(w->set, t->name, p, t->text, t->len, l->d);
	}
	buf_free(&b);
	return 0;
}

/* The folder site.yaml's `key` names (value `rel`, at `at`), or NULL
 * after an error there: it must exist, relative to the content folder and
 * inside it. */
static const char *folder_inside(load_ctx *l, const char *key,
				 const char *rel, const loc *at)
{
	const char *dir = load_path(l, l->m->content_dir, rel);
	struct stat st;
	if (rel[0] == '/')
		diag_error(l->d, at->file, at->line, at->col, "'%s' must "
			   "name a folder inside the content folder, relative "
			   "to it, not an absolute path", key);
	else if (stat(dir, &st) != 0)
		diag_error(l->d, at->file, at->line, at->col, "the %s "
			   "folder %s cannot be opened: %s", key, dir,
			   strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		diag_error(l->d, at->file, at->line, at->col, "'%s' names "
			   "%s, which is not a folder", key, dir);
	else if (!load_inside_root(l, dir))
		diag_error(l->d, at->file, at->line, at->col, "refusing the "
			   "%s folder %s: it leads outside the content "
			   "folder", key, dir);
	else
		return dir;
	return NULL;
}

void load_site_folders(load_ctx *l)
{
	const site_config *s = &l->m->site;
	if (*s->theme)
		folder_inside(l, "theme", s->theme, &s->theme_loc);
	const char *dir = *s->layouts ? folder_inside(l, "layouts", s->layouts,
						      &s->layouts_loc) : NULL;
	if (dir) {
		layout_walk w = { l, tmpl_set_new() };
		if (dir_walk(dir, layout_file, &w) < 0)
			diag_error(l->d, dir, 0, 0, "cannot read the layouts "
				   "folder: %s", strerror(errno));
		tmpl_set_free(w.set);
	}
}

/* ---- files no one reads ------------------------------------------------ */

/* Levenshtein distance, enough to tell "metric.csv" from "metrics.csv". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b), dist[64];
	if (n >= sizeof dist / sizeof *dist)
		return (size_t)-1;
	for (size_t j = 0; j <= n; j++)
		dist[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		size_t corner = dist[0];
		dist[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t up = dist[j];
			size_t best = corner + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (dist[j - 1] + 1 < best)
				best = dist[j - 1] + 1;
			dist[j] = best;
			corner = up;
		}
	}
	return dist[n];
}

/* The names a content folder may hold: the tables, the folders and the
 * notes of each language; NULL-terminated, in the model's arena. */
static const char **content_names(const load_ctx *l)
{
	static const char *const fixed[] = {
		"site.yaml", "units.csv", "sections.csv", "tasks.csv",
		"metrics.csv", "glossary.csv", "plan", "progress",
		LOAD_CONVERT_FILE, "README.md" };
	size_t nf = sizeof fixed / sizeof *fixed, nl = l->m->site.languages.n;
	const char **v = arena_alloc(l->m->arena, (nf + nl + 1) * sizeof *v);
	memcpy(v, fixed, sizeof fixed);
	for (size_t k = 0; k < nl; k++) {
		buf b = BUF_INIT;
		model_notes_path(l->m, k, &b);
		v[nf + k] = arena_strdup(l->m->arena, buf_cstr(&b));
		buf_free(&b);
	}
	v[nf + nl] = NULL;
	return v;
}

/* The known name `name` is closest to, at most two edits away, or NULL. */
static const char *closest_name(const char *const *names, const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t k = 0; names[k]; k++) {
		size_t d = edit_distance(name, names[k]);
		if (d < best_d) {
			best_d = d;
			best = names[k];
		}
	}
	return best;
}

/* Is `name` the first part of the folder `rel`? */
static bool top_of(const char *rel, const char *name)
{
	size_t top = strcspn(rel, "/");
	return top && strlen(name) == top && !strncmp(name, rel, top);
}

static bool known_name(const load_ctx *l, const char *const *names,
		       const char *name)
{
	for (size_t k = 0; names[k]; k++)
		if (!strcmp(name, names[k]))
			return true;
	return top_of(l->m->site.layouts, name) ||
	       top_of(l->m->site.theme, name);
}

/* A misspelt file (metric.csv) would be skipped in silence, and what it
 * holds with it: name each unknown entry, and what it may have meant. */
void load_site_unknown_files(load_ctx *l)
{
	size_t n;
	char **names = dir_list(l->m->content_dir, &n);
	const char **known = content_names(l);
	for (size_t i = 0; names && i < n; i++) {
		if (known_name(l, known, names[i]))
			continue;
		const char *path = load_path(l, l->m->content_dir, names[i]);
		const char *best = closest_name(known, names[i]);
		size_t len = strlen(names[i]);
		if (!strncmp(names[i], "NOTES.", 6) && len >= 8 &&
		    !strcmp(names[i] + len - 3, ".md"))
			diag_warn(l->d, path, 0, 0, "notes in a language that "
				  "site.yaml's 'languages' does not list (ignored)");
		else if (best)
			diag_warn(l->d, path, 0, 0, "unknown file, not read: did "
				  "you mean %s?", best);
		else
			diag_warn(l->d, path, 0, 0, "unknown file, not read "
				  "(docs/content-format.md lists the files)");
	}
	if (names)
		dir_list_free(names, n);
}

