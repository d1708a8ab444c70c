/* check.h - cross-file checks on a loaded model, and resolution of its
 * references (section → parent and co-units, task → section, lead, metrics
 * and progress, metric → task, report → task, reporting unit and metrics).
 *
 * Every dangling reference is reported to `d` with the position of the
 * referring cell or key; the pointer stays NULL. Call once, after
 * load_content. Returns the number of errors it added.
 */
#ifndef SG_CHECK_H
#define SG_CHECK_H

#include "diag.h"
#include "model.h"

size_t check_model(model *m, diag *d);

/* check_model on a model just loaded, then sort `d`. Returns `m`, or NULL
 * (with `m` freed) when `d` holds errors. */
model *check_loaded(model *m, diag *d);

/* load_content, then check_loaded: "site-gen check". Returns the model
 * (the caller frees it) or NULL when the content has errors; everything
 * found is in `d`, sorted. */
model *check_load(const char *content_dir, diag *d);

/* Warn about each report dated after `newest` (YYYY-MM-DD, the date of
 * the content's newest commit in the site's time zone): committed with a
 * date still to come, it claims a state no one has seen yet. Returns the
 * number of warnings. */
size_t check_report_dates(const model *m, const char *newest, diag *d);

/* Warn about each task whose report is stale at `ref_day` (pace.h: older
 * than site.stale_after_days), at the report's as_of. Returns the number
 * of warnings. */
size_t check_stale_reports(const model *m, long ref_day, diag *d);

#endif
