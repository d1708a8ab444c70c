/* site: the output does not depend on the number of render threads. */
#include "buf.h"
#include "check.h"
#include "site.h"
#include "view.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE "tests/fixtures/site-basic/content"

static int render(const model *m, const char *out, unsigned threads)
{
	diag *d = diag_new();
	export_manifest none = { .data_as_of = "" };
	words_set w = { 0 };
	const char *const *required[] = { view_required_strings, NULL };
	int rc = words_load(&w, "themes/default", m->site.languages.v,
			    m->site.languages.n, NULL, required, d);
	site_opts o = { .theme_dir = "themes/default", .words = &w,
			.data = &none, .threads = threads };
	pub *p = rc == 0 ? pub_begin(out, d) : NULL;
	rc = p ? site_render(m, &o, p, d) : -1;
	if (p && rc == 0)
		rc = pub_commit(p, NULL);
	else if (p)
		pub_abort(p);
	diag_print(d, stdout);
	diag_free(d);
	words_free(&w);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/test_site.XXXXXX";
	diag *d = diag_new();
	model *m = check_load(FIXTURE, d);
	if (!m || !mkdtemp(dir)) {
		skip("fixture or temporary folder unavailable", "threads");
		return done_testing();
	}
	buf one = BUF_INIT, two = BUF_INIT, cmd = BUF_INIT;
	buf_printf(&one, "%s/one", dir);
	buf_printf(&two, "%s/two", dir);
	is_int(render(m, one.ptr, 1), 0, "renders with 1 thread");
	is_int(render(m, two.ptr, 2), 0, "renders with 2 threads");
	buf_printf(&cmd, "diff -r %s %s >/dev/null", one.ptr, two.ptr);
	is_int(system(cmd.ptr), 0, "byte-identical output");
	buf_clear(&cmd);
	buf_printf(&cmd, "rm -rf %s", dir);
	ok(system(cmd.ptr) == 0, "clean up");
	buf_free(&one);
	buf_free(&two);
	buf_free(&cmd);
	model_free(m);
	diag_free(d);
	return done_testing();
}
