/*
 * data_sql.h - private to modules/data: the module's statement table
 * (data_sql.c, DESIGN.md habit 4) and, per contract kind, how a validated
 * row maps to its table's columns.
 *
 * The multi-row statements (the upserts and the placeholder inserts) have
 * one entry per batch size, DS_NBATCH of them, largest first (data_batch[]);
 * the sink (import_sink.c) writes a full batch of IMP_BATCH rows with the
 * first and a shorter one by its digits (437 rows: 4 x 100 + 3 x 10 +
 * 7 x 1), each bound from its rows by sl_db_exec_rows().  Every parameter
 * of those is text ('s'): MariaDB converts it to the column's type.
 */
#ifndef SALIENT_DATA_DATA_SQL_H
#define SALIENT_DATA_DATA_SQL_H

#include "salient/contract.h"
#include "salient/db.h"

#define IMP_BATCH	500	/* rows per upsert statement, the largest batch */
#define IMP_REFS	500	/* host ids per touched-orders statement */
#define IMP_MAXOUT	20	/* table columns bound per row */
#define IMP_MAXREFS	3	/* reference columns in one row */

/* The batch sizes of the multi-row statements, largest first. */
#define DS_NBATCH 4
extern const size_t data_batch[DS_NBATCH];

/* A multi-row statement's entries, one per batch size, in data_batch order. */
#define DS_BATCHES(n) n##_500, n##_100, n##_10, n##_1

enum data_sql_id {
	/* the upsert of each kind (enum dc_kind order) */
	DS_BATCHES(DS_UP_CUSTOMERS),
	DS_BATCHES(DS_UP_CUSTOMER_TAGS),
	DS_BATCHES(DS_UP_CONSENTS),
	DS_BATCHES(DS_UP_CATEGORIES),
	DS_BATCHES(DS_UP_PRODUCTS),
	DS_BATCHES(DS_UP_PRODUCT_TAGS),
	DS_BATCHES(DS_UP_PRODUCTIONS),
	DS_BATCHES(DS_UP_EVENTS),
	DS_BATCHES(DS_UP_ORDERS),
	DS_BATCHES(DS_UP_ORDER_LINES),
	DS_BATCHES(DS_UP_TARGETS),
	DS_BATCHES(DS_UP_PRODUCTION_TARGETS),
	/* placeholder rows of each entity with host ids (enum imp_ent order) */
	DS_BATCHES(DS_PH_CUSTOMERS),
	DS_BATCHES(DS_PH_CATEGORIES),
	DS_BATCHES(DS_PH_PRODUCTS),
	DS_BATCHES(DS_PH_PRODUCTIONS),
	DS_BATCHES(DS_PH_EVENTS),
	DS_BATCHES(DS_PH_ORDERS),
	/*
	 * the look-up of host ids of each entity: one parameter, the host ids
	 * as a JSON array of strings (JSON_TABLE), so one statement serves any
	 * number of them; rows host_id, id, placeholder
	 */
	DS_LK_CUSTOMERS,
	DS_LK_CATEGORIES,
	DS_LK_PRODUCTS,
	DS_LK_PRODUCTIONS,
	DS_LK_EVENTS,
	DS_LK_ORDERS,
	/* orders.total from the lines where total_from_lines = 1: all, or the
	   orders among IMP_REFS host ids (a repeated id is harmless) */
	DS_TOTALS_ALL,
	DS_TOTALS_SOME,
	/*
	 * purchases (sql/014_purchases.sql), derived from orders and
	 * order_lines: the GROUP_CONCAT limit for the session (the MEDIUMTEXT
	 * maximum), the lowest and highest order id in orders or purchases,
	 * per range of internal order ids (lo, hi) the delete of its rows and
	 * the insert of its derivation, and the same for the orders among
	 * IMP_REFS host ids
	 */
	DS_PUR_MAXLEN,
	DS_PUR_MIN,
	DS_PUR_MAX,
	DS_PUR_DELETE_RANGE,
	DS_PUR_INSERT_RANGE,
	DS_PUR_DELETE_SOME,
	DS_PUR_INSERT_SOME,
	/* the paid orders of customers lo .. hi up to a date (orderscan.c) */
	DS_ORDER_SCAN,
	/* a target row's checks (import_targets.c): its customer by host id,
	   imported (not a placeholder); a stored target of that customer
	   sharing a day with the period end, start other than the same period */
	DS_TGT_CUSTOMER,
	DS_TGT_OVERLAP,
	/*
	 * the first import of a big table (import_load.h): whether the table
	 * holds a row (1 or 0), and LOAD DATA REPLACE of the kind's bound
	 * columns (its imp_out order: the upsert's, without constants)
	 */
	DS_ANY_CUSTOMERS,
	DS_ANY_CUSTOMER_TAGS,
	DS_ANY_CONSENTS,
	DS_ANY_PRODUCT_TAGS,
	DS_ANY_ORDERS,
	DS_ANY_ORDER_LINES,
	DS_LD_CUSTOMERS,
	DS_LD_CUSTOMER_TAGS,
	DS_LD_CONSENTS,
	DS_LD_PRODUCT_TAGS,
	DS_LD_ORDERS,
	DS_LD_ORDER_LINES,
	DATA_NSQL
};

extern const struct sl_sql data_sql[DATA_NSQL];
/* The tables the module writes (targets is trade's, venue_targets the venue
 * module's: data_touches). */
extern const char *const data_tables[];
extern const char *const data_touches[];

/* The entities with host ids that rows refer to. */
enum imp_ent {
	IE_CUSTOMERS = 0,
	IE_CATEGORIES,
	IE_PRODUCTS,
	IE_PRODUCTIONS,
	IE_EVENTS,
	IE_ORDERS,
	IE_N,
	IE_NONE = -1
};

/* Where a bound column's value comes from. */
enum imp_src {
	S_COL,		/* the contract column's canonical text */
	S_REF,		/* internal id of the entity the column names */
	S_UTC,		/* a DATETIME column converted to UTC */
	S_LDATE,	/* the site-local calendar date of a DATETIME column */
	S_ZERO_BLANK,	/* money column, "0" when blank */
	S_IS_BLANK	/* "1" when the column is blank, else "0" */
};

struct imp_out {
	enum imp_src	 src;
	int		 col;	/* contract column */
	int		 ent;	/* S_REF: enum imp_ent */
};

struct imp_kind {
	const char		*table;
	int			 own;		/* entity of the row's own host id */
	int			 blank_totals;	/* orders or lines: the end of the import fixes
					   the touched orders' totals and purchases up */
	const struct imp_out	*out;
	size_t			 nout;
	enum data_sql_id	 upsert;	/* its DS_UP_*_500 */
	/* into an empty table: its DS_ANY_* and DS_LD_* (import_load.h), or 0 */
	enum data_sql_id	 any, load;
};

extern const struct imp_kind imp_kinds[DC_NKINDS];
extern const char *const imp_ent_table[IE_N];
/* Per entity: its DS_PH_*_500 and its DS_LK_*. */
extern const enum data_sql_id imp_ent_ph[IE_N], imp_ent_lookup[IE_N];

#endif
