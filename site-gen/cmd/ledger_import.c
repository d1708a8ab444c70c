/* ledger_import.c - a filled-in ledger back into reports (ledger.h). The
 * workbook's sheets, or the CSV file, are read as grids of cells; each
 * grid's first row names its columns by key. */
#include "ledger_int.h"
#include "arena.h"
#include "check.h"
#include "report.h"
#include "repo.h"
#include "table.h"
#include "text.h"
#include "xlsx.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A sheet, or the CSV file as one sheet (its table gives positions). */
typedef struct grid {
	const xlsx_sheet *s;
	const table *csv;
} grid;

/* A column of the file, by what it holds. */
typedef struct field_at {
	ledger_field field;
	size_t lang;
	unsigned col;            /* 1-based */
} field_at;

/* One task's report as the rows give it. */
typedef struct task_in {
	const task *t;
	const grid *g;           /* where its id cell is */
	unsigned row, col;
	const char *status, *progress, *as_of;
	const char **narrative;  /* per language; NULL when empty */
	report_link *links;      /* the evidence's links, when given */
	size_t n_links;
	bool links_given;
	report_metric *metrics;
	size_t n_metrics;
	const grid *mg;          /* where its first new actual is */
	unsigned mrow, mcol;
	bool status_given;       /* a status cell, valid or not */
	bool filled;             /* the row has an input other than as_of */
} task_in;

typedef struct imp {
	const ledger_opts *o;
	diag *d;
	arena *a;
	model *m;
	ledger_words w;
	ledger_col cols[LEDGER_MAX_COLS];
	size_t ncols;
	task_in *in;             /* per task of the model, by index */
	size_t n_grids;
	table *csv;              /* a CSV file read */
} imp;

/* ---- positions ---------------------------------------------------------- */

__attribute__((format(printf, 5, 6)))
static void cell_error(imp *im, const grid *g, unsigned row, unsigned col,
		       const char *fmt, ...)
{
	buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (!g->csv) {
		diag_cell_error(im->d, im->o->path, g->s->name, col ? row : 0,
				col, "%s", msg.ptr);
	} else {
		const table *t = g->csv;
		const table_cell *c = NULL;
		if (row == 1 && col && col <= t->ncols)
			c = &t->header[col - 1];
		else if (row >= 2 && row - 2 < t->nrows &&
			 col && col <= t->rows[row - 2].ncells)
			c = &t->rows[row - 2].cells[col - 1];
		unsigned line = c ? c->line : row >= 2 && row - 2 < t->nrows
			? t->rows[row - 2].line : 0;
		diag_error(im->d, im->o->path, line, c ? c->col : 0, "%s",
			   msg.ptr);
	}
	buf_free(&msg);
}

/* ---- reading the file ----------------------------------------------------- */

/* The CSV table as a sheet of text cells. */
static xlsx_sheet *csv_sheet(imp *im, const table *t)
{
	size_t n = t->ncols;
	for (size_t r = 0; r < t->nrows; r++)
		n += t->rows[r].ncells;
	xlsx_cell *c = arena_alloc(im->a, (n + 1) * sizeof *c);
	size_t k = 0;
	for (size_t r = 0; r <= t->nrows; r++) {
		const table_cell *cells = r ? t->rows[r - 1].cells : t->header;
		size_t nc = r ? t->rows[r - 1].ncells : t->ncols;
		for (size_t i = 0; i < nc; i++)
			if (*cells[i].text)
				c[k++] = (xlsx_cell){ (unsigned)r + 1,
					(unsigned)i + 1, XLSX_STRING,
					cells[i].text, 0 };
	}
	xlsx_sheet *s = arena_alloc(im->a, sizeof *s);
	*s = (xlsx_sheet){ .name = "", .cells = c, .n_cells = k };
	return s;
}

static grid *read_grids(imp *im)
{
	size_t n = strlen(im->o->path);
	grid *g = NULL;
	if (n >= 4 && !strcasecmp(im->o->path + n - 4, ".csv")) {
		table *t = im->csv = table_load(im->o->path, im->d);
		if (!t)
			return NULL;
		g = arena_alloc(im->a, sizeof *g);
		*g = (grid){ csv_sheet(im, t), t };
		im->n_grids = 1;
		return g;
	}
	xlsx_book *b = xlsx_read(im->o->path, im->a, im->d);
	if (!b)
		return NULL;
	g = arena_alloc(im->a, (b->n_sheets + 1) * sizeof *g);
	for (size_t i = 0; i < b->n_sheets; i++)
		g[i] = (grid){ &b->sheets[i], NULL };
	im->n_grids = b->n_sheets;
	return g;
}

/* ---- the header ------------------------------------------------------------ */

/* The key a header names: the text in its last brackets, "状态 (status)"
 * → "status", or the whole text. */
static const char *header_key(imp *im, const char *h)
{
	const char *open = strrchr(h, '('), *close = strrchr(h, ')');
	if (open && close > open && !close[strspn(close + 1, " ") + 1])
		return arena_strndup(im->a, open + 1, (size_t)(close - open - 1));
	return h;
}

/* Which field and language a key names, among the grid's own columns;
 * false for a key the import does not read. */
static bool key_field(const imp *im, const char *key, field_at *f)
{
	const strlist *langs = &im->m->site.languages;
	for (size_t i = 0; i < im->ncols; i++) {
		const ledger_col *c = &im->cols[i];
		for (size_t l = 0; l < (c->langs == LEDGER_EACH_LANG ? langs->n : 1); l++) {
			buf k = BUF_INIT;
			ledger_key(c, langs->v[l], &k);
			bool same = !strcmp(k.ptr, key);
			buf_free(&k);
			if (same && (c->input || c->field == LEDGER_ID)) {
				*f = (field_at){ c->field, l, 0 };
				return true;
			}
		}
	}
	return false;
}

/* The columns the grid's first row names; the id column's index in
 * *id_col (0 when it has none). */
static size_t read_header(imp *im, const grid *g, field_at *out,
			  unsigned *id_col)
{
	size_t n = 0;
	*id_col = 0;
	for (size_t i = 0; i < g->s->n_cells && g->s->cells[i].row == 1; i++) {
		const xlsx_cell *c = &g->s->cells[i];
		field_at f;
		if (!key_field(im, header_key(im, c->text), &f))
			continue;
		f.col = c->col;
		size_t k = 0;
		while (k < n && (out[k].field != f.field || out[k].lang != f.lang))
			k++;
		if (k < n) {
			cell_error(im, g, 1, c->col, "a second column '%s': "
				   "each key may head one column", c->text);
			continue;
		}
		if (f.field == LEDGER_ID)
			*id_col = f.col;
		out[n++] = f;
	}
	return n;
}

/* ---- the values ----------------------------------------------------------- */

static const char *trimmed(imp *im, const char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return arena_strndup(im->a, s, n);
}

/* Excel keeps a cell's line breaks as CR LF (_x000D_ and a newline). */
static const char *without_cr(imp *im, const char *s)
{
	char *t = arena_strdup(im->a, s), *w = t;
	for (const char *r = t; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = '\0';
	return t;
}

static const char *read_status(imp *im, const grid *g, const xlsx_cell *c)
{
	const char *v = trimmed(im, c->text);
	task_status s = ledger_status_parse(&im->w, v);
	if (s)
		return model_status_name(s);
	buf all = BUF_INIT;
	for (task_status k = STATUS_NOT_STARTED; k < STATUS_COUNT; k++)
		buf_printf(&all, "%s%s", k > STATUS_NOT_STARTED ? ", " : "",
			   ledger_status_label(&im->w, k));
	cell_error(im, g, c->row, c->col, "unknown status '%s': use one of %s "
		   "(or not_started, on_track, at_risk, delayed, completed, "
		   "withdrawn)", v, all.ptr);
	buf_free(&all);
	return NULL;
}

/* A number cell, or text that is a plain number. */
static bool cell_number(imp *im, const xlsx_cell *c, double *v)
{
	if (c->kind == XLSX_NUMBER)
		return *v = c->number, true;
	return c->kind == XLSX_STRING &&
	       text_parse_number(trimmed(im, c->text), v);
}

static const char *read_progress(imp *im, const grid *g, const xlsx_cell *c)
{
	double v;
	const char *t = trimmed(im, c->text);
	if (!cell_number(im, c, &v))
		cell_error(im, g, c->row, c->col, "progress '%s' is not a "
			   "number: enter a whole number from 0 to 100", t);
	else if (v > 100)
		cell_error(im, g, c->row, c->col, "progress %s is over 100", t);
	else if (v < 0)
		cell_error(im, g, c->row, c->col, "progress %s is below 0", t);
	else if (v != (double)(long)v)
		cell_error(im, g, c->row, c->col, "progress %s is not a whole "
			   "number", t);
	else {
		buf b = BUF_INIT;
		buf_printf(&b, "%ld", (long)v);
		const char *s = arena_strdup(im->a, b.ptr);
		buf_free(&b);
		return s;
	}
	return NULL;
}

static const char *read_date(imp *im, const grid *g, const xlsx_cell *c)
{
	const char *t = trimmed(im, c->text);
	if (c->kind == XLSX_DATE || c->kind == XLSX_STRING) {
		const char *day = arena_strndup(im->a, t, 10);
		if (text_parse_date(day, NULL) &&
		    (c->kind == XLSX_DATE || !t[10]))
			return day;
	}
	if (c->kind == XLSX_NUMBER)
		cell_error(im, g, c->row, c->col, "as_of %s is a number, not a "
			   "date: format the cell as a date", t);
	else
		cell_error(im, g, c->row, c->col, "as_of '%s' is not a date: "
			   "enter a date cell, or the text YYYY-MM-DD", t);
	return NULL;
}

static const char *read_actual(imp *im, const grid *g, const xlsx_cell *c)
{
	double v;
	const char *t = trimmed(im, c->text);
	if (!cell_number(im, c, &v)) {
		cell_error(im, g, c->row, c->col, "actual '%s' is not a number",
			   t);
		return NULL;
	}
	if (text_parse_number(t, NULL))
		return t;
	buf b = BUF_INIT;           /* "1E-3" as written: a plain number */
	buf_printf(&b, "%.15g", v);
	const char *s = arena_strdup(im->a, b.ptr);
	buf_free(&b);
	if (!text_parse_number(s, NULL))
		cell_error(im, g, c->row, c->col, "actual %s is not a plain "
			   "number of at most 15 digits", t);
	return s;
}

/* One link per line: the address, a space, its caption. */
static void read_links(imp *im, const grid *g, task_in *in, const xlsx_cell *c)
{
	const char *s = without_cr(im, c->text);
	size_t lines = 1;
	for (const char *p = s; *p; p++)
		lines += *p == '\n';
	in->links = arena_alloc(im->a, lines * sizeof *in->links);
	in->links_given = true;
	for (const char *line = s; *line;) {
		size_t len = strcspn(line, "\n");
		const char *t = trimmed(im, arena_strndup(im->a, line, len));
		size_t ul = strcspn(t, " \t");
		const char *url = arena_strndup(im->a, t, ul);
		if (*t && strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
			cell_error(im, g, c->row, c->col, "evidence link '%s' must "
				   "start with https:// or http://; write one "
				   "address per line, then a space and its caption",
				   url);
		else if (*t)
			in->links[in->n_links++] = (report_link){ url,
				trimmed(im, t + ul) };
		line += len + (line[len] == '\n');
	}
}

/* ---- the rows -------------------------------------------------------------- */

static task_in *task_row(imp *im, const grid *g, const xlsx_cell *id,
			 const task *t)
{
	task_in *in = &im->in[t->index];
	if (in->g) {
		cell_error(im, g, id->row, id->col, "%s is given twice (first "
			   "in row %u%s%s)", t->id, in->row,
			   in->g->s->name[0] ? " of " : "", in->g->s->name);
		return NULL;
	}
	in->t = t, in->g = g, in->row = id->row, in->col = id->col;
	return in;
}

static void task_value(imp *im, const grid *g, task_in *in,
		       const field_at *f, const xlsx_cell *c)
{
	switch (f->field) {
	case LEDGER_STATUS:
		in->status = read_status(im, g, c);
		in->status_given = true;
		break;
	case LEDGER_PROGRESS: in->progress = read_progress(im, g, c); break;
	case LEDGER_AS_OF: in->as_of = read_date(im, g, c); return;
	case LEDGER_NARRATIVE:
		in->narrative[f->lang] = without_cr(im, c->text);
		break;
	case LEDGER_EVIDENCE: read_links(im, g, in, c); break;
	case LEDGER_ACTUAL:
		cell_error(im, g, c->row, c->col, "%s is a task: actual values "
			   "belong on the rows of its metrics", in->t->id);
		break;
	default: return;
	}
	in->filled = true;
}

static void metric_value(imp *im, const grid *g, const metric *mt,
			 const xlsx_cell *c)
{
	const char *v = read_actual(im, g, c);
	task_in *in = &im->in[mt->task->index];
	if (!v)
		return;
	if (!in->metrics)
		in->metrics = arena_alloc(im->a, mt->task->n_metrics *
					  sizeof *in->metrics);
	for (size_t i = 0; i < in->n_metrics; i++)
		if (!strcmp(in->metrics[i].id, mt->id)) {
			cell_error(im, g, c->row, c->col, "%s is given twice",
				   mt->id);
			return;
		}
	in->metrics[in->n_metrics++] = (report_metric){ mt->id, v };
	if (!in->mg)
		in->mg = g, in->mrow = c->row, in->mcol = c->col;
}

static void read_row(imp *im, const grid *g, const field_at *f, size_t nf,
		     const xlsx_cell *id, const xlsx_cell *const *cells)
{
	const char *key = trimmed(im, id->text);
	const task *t = model_task(im->m, key);
	const metric *mt = t ? NULL : model_metric(im->m, key);
	if (!t && !mt) {
		cell_error(im, g, id->row, id->col, "'%s' is not a task or a "
			   "metric of the plan", key);
		return;
	}
	task_in *in = t ? task_row(im, g, id, t) : NULL;
	if (t && !in)
		return;
	for (size_t i = 0; i < nf; i++) {
		if (!cells[i] || f[i].field == LEDGER_ID)
			continue;
		if (in)
			task_value(im, g, in, &f[i], cells[i]);
		else if (f[i].field == LEDGER_ACTUAL)
			metric_value(im, g, mt, cells[i]);
		else if (f[i].field != LEDGER_AS_OF)
			cell_error(im, g, cells[i]->row, cells[i]->col, "%s is "
				   "a metric: only its actual value is read",
				   mt->id);
	}
}

static void merged_cells(imp *im, const grid *g)
{
	for (size_t i = 0; g->s && i < g->s->n_merged; i++) {
		const xlsx_range *r = &g->s->merged[i];
		char a[16], b[16];
		xlsx_cell_name(r->row1, r->col1, a);
		xlsx_cell_name(r->row2, r->col2, b);
		cell_error(im, g, r->row1, r->col1, "merged cells %s:%s: a "
			   "ledger needs one value per cell; unmerge them", a, b);
	}
}

/* Every row of a grid; returns how many name a task or metric. */
static size_t read_grid(imp *im, const grid *g)
{
	field_at f[LEDGER_MAX_COLS * 4];
	unsigned id_col;
	size_t nf = read_header(im, g, f, &id_col), rows = 0;
	if (!id_col && nf)
		cell_error(im, g, 1, 0, "the header row has no id column ('… "
			   "(id)'): import finds each row's task by it");
	if (!id_col)
		return 0;
	merged_cells(im, g);
	const xlsx_cell **cells = arena_alloc(im->a, (nf + 1) * sizeof *cells);
	const xlsx_cell *c = g->s->cells, *end = c + g->s->n_cells;
	while (c < end && c->row == 1)
		c++;
	while (c < end) {
		unsigned row = c->row;
		const xlsx_cell *id = NULL;
		memset(cells, 0, nf * sizeof *cells);
		for (; c < end && c->row == row; c++)
			for (size_t i = 0; i < nf && *trimmed(im, c->text); i++)
				if (f[i].col == c->col)
					cells[i] = c, id = c->col == id_col ? c : id;
		if (id) {
			read_row(im, g, f, nf, id, cells);
			rows++;
		} else {
			cell_error(im, g, row, id_col, "a row without an id: "
				   "each row needs the id of its task or metric");
		}
	}
	return rows;
}

/* ---- the reports ------------------------------------------------------------ */

/* Rows that give something without a status cannot be reported; rows
 * that give only a date (filled in by the export) are left alone.
 * Returns how many reports there are. */
static size_t count_reports(imp *im)
{
	size_t n = 0;
	for (size_t i = 0; i < im->m->n_tasks; i++) {
		const task_in *in = &im->in[i];
		const char *id = im->m->tasks[i].id;
		if (in->status)
			n++;
		else if (in->status_given)
			;                   /* its status is already refused */
		else if (in->filled)
			cell_error(im, in->g, in->row, in->col, "%s: a new "
				   "report needs its status", id);
		else if (in->n_metrics)
			cell_error(im, in->mg, in->mrow, in->mcol, "a new actual "
				   "needs a report of its task %s: fill in the "
				   "task's status", id);
	}
	return n;
}

static report_opts report_of(imp *im, const task_in *in, const char *today)
{
	const strlist *langs = &im->m->site.languages;
	report_note *notes = arena_alloc(im->a, langs->n * sizeof *notes);
	size_t nn = 0;
	for (size_t l = 0; l < langs->n; l++)
		if (in->narrative[l] && *trimmed(im, in->narrative[l]))
			notes[nn++] = (report_note){ langs->v[l], NULL,
						     in->narrative[l] };
	return (report_opts){ .content_dir = im->o->content_dir,
		.task_id = in->t->id, .status = in->status,
		.progress = in->progress,
		.as_of = in->as_of ? in->as_of : im->o->as_of ? im->o->as_of
			 : today,
		.metrics = in->metrics, .n_metrics = in->n_metrics,
		.notes = notes, .n_notes = nn, .set_links = in->links_given,
		.links = in->links, .n_links = in->n_links };
}

/* ---- committing ---------------------------------------------------------- */

/* "Name <email>" or "Name". */
static void split_author(imp *im, const char *author, const char **name,
			 const char **email)
{
	const char *lt = strchr(author, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	*name = trimmed(im, gt ? arena_strndup(im->a, author,
					       (size_t)(lt - author)) : author);
	*email = gt ? arena_strndup(im->a, lt + 1, (size_t)(gt - lt - 1)) : "";
}

/* The unit whose tasks were reported, or the word for several. */
static const char *reporting_unit(imp *im)
{
	const unit *u = NULL;
	for (size_t i = 0; i < im->m->n_tasks; i++) {
		const task_in *in = &im->in[i];
		if (!in->status)
			continue;
		if (u && in->t->lead != u)
			return ledger_word(&im->w, "ledger_commit_several_units");
		u = in->t->lead;
	}
	return model_text(im->m, u->name, 0);
}

/* "2023-09-30", or "2023-09-28 – 2023-09-30": the reports' dates. */
static void report_dates(const report_opts *ro, size_t n, buf *out)
{
	const char *lo = ro[0].as_of, *hi = lo;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(ro[i].as_of, lo) < 0)
			lo = ro[i].as_of;
		if (strcmp(ro[i].as_of, hi) > 0)
			hi = ro[i].as_of;
	}
	buf_puts(out, lo);
	if (strcmp(lo, hi))
		buf_printf(out, " – %s", hi);
}

/* The commit's message, in the theme's words of the source language. */
static void commit_message(imp *im, const report_opts *ro, size_t n,
			   size_t files, buf *out)
{
	buf dates = BUF_INIT, count = BUF_INIT;
	report_dates(ro, n, &dates);
	buf_printf(&count, "%zu", files);
	const char *slash = strrchr(im->o->path, '/');
	const char *const subject[][2] = { { "unit", reporting_unit(im) },
					   { "date", dates.ptr } };
	const char *const body[][2] = {
		{ "file", slash ? slash + 1 : im->o->path },
		{ "count", count.ptr } };
	words_expand(out, ledger_word(&im->w, "ledger_commit_subject"),
		     subject, 2);
	buf_puts(out, "\n\n");
	words_expand(out, ledger_word(&im->w, "ledger_commit_body"), body, 2);
	buf_putc(out, '\n');
	buf_free(&dates), buf_free(&count);
}

static int commit_written(imp *im, const report_opts *ro, size_t n,
			  const report_written *w, FILE *out)
{
	const char **rel = arena_alloc(im->a, (w->n + 1) * sizeof *rel);
	size_t skip = strlen(im->o->content_dir) + 1;
	for (size_t i = 0; i < w->n; i++)
		rel[i] = w->paths[i] + skip;
	const char *name, *email;
	split_author(im, im->o->author, &name, &email);
	buf msg = BUF_INIT;
	commit_message(im, ro, n, w->n, &msg);
	bool missing;
	repo *r = repo_open(im->o->content_dir, im->d, &missing);
	char id[41];
	int rc = 1;
	if (!r)
		diag_error(im->d, im->o->content_dir, 0, 0, "--commit: the "
			   "content folder is not in a git repository");
	else if (repo_commit_files(r, rel, w->n, name, email, msg.ptr, id,
				   im->d) == 0) {
		fprintf(out, "committed %.12s: %.*s\n", id,
			(int)strcspn(msg.ptr, "\n"), msg.ptr);
		rc = 0;
	}
	repo_free(r);
	buf_free(&msg);
	return rc;
}

/* ---- the command ---------------------------------------------------------- */

static int apply(imp *im, FILE *out)
{
	size_t n = count_reports(im), k = 0;
	if (diag_errors(im->d))
		return 1;
	if (!n) {
		fprintf(out, "%s: no reports to import (no row has a status)\n",
			im->o->path);
		return 0;
	}
	report_opts *ro = arena_alloc(im->a, n * sizeof *ro);
	char today[11];
	report_today(time(NULL), im->m->site.utc_offset_min, today);
	for (size_t i = 0; i < im->m->n_tasks; i++)
		if (im->in[i].status)
			ro[k++] = report_of(im, &im->in[i], today);
	report_written w = { 0 };
	int rc = report_run_all(ro, n, im->d, out, &w);
	if (rc == 0 && im->o->commit && w.n &&
	    commit_written(im, ro, n, &w, out))
		rc = LEDGER_NOT_COMMITTED;
	report_written_free(&w);
	return rc;
}

static int import_grids(imp *im, FILE *out)
{
	grid *g = read_grids(im);
	if (!g)
		return 1;
	size_t rows = 0;
	for (size_t i = 0; i < im->n_grids; i++)
		rows += read_grid(im, &g[i]);
	if (!rows && !diag_errors(im->d)) {
		if (im->n_grids == 1)
			cell_error(im, &g[0], 1, 1, "no ledger rows: the sheet "
				   "needs a header row with an id column "
				   "('… (id)') and a row per task or metric");
		else
			diag_error(im->d, im->o->path, 0, 0, "no ledger rows: "
				   "no sheet has a header row with an id column "
				   "('… (id)') and a row per task or metric");
	}
	return diag_errors(im->d) ? 1 : apply(im, out);
}

int ledger_import(const ledger_opts *o, diag *d, FILE *out)
{
	imp im = { .o = o, .d = d, .a = arena_new() };
	im.m = check_load(o->content_dir, d);
	int rc = 1;
	if (!im.m) {
		diag_error(d, o->content_dir, 0, 0, "the content has errors: "
			   "fix them before importing a ledger");
	} else if (ledger_words_load(&im.w, o->theme_dir, im.m, d) == 0) {
		im.ncols = ledger_columns(im.cols);
		im.in = arena_alloc(im.a, (im.m->n_tasks + 1) * sizeof *im.in);
		for (size_t i = 0; i < im.m->n_tasks; i++)
			im.in[i] = (task_in){ .narrative = arena_alloc(im.a,
				im.m->site.languages.n * sizeof(char *)) };
		rc = import_grids(&im, out);
	}
	ledger_words_free(&im.w);
	model_free(im.m);
	table_free(im.csv);
	arena_free(im.a);
	return rc;
}
