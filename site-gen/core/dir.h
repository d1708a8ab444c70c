/* dir.h - folder listings and tree walks in a stable order.
 *
 * Output must not depend on the order in which the file system returns
 * names, so every listing here is sorted bytewise. Names starting with '.'
 * are skipped everywhere: they are never content, templates or output.
 */
#ifndef SG_DIR_H
#define SG_DIR_H

#include <stddef.h>
#include <sys/stat.h>

/* Deeper folders are refused (this also stops symbolic-link loops). */
#define DIR_MAX_DEPTH 32

/* The names in folder `path`, sorted. Returns a malloc'd array of *n
 * malloc'd names (free with dir_list_free), or NULL with errno set when
 * the folder cannot be read. An empty folder gives an empty array. */
char **dir_list(const char *path, size_t *n);
void dir_list_free(char **names, size_t n);

/* Called for every entry of a walk: `path` is root/rel, `st` its stat()
 * (symbolic links followed). Return 0 to go on, DIR_SKIP to not descend
 * into this folder, or anything else to stop the walk with that value. */
#define DIR_SKIP 1
typedef int (*dir_visit_fn)(void *ctx, const char *path, const char *rel,
			    const struct stat *st);

/* Visit every entry below `root` depth-first in sorted order, a folder
 * before its contents. Returns 0 when the whole tree was visited, the
 * value that stopped it, or -1 with errno set (ELOOP when deeper than
 * DIR_MAX_DEPTH) when a folder or entry could not be read. */
int dir_walk(const char *root, dir_visit_fn visit, void *ctx);

#endif
