/*
 * tap_db.h - the database of the test stack for a unit test: the
 * configuration $SALIENT_CONF names (make test sets it), connected.
 * Without one the test is skipped as a whole ("1..0 # SKIP").
 */
#ifndef TAP_DB_H
#define TAP_DB_H

#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "db_conn.h"

/*
 * A connection to the stack's database, its configuration in *conf (free
 * both with tap_db_close()); NULL after printing the skip plan.
 */
static inline struct sl_db *tap_db_open(struct sl_config **conf)
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

static inline void tap_db_close(struct sl_db *db, struct sl_config *conf)
{
	db_close(db);
	conf_free(conf);
}

#endif
