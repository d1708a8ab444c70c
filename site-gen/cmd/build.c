#include "build.h"
#include "check.h"
#include "arena.h"
#include "export.h"
#include "feed.h"
#include "hist.h"
#include "histview.h"
#include "incr.h"
#include "load.h"
#include "pace.h"
#include "publish.h"
#include "site.h"
#include "snapshot.h"
#include "text.h"
#include "view.h"
#include "words.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

/* Wall-clock time of each stage, printed under --verbose: the benchmark
 * (bench/run.sh) reads them to tell the stages apart. */
typedef struct stage_clock {
	bool on;
	struct timespec last;
} stage_clock;

static void clock_start(stage_clock *c, bool on)
{
	c->on = on;
	clock_gettime(CLOCK_MONOTONIC, &c->last);
}

static void clock_lap(stage_clock *c, const char *stage)
{
	if (!c->on)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - c->last.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - c->last.tv_nsec) / 1e6;
	fprintf(stderr, "site-gen: time: %-8s %9.1f ms\n", stage, ms);
	c->last = now;
}

/* check_load, with the time of each step. */
static model *load_checked(const char *content_dir, stage_clock *c, diag *d)
{
	model *m = load_content(content_dir, d);
	clock_lap(c, "load");
	m = check_loaded(m, d);
	clock_lap(c, "check");
	return m;
}

/* The history as rows of the open-data history table, oldest first. */
static export_change *history_rows(const model *m, const hist *h, size_t *n)
{
	size_t nc;
	const hist_change *ch = hist_changes(h, n);
	const hist_commit *commits = hist_commits(h, &nc);
	export_change *rows = arena_alloc(m->arena, (*n + 1) * sizeof *rows);
	const char *date = NULL;    /* of commit ch[i - 1].commit: changes
				       come grouped by commit */
	buf b = BUF_INIT;
	for (size_t i = 0; i < *n; i++) {
		const hist_commit *c = &commits[ch[i].commit];
		if (!i || ch[i].commit != ch[i - 1].commit) {
			buf_clear(&b);
			histview_date(c->time, m->site.utc_offset_min, &b);
			date = arena_strdup(m->arena, buf_cstr(&b));
		}
		rows[i] = (export_change){
			c->id, date, c->author, ch[i].table, ch[i].record,
			ch[i].field, ch[i].old_value, ch[i].new_value,
			c->reason };
	}
	buf_free(&b);
	return rows;
}

/* The data files are written on a thread of their own while the feeds
 * and the pages are made: only the home and downloads pages show what
 * they hold, and site_render keeps those for last (site_opts.data_wait). */
typedef struct export_job {
	const model *m;
	const words_set *w;
	long ref;                /* the schedule's reference date */
	const export_change *rows;
	size_t n;
	pub *p;
	arena *a;                /* the manifest's strings */
	export_manifest data;
	diag *d;
	double ms;               /* how long it took */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
	int rc;
} export_job;

static void *run_export(void *arg)
{
	export_job *j = arg;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = export_data_changes(j->m, j->w, j->ref, j->rows, j->n, j->p,
				     j->a, &j->data, j->d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	pthread_mutex_lock(&j->lock);
	j->ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	j->rc = rc;
	j->done = true;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

static int wait_export(void *arg)
{
	export_job *j = arg;
	pthread_mutex_lock(&j->lock);
	while (!j->done)
		pthread_cond_wait(&j->cond, &j->lock);
	int rc = j->rc;
	pthread_mutex_unlock(&j->lock);
	return rc;
}

/* The schedule's reference date (build_opts.date): a build of the same
 * commit gives the same lights whenever it runs. */
static long reference_day(const build_opts *o, const model *m, const hist *h)
{
	long day;
	size_t n;
	const hist_commit *commits = hist_commits(h, &n);
	if (o->date && text_parse_date(o->date, &day))
		return day;
	if (n)
		return pace_day(commits[n - 1].time, m->site.utc_offset_min);
	if (text_parse_date(model_newest_as_of(m), &day) ||
	    text_parse_date(m->site.issued, &day))
		return day;
	return 0;
}

static const char *convert_word(void *ctx, size_t lang, const char *text)
{
	return model_convert(ctx, lang, text);
}

/* The theme's strings, for the pages, the feeds and the data's metadata. */
static int load_words(const build_opts *o, const model *m, words_set *w,
		      diag *d)
{
	const char *const *required[] = { view_required_strings,
					  export_required_strings, NULL };
	words_derived dv = { m->site.derived_from, convert_word, (void *)m };
	return words_load(w, o->theme_dir, m->site.languages.v,
			  m->site.languages.n, &dv, required, d);
}

static int render_with(const build_opts *o, model *m, hist *h,
		       const words_set *w, pub *p, stage_clock *c, diag *d)
{
	export_job ej = { .m = m, .w = w, .ref = reference_day(o, m, h), .p = p,
			  .a = arena_new(), .d = d };
	ej.rows = history_rows(m, h, &ej.n);
	pthread_mutex_init(&ej.lock, NULL);
	pthread_cond_init(&ej.cond, NULL);
	pthread_t thread;
	bool threaded = pthread_create(&thread, NULL, run_export, &ej) == 0;
	if (!threaded)
		run_export(&ej);
	/* Snapshots first: the pages link to them, and the link check at the
	 * end of site_render needs every target written. */
	snapshot_list snaps = { 0 };
	int rc = snapshot_write_all(h, w, p, &snaps, d);
	site_opts so = { .theme_dir = o->theme_dir, .layouts_dir = o->layouts_dir,
			 .banner = o->banner, .ref_day = ej.ref, .words = w,
			 .data = &ej.data,
			 .data_wait = wait_export, .data_arg = &ej, .history = h,
			 .snapshots = &snaps };
	if (rc == 0)
		rc = site_render(m, &so, p, d);
	if (threaded)
		pthread_join(thread, NULL);
	if (ej.rc != 0)
		rc = -1;
	clock_lap(c, "render");
	if (c->on)
		fprintf(stderr, "site-gen: time: %-8s %9.1f ms (beside render)\n",
			"export", ej.ms);
	snapshot_list_free(&snaps);
	export_free(&ej.data);
	arena_free(ej.a);
	pthread_cond_destroy(&ej.cond);
	pthread_mutex_destroy(&ej.lock);
	return rc;
}

static int render_all(const build_opts *o, model *m, hist *h, pub *p,
		      stage_clock *c, diag *d)
{
	words_set w = { 0 };
	int rc = load_words(o, m, &w, d);
	if (rc == 0)
		rc = render_with(o, m, h, &w, p, c, d);
	words_free(&w);
	return rc;
}

static void report_published(const build_opts *o, size_t written,
			     size_t unchanged)
{
	if (!o->quiet)
		fprintf(stderr, "site-gen: published %zu files to %s (%zu changed, "
			"%zu unchanged)\n", written + unchanged, o->out_dir,
			written, unchanged);
}

/* A slip such as --out content, --out content/plan, --out . or --out ..
 * would otherwise replace that folder by the site and delete what it
 * held. The output may be inside the current folder, not inside the
 * content or the theme. */
static bool out_dir_safe(const build_opts *o, diag *d)
{
	const char *keep[] = { ".", o->content_dir, o->theme_dir,
			       o->layouts_dir };
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		if (!keep[i])
			continue;
		if (pub_would_delete(o->out_dir, keep[i]))
			diag_error(d, o->out_dir, 0, 0, "refusing to publish into "
				   "this folder: replacing it would delete %s%s%s",
				   i ? "'" : "the current folder", i ? keep[i] : "",
				   i ? "'" : "");
		else if (i && pub_is_inside(o->out_dir, keep[i]))
			diag_error(d, o->out_dir, 0, 0, "refusing to publish into "
				   "this folder: it is inside '%s'", keep[i]);
		else
			continue;
		return false;
	}
	return true;
}

/* Reports dated after the newest commit, when the content is all
 * committed (an edit in progress may well carry today's date). */
static void check_dates(const model *m, const hist *h, diag *d)
{
	size_t n;
	const hist_commit *commits = hist_commits(h, &n);
	hist_info info = hist_get_info(h);
	if (!n || !info.git || info.dirty)
		return;
	buf date = BUF_INIT;
	histview_date(commits[n - 1].time, m->site.utc_offset_min, &date);
	check_report_dates(m, buf_cstr(&date), d);
	buf_free(&date);
}

/* What check reads from the history: reports dated after the newest
 * commit (build warns of these too), revised targets without a reason and
 * stale reports at the reference date (not build's: the pages show them,
 * and a plan behind schedule would get a warning per task on every build,
 * which also stops a no-change rebuild from doing nothing). */
static void check_history(const build_opts *o, const model *m,
			  const hist *h, diag *d)
{
	check_dates(m, h, d);
	histview_warn_unexplained(h, m, d);
	check_stale_reports(m, reference_day(o, m, h), d);
}

int build_check(const build_opts *o, diag *d)
{
	model *m = check_load(o->content_dir, d);
	if (!m)
		return 1;
	/* The state of the repository (uncommitted changes, a shallow clone)
	 * is build's to report: before a commit, the content is dirty. */
	diag *quiet = diag_new();
	hist *h = hist_load(o->content_dir, m, o->cache_dir, quiet);
	diag_free(quiet);
	check_history(o, m, h, d);
	diag_sort(d);
	hist_free(h);
	model_free(m);
	return 0;
}

/* Publish the checked content `m`, holding the output's lock. */
static int publish_all(const build_opts *o, incr *in, model *m,
		       stage_clock *c, diag *d)
{
	hist *h = hist_load(o->content_dir, m, o->cache_dir, d);
	clock_lap(c, "history");
	check_dates(m, h, d);
	if (o->verbose)
		histview_stats(h, stderr);
	load_derive_stats cs;
	bool converted = load_derive(m, o->cache_dir, d, &cs) == 0;
	clock_lap(c, "convert");
	if (o->verbose && m->site.n_written < m->site.languages.n)
		fprintf(stderr, "site-gen: convert: %zu texts, %zu converted by "
			"OpenCC (the rest repeat or come from the cache)\n", cs.texts,
			cs.converted);
	pub *p = converted ? pub_begin(o->out_dir, d) : NULL;
	if (!p) {
		hist_free(h);
		return 1;
	}
	int rc = render_all(o, m, h, p, c, d);
	if (rc == 0 && o->cache_dir)
		load_derive_save(m, o->cache_dir);
	pub_stats st = { 0 };
	if (rc != 0 || diag_errors(d)) {
		pub_abort(p);
		rc = 1;
	} else {
		rc = pub_commit(p, &st) == 0 ? 0 : 1;
	}
	clock_lap(c, "publish");
	if (rc == 0)
		report_published(o, st.written, st.unchanged);
	/* Only a build without diagnostics may be skipped next time: a
	 * skipped build prints nothing but the line above. */
	if (rc == 0 && !diag_count(d))
		incr_record(in, st.written + st.unchanged);
	hist_free(h);
	return rc;
}

/* The content is loaded and checked before the output is locked: a build
 * with content errors touches nothing beside the output, not even the
 * lock file. */
static int build_all(const build_opts *o, incr *in, diag *d)
{
	stage_clock c;
	clock_start(&c, o->verbose);
	model *m = load_checked(o->content_dir, &c, d);
	if (!m)
		return 1;
	int rc = 1;
	pub_lock *lock = pub_lock_out(o->out_dir, o->wait_s, d);
	if (lock && pub_out_ok(o->out_dir, o->force, d))
		rc = publish_all(o, in, m, &c, d);
	pub_unlock(lock);
	model_free(m);
	return rc;
}

int build_run(const build_opts *o, diag *d)
{
	if (!out_dir_safe(o, d))
		return 1;
	incr *in = incr_begin(o);
	size_t files;
	int rc = 0;
	if (incr_unchanged(in, &files)) {
		if (o->verbose)
			fputs("site-gen: the inputs and the output are unchanged "
			      "since the last build: nothing to do\n", stderr);
		report_published(o, 0, files);
	} else {
		rc = build_all(o, in, d);
	}
	incr_free(in);
	return rc;
}
