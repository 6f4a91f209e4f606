/*
 * db.h - the database layer of the module API (MariaDB Connector/C).
 *
 * Each responder thread and each worker owns one struct sl_db: one
 * connection, connected on demand and again after the server went away.
 * SQL lives in const strings in the calling module (one array per module,
 * DESIGN.md habit 4); statements are prepared once per connection and cached
 * by the address of that string, so the same text must come from the same
 * constant.  Values are always bound, never pasted into SQL.
 *
 * Parameter type letters for the variadic calls:
 *   's'  const char *        (NULL binds SQL NULL)
 *   'b'  const void *, size_t  (bytes; NULL binds SQL NULL)
 *   'i'  long long
 *   'u'  unsigned long long
 *   'd'  double
 */
#ifndef SALIENT_DB_H
#define SALIENT_DB_H

#include <stddef.h>

#include <json-c/json.h>

struct sl_db;
struct sl_stmt;

/*
 * A module's statements are one const table (DESIGN.md habit 4, as
 * openradtool generates them): an enum of statement ids indexing an array
 * of {sql, types}, types being the parameter letters above, one per '?'.
 * The module names the table in its struct sl_module (.sql, .nsql), and
 * `salient sql check` (run by make test) prepares every statement against
 * the migrated schema and compares its parameter count with its types.
 * Call sites take both from the table, so they cannot disagree:
 *
 *   enum { CU_COUNT, CU_NSQL };
 *   static const struct sl_sql cu_sql[CU_NSQL] = {
 *       [CU_COUNT] = { "SELECT COUNT(*) FROM customers WHERE smart_type = ?", "s" },
 *   };
 *   sl_db_int(db, &n, SL_SQL(cu_sql, CU_COUNT), type);
 */
struct sl_sql {
	const char *sql;
	const char *types;   /* "" for none */
};

/* The sql and types arguments of the calls below, from a statement table. */
#define SL_SQL(table, id) (table)[id].sql, (table)[id].types

/*
 * Maximum parameters of one variadic call (sl_db_exec_rows() binds more)
 * and result columns of one statement.
 */
#define SL_DB_MAXPARAMS 64
#define SL_DB_MAXCOLS 64

/*
 * Returns the prepared statement for sql on this connection, preparing it on
 * first use; NULL on failure (see sl_db_error()).  Owned by the connection:
 * never freed by the caller, invalid after a reconnect.
 */
struct sl_stmt *sl_db_stmt(struct sl_db *db, const char *sql);

/* Binds the parameters and executes; 0 or -1.  Results stream (unbuffered). */
int sl_stmt_exec(struct sl_stmt *st, const char *types, ...);
/* Next row: 1 = a row, 0 = no more rows, -1 = error. */
int sl_stmt_fetch(struct sl_stmt *st);
/* Discards any rows not fetched, so the connection can run the next query. */
void sl_stmt_done(struct sl_stmt *st);
/* Column accessors for the current row (col from 0). NULL for SQL NULL. */
const char *sl_stmt_str(struct sl_stmt *st, unsigned col, size_t *len);
long long sl_stmt_int(struct sl_stmt *st, unsigned col);
int sl_stmt_isnull(struct sl_stmt *st, unsigned col);
unsigned sl_stmt_ncols(struct sl_stmt *st);
/* The number of '?' parameters the server counted when it prepared st. */
unsigned sl_stmt_nparams(struct sl_stmt *st);
unsigned long long sl_stmt_affected(struct sl_stmt *st);
unsigned long long sl_stmt_insert_id(struct sl_stmt *st);

/*
 * Runs a statement and returns its rows as a JSON array of objects keyed by
 * column name: integers as integers, DECIMAL as numbers with their exact
 * text, dates and times as ISO 8601 strings, NULL as null.  Returns NULL on
 * failure; free with json_object_put().
 */
struct json_object *sl_db_rows(struct sl_db *db, const char *sql,
    const char *types, ...);
/*
 * As sl_db_rows() for at most one row: returns 1 with the row's object in
 * *out (free with json_object_put()), 0 when there is no row (*out NULL),
 * or -1 on failure.
 */
int sl_db_row(struct sl_db *db, struct json_object **out, const char *sql,
    const char *types, ...);
/*
 * The first column of the first row as an integer: 1 with it in *v, 0 when
 * there is no row or the value is NULL (*v untouched), -1 on failure.
 */
int sl_db_int(struct sl_db *db, long long *v, const char *sql, const char *types, ...);
/* Runs a statement without rows; returns affected rows, or -1. */
long long sl_db_exec(struct sl_db *db, const char *sql, const char *types, ...);

int sl_db_begin(struct sl_db *db);
int sl_db_commit(struct sl_db *db);
void sl_db_rollback(struct sl_db *db);

/* The last error of this connection, for logs ("" when none). */
const char *sl_db_error(const struct sl_db *db);
/*
 * True when the last failure was the server being unreachable (the request
 * should answer 503 and the next one reconnects).
 */
int sl_db_gone(const struct sl_db *db);

/*
 * A second, separate connection with db's parameters and session, for work
 * in a parallel thread (or LOAD DATA LOCAL when local_infile is set).  NULL
 * with the reason in err; the caller owns it: free with sl_db_close().
 */
struct sl_db *sl_db_extra(const struct sl_db *db, int local_infile, char *err, size_t errlen);
void sl_db_close(struct sl_db *db);

/*
 * A typed streamed cursor (binary protocol, rows not buffered): the rows of
 * one statement of a module's table, read into the caller's storage
 * without allocating per row.
 *
 *   c = sl_cursor_open(db, SL_SQL(t, ID), params...);
 *   sl_cursor_bind(c, "nDs", &id, &day, buf, sizeof(buf), &len);
 *   while ((rc = sl_cursor_fetch(c)) == 1) ...;
 *   sl_cursor_close(c);
 *
 * Result letters: 'i' long long *, 'u' unsigned long long *, 'n' unsigned *
 * (an INT UNSIGNED id), 'd' double *, 'D' long long * (a DATE as days since
 * 1970-01-01), 's' char *, size_t size, size_t * (the text cut to size - 1
 * bytes, NUL-terminated, its length out).  A NULL leaves the storage as it
 * was: see sl_cursor_isnull().  Only one cursor streams on a connection at
 * a time.  sl_cursor_open() returns NULL on failure (sl_db_error(db));
 * free with sl_cursor_close().
 */
struct sl_cursor;
struct sl_cursor *sl_cursor_open(struct sl_db *db, const char *sql, const char *types, ...);
/* Binds the result columns, one letter each; 0 or -1 (sl_cursor_error()). */
int sl_cursor_bind(struct sl_cursor *c, const char *cols, ...);
/* Next row: 1 = a row, 0 = no more rows, -1 = error (sl_cursor_error()). */
int sl_cursor_fetch(struct sl_cursor *c);
int sl_cursor_isnull(const struct sl_cursor *c, unsigned col);
const char *sl_cursor_error(const struct sl_cursor *c);
/* Discards the rows not read and frees c (NULL is fine). */
void sl_cursor_close(struct sl_cursor *c);

/* ---- rawdata (issue 14 item 2): the warnings a statement raised ---- */

/*
 * The number of warnings the last statement without rows (sl_db_exec(),
 * sl_db_exec_rows()) raised on db: 0 when none, or when db has no
 * connection.  When there are some and len > 0, the first of them in
 * first as "CODE MESSAGE" (SHOW WARNINGS; "" when it cannot be read).
 * Call it once, right after the statement: the next statement, this
 * reading included, clears them.
 */
unsigned sl_db_warnings(struct sl_db *db, char *first, size_t len);

/* ---- rawpred (issue 14 item 2): a multi-row statement bound from rows ---- */

/* One field of the caller's row struct: its parameter letter and offsetof(). */
struct sl_db_field {
	char type;
	size_t offset;
};

/*
 * Runs sql, a statement without rows whose parameters are nrows
 * repetitions of one row's (a multi-row INSERT ... VALUES (?, ?), (?, ?),
 * ...), binding row k's parameter j from the field at (const char *)rows +
 * k * size + fields[j].offset.  fields ends with a { 0 } entry; types
 * (from the statement table) must be the fields' letters nrows times.  A
 * field has the C type the variadic calls take for its letter: 's' const
 * char * (NULL binds SQL NULL), 'i' long long, 'u' unsigned long long,
 * 'd' double.  No SL_DB_MAXPARAMS limit: the server's, 65535 a statement.
 * Prepared and cached as sl_db_stmt() does.  Returns the affected rows,
 * or -1 (sl_db_error()).
 */
long long sl_db_exec_rows(struct sl_db *db, const char *sql, const char *types,
    const struct sl_db_field *fields, const void *rows, size_t size, size_t nrows);

/* ---- rawcl (issue 14 item 2): LOAD DATA LOCAL INFILE fed from memory ---- */

/*
 * Writes at most len bytes of the load's text into buf; returns how many,
 * 0 at the end of the data, or -1 to abort the load (the statement then
 * fails).
 */
typedef long (*sl_db_reader)(void *arg, char *buf, size_t len);

/*
 * Runs sql, a "LOAD DATA LOCAL INFILE 'name' INTO TABLE ..." from a
 * statement table (types must be "": LOAD DATA takes no parameters and
 * cannot be prepared, so it is sent as text), with the file's contents
 * read from read(arg, ...) instead of any file: name only labels the
 * data.  db must allow LOCAL INFILE: a connection from sl_db_extra(db, 1,
 * ...).  Returns the rows the server loaded, or -1 (sl_db_error(); a
 * reader's -1 reads "the rows to load could not be produced").
 */
long long sl_db_load(struct sl_db *db, const char *sql, const char *types,
    sl_db_reader read, void *arg);

#endif
