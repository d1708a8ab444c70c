/* chart: static SVG charts. */
#include "chart.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* Tags open and close in order (a tiny XML check: enough for what chart.c
 * writes: no comments, no CDATA, attributes quoted). */
static int well_formed(const char *s)
{
	const char *stack[64];
	size_t depth = 0;
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		if (!end)
			return 0;
		if (p[1] == '/') {
			size_t n = strcspn(p + 2, " >");
			if (!depth || strncmp(stack[depth - 1], p + 2, n) ||
			    (stack[depth - 1][n] != ' ' && stack[depth - 1][n] != '>'))
				return 0;
			depth--;
		} else if (end[-1] != '/') {
			if (depth == 64)
				return 0;
			stack[depth++] = p + 1;
		}
		if (memchr(p + 1, '<', (size_t)(end - p - 1)))
			return 0;
	}
	return depth == 0;
}

static int count(const char *s, const char *part)
{
	int n = 0;
	for (const char *p = strstr(s, part); p; p = strstr(p + 1, part))
		n++;
	return n;
}

static void test_bars(void)
{
	chart_item items[] = { { "On track", "st-on_track", 3 },
			       { "At <risk>", "st-at_risk", 1 },
			       { "None", "st-none", 0 } };
	buf a = BUF_INIT, b = BUF_INIT;
	chart_bars(&a, "c1", "Tasks & status", items, 3);
	chart_bars(&b, "c1", "Tasks & status", items, 3);
	ok(well_formed(a.ptr), "bar chart is well-formed");
	ok(strstr(a.ptr, "role=\"img\"") && strstr(a.ptr,
	   "aria-labelledby=\"c1-title c1-desc\""), "labelled by title and desc");
	ok(strstr(a.ptr, "<title id=\"c1-title\">Tasks &amp; status</title>") != NULL,
	   "title escaped");
	ok(strstr(a.ptr, "<desc id=\"c1-desc\">On track: 3; At &lt;risk&gt;: 1; None: 0</desc>") != NULL,
	   "desc lists every value as text");
	is_int(count(a.ptr, "<rect"), 3, "one bar per item");
	ok(strstr(a.ptr, ">3</text>") && strstr(a.ptr, ">0</text>"), "values as visible text");
	ok(!strstr(a.ptr, "style=") && !strstr(a.ptr, "<script") &&
	   !strstr(a.ptr, "http"), "no inline style, script or external reference");
	is_str(a.ptr, b.ptr, "deterministic");
	buf_free(&a);
	buf_free(&b);
	/* 304 units of room: 2 of 3 is 202.67, drawn 203 wide (rounded, in
	 * whole units so every machine draws the same). */
	chart_item two[] = { { "A", "st-a", 3 }, { "B", "st-b", 2 } };
	chart_bars(&a, "c3", "rounding", two, 2);
	ok(strstr(a.ptr, "width=\"304\"") && strstr(a.ptr, "width=\"203\""),
	   "bar lengths are rounded to the nearest unit");
	buf_clear(&a);
	chart_bars(&a, "c2", "empty", NULL, 0);
	ok(well_formed(a.ptr) && strstr(a.ptr, "viewBox=\"0 0 360 4\""), "no items: empty chart");
	buf_free(&a);
}

static void test_stacked(void)
{
	chart_item series[] = { { "Done", "st-completed", 0 }, { "Late", "st-delayed", 0 } };
	long r1[] = { 1, 2 }, r2[] = { 0, 0 }, r3[] = { 3, 0 };
	chart_row rows[] = { { "Part 1", r1 }, { "Part 2", r2 }, { "Part 3", r3 } };
	buf a = BUF_INIT;
	chart_stacked(&a, "s", "By part", series, 2, rows, 3);
	ok(well_formed(a.ptr), "stacked chart is well-formed");
	ok(strstr(a.ptr, "<desc id=\"s-desc\">Part 1: 3 (Done 1, Late 2); Part 2: 0; "
		  "Part 3: 3 (Done 3)</desc>") != NULL, "desc: totals and non-zero parts");
	is_int(count(a.ptr, "<rect"), 3, "one segment per non-zero value");
	ok(strstr(a.ptr, "<title>Late: 2</title>") != NULL, "segments carry their own title");
	/* Row 1: segments 0..101 and 101..304 (room 304, max 3). */
	ok(strstr(a.ptr, "x=\"101\" y=\"24\" width=\"203\"") != NULL,
	   "segments abut and end at the scaled total");
	buf_free(&a);
}

static void test_progress(void)
{
	buf a = BUF_INIT;
	chart_progress(&a, "p", "Progress", "40%", 40, -1);
	ok(well_formed(a.ptr), "progress bar is well-formed");
	ok(strstr(a.ptr, "<desc id=\"p-desc\">40%</desc>") &&
	   strstr(a.ptr, "class=\"progress-done\" width=\"40\""), "40%% as text and as length");
	ok(!strstr(a.ptr, "progress-expected"), "no marker without expected");
	buf_clear(&a);
	chart_progress(&a, "p", "Progress", "100%", 140, -1);
	ok(strstr(a.ptr, "width=\"100\" height=\"8\"></rect></svg>") != NULL,
	   "clamped to 100");
	buf_clear(&a);
	chart_progress(&a, "p", "Progress", "40% & 55% <expected>", 40, 55);
	ok(well_formed(a.ptr) && strstr(a.ptr, "40% &amp; 55% &lt;expected&gt;"),
	   "the description is escaped");
	ok(strstr(a.ptr, "class=\"progress-expected\" x=\"54\" width=\"2\"") !=
	   NULL, "the marker centred on 55");
	buf_clear(&a);
	chart_progress(&a, "p", "Progress", "", 10, 0);
	ok(strstr(a.ptr, "progress-expected\" x=\"0\"") != NULL, "0: at the start");
	buf_clear(&a);
	chart_progress(&a, "p", "Progress", "", 10, 100);
	ok(strstr(a.ptr, "progress-expected\" x=\"98\"") != NULL,
	   "100: inside the bar");
	buf_free(&a);
}

int main(void)
{
	test_bars();
	test_stacked();
	test_progress();
	return done_testing();
}
