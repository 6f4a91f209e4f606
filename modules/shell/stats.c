/*
 * stats.c - the dashboard's figures of the whole data set (sql/013_stats.sql).
 *
 * The shell.stats job counts the tables and sums paid orders per currency
 * and order date with plain reads of one consistent snapshot (they lock
 * nothing, so imports go on), then replaces data_stats and sales_days in
 * one short transaction.  It is queued after every import (the module's
 * data_imported hook), on the module's schedule (stats_per_day), and by the
 * dashboard when there are no figures yet; at most one waits at a time, and
 * after an import it waits ten times the last run's length (at most ten
 * minutes), so a stream of API imports into a large store refreshes the
 * figures now and then rather than scanning the orders without pause.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/salient.h"
#include "shell_int.h"
#include "shell_sql.h"

/* The longest wait before a refresh after an import, in seconds. */
#define STATS_MAX_DELAY 600
#define STATS_DELAY_FACTOR 10

/* paid revenue per currency and order date (DESIGN.md section 5) */
/* the delay after an import: the last run's seconds times ?, whole */

struct day {
	char currency[4];
	char date[11];
	long long orders;
	char amount[48];   /* the exact DECIMAL sum as MariaDB wrote it */
};

struct counts {
	long long v[5];    /* customers, orders, order_lines, products, placeholders */
	char last_import[24];
	int has_last_import;
};

/* Copies column col of st's row into buf (len bytes), "" for NULL. */
static void col_copy(struct sl_stmt *st, unsigned col, char *buf, size_t len)
{
	size_t n = 0;
	const char *s = sl_stmt_str(st, col, &n);

	if (s == NULL)
		n = 0;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s != NULL ? s : "", n);
	buf[n] = '\0';
}

/* Reads the counts and the days (*days, *ndays: malloc'd); 0 or -1. */
static int read_figures(struct sl_db *db, struct counts *c, struct day **days, size_t *ndays)
{
	struct sl_stmt *st;
	struct day *d = NULL, *grown;
	size_t n = 0, cap = 0;
	unsigned i;
	int r;

	*days = NULL;
	*ndays = 0;
	if ((st = sl_db_stmt(db, sh_sql[SH_COUNTS].sql)) == NULL || sl_stmt_exec(st, "") != 0)
		return -1;
	if ((r = sl_stmt_fetch(st)) == 1) {
		for (i = 0; i < 5; i++)
			c->v[i] = sl_stmt_int(st, i);
		c->has_last_import = !sl_stmt_isnull(st, 5);
		col_copy(st, 5, c->last_import, sizeof(c->last_import));
	}
	sl_stmt_done(st);
	if (r != 1)
		return -1;
	if ((st = sl_db_stmt(db, sh_sql[SH_DAYS].sql)) == NULL || sl_stmt_exec(st, "") != 0)
		return -1;
	while ((r = sl_stmt_fetch(st)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((grown = realloc(d, cap * sizeof(*d))) == NULL) {
				r = -1;
				break;
			}
			d = grown;
		}
		col_copy(st, 0, d[n].currency, sizeof(d[n].currency));
		col_copy(st, 1, d[n].date, sizeof(d[n].date));
		d[n].orders = sl_stmt_int(st, 2);
		col_copy(st, 3, d[n].amount, sizeof(d[n].amount));
		n++;
	}
	sl_stmt_done(st);
	if (r < 0) {
		free(d);
		return -1;
	}
	*days = d;
	*ndays = n;
	return 0;
}

/* Replaces the stored figures in one transaction; 0 or -1. */
static int write_figures(struct sl_db *db, const struct counts *c, const struct day *d,
    size_t n, double seconds)
{
	size_t i;

	if (sl_db_begin(db) != 0 || sl_db_exec(db, SL_SQL(sh_sql, SH_DAYS_CLEAR)) < 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (sl_db_exec(db, SL_SQL(sh_sql, SH_DAY_PUT), d[i].currency, d[i].date, d[i].orders,
		    d[i].amount) != 1)
			goto fail;
	if (sl_db_exec(db, SL_SQL(sh_sql, SH_STATS_PUT), c->v[0], c->v[1], c->v[2], c->v[3], c->v[4],
	    c->has_last_import ? c->last_import : NULL, seconds) < 0 || sl_db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	sl_db_rollback(db);
	return -1;
}

int shell_job_stats(struct sl_job *job)
{
	struct sl_db *db = sl_job_db(job);
	struct counts c;
	struct day *days = NULL;
	double t0;
	size_t n = 0;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	t0 = sl_now();
	sl_job_progress(job, 0, 2);
	/* one transaction: both reads see the snapshot of the first (REPEATABLE READ) */
	if (sl_db_begin(db) != 0) {
		sl_job_fail_key(job, "shell.job.failed", "detail", sl_db_error(db), NULL);
		return -1;
	}
	if (read_figures(db, &c, &days, &n) != 0) {
		sl_job_fail_key(job, "shell.job.failed", "detail", sl_db_error(db), NULL);
		sl_db_rollback(db);
		goto out;
	}
	sl_db_rollback(db);   /* ends the reading transaction (it wrote nothing) */
	sl_job_progress(job, 1, 2);
	if (write_figures(db, &c, days, n, sl_now() - t0) != 0) {
		sl_job_fail_key(job, "shell.job.failed", "detail", sl_db_error(db), NULL);
		goto out;
	}
	sl_job_progress(job, 2, 2);
	rc = 0;
out:
	free(days);
	return rc;
}

long long shell_stats_queue(struct sl_db *db, int after_import)
{
	long long delay = 0;
	int already;

	/* no figures yet, or no answer: at once */
	if (after_import &&
	    sl_db_int(db, &delay, SL_SQL(sh_sql, SH_DELAY), (long long)STATS_DELAY_FACTOR) == 1 &&
	    delay > STATS_MAX_DELAY)
		delay = STATS_MAX_DELAY;
	return sl_job_enqueue_once(db, "shell.stats", NULL, 0, (long)delay, &already);
}

void shell_data_imported(struct sl_db *db)
{
	shell_stats_queue(db, 1);
}
