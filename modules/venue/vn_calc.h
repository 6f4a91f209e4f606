/*
 * vn_calc.h - the venue module's pure computation (DESIGN.md section 5,
 * "Behavioural segments" and "Sales trajectory"): no FastCGI or MariaDB
 * header, so tests/unit/test_venue_calc.c calls it directly.
 *
 * Days are days since 1970-01-01; times are seconds since 1970-01-01 UTC.
 */
#ifndef VENUE_VN_CALC_H
#define VENUE_VN_CALC_H

#include <stddef.h>
#include <stdint.h>

/* The behavioural segments; the numbers are stored (sql/060_venue.sql). */
enum vn_segment {
	VN_SEG_NONE = 0,	/* not a booking */
	VN_NOT_CUSTOMER,
	VN_FIRST_TIMER,
	VN_CONVERTEE,
	VN_ACTIVE,
	VN_SUPER_ACTIVE,
	VN_STALE,
	VN_LAPSED,
	VN_NSEG
};

/* The segments' names, index enum vn_segment ("" for VN_SEG_NONE), and the
 * same from 1 on, NULL-ended (an SL_IN_ENUM's choices). */
extern const char *const vn_segment_names[VN_NSEG];
extern const char *const vn_segment_choices[VN_NSEG];
/* The segment by name, or VN_SEG_NONE. */
int vn_segment_by_name(const char *name);

/* The windows (settings venue_stale_months, venue_lapsed_months,
 * venue_super_active_above). */
struct vn_windows {
	int stale_months;	/* 18: the last event this long ago or more: stale */
	int lapsed_months;	/* 36: longer ago than this: lapsed */
	int super_above;	/* 10: more events than this: super active */
};

/*
 * The calendar day `months` months before day, the day of the month kept
 * and clamped to the month's last day (2024-03-31 less 1 = 2024-02-29).
 */
int64_t vn_months_before(int64_t day, int months);

/*
 * The segment of a booking on booking_day by a booker who had attended
 * nevents distinct events before it, the last of them on last_day:
 * none -> not a customer; last_day before booking_day less lapsed_months
 * -> lapsed; on or before booking_day less stale_months -> stale; else
 * 1 first timer, 2 convertee, 3 .. super_above active, more super active.
 */
enum vn_segment vn_segment_of(long nevents, int64_t last_day, int64_t booking_day,
    const struct vn_windows *w);

/* One booking of a booker: the order's time and local date. */
struct vn_booking {
	int64_t at;		/* seconds, UTC */
	int64_t day;		/* the order's local date */
};

/*
 * The segments of one booker's bookings: starts[] the distinct events the
 * booker holds paid tickets for, their start times ascending (seconds,
 * UTC); b[] the bookings, by time ascending.  An event counts as attended
 * before a booking when it started before the booking's time; its day is
 * its start's UTC date.  seg[i] and nbefore[i] (may be NULL) get booking
 * i's segment and count.  Allocation-free.
 */
void vn_segment_bookings(const int64_t *starts, size_t nstarts, const struct vn_booking *b,
    size_t nb, const struct vn_windows *w, uint8_t *seg, uint32_t *nbefore);

/* ---- the trajectory curve ---- */

/* Offsets are days before the first performance (negative: after it). */
#define VN_LEAD_MAX 730		/* the earliest offset a curve holds */
#define VN_RUN_MAX 400		/* the latest offset after the first performance */
#define VN_SPAN (VN_LEAD_MAX + VN_RUN_MAX + 1)

/* A curve c(t) in [0, 1], v[i] at offset t = VN_LEAD_MAX - i; before
 * VN_LEAD_MAX it is v[0], after -VN_RUN_MAX v[VN_SPAN - 1]. */
struct vn_curve {
	double v[VN_SPAN];
};

/* c(t) of curve at offset t (clamped to the span). */
double vn_curve_at(const struct vn_curve *c, long t);

/*
 * The normalised cumulative curve of one finished production: amount[k]
 * sold at offset off[k] (k < n, any order, offsets clamped to the span):
 * c(t) = amount sold at offsets >= t / all of it.  Returns 0, or -1 when
 * nothing was sold (curve untouched).
 */
int vn_curve_of(const long *off, const double *amount, size_t n, struct vn_curve *out);

/* out = the mean of the n curves (n >= 1); 0, or -1 when n is 0. */
int vn_curve_mean(const struct vn_curve *curves, size_t n, struct vn_curve *out);

/*
 * The linear curve from on-sale to the first performance: lead = days from
 * on-sale to the first performance; c(t) = (lead - t) / lead for
 * 0 <= t <= lead, 0 before, 1 from the first performance on (lead <= 0:
 * 1 everywhere from offset lead on).
 */
void vn_curve_linear(long lead, struct vn_curve *out);

/* forecast of the final figure: actual / c, or -1 when c is not > 0. */
double vn_forecast(double actual, double c);

#endif
