/* load_md.c - the Markdown files of the content folder, with their front
 * matter: plan/, progress/ and the notes. */
#include "arena.h"
#include "buf.h"
#include "dir.h"
#include "load_int.h"
#include "md.h"
#include "schema.h"
#include "smap.h"
#include "text.h"
#include "ydoc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Markdown files with front matter ---------------------------------- */

int load_split_front_matter(const char *text, const char **yaml,
			    size_t *yaml_len, const char **body)
{
	*body = text;
	if (strncmp(text, "---\n", 4) && strncmp(text, "---\r\n", 5))
		return 0;
	const char *start = strchr(text, '\n') + 1;
	for (const char *p = start; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 3 && !strncmp(p, "---", 3)) {
			*yaml = start;
			*yaml_len = (size_t)(p - start);
			*body = eol ? eol + 1 : p + strlen(p);
			return 1;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return -1;
}

typedef struct mdfile {
	const char *path, *body;
	const ynode *fm;     /* front matter map, NULL if none */
	bool ok;
} mdfile;

/* Read a Markdown file and parse its front matter into `a`. Safe to run
 * on several threads with an arena each. */
static mdfile read_md(load_ctx *l, arena *a, const char *path, buf *b)
{
	mdfile f = { .path = path };
	const char *text = load_read_text(l, path, b, false);
	if (!text)
		return f;
	const char *yaml = NULL;
	size_t ylen = 0;
	int has = load_split_front_matter(text, &yaml, &ylen, &f.body);
	if (has < 0) {
		diag_error(l->d, path, 1, 1,
			   "front matter starts with '---' but is not closed by a "
			   "'---' line");
		return f;
	}
	if (has) {
		text_check_invisible(path, yaml, ylen, 2, l->d);
		f.fm = ydoc_parse(a, path, yaml, ylen, 1, l->d);
		if (!f.fm)
			return f;
		if (f.fm->kind != YNODE_MAP) {
			diag_error(l->d, path, 2, 1,
				   "front matter must be a mapping of keys");
			return f;
		}
	}
	md_check(path, text, strlen(text), (size_t)(f.body - text), l->d);
	f.body = arena_strdup(a, f.body);
	f.ok = true;
	return f;
}

/* Names in a folder, sorted (dir.h); NULL with *n = 0 when the folder is
 * absent, which is fine: plan/ and progress/ are optional. */
static char **sorted_dir(load_ctx *l, const char *dir, size_t *n)
{
	char **names = dir_list(dir, n);
	if (!names && errno != ENOENT)
		diag_error(l->d, dir, 0, 0, "cannot read folder: %s",
			   strerror(errno));
	if (names && !load_inside_root(l, dir)) {
		/* Its files would be refused one by one; say why once. */
		diag_error(l->d, dir, 0, 0, "refusing to read a folder that "
			   "leads outside the content folder");
		dir_list_free(names, *n);
		*n = 0;
		return NULL;
	}
	return names;
}

/* Add the names of the files given as text in `folder` to its sorted
 * listing (`names`, *n of them; NULL for an absent folder), in order. */
static char **add_given_names(const load_ctx *l, const char *folder,
			      char **names, size_t *n)
{
	size_t fl = strlen(folder);
	for (size_t i = 0; i < l->n_over; i++) {
		const char *rel = l->over[i].relpath, *name = rel + fl + 1;
		if (strncmp(rel, folder, fl) || rel[fl] != '/' || strchr(name, '/'))
			continue;
		size_t k = 0;
		while (k < *n && strcmp(names[k], name) < 0)
			k++;
		if (k < *n && !strcmp(names[k], name))
			continue;
		names = xrealloc(names, (*n + 1) * sizeof *names);
		memmove(names + k + 1, names + k, (*n - k) * sizeof *names);
		names[k] = xstrdup(name);
		(*n)++;
	}
	return names;
}

/* "<id>.<lang>.md" -> id and the language's index, SIZE_MAX for a tag
 * that site.yaml does not list; false for any other name. */
static bool split_md_name(load_ctx *l, const char *name, const char **id,
			  size_t *lang)
{
	size_t n = strlen(name);
	if (n < 4 || strcmp(name + n - 3, ".md"))
		return false;
	const char *dot = memrchr(name, '.', n - 3);
	if (!dot || dot == name)
		return false;
	char *tag = arena_strndup(l->m->arena, dot + 1,
				  (size_t)(name + n - 3 - dot - 1));
	*id = arena_strndup(l->m->arena, name, (size_t)(dot - name));
	*lang = model_lang(l->m, tag);
	return text_is_lang_tag(tag);
}

/* "<id>.zh.md or <id>.en.md", for the hint of a bad name. */
static const char *names_hint(load_ctx *l, const char *id)
{
	const strlist *ls = &l->m->site.languages;
	buf b = BUF_INIT;
	for (size_t k = 0; k < ls->n; k++)
		buf_printf(&b, "%s%s.%s.md", k ? k + 1 == ls->n ? " or " : ", "
			   : "", id, ls->v[k]);
	const char *out = arena_strdup(l->m->arena, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* Per language, NULL until its file is seen. */
static const char **paths_new(load_ctx *l)
{
	size_t n = l->m->site.languages.n;
	return memset(arena_alloc(l->m->arena, n * sizeof(char *)), 0,
		      n * sizeof(char *));
}


/* Each Markdown file of a folder, in name order; `fn` gets the parsed
 * file. A file that cannot be read (f->ok false: its errors are reported)
 * marks the model incomplete (`which`); `fn` still records that it
 * exists, so that its partner file does not claim it is missing. */
typedef void (*md_fn)(load_ctx *l, const char *id, size_t lang,
		      const mdfile *f);

/* The files of one folder, read and parsed by two threads (at scale the
 * progress folder holds two files per task); what they make is taken in
 * name order afterwards. */
typedef struct md_batch {
	load_ctx *l;
	const char **paths;      /* NULL: a name that is not <id>.<lang>.md */
	mdfile *files;
	size_t n;
	atomic_size_t next;
} md_batch;

static void *read_batch(void *arg)
{
	md_batch *mb = arg;
	arena *a = arena_new();
	buf b = BUF_INIT;
	for (size_t i; (i = atomic_fetch_add(&mb->next, 1)) < mb->n;) {
		if (mb->paths[i])
			mb->files[i] = read_md(mb->l, a, mb->paths[i], &b);
		buf_clear(&b);
	}
	buf_free(&b);
	return a;
}

static void read_all(md_batch *mb)
{
	pthread_t t;
	bool threaded = mb->n > 1 && pthread_create(&t, NULL, read_batch, mb) == 0;
	arena_adopt(mb->l->m->arena, read_batch(mb));
	void *other;
	if (threaded && pthread_join(t, &other) == 0)
		arena_adopt(mb->l->m->arena, other);
}

/* Is `path` a folder? Only progress/ has any: the evidence of a task. */
static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* `folders`, when not NULL, is told each folder of `folder` (else a
 * folder is an unexpected file). */
typedef void (*md_folder_fn)(load_ctx *l, const char *path, const char *name);

static void read_folder(load_ctx *l, const char *folder, const char *id,
			unsigned which, md_fn fn, md_folder_fn folders)
{
	const char *dir = load_path(l, l->m->content_dir, folder);
	size_t n;
	char **names = add_given_names(l, folder, sorted_dir(l, dir, &n), &n);
	md_batch mb = { .l = l, .n = n,
			.paths = xcalloc(n ? n : 1, sizeof *mb.paths),
			.files = xcalloc(n ? n : 1, sizeof *mb.files) };
	const char **ids = xcalloc(n ? n : 1, sizeof *ids);
	size_t *langs = xcalloc(n ? n : 1, sizeof *langs);
	size_t *sub = xcalloc(n ? n : 1, sizeof *sub), n_sub = 0;
	for (size_t i = 0; i < n; i++) {
		const char *path = load_path(l, dir, names[i]);
		if (folders && is_folder(path))
			sub[n_sub++] = i;
		else if (!split_md_name(l, names[i], &ids[i], &langs[i]))
			diag_error(l->d, path, 0, 0, "unexpected file in %s/ (names "
				   "are %s)", folder, names_hint(l, id));
		else if (langs[i] == SIZE_MAX)
			diag_warn(l->d, path, 0, 0, "a file in a language that "
				  "site.yaml's 'languages' does not list (ignored)");
		else
			mb.paths[i] = path;
	}
	read_all(&mb);
	for (size_t i = 0; i < n; i++) {
		if (!mb.paths[i])
			continue;
		if (!mb.files[i].ok)
			l->m->incomplete |= which;
		fn(l, ids[i], langs[i], &mb.files[i]);
	}
	for (size_t i = 0; i < n_sub; i++)   /* after every file */
		folders(l, load_path(l, dir, names[sub[i]]), names[sub[i]]);
	free(sub);
	free(mb.paths);
	free(mb.files);
	free(ids);
	free(langs);
	dir_list_free(names, n);
}


/* ---- plan/ ------------------------------------------------------------ */

static plan_doc *plan_entry(load_ctx *l, const char *id, const char *path)
{
	model *m = l->m;
	/* Sorted names put the files of one id next to each other. */
	if (m->n_plan && !strcmp(m->plan[m->n_plan - 1].id, id))
		return &m->plan[m->n_plan - 1];
	plan_doc *p = LOAD_GROW(m->plan, m->n_plan);
	*p = (plan_doc){ .id = id, .order = -1, .markdown = ltext_new(m),
			 .paths = paths_new(l), .loc = { path, 1, 1 } };
	if (!text_is_id(id))
		diag_error(l->d, path, 0, 0, "bad id '%s' in file name", id);
	return p;
}

static void plan_order(load_ctx *l, plan_doc *p, const mdfile *f)
{
	const ynode *o = ydoc_get(f->fm, "order");
	const char *v = load_scalar(l, f->path, o, "order");
	if (!o)
		diag_error(l->d, f->path, 1, 1,
			   "missing front matter key 'order' (an integer that "
			   "places this file in the plan)");
	else if (!text_parse_int(v, 0, 1000000, &p->order))
		diag_error(l->d, f->path, o->line, o->col,
			   "'order' must be a whole number, not '%s'", v);
	static const char *const keys[] = { "order", NULL };
	load_warn_unknown_keys(l, f->path, f->fm, keys);
}

static int cmp_plan(const void *a, const void *b)
{
	const plan_doc *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The source text is the original; each other language should have one. */
static void check_plan_translations(load_ctx *l, const plan_doc *p)
{
	const strlist *ls = &l->m->site.languages;
	if (!p->paths[0]) {
		diag_error(l->d, p->loc.file, 0, 0, "plan translation without "
			   "its original %s.%s.md", p->id, ls->v[0]);
		return;
	}
	for (size_t k = 1; k < l->m->site.n_written; k++)
		if (!p->paths[k])
			diag_warn(l->d, p->paths[0], 0, 0, "missing translation "
				  "%s.%s.md", p->id, ls->v[k]);
}

static void check_plan(load_ctx *l)
{
	model *m = l->m;
	if (m->n_plan)       /* qsort may not be given NULL */
		qsort(m->plan, m->n_plan, sizeof *m->plan, cmp_plan);
	for (size_t i = 0; i < m->n_plan; i++) {
		plan_doc *p = &m->plan[i];
		check_plan_translations(l, p);
		if (i && p->order >= 0 && p->order == m->plan[i - 1].order)
			diag_error(l->d, p->loc.file, p->loc.line, p->loc.col,
				   "order %ld is also used by plan/%s",
				   p->order, m->plan[i - 1].id);
		smap_put(&m->plan_ids, p->id, p);
	}
}

static void plan_file(load_ctx *l, const char *id, size_t lang,
		      const mdfile *f)
{
	plan_doc *p = plan_entry(l, id, f->path);
	p->paths[lang] = f->path;
	if (!f->ok)
		return;
	p->markdown.v[lang] = f->body;
	if (!lang) {
		p->loc = (loc){ f->path, 1, 1 };
		plan_order(l, p, f);
	}
}

void load_md_plan(load_ctx *l)
{
	read_folder(l, "plan", "<id>", MODEL_PLAN, plan_file, NULL);
	check_plan(l);
}

/* ---- progress/ ------------------------------------------------------- */

static const char *const *const progress_keys = schema_report_keys;

static void progress_actuals(load_ctx *l, progress *p, const mdfile *f,
			     const ynode *mt)
{
	if (!mt)
		return;
	if (mt->kind != YNODE_MAP) {
		diag_error(l->d, f->path, mt->line, mt->col,
			   "'metrics' must map metric ids to numbers");
		return;
	}
	p->actuals = arena_alloc(l->m->arena, mt->n * sizeof *p->actuals);
	for (size_t i = 0; i < mt->n; i++) {
		const ynode *k = mt->keys[i], *v = mt->items[i];
		actual *a = &p->actuals[p->n_actuals];
		text_number got;
		a->metric_id = k->value;
		a->loc = (loc){ f->path, k->line, k->col };
		a->text = load_scalar(l, f->path, v, k->value);
		if (!text_is_id(k->value))
			diag_error(l->d, f->path, k->line, k->col,
				   "bad metric id '%s'", k->value);
		else if ((got = text_read_number(a->text, &a->value)) ==
			 TEXT_NUMBER_PRECISION)
			load_too_precise(l, &(loc){ f->path, v->line, v->col },
				    k->value, a->text);
		else if (got != TEXT_NUMBER_OK)
			diag_error(l->d, f->path, v->line, v->col,
				   "actual value of '%s' is not a number: '%s'",
				   k->value, a->text);
		else
			p->n_actuals++;
	}
}

static void progress_status(load_ctx *l, progress *p, const mdfile *f)
{
	const ynode *st = ydoc_get(f->fm, "status"), *ao = ydoc_get(f->fm, "as_of");
	const char *s = load_scalar(l, f->path, st, "status");
	p->as_of = load_scalar(l, f->path, ao, "as_of");
	p->as_of_loc = ao ? (loc){ f->path, ao->line, ao->col } : p->loc;
	if (!*s)
		diag_error(l->d, f->path, st ? st->line : 1, st ? st->col : 1,
			   "missing required key 'status'");
	else if (!(p->status = model_status_parse(s)))
		diag_error(l->d, f->path, st->line, st->col,
			   "bad status '%s' (use not_started, on_track, at_risk, "
			   "delayed, completed or withdrawn)", s);
	if (!*p->as_of)
		diag_error(l->d, f->path, ao ? ao->line : 1, ao ? ao->col : 1,
			   "missing required key 'as_of' (the report date, "
			   "YYYY-MM-DD)");
	else if (!text_parse_date(p->as_of, NULL))
		diag_error(l->d, f->path, ao->line, ao->col,
			   "bad date '%s' in 'as_of' (expected a real date, "
			   "YYYY-MM-DD)", p->as_of);
}

static void progress_fields(load_ctx *l, progress *p, const mdfile *f)
{
	if (!f->fm) {
		diag_error(l->d, f->path, 1, 1,
			   "missing front matter: a report starts with '---', "
			   "then status and as_of, then '---'");
		return;
	}
	load_warn_unknown_keys(l, f->path, f->fm, progress_keys);
	progress_status(l, p, f);
	const ynode *pr = ydoc_get(f->fm, "progress");
	const char *v = load_scalar(l, f->path, pr, "progress");
	if (*v && !text_parse_int(v, 0, 100, &p->percent))
		diag_error(l->d, f->path, pr->line, pr->col,
			   "progress must be a whole number from 0 to 100, not "
			   "'%s'", v);
	const ynode *rb = ydoc_get(f->fm, "reported_by");
	p->reported_by_id = load_scalar(l, f->path, rb, "reported_by");
	if (rb)
		p->reported_by_loc = (loc){ f->path, rb->line, rb->col };
	progress_actuals(l, p, f, ydoc_get(f->fm, "metrics"));
	load_evidence_read(l, p, f->path, ydoc_get(f->fm, "evidence"));
}

/* A translation holds only the narrative. */
static void progress_translation(load_ctx *l, const char *id,
				 const mdfile *f)
{
	if (!f->fm)
		return;
	for (size_t i = 0; i < f->fm->n; i++) {
		const ynode *k = f->fm->keys[i];
		size_t j = 0;
		while (progress_keys[j] && strcmp(progress_keys[j], k->value))
			j++;
		if (progress_keys[j])
			diag_error(l->d, f->path, k->line, k->col,
				   "'%s' belongs in %s.%s.md only (structured "
				   "keys live in the source-language file)",
				   k->value, id, l->m->site.languages.v[0]);
		else
			diag_warn(l->d, f->path, k->line, k->col,
				  "unknown key '%s' (ignored)", k->value);
	}
}

static progress *progress_entry(load_ctx *l, const char *id, const char *path)
{
	model *m = l->m;
	if (m->n_reports && !strcmp(m->reports[m->n_reports - 1].task_id, id))
		return &m->reports[m->n_reports - 1];
	progress *p = LOAD_GROW(m->reports, m->n_reports);
	*p = (progress){ .task_id = id, .as_of = "", .reported_by_id = "",
			 .percent = -1, .narrative = ltext_new(m),
			 .paths = paths_new(l), .loc = { path, 1, 1 } };
	if (!text_is_id(id))
		diag_error(l->d, path, 0, 0, "bad task id '%s' in file name", id);
	return p;
}

static void progress_file(load_ctx *l, const char *id, size_t lang,
			  const mdfile *f)
{
	/* Sorted names put the files of one id next to each other. */
	progress *p = progress_entry(l, id, f->path);
	p->paths[lang] = f->path;
	if (!f->ok)
		return;
	p->narrative.v[lang] = f->body;
	if (!lang) {
		p->loc = (loc){ f->path, 1, 1 };
		progress_fields(l, p, f);
	} else {
		progress_translation(l, id, f);
	}
}

/* progress/<task>/: the task's evidence files; the report has named its
 * own. */
static void progress_folder(load_ctx *l, const char *path, const char *name)
{
	if (!text_is_id(name)) {
		diag_error(l->d, path, 0, 0, "unexpected folder in progress/ "
			   "(a folder of evidence files is named after its "
			   "task: progress/<task-id>/)");
		return;
	}
	if (!load_inside_root(l, path)) {
		diag_error(l->d, path, 0, 0, "refusing to read a folder that "
			   "leads outside the content folder");
		return;
	}
	load_evidence_unlisted(l, path, name);
}

void load_md_progress(load_ctx *l)
{
	read_folder(l, "progress", "<task-id>", 0, progress_file,
		    progress_folder);
}

/* ---- NOTES ------------------------------------------------------------ */

static const char *read_optional(load_ctx *l, const char *name)
{
	buf b = BUF_INIT;
	const char *path = load_path(l, l->m->content_dir, name);
	const char *text = load_read_text(l, path, &b, false);
	if (text)
		md_check(path, text, strlen(text), 0, l->d);
	const char *out = text ? load_keep(l, text) : "";
	buf_free(&b);
	return out;
}

void load_md_notes(load_ctx *l)
{
	l->m->notes = ltext_new(l->m);
	for (size_t k = 0; k < l->m->site.languages.n; k++) {
		buf name = BUF_INIT;
		model_notes_path(l->m, k, &name);
		l->m->notes.v[k] = read_optional(l, buf_cstr(&name));
		buf_free(&name);
	}
}
