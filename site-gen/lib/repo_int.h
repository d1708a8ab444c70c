/* repo_int.h - inside the repo module (repo.h is its public face). Only
 * repo*.c include this. All of them together are the one libgit2 wrapper
 * of repo.h: no other file includes git2.h.
 *
 * The parts and who owns what:
 *   repo.c         opening and freeing a repo (libgit2 started once), its
 *                  identity; the warnings every part gives.
 *   repo_object.c  reading objects: commits by id, the first-parent
 *                  chain, a commit's content tree (with the trees kept
 *                  from one diff to the next), blobs.
 *   repo_text.c    what a commit says, made safe to publish: control
 *                  characters, e-mail addresses, the .mailmap (and what
 *                  it depends on); control characters in paths.
 *   repo_diff.c    the files that differ between two commits' content.
 *   repo_state.c   what the work tree and refs are: uncommitted changes,
 *                  the repository state for change detection.
 *   repo_tags.c    tags matching a glob, and the content of a commit
 *                  written out (snapshots).
 *   repo_write.c   the one write: a commit of some content files.
 *
 * Ownership: a repo owns its libgit2 handles, trees kept and warned ids
 * (repo_free). libgit2 objects returned (git_commit, git_tree) are the
 * caller's to free. Failures are warnings in `d` (repo.h), and -1.
 */
#ifndef SG_REPO_INT_H
#define SG_REPO_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <git2.h>

#include "arena.h"
#include "repo.h"
#include "smap.h"

/* Trees read by one diff (repo_content_changes). */
typedef struct repo_trees {
	git_tree **v;
	size_t n, cap;
} repo_trees;

struct repo {
	git_repository *git;
	git_mailmap *mailmap;
	char *dir;           /* the content folder as given, for messages */
	char *prefix;        /* its path inside the work tree */
	char *identity;
	/* The trees the last diff read on its new side, and those the
	 * current one reads there: walking the history, each diff's old side
	 * is the last one's new side, and reading a large folder's tree
	 * (progress/ holds two entries per task) costs more than diffing it.
	 * libgit2 does not cache trees of more than 4 KiB. */
	repo_trees last, cur;
	/* Objects already reported unreadable: a damaged tree is met on both
	 * sides of two diffs, and once more by repo_has_uncommitted. */
	smap warned;
	struct arena *warned_ids;
};

/* Regular files only: symbolic links and submodules are not content. */
static inline bool repo_entry_is_file(const git_tree_entry *e)
{
	git_filemode_t m = e ? git_tree_entry_filemode(e) : 0;
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static inline bool repo_entry_is_dir(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/* ---- Warnings and ids (repo.c) ----------------------------------------- */

/* libgit2's message for its last error (static or libgit2's). */
const char *repo_git_message(void);
/* Warn "history: <what>: <libgit2's message>" about `dir`. */
void repo_warn_git(diag *d, const char *dir, const char *what);
/* An object the history needs could not be read: name it, once, so that
 * the repository can be repaired (git fsck lists every such object). */
void repo_warn_object(diag *d, repo *r, const char *what, const char *type,
		      const git_oid *id);
/* The hex of `oid`, in `a`. */
const char *repo_hex(struct arena *a, const git_oid *oid);

/* ---- Objects (repo_object.c) ------------------------------------------- */

/* Free the trees of the set; it is left empty. */
void repo_obj_trees_free(repo_trees *s);
/* Look a tree up, in the last diff's new side first; a tree of the new
 * side (`keep`) is remembered for the next diff. -1 after a warning. */
int repo_obj_tree(repo *r, const git_oid *id, bool keep, git_tree **t,
		  diag *d);
/* The commit of hex id `id` (caller frees). -1 after a warning. */
int repo_obj_commit(repo *r, const char *id, git_commit **c, diag *d);
/* The content subtree of a commit (caller frees); *t stays NULL when the
 * commit has no content folder, or `id` is NULL. `keep` as in
 * repo_obj_tree. Returns 0 or -1. */
int repo_obj_content_tree(repo *r, const char *id, bool keep, git_tree **t,
			  diag *d);

/* ---- Text (repo_text.c) ------------------------------------------------ */

/* Append a file name from a tree with each control character made
 * U+FFFD. */
void repo_text_put_name(buf *out, const char *name);

#endif
