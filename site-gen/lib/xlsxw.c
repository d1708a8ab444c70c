#include "xlsxw.h"
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsxw {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *style[XLSXW_STYLES];
	char *path, *tmp;
	lxw_doc_properties props;
	lxw_error err;            /* the first error of a write */
	const char *err_what;
};

static void note(xlsxw *w, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR) {
		w->err = e;
		w->err_what = what;
	}
}

static lxw_format *style(lxw_workbook *wb, bool locked, bool date)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_border_color(f, 0xBFBFBF);
	if (!locked)
		format_set_unlocked(f);
	else
		format_set_bg_color(f, 0xEDEDED);
	if (date)
		format_set_num_format(f, "yyyy-mm-dd");
	return f;
}

static void make_styles(xlsxw *w)
{
	lxw_format *h = style(w->wb, true, false);
	format_set_bold(h);
	format_set_bg_color(h, 0xD9E1F2);
	w->style[XLSXW_HEADER] = h;
	w->style[XLSXW_FIXED] = style(w->wb, true, false);
	format_set_font_color(w->style[XLSXW_FIXED], 0x404040);
	w->style[XLSXW_FIXED_DATE] = style(w->wb, true, true);
	format_set_font_color(w->style[XLSXW_FIXED_DATE], 0x404040);
	w->style[XLSXW_INPUT] = style(w->wb, false, false);
	w->style[XLSXW_INPUT_DATE] = style(w->wb, false, true);
	lxw_format *n = workbook_add_format(w->wb);
	format_set_text_wrap(n);
	format_set_align(n, LXW_ALIGN_VERTICAL_TOP);
	w->style[XLSXW_NOTE] = n;
}

xlsxw *xlsxw_new(const char *path, const char *title, time_t created,
		 diag *d)
{
	xlsxw *w = xcalloc(1, sizeof *w);
	buf tmp = BUF_INIT;
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	buf_printf(&tmp, "%.*s.%s.%ld.tmp", (int)dir, path, path + dir,
		   (long)getpid());
	w->path = xstrdup(path);
	w->tmp = buf_detach(&tmp);
	w->wb = workbook_new(w->tmp);
	if (!w->wb) {
		diag_error(d, path, 0, 0, "cannot create the workbook");
		free(w->path), free(w->tmp), free(w);
		return NULL;
	}
	w->props.title = (char *)title;
	w->props.created = created;
	workbook_set_properties(w->wb, &w->props);
	make_styles(w);
	return w;
}

int xlsxw_sheet(xlsxw *w, const char *name)
{
	lxw_error e = workbook_validate_sheet_name(w->wb, name);
	note(w, e, name);
	w->ws = e == LXW_NO_ERROR ? workbook_add_worksheet(w->wb, name) : NULL;
	if (!w->ws)
		note(w, LXW_ERROR_MEMORY_MALLOC_FAILED, name);
	return w->ws ? 0 : -1;
}

void xlsxw_column(xlsxw *w, unsigned col, double width, xlsxw_style st)
{
	if (w->ws)
		note(w, worksheet_set_column(w->ws, (lxw_col_t)col, (lxw_col_t)col,
					     width, w->style[st]), "a column");
}

void xlsxw_text(xlsxw *w, unsigned row, unsigned col, const char *s,
		xlsxw_style st)
{
	if (w->ws)
		note(w, worksheet_write_string(w->ws, row, (lxw_col_t)col, s,
					       w->style[st]), s);
}

void xlsxw_number(xlsxw *w, unsigned row, unsigned col, double v,
		  xlsxw_style st)
{
	if (w->ws)
		note(w, worksheet_write_number(w->ws, row, (lxw_col_t)col, v,
					       w->style[st]), "a number");
}

void xlsxw_blank(xlsxw *w, unsigned row, unsigned col, xlsxw_style st)
{
	if (w->ws)
		note(w, worksheet_write_blank(w->ws, row, (lxw_col_t)col,
					      w->style[st]), "a blank cell");
}

static lxw_datetime datetime(const char *ymd)
{
	lxw_datetime t = { 0 };
	sscanf(ymd, "%4d-%2d-%2d", &t.year, &t.month, &t.day);
	return t;
}

void xlsxw_date(xlsxw *w, unsigned row, unsigned col, const char *ymd,
		xlsxw_style st)
{
	lxw_datetime t = datetime(ymd);
	if (w->ws)
		note(w, worksheet_write_datetime(w->ws, row, (lxw_col_t)col, &t,
						 w->style[st]), ymd);
}

static void check(xlsxw *w, unsigned col, unsigned first, unsigned last,
		  lxw_data_validation *v, const char *hint, const char *refusal)
{
	v->input_message = (char *)hint;
	v->error_message = (char *)refusal;
	v->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	if (w->ws && last >= first)
		note(w, worksheet_data_validation_range(w->ws, first,
			(lxw_col_t)col, last, (lxw_col_t)col, v), hint);
}

void xlsxw_check_list(xlsxw *w, unsigned col, unsigned first, unsigned last,
		      const char *const *items, size_t n, const char *hint,
		      const char *refusal)
{
	const char **list = xcalloc(n + 1, sizeof *list);
	memcpy(list, items, n * sizeof *list);
	lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_LIST,
				  .value_list = (char **)list };
	check(w, col, first, last, &v, hint, refusal);
	free(list);
}

void xlsxw_check_whole(xlsxw *w, unsigned col, unsigned first, unsigned last,
		       long min, long max, const char *hint,
		       const char *refusal)
{
	lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_INTEGER,
				  .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
				  .minimum_number = (double)min,
				  .maximum_number = (double)max };
	check(w, col, first, last, &v, hint, refusal);
}

void xlsxw_check_decimal(xlsxw *w, unsigned col, unsigned first,
			 unsigned last, const char *hint, const char *refusal)
{
	lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_DECIMAL,
				  .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
				  .minimum_number = -1e15,
				  .maximum_number = 1e15 };
	check(w, col, first, last, &v, hint, refusal);
}

void xlsxw_check_date(xlsxw *w, unsigned col, unsigned first, unsigned last,
		      const char *hint, const char *refusal)
{
	lxw_data_validation v = { .validate = LXW_VALIDATION_TYPE_DATE,
				  .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
				  .minimum_datetime = { 2000, 1, 1, 0, 0, 0 },
				  .maximum_datetime = { 2099, 12, 31, 0, 0, 0 } };
	check(w, col, first, last, &v, hint, refusal);
}

void xlsxw_row_lines(xlsxw *w, unsigned row, unsigned lines)
{
	if (w->ws)
		note(w, worksheet_set_row(w->ws, row, 15.0 * lines + 3, NULL),
		     "a row's height");
}

void xlsxw_print_wide(xlsxw *w, unsigned rows)
{
	if (!w->ws)
		return;
	worksheet_set_landscape(w->ws);
	worksheet_set_paper(w->ws, 9);             /* A4 */
	worksheet_fit_to_pages(w->ws, 1, 0);
	if (rows)
		note(w, worksheet_repeat_rows(w->ws, 0, rows - 1), "print titles");
}

void xlsxw_freeze(xlsxw *w, unsigned rows, unsigned cols)
{
	if (w->ws)
		worksheet_freeze_panes(w->ws, rows, (lxw_col_t)cols);
}

void xlsxw_protect(xlsxw *w)
{
	lxw_protection p = { .format_columns = 1, .format_rows = 1,
			     .sort = 1, .autofilter = 1 };
	if (w->ws)
		worksheet_protect(w->ws, NULL, &p);
}

int xlsxw_close(xlsxw *w, diag *d)
{
	lxw_error e = workbook_close(w->wb);
	int rc = 0;
	if (w->err != LXW_NO_ERROR) {
		diag_error(d, w->path, 0, 0, "cannot write %s: %s", w->err_what,
			   lxw_strerror(w->err));
		rc = -1;
	} else if (e != LXW_NO_ERROR) {
		diag_error(d, w->path, 0, 0, "cannot write the workbook: %s",
			   lxw_strerror(e));
		rc = -1;
	} else if (rename(w->tmp, w->path) != 0) {
		diag_error(d, w->path, 0, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(w->tmp);
	free(w->path), free(w->tmp), free(w);
	return rc;
}
