/* fetch.h - read a run of commits from git ahead of their use.
 *
 * The history walk has two parts: reading trees and blobs from git
 * (libgit2: inflate, delta resolution, tree comparison) and parsing what
 * was read. fetch does the reading on two threads of its own, ahead of the
 * caller, which parses: one compares the trees of each commit with the
 * last, one reads the changed files' content through a second handle on
 * the repository (repo_reopen). Only these threads touch the repo while it
 * runs. Commits come out in order, and what reading one reported reaches
 * `d` when fetch_next returns it, as a walk on one thread would report it.
 *
 * Ownership: a fetch_commit and everything it points to belong to the
 * caller once fetch_next returns it (fetch_commit_free). The ids and the
 * `wanted` predicate must stay valid until fetch_finish.
 */
#ifndef SG_FETCH_H
#define SG_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "repo.h"

struct arena;

typedef struct fetch fetch;

/* One commit, read: the changes under the content folder since the
 * commit before it and, when there are any, the commit's details and the
 * new content of every changed file `wanted` asked for. */
typedef struct fetch_commit {
	const char *id;          /* as passed to fetch_start */
	int rc;                  /* repo_content_changes' result */
	repo_change *changes;    /* sorted by path (repo.h) */
	size_t n;
	bool has_info;           /* n > 0 and the details were read */
	repo_commit info;
	buf *blobs;              /* n entries: blobs[i] is changes[i]'s new
				    content when blob_ok[i] */
	bool *blob_ok;
	diag *notes;             /* reported while reading it (already
				    passed on to fetch_start's `d`) */
	struct arena *a;         /* holds the strings above */
} fetch_commit;

/* Start reading the changes of ids[0..n) in order, ids[i] against ids[i-1]
 * and ids[0] against `first_prev` (NULL: against nothing). The content of
 * a changed file is read when wanted(path) is true and it has a new
 * version. Falls back to reading in fetch_next when no thread can be
 * started. Never NULL. */
fetch *fetch_start(repo *r, const char *const *ids, size_t n,
		   const char *first_prev, bool (*wanted)(const char *path),
		   diag *d);
/* The next commit in order, waiting for it if needed; NULL after the
 * last one. */
fetch_commit *fetch_next(fetch *f);
void fetch_commit_free(fetch_commit *c);
/* Stop (commits not taken yet are read no further) and wait for the
 * threads; the repo is the caller's again. */
void fetch_finish(fetch *f);

#endif
