/* repo_write.c - the one write to a repository: a commit of some files of
 * the content folder (repo.h, repo_commit_files). */
#include "repo_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct commit_job {
	repo *r;
	diag *d;
	git_index *index;        /* in memory: HEAD's tree, then the files */
	git_commit *parent;      /* NULL on an unborn branch */
	git_signature *sig;
	git_tree *tree;
} commit_job;

static int fail(commit_job *j, const char *what)
{
	diag_error(j->d, j->r->dir, 0, 0, "cannot commit: %s: %s", what,
		   repo_git_message());
	return -1;
}

/* "<prefix>/<path>": the file's path in the work tree. */
static void tree_path(const repo *r, const char *path, buf *out)
{
	buf_printf(out, "%s%s%s", r->prefix, *r->prefix ? "/" : "", path);
}

static int start(commit_job *j)
{
	git_reference *head = NULL;
	int rc = git_repository_head(&head, j->r->git);
	if (rc == 0)
		rc = git_commit_lookup(&j->parent, j->r->git,
				       git_reference_target(head));
	else if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
		rc = 0;
	git_reference_free(head);
	if (rc != 0)
		return fail(j, "cannot read HEAD");
	if (git_repository_state(j->r->git) != GIT_REPOSITORY_STATE_NONE) {
		diag_error(j->d, j->r->dir, 0, 0, "cannot commit: the "
			   "repository is in the middle of a merge, rebase or "
			   "cherry-pick; finish it first");
		return -1;
	}
	git_tree *tree = NULL;
	rc = git_index_new(&j->index);
	if (rc == 0 && j->parent && (rc = git_commit_tree(&tree, j->parent)) == 0)
		rc = git_index_read_tree(j->index, tree);
	git_tree_free(tree);
	return rc == 0 ? 0 : fail(j, "cannot read HEAD's tree");
}

/* Each file as it is now in the work tree, into the commit's index. */
static int add_files(commit_job *j, const char *const *paths, size_t n)
{
	const char *workdir = git_repository_workdir(j->r->git);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		buf rel = BUF_INIT, full = BUF_INIT, data = BUF_INIT;
		tree_path(j->r, paths[i], &rel);
		buf_printf(&full, "%s%s", workdir, rel.ptr);
		if (buf_read_file(&data, full.ptr) != 0) {
			diag_error(j->d, full.ptr, 0, 0, "cannot commit: cannot "
				   "read the file");
			rc = -1;
		} else {
			/* An index in memory takes entries, not files. */
			git_index_entry e = { .mode = GIT_FILEMODE_BLOB,
					      .file_size = (uint32_t)data.len,
					      .path = rel.ptr };
			if (git_blob_create_from_buffer(&e.id, j->r->git,
							data.ptr, data.len) != 0 ||
			    git_index_add(j->index, &e) != 0)
				rc = fail(j, rel.ptr);
		}
		buf_free(&rel), buf_free(&full), buf_free(&data);
	}
	return rc;
}

/* The repository's own index takes the committed files too, so that git
 * status shows them unchanged; what else it has staged stays staged. */
static int stage(commit_job *j, const char *const *paths, size_t n)
{
	git_index *idx = NULL;
	int rc = git_repository_index(&idx, j->r->git);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		buf rel = BUF_INIT;
		tree_path(j->r, paths[i], &rel);
		rc = git_index_add_bypath(idx, rel.ptr);
		buf_free(&rel);
	}
	if (rc == 0)
		rc = git_index_write(idx);
	git_index_free(idx);
	return rc == 0 ? 0 : fail(j, "committed, but cannot update the index");
}

static int create(commit_job *j, const char *name, const char *email,
		  const char *message, char id_out[41])
{
	git_oid tree_id, id;
	if (git_index_write_tree_to(&tree_id, j->index, j->r->git) != 0 ||
	    git_tree_lookup(&j->tree, j->r->git, &tree_id) != 0)
		return fail(j, "cannot write the tree");
	if (git_signature_now(&j->sig, name, email) != 0)
		return fail(j, "bad author");
	const git_commit *parents[] = { j->parent };
	if (git_commit_create(&id, j->r->git, "HEAD", j->sig, j->sig, NULL,
			      message, j->tree, j->parent ? 1 : 0,
			      parents) != 0)
		return fail(j, "cannot create the commit");
	git_oid_tostr(id_out, 41, &id);
	return 0;
}

int repo_commit_files(repo *r, const char *const *paths, size_t n,
		      const char *name, const char *email,
		      const char *message, char id_out[41], diag *d)
{
	commit_job j = { .r = r, .d = d };
	int rc = start(&j);
	if (rc == 0)
		rc = add_files(&j, paths, n);
	if (rc == 0)
		rc = create(&j, name, email, message, id_out);
	if (rc == 0)
		rc = stage(&j, paths, n);
	git_index_free(j.index);
	git_commit_free(j.parent);
	git_signature_free(j.sig);
	git_tree_free(j.tree);
	return rc;
}
