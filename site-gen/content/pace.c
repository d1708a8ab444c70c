#include "pace.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

const char *const pace_light_names[PACE_COUNT + 1] = {
	"done", "withdrawn", "unreported", "overdue", "green", "yellow", "red",
	NULL };

const char *pace_light_name(pace_light l)
{
	return l < PACE_COUNT ? pace_light_names[l] : "";
}

/* "2023" or "2023-06-30": the last day it names. */
static bool end_of(const char *s, size_t n, long *days)
{
	char b[11];
	if (n == 4) {
		snprintf(b, sizeof b, "%.4s-12-31", s);
		return text_parse_date(b, days);
	}
	if (n != 10)
		return false;
	memcpy(b, s, 10);
	b[10] = '\0';
	return text_parse_date(b, days);
}

bool pace_period_end(const char *period, long *days)
{
	const char *slash = strchr(period, '/');
	const char *last = slash ? slash + 1 : period;
	return *last && end_of(last, strlen(last), days);
}

long pace_day(long long t, int utc_offset_min)
{
	long long local = t + (long long)utc_offset_min * 60;
	return (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

static long date_or(const char *s, long none)
{
	long d;
	return s && text_parse_date(s, &d) ? d : none;
}

/* 100 × elapsed / length, clamped and rounded half up. */
static int expected_at(long start, long due, long ref)
{
	if (ref >= due)
		return 100;
	if (ref <= start)
		return 0;
	return (int)((200 * (ref - start) + (due - start)) / (2 * (due - start)));
}

static pace_light by_gap(const site_config *s, int gap)
{
	return gap > s->sched_red_after ? PACE_RED
	     : gap > s->sched_yellow_after ? PACE_YELLOW : PACE_GREEN;
}

static pace_light by_status(const site_config *s, const progress *p,
			     int expected)
{
	switch (p->status) {
	case STATUS_NOT_STARTED: return expected < 0 ? PACE_GREEN
						     : by_gap(s, expected);
	case STATUS_AT_RISK: return PACE_YELLOW;
	case STATUS_DELAYED: return PACE_RED;
	default: return PACE_GREEN;
	}
}

static pace_light light_of(const site_config *s, const progress *p,
			    const pace_rating *r, long ref)
{
	if (!p)
		return PACE_UNREPORTED;
	if (p->status == STATUS_COMPLETED)
		return PACE_DONE;
	if (p->status == STATUS_WITHDRAWN)
		return PACE_WITHDRAWN;
	if (r->due >= 0 && ref > r->due)
		return PACE_OVERDUE;
	if (r->has_gap)
		return by_gap(s, r->gap);
	return by_status(s, p, r->expected);
}

pace_rating pace_rate(const site_config *s, const task *t, long ref)
{
	pace_rating r = { .start = date_or(t->start, date_or(s->issued, -1)),
			   .expected = -1, .report_age = -1 };
	r.due = date_or(t->due, -1);
	if (r.due < 0 && !pace_period_end(s->period, &r.due))
		r.due = -1;
	if (r.start >= 0 && r.due >= 0)
		r.expected = expected_at(r.start, r.due, ref);
	const progress *p = t->progress;
	if (p && p->percent >= 0 && r.expected >= 0) {
		r.has_gap = true;
		r.gap = r.expected - (int)p->percent;
	}
	if (p) {
		long age = ref - date_or(p->as_of, ref);
		r.report_age = age > 0 ? age : 0;
		r.stale = r.report_age > s->stale_after_days;
	}
	r.light = light_of(s, p, &r, ref);
	return r;
}
