/*
 * period_sql.c - every statement of the period module (DESIGN.md habit 4),
 * checked by `salient sql check`.  The module reads the data module's
 * tables and owns none.
 *
 * The lines of a scope: one row per order line of a paid order (not a
 * placeholder, with a customer and a date) dated lo..hi whose product is
 * the one asked for, or now in the category asked for or one below it (a
 * product moved between categories counts where it is now).  The value is
 * DESIGN.md's: line_total, else quantity x unit_price, else 0, in
 * ten-thousandths (exact: both have 4 decimals).
 */
#include "period_int.h"
#include "salient/db.h"

#define PV_LINE_COLS \
	"SELECT o.customer_id, o.id, o.order_date, l.quantity, " \
	"CAST(COALESCE(l.line_total, l.quantity * l.unit_price, 0) * 10000 AS SIGNED) "
#define PV_LINE_PAID \
	"o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL " \
	"AND o.order_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)"

const struct sl_sql pv_sql[PV_NSQL] = {
	[PV_SQL_LINES_CATEGORY] = {
	    "WITH RECURSIVE sub (id) AS (SELECT id FROM categories WHERE id = ? "
	    "UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) "
	    PV_LINE_COLS
	    "FROM sub JOIN products p ON p.category_id = sub.id "
	    "JOIN order_lines l ON l.product_id = p.id JOIN orders o ON o.id = l.order_id "
	    "WHERE " PV_LINE_PAID,
	    "iss" },
	[PV_SQL_LINES_PRODUCT] = {
	    PV_LINE_COLS
	    "FROM order_lines l JOIN orders o ON o.id = l.order_id "
	    "WHERE l.product_id = ? AND " PV_LINE_PAID,
	    "iss" },
	[PV_SQL_CATEGORIES] = {
	    "SELECT c.id, c.host_id, c.name, c.parent_id, p.name AS parent_name FROM categories c "
	    "LEFT JOIN categories p ON p.id = c.parent_id WHERE c.placeholder = 0 "
	    "ORDER BY COALESCE(p.name, c.name), c.parent_id IS NOT NULL, c.name, c.id",
	    "" },
	[PV_SQL_CATEGORY] = {
	    "SELECT id, host_id, COALESCE(name, host_id) AS name FROM categories WHERE id = ?",
	    "i" },
	[PV_SQL_PRODUCT] = {
	    "SELECT id, host_id, COALESCE(name, host_id) AS name FROM products WHERE host_id = ?",
	    "s" },
	[PV_SQL_NAMES] = {
	    "SELECT c.id, c.host_id AS customer_id, "
	    "TRIM(CONCAT_WS(' ', c.first_name, c.last_name)) AS name "
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) j "
	    "JOIN customers c ON c.id = j.id",
	    "s" },
};
