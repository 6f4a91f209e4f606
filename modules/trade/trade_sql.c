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
	/* the customer's row locked: two saves of one customer's targets run one
	   after the other, so the overlap check below holds */
	[TR_TARGET_LOCK] = {
	    "SELECT id FROM customers WHERE id = ? FOR UPDATE", "i" },
	/* another target of the customer whose period shares a day with
	   [start, end]: (cid, end, start, id) */
	[TR_TARGET_OVERLAP] = {
	    "SELECT id, period_start, period_end FROM targets WHERE customer_id = ? "
	    "AND period_start <= ? AND period_end >= ? AND id <> ? "
	    "ORDER BY period_start, id LIMIT 1", "issi" },
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
	/* the popularity ranking and its reading; one customer's facts and orders */
	[TR_MAX_PRODUCT] = { "SELECT COALESCE(MAX(id), 0) FROM products", "" },
	[TR_MAX_CATEGORY] = { "SELECT COALESCE(MAX(id), 0) FROM categories", "" },
	[TR_PRODUCT_CATS] = { "SELECT id, category_id FROM products WHERE category_id IS NOT NULL", "" },
	[TR_LINES] = { "SELECT o.customer_id, ol.product_id, "
	    "CAST(COALESCE(ol.line_total, ol.quantity * ol.unit_price, 0) * 10000 AS SIGNED) "
	    "FROM customers c "
	    "STRAIGHT_JOIN orders o ON o.customer_id = c.id "
	    "STRAIGHT_JOIN order_lines ol ON ol.order_id = o.id "
	    "WHERE c.smart_type IN ('trade', 'distributor') AND c.placeholder = 0 "
	    "AND o.order_date > ? AND o.order_date <= ? AND o.status = 'paid' "
	    "AND ol.product_id IS NOT NULL", "ss" },
	[TR_DROP_PN] = { "DROP TABLE IF EXISTS trade_popular_products_new", "" },
	[TR_DROP_CN] = { "DROP TABLE IF EXISTS trade_popular_categories_new", "" },
	[TR_NEW_P] = { "CREATE TABLE trade_popular_products_new LIKE trade_popular_products", "" },
	[TR_NEW_C] = { "CREATE TABLE trade_popular_categories_new LIKE trade_popular_categories", "" },
	[TR_FILL_P] = { "INSERT INTO trade_popular_products_new (pos, product_id, customers, revenue) "
	    "SELECT pos, id, n, rev FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " pos INT UNSIGNED PATH '$[0]', id INT UNSIGNED PATH '$[1]', "
	    " n INT UNSIGNED PATH '$[2]', rev DECIMAL(18,4) PATH '$[3]')) AS j", "s" },
	[TR_FILL_C] = { "INSERT INTO trade_popular_categories_new (pos, category_id, customers, revenue) "
	    "SELECT pos, id, n, rev FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " pos INT UNSIGNED PATH '$[0]', id INT UNSIGNED PATH '$[1]', "
	    " n INT UNSIGNED PATH '$[2]', rev DECIMAL(18,4) PATH '$[3]')) AS j", "s" },
	[TR_SWAP] = { "RENAME TABLE trade_popular_products TO trade_popular_products_old, "
	    "trade_popular_products_new TO trade_popular_products, "
	    "trade_popular_categories TO trade_popular_categories_old, "
	    "trade_popular_categories_new TO trade_popular_categories", "" },
	[TR_DROP_PO] = { "DROP TABLE IF EXISTS trade_popular_products_old", "" },
	[TR_DROP_CO] = { "DROP TABLE IF EXISTS trade_popular_categories_old", "" },
	[TR_RUN] = { "INSERT INTO trade_popularity_runs (as_of, from_date, customers, order_lines, products, "
	    "categories, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssiiiid" },
	[TR_LATEST_RUN] = { "SELECT id, as_of, from_date FROM trade_popularity_runs ORDER BY id DESC LIMIT 1", "" },
	[TR_CATALOGUE] = { "SELECT id, name, sku, category_id, (active = 1 AND placeholder = 0), url FROM products "
	    "WHERE placeholder = 0", "" },
	[TR_PRODUCT_URLS] = { "SELECT COUNT(*) FROM products WHERE placeholder = 0 AND url IS NOT NULL "
	    "AND url <> ''", "" },
	[TR_CATEGORY_NAMES] = { "SELECT id, name, parent_id FROM categories WHERE placeholder = 0", "" },
	[TR_PRODUCTS] = { "SELECT pos, product_id, customers FROM trade_popular_products ORDER BY pos", "" },
	[TR_CATEGORIES] = { "SELECT pos, category_id, customers FROM trade_popular_categories ORDER BY pos", "" },
	[TR_PAIRS] = { "SELECT DISTINCT tag_group, tag_value FROM product_tags", "" },
	[TR_TAGS] = { "SELECT product_id, tag_group, tag_value FROM product_tags ORDER BY product_id", "" },
	[TR_LATEST] = { "SELECT COALESCE(MAX(id), 0) FROM trade_popularity_runs", "" },
	[TR_FACTS] = { "SELECT " TR_FACTS_SQL("?"), "i" },
	[TR_ORDERS] = { "SELECT order_date, total, currency, line_items FROM purchases "
	    "WHERE customer_id = ? AND order_date <= ? ORDER BY order_date, order_id", "is" },
};

const char *const tr_tables[] = { "targets", "trade_popularity_runs", "trade_popular_products",
	"trade_popular_categories", NULL };
