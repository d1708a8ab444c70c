/* repo_tags.c - tags, and a commit's content written out (repo_int.h). */
#include "repo_int.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_tag(const void *a, const void *b)
{
	const repo_tag *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int peel_tag(repo *r, const char *name, struct arena *a, repo_tag *t)
{
	buf ref = BUF_INIT;
	buf_printf(&ref, "refs/tags/%s", name);
	git_object *obj = NULL, *peeled = NULL;
	int rc = git_revparse_single(&obj, r->git, ref.ptr);
	if (rc == 0)
		rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	if (rc == 0) {
		const git_signature *sig = git_commit_author((git_commit *)peeled);
		*t = (repo_tag){ .name = arena_strdup(a, name),
				 .commit = repo_hex(a, git_object_id(peeled)),
				 .time = (long long)sig->when.time,
				 .offset_min = sig->when.offset };
	}
	git_object_free(peeled);
	git_object_free(obj);
	buf_free(&ref);
	return rc;
}

int repo_tags(repo *r, const char *pattern, struct arena *a, repo_tag **out,
	      size_t *n, diag *d)
{
	*out = NULL;
	*n = 0;
	git_strarray names = { 0 };
	if (git_tag_list(&names, r->git) != 0) {
		repo_warn_git(d, r->dir, "cannot list tags");
		return -1;
	}
	*out = xcalloc(names.count ? names.count : 1, sizeof **out);
	for (size_t i = 0; i < names.count; i++) {
		if (fnmatch(pattern, names.strings[i], 0) != 0)
			continue;
		if (peel_tag(r, names.strings[i], a, &(*out)[*n]) == 0)
			(*n)++;
		else
			repo_warn_git(d, r->dir, "cannot read a tag");
	}
	git_strarray_dispose(&names);
	qsort(*out, *n, sizeof **out, cmp_tag);
	return 0;
}

static int write_blob(repo *r, const git_tree_entry *e, const char *path,
		      diag *d)
{
	buf data = BUF_INIT;
	char id[GIT_OID_HEXSZ + 1];
	git_oid_tostr(id, sizeof id, git_tree_entry_id(e));
	int rc = repo_blob(r, id, &data, d);
	FILE *f = rc == 0 ? fopen(path, "wb") : NULL;
	if (rc == 0 && (!f || fwrite(data.ptr, 1, data.len, f) != data.len)) {
		diag_warn(d, path, 0, 0, "history: cannot write: %s",
			  strerror(errno));
		rc = -1;
	}
	if (f && fclose(f) != 0)
		rc = -1;
	buf_free(&data);
	return rc;
}

static int write_tree(repo *r, const git_tree *t, const char *dir, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < git_tree_entrycount(t) && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, git_tree_entry_name(e));
		if (repo_entry_is_file(e)) {
			rc = write_blob(r, e, path.ptr, d);
		} else if (repo_entry_is_dir(e)) {
			git_tree *sub = NULL;
			rc = git_tree_lookup(&sub, r->git, git_tree_entry_id(e));
			if (rc == 0)
				rc = mkdir(path.ptr, 0755) == 0
					     ? write_tree(r, sub, path.ptr, d) : -1;
			git_tree_free(sub);
		}
		buf_free(&path);
	}
	return rc;
}

int repo_write_content(repo *r, const char *id, const char *dir, diag *d)
{
	git_tree *t;
	if (repo_obj_content_tree(r, id, false, &t, d) != 0)
		return -1;
	int rc = t ? write_tree(r, t, dir, d) : -1;
	if (rc != 0)
		diag_warn(d, dir, 0, 0, "history: cannot write the content of "
			  "commit %.7s", id);
	git_tree_free(t);
	return rc;
}
