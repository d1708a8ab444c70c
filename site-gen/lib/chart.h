/* chart.h - static SVG charts: no script, no external resources, no
 * inline styles (colours come from the theme's CSS classes, so the page's
 * Content-Security-Policy holds).
 *
 * Every chart is an <svg role="img"> labelled by its own <title> and <desc>;
 * the <desc> lists every value in words ("On track: 3, At risk: 1"), so
 * the chart's content is there as text for screen readers and for anyone
 * who cannot tell the colours apart. Pages show the same numbers in a
 * table too. Each bar also carries its label and number as visible text,
 * so no value is told by colour alone.
 *
 * `id` must be unique on the page: it prefixes the ids of <title> and
 * <desc>. Labels are plain text (escaped here). Output depends only on the
 * arguments: the same data gives the same bytes.
 */
#ifndef SG_CHART_H
#define SG_CHART_H

#include <stddef.h>

#include "buf.h"

typedef struct chart_item {
	const char *label;     /* plain text */
	const char *cls;       /* CSS class of the bar, e.g. "st-on_track" */
	long value;            /* >= 0 */
} chart_item;

/* One horizontal bar per item, the label above it and the number beside
 * it; bars are scaled to the largest value. */
void chart_bars(buf *out, const char *id, const char *title,
		const chart_item *items, size_t n);

typedef struct chart_row {
	const char *label;     /* plain text */
	const long *values;    /* one per series, >= 0 */
} chart_row;

/* One stacked bar per row, split into the series (`series[k].label` names
 * series k, `series[k].cls` styles it; `value` is unused); bars are scaled
 * to the largest row total, and each row shows its total. */
void chart_stacked(buf *out, const char *id, const char *title,
		   const chart_item *series, size_t n_series,
		   const chart_row *rows, size_t n_rows);

/* A progress bar for `percent` (clamped to 0..100), titled `title`, with
 * `desc` (plain text: the numbers, "40%") in its <desc>; `expected` >= 0
 * adds a marker at that percentage (the progress expected by the
 * schedule, which `desc` should then state). It draws no text (a thin bar
 * would shrink it out of reach); pages print the numbers beside it. */
void chart_progress(buf *out, const char *id, const char *title,
		    const char *desc, long percent, long expected);

#endif
