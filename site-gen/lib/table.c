#include "table.h"
#include "arena.h"
#include "buf.h"
#include "text.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Parser state shared with libcsv's callbacks. libcsv does not report
 * positions, but it calls back only on a delimiter or a line end: the text
 * is fed in spans that end at one, so the offset of a span's last byte is
 * the end of whatever field or row a callback closes. */
struct parse {
	table *t;
	diag *d;
	size_t skipped;         /* bytes before `data` (a BOM) */
	const char *data;
	size_t len, pos, field_start;
	unsigned line;          /* line of data[pos] */
	size_t line_start;      /* offset where that line starts */
	size_t col_line;        /* line_start when col_off was set */
	size_t col_off;         /* a field start on that line, and its */
	unsigned col_chars;     /* column - 1: fields are located in order */
	table_cell *cells;      /* the row being built */
	size_t ncells, cap;
	table_row *rows;        /* header first */
	size_t nrows, rows_cap;
};

static void locate(struct parse *p, size_t off, unsigned *line, unsigned *col)
{
	/* Fields start on the current line or earlier (multi-line cells). */
	while (off < p->len && (p->data[off] == '\r' || p->data[off] == '\n'))
		off++;
	if (off >= p->line_start) {
		if (p->col_line != p->line_start || off < p->col_off) {
			p->col_line = p->col_off = p->line_start;
			p->col_chars = 0;
		}
		p->col_chars += (unsigned)utf8_chars(p->data + p->col_off,
							  off - p->col_off);
		p->col_off = off;
		*line = p->line;
		*col = p->col_chars + 1;
	} else {
		/* A cell over several lines: count back from the current line,
		 * not forward from the top (a large file may hold many). */
		unsigned back = 0;
		for (size_t i = off; i < p->line_start; i++)
			back += text_is_line_end(p->data, p->len, i);
		size_t start = off;
		while (start && !text_is_line_end(p->data, p->len, start - 1))
			start--;
		*line = p->line - back;
		*col = (unsigned)utf8_chars(p->data + start, off - start) + 1;
	}
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct parse *p = ctx;
	if (p->ncells == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->cells = xrealloc(p->cells, p->cap * sizeof *p->cells);
	}
	table_cell *c = &p->cells[p->ncells++];
	c->text = arena_strndup(p->t->arena, s ? s : "", s ? len : 0);
	locate(p, p->field_start, &c->line, &c->col);
	p->field_start = p->pos + 1;
}

static void on_row(int term, void *ctx)
{
	struct parse *p = ctx;
	(void)term;
	if (p->nrows == p->rows_cap) {
		p->rows_cap = p->rows_cap ? p->rows_cap * 2 : 64;
		p->rows = xrealloc(p->rows, p->rows_cap * sizeof *p->rows);
	}
	table_row *r = &p->rows[p->nrows++];
	r->ncells = p->ncells;
	r->cells = arena_alloc(p->t->arena, p->ncells * sizeof *r->cells);
	memcpy(r->cells, p->cells, p->ncells * sizeof *r->cells);
	r->line = p->ncells ? r->cells[0].line : p->line;
	r->end = p->skipped + p->pos + 1;
	p->ncells = 0;
	p->field_start = p->pos + 1;
}

static void advance_line(struct parse *p)
{
	if (text_is_line_end(p->data, p->len, p->pos)) {
		p->line++;
		p->line_start = p->pos + 1;
	}
}

/* A span is short enough to check the cell limit often. */
#define SPAN_MAX 65536

/* The offset of the last byte of the span starting at `from`. */
static size_t span_last(const struct parse *p, size_t from)
{
	size_t end = p->len - from > SPAN_MAX ? from + SPAN_MAX : p->len;
	for (size_t i = from; i < end; i++)
		if (p->data[i] == ',' || p->data[i] == '\n' || p->data[i] == '\r')
			return i;
	return end - 1;
}

static int feed(struct parse *p, struct csv_parser *csv)
{
	for (size_t from = 0; from < p->len; from = p->pos + 1) {
		p->pos = span_last(p, from);
		size_t n = p->pos + 1 - from;
		size_t done = csv_parse(csv, p->data + from, n, on_field, on_row, p);
		if (done != n) {
			unsigned line, col;
			text_position(p->data, p->len, from + done, &line,
				      &col);
			diag_error(p->d, p->t->path, line, col,
				   "malformed CSV: %s (a quote inside a cell must "
				   "be doubled, and a quoted cell must be closed)",
				   csv_strerror(csv_error(csv)));
			return -1;
		}
		if (csv_get_buffer_size(csv) > TABLE_MAX_CELL) {
			/* where the cell passes the limit (unquoted) */
			size_t at = p->field_start + TABLE_MAX_CELL;
			unsigned line, col;
			size_t off = at < p->pos ? at : p->pos;
			text_position(p->data, p->len, off, &line, &col);
			diag_error(p->d, p->t->path, line, col,
				   "cell longer than %d bytes", TABLE_MAX_CELL);
			return -1;
		}
		advance_line(p);
	}
	if (csv_fini(csv, on_field, on_row, p) != 0) {
		unsigned line, col;
		text_position(p->data, p->len, p->len, &line, &col);
		diag_error(p->d, p->t->path, line, col,
			   "malformed CSV: a quoted cell is not closed at the end "
			   "of the file");
		return -1;
	}
	return 0;
}

static void check_widths(table *t, diag *d)
{
	for (size_t i = 0; i < t->nrows; i++) {
		table_row *r = &t->rows[i];
		if (r->ncells != t->ncols)
			diag_error(d, t->path, r->line, 1,
				   "row has %zu cells but the header has %zu "
				   "columns", r->ncells, t->ncols);
	}
}

/* Parse data[start..len) into p->rows (p->t made here). Returns 0, or -1
 * after a syntax error (the rows before it are kept). */
static int parse_into(struct parse *p, const char *path, const char *data,
		      size_t len, size_t start, unsigned first_line)
{
	p->t = xcalloc(1, sizeof *p->t);
	p->t->arena = arena_new();
	p->t->path = arena_strdup(p->t->arena, path);
	p->skipped = start;
	p->data = data + start;
	p->len = len - start;
	p->line = first_line;
	/* Every character of the text is in a cell (or separates cells), so
	 * this finds them in every cell, at their exact place. */
	text_check_invisible(path, p->data, p->len, first_line, p->d);
	struct csv_parser csv;
	csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	int rc = feed(p, &csv);
	csv_free(&csv);
	free(p->cells);
	return rc;
}

table *table_parse_rows(const char *path, const char *data, size_t len,
			unsigned first_line, diag *d)
{
	/* Cut at a row end, the text cannot start with a BOM. */
	if (text_check_encoding(path, data, len, d) != 0)
		return NULL;
	struct parse p = { .d = d };
	if (parse_into(&p, path, data, len, 0, first_line) != 0) {
		free(p.rows);
		table_free(p.t);
		return NULL;
	}
	table *t = p.t;
	t->nrows = p.nrows;
	t->rows = arena_alloc(t->arena, (t->nrows ? t->nrows : 1) * sizeof *t->rows);
	if (t->nrows)
		memcpy(t->rows, p.rows, t->nrows * sizeof *t->rows);
	free(p.rows);
	return t;
}

table *table_parse(const char *path, const char *data, size_t len, diag *d)
{
	long start = text_check_encoding(path, data, len, d);
	if (start < 0)
		return NULL;
	struct parse p = { .d = d };
	int rc = parse_into(&p, path, data, len, (size_t)start, 1);
	table *t = p.t;
	if (rc == 0 && p.nrows == 0)
		diag_error(d, path, 1, 1, "empty file: a header row is required");
	/* After a syntax error the rows before it are still good: keep them,
	 * so that one bad quote does not hide every record of the file. */
	if (p.nrows == 0) {
		free(p.rows);
		table_free(t);
		return NULL;
	}
	t->header = p.rows[0].cells;
	t->ncols = p.rows[0].ncells;
	t->header_end = p.rows[0].end;
	t->nrows = p.nrows - 1;
	t->rows = arena_alloc(t->arena, t->nrows * sizeof *t->rows);
	memcpy(t->rows, p.rows + 1, t->nrows * sizeof *t->rows);
	free(p.rows);
	check_widths(t, d);
	return t;
}

table *table_load(const char *path, diag *d)
{
	buf b = BUF_INIT;
	if (buf_read_file(&b, path) != 0) {
		diag_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
		buf_free(&b);
		return NULL;
	}
	table *t = table_parse(path, buf_cstr(&b), b.len, d);
	buf_free(&b);
	return t;
}

void table_free(table *t)
{
	if (!t)
		return;
	arena_free(t->arena);
	free(t);
}

long table_column(const table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i].text, name) == 0)
			return (long)i;
	return -1;
}

void table_write_cell(buf *b, const char *s)
{
	size_t len = strlen(s);
	if (!strpbrk(s, ",\"\r\n")) {
		buf_put(b, s, len);
		return;
	}
	size_t need = csv_write(NULL, 0, s, len);
	buf_grow(b, need);
	csv_write(b->ptr + b->len, need, s, len);
	b->len += need;
	b->ptr[b->len] = '\0';
}
