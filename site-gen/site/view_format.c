/* view_format.c - locale-free formatting of numbers, quantities and
 * targets (view_int.h). The words come from the theme's strings; the
 * digits never depend on the C library's locale. */
#include "view_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void view_number(buf *out, double x)
{
	char s[400];
	int p = 1;
	if (x == 0)
		x = 0;   /* no "-0" */
	for (; p < 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, x);
		if (strtod(s, NULL) == x)
			break;
	}
	/* p significant digits; write them without an exponent. */
	snprintf(s, sizeof s, "%.*e", p - 1, x);
	int e = atoi(strchr(s, 'e') + 1), dec = p - 1 - e;
	snprintf(s, sizeof s, "%.*f", dec < 0 ? 0 : dec, x);
	for (char *c = s; *c; c++)
		if (*c == ',')
			*c = '.';   /* in case a library set a locale */
	buf_puts(out, s);
}

/* x × 10^e, exact in decimal (1.17 × 10^8 is 117000000, where the binary
 * product would be 116999999.99999999). */
static double shift10(double x, int e)
{
	buf s = BUF_INIT;
	view_number(&s, x);
	buf_printf(&s, "e%d", e);
	double y = strtod(buf_cstr(&s), NULL);
	buf_free(&s);
	return y;
}

/* x with the theme's num_group between groups of three digits: "25,000". */
static void grouped_number(const view_ctx *c, buf *b, double x)
{
	buf s = BUF_INIT;
	view_number(&s, x);
	const char *d = buf_cstr(&s), *sep = view_str(c, "num_group");
	size_t sign = *d == '-', digits = strcspn(d + sign, ".");
	buf_put(b, d, sign);
	for (size_t k = 0; k < digits; k++) {
		if (k && (digits - k) % 3 == 0)
			buf_puts(b, sep);
		buf_putc(b, d[sign + k]);
	}
	buf_puts(b, d + sign + digits);
	buf_free(&s);
}

/* x as a reader of the page's language says it: grouped digits, and from
 * a million up the theme's num_million ("25 million") when it has one. */
static void spoken_number(const view_ctx *c, buf *b, double x)
{
	const char *million = view_str(c, "num_million");
	if (!*million || (x < 1e6 && x > -1e6)) {
		grouped_number(c, b, x);
		return;
	}
	buf n = BUF_INIT;
	grouped_number(c, &n, shift10(x, -6));
	words_expand1(b, million, "n", buf_cstr(&n));
	buf_free(&n);
}

/* Units that count tens of thousands or hundreds of millions, recognised
 * by the theme's prefix of the unit's name ("×10,000 tonnes"); a language
 * whose theme gives no prefix shows the number as printed ("2.5万吨"). */
static const struct { const char *key; int exp; } unit_scales[] = {
	{ "unit_x10k", 4 }, { "unit_x100m", 8 },
};

/* The unit's name as shown, with *x scaled to it: 2.5 "×10,000 tonnes"
 * becomes 25000 "tonnes". */
static const char *scaled_unit(const view_ctx *c, double *x, ltext unit_name)
{
	const char *u = view_plain(c, unit_name);
	for (size_t k = 0; k < sizeof unit_scales / sizeof *unit_scales; k++) {
		const char *p = view_str(c, unit_scales[k].key);
		if (*p && !strncmp(u, p, strlen(p))) {
			*x = shift10(*x, unit_scales[k].exp);
			return u + strlen(p);
		}
	}
	return u;
}

/* The unit follows the number, after the language's separator (none
 * before "%"). */
void view_fmt_quantity(const view_ctx *c, buf *b, double x, ltext unit_name)
{
	const char *u = scaled_unit(c, &x, unit_name);
	spoken_number(c, b, x);
	if (*u && strcmp(u, "%"))
		buf_puts(b, view_str(c, "unit_sep"));
	buf_puts(b, u);
}

/* Each comparator's words and symbol, and the comparator that says the
 * same of the negated bounds: "le -10" is a reduction of "ge 10". */
static const struct { const char *op, *key, *symbol, *mirror; } comparators[] = {
	{ "ge", "cmp_ge", "≥", "le" }, { "gt", "cmp_gt", ">", "lt" },
	{ "eq", "cmp_eq", "=", "eq" }, { "lt", "cmp_lt", "<", "gt" },
	{ "le", "cmp_le", "≤", "ge" }, { "between", "cmp_between", "↔", "between" },
};

/* The row of `op`; "between" (the last) for anything else, which load
 * has refused already. */
static size_t comparator_index(const char *op)
{
	size_t last = sizeof comparators / sizeof *comparators - 1, k = 0;
	while (k < last && strcmp(op, comparators[k].op))
		k++;
	return k;
}

const char *view_fmt_symbol(const char *op)
{
	return comparators[comparator_index(op)].symbol;
}

/* "at least 25,000 tonnes", "between 5 and 10%". */
static void bound_words(const view_ctx *c, buf *out, size_t k, double lo,
			double hi, ltext unit_name)
{
	buf n = BUF_INIT, min = BUF_INIT;
	view_fmt_quantity(c, &n, hi, unit_name);
	scaled_unit(c, &lo, unit_name);
	spoken_number(c, &min, lo);
	const char *const kv[][2] = { { "n", buf_cstr(&n) },
				      { "min", buf_cstr(&min) },
				      { "max", buf_cstr(&n) } };
	words_expand(out, view_str(c, comparators[k].key), kv, 3);
	buf_free(&n);
	buf_free(&min);
}

/* The theme's words for a change on the previous year with bounds lo..hi
 * and comparator *k, or NULL: "an increase of {n}", "an increase" (> 0);
 * below zero, "a reduction of {n}" with *k mirrored and the bounds negated
 * (<= -10 is a reduction of >= 10). NULL also when the theme has no such
 * words, and then the target is said as a level. */
static const char *change_words(const view_ctx *c, size_t *k, double *lo,
				double *hi)
{
	const char *w = NULL;
	if (*lo == 0 && *hi == 0 && (*k == 1 || *k == 3))
		w = view_str(c, *k == 1 ? "change_up_any" : "change_down_any");
	else if (*lo >= 0)
		w = view_str(c, "change_up");
	else if (*hi <= 0) {
		w = view_str(c, "change_down");
		if (*w) {
			*k = comparator_index(comparators[*k].mirror);
			double t = *lo;
			*lo = -*hi;
			*hi = -t;
		}
	}
	return w && *w ? w : NULL;
}

void view_fmt_target(const view_ctx *c, const metric *mt, buf *out)
{
	size_t k = comparator_index(mt->comparator);
	double lo = mt->target, hi = mt->has_max ? mt->target_max : mt->target;
	const char *change = strcmp(mt->baseline, "previous_year") ? NULL
		: change_words(c, &k, &lo, &hi);
	buf words = BUF_INIT;
	bound_words(c, &words, k, lo, hi, mt->unit);
	words_expand1(out, change ? change : "{n}", "n", buf_cstr(&words));
	buf_free(&words);
}

void view_fmt_actual(const view_ctx *c, buf *b, const metric *mt, double x)
{
	const char *w = view_str(c, x < 0 ? "change_down" : "change_up");
	if (strcmp(mt->baseline, "previous_year") || x == 0 || !*w) {
		view_fmt_quantity(c, b, x, mt->unit);
		return;
	}
	buf n = BUF_INIT;
	view_fmt_quantity(c, &n, x < 0 ? -x : x, mt->unit);
	words_expand1(b, w, "n", buf_cstr(&n));
	buf_free(&n);
}

/* Rounded to one decimal in integer arithmetic, so every machine prints
 * the same. */
void view_fmt_file_size(const view_ctx *c, buf *b, size_t bytes)
{
	static const char *const units[] = { "KB", "MB", "GB" };
	if (bytes < 1024) {
		buf_printf(b, "%zu %s", bytes, view_str(c, "size_bytes"));
		return;
	}
	size_t u = 0, div = 1024;
	while (u < 2 && bytes >= div * 1024) {
		div *= 1024;
		u++;
	}
	size_t tenths = (bytes * 10 + div / 2) / div;
	buf_printf(b, "%zu.%zu %s", tenths / 10, tenths % 10, units[u]);
}
