/*
 * classify_sql.c - every statement of the classification module (DESIGN.md
 * habit 4), indexed by enum cls_sql_id (classify_sql.h).  The run's bulk
 * loads (rcload.c: LOAD DATA into the _new tables and their keys) stay
 * with the loader: LOAD DATA cannot be prepared, and the _new tables exist
 * only during a run.
 */
#include "classify_sql.h"

/* A classification as answers show it (classes.c). */
#define COLS \
    "c.id, c.title, c.comments, c.colour, c.smart_type, c.type, c.value, " \
    "c.min_spend, c.min_orders, c.position, " \
    "(SELECT COUNT(*) FROM customer_classifications cc " \
    " WHERE cc.classification_id = c.id) AS customers"

const struct sl_sql cls_sql[CLS_NSQL] = {
	[CLS_ONE] = { "SELECT " COLS " FROM classifications c WHERE c.id = ?",
	    "i" },
	[CLS_ONE_LOCK] = { "SELECT " COLS " FROM classifications c WHERE c.id = ? FOR UPDATE",
	    "i" },
	[CLS_ALL] = { "SELECT " COLS " FROM classifications c "
	    "WHERE (? IS NULL OR c.type = ?) AND (? IS NULL OR c.smart_type = ?) "
	    "ORDER BY c.type, c.smart_type, c.position, c.id",
	    "ssss" },
	[CLS_GROUP] = { "SELECT id, position FROM classifications WHERE type = ? AND smart_type = ? "
	    "ORDER BY position, id FOR UPDATE",
	    "ss" },
	[CLS_SET_POSITION] = { "UPDATE classifications SET position = ? WHERE id = ?",
	    "ii" },
	[CLS_INSERT] = { "INSERT INTO classifications (title, comments, colour, smart_type, type, value, "
	    "min_spend, min_orders, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
	    "sssssssi" },
	[CLS_UPDATE] = { "UPDATE classifications SET title = ?, comments = ?, colour = ?, smart_type = ?, "
	    "type = ?, value = ?, min_spend = ?, min_orders = ? WHERE id = ?",
	    "sssssssii" },
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
	[CLS_CLOSE_HIST] = { "UPDATE classification_history SET to_date = ? "
	    "WHERE customer_id = ? AND classification_id = ? AND to_date IS NULL",
	    "sii" },   /* bound as arrays of (day, customer, class) */
	[CLS_OPEN_HIST] = { "INSERT INTO classification_history (customer_id, classification_id, from_date) "
	    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE to_date = NULL",
	    "iis" },   /* bound as arrays of (customer, class, day) */
	[CLS_RUN] = { "INSERT INTO classify_runs (as_of, timeframe_months, customers, orders, added, removed, "
	    "metrics_digest, metrics_written, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "siiiiisid" },
	[CLS_BULK] = { "SET SESSION unique_checks = 0, foreign_key_checks = 0",
	    "" },
	[CLS_BEGIN] = { "START TRANSACTION",
	    "" },
	[CLS_COMMIT] = { "COMMIT",
	    "" },
};

/* The tables only this module writes. */
const char *const cls_tables[] = {
	"classifications", "classification_history", "customer_classifications",
	"customer_metrics", "classify_runs", NULL,
};
