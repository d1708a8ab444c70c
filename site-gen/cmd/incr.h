/* incr.h - skip a build whose inputs and output are what they were.
 *
 * A build reads the content folder, the theme, the layouts, the content's
 * git state (HEAD, refs, index, .mailmap) and the program itself, and
 * writes the output folder. After a build that published without any
 * diagnostic, incr_record stores in the cache folder ("build-manifest")
 * a signature of all of them: every file's path, size, mtime and inode,
 * plus the options. The next build first computes the same signature; when
 * the inputs and the output folder are unchanged, nothing is rendered or
 * written, so nothing in the output changes, not even an mtime.
 *
 * The output folder's signature is also stored as the list of its paths
 * ("output-paths"): the next build stats each listed path instead of
 * listing every folder again (a folder's time shows an entry added to
 * it, a failed stat one removed).
 *
 * The manifest is an optimisation only: deleting it or the list, or any
 * doubt about them, means a full build, which produces the same bytes. A
 * file edited, added or removed in the output folder changes its
 * signature, and the build puts the output back.
 */
#ifndef SG_INCR_H
#define SG_INCR_H

#include <stdbool.h>
#include <stddef.h>

#include "build_opts.h"

typedef struct incr incr;

/* Compute the signature of the inputs of a build with options `o`.
 * NULL when `o` has no cache folder. */
incr *incr_begin(const build_opts *o);
/* Were these inputs built into the current output folder, and is that
 * folder unchanged since? Sets *files to the number of files published. */
bool incr_unchanged(incr *in, size_t *files);
/* Record a successful build of these inputs (site.yaml's layouts are
 * inside the content folder, so its signature covers them); `files` is
 * the number of files published. Errors are ignored: the next build will
 * simply not skip. */
void incr_record(incr *in, size_t files);
void incr_free(incr *in);

#endif
