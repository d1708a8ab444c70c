/* site.h - the public website: every HTML page in every language, plus
 * the root redirect page, 404 page, sitemap and robots.txt. */
#ifndef SG_SITE_H
#define SG_SITE_H

#include "diag.h"
#include "export.h"
#include "model.h"
#include "publish.h"

typedef struct site_opts {
	const char *theme_dir;     /* e.g. "themes/default" */
	const char *layouts_dir;   /* templates overriding the theme's, or NULL */
	const char *banner;        /* text of a banner on every page, or NULL */
	const export_manifest *data; /* what export_data wrote, for data/ pages */
} site_opts;

/* Render every page into `p`. Returns 0, or -1 with errors in `d`. */
int site_render(const model *m, const site_opts *o, pub *p, diag *d);

#endif
