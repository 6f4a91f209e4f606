/*
 * test_db_rows.c - sl_db_exec_rows() (salient/db.h) against the test
 * stack's database ($SALIENT_CONF, set by make test; skipped without it):
 * every letter bound from its field and read back exactly, SQL NULL, more
 * parameters than SL_DB_MAXPARAMS, the caller's mistakes and the server's
 * errors refused with the connection still usable, and the variadic calls
 * refusing a statement with more parameters than they bind.  The rows go
 * into a temporary table of the test's own session.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/db.h"
#include "tap.h"
#include "tap_db.h"

struct trow {
	unsigned long long	 id;
	long long		 big;
	const char		*name;
	const char		*amount;	/* DECIMAL as its text */
	double			 score;
};

static const struct sl_db_field fields[] = {
	{ 'u', offsetof(struct trow, id) },
	{ 'i', offsetof(struct trow, big) },
	{ 's', offsetof(struct trow, name) },
	{ 's', offsetof(struct trow, amount) },
	{ 'd', offsetof(struct trow, score) },
	{ 0, 0 },
};

#define ROW "(?,?,?,?,?)"
#define X4(s) s s s s
#define ROWS_5 ROW X4("," ROW)
#define ROWS_20 ROWS_5 "," ROWS_5 "," ROWS_5 "," ROWS_5

static const char sql_table[] =
    "CREATE TEMPORARY TABLE t_rows (id INT UNSIGNED PRIMARY KEY, big BIGINT NOT NULL, "
    "name VARCHAR(40) NULL, amount DECIMAL(14,4) NOT NULL, score DOUBLE NOT NULL)";
static const struct sl_sql t_sql[] = {
	{ "INSERT INTO t_rows (id, big, name, amount, score) VALUES " ROW "," ROW "," ROW,
	    "uissd" "uissd" "uissd" },
	{ "INSERT INTO t_rows (id, big, name, amount, score) VALUES " ROWS_20,
	    X4("uissd" "uissd" "uissd" "uissd" "uissd") },
	{ "SELECT id, big, name, amount, score FROM t_rows WHERE id < 100 ORDER BY id", "" },
	{ "SELECT COUNT(*), SUM(id), SUM(big), SUM(amount), SUM(name IS NULL) FROM t_rows "
	    "WHERE id >= 100", "" },
	{ "SELECT COUNT(*) FROM t_rows", "" },
};
enum { T_PUT3, T_PUT20, T_READ, T_SUMS, T_COUNT };

/* The rows of statement id as one line of text: "a|b|c;a|b|c;". */
static void rows_text(struct sl_db *db, int id, char *out, size_t size)
{
	struct json_object *rows = sl_db_rows(db, SL_SQL(t_sql, id));
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; rows != NULL && i < json_object_array_length(rows); i++) {
		struct json_object *row = json_object_array_get_idx(rows, i);
		int first = 1;

		json_object_object_foreach(row, k, v) {
			(void)k;
			len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s",
			    first ? "" : "|", v != NULL ? json_object_get_string(v) : "NULL");
			first = 0;
		}
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, ";");
	}
	json_object_put(rows);
}

static void test_letters(struct sl_db *db)
{
	struct trow r[3] = {
		{ 1, -9007199254740993LL, "Åse Ødegård", "12.5000", 0.125 },
		{ 2, 0, NULL, "-0.0001", -1e300 },
		{ 4294967295ULL, 9223372036854775807LL, "", "9999999999.9999", 3 },
	};
	char got[1024];

	tap_is_long(sl_db_exec_rows(db, SL_SQL(t_sql, T_PUT3), fields, r, sizeof(r[0]), 3), 3,
	    "three rows written by one statement");
	/* the largest id is not below 100: read it on its own */
	rows_text(db, T_READ, got, sizeof(got));
	tap_is_str(got, "1|-9007199254740993|Åse Ødegård|12.5000|0.125;2|0|NULL|-0.0001|-1e300;",
	    "each letter read back exactly; a NULL text binds SQL NULL");
	tap_is_long(sl_db_exec(db, "DELETE FROM t_rows WHERE id = 4294967295 AND "
	    "big = 9223372036854775807 AND name = '' AND amount = 9999999999.9999 AND score = 3",
	    ""), 1, "the extremes of 'u' and 'i', an empty text and a whole double as sent");
}

static void test_many(struct sl_db *db)
{
	struct trow r[20];
	char got[256], want[256];
	long long big = 0, id = 0;
	size_t i;

	for (i = 0; i < 20; i++) {
		r[i].id = 100 + i;
		r[i].big = (long long)i * 1000003;
		r[i].name = i % 3 == 0 ? NULL : "x";
		r[i].amount = "0.0100";
		r[i].score = (double)i;
		big += r[i].big;
		id += (long long)r[i].id;
	}
	tap_is_long(sl_db_exec_rows(db, SL_SQL(t_sql, T_PUT20), fields, r, sizeof(r[0]), 20), 20,
	    "20 rows, 100 parameters (more than SL_DB_MAXPARAMS), in one statement");
	rows_text(db, T_SUMS, got, sizeof(got));
	snprintf(want, sizeof(want), "20|%lld|%lld|0.2000|7;", id, big);
	tap_is_str(got, want, "  every row's fields at its own place");
}

static void test_refusals(struct sl_db *db)
{
	struct trow r[3] = { { 7, 1, "a", "1", 1 }, { 8, 1, "b", "1", 1 }, { 7, 1, "c", "1", 1 } };
	static const struct sl_db_field other[] = {
		{ 'u', offsetof(struct trow, id) }, { 'i', offsetof(struct trow, big) },
		{ 's', offsetof(struct trow, name) }, { 'd', offsetof(struct trow, score) },
		{ 'd', offsetof(struct trow, score) }, { 0, 0 },
	};
	long long n = 0;
	int ok;

	tap_is_long(sl_db_exec_rows(db, SL_SQL(t_sql, T_PUT3), fields, r, sizeof(r[0]), 2), -1,
	    "two rows for a three-row statement: refused");
	tap_ok(strstr(sl_db_error(db), "do not match") != NULL, "  with the reason: %s",
	    sl_db_error(db));
	tap_is_long(sl_db_exec_rows(db, SL_SQL(t_sql, T_PUT3), other, r, sizeof(r[0]), 3), -1,
	    "fields whose letters are not the statement's types: refused");
	tap_is_long(sl_db_exec_rows(db, t_sql[T_PUT3].sql, "uisdd" "uisdd", other, r,
	    sizeof(r[0]), 2), -1, "a statement with more parameters than the rows bind: refused");
	tap_ok(strstr(sl_db_error(db), "parameters") != NULL, "  with the reason: %s",
	    sl_db_error(db));
	tap_is_long(sl_db_exec_rows(db, SL_SQL(t_sql, T_PUT3), fields, r, sizeof(r[0]), 3), -1,
	    "a duplicate key in the batch: refused");
	tap_ok(strncmp(sl_db_error(db), "1062:", 5) == 0, "  with the server's error: %s",
	    sl_db_error(db));
	ok = sl_db_int(db, &n, SL_SQL(t_sql, T_COUNT)) == 1 && n == 22;
	tap_ok(ok, "the connection still answers, and the failed batch wrote nothing (%lld rows)", n);
	tap_is_long(sl_db_exec(db, SL_SQL(t_sql, T_PUT20), 0ULL), -1,
	    "a variadic call on a 100-parameter statement is refused, not overrun");
	tap_ok(strstr(sl_db_error(db), "at most") != NULL, "  with the reason: %s", sl_db_error(db));
}

int main(void)
{
	struct sl_config *c;
	struct sl_db *db;

	if ((db = tap_db_open(&c)) == NULL)
		return 0;
	if (!tap_ok(db_query(db, sql_table, strlen(sql_table)) == 0, "a temporary table: %s",
	    sl_db_error(db)))
		goto out;
	test_letters(db);
	test_many(db);
	test_refusals(db);
out:
	tap_db_close(db, c);
	return tap_done();
}
