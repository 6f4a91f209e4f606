/*
 * in_job.c - the insights.refresh job and `salient insights refresh`: the
 * customer-base dashboard's series (in_calc.c) from one streamed pass over
 * the paid orders (salient/orderscan.h), stored in insights_points with
 * the run in insights_runs, replaced in one short transaction.
 *
 * Memory: a segment byte per customer id, and per month of the period 17
 * bytes per customer with an order in that month's RFM window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "in_calc.h"
#include "in_int.h"
#include "in_sql.h"
#include "salient/classify.h"
#include "salient/contract.h"
#include "salient/db.h"
#include "salient/insights.h"
#include "salient/log.h"
#include "salient/money.h"
#include "salient/orderscan.h"
#include "salient/salient.h"
#include "salient/settings.h"

const char *const in_segments[IN_NSEG + 1] = { "all", "retail", "trade", "distributor", NULL };

/* The pass's state: the customer whose orders are being gathered. */
struct pass {
	struct in_calc *calc;
	unsigned char *seg;        /* by internal id: 0 not a customer, else 1 + enum cl_smart */
	size_t maxid;
	unsigned cur;
	int64_t *day, *value;
	size_t n, cap;
	long long orders, customers;
	struct sl_job *job;
	int failed;
};

static int flush(struct pass *p)
{
	int rc = 0;

	if (p->cur != 0 && p->cur <= p->maxid && p->seg[p->cur] != 0) {
		rc = in_calc_customer(p->calc, p->seg[p->cur], p->day, p->value, p->n);
		p->customers++;
	}
	p->n = 0;
	return rc;
}

static int on_order(void *arg, unsigned cid, int64_t day, int64_t value)
{
	struct pass *p = arg;

	if (cid == 0 || cid > p->maxid || p->seg[cid] == 0)
		return 0;   /* a placeholder's order: in no figure, so not counted either */
	if (cid != p->cur) {
		if (flush(p) != 0)
			return p->failed = -1;
		p->cur = cid;
	}
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 256;
		int64_t *nd = realloc(p->day, nc * sizeof(*nd)), *nv;

		if (nd == NULL)
			return p->failed = -1;
		p->day = nd;
		if ((nv = realloc(p->value, nc * sizeof(*nv))) == NULL)
			return p->failed = -1;
		p->value = nv;
		p->cap = nc;
	}
	p->day[p->n] = day;
	p->value[p->n++] = value;
	if ((++p->orders & 0xfffff) == 0 && p->job != NULL) {
		if (sl_job_stopping(p->job))
			return p->failed = -2;
		sl_job_progress(p->job, p->orders, 0);
	}
	return 0;
}

/* Each customer's segment, by internal id; 0 or -1 with err. */
static int read_segments(struct sl_db *db, struct pass *p, char *err, size_t errlen)
{
	struct sl_cursor *cur;
	long long maxid = 0;
	unsigned id = 0;
	char smart[32];
	size_t slen = 0;
	int f = -1, s;

	if (sl_db_int(db, &maxid, SL_SQL(in_sql, IN_MAXCUST)) != 1 || maxid < 0 || maxid >= UINT32_MAX) {
		snprintf(err, errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	p->maxid = (size_t)maxid;
	if ((p->seg = calloc(p->maxid + 1, 1)) == NULL) {
		snprintf(err, errlen, "out of memory for %lld customers", maxid);
		return -1;
	}
	if ((cur = sl_cursor_open(db, SL_SQL(in_sql, IN_CUSTOMERS))) == NULL) {
		snprintf(err, errlen, "customers: %s", sl_db_error(db));
		return -1;
	}
	if (sl_cursor_bind(cur, "ns", &id, smart, sizeof(smart), &slen) == 0)
		while ((f = sl_cursor_fetch(cur)) == 1) {
			if (id < 1 || id > p->maxid)
				continue;
			s = sl_cursor_isnull(cur, 1) ? -1 : cl_lookup(cl_smart_names, CL_ALL, smart);
			p->seg[id] = (unsigned char)(1 + (s < 0 ? CL_RETAIL : s));
		}
	if (f != 0)
		snprintf(err, errlen, "customers: %s", sl_cursor_error(cur));
	sl_cursor_close(cur);
	return f == 0 ? 0 : -1;
}

static int put(struct sl_db *db, int seg, const char *series, int k, const char *label,
    long long n1, long long n2, long long n3, int64_t a1, int64_t a2)
{
	char m1[SL_MONEY_TEXT_MAX], m2[SL_MONEY_TEXT_MAX];

	m1[sl_money_text(a1, m1, sizeof(m1))] = '\0';
	m2[sl_money_text(a2, m2, sizeof(m2))] = '\0';
	return sl_db_exec(db, SL_SQL(in_sql, IN_POINT_PUT), in_segments[seg], series, (long long)k,
	    label, n1, n2, n3, m1, m2) == 1 ? 0 : -1;
}

/* Replaces the points and records the run, in one transaction; 0 or -1. */
static int store(struct sl_db *db, const struct in_calc *c, const struct pass *p, double seconds)
{
	const struct in_series *s = &c->s;
	const struct in_period *pe = &c->p;
	char day[16];
	int seg, k, y, m, d;

	if (sl_db_begin(db) != 0 || sl_db_exec(db, SL_SQL(in_sql, IN_CLEAR)) < 0)
		goto fail;
	for (seg = 0; seg < IN_NSEG; seg++) {
		if (put(db, seg, "repeat", 0, NULL, s->one_n[seg], 0, 0, s->one_rev[seg], 0) != 0 ||
		    put(db, seg, "repeat", 1, NULL, s->rep_n[seg], 0, 0, s->rep_rev[seg], 0) != 0)
			goto fail;
		for (k = 0; k < pe->months; k++) {
			/* assisted: none until campaigns send (insights_runs.sends) */
			if (put(db, seg, "quality", k, NULL, s->quality[seg][k], 0, 0, 0, 0) != 0 ||
			    put(db, seg, "dynamics", k, pe->label[k], s->best[seg][k], s->lost[seg][k],
			    s->scored[seg][k], 0, 0) != 0 ||
			    put(db, seg, "repeat_share", k, pe->label[k], s->buyers[seg][k],
			    s->repeaters[seg][k], 0, 0, 0) != 0 ||
			    put(db, seg, "sales", k, pe->label[k], 0, s->orders[seg][k], 0, 0,
			    s->amount[seg][k]) != 0)
				goto fail;
		}
	}
	dc_civil_from_days(pe->t, &y, &m, &d);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	/* sends: campaigns do not exist yet, so no message was sent */
	if (sl_db_exec(db, SL_SQL(in_sql, IN_RUN_PUT), day, (long long)pe->months, p->customers,
	    p->orders, 0LL, seconds) != 1 || sl_db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	sl_db_rollback(db);
	return -1;
}

int in_refresh(struct sl_db *db, int64_t as_of, struct sl_job *job, struct in_run_stats *st,
    char *err, size_t errlen)
{
	struct in_calc *calc = NULL;
	struct pass p;
	long long months = sl_setting_int(db, "timeframe_months");
	double t0 = sl_now();
	int rc = -1;

	memset(&p, 0, sizeof(p));
	memset(st, 0, sizeof(*st));
	err[0] = '\0';
	if (months != 3 && months != 6 && months != 12 && months != 24) {
		snprintf(err, errlen, "setting timeframe_months is %lld: it must be 3, 6, 12 or 24", months);
		return -1;
	}
	if ((calc = malloc(sizeof(*calc))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	in_calc_init(calc, as_of, (int)months);
	p.calc = calc;
	p.job = job;
	if (read_segments(db, &p, err, errlen) != 0)
		goto out;
	st->read_s = sl_now() - t0;
	if (os_scan(db, as_of, on_order, &p, err, errlen) != 0 || flush(&p) != 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, p.failed == -2 ? "stopped: the worker is shutting down" :
			    "out of memory gathering the orders");
		goto out;
	}
	st->scan_s = sl_now() - t0 - st->read_s;
	if (in_calc_finish(calc) != 0) {
		snprintf(err, errlen, "out of memory scoring the months");
		goto out;
	}
	st->customers = p.customers;
	st->orders = p.orders;
	st->months = (int)months;
	st->seconds = sl_now() - t0;
	if (store(db, calc, &p, st->seconds) != 0) {
		snprintf(err, errlen, "storing the figures: %s", sl_db_error(db));
		goto out;
	}
	log_info("insights: refresh as of day %lld, %d months: %lld customers, %lld orders; "
	    "customers %.2f s, orders %.2f s, all %.2f s", (long long)as_of, st->months,
	    st->customers, st->orders, st->read_s, st->scan_s, st->seconds);
	rc = 0;
out:
	free(p.seg);
	free(p.day);
	free(p.value);
	if (calc != NULL)
		in_calc_free(calc);
	free(calc);
	return rc;
}

long long sl_insights_queue(struct sl_db *db, int64_t as_of)
{
	struct json_object *a = json_object_new_object();
	char day[16];
	int y, m, d, already = 0;
	long long id;

	dc_civil_from_days(as_of, &y, &m, &d);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	json_object_object_add(a, "as_of", json_object_new_string(day));
	id = sl_job_enqueue_once(db, "insights.refresh", a, 0, 0, &already);
	json_object_put(a);
	if (id < 0)
		log_warn("insights: queueing a refresh failed: %s", sl_db_error(db));
	return id;
}
