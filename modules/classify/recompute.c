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

#include <stddef.h>
#include <sodium.h>

#include "classify_sql.h"
#include "compute_int.h"
#include "rcload.h"
#include "recompute.h"
#include "salient/contract.h"
#include "salient/db.h"
#include "salient/log.h"
#include "salient/salient.h"

/* the current classifications: the open intervals (sql/008) */
/* each run records the digest of what the table then holds */
/* one RENAME for whatever was rebuilt: readers see all old or all new */

/* The writing side of a run. */
struct run {
	struct sl_db *db;
	const struct cl_result *res;
	char day[16];                 /* the as-of date, "YYYY-MM-DD" */
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

/* One row of customer_metrics as the digest sees it (the as-of day as days
 * since 1970; def 1 where the metric is defined). */
struct mrow {
	unsigned cid;
	int64_t as_of;
	long long rev_cur, rev_prev;
	long long ocur, oprev;
	double v[5];
	char def[5];
	char rfm[3];                  /* the RFM scores, 0 0 0 without */
};

static const enum cl_type mcols[5] = {
	CL_RISK_SCORE, CL_RISK_CHANGE, CL_REVENUE_RANK, CL_REVENUE_CHANGE, CL_REVENUE_SHARE,
};

static void metrics_row(const struct cl_result *r, size_t id, struct mrow *row)
{
	const struct cl_metrics *cm = &r->cm[id];
	int k;

	row->cid = (unsigned)id;
	row->as_of = r->as_of;
	row->rev_cur = cm->revenue_cur;
	row->rev_prev = r->revenue_prev[id];
	row->ocur = cm->orders_cur;
	row->oprev = r->orders_prev[id];
	for (k = 0; k < 5; k++) {
		int d = (cm->def >> mcols[k]) & 1;

		row->v[k] = d ? cm->m[mcols[k]] : 0;
		row->def[k] = (char)d;
	}
	if ((cm->def >> CL_RFM_CELL) & 1) {
		int c = (int)cm->m[CL_RFM_CELL];

		row->rfm[0] = (char)(c / 100);
		row->rfm[1] = (char)(c / 10 % 10);
		row->rfm[2] = (char)(c % 10);
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

/* One row of the changes' statements: customer, classification, day. */
struct hrow {
	unsigned long long cid, clid;
	const char *day;
};

static const struct sl_db_field hrow_fields[] = {
	{ 'u', offsetof(struct hrow, cid) },
	{ 'u', offsetof(struct hrow, clid) },
	{ 's', offsetof(struct hrow, day) },
	{ 0, 0 },
};

/*
 * Runs one of the changes' statements (classify_sql.c) over the n pairs,
 * with the run's day: whole batches of the largest size, then the rest by
 * the smaller ones; 0 or -1.
 */
static int write_pairs(struct run *r, const struct cls_batch *batch, const struct pair *p,
    size_t n)
{
	struct hrow rows[1000];
	size_t i = 0, k, chunk, b = 0;

	while (i < n) {
		while (batch[b].rows > n - i)
			b++;
		chunk = batch[b].rows;
		for (k = 0; k < chunk; k++) {
			rows[k].cid = p[i + k].cid;
			rows[k].clid = p[i + k].clid;
			rows[k].day = r->day;
		}
		if (sl_db_exec_rows(r->db, SL_SQL(cls_sql, batch[b].id), hrow_fields, rows,
		    sizeof(rows[0]), chunk) < 0) {
			snprintf(r->err, r->errlen, "writing classifications: %s", sl_db_error(r->db));
			return -1;
		}
		i += chunk;
	}
	return 0;
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

/* The current classifications, in primary key order: one streamed read. */
static int read_current(struct run *r, struct pairs *cur)
{
	struct sl_cursor *c;
	unsigned cid = 0, clid = 0;
	int f = -1;

	if ((c = sl_cursor_open(r->db, SL_SQL(cls_sql, CLS_CURRENT))) == NULL) {
		snprintf(r->err, r->errlen, "current classifications: %s", sl_db_error(r->db));
		return -1;
	}
	if (sl_cursor_bind(c, "nn", &cid, &clid) == 0)
		while ((f = sl_cursor_fetch(c)) == 1)
			if (push(cur, cid, clid) != 0) {
				snprintf(r->err, r->errlen, "out of memory reading classifications");
				sl_cursor_close(c);
				return -1;
			}
	if (f != 0)
		snprintf(r->err, r->errlen, "current classifications: %s", sl_cursor_error(c));
	sl_cursor_close(c);
	return f == 0 ? 0 : -1;
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
	    write_pairs(r, cls_close_batch, del->v, del->n) != 0 ||
	    write_pairs(r, cls_open_batch, add->v, add->n) != 0 ||
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

/* One SELECT of one integer (a lock's answer, a count); -1 on failure
 * with the reason in err, else 0 with the value in *v (-1 for NULL). */
static int select_int(struct run *r, enum cls_sql_id id, long long *v)
{
	int q = sl_db_int(r->db, v, SL_SQL(cls_sql, id));

	if (q < 0) {
		snprintf(r->err, r->errlen, "database: %s", sl_db_error(r->db));
		return -1;
	}
	if (q == 0)
		*v = -1;
	return 0;
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
	const struct sl_sql *swap = NULL;
	char digest[65], phases[512];
	long long has_hist, lock;
	size_t ntasks = 0;
	int months, same = 0, first = 0, locked = 0, rc = -1, y, mo, d;

	memset(stats, 0, sizeof(*stats));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(r, 0, sizeof(*r));
	err[0] = '\0';
	r->db = db;
	r->err = err;
	r->errlen = errlen;
	dc_civil_from_days(as_of, &y, &mo, &d);
	snprintf(r->day, sizeof(r->day), "%04d-%02d-%02d", y, mo, d);
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium did not initialise");
		return -1;
	}
	if (select_int(r, CLS_LOCK, &lock) != 0)
		return -1;
	if (lock != 1) {
		stats->busy = 1;
		snprintf(err, errlen, "another classification run is in progress");
		return -1;
	}
	locked = 1;
	if ((res = cl_compute(db, as_of, job, err, errlen)) == NULL)
		goto out;
	r->res = res;
	months = res->months;
	metrics_digest(res, digest);
	if ((st = sl_db_stmt(db, cls_sql[CLS_LAST_DIGEST].sql)) != NULL && sl_stmt_exec(st, "") == 0) {
		if (sl_stmt_fetch(st) == 1)
			same = strcmp(sl_stmt_str(st, 0, NULL), digest) == 0;
		sl_stmt_done(st);
	}
	if (select_int(r, CLS_STATE, &has_hist) != 0)
		goto out;
	first = has_hist == 0;
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
		swap = &cls_sql[same ? CLS_SWAP_H : CLS_SWAP_MH];
	} else if (!same)
		swap = &cls_sql[CLS_SWAP_M];
	if (run_loads(r, db, tasks, ntasks) != 0)
		goto out;
	cl_phase(&res->timing, "loaded");
	if (!first && write_changes(r, db, &add, &del) != 0)
		goto out;
	if (swap != NULL && (sl_db_exec(db, swap->sql, swap->types) < 0 ||
	    sl_db_exec(db, SL_SQL(cls_sql, CLS_DROP_OLD)) < 0)) {
		snprintf(err, errlen, "swapping the new tables in: %s", sl_db_error(db));
		goto out;
	}
	cl_phase(&res->timing, "written");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats->customers = res->ncust;
	stats->orders = res->norders;
	stats->added = first ? (long long)res->ncls : (long long)add.n;
	stats->removed = (long long)del.n;
	stats->metrics_written = !same;
	stats->timeframe = months;
	stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (sl_db_exec(db, SL_SQL(cls_sql, CLS_RUN), r->day, (long long)months, stats->customers,
	    stats->orders, stats->added, stats->removed, digest, (long long)stats->metrics_written,
	    stats->seconds) != 1) {
		snprintf(err, errlen, "recording the run: %s", sl_db_error(db));
		goto out;
	}
	cl_timing_text(&res->timing, phases, sizeof(phases));
	log_info("classify: run as of %s%s: %s", r->day, first ? " (first: bulk loads)" : "", phases);
	if (job)
		sl_job_progress(job, res->norders, res->norders);
	rc = 0;
out:
	/* best effort, the reason of the failure kept in err */
	if (rc != 0 && ntasks > 0)
		sl_db_exec(db, SL_SQL(cls_sql, CLS_DROP_NEW));
	if (locked)
		sl_db_int(db, &lock, SL_SQL(cls_sql, CLS_UNLOCK));
	free(add.v);
	free(del.v);
	cl_result_free(res);
	return rc;
}
