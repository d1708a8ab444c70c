/* publish.h - every output file goes through here.
 *
 * A publication writes into a staging folder beside the output folder
 * (".<name>.staging" in the same parent, so the final swap is a rename on
 * one file system). pub_commit swaps it in atomically; until then, and
 * after any failure or pub_abort, the old output folder is untouched and the
 * staging folder is removed.
 *
 * Files whose bytes equal the file already published are hard-linked from
 * the old output instead of written, so unchanged files keep their inode
 * and mtime across builds (rsync and web caches see no change).
 *
 * pub_write is thread-safe. Paths are relative, '/'-separated, and may not
 * contain "..", empty components or characters outside [A-Za-z0-9._-/]:
 * nothing can be written outside the staging folder.
 */
#ifndef SG_PUBLISH_H
#define SG_PUBLISH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct pub pub;

typedef struct pub_stats {
	size_t written;     /* files with new content */
	size_t unchanged;   /* files linked from the previous output */
	size_t bytes;       /* bytes of all files */
} pub_stats;

/* Set by the signal handler that pub_begin installs for SIGINT/SIGTERM;
 * writes fail once it is set. */
extern volatile sig_atomic_t pub_interrupted;

/* Start a publication into `out_dir`. NULL on failure (reported to d). */
pub *pub_begin(const char *out_dir, diag *d);
/* Write one file. Returns 0, or -1 after reporting to d. */
int pub_write(pub *p, const char *relpath, const void *data, size_t len);
/* Has `relpath` been written in this publication? */
bool pub_exists(pub *p, const char *relpath);
/* Swap the staging folder in. Returns 0, or -1 (and aborts). Frees p. */
int pub_commit(pub *p, pub_stats *stats);
/* Discard the staging folder. Frees p. */
void pub_abort(pub *p);
/* Remove a folder tree. Returns 0 or -1. */
int pub_remove_tree(const char *path);
/* Is `relpath` acceptable as an output path? */
bool pub_path_ok(const char *relpath);
/* Would publishing into `out_dir` delete `path`, because it is that
 * folder or inside it? (Publishing replaces the folder and removes the old
 * one.) Both are resolved through symbolic links; false when either does
 * not exist. */
bool pub_would_delete(const char *out_dir, const char *path);

#endif
