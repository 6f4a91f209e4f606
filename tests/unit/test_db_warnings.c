/*
 * test_db_warnings.c - sl_db_warnings() (salient/db.h, fcgi/db_warnings.c)
 * against the test stack's database ($SALIENT_CONF, set by make test;
 * skipped without it): no warnings after a clean statement, the count and
 * the first warning's code and message after statements that raise one or
 * more, cleared by the next statement, the count alone
 * when there is no room for the text; and the importer's use of it
 * (pur_check_warnings(), modules/data/purchases.h) refusing a statement
 * that warned.  The rows are a temporary table of the test's own session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "purchases.h"
#include "salient/db.h"
#include "tap.h"
#include "tap_db.h"

/* Statements without rows, as the importer's: a comparison with a text
   that is not a number warns even in strict mode. */
static const struct sl_sql t_sql[] = {
	{ "CREATE TEMPORARY TABLE t_warn (n INT NOT NULL)", "" },
	{ "INSERT INTO t_warn (n) VALUES (1), (2), (3)", "" },
	{ "DELETE FROM t_warn WHERE n = 3", "" },
	{ "DELETE FROM t_warn WHERE n = '12x'", "" },
	{ "DELETE FROM t_warn WHERE n = '3y' OR n = CAST('4z' AS SIGNED)", "" },
	{ "SELECT COUNT(*) FROM t_warn", "" },
};
enum { T_TABLE, T_FILL, T_CLEAN, T_ONE, T_TWO, T_COUNT };

static void test_warnings(struct sl_db *db)
{
	char first[256];
	long long n = 0;

	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_CLEAN)), 1, "a clean statement runs");
	tap_is_long(sl_db_warnings(db, first, sizeof(first)), 0, "  and raises no warning");
	tap_is_str(first, "", "  the first warning is empty");

	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_ONE)), 0, "a comparison with '12x' runs");
	tap_is_long(sl_db_warnings(db, first, sizeof(first)), 1, "  and raises one warning");
	tap_ok(strncmp(first, "1292 ", 5) == 0 && strstr(first, "'12x'") != NULL,
	    "  the first warning as code and message: %s", first);

	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_TWO)), 0, "two bad comparisons run");
	tap_ok(sl_db_warnings(db, first, sizeof(first)) >= 2, "  and raise at least two warnings");
	tap_ok(strstr(first, "'3y'") != NULL, "  the first of them is named: %s", first);
	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_ONE)), 0, "the one warning again");
	tap_ok(sl_db_warnings(db, first, 8) == 1 && strlen(first) == 7,
	    "  a short buffer: the text cut to fit: '%s'", first);
	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_ONE)), 0, "and again");
	first[0] = 'x';
	tap_ok(sl_db_warnings(db, first, 0) == 1 && first[0] == 'x',
	    "  no room for the text: the count alone, the buffer untouched");

	tap_ok(sl_db_int(db, &n, SL_SQL(t_sql, T_COUNT)) == 1 && n == 2,
	    "the connection still answers");
	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_CLEAN)), 0, "a clean statement again");
	tap_is_long(sl_db_warnings(db, first, sizeof(first)), 0, "  cleared the warnings");
}

static void test_purchases(struct sl_db *db)
{
	char err[512] = "";

	tap_ok(pur_check_warnings(db, err, sizeof(err)) == 0 && err[0] == '\0',
	    "pur_check_warnings after a clean statement: 0");
	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_ONE)), 0, "a statement that warns");
	tap_is_long(pur_check_warnings(db, err, sizeof(err)), -1,
	    "pur_check_warnings refuses it (the derivation rolls back)");
	tap_ok(strstr(err, "purchases: the derivation raised 1 warning, the first: 1292 ") == err &&
	    strstr(err, "'12x'") != NULL, "  naming the warning: %s", err);
}

int main(void)
{
	struct sl_config *c;
	struct sl_db *db;

	if ((db = tap_db_open(&c)) == NULL)
		return 0;
	if (!tap_ok(sl_db_exec(db, SL_SQL(t_sql, T_TABLE)) >= 0 &&
	    sl_db_exec(db, SL_SQL(t_sql, T_FILL)) == 3, "a temporary table: %s", sl_db_error(db)))
		goto out;
	test_warnings(db);
	test_purchases(db);
out:
	tap_db_close(db, c);
	return tap_done();
}
