/* sqldb.h - an SQLite database built in memory and handed over as the
 * bytes of its file. The only module that uses libsqlite3.
 *
 * Statements run in the order given, so the same statements give the
 * same bytes (SQLite's file holds no clock). Errors are kept: the first
 * failing statement's message is reported by sqldb_finish, and every call
 * after it does nothing.
 */
#ifndef SG_SQLDB_H
#define SG_SQLDB_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct sqldb sqldb;

/* A new empty database in memory (NULL only when out of memory). */
sqldb *sqldb_new(void);
/* Run `sql` (statements without parameters). */
void sqldb_exec(sqldb *db, const char *sql);
/* Prepare an INSERT with `n` '?' parameters; each sqldb_row then binds n
 * values and runs it. Values are bound as text, an empty one as NULL: the
 * column's declared type turns a number's text into an INTEGER or REAL
 * (SQLite's type affinity). */
void sqldb_insert(sqldb *db, const char *sql, size_t n);
void sqldb_row(sqldb *db, const char *const *values);
/* Append the database file's bytes to `out`; returns NULL on success, or
 * the first error's message (owned by db). */
const char *sqldb_bytes(sqldb *db, buf *out);
void sqldb_free(sqldb *db);

#endif
