/*
 * insights.h - the insights module's API for the other modules: the
 * customer-base dashboard's figures are computed by the insights.refresh
 * job (modules/insights), on its schedule (insights_per_day) and after
 * each classification run.
 */
#ifndef SALIENT_INSIGHTS_H
#define SALIENT_INSIGHTS_H

#include <stdint.h>

struct sl_db;

/*
 * Queues insights.refresh as of day as_of (days since 1970) unless one is
 * already waiting.  Returns the job's id, or -1 (logged).
 */
long long sl_insights_queue(struct sl_db *db, int64_t as_of);

#endif
