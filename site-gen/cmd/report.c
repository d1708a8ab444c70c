#include "report.h"
#include "arena.h"
#include "check.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "smap.h"
#include "text.h"
#include "ydoc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct rep {
	const report_opts *o;
	diag *d;
	arena *a;
	const strlist *langs;     /* site.languages; the first is the source */
	const char **path;        /* per language: progress/<task>.<tag>.md */
	bool had_src;
	const ynode *fm;          /* existing front matter, for positions */
	report_fields old, now;
	/* Per language after the source: the existing narrative and the new
	 * one (NULL: unchanged). The source's are in old and now. */
	const char **old_tr, **new_tr;
} rep;

static const char *const *const known_keys = schema_report_keys;

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
	if (f->evidence)
		buf_puts(out, f->evidence);
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
	diag_error(r->d, r->path[0], n->line, n->col,
		   "'%s' must be a single value", key);
	return "";
}

static void take_old_metrics(rep *r)
{
	const ynode *mt = ydoc_get(r->fm, "metrics");
	if (!mt || ydoc_is_null(mt))
		return;
	if (mt->kind != YNODE_MAP) {
		diag_error(r->d, r->path[0], mt->line, mt->col,
			   "'metrics' must map metric ids to numbers");
		return;
	}
	r->old.metrics = arena_alloc(r->a, mt->n * sizeof *r->old.metrics);
	for (size_t i = 0; i < mt->n; i++) {
		const ynode *v = mt->items[i];
		if (v->kind != YNODE_SCALAR) {
			diag_error(r->d, r->path[0], v->line, v->col,
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
	const ynode *ev = ydoc_get(r->fm, "evidence");
	buf b = BUF_INIT;
	if (ev && !ydoc_is_null(ev) && ydoc_emit_entry("evidence", ev, &b) == 0)
		r->old.evidence = arena_strdup(r->a, buf_cstr(&b));
	else if (ev && !ydoc_is_null(ev))
		diag_error(r->d, r->path[0], ev->line, ev->col,
			   "cannot keep 'evidence': out of memory");
	buf_free(&b);
	for (size_t i = 0; i < r->fm->n; i++) {
		size_t k = 0;
		while (known_keys[k] && strcmp(known_keys[k], r->fm->keys[i]->value))
			k++;
		if (!known_keys[k])
			diag_warn(r->d, r->path[0], r->fm->keys[i]->line,
				  r->fm->keys[i]->col,
				  "unknown key '%s' is dropped from the report",
				  r->fm->keys[i]->value);
	}
}

/* Split the existing source file into fields and narrative. */
static void parse_old_src(rep *r, const char *text)
{
	const char *yaml = NULL, *body;
	size_t ylen = 0;
	int has = load_split_front_matter(text, &yaml, &ylen, &body);
	r->old.narrative = arena_strdup(r->a, body);
	if (has < 0)
		diag_error(r->d, r->path[0], 1, 1, "front matter starts with '---' "
			   "but is not closed by a '---' line");
	if (has <= 0)
		return;
	r->fm = ydoc_parse(r->a, r->path[0], yaml, ylen, 1, r->d);
	if (r->fm && r->fm->kind != YNODE_MAP) {
		diag_error(r->d, r->path[0], 2, 1,
			   "front matter must be a mapping of keys");
		r->fm = NULL;
	}
	if (r->fm)
		take_old_fields(r);
}

/* Append what `fd` holds to `b`, but at most `max` + 1 bytes: one more
 * than allowed shows that the file is too large. Returns 0, or -1 with
 * errno set. */
static int read_at_most(int fd, size_t max, buf *b)
{
	char chunk[65536];
	for (size_t got = 0; got <= max;) {
		size_t want = max + 1 - got;
		ssize_t n = read(fd, chunk,
				 want < sizeof chunk ? want : sizeof chunk);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n == 0)
			break;
		if (n > 0) {
			buf_put(b, chunk, (size_t)n);
			got += (size_t)n;
		}
	}
	return 0;
}

/* Read the regular file `path`, of at most `max` bytes, into `b`. Returns
 * 1, 0 when it does not exist, or -1 with the reason reported. It is opened
 * without blocking and looked at before it is read, so that a FIFO or a
 * device (/dev/zero) is refused instead of waited on or read without end. */
static int read_regular(rep *r, const char *path, long max, buf *b)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	struct stat st;
	int rc = -1;
	if (fd < 0 || fstat(fd, &st) != 0 ||
	    (S_ISREG(st.st_mode) && read_at_most(fd, (size_t)max, b) != 0))
		diag_error(r->d, path, 0, 0, "cannot read: %s",
			   strerror(errno));
	else if (!S_ISREG(st.st_mode))
		diag_error(r->d, path, 0, 0, "not a regular file");
	else if (b->len > (size_t)max)
		diag_error(r->d, path, 0, 0, "file is larger than %ld MiB",
			   max / (1024 * 1024));
	else
		rc = 1;
	buf_grow(b, 0);     /* b->ptr is a string even for an empty file */
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Read a UTF-8 text file (without its byte-order mark) into the arena.
 * NULL when absent (`*missing`) or unusable (reported). */
static const char *read_text(rep *r, const char *path, long max,
			     bool *missing)
{
	buf b = BUF_INIT;
	const char *text = NULL;
	int got = read_regular(r, path, max, &b);
	*missing = got == 0;
	if (got > 0) {
		long start = text_check_encoding(path, b.ptr, b.len, r->d);
		if (start >= 0)
			text = arena_strdup(r->a, b.ptr + start);
	}
	buf_free(&b);
	return text;
}

/* A file of the content folder, read by the loader's rules: a report that
 * leads outside the folder is refused, as check refuses it, and never
 * read. NULL when absent (*there false) or refused (reported). */
static const char *read_content_file(rep *r, const char *path, bool *there)
{
	buf b = BUF_INIT;
	long start = 0;
	int got = load_file_text(r->o->content_dir, path, &b, &start, r->d);
	*there = got != 0;
	const char *text = got > 0 ? arena_strdup(r->a, b.ptr + start) : NULL;
	buf_free(&b);
	return text;
}

/* The existing translation in language l, when a note replaces it. */
static void read_old_translation(rep *r, size_t l)
{
	bool there;
	const char *t = read_content_file(r, r->path[l], &there);
	const char *body = NULL, *yaml;
	size_t ylen;
	/* It may have an empty front matter; keep only prose. */
	if (t && load_split_front_matter(t, &yaml, &ylen, &body) >= 0)
		t = body;
	r->old_tr[l] = t;
}

static void read_old(rep *r)
{
	bool there;
	const char *src = read_content_file(r, r->path[0], &there);
	r->had_src = there;
	if (src)
		parse_old_src(r, src);
	for (size_t l = 1; l < r->langs->n; l++)
		if (r->new_tr[l])
			read_old_translation(r, l);
}

/* ---- the change -------------------------------------------------------- */

/* A narrative ends with a line break. */
static const char *with_line_end(rep *r, const char *t)
{
	if (!t || !*t || t[strlen(t) - 1] == '\n')
		return t;
	buf b = BUF_INIT;
	buf_printf(&b, "%s\n", t);
	t = arena_strdup(r->a, b.ptr);
	buf_free(&b);
	return t;
}

/* A new narrative from a file: UTF-8, ending with a line break. */
static const char *read_note(rep *r, const char *path)
{
	bool missing;
	const char *t = read_text(r, path, REPORT_MAX_NOTE, &missing);
	if (missing)
		diag_error(r->d, path, 0, 0, "narrative file not found");
	return with_line_end(r, t);
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

/* ---- the evidence's links --------------------------------------------- */

/* A key, or (quoted: always a string) a value. */
static ynode *scalar(rep *r, const char *text, bool quoted)
{
	ynode *n = arena_alloc(r->a, sizeof *n);
	*n = (ynode){ .kind = YNODE_SCALAR, .value = text, .quoted = quoted };
	return n;
}

/* The old item listing `url`, or NULL. */
static const ynode *old_link(const ynode *old, const char *url)
{
	for (size_t i = 0; old && old->kind == YNODE_SEQ && i < old->n; i++) {
		const ynode *u = ydoc_get(old->items[i], "url");
		if (u && u->kind == YNODE_SCALAR && !strcmp(u->value, url))
			return old->items[i];
	}
	return NULL;
}

/* A link's item: the old one with the new caption, or a new one. */
static ynode *link_item(rep *r, const ynode *old, const report_link *l,
			const char *caption_key)
{
	const ynode *was = old_link(old, l->url);
	size_t n = was ? was->n : 1;
	ynode *m = arena_alloc(r->a, sizeof *m);
	*m = (ynode){ .kind = YNODE_MAP,
		      .keys = arena_alloc(r->a, (n + 1) * sizeof *m->keys),
		      .items = arena_alloc(r->a, (n + 1) * sizeof *m->items) };
	if (was) {
		memcpy(m->keys, was->keys, n * sizeof *m->keys);
		memcpy(m->items, was->items, n * sizeof *m->items);
		m->n = n;
	} else {
		m->keys[0] = scalar(r, "url", false);
		m->items[0] = scalar(r, l->url, true);
		m->n = 1;
	}
	if (!*l->caption)
		return m;
	size_t k = 0;
	while (k < m->n && strcmp(m->keys[k]->value, caption_key))
		k++;
	m->keys[k] = scalar(r, caption_key, false);
	m->items[k] = scalar(r, l->caption, true);
	m->n += k == m->n;
	return m;
}

/* The evidence with the given links in place of the old ones; its files
 * stay, first. NULL when nothing is left. */
static const char *with_links(rep *r)
{
	const ynode *old = ydoc_get(r->fm, "evidence");
	size_t n_old = old && old->kind == YNODE_SEQ ? old->n : 0;
	ynode seq = { .kind = YNODE_SEQ,
		      .items = arena_alloc(r->a, (n_old + r->o->n_links + 1) *
					   sizeof *seq.items) };
	for (size_t i = 0; i < n_old; i++)
		if (ydoc_get(old->items[i], "file"))
			seq.items[seq.n++] = old->items[i];
	buf key = BUF_INIT, out = BUF_INIT;
	buf_printf(&key, "caption_%s", r->langs->v[0]);
	for (size_t i = 0; i < r->o->n_links; i++)
		seq.items[seq.n++] = link_item(r, old, &r->o->links[i], key.ptr);
	const char *text = NULL;
	if (seq.n && ydoc_emit_entry("evidence", &seq, &out) == 0)
		text = arena_strdup(r->a, out.ptr);
	else if (seq.n)
		diag_error(r->d, r->path[0], 0, 0, "cannot write the evidence: "
			   "out of memory");
	buf_free(&key), buf_free(&out);
	return text;
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
	if (o->set_links)
		r->now.evidence = with_links(r);
	merge_metrics(r);
	if (r->new_tr[0])
		r->now.narrative = r->new_tr[0];
}

/* Each note's language (one of the site's, once) and its text, in
 * r->new_tr; the source language's goes into the front matter's file. */
static void read_notes(rep *r)
{
	for (size_t i = 0; i < r->o->n_notes; i++) {
		const report_note *n = &r->o->notes[i];
		size_t l = 0;
		while (l < r->langs->n && strcmp(r->langs->v[l], n->lang))
			l++;
		if (l == r->langs->n)
			diag_error(r->d, "", 0, 0, "--note %s=%s: '%s' is not a "
				   "language of site.yaml", n->lang, n->path,
				   n->lang);
		else if (r->new_tr[l])
			diag_error(r->d, "", 0, 0, "--note %s: given twice",
				   n->lang);
		else
			r->new_tr[l] = n->text ? with_line_end(r, n->text)
					       : read_note(r, n->path);
	}
}

/* ---- checking the values before they are written ------------------------ */

/* A bad value came either from an option or, kept, from the existing file
 * (`kept`: its node there). */
static void bad_value(rep *r, const ynode *kept, const char *opt,
		      const char *value, const char *expected)
{
	if (kept)
		diag_error(r->d, r->path[0], kept->line, kept->col,
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
			bad_value(r, kept, "--metric", m->value, "a plain number "
				  "(like 1500 or 12.5) of at most 15 digits");
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

/* <task>.<lang>.md below `dir`, as the loader names it. */
static const char *progress_path(rep *r, const char *dir, const char *lang)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s%sprogress/%s.%s.md", dir, *dir ? "/" : "",
		   r->o->task_id, lang);
	const char *s = arena_strdup(r->a, p.ptr);
	buf_free(&p);
	return s;
}

static bool is_report_file(rep *const *r, size_t n, const char *file)
{
	for (size_t i = 0; i < n; i++)
		for (size_t l = 0; l < r[i]->langs->n; l++)
			if (!strcmp(file, r[i]->path[l]))
				return true;
	return false;
}

/* Check the whole content as it would be with the new files of the n
 * reports, by the rules of "site-gen check" (load_content_with reads them
 * from memory; no copy of the content is made). Every error refuses the
 * reports; of the warnings, those about the reports' own files are shown. */
static void validate(rep *const *r, size_t n, const buf *src, arena *a)
{
	size_t nl = r[0]->langs->n, k = 0;
	load_text *over = arena_alloc(a, n * nl * sizeof *over);
	for (size_t i = 0; i < n; i++) {
		over[k++] = (load_text){ progress_path(r[i], "", r[i]->langs->v[0]),
					 src[i].ptr, src[i].len };
		for (size_t l = 1; l < nl; l++) {
			const char *t = r[i]->new_tr[l];
			if (t)
				over[k++] = (load_text){
					progress_path(r[i], "", r[i]->langs->v[l]),
					t, strlen(t) };
		}
	}
	diag *md = diag_new(), *d = r[0]->d;
	model *m = load_content_with(r[0]->o->content_dir, over, k, md);
	check_model(m, md);
	for (size_t i = 0; i < diag_count(md); i++) {
		const diag_item *it = diag_get(md, i);
		if (it->level == DIAG_ERROR)
			diag_error(d, it->file, it->line, it->col, "%s", it->msg);
		else if (is_report_file(r, n, it->file))
			diag_warn(d, it->file, it->line, it->col, "%s", it->msg);
	}
	model_free(m);
	diag_free(md);
}

/* ---- writing ----------------------------------------------------------- */

/* Write `b` to a new hidden file beside `path` (hidden names are never
 * content), flushed to disk. Returns its name (malloc'd) or NULL. */
static char *write_beside(const char *path, const buf *b)
{
	buf tmp = BUF_INIT;
	const char *slash = strrchr(path, '/');
	buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	int fd = mkstemp(tmp.ptr);
	bool ok = fd >= 0;
	for (size_t done = 0; ok && done < b->len;) {
		ssize_t n = write(fd, b->ptr + done, b->len - done);
		ok = n > 0 || (n < 0 && errno == EINTR);
		done += n > 0 ? (size_t)n : 0;
	}
	ok = ok && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok && fd >= 0)
		unlink(tmp.ptr);
	if (!ok)
		buf_free(&tmp);
	return ok ? buf_detach(&tmp) : NULL;
}

/* Write every file of one report beside its place (tmp[l]: the source,
 * and each new translation). */
static bool write_all_beside(rep *r, const buf *src, char **tmp)
{
	tmp[0] = write_beside(r->path[0], src);
	bool ok = tmp[0] != NULL;
	for (size_t l = 1; ok && l < r->langs->n; l++) {
		if (!r->new_tr[l])
			continue;
		buf b = BUF_INIT;
		buf_puts(&b, r->new_tr[l]);
		ok = (tmp[l] = write_beside(r->path[l], &b)) != NULL;
		buf_free(&b);
	}
	return ok;
}

/* Rename the written files into place, and note each one's path. */
static bool rename_all(rep *const *r, size_t n, char **tmp,
		       report_written *w)
{
	size_t nl = r[0]->langs->n;
	for (size_t i = 0; i < n; i++)
		for (size_t l = 0; l < nl; l++) {
			if (!tmp[i * nl + l])
				continue;
			if (rename(tmp[i * nl + l], r[i]->path[l]) != 0)
				return false;
			if (w) {
				w->paths = xrealloc(w->paths, (w->n + 1) *
						    sizeof *w->paths);
				w->paths[w->n++] = xstrdup(r[i]->path[l]);
			}
		}
	return true;
}

/* Every file of every report is written before any is renamed into place,
 * so a full disk leaves the old reports whole. Each run has its own
 * temporary names; Ctrl-C waits until they are gone. */
static int commit(rep *const *r, size_t n, const buf *src, report_written *w)
{
	sigset_t stop, was;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, &was);
	buf dir = BUF_INIT;
	buf_printf(&dir, "%s/progress", r[0]->o->content_dir);
	mkdir(dir.ptr, 0777);
	buf_free(&dir);
	size_t nl = r[0]->langs->n;
	char **tmp = xcalloc(n * nl, sizeof *tmp);
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		ok = write_all_beside(r[i], &src[i], tmp + i * nl);
	ok = ok && rename_all(r, n, tmp, w);
	if (!ok)
		diag_error(r[0]->d, r[0]->o->content_dir, 0, 0,
			   "cannot write the reports: %s", strerror(errno));
	for (size_t i = 0; i < n * nl; i++) {
		if (tmp[i])
			unlink(tmp[i]);      /* left only after a failure */
		free(tmp[i]);
	}
	free(tmp);
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	return ok ? 0 : -1;
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
	if (strcmp(r->old.evidence ? r->old.evidence : "",
		   r->now.evidence ? r->now.evidence : ""))
		buf_puts(out, "evidence: updated\n");
	if (strcmp(r->old.narrative, r->now.narrative))
		buf_printf(out, "narrative (%s): updated\n", r->langs->v[0]);
	for (size_t l = 1; l < r->langs->n; l++)
		if (r->new_tr[l] && (!r->old_tr[l] ||
				     strcmp(r->old_tr[l], r->new_tr[l])))
			buf_printf(out, "narrative (%s): updated\n",
				   r->langs->v[l]);
}

/* ---- the command ------------------------------------------------------- */

/* Reports on one content folder run one at a time: each reads the files,
 * checks the result and renames it into place holding an exclusive lock
 * on the folder itself. A lock on the folder leaves no lock file behind,
 * and the kernel releases it when the process ends, however it ends.
 * Returns the locked descriptor, or -1 (reported). */
static int lock_content(const char *content_dir, diag *d)
{
	int fd = open(content_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && flock(fd, LOCK_EX) == 0)
		return fd;
	diag_error(d, content_dir, 0, 0, "cannot %s the content folder: %s",
		   fd < 0 ? "open" : "lock", strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

/* Render and describe every report; check and write those that change
 * anything, together. */
static int finish(rep *r, size_t n, FILE *out, report_written *w, arena *a)
{
	rep **changed = arena_alloc(a, n * sizeof *changed);
	buf *src = arena_alloc(a, n * sizeof *src), *what = arena_alloc(a, n * sizeof *what);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		buf s = BUF_INIT, c = BUF_INIT;
		report_render(&r[i].now, &s);
		describe(&r[i], &c);
		if (c.len) {
			changed[k] = &r[i];
			src[k] = s, what[k++] = c;
		} else {
			if (n == 1)
				fprintf(out, "%s: no changes\n", r[i].path[0]);
			buf_free(&s), buf_free(&c);
		}
	}
	int rc = 0;
	if (k) {
		validate(changed, k, src, a);
		rc = diag_errors(r->d) || commit(changed, k, src, w);
	}
	for (size_t i = 0; i < k; i++) {
		if (rc == 0)
			fprintf(out, "%s %s\n%s", changed[i]->had_src ? "updated"
				: "created", changed[i]->path[0], what[i].ptr);
		buf_free(&src[i]), buf_free(&what[i]);
	}
	if (n > 1 && !k)
		fprintf(out, "%zu reports: no changes\n", n);
	return rc;
}

/* The site's languages, kept past the model: the paths of the report's
 * files in each, and room for each one's narratives. */
static void set_languages(rep *r, const strlist *langs)
{
	size_t nl = langs->n;
	strlist *own = arena_alloc(r->a, sizeof *own);
	*own = (strlist){ arena_alloc(r->a, nl * sizeof *own->v), nl, NULL };
	r->path = arena_alloc(r->a, nl * sizeof *r->path);
	r->old_tr = arena_alloc(r->a, nl * sizeof *r->old_tr);
	r->new_tr = arena_alloc(r->a, nl * sizeof *r->new_tr);
	for (size_t l = 0; l < nl; l++) {
		own->v[l] = arena_strdup(r->a, langs->v[l]);
		r->path[l] = progress_path(r, r->o->content_dir, own->v[l]);
		r->old_tr[l] = r->new_tr[l] = NULL;
	}
	r->langs = own;
}

/* The same task twice would be written twice. */
static bool tasks_once(const report_opts *o, size_t n, diag *d)
{
	smap seen = SMAP_INIT;
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		if (smap_put(&seen, o[i].task_id, (void *)&o[i])) {
			diag_error(d, "", 0, 0, "task %s is reported twice",
				   o[i].task_id);
			ok = false;
		}
	smap_free(&seen);
	return ok;
}

static int run_locked(const report_opts *o, size_t n, diag *d, FILE *out,
		      report_written *w)
{
	arena *a = arena_new();
	rep *r = arena_alloc(a, n * sizeof *r);
	/* Only for the site's time zone and languages: when site.yaml cannot
	 * say, the check of the result reports why. */
	diag *scratch = diag_new();
	model *m = load_content(o->content_dir, scratch);
	for (size_t i = 0; i < n; i++) {
		r[i] = (rep){ .o = &o[i], .d = d, .a = a,
			      .old = { "", "", "", "", NULL, 0, "" } };
		set_languages(&r[i], &m->site.languages);
		read_notes(&r[i]);
		read_old(&r[i]);
		apply(&r[i], m->site.utc_offset_min);
	}
	model_free(m);
	diag_free(scratch);
	for (size_t i = 0; i < n; i++)
		check_values(&r[i]);
	int rc = diag_errors(d) ? 1 : finish(r, n, out, w, a);
	arena_free(a);
	return rc;
}

int report_run_all(const report_opts *o, size_t n, diag *d, FILE *out,
		   report_written *w)
{
	bool ok = n > 0 && tasks_once(o, n, d);
	for (size_t i = 0; ok && i < n; i++)
		if (!text_is_id(o[i].task_id)) {
			diag_error(d, "", 0, 0, "bad task id '%s' (ids look "
				   "like t001)", o[i].task_id);
			ok = false;
		}
	int lock = ok ? lock_content(o->content_dir, d) : -1;
	if (lock < 0)
		return 1;
	int rc = run_locked(o, n, d, out, w);
	close(lock);
	return rc;
}

int report_run(const report_opts *o, diag *d, FILE *out)
{
	return report_run_all(o, 1, d, out, NULL);
}

void report_written_free(report_written *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->paths[i]);
	free(w->paths);
	*w = (report_written){ NULL, 0 };
}
