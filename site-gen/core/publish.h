/* publish.h - every output file goes through here.
 *
 * A publication writes into a staging folder beside the output folder
 * (".<name>.staging" in the same parent, so the final swap is a rename on
 * one file system). pub_commit swaps it in atomically; until then, and
 * after any failure or pub_abort, the old output folder is untouched and no
 * staging folder is left.
 *
 * Publishing by difference. Beside the output folder two more names are
 * kept on purpose (a cache, not leftovers):
 *   .<name>.prev      the previous output tree, swapped out by the last
 *                     publication. The next one renames it to its staging
 *                     folder and changes only what differs: it writes the
 *                     files whose bytes differ from the published ones,
 *                     hard-links those that equal them (unless the kept
 *                     tree already holds that very inode), and removes
 *                     those no longer produced. A kept file is never
 *                     written into (it may share its inode with the output):
 *                     it is replaced by renaming a new file over it. Its
 *                     files are listed from the folder itself, so whatever
 *                     an interrupted run left in it is seen and removed.
 *                     A failed publication puts it back as it found it
 *                     (updated or not); without one, staging starts empty.
 *   .<name>.manifest  path, size, 64-bit content hash, inode and mtime of
 *                     every file of the output folder. A page is compared
 *                     with the published file through it, without reading
 *                     that file, when the file still has that inode, size
 *                     and mtime; otherwise (no manifest, a file edited or
 *                     replaced) by reading it. It is removed before the
 *                     swap and written, whole, after it.
 * Deleting either only makes the next build slower, never different.
 *
 * Files whose bytes equal the file already published keep their inode and
 * mtime across builds (rsync and web caches see no change); every other
 * file is new.
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

/* Published files and folders get these modes, whatever the umask. */
#define PUB_FILE_MODE 0644
#define PUB_DIR_MODE 0755

/* One run at a time publishes into an output folder: pub_lock_out takes
 * an exclusive flock(2) on ".<name>.lock" beside it (kept there; the
 * kernel releases the lock when the process ends, however it ends), and
 * holds it until pub_unlock. A run that finds it held waits up to
 * `wait_s` seconds, saying so once on standard error. Returns the lock,
 * or NULL after an error in `d` (still held after `wait_s`, or the lock
 * file cannot be made): nothing was changed. */
typedef struct pub_lock pub_lock;
pub_lock *pub_lock_out(const char *out_dir, unsigned wait_s, diag *d);
void pub_unlock(pub_lock *l);

/* May a publication replace `out_dir`? Yes when it does not exist, is an
 * empty folder, or was published by site-gen (its manifest, kept tree or
 * staging folder is beside it), or when `force` is set. A symbolic link
 * or a file is refused (publishing replaces the folder, not what a link
 * points to), and so is someone else's folder that holds files: replacing
 * it would delete them. Returns false after an error in `d`. Call it with
 * the lock held. */
bool pub_out_ok(const char *out_dir, bool force, diag *d);

typedef struct pub_stats {
	size_t written;     /* files with new content */
	size_t unchanged;   /* files equal to the published ones */
} pub_stats;

/* Set by the signal handler that pub_begin installs for SIGINT/SIGTERM;
 * writes fail once it is set. */
extern volatile sig_atomic_t pub_interrupted;

/* Start a publication into `out_dir`. NULL on failure (reported to d). */
pub *pub_begin(const char *out_dir, diag *d);
/* Write one file. Returns 0, or -1 after reporting to d. */
int pub_write(pub *p, const char *relpath, const void *data, size_t len);
/* Publish every regular file under folder `dir` (in dir.h's order, hidden
 * names skipped) as `dest`/<path relative to dir>. `copied`, when not NULL,
 * is told each published path. Returns 0, or -1 after reporting to the
 * publication's diag. */
typedef void (*pub_copied_fn)(void *ctx, const char *relpath);
int pub_copy_tree(pub *p, const char *dir, const char *dest,
		  pub_copied_fn copied, void *ctx);
/* Has `relpath` been written in this publication? */
bool pub_exists(pub *p, const char *relpath);
/* Swap the staging folder in (the old output becomes .<name>.prev).
 * Returns 0, or -1 (and aborts). Frees p. */
int pub_commit(pub *p, pub_stats *stats);
/* Discard the publication: the output is untouched, a kept tree goes back
 * to .<name>.prev, a new staging folder is removed. Frees p. */
void pub_abort(pub *p);
/* Remove a folder tree. Returns 0 or -1. */
int pub_remove_tree(const char *path);
/* Is `relpath` acceptable as an output path? */
bool pub_path_ok(const char *relpath);
/* Would publishing into `out_dir` delete `path`, because it is that
 * folder or inside it? (Publishing replaces the folder; the old one,
 * kept as .<name>.prev, is rewritten by the next build.) Both are resolved
 * through symbolic links; false when either does not exist. */
bool pub_would_delete(const char *out_dir, const char *path);
/* Is `path` the folder `dir` or inside it? A path that does not exist
 * yet is judged by the nearest folder above it that does (so a new
 * output folder inside the content is caught before it is made); false
 * when not even "." or "/" resolves. */
bool pub_is_inside(const char *path, const char *dir);

#endif
