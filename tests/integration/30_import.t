#!/usr/bin/env bash
# Import (issue 5): every kind from small CSV files, the contract's errors
# with file:line: column: reason, a transaction per file, --skip-bad, a
# re-import that changes nothing, references in any order and the report of
# those never imported, blank totals from lines, the site time zone around
# midnight and DST, a BOM + CRLF + quoted file in Danish and Cyrillic, and
# the JSON API giving the same rows as the CSV path.
. "$(dirname "$0")/lib.sh"
FIX=$ROOT/tests/fixtures/import
SAL=$SALIENT_BUILD/salient
cp "$SALIENT_CONF" "$TMP/cph.conf"
printf '\n[site]\ntimezone = Europe/Copenhagen\n' >> "$TMP/cph.conf"
TABLES="order_lines orders targets consents customer_tags product_tags products categories events productions customers"
KINDS="customers categories products product_tags productions events customer_tags consents order_lines orders targets"

clean() {
	local q="SET foreign_key_checks = 0;"
	for t in $TABLES; do q="$q DELETE FROM $t;"; done
	sql "$q SET foreign_key_checks = 1;"
}
checksum() { sql "CHECKSUM TABLE $(echo $TABLES | sed 's/ /, /g')" | tr '\n' ' '; }
# every table by host ids (internal ids differ between loads), all columns but imported_at
dump() {
	sql "SELECT host_id, placeholder, email, first_name, last_name, phone, birth_date, gender, postcode, city, country, latitude, longitude, smart_type, account_manager, subscriber, language, created_at FROM customers ORDER BY host_id;
SELECT c.host_id, t.tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2;
SELECT c.host_id, t.consent, t.granted, t.updated_at FROM consents t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2;
SELECT k.host_id, k.placeholder, k.name, p.host_id FROM categories k LEFT JOIN categories p ON p.id = k.parent_id ORDER BY 1;
SELECT p.host_id, p.placeholder, p.name, p.sku, k.host_id, p.price, p.active FROM products p LEFT JOIN categories k ON k.id = p.category_id ORDER BY 1;
SELECT p.host_id, t.tag_group, t.tag_value FROM product_tags t JOIN products p ON p.id = t.product_id ORDER BY 1, 2, 3;
SELECT host_id, placeholder, name, genre FROM productions ORDER BY 1;
SELECT e.host_id, e.placeholder, e.starts_at, p.host_id, e.name, e.venue, e.latitude, e.longitude, e.capacity FROM events e LEFT JOIN productions p ON p.id = e.production_id ORDER BY 1;
SELECT o.host_id, o.placeholder, c.host_id, o.ordered_at, o.order_date, o.total, o.total_from_lines, o.channel, o.currency, o.status FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY 1;
SELECT o.host_id, l.line_no, p.host_id, e.host_id, l.quantity, l.unit_price, l.line_total FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id LEFT JOIN events e ON e.id = l.event_id ORDER BY 1, 2;
SELECT c.host_id, t.period_start, t.period_end, t.amount FROM targets t JOIN customers c ON c.id = t.customer_id ORDER BY 1, 2, 3"
}

# ---- every kind, order lines before their orders, site time zone
clean
files=()
for k in $KINDS; do files+=("$k.csv"); done
out=$(cd "$FIX/set" && "$SAL" -c "$TMP/cph.conf" import "${files[@]}" 2>&1)
is $? 0 "salient import of every kind succeeds"
like "$out" "orders.csv: 3 orders rows imported, 0 rejected" "it reports rows per file"
is "$(sql "SELECT COUNT(*) FROM customers WHERE placeholder = 0")" 3 "customers"
is "$(sql "SELECT COUNT(*) FROM customer_tags")" 2 "customer tags"
is "$(sql "SELECT COUNT(*) FROM consents")" 2 "consents"
is "$(sql "SELECT COUNT(*) FROM categories WHERE placeholder = 0")" 2 "categories"
is "$(sql "SELECT p.host_id FROM categories k JOIN categories p ON p.id = k.parent_id WHERE k.host_id = 'K2'")" K1 \
	"a category's parent sent after it is linked (placeholder filled)"
is "$(sql "SELECT COUNT(*) FROM products WHERE placeholder = 0")" 2 "products"
is "$(sql "SELECT name FROM products WHERE host_id = 'P2'")" "Roller, large" "a quoted comma"
is "$(sql "SELECT COUNT(*) FROM product_tags")" 2 "product tags"
is "$(sql "SELECT COUNT(*) FROM productions")" 1 "productions"
is "$(sql "SELECT COUNT(*) FROM events WHERE placeholder = 0")" 1 "events"
is "$(sql "SELECT COUNT(*) FROM orders WHERE placeholder = 0")" 3 "orders"
is "$(sql "SELECT COUNT(*) FROM order_lines")" 4 "order lines, imported before their orders"
is "$(sql "SELECT COUNT(*) FROM targets")" 1 "targets"
is "$(sql "SELECT COUNT(*) FROM orders WHERE placeholder = 1")" 0 "no placeholder order is left"
is "$(sql "SELECT total, total_from_lines FROM orders WHERE host_id = 'O1'" | tr '\t' ' ')" "55.0000 1" \
	"a blank total is the sum of the lines (2 x 12.50 + 30)"
is "$(sql "SELECT total FROM orders WHERE host_id = 'O2'")" "300.0000" "a given total is kept"
is "$(sql "SELECT ordered_at, order_date FROM orders WHERE host_id = 'O1'" | tr '\t' ' ')" \
	"2024-03-30 22:30:00 2024-03-30" "23:30 local in winter: 22:30 UTC, the local date"
is "$(sql "SELECT ordered_at, order_date FROM orders WHERE host_id = 'O2'" | tr '\t' ' ')" \
	"2024-06-30 22:30:00 2024-07-01" "00:30 local in summer: 22:30 UTC the day before, local date 1 July"
is "$(sql "SELECT ordered_at, order_date FROM orders WHERE host_id = 'O3'" | tr '\t' ' ')" \
	"2024-03-31 23:30:00 2024-04-01" "23:30Z on the first summer-time day is 1 April in Copenhagen"
is "$(sql "SELECT updated_at FROM consents c JOIN customers u ON u.id = c.customer_id WHERE u.host_id = 'C1'")" \
	"2024-03-31 01:30:00" "02:30 in the spring gap is 03:30 summer time (01:30 UTC)"
is "$(sql "SELECT starts_at FROM events WHERE host_id = 'E1'")" "2024-10-27 00:30:00" \
	"02:30 in the autumn overlap is the first one (00:30 UTC)"
is "$(sql "SELECT created_at FROM customers WHERE host_id = 'C1'")" "2024-01-02 10:00:00" "a Z time is UTC"

# ---- re-import changes nothing, imported_at included
before=$(checksum)
stamp=$(sql "SELECT GROUP_CONCAT(imported_at ORDER BY id) FROM customers")
sleep 1.1
(cd "$FIX/set" && "$SAL" -c "$TMP/cph.conf" import "${files[@]}" > /dev/null 2>&1)
is "$(checksum)" "$before" "importing the same files again leaves every table as it was"
is "$(sql "SELECT GROUP_CONCAT(imported_at ORDER BY id) FROM customers")" "$stamp" "imported_at did not move"

# ---- the contract's rules, one broken each, with the exact message
expect() {  # expect FILE MESSAGE
	local got
	got=$(cd "$FIX/bad" && "$SAL" -c "$SALIENT_CONF" import "$1" 2>&1 >/dev/null)
	is "$?:$(printf '%s\n' "$got" | head -1)" "1:$2" "$1 is refused: $2"
}
expect orders.csv "orders.csv:3: ordered_at: '2024-13-01' is not a date (write it as YYYY-MM-DD)"
expect customers_email.csv "customers_email.csv:3: email: 'not-an-email' is not an email address"
expect customers_gender.csv "customers_gender.csv:2: gender: 'X' is not one of F, M"
expect customers_flag.csv "customers_flag.csv:2: subscriber: '2' is not 0 or 1"
expect customers_lat.csv "customers_lat.csv:2: latitude: '91' is out of range (-90 to 90)"
expect customers_date.csv "customers_date.csv:2: birth_date: '1990-02-30' is not a date (write it as YYYY-MM-DD)"
expect customers_required.csv "customers_required.csv:2: customer_id: required"
expect customers_long.csv "customers_long.csv:2: first_name: longer than 100 characters"
expect products_money.csv "products_money.csv:2: price: '1.23456' has more than 4 decimals"
expect order_lines_int.csv "order_lines_int.csv:2: line_no: '0' is out of range (1 to 65535)"
expect orders_currency.csv "orders_currency.csv:2: currency: 'euro' is not a currency code (three capital letters, e.g. DKK)"
expect targets_amount.csv "targets_amount.csv:2: amount: '0' must be greater than 0"
expect customer_tags_fields.csv "customer_tags_fields.csv:2: 3 fields, the header has 2"
out=$(cd "$FIX" && "$SAL" -c "$SALIENT_CONF" import orders_unknown.csv 2>&1)
like "$out" "^orders_unknown.csv:1: .*totl" "an unknown column is refused by name"
out=$(cd "$FIX" && "$SAL" -c "$SALIENT_CONF" import unclosed.csv 2>&1)
is "$?" 1 "an unclosed quote fails the file"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id IN ('B1', 'B2')")" 0 \
	"all or nothing: the good row before the bad one was not kept"
is "$(sql "SELECT COUNT(*) FROM customers WHERE host_id = 'BC1'")" 0 "nor in customers_email.csv"

# ---- --skip-bad
out=$(cd "$FIX/bad" && "$SAL" -c "$SALIENT_CONF" import --skip-bad "$TMP/rej.csv" orders.csv customers_email.csv 2>&1)
is "$?" 0 "--skip-bad imports the good rows"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id IN ('B1', 'B2')")" 1 "the good order went in"
is "$(sql "SELECT COUNT(*) FROM customers WHERE host_id IN ('BC1', 'BC2')")" 1 "the good customer went in"
is "$(tr -d '\r' < "$TMP/rej.csv")" "order_id,customer_id,ordered_at,total,line,reason
B2,C1,2024-13-01,1.00,3,ordered_at: '2024-13-01' is not a date (write it as YYYY-MM-DD)
customer_id,email,line,reason
BC2,not-an-email,3,email: 'not-an-email' is not an email address" "the rejects: original fields, line, reason"
is "$(grep -c $'\r$' "$TMP/rej.csv")" 4 "the rejects file has CRLF line ends (RFC 4180)"

# ---- references never imported are reported (a warning, status 0)
printf 'order_id,line_no,product_id\nO-99,1,P1\n' > "$TMP/order_lines.csv"
out=$(cd "$TMP" && "$SAL" -c "$SALIENT_CONF" import order_lines.csv 2>&1)
is "$?" 0 "a reference to a row never sent is not a failure"
like "$out" "order_lines.csv:2: order_id 'O-99' was never imported" "but it is reported with file and line"
(cd "$TMP" && "$SAL" -c "$SALIENT_CONF" import --strict-refs order_lines.csv > /dev/null 2>&1)
is "$?" 3 "--strict-refs makes it status 3"

# ---- BOM, CRLF, quoted commas and newlines, Danish and Cyrillic
clean
(cd "$FIX" && "$SAL" -c "$SALIENT_CONF" import customers_bom_crlf.csv > /dev/null 2>&1)
is "$?" 0 "a file with a BOM and CRLF imports"
is "$(sql "SELECT CONCAT_WS('|', first_name, last_name, city, smart_type) FROM customers WHERE host_id = 'C1'")" \
	"Søren|Ærø|København, K|trade" "Danish letters and a quoted comma"
is "$(sql "SELECT first_name FROM customers WHERE host_id = 'C2'")" "Ирина" "Cyrillic"
is "$(sql "SELECT HEX(city) LIKE '%0A%' FROM customers WHERE host_id = 'C2'")" 1 "a quoted newline is kept"

# ---- the JSON API gives the same rows as the CSV path
clean
(cd "$FIX/set" && "$SAL" -c "$SALIENT_CONF" import "${files[@]}" > /dev/null 2>&1)
dump > "$TMP/csv.dump"
clean
tojson() {  # CSV (simple: quotes only around commas) -> JSON array of objects
	perl -MJSON::PP -e '
		my @rows; my @h; my $n = 0;
		while (my $l = <STDIN>) {
			chomp $l; $l =~ s/\r$//;
			my @f = map { s/^"(.*)"$/$1/; $_ } split /,(?=(?:[^"]*"[^"]*")*[^"]*$)/, $l, -1;
			if ($n++ == 0) { @h = @f; next }
			my %o; for my $i (0..$#h) { $o{$h[$i]} = $f[$i] eq "" ? undef : $f[$i] }
			push @rows, \%o;
		}
		print JSON::PP->new->canonical->encode(\@rows);'
}
allok=0
for k in $KINDS; do
	tojson < "$FIX/set/$k.csv" > "$TMP/$k.json"
	http POST "/api/v1/import/$k" -H "Authorization: Bearer $API_KEY" \
		-H 'Content-Type: application/json' --data-binary "@$TMP/$k.json"
	[ "$STATUS" = 200 ] && [ "$(json rejected)" = "[]" ] || { allok=1; echo "# $k: $STATUS $BODY"; }
done
ok $allok "every kind posted as JSON is accepted"
dump > "$TMP/json.dump"
is "$(diff "$TMP/csv.dump" "$TMP/json.dump" && echo same)" same "the JSON path and the CSV path give the same rows"
before=$(checksum)
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" \
	-H 'Content-Type: application/json' --data-binary "@$TMP/orders.json"
is "$STATUS:$(json accepted)" "200:3" "a retried batch is accepted again"
is "$(checksum)" "$before" "and changes nothing"

# all or nothing, and ?partial=1
body='[{"order_id":"J1","customer_id":"C1","ordered_at":"2024-05-01 10:00:00","total":"5"},{"order_id":"J2","customer_id":"C1","ordered_at":"2024-13-01"}]'
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary "$body"
is "$STATUS" 422 "a batch with a bad row is refused with 422"
is "$(json accepted)" 0 "nothing accepted"
is "$(json rejected)" '[{"column":"ordered_at","index":1,"reason":"ordered_at: '"'"'2024-13-01'"'"' is not a date (write it as YYYY-MM-DD)","reason_key":"data.row.date"}]' \
	"the bad row with its index, column, reason code and reason"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id = 'J1'")" 0 "and the good row was not written"
http POST "/api/v1/import/orders?partial=1" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary "$body"
is "$STATUS:$(json accepted):$(json rejected.0.index)" "200:1:1" "?partial=1 takes the good rows and lists the bad"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id = 'J1'")" 1 "the good row was written"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"J3","customer_id":"C1","ordered_at":"2024-05-01","colour":"red"}]'
is "$STATUS" 422 "an unknown key is a rejected row"
like "$(json rejected.0.reason)" "colour" "named in the reason"
printf '%s\n' '{"order_id":"N1","customer_id":"C1","ordered_at":"2024-05-02T08:00:00+02:00","total":7}' '' \
	'{"order_id":"N2","customer_id":"C1",' > "$TMP/rows.ndjson"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/x-ndjson' \
	--data-binary "@$TMP/rows.ndjson"
is "$STATUS:$(json rejected.0.index)" "422:1" "NDJSON: a broken line is a rejected row (blank lines do not count)"
like "$(json rejected.0.reason)" "^line 3: invalid JSON at byte [0-9]+: unexpected end" "with the line (blank ones counted), the byte and the reason"
head -1 "$TMP/rows.ndjson" > "$TMP/one.ndjson"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/x-ndjson' \
	--data-binary "@$TMP/one.ndjson"
is "$STATUS:$(json accepted)" "200:1" "NDJSON rows are imported"
is "$(sql "SELECT CONCAT(ordered_at, ' ', total) FROM orders WHERE host_id = 'N1'")" "2024-05-02 06:00:00 7.0000" \
	"an offset is honoured, a JSON number is money"
# an API batch recomputes the totals of the orders it touched, and only those
sql "INSERT INTO customers (host_id) VALUES ('TT');
     INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, total_from_lines)
       SELECT 'TX', id, '2024-01-01', '2024-01-01', 5, 1 FROM customers WHERE host_id = 'TT'"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"TY","customer_id":"TT","ordered_at":"2024-01-02T10:00:00Z"}]'
http POST /api/v1/import/order_lines -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"TY","line_no":1,"quantity":2,"unit_price":"3.50"}]'
is "$STATUS:$(json accepted)" "200:1" "lines of an order without a total"
is "$(sql "SELECT total FROM orders WHERE host_id = 'TY'")" "7.0000" "its total comes from its lines"
is "$(sql "SELECT total FROM orders WHERE host_id = 'TX'")" "5.0000" \
	"an order the batch did not touch is not recomputed (no scan of every order)"
# host ids that JSON must escape, looked up by a later batch (its own sink: no cached ids)
http POST /api/v1/import/customers -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"customer_id":"Q\"1\\Ø"},{"customer_id":"Q2 Жм"}]'
is "$STATUS:$(json accepted)" "200:2" "customers with a quote, a backslash, Ø and Cyrillic in their host ids"
http POST /api/v1/import/orders -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	--data-binary '[{"order_id":"QO1","customer_id":"Q\"1\\Ø","ordered_at":"2024-01-02T10:00:00Z","total":1},
	{"order_id":"QO2","customer_id":"Q2 Жм","ordered_at":"2024-01-02T10:00:00Z","total":2}]'
is "$STATUS:$(json accepted)" "200:2" "their orders, in another batch"
is "$(sql "SELECT COUNT(*), SUM(placeholder) FROM customers WHERE host_id LIKE 'Q%'" | tr '\t' ' ')" "2 0" \
	"  found them by their host ids: no placeholder customer"
is "$(sql "SELECT GROUP_CONCAT(c.host_id ORDER BY o.host_id SEPARATOR '|') FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.host_id LIKE 'QO%'")" \
	'Q"1\\Ø|Q2 Жм' "  each order refers to its own customer (mariadb -B doubles a backslash)"
http POST /api/v1/import/nonsense -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary '[]'
is "$STATUS:$(json error.field):$(json error.reason)" 400:kind:enum "an unknown kind is 400, naming the field"
like "$(json error.message)" "customers, customer_tags, .*, targets" "  and the kinds there are"
http POST "/api/v1/import/orders?partial=maybe" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary '[]'
is "$STATUS:$(json error.field):$(json error.reason)" 400:partial:bool "partial that is not a yes or no is 400"
http POST "/api/v1/import/orders?dry=1" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary '[]'
is "$STATUS:$(json error.field):$(json error.reason)" 400:dry:unknown "an unknown query input is 400"
http POST "/api/v1/import/orders?partial=true" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary '[]'
is "$STATUS:$(json accepted)" 200:0 "partial=true is partial, an empty batch is nothing"
http POST /api/v1/import/orders -H 'Content-Type: application/json' --data-binary '[]'
is "$STATUS" 401 "without a token: 401"
clean
