#!/usr/bin/env bash
# Stored-text probes (issue 22 item 2): the payloads an attacker types into
# a shop's data go into every stored text Salient shows (customer names,
# e-mail, city, account manager, tags, product, SKU and category names,
# product tags, classification titles and comments, staff comments, report
# names, staff names, the shown settings) through the import API and the
# forms; then every page of the route table (driven by `salient routes`,
# each text input of the page's query also set to a payload), the JSON
# answers, the PDF and every CSV and spreadsheet are fetched:
#   - HTML escaped: no <script> or <img from the data, no href/src/action
#     carrying javascript:, the Mustache payload shown as text;
#   - JSON and PDF: the text as it was typed;
#   - CSV: no cell starting with = + - @ or TAB unneutralised;
#   - a 10 kB name: refused by its limit, or shown; never a 500.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')
P1='<script>alert(1)</script>'
P2='"><img src=x onerror=alert(1)>'
P3='javascript:alert(1)'
P4='{{!mustache}}'
BIG=$(head -c 10240 /dev/zero | tr '\0' 'N')
N=$$
sql "DELETE FROM login_failures"
staff_user text-admin@test.example admin text-admin-pass-1
staff_login text-admin@test.example text-admin-pass-1 "$TMP/a.jar"
A=(-b "$TMP/a.jar" -H "X-CSRF-Token: $CSRF")
# jq-free JSON for the bodies: perl prints an array of objects from k=v pairs
rows() {  # rows 'k=v|k=v' ... : a JSON array, one object per argument
	perl -MJSON::PP -e 'print JSON::PP->new->canonical->encode([map { +{ map { split /=/, $_, 2 } split /\|/ } } @ARGV])' "$@"
}
import() {  # import KIND JSON
	http POST "/api/v1/import/$1" "${AUTH[@]}" "${JS[@]}" --data-binary "$2"
	is "$STATUS:$(json rejected)" "200:[]" "import $1 with the payloads is accepted"
}

# ---- the payloads in every stored text ----
import customers "$(rows "customer_id=ST-1|first_name=$P1|last_name=$P2|city=$P3|account_manager=$P4|smart_type=trade|email=st1@evil.example|postcode=<b>x</b>" \
	"customer_id=ST-2|first_name=$P4|last_name=$P3|city=$P1|account_manager=$P2|smart_type=trade|country=$P4" \
	"customer_id=ST-3|first_name==HYPERLINK(\"http://evil.example\")|last_name=+SUM(1)|account_manager=@SUM(2)|city=-1+2|smart_type=trade|email=st3@evil.example|phone=	tab")"
http POST /api/v1/import/customers "${AUTH[@]}" "${JS[@]}" --data-binary "$(rows "customer_id=ST-4|email=$P2@evil.example" "customer_id=ST-5|email=$P1")"
is "$STATUS" 422 "an e-mail address holding markup is refused by the import"
import customer_tags "$(rows "customer_id=ST-1|tag=$P1" "customer_id=ST-1|tag=$P2" "customer_id=ST-2|tag=$P4" "customer_id=ST-3|tag==1+1")"
import categories "$(rows "category_id=SC-1|name=$P1" "category_id=SC-2|name=$P2" "category_id=SC-3|name=$P4")"
import products "$(rows "product_id=SP-1|name=$P2|sku=$P2|category_id=SC-1|price=10" \
	"product_id=SP-2|name=$P1|sku=$P3|category_id=SC-2|price=20" "product_id=SP-3|name=$P4|sku=SKU3|category_id=SC-3|price=5")"
import product_tags "$(rows "product_id=SP-1|tag_group=manufacturer|tag_value=$P1" "product_id=SP-2|tag_group=manufacturer|tag_value=$P2")"
import orders "$(rows "order_id=SO-1|customer_id=ST-1|ordered_at=$(date -d '-20 days' '+%Y-%m-%d 10:00:00')|total=30" \
	"order_id=SO-2|customer_id=ST-2|ordered_at=$(date -d '-40 days' '+%Y-%m-%d 10:00:00')|total=25" \
	"order_id=SO-3|customer_id=ST-3|ordered_at=$(date -d '-10 days' '+%Y-%m-%d 10:00:00')|total=5")"
import order_lines "$(rows "order_id=SO-1|line_no=1|product_id=SP-1|quantity=1|line_total=10" "order_id=SO-1|line_no=2|product_id=SP-2|quantity=1|line_total=20" \
	"order_id=SO-2|line_no=1|product_id=SP-3|quantity=5|line_total=25" "order_id=SO-3|line_no=1|product_id=SP-3|quantity=1|line_total=5")"
C1=$(sql "SELECT id FROM customers WHERE host_id = 'ST-1'")
C2=$(sql "SELECT id FROM customers WHERE host_id = 'ST-2'")
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d "{\"customer_id\":\"ST-1\",\"period_start\":\"$(date +%Y)-01-01\",\"period_end\":\"$(date +%Y)-12-31\",\"amount\":\"1000\"}"
is "$STATUS" 201 "a target for the customer" || echo "# $BODY"
http POST /api/v1/classifications "${AUTH[@]}" "${JS[@]}" \
	-d "$(perl -MJSON::PP -e 'print encode_json({title => $ARGV[0], comments => $ARGV[1], colour => "#1F77B4", type => "risk_score", value => 900001})' "$P1" "$P2 $P3 $P4")"
is "$STATUS" 201 "a classification titled and commented with the payloads" || echo "# $BODY"
K1=$(json id)
http POST /api/v1/classifications "${AUTH[@]}" "${JS[@]}" \
	-d "$(perl -MJSON::PP -e 'print encode_json({title => $ARGV[0], colour => "#1F77B4", type => "risk_score", value => 900002})' "$P4")"
K2=$(json id)
for c in "$C1" "$C2"; do
	http POST "/api/v1/customers/$c/comments" "${AUTH[@]}" --data-urlencode "text=$P1 $P2 $P3 $P4"
	is "$STATUS" 201 "a staff comment with the payloads on customer $c"
done
http POST /api/v1/reports/definitions "${AUTH[@]}" "${JS[@]}" \
	-d "$(perl -MJSON::PP -e 'print encode_json({name => $ARGV[0], sections => ["summary", "top", "classifications"], customer_id => "ST-1"})' "$P1$P2")"
is "$STATUS" 201 "a report definition named with the payloads"
D1=$(json definition.id)
http POST /admin/users "${A[@]}" -H 'Accept: application/json' --data-urlencode "email=text-$N@test.example" \
	--data-urlencode "name=$P2" --data-urlencode role=agent
is "$STATUS" 201 "a staff user named with a payload"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" \
	-d "$(perl -MJSON::PP -e 'print encode_json({smart_type_label_trade => $ARGV[0], smart_type_label_distributor => $ARGV[1],
		trade_tag_groups => "manufacturer", trade_product_url => "https://shop.example/p/{sku}"})' "$P1" "$P2")"
is "$STATUS" 200 "the shown settings hold the payloads"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d "{\"trade_product_url\":\"$P3/{sku}\"}"
is "${STATUS:0:1}" 4 "a javascript: product link is refused ($STATUS)"
job=$("${S_CLI[@]}" job enqueue trade.popularity)
job_done "$job" 60
ok $? "the popularity run (the suggestions) is done"
http POST /api/v1/classifications/recompute "${AUTH[@]}"
[ "$STATUS" = 202 ] && job_done "$(json job.id)" 60

# ---- every page: escaped, no javascript: link ----
# checks BODY as HTML; prints what is wrong
html_bad() {
	local b=$BODY
	printf '%s' "$b" | grep -qF "$P1" && echo "raw <script>"
	printf '%s' "$b" | grep -qF '<img src=x' && echo "raw <img"
	printf '%s' "$b" | grep -Eqi '(href|src|action|formaction|data)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*javascript:' && echo "a javascript: link"
	printf '%s' "$b" | grep -qF "$P2" && echo "a raw attribute break"
	[ "${STATUS:0:1}" = 5 ] && echo "status $STATUS"
	return 0
}
"${S_CLI[@]}" routes > "$TMP/routes"
id_for() {  # the id a pattern's {id:uint} takes here
	case "$1" in
	*/customers/*) echo "$C1" ;; */classifications/*) echo "$K1" ;; */definitions/*) echo "$D1" ;; *) echo 1 ;;
	esac
}
pages=0
while IFS=$'\t' read -r m pat role _ tpl ins; do
	[ "$m" = GET ] && [ "$tpl" != - ] || continue
	case "$role" in customer) continue ;; esac
	p=$(printf '%s' "$pat" | sed -e "s/{[a-z_]*:uint}/$(id_for "$pat")/g" -e 's/{customer_id}/ST-1/g' -e 's/{[a-z_]*}/x/g')
	http GET "$p" -b "$TMP/a.jar"
	is "$(html_bad)" "" "GET $p ($STATUS): the stored payloads are escaped"
	pages=$((pages + 1))
	# the page's own text inputs, each set to a payload (what a link can carry)
	q=()
	for in in ${ins//,/ }; do
		case "$in" in *:text) q+=(--data-urlencode "${in%%:*}=$P2$P1$P3") ;; esac
	done
	if [ ${#q[@]} -gt 0 ]; then
		http GET "$p" -G -b "$TMP/a.jar" "${q[@]}"
		is "$(html_bad)" "" "  with its text inputs set to payloads ($STATUS): escaped"
	fi
done < "$TMP/routes"
ok $([ "$pages" -ge 15 ]; echo $?) "every staff page of the table was fetched ($pages)"
for p in "/admin/customers/$C2" "/admin/customers/$C1" "/admin/classifications/$K2" "/admin/classifications"; do
	http GET "$p" -b "$TMP/a.jar"
	case "$p" in */$C1) want='&lt;script&gt;alert(1)&lt;/script&gt;' ;; *) want=$P4 ;; esac
	ok $(printf '%s' "$BODY" | grep -qF "$want"; echo $?) "GET $p shows the payload as text (${want:0:16}...)"
done
http GET "/admin/customers?q=ST-1" -b "$TMP/a.jar"
ok $(printf '%s' "$BODY" | grep -qF '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'; echo $?) "the customer list shows the attribute payload escaped"
http GET "/admin/customers/$C1/trade" -b "$TMP/a.jar"
ok $(printf '%s' "$BODY" | grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;'; echo $?) "the staff's trade page shows the name as text"
# the trade customer's own area, with its suggestions' product links
http GET "$(trade_link ST-2)" -c "$TMP/c.jar"
http GET /account/ -b "$TMP/c.jar"
is "$STATUS:$(html_bad)" "200:" "/account/: the payloads are escaped"
ok $(printf '%s' "$BODY" | grep -qF "$P4"; echo $?) "  the Mustache payload is shown as text"
ok $(printf '%s' "$BODY" | grep -qF 'href="https://shop.example/p/'; echo $?) "  the suggestions link to the shop"
ok $(printf '%s' "$BODY" | grep -o 'href="https://shop.example/p/[^"]*"' | sed -e 's/^href="//' -e 's/"$//' |
	grep -q '[<> ]\|&quot;\|&lt;'; echo $((! $?))) "  the SKU in a link is percent-encoded"

# ---- JSON: the text as typed ----
http GET "/api/v1/customers/$C1" "${AUTH[@]}"
is "$(header Content-Type | cut -d';' -f1):$(json customer.first_name)" "application/json:$P1" "JSON holds the name as typed"
is "$(json customer.last_name)" "$P2" "  the attribute payload too"
http GET "/api/v1/customers?q=ST-" "${AUTH[@]}"
ok $([ "$(json customers)" != INVALID-JSON ] && [ "$STATUS" = 200 ]; echo $?) "the customer list as JSON is valid JSON"
http GET "/api/v1/classifications/$K1" "${AUTH[@]}"
is "$(json title)" "$P1" "a classification title, as typed"

# ---- the PDF shows the text as text ----
command -v pdftotext >/dev/null || { echo "Bail out! pdftotext (poppler-utils) is missing: scripts/deps"; exit 1; }
curl -sS -o "$TMP/r.pdf" -w '%{http_code}' "${AUTH[@]}" "$SALIENT_URL/api/v1/reports/definitions/$D1/pdf" > "$TMP/pdf.status"
is "$(cat "$TMP/pdf.status")" 200 "the report definition's PDF"
pdftext=$(pdftotext -q "$TMP/r.pdf" - | tr '\n' ' ')
ok $(printf '%s' "$pdftext" | grep -qF "$P1"; echo $?) "  it prints the name as typed"

# ---- every CSV and spreadsheet of the table, and salient export ----
csv_bad() {  # FILE: the cells that start with = + - (not a number) @ or TAB
	perl -ne 'while (/(?:^|,)("(?:[^"]|"")*"|[^,\n]*)/g) { my $c = $1; $c =~ s/^"(.*)"$/$1/s;
		print "$c\n" if $c =~ /^(=|\+|-(?![0-9.]+$)|@|\t)/ }' "$1" | head -5
}
csvs=0
while IFS=$'\t' read -r m pat role _; do
	[ "$m" = GET ] || continue
	case "$pat" in *.csv|*.xlsx) ;; *) continue ;; esac
	http GET "$pat" "${AUTH[@]}"
	if [ "$STATUS" = 400 ]; then   # a download that needs an input: its JSON answer names it
		http GET "$pat" "${AUTH[@]}" -H 'Accept: application/json'
		if [ "$STATUS" = 400 ] && [ "$(json error.reason)" = required ]; then
			ok 0 "GET $pat needs an input it names (400 required)"; continue
		fi
		echo "# GET $pat: $STATUS $(json error.reason): $(json error.message)"
	fi
	is "$STATUS" 200 "GET $pat"
	if [ "${pat##*.}" = csv ]; then
		is "$(csv_bad "$TMP/body")" "" "  no cell is a formula"
	else
		unzip -p "$TMP/body" 'xl/worksheets/*.xml' > "$TMP/sheet.xml"
		grep -q '<f>' "$TMP/sheet.xml"
		is $? 1 "  the sheet holds no formula"
	fi
	csvs=$((csvs + 1))
done < "$TMP/routes"
ok $([ "$csvs" -ge 5 ]; echo $?) "every download of the table was fetched ($csvs)"
http GET "/api/v1/customers.csv?q=ST-3" "${AUTH[@]}"
ok $(grep -qF "'=HYPERLINK" "$TMP/body"; echo $?) "the formula name is in the customers CSV, neutralised"
"${S_CLI[@]}" export customers --out "$TMP/export.csv" 2> /dev/null
ok $? "salient export customers"
is "$(csv_bad "$TMP/export.csv")" "" "  no cell is a formula"
ok $(grep -qF "'=HYPERLINK" "$TMP/export.csv"; echo $?) "  the formula name is there, neutralised"

# ---- a 10 kB name: its limit, never a 500 ----
http POST /api/v1/import/customers "${AUTH[@]}" "${JS[@]}" --data-binary "$(rows "customer_id=ST-BIG|first_name=$BIG")"
is "$STATUS" 422 "a 10 kB customer name is refused by the import"
like "$(json rejected.0.reason)" 'first_name' "  naming the field"
http POST /api/v1/classifications "${AUTH[@]}" "${JS[@]}" -d "{\"title\":\"$BIG\",\"colour\":\"#1F77B4\",\"type\":\"risk_score\",\"value\":900003}"
is "$STATUS:$(json error.field)" 400:title "a 10 kB classification title is 400 naming the field"
http POST "/api/v1/customers/$C1/comments" "${AUTH[@]}" --data-urlencode "text=$BIG"
is "${STATUS:0:1}" 4 "a 10 kB comment is refused ($STATUS)"
http POST /admin/users "${A[@]}" --data-urlencode "email=big-$N@test.example" --data-urlencode "name=$BIG"
is "${STATUS:0:1}" 4 "a 10 kB staff name is refused as a page ($STATUS)"
is "$(html_bad)" "" "  and the page is whole"
http GET "/admin/customers" -G -b "$TMP/a.jar" --data-urlencode "q=$BIG"
is "${STATUS:0:1}" 4 "a 10 kB search is refused ($STATUS), not a 500"
# the longest name the import takes, all markup, on the pages that show it
long=$(printf '<b>%.0s' $(seq 1 33))
import customers "$(rows "customer_id=ST-LONG|first_name=$long|last_name=$P1|smart_type=trade")"
cl=$(sql "SELECT id FROM customers WHERE host_id = 'ST-LONG'")
for p in "/admin/customers/$cl" "/admin/customers?q=ST-LONG" "/admin/customers/$cl/trade"; do
	http GET "$p" -b "$TMP/a.jar"
	is "$STATUS:$(html_bad)" "200:" "GET $p with a 99-byte name of markup: 200, escaped"
	ok $(printf '%s' "$BODY" | grep -qF '<b><b>'; echo $((! $?))) "  no <b> from it"
done
sql "DELETE FROM settings WHERE name IN ('settings.smart_type_label_trade', 'settings.smart_type_label_distributor',
	'trade.product_url', 'trade.tag_groups')"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"smart_type_label_trade":"","smart_type_label_distributor":"","trade_product_url":""}'

# what this test stored goes again (later tests count customers and products)
sql "DELETE FROM classifications WHERE id IN ($K1, ${K2:-0});
	DELETE FROM report_definitions WHERE id = ${D1:-0};
	DELETE FROM users WHERE email = 'text-$N@test.example'"
sql "SET @c = (SELECT GROUP_CONCAT(id) FROM customers WHERE host_id LIKE 'ST-%')"
for t in customer_classifications classification_history customer_metrics customer_predictions customer_comments \
	customer_tags targets consents; do
	sql "DELETE x FROM $t x JOIN customers c ON c.id = x.customer_id WHERE c.host_id LIKE 'ST-%'" 2>/dev/null
done
sql "DELETE l FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.host_id LIKE 'SO-%';
	DELETE FROM orders WHERE host_id LIKE 'SO-%';
	DELETE FROM customers WHERE host_id LIKE 'ST-%'"
for t in trade_popular_products product_tags; do
	sql "DELETE x FROM $t x JOIN products p ON p.id = x.product_id WHERE p.host_id LIKE 'SP-%'" 2>/dev/null
done
sql "DELETE FROM products WHERE host_id LIKE 'SP-%'"
sql "DELETE x FROM trade_popular_categories x JOIN categories c ON c.id = x.category_id WHERE c.host_id LIKE 'SC-%'" 2>/dev/null
sql "DELETE FROM categories WHERE host_id LIKE 'SC-%'"
is "$(sql "SELECT COUNT(*) FROM customers WHERE host_id LIKE 'ST-%'") $(sql "SELECT COUNT(*) FROM products WHERE host_id LIKE 'SP-%'")" "0 0" \
	"the probes' rows are gone again"
