/*
 * predict_sql.h - private to modules/predict: the module's statement table
 * (predict_sql.c) and the tables it owns.
 */
#ifndef PREDICT_SQL_H
#define PREDICT_SQL_H

#include "salient/db.h"

enum pr_sql_id {
	PR_FIT_COLS,
	PR_FIT_IN_FORCE,
	PR_MAX_CUSTOMER,
	PR_TYPES,
	PR_FIT_PUBLISHED,
	PR_FIT_REFUSED_FITTED,
	PR_FIT_REFUSED,
	PR_DROP_STALE,
	PR_BY_HOST,
	PR_BY_ID,
	PR_HAS_FIT,
	PR_HOST_OF,
	PR_PUT_1000,	/* the predictions' upsert, by rows (predict_sql.c) */
	PR_PUT_100,
	PR_PUT_10,
	PR_PUT_1,
	PR_NSQL
};

extern const struct sl_sql pr_sql[PR_NSQL];

/* The upsert's batch sizes, largest first, down to one row. */
#define PR_NPUT 4
struct pr_put {
	size_t rows;
	enum pr_sql_id id;
};
extern const struct pr_put pr_put[PR_NPUT];
extern const char *const pr_tables[];

#endif
