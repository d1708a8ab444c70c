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
	bool force;                /* replace an output folder site-gen did
				      not publish (pub_out_ok) */
	unsigned wait_s;           /* for another run's lock on the output */
} build_opts;

/* How long a build waits for another one publishing into its folder. */
#define BUILD_DEFAULT_WAIT_S 60

/* Full build: load and check, then, holding the output's lock
 * (pub_lock_out), history, render and publish. Returns 0 on success, 1
 * when the content or output had errors, or another run held the lock
 * too long (nothing was published). */
int build_run(const build_opts *o, diag *d);

#endif
