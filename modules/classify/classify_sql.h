/*
 * classify_sql.h - private to modules/classify: the module's statement
 * table (classify_sql.c) and the tables it owns.
 */
#ifndef CLASSIFY_SQL_H
#define CLASSIFY_SQL_H

#include "salient/db.h"

enum cls_sql_id {
	CLS_ONE,
	CLS_ONE_LOCK,
	CLS_ALL,
	CLS_GROUP,
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
	CLS_CLOSE_HIST,
	CLS_OPEN_HIST,
	CLS_RUN,
	CLS_BULK,
	CLS_BEGIN,
	CLS_COMMIT,
	CLS_NSQL
};

extern const struct sl_sql cls_sql[CLS_NSQL];
extern const char *const cls_tables[];

#endif
