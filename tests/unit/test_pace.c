/* test_pace.c - expected progress, the gap and the light (pace.h) at their
 * boundaries: gaps of exactly 10 and 30, due on the reference date, start
 * equal to due, no percentage, withdrawn and completed tasks, no report,
 * and a report dated after the reference date. */
#include "pace.h"
#include "text.h"

#include "tap.h"

static long day(const char *iso)
{
	long d = -1;
	text_parse_date(iso, &d);
	return d;
}

static site_config rules(void)
{
	return (site_config){ .issued = "2023-01-01", .period = "2023",
			      .sched_yellow_after = 10, .sched_red_after = 30,
			      .stale_after_days = 100 };
}

/* A task due `due` ("" for the plan's end) with a report of `st`, `pct`
 * (-1: none) dated `as_of`, or no report when st is STATUS_NONE. */
static pace_rating rate(const site_config *s, const char *due, task_status st,
			long pct, const char *as_of, const char *ref)
{
	static progress p;
	p = (progress){ .status = st, .percent = pct, .as_of = as_of };
	task t = { .due = due, .progress = st == STATUS_NONE ? NULL : &p };
	return pace_rate(s, &t, day(ref));
}

/* A task's own start replaces the plan's issue date. */
static void test_own_start(const site_config *s)
{
	task t = { .start = "2023-07-01", .due = "2023-07-11" };
	pace_rating r = pace_rate(s, &t, day("2023-07-04"));
	ok(r.start == day("2023-07-01") && r.expected == 30,
	   "its own start: 3 of 10 days, 30 (%d)", r.expected);
	r = pace_rate(s, &t, day("2023-06-01"));
	ok(r.expected == 0, "before its own start, though after the issue "
	   "date: 0 (%d)", r.expected);
	t.start = "";
	r = pace_rate(s, &t, day("2023-07-04"));
	ok(r.start == day("2023-01-01"), "an empty start: the issue date");
}

static void test_expected(const site_config *s)
{
	/* 2023-01-01 .. 2023-12-31 is 364 days. */
	pace_rating r = rate(s, "", STATUS_NONE, -1, NULL, "2023-07-02");
	ok(r.expected == 50, "half-way through the year: 50 (%d)", r.expected);
	r = rate(s, "", STATUS_NONE, -1, NULL, "2022-12-01");
	ok(r.expected == 0, "before the start: 0 (%d)", r.expected);
	r = rate(s, "", STATUS_NONE, -1, NULL, "2024-03-01");
	ok(r.expected == 100, "after the due date: 100 (%d)", r.expected);
	r = rate(s, "2023-01-05", STATUS_NONE, -1, NULL, "2023-01-03");
	ok(r.expected == 50, "2 of 4 days: 50 (%d)", r.expected);
	r = rate(s, "2023-01-09", STATUS_NONE, -1, NULL, "2023-01-02");
	ok(r.expected == 13, "1 of 8 days, 12.5, rounds half up: 13 (%d)",
	   r.expected);
	r = rate(s, "2023-01-01", STATUS_ON_TRACK, 50, "2023-01-01",
		 "2023-01-01");
	ok(r.expected == 100 && r.light == PACE_RED,
	   "start = due = reference: 100 expected, no division by zero");
	site_config none = *s;
	none.period = "";
	r = rate(&none, "", STATUS_ON_TRACK, 20, "2023-06-01", "2023-07-02");
	ok(r.expected == -1 && !r.has_gap && r.light == PACE_GREEN,
	   "no due date and no period: no expected progress, rated on the "
	   "status");
}

static void test_gap(const site_config *s)
{
	/* Due 2023-01-11, reference 2023-01-06: expected 50. */
	const char *due = "2023-01-11", *ref = "2023-01-06";
	pace_rating r = rate(s, due, STATUS_ON_TRACK, 40, "2023-01-05", ref);
	ok(r.has_gap && r.gap == 10 && r.light == PACE_GREEN,
	   "gap exactly 10: green (gap %d, %s)", r.gap,
	   pace_light_name(r.light));
	r = rate(s, due, STATUS_ON_TRACK, 39, "2023-01-05", ref);
	ok(r.gap == 11 && r.light == PACE_YELLOW, "gap 11: yellow (%s)",
	   pace_light_name(r.light));
	r = rate(s, due, STATUS_ON_TRACK, 20, "2023-01-05", ref);
	ok(r.gap == 30 && r.light == PACE_YELLOW, "gap exactly 30: yellow (%s)",
	   pace_light_name(r.light));
	r = rate(s, due, STATUS_ON_TRACK, 19, "2023-01-05", ref);
	ok(r.gap == 31 && r.light == PACE_RED, "gap 31: red (%s)",
	   pace_light_name(r.light));
	r = rate(s, due, STATUS_AT_RISK, 80, "2023-01-05", ref);
	ok(r.gap == -30 && r.light == PACE_GREEN,
	   "ahead of schedule: green, whatever the status says (%s)",
	   pace_light_name(r.light));
	site_config strict = *s;
	strict.sched_yellow_after = 0;
	strict.sched_red_after = 5;
	r = rate(&strict, due, STATUS_ON_TRACK, 44, "2023-01-05", ref);
	ok(r.light == PACE_RED, "site.yaml's thresholds are used (%s)",
	   pace_light_name(r.light));
}

static void test_lights(const site_config *s)
{
	const char *due = "2023-06-30";
	pace_rating r = rate(s, due, STATUS_NONE, -1, NULL, "2023-03-01");
	ok(r.light == PACE_UNREPORTED && r.report_age == -1,
	   "no report: unreported");
	r = rate(s, due, STATUS_COMPLETED, 100, "2023-08-01", "2023-09-01");
	ok(r.light == PACE_DONE, "completed, after the due date: done");
	r = rate(s, due, STATUS_WITHDRAWN, -1, "2023-02-01", "2023-09-01");
	ok(r.light == PACE_WITHDRAWN, "withdrawn: withdrawn, not overdue");
	r = rate(s, due, STATUS_ON_TRACK, 95, "2023-06-29", "2023-07-01");
	ok(r.light == PACE_OVERDUE, "the day after the due date, not completed: "
	   "overdue (%s)", pace_light_name(r.light));
	r = rate(s, due, STATUS_ON_TRACK, 100, "2023-06-30", "2023-06-30");
	ok(r.light == PACE_GREEN && r.expected == 100,
	   "due on the reference date: not yet overdue (%s)",
	   pace_light_name(r.light));
}

static void test_status_only(const site_config *s)
{
	const char *due = "2023-01-11", *ref = "2023-01-06", *at = "2023-01-05";
	static const struct {
		task_status st;
		pace_light want;
	} cases[] = {
		{ STATUS_ON_TRACK, PACE_GREEN }, { STATUS_AT_RISK, PACE_YELLOW },
		{ STATUS_DELAYED, PACE_RED },
		{ STATUS_NOT_STARTED, PACE_RED },    /* 0 % of an expected 50 */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pace_rating r = rate(s, due, cases[i].st, -1, at, ref);
		ok(!r.has_gap && r.light == cases[i].want,
		   "no percentage, %s: %s (%s)", model_status_name(cases[i].st),
		   pace_light_name(cases[i].want), pace_light_name(r.light));
	}
	pace_rating r = rate(s, due, STATUS_NOT_STARTED, -1, at, "2023-01-02");
	ok(r.light == PACE_GREEN, "not started, 10 %% expected: green (%s)",
	   pace_light_name(r.light));
}

static void test_age(const site_config *s)
{
	pace_rating r = rate(s, "", STATUS_ON_TRACK, 50, "2023-03-01",
			     "2023-06-09");
	ok(r.report_age == 100 && !r.stale, "100 days old: not stale (%ld)",
	   r.report_age);
	r = rate(s, "", STATUS_ON_TRACK, 50, "2023-03-01", "2023-06-10");
	ok(r.report_age == 101 && r.stale, "101 days old: stale (%ld)",
	   r.report_age);
	r = rate(s, "", STATUS_ON_TRACK, 50, "2023-08-01", "2023-07-02");
	ok(r.report_age == 0 && !r.stale && r.has_gap && r.gap == 0,
	   "a report dated after the reference date counts, 0 days old");
}

static void test_period(void)
{
	long d;
	ok(pace_period_end("2023", &d) && d == day("2023-12-31"),
	   "period 2023 ends 2023-12-31");
	ok(pace_period_end("2023/2025", &d) && d == day("2025-12-31"),
	   "period 2023/2025 ends 2025-12-31");
	ok(pace_period_end("2023-01-01/2023-06-30", &d) &&
	   d == day("2023-06-30"), "an interval of dates ends on its last");
	ok(!pace_period_end("", &d) && !pace_period_end("2023/", &d) &&
	   !pace_period_end("23", &d), "no period, or a bad one: none");
	is_str(pace_light_name(PACE_OVERDUE), "overdue", "light names");
}

int main(void)
{
	site_config s = rules();
	test_expected(&s);
	test_own_start(&s);
	test_gap(&s);
	test_lights(&s);
	test_status_only(&s);
	test_age(&s);
	test_period();
	return done_testing();
}
