/*
 * test_db_deadline.c - the statement deadline of a request (db_deadline(),
 * fcgi/db.c; [server] request_seconds): against the test stack's database
 * ($SALIENT_CONF, set by make test; skipped without it).  A statement that
 * runs past the deadline is stopped by the server and db_timed_out() says
 * so; a quick one under the same deadline runs; the deadline survives a
 * reconnect; 0 lifts it; the next db_deadline() clears the flag.
 */
#include <stdio.h>

#include "salient/db.h"
#include "tap.h"
#include "tap_db.h"

/* A statement that takes a few seconds of the server's time (a cross join
   of MariaDB's sequence engine, counted) and a quick one. */
static const struct sl_sql t_sql[] = {
	{ "SELECT COUNT(*) FROM seq_1_to_100000 a, seq_1_to_100000 b WHERE a.seq + b.seq = 7", "" },
	{ "SELECT 1", "" },
	{ "SELECT ROUND(@@max_statement_time * 1000)", "" },
};
enum { T_SLOW, T_QUICK, T_SETTING };

int main(void)
{
	struct sl_config *c;
	struct sl_db *db;
	long long n = 0;

	if ((db = tap_db_open(&c)) == NULL)
		return 0;
	tap_is_long(db_deadline(db, 300), 0, "a deadline of 300 ms is set");
	tap_ok(sl_db_int(db, &n, SL_SQL(t_sql, T_SETTING)) == 1 && n == 300,
	    "  the session's max_statement_time is 0.3 s (%lld ms)", n);
	tap_ok(sl_db_int(db, &n, SL_SQL(t_sql, T_QUICK)) == 1 && n == 1 && !db_timed_out(db),
	    "a quick statement runs under it");
	tap_is_long(sl_db_int(db, &n, SL_SQL(t_sql, T_SLOW)), -1, "a slow statement is stopped");
	tap_ok(db_timed_out(db), "  and db_timed_out() says so: %s", sl_db_error(db));
	tap_ok(!sl_db_gone(db), "  the connection stays");
	tap_is_long(db_deadline(db, 300), 0, "the next request's deadline");
	tap_ok(!db_timed_out(db), "  clears the flag");
	db_set_error(db, 2013, "lost");   /* drop the link: the next use reconnects */
	n = -1;
	tap_ok(sl_db_int(db, &n, SL_SQL(t_sql, T_SETTING)) == 1 && n == 300,
	    "a new connection has the deadline (%lld ms)", n);
	db_deadline(db, 0);
	n = -1;
	tap_ok(sl_db_int(db, &n, SL_SQL(t_sql, T_SETTING)) == 1 && n == 0,
	    "0 lifts it (%lld ms)", n);
	tap_db_close(db, c);
	return tap_done();
}
