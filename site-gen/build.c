#include "build.h"
#include "check.h"
#include "export.h"
#include "load.h"
#include "publish.h"
#include "site.h"

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

static int render_all(const build_opts *o, model *m, pub *p, diag *d)
{
	export_manifest data;
	if (export_data(m, p, m->arena, &data, d) != 0) {
		export_free(&data);
		return -1;
	}
	site_opts so = { .theme_dir = o->theme_dir, .layouts_dir = o->layouts_dir,
			 .banner = o->banner, .data = &data };
	int rc = site_render(m, &so, p, d);
	export_free(&data);
	return rc;
}

int build_run(const build_opts *o, diag *d)
{
	model *m = build_load(o->content_dir, d);
	if (!m)
		return 1;
	pub *p = pub_begin(o->out_dir, d);
	if (!p) {
		model_free(m);
		return 1;
	}
	int rc = render_all(o, m, p, d);
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
	model_free(m);
	return rc;
}
