/*
 * test_trade_target.c - target progress and forecast around the period's
 * edges (DESIGN.md section 5, modules/trade/tr_target.h), the default
 * 12-month period, which target is "the" target, and the summary chart's
 * monthly slices; hand-computed.
 */
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "tap.h"
#include "tr_target.h"

#define D(y, m, d) dc_days_from_civil(y, m, d)
#define M(x) ((int64_t)((x) * 10000))

static void test_edges(void)
{
	int64_t s = D(2026, 1, 1), e = D(2026, 12, 31), from, to;
	struct tr_progress p;

	/* before the period */
	tap_is_long(tr_target_window(s, e, D(2025, 12, 31), &from, &to), 0,
	    "the day before the start: no day counts");
	tap_ok(from == s && to == s - 1, "  the window is empty [start, start - 1]");
	tap_ok(tr_target_progress(s, e, M(1000), 0, D(2025, 12, 31), &p) == 0, "progress before the start");
	tap_is_str(tr_tstate_name(p.state), "upcoming", "  upcoming");
	tap_is_long(p.elapsed_days, 0, "  0 days elapsed");
	tap_is_long(p.period_days, 365, "  a 365-day period");
	tap_is_long(p.forecast_def, 0, "  no forecast before the period starts");
	tap_is_near(p.progress_pct, 0, 1e-12, "  progress 0 %");
	tap_is_long(p.remaining, M(1000), "  all of it remains");

	/* the first day */
	tap_is_long(tr_target_window(s, e, s, &from, &to), 1, "the first day counts");
	tap_ok(from == s && to == s, "  window [start, start]");
	tap_ok(tr_target_progress(s, e, M(1000), 123456, s, &p) == 0, "progress on the first day");
	tap_is_str(tr_tstate_name(p.state), "running", "  running");
	tap_is_long(p.elapsed_days, 1, "  1 day elapsed (the day itself)");
	tap_is_long(p.forecast, 45061440, "  forecast = 12.3456 x 365 / 1 = 4506.1440");
	tap_is_near(p.progress_pct, 1.23456, 1e-9, "  progress 12.3456 / 1000 = 1.23456 %");

	/* the middle: 2026-03-01 is day 60 */
	tap_ok(tr_target_progress(s, e, M(1000), M(100), D(2026, 3, 1), &p) == 0, "progress on 1 March");
	tap_is_long(p.elapsed_days, 60, "  31 + 28 + 1 = 60 days elapsed");
	tap_is_long(p.forecast, 6083333, "  forecast 100 x 365 / 60 = 608.33333 -> 608.3333");
	tap_is_long(p.remaining, M(900), "  900 remain");

	/* the last day */
	tap_ok(tr_target_progress(s, e, M(1000), M(1100), e, &p) == 0, "progress on the last day");
	tap_is_str(tr_tstate_name(p.state), "running", "  still running");
	tap_is_long(p.elapsed_days, 365, "  every day elapsed");
	tap_is_long(p.forecast, M(1100), "  forecast = actual");
	tap_is_near(p.progress_pct, 110, 1e-9, "  progress 110 %");
	tap_is_long(p.remaining, 0, "  nothing remains (never negative)");

	/* after the end */
	tap_is_long(tr_target_window(s, e, D(2027, 2, 1), &from, &to), 1, "after the end:");
	tap_ok(from == s && to == e, "  the whole period counts, no more");
	tap_ok(tr_target_progress(s, e, M(1000), M(750), D(2027, 2, 1), &p) == 0, "progress after the end");
	tap_is_str(tr_tstate_name(p.state), "ended", "  ended");
	tap_is_long(p.elapsed_days, 365, "  elapsed = the period");
	tap_is_long(p.forecast_def, 1, "  the forecast is the final result");
	tap_is_long(p.forecast, M(750), "  = actual");

	/* rounding half away from zero: 0.0001 x 3 / 2 = 0.00015 -> 0.0002 */
	tap_ok(tr_target_progress(D(2026, 1, 1), D(2026, 1, 3), M(1), 1, D(2026, 1, 2), &p) == 0 &&
	    p.forecast == 2, "a forecast of 0.00015 rounds to 0.0002");
	tap_ok(tr_target_progress(D(2026, 1, 1), D(2026, 1, 3), M(1), 1, D(2026, 1, 1), &p) == 0 &&
	    p.forecast == 3, "0.0001 x 3 / 1 = 0.0003");
	tap_ok(tr_target_progress(D(2024, 1, 1), D(2024, 12, 31), M(1), 0, D(2024, 6, 1), &p) == 0 &&
	    p.period_days == 366 && p.elapsed_days == 153, "a leap year: 366 days, 1 June is day 153");
	tap_ok(tr_target_progress(D(2026, 1, 1), D(2026, 1, 1), M(5), M(5), D(2026, 1, 1), &p) == 0 &&
	    p.period_days == 1 && p.forecast == M(5), "a one-day period: forecast = actual on the day");

	tap_is_long(tr_target_progress(e, s, M(1), 0, s, &p), -1, "an end before the start is refused");
	tap_is_long(tr_target_progress(s, e, 0, 0, s, &p), -1, "an amount of 0 is refused");
	tap_is_long(tr_target_progress(s, e, M(1), INT64_MAX / 2, s, &p), -1,
	    "a forecast that would overflow is refused");
}

static void test_default_end(void)
{
	tap_is_long(tr_default_end(D(2026, 1, 1), 12), D(2026, 12, 31), "from 2026-01-01: to 2026-12-31");
	tap_is_long(tr_default_end(D(2026, 7, 15), 12), D(2027, 7, 14), "from 2026-07-15: to 2027-07-14");
	tap_is_long(tr_default_end(D(2024, 3, 1), 12), D(2025, 2, 28), "from 2024-03-01: to 2025-02-28");
	tap_is_long(tr_default_end(D(2024, 2, 29), 12), D(2025, 2, 28),
	    "from 2024-02-29: to 2025-02-28 (clamped)");
	tap_is_long(tr_default_end(D(2024, 1, 31), 1), D(2024, 2, 29), "1 month from 2024-01-31: 2024-02-29");
	tap_is_long(tr_default_end(D(2031, 3, 1), 12), D(2032, 2, 29), "from 2031-03-01: to 2032-02-29 (leap)");
	tap_is_long(tr_default_end(D(2026, 1, 31), 1), D(2026, 2, 28), "1 month from 2026-01-31: 2026-02-28");
	tap_is_long(tr_default_end(D(2026, 12, 1), 1), D(2026, 12, 31), "1 month from 2026-12-01: 2026-12-31");
}

static void test_choose(void)
{
	int64_t s[] = { D(2025, 1, 1), D(2026, 1, 1), D(2027, 1, 1), D(2026, 6, 1) };
	int64_t e[] = { D(2025, 12, 31), D(2026, 12, 31), D(2027, 12, 31), D(2026, 8, 31) };
	long long id[] = { 1, 2, 3, 4 };
	int64_t s2[] = { D(2026, 1, 1), D(2026, 1, 1) }, e2[] = { D(2026, 12, 31), D(2026, 12, 31) };
	long long id2[] = { 7, 5 };

	tap_is_long(tr_target_choose(s, e, id, 4, D(2026, 7, 1)), 3,
	    "two periods hold 2026-07-01: the one starting later (Jun-Aug)");
	tap_is_long(tr_target_choose(s, e, id, 4, D(2026, 5, 1)), 1, "only 2026 holds 2026-05-01");
	tap_is_long(tr_target_choose(s, e, id, 4, D(2026, 12, 31)), 1, "the last day of 2026: 2026");
	tap_is_long(tr_target_choose(s, e, id, 4, D(2024, 6, 1)), 0, "before all: the next one (2025)");
	tap_is_long(tr_target_choose(s, e, id, 4, D(2028, 1, 1)), 2, "after all: the one that ended last");
	tap_is_long(tr_target_choose(s, e, id, 0, D(2026, 1, 1)), -1, "no targets: none");
	tap_is_long(tr_target_choose(s2, e2, id2, 2, D(2026, 2, 1)), 1, "the same period twice: smaller id");
}

static void test_slices(void)
{
	int64_t b[25];

	tr_month_bounds(D(2026, 3, 31), b);
	tap_ok(b[24] == D(2026, 3, 31) && b[23] == D(2026, 2, 28) && b[12] == D(2025, 3, 31) &&
	    b[0] == D(2024, 3, 31), "T = 2026-03-31: month ends, Feb clamped to the 28th");
	tap_is_long(tr_month_slice(b, D(2026, 3, 1)), 23, "1 March 2026 in the last slice");
	tap_is_long(tr_month_slice(b, D(2026, 2, 28)), 22, "28 Feb 2026 in the slice before");
	tap_is_long(tr_month_slice(b, D(2025, 4, 1)), 12, "1 April 2025: C's first slice");
	tap_is_long(tr_month_slice(b, D(2025, 3, 31)), 11, "31 March 2025: Q's last slice");
	tap_is_long(tr_month_slice(b, D(2024, 4, 1)), 0, "1 April 2024: Q's first slice");
	tap_is_long(tr_month_slice(b, D(2024, 3, 31)), -1, "T - 24 months itself is outside");
	tap_is_long(tr_month_slice(b, D(2026, 4, 1)), -1, "after T is outside");
	tr_month_bounds(D(2026, 11, 23), b);
	tap_ok(b[13] == D(2025, 12, 23) && b[12] == D(2025, 11, 23), "T = 23 Nov: slices end on the 23rd");
}

int main(void)
{
	test_edges();
	test_default_end();
	test_choose();
	test_slices();
	return tap_done();
}
