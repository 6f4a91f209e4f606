/*
 * test_db_load.c - sl_db_load() (salient/db.h) against the test stack's
 * database ($SALIENT_CONF, set by make test; skipped without it): rows
 * generated in memory and handed over in pieces that split rows and
 * values, read back exactly, on a LOCAL INFILE connection (sl_db_extra(db,
 * 1, ...)); a reader that fails, a statement with parameters and a
 * connection without LOCAL INFILE refused, each with the connection still
 * usable.  The rows go into a temporary table of the test's own session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap_db.h"
#include "salient/db.h"
#include "tap.h"

#define NROWS 5000

static const char sql_table[] =
    "CREATE TEMPORARY TABLE t_load (id INT UNSIGNED PRIMARY KEY, name VARCHAR(40) NULL, "
    "amount DECIMAL(14,4) NOT NULL)";
static const struct sl_sql t_sql[] = {
	{ "LOAD DATA LOCAL INFILE 't_load' INTO TABLE t_load CHARACTER SET utf8mb4 "
	    "(id, name, amount)", "" },
	{ "SELECT COUNT(*), SUM(id), CAST(SUM(amount * 10000) AS UNSIGNED), SUM(name IS NULL), "
	    "SUM(CHAR_LENGTH(name)) FROM t_load", "" },
	{ "SELECT name FROM t_load WHERE id = 7", "" },
	{ "SELECT COUNT(*) FROM t_load", "" },
	{ "LOAD DATA LOCAL INFILE 't_load' INTO TABLE t_load (id) SET name = ?", "s" },
};
enum { T_LOAD, T_SUMS, T_SEVEN, T_COUNT, T_PARAM };

/* The rows "id\tname\tamount\n", id 1..NROWS; every tenth name \N. */
struct gen {
	char text[NROWS * 48];
	size_t len, off;
	size_t piece;              /* at most this much a call (0: all asked) */
	long fail_after;           /* -1 once this many bytes are handed over */
	long calls;
};

static void gen_init(struct gen *g, size_t piece, long fail_after)
{
	unsigned i;
	int n;

	memset(g, 0, sizeof(*g));
	for (i = 1; i <= NROWS; i++) {
		if (i % 10 == 0)
			n = snprintf(g->text + g->len, sizeof(g->text) - g->len, "%u\t\\N\t%u.%04u\n",
			    i, i, i % 10000);
		else
			n = snprintf(g->text + g->len, sizeof(g->text) - g->len,
			    "%u\tnå %u\t%u.%04u\n", i, i, i, i % 10000);
		g->len += (size_t)n;
	}
	g->piece = piece;
	g->fail_after = fail_after;
}

static long reader(void *arg, char *buf, size_t len)
{
	struct gen *g = arg;
	size_t n = g->len - g->off;

	g->calls++;
	if (g->fail_after >= 0 && g->off >= (size_t)g->fail_after)
		return -1;
	if (g->piece && n > g->piece)
		n = g->piece;
	if (n > len)
		n = len;
	memcpy(buf, g->text + g->off, n);
	g->off += n;
	return (long)n;
}

/* The rows' expected sums as the SUMS statement gives them. */
static void expected(char *out, size_t size)
{
	unsigned long long ids = 0, cents = 0, chars = 0, nulls = 0;
	char tmp[32];
	unsigned i;

	for (i = 1; i <= NROWS; i++) {
		ids += i;
		cents += (unsigned long long)i * 10000 + i % 10000;
		if (i % 10 == 0)
			nulls++;
		else
			chars += 3 + (unsigned long long)snprintf(tmp, sizeof(tmp), "%u", i);
	}
	snprintf(out, size, "%d|%llu|%llu|%llu|%llu", NROWS, ids, cents, nulls, chars);
}

static void sums(struct sl_db *db, char *out, size_t size)
{
	struct json_object *row = NULL;
	size_t len = 0;

	out[0] = '\0';
	if (sl_db_row(db, &row, SL_SQL(t_sql, T_SUMS)) != 1)
		return;
	json_object_object_foreach(row, k, v) {
		(void)k;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s",
		    len ? "|" : "", v ? json_object_get_string(v) : "NULL");
	}
	json_object_put(row);
}

static void test_load(struct sl_db *x)
{
	struct gen *g = malloc(sizeof(*g));
	struct json_object *row = NULL;
	char want[128], got[128];
	long long n;

	/* pieces of 7 bytes: rows and values split across the reader's calls */
	gen_init(g, 7, -1);
	n = sl_db_load(x, SL_SQL(t_sql, T_LOAD), reader, g);
	tap_ok(n == NROWS, "%d rows loaded from memory (%lld): %s", NROWS, n, sl_db_error(x));
	tap_ok(g->calls > (long)(g->len / 7), "  handed over in %ld pieces", g->calls);
	expected(want, sizeof(want));
	sums(x, got, sizeof(got));
	tap_ok(strcmp(got, want) == 0, "  read back exactly: %s (want %s)", got, want);
	tap_ok(sl_db_row(x, &row, SL_SQL(t_sql, T_SEVEN)) == 1 && row != NULL &&
	    strcmp(json_object_get_string(json_object_object_get(row, "name")), "nå 7") == 0,
	    "  UTF-8 text kept");
	json_object_put(row);
	free(g);
}

static void test_refusals(struct sl_db *db, struct sl_db *x)
{
	struct gen *g = malloc(sizeof(*g));
	long long n = -2, before = -1, after = -2;

	sl_db_exec(x, "DELETE FROM t_load", "");
	gen_init(g, 0, 4096);
	n = sl_db_load(x, SL_SQL(t_sql, T_LOAD), reader, g);
	tap_ok(n == -1, "a reader that fails fails the load (%lld)", n);
	tap_ok(strstr(sl_db_error(x), "could not be produced") != NULL, "  with its reason: %s",
	    sl_db_error(x));
	tap_ok(sl_db_int(x, &after, SL_SQL(t_sql, T_COUNT)) == 1,
	    "  and the connection still answers (%lld rows kept)", after);
	n = sl_db_load(x, SL_SQL(t_sql, T_PARAM), reader, g);
	tap_ok(n == -1 && strstr(sl_db_error(x), "no parameters") != NULL,
	    "a LOAD DATA with parameters is refused: %s", sl_db_error(x));
	/* the main connection has no LOCAL INFILE: the server's refusal */
	gen_init(g, 0, -1);
	sl_db_int(db, &before, "SELECT 1", "");
	n = sl_db_load(db, SL_SQL(t_sql, T_LOAD), reader, g);
	tap_ok(n == -1 && sl_db_error(db)[0] != '\0',
	    "a connection without LOCAL INFILE refuses: %s", sl_db_error(db));
	tap_ok(sl_db_int(db, &after, "SELECT 1", "") == 1 && after == 1,
	    "  and still answers");
	free(g);
}

int main(void)
{
	struct sl_config *c;
	struct sl_db *db, *x;
	char err[512];

	if ((db = tap_db_open(&c)) == NULL)
		return 0;
	x = sl_db_extra(db, 1, err, sizeof(err));
	if (!tap_ok(x != NULL, "a LOCAL INFILE connection: %s", x ? "" : err))
		goto out;
	if (!tap_ok(db_query(x, sql_table, strlen(sql_table)) == 0, "a temporary table: %s",
	    sl_db_error(x)))
		goto out;
	test_load(x);
	test_refusals(db, x);
out:
	sl_db_close(x);
	tap_db_close(db, c);
	return tap_done();
}
