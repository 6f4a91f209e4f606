/*
 * test_metrics.c - classification metrics on hand-computed fixtures
 * (DESIGN.md section 5): periods with month-end clamping, risk and its
 * change, revenue change, rank and share with ties, tier bounds.
 */
#include <stdio.h>
#include <string.h>

#include "assign.h"
#include "salient/contract.h"
#include "salient/metrics.h"
#include "metrics_fixture.h"
#include "tap.h"


static void test_periods(void)
{
	struct cl_periods p;

	cl_periods(D(2024, 3, 31), 1, &p);
	tap_is_long(p.c_from, D(2024, 2, 29), "T=2024-03-31, P=1: C starts after 2024-02-29 (clamped)");
	tap_is_long(p.q_from, D(2024, 1, 31), "  Q starts after 2024-01-31");
	cl_periods(D(2024, 2, 29), 12, &p);
	tap_is_long(p.c_from, D(2023, 2, 28), "T=2024-02-29, P=12: C after 2023-02-28");
	tap_is_long(p.q_from, D(2022, 2, 28), "  Q after 2022-02-28");
	cl_periods(D(2026, 11, 23), 3, &p);
	tap_is_long(p.c_from, D(2026, 8, 23), "P=3: same day three months earlier");
	tap_is_long(p.q_from, D(2026, 5, 23), "  and six");
	cl_periods(D(2025, 1, 15), 24, &p);
	tap_is_long(p.c_from, D(2023, 1, 15), "P=24 crosses years");
	tap_is_long(cl_months_before(D(2024, 5, 31), 3), D(2024, 2, 29), "May 31 minus 3 months is Feb 29 in a leap year");
	tap_is_long(cl_months_before(D(2023, 5, 31), 3), D(2023, 2, 28), "and Feb 28 otherwise");
}

static void test_customer(void)
{
	struct cl_periods p;
	struct cl_acc a;

	/* three orders ten days apart, as-of ten days after the last: risk 100 */
	{
		int64_t d[] = { D(2024, 1, 1), D(2024, 1, 11), D(2024, 1, 21) };
		double v[] = { 10, 20, 30 };

		cl_periods(D(2024, 1, 31), 1, &p);
		feed(&a, &p, d, v, 3);
		tap_ok(a.risk_def, "risk defined with 3 order days");
		tap_is_near(a.risk, 100.0, 1e-9, "risk = 100 when exactly one gap late");
		tap_is_long(a.orders_cur, 3, "orders in C (2023-12-31, 2024-01-31]");
		tap_is_long(a.revenue_cur, MONEY(60), "revenue in C");
		tap_ok(!a.revenue_change_def, "revenue change undefined with no revenue in Q");
	}
	/* same-day orders count as one order day, but as two orders */
	{
		int64_t d[] = { D(2024, 1, 1), D(2024, 1, 1), D(2024, 1, 21) };
		double v[] = { 5, 7.5, 1 };

		cl_periods(D(2024, 1, 31), 1, &p);
		feed(&a, &p, d, v, 3);
		tap_is_long(a.orders_cur, 3, "two orders on one day are two orders");
		tap_is_long(a.n_t, 2, "but one order day");
		tap_is_near(a.risk, 100.0 * 10.0 / 20.0, 1e-9, "risk uses distinct days: gap 20, 10 late = 50");
		tap_is_long(a.revenue_cur, MONEY(13.5), "revenue exact: 13.50");
	}
	/* one order: risk undefined */
	{
		int64_t d[] = { D(2024, 1, 5) };
		double v[] = { 99.99 };

		cl_periods(D(2024, 1, 31), 1, &p);
		feed(&a, &p, d, v, 1);
		tap_ok(!a.risk_def, "one order day: risk undefined");
		tap_ok(!a.risk_change_def, "  and its change too");
	}
	/* orders after the as-of date are ignored */
	{
		int64_t d[] = { D(2024, 1, 1), D(2024, 1, 11), D(2024, 2, 15) };
		double v[] = { 1, 1, 1000 };

		cl_periods(D(2024, 1, 31), 1, &p);
		feed(&a, &p, d, v, 3);
		tap_is_long(a.revenue_cur, MONEY(2), "an order after T is not counted");
		tap_is_near(a.risk, 200.0, 1e-9, "nor used for risk (gap 10, 20 late = 200)");
	}
	/* risk change and revenue change, hand-computed */
	{
		int64_t d[] = { D(2024, 2, 1), D(2024, 2, 11), D(2024, 2, 21), D(2024, 3, 21) };
		double v[] = { 100, 100, 100, 150 };
		double risk_t = 100.0 * 10.0 / (49.0 / 3.0);

		cl_periods(D(2024, 3, 31), 1, &p);
		feed(&a, &p, d, v, 4);
		tap_is_near(a.risk_prev, 80.0, 1e-9, "risk(T-P) at 2024-02-29: gap 10, 8 late = 80");
		tap_is_near(a.risk, risk_t, 1e-9, "risk(T): 4 days over 49 days, 10 late = 61.22");
		tap_ok(a.risk_change_def, "risk change defined");
		tap_is_near(a.risk_change, (risk_t - 80.0) / 80.0 * 100.0, 1e-9, "risk change = -23.47 %");
		tap_is_long(a.revenue_prev, MONEY(300), "revenue in Q (2024-01-31, 2024-02-29]");
		tap_is_long(a.revenue_cur, MONEY(150), "revenue in C");
		tap_ok(a.revenue_change_def, "revenue change defined");
		tap_is_near(a.revenue_change, -50.0, 1e-9, "revenue change = -50 %");
		tap_is_long(a.orders_prev, 3, "orders in Q");
	}
	/* an order exactly on c_from belongs to Q, one on T to C */
	{
		int64_t d[] = { D(2024, 2, 29), D(2024, 3, 31) };
		double v[] = { 10, 20 };

		cl_periods(D(2024, 3, 31), 1, &p);
		feed(&a, &p, d, v, 2);
		tap_is_long(a.revenue_prev, MONEY(10), "an order on T-P is in Q (C is open below)");
		tap_is_long(a.revenue_cur, MONEY(20), "an order on T is in C");
		tap_is_near(a.risk, 0.0, 1e-9, "bought on T: risk 0");
		tap_ok(!a.risk_prev_def, "one order day by T-P: previous risk undefined");
	}
}

static void test_rank_share(void)
{
	int64_t rev[] = { MONEY(50), MONEY(100), MONEY(50), MONEY(10) };
	const char *ids[] = { "c", "a", "b", "d" };
	double rank[4], share[4];
	size_t order[4];

	tap_ok(cl_rank_share(rev, ids, 4, order, rank, share) == 0, "rank and share computed");
	tap_is_near(rank[1], 25.0, 1e-9, "top customer: rank 1 of 4 = 25");
	tap_is_near(rank[0], 50.0, 1e-9, "tie: both at rank 2 = 50");
	tap_is_near(rank[2], 50.0, 1e-9, "  the other too");
	tap_is_near(rank[3], 100.0, 1e-9, "last: rank 4 of 4 = 100");
	tap_is_near(share[1], 0.0, 1e-9, "share before the top customer: 0");
	tap_is_near(share[2], 100.0 * 100.0 / 210.0, 1e-9, "tie broken by id: 'b' before 'c' (47.62)");
	tap_is_near(share[0], 100.0 * 150.0 / 210.0, 1e-9, "'c' after 'b' (71.43)");
	tap_is_near(share[3], 100.0 * 200.0 / 210.0, 1e-9, "last (95.24)");
	{
		int64_t r2[] = { MONEY(5), MONEY(5) };
		const char *i2[] = { "a", "B" };
		double rk[2], sh[2];
		size_t o2[2];

		cl_rank_share(r2, i2, 2, o2, rk, sh);
		tap_is_near(sh[1], 0.0, 1e-9, "ids compare by bytes: 'B' (0x42) before 'a' (0x61)");
		tap_is_near(sh[0], 50.0, 1e-9, "  so 'a' has half before it");
	}
	tap_ok(cl_rank_share(rev, ids, 0, order, rank, share) == -1, "an empty population is refused");
}

static void test_tiers(void)
{
	double v[] = { 20, 60 };
	double ch[] = { 0, 100 };

	tap_is_long(cl_tier(v, 2, 0, 0), 0, "floor 0 is in the first tier");
	tap_is_long(cl_tier(v, 2, 0, 20), 0, "upper bound inclusive: 20 in tier 1");
	tap_is_long(cl_tier(v, 2, 0, 20.0001), 1, "lower bound exclusive: above 20 in tier 2");
	tap_is_long(cl_tier(v, 2, 0, 60), 1, "60 in tier 2");
	tap_is_long(cl_tier(v, 2, 0, 60.5), -1, "above the last tier: none");
	tap_is_long(cl_tier(v, 2, 0, -1), -1, "below the floor: none");
	tap_is_long(cl_tier(ch, 2, -100, -100), 0, "changes: floor -100 inclusive");
	tap_is_long(cl_tier(ch, 2, -100, -100.5), -1, "below -100: none");
	tap_is_long(cl_tier(ch, 2, -100, 0.5), 1, "above 0 up to 100: tier 2");
}

static void test_assign(void)
{
	struct cl_class c[] = {
		/* deliberately out of order: cl_sort_classes puts them in tiers */
		{ 11, CL_RISK_SCORE, CL_ALL, 300, 0, 0, 2 },
		{ 10, CL_RISK_SCORE, CL_ALL, 100, 0, 0, 1 },
		{ 20, CL_REVENUE_RANK, CL_TRADE, 10, MONEY(1000), 2, 1 },
		{ 30, CL_REVENUE_RANK, CL_ALL, 50, 0, 0, 1 },
		{ 40, CL_REVENUE_CHANGE, CL_RETAIL, 0, 0, 0, 1 },
		{ 41, CL_REVENUE_CHANGE, CL_RETAIL, 1000, 0, 0, 2 },
	};
	struct cl_metrics m;
	size_t out[8], n, i;
	long long got[8];

	cl_sort_classes(c, 6);
	tap_ok(c[0].id == 10 && c[1].id == 11, "tiers sorted by position within type");
	memset(&m, 0, sizeof(m));
	m.smart = CL_TRADE;
	m.revenue_cur = MONEY(5000);
	m.orders_cur = 3;
	m.m[CL_RISK_SCORE] = 150;
	m.m[CL_REVENUE_RANK] = 8;          /* top 8 % among trade */
	m.m[CL_REVENUE_CHANGE] = 20;
	m.def = (1u << CL_RISK_SCORE) | (1u << CL_REVENUE_RANK) | (1u << CL_REVENUE_CHANGE);
	m.rank_all = 40;                   /* top 40 % among all */
	m.def_all = 1u << CL_REVENUE_RANK;
	n = cl_assign(&m, c, 6, out, 8);
	for (i = 0; i < n; i++)
		got[i] = c[out[i]].id;
	tap_is_long((long long)n, 3, "a trade customer gets three classifications");
	tap_ok(n == 3 && got[0] == 11 && got[1] == 20 && got[2] == 30,
	    "risk 150 is in (100, 300]; top 8 %% of trade; top 40 %% of all");
	tap_ok(n == 3, "the retail-only revenue change tiers do not apply to trade");
	m.orders_cur = 1;
	n = cl_assign(&m, c, 6, out, 8);
	tap_is_long((long long)n, 2, "below the tier's minimum orders: that classification is not given");
	m.orders_cur = 3;
	m.revenue_cur = MONEY(999.99);
	n = cl_assign(&m, c, 6, out, 8);
	tap_is_long((long long)n, 2, "below the minimum spend: not given either");
	m.smart = CL_RETAIL;
	m.revenue_cur = MONEY(5000);
	m.m[CL_REVENUE_CHANGE] = -100;
	n = cl_assign(&m, c, 6, out, 8);
	for (i = 0; i < n; i++)
		got[i] = c[out[i]].id;
	tap_ok(n == 3 && got[2] == 40, "retail: revenue change -100 is at the floor of the first tier");
	m.def &= ~(1u << CL_RISK_SCORE);
	n = cl_assign(&m, c, 6, out, 8);
	tap_is_long((long long)n, 2, "an undefined metric gives no classification of its type");
	tap_is_long(cl_lookup(cl_type_names, CL_NTYPES, "revenue_share"), CL_REVENUE_SHARE, "type names");
	tap_is_long(cl_lookup(cl_smart_names, CL_NSMART, "nope"), -1, "unknown smart type");
}

/* p_alive: 100 x P(alive), tiers from the floor 0, undefined without a prediction */
static void test_palive(void)
{
	struct cl_class c[] = {
		{ 52, CL_P_ALIVE, CL_RETAIL, 100, 0, 0, 3 },
		{ 50, CL_P_ALIVE, CL_RETAIL, 20, 0, 0, 1 },
		{ 51, CL_P_ALIVE, CL_RETAIL, 60, 0, 0, 2 },
		{ 60, CL_P_ALIVE, CL_ALL, 50, MONEY(100), 0, 1 },
		{ 10, CL_ORDERS, CL_ALL, 5, 0, 0, 1 },
	};
	static const struct {
		double p;         /* P(alive); < 0: no prediction */
		int smart;
		long long spend;  /* revenue_cur, whole money */
		long long want_retail, want_all;   /* classification ids, 0 = none */
		const char *what;
	} cases[] = {
		{ 0.0, CL_RETAIL, 500, 50, 60, "P(alive) 0: metric 0, the floor, first tier of each" },
		{ 0.2, CL_RETAIL, 500, 50, 60, "0.2: metric 20, the first tier's bound, inclusive" },
		{ 0.2001, CL_RETAIL, 500, 51, 60, "0.2001: 20.01, second tier" },
		{ 0.6, CL_RETAIL, 500, 51, 0, "0.6: 60 is the second retail tier; above 50, no 'all' tier" },
		{ 1.0, CL_RETAIL, 500, 52, 0, "1.0: 100, the last tier's bound" },
		{ 0.3, CL_TRADE, 500, 0, 60, "a trade customer: only the 'all' tier" },
		{ 0.3, CL_RETAIL, 99, 51, 0, "below the 'all' tier's minimum spend: not given" },
		{ -1, CL_RETAIL, 500, 0, 0, "no prediction: undefined, no p_alive classification" },
	};
	struct cl_metrics m;
	size_t out[8], n, i, k;

	tap_is_long(cl_lookup(cl_type_names, CL_NTYPES, "p_alive"), CL_P_ALIVE, "type name p_alive");
	tap_is_near(cl_floor(CL_P_ALIVE), 0, 0, "p_alive's floor is 0");
	cl_sort_classes(c, 5);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		long long retail = 0, all = 0, orders = 0;

		memset(&m, 0, sizeof(m));
		m.smart = (enum cl_smart)cases[k].smart;
		m.revenue_cur = MONEY(cases[k].spend);
		m.orders_cur = 9;
		m.m[CL_ORDERS] = 9;
		m.def = 1u << CL_ORDERS;
		if (cases[k].p >= 0) {
			m.m[CL_P_ALIVE] = 100.0 * cases[k].p;
			m.def |= 1u << CL_P_ALIVE;
		}
		n = cl_assign(&m, c, 5, out, 8);
		for (i = 0; i < n; i++) {
			long long id = c[out[i]].id;

			if (id >= 50 && id < 60)
				retail = id;
			else if (id == 60)
				all = id;
			else
				orders = id;
		}
		tap_ok(retail == cases[k].want_retail && all == cases[k].want_all && orders == 0,
		    "%s (got %lld/%lld)", cases[k].what, retail, all);
	}
}

/* The metrics' table and the classification types say the same. */
static void test_table(void)
{
	const struct cl_metric *m;
	int i, tiers = 0, agree = 1;

	for (m = cl_metrics; m->name != NULL; m++)
		tiers += m->tiers;
	for (i = 0; i < CL_NTYPES; i++)
		agree &= (m = cl_metric(cl_type_names[i])) != NULL && m->tiers;
	tap_ok(agree && tiers == CL_NTYPES, "the classification types are the metrics with tiers (%d)", tiers);
	tap_ok(cl_floor(CL_RISK_CHANGE) == -100 && cl_floor(CL_REVENUE_CHANGE) == -100 &&
	    cl_floor(CL_RISK_SCORE) == 0 && cl_floor(CL_ORDERS) == 0, "the change types' tiers start at -100");
	tap_ok(cl_metric("clv_12m")->unit == CL_UNIT_MONEY && cl_metric("p_alive")->unit ==
	    CL_UNIT_PROBABILITY && cl_metric("nosuch") == NULL && cl_metric(NULL) == NULL,
	    "units by name; an unknown name is NULL");
}

int main(void)
{
	test_table();
	test_periods();
	test_customer();
	test_rank_share();
	test_tiers();
	test_assign();
	test_palive();
	return tap_done();
}
