/* build.h - one build run: load, check, render, export, publish.
 *
 * This is the only place that knows the order of the stages. Every stage
 * reports to the same diag; a run with errors publishes nothing and leaves
 * the output folder as it was.
 */
#ifndef SG_BUILD_H
#define SG_BUILD_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

typedef struct build_opts {
	const char *content_dir;   /* default "content" */
	const char *theme_dir;     /* default "themes/default" */
	const char *out_dir;       /* default "public" */
	const char *layouts_dir;   /* template overrides, or NULL */
	const char *banner;        /* e.g. "sample data", or NULL */
	const char *cache_dir;     /* history cache (hist.h), or NULL */
	bool quiet;
	bool verbose;              /* also print history statistics */
} build_opts;

/* Load and check only. Returns the model (caller frees) or NULL when the
 * content has errors; everything found is in `d`. */
model *build_load(const char *content_dir, diag *d);

/* Full build. Returns 0 on success, 1 when the content or output had
 * errors (nothing was published). */
int build_run(const build_opts *o, diag *d);

#endif
