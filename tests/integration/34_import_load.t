#!/usr/bin/env bash
# The first import by LOAD DATA (issue 23, modules/data/import_load.h): a
# file whose table is empty goes in by LOAD DATA LOCAL INFILE of the
# validated rows, and gives exactly the rows the multi-row upserts give
# (salient import --upsert): text that LOAD DATA would read as an escape
# or NULL (a backslash, "\N"), a host id sent twice in a file (the last row
# wins), references to rows never sent (placeholders), blank totals from
# lines, the purchases rows; a bad row still leaves nothing of its file;
# a second import of the same files (tables no longer empty: upserts)
# changes nothing.
. "$(dirname "$0")/lib.sh"
SAL=$SALIENT_BUILD/salient
D=$TMP/load
mkdir -p "$D"
TABLES="order_lines orders consents customer_tags product_tags products customers purchases"

clean() {
	local q="SET foreign_key_checks = 0;"
	for t in $TABLES; do q="$q DELETE FROM $t;"; done
	sql "$q SET foreign_key_checks = 1;"
}
loads() { sql "SHOW GLOBAL STATUS LIKE 'Com_load'" | cut -f2; }
# every table by host ids (internal ids differ between runs)
dump() {
	sql "SELECT host_id, placeholder, email, first_name, last_name, smart_type, created_at FROM customers ORDER BY host_id;
SELECT c.host_id, t.tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2;
SELECT c.host_id, t.consent, t.granted, t.updated_at FROM consents t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2;
SELECT p.host_id, t.tag_group, t.tag_value FROM product_tags t JOIN products p ON p.id = t.product_id ORDER BY 1, 2, 3;
SELECT o.host_id, o.placeholder, c.host_id, o.ordered_at, o.order_date, o.total, o.total_from_lines, o.channel, o.currency, o.status FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY 1;
SELECT o.host_id, l.line_no, p.host_id, l.quantity, l.unit_price, l.line_total FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id ORDER BY 1, 2;
SELECT c.host_id, o.host_id, p.order_date, p.total, p.currency, REGEXP_REPLACE(p.line_items, '[0-9]+:', 'P:') FROM purchases p JOIN customers c ON c.id = p.customer_id JOIN orders o ON o.id = p.order_id ORDER BY 2"
}

cat > "$D/customers.csv" <<'CSV'
customer_id,email,first_name,last_name,smart_type,created_at
C1,a@example.dk,Back\slash,\N,trade,2024-01-02T10:00:00Z
C2,b@example.dk,First,Row,retail,
C3,,"Quoted, comma",Lund,distributor,2024-06-01 12:00:00
C2,b2@example.dk,Last,Row,trade,2024-02-03 04:05:06
CSV
cat > "$D/customer_tags.csv" <<'CSV'
customer_id,tag
C1,vip\
C3,student
C9,never
CSV
cat > "$D/consents.csv" <<'CSV'
customer_id,consent,granted,updated_at
C1,email_marketing,1,2024-05-01 10:00:00
C1,email_marketing,0,2024-05-02 10:00:00
C2,sms_marketing,1,
CSV
cat > "$D/product_tags.csv" <<'CSV'
product_id,tag_group,tag_value
P1,material,linen
P2,manufacturer,A\B
CSV
cat > "$D/orders.csv" <<'CSV'
order_id,customer_id,ordered_at,total,channel,currency,status
O1,C1,2024-03-30 23:30:00,,online,DKK,paid
O2,C2,2024-07-01 00:30:00,300.00,boxoffice,DKK,paid
O3,C8,2024-03-31T23:30:00Z,12.5,phone,EUR,refunded
O2,C3,2024-07-02 00:30:00,310.00,phone,DKK,paid
CSV
cat > "$D/order_lines.csv" <<'CSV'
order_id,line_no,product_id,event_id,quantity,unit_price,line_total
O1,1,P1,,2,12.50,
O1,2,P2,,1,30,30
O2,1,P1,,3,100,
O9,1,P2,,1,5,5
O1,2,P2,,4,30,
CSV
FILES="customers customer_tags consents product_tags orders order_lines"
files=()
for f in $FILES; do files+=("$D/$f.csv"); done

# ---- into empty tables: by LOAD DATA
clean
before=$(loads)
out=$("$SAL" -c "$SALIENT_CONF" import "${files[@]}" 2>&1)
is $? 0 "the first import into empty tables succeeds"
like "$out" "order_lines.csv: 5 order_lines rows imported" "it reports rows per file"
like "$out" "after the files: order totals and purchases in [0-9.]+ s" "it times the steps after the files"
n=$(( $(loads) - before ))
ok $(( n < 6 )) "each of the six files went in by LOAD DATA ($n loads)"
loaded=$(dump)
is "$(sql "SELECT first_name = CONCAT('Back', CHAR(92), 'slash'), last_name = CONCAT(CHAR(92), 'N')
	FROM customers WHERE host_id = 'C1'" | tr '\t' ' ')" "1 1" "a backslash and the text \\N arrive as sent, not as escapes or NULL"
is "$(sql "SELECT email, first_name, smart_type FROM customers WHERE host_id = 'C2'" | tr '\t' ' ')" \
	"b2@example.dk Last trade" "a customer sent twice in the file keeps its last row"
is "$(sql "SELECT COUNT(*) FROM customers WHERE host_id = 'C2'")" 1 "  and is one customer"
is "$(sql "SELECT granted FROM consents t JOIN customers c ON c.id = t.customer_id WHERE c.host_id = 'C1'")" 0 \
	"a consent sent twice keeps its last row"
is "$(sql "SELECT tag = CONCAT('vip', CHAR(92)) FROM customer_tags t JOIN customers c ON c.id = t.customer_id
	WHERE c.host_id = 'C1'")" 1 \
	"a tag ending in a backslash"
is "$(sql "SELECT c.host_id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.host_id = 'O2'" | tr '\t' ' ')" \
	"C3 310.0000" "an order sent twice keeps its last row"
is "$(sql "SELECT total FROM orders WHERE host_id = 'O1'")" "145.0000" \
	"a blank total is the sum of the lines, the line sent twice by its last row (2 x 12.50 + 4 x 30)"
is "$(sql "SELECT GROUP_CONCAT(host_id ORDER BY host_id) FROM customers WHERE placeholder = 1")" "C8,C9" \
	"customers never sent are placeholders"
is "$(sql "SELECT placeholder FROM orders WHERE host_id = 'O9'")" 1 "an order never sent is a placeholder"
like "$out" "order_lines.csv:5: order_id 'O9' was never imported" "  and is reported by file, line and column"
is "$(sql "SELECT COUNT(*) FROM purchases")" 2 "purchases: the two paid orders with a customer"

# ---- the same files by the upserts: the same rows
clean
before=$(loads)
"$SAL" -c "$SALIENT_CONF" import --upsert "${files[@]}" > /dev/null 2>&1
is $? 0 "the same import by upserts succeeds"
is "$(( $(loads) - before ))" 0 "  with no LOAD DATA"
upserted=$(dump)
is "$upserted" "$loaded" "LOAD DATA and the upserts give the same rows in every table"

# ---- again into the filled tables: nothing changes
"$SAL" -c "$SALIENT_CONF" import "${files[@]}" > /dev/null 2>&1
is $? 0 "importing the same files again succeeds"
is "$(dump)" "$loaded" "  and changes nothing"

# ---- a bad row: nothing of its file
clean
printf 'order_id,customer_id,ordered_at,total,channel,currency,status\n' > "$D/bad.csv"
for i in $(seq 1 2000); do printf 'B%d,C1,2024-03-30 10:00:00,1.00,online,DKK,paid\n' "$i"; done >> "$D/bad.csv"
printf 'B9999,C1,2024-03-30 10:00:00,1.234567,online,DKK,paid\n' >> "$D/bad.csv"
out=$("$SAL" -c "$SALIENT_CONF" import --kind orders "$D/bad.csv" 2>&1)
is $? 1 "a file with a bad last row fails"
like "$out" "bad.csv:2002: total:" "  naming its file, line and column"
is "$(sql "SELECT COUNT(*) FROM orders")" 0 "  and none of its 2000 good rows stays"
is "$(sql "SELECT COUNT(*) FROM customers")" 0 "  nor the placeholder it made"


# ---- the progress line, also when stderr is no terminal (--progress)
awk 'BEGIN { print "order_id,customer_id,ordered_at,total,channel,currency,status"
	for (i = 1; i <= 200000; i++) printf "G%d,C1,2024-03-30 10:00:00,1.00,online,DKK,paid\n", i }' > "$D/big.csv"
err=$("$SAL" -c "$SALIENT_CONF" import --progress --kind orders "$D/big.csv" 2>&1 > /dev/null)
is $? 0 "a file of 200000 orders with --progress"
like "$err" "big.csv: [0-9]+ rows, [0-9]+ rows/s, [0-9]+%, [0-9]+:[0-9]{2} left" \
	"  shows rows so far, rows/s, the share of the file and the time left"
