/*
 * jobs.h - the job runner behind `salient worker`.
 */
#ifndef SALIENT_JOBS_H
#define SALIENT_JOBS_H

struct sl_config;

/*
 * Claims and runs jobs until SIGTERM/SIGINT (or, with once, until the queue
 * has nothing due).  Also enqueues the config's scheduled jobs each minute
 * and requeues jobs whose worker stopped sending heartbeats.  Returns the
 * exit status.
 */
int jobs_worker(const struct sl_config *conf, int once);

/* 1 when a module runs jobs of this kind. */
int jobs_kind_known(const char *kind);

#endif
