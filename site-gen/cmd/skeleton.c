#include "skeleton.h"
#include "arena.h"
#include "buf.h"
#include "dir.h"
#include "load.h"
#include "schema.h"
#include "table.h"
#include "ydoc.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

typedef struct skel {
	const char *dir;         /* the new content folder */
	const char *rows_path;   /* the theme's new/rows.yaml */
	const strlist *langs;    /* of the copied site.yaml */
	arena *a;
	diag *d;
} skel;

/* Make `dir`, or take it when it is an empty folder. */
static int make_dir(const char *dir, diag *d)
{
	size_t n;
	char **names = dir_list(dir, &n);
	if (names) {
		dir_list_free(names, n);
		if (!n)
			return 0;
		diag_error(d, dir, 0, 0, "refusing to start a plan in a folder "
			   "that is not empty (name a new or empty folder)");
		return -1;
	}
	if (errno == ENOENT && mkdir(dir, 0777) == 0)
		return 0;
	diag_error(d, dir, 0, 0, "cannot make the folder: %s", strerror(errno));
	return -1;
}

/* dir_walk: copy each entry of the theme's new/files/ into the new
 * folder (ctx: the skel). */
static int copy_entry(void *ctx, const char *path, const char *rel,
		      const struct stat *st)
{
	const skel *s = ctx;
	buf to = BUF_INIT, tmp = BUF_INIT, data = BUF_INIT;
	buf_printf(&to, "%s/%s", s->dir, rel);
	buf_printf(&tmp, "%s.tmp", buf_cstr(&to));
	bool ok = S_ISDIR(st->st_mode) ? mkdir(buf_cstr(&to), 0777) == 0 :
		  buf_read_file(&data, path) == 0 &&
		  buf_write_file(buf_cstr(&to), buf_cstr(&tmp), data.ptr,
				 data.len) == 0;
	if (!ok)
		diag_error(s->d, buf_cstr(&to), 0, 0, "cannot copy %s here: %s",
			   path, strerror(errno));
	buf_free(&to);
	buf_free(&tmp);
	buf_free(&data);
	return ok ? 0 : 2;
}

/* The names of `t`'s columns as a header has them: a per-language column
 * once per language ("text_zh", "text_en"). */
static const char **column_names(const skel *s, const schema_table *t,
				 size_t *n)
{
	const char **v = arena_alloc(s->a, t->ncols * (s->langs->n + 1) *
					   sizeof *v);
	buf name = BUF_INIT;
	*n = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		if (!(t->cols[c].flags & SCHEMA_PER_LANG))
			v[(*n)++] = t->cols[c].name;
		for (size_t k = 0; (t->cols[c].flags & SCHEMA_PER_LANG) &&
				   k < s->langs->n; k++) {
			buf_clear(&name);
			buf_printf(&name, "%s_%s", t->cols[c].name,
				   s->langs->v[k]);
			v[(*n)++] = arena_strdup(s->a, buf_cstr(&name));
		}
	}
	buf_free(&name);
	return v;
}

static bool has_name(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* One example row (a map of column names to texts) as a CSV line. */
static void put_row(const skel *s, const schema_table *t, const char **cols,
		    size_t n, const ynode *row, buf *csv)
{
	if (row->kind != YNODE_MAP) {
		diag_error(s->d, s->rows_path, row->line, row->col, "a row of "
			   "%s must be a mapping of column names to values",
			   t->file);
		return;
	}
	for (size_t k = 0; k < row->n; k++)
		if (!has_name(cols, n, row->keys[k]->value))
			diag_error(s->d, s->rows_path, row->keys[k]->line,
				   row->keys[k]->col, "%s has no column '%s'",
				   t->file, row->keys[k]->value);
	for (size_t c = 0; c < n; c++) {
		const ynode *v = ydoc_get(row, cols[c]);
		if (v && v->kind != YNODE_SCALAR)
			diag_error(s->d, s->rows_path, v->line, v->col,
				   "'%s' must be a single value", cols[c]);
		if (c)
			buf_putc(csv, ',');
		table_write_cell(csv, v && v->kind == YNODE_SCALAR ? v->value :
				 "");
	}
	buf_putc(csv, '\n');
}

/* <dir>/<t's file>: the header, then the example rows `rows` (a list, or
 * NULL for none). */
static void write_table(const skel *s, const schema_table *t,
			const ynode *rows)
{
	size_t n;
	const char **cols = column_names(s, t, &n);
	buf csv = BUF_INIT, path = BUF_INIT, tmp = BUF_INIT;
	for (size_t c = 0; c < n; c++) {
		if (c)
			buf_putc(&csv, ',');
		table_write_cell(&csv, cols[c]);
	}
	buf_putc(&csv, '\n');
	if (rows && rows->kind != YNODE_SEQ)
		diag_error(s->d, s->rows_path, rows->line, rows->col, "the "
			   "rows of %s must be a list", t->file);
	for (size_t r = 0; rows && rows->kind == YNODE_SEQ && r < rows->n; r++)
		put_row(s, t, cols, n, rows->items[r], &csv);
	buf_printf(&path, "%s/%s", s->dir, t->file);
	buf_printf(&tmp, "%s.tmp", buf_cstr(&path));
	if (buf_write_file(buf_cstr(&path), buf_cstr(&tmp), csv.ptr,
			   csv.len) != 0)
		diag_error(s->d, buf_cstr(&path), 0, 0, "cannot write: %s",
			   strerror(errno));
	buf_free(&csv);
	buf_free(&path);
	buf_free(&tmp);
}

static const schema_table *table_named(const char *name)
{
	for (size_t t = 0; schema_tables[t]; t++)
		if (!strcmp(schema_tables[t]->name, name))
			return schema_tables[t];
	return NULL;
}

/* Every table of the schema, with the example rows of rows.yaml. */
static void write_tables(const skel *s)
{
	buf text = BUF_INIT;
	const ynode *rows = NULL;
	if (buf_read_file(&text, s->rows_path) != 0)
		diag_error(s->d, s->rows_path, 0, 0, "cannot read the example "
			   "rows of a new plan: %s", strerror(errno));
	else
		rows = ydoc_parse(s->a, s->rows_path, buf_cstr(&text), text.len,
				  0, s->d);
	if (rows && rows->kind != YNODE_MAP)
		diag_error(s->d, s->rows_path, rows->line, rows->col, "must be "
			   "a mapping of table names to lists of rows");
	for (size_t k = 0; rows && rows->kind == YNODE_MAP && k < rows->n; k++)
		if (!table_named(rows->keys[k]->value))
			diag_error(s->d, s->rows_path, rows->keys[k]->line,
				   rows->keys[k]->col, "no table is named '%s'",
				   rows->keys[k]->value);
	for (size_t t = 0; rows && schema_tables[t]; t++)
		write_table(s, schema_tables[t],
			    ydoc_get(rows, schema_tables[t]->name));
	buf_free(&text);
}

int skeleton_write(const char *dir, const char *theme_dir, diag *d)
{
	if (make_dir(dir, d) != 0)
		return -1;
	buf files = BUF_INIT, rows = BUF_INIT;
	buf_printf(&files, "%s/new/files", theme_dir);
	buf_printf(&rows, "%s/new/rows.yaml", theme_dir);
	skel s = { dir, buf_cstr(&rows), NULL, arena_new(), d };
	if (dir_walk(buf_cstr(&files), copy_entry, &s) < 0)
		diag_error(d, buf_cstr(&files), 0, 0, "cannot read the theme's "
			   "files for a new plan: %s", strerror(errno));
	if (!diag_errors(d)) {
		/* The languages, as check will read them. */
		diag *scratch = diag_new();
		model *m = load_content(dir, scratch);
		diag_free(scratch);
		s.langs = &m->site.languages;
		write_tables(&s);
		model_free(m);
	}
	arena_free(s.a);
	buf_free(&files);
	buf_free(&rows);
	return diag_errors(d) ? -1 : 0;
}
