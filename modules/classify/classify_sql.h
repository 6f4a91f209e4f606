/*
 * classify_sql.h - private to modules/classify: the module's statement
 * table (classify_sql.c) and the tables it owns.
 */
#ifndef CLASSIFY_SQL_H
#define CLASSIFY_SQL_H

#include <stddef.h>

#include "salient/db.h"

enum cls_sql_id {
	CLS_ONE,
	CLS_ONE_LOCK,
	CLS_ALL,
	CLS_GROUP,
	CLS_GROUP_VALUES,
	CLS_SET_POSITION,
	CLS_INSERT,
	CLS_UPDATE,
	CLS_DELETE,
	CLS_CLOSE_HISTORY,
	CLS_JOB,
	CLS_LAST_RUN,
	CLS_CHANGED,
	CLS_CLASSES,
	CLS_MAXCUST,
	CLS_CUSTOMERS,
	CLS_PREDICTIONS,
	CLS_LOCK,
	CLS_UNLOCK,
	CLS_STATE,
	CLS_CURRENT,
	CLS_LAST_DIGEST,
	CLS_SWAP_M,
	CLS_SWAP_H,
	CLS_SWAP_MH,
	CLS_DROP_OLD,
	CLS_DROP_NEW,
	/* the changes of a run by batches of 1000, 100, 10 and 1 rows
	 * (cls_close_batch, cls_open_batch), bound by sl_db_exec_rows() */
	CLS_CLOSE_1000,
	CLS_CLOSE_100,
	CLS_CLOSE_10,
	CLS_CLOSE_1,
	CLS_OPEN_1000,
	CLS_OPEN_100,
	CLS_OPEN_10,
	CLS_OPEN_1,
	CLS_RUN,
	CLS_BULK,
	/* the bulk loads (rcload.c): each table's statements before its
	 * load, the load, and after it, in this order */
	CLS_M_DROP_NEW,
	CLS_M_CREATE,
	CLS_M_DROP_KEY,
	CLS_M_LOAD,
	CLS_M_ADD_KEY,
	CLS_H_DROP_NEW,
	CLS_H_CREATE,
	CLS_H_DROP_KEY,
	CLS_H_LOAD,
	CLS_H_ADD_KEY,
	CLS_NSQL
};

/* A multi-row statement of the table and the rows it binds. */
struct cls_batch {
	enum cls_sql_id id;
	size_t rows;
};

/* Largest first, ending with the one-row statement. */
#define CLS_NBATCH 4
extern const struct cls_batch cls_close_batch[CLS_NBATCH], cls_open_batch[CLS_NBATCH];

extern const struct sl_sql cls_sql[CLS_NSQL];
extern const char *const cls_tables[];

#endif
