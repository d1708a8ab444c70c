/* export_sqlite.c - data/plan.sqlite: every table of the downloads in one
 * SQLite database, for datasette, the sqlite3 shell and pandas. Columns
 * are typed as in the Data Package (INTEGER, REAL; dates, lists and texts
 * as TEXT, dates in ISO form), each table has its primary key, its foreign
 * keys and an index on each of them; an empty cell is NULL. Values are the
 * JSON files' (no formula rule: a database cell is never a formula). */
#include "export_int.h"
#include "sqldb.h"

#include <string.h>

#define PATH "data/plan.sqlite"

static const char *sql_type(export_col_type t)
{
	return t == EXPORT_INTEGER ? "INTEGER" : t == EXPORT_NUMBER ? "REAL"
						 : "TEXT";
}

/* The key a reference to table `name` points at. */
static const char *key_of(const export_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->n_tables; i++)
		if (!strcmp(c->tables[i].name, name) && c->tables[i].key)
			return c->tables[i].key[0];
	return NULL;
}

/* Names are the tables' and columns' own (ids and tags): quoted, never
 * containing a quote. */
static void create(const export_ctx *c, sqldb *db, const export_table *t)
{
	buf sql = BUF_INIT;
	buf_printf(&sql, "CREATE TABLE \"%s\" (", t->name);
	for (size_t i = 0; i < t->ncols; i++) {
		const export_column *col = &t->cols[i];
		buf_printf(&sql, "%s\"%s\" %s%s", i ? ", " : "", col->name,
			   sql_type(col->type),
			   col->flags & EXPORT_REQUIRED ? " NOT NULL" : "");
	}
	for (size_t k = 0; t->key && t->key[k]; k++)
		buf_printf(&sql, "%s\"%s\"", k ? ", " : ", PRIMARY KEY (",
			   t->key[k]);
	if (t->key && t->key[0])
		buf_putc(&sql, ')');
	for (size_t i = 0; i < t->ncols; i++) {
		const export_column *col = &t->cols[i];
		const char *key = col->ref && col->type != EXPORT_LIST
			? key_of(c, col->ref) : NULL;
		if (key)
			buf_printf(&sql, ", FOREIGN KEY (\"%s\") REFERENCES "
				   "\"%s\" (\"%s\")", col->name, col->ref, key);
	}
	buf_puts(&sql, ");\n");
	for (size_t i = 0; i < t->ncols; i++) {
		const export_column *col = &t->cols[i];
		if (col->ref && col->type != EXPORT_LIST && key_of(c, col->ref))
			buf_printf(&sql, "CREATE INDEX \"%s_%s\" ON \"%s\" "
				   "(\"%s\");\n", t->name, col->name, t->name,
				   col->name);
	}
	sqldb_exec(db, buf_cstr(&sql));
	buf_free(&sql);
}

static void fill(const export_ctx *c, sqldb *db, const export_table *t)
{
	buf sql = BUF_INIT;
	buf_printf(&sql, "INSERT INTO \"%s\" VALUES (", t->name);
	for (size_t i = 0; i < t->ncols; i++)
		buf_puts(&sql, i ? ", ?" : "?");
	buf_putc(&sql, ')');
	sqldb_insert(db, buf_cstr(&sql), t->ncols);
	export_grid g = export_tables_grid(c, t);
	for (size_t r = 0; r < g.n; r++)
		sqldb_row(db, &g.cells[r * t->ncols]);
	export_tables_grid_free(&g);
	buf_free(&sql);
}

int export_sqlite_write(export_ctx *c)
{
	static const export_kind kind = { "sqlite", "application/vnd.sqlite3",
					  "meta_kind_sqlite" };
	sqldb *db = sqldb_new();
	sqldb_exec(db, "PRAGMA page_size = 4096; BEGIN;");
	for (size_t i = 0; i < c->n_tables; i++)
		create(c, db, &c->tables[i]);
	for (size_t i = 0; i < c->n_tables; i++)
		fill(c, db, &c->tables[i]);
	sqldb_exec(db, "COMMIT;");
	buf b = BUF_INIT;
	const char *err = sqldb_bytes(db, &b);
	int rc = -1;
	if (err)
		diag_error(c->d, PATH, 0, 0, "cannot build the SQLite file: %s",
			   err);
	else
		rc = export_emit(c, &kind, PATH, "", export_words(c,
					"meta_sqlite_title"), b.ptr, b.len, 0);
	buf_free(&b);
	sqldb_free(db);
	return rc;
}
