/* feed.h - Atom feeds (RFC 4287) of the content's history: one per
 * language for the whole site (<lang>/feed.xml) and one per unit for the
 * tasks it leads (<lang>/units/<id>/feed.xml).
 *
 * An entry is one commit's changes to one task (or unit, section, file),
 * newest first, at most FEED_MAX_ENTRIES per feed. Ids are tag: URIs built
 * from base_url's host and the plan's issue date, so they never change
 * between builds. Times are RFC 3339 in the site's time zone. Authors are
 * names only. Every feed is written even without history (no entries).
 */
#ifndef SG_FEED_H
#define SG_FEED_H

#include "diag.h"
#include "hist.h"
#include "model.h"
#include "publish.h"

#define FEED_MAX_ENTRIES 50

struct cJSON;

/* Write every feed; strings[l] are the theme's strings of language l
 * (html_lang, feed_title_suffix, feed_entry_sep and the history's words,
 * histview.h). Returns 0, or -1 when a file could not be written (reported
 * to d). */
int feed_write(const model *m, const hist *h,
	       const struct cJSON *const *strings, pub *p, diag *d);

#endif
