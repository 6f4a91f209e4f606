/*
 * in_sql.h - private to modules/insights: its statement table (in_sql.c)
 * and the tables it owns (sql/041_insights.sql).
 */
#ifndef IN_SQL_H
#define IN_SQL_H

#include "salient/db.h"

enum in_sql_id {
	IN_MAXCUST,
	IN_CUSTOMERS,
	IN_CLEAR,
	IN_POINT_PUT,
	IN_RUN_PUT,
	IN_RUN_LAST,
	IN_POINTS,
	IN_NSQL
};

extern const struct sl_sql in_sql[IN_NSQL];
extern const char *const in_tables[];

#endif
