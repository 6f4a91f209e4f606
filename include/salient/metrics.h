/*
 * metrics.h - the numbers of a classification run, exactly as DESIGN.md
 * section 5 defines them.  Pure computation: no FastCGI or MariaDB header,
 * so tests call it directly with hand-computed fixtures.
 *
 * Days are day numbers (days since 1970-01-01, as dc_days_from_civil()).
 * Money is int64 ten-thousandths (DECIMAL(14,4) without the point), so sums
 * are exact to the cent and beyond.
 */
#ifndef SALIENT_CLASSIFY_METRICS_H
#define SALIENT_CLASSIFY_METRICS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The periods of a run at as-of day t with a timeframe of `months`:
 * current C = (c_from, t], previous Q = (q_from, c_from].  c_from is the
 * same day of the month `months` calendar months before t, clamped to that
 * month's last day (t = 2024-03-31, 1 month: c_from = 2024-02-29).
 */
struct cl_periods {
	int64_t t;
	int64_t c_from;
	int64_t q_from;
};

void cl_periods(int64_t t, int months, struct cl_periods *p);

/* The day `months` calendar months before day, clamped to the month's end. */
int64_t cl_months_before(int64_t day, int months);

/*
 * One customer's metrics.  Fed the customer's paid orders in day order with
 * cl_acc_order(), then finished with cl_acc_finish().  The *_def flags say
 * whether a metric is defined (DESIGN.md: undefined is not zero).
 */
struct cl_acc {
	/* inputs accumulated */
	int64_t revenue_cur, revenue_prev;   /* ten-thousandths */
	int64_t orders_cur, orders_prev;
	/* distinct order days on or before t and on or before c_from */
	int64_t n_t, first_t, last_t;
	int64_t n_p, first_p, last_p;
	int64_t prev_day;                    /* last day seen, for "distinct" */
	/* results */
	double risk, risk_prev, risk_change, revenue_change;
	int risk_def, risk_prev_def, risk_change_def, revenue_change_def;
};

void cl_acc_reset(struct cl_acc *a);
/*
 * Adds one paid order of `value` on `day` (non-decreasing days per
 * customer).  Orders after p->t are ignored.
 */
void cl_acc_order(struct cl_acc *a, const struct cl_periods *p, int64_t day, int64_t value);
void cl_acc_finish(struct cl_acc *a, const struct cl_periods *p);

/*
 * Revenue rank and share over one population (the customers of one smart
 * type, or all, with revenue_cur > 0).  revenue[i] > 0 for every i; ids[i]
 * the host customer ids, for ties in byte order.  Writes rank_metric[i] =
 * 100 * r / N with r = 1 + number with strictly greater revenue, and
 * share_metric[i] = 100 * (revenue of the customers before i in the order
 * revenue desc, id asc) / total.  order[] is scratch space of n entries.
 * Returns 0, or -1 when n is 0 or the total would overflow.
 */
int cl_rank_share(const int64_t *revenue, const char *const *ids, size_t n,
    size_t *order, double *rank_metric, double *share_metric);

/*
 * Tiers of one classification type and smart type, in position order, with
 * their values v[0..n-1].  Returns the index k of the tier that holds x:
 * (v[k-1], v[k]], the first tier from `floor` inclusive (0, or -100 for the
 * change types); -1 when x is below the floor or above the last value.
 * An open-ended last tier ("and above": its value is NULL in the database)
 * has the bound INFINITY, so it holds every x above the tier before it.
 */
int cl_tier(const double *v, size_t n, double floor, double x);

/*
 * The customer metrics the modules show, in one table: the column and API
 * name, the unit (how a page formats the number and how the customer CSV
 * writes it), the decimals a page shows and, for the metrics that
 * classification tiers divide (cl_type_names of salient/classify.h), the
 * range of a tier's value.  A metric's label is the catalog's
 * "metric.NAME", its help "metric.NAME.help" where there is one.
 */
enum cl_unit {
	CL_UNIT_MONEY,        /* ten-thousandths, DECIMAL(14,4) */
	CL_UNIT_COUNT,        /* a whole number */
	CL_UNIT_PERCENT,      /* a percentage */
	CL_UNIT_PROBABILITY,  /* 0 to 1, shown as a percentage */
	CL_UNIT_NUMBER,       /* an expectation: a fractional count */
	CL_UNIT_CELL,         /* an RFM cell, 100 R + 10 F + M (salient/rfm.h) */
};

struct cl_metric {
	const char *name;
	enum cl_unit unit;
	int places;           /* decimals a page shows */
	int tiers;            /* a classification type */
	double floor, max;    /* a tier value's range; max 1e9: no ceiling */
};

/* Every metric, ended by an entry with name NULL. */
extern const struct cl_metric cl_metrics[];

/* The metric called name, or NULL. */
const struct cl_metric *cl_metric(const char *name);

#endif
