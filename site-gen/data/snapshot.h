/* snapshot.h - the open data as it was at each reporting-period tag
 * (site.snapshot_tags, e.g. "report-*"), under data/snapshots/<tag>/.
 *
 * For each tag the content folder of the tagged commit is written to a
 * temporary folder, loaded and checked like the current content, and
 * exported with export_data into a scratch publication whose data/ files
 * are then published under the snapshot path (the files refer to each
 * other by relative paths, so they stay valid there).
 *
 * A tag whose content has errors, or whose name cannot be a path, gives a
 * warning and no snapshot; old content never fails a build.
 */
#ifndef SG_SNAPSHOT_H
#define SG_SNAPSHOT_H

#include "diag.h"
#include "hist.h"
#include "publish.h"
#include "words.h"

typedef struct snapshot_info {  /* one snapshot that was published */
	const hist_snapshot *tag;    /* borrowed from the hist */
	char **files;                /* output paths, in name order */
	size_t n;
} snapshot_info;

typedef struct snapshot_list {  /* what snapshot_write_all published */
	snapshot_info *v;
	size_t n;
} snapshot_list;

/* Publish every tag's snapshot and list in `out` the ones published (a
 * tag left out with a warning is not listed), so that pages link only to
 * files that exist. `out` belongs to the caller (snapshot_list_free) and
 * borrows from `h`. The metadata's texts come from `w` (export.h).
 * Returns 0, or -1 when writing into `p` failed
 * (reported to d). */
int snapshot_write_all(hist *h, const words_set *w, pub *p,
		       snapshot_list *out, diag *d);
void snapshot_list_free(snapshot_list *l);

#endif
