/*
 * test_venue_calc.c - the behavioural segment of a booking at every
 * boundary of its windows, and the trajectory curve's alignment,
 * averaging, linear fallback and forecast (modules/venue/vn_calc.h,
 * DESIGN.md section 5); every expected value is computed by hand.
 */
#include <math.h>

#include "salient/contract.h"
#include "tap.h"
#include "vn_calc.h"

#define D(y, m, d) dc_days_from_civil(y, m, d)

static const struct vn_windows W = { 18, 36, 10 };

static void is_day(int64_t got, int64_t want, const char *name)
{
	int y, m, d;

	if (!tap_ok(got == want, "%s", name)) {
		dc_civil_from_days(got, &y, &m, &d);
		tap_diag("got %04d-%02d-%02d", y, m, d);
	}
}

static void test_months(void)
{
	is_day(vn_months_before(D(2024, 3, 31), 1), D(2024, 2, 29), "2024-03-31 less 1 month: 2024-02-29");
	is_day(vn_months_before(D(2025, 3, 31), 1), D(2025, 2, 28), "2025-03-31 less 1 month: 2025-02-28");
	is_day(vn_months_before(D(2026, 3, 31), 18), D(2024, 9, 30), "2026-03-31 less 18: 2024-09-30");
	is_day(vn_months_before(D(2026, 3, 31), 36), D(2023, 3, 31), "2026-03-31 less 36: 2023-03-31");
	is_day(vn_months_before(D(2026, 1, 15), 13), D(2024, 12, 15), "across a year: 2024-12-15");
}

static void test_segment(void)
{
	int64_t b = D(2026, 3, 31);
	struct vn_windows w2 = { 6, 12, 4 };

	tap_ok(vn_segment_of(0, 0, b, &W) == VN_NOT_CUSTOMER, "no event before: not a customer");
	/* the lapsed window: 36 months before is 2023-03-31 */
	tap_ok(vn_segment_of(5, D(2023, 3, 30), b, &W) == VN_LAPSED,
	    "last event a day more than 36 months before: lapsed");
	tap_ok(vn_segment_of(5, D(2023, 3, 31), b, &W) == VN_STALE,
	    "last event exactly 36 months before: stale");
	tap_ok(vn_segment_of(1, D(2020, 1, 1), b, &W) == VN_LAPSED, "one event long ago: lapsed");
	/* the stale window: 18 months before is 2024-09-30 */
	tap_ok(vn_segment_of(5, D(2024, 9, 30), b, &W) == VN_STALE,
	    "last event exactly 18 months before: stale");
	tap_ok(vn_segment_of(5, D(2024, 10, 1), b, &W) == VN_ACTIVE,
	    "last event a day less than 18 months before: by count (active)");
	tap_ok(vn_segment_of(30, D(2024, 9, 30), b, &W) == VN_STALE,
	    "many events, last 18 months before: stale, not super active");
	/* the counts, the last event recent */
	tap_ok(vn_segment_of(1, D(2026, 3, 30), b, &W) == VN_FIRST_TIMER, "1 event: first timer");
	tap_ok(vn_segment_of(2, D(2026, 3, 30), b, &W) == VN_CONVERTEE, "2 events: convertee");
	tap_ok(vn_segment_of(3, D(2026, 3, 30), b, &W) == VN_ACTIVE, "3 events: active");
	tap_ok(vn_segment_of(10, D(2026, 3, 30), b, &W) == VN_ACTIVE, "10 events: active");
	tap_ok(vn_segment_of(11, D(2026, 3, 30), b, &W) == VN_SUPER_ACTIVE, "11 events: super active");
	tap_ok(vn_segment_of(1, b, b, &W) == VN_FIRST_TIMER, "an event on the booking's day: recent");
	/* other windows (settings) */
	tap_ok(vn_segment_of(5, D(2025, 9, 30), b, &w2) == VN_STALE, "stale at 6 months");
	tap_ok(vn_segment_of(5, D(2025, 10, 1), b, &w2) == VN_SUPER_ACTIVE,
	    "5 events above 4, recent: super active");
	tap_ok(vn_segment_of(4, D(2025, 10, 1), b, &w2) == VN_ACTIVE, "4 events, not above 4: active");
	tap_ok(vn_segment_of(5, D(2025, 3, 30), b, &w2) == VN_LAPSED, "lapsed at 12 months");
	tap_ok(vn_segment_of(5, D(2025, 3, 31), b, &w2) == VN_STALE, "exactly 12 months: stale");
	tap_ok(vn_segment_by_name("super_active") == VN_SUPER_ACTIVE && vn_segment_by_name("x") == 0 &&
	    vn_segment_by_name("") == 0, "segments by name");
}

static void test_bookings(void)
{
	/* events at 2026-01-10 19:30 and 2026-02-01 15:00 UTC */
	int64_t e1 = D(2026, 1, 10) * 86400 + 19 * 3600 + 1800, e2 = D(2026, 2, 1) * 86400 + 15 * 3600;
	int64_t starts[] = { e1, e2 };
	struct vn_booking b[] = {
		{ D(2026, 1, 1) * 86400, D(2026, 1, 1) },	/* before both */
		{ e1, D(2026, 1, 10) },			/* at the start: not attended yet */
		{ e1 + 1, D(2026, 1, 10) },		/* a second later: 1 */
		{ e2 + 3600, D(2026, 2, 1) },		/* both */
	};
	uint8_t seg[4];
	uint32_t n[4];

	vn_segment_bookings(starts, 2, b, 4, &W, seg, n);
	tap_ok(seg[0] == VN_NOT_CUSTOMER && n[0] == 0, "booking before any event: not a customer");
	tap_ok(seg[1] == VN_NOT_CUSTOMER && n[1] == 0, "booking at an event's start: not attended");
	tap_ok(seg[2] == VN_FIRST_TIMER && n[2] == 1, "a second after the start: first timer");
	tap_ok(seg[3] == VN_CONVERTEE && n[3] == 2, "after both: convertee");
	/* the last event's day is its UTC date: 23:30 on the stale boundary */
	{
		int64_t late = D(2024, 9, 30) * 86400 + 23 * 3600 + 1800;
		struct vn_booking bk = { D(2026, 3, 31) * 86400 + 10 * 3600, D(2026, 3, 31) };

		vn_segment_bookings(&late, 1, &bk, 1, &W, seg, NULL);
		tap_ok(seg[0] == VN_STALE, "an evening event exactly 18 months before: stale");
	}
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

static void test_curve(void)
{
	static struct vn_curve a, b, mean, lin, cs[2];
	long ao[] = { 10, 5, 0 }, bo[] = { 20, -2 }, co[] = { 800, -500 };
	double aa[] = { 10, 30, 60 }, ba[] = { 50, 50 }, ca[] = { 1, 3 };

	tap_ok(vn_curve_of(ao, aa, 3, &a) == 0, "curve of A");
	tap_ok(near(vn_curve_at(&a, 11), 0) && near(vn_curve_at(&a, 10), 0.1) &&
	    near(vn_curve_at(&a, 7), 0.1) && near(vn_curve_at(&a, 5), 0.4) &&
	    near(vn_curve_at(&a, 1), 0.4) && near(vn_curve_at(&a, 0), 1) &&
	    near(vn_curve_at(&a, -50), 1), "A: 0, 0.1 from 10 days before, 0.4 from 5, 1 from 0");
	tap_ok(vn_curve_of(bo, ba, 2, &b) == 0, "curve of B");
	tap_ok(near(vn_curve_at(&b, 20), 0.5) && near(vn_curve_at(&b, 0), 0.5) &&
	    near(vn_curve_at(&b, -1), 0.5) && near(vn_curve_at(&b, -2), 1),
	    "B: 0.5 from 20 days before, 1 two days after the first performance");
	cs[0] = a;
	cs[1] = b;
	tap_ok(vn_curve_mean(cs, 2, &mean) == 0, "mean of A and B");
	tap_ok(near(vn_curve_at(&mean, 21), 0), "mean at 21: 0");
	tap_ok(near(vn_curve_at(&mean, 20), 0.25), "mean at 20: (0 + 0.5) / 2");
	tap_ok(near(vn_curve_at(&mean, 10), 0.3), "mean at 10: (0.1 + 0.5) / 2");
	tap_ok(near(vn_curve_at(&mean, 5), 0.45), "mean at 5: (0.4 + 0.5) / 2");
	tap_ok(near(vn_curve_at(&mean, 0), 0.75), "mean at 0: (1 + 0.5) / 2");
	tap_ok(near(vn_curve_at(&mean, -2), 1), "mean at -2: 1");
	tap_ok(near(1000 * vn_curve_at(&mean, 5), 450), "trajectory of 1000 at 5: 450");
	tap_ok(near(vn_forecast(90, vn_curve_at(&mean, 5)), 200), "forecast of 90 at 5: 200");
	tap_ok(vn_forecast(90, vn_curve_at(&mean, 30)) < 0, "no forecast where the curve is 0");
	tap_ok(vn_curve_mean(cs, 0, &mean) == -1, "mean of nothing: -1");
	tap_ok(vn_curve_of(ao, aa, 0, &a) == -1, "nothing sold: no curve");
	tap_ok(vn_curve_of(co, ca, 2, &a) == 0 && near(vn_curve_at(&a, VN_LEAD_MAX), 0.25) &&
	    near(vn_curve_at(&a, 900), 0.25) && near(vn_curve_at(&a, -VN_RUN_MAX), 1),
	    "offsets beyond the span are clamped to its ends");
	vn_curve_linear(4, &lin);
	tap_ok(near(vn_curve_at(&lin, 5), 0) && near(vn_curve_at(&lin, 4), 0) &&
	    near(vn_curve_at(&lin, 3), 0.25) && near(vn_curve_at(&lin, 1), 0.75) &&
	    near(vn_curve_at(&lin, 0), 1) && near(vn_curve_at(&lin, -3), 1),
	    "linear over 4 days: 0, 0.25, 0.5, 0.75, 1");
	vn_curve_linear(0, &lin);
	tap_ok(near(vn_curve_at(&lin, 1), 0) && near(vn_curve_at(&lin, 0), 1),
	    "on sale on the first performance's day: 0 before, 1 on it");
}

int main(void)
{
	test_months();
	test_segment();
	test_bookings();
	test_curve();
	return tap_done();
}
