/* build_opts.h - the options of a build, as the command line gives them:
 * read by the build (build.h), by the check whether it may be skipped
 * (incr.h) and by the preview server (serve.h). */
#ifndef SG_BUILD_OPTS_H
#define SG_BUILD_OPTS_H

#include <stdbool.h>

typedef struct build_opts {
	const char *content_dir;   /* default "content" */
	const char *theme_dir;     /* theme_find (theme.h) */
	const char *out_dir;       /* default "public" */
	const char *layouts_dir;   /* template overrides, or NULL */
	const char *banner;        /* e.g. "sample data", or NULL */
	const char *cache_dir;     /* history cache (hist.h), or NULL */
	bool quiet;
	bool verbose;              /* also print history statistics */
	bool force;                /* replace an output folder site-gen did
				      not publish (pub_out_ok) */
	unsigned wait_s;           /* for another run's lock on the output */
	/* The schedule's reference date (pace.h), YYYY-MM-DD, or NULL: the
	 * day of the content's newest commit, else of its newest report,
	 * else the plan's issue date. */
	const char *date;
} build_opts;

/* How long a build waits for another one publishing into its folder. */
#define BUILD_DEFAULT_WAIT_S 60

#endif
