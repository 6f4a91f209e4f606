/*
 * in_int.h - private to modules/insights: the refresh (in_job.c) and the
 * answers that read its figures (in_api.c).
 */
#ifndef IN_INT_H
#define IN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "in_calc.h"

struct sl_db;
struct sl_job;

/* The segments by index (0 all, 1 + enum cl_smart), NULL-terminated. */
extern const char *const in_segments[IN_NSEG + 1];

struct in_run_stats {
	long long customers, orders;
	int months;
	double read_s, scan_s, seconds;
};

/*
 * Computes the dashboard's series as of day as_of over the classification
 * timeframe and stores them (insights_points, insights_runs).  job may be
 * NULL (command line); it gets progress and is polled for a shutdown.
 * 0, or -1 with the reason in err.
 */
int in_refresh(struct sl_db *db, int64_t as_of, struct sl_job *job, struct in_run_stats *st,
    char *err, size_t errlen);

#endif
