/* pace.h - holding a task to its schedule: the progress expected by the
 * reference date (序时进度), the gap to the reported progress, a traffic
 * light, and the age of the report.
 *
 * A task runs from its start (`start` in tasks.csv, else the plan's issue
 * date) to its due date (`due`, else the last day of plan.period). Expected
 * progress is 100 × (reference − start) / (due − start), clamped to
 * 0..100 and rounded half up; a task whose due date is not after its start
 * is expected done from its due date on. The light is, in this order:
 * done (reported completed), withdrawn, unreported (no report), overdue
 * (the reference is after the due date), then by the gap, expected minus
 * reported progress: green up to yellow_after points, yellow up to
 * red_after, red beyond. A report without a percentage is rated on its
 * status: not_started as 0 %, on_track green, at_risk yellow, delayed red.
 * A report dated after the reference date counts as it is, 0 days old.
 *
 * Pure: nothing here allocates or fails; dates are days since 1970-01-01
 * (text_parse_date).
 */
#ifndef SG_PACE_H
#define SG_PACE_H

#include <stdbool.h>

#include "model.h"

typedef enum {
	PACE_DONE, PACE_WITHDRAWN, PACE_UNREPORTED, PACE_OVERDUE,
	PACE_GREEN, PACE_YELLOW, PACE_RED, PACE_COUNT
} pace_light;

typedef struct pace_rating {
	long start, due;          /* days; -1 when the plan gives no date */
	int expected;             /* 0..100; -1 without both dates */
	bool has_gap;             /* a reported percentage to compare */
	int gap;                  /* expected − reported, when has_gap */
	pace_light light;
	long report_age;          /* days since as_of; -1 without a report */
	bool stale;               /* report_age > stale_after_days */
} pace_rating;

/* The rating of task `t` at the reference date `ref` (days) by the rules
 * of site.yaml's schedule. */
pace_rating pace_rate(const site_config *s, const task *t, long ref);

/* "green", "overdue", …: the light's name in the data and the themes. */
const char *pace_light_name(pace_light l);
/* Every light's name, in pace_light order, NULL-terminated. */
extern const char *const pace_light_names[PACE_COUNT + 1];

/* The day (since 1970-01-01) of instant `t` (UTC seconds) in the zone
 * `utc_offset_min` minutes east of UTC. */
long pace_day(long long t, int utc_offset_min);

/* The last day of an ISO 8601 year or interval ("2023", "2023/2025",
 * "2023-01-01/2023-06-30"), in days; false when `period` is none of them. */
bool pace_period_end(const char *period, long *days);

#endif
