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
	VN_TICKET_LINES,
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
	/* targets (vn_targets.c) */
	VN_PROD_GET,
	VN_PROD_EVENTS,
	VN_TARGETS_GET,
	VN_TARGET_PUT,
	VN_FIRST_SALE,
	/* the dashboard (vn_series.c, vn_page.c, vn_comments.c) */
	VN_SEARCH,
	VN_EVENT_PROD,
	VN_PROD_SPAN,
	VN_SALES,
	VN_FINISHED,
	VN_CURVE_DAYS,
	VN_FILTER_GET,
	VN_FILTER_PUT,
	VN_COMMENTS,
	VN_COMMENT_PUT,
	VN_COMMENT_ID,
	VN_NSQL
};

extern const struct sl_sql vn_sql[VN_NSQL];
extern const char *const vn_tables[];

/* the venue.segments job (vn_job.c) and the hook that queues it */
int vn_job_segments(struct sl_job *job);
void vn_data_imported(struct sl_db *db);

/* The windows as the settings hold them now. */
void vn_windows_read(struct sl_db *db, struct vn_windows *w);

/* targets (vn_targets.c): the page and API, the form and PUT */
int vn_targets_page(struct sl_req *req, struct sl_resp *resp);
int vn_targets_save(struct sl_req *req, struct sl_resp *resp);
/* choices of the segment input: all, then the segments */
extern const char *const vn_target_segments[];
/* The production (id, host_id, name, genre) and its events into m; 1, 0
 * when there is no such production, -1 on failure. */
int vn_production_model(struct sl_db *db, long long id, struct json_object *m);

/* ---- the dashboard's figures (vn_series.c) ---- */

enum vn_measure { VN_REVENUE = 0, VN_TICKETS, VN_BOOKERS, VN_NMEASURE };

/* the longest run of days a dashboard shows */
#define VN_MAXDAYS VN_SPAN

struct vn_view {
	long long prod, ev;
	int64_t today, on_sale, first, last;	/* days */
	unsigned filter;			/* bit 1 << segment; 0 = every one */
	int has_target[VN_NMEASURE];
	double target[VN_NMEASURE];		/* after the filter's scaling */
	int has_seg_target[VN_NSEG];
	double seg_target[VN_NSEG];		/* bookers */
	double scale;				/* the filter's share of the targets */
	const char *source;			/* picked, genre, all or linear */
	struct json_object *compared;		/* [{id, name, genre}] */
	struct vn_curve curve[VN_NMEASURE];
	size_t ndays;				/* on_sale .. last */
	double actual[VN_NMEASURE][VN_MAXDAYS];	/* cumulative */
	long long seg_bookers[VN_NSEG];		/* as of today, by first booking */
};

/*
 * Computes the view of production prod (event ev, 0 = all of them) as of
 * day today, with the segments of filter, the targets in targets (the
 * rows of VN_TARGETS_GET), curves from the productions picked[0..npicked)
 * (none: the automatic choice).  Returns 0, or -1 (database; v->compared
 * may be set: vn_view_free()).
 */
int vn_view_compute(struct sl_db *db, struct vn_view *v, struct json_object *targets,
    const unsigned long long *picked, size_t npicked);
void vn_view_free(struct vn_view *v);

/* vn_page.c: the view of the request (see there) and its model */
extern const char *const vn_chart_names[];
int vn_view_of(struct sl_req *req, struct sl_resp *resp, struct json_object *m,
    struct vn_view **out);
/* chart: 0 sales, 1 progress, 2 segments, -1 all */
void vn_add_view(struct sl_req *req, struct json_object *m, const struct vn_view *v, int chart);
int vn_page(struct sl_req *req, struct sl_resp *resp);
int vn_page_csv(struct sl_req *req, struct sl_resp *resp);
int vn_filter_save(struct sl_req *req, struct sl_resp *resp);
int vn_comment_add(struct sl_req *req, struct sl_resp *resp);
/* vn_comments.c: the comments of (prod, ev) into m's "comments"; 0 or -1 */
int vn_comments_model(struct sl_req *req, struct json_object *m, long long prod, long long ev);

#endif
