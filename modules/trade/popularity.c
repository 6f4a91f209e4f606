/*
 * popularity.c - the trade.popularity job and `salient popularity`: ranks
 * every product and category by popularity with non-retail customers as of
 * T (DESIGN.md section 5, tr_rank.h) and swaps the new lists in whole.
 *
 * One streamed pass: the non-retail customers (by primary key), for each
 * its paid orders of the window (T - 12 months, T] from the covering index
 * orders_customer, and their lines by the order's primary key; every line
 * of a customer arrives before the next customer's, which tr_pop_add()
 * checks.  Only lines of the window's non-retail orders are read, not the
 * whole order_lines table.  The lists are loaded into fresh tables (rows
 * sent as JSON through JSON_TABLE, a few thousand a statement) and swapped
 * in by one RENAME TABLE, so a page sees the old lists or the new ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "salient/contract.h"
#include "salient/metrics.h"
#include "salient/cli.h"
#include "salient/money.h"
#include "salient/db.h"
#include "salient/salient.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_text.h"

#define BATCH 4000




/* Writes ranked rows into a _new table, BATCH rows a statement. */
static int fill(struct sl_db *db, const char *sql, const struct tr_ranked *r, size_t n)
{
	size_t i, start, used, cap = (size_t)BATCH * 80 + 64;
	char *buf = malloc(cap), money[32];
	int rc = 0;

	if (buf == NULL)
		return -1;
	for (start = 0; start < n && rc == 0; start += BATCH) {
		used = 0;
		buf[used++] = '[';
		for (i = start; i < n && i < start + BATCH; i++) {
			sl_money_text(r[i].revenue, money, sizeof(money));
			used += (size_t)snprintf(buf + used, cap - used, "%s[%zu,%u,%lld,\"%s\"]",
			    i > start ? "," : "", i + 1, r[i].id, (long long)r[i].customers, money);
		}
		buf[used++] = ']';
		buf[used] = '\0';
		if (sl_db_exec(db, sql, "s", buf) < 0)
			rc = -1;
	}
	free(buf);
	return rc;
}

int tr_popularity_run(struct sl_db *db, int64_t t, struct sl_job *job, struct tr_pop_stats *st,
    char *err, size_t errlen)
{
	struct tr_pop prod = { 0 }, cat = { 0 };
	struct tr_ranked *rp = NULL, *rc_ = NULL;
	struct sl_stmt *s;
	uint32_t *cat_of = NULL;
	size_t nprod = 0, ncat = 0, np, nc;
	char from[16], to[16];
	double t0 = sl_now();
	int64_t lines = 0;
	long long maxp = 0, maxc = 0;
	int r, ret = -1;

	memset(st, 0, sizeof(*st));
	tr_iso(cl_months_before(t, 12), from, sizeof(from));
	tr_iso(t, to, sizeof(to));
	if (sl_db_int(db, &maxp, SL_SQL(tr_sql, TR_MAX_PRODUCT)) != 1 ||
	    sl_db_int(db, &maxc, SL_SQL(tr_sql, TR_MAX_CATEGORY)) != 1)
		goto dberr;
	np = (size_t)maxp + 1;
	nc = (size_t)maxc + 1;
	if (tr_pop_init(&prod, np) != 0 || tr_pop_init(&cat, nc) != 0 ||
	    (cat_of = calloc(np, sizeof(*cat_of))) == NULL)
		goto oom;
	if ((s = sl_db_stmt(db, tr_sql[TR_PRODUCT_CATS].sql)) == NULL || sl_stmt_exec(s, tr_sql[TR_PRODUCT_CATS].types) != 0)
		goto dberr;
	while ((r = sl_stmt_fetch(s)) == 1) {
		long long id = sl_stmt_int(s, 0), c = sl_stmt_int(s, 1);

		if (id > 0 && (size_t)id < np && c > 0 && (size_t)c < nc)
			cat_of[id] = (uint32_t)c;
	}
	sl_stmt_done(s);
	if (r < 0)
		goto dberr;

	if ((s = sl_db_stmt(db, tr_sql[TR_LINES].sql)) == NULL || sl_stmt_exec(s, tr_sql[TR_LINES].types, from, to) != 0)
		goto dberr;
	while ((r = sl_stmt_fetch(s)) == 1) {
		uint32_t cust = (uint32_t)sl_stmt_int(s, 0), item = (uint32_t)sl_stmt_int(s, 1);
		int64_t value = sl_stmt_int(s, 2);

		if ((size_t)item >= np)
			continue;   /* a product added since the count: next run */
		if (tr_pop_add(&prod, cust, item, value) != 0 ||
		    (cat_of[item] != 0 && tr_pop_add(&cat, cust, cat_of[item], value) != 0)) {
			sl_stmt_done(s);
			snprintf(err, errlen, "the order lines did not arrive grouped by customer "
			    "(customer %u): the query plan changed", cust);
			goto out;
		}
		if ((++lines & 0xffff) == 0 && job != NULL) {
			sl_job_progress(job, lines, 0);
			if (sl_job_stopping(job)) {
				sl_stmt_done(s);
				snprintf(err, errlen, "stopped");
				goto out;
			}
		}
	}
	sl_stmt_done(s);
	if (r < 0)
		goto dberr;

	if ((rp = malloc(np * sizeof(*rp))) == NULL || (rc_ = malloc(nc * sizeof(*rc_))) == NULL)
		goto oom;
	nprod = tr_pop_rank(&prod, rp);
	ncat = tr_pop_rank(&cat, rc_);
	if (sl_db_exec(db, SL_SQL(tr_sql, TR_DROP_PN)) < 0 || sl_db_exec(db, SL_SQL(tr_sql, TR_DROP_CN)) < 0 ||
	    sl_db_exec(db, SL_SQL(tr_sql, TR_NEW_P)) < 0 || sl_db_exec(db, SL_SQL(tr_sql, TR_NEW_C)) < 0 ||
	    fill(db, tr_sql[TR_FILL_P].sql, rp, nprod) != 0 || fill(db, tr_sql[TR_FILL_C].sql, rc_, ncat) != 0 ||
	    sl_db_exec(db, SL_SQL(tr_sql, TR_SWAP)) < 0 || sl_db_exec(db, SL_SQL(tr_sql, TR_DROP_PO)) < 0 ||
	    sl_db_exec(db, SL_SQL(tr_sql, TR_DROP_CO)) < 0)
		goto dberr;
	st->customers = prod.ncustomers;
	st->lines = lines;
	st->products = (long long)nprod;
	st->categories = (long long)ncat;
	st->seconds = sl_now() - t0;
	if (sl_db_exec(db, SL_SQL(tr_sql, TR_RUN), to, from, st->customers, st->lines, st->products,
	    st->categories, st->seconds) < 0)
		goto dberr;
	ret = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	goto out;
dberr:
	snprintf(err, errlen, "database: %s", sl_db_error(db));
out:
	tr_pop_free(&prod);
	tr_pop_free(&cat);
	free(cat_of);
	free(rp);
	free(rc_);
	return ret;
}

static int parse_day(const char *s, int64_t *day)
{
	return s != NULL && strlen(s) == 10 && dc_parse_date(s, day) == 0 ? 0 : -1;
}

int tr_job_popularity(struct sl_job *job)
{
	struct json_object *a = sl_job_args(job), *v;
	struct tr_pop_stats st;
	char err[512];
	int64_t day = tr_today();

	if (a != NULL && json_object_object_get_ex(a, "as_of", &v) &&
	    parse_day(json_object_get_string(v), &day) != 0) {
		sl_job_fail_key(job, "trade.job.as_of", "value", json_object_get_string(v), NULL);
		return -1;
	}
	if (tr_popularity_run(sl_job_db(job), day, job, &st, err, sizeof(err)) != 0) {
		sl_job_fail_key(job, "trade.job.failed", "detail", err, NULL);
		return -1;
	}
	return 0;
}

int tr_cmd_popularity(int argc, char **argv)
{
	struct tr_pop_stats st;
	struct sl_db *db;
	const char *asof = NULL;
	char err[512];
	int64_t day;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			asof = argv[++i];
		} else {
			fprintf(stderr, "usage: salient popularity [--as-of YYYY-MM-DD]\n");
			return 2;
		}
	}
	day = tr_today();
	if (asof != NULL && parse_day(asof, &day) != 0) {
		fprintf(stderr, "salient popularity: --as-of: '%s' is not a date (YYYY-MM-DD)\n", asof);
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (tr_popularity_run(db, day, NULL, &st, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient popularity: %s\n", err);
		return 1;
	}
	printf("popularity as of %s: %lld non-retail customers, %lld order lines, "
	    "%lld products and %lld categories ranked, %.3f s\n", asof ? asof : "today",
	    st.customers, st.lines, st.products, st.categories, st.seconds);
	return 0;
}
