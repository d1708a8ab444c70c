/* links.h - the build-time check of internal links.
 *
 * While pages are rendered, links_scan records the href and src attribute
 * values of each page; once every file is written, links_check reports
 * each internal link that does not lead to a written file, as
 *     zh/tasks/t001/index.html: error: broken link '../t999/index.html' ...
 * External links (with a scheme, or "//host"), fragment-only links and
 * mailto: are not checked. A root-relative link ("/zh/") is an error: the
 * site must work under a sub-path and from file://.
 *
 * Only double- or single-quoted attribute values are seen, which is how
 * the theme writes them. Recording is per page slot, so pages can be
 * scanned from several threads at once (each thread its own slots), and
 * the report comes out in page order whatever the threads did.
 *
 * Ownership: a `links` owns copies of every page name and link.
 */
#ifndef SG_LINKS_H
#define SG_LINKS_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "publish.h"

typedef struct links links;

typedef enum {
	LINK_SKIP,      /* external, fragment-only, or the page itself */
	LINK_INTERNAL,  /* `out` holds the target path */
	LINK_OUTSIDE,   /* climbs above the output root */
	LINK_ROOTED,    /* starts with "/" */
} link_kind;

/* Room for pages 0..n_pages-1. */
links *links_new(size_t n_pages);
void links_free(links *l);

/* Record the links of page `i` (output path `page`, e.g.
 * "zh/index.html"), replacing what slot i held. Safe to call from several
 * threads for different `i`. */
void links_scan(links *l, size_t i, const char *page, const char *html,
		size_t len);

/* Report every recorded link that is broken. Returns how many. */
size_t links_check(const links *l, pub *p, diag *d);

/* Classify `href` as written on `page`; for LINK_INTERNAL, `out` is set to
 * the target's path from the output root, with "." and ".." resolved,
 * query and fragment dropped, and "index.html" added to a folder link. */
link_kind links_resolve(const char *page, const char *href, buf *out);

#endif
