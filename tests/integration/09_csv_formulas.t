#!/usr/bin/env bash
# CSV formula injection (issue 22): a stored text that starts with = + - @
# or a TAB reaches every CSV a person downloads as text, never as a
# formula: the customer list's download (staff page and API), `salient
# export customers`, the targets report's CSV and the jobs' CSV.  The
# cell's text stays whole after the apostrophe (salient/csv.h).
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
sql "DELETE t FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id LIKE 'FX-%';
     DELETE FROM customers WHERE host_id LIKE 'FX-%';
     INSERT INTO customers (host_id, first_name, last_name, email, smart_type, account_manager) VALUES
      ('FX-1', '=HYPERLINK(\"http://evil.example\")', '+SUM(1)', '@x@evil.example', 'trade', '-2+3'),
      ('FX-2', '	tabbed', 'Plain', 'plain@example.com', 'trade', 'Ann'),
      ('FX-3', CONCAT('bell', CHAR(7)), 'Ctl', 'ctl@example.com', 'trade', 'Ann');
     INSERT INTO targets (customer_id, period_start, period_end, amount)
      SELECT id, '2040-01-01', '2040-12-31', 10 FROM customers WHERE host_id = 'FX-1'"

check() {  # check NAME FILE
	grep -q 'HYPERLINK' "$2"
	ok $? "$1 holds the name"
	! grep -Eq '(^|,)(=|\+|-[^0-9]|@|	)' "$2"
	ok $? "$1: no cell starts with = + - @ or TAB unquoted"
	grep -q '"'"'"'=HYPERLINK(""http://evil.example"")' "$2"
	ok $? "$1: the formula is text, whole, after an apostrophe"
}

http GET "/api/v1/customers.csv" "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/customers.csv"
cp "$TMP/body" "$TMP/list.csv"
check "customers.csv" "$TMP/list.csv"
grep -q '"'"'"'+SUM(1)"' "$TMP/list.csv"
ok $? "  a last name starting with + too"
grep -q '"'"'"'@x@evil.example"' "$TMP/list.csv"
ok $? "  an e-mail starting with @ too"
grep -q '"'"'"'	tabbed"' "$TMP/list.csv"
ok $? "  a TAB too"

# the spreadsheet variant needs no apostrophe: a text cell is never a formula
http GET "/api/v1/customers.xlsx" "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/customers.xlsx"
unzip -p "$TMP/body" xl/worksheets/sheet1.xml > "$TMP/sheet.xml"
grep -Eq '<t>=HYPERLINK\((&quot;|")http://evil.example(&quot;|")\)</t>' "$TMP/sheet.xml"
ok $? "customers.xlsx: the formula-like name is a text cell, whole"
grep -q '<t>+SUM(1)</t>' "$TMP/sheet.xml" && grep -q '<t>@x@evil.example</t>' "$TMP/sheet.xml"
ok $? "  + and @ too, as they were typed"
grep -q '<f>' "$TMP/sheet.xml"
is $? 1 "  and the sheet holds no formula"
xmllint --noout "$TMP/sheet.xml"
ok $? "  a control character in a name leaves the sheet well-formed XML"

"${S_CLI[@]}" export customers --out "$TMP/export.csv" 2> /dev/null
ok $? "salient export customers"
check "salient export customers" "$TMP/export.csv"

http GET "/api/v1/targets.csv?customer=FX-1&state=all" "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/targets.csv"
cp "$TMP/body" "$TMP/targets.csv"
check "targets.csv" "$TMP/targets.csv"
grep -q '"'"'"'-2+3"' "$TMP/targets.csv"
ok $? "  the account manager starting with - too"
grep -Eq ',10\.00,0\.00,' "$TMP/targets.csv"
ok $? "  while the numbers stay numbers"

sql "INSERT INTO jobs (kind, args, state, last_error, finished_at) VALUES ('core.cleanup', '{}', 'failed', '=cmd|\" /C calc\"!A0', NOW(3))"
http GET /api/v1/jobs.csv "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/jobs.csv"
grep -q '"'"'"'=cmd|"" /C calc""!A0"' "$TMP/body"
ok $? "  a job's error that looks like a formula is text"
sql "DELETE FROM jobs WHERE last_error LIKE '=cmd%'"
