/*
 * in_calc.h - private to modules/insights: the series of the customer-base
 * dashboard (DESIGN.md section 5 "Dashboard of the customer base"), in one
 * pass over every customer's paid orders.  Pure computation: no FastCGI or
 * MariaDB header, so the unit test feeds it hand-computed fixtures.
 *
 * The analysis period A = (T - P months, T] (the classification run's
 * timeframe, so the last month's RFM is the run's).  Its months are the P
 * calendar months ending with T's: month k runs from its first day to its
 * last (T for the last month).  Segments: 0 all, 1 + enum cl_smart.
 *
 * Ownership: in_calc_init() allocates nothing; in_calc_customer() grows
 * the dynamics' lists; in_calc_free() releases them.
 */
#ifndef IN_CALC_H
#define IN_CALC_H

#include <stddef.h>
#include <stdint.h>

#define IN_MAX_MONTHS 24
#define IN_NSEG 4          /* all, retail, trade, distributor */

struct in_period {
	int64_t t;                         /* the as-of day */
	int months;                        /* P */
	int64_t from;                      /* T - P months (exclusive) */
	int64_t mfirst[IN_MAX_MONTHS];     /* month k's first day */
	int64_t mend[IN_MAX_MONTHS];       /* month k's last day (T for the last) */
	int64_t wfrom[IN_MAX_MONTHS];      /* mend[k] - P months: the RFM window (wfrom, mend] */
	char label[IN_MAX_MONTHS][12];     /* "YYYY-MM" */
};

/* Each series per segment; money in ten-thousandths. */
struct in_series {
	/* quality: customers whose last paid order is in A, by whole months since it */
	long long quality[IN_NSEG][IN_MAX_MONTHS];
	/* repeat (2+ paid orders in A) against one-receipt customers */
	long long one_n[IN_NSEG], rep_n[IN_NSEG];
	int64_t one_rev[IN_NSEG], rep_rev[IN_NSEG];
	/* dynamics: RFM as of month k's last day over the P months ending there */
	long long scored[IN_NSEG][IN_MAX_MONTHS], best[IN_NSEG][IN_MAX_MONTHS],
	    lost[IN_NSEG][IN_MAX_MONTHS];
	/* share of repeat: buyers in month k, and those of them with 2+ paid orders up to its end */
	long long buyers[IN_NSEG][IN_MAX_MONTHS], repeaters[IN_NSEG][IN_MAX_MONTHS];
	/* sales by month: paid orders and their amount (all regular until
	 * campaigns send: assisted needs sends and clicks) */
	long long orders[IN_NSEG][IN_MAX_MONTHS];
	int64_t amount[IN_NSEG][IN_MAX_MONTHS];
};

/* One customer's values in one month's RFM window. */
struct in_dyn_row {
	int64_t revenue;
	int32_t last;
	uint32_t orders;
};

struct in_dyn {
	struct in_dyn_row *v;
	unsigned char *seg;
	size_t n, cap;
};

struct in_calc {
	struct in_period p;
	struct in_series s;
	struct in_dyn dyn[IN_MAX_MONTHS];
};

/* The period of as-of day t and P months (1 to IN_MAX_MONTHS). */
void in_period_init(struct in_period *p, int64_t t, int months);
/* Whole months from day `last` to t (last <= t): the largest k with t - k months >= last. */
int in_whole_months(int64_t last, int64_t t);

void in_calc_init(struct in_calc *c, int64_t t, int months);
/*
 * One customer of segment seg (1 + enum cl_smart): its paid orders on or
 * before T, day[i] in non-decreasing order with value[i].  0, or -1 out of
 * memory.
 */
int in_calc_customer(struct in_calc *c, int seg, const int64_t *day, const int64_t *value,
    size_t n);
/* The dynamics' RFM scores, month by month (salient/rfm.h); 0 or -1. */
int in_calc_finish(struct in_calc *c);
void in_calc_free(struct in_calc *c);

#endif
