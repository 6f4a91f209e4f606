/*
 * dbtest.h - the test stack's database for a db-backed unit test: the
 * configuration at $SALIENT_CONF (set by make test) and a connection to its
 * database.  Header-only, as tap.h.
 */
#ifndef SALIENT_DBTEST_H
#define SALIENT_DBTEST_H

#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "db_conn.h"

/*
 * The connection, with its configuration in *conf; NULL (after printing
 * TAP's skip line: the test then returns 0) when there is no database.
 * Free both with dbtest_close().
 */
static inline struct sl_db *dbtest_open(struct sl_config **conf)
{
	const char *path = getenv("SALIENT_CONF");
	struct sl_db *db = NULL;
	char err[512];

	*conf = NULL;
	if (path == NULL || (*conf = conf_load(path, err, sizeof(err))) == NULL ||
	    (db = db_open(*conf, 0)) == NULL || db_ensure(db) != 0) {
		printf("1..0 # SKIP no database (SALIENT_CONF: %s)\n", path ? path : "unset");
		db_close(db);
		conf_free(*conf);
		*conf = NULL;
		return NULL;
	}
	return db;
}

static inline void dbtest_close(struct sl_db *db, struct sl_config *conf)
{
	db_close(db);
	conf_free(conf);
}

#endif
