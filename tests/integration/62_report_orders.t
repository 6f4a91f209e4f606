#!/usr/bin/env bash
# The customer order analysis report (issue 15 item 3): every filter of the
# customer list, an order date range and a category or product change the
# totals and the trend; unknown inputs are refused by name.
#
# Fixture (only paid orders count; dates in 2024 unless said):
#   R1 Rita Retail   retail       manager Mona, tag vip, P(alive) 0.9
#   R2 Rolf Retail   retail       manager Nils, P(alive) 0.2, class 901
#   T1 Tina Trade    trade        manager Mona, a target in force today
#   D1 Dan Dist      distributor  no manager, class 901
#   Categories: RO-A Drinks > RO-A1 Beer (a subcategory); RO-B Food.
#   Products: RO-BEER (RO-A1), RO-JUICE (RO-A), RO-BREAD (RO-B).
#   Orders (total; lines):
#     o1 R1 01-10  100  BEER 60, BREAD 40
#     o2 R1 02-15   50  JUICE 2 x 25 (no line total: 50)
#     o3 R1 03-05   70  BEER 70               refunded: never counts
#     o4 R2 02-20  200  BREAD 200
#     o5 R2 2023-06-01 30  BEER 30            before the range below
#     o6 T1 03-10 1000  BEER 400, BREAD 500, a fee of 100 (no product)
#     o7 D1 01-31   80  JUICE 80
#     o8 D1 today   10  JUICE 10              in the default range
#     o9 D1 the day before the default range   5   outside it
# In 2024-01-01..2024-03-31, revenue = the orders' totals:
#   Jan o1 + o7 = 180 (2 orders), Feb o2 + o4 = 250 (2), Mar o6 = 1000 (1):
#   1430 in 5 orders.
# With a category or product, revenue = the matching lines' value only:
#   RO-A (with RO-A1): o1 60 + o2 50 + o6 400 + o7 80 = 590 in 4 orders
#   (Jan 140, Feb 50, Mar 400); RO-A1: 60 + 400 = 460 (2); RO-B: 40 + 200 +
#   500 = 740 (3); RO-JUICE: 50 + 80 = 130 (2).
. "$(dirname "$0")/lib.sh"

wipe_store
sql "DELETE FROM customer_predictions; DELETE FROM predict_fits; DELETE FROM customer_comments;
     DELETE FROM sessions WHERE customer_id IS NOT NULL;
     DELETE FROM products WHERE host_id LIKE 'RO-%'; DELETE FROM categories WHERE host_id LIKE 'RO-%';
     INSERT INTO customers (id, host_id, smart_type, first_name, last_name, email, account_manager) VALUES
       (1, 'R1', 'retail', 'Rita', 'Retail', 'rita@example.com', 'Mona'),
       (2, 'R2', 'retail', 'Rolf', 'Retail', 'rolf@example.com', 'Nils'),
       (3, 'T1', 'trade', 'Tina', 'Trade', 'tina@example.com', 'Mona'),
       (4, 'D1', 'distributor', 'Dan', 'Dist', 'dan@example.com', NULL);
     INSERT INTO customer_tags (customer_id, tag) VALUES (1, 'vip');
     INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES
       (3, CURDATE() - INTERVAL 10 DAY, CURDATE() + INTERVAL 10 DAY, 5000);
     INSERT INTO classifications (id, title, colour, type, smart_type, value, position) VALUES
       (901, 'Watch', '#198754', 'orders', 'all', 5, 1);
     INSERT INTO classification_history (customer_id, classification_id, from_date, to_date) VALUES
       (2, 901, '2024-03-31', NULL), (4, 901, '2024-03-31', NULL);
     INSERT INTO predict_fits (id, smart_type, as_of, n_customers, n_repeaters, history_days,
       monthly_discount, r, alpha, a, b, status) VALUES
       (1, 'retail', '2024-03-31', 300, 80, 400, 0.01, 1.2, 14, 0.33, 7, 'published');
     INSERT INTO customer_predictions (customer_id, fit_id, as_of, p_alive, expected_orders_90d,
       expected_aov, clv_12m, x, t_x, T) VALUES
       (1, 1, '2024-03-31', 0.9, 1, 100, 300, 3, 20, 21),
       (2, 1, '2024-03-31', 0.2, 0.1, 50, 10, 1, 1, 4);
     INSERT INTO categories (host_id, name) VALUES ('RO-A', 'Drikke'), ('RO-B', 'Mad');
     INSERT INTO categories (host_id, name, parent_id) SELECT 'RO-A1', 'Øl', id FROM categories WHERE host_id = 'RO-A';
     INSERT INTO products (host_id, name, sku, category_id)
       SELECT 'RO-BEER', 'Pilsner', 'BEER-1', id FROM categories WHERE host_id = 'RO-A1' UNION ALL
       SELECT 'RO-JUICE', 'Æblemost', 'JUICE-1', id FROM categories WHERE host_id = 'RO-A' UNION ALL
       SELECT 'RO-BREAD', 'Rugbrød', 'BREAD-1', id FROM categories WHERE host_id = 'RO-B';
     INSERT INTO orders (id, host_id, customer_id, order_date, total, currency, status) VALUES
       (1, 'o1', 1, '2024-01-10', 100, 'DKK', 'paid'),
       (2, 'o2', 1, '2024-02-15', 50, 'DKK', 'paid'),
       (3, 'o3', 1, '2024-03-05', 70, 'DKK', 'refunded'),
       (4, 'o4', 2, '2024-02-20', 200, 'DKK', 'paid'),
       (5, 'o5', 2, '2023-06-01', 30, 'DKK', 'paid'),
       (6, 'o6', 3, '2024-03-10', 1000, 'DKK', 'paid'),
       (7, 'o7', 4, '2024-01-31', 80, 'DKK', 'paid'),
       (8, 'o8', 4, CURDATE(), 10, 'DKK', 'paid'),
       (9, 'o9', 4, DATE_FORMAT(CURDATE() - INTERVAL 23 MONTH, '%Y-%m-01') - INTERVAL 1 DAY, 5, 'DKK', 'paid');
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, line_total)
       SELECT l.o, l.n, p.id, l.q, l.up, l.lt FROM (
         SELECT 1 AS o, 1 AS n, 'RO-BEER' AS prod, 1 AS q, NULL AS up, 60 AS lt UNION ALL
         SELECT 1, 2, 'RO-BREAD', 1, NULL, 40 UNION ALL
         SELECT 2, 1, 'RO-JUICE', 2, 25, NULL UNION ALL
         SELECT 3, 1, 'RO-BEER', 1, NULL, 70 UNION ALL
         SELECT 4, 1, 'RO-BREAD', 1, NULL, 200 UNION ALL
         SELECT 5, 1, 'RO-BEER', 1, NULL, 30 UNION ALL
         SELECT 6, 1, 'RO-BEER', 4, NULL, 400 UNION ALL
         SELECT 6, 2, 'RO-BREAD', 5, NULL, 500 UNION ALL
         SELECT 7, 1, 'RO-JUICE', 1, NULL, 80 UNION ALL
         SELECT 8, 1, 'RO-JUICE', 1, NULL, 10 UNION ALL
         SELECT 9, 1, 'RO-JUICE', 1, NULL, 5) l JOIN products p ON p.host_id = l.prod;
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total) VALUES (6, 3, NULL, 1, 100)"
ok $? "fixture loaded"

K=(-H "Authorization: Bearer $API_KEY")
R="/api/v1/reports/orders"
Q1="from=2024-01-01&to=2024-03-31"
# totals: "revenue/orders" of the answer
tot() { echo "$(json totals.revenue.value)/$(json totals.orders.value)"; }

# ---- the range
http GET "$R?$Q1" "${K[@]}"
is "$STATUS" 200 "GET $R?$Q1"
is "$(tot)" "1430/5" "the whole base, January to March: 1430 in 5 orders (order totals)"
is "$(json trend.months)" '["2024-01","2024-02","2024-03"]' "the trend follows the range: its three months"
is "$(json trend.revenue)/$(json trend.orders)/$(json trend.customers)" "[180,250,1000]/[2,2,1]/[2,2,1]" \
   "month by month"
is "$(json basis)" order_total "revenue is the orders' totals"
is "$(json filters.from)/$(json filters.to)/$(json filters.category)" "2024-01-01/2024-03-31/null" \
   "the filters echo the range"
is "$(json range.from)/$(json range.to)/$(json range.months)" "2024-01-01/2024-03-31/3" "and range says it"
want=$(sql "SELECT CONCAT(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM SUM(total))), '/', COUNT(*)) FROM orders
            WHERE status = 'paid' AND order_date BETWEEN '2024-01-01' AND '2024-03-31'")
is "$(tot)" "$want" "  as SQL counts them ($want)"
http GET "$R?from=2024-02-01&to=2024-02-29" "${K[@]}"
is "$(tot)/$(json trend.months)" '250/2/["2024-02"]' "February alone: 250 in 2 orders, one month"
http GET "$R?from=2023-06-01&to=2024-03-31" "${K[@]}"
is "$(tot)/$(json range.months)/$(json trend.revenue.0)" "1460/6/10/30" "June 2023 to March 2024: o5 counts too, 10 months"
http GET "$R?from=2024-01-11&to=2024-03-09" "${K[@]}"
is "$(tot)/$(json trend.revenue)" "330/3/[80,250,0]" "both ends are days: o1 (Jan 10) and o6 (Mar 10) fall outside"
http GET "$R" "${K[@]}"
from=$(sql "SELECT DATE_FORMAT(CURDATE() - INTERVAL 23 MONTH, '%Y-%m-01')")
is "$(json range.from)/$(json range.to)/$(json range.months)" "$from/$(date +%F)/24" \
   "by default the 24 calendar months to today"
is "$(tot)/$(json filters.from)" "10/1/null" "  where only o8 counts (o9 is the day before)"
http GET "$R?as_of=2024-03-31" "${K[@]}"
is "$(json range.from)/$(json range.to)/$(tot)" "2022-04-01/2024-03-31/1460/6" "as_of still ends the default range"

# ---- each filter of the customer list, January to March
check() {  # check QUERY WANT NAME
	http GET "$R?$Q1&$1" "${K[@]}"
	is "$STATUS:$(tot)" "200:$2" "$3"
}
check "manager=Mona" "1150/3" "manager=Mona: R1 and T1, 100 + 50 + 1000"
check "smart_type=retail" "350/3" "smart_type=retail: R1 and R2, 100 + 50 + 200"
check "smart_type=trade" "1000/1" "smart_type=trade: T1"
check "tag=vip" "150/2" "tag=vip: R1"
check "q=rita" "150/2" "q=rita: R1"
check "q=Retail" "350/3" "q=Retail (a last name): R1 and R2"
check "has_target=yes" "1000/1" "has_target=yes: T1"
check "has_target=no" "430/4" "has_target=no: the others"
check "p_alive_min=0.5" "150/2" "p_alive_min=0.5: R1"
check "p_alive_max=0.5" "200/1" "p_alive_max=0.5: R2"
check "classification=901" "280/2" "classification=901: R2 and D1, 200 + 80"
check "clv_min=100" "150/2" "clv_min=100: R1"
check "manager=Mona&smart_type=retail" "150/2" "two filters narrow together"
is "$(json filters.manager)/$(json filters.smart_type)" "Mona/retail" "  and are echoed"
is "$(json total.value)" 1 "  the selection: one customer"
check "tag=vip&classification=901" "0/0" "a combination nobody matches: 0"

# ---- a category (with its subcategories) or a product: their lines only
check "category=RO-A" "590/4" "category RO-A with its subcategory RO-A1: 60 + 50 + 400 + 80"
is "$(json basis)/$(json trend.revenue)/$(json trend.orders)" "line_total/[140,50,400]/[2,1,1]" \
   "  revenue is the matching lines' value, month by month"
is "$(json filters.category)/$(json chosen.category.name)" "RO-A/Drikke" "  echoed, with its name"
want=$(sql "WITH RECURSIVE t (id) AS (SELECT id FROM categories WHERE host_id = 'RO-A'
              UNION SELECT k.id FROM categories k JOIN t ON k.parent_id = t.id)
            SELECT CONCAT(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM SUM(COALESCE(l.line_total, l.quantity * l.unit_price)))),
                   '/', COUNT(DISTINCT o.id))
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
            WHERE o.status = 'paid' AND o.order_date BETWEEN '2024-01-01' AND '2024-03-31'
              AND p.category_id IN (SELECT id FROM t)")
is "590/4" "$want" "  as SQL counts the lines ($want)"
check "category=RO-A1" "460/2" "category RO-A1 (beer): 60 + 400"
check "category=RO-B" "740/3" "category RO-B: 40 + 200 + 500 (o6's fee is no product's)"
check "product=RO-JUICE" "130/2" "product RO-JUICE: 2 x 25 (no line total) + 80"
is "$(json chosen.product.name)/$(json filters.product)" "Æblemost/RO-JUICE" "  echoed, with its name"
check "category=RO-A&product=RO-BREAD" "0/0" "a product outside the category: nothing"
check "category=RO-B&smart_type=retail" "240/2" "a category and a customer filter: 40 + 200"
check "product=RO-BEER&manager=Mona" "460/2" "a product and a manager: 60 + 400"
http GET "$R?from=2023-01-01&to=2024-03-31&category=RO-A1" "${K[@]}"
is "$(tot)" "490/3" "the range applies to lines too: o5's 30 from 2023"
http GET "$R?category=RO-A" "${K[@]}"
is "$(tot)" "10/1" "a category in the default range: o8's juice"

# ---- refused, by name
http GET "$R?bogus=1" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:bogus:unknown" "an unknown input is 400 naming it"
like "$(json error.message)" "it takes: .*from.*category.*product" "  and listing what the report takes"
http GET "$R?from=2024-04-01&to=2024-03-01" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:from:range" "from after to is 400"
like "$(json error.message)" "from: 2024-04-01 is after to \(2024-03-01\)" "  saying so"
http GET "$R?from=2010-01-01&to=2024-03-31" "${K[@]}"
is "$STATUS:$(json error.field)" "400:from" "a range over 120 months is 400"
like "$(json error.message)" "longer than 120 months" "  saying so"
http GET "$R?from=2024-02-30" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:from:date" "a day that does not exist is 400"
http GET "$R?category=NOPE" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:category:not_found" "an unknown category is 400"
like "$(json error.message)" "category: no category with id 'NOPE'" "  naming it"
http GET "$R?product=NOPE" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:product:not_found" "an unknown product is 400"
http GET "$R?smart_type=wholesale" "${K[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" "400:smart_type:enum" "a bad smart type is the list's 400"

# ---- the page, in a Danish session
staff_user ro-agent@test.example agent ro-agent-pass-1
"${S_CLI[@]}" user enable --email ro-agent@test.example > /dev/null 2>&1
sql "UPDATE users SET lang = 'da' WHERE email = 'ro-agent@test.example'"
staff_login ro-agent@test.example ro-agent-pass-1 "$TMP/da.jar"
ok $([ -n "$CSRF" ]; echo $?) "a Danish sales agent signs in"
http GET "/admin/reports/orders?from=2024-01-01&to=2024-03-31&p_alive_min=0,5" -b "$TMP/da.jar" -H 'Accept: application/json'
is "$STATUS:$(tot)" "200:150/2" "da: p_alive_min=0,5 (a Danish decimal) with a range: R1's 150"
is "$(json filters.p_alive_min)/$(json range.from_text)" "0.5/1. jan. 2024" "  echoed; the range's first day in Danish"
http GET "/admin/reports/orders?from=2024-01-01&to=2024-03-31&category=RO-A&smart_type=retail&tag=vip&sort=name" -b "$TMP/da.jar"
is "$STATUS" 200 "da: the page renders with a range, a category and filters"
like "$BODY" 'name="from" type="date" value="2024-01-01"' "  the form shows the from date"
like "$BODY" 'name="to" type="date" value="2024-03-31"' "  and the to date"
like "$BODY" '<option value="RO-A" selected>Drikke \(RO-A\)</option>' "  the chosen category"
like "$BODY" '<option value="retail" selected>' "  the chosen smart type"
like "$BODY" 'name="tag" type="text" maxlength="100" value="vip"' "  the tag"
like "$BODY" 'data-stat="revenue">110,00<' "  the revenue in Danish: R1's RO-A lines 60 + 50"
like "$BODY" 'data-basis="line_total">Drikke: Med en kategori' "  and what it sums, in Danish"
like "$BODY" 'Ordrer fra <time datetime="2024-01-01">1. jan. 2024</time> til' "  the range in Danish"
like "$BODY" 'href="[^"]*from=2024-01-01&amp;to=2024-03-31&amp;category=RO-A' "  links keep the range and category"
like "$BODY" 'data-csv' "  a CSV link"
ok $(printf '%s' "$BODY" | grep -o 'customers.csv[^"]*' | grep -q 'from='; echo $((! $?))) \
   "  the CSV link carries the list's filters only"
http GET "/admin/reports/orders?from=2024-02-30" -b "$TMP/da.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field)" "400:from" "da: a bad date is 400"
like "$(json error.message)" "er ikke en dato" "  in Danish"
http GET "/admin/reports/orders?from=2024-03-01&to=2024-01-01" -b "$TMP/da.jar" -H 'Accept: application/json'
like "$(json error.message)" "from: 2024-03-01 ligger efter to" "da: from after to, in Danish"
http GET "/admin/reports/orders?kategori=RO-A" -b "$TMP/da.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field):$(json error.reason)" "400:kategori:unknown" "da: an unknown input is 400 naming it"

wipe_store
sql "DELETE FROM customer_predictions; DELETE FROM predict_fits;
     DELETE FROM products WHERE host_id LIKE 'RO-%'; DELETE FROM categories WHERE host_id LIKE 'RO-%'"
