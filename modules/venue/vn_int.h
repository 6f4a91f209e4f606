/*
 * vn_int.h - private to modules/venue: the statement table (vn_sql.c), the
 * handlers and the job.
 */
#ifndef VENUE_VN_INT_H
#define VENUE_VN_INT_H

#include "salient/db.h"
#include "salient/salient.h"
#include "vn_calc.h"

/* rows per multi-row statement of the job */
#define VN_BATCH 500

enum vn_sql_id {
	VN_EVENTS,
	VN_TICKETS,
	VN_STORED,
	VN_SEG_PUT_500,
	VN_SEG_PUT_1,
	VN_SEG_DEL_500,
	VN_SEG_DEL_1,
	VN_DAYS_CLEAR,
	VN_DAYS_PUT_500,
	VN_DAYS_PUT_1,
	VN_RUN_PUT,
	VN_RUN_GET,
	VN_NSQL
};

extern const struct sl_sql vn_sql[VN_NSQL];
extern const char *const vn_tables[];

/* the venue.segments job (vn_job.c) and the hook that queues it */
int vn_job_segments(struct sl_job *job);
void vn_data_imported(struct sl_db *db);

/* The windows as the settings hold them now. */
void vn_windows_read(struct sl_db *db, struct vn_windows *w);

#endif
