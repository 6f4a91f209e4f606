/*
 * import_sql.h - the importer's SQL: per kind, how a validated row maps to
 * its table's columns, and the statement texts.
 *
 * The multi-row statements are built once per process (imp_sql_init, from
 * constant pieces: a prefix, IMP_BATCH copies of a tuple of '?' and a
 * suffix).  They contain only placeholders, never data; a last partial
 * batch repeats its last row (an upsert of the same row twice is the same
 * as once), so one text per kind serves every batch.
 */
#ifndef SALIENT_DATA_IMPORT_SQL_H
#define SALIENT_DATA_IMPORT_SQL_H

#include "salient/contract.h"

#define IMP_BATCH	500	/* rows per upsert statement */
#define IMP_REFS	500	/* host ids per reference look-up statement */
#define IMP_MAXOUT	20	/* table columns bound per row */
#define IMP_MAXREFS	3	/* reference columns in one row */

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
	const char		*prefix, *tuple, *suffix;
};

extern const struct imp_kind imp_kinds[DC_NKINDS];
extern const char *const imp_ent_table[IE_N];

/* Builds the statement texts once (thread-safe); 0, or -1 out of memory. */
int		 imp_sql_init(void);
/* The upsert of IMP_BATCH rows of kind. */
const char	*imp_sql_upsert(enum dc_kind kind);
/* Placeholder insert and look-up of IMP_REFS host ids of entity e. */
const char	*imp_sql_placeholders(enum imp_ent e);
const char	*imp_sql_lookup(enum imp_ent e);

/* Sets orders.total from the lines where total_from_lines = 1. */
extern const char imp_sql_totals[];
/* The same for the orders among IMP_REFS host ids (a repeated id is harmless). */
const char	*imp_sql_totals_some(void);

/*
 * purchases (sql/014_purchases.sql), derived from orders and order_lines:
 * the GROUP_CONCAT limit for the session (the MEDIUMTEXT maximum), the
 * lowest and highest order id in orders or purchases, and per range of
 * internal order ids (lo, hi bound twice as "uu") the delete of its rows
 * and the insert of its derivation.
 */
extern const char imp_sql_pur_maxlen[];
extern const char imp_sql_pur_min[];
extern const char imp_sql_pur_max[];
extern const char imp_sql_pur_delete_range[];
extern const char imp_sql_pur_insert_range[];
/* The same delete and insert for the orders among IMP_REFS host ids. */
const char	*imp_sql_pur_delete_some(void);
const char	*imp_sql_pur_insert_some(void);

#endif
