/*
 * jobs.h - the job runner behind `salient worker`.
 */
#ifndef SALIENT_JOBS_H
#define SALIENT_JOBS_H

#include <stddef.h>
#include <time.h>

struct sl_config;

/*
 * Claims and runs jobs until SIGTERM/SIGINT (or, with once, until the queue
 * has nothing due).  Also enqueues the scheduled jobs each minute (the
 * config's [schedule] entries and the modules' struct sl_schedule tables)
 * and requeues jobs whose worker stopped sending heartbeats.  at, when not
 * 0, is the time the schedules are checked for instead of the clock's (with
 * once: `salient worker --once --at`, to queue a run a stopped worker
 * missed, and for tests).  Returns the exit status.
 */
int jobs_worker(const struct sl_config *conf, int once, time_t at);

/* 1 when a module runs jobs of this kind. */
int jobs_kind_known(const char *kind);
/* The kinds the modules run, "a, b, c", into buf (len bytes, cut after the
 * last kind that fits); returns buf.  The refusal of an unknown kind
 * (core.err.job_kind) names them, on the API and the command line. */
const char *jobs_kind_list(char *buf, size_t len);

#endif
