/*
 * pcalc.h - sales of a service type (a category with its subcategories, or
 * one product) by period, exactly as DESIGN.md section 5 "Sales by period"
 * defines them.  Pure computation: no FastCGI or MariaDB header, so tests
 * call it directly with hand-computed fixtures.
 *
 * Days are day numbers (days since 1970-01-01, dc_days_from_civil()); money
 * is int64 ten-thousandths.  The input is the scope's order lines of paid
 * orders (one struct pc_line per line; refunded and cancelled orders are
 * never given), in any order.
 *
 * Periods.  The range [from, to] (inclusive days) is cut by calendar months
 * or ISO 8601 weeks (Monday to Sunday, week 1 holds the year's first
 * Thursday; its year is the ISO year, so 2026-12-31 is in 2026-W53 and
 * 2027-01-01 in 2026-W53 too).  A period the range cuts is partial: it
 * holds the days of the range only.  Period 0 of a result is the whole
 * calendar period before the range's first ("lead"): it is read only so
 * that the first period has a previous one (dips, churn).
 *
 * Per period: orders = distinct paid orders with a line of the scope,
 * units = their lines' quantities, revenue = their lines' values, clients
 * = distinct customers.  The same figures for the same period a year
 * earlier: the same month of the previous year (a month's last day maps to
 * the last day of that month, 2025-02-28 to 2024-02-29 when the range ends
 * there), or the same ISO week number of the previous ISO year (none when
 * that year has no week 53), cut the same way as the period.
 *
 * Dips.  A period is a dip when its revenue is more than X % below the
 * previous period's (revenue * 100 < prev * (100 - X), prev > 0), or more
 * than X % below the year-earlier figure.  A partial period, or one whose
 * previous period is partial, is compared with its year earlier only
 * (comparing 10 days of a month with a whole month says nothing).
 *
 * Churn.  A churned client of period p bought in p - 1 but not in p; their
 * revenue in p - 1 is the revenue lost to churn; clients to win back =
 * that revenue / the mean revenue per client of p - 1, rounded up to a
 * whole client (0 when nobody churned).
 *
 * Per client (the range only): purchases = distinct orders, revenue, first
 * and last purchase day, mean gap = (last - first) / (distinct purchase
 * days - 1) days when they bought on two days or more, next expected =
 * last + mean gap (rounded to the nearest day), overdue when next expected
 * is before the as-of day.
 */
#ifndef SALIENT_PERIOD_PCALC_H
#define SALIENT_PERIOD_PCALC_H

#include <stddef.h>
#include <stdint.h>

enum pc_step { PC_MONTH = 0, PC_WEEK = 1 };

/* The longest range: ten years (and so at most 523 weekly periods). */
#define PC_MAX_DAYS 3660

/* One order line of the scope. */
struct pc_line {
	uint32_t customer;    /* internal customer id */
	uint32_t order;       /* internal order id */
	int32_t day;          /* the order's day */
	int64_t units;        /* quantity */
	int64_t value;        /* the line's value, ten-thousandths */
};

struct pc_fig {
	int64_t orders, units, revenue, clients;
};

struct pc_period {
	int32_t from, to;         /* its days in the range (lead: the whole period) */
	int32_t ye_from, ye_to;   /* a year earlier; has_ye 0 when there is none */
	int year, num;            /* month: year and 1..12; week: ISO year and 1..53 */
	int partial, has_ye;
	struct pc_fig cur, ye;
	/* against the previous period (not for the lead) */
	int cmp_prev;             /* 1 when compared with the previous period */
	int dip_prev, dip_ye, dip;
	double pct_prev, pct_ye;  /* % below (negative: above); 0 when not compared */
	int64_t churned, churned_revenue, win_back;
	size_t churn_at, nchurn;  /* its entries in pc_result.churn */
};

struct pc_churn {
	uint32_t period;          /* its period's index */
	uint32_t customer;
	int64_t revenue;          /* in the previous period */
};

struct pc_client {
	uint32_t customer;
	int64_t purchases, units, revenue;
	int32_t first, last, ndays;
	int has_gap, overdue;
	double gap;               /* mean days between purchases (has_gap) */
	int32_t next;             /* next expected (has_gap) */
};

struct pc_result {
	enum pc_step step;
	int32_t from, to, as_of;
	int dip_pct;
	struct pc_period *periods;   /* nperiods + 1: [0] is the lead period */
	size_t nperiods;
	struct pc_churn *churn;      /* by period, then revenue descending, customer */
	size_t nchurn;
	struct pc_client *clients;   /* by customer id */
	size_t nclients;
	struct pc_fig total;         /* the range's figures (clients distinct) */
};

/* ISO 8601 week of day: *year the ISO year, *week 1..53. */
void pc_iso_week(int32_t day, int *year, int *week);
/* The Monday of ISO week (year, week), week 1..53 (not checked). */
int32_t pc_iso_monday(int year, int week);
/* The number of ISO weeks of year (52 or 53). */
int pc_iso_weeks(int year);

/*
 * The days a computation of [from, to] reads: *lo (the lead period's or
 * the first year-earlier window's first day, whichever is earlier) to to.
 * Returns 0, or -1 when from > to or the range is longer than PC_MAX_DAYS.
 */
int pc_window(int32_t from, int32_t to, enum pc_step step, int32_t *lo, int32_t *hi);

/*
 * Computes the result of the lines (sorted in place by customer, day and
 * order) for [from, to] cut by step, dips over dip_pct (1..99) %, overdue
 * against as_of.  Lines outside pc_window()'s days are ignored.  Returns 0,
 * or -1 (bad range or out of memory; *r then holds nothing to free).  Free
 * with pc_result_free().
 */
int pc_compute(struct pc_line *lines, size_t n, int32_t from, int32_t to, enum pc_step step,
    int dip_pct, int32_t as_of, struct pc_result *r);
void pc_result_free(struct pc_result *r);

/* A period's label: "2026-09" or "2026-W37".  Returns buf. */
char *pc_label(const struct pc_period *p, enum pc_step step, char *buf, size_t len);

#endif
