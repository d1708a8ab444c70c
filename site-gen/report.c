#include "report.h"
#include "arena.h"
#include "check.h"
#include "dir.h"
#include "load.h"
#include "model.h"
#include "publish.h"
#include "text.h"
#include "ydoc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct rep {
	const report_opts *o;
	diag *d;
	arena *a;
	const char *path_zh, *path_en;
	bool had_zh;
	const ynode *fm;          /* existing front matter, for positions */
	report_fields old, now;
	const char *old_en;       /* existing English narrative, or NULL */
	const char *new_en;       /* new English narrative, or NULL: unchanged */
} rep;

static const char *const known_keys[] = { "status", "as_of", "progress",
					  "reported_by", "metrics", NULL };

/* ---- pure parts -------------------------------------------------------- */

void report_render(const report_fields *f, buf *out)
{
	buf_printf(out, "---\nstatus: %s\nas_of: %s\n", f->status, f->as_of);
	if (*f->progress)
		buf_printf(out, "progress: %s\n", f->progress);
	if (*f->reported_by)
		buf_printf(out, "reported_by: %s\n", f->reported_by);
	if (f->n_metrics)
		buf_puts(out, "metrics:\n");
	for (size_t i = 0; i < f->n_metrics; i++)
		buf_printf(out, "  %s: %s\n", f->metrics[i].id, f->metrics[i].value);
	buf_puts(out, "---\n");
	buf_puts(out, f->narrative);
}

void report_today(time_t now, int utc_offset_min, char out[11])
{
	time_t local = now + (time_t)utc_offset_min * 60;
	struct tm tm;
	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- the files as they are --------------------------------------------- */

static const char *old_scalar(rep *r, const char *key)
{
	const ynode *n = ydoc_get(r->fm, key);
	if (!n || ydoc_is_null(n))
		return "";
	if (n->kind == YNODE_SCALAR)
		return n->value;
	diag_error(r->d, r->path_zh, n->line, n->col,
		   "'%s' must be a single value", key);
	return "";
}

static void take_old_metrics(rep *r)
{
	const ynode *mt = ydoc_get(r->fm, "metrics");
	if (!mt || ydoc_is_null(mt))
		return;
	if (mt->kind != YNODE_MAP) {
		diag_error(r->d, r->path_zh, mt->line, mt->col,
			   "'metrics' must map metric ids to numbers");
		return;
	}
	r->old.metrics = arena_alloc(r->a, mt->n * sizeof *r->old.metrics);
	for (size_t i = 0; i < mt->n; i++) {
		const ynode *v = mt->items[i];
		if (v->kind != YNODE_SCALAR) {
			diag_error(r->d, r->path_zh, v->line, v->col,
				   "'%s' must be a single value", mt->keys[i]->value);
			continue;
		}
		r->old.metrics[r->old.n_metrics++] =
			(report_metric){ mt->keys[i]->value, v->value };
	}
}

static void take_old_fields(rep *r)
{
	r->old.status = old_scalar(r, "status");
	r->old.as_of = old_scalar(r, "as_of");
	r->old.progress = old_scalar(r, "progress");
	r->old.reported_by = old_scalar(r, "reported_by");
	take_old_metrics(r);
	for (size_t i = 0; i < r->fm->n; i++) {
		size_t k = 0;
		while (known_keys[k] && strcmp(known_keys[k], r->fm->keys[i]->value))
			k++;
		if (!known_keys[k])
			diag_warn(r->d, r->path_zh, r->fm->keys[i]->line,
				  r->fm->keys[i]->col,
				  "unknown key '%s' is dropped from the report",
				  r->fm->keys[i]->value);
	}
}

/* Split the existing Chinese file into fields and narrative. */
static void parse_old_zh(rep *r, const buf *b)
{
	long start = text_check_encoding(r->path_zh, b->ptr, b->len, r->d);
	if (start < 0)
		return;
	const char *yaml = NULL, *body;
	size_t ylen = 0;
	int has = load_split_front_matter(b->ptr + start, &yaml, &ylen, &body);
	r->old.narrative = arena_strdup(r->a, body);
	if (has < 0)
		diag_error(r->d, r->path_zh, 1, 1, "front matter starts with '---' "
			   "but is not closed by a '---' line");
	if (has <= 0)
		return;
	r->fm = ydoc_parse(r->a, r->path_zh, yaml, ylen, 1, r->d);
	if (r->fm && r->fm->kind != YNODE_MAP) {
		diag_error(r->d, r->path_zh, 2, 1,
			   "front matter must be a mapping of keys");
		r->fm = NULL;
	}
	if (r->fm)
		take_old_fields(r);
}

/* Read a UTF-8 text file (without its byte-order mark) into the arena.
 * NULL when absent (`*missing`) or unreadable (reported). */
static const char *read_text(rep *r, const char *path, bool *missing)
{
	buf b = BUF_INIT;
	const char *text = NULL;
	*missing = false;
	if (buf_read_file(&b, path) != 0) {
		*missing = errno == ENOENT;
		if (!*missing)
			diag_error(r->d, path, 0, 0, "cannot read: %s", strerror(errno));
	} else {
		long start = text_check_encoding(path, b.ptr, b.len, r->d);
		if (start >= 0)
			text = arena_strdup(r->a, b.ptr + start);
	}
	buf_free(&b);
	return text;
}

static void read_old(rep *r)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, r->path_zh) == 0) {
		r->had_zh = true;
		parse_old_zh(r, &b);
	} else if (errno != ENOENT) {
		diag_error(r->d, r->path_zh, 0, 0, "cannot read: %s",
			   strerror(errno));
	}
	buf_free(&b);
	bool missing;
	const char *en = read_text(r, r->path_en, &missing);
	const char *body = NULL, *yaml;
	size_t ylen;
	/* The English file may have an empty front matter; keep only prose. */
	if (en && load_split_front_matter(en, &yaml, &ylen, &body) >= 0)
		en = body;
	r->old_en = en;
}

/* ---- the change -------------------------------------------------------- */

/* A new narrative from a file: UTF-8, ending with a line break. */
static const char *read_note(rep *r, const char *path)
{
	bool missing;
	const char *t = read_text(r, path, &missing);
	if (missing)
		diag_error(r->d, path, 0, 0, "narrative file not found");
	if (!t || !*t || t[strlen(t) - 1] == '\n')
		return t;
	buf b = BUF_INIT;
	buf_printf(&b, "%s\n", t);
	t = arena_strdup(r->a, b.ptr);
	buf_free(&b);
	return t;
}

static void merge_metrics(rep *r)
{
	size_t n = r->old.n_metrics;
	report_metric *v = arena_alloc(r->a, (n + r->o->n_metrics) * sizeof *v);
	if (n)     /* memcpy may not be given NULL, even for 0 bytes */
		memcpy(v, r->old.metrics, n * sizeof *v);
	for (size_t i = 0; i < r->o->n_metrics; i++) {
		const report_metric *m = &r->o->metrics[i];
		size_t k = 0;
		while (k < n && strcmp(v[k].id, m->id))
			k++;
		v[k] = *m;
		n += k == n;
	}
	r->now.metrics = v;
	r->now.n_metrics = n;
}

static void apply(rep *r, int utc_offset_min)
{
	const report_opts *o = r->o;
	r->now = r->old;
	r->now.status = o->status;
	if (o->as_of) {
		r->now.as_of = o->as_of;
	} else {
		char *today = arena_alloc(r->a, 11);
		report_today(time(NULL), utc_offset_min, today);
		r->now.as_of = today;
	}
	if (o->progress)
		r->now.progress = o->progress;
	merge_metrics(r);
	const char *zh = o->note_zh ? read_note(r, o->note_zh) : NULL;
	if (zh)
		r->now.narrative = zh;
	r->new_en = o->note_en ? read_note(r, o->note_en) : NULL;
}

/* ---- checking the values before they are written ------------------------ */

/* A bad value came either from an option or, kept, from the existing file
 * (`kept`: its node there). */
static void bad_value(rep *r, const ynode *kept, const char *opt,
		      const char *value, const char *expected)
{
	if (kept)
		diag_error(r->d, r->path_zh, kept->line, kept->col,
			   "'%s' is not %s (fix the file, or give %s)", value,
			   expected, opt);
	else
		diag_error(r->d, "", 0, 0, "%s '%s': not %s", opt, value, expected);
}

static bool given_metric(const rep *r, const char *id)
{
	for (size_t i = 0; i < r->o->n_metrics; i++)
		if (!strcmp(r->o->metrics[i].id, id))
			return true;
	return false;
}

static void check_metric_values(rep *r)
{
	const ynode *mt = ydoc_get(r->fm, "metrics");
	for (size_t i = 0; i < r->now.n_metrics; i++) {
		const report_metric *m = &r->now.metrics[i];
		const ynode *kept = given_metric(r, m->id) ? NULL : ydoc_get(mt, m->id);
		double v;
		if (!text_is_id(m->id))
			bad_value(r, kept, "--metric", m->id, "a metric id");
		else if (!text_parse_number(m->value, &v))
			bad_value(r, kept, "--metric", m->value,
				  "a plain number (like 1500 or 12.5)");
	}
}

/* Everything written as a plain YAML scalar must have its strict syntax,
 * so that the text cannot mean anything else. */
static void check_values(rep *r)
{
	const report_fields *f = &r->now;
	if (!model_status_parse(f->status))
		bad_value(r, NULL, "--status", f->status, "a status (use "
			  "not_started, on_track, at_risk, delayed, completed or "
			  "withdrawn)");
	if (!text_parse_date(f->as_of, NULL))
		bad_value(r, NULL, "--as-of", f->as_of, "a real date, YYYY-MM-DD");
	if (*f->progress && !text_parse_int(f->progress, 0, 100, NULL))
		bad_value(r, r->o->progress ? NULL : ydoc_get(r->fm, "progress"),
			  "--progress", f->progress, "a whole number from 0 to 100");
	if (*f->reported_by && !text_is_id(f->reported_by))
		bad_value(r, ydoc_get(r->fm, "reported_by"), "reported_by",
			  f->reported_by, "a unit id");
	check_metric_values(r);
}

/* ---- checking the result with the rest of the content ------------------- */

static int copy_file(const char *from, const char *to)
{
	buf b = BUF_INIT;
	int rc = -1;
	if (buf_read_file(&b, from) == 0) {
		FILE *f = fopen(to, "wb");
		if (f && fwrite(b.ptr, 1, b.len, f) == b.len)
			rc = 0;
		if (f && fclose(f) != 0)
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

static int copy_entry(void *to, const char *path, const char *rel,
		      const struct stat *st)
{
	buf dst = BUF_INIT;
	buf_printf(&dst, "%s/%s", (const char *)to, rel);
	int rc = 0;
	if (S_ISDIR(st->st_mode))
		rc = mkdir(dst.ptr, 0700) == 0 || errno == EEXIST ? 0 : -1;
	else if (S_ISREG(st->st_mode))
		rc = copy_file(path, dst.ptr);
	buf_free(&dst);
	return rc;
}

/* Copy the folders and regular files the loader could read (hidden names
 * are never content). Returns 0 or -1. */
static int copy_tree(const char *from, const char *to)
{
	if (mkdir(to, 0700) != 0 && errno != EEXIST)
		return -1;
	return dir_walk(from, copy_entry, (void *)to) == 0 ? 0 : -1;
}

static int write_file(const char *path, const buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	bool ok = fwrite(b->ptr, 1, b->len, f) == b->len;
	ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Report what the check of the copy found, under the real file names:
 * every error, and the warnings about the report itself. */
static void forward(rep *r, const diag *vd, const char *copy)
{
	size_t cl = strlen(copy);
	for (size_t i = 0; i < diag_count(vd); i++) {
		const diag_item *it = diag_get(vd, i);
		buf file = BUF_INIT;
		if (!strncmp(it->file, copy, cl) && it->file[cl] == '/')
			buf_printf(&file, "%s%s", r->o->content_dir, it->file + cl);
		else
			buf_puts(&file, it->file);
		bool ours = !strcmp(file.ptr, r->path_zh) ||
			    !strcmp(file.ptr, r->path_en);
		if (it->level == DIAG_ERROR)
			diag_error(r->d, file.ptr, it->line, it->col, "%s", it->msg);
		else if (ours)
			diag_warn(r->d, file.ptr, it->line, it->col, "%s", it->msg);
		buf_free(&file);
	}
}

static void check_in_copy(rep *r, const char *copy, const buf *zh,
			  const buf *en)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/progress", copy);
	mkdir(p.ptr, 0700);
	buf_printf(&p, "/%s.zh.md", r->o->task_id);
	int rc = write_file(p.ptr, zh);
	buf_clear(&p);
	buf_printf(&p, "%s/progress/%s.en.md", copy, r->o->task_id);
	if (rc == 0 && en)
		rc = write_file(p.ptr, en);
	buf_free(&p);
	if (rc != 0) {
		diag_error(r->d, copy, 0, 0, "cannot write a temporary file: %s",
			   strerror(errno));
		return;
	}
	diag *vd = diag_new();
	model *m = load_content(copy, vd);
	check_model(m, vd);
	model_free(m);
	diag_sort(vd);
	forward(r, vd, copy);
	diag_free(vd);
}

static void validate(rep *r, const buf *zh, const buf *en)
{
	const char *tmp = getenv("TMPDIR");
	buf dir = BUF_INIT;
	buf_printf(&dir, "%s/site-gen-report.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.ptr)) {
		diag_error(r->d, dir.ptr, 0, 0, "cannot create a temporary "
			   "folder to check the report: %s", strerror(errno));
	} else if (copy_tree(r->o->content_dir, dir.ptr) != 0) {
		diag_error(r->d, r->o->content_dir, 0, 0, "cannot copy the content "
			   "folder to check the report: %s", strerror(errno));
	} else {
		check_in_copy(r, dir.ptr, zh, en);
	}
	pub_remove_tree(dir.ptr);
	buf_free(&dir);
}

/* ---- writing ----------------------------------------------------------- */

/* Write `b` to a hidden temporary file beside `path`. */
static char *write_temp(const char *path, const buf *b)
{
	const char *slash = strrchr(path, '/');
	buf t = BUF_INIT;
	buf_printf(&t, "%.*s.%s.tmp", (int)(slash + 1 - path), path, slash + 1);
	if (write_file(t.ptr, b) == 0)
		return buf_detach(&t);
	unlink(t.ptr);
	buf_free(&t);
	return NULL;
}

/* Both files are written before either is renamed into place, so a full
 * disk leaves the old report whole. */
static int commit(rep *r, const buf *zh, const buf *en)
{
	buf dir = BUF_INIT;
	buf_printf(&dir, "%s/progress", r->o->content_dir);
	mkdir(dir.ptr, 0777);
	buf_free(&dir);
	char *tzh = write_temp(r->path_zh, zh);
	char *ten = en && tzh ? write_temp(r->path_en, en) : NULL;
	int rc = -1;
	if (tzh && (ten || !en))
		rc = rename(tzh, r->path_zh) || (ten && rename(ten, r->path_en))
			? -1 : 0;
	if (rc != 0) {
		diag_error(r->d, r->path_zh, 0, 0, "cannot write the report: %s",
			   strerror(errno));
		if (tzh)
			unlink(tzh);
		if (ten)
			unlink(ten);
	}
	free(tzh);
	free(ten);
	return rc;
}

/* ---- what changed ------------------------------------------------------ */

static void change(buf *out, const char *name, const char *from,
		   const char *to)
{
	if (strcmp(from, to))
		buf_printf(out, "%s: %s → %s\n", name, *from ? from : "(none)",
			   *to ? to : "(none)");
}

static const char *old_metric(const rep *r, const char *id)
{
	for (size_t i = 0; i < r->old.n_metrics; i++)
		if (!strcmp(r->old.metrics[i].id, id))
			return r->old.metrics[i].value;
	return "";
}

static void describe(const rep *r, buf *out)
{
	change(out, "status", r->old.status, r->now.status);
	change(out, "as_of", r->old.as_of, r->now.as_of);
	change(out, "progress", r->old.progress, r->now.progress);
	for (size_t i = 0; i < r->now.n_metrics; i++) {
		const report_metric *m = &r->now.metrics[i];
		buf name = BUF_INIT;
		buf_printf(&name, "metrics.%s", m->id);
		change(out, name.ptr, old_metric(r, m->id), m->value);
		buf_free(&name);
	}
	if (strcmp(r->old.narrative, r->now.narrative))
		buf_puts(out, "narrative (zh): updated\n");
	if (r->new_en && (!r->old_en || strcmp(r->old_en, r->new_en)))
		buf_puts(out, "narrative (en): updated\n");
}

/* ---- the command ------------------------------------------------------- */

static const char *progress_path(rep *r, const char *lang)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/progress/%s.%s.md", r->o->content_dir, r->o->task_id,
		   lang);
	const char *s = arena_strdup(r->a, p.ptr);
	buf_free(&p);
	return s;
}

/* The site's UTC offset, for "today"; 0 when site.yaml cannot say (the
 * check of the result then reports why). */
static int site_offset(const char *content_dir)
{
	diag *scratch = diag_new();
	model *m = load_content(content_dir, scratch);
	int off = m->site.utc_offset_min;
	model_free(m);
	diag_free(scratch);
	return off;
}

static int finish(rep *r, FILE *out)
{
	buf zh = BUF_INIT, en = BUF_INIT, changes = BUF_INIT;
	report_render(&r->now, &zh);
	if (r->new_en)
		buf_puts(&en, r->new_en);
	describe(r, &changes);
	int rc = 0;
	if (!changes.len) {
		fprintf(out, "%s: no changes\n", r->path_zh);
	} else {
		validate(r, &zh, r->new_en ? &en : NULL);
		rc = diag_errors(r->d) || commit(r, &zh, r->new_en ? &en : NULL);
		if (rc == 0)
			fprintf(out, "%s %s\n%s", r->had_zh ? "updated" : "created",
				r->path_zh, changes.ptr);
	}
	buf_free(&zh);
	buf_free(&en);
	buf_free(&changes);
	return rc;
}

int report_run(const report_opts *o, diag *d, FILE *out)
{
	if (!text_is_id(o->task_id)) {
		diag_error(d, "", 0, 0, "bad task id '%s' (ids look like t001)",
			   o->task_id);
		return 1;
	}
	rep r = { .o = o, .d = d, .a = arena_new(),
		  .old = { "", "", "", "", NULL, 0, "" } };
	r.path_zh = progress_path(&r, "zh");
	r.path_en = progress_path(&r, "en");
	read_old(&r);
	apply(&r, o->as_of ? 0 : site_offset(o->content_dir));
	check_values(&r);
	int rc = diag_errors(d) ? 1 : finish(&r, out);
	arena_free(r.a);
	return rc;
}
