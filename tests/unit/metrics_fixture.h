/*
 * metrics_fixture.h - what the metric tests share (test_metrics.c,
 * test_classify_edges.c): dates as day numbers, money in the 4-decimal
 * fixed point, and one customer's orders fed through the accumulator.
 */
#ifndef SALIENT_TEST_METRICS_FIXTURE_H
#define SALIENT_TEST_METRICS_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "salient/contract.h"
#include "salient/metrics.h"

#define D(y, m, d) dc_days_from_civil(y, m, d)
#define MONEY(x) ((int64_t)((x) * 10000))

/* The accumulator a after the n orders (days[i], values[i]) over periods p. */
static void feed(struct cl_acc *a, const struct cl_periods *p, const int64_t *days,
    const double *values, size_t n)
{
	size_t i;

	cl_acc_reset(a);
	for (i = 0; i < n; i++)
		cl_acc_order(a, p, days[i], MONEY(values[i]));
	cl_acc_finish(a, p);
}

#endif
