#!/usr/bin/env bash
# Customer reports as PDF (issue #7 item 6): a hand-computed classification
# fixture with a Cyrillic and a Danish customer, `salient report customer`,
# the builder's download, the API, saved definitions round trip, bad input
# named by field, and a trade customer refused.  Every PDF is read back with
# pdftotext.
#
# Fixture (timeframe 12 months, only paid orders count):
#   RPT-1 Иван Петров (trade): paid orders 2024-01-10, 02-10, 03-10 (100
#         each) and a refunded one on 03-20.
#   RPT-2 Søren Ærø (retail): one paid order 2024-03-01.
#   Classifications of type orders (smart type all), tiers in position
#   order: 801 "Få ordrer" (0, 2], 802 "Mange ordrer" (2, 10].
#   Run as of 2024-03-31: RPT-1 has 3 orders in (2023-03-31, 2024-03-31]
#   -> 802; RPT-2 has 1 -> 801.
#   Run as of 2025-02-15: RPT-1 has 1 order in (2024-02-15, 2025-02-15]
#   (03-10) -> 801; 802's interval closes on 2025-02-15.
#   So a report as of 2024-04-15 shows "Mange ordrer" since 31 Mar 2024, one
#   as of 2024-03-30 shows none, one as of 2025-03-01 "Få ordrer" since
#   15 Feb 2025.
#
# The trade sections (numbers from the trade module's view models), RPT-1
# as of 2024-04-15, currency DKK:
#   Last 12 months C = (2023-04-15, 2024-04-15]: 3 paid orders of 100 ->
#   revenue 300, average 100.  The 12 before Q = (2022-04-15, 2023-04-15]:
#   one order of 150 on 2023-02-01 -> revenue 150, average 150; change
#   (300 - 150) / 150 = +100.0 %.
#   Top products in C by line value (the refunded order's line of 100 does
#   not count): Øl fra Ærø 60 + 100 = 160 (qty 2 + 1 = 3, 160/300 = 53.3 %),
#   Квас 40 + 100 = 140 (qty 1 + 4 = 5, 46.7 %); categories Drikke 160,
#   Напитки 140.
#   Target 2024-01-01..2024-12-31 of 1000: actual 300 -> 30.0 %, 366 days of
#   which 106 elapsed (Jan 31 + Feb 29 + Mar 31 + 15), forecast 300 x 366 /
#   106 = 1035.849 -> 1,035.85, remaining 700.
#   Suggestions (popularity among trade and distributor customers in C):
#   RPT-3 bought Mjød (category Sødt), which RPT-1 never bought -> Mjød
#   (MJ-1) with 1 buyer, category Sødt with 1 buyer.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
command -v pdftotext >/dev/null || { echo "Bail out! pdftotext (poppler-utils) is missing: scripts/deps"; exit 1; }

sql "DELETE FROM classification_history; DELETE FROM customer_classifications;
     DELETE FROM classifications; DELETE FROM classify_runs; DELETE FROM customer_metrics;
     DELETE FROM report_definitions;
     DELETE ol FROM order_lines ol JOIN orders o ON o.id = ol.order_id
       JOIN customers c ON c.id = o.customer_id WHERE c.host_id LIKE 'RPT-%';
     DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.host_id LIKE 'RPT-%';
     DELETE t FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id LIKE 'RPT-%';
     DELETE FROM customers WHERE host_id LIKE 'RPT-%';
     DELETE FROM products WHERE host_id LIKE 'RPT-%';
     DELETE FROM categories WHERE host_id LIKE 'RPT-%';
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
     INSERT INTO customers (host_id, first_name, last_name, email, smart_type, city) VALUES
       ('RPT-1', 'Иван', 'Петров', 'ivan@example.ru', 'trade', 'Москва'),
       ('RPT-2', 'Søren', 'Ærø', 'soren@example.dk', 'retail', 'Ærøskøbing'),
       ('RPT-3', 'Tove', 'Trade', 'tove@example.dk', 'trade', NULL);
     INSERT INTO categories (host_id, name) VALUES
       ('RPT-C1', 'Drikke'), ('RPT-C2', 'Напитки'), ('RPT-C3', 'Sødt');
     INSERT INTO products (host_id, name, sku, category_id, active) VALUES
       ('RPT-P1', 'Øl fra Ærø', 'OL-1', (SELECT id FROM categories WHERE host_id = 'RPT-C1'), 1),
       ('RPT-P2', 'Квас', 'KV-1', (SELECT id FROM categories WHERE host_id = 'RPT-C2'), 1),
       ('RPT-P3', 'Mjød', 'MJ-1', (SELECT id FROM categories WHERE host_id = 'RPT-C3'), 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, currency, status)
       SELECT CONCAT('rpt-', d.n), c.id, d.day, d.total, 'DKK', d.st FROM customers c
       JOIN (SELECT 'RPT-1' AS who, 1 AS n, '2024-01-10' AS day, 100 AS total, 'paid' AS st
             UNION ALL SELECT 'RPT-1', 2, '2024-02-10', 100, 'paid'
             UNION ALL SELECT 'RPT-1', 3, '2024-03-10', 100, 'paid'
             UNION ALL SELECT 'RPT-1', 4, '2024-03-20', 100, 'refunded'
             UNION ALL SELECT 'RPT-1', 5, '2023-02-01', 150, 'paid'
             UNION ALL SELECT 'RPT-2', 6, '2024-03-01', 40, 'paid'
             UNION ALL SELECT 'RPT-3', 7, '2024-03-05', 80, 'paid') d ON d.who = c.host_id;
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total)
       SELECT o.id, l.line, p.id, l.qty, l.amount FROM orders o
       JOIN (SELECT 'rpt-1' AS ord, 1 AS line, 'RPT-P1' AS prod, 2 AS qty, 60 AS amount
             UNION ALL SELECT 'rpt-1', 2, 'RPT-P2', 1, 40
             UNION ALL SELECT 'rpt-2', 1, 'RPT-P1', 1, 100
             UNION ALL SELECT 'rpt-3', 1, 'RPT-P2', 4, 100
             UNION ALL SELECT 'rpt-4', 1, 'RPT-P1', 9, 100
             UNION ALL SELECT 'rpt-5', 1, 'RPT-P1', 1, 150
             UNION ALL SELECT 'rpt-6', 1, 'RPT-P2', 1, 40
             UNION ALL SELECT 'rpt-7', 1, 'RPT-P3', 2, 80) l ON l.ord = o.host_id
       JOIN products p ON p.host_id = l.prod;
     INSERT INTO targets (customer_id, period_start, period_end, amount)
       SELECT id, '2024-01-01', '2024-12-31', 1000 FROM customers WHERE host_id = 'RPT-1';
     INSERT INTO classifications (id, title, comments, colour, type, smart_type, value, position) VALUES
       (801, 'Få ordrer', 'Ring & spørg <venligst>', '#0d6efd', 'orders', 'all', 2, 1),
       (802, 'Mange ordrer', 'Звонит каждый месяц', '#dc3545', 'orders', 'all', 10, 2);"
ok $? "fixture loaded"
"${S[@]}" purchases rebuild > /dev/null
ok $? "salient purchases rebuild (orders written by SQL bypass the import)"
"${S[@]}" recompute --as-of 2024-03-31 > /dev/null && "${S[@]}" recompute --as-of 2025-02-15 > /dev/null
ok $? "two classification runs (2024-03-31, 2025-02-15)"
"${S[@]}" popularity --as-of 2024-04-15 > /dev/null
ok $? "the trade popularity lists as of 2024-04-15"

# http for answers that may be PDF: BODY is set only when the answer is not
# (a PDF holds NUL bytes, which the shell cannot keep); the file is $TMP/body
pdf_http() {
	local m=$1 p=$2
	shift 2
	STATUS=$(curl -sS -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -X "$m" \
		"$SALIENT_URL$p" "$@" 2>"$TMP/curl.err") || STATUS=000
	HEADERS=$(tr -d '\r' < "$TMP/headers")
	BODY=""
	[ "$(head -c 5 "$TMP/body")" = "%PDF-" ] || BODY=$(cat "$TMP/body")
}

# the text in reading order with table rows kept on their lines (-layout),
# lines joined, runs of spaces made one
text() { pdftotext -q -layout "$1" - | tr '\n' ' ' | tr -s ' '; }

# ---- the command ----
out=$("${S[@]}" report customer RPT-1 --out "$TMP/ru.pdf" --lang ru --as-of 2024-04-15 --sections classifications)
is "$?" 0 "salient report customer RPT-1 --lang ru --as-of 2024-04-15 --sections classifications runs"
like "$out" "report of customer RPT-1 as of 2024-04-15 \(ru\), sections classifications," "and says what it wrote"
is "$(head -c 5 "$TMP/ru.pdf")" "%PDF-" "the file is a PDF"
t=$(text "$TMP/ru.pdf")
like "$t" "Отчёт по клиенту" "the title is in Russian"
like "$t" "Иван Петров" "the Cyrillic name prints"
like "$t" "Номер клиента: RPT-1 · ivan@example.ru · Оптовый · Москва" "with id, e-mail, smart type and city"
like "$t" "На дату: 15 апр. 2024" "the as-of day in Russian"
like "$t" "Классификации" "the classifications heading"
like "$t" "Mange ordrer Заказы · с 31 мар. 2024" "RPT-1 held 'Mange ordrer' (3 orders) since the run of 2024-03-31"
like "$t" "Звонит каждый месяц" "with its comment"
ok $(printf '%s' "$t" | grep -q "Få ordrer"; echo $((! $?))) "and not 'Få ordrer' on that day"
like "$t" "Стр. 1 / 1" "one page, numbered in Russian"
ok $(printf '%s' "$t" | grep -q "Сводка продаж"; echo $((! $?))) "no section that was not asked for"

# every section, in English, hand-computed above
out=$("${S[@]}" report customer RPT-1 --out "$TMP/all.pdf" --lang en --as-of 2024-04-15)
like "$out" "sections summary,trend,top,targets,classifications,suggestions," "without --sections: every section"
t=$(text "$TMP/all.pdf")
like "$t" "Sales summary Last 12 months: 16 Apr 2023 – 15 Apr 2024 · the 12 before: 16 Apr 2022 – 15 Apr 2023" \
	"the summary's periods"
like "$t" "Revenue DKK 300.00 DKK 150.00 100.0%" "revenue 300 against 150: +100.0 %"
like "$t" "Paid orders 3 1" "orders 3 against 1"
like "$t" "Average order DKK 100.00 DKK 150.00" "average order 100 against 150"
like "$t" "Monthly trend \(DKK\)" "the trend chart's heading names the currency"
like "$t" "Last 12 months The 12 months before" "with the two series' legend"
like "$t" "May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar Apr 2023 2023 2023 2023 2023 2023 2023 2023 2024 2024 2024 2024 " \
	"and month labels, May 2023 to the as-of month April 2024"
like "$t" "Øl fra Ærø \(OL-1\) Drikke 3 DKK 160.00 53.3%" "top product: Øl fra Ærø, 3 pieces, 160, 53.3 %"
like "$t" "Квас \(KV-1\) Напитки 5 DKK 140.00 46.7%" "then Квас, 5 pieces, 140, 46.7 % (the refunded line ignored)"
like "$t" "Drikke 1 DKK 160.00" "top category Drikke 160"
like "$t" "Напитки 1 DKK 140.00" "then Напитки 140"
like "$t" "Target 1 Jan 2024 – 31 Dec 2024 \(running\): DKK 300.00 of DKK 1,000.00" "the running target, 300 of 1000"
like "$t" "30.0%" "30.0 % reached"
like "$t" "Remaining DKK 700.00" "700 remaining"
like "$t" "Forecast for the period DKK 1,035.85" "forecast 300 x 366 / 106 = 1,035.85"
like "$t" "Mjød \(MJ-1\) 1 Popular with trade customers" "suggests Mjød, bought by one trade customer"
like "$t" "Sødt 1" "and the category Sødt"
ok $(printf '%s' "$t" | grep -q "Øl fra Ærø (OL-1) 1 Popular"; echo $((! $?))) "never a product it bought"
like "$t" "Mange ordrer" "and the classifications"

"${S[@]}" report customer RPT-1 --out "$TMP/early.pdf" --lang en --as-of 2024-03-30 > /dev/null
t=$(text "$TMP/early.pdf")
like "$t" "held no classification on this day" "as of 2024-03-30, before any run: no classifications"
"${S[@]}" report customer RPT-1 --out "$TMP/late.pdf" --lang en --as-of 2025-03-01 > /dev/null
t=$(text "$TMP/late.pdf")
like "$t" "Få ordrer Orders · since 15 Feb 2025" "as of 2025-03-01: 'Få ordrer' (1 order) since the second run"
ok $(printf '%s' "$t" | grep -q "Mange ordrer"; echo $((! $?))) "and 'Mange ordrer' has ended"
like "$t" "Ring & spørg <venligst>" "a comment with markup characters prints as written"
is "$(sql "SELECT GROUP_CONCAT(cc.classification_id) FROM customer_classifications cc
           JOIN customers c ON c.id = cc.customer_id WHERE c.host_id = 'RPT-1'")" 801 \
   "the current classification agrees (customer_classifications)"

"${S[@]}" report customer RPT-2 --out "$TMP/da.pdf" --lang da --as-of 2024-04-15 > /dev/null
t=$(text "$TMP/da.pdf")
like "$t" "Søren Ærø" "a Danish name prints"
like "$t" "Kunde-id: RPT-2 · soren@example.dk · Detail · Ærøskøbing" "with the Danish labels"
like "$t" "Klassifikationer Få ordrer Ordrer · siden 31. mar. 2024" "RPT-2 (1 order) is 'Få ordrer'"
like "$t" "Side 1 / [0-9]" "and the footer in Danish"

out=$("${S[@]}" report customer NOBODY --out "$TMP/x.pdf" 2>&1)
is "$?" 3 "an unknown customer exits 3"
like "$out" "customer: no customer with id 'NOBODY'" "naming the field"
ok $([ ! -e "$TMP/x.pdf" ]; echo $?) "and writes no file"
out=$("${S[@]}" report customer RPT-1 --out "$TMP/x.pdf" --sections classifications,bogus 2>&1)
is "$?" 2 "an unknown section is a usage error"
like "$out" "sections: unknown section 'bogus'" "naming it"
out=$("${S[@]}" report customer RPT-1 --out "$TMP/x.pdf" --lang fr 2>&1)
like "$out" "lang: expected en, da or ru" "a bad language is named"
out=$("${S[@]}" report customer RPT-1 --out "$TMP/x.pdf" --as-of 2024-02-30 2>&1)
like "$out" "as_of: '2024-02-30' is not a date" "a bad date is named"
out=$("${S[@]}" report customer RPT-1 2>&1)
is "$?" 2 "--out is required"

# ---- the builder page (a sales agent) ----
staff_user report-agent@test.example agent report-agent-pass-1
"${S_CLI[@]}" user enable --email report-agent@test.example > /dev/null 2>&1
staff_login report-agent@test.example report-agent-pass-1 "$TMP/agent.jar"
ok $([ -n "$CSRF" ]; echo $?) "the agent signs in"
J=(-b "$TMP/agent.jar")
pdf_http GET /admin/reports/customer "${J[@]}"
is "$STATUS" 200 "GET /admin/reports/customer renders"
like "$BODY" 'data-nav="nav.report_customer"' "with its navigation entry"
like "$BODY" 'name="section_classifications"' "and the classifications checkbox"
pdf_http GET /admin/reports/customer "${J[@]}" -H 'Accept: application/json'
is "$(json section_keys)" '["summary","trend","top","targets","classifications","suggestions"]' \
	"the sections this build draws (JSON)"
is "$(json as_of)" "$(date +%F)" "as of today by default"
pdf_http GET "/admin/reports/customer?q=%D0%98%D0%B2%D0%B0%D0%BD" "${J[@]}" -H 'Accept: application/json'
is "$(json matches.0.customer_id)" RPT-1 "searching 'Иван' finds RPT-1"
is "$(json matches.0.name)" "Иван Петров" "by name"
pdf_http GET "/admin/reports/customer?q=RPT-" "${J[@]}"
like "$BODY" 'customer=RPT-2' "the HTML search lists customers to pick"
pdf_http GET "/admin/reports/customer?q=100%25_" "${J[@]}" -H 'Accept: application/json'
is "$(json no_matches)" true "LIKE wildcards in a search match only themselves"
pdf_http GET "/admin/reports/customer?customer=RPT-1" "${J[@]}"
like "$BODY" 'Иван Петров' "picking a customer shows its name"

pdf_http POST /admin/reports/customer "${J[@]}" --data-urlencode customer=RPT-1 \
	--data-urlencode section_classifications=1 --data-urlencode lang=da --data-urlencode as_of=2024-04-15
is "$STATUS" 403 "the download needs the CSRF token"
pdf_http POST /admin/reports/customer "${J[@]}" --data-urlencode "csrf_token=$CSRF" --data-urlencode customer=RPT-1 \
	--data-urlencode section_classifications=1 --data-urlencode lang=da --data-urlencode as_of=2024-04-15
is "$STATUS" 200 "POST /admin/reports/customer downloads the report"
is "$(header Content-Type)" application/pdf "as application/pdf"
is "$(header Content-Disposition)" 'attachment; filename="customer-RPT-1-2024-04-15.pdf"' "named by the customer id and day"
is "$(head -c 5 "$TMP/body")" "%PDF-" "the body is a PDF"
t=$(text "$TMP/body")
like "$t" "Kunderapport Иван Петров" "in Danish, with the Cyrillic name"
like "$t" "Klassifikationer Mange ordrer Ordrer · siden 31. mar. 2024" "the classification as of the day"

pdf_http POST /admin/reports/customer "${J[@]}" --data-urlencode "csrf_token=$CSRF" --data-urlencode customer=NOBODY
is "$STATUS" 404 "an unknown customer is 404 on the page"
like "$BODY" "customer: no customer with id" "naming the field"
pdf_http POST /admin/reports/customer "${J[@]}" --data-urlencode "csrf_token=$CSRF" --data-urlencode customer=RPT-1 \
	--data-urlencode as_of=yesterday
is "$STATUS" 400 "a bad date is 400"
like "$BODY" "as_of: .*is not a date" "naming the field"
pdf_http POST /admin/reports/customer "${J[@]}" --data-urlencode "csrf_token=$CSRF" --data-urlencode customer=RPT-1 \
	--data-urlencode section_form=1
is "$STATUS" 400 "the builder's form with no section ticked is 400"
like "$BODY" "sections: tick at least one section" "naming the field"
pdf_http POST /admin/reports/customer "${J[@]}" -H 'Accept: application/json' --data-urlencode "csrf_token=$CSRF"
is "$STATUS" 400 "no customer is 400"
like "$(json error.message)" "customer: required" "naming the field"

# ---- the API ----
A=(-H "Authorization: Bearer $API_KEY")
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?sections=classifications&lang=en&as_of=2024-04-15" "${A[@]}"
is "$STATUS" 200 "GET /api/v1/reports/customer/RPT-1.pdf"
is "$(header Content-Type)" application/pdf "is a PDF"
like "$(text "$TMP/body")" "Customer report Иван Петров .*Mange ordrer Orders · since 31 Mar 2024" "in English"
READ=$(api_token report-read read)
pdf_http GET "/api/v1/reports/customer/RPT-2.pdf?as_of=2024-04-15" -H "Authorization: Bearer $READ"
is "$STATUS" 200 "a read token may fetch reports"
IMPORT=$(api_token report-import import)
pdf_http GET "/api/v1/reports/customer/RPT-2.pdf" -H "Authorization: Bearer $IMPORT"
is "$STATUS" 403 "an import token may not"
for q in "sections=top,,Summary:sections: unknown section 'Summary'" "sections=nonsense:sections: unknown section 'nonsense'" \
	"as_of=2024-13-01:as_of: '2024-13-01' is not a date"; do
	pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?${q%%:*}" "${A[@]}"
	is "$STATUS" 400 "?${q%%:*} is 400"
	like "$(json error.message)" "${q#*:}" "  naming the field"
done
# declared inputs: the core's 400 names the field and the reason
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?as_of=2024-02-30" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:as_of:date "  as_of 2024-02-30 is a date error"
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?customer=RPT-2" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:customer:unknown "an input the download does not take is refused"
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?section_top=maybe" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:section_top:bool "a checkbox that is not yes or no"
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?lang=da&sections=classifications&as_of=2024-04-15" "${A[@]}"
is "$STATUS" 200 "?lang= (the answer's language) is the report's on the API's GET"
like "$(text "$TMP/body")" "Kunderapport Иван Петров" "  in Danish"
pdf_http GET "/api/v1/reports/customer/RPT-1.pdf?lang=en&sections=classifications&as_of=2024-04-15" "${A[@]}"
like "$(text "$TMP/body")" "Customer report Иван Петров" "  (and back in English)"
pdf_http POST /admin/reports/customer "${J[@]}" -H 'Accept: application/json' --data-urlencode "csrf_token=$CSRF" \
	--data-urlencode customer=RPT-1 --data-urlencode lang=de
is "$STATUS:$(json error.field):$(json error.reason)" 400:lang:enum "the form's lang must be en, da or ru"
pdf_http GET "/api/v1/reports/customer/NOBODY.pdf" "${A[@]}"
is "$STATUS" 404 "an unknown customer is 404"
like "$(json error.message)" "customer: no customer with id 'NOBODY'" "naming the field"
pdf_http GET "/api/v1/reports/customer/RPT-1" "${A[@]}"
is "$STATUS" 400 "a path without .pdf is 400"

# ---- saved definitions ----
audit0=$(sql "SELECT IFNULL(MAX(id), 0) FROM audit_log")
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Ivan monthly", "sections": ["classifications"], "lang": "ru", "customer_id": "RPT-1"}'
is "$STATUS" 201 "POST /api/v1/reports/definitions saves one"
def1=$(json definition.id)
is "$(json definition.customer_id)" RPT-1 "for its customer"
is "$(json definition.sections)" '["classifications"]' "with its sections"
is "$(json definition.lang)" ru "and language"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Ivan monthly", "sections": ["classifications"]}'
is "$STATUS" 409 "the same name again is 409"
like "$(json error.message)" "^name:" "naming the field"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Nobody", "customer_id": "NOBODY"}'
is "$STATUS" 404 "an unknown customer is 404"
like "$(json error.message)" "^customer_id: no customer" "naming the field"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Bad", "sections": ["classifications", 3]}'
is "$STATUS" 400 "a section that is not a string is 400"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Bad", "sections": "classifications"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:sections:json "sections is a JSON array of keys"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Bad", "lang": "de"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:lang:enum "a language that is not one is 400"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' \
	-d '{"name": "Bad", "owner": "me"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:owner:unknown "an unknown member is refused, named"
http POST /api/v1/reports/definitions "${A[@]}" -H 'Content-Type: application/json' -d '{"sections": ["classifications"]}'
is "$STATUS" 400 "a definition needs a name"
like "$(json error.message)" "^name: required" "naming the field"
http POST /api/v1/reports/definitions -H "Authorization: Bearer $READ" -H 'Content-Type: application/json' -d '{"name": "ro"}'
is "$STATUS" 403 "a read token cannot save definitions"

# saved from the builder form, customer picked at run time
http POST /admin/reports/definitions "${J[@]}" -H 'Accept: application/json' --data-urlencode "csrf_token=$CSRF" \
	--data-urlencode "name=Any customer, Danish" --data-urlencode customer=RPT-1 --data-urlencode pick_at_run_time=1 \
	--data-urlencode section_classifications=1 --data-urlencode lang=da
is "$STATUS" 201 "the builder form saves a definition"
like "$(json flash.0.text)" "saved" "and says so"
def2=$(sql "SELECT id FROM report_definitions WHERE name = 'Any customer, Danish'")
is "$(sql "SELECT CONCAT_WS('|', IFNULL(customer_host_id, 'none'), sections, lang, created_by IS NOT NULL) FROM report_definitions WHERE id = $def2")" \
	"none|classifications|da|1" "with no customer, its sections, language and author"
http GET /api/v1/reports/definitions "${A[@]}"
is "$(json definitions.0.name)" "Any customer, Danish" "GET /api/v1/reports/definitions lists them by name"
is "$(json definitions.1.name)" "Ivan monthly" "both"
is "$(json definitions.0.customer_id)" null "the second picks its customer at run time"
is "$(json definitions.0.created_by_email)" report-agent@test.example "and was made by the agent"
pdf_http GET /admin/reports/customer "${J[@]}"
like "$BODY" "data-definition=\"$def2\"" "the page lists the definitions"
like "$BODY" "/admin/reports/definitions/$def1/run" "with a Run button"

pdf_http GET "/api/v1/reports/definitions/$def1/pdf?as_of=2024-04-15" "${A[@]}"
is "$STATUS" 200 "a saved definition reruns on the API"
like "$(text "$TMP/body")" "Отчёт по клиенту Иван Петров .*Mange ordrer" "in its language for its customer"
pdf_http POST "/admin/reports/definitions/$def2/run" "${J[@]}" --data-urlencode "csrf_token=$CSRF" --data-urlencode as_of=2024-04-15
is "$STATUS" 400 "running a pick-at-run-time definition without a customer is 400"
like "$BODY" "customer: required" "naming the field"
pdf_http POST "/admin/reports/definitions/$def2/run" "${J[@]}" --data-urlencode "csrf_token=$CSRF" \
	--data-urlencode customer=RPT-2 --data-urlencode as_of=2024-04-15
is "$STATUS" 200 "with a customer it runs from the page"
is "$(header Content-Disposition)" 'attachment; filename="customer-RPT-2-2024-04-15.pdf"' "as that customer's download"
like "$(text "$TMP/body")" "Kunderapport Søren Ærø .*Få ordrer" "in Danish"

http DELETE "/api/v1/reports/definitions/$def1" "${A[@]}"
is "$STATUS" 200 "DELETE removes a definition"
http DELETE "/api/v1/reports/definitions/$def1" "${A[@]}"
is "$STATUS" 404 "and a second time it is gone"
http DELETE "/api/v1/reports/definitions/x$def1" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a bad id is 400"
pdf_http GET "/api/v1/reports/definitions/0/pdf" "${A[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:range "id 0 is out of range"
http POST "/admin/reports/definitions/$def2/delete" "${J[@]}" -H 'Accept: application/json' --data-urlencode "csrf_token=$CSRF"
is "$STATUS" 200 "the page's Delete removes the other"
is "$(sql "SELECT COUNT(*) FROM report_definitions")" 0 "none left"
is "$(sql "SELECT GROUP_CONCAT(what ORDER BY id) FROM audit_log WHERE what LIKE 'report.definition.%' AND id > $audit0")" \
	"report.definition.create,report.definition.create,report.definition.delete,report.definition.delete" \
	"every change is in the audit log"
pdf_http GET "/api/v1/reports/definitions/$def2/pdf?customer=RPT-1" "${A[@]}"
is "$STATUS" 404 "a deleted definition cannot run"

# ---- a trade customer is refused ----
link=$(trade_link RPT-3)
http GET "$link" -c "$TMP/trade.jar"
is "$STATUS" 302 "the trade customer signs in by its link"
pdf_http GET /admin/reports/customer -b "$TMP/trade.jar" -H 'Accept: application/json'
is "$STATUS" 403 "and cannot open the report builder"
pdf_http GET /api/v1/reports/customer/RPT-3.pdf -b "$TMP/trade.jar"
is "$STATUS" 403 "nor download a report, even its own"
is "$(head -c 5 "$TMP/body")" '{"err' "(no PDF in the answer)"
