/*
 * test_insights.c - the customer-base dashboard's series (modules/insights/
 * in_calc.c) on a hand-computed fixture: the period's months, whole months
 * since the last order, repeat against one-receipt customers, the share of
 * repeat by month, sales by month and the dynamics' best and lost.
 */
#include <string.h>

#include "in_calc.h"
#include "salient/contract.h"
#include "tap.h"

#define D(y, m, d) dc_days_from_civil(y, m, d)
#define MONEY(x) ((int64_t)((x) * 10000))

static void test_period(void)
{
	struct in_period p;

	in_period_init(&p, D(2024, 3, 31), 12);
	tap_is_str(p.label[0], "2023-04", "12 months to 2024-03-31: the first is April 2023");
	tap_is_str(p.label[11], "2024-03", "  the last March 2024");
	tap_ok(p.from == D(2023, 3, 31) && p.mfirst[0] == D(2023, 4, 1) && p.mend[0] == D(2023, 4, 30),
	    "  the period (2023-03-31, 2024-03-31], April from its 1st to its 30th");
	tap_ok(p.mend[10] == D(2024, 2, 29) && p.wfrom[10] == D(2023, 2, 28),
	    "  February ends on the 29th, its RFM window from 2023-02-28 (exclusive)");
	in_period_init(&p, D(2024, 3, 15), 3);
	tap_ok(p.mend[2] == D(2024, 3, 15) && p.mfirst[0] == D(2024, 1, 1),
	    "T mid-month: the last month ends on T");
	tap_is_long(in_whole_months(D(2024, 3, 31), D(2024, 3, 31)), 0, "an order on T: 0 whole months");
	tap_is_long(in_whole_months(D(2024, 2, 29), D(2024, 3, 31)), 1, "2024-02-29 to 03-31: 1");
	tap_is_long(in_whole_months(D(2024, 1, 31), D(2024, 2, 29)), 0, "2024-01-31 to 02-29: 0 (not a whole month)");
	tap_is_long(in_whole_months(D(2023, 4, 1), D(2024, 3, 31)), 11, "the period's first day: 11");
}

/*
 * T = 2024-03-31, 12 months.  Segments: 1 retail, 2 trade.
 *   A (retail): 2023-03-31 100 (the day before the period), 2023-04-01 50,
 *               2024-03-31 70          in A: 2 orders, 120, last T: repeat, 0 months
 *   B (retail): 2024-01-15 30          one order, 30, 2 whole months (01-15 -> 03-15 <= 03-31)
 *   C (trade):  2023-06-10 40, 2023-06-20 40
 *                                      repeat, 80, last 06-20: 9 whole months
 *   E (trade):  2022-01-01 10          nothing in A
 * Share of repeat: April: A (its second order by April's end: yes) -> 1/1;
 * June: C, 2 by June's end -> 1/1; January: B, 1 -> 0/1; March: A -> 1/1.
 * Sales: April 1 order 50; June 2, 80; January 1, 30; March 1, 70.
 * Dynamics, March (window (2023-03-31, 2024-03-31]): A, B, C scored, N = 3.
 *   R: A T (w 2) 4, B 01-15 (w 1) 2, C 06-20 (w 0) 1.  F: A 2, C 2 (w 1) 2;
 *   B 1 (w 0) 1.  M: A 120 (w 2) 4, C 80 (w 1) 2, B 30 1.
 *   No 5-5-5; lost (R1): C.
 * April (window (2022-04-30, 2023-04-30]): A (03-31, 04-01: 2 orders, 150,
 *   last 04-01) alone: R1 F1 M1: lost 1 of 1.
 */
static void test_series(void)
{
	static struct in_calc c;
	int64_t ad[3] = { D(2023, 3, 31), D(2023, 4, 1), D(2024, 3, 31) };
	int64_t av[3] = { MONEY(100), MONEY(50), MONEY(70) };
	int64_t bd[1] = { D(2024, 1, 15) }, bv[1] = { MONEY(30) };
	int64_t cd[2] = { D(2023, 6, 10), D(2023, 6, 20) }, cv[2] = { MONEY(40), MONEY(40) };
	int64_t ed[1] = { D(2022, 1, 1) }, ev[1] = { MONEY(10) };
	const struct in_series *s = &c.s;

	in_calc_init(&c, D(2024, 3, 31), 12);
	tap_ok(in_calc_customer(&c, 1, ad, av, 3) == 0 && in_calc_customer(&c, 1, bd, bv, 1) == 0 &&
	    in_calc_customer(&c, 2, cd, cv, 2) == 0 && in_calc_customer(&c, 2, ed, ev, 1) == 0 &&
	    in_calc_finish(&c) == 0, "four customers fed and scored");
	tap_ok(s->quality[0][0] == 1 && s->quality[0][2] == 1 && s->quality[0][9] == 1 &&
	    s->quality[0][1] == 0 && s->quality[2][9] == 1 && s->quality[2][0] == 0,
	    "quality: A 0 months, B 2, C 9 (trade); E not in the period");
	tap_ok(s->rep_n[0] == 2 && s->rep_rev[0] == MONEY(200) && s->one_n[0] == 1 &&
	    s->one_rev[0] == MONEY(30), "repeat: A and C, 200; one receipt: B, 30");
	tap_ok(s->rep_n[1] == 1 && s->rep_rev[1] == MONEY(120) && s->rep_n[2] == 1 &&
	    s->one_n[2] == 0 && s->rep_n[3] == 0, "  per smart type: retail A, trade C, no distributor");
	tap_ok(s->buyers[0][0] == 1 && s->repeaters[0][0] == 1 && s->buyers[0][2] == 1 &&
	    s->repeaters[0][2] == 1 && s->buyers[0][9] == 1 && s->repeaters[0][9] == 0 &&
	    s->buyers[0][11] == 1 && s->repeaters[0][11] == 1 && s->buyers[0][5] == 0,
	    "share of repeat: April 1/1, June 1/1, January 0/1, March 1/1, September none");
	tap_ok(s->orders[0][0] == 1 && s->amount[0][0] == MONEY(50) && s->orders[0][2] == 2 &&
	    s->amount[0][2] == MONEY(80) && s->orders[2][2] == 2 && s->orders[1][2] == 0 &&
	    s->amount[0][11] == MONEY(70), "sales: April 1 order 50, June 2 orders 80 (trade), March 70");
	tap_ok(s->scored[0][11] == 3 && s->best[0][11] == 0 && s->lost[0][11] == 1 &&
	    s->lost[2][11] == 1 && s->lost[1][11] == 0, "March: 3 scored, none best, C lost (trade)");
	tap_ok(s->scored[0][0] == 1 && s->lost[0][0] == 1 && s->lost[1][0] == 1,
	    "April: A alone, R1 F1 M1, lost");
	in_calc_free(&c);
}

int main(void)
{
	test_period();
	test_series();
	return tap_done();
}
