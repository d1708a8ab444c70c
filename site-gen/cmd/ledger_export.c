/* ledger_export.c - a department's ledger, as a workbook or a CSV file
 * (ledger.h). */
#include "ledger_int.h"
#include "check.h"
#include "text.h"
#include "table.h"
#include "unorm.h"
#include "xlsxw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A column of a sheet, in one language. */
typedef struct slot {
	const ledger_col *col;
	size_t lang;
} slot;

typedef struct lx {
	const ledger_opts *o;
	diag *d;
	model *m;
	ledger_words w;
	ledger_col cols[LEDGER_MAX_COLS];
	size_t ncols;
	const task **tasks;
	size_t n_tasks;
	const metric **metrics;
	size_t n_metrics;
} lx;

/* ---- what the rows are --------------------------------------------------- */

static bool pick(lx *x)
{
	const unit *u = x->o->unit ? model_unit(x->m, x->o->unit) : NULL;
	if (x->o->unit && !u) {
		diag_error(x->d, "", 0, 0, "--unit %s: no such unit in units.csv",
			   x->o->unit);
		return false;
	}
	x->tasks = xcalloc(x->m->n_tasks + 1, sizeof *x->tasks);
	x->metrics = xcalloc(x->m->n_metrics + 1, sizeof *x->metrics);
	for (size_t i = 0; i < x->m->n_tasks; i++) {
		const task *t = &x->m->tasks[i];
		if (u && t->lead != u)
			continue;
		x->tasks[x->n_tasks++] = t;
		for (size_t k = 0; k < t->n_metrics; k++)
			x->metrics[x->n_metrics++] = t->metrics[k];
	}
	return true;
}

static size_t slots_of(const lx *x, ledger_sheet s, slot *out)
{
	size_t n = 0;
	for (size_t i = 0; i < x->ncols; i++) {
		const ledger_col *c = &x->cols[i];
		if (c->sheet != s)
			continue;
		size_t langs = c->langs == LEDGER_EACH_LANG ? x->m->site.n_written : 1;
		for (size_t l = 0; l < langs; l++)
			out[n++] = (slot){ c, l };
	}
	return n;
}

static const char *lang_tag(const lx *x, size_t l)
{
	return x->m->site.languages.v[l];
}

/* ---- the cells ------------------------------------------------------------ */

static void target_text(const metric *mt, buf *out)
{
	static const char *const sign[][2] = { { "ge", "≥" }, { "le", "≤" },
		{ "gt", ">" }, { "lt", "<" }, { "eq", "=" } };
	if (!strcmp(mt->comparator, "between")) {
		buf_printf(out, "%s–%s", mt->target_text, mt->target_max_text);
	} else {
		for (size_t i = 0; i < sizeof sign / sizeof *sign; i++)
			if (!strcmp(mt->comparator, sign[i][0]))
				buf_printf(out, "%s ", sign[i][1]);
		buf_puts(out, mt->target_text);
	}
	const char *u = ltext_get(mt->unit, 0);
	if (*u)
		buf_printf(out, " %s", u);
}

static const char *last_actual(const metric *mt)
{
	const progress *p = mt->task ? mt->task->progress : NULL;
	for (size_t i = 0; p && i < p->n_actuals; i++)
		if (!strcmp(p->actuals[i].metric_id, mt->id))
			return p->actuals[i].text;
	return "";
}

static void task_cell(const lx *x, const slot *s, const task *t, buf *out)
{
	const progress *p = t->progress;
	switch (s->col->field) {
	case LEDGER_ID: buf_puts(out, t->id); break;
	case LEDGER_TEXT: buf_puts(out, ltext_get(t->text, 0)); break;
	case LEDGER_LEAD:
		buf_puts(out, t->lead ? model_text(x->m, t->lead->name, 0)
			      : t->lead_id);
		break;
	case LEDGER_DUE: buf_puts(out, t->due ? t->due : ""); break;
	case LEDGER_LAST_STATUS:
		if (p)
			buf_puts(out, ledger_status_label(&x->w, p->status));
		break;
	case LEDGER_LAST_PROGRESS:
		if (p && p->percent >= 0)
			buf_printf(out, "%ld", p->percent);
		break;
	case LEDGER_LAST_AS_OF: buf_puts(out, p ? p->as_of : ""); break;
	case LEDGER_AS_OF:
		buf_puts(out, x->o->as_of ? x->o->as_of : "");
		break;
	default: break;             /* the other inputs start empty */
	}
}

static void metric_cell(const slot *s, const metric *mt, buf *out)
{
	switch (s->col->field) {
	case LEDGER_ID: buf_puts(out, mt->id); break;
	case LEDGER_TASK: buf_puts(out, mt->task_id); break;
	case LEDGER_NAME: buf_puts(out, ltext_get(mt->name, 0)); break;
	case LEDGER_TARGET: target_text(mt, out); break;
	case LEDGER_LAST_ACTUAL: buf_puts(out, last_actual(mt)); break;
	default: break;
	}
}

/* Row `row` (0-based, after the header) of sheet `s`. */
static void cell(const lx *x, ledger_sheet sheet, size_t row, const slot *s,
		 buf *out)
{
	if (sheet == LEDGER_TASKS)
		task_cell(x, s, x->tasks[row], out);
	else
		metric_cell(s, x->metrics[row], out);
}

static size_t rows_of(const lx *x, ledger_sheet s)
{
	return s == LEDGER_TASKS ? x->n_tasks : x->n_metrics;
}

/* ---- the workbook ---------------------------------------------------------- */

static void write_cell(xlsxw *w, unsigned r, unsigned c, const ledger_col *col,
		       const char *v)
{
	double num;
	if (!*v && col->input)
		xlsxw_blank(w, r, c, col->kind == LEDGER_IS_DATE ? XLSXW_INPUT_DATE
							     : XLSXW_INPUT);
	else if (!*v)
		return;
	else if (col->kind == LEDGER_IS_DATE && text_parse_date(v, NULL))
		xlsxw_date(w, r, c, v, col->input ? XLSXW_INPUT_DATE
						  : XLSXW_FIXED_DATE);
	else if (col->kind == LEDGER_IS_NUMBER && text_parse_number(v, &num))
		xlsxw_number(w, r, c, num, col->input ? XLSXW_INPUT : XLSXW_FIXED);
	else
		xlsxw_text(w, r, c, v, col->input ? XLSXW_INPUT : XLSXW_FIXED);
}

static void input_check(const lx *x, xlsxw *w, unsigned c, const ledger_col *col,
			unsigned last)
{
	const char *labels[STATUS_COUNT];
	size_t n = 0;
	switch (col->field) {
	case LEDGER_STATUS:
		for (task_status s = STATUS_NOT_STARTED; s < STATUS_COUNT; s++)
			labels[n++] = ledger_status_label(&x->w, s);
		xlsxw_check_list(w, c, 1, last, labels, n,
				 ledger_word(&x->w, "ledger_hint_status"),
				 ledger_word(&x->w, "ledger_refuse_status"));
		break;
	case LEDGER_PROGRESS:
		xlsxw_check_whole(w, c, 1, last, 0, 100,
				  ledger_word(&x->w, "ledger_hint_progress"),
				  ledger_word(&x->w, "ledger_refuse_progress"));
		break;
	case LEDGER_AS_OF:
		xlsxw_check_date(w, c, 1, last,
				 ledger_word(&x->w, "ledger_hint_as_of"),
				 ledger_word(&x->w, "ledger_refuse_as_of"));
		break;
	case LEDGER_ACTUAL:
		xlsxw_check_decimal(w, c, 1, last,
				    ledger_word(&x->w, "ledger_hint_actual"),
				    ledger_word(&x->w, "ledger_refuse_actual"));
		break;
	default: break;
	}
}

static const char *sheet_word[] = { "ledger_sheet_tasks", "ledger_sheet_metrics" };

/* Each row as high as its longest cell needs (the header's too). */
static void row_heights(const lx *x, xlsxw *w, ledger_sheet sheet,
			const slot *s, size_t ns)
{
	buf v = BUF_INIT;
	for (size_t r = 0; r <= rows_of(x, sheet); r++) {
		size_t lines = 1;
		for (size_t c = 0; c < ns; c++) {
			buf_clear(&v);
			if (r)
				cell(x, sheet, r - 1, &s[c], &v);
			else
				ledger_header(&x->w, s[c].col, lang_tag(x, s[c].lang), &v);
			size_t k = unorm_lines(buf_cstr(&v), (size_t)s[c].col->width);
			lines = k > lines ? k : lines;
		}
		xlsxw_row_lines(w, (unsigned)r, (unsigned)(lines < 12 ? lines : 12));
	}
	buf_free(&v);
}

static void write_sheet(const lx *x, xlsxw *w, ledger_sheet sheet)
{
	slot s[LEDGER_MAX_COLS * 4];
	size_t ns = slots_of(x, sheet, s), nr = rows_of(x, sheet);
	xlsxw_sheet(w, ledger_word(&x->w, sheet_word[sheet]));
	row_heights(x, w, sheet, s, ns);
	buf v = BUF_INIT;
	for (unsigned c = 0; c < ns; c++) {
		const ledger_col *col = s[c].col;
		buf_clear(&v);
		ledger_header(&x->w, col, lang_tag(x, s[c].lang), &v);
		xlsxw_column(w, c, col->width, col->input ? XLSXW_INPUT
							   : XLSXW_FIXED);
		xlsxw_text(w, 0, c, v.ptr, XLSXW_HEADER);
		for (size_t r = 0; r < nr; r++) {
			buf_clear(&v);
			cell(x, sheet, r, &s[c], &v);
			write_cell(w, (unsigned)r + 1, c, col, buf_cstr(&v));
		}
		if (col->input && nr)
			input_check(x, w, c, col, (unsigned)nr);
	}
	buf_free(&v);
	xlsxw_freeze(w, 1, 1);
	xlsxw_print_wide(w, 1);
	xlsxw_protect(w);
}

static void write_about(const lx *x, xlsxw *w)
{
	buf line = BUF_INIT;
	xlsxw_sheet(w, ledger_word(&x->w, "ledger_sheet_about"));
	xlsxw_column(w, 0, 90, XLSXW_NOTE);
	words_expand1(&line, ledger_word(&x->w, "ledger_about_title"), "plan",
		      model_text(x->m, x->m->site.plan_title, 0));
	xlsxw_text(w, 0, 0, line.ptr, XLSXW_NOTE);
	buf_clear(&line);
	const unit *u = x->o->unit ? model_unit(x->m, x->o->unit) : NULL;
	if (u)
		words_expand1(&line, ledger_word(&x->w, "ledger_about_unit"),
			      "unit", model_text(x->m, u->name, 0));
	else
		buf_puts(&line, ledger_word(&x->w, "ledger_about_all_units"));
	xlsxw_text(w, 1, 0, line.ptr, XLSXW_NOTE);
	unsigned row = 2;
	if (x->o->as_of) {
		buf_clear(&line);
		words_expand1(&line, ledger_word(&x->w, "ledger_about_as_of"),
			      "date", x->o->as_of);
		xlsxw_text(w, row++, 0, line.ptr, XLSXW_NOTE);
	}
	xlsxw_text(w, row + 1, 0, ledger_word(&x->w, "ledger_about_how"),
		   XLSXW_NOTE);
	buf_free(&line);
}

/* The document's date, for a file that does not change from run to run:
 * the round's date, else the newest report's, else the plan's issue. */
static time_t created(const lx *x)
{
	long day = 0;
	if (!(x->o->as_of && text_parse_date(x->o->as_of, &day)) &&
	    !text_parse_date(model_newest_as_of(x->m), &day))
		text_parse_date(x->m->site.issued, &day);
	return (time_t)day * 86400;
}

static int write_xlsx(const lx *x)
{
	buf title = BUF_INIT;
	words_expand1(&title, ledger_word(&x->w, "ledger_about_title"), "plan",
		      model_text(x->m, x->m->site.plan_title, 0));
	xlsxw *w = xlsxw_new(x->o->path, title.ptr, created(x), x->d);
	buf_free(&title);
	if (!w)
		return 1;
	write_sheet(x, w, LEDGER_TASKS);
	write_sheet(x, w, LEDGER_METRICS);
	write_about(x, w);
	return xlsxw_close(w, x->d) ? 1 : 0;
}

/* ---- the CSV file ----------------------------------------------------------- */

/* Both sheets in one table: the task rows, then the metric rows; a key
 * both sheets have (id) is one column. */
static size_t csv_slots(const lx *x, slot *out)
{
	size_t n = slots_of(x, LEDGER_TASKS, out);
	slot m[LEDGER_MAX_COLS * 4];
	size_t nm = slots_of(x, LEDGER_METRICS, m);
	for (size_t i = 0; i < nm; i++) {
		size_t k = 0;
		while (k < n && strcmp(out[k].col->name, m[i].col->name))
			k++;
		if (k == n)
			out[n++] = m[i];
	}
	return n;
}

static void csv_row(const lx *x, ledger_sheet sheet, size_t row,
		    const slot *s, size_t ns, buf *out)
{
	buf v = BUF_INIT;
	for (size_t c = 0; c < ns; c++) {
		buf_clear(&v);
		slot own = s[c];
		if (own.col->sheet != sheet) {     /* the shared id column */
			for (size_t i = 0; i < x->ncols; i++)
				if (x->cols[i].sheet == sheet &&
				    !strcmp(x->cols[i].name, own.col->name))
					own.col = &x->cols[i];
		}
		if (own.col->sheet == sheet)
			cell(x, sheet, row, &own, &v);
		if (c)
			buf_putc(out, ',');
		table_write_cell(out, buf_cstr(&v));
	}
	buf_puts(out, "\r\n");
	buf_free(&v);
}

static int write_csv(const lx *x)
{
	slot s[LEDGER_MAX_COLS * 8];
	size_t ns = csv_slots(x, s);
	buf out = BUF_INIT, h = BUF_INIT, tmp = BUF_INIT;
	buf_puts(&out, "\xef\xbb\xbf");
	for (size_t c = 0; c < ns; c++) {
		buf_clear(&h);
		ledger_header(&x->w, s[c].col, lang_tag(x, s[c].lang), &h);
		if (c)
			buf_putc(&out, ',');
		table_write_cell(&out, h.ptr);
	}
	buf_puts(&out, "\r\n");
	for (ledger_sheet sh = LEDGER_TASKS; sh < LEDGER_SHEETS; sh++)
		for (size_t r = 0; r < rows_of(x, sh); r++)
			csv_row(x, sh, r, s, ns, &out);
	buf_printf(&tmp, "%s.%ld.tmp", x->o->path, (long)getpid());
	int rc = buf_write_file(x->o->path, tmp.ptr, out.ptr, out.len);
	if (rc)
		diag_error(x->d, x->o->path, 0, 0, "cannot write: %s",
			   strerror(errno));
	buf_free(&out), buf_free(&h), buf_free(&tmp);
	return rc ? 1 : 0;
}

/* ---- the command -------------------------------------------------------------- */

static bool is_csv(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && !strcasecmp(path + n - 4, ".csv");
}

int ledger_export(const ledger_opts *o, diag *d)
{
	lx x = { .o = o, .d = d };
	x.m = check_load(o->content_dir, d);
	if (!x.m) {
		diag_error(d, o->content_dir, 0, 0, "the content has errors: "
			   "no ledger is written until check passes");
		return 1;
	}
	x.ncols = ledger_columns(x.cols);
	int rc = 1;
	if (ledger_words_load(&x.w, o->theme_dir, x.m, d) == 0 && pick(&x))
		rc = is_csv(o->path) ? write_csv(&x) : write_xlsx(&x);
	ledger_words_free(&x.w);
	free(x.tasks);
	free(x.metrics);
	model_free(x.m);
	return rc;
}
