/*
 * shell_sql.h - private to modules/shell: the dashboard's statement table
 * (shell_sql.c) and the tables it owns.
 */
#ifndef SHELL_SQL_H
#define SHELL_SQL_H

#include "salient/db.h"

enum sh_sql_id {
	SH_STATS,
	SH_REFRESHING,
	SH_REVENUE,
	SH_MONTHLY,
	SH_JOBS,
	SH_HEALTH,
	SH_COUNTS,
	SH_DAYS,
	SH_DAYS_CLEAR,
	SH_DAY_PUT,
	SH_STATS_PUT,
	SH_DELAY,
	SH_NSQL
};

extern const struct sl_sql sh_sql[SH_NSQL];
extern const char *const sh_tables[];

#endif
