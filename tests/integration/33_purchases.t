#!/usr/bin/env bash
# purchases (sql/014_purchases.sql): kept by the import, by CSV and by the
# JSON API, equal after every change to what an independent derivation in
# this file gives (every column), a line_items string checked by hand, and
# `salient purchases rebuild` after orders written by SQL.
. "$(dirname "$0")/lib.sh"
SAL=$SALIENT_BUILD/salient
D=$TMP/pu
mkdir -p "$D"

clean() {
	sql "DELETE p FROM purchases p JOIN orders o ON o.id = p.order_id WHERE o.host_id LIKE 'PU-%';
	     DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE host_id LIKE 'PU-%');
	     DELETE FROM orders WHERE host_id LIKE 'PU-%';
	     DELETE FROM products WHERE host_id LIKE 'PU-%';
	     DELETE FROM customers WHERE host_id LIKE 'PU-%'"
}

# the rows of the PU- orders as stored, and as derived here: correlated
# sub-queries, IFNULL and ROUND, not the import's join and GROUP BY
stored() {
	sql "SELECT p.customer_id, p.order_date, p.order_id, p.total, IFNULL(p.currency, '-'), p.line_items
	     FROM purchases p JOIN orders o ON o.id = p.order_id WHERE o.host_id LIKE 'PU-%' ORDER BY p.order_id"
}
derived() {
	sql "SELECT o.customer_id, o.order_date, o.id, o.total, IFNULL(o.currency, '-'),
	       IFNULL((SELECT GROUP_CONCAT(CONCAT_WS(':', l.product_id,
	           ROUND(IFNULL(l.line_total, IFNULL(l.quantity * l.unit_price, 0.0000)), 4), l.quantity)
	           ORDER BY l.line_no SEPARATOR ' ')
	         FROM order_lines l WHERE l.order_id = o.id AND l.product_id IS NOT NULL), '')
	     FROM orders o
	     WHERE o.host_id LIKE 'PU-%' AND o.status = 'paid' AND o.placeholder = 0
	       AND o.customer_id IS NOT NULL AND o.order_date IS NOT NULL ORDER BY o.id"
}
# same WHAT: purchases equals the derivation (the diff printed when not)
same() {
	stored > "$TMP/stored"
	derived > "$TMP/derived"
	if diff "$TMP/derived" "$TMP/stored" > "$TMP/diff"; then
		ok 0 "$1"
	else
		sed 's/^/# /' "$TMP/diff"
		ok 1 "$1"
	fi
}
import() {  # import FILE...: CSV files of $D by name
	local f args=()
	for f in "$@"; do args+=("$D/$f"); done
	"$SAL" -c "$SALIENT_CONF" import "${args[@]}" > "$TMP/imp.out" 2>&1 || { cat "$TMP/imp.out"; return 1; }
}
row() { sql "SELECT $1 FROM purchases p JOIN orders o ON o.id = p.order_id WHERE o.host_id = '$2'"; }
id_of() { sql "SELECT id FROM $1 WHERE host_id = '$2'"; }

clean
cat > "$D/customers.csv" <<'EOF'
customer_id,email,smart_type
PU-C1,pu1@test.example,trade
PU-C2,pu2@test.example,retail
EOF
cat > "$D/products.csv" <<'EOF'
product_id,name,price
PU-P1,Brush,12.50
PU-P2,Roller,30
EOF
# O1 two product lines (one valued by quantity x price); O2 a blank total
# from its lines, one of them a fee without product; O3 no line at all; O4
# refunded; O5 a product line without any price
cat > "$D/orders.csv" <<'EOF'
order_id,customer_id,ordered_at,total,channel,currency,status
PU-O1,PU-C1,2025-01-10 10:00:00,100.00,online,DKK,paid
PU-O2,PU-C1,2025-02-01 09:00:00,,online,DKK,paid
PU-O3,PU-C2,2025-03-01 12:00:00,50,phone,EUR,paid
PU-O4,PU-C2,2025-03-02 12:00:00,20,phone,EUR,refunded
PU-O5,PU-C1,2025-04-01 12:00:00,0,other,,paid
EOF
cat > "$D/order_lines.csv" <<'EOF'
order_id,line_no,product_id,event_id,quantity,unit_price,line_total
PU-O1,1,PU-P1,,2,12.50,
PU-O1,2,PU-P2,,1,30,75
PU-O2,1,PU-P1,,3,10,
PU-O2,2,,,1,,5
PU-O4,1,PU-P2,,1,20,20
PU-O5,1,PU-P2,,1,,
EOF
import customers.csv products.csv orders.csv order_lines.csv
is $? 0 "salient import of customers, products, orders and lines"
P1=$(id_of products PU-P1)
P2=$(id_of products PU-P2)
C1=$(id_of customers PU-C1)
C2=$(id_of customers PU-C2)
same "after the import, purchases equals the derivation"
is "$(stored | wc -l)" 4 "four rows: the refunded order has none"
is "$(row line_items PU-O1)" "$P1:25.0000:2 $P2:75.0000:1" \
	"line_items by hand: quantity x unit price when line_total is blank, line_no order, 4 decimals"
is "$(row 'p.total, p.line_items' PU-O2 | tr '\t' '|')" "35.0000|$P1:30.0000:3" \
	"a blank total is the lines' sum (the fee counts), the fee without product is not listed"
is "$(row "CONCAT(p.customer_id = $C2, '|', p.currency, '|', p.line_items, '|')" PU-O3)" "1|EUR||" \
	"an order without lines: its total and currency, line_items ''"
is "$(row 'p.line_items' PU-O5)" "$P2:0.0000:1" "a line without any price is worth 0.0000"
is "$(row 'COUNT(*)' PU-O4)" 0 "no row for the refunded order"
is "$(row 'p.order_date' PU-O1)" 2025-01-10 "the order's date"

# ---- re-imports with changes, one at a time
cat > "$D/o1.csv" <<'EOF'
order_id,customer_id,ordered_at,total,channel,currency,status
PU-O1,PU-C1,2025-01-10 10:00:00,100.00,online,DKK,refunded
EOF
import o1.csv
same "paid -> refunded: equal to the derivation"
is "$(row 'COUNT(*)' PU-O1)" 0 "the refunded order lost its row"

cat > "$D/o3.csv" <<'EOF'
order_id,customer_id,ordered_at,total,channel,currency,status
PU-O3,PU-C1,2025-03-01 12:00:00,50,phone,EUR,paid
EOF
import o3.csv
same "an order moved to another customer: equal to the derivation"
is "$(row 'p.customer_id' PU-O3)" "$C1" "its row moved to the new customer"
is "$(sql "SELECT COUNT(*) FROM purchases WHERE customer_id = $C2")" 0 "and the old customer has none left"

cat > "$D/o5.csv" <<'EOF'
order_id,customer_id,ordered_at,total,channel,currency,status
PU-O5,PU-C1,2025-05-15 12:00:00,0,other,,paid
EOF
import o5.csv
same "a date changed: equal to the derivation"
is "$(row 'p.order_date' PU-O5)" 2025-05-15 "the row has the new date"

cat > "$D/l2.csv" <<'EOF'
order_id,line_no,product_id,event_id,quantity,unit_price,line_total
PU-O2,1,PU-P1,,4,12,
EOF
import l2.csv
same "a line's quantity and price changed: equal to the derivation"
is "$(row 'p.total, p.line_items' PU-O2 | tr '\t' '|')" "53.0000|$P1:48.0000:4" \
	"the new line value, and the total from lines with it (48 + the fee 5)"

cat > "$D/l3.csv" <<'EOF'
order_id,line_no,product_id,event_id,quantity,unit_price,line_total
PU-O3,1,PU-P2,,2,,50
EOF
import l3.csv
same "a line added to an order that had none: equal to the derivation"
is "$(row 'p.line_items' PU-O3)" "$P2:50.0000:2" "the order now lists its line"

cat > "$D/l4.csv" <<'EOF'
order_id,line_no,product_id,event_id,quantity,unit_price,line_total
PU-O2,3,,,2,,7.5
EOF
import l4.csv
same "a line without product added: equal to the derivation"
is "$(row 'p.total, p.line_items' PU-O2 | tr '\t' '|')" "60.5000|$P1:48.0000:4" \
	"the total grows, the list does not"

# ---- the JSON API path
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"PU-O4","customer_id":"PU-C2","ordered_at":"2025-03-02 12:00:00","total":"20","currency":"EUR","status":"paid"},{"order_id":"PU-O6","customer_id":"PU-C2","ordered_at":"2025-06-01 08:00:00","currency":"SEK"}]'
is "$STATUS:$(json accepted)" "200:2" "POST /api/v1/import/orders"
same "API: a refunded order paid again, a new order: equal to the derivation"
is "$(row "CONCAT(p.customer_id = $C2, '|', p.total, '|', p.line_items)" PU-O4)" "1|20.0000|$P2:20.0000:1" \
	"the order paid again has its row, with its earlier line"
http POST /api/v1/import/order_lines -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"PU-O6","line_no":"1","product_id":"PU-P1","quantity":"3","unit_price":"1.5"},{"order_id":"PU-O6","line_no":"2","product_id":"PU-P2","quantity":"1","line_total":"9.99"}]'
is "$STATUS:$(json accepted)" "200:2" "POST /api/v1/import/order_lines"
same "API: lines of an order with a blank total: equal to the derivation"
is "$(row "CONCAT(p.total, '|', p.currency, '|', p.line_items)" PU-O6)" "14.4900|SEK|$P1:4.5000:3 $P2:9.9900:1" \
	"its total from the lines and both lines in line_no order"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"PU-O6","customer_id":"PU-C2","ordered_at":"2025-06-01 08:00:00","currency":"SEK","status":"cancelled"}]'
is "$STATUS" 200 "POST a cancelled order"
is "$(row 'COUNT(*)' PU-O6)" 0 "the cancelled order lost its row"
same "API: cancelled: equal to the derivation"

# ---- orders written by SQL, then `salient purchases rebuild`
sql "UPDATE order_lines SET quantity = 7 WHERE order_id = $(id_of orders PU-O4);
     UPDATE orders SET total = 21, currency = 'NOK' WHERE host_id = 'PU-O4';
     UPDATE orders SET status = 'paid' WHERE host_id = 'PU-O1';
     INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, currency, status)
       VALUES ('PU-O7', $C2, '2025-07-01 10:00:00', '2025-07-01', 12, 'DKK', 'paid');
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total)
       VALUES (LAST_INSERT_ID(), 1, $P1, 1, 12);
     DELETE FROM order_lines WHERE order_id = $(id_of orders PU-O3);
     DELETE FROM orders WHERE host_id = 'PU-O3'"
stored > "$TMP/stored"
derived > "$TMP/derived"
ok "$(cmp -s "$TMP/stored" "$TMP/derived" && echo 1 || echo 0)" "orders changed by SQL leave purchases behind"
O3=$(sql "SELECT order_id FROM purchases WHERE customer_id = $C1 AND line_items = '$P2:50.0000:2'")
out=$("$SAL" -c "$SALIENT_CONF" purchases rebuild 2>&1)
is $? 0 "salient purchases rebuild"
like "$out" '^purchases rebuilt: [0-9]+ rows written in [0-9]+ ranges? of 50000 order ids, [0-9.]+ s$' \
	"it prints the rows written and the seconds"
same "after the rebuild, purchases equals the derivation"
is "$(sql "SELECT COUNT(*) FROM purchases WHERE order_id = ${O3:-0}")" 0 "the row of an order deleted by SQL is gone"
is "$(row "CONCAT(p.total, '|', p.currency, '|', p.line_items)" PU-O4)" "21.0000|NOK|$P2:20.0000:7" \
	"an order changed by SQL is derived again"
is "$(row 'p.line_items' PU-O7)" "$P1:12.0000:1" "an order inserted by SQL has its row"
is "$(sql "SELECT COUNT(*) FROM purchases p LEFT JOIN orders o ON o.id = p.order_id
	WHERE o.id IS NULL OR o.status <> 'paid' OR o.placeholder = 1 OR o.customer_id <> p.customer_id")" 0 \
	"no row of the whole store belongs to an order that does not count"
is "$(sql "SELECT CONCAT(COUNT(*), ' ', COALESCE(SUM(total), 0)) FROM purchases")" \
	"$(sql "SELECT CONCAT(COUNT(*), ' ', COALESCE(SUM(total), 0)) FROM orders WHERE status = 'paid' AND placeholder = 0 AND customer_id IS NOT NULL AND order_date IS NOT NULL")" \
	"the whole store: as many rows and the same sum as the paid orders"
"$SAL" -c "$SALIENT_CONF" purchases > /dev/null 2>&1
is $? 2 "salient purchases without rebuild is a usage error"
"$SAL" -c "$SALIENT_CONF" help | grep -q '^  purchases  *rebuild'
is $? 0 "salient help lists purchases rebuild"

clean

