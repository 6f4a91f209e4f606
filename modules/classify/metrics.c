/*
 * metrics.c - the metrics' table, periods, per-customer metrics, rank and
 * share, tiers (DESIGN.md section 5, to the letter).
 */
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "salient/metrics.h"

/*
 * The tier ranges: percentages from 0 (the change types from -100, a fall
 * to nothing) with the ranks and shares at most 100; orders in whole
 * numbers; p_alive's tiers in percent; RFM cells from 0 to 555 (a tier up
 * to 155 holds the lost customers, R1; one above 554 the best, 5-5-5).
 */
const struct cl_metric cl_metrics[] = {
	{ "revenue_cur", CL_UNIT_MONEY, 2, 0, 0, 0 },
	{ "revenue_prev", CL_UNIT_MONEY, 2, 0, 0, 0 },
	{ "orders_cur", CL_UNIT_COUNT, 0, 0, 0, 0 },
	{ "orders_prev", CL_UNIT_COUNT, 0, 0, 0, 0 },
	{ "risk_score", CL_UNIT_PERCENT, 1, 1, 0, 1e9 },
	{ "risk_change", CL_UNIT_PERCENT, 1, 1, -100, 1e9 },
	{ "revenue_rank", CL_UNIT_PERCENT, 1, 1, 0, 100 },
	{ "revenue_change", CL_UNIT_PERCENT, 1, 1, -100, 1e9 },
	{ "revenue_share", CL_UNIT_PERCENT, 1, 1, 0, 100 },
	{ "orders", CL_UNIT_COUNT, 0, 1, 0, 1e9 },
	{ "p_alive", CL_UNIT_PROBABILITY, 0, 1, 0, 100 },
	{ "rfm_cell", CL_UNIT_CELL, 0, 1, 0, 555 },
	{ "expected_orders_90d", CL_UNIT_NUMBER, 2, 0, 0, 0 },
	{ "clv_12m", CL_UNIT_MONEY, 2, 0, 0, 0 },
	{ NULL, CL_UNIT_NUMBER, 0, 0, 0, 0 },
};

const struct cl_metric *cl_metric(const char *name)
{
	const struct cl_metric *m;

	for (m = cl_metrics; name != NULL && m->name != NULL; m++)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

static int month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int64_t cl_months_before(int64_t day, int months)
{
	int y, m, d, total;

	dc_civil_from_days(day, &y, &m, &d);
	total = y * 12 + (m - 1) - months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return dc_days_from_civil(y, m, d);
}

void cl_periods(int64_t t, int months, struct cl_periods *p)
{
	p->t = t;
	p->c_from = cl_months_before(t, months);
	p->q_from = cl_months_before(t, 2 * months);
}

void cl_acc_reset(struct cl_acc *a)
{
	memset(a, 0, sizeof(*a));
	a->prev_day = INT64_MIN;
}

void cl_acc_order(struct cl_acc *a, const struct cl_periods *p, int64_t day, int64_t value)
{
	if (day > p->t)
		return;
	if (day > p->c_from) {
		a->revenue_cur += value;
		a->orders_cur++;
	} else if (day > p->q_from) {
		a->revenue_prev += value;
		a->orders_prev++;
	}
	if (day == a->prev_day)
		return;   /* distinct order days only */
	a->prev_day = day;
	if (a->n_t++ == 0)
		a->first_t = day;
	a->last_t = day;
	if (day <= p->c_from) {
		if (a->n_p++ == 0)
			a->first_p = day;
		a->last_p = day;
	}
}

/* risk(t) = 100 * (t - l) / ((l - f) / (n - 1)), defined when n >= 2. */
static int risk_at(int64_t t, int64_t n, int64_t f, int64_t l, double *out)
{
	double gap;

	if (n < 2 || l == f)
		return 0;
	gap = (double)(l - f) / (double)(n - 1);
	*out = 100.0 * (double)(t - l) / gap;
	return 1;
}

void cl_acc_finish(struct cl_acc *a, const struct cl_periods *p)
{
	a->risk_def = risk_at(p->t, a->n_t, a->first_t, a->last_t, &a->risk);
	a->risk_prev_def = risk_at(p->c_from, a->n_p, a->first_p, a->last_p, &a->risk_prev);
	a->risk_change_def = a->risk_def && a->risk_prev_def && a->risk_prev > 0;
	if (a->risk_change_def)
		a->risk_change = (a->risk - a->risk_prev) / a->risk_prev * 100.0;
	a->revenue_change_def = a->revenue_prev > 0;
	if (a->revenue_change_def)
		a->revenue_change = (double)(a->revenue_cur - a->revenue_prev) /
		    (double)a->revenue_prev * 100.0;
}

struct sort_ctx {
	const int64_t *revenue;
	const char *const *ids;
};

/* qsort_r comparator: revenue descending, then host id in byte order. */
static int by_revenue(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	if (c->revenue[a] != c->revenue[b])
		return c->revenue[a] > c->revenue[b] ? -1 : 1;
	return strcmp(c->ids[a], c->ids[b]);
}

int cl_rank_share(const int64_t *revenue, const char *const *ids, size_t n,
    size_t *order, double *rank_metric, double *share_metric)
{
	struct sort_ctx c = { revenue, ids };
	int64_t total = 0, before = 0;
	size_t i, rank = 1;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (revenue[i] > INT64_MAX - total)
			return -1;
		total += revenue[i];
		order[i] = i;
	}
	qsort_r(order, n, sizeof(*order), by_revenue, &c);
	for (i = 0; i < n; i++) {
		size_t k = order[i];

		/* rank: 1 + the number with strictly greater revenue */
		if (i > 0 && revenue[k] != revenue[order[i - 1]])
			rank = i + 1;
		rank_metric[k] = 100.0 * (double)rank / (double)n;
		share_metric[k] = 100.0 * (double)before / (double)total;
		before += revenue[k];
	}
	return 0;
}

int cl_tier(const double *v, size_t n, double floor, double x)
{
	size_t k;

	if (x < floor)
		return -1;
	for (k = 0; k < n; k++)
		if (x <= v[k])
			return (int)k;
	return -1;
}
