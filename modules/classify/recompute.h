/*
 * recompute.h - a classification run over the database.
 */
#ifndef SALIENT_CLASSIFY_RECOMPUTE_H
#define SALIENT_CLASSIFY_RECOMPUTE_H

#include <stdint.h>

struct sl_db;
struct sl_job;

struct cl_run_stats {
	long long customers, orders, added, removed;
	int metrics_written;
	int timeframe;
	double seconds;
	int busy;            /* refused: another run holds the lock */
};

/*
 * Computes every customer's metrics as of day as_of (days since 1970; see
 * dc_days_from_civil) from the orders, read once and streamed, assigns the
 * classifications, writes the metrics (only when they differ from the last
 * run's) and the changes of classification with their history intervals.
 * job may be NULL (command line); it receives progress.  Returns 0, or -1
 * with the reason in err (and st->busy set when another run is under way).
 */
int cl_recompute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    struct cl_run_stats *st, char *err, size_t errlen);

#endif
