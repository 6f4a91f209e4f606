/*
 * shell_int.h - the shell module's handlers and job (private to modules/shell/).
 */
#ifndef SALIENT_SHELL_INT_H
#define SALIENT_SHELL_INT_H

#include "salient/salient.h"

/* GET /admin/ (dashboard.c) */
int shell_dashboard(struct sl_req *req, struct sl_resp *resp);

/* stats.c: the shell.stats job (the dashboard's figures of the whole data set) */
int shell_job_stats(struct sl_job *job);
/*
 * Queues shell.stats unless one is waiting to start; after_import delays it
 * by ten times the last run's length (at most ten minutes).  The job's id,
 * or -1.
 */
long long shell_stats_queue(struct sl_db *db, int after_import);
/* struct sl_module's data_imported: shell_stats_queue(db, 1) */
void shell_data_imported(struct sl_db *db);

#endif
