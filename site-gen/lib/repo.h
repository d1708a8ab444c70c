/* repo.h - the one wrapper around libgit2: the git repository that holds a
 * content folder, read without a git binary. The wrapper is repo.c and its
 * parts repo_*.c (repo_int.h lists them): no other file includes git2.h.
 *
 * Everything libgit2 reports becomes a diag WARNING naming the content
 * folder: history is an addition to the site, so a damaged or unusual
 * repository must never stop a build. An object that cannot be read (a
 * missing or corrupt commit, tree or blob) is named in the warning by its
 * id, with the words "missing or damaged". Commit and object ids cross this
 * API as 40-character hex strings, so no other module sees a libgit2 type.
 *
 * Text taken from commits (author names, subjects) and paths is made safe
 * to publish here, once, so every page, feed, data file and `site-gen log`
 * gets the same text: no e-mail address and no control character ever
 * leaves this module (repo_commit says how).
 *
 * Ownership: a `repo` owns its libgit2 handles (repo_free). Strings returned
 * through `arena` parameters live in that arena.
 */
#ifndef SG_REPO_H
#define SG_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

struct arena;

typedef struct repo repo;

/* The author's name and the subject, cleaned:
 *   - bytes that are not UTF-8 become U+FFFD; tabs and line breaks a
 *     space; other control characters (C0, DEL, C1) are dropped;
 *   - an e-mail address (text@text, without spaces or brackets) in the
 *     subject becomes REPO_ADDRESS_MASK;
 *   - an address in the name is dropped with the brackets around it
 *     ("Li Na <li@example.org>" → "Li Na"); a name with nothing else
 *     (the name "li@example.org") becomes REPO_ADDRESS_MASK.
 * The name is the one .mailmap gives, cleaned the same way. The history
 * cache holds cleaned text: a change to these rules needs a new
 * HIST_CACHE_VERSION (hist_cache.c). */
typedef struct repo_commit {
	const char *id;          /* hex */
	const char *summary;     /* first line of the message, cleaned */
	const char *reason;      /* its "Reason:" trailers, cleaned and joined
				    by a space; "" without one */
	const char *author;      /* name after .mailmap, cleaned; never the
				    e-mail */
	long long time;          /* author time, UTC seconds */
	int offset_min;          /* author's UTC offset */
} repo_commit;

/* What an e-mail address from git becomes: a sign, not a word, since
 * reader-facing words are data (the theme's i18n), not C. */
#define REPO_ADDRESS_MASK "\xe2\x80\xa6@\xe2\x80\xa6" /* "…@…" */

/* How a walk of the first-parent chain ended. TRUNCATED: the chain stops
 * at the edge of a shallow clone (the repository is shallow). DAMAGED: a
 * commit of the chain is missing or damaged (warned, naming it); the ids
 * are those after it. ERROR: HEAD could not be read (warned). */
typedef enum { REPO_WALK_ROOT, REPO_WALK_STOPPED, REPO_WALK_TRUNCATED,
	       REPO_WALK_DAMAGED, REPO_WALK_ERROR } repo_walk_end;

/* A file under the content folder that differs between two commits. */
typedef struct repo_change {
	const char *path;        /* relative to the content folder: "plan/a.zh.md";
				    a control character in it becomes U+FFFD */
	const char *old_blob;    /* hex, or NULL when the file is added */
	const char *new_blob;    /* hex, or NULL when the file is removed */
} repo_change;

typedef struct repo_tag {
	const char *name;        /* "report-2023-q2" */
	const char *commit;      /* hex of the commit it points to */
	long long time;          /* that commit's author time */
	int offset_min;
} repo_tag;

/* Open the repository whose work tree contains `dir` (searching upward).
 * Returns NULL when there is none (*missing set, nothing reported) or on
 * another failure (reported to d). */
repo *repo_open(const char *dir, diag *d, bool *missing);
void repo_free(repo *r);
/* Another handle on the same repository, for another thread (libgit2
 * handles must not be used by two threads at once). NULL after a
 * warning. */
repo *repo_reopen(const repo *r, diag *d);

/* A stable identity of the repository and folder, for cache keys. */
const char *repo_identity(const repo *r);
bool repo_is_shallow(const repo *r);

/* The first-parent chain from HEAD back to the root, or to (excluding)
 * `stop_at` when met. Fills *ids (oldest first; malloc'd array of arena
 * strings, caller frees the array) and *n. An unborn HEAD gives n = 0. */
repo_walk_end repo_first_parents(repo *r, const char *stop_at,
				 struct arena *a, const char ***ids, size_t *n,
				 diag *d);

/* Details of one commit. Returns 0, or -1 after a warning. */
int repo_commit_info(repo *r, const char *id, struct arena *a,
		     repo_commit *out, diag *d);

/* Files under the content folder that differ between commit `old_id` (NULL
 * for none) and `new_id`, sorted by path. Subtrees with equal ids are not
 * entered, so the cost follows the size of the change, not of the tree.
 * *out is malloc'd (caller frees), its strings are in `a`. Returns 0 or -1. */
int repo_content_changes(repo *r, const char *old_id, const char *new_id,
			 struct arena *a, repo_change **out, size_t *n,
			 diag *d);

/* Append the bytes of a blob to `out`. Returns 0 or -1. */
int repo_blob(repo *r, const char *blob_id, buf *out, diag *d);

/* Does the work tree under the content folder differ from HEAD (modified,
 * staged, deleted or untracked files; ignored ones do not count)? False
 * when HEAD's files cannot be read (warned, here or by the walk before):
 * compared with nothing, every file would look uncommitted. */
bool repo_has_uncommitted(repo *r, diag *d);

/* Tags whose name matches the fnmatch glob `pattern`, peeled to commits,
 * sorted by commit time then name. *out is malloc'd (caller frees). */
int repo_tags(repo *r, const char *pattern, struct arena *a, repo_tag **out,
	      size_t *n, diag *d);

/* Everything of the repository's state that history reads, besides the
 * work tree: HEAD, every ref with its target, the index (by size and
 * mtime), shallowness and the mailmap (repo_mailmap_source). Appended to
 * `out` as text, for change detection (incr.h); two states with equal text
 * give equal histories. */
void repo_state(repo *r, buf *out);

/* Everything the names of authors depend on besides the commits (the
 * .mailmap file, and the mailmap.blob and mailmap.file settings), appended
 * to `out`: a history cached under other text has other names. */
void repo_mailmap_source(repo *r, buf *out);

/* Write the content folder as of commit `id` into the existing empty
 * folder `dir`. Returns 0 or -1. */
/* Commit the files `paths` (n of them, relative to the content folder, as
 * they are now in the work tree) on the current branch: one commit whose
 * parent is HEAD (none on an unborn branch) and whose tree is HEAD's with
 * these files, and nothing else, changed: other changes, staged or not,
 * stay out of it. Authored and committed by `name` <`email`> now, with
 * `message`. The index takes the committed files. Unlike reading, a
 * failure here is an ERROR in `d` (returns -1); on success the new commit
 * id is in `id_out`. A repository in the middle of a merge or rebase is
 * refused. */
int repo_commit_files(repo *r, const char *const *paths, size_t n,
		      const char *name, const char *email,
		      const char *message, char id_out[41], diag *d);

int repo_write_content(repo *r, const char *id, const char *dir, diag *d);

#endif
