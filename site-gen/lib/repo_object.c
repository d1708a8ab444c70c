/* repo_object.c - reading commits, trees and blobs (repo_int.h). */
#include "repo_int.h"

#include <stdlib.h>
#include <string.h>

/* Blobs larger than this are not history content (load.c has the same
 * limit for files in the work tree). */
#define REPO_MAX_BLOB (64L * 1024 * 1024)

/* ---- trees ------------------------------------------------------------- */

void repo_obj_trees_free(repo_trees *s)
{
	for (size_t i = 0; i < s->n; i++)
		git_tree_free(s->v[i]);
	free(s->v);
	*s = (repo_trees){ 0 };
}

int repo_obj_tree(repo *r, const git_oid *id, bool keep, git_tree **t,
		  diag *d)
{
	*t = NULL;
	for (size_t i = 0; i < r->last.n && !*t; i++)
		if (!git_oid_cmp(git_tree_id(r->last.v[i]), id) &&
		    git_tree_dup(t, r->last.v[i]) != 0)
			return -1;
	if (!*t && git_tree_lookup(t, r->git, id) != 0) {
		repo_warn_object(d, r, "a folder", "tree", id);
		return -1;
	}
	if (keep) {
		repo_trees *s = &r->cur;
		if (s->n == s->cap)
			s->v = xrealloc(s->v, (s->cap = s->cap ? s->cap * 2 : 8) *
					       sizeof *s->v);
		if (git_tree_dup(&s->v[s->n], *t) == 0)
			s->n++;
	}
	return 0;
}

/* ---- commits ----------------------------------------------------------- */

/* A commit of the chain cannot be read. This libgit2 does not hide the
 * parents of a shallow clone's oldest commits: there, a parent that is not
 * found is the clone's edge. Anything else is damage, and then the walk
 * must not give shallow-clone advice. */
static repo_walk_end broken_chain(repo *r, int rc, const git_oid *id,
				  const char *child, diag *d)
{
	if (!child) {
		repo_warn_object(d, r, "the HEAD commit", "commit", id);
		return REPO_WALK_ERROR;
	}
	char hex[GIT_OID_HEXSZ + 1], *why = xstrdup(repo_git_message());
	git_oid_tostr(hex, sizeof hex, id);
	repo_walk_end end = REPO_WALK_TRUNCATED;
	if (rc != GIT_ENOTFOUND || !repo_is_shallow(r)) {
		diag_warn(d, r->dir, 0, 0, "history: cannot read the parent of "
			  "commit %.7s: commit %s is missing or damaged in the git "
			  "repository (%s); the history shown is incomplete: it "
			  "starts at commit %.7s", child, hex, why, child);
		end = REPO_WALK_DAMAGED;
	}
	free(why);
	return end;
}

static void reverse(const char **ids, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		const char *t = ids[i];
		ids[i] = ids[n - 1 - i];
		ids[n - 1 - i] = t;
	}
}

/* Walking the parents by hand (rather than with a revwalk) lets the walk
 * stop at the cached head, so an incremental build touches only the new
 * commits, and tells a missing parent (shallow clone, or damage) from a
 * root. */
repo_walk_end repo_first_parents(repo *r, const char *stop_at,
				 struct arena *a, const char ***ids, size_t *n,
				 diag *d)
{
	*ids = NULL;
	*n = 0;
	git_oid oid;
	int rc = git_reference_name_to_id(&oid, r->git, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return REPO_WALK_ROOT;
	if (rc != 0) {
		repo_warn_git(d, r->dir, "cannot resolve HEAD");
		return REPO_WALK_ERROR;
	}
	size_t cap = 0;
	repo_walk_end end = REPO_WALK_ROOT;
	for (;;) {
		const char *id = repo_hex(a, &oid);
		if (stop_at && !strcmp(id, stop_at)) {
			end = REPO_WALK_STOPPED;
			break;
		}
		git_commit *c;
		if ((rc = git_commit_lookup(&c, r->git, &oid)) != 0) {
			end = broken_chain(r, rc, &oid, *n ? (*ids)[*n - 1] : NULL,
					   d);
			break;
		}
		if (*n == cap)
			*ids = xrealloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof **ids);
		(*ids)[(*n)++] = id;
		bool root = git_commit_parentcount(c) == 0;
		if (!root)
			git_oid_cpy(&oid, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (root) {
			end = repo_is_shallow(r) ? REPO_WALK_TRUNCATED : REPO_WALK_ROOT;
			break;
		}
	}
	reverse(*ids, *n);
	return end;
}

int repo_obj_commit(repo *r, const char *id, git_commit **c, diag *d)
{
	git_oid oid;
	if (git_oid_fromstr(&oid, id) != 0) {
		repo_warn_git(d, r->dir, "not a commit id");
		return -1;
	}
	if (git_commit_lookup(c, r->git, &oid) == 0)
		return 0;
	repo_warn_object(d, r, "a commit", "commit", &oid);
	return -1;
}

int repo_obj_content_tree(repo *r, const char *id, bool keep, git_tree **t,
			  diag *d)
{
	*t = NULL;
	if (!id)
		return 0;
	git_commit *c;
	git_tree *root;
	if (repo_obj_commit(r, id, &c, d) != 0)
		return -1;
	int rc = git_commit_tree(&root, c);
	if (rc != 0)
		repo_warn_object(d, r, "a commit's files", "tree",
				 git_commit_tree_id(c));
	git_commit_free(c);
	if (rc != 0)
		return -1;
	if (!*r->prefix) {
		*t = root;
		return 0;
	}
	git_tree_entry *e;
	if (git_tree_entry_bypath(&e, root, r->prefix) == 0) {
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    repo_obj_tree(r, git_tree_entry_id(e), keep, t, d) != 0)
			rc = -1;
		git_tree_entry_free(e);
	}
	git_tree_free(root);
	return rc;
}

/* ---- blobs ------------------------------------------------------------- */

int repo_blob(repo *r, const char *blob_id, buf *out, diag *d)
{
	git_oid oid;
	git_blob *b;
	if (git_oid_fromstr(&oid, blob_id) != 0) {
		repo_warn_git(d, r->dir, "not a file's id");
		return -1;
	}
	if (git_blob_lookup(&b, r->git, &oid) != 0) {
		repo_warn_object(d, r, "a file's content", "blob", &oid);
		return -1;
	}
	git_object_size_t size = git_blob_rawsize(b);
	int rc = size > REPO_MAX_BLOB ? -1 : 0;
	if (rc == 0)
		buf_put(out, git_blob_rawcontent(b), (size_t)size);
	else
		diag_warn(d, r->dir, 0, 0, "history: a file of %lld bytes is "
			  "too large to be content", (long long)size);
	git_blob_free(b);
	return rc;
}
