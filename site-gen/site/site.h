/* site.h - the public website: every HTML page in every language, plus
 * the root redirect page, 404 page, sitemap, robots.txt, the theme's
 * static files (under assets/), the search index (search.h) and the
 * reports' evidence files, beside their tasks' pages in every language
 * (route_evidence).
 *
 * The theme folder holds templates/ (Mustache; page templates are named
 * after view.h's pages: home, section, task, ...), i18n/<lang>.yaml (the
 * strings, loaded by the caller: words.h) and static/ (copied to
 * assets/). Templates in
 * `layouts_dir`, and in site.yaml's `layouts` (relative to the content
 * folder), replace the theme's templates of the same name.
 *
 * Pages are rendered by a pool of worker threads; the output does not
 * depend on their number. After everything is written, every internal
 * link of every page must lead to a written file (links.h).
 */
#ifndef SG_SITE_H
#define SG_SITE_H

#include "diag.h"
#include "export.h"
#include "model.h"
#include "publish.h"
#include "words.h"

struct hist;
struct snapshot_list;

typedef struct site_opts {
	const char *theme_dir;     /* e.g. "themes/default" */
	const char *layouts_dir;   /* templates overriding the theme's, or NULL */
	const char *banner;        /* text of a banner on every page, or NULL */
	long ref_day;              /* the schedule's reference date (pace.h) */
	/* The theme's strings, one per language of site.languages in their
	 * order, with every key of view_required_strings (words_load). */
	const words_set *words;
	const export_manifest *data; /* what export_data wrote, for data/ pages */
	/* When set, `data` is still being written by another thread: the
	 * pages that show it (view_needs_data) are rendered last, each after
	 * data_wait(data_arg) returned 0 (-1: it failed; the build fails). */
	int (*data_wait)(void *arg);
	void *data_arg;
	unsigned threads;          /* render threads; 0 means SITE_THREADS */
	/* The content's git history (hist.h), or NULL: no history shown.
	 * With it, site_render also writes the feeds of feed.h (in the
	 * theme's words), before the pages that link to them. */
	const struct hist *history;
	/* Snapshots written into `p` (snapshot.h) for the downloads page, or
	 * NULL. */
	const struct snapshot_list *snapshots;
} site_opts;

#define SITE_THREADS 2

/* Render every page into `p`. Returns 0, or -1 with errors in `d` (a
 * missing template, a template error, a broken link, a write
 * that failed). */
int site_render(const model *m, const site_opts *o, pub *p, diag *d);

#endif
