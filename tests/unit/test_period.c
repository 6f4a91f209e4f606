/*
 * test_period.c - sales by period (DESIGN.md section 5, modules/period/
 * pcalc.h) on hand-computed fixtures: ISO weeks across a year's end (a
 * 53rd week without a year earlier), months of different lengths (a leap
 * February a year after a short one), partial periods, dips at and over
 * the threshold, churn and clients to win back, the clients' gaps and
 * overdue flags.  Refunds and a product moved between categories are the
 * SQL's part (the lines given here are those of paid orders of the scope
 * as it is now): 90_period.t checks them through the real stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "pcalc.h"
#include "salient/contract.h"

#define M(x) ((int64_t)((x) * 10000))
#define D(y, m, d) ((int32_t)dc_days_from_civil(y, m, d))

static struct pc_line L(uint32_t cust, uint32_t order, int32_t day, int64_t units, int64_t value)
{
	struct pc_line l = { cust, order, day, units, value };

	return l;
}

static void test_iso(void)
{
	int y, w;
	char buf[16];
	struct pc_period p = { .year = 2026, .num = 3 };

	pc_iso_week(D(2027, 1, 1), &y, &w);
	tap_ok(y == 2026 && w == 53, "2027-01-01 (a Friday) is in 2026-W53 (got %d-W%d)", y, w);
	pc_iso_week(D(2024, 12, 30), &y, &w);
	tap_ok(y == 2025 && w == 1, "2024-12-30 (a Monday) is in 2025-W01 (got %d-W%d)", y, w);
	pc_iso_week(D(2021, 1, 3), &y, &w);
	tap_ok(y == 2020 && w == 53, "2021-01-03 (a Sunday) is in 2020-W53 (got %d-W%d)", y, w);
	pc_iso_week(D(2026, 1, 1), &y, &w);
	tap_ok(y == 2026 && w == 1, "2026-01-01 (a Thursday) is in 2026-W01");
	tap_is_long(pc_iso_weeks(2026), 53, "2026 has 53 ISO weeks");
	tap_is_long(pc_iso_weeks(2025), 52, "2025 has 52");
	tap_is_long(pc_iso_weeks(2020), 53, "2020 has 53");
	tap_ok(pc_iso_monday(2026, 53) == D(2026, 12, 28), "2026-W53 starts on Monday 2026-12-28");
	tap_ok(pc_iso_monday(2025, 1) == D(2024, 12, 30), "2025-W01 starts on 2024-12-30");
	tap_is_str(pc_label(&p, PC_WEEK, buf, sizeof(buf)), "2026-W03", "a week's label");
	tap_is_str(pc_label(&p, PC_MONTH, buf, sizeof(buf)), "2026-03", "a month's label");
}

/*
 * Weeks 2026-12-21 (Monday of 2026-W52) to 2027-01-10 (Sunday of 2027-W01):
 * lead 2026-W51 (Dec 14-20), W52 (Dec 21-27), W53 (Dec 28 - Jan 3),
 * 2027-W01 (Jan 4-10).  A year earlier: W52 -> 2025-W52 (2025-12-22..28),
 * W53 -> none (2025 has 52 weeks), 2027-W01 -> 2026-W01 (2025-12-29 ..
 * 2026-01-04).
 *
 * customer 1: order 10 Dec 16 (lead) 100; order 11 Dec 22 two lines 30 + 20
 *             (units 1 + 2); order 12 Jan 5 40
 * customer 2: order 20 Dec 17 (lead) 200; order 21 2025-12-23 70 (a year
 *             before W52); order 22 2026-01-02 25 (a year before 2027-W01)
 * customer 3: orders 30 Dec 29 60 and 31 Dec 31 10 (both W53)
 *
 * lead: 2 orders, 300, 2 clients.  W52: 1 order, 3 units, 50, 1 client;
 * a year earlier 70.  Churn of W52: customer 2 (200); win back =
 * ceil(200 / (300 / 2)) = 2.  50 vs 300: 83.3 % below, a dip; vs 70:
 * 28.6 % below, a dip too.  W53: 2 orders, 70, 1 client, above W52 (-40 %),
 * no year earlier; churn customer 1 (50 in W52), win back ceil(50/50) = 1.
 * 2027-W01: 1 order, 40: 42.9 % below 70, a dip; 25 a year earlier (above);
 * churn customer 3 (70), win back 1.
 * Clients: 1: 2 purchases, 90, Dec 22 .. Jan 5, gap 14, next Jan 19 (not
 * overdue on Jan 10); 3: 2 purchases, 70, gap 2, next Jan 2, overdue.
 */
static void test_weeks(void)
{
	struct pc_line l[] = {
		L(3, 31, D(2026, 12, 31), 1, M(10)),
		L(1, 11, D(2026, 12, 22), 1, M(30)),
		L(2, 20, D(2026, 12, 17), 1, M(200)),
		L(1, 10, D(2026, 12, 16), 1, M(100)),
		L(1, 11, D(2026, 12, 22), 2, M(20)),
		L(2, 21, D(2025, 12, 23), 1, M(70)),
		L(1, 12, D(2027, 1, 5), 1, M(40)),
		L(3, 30, D(2026, 12, 29), 1, M(60)),
		L(2, 22, D(2026, 1, 2), 1, M(25)),
		L(9, 90, D(2025, 12, 1), 1, M(999)),   /* read by nothing */
	};
	struct pc_result r;
	const struct pc_period *p;
	const struct pc_client *c;

	if (!tap_ok(pc_compute(l, sizeof(l) / sizeof(l[0]), D(2026, 12, 21), D(2027, 1, 10), PC_WEEK,
	    20, D(2027, 1, 10), &r) == 0, "weeks across the year's end computed"))
		return;
	tap_is_long((long long)r.nperiods, 3, "three weeks: 2026-W52, 2026-W53, 2027-W01");
	p = r.periods;
	tap_ok(p[0].year == 2026 && p[0].num == 51 && p[0].from == D(2026, 12, 14) &&
	    p[0].to == D(2026, 12, 20), "the lead period is 2026-W51, Dec 14-20");
	tap_ok(p[0].cur.orders == 2 && p[0].cur.revenue == M(300) && p[0].cur.clients == 2,
	    "lead: 2 orders, 300, 2 clients");
	tap_ok(p[1].num == 52 && p[2].num == 53 && p[2].year == 2026 && p[3].year == 2027 &&
	    p[3].num == 1, "the weeks are numbered 52, 53 (of 2026), 1 (of 2027)");
	tap_ok(p[2].from == D(2026, 12, 28) && p[2].to == D(2027, 1, 3),
	    "2026-W53 runs Dec 28 - Jan 3, across the year's end");
	tap_ok(p[1].cur.orders == 1 && p[1].cur.units == 3 && p[1].cur.revenue == M(50) &&
	    p[1].cur.clients == 1, "W52: one order of two lines, 3 units, 50, one client");
	tap_ok(p[1].has_ye && p[1].ye_from == D(2025, 12, 22) && p[1].ye.revenue == M(70) &&
	    p[1].ye.orders == 1 && p[1].ye.clients == 1, "W52 a year earlier: 2025-W52, 70");
	tap_ok(p[1].dip_prev && p[1].dip_ye && p[1].dip, "W52 is a dip against both");
	tap_ok(p[1].pct_prev > 83.33 && p[1].pct_prev < 83.34, "W52: 83.3 %% below W51 (%.3f)",
	    p[1].pct_prev);
	tap_ok(p[1].pct_ye > 28.57 && p[1].pct_ye < 28.58, "W52: 28.6 %% below a year earlier");
	tap_ok(p[1].churned == 1 && p[1].churned_revenue == M(200) && p[1].win_back == 2,
	    "W52 churn: customer 2 with 200; win back ceil(200 / 150) = 2");
	tap_ok(p[1].nchurn == 1 && r.churn[p[1].churn_at].customer == 2,
	    "W52's churn list names customer 2");
	tap_ok(!p[2].has_ye && p[2].ye.revenue == 0, "2026-W53 has no year earlier (2025: 52 weeks)");
	tap_ok(p[2].cur.orders == 2 && p[2].cur.revenue == M(70) && !p[2].dip &&
	    p[2].pct_prev < -39.99 && p[2].pct_prev > -40.01, "W53: 2 orders, 70, 40 %% above, no dip");
	tap_ok(p[2].churned == 1 && p[2].churned_revenue == M(50) && p[2].win_back == 1,
	    "W53 churn: customer 1 (50 in W52), win back 1");
	tap_ok(p[3].has_ye && p[3].ye_from == D(2025, 12, 29) && p[3].ye_to == D(2026, 1, 4) &&
	    p[3].ye.revenue == M(25), "2027-W01 a year earlier is 2026-W01 (2025-12-29 .. 2026-01-04): 25");
	tap_ok(p[3].dip_prev && !p[3].dip_ye, "2027-W01: a dip against W53, not a year earlier");
	tap_ok(p[3].churned == 1 && r.churn[p[3].churn_at].customer == 3 && p[3].win_back == 1,
	    "2027-W01 churn: customer 3");
	tap_ok(r.total.orders == 4 && r.total.revenue == M(160) && r.total.clients == 2,
	    "the range: 4 orders, 160, 2 clients (customer 2 bought only outside it)");
	tap_is_long((long long)r.nclients, 2, "two clients in the range");
	c = &r.clients[0];
	tap_ok(c->customer == 1 && c->purchases == 2 && c->revenue == M(90) && c->units == 4 &&
	    c->first == D(2026, 12, 22) && c->last == D(2027, 1, 5), "client 1: 2 purchases, 90");
	tap_ok(c->has_gap && c->gap == 14.0 && c->next == D(2027, 1, 19) && !c->overdue,
	    "client 1: mean gap 14 days, next Jan 19, not overdue on Jan 10");
	c = &r.clients[1];
	tap_ok(c->customer == 3 && c->has_gap && c->gap == 2.0 && c->next == D(2027, 1, 2) &&
	    c->overdue, "client 3: gap 2 days, next Jan 2, overdue on Jan 10");
	pc_result_free(&r);
}

/*
 * Months 2024-01-15 .. 2024-03-31: January partial (15-31), February of 29
 * days, March; lead December 2023.  A year earlier: 2023-01-15..31,
 * February 2023 (28 days), March 2023.
 * customer 5: Dec 31 2023 5 (lead); Jan 10 2024 7 (before the range: not
 * read); Feb 28 2023 10 (a year before February); Feb 29 2024 30; Mar 31
 * 2024 8.
 * January: partial, nothing, churn customer 5 (5), win back 1; no
 * comparison with December.  February: 30, not compared with a partial
 * January, 10 a year earlier (above).  March: 8, 73.3 % below February, a
 * dip; nothing a year earlier, so no comparison.
 */
static void test_months(void)
{
	struct pc_line l[] = {
		L(5, 1, D(2023, 12, 31), 1, M(5)),
		L(5, 2, D(2024, 1, 10), 1, M(7)),
		L(5, 3, D(2023, 2, 28), 1, M(10)),
		L(5, 4, D(2024, 2, 29), 3, M(30)),
		L(5, 5, D(2024, 3, 31), 1, M(8)),
	};
	struct pc_line f[] = {
		L(6, 1, D(2024, 2, 29), 1, M(30)),
		L(6, 2, D(2025, 2, 28), 1, M(24)),
		L(6, 3, D(2025, 1, 31), 1, M(12)),
	};
	struct pc_result r;
	const struct pc_period *p;

	if (!tap_ok(pc_compute(l, 5, D(2024, 1, 15), D(2024, 3, 31), PC_MONTH, 20, D(2024, 3, 31),
	    &r) == 0, "months of different lengths computed"))
		return;
	p = r.periods;
	tap_is_long((long long)r.nperiods, 3, "three months");
	tap_ok(p[0].from == D(2023, 12, 1) && p[0].to == D(2023, 12, 31) && p[0].cur.revenue == M(5),
	    "lead: December 2023, 5");
	tap_ok(p[1].partial && p[1].from == D(2024, 1, 15) && p[1].to == D(2024, 1, 31) &&
	    p[1].cur.revenue == 0, "January is cut to 15-31: the 10th is not in it");
	tap_ok(p[1].ye_from == D(2023, 1, 15) && p[1].ye_to == D(2023, 1, 31),
	    "January's year earlier is cut the same way");
	tap_ok(!p[1].cmp_prev && !p[1].dip, "a partial month is not compared with a whole one");
	tap_ok(p[1].churned == 1 && p[1].churned_revenue == M(5) && p[1].win_back == 1,
	    "January churn: customer 5 (5 in December)");
	tap_ok(!p[2].partial && p[2].to == D(2024, 2, 29) && p[2].cur.revenue == M(30) &&
	    p[2].cur.units == 3, "February 2024 has 29 days: the 29th counts");
	tap_ok(p[2].ye_from == D(2023, 2, 1) && p[2].ye_to == D(2023, 2, 28) &&
	    p[2].ye.revenue == M(10), "February a year earlier: 2023-02-01 .. 28, 10");
	tap_ok(!p[2].cmp_prev && !p[2].dip && p[2].churned == 0,
	    "February: the month before is partial, so no comparison; nobody churned");
	tap_ok(p[3].cmp_prev && p[3].dip_prev && !p[3].dip_ye && p[3].ye.revenue == 0,
	    "March: a dip against February, nothing a year earlier");
	tap_ok(p[3].pct_prev > 73.33 && p[3].pct_prev < 73.34, "March: 73.3 %% below");
	tap_ok(r.nclients == 1 && r.clients[0].purchases == 2 && r.clients[0].revenue == M(38) &&
	    r.clients[0].gap == 31.0 && r.clients[0].next == D(2024, 5, 1),
	    "client 5 in the range: 2 purchases, 38, gap 31, next May 1");
	pc_result_free(&r);

	/* February 2025 (28 days) a year after a leap February: its last day
	 * maps to Feb 29 */
	if (!tap_ok(pc_compute(f, 3, D(2025, 2, 1), D(2025, 2, 28), PC_MONTH, 20, D(2025, 2, 28),
	    &r) == 0, "February 2025 computed"))
		return;
	p = r.periods;
	tap_ok(p[1].ye_from == D(2024, 2, 1) && p[1].ye_to == D(2024, 2, 29) &&
	    p[1].ye.revenue == M(30), "February 2025 a year earlier holds 2024-02-29");
	tap_ok(p[1].cmp_prev && p[1].pct_prev == -100.0 && !p[1].dip_prev,
	    "24 after 12 in January: 100 %% above");
	pc_result_free(&r);
}

/* The threshold: more than X % below, not X % exactly. */
static void test_threshold(void)
{
	struct pc_line l[] = {
		L(1, 1, D(2024, 4, 10), 1, M(100)),
		L(1, 2, D(2024, 5, 10), 1, M(80)),
		L(1, 3, D(2024, 6, 10), 1, M(80) - 1),
		L(2, 4, D(2024, 6, 11), 1, 1),
	};
	struct pc_result r;

	if (!tap_ok(pc_compute(l, 4, D(2024, 5, 1), D(2024, 6, 30), PC_MONTH, 20, D(2024, 6, 30),
	    &r) == 0, "threshold fixture computed"))
		return;
	tap_ok(!r.periods[1].dip && r.periods[1].pct_prev == 20.0,
	    "May: 80 after 100 is 20 %% below, not more: no dip");
	tap_ok(r.periods[2].cur.revenue == M(80) && !r.periods[2].dip,
	    "June: 79.9999 + 0.0001 = 80 after 80: no dip");
	pc_result_free(&r);
	l[3].value = 0;
	if (!tap_ok(pc_compute(l, 4, D(2024, 5, 1), D(2024, 6, 30), PC_MONTH, 20, D(2024, 6, 30),
	    &r) == 0, "again with June at 79.9999"))
		return;
	tap_ok(r.periods[1].dip == 0 && r.periods[2].dip == 0,
	    "79.9999 after 80 is 0.0001 %% below: no dip at 20 %%");
	pc_result_free(&r);
	l[1].value = M(100);
	if (pc_compute(l, 4, D(2024, 5, 1), D(2024, 6, 30), PC_MONTH, 20, D(2024, 6, 30), &r) == 0) {
		tap_ok(r.periods[2].dip_prev && r.periods[2].pct_prev > 20.0,
		    "79.9999 after 100 is more than 20 %% below: a dip");
		pc_result_free(&r);
	}
	tap_ok(pc_compute(l, 4, D(2024, 6, 1), D(2024, 5, 1), PC_MONTH, 20, 0, &r) == -1,
	    "a range that ends before it starts is refused");
	tap_ok(pc_compute(l, 4, D(2010, 1, 1), D(2024, 5, 1), PC_MONTH, 20, 0, &r) == -1,
	    "a range over ten years is refused");
	tap_ok(pc_compute(l, 4, D(2024, 5, 1), D(2024, 6, 1), PC_MONTH, 0, 0, &r) == -1,
	    "a dip threshold of 0 %% is refused");
}

int main(void)
{
	test_iso();
	test_weeks();
	test_months();
	test_threshold();
	return tap_done();
}
