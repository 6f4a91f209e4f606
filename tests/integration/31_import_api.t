#!/usr/bin/env bash
# Import errors in the reader's language (issue 14 item 6: en, da and ru
# through the API and the command line, with a stable code), the contract
# CSV posted to the import API (issue 15 item 9), and target rows checked
# as the targets API checks them: an unknown customer and a period sharing
# days with another target are refused on every path (issue 15 item 7).
. "$(dirname "$0")/lib.sh"
SAL=$SALIENT_BUILD/salient
AUTH=(-H "Authorization: Bearer $API_KEY")
CSV=(-H 'Content-Type: text/csv')
JS=(-H 'Content-Type: application/json')
clean() {
	sql "SET foreign_key_checks = 0; DELETE FROM targets; DELETE FROM order_lines; DELETE FROM purchases;
	     DELETE FROM orders; DELETE FROM customers WHERE host_id LIKE 'IA%'; SET foreign_key_checks = 1;"
}
clean

# ---- a bad row in Danish and Russian, through the API and the command line
bad='[{"order_id":"IAO1","customer_id":"IA1","ordered_at":"2024-13-01"}]'
http POST /api/v1/import/orders "${AUTH[@]}" "${JS[@]}" -H 'Accept-Language: da' --data-binary "$bad"
is "$STATUS:$(json rejected.0.reason_key):$(json rejected.0.column)" "422:data.row.date:ordered_at" \
	"da: the rejected row keeps its code and column"
is "$(json rejected.0.reason)" "ordered_at: '2024-13-01' er ikke en dato (skriv den som ÅÅÅÅ-MM-DD)" "  its reason in Danish"
http POST /api/v1/import/orders "${AUTH[@]}" "${JS[@]}" -H 'Accept-Language: ru' --data-binary "$bad"
is "$(json rejected.0.reason_key):$(json rejected.0.reason)" \
	"data.row.date:ordered_at: «2024-13-01» — не дата (запишите как ГГГГ-ММ-ДД)" "ru: the same code, the reason in Russian"
http POST /api/v1/import/orders "${AUTH[@]}" "${JS[@]}" -H 'Accept-Language: ru' \
	--data-binary '[{"order_id":"IAO1","customer_id":"IA1","ordered_at":"2024-01-01","colour":"red"}]'
like "$(json rejected.0.reason)" "^неизвестный ключ «colour» \\(ожидается один из: order_id, " "  an unknown key in Russian too"
printf 'order_id,customer_id,ordered_at,total\nIAO1,IA1,2024-05-01,1\nIAO2,IA1,2024-05-02,-3\n' > "$TMP/orders.csv"
out=$("$SAL" -c "$SALIENT_CONF" import --lang da "$TMP/orders.csv" 2>&1)
is "$?" 1 "the command line refuses the file"
like "$out" "orders.csv:3: total: '-3' må ikke være negativ" "  --lang da: file, line, column and reason in Danish"
like "$out" "orders.csv: intet importeret fra denne fil" "  and says nothing was imported, in Danish"
out=$(LC_MESSAGES=ru_RU.UTF-8 "$SAL" -c "$SALIENT_CONF" import "$TMP/orders.csv" 2>&1)
like "$out" "orders.csv:3: total: «-3» не может быть отрицательным" "  the locale's language (ru_RU) without --lang"
printf 'order_id,customer_id,ordered_at,colour\n' > "$TMP/hdr.csv"
out=$("$SAL" -c "$SALIENT_CONF" import --lang ru "$TMP/hdr.csv" 2>&1)
like "$out" "hdr.csv:1: неизвестный столбец 'colour' \\(ожидается один из: order_id, " "  a bad header in Russian"
printf 'order_id,customer_id,ordered_at\n"IAO1,IA1\n' > "$TMP/quote.csv"
out=$("$SAL" -c "$SALIENT_CONF" import --lang da --kind orders "$TMP/quote.csv" 2>&1)
like "$out" "quote.csv:2: et felt i anførselstegn er ikke lukket ved filens slutning" "  the CSV reader's error in Danish"
"$SAL" -c "$SALIENT_CONF" import --lang fr "$TMP/orders.csv" > /dev/null 2>&1
is "$?" 2 "--lang takes en, da or ru"
out=$("$SAL" -c "$SALIENT_CONF" import "$TMP/orders.csv" 2>&1)
like "$out" "orders.csv:3: total: '-3' must not be negative" "English by default"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id LIKE 'IAO%'")" 0 "  nothing of the file was written"

# ---- the contract CSV posted to the API
printf 'customer_id,first_name,smart_type\r\nIA1,Åse,trade\r\nIA2,"Ivan, Jr",distributor\r\n' > "$TMP/c.csv"
http POST /api/v1/import/customers "${AUTH[@]}" "${CSV[@]}" --data-binary "@$TMP/c.csv"
is "$STATUS:$(json accepted):$(json rejected)" "200:2:[]" "POST text/csv imports the contract's CSV"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(host_id, '=', first_name, '/', smart_type) ORDER BY host_id) FROM customers WHERE host_id LIKE 'IA%'")" \
	"IA1=Åse/trade,IA2=Ivan, Jr/distributor" "  the rows as the command line reads them (quotes, CRLF, UTF-8)"
printf 'order_id,customer_id,ordered_at,total\nIAO1,IA1,2024-05-01,1\n\nIAO2,IA1,2024-05-02,1.23456\n' > "$TMP/o.csv"
http POST /api/v1/import/orders "${AUTH[@]}" "${CSV[@]}" --data-binary "@$TMP/o.csv"
is "$STATUS:$(json accepted):$(json rejected.0.index):$(json rejected.0.line):$(json rejected.0.column):$(json rejected.0.reason_key)" \
	"422:0:1:4:total:data.row.money_places" "a bad CSV row: its index, line, column and code"
is "$(json rejected.0.reason)" "total: '1.23456' has more than 4 decimals" "  and the reason, as salient import says it"
is "$(sql "SELECT COUNT(*) FROM orders WHERE host_id LIKE 'IAO%'")" 0 "  nothing written"
http POST "/api/v1/import/orders?partial=1" "${AUTH[@]}" "${CSV[@]}" --data-binary "@$TMP/o.csv"
is "$STATUS:$(json accepted)" "200:1" "?partial=1 takes the good CSV rows"
http POST /api/v1/import/orders "${AUTH[@]}" "${CSV[@]}" -H 'Accept-Language: da' \
	--data-binary $'order_id,customer_id,when\nIAO3,IA1,2024-01-01\n'
is "$STATUS:$(json rejected.0.line):$(json rejected.0.reason_key)" "422:1:data.header.unknown_column" \
	"a header that does not fit the kind is refused at line 1"
like "$(json rejected.0.reason)" "^ukendt kolonne 'when'" "  in the caller's language"
http POST "/api/v1/import/orders?partial=1" "${AUTH[@]}" "${CSV[@]}" \
	--data-binary $'order_id,customer_id,ordered_at\nIAO3,IA1,2024-01-01\n"IAO4,IA1\n'
is "$STATUS:$(json accepted):$(json rejected.0.line):$(json rejected.0.reason_key)" "422:0:3:data.csv.unclosed" \
	"a CSV the reader cannot finish writes nothing, even partial"
http POST /api/v1/import/orders "${AUTH[@]}" -H 'Content-Type: text/plain' --data-binary "@$TMP/o.csv"
is "$STATUS:$(json error.reason)" "415:content_type" "text/plain is 415"
is "$(json error.message)" "unsupported Content-Type text/plain; send one of application/json, text/csv, application/x-ndjson" \
	"  naming the types the import takes"
http POST /api/v1/import/orders "${AUTH[@]}" --data-urlencode 'order_id=X'
is "$STATUS" 415 "a form body is 415 on the import too"
http POST /api/v1/targets "${AUTH[@]}" -H 'Content-Type: text/csv' --data-binary 'a,b'
is "$STATUS" 415 "a route that declares no CSV refuses it as well"
like "$(json error.message)" "application/json" "  naming what it takes"

# ---- targets: an unknown customer, overlapping periods
http POST /api/v1/import/targets "${AUTH[@]}" "${CSV[@]}" \
	--data-binary $'customer_id,period_start,period_end,amount\nIA1,2031-01-01,2031-12-31,100\nNOPE1,2031-01-01,2031-12-31,100\n'
is "$STATUS:$(json rejected.0.index):$(json rejected.0.column):$(json rejected.0.reason_key)" \
	"422:1:customer_id:data.target.no_customer" "the import API refuses a target for a customer never imported"
like "$(json rejected.0.reason)" "no customer 'NOPE1' has been imported" "  saying why"
is "$(sql "SELECT COUNT(*) FROM targets")" 0 "  nothing written"
http POST /api/v1/import/targets "${AUTH[@]}" "${JS[@]}" \
	--data-binary '[{"customer_id":"IA1","period_start":"2031-01-01","period_end":"2031-12-31","amount":100}]'
is "$STATUS:$(json accepted)" "200:1" "a target for a known customer is taken"
T1=$(sql "SELECT t.id FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id = 'IA1'")
http POST /api/v1/import/targets "${AUTH[@]}" "${JS[@]}" \
	--data-binary '[{"customer_id":"IA1","period_start":"2031-01-01","period_end":"2031-12-31","amount":250}]'
is "$STATUS:$(sql "SELECT amount FROM targets WHERE id = $T1")" "200:250.0000" "the same period again updates its amount"
http POST /api/v1/import/targets "${AUTH[@]}" "${JS[@]}" -H 'Accept-Language: da' \
	--data-binary '[{"customer_id":"IA1","period_start":"2031-06-01","period_end":"2032-05-31","amount":5}]'
is "$STATUS:$(json rejected.0.column):$(json rejected.0.reason_key)" "422:period_start:data.target.overlap" \
	"a period sharing days with another target is refused by the import API"
like "$(json rejected.0.reason)" "deler dage med mål $T1 for denne kunde \\(2031-01-01 til 2031-12-31\\)" \
	"  naming the other target and its period (in Danish)"
printf 'customer_id,period_start,period_end,amount\nIA2,2032-01-01,2032-06-30,5\nIA2,2032-06-30,2032-12-31,5\n' > "$TMP/t.csv"
out=$("$SAL" -c "$SALIENT_CONF" import "$TMP/t.csv" 2>&1)
is "$?" 1 "salient import refuses overlapping targets within the file"
like "$out" "t.csv:3: period_start: the period 2032-06-30 to 2032-12-31 shares days with the target of line 2 \\(2032-01-01 to 2032-06-30\\)" \
	"  naming the row, the reason and the other row"
printf 'customer_id,period_start,period_end,amount\nIA1,2031-12-31,2032-03-31,5\nNOPE1,2031-01-01,2031-12-31,5\nIA2,2033-01-01,2033-12-31,5\n' > "$TMP/t2.csv"
out=$("$SAL" -c "$SALIENT_CONF" import --skip-bad "$TMP/rej.csv" "$TMP/t2.csv" 2>&1)
is "$?" 0 "with --skip-bad the good target goes in"
is "$(tr -d '\r' < "$TMP/rej.csv" | cut -d, -f1,5- | tail -n +2)" \
"IA1,2,period_start: the period 2031-12-31 to 2032-03-31 shares days with target $T1 of this customer (2031-01-01 to 2031-12-31); one target per day
NOPE1,3,customer_id: no customer 'NOPE1' has been imported; import the customer first" \
	"  the stored target and the unknown customer are rejected with their reasons"
is "$(sql "SELECT COUNT(*) FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id = 'IA2'"):$(sql "SELECT COUNT(*) FROM customers WHERE host_id = 'NOPE1'")" \
	"1:0" "  IA2's target written, no customer NOPE1 made up"

# the targets API and the staff form answer an overlap the same way: 422 naming the other
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "IA1", "period_start": "2031-03-01", "period_end": "2031-04-30", "amount": "1"}'
is "$STATUS" 422 "POST /api/v1/targets: an overlap is 422"
like "$(json error.message)" "target $T1 of this customer" "  naming the other target"
clean
