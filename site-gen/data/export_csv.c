/* export_csv.c - data/<t>.csv and data/<t>-excel.csv: RFC 4180, UTF-8,
 * CRLF, with the formula guard of export.h on text cells. */
#include "export_int.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

#define BOM "\xEF\xBB\xBF"

static const export_kind plain = { "csv", "text/csv", "meta_kind_csv" };
static const export_kind excel = { "csv-excel", "text/csv",
				   "meta_kind_csv_excel" };

static bool is_text(const export_column *col)
{
	return col->type == EXPORT_STRING || col->type == EXPORT_LIST;
}

/* Counting leading apostrophes makes the rule reversible: a value that
 * already starts with "'=" gets a second apostrophe. */
static bool formula_like(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s);
}

void export_csv_cell(buf *b, const export_column *col, const char *s)
{
	if (!is_text(col) || !formula_like(s)) {
		table_write_cell(b, s);
		return;
	}
	buf esc = BUF_INIT;
	buf_putc(&esc, '\'');
	buf_puts(&esc, s);
	table_write_cell(b, esc.ptr);
	buf_free(&esc);
}

static void csv_table(buf *b, const export_grid *g)
{
	const export_table *t = g->t;
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			buf_putc(b, ',');
		table_write_cell(b, t->cols[i].name);
	}
	buf_puts(b, "\r\n");
	for (size_t r = 0; r < g->n; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			if (i)
				buf_putc(b, ',');
			export_csv_cell(b, &t->cols[i],
					g->cells[r * t->ncols + i]);
		}
		buf_puts(b, "\r\n");
	}
}

int export_csv_write(export_ctx *c, const export_grid *g)
{
	const export_table *t = g->t;
	/* One text: the Excel file is the plain one behind a BOM. */
	buf b = BUF_INIT;
	ltext title = export_table_title(c, t);
	buf_puts(&b, BOM);
	size_t bom = b.len;
	csv_table(&b, g);
	int rc = export_emit(c, &plain, export_fmt(c->a, "data/%s.csv",
						   t->name), t->name,
			     title, b.ptr + bom, b.len - bom, g->n);
	if (rc == 0)
		rc = export_emit(c, &excel, export_fmt(c->a,
				 "data/%s-excel.csv", t->name), t->name,
				 title, b.ptr, b.len, g->n);
	buf_free(&b);
	return rc;
}
