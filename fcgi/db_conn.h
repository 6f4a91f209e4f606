/*
 * db_conn.h - the core's side of the database layer: opening and closing a
 * connection object.  Modules see only include/salient/db.h.
 */
#ifndef SALIENT_DB_CONN_H
#define SALIENT_DB_CONN_H

#include <mysql.h>

#include "salient/db.h"

struct sl_config;

/*
 * A connection object for c's database (read_only: the replica DSN when
 * configured, else the primary).  Does not connect yet: the first use
 * does.  Returns NULL when out of memory; free with db_close().
 */
struct sl_db *db_open(const struct sl_config *c, int read_only);
void db_close(struct sl_db *db);

/* Connects if needed and pings; 0 when the server answers, else -1. */
int db_ensure(struct sl_db *db);
/* The raw handle after db_ensure(), for the streaming readers. */
MYSQL *db_handle(struct sl_db *db);
/*
 * Binds b (s's parameters, NULL for none) and executes the cached statement
 * s; 0, or -1 with the statement's or the link's error on its connection.
 */
int db_stmt_bind_exec(struct sl_stmt *s, MYSQL_BIND *b);
/* Records an error on db (a lost link drops the connection). */
void db_set_error(struct sl_db *db, unsigned eno, const char *msg);
/*
 * The deadline of every statement db runs from now on (MariaDB's
 * max_statement_time; 0 = none): a statement still running after ms is
 * stopped by the server with ER_STATEMENT_TIMEOUT, and db_timed_out()
 * says so until the next db_deadline().  Set per request by the pipeline
 * (fcgi/request.c); a new connection gets it when it connects.  0 or -1.
 */
int db_deadline(struct sl_db *db, long ms);
int db_timed_out(const struct sl_db *db);
/* Runs one SQL text with no parameters and no rows (DDL, migrations). */
int db_query(struct sl_db *db, const char *sql, size_t len);

#endif
