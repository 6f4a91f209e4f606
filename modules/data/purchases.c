/*
 * purchases.c - see purchases.h.
 */
#include <stdio.h>
#include <string.h>

#include "data_sql.h"
#include "purchases.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/salient.h"

int pur_session(struct sl_db *db, char *err, size_t errlen)
{
	if (sl_db_exec(db, SL_SQL(data_sql, DS_PUR_MAXLEN)) < 0) {
		snprintf(err, errlen, "purchases: %s", sl_db_error(db));
		return -1;
	}
	return 0;
}

int pur_check_warnings(struct sl_db *db, char *err, size_t errlen)
{
	char first[256];
	unsigned n = sl_db_warnings(db, first, sizeof(first));

	if (n == 0)
		return 0;
	if (first[0] != '\0')
		snprintf(err, errlen, "purchases: the derivation raised %u warning%s, "
		    "the first: %s", n, n == 1 ? "" : "s", first);
	else
		snprintf(err, errlen, "purchases: the derivation raised %u warning%s", n,
		    n == 1 ? "" : "s");
	return -1;
}

int pur_refresh_all(struct sl_db *db, struct pur_stats *st, char *err, size_t errlen)
{
	double t0;
	long long lo = 0, hi = 0, a, n, rows = 0, ranges = 0;
	int rc = -1, in_tx = 0;

	err[0] = '\0';
	t0 = sl_now();
	if (pur_session(db, err, errlen) != 0)
		goto out;
	if (sl_db_int(db, &lo, SL_SQL(data_sql, DS_PUR_MIN)) < 0 ||
	    sl_db_int(db, &hi, SL_SQL(data_sql, DS_PUR_MAX)) < 0)
		goto out;
	for (a = lo; a <= hi; a += PUR_RANGE) {
		unsigned long long from = (unsigned long long)a;
		unsigned long long to = (unsigned long long)(a + PUR_RANGE - 1);

		if (sl_db_begin(db) != 0)
			goto out;
		in_tx = 1;
		if (sl_db_exec(db, SL_SQL(data_sql, DS_PUR_DELETE_RANGE), from, to) < 0 ||
		    (n = sl_db_exec(db, SL_SQL(data_sql, DS_PUR_INSERT_RANGE), from, to)) < 0 ||
		    pur_check_warnings(db, err, errlen) != 0 || sl_db_commit(db) != 0)
			goto out;
		in_tx = 0;
		rows += n;
		ranges++;
	}
	if (st != NULL) {
		st->rows = rows;
		st->ranges = ranges;
		st->seconds = sl_now() - t0;
	}
	rc = 0;
out:
	if (rc != 0 && err[0] == '\0')
		snprintf(err, errlen, "purchases: %s", sl_db_error(db));
	if (in_tx)
		sl_db_rollback(db);
	return rc;
}

int cmd_purchases(int argc, char **argv)
{
	struct pur_stats st;
	struct sl_db *db;
	char err[512];

	if (argc != 2 || strcmp(argv[1], "rebuild") != 0) {
		fprintf(stderr, "usage: salient purchases rebuild\n");
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (pur_refresh_all(db, &st, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient purchases rebuild: %s\n", err);
		return 1;
	}
	printf("purchases rebuilt: %lld rows written in %lld range%s of %d order ids, %.3f s\n",
	    st.rows, st.ranges, st.ranges == 1 ? "" : "s", PUR_RANGE, st.seconds);
	return 0;
}
