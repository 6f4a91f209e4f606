/*
 * recompute.c - one classification run: the computation (compute.c), then
 * the writes, in bulk with MariaDB's array binding:
 *   - the metrics into a fresh table swapped in by RENAME, only when their
 *     SHA-256 differs from the last run's (classify_runs.metrics_digest);
 *   - the classifications that changed, with history intervals closed and
 *     opened, in one transaction.  A run that changes nothing writes
 *     nothing there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <sodium.h>

#include "compute_int.h"
#include "contract.h"
#include "db_conn.h"
#include "recompute.h"
#include "salient/db.h"
#include "salient/salient.h"

#define BATCH 10000

static const char sql_current[] =
    "SELECT customer_id, classification_id FROM customer_classifications "
    "ORDER BY customer_id, classification_id";
/* each run records the digest of what the table then holds */
static const char sql_last_digest[] =
    "SELECT metrics_digest FROM classify_runs ORDER BY id DESC LIMIT 1";
static const char sql_new_table[] =
    "CREATE TABLE IF NOT EXISTS customer_metrics_new LIKE customer_metrics";
static const char sql_clear_new[] = "TRUNCATE TABLE customer_metrics_new";
static const char sql_insert_metrics[] =
    "INSERT INTO customer_metrics_new (customer_id, as_of, revenue_cur, revenue_prev, "
    "orders_cur, orders_prev, risk_score, risk_change, revenue_rank, revenue_change, "
    "revenue_share) VALUES (?, ?, ? / 10000, ? / 10000, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_swap[] =
    "RENAME TABLE customer_metrics TO customer_metrics_old, "
    "customer_metrics_new TO customer_metrics";
static const char sql_drop_old[] = "DROP TABLE customer_metrics_old";
static const char sql_del_class[] =
    "DELETE FROM customer_classifications WHERE customer_id = ? AND classification_id = ?";
static const char sql_close_hist[] =
    "UPDATE classification_history SET to_date = ? "
    "WHERE customer_id = ? AND classification_id = ? AND to_date IS NULL";
static const char sql_add_class[] =
    "INSERT INTO customer_classifications (customer_id, classification_id, since) "
    "VALUES (?, ?, ?)";
static const char sql_open_hist[] =
    "INSERT INTO classification_history (customer_id, classification_id, from_date) "
    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE to_date = NULL";
static const char sql_run[] =
    "INSERT INTO classify_runs (as_of, timeframe_months, customers, orders, added, removed, "
    "metrics_digest, metrics_written, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* The writing side of a run. */
struct run {
	MYSQL *m;
	const struct cl_result *res;
	int64_t as_of;
	char *err;
	size_t errlen;
};

struct pair {
	unsigned cid, clid;
};

static void day_to_time(int64_t day, MYSQL_TIME *t)
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	memset(t, 0, sizeof(*t));
	t->year = (unsigned)y;
	t->month = (unsigned)m;
	t->day = (unsigned)d;
	t->time_type = MYSQL_TIMESTAMP_DATE;
}

static int fail_stmt(struct run *r, MYSQL_STMT *st, const char *what)
{
	snprintf(r->err, r->errlen, "%s: %s", what, st ? mysql_stmt_error(st) : mysql_error(r->m));
	return -1;
}

static int query(struct run *r, const char *sql)
{
	if (mysql_real_query(r->m, sql, (unsigned long)strlen(sql)) != 0) {
		snprintf(r->err, r->errlen, "%.60s...: %s", sql, mysql_error(r->m));
		return -1;
	}
	return 0;
}

/* One row of customer_metrics for array binding (row-wise). */
struct mrow {
	unsigned cid;
	MYSQL_TIME as_of;
	long long rev_cur, rev_prev;
	long long ocur, oprev;
	double v[5];
	char ind[5];
};

static const enum cl_type mcols[5] = {
	CL_RISK_SCORE, CL_RISK_CHANGE, CL_REVENUE_RANK, CL_REVENUE_CHANGE, CL_REVENUE_SHARE,
};

static void metrics_row(const struct cl_result *r, size_t id, struct mrow *row)
{
	const struct cl_metrics *cm = &r->cm[id];
	int k;

	row->cid = (unsigned)id;
	day_to_time(r->as_of, &row->as_of);
	row->rev_cur = cm->revenue_cur;
	row->rev_prev = r->revenue_prev[id];
	row->ocur = cm->orders_cur;
	row->oprev = r->orders_prev[id];
	for (k = 0; k < 5; k++) {
		int d = (cm->def >> mcols[k]) & 1;

		row->v[k] = d ? cm->m[mcols[k]] : 0;
		row->ind[k] = d ? STMT_INDICATOR_NONE : STMT_INDICATOR_NULL;
	}
}

/* SHA-256 over every customer's metrics, as written, and the as-of date. */
static void metrics_digest(const struct cl_result *r, char hex[65])
{
	crypto_hash_sha256_state h;
	unsigned char out[crypto_hash_sha256_BYTES];
	struct mrow row;
	size_t i;

	crypto_hash_sha256_init(&h);
	for (i = 1; i <= r->maxid; i++) {
		if (!r->present[i])
			continue;
		memset(&row, 0, sizeof(row));
		metrics_row(r, i, &row);
		crypto_hash_sha256_update(&h, (const unsigned char *)&row, sizeof(row));
	}
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
}

static int write_metrics(struct run *r)
{
	const struct cl_result *res = r->res;
	MYSQL_STMT *st = NULL;
	MYSQL_BIND b[11];
	struct mrow *rows = NULL;
	size_t i, n = 0, rowsz = sizeof(struct mrow);
	unsigned size;
	int k, rc = -1;

	if (query(r, sql_new_table) != 0 || query(r, sql_clear_new) != 0)
		return -1;
	if ((rows = calloc(BATCH, sizeof(*rows))) == NULL ||
	    (st = mysql_stmt_init(r->m)) == NULL ||
	    mysql_stmt_prepare(st, sql_insert_metrics, (unsigned long)strlen(sql_insert_metrics)) != 0) {
		fail_stmt(r, st, "writing metrics");
		goto out;
	}
	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONG;
	b[0].is_unsigned = 1;
	b[0].buffer = &rows[0].cid;
	b[1].buffer_type = MYSQL_TYPE_DATE;
	b[1].buffer = &rows[0].as_of;
	b[2].buffer_type = MYSQL_TYPE_LONGLONG;
	b[2].buffer = &rows[0].rev_cur;
	b[3].buffer_type = MYSQL_TYPE_LONGLONG;
	b[3].buffer = &rows[0].rev_prev;
	b[4].buffer_type = MYSQL_TYPE_LONGLONG;
	b[4].buffer = &rows[0].ocur;
	b[5].buffer_type = MYSQL_TYPE_LONGLONG;
	b[5].buffer = &rows[0].oprev;
	for (k = 0; k < 5; k++) {
		b[6 + k].buffer_type = MYSQL_TYPE_DOUBLE;
		b[6 + k].buffer = &rows[0].v[k];
		b[6 + k].u.indicator = &rows[0].ind[k];
	}
	mysql_stmt_attr_set(st, STMT_ATTR_ROW_SIZE, &rowsz);
	for (i = 1; i <= res->maxid + 1; i++) {
		if (i <= res->maxid && res->present[i])
			metrics_row(res, i, &rows[n++]);
		if (n == BATCH || (i == res->maxid + 1 && n > 0)) {
			size = (unsigned)n;
			if (mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &size) != 0 ||
			    mysql_stmt_bind_param(st, b) != 0 || mysql_stmt_execute(st) != 0) {
				fail_stmt(r, st, "writing metrics");
				goto out;
			}
			n = 0;
		}
	}
	if (query(r, sql_swap) != 0 || query(r, sql_drop_old) != 0)
		goto out;
	rc = 0;
out:
	if (st)
		mysql_stmt_close(st);
	free(rows);
	return rc;
}

/* Array-bound execution of a statement over pairs (and a date). */
struct prow {
	unsigned a, b;
	MYSQL_TIME day;
};

/*
 * Runs sql for each pair: shape "cd" binds (customer, class, day), "dcd"
 * binds (day, customer, class).
 */
static int exec_pairs(struct run *r, const char *sql, int day_first,
    const struct pair *p, size_t n)
{
	MYSQL_STMT *st = NULL;
	MYSQL_BIND b[3];
	struct prow *rows = NULL;
	size_t i, k, rowsz = sizeof(struct prow);
	unsigned size;
	int rc = -1, o = day_first ? 1 : 0;

	if (n == 0)
		return 0;
	if ((rows = calloc(BATCH, sizeof(*rows))) == NULL ||
	    (st = mysql_stmt_init(r->m)) == NULL ||
	    mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) != 0) {
		fail_stmt(r, st, "writing classifications");
		goto out;
	}
	memset(b, 0, sizeof(b));
	b[o].buffer_type = MYSQL_TYPE_LONG;
	b[o].is_unsigned = 1;
	b[o].buffer = &rows[0].a;
	b[o + 1].buffer_type = MYSQL_TYPE_LONG;
	b[o + 1].is_unsigned = 1;
	b[o + 1].buffer = &rows[0].b;
	b[day_first ? 0 : 2].buffer_type = MYSQL_TYPE_DATE;
	b[day_first ? 0 : 2].buffer = &rows[0].day;
	mysql_stmt_attr_set(st, STMT_ATTR_ROW_SIZE, &rowsz);
	for (i = 0; i < n; i += BATCH) {
		size_t m = n - i < BATCH ? n - i : BATCH;

		for (k = 0; k < m; k++) {
			rows[k].a = p[i + k].cid;
			rows[k].b = p[i + k].clid;
			day_to_time(r->as_of, &rows[k].day);
		}
		size = (unsigned)m;
		if (mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &size) != 0 ||
		    mysql_stmt_bind_param(st, b) != 0 || mysql_stmt_execute(st) != 0) {
			fail_stmt(r, st, "writing classifications");
			goto out;
		}
	}
	rc = 0;
out:
	if (st)
		mysql_stmt_close(st);
	free(rows);
	return rc;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->cid != b->cid)
		return a->cid < b->cid ? -1 : 1;
	return a->clid < b->clid ? -1 : a->clid > b->clid;
}

/* Growable pair array. */
struct pairs {
	struct pair *v;
	size_t n, cap;
};

static int push(struct pairs *ps, unsigned cid, unsigned clid)
{
	if (ps->n == ps->cap) {
		size_t nc = ps->cap ? ps->cap * 2 : 4096;
		struct pair *nv = realloc(ps->v, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		ps->v = nv;
		ps->cap = nc;
	}
	ps->v[ps->n].cid = cid;
	ps->v[ps->n++].clid = clid;
	return 0;
}

static int cmp_id(const void *pa, const void *pb)
{
	long long a = *(const long long *)pa, b = *(const long long *)pb;

	return a < b ? -1 : a > b;
}

/* The new assignments and the current ones, then their difference. */
static int diff_classes(struct run *r, struct sl_db *db, struct pairs *add, struct pairs *del)
{
	const struct cl_result *res = r->res;
	struct pairs now = { 0 }, cur = { 0 };
	long long ids[CL_MAX_PER_CUSTOMER];
	size_t i, k, a = 0, b = 0;
	struct sl_stmt *st;
	int rc = -1;

	/* customer order, and classification id order within a customer */
	for (i = 1; i <= res->maxid; i++) {
		size_t n = res->coff[i + 1] - res->coff[i];

		memcpy(ids, res->cls + res->coff[i], n * sizeof(*ids));
		qsort(ids, n, sizeof(*ids), cmp_id);
		for (k = 0; k < n; k++)
			if (push(&now, (unsigned)i, (unsigned)ids[k]) != 0)
				goto oom;
	}
	if ((st = sl_db_stmt(db, sql_current)) == NULL || sl_stmt_exec(st, "") != 0) {
		snprintf(r->err, r->errlen, "current classifications: %s", sl_db_error(db));
		goto out;
	}
	while (sl_stmt_fetch(st) == 1)
		if (push(&cur, (unsigned)sl_stmt_int(st, 0), (unsigned)sl_stmt_int(st, 1)) != 0) {
			sl_stmt_done(st);
			goto oom;
		}
	sl_stmt_done(st);
	while (a < now.n || b < cur.n) {
		int c = a == now.n ? 1 : b == cur.n ? -1 : cmp_pair(&now.v[a], &cur.v[b]);

		if (c < 0 && push(add, now.v[a].cid, now.v[a].clid) != 0)
			goto oom;
		if (c > 0 && push(del, cur.v[b].cid, cur.v[b].clid) != 0)
			goto oom;
		a += c <= 0;
		b += c >= 0;
	}
	rc = 0;
	goto out;
oom:
	snprintf(r->err, r->errlen, "out of memory comparing classifications");
out:
	free(now.v);
	free(cur.v);
	return rc;
}

int cl_recompute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    struct cl_run_stats *stats, char *err, size_t errlen)
{
	struct run run, *r = &run;
	struct cl_result *res = NULL;
	struct pairs add = { 0 }, del = { 0 };
	struct sl_stmt *st;
	struct timespec t0, t1;
	char digest[65], asof_s[16];
	int months, same = 0, rc = -1, y, mo, d;

	memset(stats, 0, sizeof(*stats));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(r, 0, sizeof(*r));
	r->err = err;
	r->errlen = errlen;
	r->as_of = as_of;
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium did not initialise");
		return -1;
	}
	if ((res = cl_compute(db, as_of, job, err, errlen)) == NULL)
		return -1;
	r->res = res;
	r->m = db_handle(db);
	months = res->months;
	metrics_digest(res, digest);
	if ((st = sl_db_stmt(db, sql_last_digest)) != NULL && sl_stmt_exec(st, "") == 0) {
		if (sl_stmt_fetch(st) == 1)
			same = strcmp(sl_stmt_str(st, 0, NULL), digest) == 0;
		sl_stmt_done(st);
	}
	if (!same && write_metrics(r) != 0)
		goto out;
	if (diff_classes(r, db, &add, &del) != 0)
		goto out;
	if (add.n + del.n > 0) {
		if (sl_db_begin(db) != 0 ||
		    exec_pairs(r, sql_del_class, 0, del.v, del.n) != 0 ||
		    exec_pairs(r, sql_close_hist, 1, del.v, del.n) != 0 ||
		    exec_pairs(r, sql_add_class, 0, add.v, add.n) != 0 ||
		    exec_pairs(r, sql_open_hist, 0, add.v, add.n) != 0 ||
		    sl_db_commit(db) != 0) {
			sl_db_rollback(db);
			if (err[0] == '\0')
				snprintf(err, errlen, "writing classifications: %s", sl_db_error(db));
			goto out;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats->customers = res->ncust;
	stats->orders = res->norders;
	stats->added = (long long)add.n;
	stats->removed = (long long)del.n;
	stats->metrics_written = !same;
	stats->timeframe = months;
	stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	dc_civil_from_days(as_of, &y, &mo, &d);
	snprintf(asof_s, sizeof(asof_s), "%04d-%02d-%02d", y, mo, d);
	if (sl_db_exec(db, sql_run, "siiiiisid", asof_s, (long long)months, stats->customers,
	    stats->orders, stats->added, stats->removed, digest, (long long)stats->metrics_written,
	    stats->seconds) != 1) {
		snprintf(err, errlen, "recording the run: %s", sl_db_error(db));
		goto out;
	}
	if (job)
		sl_job_progress(job, res->norders, res->norders);
	rc = 0;
out:
	free(add.v);
	free(del.v);
	cl_result_free(res);
	return rc;
}
