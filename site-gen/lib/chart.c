#include "chart.h"

#include <stdbool.h>
#include <string.h>

/* Geometry in SVG user units; the CSS scales the whole chart to the width
 * of its container. Labels sit above their bars so that long labels get
 * the full width even on a 320-pixel phone. */
enum {
	WIDTH = 360,        /* viewBox width */
	VALUE_SPACE = 56,   /* right of the longest bar, for its number */
	ROW = 46,           /* one label line plus one bar */
	LABEL_Y = 16,       /* label baseline within a row */
	BAR_Y = 24,         /* bar top within a row */
	BAR_H = 16,
	PAD = 4,            /* below the last row */
};

static void put_text(buf *out, const char *s)
{
	buf_put_html(out, s, strlen(s));
}

/* `cls` also says how to scale: a chart keeps its aspect ratio, a
 * progress bar stretches to any width. */
static void open_svg(buf *out, const char *id, const char *cls, int width,
		     unsigned height, const char *title, const buf *desc)
{
	bool stretch = !strcmp(cls, "progress-bar");
	buf_printf(out, "<svg class=\"%s\" role=\"img\" viewBox=\"0 0 %d %u\"%s "
		   "aria-labelledby=\"", cls, width, height,
		   stretch ? " preserveAspectRatio=\"none\"" : "");
	put_text(out, id);
	buf_puts(out, "-title ");
	put_text(out, id);
	buf_puts(out, "-desc\"><title id=\"");
	put_text(out, id);
	buf_puts(out, "-title\">");
	put_text(out, title);
	buf_puts(out, "</title><desc id=\"");
	put_text(out, id);
	buf_puts(out, "-desc\">");
	buf_put_html(out, desc->ptr ? desc->ptr : "", desc->len);
	buf_puts(out, "</desc>");
}

/* Bar length for `v` out of `max`, rounded; integer arithmetic keeps the
 * output identical on every machine. */
static long scale(long v, long max)
{
	long room = WIDTH - VALUE_SPACE;
	return max > 0 ? (v * room + max / 2) / max : 0;
}

static void row_label(buf *out, size_t row, const char *label)
{
	buf_printf(out, "<text class=\"chart-label\" x=\"0\" y=\"%zu\">",
		   row * ROW + LABEL_Y);
	put_text(out, label);
	buf_puts(out, "</text>");
}

static void row_value(buf *out, size_t row, long x, long v)
{
	buf_printf(out, "<text class=\"chart-value\" x=\"%ld\" y=\"%zu\">%ld"
		   "</text>", x + 6, row * ROW + BAR_Y + BAR_H - 3, v);
}

static void rect(buf *out, const char *cls, long x, size_t row, long w)
{
	buf_puts(out, "<rect class=\"");
	put_text(out, cls ? cls : "");
	buf_printf(out, "\" x=\"%ld\" y=\"%zu\" width=\"%ld\" height=\"%d\">",
		   x, row * ROW + BAR_Y, w, BAR_H);
}

static unsigned height(size_t rows)
{
	return (unsigned)(rows * ROW + PAD);
}

void chart_bars(buf *out, const char *id, const char *title,
		const chart_item *items, size_t n)
{
	buf desc = BUF_INIT;
	long max = 0;
	for (size_t i = 0; i < n; i++) {
		buf_printf(&desc, "%s%s: %ld", i ? "; " : "", items[i].label,
			   items[i].value);
		if (items[i].value > max)
			max = items[i].value;
	}
	open_svg(out, id, "chart", WIDTH, height(n), title, &desc);
	for (size_t i = 0; i < n; i++) {
		long w = scale(items[i].value, max);
		row_label(out, i, items[i].label);
		rect(out, items[i].cls, 0, i, w);
		buf_puts(out, "</rect>");
		row_value(out, i, w, items[i].value);
	}
	buf_puts(out, "</svg>");
	buf_free(&desc);
}

static long row_total(const chart_row *r, size_t n_series)
{
	long t = 0;
	for (size_t k = 0; k < n_series; k++)
		t += r->values[k];
	return t;
}

/* "Row: 5 (On track 3, At risk 2)": the total, then every series that is
 * not zero. */
static void stacked_desc(buf *desc, const chart_item *series, size_t ns,
			 const chart_row *rows, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		buf_printf(desc, "%s%s: %ld", i ? "; " : "", rows[i].label,
			   row_total(&rows[i], ns));
		const char *sep = " (";
		for (size_t k = 0; k < ns; k++) {
			if (!rows[i].values[k])
				continue;
			buf_printf(desc, "%s%s %ld", sep, series[k].label,
				   rows[i].values[k]);
			sep = ", ";
		}
		if (strcmp(sep, " ("))
			buf_putc(desc, ')');
	}
}

void chart_stacked(buf *out, const char *id, const char *title,
		   const chart_item *series, size_t ns,
		   const chart_row *rows, size_t nr)
{
	buf desc = BUF_INIT;
	long max = 0;
	stacked_desc(&desc, series, ns, rows, nr);
	for (size_t i = 0; i < nr; i++)
		if (row_total(&rows[i], ns) > max)
			max = row_total(&rows[i], ns);
	open_svg(out, id, "chart", WIDTH, height(nr), title, &desc);
	for (size_t i = 0; i < nr; i++) {
		long x = 0, sum = 0;
		row_label(out, i, rows[i].label);
		for (size_t k = 0; k < ns; k++) {
			if (!rows[i].values[k])
				continue;
			/* Scale the running sum, not each part, so rounding
			 * never leaves gaps or overshoots the total. */
			sum += rows[i].values[k];
			long end = scale(sum, max);
			rect(out, series[k].cls, x, i, end - x);
			buf_puts(out, "<title>");
			put_text(out, series[k].label);
			buf_printf(out, ": %ld</title></rect>", rows[i].values[k]);
			x = end;
		}
		row_value(out, i, x, sum);
	}
	buf_puts(out, "</svg>");
	buf_free(&desc);
}

void chart_progress(buf *out, const char *id, const char *title,
		    const char *desc, long percent, long expected)
{
	percent = percent < 0 ? 0 : percent > 100 ? 100 : percent;
	buf d = BUF_INIT;
	buf_puts(&d, desc);
	open_svg(out, id, "progress-bar", 100, 8, title, &d);
	buf_printf(out, "<rect class=\"progress-track\" width=\"100\" "
		   "height=\"8\"></rect><rect class=\"progress-done\" "
		   "width=\"%ld\" height=\"8\"></rect>", percent);
	if (expected >= 0) {
		long x = expected > 100 ? 100 : expected;
		buf_printf(out, "<rect class=\"progress-expected\" x=\"%ld\" "
			   "width=\"2\" height=\"8\"></rect>",
			   x < 1 ? 0 : x > 99 ? 98 : x - 1);
	}
	buf_puts(out, "</svg>");
	buf_free(&d);
}
