/*
 * import_targets.h - the import's checks of target rows (import_targets.c),
 * the rules POST /api/v1/targets and the staff form apply: a target is
 * for a customer that has been imported (not one only referred to), and
 * its period shares no day with another target of that customer (the
 * same period again is the same target: its amount is updated).
 */
#ifndef SALIENT_DATA_IMPORT_TARGETS_H
#define SALIENT_DATA_IMPORT_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "salient/contract.h"
#include "import_map.h"

struct sl_db;

/* The target rows accepted in the current transaction, per customer. */
struct imp_targets {
	struct im_map	 cust;		/* customer host id -> last row + 1 */
	struct itg_row	*rows;
	size_t		 n, cap;
};

/* Empty (no allocation); imp_targets_free() empties it again. */
void	imp_targets_init(struct imp_targets *t);
void	imp_targets_free(struct imp_targets *t);

/*
 * Checks the validated target row (DC_TARGETS) of file line `line`:
 * its customer by host id (customers caches host id -> id, as the sink's
 * references do) and its period against the customer's stored targets
 * and the rows accepted before it in this transaction.  Returns 0 (the
 * row is noted), 1 when it is refused (the coded reason in err, dcmsg.h:
 * data.target.no_customer, data.target.overlap naming the other target,
 * data.target.overlap_file naming the other row's line) or -1 on a
 * database error (err).
 */
int	imp_targets_check(struct imp_targets *t, struct sl_db *db, struct im_map *customers,
	    const struct dc_row *row, unsigned long line, char *err, size_t errlen);

#endif
