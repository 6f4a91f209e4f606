/*
 * purchases.h - the purchases table (sql/014_purchases.sql): one row per
 * paid order with a customer and a date, holding its total, currency and
 * product lines, derived from orders and order_lines (the statements are
 * in data_sql.c).  The import keeps it (import_sink.c: the touched
 * orders in its totals transaction, or everything through
 * pur_refresh_all() after a big import); `salient purchases rebuild`
 * derives it again for the whole store.
 */
#ifndef SALIENT_DATA_PURCHASES_H
#define SALIENT_DATA_PURCHASES_H

#include <stddef.h>

struct sl_db;

#define PUR_RANGE	50000	/* internal order ids per statement of a full refresh */

struct pur_stats {
	long long	 rows;		/* purchases rows written */
	long long	 ranges;	/* statements (transactions) it took */
	double		 seconds;
};

/*
 * Makes purchases equal to the derivation for every order: per range of
 * PUR_RANGE internal order ids, from the lowest to the highest id in
 * orders or purchases, one transaction deletes the range's rows and
 * inserts its derivation (so rows of orders deleted by SQL go too).
 * Fills st when not NULL.  Returns 0, or -1 with the cause in err (the
 * ranges committed before stay, each correct on its own).
 */
int	pur_refresh_all(struct sl_db *db, struct pur_stats *st, char *err, size_t errlen);

/*
 * Sets the session's GROUP_CONCAT limit to the MEDIUMTEXT maximum (a
 * reconnect resets it: call before each derivation).  0, or -1 (err).
 */
int	pur_session(struct sl_db *db, char *err, size_t errlen);

/*
 * After a derivation statement on db's connection: 0 when it raised no
 * warning, else -1 with the first warning in err (a list GROUP_CONCAT
 * cut, a value that did not fit: the caller rolls back, never keeping a
 * wrong row).
 */
int	pur_check_warnings(struct sl_db *db, char *err, size_t errlen);

/* `salient purchases rebuild`: 0, 1 on failure, 2 on usage. */
int	cmd_purchases(int argc, char **argv);

#endif
