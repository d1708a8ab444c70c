#include "snapshot.h"
#include "pace.h"
#include "arena.h"
#include "buf.h"
#include "check.h"
#include "export.h"
#include "route.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void add_file(void *snapshot, const char *path)
{
	snapshot_info *si = snapshot;
	si->files = xrealloc(si->files, (si->n + 1) * sizeof *si->files);
	si->files[si->n++] = xstrdup(path);
}

/* Load the tag's content and export it into `tmp`/out. */
static int export_tag(const char *tmp, const words_set *w,
		      const hist_snapshot *s, diag *scratch)
{
	buf content = BUF_INIT, out = BUF_INIT;
	buf_printf(&content, "%s/content", tmp);
	buf_printf(&out, "%s/out", tmp);
	model *m = check_load(content.ptr, scratch);
	pub *sp = m ? pub_begin(out.ptr, scratch) : NULL;
	int rc = -1;
	if (sp) {
		export_manifest man;
		/* The schedule as it stood on the tag's day. */
		long ref = pace_day(s->time, m->site.utc_offset_min);
		rc = export_data(m, w, ref, sp, m->arena, &man, scratch);
		export_free(&man);
		if (rc == 0)
			rc = pub_commit(sp, NULL);
		else
			pub_abort(sp);
	}
	model_free(m);
	buf_free(&content);
	buf_free(&out);
	return rc;
}

static int write_one(hist *h, size_t i, const hist_snapshot *s,
		     const words_set *w, pub *p, snapshot_info *si, diag *d)
{
	buf dest = BUF_INIT, path = BUF_INIT;
	route_snapshot(&dest, s->tag);
	char tmp[] = "/tmp/site-gen-snapshot-XXXXXX";
	diag *scratch = diag_new();
	int rc = 0;
	if (!pub_path_ok(dest.ptr)) {
		diag_warn(d, "", 0, 0, "snapshot tag '%s': not usable as a folder "
			  "name (use letters, digits, '.', '-' and '_')", s->tag);
	} else if (!mkdtemp(tmp)) {
		diag_warn(d, "", 0, 0, "snapshot %s: cannot make a temporary "
			  "folder", s->tag);
	} else {
		buf_printf(&path, "%s/content", tmp);
		if (mkdir(path.ptr, 0755) == 0 &&
		    hist_snapshot_write(h, i, path.ptr, d) == 0 &&
		    export_tag(tmp, w, s, scratch) == 0) {
			buf_clear(&path);
			buf_printf(&path, "%s/out/data", tmp);
			rc = pub_copy_tree(p, path.ptr, dest.ptr, add_file, si);
		} else {
			diag_warn(d, "", 0, 0, "snapshot %s (commit %.7s): its "
				  "content could not be loaded (%zu errors); no "
				  "snapshot data is published", s->tag, s->commit,
				  diag_errors(scratch));
		}
		pub_remove_tree(tmp);
	}
	diag_free(scratch);
	buf_free(&dest);
	buf_free(&path);
	return rc;
}

int snapshot_write_all(hist *h, const words_set *w, pub *p,
		       snapshot_list *out, diag *d)
{
	size_t n;
	const hist_snapshot *s = hist_snapshots(h, &n);
	int rc = 0;
	out->v = xcalloc(n + 1, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		snapshot_info *si = &out->v[out->n];
		*si = (snapshot_info){ .tag = &s[i] };
		rc = write_one(h, i, &s[i], w, p, si, d);
		if (si->n)
			out->n++;
		else
			free(si->files);
	}
	return rc;
}

void snapshot_list_free(snapshot_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < l->v[i].n; k++)
			free(l->v[i].files[k]);
		free(l->v[i].files);
	}
	free(l->v);
}
