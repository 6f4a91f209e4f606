-- 014_purchases.sql - paid orders per customer with their product lines.
--
-- A table derived from orders and order_lines, so that a customer's page
-- reads its paid orders and what they held in one range of one clustered
-- index (customer_id first) instead of one order_lines look-up per order.
-- One row per order that counts: status 'paid', not a placeholder, with a
-- customer and a date.  The import (modules/data, purchases.c) keeps it at
-- the end of every import, in the transaction that fixes the totals up;
-- `salient purchases rebuild` derives it again for the whole store (after
-- orders were written by SQL, bypassing the import).
--
-- line_items: the order's lines that name a product, in line_no order,
-- "product_id:value:quantity" joined by single spaces, value being the
-- line's value (line_total, else quantity x unit_price, else 0) with 4
-- decimals: "816:1683.3600:8 810:985.2000:4"; '' when none.
--
-- The fill below derives it from the orders an upgraded install holds
-- already (one statement, the orders in id order joined to their lines by
-- the lines' primary key: a sequential walk of both): 1 min 59 s for the
-- bench data set (10M orders, 31M lines, a 256 MB buffer pool).  GROUP_CONCAT is
-- given the MEDIUMTEXT maximum; an order has at most 65,536 lines
-- (line_no is a SMALLINT UNSIGNED) of at most 49 bytes each, 3.2 MB, so no
-- value can reach it; should one ever, the last statement fails the
-- migration instead of keeping a cut list.

CREATE TABLE IF NOT EXISTS purchases (
	customer_id INT UNSIGNED NOT NULL,
	order_date DATE NOT NULL,
	order_id INT UNSIGNED NOT NULL,
	total DECIMAL(14,4) NOT NULL,
	currency CHAR(3) CHARACTER SET ascii NULL,
	line_items MEDIUMTEXT CHARACTER SET ascii NOT NULL,
	PRIMARY KEY (customer_id, order_date, order_id),
	UNIQUE KEY purchases_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='paid orders per customer with their product lines; derived from orders and order_lines, kept by the import (modules/data)';

SET SESSION group_concat_max_len = 16777215;

-- (empty on the first run; a rerun after a failure starts again)
DELETE FROM purchases;

-- The same derivation as PUR_SELECT in modules/data/import_sql.c.
INSERT INTO purchases (customer_id, order_date, order_id, total, currency, line_items)
SELECT o.customer_id, o.order_date, o.id, o.total, o.currency,
	COALESCE(GROUP_CONCAT(CONCAT(l.product_id, ':',
	    CAST(COALESCE(l.line_total, l.quantity * l.unit_price, 0) AS DECIMAL(30,4)), ':',
	    l.quantity) ORDER BY l.line_no SEPARATOR ' '), '')
FROM orders o
LEFT JOIN order_lines l ON l.order_id = o.id AND l.product_id IS NOT NULL
WHERE o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL
	AND o.order_date IS NOT NULL
GROUP BY o.id;

IF (SELECT COUNT(*) FROM purchases WHERE LENGTH(line_items) >= @@SESSION.group_concat_max_len) > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'purchases: a line_items list reached group_concat_max_len and may be cut'; END IF;
