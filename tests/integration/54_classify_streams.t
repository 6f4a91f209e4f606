#!/usr/bin/env bash
# A classification run reads the orders in ranges of customer ids, several
# ranges at once on their own connections (compute.c, os_scan_range()), and
# loads its first results with InnoDB's bulk insert (bulk.c, rcload.c).
# On 1,000 ids (950 real customers; ranges of 32 ids, with a gap of deleted ids and
# placeholders among them) every customer's metrics must equal what SQL
# counts on its own, every order counted once, and the history loaded in
# a first run must hold exactly what the metrics imply.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

# customer n: smart type by n mod 3; n mod 5 orders in C = (2023-12-31,
# 2024-03-31], n mod 3 in Q = (2023-09-30, 2023-12-31], one refunded, one
# after T; ids 300-339 deleted (a gap across a range boundary), every 97th
# a placeholder
wipe_store
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type, placeholder)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
       SELECT i, CONCAT('S', i), ELT(1 + i MOD 3, 'retail', 'trade', 'distributor'),
              i MOD 97 = 0 FROM n WHERE i NOT BETWEEN 300 AND 339;
     INSERT INTO orders (host_id, customer_id, order_date, total, status)
       WITH RECURSIVE j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 4)
       SELECT CONCAT('c', c.id, '-', j.k), c.id, '2024-01-02' + INTERVAL (c.id + 11 * j.k) MOD 89 DAY,
              c.id + j.k / 100, 'paid'
       FROM customers c JOIN j ON j.k < c.id MOD 5;
     INSERT INTO orders (host_id, customer_id, order_date, total, status)
       WITH RECURSIVE j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 2)
       SELECT CONCAT('q', c.id, '-', j.k), c.id, '2023-10-01' + INTERVAL (c.id + 7 * j.k) MOD 92 DAY,
              2 * c.id + j.k, 'paid'
       FROM customers c JOIN j ON j.k < c.id MOD 3;
     INSERT INTO orders (host_id, customer_id, order_date, total, status)
       SELECT CONCAT('r', id), id, '2024-02-01', 5000, 'refunded' FROM customers WHERE id MOD 7 = 0;
     INSERT INTO orders (host_id, customer_id, order_date, total, status)
       SELECT CONCAT('l', id), id, '2024-04-01', 7000, 'paid' FROM customers WHERE id MOD 11 = 0;
     INSERT INTO classifications (id, title, type, smart_type, value, position) VALUES
       (1, 'Few', 'orders', 'all', 2, 1), (2, 'More', 'orders', 'all', 100, 2),
       (3, 'Top', 'revenue_rank', 'trade', 50, 1);"
ok $? "fixture loaded"

paid=$(sql "SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE c.placeholder = 0 AND o.status = 'paid' AND o.order_date <= '2024-03-31'")
out=$("${S[@]}" recompute --as-of 2024-03-31)
ok $? "recompute --as-of 2024-03-31 runs"
like "$out" "950 customers, $paid paid orders" "every real customer and every paid order up to T, once ($paid)"

is "$(sql "SELECT COUNT(*) FROM customer_metrics")" 950 "a metrics row per real customer"
# per customer: orders and revenue in C and Q against SQL's own sums
is "$(sql "SELECT COUNT(*) FROM customers c
     LEFT JOIN customer_metrics m ON m.customer_id = c.id
     LEFT JOIN (SELECT customer_id,
                  SUM(order_date > '2023-12-31') nc, SUM(IF(order_date > '2023-12-31', total, 0)) rc,
                  SUM(order_date <= '2023-12-31') nq, SUM(IF(order_date <= '2023-12-31', total, 0)) rq
                FROM orders WHERE status = 'paid' AND order_date > '2023-09-30'
                  AND order_date <= '2024-03-31' GROUP BY customer_id) o ON o.customer_id = c.id
     WHERE c.placeholder = 0 AND (m.customer_id IS NULL
       OR m.orders_cur <> IFNULL(o.nc, 0) OR m.revenue_cur <> IFNULL(o.rc, 0)
       OR m.orders_prev <> IFNULL(o.nq, 0) OR m.revenue_prev <> IFNULL(o.rq, 0))")" 0 \
    "every customer's orders and revenue in C and Q equal SQL's sums"
is "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE customer_id BETWEEN 300 AND 339
     OR customer_id MOD 97 = 0")" 0 "no metrics for deleted customers or placeholders"
is "$(sql "SHOW INDEX FROM customer_metrics WHERE Key_name = 'customer_metrics_revenue'" | wc -l)" 1 \
    "customer_metrics keeps its revenue key after the load"
is "$(sql "SHOW INDEX FROM classification_history WHERE Key_name = 'classification_history_open'" | wc -l)" 2 \
    "classification_history keeps its (classification_id, to_date) key after the load"

# the first run's history: the orders tiers for every real customer, the
# trade rank tier for trade customers with revenue in the top half
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE to_date IS NULL
     AND from_date = '2024-03-31'")" "$(sql "SELECT COUNT(*) FROM classification_history")" \
    "every interval of the first run is open from T"
is "$(sql "SELECT COUNT(*) FROM customer_metrics m
     LEFT JOIN customer_classifications cc ON cc.customer_id = m.customer_id
       AND cc.classification_id = IF(m.orders_cur <= 2, 1, 2)
     WHERE cc.customer_id IS NULL")" 0 "every customer holds its orders tier"
is "$(sql "SELECT COUNT(*) FROM customer_classifications WHERE classification_id IN (1, 2)")" 950 \
    "and only that one (customers without any paid order up to T too: 0 orders is in the first tier)"
is "$(sql "SELECT COUNT(*) FROM customer_classifications cc JOIN customer_metrics m
     ON m.customer_id = cc.customer_id WHERE cc.classification_id = 3")" \
   "$(sql "SELECT COUNT(*) FROM customer_metrics m JOIN customers c ON c.id = m.customer_id
     WHERE c.smart_type = 'trade' AND m.revenue_rank <= 50")" \
    "the trade top half holds Top"
is "$(sql "SELECT COUNT(*) FROM customer_classifications cc
     JOIN customers c ON c.id = cc.customer_id AND c.smart_type <> 'trade'
     WHERE cc.classification_id = 3")" 0 "and no one else does"

out=$("${S[@]}" recompute --as-of 2024-03-31)
like "$out" "0 classifications given, 0 taken away, metrics unchanged" \
    "a second run on the same data writes nothing"
