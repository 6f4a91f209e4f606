/*
 * compute.c - a classification run's computation (compute.h).
 *
 * Reads the customers once and the paid orders once (os_scan(): one
 * streamed pass in customer and date order over the covering index),
 * computes every metric in memory (metrics.c), ranks and shares per
 * population, and assigns the tiers (assign.c).
 * Memory: about 110 bytes per customer, their host ids, and 8 bytes per
 * classification held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute_int.h"
#include "db_conn.h"
#include "orderscan.h"
#include "salient/db.h"
#include "salient/salient.h"
#include "salient/settings.h"

static const char sql_classes[] =
    "SELECT id, type, smart_type, value, ROUND(min_spend * 10000), min_orders, position "
    "FROM classifications";
static const char sql_maxcust[] = "SELECT COALESCE(MAX(id), 0) FROM customers";
static const char sql_customers[] =
    "SELECT id, host_id, smart_type FROM customers WHERE placeholder = 0";

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

/* The state of one computation while it runs. */
struct ctx {
	struct cl_result *r;
	struct sl_job *job;
	char *err;
	size_t errlen;
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
	if ((st = sl_db_stmt(db, sql_classes)) == NULL || sl_stmt_exec(st, "") != 0) {
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
		k->value = strtod(sl_stmt_str(st, 3, NULL), NULL);
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

static int load_customers(struct ctx *c, struct sl_db *db)
{
	struct cl_result *r = c->r;
	struct sl_stmt *st;
	long long maxid;

	if ((st = sl_db_stmt(db, sql_maxcust)) == NULL || sl_stmt_exec(st, "") != 0 ||
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
	if (!r->present || !r->smart || !r->hostid || !r->cm || !r->revenue_prev ||
	    !r->orders_prev || !r->coff) {
		snprintf(c->err, c->errlen, "out of memory for %zu customers", r->maxid);
		return -1;
	}
	if ((st = sl_db_stmt(db, sql_customers)) == NULL || sl_stmt_exec(st, "") != 0) {
		snprintf(c->err, c->errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	while (sl_stmt_fetch(st) == 1) {
		long long id = sl_stmt_int(st, 0);
		int s = cl_lookup(cl_smart_names, CL_ALL, sl_stmt_str(st, 2, NULL));
		size_t n = 0;
		const char *h = sl_stmt_str(st, 1, &n);

		if (id < 1 || (size_t)id > r->maxid || h == NULL)
			continue;
		r->present[id] = 1;
		r->smart[id] = (unsigned char)(s < 0 ? CL_RETAIL : s);
		r->cm[id].smart = (enum cl_smart)r->smart[id];
		if ((r->hostid[id] = arena_dup(&r->arena, h, n)) == NULL) {
			sl_stmt_done(st);
			snprintf(c->err, c->errlen, "out of memory");
			return -1;
		}
		r->ncust++;
	}
	sl_stmt_done(st);
	return 0;
}

static void finish_customer(struct cl_result *r, size_t id, struct cl_acc *a)
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
	struct ctx *c;
	struct cl_acc a;
	size_t cur;
};

static int on_order(void *arg, unsigned cid, int64_t day, int64_t value)
{
	struct scan *sc = arg;
	struct cl_result *r = sc->c->r;

	if (cid != sc->cur) {
		if (sc->cur != 0 && sc->cur <= r->maxid && r->present[sc->cur])
			finish_customer(r, sc->cur, &sc->a);
		cl_acc_reset(&sc->a);
		sc->cur = cid;
	}
	if (cid > r->maxid || !r->present[cid])
		return 0;
	cl_acc_order(&sc->a, &r->p, day, value);
	if ((++r->norders & 0xfffff) == 0 && sc->c->job) {
		sl_job_progress(sc->c->job, r->norders, 0);
		if (sl_job_stopping(sc->c->job)) {
			snprintf(sc->c->err, sc->c->errlen, "stopped: the worker is shutting down");
			return -1;
		}
	}
	return 0;
}

/* The one pass over the orders (orderscan.c). */
static int stream_orders(struct ctx *c, struct sl_db *db)
{
	struct cl_result *r = c->r;
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.c = c;
	cl_acc_reset(&sc.a);
	if (os_scan(db_handle(db), r->as_of, on_order, &sc, c->err, c->errlen) != 0)
		return -1;
	if (sc.cur != 0 && sc.cur <= r->maxid && r->present[sc.cur])
		finish_customer(r, sc.cur, &sc.a);
	return 0;
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

	if (err && errlen)
		err[0] = '\0';
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c.r = r;
	c.job = job;
	c.err = err;
	c.errlen = errlen;
	r->as_of = as_of;
	if (db_ensure(db) != 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		goto fail;
	}
	if (load_settings_classes(&c, db) != 0 || load_customers(&c, db) != 0 ||
	    stream_orders(&c, db) != 0 || rank_populations(&c) != 0 || assign_all(&c) != 0)
		goto fail;
	return r;
fail:
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
#undef M
	out->classes = r->cls + r->coff[id];
	out->nclasses = r->coff[id + 1] - r->coff[id];
	return 1;
}
