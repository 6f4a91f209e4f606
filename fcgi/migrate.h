/*
 * migrate.h - applies sql/NNN_name.sql in order and records each in
 * schema_migrations (with its SHA-256, so an edited applied file is noticed).
 */
#ifndef SALIENT_MIGRATE_H
#define SALIENT_MIGRATE_H

#include <stddef.h>

struct sl_db;

struct migrate_state {
	int applied;          /* rows in schema_migrations */
	int available;        /* files in the folder */
	int pending;          /* files not yet applied */
	char latest[128];     /* newest applied version, "" when none */
};

/*
 * Applies every pending file of dir in name order (one process at a time,
 * by a named lock).  Prints what it applies to stdout when verbose.
 * Returns 0, or -1 with the file, statement line and server error in err.
 */
int migrate_run(struct sl_db *db, const char *dir, int verbose, char *err, size_t errlen);

/* How many migration files dir holds (-1 when it cannot be read). */
int migrate_count(const char *dir);

/*
 * Fills st from the table, with `available` files (from migrate_count(),
 * counted once by the caller); 0, or -1 when the DB fails.
 */
int migrate_state(struct sl_db *db, int available, struct migrate_state *st);

#endif
