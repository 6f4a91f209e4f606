#!/usr/bin/env bash
# The customer manager (issue 6 items 4-6, issue 8) on a hand-computed
# fixture: the classification run of 50_classify.t (timeframe 3 months, as
# of 2024-03-31) plus names, managers, a tag, a target, predictions and a
# title that needs quoting.  Search, each filter, sorts, paging, badges;
# the CSV byte for byte against a golden file written by hand
# (fixtures/customers_export.csv) from the web and from `salient export
# customers`, stored and --as-of; comments; the record; the report; roles.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
GOLDEN=$ROOT/tests/integration/fixtures/customers_export.csv

sql "DELETE FROM classification_history; DELETE FROM customer_classifications;
     DELETE FROM classifications; DELETE FROM classify_runs; DELETE FROM customer_metrics;
     DELETE FROM customer_predictions; DELETE FROM predict_fits; DELETE FROM customer_comments;
     DELETE FROM order_lines; DELETE FROM orders; DELETE FROM customer_tags;
     DELETE FROM consents; DELETE FROM targets; DELETE FROM sessions WHERE customer_id IS NOT NULL;
     DELETE FROM customers;
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type, first_name, last_name, email, account_manager) VALUES
       (1, 'A', 'retail', 'Anna', 'Smith, Jr.', 'anna@example.com', 'Mona'),
       (2, 'B', 'retail', 'Bo', 'Berg', 'bo@example.com', 'Mona'),
       (3, 'C', 'trade', 'Carl', 'Carlsen', 'carl@example.com', 'Nils'),
       (5, 'D', 'distributor', 'Dora', NULL, 'dora@example.com', NULL);
     INSERT INTO customers (id, host_id, placeholder) VALUES (4, 'P', 1);
     UPDATE customers SET phone = '+45 12 34 56 78', postcode = '8000', city = 'Aarhus C',
       country = 'DK', language = 'da' WHERE id = 1;
     UPDATE customers SET phone = '22 33 44 55', city = 'Москва', country = 'RU', language = 'ru'
       WHERE id = 3;
     INSERT INTO customer_tags (customer_id, tag) VALUES (2, 'vip'), (1, 'Øst'), (1, 'golf');
     INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES
       (3, CURDATE() - INTERVAL 10 DAY, CURDATE() + INTERVAL 10 DAY, 5000),
       (1, '2020-01-01', '2020-12-31', 100);
     INSERT INTO orders (host_id, customer_id, order_date, ordered_at, total, currency, status, channel) VALUES
       ('a1', 1, '2023-11-01', '2023-11-01 10:00:00', 100, 'DKK', 'paid', 'online'),
       ('a2', 1, '2023-11-11', '2023-11-11 10:00:00', 100, 'DKK', 'paid', 'online'),
       ('a3', 1, '2023-11-21', '2023-11-21 10:00:00', 100, 'DKK', 'paid', 'phone'),
       ('a4', 1, '2024-03-21', '2024-03-21 10:00:00', 150, 'DKK', 'paid', 'online'),
       ('a5', 1, '2024-03-30', '2024-03-30 10:00:00', 999, 'DKK', 'refunded', 'online'),
       ('b1', 2, '2024-03-01', '2024-03-01 10:00:00', 50, 'DKK', 'paid', 'online'),
       ('b2', 2, '2024-03-11', '2024-03-11 10:00:00', 50, 'DKK', 'paid', 'online'),
       ('c1', 3, '2024-03-30', '2024-03-30 10:00:00', 1000, 'DKK', 'paid', 'boxoffice');
     INSERT INTO classifications (id, title, comments, colour, type, smart_type, value, position) VALUES
       (1, 'Due', 'Call them this week', '#198754', 'risk_score', 'all', 100, 1),
       (2, 'Late', NULL, '#dc3545', 'risk_score', 'all', 300, 2),
       (3, 'Top', NULL, '#0d6efd', 'revenue_rank', 'retail', 50, 1),
       (4, 'Falling, \"fast\"', NULL, '#ffc107', 'revenue_change', 'all', 0, 1);
     INSERT INTO predict_fits (id, smart_type, as_of, n_customers, n_repeaters, history_days,
       monthly_discount, r, alpha, a, b, status) VALUES
       (1, 'retail', '2024-03-31', 300, 80, 400, 0.01, 1.2, 14, 0.33, 7, 'published');
     INSERT INTO customer_predictions (customer_id, fit_id, as_of, p_alive, expected_orders_90d,
       expected_aov, clv_12m, x, t_x, T) VALUES
       (1, 1, '2024-03-31', 0.873105, 1.23456, 120, 456.785, 3, 20.14, 21.71),
       (2, 1, '2024-03-31', 0.25, 0.1, 50, 12.34, 1, 1.43, 4.29);"
ok $? "fixture loaded"
out=$("${S[@]}" recompute --as-of 2024-03-31)
like "$out" "4 customers, 7 paid orders" "the classification run as of 2024-03-31"

staff_user cust-agent@test.example agent cust-agent-pass-1
"${S_CLI[@]}" user enable --email cust-agent@test.example > /dev/null 2>&1
sql "UPDATE users SET name = 'Agnes Agent' WHERE email = 'cust-agent@test.example'"
staff_login cust-agent@test.example cust-agent-pass-1 "$TMP/agent.jar"
AGENT_CSRF=$CSRF
ok $([ -n "$AGENT_CSRF" ]; echo $?) "a sales agent signs in"
A=(-b "$TMP/agent.jar" -H 'Accept: application/json')
ids() { json customers | perl -MJSON::PP -e 'print join(",", map { $_->{customer_id} } @{decode_json(join("", <STDIN>))})'; }

# ---- the list: default order, total, badges
http GET /admin/customers "${A[@]}"
is "$STATUS" 200 "GET /admin/customers as JSON"
is "$(ids)" "D,C,B,A" "newest customer first by default (placeholders never listed)"
is "$(json total.value)/$(json total.capped)/$(json total.text)" "4/false/4" "an exact total under the cap"
is "$(json plan)" "customers/index" "answered from the customers' own index"
is "$(json customers.3.classifications)" \
   '[{"colour":"#198754","id":1,"text":"Due","title":"Due"},{"colour":"#0d6efd","id":3,"text":"Top","title":"Top"},{"colour":"#ffc107","id":4,"text":"Falling, \"fast\"","title":"Falling, \"fast\""}]' \
   "A's badges: title and colour, in tier order"
is "$(json customers.2.classifications.0.title)" Late "B's badge"
is "$(json customers.0.classifications)" "[]" "D holds none"
is "$(json customers.3.revenue_cur.value)/$(json customers.3.risk_score.text)" "150/21.3%" "metrics with their texts"
is "$(json customers.0.risk_score.value)" null "an undefined metric is null"
is "$(json customers.3.p_alive.value)/$(json customers.3.p_alive.text)/$(json customers.3.clv_12m.value)" \
   "0.873105/87%/456.785" "predictions in the list"
is "$(json customers.1.has_target)/$(json customers.3.has_target)" "true/false" "C has a target in force; A's ended in 2020"
http GET /api/v1/customers -H "Authorization: Bearer $API_KEY"
is "$STATUS/$(ids)" "200/D,C,B,A" "GET /api/v1/customers: the same model"
http GET /admin/customers -b "$TMP/agent.jar"
is "$STATUS" 200 "the page renders"
like "$BODY" 'data-colour="#ffc107">Falling, &quot;fast&quot;</span>' "with colour badges under the names"
like "$BODY" 'data-comment-url="/salient/admin/customers/1/comments"' "and a comment button per customer"

# ---- search
for c in "q=anna:A" "q=SMITH:A" "q=bo%20berg:B" "q=C:C" "q=carl%40:C" "q=dora%40example.com:D" \
         "q=%25:" "q=Berg%20Bo:" "q=%20%20bo%20:B"; do
	http GET "/admin/customers?${c%%:*}" "${A[@]}"
	is "$(ids)" "${c#*:}" "search ${c%%:*}"
done

# ---- each filter
for c in "classification=1:A" "classification=2:B" "classification=999:" "smart_type=trade:C" \
         "manager=Mona:B,A" "tag=vip:B" "has_target=yes:C" "has_target=no:D,B,A" \
         "p_alive_min=0.5:A" "p_alive_max=0.5:B" "expected_orders_min=1:A" "clv_max=100:B" \
         "clv_min=100&clv_max=1000:A" "manager=Mona&classification=3:A" "classification=1&tag=vip:"; do
	http GET "/admin/customers?${c%%:*}" "${A[@]}"
	is "$(ids)" "${c#*:}" "filter ${c%%:*}"
done
http GET "/admin/customers?classification=1" "${A[@]}"
is "$(json plan)/$(json filters.classification)" "classification/index/1" "?classification=ID walks the classification's members"

# ---- sorts
for c in "sort=revenue_cur:C,A,B,D" "sort=revenue_cur&dir=asc:D,B,A,C" "sort=name:B,C,A,D" \
         "sort=name&dir=desc:A,C,B,D" "sort=customer_id:A,B,C,D" "sort=risk_score:B,A,D,C" \
         "sort=risk_score&dir=asc:A,B,C,D" "sort=revenue_change:A,D,C,B" "sort=orders_cur:B,C,A,D" \
         "sort=p_alive:A,B,D,C" "sort=expected_orders_90d&dir=asc:B,A,C,D" "sort=clv_12m:A,B,D,C" \
         "sort=added&dir=asc:A,B,C,D" "sort=rfm:C,A,B,D" "sort=rfm&dir=asc:B,A,C,D"; do
	http GET "/admin/customers?${c%%:*}" "${A[@]}"
	is "$(ids)" "${c#*:}" "sort ${c%%:*}"
done
http GET "/admin/customers?sort=clv_12m" "${A[@]}"
is "$(json columns.clv_12m.href)/$(json columns.clv_12m.dir)" "/admin/customers?sort=clv_12m&dir=asc/desc" \
   "the active column's link flips the direction"
is "$(json columns.name.href)" "/admin/customers?sort=name&dir=asc" "another column's link sorts by it"

# ---- paging
http GET "/admin/customers?sort=customer_id&per_page=3" "${A[@]}"
is "$(ids)/$(json pager.pages)" "A,B,C/2" "page 1 of 2"
is "$(json pager.next_href)" "/admin/customers?sort=customer_id&dir=asc&per_page=3&page=2" "with a link to page 2"
http GET "$(json pager.next_href)" "${A[@]}"
is "$(ids)/$(json pager.prev_href)/$(json pager.next_href)" "D//admin/customers?sort=customer_id&dir=asc&per_page=3/null" \
   "page 2: the rest, a link back, no next"
http GET "/admin/customers?page=9" "${A[@]}"
is "$STATUS/$(ids)" "200/" "a page past the end is empty"

# ---- bad input names the field
for c in "classification=x:classification" "smart_type=wholesale:smart_type" "sort=size:sort" \
         "dir=up:dir" "page=0:page" "per_page=500:per_page" "has_target=maybe:has_target" \
         "p_alive_min=2:p_alive_min" "clv_max=-1:clv_max" "q=$(printf 'x%.0s' $(seq 1 101)):q"; do
	http GET "/admin/customers?${c%%:*}" "${A[@]}"
	is "$STATUS" 400 "bad ${c#*:} is 400"
	like "$(json error.message)" "^${c#*:}: " "  naming the field"
	is "$(json error.field)" "${c#*:}" "  in error.field"
done
# declared inputs: the reason, unknown inputs, the caller's own number format
http GET "/api/v1/customers?page=0" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:page:range "page 0 is out of range"
http GET "/api/v1/customers?page=100001" "${A[@]}"
is "$STATUS:$(json error.reason)" 400:range "  and so is a page past CU_PAGE_MAX"
http GET "/api/v1/customers?sort=size" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:sort:enum "a sort key that is not one is an enum error"
http GET "/api/v1/customers?category=1" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:category:unknown "an input the list does not take is refused, named"
http GET "/admin/customers?lang=da&p_alive_min=0,5" "${A[@]}"
is "$STATUS:$(json filters.p_alive_min)" 200:0.5 "a Danish page's 0,5 is read as 0.5"
http GET "/admin/customers?lang=en&p_alive_min=0.5" "${A[@]}"
is "$STATUS:$(json filters.p_alive_min)" 200:0.5 "  (and back in English: 0.5)"
http GET "/api/v1/customers?p_alive_min=0,5" "${A[@]}"
is "$STATUS:$(json error.reason)" 400:decimal "  the API's query strings take the plain form only"
http GET "/api/v1/customers?p_alive_min=0.1234567" "${A[@]}"
is "$STATUS:$(json error.reason)" 400:places "  with at most 6 decimals"
http GET "/api/v1/customers?p_alive_min=&has_target=&smart_type=" "${A[@]}"
is "$STATUS:$(json total.value)" 200:4 "the form's empty fields are no filter"

# ---- the CSV: web download and the command, byte for byte
http GET /admin/customers.csv -b "$TMP/agent.jar"
is "$STATUS" 200 "GET /admin/customers.csv"
like "$(header Content-Type)" '^text/csv' "as text/csv"
like "$(header Content-Disposition)" 'attachment; filename="customers.csv"' "as a download"
cmp -s "$TMP/body" "$GOLDEN"
ok $? "the web download equals the hand-written golden file byte for byte"
[ $? -eq 0 ] || diff <(cat -A "$TMP/body") <(cat -A "$GOLDEN") | sed 's/^/# /'
http GET /api/v1/customers.csv -H "Authorization: Bearer $API_KEY"
cmp -s "$TMP/body" "$GOLDEN"
ok $? "GET /api/v1/customers.csv: the same bytes"
"${S[@]}" export customers --out "$TMP/export.csv" 2> "$TMP/export.err"
ok $? "salient export customers --out FILE"
cmp -s "$TMP/export.csv" "$GOLDEN"
ok $? "  writes the same bytes (the stored results of the last run)"
like "$(cat "$TMP/export.err")" "4 customers" "  and says how many"

# ---- the spreadsheet (cu_xlsx.h): the same rows as typed cells, titles in
# the reader's language; compared cell by cell with the golden CSV
http GET /admin/customers.xlsx -b "$TMP/agent.jar"
is "$STATUS" 200 "GET /admin/customers.xlsx"
is "$(header Content-Type)" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" \
   "  as a spreadsheet"
like "$(header Content-Disposition)" 'attachment; filename="customers.xlsx"' "  a download"
cp "$TMP/body" "$TMP/c.xlsx"
unzip -p "$TMP/c.xlsx" xl/worksheets/sheet1.xml > "$TMP/sheet1.xml"
xmllint --noout "$TMP/sheet1.xml"
ok $? "  its sheet is well-formed XML"
out=$(perl "$ROOT/tests/integration/fixtures/xlsx_vs_csv.pl" "$TMP/sheet1.xml" "$GOLDEN")
ok $? "  every cell equals the golden CSV's: text as text, numbers and dates as typed cells"
[ "$out" = "rows 5" ] || printf '%s\n' "$out"
grep -q '<t>+45 12 34 56 78</t>' "$TMP/sheet1.xml"
ok $? "  a phone that starts with + is plain text, without the CSV's apostrophe"
grep -q '<f>' "$TMP/sheet1.xml"
is $? 1 "  and no cell is a formula"
like "$(unzip -p "$TMP/c.xlsx" xl/worksheets/sheet1.xml | grep -o '<row r="1".*</row>' | head -c 300)" \
   '<t>Customer id</t>.*<t>E-mail</t>' "  the header row holds the column titles"
http GET "/admin/customers.xlsx?lang=da&classification=1" -b "$TMP/agent.jar"
cp "$TMP/body" "$TMP/da.xlsx"
like "$(unzip -p "$TMP/da.xlsx" xl/workbook.xml)" 'sheet name="Kunder"' "  in Danish: the sheet is Kunder"
like "$(unzip -p "$TMP/da.xlsx" xl/worksheets/sheet1.xml)" '<t>Kunde-id</t>.*<t>Seneste ordre</t>' \
   "  and the titles Danish"
is "$(unzip -p "$TMP/da.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)" 2 \
   "  the list's filters apply: the header and the one customer in classification 1"
http GET /api/v1/customers.xlsx -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(header Content-Type)" "200:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" \
   "GET /api/v1/customers.xlsx"
http GET "/admin/customers.xlsx?smart_type=x" -b "$TMP/agent.jar" -H 'Accept: application/json'
is "$STATUS:$(json error.field)" 400:smart_type "  a bad filter is a 400 naming it"
is "$(ls "${TMPDIR:-/tmp}" | grep -c '^salient-customers-')" 0 "  and no temporary file is left behind"
http GET /admin/customers -b "$TMP/agent.jar"
like "$BODY" 'href="[^"]*/admin/customers.xlsx"' "the list links the spreadsheet"
runs=$(sql "SELECT COUNT(*) FROM classify_runs")
"${S[@]}" export customers --as-of 2024-03-31 > "$TMP/asof.csv" 2> "$TMP/asof.err"
ok $? "salient export customers --as-of 2024-03-31 (to stdout)"
cmp -s "$TMP/asof.csv" "$GOLDEN"
ok $? "  computes the same bytes in memory (cl_compute)"
[ $? -eq 0 ] || diff <(cat -A "$TMP/asof.csv") <(cat -A "$GOLDEN") | sed 's/^/# /'
"${S[@]}" export customers --as-of 2024-05-20 > "$TMP/may.csv" 2> "$TMP/may.err"
ok $? "salient export customers --as-of 2024-05-20"
is "$(grep -c '' "$TMP/may.csv")" 5 "--as-of 2024-05-20: header and four customers"
like "$(sed -n 2p "$TMP/may.csv")" '^A,.*,"?Late; Top"?,0\.8731,' "  A is late and top as of then"
like "$(sed -n 3p "$TMP/may.csv")" '^B,.*,,0\.2500,' "  B holds nothing (risk 700, past every tier)"
is "$(sql "SELECT COUNT(*) FROM classify_runs")/$(sql "SELECT GROUP_CONCAT(DISTINCT as_of) FROM customer_metrics")" \
   "$runs/2024-03-31" "  and nothing was written"
out=$("${S[@]}" export customers --as-of 2024-02-30 2>&1)
is "$?" 2 "a bad --as-of is a usage error"
like "$out" "'2024-02-30' is not a date" "  saying so"
out=$("${S[@]}" export orders 2>&1)
is "$?" 2 "salient export knows only customers"
http GET "/admin/customers.csv?classification=1" -b "$TMP/agent.jar"
is "$(cat "$TMP/body")" "$(sed -n 1,2p "$GOLDEN")" "the download follows the list's filters"
http GET "/admin/customers.csv?manager=Mona&sort=name&page=2" -b "$TMP/agent.jar"
is "$(cat "$TMP/body")" "$(sed -n 1,3p "$GOLDEN")" "  (sort and page do not apply: all of it, in customer order)"
http GET "/admin/customers.csv?smart_type=x" -b "$TMP/agent.jar" -H 'Accept: application/json'
is "$STATUS" 400 "  and checks them the same way"

# ---- comments: the dialog's form, the API, newest first, bad input
audits=$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'customer.comment' AND object_id = '1'")
http POST /admin/customers/1/comments -b "$TMP/agent.jar" --data-urlencode "csrf_token=$AGENT_CSRF" \
	--data-urlencode "text=Called, will order in April" --data-urlencode "return_to=/admin/customers?manager=Mona"
is "$STATUS" 303 "the comment dialog's form saves"
is "$(header Location)" "/salient/admin/customers?manager=Mona&commented=1" "and returns to the list it came from"
http GET "/admin/customers?manager=Mona&commented=1" "${A[@]}"
is "$(json commented.name)" "Anna Smith, Jr." "which names the customer commented on"
sleep 0.01
http POST /api/v1/customers/1/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
	-d '{"text": "  Second: prefers e-mail\n  "}'
is "$STATUS" 201 "POST /api/v1/customers/1/comments (JSON) is 201"
is "$(json comment.text)/$(json comment.author)" "Second: prefers e-mail/API key" "  trimmed, with its author"
http POST /admin/customers/1/comments -b "$TMP/agent.jar" -H "X-CSRF-Token: $AGENT_CSRF" -H 'Accept: application/json' \
	--data-urlencode "text=Third from the record" --data-urlencode "return_to=/admin/customers/1"
is "$STATUS" 201 "the form asking for JSON gets 201"
http GET /api/v1/customers/1 -H "Authorization: Bearer $API_KEY"
is "$(json comments.0.text)|$(json comments.1.text)|$(json comments.2.text)" \
   "Third from the record|Second: prefers e-mail|Called, will order in April" "comments newest first"
is "$(json comments.0.author)|$(json comments.2.author)" "Agnes Agent|Agnes Agent" "with the agent's name as author"
like "$(json comments.0.created_at)" '^20[0-9-]+T[0-9:.]+Z$' "and the time"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'customer.comment' AND object_id = '1'")" $((audits + 3)) \
   "each comment is audited"
for c in '{"text": ""}|422' '{"text": "   \n "}|422' '{"text": ["x"]}|400' '{}|422'; do
	http POST /api/v1/customers/1/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "${c%%|*}"
	is "$STATUS" "${c#*|}" "comment ${c%%|*} is ${c#*|}"
	like "$(json error.message)" "^text: " "  naming the field"
done
long=$(printf 'é%.0s' $(seq 1 2001))
http POST /api/v1/customers/1/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "{\"text\": \"$long\"}"
is "$STATUS" 422 "2,001 characters is too long"
like "$(json error.message)" '^text: at most 2000 characters' "  saying the limit"
http POST /api/v1/customers/1/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "{\"text\": \"${long:1}\"}"
is "$STATUS" 201 "2,000 characters (4,000 bytes) fit"
http POST /api/v1/customers/999/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d '{"text": "x"}'
is "$STATUS" 404 "a comment on no customer is 404"
http POST /api/v1/customers/4/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d '{"text": "x"}'
is "$STATUS" 404 "  nor on a placeholder"
http POST /admin/customers/1/comments -b "$TMP/agent.jar" --data-urlencode "csrf_token=$AGENT_CSRF" \
	--data-urlencode "text=From the report" --data-urlencode "return_to=/admin/reports/orders?manager=Mona"
is "$STATUS/$(header Location)" "303//salient/admin/reports/orders?manager=Mona&commented=1" "from the report, back to the report"
http POST /admin/customers/1/comments -b "$TMP/agent.jar" --data-urlencode "csrf_token=$AGENT_CSRF" \
	--data-urlencode "text=From the record" --data-urlencode "return_to=/admin/customers/1"
is "$STATUS/$(header Location)" "303//salient/admin/customers/1#comments" "from the record, back to its comments"
http POST /admin/customers/1/comments -b "$TMP/agent.jar" --data-urlencode "csrf_token=$AGENT_CSRF" \
	--data-urlencode "text=Elsewhere" --data-urlencode "return_to=//evil.example/x"
is "$STATUS/$(header Location)" "303//salient/admin/customers/1#comments" "a foreign return_to is not followed"
http POST /admin/customers/1/comments -b "$TMP/agent.jar" --data-urlencode "text=no token"
is "$STATUS" 403 "the form without its CSRF token is refused"
is "$(sql "SELECT COUNT(*) FROM customer_comments WHERE customer_id = 1")" 7 "and only the good comments were saved"

# ---- the record
http GET "/api/v1/customers/1?as_of=2024-03-31" -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "GET /api/v1/customers/1"
is "$(json customer.name)/$(json customer.customer_id)/$(json customer.trade_href)" "Anna Smith, Jr./A/null" "details (no trade link for retail)"
is "$(json metrics.revenue_cur.value)/$(json metrics.orders_prev.value)/$(json metrics.as_of)" "150/3/2024-03-31" "the last run's numbers"
# RFM over A, B, C (D has no paid order in C): R by last order 03-21, 03-11,
# 03-30 (w 1, 0, 2 of 3), F 1, 2, 1, M 150, 100, 1000: A 2-1-2, B 1-4-1, C 4-1-4
is "$(json metrics.rfm.text)/$(json metrics.rfm.cell)/$(json metrics.rfm.lost)" "2-1-2/212/false" "A's RFM scores"
http GET "/admin/customers?sort=rfm" "${A[@]}"
is "$(json customers.0.rfm.text)/$(json customers.2.rfm.text)/$(json customers.2.rfm.lost)/$(json customers.3.rfm)" \
   "4-1-4/1-4-1/true/null" "the list shows each customer's RFM (B is lost: R1; D none)"
http GET "/api/v1/customers/1?as_of=2024-03-31" -H "Authorization: Bearer $API_KEY"
is "$(json classifications.0.title)/$(json classifications.0.comments)/$(json classifications.0.colour)/$(json classifications.0.since)" \
   "Due/Call them this week/#198754/2024-03-31" "classifications with colour, comments and since"
is "$(json history.months.0)/$(json history.months.23)" "2022-04/2024-03" "24 months to the as-of date"
is "$(json history.revenue.19)/$(json history.revenue.23)/$(json history.orders.23)" "300/150/1" \
   "revenue of Nov 2023 and Mar 2024 (the refund does not count)"
is "$(json history.risk.18)" null "risk undefined before the second order day (Oct 2023)"
is "$(json history.risk.20)" 400 "risk at 2023-12-31: 40 days on a 10-day rhythm"
perl -e 'exit(abs($ARGV[0] - $ARGV[1]) < 1e-9 ? 0 : 1)' "$(json history.risk.23)" "$(json metrics.risk_score.value)"
ok $? "the chart's last risk equals the run's risk score ($(json history.risk.23))"
is "$(json predictions.available)/$(json predictions.p_alive)/$(json predictions.clv_12m)" "true/0.873105/456.785" "predictions"
is "$(json predictions.decay | perl -MJSON::PP -e 'print scalar @{decode_json(<STDIN>)}')" 12 "  with 12 months of decay"
is "$(json orders.0.order_id)/$(json orders.0.status)/$(json orders.4.order_id)" "a5/refunded/a1" "recent orders, newest first"
http GET /api/v1/customers/3 -H "Authorization: Bearer $API_KEY"
is "$(json predictions.available)/$(json predictions.reason_key)" "false/predict.none.no_fit" "no published fit for trade: said plainly"
is "$(json customer.trade_href)" "/admin/customers/3/trade" "a trade customer links to its trade summary"
http GET /admin/customers/3 -b "$TMP/agent.jar"
like "$BODY" 'data-no-prediction>No prediction: no model has been published' "the page says why there is no prediction"
http GET /admin/customers/1 -b "$TMP/agent.jar"
is "$STATUS" 200 "the record page renders"
like "$BODY" 'data-cu-chart="history"' "with the revenue and risk chart"
like "$BODY" 'id="cu-comment"' "and the comment dialog"
http GET /admin/customers/by-host/B -b "$TMP/agent.jar"
is "$STATUS/$(header Location)" "302//salient/admin/customers/2" "by-host/B redirects to the record by internal id"
http GET /admin/customers/by-host/NOPE "${A[@]}"
is "$STATUS" 404 "an unknown host id is 404"
http GET /admin/customers/4 "${A[@]}"
is "$STATUS" 404 "a placeholder has no record"
http GET /admin/customers/abc "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a bad id is 400, named"
http GET /admin/customers/99999999999999999999 "${A[@]}"
is "$STATUS:$(json error.reason)" 400:range "  an id too large is out of range"
http GET /admin/customers/by-host/$(printf 'x%.0s' $(seq 1 65)) "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:customer_id:long "a host id over 64 bytes is 400"
http GET "/admin/customers/1?as_of=2024-13-01" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:as_of:date "a bad as_of is 400"
http GET "/admin/customers/1?page=2" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:page:unknown "the record takes no page"
http POST /api/v1/customers/abc/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d '{"text": "x"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a comment on a bad id is 400"
http POST /api/v1/customers/1/comments -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d '{"text": "x", "author": "me"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:author:unknown "  and an unknown member is refused"

# ---- the order analysis report
http GET "/api/v1/reports/orders?manager=Mona&as_of=2024-03-31" -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "GET /api/v1/reports/orders"
is "$(ids)" "B,A" "the list filtered by account manager"
is "$(json trend.months.23)/$(json trend.revenue.19)/$(json trend.revenue.23)/$(json trend.orders.23)/$(json trend.customers.23)" \
   "2024-03/300/250/3/2" "the monthly trend of the selection"
is "$(json totals.revenue.value)/$(json totals.orders.value)" "550/6" "  and its totals"
http GET "/api/v1/reports/orders?classification=2&as_of=2024-03-31" -H "Authorization: Bearer $API_KEY"
is "$(ids)/$(json trend.revenue.23)" "B/100" "filtered by classification"
http GET "/api/v1/reports/orders?manager=Mona&q=anna&as_of=2024-03-31" -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(ids):$(json totals.revenue.value)" "200:A:450" "every filter of the list applies (62_report_orders.t tries each)"
http GET "/api/v1/reports/orders?nosuch=1" -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(json error.field):$(json error.reason)" "400:nosuch:unknown" "an unknown input is refused, not ignored"
http GET "/api/v1/reports/orders?as_of=2024-02-30" -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(json error.field):$(json error.reason)" 400:as_of:date "a bad as_of is 400"
http GET "/api/v1/reports/orders?manager=Mona&page=2&per_page=1&sort=name&dir=asc" -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(ids)" 200:A "with the list's sort and paging"
http GET /admin/reports/orders -b "$TMP/agent.jar"
is "$STATUS" 200 "the report page renders"
like "$BODY" 'data-nav="nav.report_orders"' "with its entry in the navigation"

# ---- a customer added since the last run has no metrics yet
sql "INSERT INTO customers (id, host_id, smart_type, first_name, last_name) VALUES (6, 'E', 'retail', 'Eva', 'Ek')"
http GET "/admin/customers?sort=revenue_cur" "${A[@]}"
is "$(ids)" "C,A,B,D,E" "no metrics yet: last in a metric sort"
is "$(json customers.4.revenue_cur.value)" null "  with no numbers"
http GET "/admin/customers.csv?q=E" -b "$TMP/agent.jar"
is "$(sed -n 2p "$TMP/body")" "E,,Eva,Ek,retail,,,,,,,,,,,,,,,,,,,,,,,,"$'\r' "  and empty fields in the CSV"

# ---- many customers: a capped total and the walk of the revenue index
sql "INSERT INTO customers (id, host_id, smart_type, first_name, last_name, account_manager)
       SELECT 100 + seq, CONCAT('X', LPAD(seq, 4, '0')), 'retail', 'Xavier', CONCAT('X', seq), IF(seq % 2, 'Odd', 'Even')
       FROM seq_1_to_1600;
     INSERT INTO customer_metrics (customer_id, as_of, revenue_cur, revenue_prev, orders_cur, orders_prev)
       SELECT 100 + seq, '2024-03-31', seq, 0, 1, 0 FROM seq_1_to_1600;
     INSERT INTO classifications (id, title, type, smart_type, value, position) VALUES (5, 'Many', 'orders', 'all', 5, 1);
     INSERT INTO customer_classifications (customer_id, classification_id, since)
       SELECT 100 + seq, 5, '2024-03-31' FROM seq_1_to_1600 WHERE seq % 3 > 0"
http GET "/admin/customers?classification=5" "${A[@]}"
is "$(json total.value)/$(json total.capped)/$(json total.text)" "1001/true/1,000+" "1,067 members: the total is capped"
is "$(json plan)/$(json customers.0.customer_id)/$(json pager.pages)" "classification/index/X1600/20+" "newest member first"
http GET "/admin/customers?classification=5&sort=revenue_cur" "${A[@]}"
is "$(json plan)/$(ids | cut -d, -f1-4)" "classification/walk/X1600,X1598,X1597,X1595" "sorted by revenue: the index walk, members only"
http GET "/admin/customers?classification=5&sort=revenue_cur&dir=asc&manager=Even" "${A[@]}"
is "$(ids | cut -d, -f1-3)" "X0002,X0004,X0008" "ascending, with a second filter"
http GET "/admin/customers?classification=5&sort=revenue_cur&page=17" "${A[@]}"
is "$(json plan)/$(ids | cut -d, -f1)" "classification/walk/X0400" "page 17 walks on (members 801 to 850)"
http GET "/admin/customers?classification=5&sort=revenue_cur&page=22" "${A[@]}"
is "$(json plan)/$(ids | cut -d, -f1)/$(ids | tr , '\n' | grep -c .)/$(json pager.next_href)" "classification/sort/X0025/17/null" \
   "the walk runs out at the end of the index: the sorted plan answers the last page"
http GET "/admin/customers?sort=orders_cur" "${A[@]}"
is "$(json plan)/$(ids | cut -d, -f1-3)" "customers/walk/B,X1600,X1599" \
   "the whole list by orders: the metrics sorted alone, then joined"
http GET "/admin/customers?sort=risk_score" "${A[@]}"
is "$(json plan)/$(ids | cut -d, -f1-3)" "customers/sort/B,A,X1600" \
   "by risk: two defined, so the sorted plan answers (undefined last, newest first)"
http GET "/admin/customers?sort=p_alive&dir=asc&per_page=1" "${A[@]}"
is "$(json plan)/$(ids)/$(json pager.next_href)" "customers/walk/B//admin/customers?sort=p_alive&dir=asc&per_page=1&page=2" \
   "by P(alive), lowest first, one per page"
http GET "/admin/customers?classification=5&sort=name&per_page=2" "${A[@]}"
is "$(json plan)/$(ids)" "classification/walk/X0001,X0010" "sorted by name through the name index"

# ---- who may
http GET /admin/customers -H 'Accept: application/json'
is "$STATUS" 401 "nobody signed in: 401"
http GET /admin/customers
is "$STATUS" 302 "  (the page sends the browser to sign in)"
http GET /api/v1/customers.csv
is "$STATUS" 401 "  nor the CSV"
http POST /api/v1/customers/1/comments -H 'Content-Type: application/json' -d '{"text": "anon"}'
is "$STATUS" 401 "  nor comment"
http GET "$(trade_link C)" -c "$TMP/trade.jar"
is "$STATUS" 302 "a trade customer signs in through its link"
for p in /admin/customers /admin/customers/3 /api/v1/customers /admin/customers.csv /admin/reports/orders; do
	http GET "$p" -b "$TMP/trade.jar" -H 'Accept: application/json'
	is "$STATUS" 403 "a trade customer: GET $p is 403"
done
http POST /admin/customers/3/comments -b "$TMP/trade.jar" -H 'Accept: application/json' --data-urlencode "text=me"
is "$STATUS" 403 "  and may not comment"
is "$(sql "SELECT COUNT(*) FROM customer_comments WHERE customer_id = 3")" 0 "  (nothing saved)"
read_tok=$(api_token cust-read read)
http GET /api/v1/customers -H "Authorization: Bearer $read_tok"
is "$STATUS" 200 "a read token lists customers"
http POST /api/v1/customers/1/comments -H "Authorization: Bearer $read_tok" -H 'Content-Type: application/json' -d '{"text": "r"}'
is "$STATUS" 403 "  but may not comment"

sql "DELETE FROM customer_classifications WHERE classification_id = 5; DELETE FROM classifications WHERE id = 5;
     DELETE FROM customer_metrics WHERE customer_id > 100; DELETE FROM customers WHERE id > 100;
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12')"
