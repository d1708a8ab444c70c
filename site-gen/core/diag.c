#include "diag.h"
#include "buf.h"
#include "smap.h"
#include "utf8.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* How many problems each file reports before the rest are only counted:
 * a spreadsheet with a million bad rows must not flood the terminal. */
typedef struct file_tally {
	char *file;
	size_t shown, hidden;
} file_tally;

struct diag {
	diag_item *items;
	size_t n, cap;
	size_t errors, warnings;
	smap tally_of;           /* file -> file_tally* */
	file_tally **tallies;
	size_t n_tallies;
	pthread_mutex_t lock;
};

diag *diag_new(void)
{
	diag *d = xcalloc(1, sizeof *d);
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void diag_free(diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	for (size_t i = 0; i < d->n_tallies; i++) {
		free(d->tallies[i]->file);
		free(d->tallies[i]);
	}
	free(d->tallies);
	smap_free(&d->tally_of);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static file_tally *tally(diag *d, const char *file)
{
	file_tally *t = smap_get(&d->tally_of, file);
	if (!t) {
		t = xcalloc(1, sizeof *t);
		t->file = xstrdup(file);
		d->tallies = xrealloc(d->tallies,
				      (d->n_tallies + 1) * sizeof *d->tallies);
		d->tallies[d->n_tallies++] = t;
		smap_put(&d->tally_of, t->file, t);
	}
	return t;
}

static void add(diag *d, diag_level level, const char *file, unsigned line,
		unsigned col, char *msg, bool cell)
{
	pthread_mutex_lock(&d->lock);
	*(level == DIAG_ERROR ? &d->errors : &d->warnings) += 1;
	file_tally *t = tally(d, file ? file : "");
	if (*t->file && t->shown >= DIAG_MAX_PER_FILE) {
		t->hidden++;
		free(msg);
		pthread_mutex_unlock(&d->lock);
		return;
	}
	t->shown++;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xrealloc(d->items, d->cap * sizeof *d->items);
	}
	d->items[d->n] = (diag_item){ level, xstrdup(file ? file : ""),
				      line, col, msg, d->n, cell };
	d->n++;
	pthread_mutex_unlock(&d->lock);
}

__attribute__((format(printf, 1, 0)))
static char *vformat(const char *fmt, va_list ap)
{
	buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	return buf_detach(&b);
}

void diag_error(diag *d, const char *file, unsigned line, unsigned col,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, DIAG_ERROR, file, line, col, vformat(fmt, ap), false);
	va_end(ap);
}

void diag_cell_error(diag *d, const char *book, const char *sheet,
		     unsigned row, unsigned col, const char *fmt, ...)
{
	buf where = BUF_INIT;
	buf_printf(&where, "%s:%s", book, sheet);
	va_list ap;
	va_start(ap, fmt);
	add(d, DIAG_ERROR, where.ptr, row, col, vformat(fmt, ap), row && col);
	va_end(ap);
	buf_free(&where);
}

void diag_warn(diag *d, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, DIAG_WARNING, file, line, col, vformat(fmt, ap), false);
	va_end(ap);
}

size_t diag_errors(const diag *d) { return d->errors; }
size_t diag_warnings(const diag *d) { return d->warnings; }
size_t diag_count(const diag *d) { return d->n; }

const diag_item *diag_get(const diag *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

static int cmp_item(const void *pa, const void *pb)
{
	const diag_item *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_sort(diag *d)
{
	if (d->n > 1)   /* items is NULL when empty, which qsort may not get */
		qsort(d->items, d->n, sizeof *d->items, cmp_item);
}

/* Messages quote content (a cell, a file name). A line break in it would
 * start a line that looks like a diagnostic of its own (or a CI command
 * such as "::error"), a terminal escape would rewrite the screen, and an
 * invisible character would hide what differs: all of these, and bytes
 * that are not UTF-8 (n == 0), are written as escapes. */
static bool must_escape(size_t n, uint32_t cp)
{
	return !n || cp < 0x20 || utf8_is_control(cp) ||
	       utf8_invisible(cp) || cp == 0x2028 || cp == 0x2029;
}

/* \n, \r, \t; \x1B for other ASCII and bytes that are not UTF-8; \u202E. */
static void put_escape(buf *out, unsigned char byte, size_t n, uint32_t cp)
{
	if (n && (cp == '\n' || cp == '\r' || cp == '\t'))
		buf_printf(out, "\\%c",
			   cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
	else if (!n || cp < 0x80)
		buf_printf(out, "\\x%02X", byte);
	else
		buf_printf(out, "\\u%04X", (unsigned)cp);
}

static void put_escaped(buf *out, const char *s)
{
	size_t len = strlen(s), plain = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!must_escape(n, cp)) {
			i += n;
			continue;
		}
		buf_put(out, s + plain, i - plain);
		put_escape(out, (unsigned char)s[i], n, cp);
		i += n ? n : 1;
		plain = i;
	}
	buf_put(out, s + plain, len - plain);
}

/* "!D14": column letters, then the row. */
static void put_cell_name(buf *out, unsigned row, unsigned col)
{
	char letters[8];
	size_t n = 0;
	for (; col && n < sizeof letters; col = (col - 1) / 26)
		letters[n++] = (char)('A' + (col - 1) % 26);
	buf_putc(out, '!');
	while (n)
		buf_putc(out, letters[--n]);
	buf_printf(out, "%u", row);
}

void diag_format_item(const diag_item *it, buf *out)
{
	if (*it->file) {
		put_escaped(out, it->file);
		if (it->cell)
			put_cell_name(out, it->line, it->col);
		if (!it->cell && it->line)
			buf_printf(out, ":%u", it->line);
		if (!it->cell && it->line && it->col)
			buf_printf(out, ":%u", it->col);
		buf_puts(out, ": ");
	}
	buf_puts(out, it->level == DIAG_ERROR ? "error: " : "warning: ");
	put_escaped(out, it->msg);
	buf_putc(out, '\n');
}

static void print_item(const diag_item *it, FILE *out)
{
	buf line = BUF_INIT;
	diag_format_item(it, &line);
	fwrite(line.ptr, 1, line.len, out);
	buf_free(&line);
}

static int cmp_tally(const void *a, const void *b)
{
	return strcmp((*(file_tally *const *)a)->file,
		      (*(file_tally *const *)b)->file);
}

void diag_print(const diag *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++)
		print_item(&d->items[i], out);
	file_tally **t = xcalloc(d->n_tallies + 1, sizeof *t);
	for (size_t i = 0; i < d->n_tallies; i++)
		t[i] = d->tallies[i];
	if (d->n_tallies > 1)
		qsort(t, d->n_tallies, sizeof *t, cmp_tally);
	for (size_t i = 0; i < d->n_tallies; i++) {
		if (!t[i]->hidden)
			continue;
		buf line = BUF_INIT;
		put_escaped(&line, t[i]->file);
		fprintf(out, "%s: note: %zu more problems in this file not "
			"shown\n", buf_cstr(&line), t[i]->hidden);
		buf_free(&line);
	}
	free(t);
	if (d->n)
		fprintf(out, "%zu error%s, %zu warning%s\n", d->errors,
			d->errors == 1 ? "" : "s", d->warnings,
			d->warnings == 1 ? "" : "s");
}
