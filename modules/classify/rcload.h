/*
 * rcload.h - the bulk loads of a classification run (recompute.c): the
 * rows of customer_metrics and classification_history generated from a computed result as LOAD DATA
 * text, loaded into fresh *_new tables (bulk.c) for recompute.c to swap in.
 * Private to modules/classify/.
 */
#ifndef SALIENT_CLASSIFY_RCLOAD_H
#define SALIENT_CLASSIFY_RCLOAD_H

#include <stddef.h>

#include "bulk.h"
#include "compute_int.h"

/* Where a generator is in the result. */
struct rc_gen {
	const struct cl_result *res;
	size_t id;                 /* next customer */
	char day[16];              /* the as-of date, "YYYY-MM-DD" */
	size_t daylen;
};

void rc_gen_init(struct rc_gen *g, const struct cl_result *res);

/* The tasks: customer_metrics_new; classification_history_new (every
 * classification held, open from the as-of date: a first run's table).
 * g must live until bl_run() returns. */
void rc_task_metrics(struct bl_task *t, struct rc_gen *g);
void rc_task_history(struct bl_task *t, struct rc_gen *g);

/* Writes customer id's metrics row as LOAD DATA text; returns its length
 * (at most BL_MAX_ROW).  Exposed for the unit test. */
size_t rc_metrics_row(const struct cl_result *res, size_t id, const char *day,
    size_t daylen, char *out);

#endif
