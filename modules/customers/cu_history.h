/*
 * cu_history.h - a customer's months for the customer record's chart:
 * paid revenue per calendar month, and the risk score at each month's end
 * by DESIGN.md section 5's risk(t).  Pure computation: no FastCGI or
 * MariaDB header.
 *
 * Days are day numbers (days since 1970-01-01, dc_days_from_civil());
 * money is int64 ten-thousandths.
 */
#ifndef SALIENT_CU_HISTORY_H
#define SALIENT_CU_HISTORY_H

#include <stddef.h>
#include <stdint.h>

/* The most months cu_history() fills. */
#define CU_HISTORY_MAX 60

struct cu_month {
	int year, month;          /* the calendar month */
	int64_t end;              /* the day its risk is taken: the month's last
	                             day, or as_of in as_of's own month */
	int64_t revenue;          /* paid revenue of the orders dated in
	                             [1st of the month, end] */
	long long orders;         /* how many */
	double risk;              /* risk(end), when risk_def */
	int risk_def;
};

/*
 * risk(t) = 100 * (t - l) / ((l - f) / (n - 1)) over the distinct days of
 * days[0..n-1] on or before t (n of them, first f, last l); days sorted in
 * non-decreasing order, repeats allowed.  Returns 1 with *out set when
 * n >= 2, else 0 (undefined).  The same arithmetic as the classification
 * run's risk score, so the record's last point equals the stored metric.
 */
int cu_risk_at(const int64_t *days, size_t n, int64_t t, double *out);

/*
 * The `months` calendar months ending with as_of's month (1 to
 * CU_HISTORY_MAX), oldest first, into out[0..months-1], from the
 * customer's paid orders: days[i] (non-decreasing) with values[i].  Orders
 * after as_of are left out.  Returns 0, or -1 when months is out of range
 * or the days are not sorted.
 */
int cu_history(const int64_t *days, const int64_t *values, size_t n, int64_t as_of,
    int months, struct cu_month *out);

#endif
