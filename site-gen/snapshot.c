#include "snapshot.h"
#include "arena.h"
#include "buf.h"
#include "build.h"
#include "export.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Publish every file under `dir` as `dest`/<relative path>, in name order. */
static int republish(const char *dir, const char *dest, pub *p)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(dp));)
		if (e->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(dp);
	qsort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		buf src = BUF_INIT, dst = BUF_INIT, data = BUF_INIT;
		struct stat st;
		buf_printf(&src, "%s/%s", dir, names[i]);
		buf_printf(&dst, "%s/%s", dest, names[i]);
		if (rc == 0 && stat(src.ptr, &st) == 0 && S_ISDIR(st.st_mode))
			rc = republish(src.ptr, dst.ptr, p);
		else if (rc == 0)
			rc = buf_read_file(&data, src.ptr) == 0
				     ? pub_write(p, dst.ptr, data.ptr, data.len) : -1;
		buf_free(&src);
		buf_free(&dst);
		buf_free(&data);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Load the tag's content and export it into `tmp`/out. */
static int export_tag(const char *tmp, diag *scratch)
{
	buf content = BUF_INIT, out = BUF_INIT;
	buf_printf(&content, "%s/content", tmp);
	buf_printf(&out, "%s/out", tmp);
	model *m = build_load(content.ptr, scratch);
	pub *sp = m ? pub_begin(out.ptr, scratch) : NULL;
	int rc = -1;
	if (sp) {
		export_manifest man;
		rc = export_data(m, sp, m->arena, &man, scratch);
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

static int write_one(hist *h, size_t i, const hist_snapshot *s, pub *p,
		     diag *d)
{
	buf dest = BUF_INIT, path = BUF_INIT;
	buf_printf(&dest, "data/snapshots/%s", s->tag);
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
		    export_tag(tmp, scratch) == 0) {
			buf_clear(&path);
			buf_printf(&path, "%s/out/data", tmp);
			rc = republish(path.ptr, dest.ptr, p);
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

int snapshot_write_all(hist *h, pub *p, diag *d)
{
	size_t n;
	const hist_snapshot *s = hist_snapshots(h, &n);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = write_one(h, i, &s[i], p, d);
	return rc;
}
