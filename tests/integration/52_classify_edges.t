#!/usr/bin/env bash
# Every classification type on one hand-computed fixture, at its edges
# (DESIGN.md section 5): tier bounds exclusive below and inclusive above,
# ties in revenue rank and share, a customer with one order, no previous
# revenue, minimum spend and orders met exactly and missed by a cent,
# smart-type scoping (own type, and "all"), and the as-of date (an order
# on T counts, one the day after does not, one on T-P is in Q).
#
# As of T = 2024-06-30, 3 months: C = (2024-03-30, 2024-06-30],
# Q = (2023-12-30, 2024-03-30].
#
#  cust  type    paid orders (date value)                 rev C  rev Q  ord C
#  A     retail  03-30 100 (Q), 06-30 200, 07-01 5000*    200    100    1
#  B     retail  05-01 200, 06-01 9999 refunded           200    0      1
#  C     retail  04-15 50, 05-15 50                       100    0      2
#  D     trade   02-01 1000 (Q), 06-01 500                500    1000   1
#  E     retail  01-15 80 (Q)                             0      80     0
#  F     trade   01-01, 01-11, 01-21 10 each (Q), 06-20 0 0      30     1
#  P     placeholder customer, 05-01 100000: not counted
#  (* after T: ignored)
#
#  metric            A        B       C        D        E      F
#  risk score        0        -       153.33   23.97    -      17.54
#    (A bought on T; C: gap 30, 46 late; D: gap 121, 29 late; F: gap 57, 10 late)
#  risk change       -        -       -        -        -      -97.46
#    (F at T-P: gap 10, 69 late = 690; the others have < 2 order days by T-P)
#  revenue change    +100     -       -        -50      -100   -100
#  rank, retail      33.33    33.33   100      (trade: 100 of 1)
#    (A and B tie at rank 1 of 3)
#  share, all        50       70      90       0
#    (D 500 first; A before B by id; total 1000)
#  orders            1        1       2        1        0      1
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

wipe_store
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type) VALUES
       (1, 'A', 'retail'), (2, 'B', 'retail'), (3, 'C', 'retail'), (4, 'D', 'trade'),
       (5, 'E', 'retail'), (6, 'F', 'trade');
     INSERT INTO customers (id, host_id, smart_type, placeholder) VALUES (7, 'P', 'retail', 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('a1', 1, '2024-03-30', 100, 'paid'), ('a2', 1, '2024-06-30', 200, 'paid'),
       ('a3', 1, '2024-07-01', 5000, 'paid'),
       ('b1', 2, '2024-05-01', 200, 'paid'), ('b2', 2, '2024-06-01', 9999, 'refunded'),
       ('c1', 3, '2024-04-15', 50, 'paid'), ('c2', 3, '2024-05-15', 50, 'paid'),
       ('d1', 4, '2024-02-01', 1000, 'paid'), ('d2', 4, '2024-06-01', 500, 'paid'),
       ('e1', 5, '2024-01-15', 80, 'paid'),
       ('f1', 6, '2024-01-01', 10, 'paid'), ('f2', 6, '2024-01-11', 10, 'paid'),
       ('f3', 6, '2024-01-21', 10, 'paid'), ('f4', 6, '2024-06-20', 0, 'paid'),
       ('p1', 7, '2024-05-01', 100000, 'paid');
     INSERT INTO classifications (id, title, type, smart_type, value, min_spend, min_orders, position) VALUES
       (1, 'R-top', 'revenue_rank', 'retail', 34, 0, 0, 1),
       (2, 'R-rest', 'revenue_rank', 'retail', 100, 0, 0, 2),
       (3, 'S-head', 'revenue_share', 'all', 0, 0, 0, 1),
       (4, 'S-mid', 'revenue_share', 'all', 50, 0, 0, 2),
       (5, 'S-tail', 'revenue_share', 'all', 70, 0, 0, 3),
       (6, 'Falling', 'revenue_change', 'all', -50, 0, 1, 1),
       (7, 'Growing', 'revenue_change', 'all', 100, 200, 0, 2),
       (8, 'Fresh', 'risk_score', 'all', 0, 0, 0, 1),
       (9, 'Due', 'risk_score', 'all', 100, 0, 0, 2),
       (10, 'Late', 'risk_score', 'all', 200, 0, 0, 3),
       (11, 'One', 'orders', 'retail', 1, 0, 0, 1),
       (12, 'Two', 'orders', 'retail', 2, 0, 0, 2),
       (13, 'Calmer', 'risk_change', 'all', -90, 0, 0, 1),
       (14, 'T-top', 'revenue_rank', 'trade', 100, 500.01, 0, 1);"
ok $? "fixture loaded"

out=$("${S[@]}" recompute --as-of 2024-06-30)
ok $? "recompute --as-of 2024-06-30 runs"
like "$out" "6 customers, 12 paid orders" "six customers, twelve paid orders up to T (placeholder, refund and the day after left out)"

held() { sql "SELECT COALESCE(GROUP_CONCAT(cl.title ORDER BY cl.id), '-') FROM customers c
              LEFT JOIN customer_classifications cc ON cc.customer_id = c.id
              LEFT JOIN classifications cl ON cl.id = cc.classification_id WHERE c.host_id = '$1'"; }
# metric HOST COLUMN: the value to 4 decimals without trailing zeros, NULL when undefined
metric() { sql "SELECT IFNULL(CAST(ROUND($2, 4) AS DOUBLE), 'NULL') FROM customer_metrics m
                JOIN customers c ON c.id = m.customer_id WHERE c.host_id = '$1'"; }
# row HOST EXPR: an expression over the customer's metrics row
row() { sql "SELECT $2 FROM customer_metrics m JOIN customers c ON c.id = m.customer_id WHERE c.host_id = '$1'"; }

# the metrics, hand-computed
is "$(row A "CONCAT_WS(' ', revenue_cur, revenue_prev, orders_cur, risk_score, IFNULL(risk_change, '-'), revenue_change)")" \
	"200.0000 100.0000 1 0 - 100" "A: the order on T counts, the one after does not, the one on T-P is in Q; bought on T: risk 0"
is "$(row B "CONCAT_WS(' ', revenue_cur, orders_cur, IFNULL(risk_score, '-'), IFNULL(revenue_change, '-'))")" \
	"200.0000 1 - -" "B: one order: no risk; no previous revenue: no revenue change; the refund ignored"
is "$(metric C risk_score)" 153.3333 "C: risk 100 x 46 / 30"
is "$(metric D risk_score)" 23.9669 "D: risk 100 x 29 / 121 (a leap February)"
is "$(metric F risk_score)" 17.5439 "F: risk 100 x 10 / 57"
is "$(metric F risk_change)" -97.4574 "F: risk change (17.54 - 690) / 690"
is "$(metric E revenue_change)" -100 "E: nothing in C against 80 in Q: -100, the floor"
is "$(metric A revenue_rank)|$(metric B revenue_rank)|$(metric C revenue_rank)" "33.3333|33.3333|100" \
	"retail rank: A and B tie at 1 of 3, C is 3 of 3"
is "$(metric A revenue_share)|$(metric B revenue_share)|$(metric C revenue_share)" "0|40|80" \
	"retail share: the tie broken by id, A before B"
is "$(metric D revenue_rank)|$(metric D revenue_share)" "100|0" "trade: D alone in its population"
is "$(metric E revenue_rank)|$(metric F revenue_share)" "NULL|NULL" "no revenue in C: no rank or share"
is "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE customer_id = 7")" 0 "no metrics for the placeholder"

# the classifications
is "$(held A)" "R-top,S-mid,Growing,Fresh,One" \
	"A: top third (tie), share 50 in (0, 50], +100 in (-50, 100] with spend = minimum 200, risk 0 in [0, 0], 1 order"
is "$(held B)" "R-top,S-tail,One" "B: tie in rank; share 70 in (50, 70] (after A by id); undefined risk and change give nothing"
is "$(held C)" "R-rest,Late,Two" "C: rank 100; share 90 is above the last tier; risk 153 in (100, 200]; orders 2 in (1, 2]"
is "$(held D)" "S-head,Falling,Due" \
	"D (trade): retail rank tiers do not apply; share 0 in [0, 0] among all; -50 in [-100, -50] with orders = minimum 1; spend 500 misses T-top's 500.01"
is "$(held E)" "One" "E: -100 but 0 orders misses Falling's minimum of 1; no orders is in the first orders tier [0, 1]"
is "$(held F)" "Falling,Due,Calmer" "F: a paid order of 0 counts as an order; risk change -97.5 in [-100, -90]"
is "$(held P)" "-" "the placeholder gets nothing"

# a later as-of date moves the periods: A's order of 07-01 now counts
out=$("${S[@]}" recompute --as-of 2024-07-01)
is "$(row A "CONCAT_WS(' ', revenue_cur, orders_cur)")" "5200.0000 2" "as of 07-01 the order of 07-01 counts"
is "$(held A)" "R-top,S-head,Fresh,Two" "and A leads: share 0, rank top, +5100 % above the last change tier, 2 orders"
