/*
 * bulk.h - loading a large table fast: LOAD DATA LOCAL INFILE fed from
 * memory (no file), each load on its own connection and thread, so several
 * tables load at the same time (issue 6).
 *
 * A task runs, on a fresh connection (sl_db_extra() with LOCAL INFILE,
 * the load sent by sl_db_load()): its `before` statements (typically
 * CREATE TABLE x_new LIKE x and dropping x_new's secondary keys), then the
 * load in one transaction with unique and foreign key checks off for the
 * session (InnoDB's bulk insert into an empty table), then its `after`
 * statements (adding the secondary keys back: built by sorting, much faster
 * than maintaining them row by row).  The rows come from the task's
 * generator, in the table's primary key order.
 */
#ifndef SALIENT_CLASSIFY_BULK_H
#define SALIENT_CLASSIFY_BULK_H

#include <stddef.h>

#include "salient/db.h"

/*
 * Writes whole rows of LOAD DATA text (tab-separated, \N for NULL, one
 * '\n' per row) into buf, at most cap bytes; returns the bytes written, 0
 * when there are no more rows.  Rows are never split: cap is always at
 * least BL_MAX_ROW.
 */
typedef size_t (*bl_gen)(void *ctx, char *buf, size_t cap);

#define BL_MAX_ROW 1024

/* The statements (of a module's table, salient/db.h) come as runs of
 * consecutive entries: nbefore from before, nafter from after. */
struct bl_task {
	const char *name;             /* for messages and timings */
	const struct sl_sql *before;  /* run before the load, in order */
	size_t nbefore;
	const struct sl_sql *load;    /* "LOAD DATA LOCAL INFILE 'x' INTO TABLE ..." */
	const struct sl_sql *after;   /* run after its commit, in order */
	size_t nafter;
	bl_gen gen;
	void *ctx;
	/* results */
	int rc;                       /* 0, or -1 with err */
	char err[300];
	unsigned long long rows;      /* as the server counted them */
	double seconds;               /* in all */
	double load_seconds;          /* up to the load's commit */
};

/*
 * Runs the n tasks at the same time, each on its own connection made from
 * db's parameters, and waits for all.  Returns 0 when every task succeeded,
 * else -1 (see each task's rc and err).
 */
int bl_run(const struct sl_db *db, struct bl_task *tasks, size_t n);

/* Text for the rows (no NUL is written). */
/* Writes an unsigned number; returns the length. */
size_t bl_uint(char *out, unsigned long long v);

#endif
