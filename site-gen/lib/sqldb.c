/* sqldb.c - SQLite behind sqldb.h. */
#include "sqldb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

struct sqldb {
	sqlite3 *db;
	sqlite3_stmt *insert;
	size_t n;
	char error[512];
};

static void fail(sqldb *db, const char *what)
{
	if (!*db->error)
		snprintf(db->error, sizeof db->error, "%s: %s", what,
			 sqlite3_errmsg(db->db));
}

sqldb *sqldb_new(void)
{
	sqldb *db = xcalloc(1, sizeof *db);
	if (sqlite3_open(":memory:", &db->db) != SQLITE_OK)
		fail(db, "cannot open an SQLite database in memory");
	return db;
}

void sqldb_exec(sqldb *db, const char *sql)
{
	if (!*db->error && sqlite3_exec(db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail(db, sql);
}

static void end_insert(sqldb *db)
{
	sqlite3_finalize(db->insert);
	db->insert = NULL;
}

void sqldb_insert(sqldb *db, const char *sql, size_t n)
{
	end_insert(db);
	if (*db->error)
		return;
	if (sqlite3_prepare_v2(db->db, sql, -1, &db->insert, NULL) != SQLITE_OK)
		fail(db, sql);
	db->n = n;
}

void sqldb_row(sqldb *db, const char *const *values)
{
	if (*db->error || !db->insert)
		return;
	for (size_t i = 0; i < db->n; i++)
		if (*values[i])
			sqlite3_bind_text(db->insert, (int)i + 1, values[i], -1,
					  SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(db->insert, (int)i + 1);
	if (sqlite3_step(db->insert) != SQLITE_DONE)
		fail(db, "insert");
	sqlite3_reset(db->insert);
	sqlite3_clear_bindings(db->insert);
}

const char *sqldb_bytes(sqldb *db, buf *out)
{
	end_insert(db);
	if (*db->error)
		return db->error;
	sqlite3_int64 n = 0;
	unsigned char *p = sqlite3_serialize(db->db, "main", &n, 0);
	if (!p) {
		fail(db, "cannot serialize the database");
		return db->error;
	}
	buf_put(out, p, (size_t)n);
	sqlite3_free(p);
	return NULL;
}

void sqldb_free(sqldb *db)
{
	if (!db)
		return;
	end_insert(db);
	sqlite3_close(db->db);
	free(db);
}
