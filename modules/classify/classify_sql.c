/*
 * classify_sql.c - every statement of the classification module (DESIGN.md
 * habit 4), indexed by enum cls_sql_id (classify_sql.h), the run's bulk
 * loads too (rcload.c: LOAD DATA into the _new tables, which exist only
 * during a run, and their keys; LOAD DATA cannot be prepared: bulk.c sends
 * it with sl_db_load()).
 */
#include "classify_sql.h"

/* A classification as answers show it (classes.c). */
#define COLS \
    "c.id, c.title, c.comments, c.colour, c.smart_type, c.type, c.value, " \
    "c.min_spend, c.min_orders, c.position, c.starter_key, " \
    "(SELECT COUNT(*) FROM customer_classifications cc " \
    " WHERE cc.classification_id = c.id) AS customers"

/*
 * The changes of a run (recompute.c), one statement per batch size (1000,
 * 100, 10 and 1 rows, as predict_sql.c's), each row (customer,
 * classification, day) bound by sl_db_exec_rows().  Closing: the open
 * intervals of the pairs taken away end on the day.  Opening: an interval
 * from the day for each pair given (reopening one closed the same day).
 */
#define HIST_TYPES "uus"
#define X10(s) s s s s s s s s s s
#define X9(s) s s s s s s s s s
#define CLOSE_HEAD "UPDATE classification_history h JOIN ("
#define CLOSE_ROW_1 "SELECT ? AS customer_id, ? AS classification_id, ? AS day"
#define CLOSE_ROW_N " UNION ALL SELECT ?, ?, ?"
#define CLOSE_ROWS_10 CLOSE_ROW_1 X9(CLOSE_ROW_N)
#define CLOSE_ROWS_100 CLOSE_ROWS_10 X9(X10(CLOSE_ROW_N))
#define CLOSE_ROWS_1000 CLOSE_ROWS_100 X9(X10(X10(CLOSE_ROW_N)))
#define CLOSE_TAIL ") v ON h.customer_id = v.customer_id AND h.classification_id = v.classification_id " \
    "SET h.to_date = v.day WHERE h.to_date IS NULL"
#define OPEN_HEAD "INSERT INTO classification_history (customer_id, classification_id, from_date) VALUES "
#define OPEN_ROW_1 "(?, ?, ?)"
#define OPEN_ROWS_10 OPEN_ROW_1 X9(", " OPEN_ROW_1)
#define OPEN_ROWS_100 OPEN_ROWS_10 X9(", " OPEN_ROWS_10)
#define OPEN_ROWS_1000 OPEN_ROWS_100 X9(", " OPEN_ROWS_100)
#define OPEN_TAIL " ON DUPLICATE KEY UPDATE to_date = NULL"

const struct sl_sql cls_sql[CLS_NSQL] = {
	[CLS_ONE] = { "SELECT " COLS " FROM classifications c WHERE c.id = ?",
	    "i" },
	[CLS_ONE_LOCK] = { "SELECT " COLS " FROM classifications c WHERE c.id = ? FOR UPDATE",
	    "i" },
	[CLS_ALL] = { "SELECT " COLS " FROM classifications c "
	    "WHERE (? IS NULL OR c.type = ?) AND (? IS NULL OR c.smart_type = ?) "
	    "ORDER BY c.type, c.smart_type, c.position, c.id",
	    "ssss" },
	[CLS_GROUP] = { "SELECT id, position, value IS NULL FROM classifications WHERE type = ? AND smart_type = ? "
	    "ORDER BY position, id FOR UPDATE",
	    "ss" },
	/* a group's tiers in order, for the rising-values check (classes.c) */
	[CLS_GROUP_VALUES] = { "SELECT id, title, starter_key, CAST(value AS CHAR) AS value FROM classifications"
	    " WHERE type = ? AND smart_type = ? ORDER BY position, id",
	    "ss" },
	[CLS_SET_POSITION] = { "UPDATE classifications SET position = ? WHERE id = ?",
	    "ii" },
	[CLS_INSERT] = { "INSERT INTO classifications (title, comments, colour, smart_type, type, value, "
	    "min_spend, min_orders, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
	    "sssssssi" },
	/* starter_key: kept while the title and comments are the starter's */
	[CLS_UPDATE] = { "UPDATE classifications SET title = ?, comments = ?, colour = ?, smart_type = ?, "
	    "type = ?, value = ?, min_spend = ?, min_orders = ?, starter_key = ? WHERE id = ?",
	    "sssssssisi" },
	[CLS_DELETE] = { "DELETE FROM classifications WHERE id = ?",
	    "i" },
	[CLS_CLOSE_HISTORY] = { "UPDATE classification_history SET to_date = GREATEST(from_date, ?) "
	    "WHERE classification_id = ? AND to_date IS NULL",
	    "si" },
	[CLS_JOB] = { "SELECT id, state, attempts, max_attempts, progress_done, progress_total, last_error, "
	    "created_at, started_at, finished_at FROM jobs WHERE kind = 'classify.recompute' "
	    "ORDER BY state IN ('queued', 'running') DESC, id DESC LIMIT 1",
	    "" },
	[CLS_LAST_RUN] = { "SELECT id, as_of, timeframe_months, customers, orders, added, removed, metrics_written, "
	    "seconds, finished_at FROM classify_runs ORDER BY id DESC LIMIT 1",
	    "" },
	[CLS_CHANGED] = { "SELECT COALESCE(MAX(at) > (SELECT finished_at - INTERVAL CEIL(seconds) + 1 SECOND "
	    "FROM classify_runs ORDER BY id DESC LIMIT 1), MAX(at) IS NOT NULL) AS changed "
	    "FROM audit_log WHERE what LIKE 'classification.%'",
	    "" },
	[CLS_CLASSES] = { "SELECT id, type, smart_type, value, ROUND(min_spend * 10000), min_orders, position "
	    "FROM classifications",
	    "" },
	[CLS_MAXCUST] = { "SELECT COALESCE(MAX(id), 0) FROM customers",
	    "" },
	[CLS_CUSTOMERS] = { "SELECT id, host_id, smart_type FROM customers WHERE placeholder = 0",
	    "" },
	[CLS_PREDICTIONS] = { "SELECT customer_id, p_alive FROM customer_predictions",
	    "" },
	[CLS_LOCK] = { "SELECT GET_LOCK('salient.classify.run', 0)",
	    "" },
	[CLS_UNLOCK] = { "SELECT RELEASE_LOCK('salient.classify.run')",
	    "" },
	[CLS_STATE] = { "SELECT EXISTS (SELECT 1 FROM classification_history)",
	    "" },
	[CLS_CURRENT] = { "SELECT customer_id, classification_id FROM classification_history "
	    "WHERE to_date IS NULL ORDER BY customer_id, classification_id",
	    "" },
	[CLS_LAST_DIGEST] = { "SELECT metrics_digest FROM classify_runs ORDER BY id DESC LIMIT 1",
	    "" },
	[CLS_SWAP_M] = { "RENAME TABLE customer_metrics TO customer_metrics_old, "
	    "customer_metrics_new TO customer_metrics",
	    "" },
	[CLS_SWAP_H] = { "RENAME TABLE classification_history TO classification_history_old, "
	    "classification_history_new TO classification_history",
	    "" },
	[CLS_SWAP_MH] = { "RENAME TABLE customer_metrics TO customer_metrics_old, "
	    "customer_metrics_new TO customer_metrics, "
	    "classification_history TO classification_history_old, "
	    "classification_history_new TO classification_history",
	    "" },
	[CLS_DROP_OLD] = { "DROP TABLE IF EXISTS customer_metrics_old, classification_history_old",
	    "" },
	[CLS_DROP_NEW] = { "DROP TABLE IF EXISTS customer_metrics_new, classification_history_new",
	    "" },
	[CLS_CLOSE_1000] = { CLOSE_HEAD CLOSE_ROWS_1000 CLOSE_TAIL, X10(X10(X10(HIST_TYPES))) },
	[CLS_CLOSE_100] = { CLOSE_HEAD CLOSE_ROWS_100 CLOSE_TAIL, X10(X10(HIST_TYPES)) },
	[CLS_CLOSE_10] = { CLOSE_HEAD CLOSE_ROWS_10 CLOSE_TAIL, X10(HIST_TYPES) },
	[CLS_CLOSE_1] = { CLOSE_HEAD CLOSE_ROW_1 CLOSE_TAIL, HIST_TYPES },
	[CLS_OPEN_1000] = { OPEN_HEAD OPEN_ROWS_1000 OPEN_TAIL, X10(X10(X10(HIST_TYPES))) },
	[CLS_OPEN_100] = { OPEN_HEAD OPEN_ROWS_100 OPEN_TAIL, X10(X10(HIST_TYPES)) },
	[CLS_OPEN_10] = { OPEN_HEAD OPEN_ROWS_10 OPEN_TAIL, X10(HIST_TYPES) },
	[CLS_OPEN_1] = { OPEN_HEAD OPEN_ROW_1 OPEN_TAIL, HIST_TYPES },
	[CLS_RUN] = { "INSERT INTO classify_runs (as_of, timeframe_months, customers, orders, added, removed, "
	    "metrics_digest, metrics_written, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "siiiiisid" },
	[CLS_BULK] = { "SET SESSION unique_checks = 0, foreign_key_checks = 0",
	    "" },
	/* the new tables: made LIKE the live ones, without their secondary
	 * keys until loaded (sql/005_classify.sql, sql/006_customers.sql): a
	 * key added to a loaded table is built by sorting, much faster than
	 * maintained row by row */
	[CLS_M_DROP_NEW] = { "DROP TABLE IF EXISTS customer_metrics_new",
	    "" },
	[CLS_M_CREATE] = { "CREATE TABLE customer_metrics_new LIKE customer_metrics",
	    "" },
	[CLS_M_DROP_KEY] = { "ALTER TABLE customer_metrics_new DROP KEY IF EXISTS customer_metrics_revenue",
	    "" },
	[CLS_M_LOAD] = { "LOAD DATA LOCAL INFILE 'customer_metrics' INTO TABLE customer_metrics_new "
	    "CHARACTER SET binary (customer_id, as_of, revenue_cur, revenue_prev, orders_cur, "
	    "orders_prev, risk_score, risk_change, revenue_rank, revenue_change, revenue_share, "
	    "rfm_r, rfm_f, rfm_m)",
	    "" },
	[CLS_M_ADD_KEY] = { "ALTER TABLE customer_metrics_new ADD KEY customer_metrics_revenue (revenue_cur)",
	    "" },
	[CLS_H_DROP_NEW] = { "DROP TABLE IF EXISTS classification_history_new",
	    "" },
	[CLS_H_CREATE] = { "CREATE TABLE classification_history_new LIKE classification_history",
	    "" },
	[CLS_H_DROP_KEY] = { "ALTER TABLE classification_history_new DROP KEY classification_history_open",
	    "" },
	[CLS_H_LOAD] = { "LOAD DATA LOCAL INFILE 'classification_history' INTO TABLE classification_history_new "
	    "CHARACTER SET binary (customer_id, classification_id, from_date)",
	    "" },
	[CLS_H_ADD_KEY] = { "ALTER TABLE classification_history_new "
	    "ADD KEY classification_history_open (classification_id, to_date)",
	    "" },
};

const struct cls_batch cls_close_batch[CLS_NBATCH] = {
	{ CLS_CLOSE_1000, 1000 }, { CLS_CLOSE_100, 100 }, { CLS_CLOSE_10, 10 }, { CLS_CLOSE_1, 1 },
};
const struct cls_batch cls_open_batch[CLS_NBATCH] = {
	{ CLS_OPEN_1000, 1000 }, { CLS_OPEN_100, 100 }, { CLS_OPEN_10, 10 }, { CLS_OPEN_1, 1 },
};

/* The tables only this module writes. */
const char *const cls_tables[] = {
	"classifications", "classification_history", "customer_classifications",
	"customer_metrics", "classify_runs", NULL,
};
