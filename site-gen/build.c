#include "build.h"
#include "check.h"
#include "arena.h"
#include "export.h"
#include "feed.h"
#include "hist.h"
#include "histview.h"
#include "load.h"
#include "publish.h"
#include "site.h"
#include "snapshot.h"

#include <stdio.h>

model *build_load(const char *content_dir, diag *d)
{
	model *m = load_content(content_dir, d);
	check_model(m, d);
	diag_sort(d);
	if (diag_errors(d)) {
		model_free(m);
		return NULL;
	}
	return m;
}

/* The history as rows of the open-data history table, oldest first. */
static export_change *history_rows(const model *m, const hist *h, size_t *n)
{
	size_t nc;
	const hist_change *ch = hist_changes(h, n);
	const hist_commit *commits = hist_commits(h, &nc);
	export_change *rows = arena_alloc(m->arena, (*n + 1) * sizeof *rows);
	for (size_t i = 0; i < *n; i++) {
		const hist_commit *c = &commits[ch[i].commit];
		buf date = BUF_INIT;
		histview_date(c->time, m->site.utc_offset_min, &date);
		rows[i] = (export_change){
			c->id, arena_strdup(m->arena, date.ptr), c->author,
			ch[i].table, ch[i].record, ch[i].field, ch[i].old_value,
			ch[i].new_value };
		buf_free(&date);
	}
	return rows;
}

static int render_all(const build_opts *o, model *m, hist *h, pub *p,
		      diag *d)
{
	export_manifest data;
	size_t n;
	const export_change *rows = history_rows(m, h, &n);
	if (export_data_changes(m, rows, n, p, m->arena, &data, d) != 0) {
		export_free(&data);
		return -1;
	}
	/* Feeds and snapshots first: the pages link to them, and the link
	 * check at the end of site_render needs every target written. */
	snapshot_list snaps = { 0 };
	int rc = feed_write(m, h, p, d);
	if (rc == 0)
		rc = snapshot_write_all(h, p, &snaps, d);
	site_opts so = { .theme_dir = o->theme_dir, .layouts_dir = o->layouts_dir,
			 .banner = o->banner, .data = &data, .history = h,
			 .snapshots = &snaps };
	if (rc == 0)
		rc = site_render(m, &so, p, d);
	snapshot_list_free(&snaps);
	export_free(&data);
	return rc;
}

int build_run(const build_opts *o, diag *d)
{
	model *m = build_load(o->content_dir, d);
	if (!m)
		return 1;
	hist *h = hist_load(o->content_dir, m, o->cache_dir, d);
	if (o->verbose)
		histview_stats(h, stderr);
	pub *p = pub_begin(o->out_dir, d);
	if (!p) {
		hist_free(h);
		model_free(m);
		return 1;
	}
	int rc = render_all(o, m, h, p, d);
	pub_stats st = { 0 };
	if (rc != 0 || diag_errors(d)) {
		pub_abort(p);
		rc = 1;
	} else {
		rc = pub_commit(p, &st) == 0 ? 0 : 1;
	}
	if (rc == 0 && !o->quiet)
		fprintf(stderr, "site-gen: published %zu files to %s (%zu changed, "
			"%zu unchanged)\n", st.written + st.unchanged, o->out_dir,
			st.written, st.unchanged);
	hist_free(h);
	model_free(m);
	return rc;
}
