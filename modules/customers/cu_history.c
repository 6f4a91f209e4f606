/*
 * cu_history.c - revenue per month and risk at each month's end (see
 * cu_history.h).
 */
#include "salient/contract.h"
#include "cu_history.h"

int cu_risk_at(const int64_t *days, size_t n, int64_t t, double *out)
{
	int64_t first = 0, last = 0, prev = INT64_MIN, distinct = 0;
	double gap;
	size_t i;

	for (i = 0; i < n && days[i] <= t; i++) {
		if (days[i] == prev)
			continue;
		if (distinct++ == 0)
			first = days[i];
		last = prev = days[i];
	}
	if (distinct < 2 || last == first)
		return 0;
	/* as metrics.c's risk_at(), operation for operation */
	gap = (double)(last - first) / (double)(distinct - 1);
	*out = 100.0 * (double)(t - last) / gap;
	return 1;
}

static int month_last_day(int y, int m)
{
	return (int)(dc_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    dc_days_from_civil(y, m, 1));
}

int cu_history(const int64_t *days, const int64_t *values, size_t n, int64_t as_of,
    int months, struct cu_month *out)
{
	int y, m, d, k, i;
	size_t j = 0;

	if (months < 1 || months > CU_HISTORY_MAX)
		return -1;
	for (j = 1; j < n; j++)
		if (days[j] < days[j - 1])
			return -1;
	dc_civil_from_days(as_of, &y, &m, &d);
	k = y * 12 + (m - 1) - (months - 1);
	for (i = 0; i < months; i++, k++) {
		struct cu_month *o = &out[i];

		o->year = k / 12;
		o->month = k % 12 + 1;
		o->end = i == months - 1 ? as_of :
		    dc_days_from_civil(o->year, o->month, month_last_day(o->year, o->month));
		o->revenue = 0;
		o->orders = 0;
		o->risk_def = cu_risk_at(days, n, o->end, &o->risk);
		if (!o->risk_def)
			o->risk = 0;
	}
	/* sum the orders of each month: one pass, both lists in day order */
	for (j = 0, i = 0; j < n && days[j] <= as_of; j++) {
		int64_t from;

		while (i < months && days[j] > out[i].end)
			i++;
		if (i == months)
			break;
		from = dc_days_from_civil(out[i].year, out[i].month, 1);
		if (days[j] < from)
			continue;      /* before the first month shown */
		out[i].revenue += values[j];
		out[i].orders++;
	}
	return 0;
}
