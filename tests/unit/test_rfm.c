/*
 * test_rfm.c - RFM scores (salient/rfm.h, DESIGN.md section 5) on
 * hand-computed fixtures: the formula 1 + floor(5 w / N), ties sharing a
 * score, one-order customers, and the period's first and last day as the
 * classification run's accumulator (cl_acc, salient/metrics.h) takes them.
 * Refunds are not in the order stream at all (only paid orders are read):
 * tests/integration/59_rfm.t checks that against the database.
 */
#include <string.h>

#include "salient/contract.h"
#include "salient/metrics.h"
#include "salient/rfm.h"
#include "tap.h"

#define MONEY(x) ((int64_t)((x) * 10000))

static void test_scores(void)
{
	int64_t key[10] = { 9, 3, 7, 1, 5, 0, 8, 2, 6, 4 }, scratch[10];
	unsigned char s[10];
	/* w = the value itself (0..9 distinct): 1 + floor(5 w / 10) */
	static const unsigned char want[10] = { 5, 2, 4, 1, 3, 1, 5, 2, 4, 3 };
	int64_t same[3] = { 7, 7, 7 }, one[1] = { 42 };
	int64_t ties[5] = { 10, 20, 20, 20, 30 };
	size_t i;
	int ok = 1;

	rfm_scores(key, 10, scratch, s);
	for (i = 0; i < 10; i++)
		ok &= s[i] == want[i];
	tap_ok(ok, "ten distinct values: scores 1 1 2 2 3 3 4 4 5 5 by rank");
	rfm_scores(same, 3, scratch, s);
	tap_ok(s[0] == 1 && s[1] == 1 && s[2] == 1, "equal values share a score: all worse than none, 1");
	rfm_scores(one, 1, scratch, s);
	tap_is_long(s[0], 1, "one customer: w = 0, score 1");
	/* w: 0, 1, 1, 1, 4 of N = 5: 1, 2, 2, 2, 5 */
	rfm_scores(ties, 5, scratch, s);
	tap_ok(s[0] == 1 && s[1] == 2 && s[2] == 2 && s[3] == 2 && s[4] == 5,
	    "a tie in the middle: the three share 1 + floor(5 x 1 / 5) = 2; the best 5");
	memset(s, 9, sizeof(s));
	rfm_scores(key, 0, scratch, s);
	tap_is_long(s[0], 9, "no customers: nothing written");
}

static void test_split(void)
{
	int r = 0, f = 0, m = 0;

	tap_ok(rfm_split(243, &r, &f, &m) == 0 && r == 2 && f == 4 && m == 3, "cell 243 is R2 F4 M3");
	tap_ok(rfm_split(0, &r, &f, &m) == -1 && rfm_split(560, &r, &f, &m) == -1 &&
	    rfm_split(106, &r, &f, &m) == -1, "0, 560 and 106 are no cells");
	tap_ok(rfm_best(555) && !rfm_best(554) && rfm_lost(111) && rfm_lost(155) && !rfm_lost(211),
	    "best is 5-5-5, lost is R1");
	tap_is_long(rfm_cell(5, 1, 3), 513, "cell of 5, 1, 3");
}

struct order {
	int y, m, d;
	double value;
};

/* One customer's orders through the run's accumulator: its RFM input. */
static int acc_in(const struct cl_periods *p, const struct order *o, size_t n, struct rfm_in *in)
{
	struct cl_acc a;
	size_t i;

	cl_acc_reset(&a);
	for (i = 0; i < n; i++)
		cl_acc_order(&a, p, dc_days_from_civil(o[i].y, o[i].m, o[i].d), MONEY(o[i].value));
	cl_acc_finish(&a, p);
	if (a.orders_cur == 0)
		return 0;
	in->last_day = a.last_t;
	in->orders = a.orders_cur;
	in->revenue = a.revenue_cur;
	return 1;
}

/*
 * T = 2024-03-31, 12 months: C = (2023-03-31, 2024-03-31].
 *   A: 2024-01-10 50, 2024-03-31 100      last T,      F 2, M 150
 *   B: 2023-03-31 1000 (not in C: the day before the first), 2023-04-01 20
 *                                          last T-365,  F 1, M 20
 *   C: 2024-03-31 150 (the last day)       last T,      F 1, M 150
 *   D: 2023-12-01, 2024-02-15, 2024-03-01, 30 each
 *                                          last T-30,   F 3, M 90
 *   E: 2023-01-01 500, before C: not scored.
 * N = 4.  R (later is better): A, C w = 2: 1 + floor(10/4) = 3; D w = 1: 2;
 * B w = 0: 1.  F: D w = 3: 4; A w = 2: 3; B, C w = 0: 1.  M: A, C w = 2: 3;
 * D w = 1: 2; B: 1.  Cells A 333, B 111, C 313, D 242.
 */
static void test_fixture(void)
{
	static const struct order a[] = { { 2024, 1, 10, 50 }, { 2024, 3, 31, 100 } };
	static const struct order b[] = { { 2023, 3, 31, 1000 }, { 2023, 4, 1, 20 } };
	static const struct order c[] = { { 2024, 3, 31, 150 } };
	static const struct order d[] = { { 2023, 12, 1, 30 }, { 2024, 2, 15, 30 }, { 2024, 3, 1, 30 } };
	static const struct order e[] = { { 2023, 1, 1, 500 } };
	struct cl_periods p;
	struct rfm_in in[5];
	int64_t key[5], scratch[5];
	unsigned char score[15];
	uint16_t cell[5];
	size_t n = 0;

	cl_periods(dc_days_from_civil(2024, 3, 31), 12, &p);
	n += (size_t)acc_in(&p, a, 2, &in[n]);
	n += (size_t)acc_in(&p, b, 2, &in[n]);
	n += (size_t)acc_in(&p, c, 1, &in[n]);
	n += (size_t)acc_in(&p, d, 3, &in[n]);
	tap_is_long((long long)n, 4, "four customers with an order in C");
	tap_is_long(acc_in(&p, e, 1, &in[4]), 0, "E: its only order is before C, not scored");
	tap_ok(in[1].orders == 1 && in[1].revenue == MONEY(20) &&
	    in[1].last_day == dc_days_from_civil(2023, 4, 1),
	    "B: the order on T - 12 months is outside, the next day's inside");
	tap_ok(in[2].last_day == p.t, "C: an order on T itself counts");
	rfm_cells(in, n, key, scratch, score, cell);
	tap_is_long(cell[0], 333, "A: R3 F3 M3 (ties with C on R and M)");
	tap_is_long(cell[1], 111, "B: R1 F1 M1 (lost)");
	tap_is_long(cell[2], 313, "C: R3 F1 M3 (one order)");
	tap_is_long(cell[3], 242, "D: R2 F4 M2");
}

int main(void)
{
	test_scores();
	test_split();
	test_fixture();
	return tap_done();
}
