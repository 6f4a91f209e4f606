/*
 * compute.c - a classification run's computation (salient/classify.h).
 *
 * Reads the customers once and the paid orders once (os_scan_range():
 * streamed in customer and date order over the covering index, in ranges
 * of customer ids read by two connections at once; see SCAN_CHUNKS),
 * computes every metric in memory (metrics.c), ranks and shares per
 * population, the RFM scores (rfm.c), and assigns the tiers (assign.c).
 * Memory: about 115 bytes per customer, their host ids, and 8 bytes per
 * classification held.
 */
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_sql.h"
#include "compute_int.h"
#include "salient/orderscan.h"
#include "salient/rfm.h"
#include "salient/db.h"
#include "salient/num.h"
#include "salient/salient.h"
#include "salient/settings.h"

/* the predictions of the published fits in force (sql/004_predict.sql) */

/* Host id strings, in chunks that never move. */
#define ARENA_CHUNK (1u << 20)
struct arena {
	struct arena *next;
	size_t used;
	char buf[ARENA_CHUNK];
};

static char *arena_dup(struct arena **a, const char *s, size_t n)
{
	char *p;

	if (n + 1 > ARENA_CHUNK)
		return NULL;
	if (*a == NULL || (*a)->used + n + 1 > ARENA_CHUNK) {
		struct arena *na = malloc(sizeof(*na));

		if (na == NULL)
			return NULL;
		na->next = *a;
		na->used = 0;
		*a = na;
	}
	p = (*a)->buf + (*a)->used;
	memcpy(p, s, n);
	p[n] = '\0';
	(*a)->used += n + 1;
	return p;
}

void cl_timing_start(struct cl_timing *t)
{
	memset(t, 0, sizeof(*t));
	clock_gettime(CLOCK_MONOTONIC, &t->last);
}

void cl_phase(struct cl_timing *t, const char *name)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (t->n < CL_MAX_PHASES) {
		t->name[t->n] = name;
		t->s[t->n++] = (double)(now.tv_sec - t->last.tv_sec) +
		    (double)(now.tv_nsec - t->last.tv_nsec) / 1e9;
	}
	t->last = now;
}

void cl_timing_text(const struct cl_timing *t, char *buf, size_t size)
{
	size_t used = 0;
	int i, k;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < t->n && used < size; i++) {
		k = snprintf(buf + used, size - used, "%s%s %.2f s", i ? ", " : "", t->name[i], t->s[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/* The state of one computation while it runs. */
struct ctx {
	struct cl_result *r;
	struct sl_job *job;
	const struct sl_db *db;
	char *err;
	size_t errlen;
	uint32_t *nord;               /* paid orders read, per customer */
	int32_t *last;                /* the last paid order's day, per customer */
	double *palive;               /* P(alive) per customer, -1 = none */
	int cust_rc;                  /* the customer thread's result */
	unsigned scan_next;           /* the next range of the order streams (atomic) */
	int scan_stop;                /* a stream failed: the others stop (atomic) */
	long long scan_seen;          /* orders read by all streams, in 65536s (atomic) */
	char cust_err[256];
};

static int load_settings_classes(struct ctx *c, struct sl_db *db)
{
	struct cl_result *r = c->r;
	struct sl_stmt *st;
	long long months = sl_setting_int(db, "timeframe_months");

	if (months != 3 && months != 6 && months != 12 && months != 24) {
		snprintf(c->err, c->errlen,
		    "setting classify.timeframe_months is %lld: it must be 3, 6, 12 or 24", months);
		return -1;
	}
	r->months = (int)months;
	cl_periods(r->as_of, r->months, &r->p);
	if ((r->classes = calloc(CL_MAX_CLASSES, sizeof(*r->classes))) == NULL) {
		snprintf(c->err, c->errlen, "out of memory");
		return -1;
	}
	if ((st = sl_db_stmt(db, cls_sql[CLS_CLASSES].sql)) == NULL || sl_stmt_exec(st, "") != 0) {
		snprintf(c->err, c->errlen, "reading classifications: %s", sl_db_error(db));
		return -1;
	}
	while (sl_stmt_fetch(st) == 1) {
		struct cl_class *k = &r->classes[r->nclasses];

		if (r->nclasses == CL_MAX_CLASSES) {
			sl_stmt_done(st);
			snprintf(c->err, c->errlen, "more than %d classifications", CL_MAX_CLASSES);
			return -1;
		}
		k->id = sl_stmt_int(st, 0);
		k->type = (enum cl_type)cl_lookup(cl_type_names, CL_NTYPES, sl_stmt_str(st, 1, NULL));
		k->smart = (enum cl_smart)cl_lookup(cl_smart_names, CL_NSMART, sl_stmt_str(st, 2, NULL));
		/* an open-ended last tier (value NULL) holds everything above the
		   tier before it: its bound is +infinity (salient/metrics.h) */
		if (sl_stmt_str(st, 3, NULL) == NULL)
			k->value = INFINITY;
		else if (sl_num_double(sl_stmt_str(st, 3, NULL), &k->value) != 0)
			k->value = 0;
		k->min_spend = sl_stmt_int(st, 4);
		k->min_orders = sl_stmt_int(st, 5);
		k->position = (int)sl_stmt_int(st, 6);
		if ((int)k->type < 0 || (int)k->smart < 0)
			continue;
		r->nclasses++;
	}
	sl_stmt_done(st);
	cl_sort_classes(r->classes, r->nclasses);
	return 0;
}

/* The arrays, for ids 1..MAX(id). */
static int alloc_customers(struct ctx *c, struct sl_db *db)
{
	struct cl_result *r = c->r;
	struct sl_stmt *st;
	long long maxid;
	size_t i;

	if ((st = sl_db_stmt(db, cls_sql[CLS_MAXCUST].sql)) == NULL || sl_stmt_exec(st, "") != 0 ||
	    sl_stmt_fetch(st) != 1) {
		snprintf(c->err, c->errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	maxid = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	if (maxid < 0 || maxid >= UINT32_MAX) {
		snprintf(c->err, c->errlen, "customer ids out of range");
		return -1;
	}
	r->maxid = (size_t)maxid;
	r->present = calloc(r->maxid + 1, 1);
	r->smart = calloc(r->maxid + 1, 1);
	r->hostid = calloc(r->maxid + 1, sizeof(*r->hostid));
	r->cm = calloc(r->maxid + 1, sizeof(*r->cm));
	r->revenue_prev = calloc(r->maxid + 1, sizeof(int64_t));
	r->orders_prev = calloc(r->maxid + 1, sizeof(int64_t));
	r->coff = calloc(r->maxid + 2, sizeof(*r->coff));
	c->nord = calloc(r->maxid + 1, sizeof(*c->nord));
	c->last = calloc(r->maxid + 1, sizeof(*c->last));
	c->palive = malloc((r->maxid + 1) * sizeof(*c->palive));
	if (!r->present || !r->smart || !r->hostid || !r->cm || !r->revenue_prev ||
	    !r->orders_prev || !r->coff || !c->nord || !c->last || !c->palive) {
		snprintf(c->err, c->errlen, "out of memory for %zu customers", r->maxid);
		return -1;
	}
	for (i = 0; i <= r->maxid; i++)
		c->palive[i] = -1;
	return 0;
}

/* Every customer's P(alive): one streamed read. */
static int read_predictions(struct ctx *c, struct sl_db *x)
{
	struct cl_result *r = c->r;
	struct sl_cursor *cur;
	unsigned id = 0;
	double p = 0;
	int f = -1;

	if ((cur = sl_cursor_open(x, SL_SQL(cls_sql, CLS_PREDICTIONS))) == NULL) {
		snprintf(c->cust_err, sizeof(c->cust_err), "predictions: %s", sl_db_error(x));
		return -1;
	}
	if (sl_cursor_bind(cur, "nd", &id, &p) == 0)
		while ((f = sl_cursor_fetch(cur)) == 1)
			if (id >= 1 && id <= r->maxid && p >= 0 && !sl_cursor_isnull(cur, 1))
				c->palive[id] = p;
	if (f != 0)
		snprintf(c->cust_err, sizeof(c->cust_err), "predictions: %s", sl_cursor_error(cur));
	sl_cursor_close(cur);
	return f == 0 ? 0 : -1;
}

/*
 * The customers, read on a second connection in a thread of their own while
 * the orders stream on the first (a streamed cursor), then their
 * predictions.  Touches only present, smart, hostid, cm[].smart, palive and
 * the arena, which the order stream does not.
 */
static void *read_customers(void *arg)
{
	struct ctx *c = arg;
	struct cl_result *r = c->r;
	struct sl_db *x;
	struct sl_cursor *cur = NULL;
	unsigned id = 0;
	char host[512], smart[32];
	size_t hlen = 0, slen = 0;
	int f = -1;

	c->cust_rc = -1;
	if ((x = sl_db_extra(c->db, 0, c->cust_err, sizeof(c->cust_err))) == NULL)
		return NULL;
	if ((cur = sl_cursor_open(x, SL_SQL(cls_sql, CLS_CUSTOMERS))) == NULL) {
		snprintf(c->cust_err, sizeof(c->cust_err), "customers: %s", sl_db_error(x));
		goto out;
	}
	if (sl_cursor_bind(cur, "nss", &id, host, sizeof(host), &hlen, smart, sizeof(smart),
	    &slen) == 0) {
		while ((f = sl_cursor_fetch(cur)) == 1) {
			int s;

			if (id < 1 || id > r->maxid || sl_cursor_isnull(cur, 1))
				continue;
			s = sl_cursor_isnull(cur, 2) ? -1 : cl_lookup(cl_smart_names, CL_ALL, smart);
			r->present[id] = 1;
			r->smart[id] = (unsigned char)(s < 0 ? CL_RETAIL : s);
			r->cm[id].smart = (enum cl_smart)r->smart[id];
			if ((r->hostid[id] = arena_dup(&r->arena, host, hlen)) == NULL) {
				snprintf(c->cust_err, sizeof(c->cust_err), "out of memory");
				goto out;
			}
			r->ncust++;
		}
	}
	if (f != 0) {
		snprintf(c->cust_err, sizeof(c->cust_err), "customers: %s", sl_cursor_error(cur));
		goto out;
	}
	sl_cursor_close(cur);
	cur = NULL;
	if (read_predictions(c, x) != 0)
		goto out;
	c->cust_rc = 0;
out:
	sl_cursor_close(cur);
	sl_db_close(x);
	return NULL;
}

static void finish_customer(struct ctx *c, size_t id, struct cl_acc *a)
{
	struct cl_result *r = c->r;
	struct cl_metrics *cm = &r->cm[id];

	cl_acc_finish(a, &r->p);
	c->last[id] = (int32_t)a->last_t;
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

/*
 * The orders are read in SCAN_CHUNKS ranges of customer ids by
 * SCAN_STREAMS streams at once, each on its own connection (the server's
 * side of the read, walking the index and sending rows, is most of its
 * time, and it is one thread per query): a stream takes the next range
 * not yet taken until none is left.  A customer's orders all lie in one
 * range, so the streams write to disjoint customers.
 */
#define SCAN_CHUNKS 32
#define SCAN_STREAMS 2

/* The customer being accumulated while one stream's orders pass. */
struct scan {
	struct ctx *c;
	struct cl_acc a;
	size_t cur;
	long long seen;               /* orders read by this stream */
	int reports;                  /* the caller's stream: sends the job's progress */
	char *err;
	size_t errlen;
	char own_err[256];
};

static int on_order(void *arg, unsigned cid, int64_t day, int64_t value)
{
	struct scan *sc = arg;
	struct ctx *c = sc->c;
	struct cl_result *r = c->r;

	/* every customer is accumulated: which are real (not placeholders)
	 * is known after the stream, and only theirs are used */
	if (cid != sc->cur) {
		if (sc->cur != 0 && sc->cur <= r->maxid)
			finish_customer(c, sc->cur, &sc->a);
		cl_acc_reset(&sc->a);
		sc->cur = cid;
	}
	if (cid > r->maxid)
		return 0;
	cl_acc_order(&sc->a, &r->p, day, value);
	c->nord[cid]++;
	if ((++sc->seen & 0xffff) == 0) {
		long long all = __atomic_add_fetch(&c->scan_seen, 0x10000, __ATOMIC_RELAXED);

		if (__atomic_load_n(&c->scan_stop, __ATOMIC_RELAXED))
			return -1;
		if (c->job && sl_job_stopping(c->job)) {
			snprintf(sc->err, sc->errlen, "stopped: the worker is shutting down");
			return -1;
		}
		if (c->job && sc->reports && (sc->seen & 0xfffff) == 0)
			sl_job_progress(c->job, all, 0);
	}
	return 0;
}

/* One stream: ranges until none is left, or until another stream fails. */
static int scan_ranges(struct scan *sc, struct sl_db *m)
{
	struct ctx *c = sc->c;
	struct cl_result *r = c->r;
	uint64_t step = r->maxid / SCAN_CHUNKS + 1;
	uint32_t lo, hi;
	unsigned k;

	while ((k = __atomic_fetch_add(&c->scan_next, 1, __ATOMIC_RELAXED)) < SCAN_CHUNKS) {
		if (__atomic_load_n(&c->scan_stop, __ATOMIC_RELAXED))
			return -1;
		lo = k == 0 ? 0 : (uint32_t)(k * step + 1);
		hi = k == SCAN_CHUNKS - 1 ? UINT32_MAX : (uint32_t)((k + 1) * step);
		sc->cur = 0;
		cl_acc_reset(&sc->a);
		if (os_scan_range(m, r->as_of, lo, hi, on_order, sc, sc->err, sc->errlen) != 0) {
			__atomic_store_n(&c->scan_stop, 1, __ATOMIC_RELAXED);
			return -1;
		}
		if (sc->cur != 0 && sc->cur <= r->maxid)
			finish_customer(c, sc->cur, &sc->a);
	}
	return 0;
}

/* A stream of its own: its connection, its ranges. */
static void *scan_thread(void *arg)
{
	struct scan *sc = arg;
	struct sl_db *m;

	if ((m = sl_db_extra(sc->c->db, 0, sc->err, sc->errlen)) == NULL) {
		__atomic_store_n(&sc->c->scan_stop, 1, __ATOMIC_RELAXED);
		return (void *)-1;
	}
	if (scan_ranges(sc, m) != 0) {
		sl_db_close(m);
		return (void *)-1;
	}
	sl_db_close(m);
	return NULL;
}

/* The one pass over the orders (orderscan.c), in SCAN_STREAMS streams:
 * the caller's connection and SCAN_STREAMS - 1 threads of their own. */
static int stream_orders(struct ctx *c, struct sl_db *db)
{
	struct scan sc[SCAN_STREAMS];
	pthread_t th[SCAN_STREAMS];
	int started[SCAN_STREAMS], i, rc = 0;
	void *ret;

	memset(sc, 0, sizeof(sc));
	memset(started, 0, sizeof(started));
	c->scan_next = 0;
	c->scan_stop = 0;
	c->scan_seen = 0;
	for (i = 0; i < SCAN_STREAMS; i++) {
		sc[i].c = c;
		sc[i].reports = i == 0;
		sc[i].err = i == 0 ? c->err : sc[i].own_err;
		sc[i].errlen = i == 0 ? c->errlen : sizeof(sc[i].own_err);
	}
	for (i = 1; i < SCAN_STREAMS; i++)
		started[i] = pthread_create(&th[i], NULL, scan_thread, &sc[i]) == 0;
	if (scan_ranges(&sc[0], db) != 0)
		rc = -1;
	for (i = 1; i < SCAN_STREAMS; i++) {
		if (!started[i])
			continue;
		if (pthread_join(th[i], &ret) == 0 && ret != NULL && rc == 0) {
			/* the first failure's reason */
			snprintf(c->err, c->errlen, "%s", sc[i].own_err);
			rc = -1;
		}
	}
	/* a range no stream took (a thread that did not start) is read here */
	if (rc == 0 && __atomic_load_n(&c->scan_next, __ATOMIC_RELAXED) < SCAN_CHUNKS &&
	    scan_ranges(&sc[0], db) != 0)
		rc = -1;
	if (rc != 0 && c->err[0] == '\0')
		snprintf(c->err, c->errlen, "reading orders failed");
	return rc;
}

/* Rank and share within each smart type, and within all customers. */
static int rank_populations(struct ctx *c)
{
	struct cl_result *r = c->r;
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
		snprintf(c->err, c->errlen, "out of memory ranking customers");
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
			snprintf(c->err, c->errlen, "revenue total overflows");
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

/*
 * The RFM scores over the customers with a paid order in C (salient/rfm.h):
 * R by the last order's day (later is better), F by orders_cur, M by
 * revenue_cur; the cell into m[CL_RFM_CELL].
 */
static int rfm_all(struct ctx *c)
{
	struct cl_result *r = c->r;
	struct rfm_in *in = NULL;
	int64_t *key = NULL, *scratch = NULL;
	uint32_t *idx = NULL;
	unsigned char *score = NULL;
	uint16_t *cell = NULL;
	size_t n = 0, i, cap = r->maxid + 1;
	int rc = -1;

	in = malloc(cap * sizeof(*in));
	key = malloc(cap * sizeof(*key));
	scratch = malloc(cap * sizeof(*scratch));
	idx = malloc(cap * sizeof(*idx));
	score = malloc(3 * cap);
	cell = malloc(cap * sizeof(*cell));
	if (!in || !key || !scratch || !idx || !score || !cell) {
		snprintf(c->err, c->errlen, "out of memory for the RFM scores");
		goto out;
	}
	for (i = 1; i <= r->maxid; i++) {
		if (!r->present[i] || r->cm[i].orders_cur <= 0)
			continue;
		in[n].last_day = c->last[i];
		in[n].orders = r->cm[i].orders_cur;
		in[n].revenue = r->cm[i].revenue_cur;
		idx[n++] = (uint32_t)i;
	}
	rfm_cells(in, n, key, scratch, score, cell);
	for (i = 0; i < n; i++) {
		struct cl_metrics *cm = &r->cm[idx[i]];

		cm->m[CL_RFM_CELL] = cell[i];
		cm->def |= 1u << CL_RFM_CELL;
	}
	rc = 0;
out:
	free(in);
	free(key);
	free(scratch);
	free(idx);
	free(score);
	free(cell);
	return rc;
}

/* Every customer's classifications, in tier order, into coff/cls. */
static int assign_all(struct ctx *c)
{
	struct cl_result *r = c->r;
	size_t out[CL_MAX_PER_CUSTOMER], cap = 0, i, k, got;

	for (i = 1; i <= r->maxid; i++) {
		r->coff[i] = (uint32_t)r->ncls;
		if (!r->present[i])
			continue;
		got = cl_assign(&r->cm[i], r->classes, r->nclasses, out, CL_MAX_PER_CUSTOMER);
		if (r->ncls + got > cap) {
			size_t nc = cap ? cap * 2 : 1u << 16;
			long long *nv;

			while (nc < r->ncls + got)
				nc *= 2;
			if (nc > UINT32_MAX || (nv = realloc(r->cls, nc * sizeof(*nv))) == NULL) {
				snprintf(c->err, c->errlen, "out of memory assigning classifications");
				return -1;
			}
			r->cls = nv;
			cap = nc;
		}
		for (k = 0; k < got; k++)
			r->cls[r->ncls++] = r->classes[out[k]].id;
	}
	r->coff[r->maxid + 1] = (uint32_t)r->ncls;
	return 0;
}

struct cl_result *cl_compute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    char *err, size_t errlen)
{
	struct ctx c;
	struct cl_result *r;
	pthread_t th;
	size_t i;
	int orc;

	if (err && errlen)
		err[0] = '\0';
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.job = job;
	c.db = db;
	c.err = err;
	c.errlen = errlen;
	r->as_of = as_of;
	cl_timing_start(&r->timing);
	if (load_settings_classes(&c, db) != 0 || alloc_customers(&c, db) != 0)
		goto fail;
	if (pthread_create(&th, NULL, read_customers, &c) != 0) {
		snprintf(err, errlen, "no thread for reading customers");
		goto fail;
	}
	orc = stream_orders(&c, db);
	pthread_join(th, NULL);
	if (orc != 0)
		goto fail;
	if (c.cust_rc != 0) {
		snprintf(err, errlen, "%s", c.cust_err);
		goto fail;
	}
	for (i = 1; i <= r->maxid; i++) {
		if (!r->present[i])
			continue;
		r->norders += c.nord[i];
		/* orders_cur is defined for every customer: one without a paid
		 * order up to T (no order streamed past) has 0, in the first
		 * tier, as one whose orders are all before C has */
		r->cm[i].def |= 1u << CL_ORDERS;
		if (c.palive[i] >= 0) {
			r->cm[i].m[CL_P_ALIVE] = 100.0 * c.palive[i];
			r->cm[i].def |= 1u << CL_P_ALIVE;
		}
	}
	cl_phase(&r->timing, "customers and orders");
	if (rank_populations(&c) != 0)
		goto fail;
	cl_phase(&r->timing, "ranks");
	if (rfm_all(&c) != 0)
		goto fail;
	cl_phase(&r->timing, "rfm");
	if (assign_all(&c) != 0)
		goto fail;
	cl_phase(&r->timing, "tiers");
	free(c.nord);
	free(c.last);
	free(c.palive);
	return r;
fail:
	free(c.nord);
	free(c.last);
	free(c.palive);
	cl_result_free(r);
	return NULL;
}

void cl_result_free(struct cl_result *r)
{
	struct arena *a, *next;

	if (r == NULL)
		return;
	for (a = r->arena; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	free(r->hostid);
	free(r->present);
	free(r->smart);
	free(r->cm);
	free(r->revenue_prev);
	free(r->orders_prev);
	free(r->coff);
	free(r->cls);
	free(r->classes);
	free(r);
}

int cl_result_timeframe(const struct cl_result *r)
{
	return r->months;
}

int64_t cl_result_as_of(const struct cl_result *r)
{
	return r->as_of;
}

size_t cl_result_maxid(const struct cl_result *r)
{
	return r->maxid;
}

long long cl_result_customers(const struct cl_result *r)
{
	return r->ncust;
}

long long cl_result_orders(const struct cl_result *r)
{
	return r->norders;
}

int cl_result_row(const struct cl_result *r, unsigned id, struct cl_row *out)
{
	const struct cl_metrics *cm;

	if (id < 1 || id > r->maxid || !r->present[id])
		return 0;
	cm = &r->cm[id];
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->host_id = r->hostid[id];
	out->smart = r->smart[id];
	out->revenue_cur = cm->revenue_cur;
	out->revenue_prev = r->revenue_prev[id];
	out->orders_cur = cm->orders_cur;
	out->orders_prev = r->orders_prev[id];
	out->def = cm->def;
#define M(field, type) \
	out->field = (cm->def >> (type)) & 1 ? cm->m[type] : 0
	M(risk_score, CL_RISK_SCORE);
	M(risk_change, CL_RISK_CHANGE);
	M(revenue_rank, CL_REVENUE_RANK);
	M(revenue_change, CL_REVENUE_CHANGE);
	M(revenue_share, CL_REVENUE_SHARE);
	M(p_alive, CL_P_ALIVE);
#undef M
	if ((cm->def >> CL_RFM_CELL) & 1)
		rfm_split((int)cm->m[CL_RFM_CELL], &out->rfm_r, &out->rfm_f, &out->rfm_m);
	out->classes = r->cls + r->coff[id];
	out->nclasses = r->coff[id + 1] - r->coff[id];
	return 1;
}
