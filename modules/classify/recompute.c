/*
 * recompute.c - one classification run: the computation (compute.c), then
 * the writes.
 *
 *   - The metrics are loaded into a fresh table swapped in by RENAME, only
 *     when their SHA-256 differs from the last run's
 *     (classify_runs.metrics_digest).
 *   - The current classifications are the open history intervals
 *     (sql/008_classify_intervals.sql: customer_classifications is a view).
 *     A first run (empty history) loads every classification held as an
 *     open interval into a fresh table built without its secondary key,
 *     adds the key, and swaps it in.
 *   - Any other run closes the intervals of the classifications taken away
 *     and opens those given, in one transaction.  A run that changes
 *     nothing writes nothing there.
 * The loads run in parallel, each on its own connection (bulk.c, rcload.c);
 * every table swaps in with one RENAME, so readers see the old state or the
 * new one.  A named lock keeps two runs from overlapping.  Each phase's time
 * is logged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <sodium.h>

#include "classify_sql.h"
#include "compute_int.h"
#include "salient/contract.h"
#include "db_conn.h"
#include "salient/log.h"
#include "rcload.h"
#include "recompute.h"
#include "salient/db.h"
#include "salient/num.h"
#include "salient/salient.h"

#define BATCH 10000

/* the current classifications: the open intervals (sql/008) */
/* each run records the digest of what the table then holds */
/* one RENAME for whatever was rebuilt: readers see all old or all new */

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

/* Growable pair array. */
struct pairs {
	struct pair *v;
	size_t n, cap;
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

/* One SELECT of one integer; -1 on failure. */
static long long query_int(struct run *r, const char *sql, long long *second)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	long long v = -1;

	if (query(r, sql) != 0 || (res = mysql_store_result(r->m)) == NULL)
		return -1;
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL) {
		if (sl_num_ll(row[0], &v) != 0)
			v = -1;
		if (second && (row[1] == NULL || sl_num_ll(row[1], second) != 0))
			*second = -1;
	}
	mysql_free_result(res);
	return v;
}

/* One row of customer_metrics as the digest sees it. */
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

static void metrics_row(const struct cl_result *r, size_t id, const MYSQL_TIME *day,
    struct mrow *row)
{
	const struct cl_metrics *cm = &r->cm[id];
	int k;

	row->cid = (unsigned)id;
	row->as_of = *day;
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
	MYSQL_TIME day;
	size_t i;

	day_to_time(r->as_of, &day);
	crypto_hash_sha256_init(&h);
	for (i = 1; i <= r->maxid; i++) {
		if (!r->present[i])
			continue;
		memset(&row, 0, sizeof(row));
		metrics_row(r, i, &day, &row);
		crypto_hash_sha256_update(&h, (const unsigned char *)&row, sizeof(row));
	}
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
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

static int cmp_pair(const struct pair *a, const struct pair *b)
{
	if (a->cid != b->cid)
		return a->cid < b->cid ? -1 : 1;
	return a->clid < b->clid ? -1 : a->clid > b->clid;
}

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

/* The current classifications, in primary key order: one streamed read in
 * the binary protocol. */
static int read_current(struct run *r, struct pairs *cur)
{
	MYSQL_STMT *st = NULL;
	MYSQL_BIND b[2];
	unsigned cid = 0, clid = 0;
	int f, rc = -1;

	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONG;
	b[0].is_unsigned = 1;
	b[0].buffer = &cid;
	b[1].buffer_type = MYSQL_TYPE_LONG;
	b[1].is_unsigned = 1;
	b[1].buffer = &clid;
	if ((st = mysql_stmt_init(r->m)) == NULL ||
	    mysql_stmt_prepare(st, cls_sql[CLS_CURRENT].sql, (unsigned long)strlen(cls_sql[CLS_CURRENT].sql)) != 0 ||
	    mysql_stmt_execute(st) != 0 || mysql_stmt_bind_result(st, b) != 0) {
		fail_stmt(r, st, "current classifications");
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0)
		if (push(cur, cid, clid) != 0) {
			snprintf(r->err, r->errlen, "out of memory reading classifications");
			goto out;
		}
	if (f != MYSQL_NO_DATA) {
		fail_stmt(r, st, "current classifications");
		goto out;
	}
	rc = 0;
out:
	if (st)
		mysql_stmt_close(st);
	return rc;
}

static int cmp_id(const void *pa, const void *pb)
{
	long long a = *(const long long *)pa, b = *(const long long *)pb;

	return a < b ? -1 : a > b;
}

/* The new assignments against the current ones: what to add and to remove. */
static int diff_classes(struct run *r, struct pairs *add, struct pairs *del)
{
	const struct cl_result *res = r->res;
	struct pairs now = { 0 }, cur = { 0 };
	long long ids[CL_MAX_PER_CUSTOMER];
	size_t i, k, n, a = 0, b = 0;
	int rc = -1;

	if (read_current(r, &cur) != 0)
		goto out;
	/* customer order, and classification id order within a customer */
	for (i = 1; i <= res->maxid; i++) {
		n = res->coff[i + 1] - res->coff[i];
		if (n == 0)
			continue;
		memcpy(ids, res->cls + res->coff[i], n * sizeof(*ids));
		qsort(ids, n, sizeof(*ids), cmp_id);
		for (k = 0; k < n; k++)
			if (push(&now, (unsigned)i, (unsigned)ids[k]) != 0)
				goto oom;
	}
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

/* The classifications that changed: intervals closed and opened, in one
 * transaction. */
static int write_changes(struct run *r, struct sl_db *db, const struct pairs *add,
    const struct pairs *del)
{
	if (add->n + del->n == 0)
		return 0;
	if (sl_db_begin(db) != 0 ||
	    exec_pairs(r, cls_sql[CLS_CLOSE_HIST].sql, 1, del->v, del->n) != 0 ||
	    exec_pairs(r, cls_sql[CLS_OPEN_HIST].sql, 0, add->v, add->n) != 0 ||
	    sl_db_commit(db) != 0) {
		sl_db_rollback(db);
		if (r->err[0] == '\0')
			snprintf(r->err, r->errlen, "writing classifications: %s", sl_db_error(db));
		return -1;
	}
	return 0;
}

/* The loads in parallel; on failure, the first task's reason. */
static int run_loads(struct run *r, struct sl_db *db, struct bl_task *t, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	if (bl_run(db, t, n) == 0) {
		for (i = 0; i < n; i++)
			log_info("classify: loaded %llu rows into %s_new in %.2f s (keys and all: %.2f s)",
			    t[i].rows, t[i].name, t[i].load_seconds, t[i].seconds);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (t[i].rc != 0) {
			snprintf(r->err, r->errlen, "%s", t[i].err);
			break;
		}
	return -1;
}

int cl_recompute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    struct cl_run_stats *stats, char *err, size_t errlen)
{
	struct run run, *r = &run;
	struct cl_result *res = NULL;
	struct pairs add = { 0 }, del = { 0 };
	struct bl_task tasks[2];
	struct rc_gen gm, gh;
	struct sl_stmt *st;
	struct timespec t0, t1;
	const char *swap = NULL;
	char digest[65], asof_s[16], phases[512];
	long long has_hist;
	size_t ntasks = 0;
	int months, same = 0, first = 0, locked = 0, rc = -1, y, mo, d;

	memset(stats, 0, sizeof(*stats));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(r, 0, sizeof(*r));
	err[0] = '\0';
	r->err = err;
	r->errlen = errlen;
	r->as_of = as_of;
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium did not initialise");
		return -1;
	}
	if (db_ensure(db) != 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		return -1;
	}
	r->m = db_handle(db);
	if (query_int(r, cls_sql[CLS_LOCK].sql, NULL) != 1) {
		if (err[0] == '\0')
			snprintf(err, errlen, "another classification run is in progress");
		return -1;
	}
	locked = 1;
	if ((res = cl_compute(db, as_of, job, err, errlen)) == NULL)
		goto out;
	r->res = res;
	r->m = db_handle(db);
	months = res->months;
	metrics_digest(res, digest);
	if ((st = sl_db_stmt(db, cls_sql[CLS_LAST_DIGEST].sql)) != NULL && sl_stmt_exec(st, "") == 0) {
		if (sl_stmt_fetch(st) == 1)
			same = strcmp(sl_stmt_str(st, 0, NULL), digest) == 0;
		sl_stmt_done(st);
	}
	if ((has_hist = query_int(r, cls_sql[CLS_STATE].sql, NULL)) < 0)
		goto out;
	first = !has_hist;
	cl_phase(&res->timing, "digest");
	if (!first && diff_classes(r, &add, &del) != 0)
		goto out;
	cl_phase(&res->timing, "compared");
	if (!same) {
		rc_gen_init(&gm, res);
		rc_task_metrics(&tasks[ntasks++], &gm);
	}
	if (first && res->ncls > 0) {
		rc_gen_init(&gh, res);
		rc_task_history(&tasks[ntasks++], &gh);
		swap = same ? cls_sql[CLS_SWAP_H].sql : cls_sql[CLS_SWAP_MH].sql;
	} else if (!same)
		swap = cls_sql[CLS_SWAP_M].sql;
	if (run_loads(r, db, tasks, ntasks) != 0)
		goto out;
	cl_phase(&res->timing, "loaded");
	if (!first && write_changes(r, db, &add, &del) != 0)
		goto out;
	if (swap != NULL && (query(r, swap) != 0 || query(r, cls_sql[CLS_DROP_OLD].sql) != 0))
		goto out;
	cl_phase(&res->timing, "written");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats->customers = res->ncust;
	stats->orders = res->norders;
	stats->added = first ? (long long)res->ncls : (long long)add.n;
	stats->removed = (long long)del.n;
	stats->metrics_written = !same;
	stats->timeframe = months;
	stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	dc_civil_from_days(as_of, &y, &mo, &d);
	snprintf(asof_s, sizeof(asof_s), "%04d-%02d-%02d", y, mo, d);
	if (sl_db_exec(db, SL_SQL(cls_sql, CLS_RUN), asof_s, (long long)months, stats->customers,
	    stats->orders, stats->added, stats->removed, digest, (long long)stats->metrics_written,
	    stats->seconds) != 1) {
		snprintf(err, errlen, "recording the run: %s", sl_db_error(db));
		goto out;
	}
	cl_timing_text(&res->timing, phases, sizeof(phases));
	log_info("classify: run as of %s%s: %s", asof_s, first ? " (first: bulk loads)" : "", phases);
	if (job)
		sl_job_progress(job, res->norders, res->norders);
	rc = 0;
out:
	if (rc != 0 && ntasks > 0 && db_ensure(db) == 0)
		mysql_query(db_handle(db), cls_sql[CLS_DROP_NEW].sql);   /* best effort */
	if (locked && db_ensure(db) == 0) {
		char scratch[256];

		r->m = db_handle(db);
		r->err = scratch;
		r->errlen = sizeof(scratch);
		query_int(r, cls_sql[CLS_UNLOCK].sql, NULL);
	}
	free(add.v);
	free(del.v);
	cl_result_free(res);
	return rc;
}
