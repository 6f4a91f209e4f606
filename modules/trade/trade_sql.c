/*
 * trade_sql.c - the trade module's statements (salient/db.h: struct
 * sl_sql), by the ids of tr_int.h.
 */
#include "salient/db.h"
#include "tr_int.h"

/* Parameters, in order: T T T (fsort), T (actual), state state T T state
 * T state T (state filter), customer customer, manager manager. */
#define FROM_WHERE \
    "FROM (SELECT t.id, t.customer_id, t.period_start, t.period_end, t.amount, " \
    " COALESCE(SUM(o.total), 0) AS actual FROM targets t " \
    " LEFT JOIN orders o ON o.customer_id = t.customer_id AND o.status = 'paid' " \
    "  AND o.order_date >= t.period_start " \
    "  AND o.order_date <= LEAST(t.period_end, CAST(? AS DATE)) " \
    " WHERE ? = 'all' " \
    " OR (? = 'current' AND t.period_start <= CAST(? AS DATE) AND t.period_end >= CAST(? AS DATE)) " \
    " OR (? = 'upcoming' AND t.period_start > CAST(? AS DATE)) " \
    " OR (? = 'ended' AND t.period_end < CAST(? AS DATE)) GROUP BY t.id) x " \
    "JOIN customers c ON c.id = x.customer_id " \
    "WHERE (? = '' OR c.host_id = ?) AND (? = '' OR c.account_manager = ?) "

/* The targets report (targets.c), one statement per column and direction:
   ORDER BY cannot take a parameter. */
#define LIST(order) \
    "SELECT x.id, c.host_id, c.first_name, c.last_name, c.email, c.account_manager, " \
    "x.period_start, x.period_end, x.amount, x.actual, " \
    "CASE WHEN CAST(? AS DATE) < x.period_start THEN NULL " \
    " WHEN CAST(? AS DATE) > x.period_end THEN x.actual " \
    " ELSE x.actual * (DATEDIFF(x.period_end, x.period_start) + 1) / " \
    "  (DATEDIFF(CAST(? AS DATE), x.period_start) + 1) END AS fsort, c.id, " \
    "COUNT(*) OVER (), SUM(x.amount) OVER (), SUM(x.actual) OVER () " \
    FROM_WHERE "ORDER BY " order ", x.id LIMIT ? OFFSET ?"

#define LIST_TYPES "ssssssssssssssssii"

const struct sl_sql tr_sql[TR_NSQL] = {
	[TR_LIST_CUSTOMER] = { LIST("c.host_id"), LIST_TYPES },
	[TR_LIST_CUSTOMER_DESC] = { LIST("c.host_id DESC"), LIST_TYPES },
	[TR_LIST_MANAGER] = { LIST("c.account_manager"), LIST_TYPES },
	[TR_LIST_MANAGER_DESC] = { LIST("c.account_manager DESC"), LIST_TYPES },
	[TR_LIST_START] = { LIST("x.period_start"), LIST_TYPES },
	[TR_LIST_START_DESC] = { LIST("x.period_start DESC"), LIST_TYPES },
	[TR_LIST_END] = { LIST("x.period_end"), LIST_TYPES },
	[TR_LIST_END_DESC] = { LIST("x.period_end DESC"), LIST_TYPES },
	[TR_LIST_AMOUNT] = { LIST("x.amount"), LIST_TYPES },
	[TR_LIST_AMOUNT_DESC] = { LIST("x.amount DESC"), LIST_TYPES },
	[TR_LIST_ACTUAL] = { LIST("x.actual"), LIST_TYPES },
	[TR_LIST_ACTUAL_DESC] = { LIST("x.actual DESC"), LIST_TYPES },
	[TR_LIST_PROGRESS] = { LIST("x.actual / x.amount"), LIST_TYPES },
	[TR_LIST_PROGRESS_DESC] = { LIST("x.actual / x.amount DESC"), LIST_TYPES },
	[TR_LIST_FORECAST] = { LIST("fsort"), LIST_TYPES },
	[TR_LIST_FORECAST_DESC] = { LIST("fsort DESC"), LIST_TYPES },
	/* only when a page lies beyond the last row (the list carries the totals) */
	[TR_TARGETS_COUNT] = {
	    "SELECT COUNT(*), COALESCE(SUM(x.amount), 0), COALESCE(SUM(x.actual), 0) " FROM_WHERE,
	    "sssssssssssss" },
	[TR_TARGET_MANAGERS] = {
	    "SELECT DISTINCT c.account_manager FROM targets t JOIN customers c ON c.id = t.customer_id "
	    "WHERE c.account_manager IS NOT NULL AND c.account_manager <> '' ORDER BY 1", "" },
	/* the targets' writes (tr_write.c) */
	[TR_TARGET_ONE] = {
	    "SELECT t.id, t.customer_id, c.host_id AS customer, t.period_start, t.period_end, t.amount "
	    "FROM targets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?", "i" },
	[TR_TARGET_SAME_PERIOD] = {
	    "SELECT id FROM targets WHERE customer_id = ? AND period_start = ? AND period_end = ? "
	    "AND id <> ?", "issi" },
	[TR_TARGET_INSERT] = {
	    "INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES (?, ?, ?, ?)",
	    "isss" },
	[TR_TARGET_UPDATE] = {
	    "UPDATE targets SET period_start = ?, period_end = ?, amount = ? WHERE id = ?", "sssi" },
	[TR_TARGET_DELETE] = { "DELETE FROM targets WHERE id = ?", "i" },
	/* the targets API (targets_api.c) */
	[TR_CUSTOMER_BY_HOST] = { "SELECT id FROM customers WHERE host_id = ? AND placeholder = 0", "s" },
	/* the staff view's customer (trade_data.c) */
	[TR_CUSTOMER] = {
	    "SELECT id, host_id AS customer_id, first_name, last_name, email, smart_type, "
	    "account_manager, language FROM customers WHERE id = ? AND placeholder = 0", "i" },
};

const char *const tr_tables[] = { "targets", "trade_popularity_runs", "trade_popular_products",
	"trade_popular_categories", NULL };
