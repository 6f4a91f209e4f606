/*
 * recompute.c - one classification run.
 *
 * Reads the customers once and the paid orders once (os_scan(): one
 * streamed pass in customer and date order over the covering index),
 * computes every metric in memory
 * (metrics.c), ranks and shares per population, assigns tiers (assign.c),
 * and writes in bulk with MariaDB's array binding:
 *   - the metrics into a fresh table swapped in by RENAME, only when their
 *     SHA-256 differs from the last run's (classify_runs.metrics_digest);
 *   - the classifications that changed, with history intervals closed and
 *     opened, in one transaction.  A run that changes nothing writes
 *     nothing there.
 * Memory: about 90 bytes per customer plus their host ids.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <sodium.h>

#include "assign.h"
#include "contract.h"
#include "db_conn.h"
#include "metrics.h"
#include "orderscan.h"
#include "recompute.h"
#include "salient/db.h"
#include "salient/salient.h"

#define BATCH 10000
#define MAX_CLASSES 4096
#define MAX_PER_CUSTOMER 64

static const char sql_timeframe[] =
    "SELECT value FROM settings WHERE name = 'classify.timeframe_months'";
static const char sql_classes[] =
    "SELECT id, type, smart_type, value, ROUND(min_spend * 10000), min_orders, position "
    "FROM classifications";
static const char sql_maxcust[] = "SELECT COALESCE(MAX(id), 0) FROM customers";
static const char sql_customers[] =
    "SELECT id, host_id, smart_type FROM customers WHERE placeholder = 0";
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

/* Everything a run holds in memory, indexed by internal customer id. */
struct run {
	MYSQL *m;
	struct sl_job *job;
	int64_t as_of;
	struct cl_periods p;
	size_t maxid;                 /* ids are 1..maxid */
	unsigned char *present;       /* a real (non-placeholder) customer */
	unsigned char *smart;
	char **hostid;
	struct cl_metrics *cm;
	int64_t *revenue_prev, *orders_prev;
	long long ncust, norders;
	struct cl_class classes[MAX_CLASSES];
	size_t nclasses;
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

static int load_settings_classes(struct run *r, struct sl_db *db)
{
	struct sl_stmt *st;
	int months = 12;

	if ((st = sl_db_stmt(db, sql_timeframe)) == NULL || sl_stmt_exec(st, "") != 0)
		goto dberr;
	if (sl_stmt_fetch(st) == 1) {
		const char *v = sl_stmt_str(st, 0, NULL);

		months = v ? (int)strtol(v, NULL, 10) : 12;
	}
	sl_stmt_done(st);
	if (months != 3 && months != 6 && months != 12 && months != 24) {
		snprintf(r->err, r->errlen, "setting classify.timeframe_months is %d: it must be 3, 6, 12 or 24",
		    months);
		return -1;
	}
	cl_periods(r->as_of, months, &r->p);
	if ((st = sl_db_stmt(db, sql_classes)) == NULL || sl_stmt_exec(st, "") != 0)
		goto dberr;
	while (sl_stmt_fetch(st) == 1) {
		struct cl_class *c = &r->classes[r->nclasses];

		if (r->nclasses == MAX_CLASSES) {
			sl_stmt_done(st);
			snprintf(r->err, r->errlen, "more than %d classifications", MAX_CLASSES);
			return -1;
		}
		c->id = sl_stmt_int(st, 0);
		c->type = (enum cl_type)cl_lookup(cl_type_names, CL_NTYPES, sl_stmt_str(st, 1, NULL));
		c->smart = (enum cl_smart)cl_lookup(cl_smart_names, CL_NSMART, sl_stmt_str(st, 2, NULL));
		c->value = strtod(sl_stmt_str(st, 3, NULL), NULL);
		c->min_spend = sl_stmt_int(st, 4);
		c->min_orders = sl_stmt_int(st, 5);
		c->position = (int)sl_stmt_int(st, 6);
		if ((int)c->type < 0 || (int)c->smart < 0)
			continue;
		r->nclasses++;
	}
	sl_stmt_done(st);
	cl_sort_classes(r->classes, r->nclasses);
	return months;
dberr:
	snprintf(r->err, r->errlen, "reading settings and classifications: %s", sl_db_error(db));
	return -1;
}

static int load_customers(struct run *r, struct sl_db *db)
{
	struct sl_stmt *st;
	long long maxid;

	if ((st = sl_db_stmt(db, sql_maxcust)) == NULL || sl_stmt_exec(st, "") != 0 ||
	    sl_stmt_fetch(st) != 1) {
		snprintf(r->err, r->errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	maxid = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	r->maxid = (size_t)maxid;
	r->present = calloc(r->maxid + 1, 1);
	r->smart = calloc(r->maxid + 1, 1);
	r->hostid = calloc(r->maxid + 1, sizeof(*r->hostid));
	r->cm = calloc(r->maxid + 1, sizeof(*r->cm));
	r->revenue_prev = calloc(r->maxid + 1, sizeof(int64_t));
	r->orders_prev = calloc(r->maxid + 1, sizeof(int64_t));
	if (!r->present || !r->smart || !r->hostid || !r->cm || !r->revenue_prev || !r->orders_prev) {
		snprintf(r->err, r->errlen, "out of memory for %zu customers", r->maxid);
		return -1;
	}
	if ((st = sl_db_stmt(db, sql_customers)) == NULL || sl_stmt_exec(st, "") != 0) {
		snprintf(r->err, r->errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	while (sl_stmt_fetch(st) == 1) {
		long long id = sl_stmt_int(st, 0);
		int s = cl_lookup(cl_smart_names, CL_ALL, sl_stmt_str(st, 2, NULL));

		if (id < 1 || (size_t)id > r->maxid)
			continue;
		r->present[id] = 1;
		r->smart[id] = (unsigned char)(s < 0 ? CL_RETAIL : s);
		if ((r->hostid[id] = strdup(sl_stmt_str(st, 1, NULL))) == NULL) {
			sl_stmt_done(st);
			snprintf(r->err, r->errlen, "out of memory");
			return -1;
		}
		r->ncust++;
	}
	sl_stmt_done(st);
	return 0;
}

static void finish_customer(struct run *r, size_t id, struct cl_acc *a)
{
	struct cl_metrics *cm = &r->cm[id];

	cl_acc_finish(a, &r->p);
	cm->revenue_cur = a->revenue_cur;
	cm->orders_cur = a->orders_cur;
	r->revenue_prev[id] = a->revenue_prev;
	r->orders_prev[id] = a->orders_prev;
	cm->m[CL_ORDERS] = (double)a->orders_cur;
	cm->def = 1u << CL_ORDERS;
	if (a->risk_def) {
		cm->m[CL_RISK_SCORE] = a->risk;
		cm->def |= 1u << CL_RISK_SCORE;
	}
	if (a->risk_change_def) {
		cm->m[CL_RISK_CHANGE] = a->risk_change;
		cm->def |= 1u << CL_RISK_CHANGE;
	}
	if (a->revenue_change_def) {
		cm->m[CL_REVENUE_CHANGE] = a->revenue_change;
		cm->def |= 1u << CL_REVENUE_CHANGE;
	}
}

/* The customer being accumulated while the orders stream past. */
struct scan {
	struct run *r;
	struct cl_acc a;
	size_t cur;
};

static int on_order(void *ctx, unsigned cid, int64_t day, int64_t value)
{
	struct scan *sc = ctx;
	struct run *r = sc->r;

	if (cid != sc->cur) {
		if (sc->cur != 0 && sc->cur <= r->maxid && r->present[sc->cur])
			finish_customer(r, sc->cur, &sc->a);
		cl_acc_reset(&sc->a);
		sc->cur = cid;
	}
	if (cid > r->maxid || !r->present[cid])
		return 0;
	cl_acc_order(&sc->a, &r->p, day, value);
	if ((++r->norders & 0xfffff) == 0 && r->job) {
		sl_job_progress(r->job, r->norders, 0);
		if (sl_job_stopping(r->job)) {
			snprintf(r->err, r->errlen, "stopped: the worker is shutting down");
			return -1;
		}
	}
	return 0;
}

/* The one pass over the orders (orderscan.c). */
static int stream_orders(struct run *r)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.r = r;
	cl_acc_reset(&sc.a);
	if (os_scan(r->m, r->as_of, on_order, &sc, r->err, r->errlen) != 0)
		return -1;
	if (sc.cur != 0 && sc.cur <= r->maxid && r->present[sc.cur])
		finish_customer(r, sc.cur, &sc.a);
	return 0;
}

/* Rank and share within each smart type, and within all customers. */
static int rank_populations(struct run *r)
{
	int64_t *rev = NULL;
	const char **ids = NULL;
	size_t *idx = NULL, *order = NULL, n, i;
	double *rk = NULL, *sh = NULL;
	int s, rc = -1;

	rev = malloc((r->maxid + 1) * sizeof(*rev));
	ids = malloc((r->maxid + 1) * sizeof(*ids));
	idx = malloc((r->maxid + 1) * sizeof(*idx));
	order = malloc((r->maxid + 1) * sizeof(*order));
	rk = malloc((r->maxid + 1) * sizeof(*rk));
	sh = malloc((r->maxid + 1) * sizeof(*sh));
	if (!rev || !ids || !idx || !order || !rk || !sh) {
		snprintf(r->err, r->errlen, "out of memory ranking customers");
		goto out;
	}
	for (s = 0; s < CL_NSMART; s++) {
		for (n = 0, i = 1; i <= r->maxid; i++) {
			if (!r->present[i] || r->cm[i].revenue_cur <= 0 ||
			    (s != CL_ALL && r->smart[i] != s))
				continue;
			rev[n] = r->cm[i].revenue_cur;
			ids[n] = r->hostid[i];
			idx[n++] = i;
		}
		if (n == 0)
			continue;
		if (cl_rank_share(rev, ids, n, order, rk, sh) != 0) {
			snprintf(r->err, r->errlen, "revenue total overflows");
			goto out;
		}
		for (i = 0; i < n; i++) {
			struct cl_metrics *cm = &r->cm[idx[i]];

			if (s == CL_ALL) {
				cm->rank_all = rk[i];
				cm->share_all = sh[i];
				cm->def_all = (1u << CL_REVENUE_RANK) | (1u << CL_REVENUE_SHARE);
			} else {
				cm->m[CL_REVENUE_RANK] = rk[i];
				cm->m[CL_REVENUE_SHARE] = sh[i];
				cm->def |= (1u << CL_REVENUE_RANK) | (1u << CL_REVENUE_SHARE);
			}
		}
	}
	rc = 0;
out:
	free(rev);
	free(ids);
	free(idx);
	free(order);
	free(rk);
	free(sh);
	return rc;
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

static void metrics_row(const struct run *r, size_t id, struct mrow *row)
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
static void metrics_digest(const struct run *r, char hex[65])
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
	for (i = 1; i <= r->maxid + 1; i++) {
		if (i <= r->maxid && r->present[i])
			metrics_row(r, i, &rows[n++]);
		if (n == BATCH || (i == r->maxid + 1 && n > 0)) {
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

/* The new assignments (sorted) and the current ones, then their difference. */
static int diff_classes(struct run *r, struct sl_db *db, struct pairs *add, struct pairs *del)
{
	struct pairs now = { 0 }, cur = { 0 };
	size_t out[MAX_PER_CUSTOMER], i, k, a = 0, b = 0;
	struct sl_stmt *st;
	int rc = -1;

	for (i = 1; i <= r->maxid; i++) {
		size_t got;

		if (!r->present[i])
			continue;
		r->cm[i].smart = (enum cl_smart)r->smart[i];
		got = cl_assign(&r->cm[i], r->classes, r->nclasses, out, MAX_PER_CUSTOMER);
		for (k = 0; k < got; k++)
			if (push(&now, (unsigned)i, (unsigned)r->classes[out[k]].id) != 0)
				goto oom;
	}
	qsort(now.v, now.n, sizeof(*now.v), cmp_pair);
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

static void run_free(struct run *r)
{
	size_t i;

	for (i = 0; r->hostid && i <= r->maxid; i++)
		free(r->hostid[i]);
	free(r->hostid);
	free(r->present);
	free(r->smart);
	free(r->cm);
	free(r->revenue_prev);
	free(r->orders_prev);
}

int cl_recompute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    struct cl_run_stats *stats, char *err, size_t errlen)
{
	struct run *r = NULL;
	struct pairs add = { 0 }, del = { 0 };
	struct sl_stmt *st;
	struct timespec t0, t1;
	char digest[65], asof_s[16];
	int months, same = 0, rc = -1, y, mo, d;

	memset(stats, 0, sizeof(*stats));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->err = err;
	r->errlen = errlen;
	r->job = job;
	r->as_of = as_of;
	if (sodium_init() < 0 || db_ensure(db) != 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		goto out;
	}
	r->m = db_handle(db);
	if ((months = load_settings_classes(r, db)) < 0 || load_customers(r, db) != 0 ||
	    stream_orders(r) != 0 || rank_populations(r) != 0)
		goto out;
	metrics_digest(r, digest);
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
	stats->customers = r->ncust;
	stats->orders = r->norders;
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
		sl_job_progress(job, r->norders, r->norders);
	rc = 0;
out:
	free(add.v);
	free(del.v);
	run_free(r);
	free(r);
	return rc;
}
