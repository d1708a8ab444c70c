/* build.h - one build run: load, check, render, export, publish.
 *
 * This is the only place that knows the order of the stages. Every stage
 * reports to the same diag; a run with errors publishes nothing and leaves
 * the output folder as it was.
 */
#ifndef SG_BUILD_H
#define SG_BUILD_H

#include "build_opts.h"
#include "diag.h"

/* Full build: load and check, then, holding the output's lock
 * (pub_lock_out), history, render and publish. Returns 0 on success, 1
 * when the content or output had errors, or another run held the lock
 * too long (nothing was published). */
int build_run(const build_opts *o, diag *d);

/* "site-gen check": load and check the content, then the checks that need
 * its history (warnings: reports dated after the newest commit, revised
 * targets without a reason, stale reports at the reference date). Returns
 * 0, or 1 when the content has errors; everything found is in `d`,
 * sorted. */
int build_check(const build_opts *o, diag *d);

#endif
