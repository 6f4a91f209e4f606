/*
 * test_classify_edges.c - the classification metrics and tiers at their
 * edges (DESIGN.md section 5), beyond test_metrics.c: tier bounds of every
 * type (exclusive below, inclusive above, the floor inclusive), a minimum
 * missed in a tier giving nothing rather than the next tier, minimums met
 * exactly, ties in rank and share, populations of one, one order day,
 * risk(T-P) of 0, no previous revenue, the period bounds, smart-type
 * scoping and the "all" population.  Hand-computed fixtures.
 */
#include <stdio.h>
#include <string.h>

#include "assign.h"
#include "salient/contract.h"
#include "salient/metrics.h"
#include "metrics_fixture.h"
#include "tap.h"


static void test_periods_edges(void)
{
	struct cl_periods p;
	struct cl_acc a;
	int64_t d[] = { D(2024, 3, 31), D(2024, 4, 1), D(2024, 6, 30), D(2024, 7, 1) };
	double v[] = { 1, 2, 4, 8 };

	/* T = 2024-06-30, 3 months: C = (03-30, 06-30], Q = (12-30, 03-30] */
	cl_periods(D(2024, 6, 30), 3, &p);
	tap_is_long(p.c_from, D(2024, 3, 30), "T-P: 2024-03-30");
	tap_is_long(p.q_from, D(2023, 12, 30), "T-2P: 2023-12-30");
	feed(&a, &p, d, v, 4);
	tap_is_long(a.revenue_cur, MONEY(7), "03-31, 04-01 and 06-30 are in C; 07-01 is after T");
	tap_is_long(a.orders_cur, 3, "three orders in C");
	{
		int64_t dq[] = { D(2023, 12, 30), D(2023, 12, 31), D(2024, 3, 30) };
		double vq[] = { 100, 10, 1 };

		feed(&a, &p, dq, vq, 3);
		tap_is_long(a.revenue_prev, MONEY(11), "Q is open below: 12-30 is not in it, 12-31 and 03-30 are");
		tap_is_long(a.orders_prev, 2, "two orders in Q");
		tap_is_long(a.revenue_cur, 0, "nothing in C");
		tap_ok(a.revenue_change_def && a.revenue_change == -100.0,
		    "revenue in Q and none in C: change -100, the floor");
	}
}

static void test_risk_edges(void)
{
	struct cl_periods p;
	struct cl_acc a;

	cl_periods(D(2024, 6, 30), 3, &p);
	{
		/* two orders on one day: two orders, one order day, no risk */
		int64_t d[] = { D(2024, 5, 1), D(2024, 5, 1) };
		double v[] = { 5, 5 };

		feed(&a, &p, d, v, 2);
		tap_is_long(a.orders_cur, 2, "two orders on one day count twice as orders");
		tap_ok(!a.risk_def, "but one order day: risk undefined");
	}
	{
		/* the last order day on T-P itself: risk(T-P) = 0, so no risk change */
		int64_t d[] = { D(2024, 3, 20), D(2024, 3, 30), D(2024, 5, 9) };
		double v[] = { 1, 1, 1 };

		feed(&a, &p, d, v, 3);
		tap_ok(a.risk_prev_def && a.risk_prev == 0.0, "bought on T-P: risk(T-P) = 0");
		tap_ok(!a.risk_change_def, "risk change needs risk(T-P) > 0: undefined");
		/* risk(T): 3 days over 03-20..05-09 (50 days, gap 25), 52 days late */
		tap_is_near(a.risk, 100.0 * 52.0 / 25.0, 1e-9, "risk(T) = 208");
	}
	{
		/* bought on T with risk(T-P) > 0: risk 0 and change exactly -100 */
		int64_t d[] = { D(2024, 3, 1), D(2024, 3, 11), D(2024, 6, 30) };
		double v[] = { 1, 1, 1 };

		feed(&a, &p, d, v, 3);
		tap_is_near(a.risk_prev, 100.0 * 19.0 / 10.0, 1e-9, "risk(T-P): gap 10, 19 days late = 190");
		tap_is_near(a.risk, 0.0, 1e-12, "risk(T) = 0 when bought on T");
		tap_ok(a.risk_change_def && a.risk_change == -100.0, "risk change -100, the floor");
	}
	{
		/* orders only after T: nothing at all */
		int64_t d[] = { D(2024, 7, 1), D(2024, 7, 2) };
		double v[] = { 1, 1 };

		feed(&a, &p, d, v, 2);
		tap_ok(!a.risk_def && a.orders_cur == 0 && a.revenue_cur == 0,
		    "orders after T leave no trace");
	}
}

static void test_rank_share_edges(void)
{
	double rank[4], share[4];
	size_t order[4];

	{
		int64_t rev[] = { MONEY(42) };
		const char *ids[] = { "solo" };

		cl_rank_share(rev, ids, 1, order, rank, share);
		tap_ok(rank[0] == 100.0 && share[0] == 0.0, "a population of one: rank 100, share 0");
	}
	{
		int64_t rev[] = { MONEY(10), MONEY(10), MONEY(10), MONEY(10) };
		const char *ids[] = { "d", "b", "a", "c" };

		cl_rank_share(rev, ids, 4, order, rank, share);
		tap_ok(rank[0] == 25.0 && rank[1] == 25.0 && rank[2] == 25.0 && rank[3] == 25.0,
		    "four equal: all rank 1 of 4 = 25");
		tap_ok(share[2] == 0.0 && share[1] == 25.0 && share[3] == 50.0 && share[0] == 75.0,
		    "and the shares follow the ids: a 0, b 25, c 50, d 75");
	}
	{
		int64_t rev[] = { MONEY(200), MONEY(200), MONEY(100), MONEY(500) };
		const char *ids[] = { "A", "B", "C", "D" };

		cl_rank_share(rev, ids, 4, order, rank, share);
		tap_ok(rank[3] == 25.0 && rank[0] == 50.0 && rank[1] == 50.0 && rank[2] == 100.0,
		    "500, 200, 200, 100: ranks 25, 50, 50, 100 (no rank 3)");
		tap_ok(share[3] == 0.0 && share[0] == 50.0 && share[1] == 70.0 && share[2] == 90.0,
		    "shares 0, 50, 70, 90 of 1000");
	}
}

/* The classification ids customer m receives among c[0..n-1]. */
static const char *given(const struct cl_metrics *m, struct cl_class *c, size_t n)
{
	static char out[256];
	size_t idx[32], k, got;

	cl_sort_classes(c, n);
	got = cl_assign(m, c, n, idx, 32);
	out[0] = '\0';
	for (k = 0; k < got; k++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%lld", k ? "," : "", c[idx[k]].id);
	return got ? out : "-";
}

static struct cl_metrics one(enum cl_smart s, enum cl_type t, double x)
{
	struct cl_metrics m;

	memset(&m, 0, sizeof(m));
	m.smart = s;
	m.m[t] = x;
	m.def = 1u << t;
	return m;
}

static void test_bounds_every_type(void)
{
	static const struct { enum cl_type t; double lo, hi, floor; const char *name; } g[] = {
		{ CL_RISK_SCORE, 100, 300, 0, "risk score" },
		{ CL_RISK_CHANGE, -50, 50, -100, "risk change" },
		{ CL_REVENUE_RANK, 10, 50, 0, "revenue rank" },
		{ CL_REVENUE_CHANGE, 0, 100, -100, "revenue change" },
		{ CL_REVENUE_SHARE, 20, 80, 0, "revenue share" },
		{ CL_ORDERS, 2, 5, 0, "orders" },
	};
	size_t i;

	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		struct cl_class c[] = {
			{ 2, g[i].t, CL_RETAIL, g[i].hi, 0, 0, 2 },
			{ 1, g[i].t, CL_RETAIL, g[i].lo, 0, 0, 1 },
		};
		struct cl_metrics m;
		double step = g[i].t == CL_ORDERS ? 1 : 1e-6;

		m = one(CL_RETAIL, g[i].t, g[i].floor);
		tap_ok(strcmp(given(&m, c, 2), "1") == 0, "%s: the floor (%g) is in the first tier",
		    g[i].name, g[i].floor);
		m = one(CL_RETAIL, g[i].t, g[i].lo);
		tap_ok(strcmp(given(&m, c, 2), "1") == 0, "%s: the first bound is inclusive", g[i].name);
		m = one(CL_RETAIL, g[i].t, g[i].lo + step);
		tap_ok(strcmp(given(&m, c, 2), "2") == 0, "%s: just above it is the second tier", g[i].name);
		m = one(CL_RETAIL, g[i].t, g[i].hi);
		tap_ok(strcmp(given(&m, c, 2), "2") == 0, "%s: the last bound is inclusive", g[i].name);
		m = one(CL_RETAIL, g[i].t, g[i].hi + step);
		tap_ok(strcmp(given(&m, c, 2), "-") == 0, "%s: above the last tier: nothing", g[i].name);
		m = one(CL_RETAIL, g[i].t, g[i].floor - step);
		tap_ok(strcmp(given(&m, c, 2), "-") == 0, "%s: below the floor: nothing", g[i].name);
		m = one(CL_RETAIL, g[i].t, g[i].lo);
		m.def = 0;
		tap_ok(strcmp(given(&m, c, 2), "-") == 0, "%s: undefined: nothing", g[i].name);
	}
}

static void test_minimums_and_scope(void)
{
	struct cl_class c[] = {
		{ 1, CL_ORDERS, CL_ALL, 3, MONEY(100), 2, 1 },
		{ 2, CL_ORDERS, CL_ALL, 10, 0, 0, 2 },
		{ 3, CL_REVENUE_RANK, CL_TRADE, 50, 0, 0, 1 },
		{ 4, CL_REVENUE_RANK, CL_ALL, 50, 0, 0, 1 },
		{ 5, CL_REVENUE_SHARE, CL_RETAIL, 100, 0, 0, 1 },
	};
	struct cl_metrics m;

	memset(&m, 0, sizeof(m));
	m.smart = CL_TRADE;
	m.orders_cur = 2;
	m.revenue_cur = MONEY(100);
	m.m[CL_ORDERS] = 2;
	m.def = 1u << CL_ORDERS;
	tap_is_str(given(&m, c, 5), "1", "minimum spend and orders met exactly: given");
	m.revenue_cur = MONEY(100) - 1;
	tap_is_str(given(&m, c, 5), "-",
	    "a ten-thousandth below the minimum spend: nothing, not the next tier");
	m.revenue_cur = MONEY(100);
	m.orders_cur = 1;
	m.m[CL_ORDERS] = 1;
	tap_is_str(given(&m, c, 5), "-", "one order below the minimum: nothing");

	/* rank: within trade 30 (in tier 3), among all 60 (above tier 4) */
	memset(&m, 0, sizeof(m));
	m.smart = CL_TRADE;
	m.m[CL_REVENUE_RANK] = 30;
	m.m[CL_REVENUE_SHARE] = 10;
	m.def = (1u << CL_REVENUE_RANK) | (1u << CL_REVENUE_SHARE);
	m.rank_all = 60;
	m.share_all = 10;
	m.def_all = (1u << CL_REVENUE_RANK) | (1u << CL_REVENUE_SHARE);
	m.m[CL_ORDERS] = 20;
	m.def |= 1u << CL_ORDERS;
	tap_is_str(given(&m, c, 5), "3",
	    "a trade tier reads the rank within trade (30); the 'all' tier the rank among all (60: none); "
	    "a retail tier never applies to trade; 20 orders is above the last orders tier");
	m.rank_all = 50;
	tap_is_str(given(&m, c, 5), "3,4", "rank 50 among all is on the 'all' tier's bound: given");
	m.def_all = 0;
	tap_is_str(given(&m, c, 5), "3", "no rank among all (no revenue): no 'all' rank tier");
}

static void test_unordered_tiers(void)
{
	double v[] = { 60, 20, 80 };

	tap_is_long(cl_tier(v, 3, 0, 50), 0, "values 60, 20, 80: 50 goes to the first tier that holds it");
	tap_is_long(cl_tier(v, 3, 0, 20), 0, "and so does 20: the second tier holds nothing");
	tap_is_long(cl_tier(v, 3, 0, 70), 2, "70 is in the third, above 60");
}

int main(void)
{
	test_periods_edges();
	test_risk_edges();
	test_rank_share_edges();
	test_bounds_every_type();
	test_minimums_and_scope();
	test_unordered_tiers();
	return tap_done();
}
