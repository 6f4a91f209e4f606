#!/usr/bin/env bash
# The trade area (issue 7) on a hand-computed fixture as of 2031-06-30
# (dates far ahead so other tests' data stays out of the windows): the
# customer's summary, suggestions (never-bought exclusion, ties, tag
# filtering and the "why"), targets around their period edges, the staff
# view and its target form, the targets report and its CSV byte for byte,
# the targets API and import, isolation between customers, retail refused
# unless allowed, and the settings' validation.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')
AJ=(-H 'Accept: application/json')
NB=$(printf '\xc2\xa0')   # money is written with a no-break space

sql "DELETE ol FROM order_lines ol JOIN orders o ON o.id = ol.order_id WHERE o.host_id LIKE 'TRD-%';
     DELETE FROM orders WHERE host_id LIKE 'TRD-%';
     DELETE t FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id LIKE 'TRD-%';
     DELETE FROM product_tags WHERE product_id IN (SELECT id FROM products WHERE host_id LIKE 'TRD-%');
     DELETE FROM products WHERE host_id LIKE 'TRD-%';
     DELETE FROM categories WHERE host_id LIKE 'TRD-%';
     DELETE FROM customers WHERE host_id LIKE 'TRD-%';
     DELETE FROM settings WHERE name LIKE 'trade.%' OR name = 'account.smart_types';
     DELETE FROM audit_log WHERE what LIKE 'target.%'"
ok $? "old fixture rows removed, trade settings at their defaults"

# Customers: A and C trade, B distributor, R retail, D trade without orders.
# Categories: Lighting > Lamps, Furniture > Chairs, Tools.  Products P1..P8
# with (manufacturer, material) tags; P6 inactive.
sql "INSERT INTO customers (host_id, first_name, last_name, smart_type, account_manager) VALUES
       ('TRD-A', 'Anna', 'Alpha', 'trade', 'Mia'), ('TRD-B', 'Bo', 'Beta', 'distributor', 'Max'),
       ('TRD-C', 'Cy', 'Gamma, Jr', 'trade', 'Mia'), ('TRD-R', 'Rita', 'Retail', 'retail', NULL),
       ('TRD-D', 'Dan', 'Delta', 'trade', 'Max');
     INSERT INTO categories (host_id, name) VALUES ('TRD-CL', 'Lighting'), ('TRD-CF', 'Furniture'),
       ('TRD-CT', 'Tools');
     INSERT INTO categories (host_id, name, parent_id) VALUES
       ('TRD-CL1', 'Lamps', (SELECT id FROM categories c WHERE host_id = 'TRD-CL')),
       ('TRD-CF1', 'Chairs', (SELECT id FROM categories c WHERE host_id = 'TRD-CF'))"
cat_id() { sql "SELECT id FROM categories WHERE host_id = '$1'"; }
LAMPS=$(cat_id TRD-CL1); CHAIRS=$(cat_id TRD-CF1); TOOLS=$(cat_id TRD-CT)
sql "INSERT INTO products (host_id, name, sku, category_id, active) VALUES
       ('TRD-P1', 'Ford lamp', 'F-1', $LAMPS, 1), ('TRD-P2', 'Ford chair', 'F 2/x', $CHAIRS, 1),
       ('TRD-P3', 'Opel lamp', 'O-3', $LAMPS, 1), ('TRD-P4', 'Opel chair', 'O-4', $CHAIRS, 1),
       ('TRD-P5', 'Volvo tool', 'V-5', $TOOLS, 1), ('TRD-P6', 'Inactive Ford', 'F-6', $TOOLS, 0),
       ('TRD-P7', 'Ford tool', 'F-7', $TOOLS, 1), ('TRD-P8', 'Saab lamp', 'S-8', $LAMPS, 1)"
pid() { sql "SELECT id FROM products WHERE host_id = 'TRD-$1'"; }
cid() { sql "SELECT id FROM customers WHERE host_id = 'TRD-$1'"; }
P1=$(pid P1); P2=$(pid P2); P3=$(pid P3); P4=$(pid P4); P5=$(pid P5); P6=$(pid P6); P7=$(pid P7); P8=$(pid P8)
A=$(cid A); B=$(cid B); C=$(cid C); R=$(cid R); D=$(cid D)
sql "INSERT INTO product_tags VALUES
       ($P1, 'manufacturer', 'Ford'), ($P1, 'material', 'steel'),
       ($P2, 'manufacturer', 'Ford'), ($P2, 'material', 'wood'),
       ($P3, 'manufacturer', 'Opel'), ($P3, 'material', 'steel'),
       ($P4, 'manufacturer', 'Opel'), ($P5, 'manufacturer', 'Volvo'),
       ($P6, 'manufacturer', 'Ford'), ($P7, 'manufacturer', 'Ford'),
       ($P8, 'manufacturer', 'Saab'), ($P8, 'material', 'steel')"

# Orders (paid unless said) and their lines.  C = (2030-06-30, 2031-06-30],
# Q = (2029-06-30, 2030-06-30].
order() {  # order HOST CUSTOMER DATE TOTAL STATUS LINES("product:value ...")
	sql "INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, currency, status)
	     VALUES ('TRD-$1', $2, '$3 12:00:00', '$3', $4, 'DKK', '$5')"
	local oid n=0 l
	oid=$(sql "SELECT id FROM orders WHERE host_id = 'TRD-$1'")
	for l in $6; do
		n=$((n + 1))
		sql "INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total)
		     VALUES ($oid, $n, ${l%%:*}, 1, ${l#*:})"
	done
}
order A1 "$A" 2031-06-15 300.00 paid "$P1:100.00 $P3:200.00"
order A2 "$A" 2031-01-10 150.50 paid "$P1:150.50"
order A3 "$A" 2030-07-01 49.50 paid "$P5:49.50"
order A4 "$A" 2030-06-30 1000.00 paid "$P2:1000.00"
order A5 "$A" 2031-03-01 999.00 refunded "$P4:999.00"
order A6 "$A" 2031-07-05 77.00 paid "$P7:77.00"
order A7 "$A" 2031-01-01 10.00 paid "$P1:10.00"
order B1 "$B" 2031-05-05 510.00 paid "$P2:300.00 $P4:200.00 $P8:10.00"
order B2 "$B" 2030-10-10 49.50 paid "$P7:49.50"
order C1 "$C" 2031-02-02 260.00 paid "$P2:60.00 $P4:200.00"
order C2 "$C" 2030-08-08 100.00 paid "$P3:100.00"
order C3 "$C" 2031-06-30 20.00 paid "$P3:20.00"
order R1 "$R" 2031-04-04 5000.00 paid "$P5:5000.00"
# orders written by SQL bypass the import: derive purchases (the page's
# source) again, as an operator would
"${S[@]}" purchases rebuild > /dev/null
ok $? "fixture loaded: 5 customers, 8 products, 13 orders; salient purchases rebuild"

# ---- popularity (DESIGN.md section 5), by the job through the worker queue
# Non-retail buyers in (2030-06-30, 2031-06-30]:
#   P4: B, C (400)   P2: B, C (360)   P3: A, C (320)   -- 2 buyers, by revenue
#   P1: A (260.50)   P5: A (49.50)    P7: B (49.50)   P8: B (10)
#   P5 and P7 tie on buyers and revenue: the smaller id (P5) first.  R is
#   retail, A5 refunded, A6 after T, A4 before the window: none count.
http POST /api/v1/jobs "${AUTH[@]}" "${JS[@]}" -d '{"kind": "trade.popularity", "args": {"as_of": "2031-06-30"}}'
is "$STATUS" 202 "a popularity run is queued"
job=$(json job.id); [ "$job" = null ] && job=$(json id)
job_done $job 60
is "$(sql "SELECT state FROM jobs WHERE id = $job")" done "the worker ran trade.popularity"
rank=$(sql "SELECT GROUP_CONCAT(CONCAT(p.host_id, ':', pp.customers, ':', pp.revenue) ORDER BY pp.pos SEPARATOR ' ')
            FROM trade_popular_products pp JOIN products p ON p.id = pp.product_id WHERE p.host_id LIKE 'TRD-%'")
is "$rank" "TRD-P4:2:400.0000 TRD-P2:2:360.0000 TRD-P3:2:320.0000 TRD-P1:1:260.5000 TRD-P5:1:49.5000 TRD-P7:1:49.5000 TRD-P8:1:10.0000" \
   "products ranked by distinct non-retail buyers, then revenue, then id"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(c.name, ':', pc.customers, ':', pc.revenue) ORDER BY pc.pos SEPARATOR ' ')
           FROM trade_popular_categories pc JOIN categories c ON c.id = pc.category_id WHERE c.host_id LIKE 'TRD-%'")" \
   "Lamps:3:590.5000 Chairs:2:760.0000 Tools:2:99.0000" "categories: distinct buyers of any of their products (Lamps: A, B, C)"
is "$(sql "SELECT CONCAT(as_of, ' ', from_date) FROM trade_popularity_runs ORDER BY id DESC LIMIT 1")" \
   "2031-06-30 2030-06-30" "the run is recorded with its window"
out=$("${S[@]}" popularity --as-of 2031-06-30)
like "$out" "popularity as of 2031-06-30: .* products and .* categories ranked" "salient popularity runs it from the command line too"
is "$(sql "SELECT COUNT(*) FROM trade_popular_products pp JOIN products p ON p.id = pp.product_id WHERE p.host_id LIKE 'TRD-%'")" 7 \
   "a second run replaces the lists (no duplicates)"

# ---- the customer's page
JA=$TMP/a.jar
http GET "$(trade_link TRD-A)" -c "$JA"
is "$STATUS" 302 "customer A signs in by link"
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$STATUS" 200 "A's summary as of 2031-06-30"
is "$(json customer.customer_id)" TRD-A "  is A's"
is "$(json summary.revenue.current.amount)" 510 "  revenue in C: 49.50 + 10 + 150.50 + 300 = 510.00"
is "$(json summary.revenue.current.text)" "DKK${NB}510.00" "  written the English way"
is "$(json summary.revenue.previous.amount)" 1000 "  revenue in Q: A4 on 2030-06-30 (Q's last day)"
is "$(json summary.revenue.change_text)" "-49.0%" "  change (510 - 1000) / 1000 = -49.0 %"
is "$(json summary.orders.current.value) $(json summary.orders.previous.value)" "4 1" "  4 orders in C (refund and later order left out), 1 in Q"
is "$(json summary.aov.current.amount)" 127.5 "  average order 510 / 4 = 127.50"
is "$(json summary.chart.months)" '["2030-07","2030-08","2030-09","2030-10","2030-11","2030-12","2031-01","2031-02","2031-03","2031-04","2031-05","2031-06"]' \
   "  chart: 12 monthly slices ending on the 30th, labelled by their last day's month"
is "$(json summary.chart.current)" '[49.5,0,0,0,0,0,160.5,0,0,0,0,300]' "  C by slice: Jul 49.50, Jan 10 + 150.50, Jun 300"
is "$(json summary.chart.previous)" '[0,0,0,0,0,0,0,0,0,0,0,1000]' "  Q by slice: 1000 in the slice ending 2030-06-30"
is "$(json top.products.0.name):$(json top.products.0.revenue.amount):$(json top.products.0.share_text)" "Ford lamp:260.5:51.1%" \
   "  top product P1: 100 + 150.50 + 10, 51.1 % of 510"
is "$(json top.products.1.name):$(json top.products.2.name)" "Opel lamp:Volvo tool" "  then P3 (200), P5 (49.50); P2 (Q only) not"
is "$(json top.categories.0.name):$(json top.categories.0.revenue.amount):$(json top.categories.1.name)" "Lamps:460.5:Tools" \
   "  top categories: Lamps 460.50, Tools"
is "$(json top.groups):$(json top.tags):$(json top.has)" 'null:null:{"categories":true,"products":true}' \
   "  top groups and tags are the staff view's, not on the customer's own page"
is "$(json target.target)" null "  no target yet"

# never bought: A bought P1, P2, P3, P5 (paid, up to T); P4 only refunded,
# P7 after T; P6 inactive and unranked.  Popular order: P4, P7, P8.
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} . "/" . $_->{why}{kind} } @{decode_json(<STDIN>)}')" \
   "Opel chair/popular Ford tool/popular Saab lamp/popular" "suggestions: the popular products A never bought, in rank order"
is "$(json suggestions.products.0.customers.value)" 2 "  with their buyers (P4: 2)"
is "$(json suggestions.products.0.url)" null "  no links while the URL pattern is empty"
is "$(json suggestions.categories)" '[]' "  no category suggested: A bought from every ranked category"
is "$(json suggestions.popularity.as_of)" 2031-06-30 "  from the run as of 2031-06-30"
http GET "/account/?as_of=2031-07-10" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} } @{decode_json(<STDIN>)}')" \
   "Opel chair Saab lamp" "as of 2031-07-10 A has bought P7 (A6): it is no longer suggested"
http GET "/account/" -b "$JA"
is "$STATUS" 200 "the page renders"
like "$BODY" 'Welcome, Anna Alpha' "  greeting the customer"
like "$BODY" 'data-compare-values=' "  with the chart of this year against the one before"
like "$BODY" 'Opel chair' "  and the suggestions"

# tag filtering: manufacturer (the default group): A's makers Ford, Opel, Volvo
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_tag_filter": true, "trade_product_url": "https://shop.example/p/{sku}"}'
is "$STATUS" 200 "tag filtering on, a product URL pattern set"
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} . "/" . $_->{why}{tag_value} } @{decode_json(<STDIN>)}')" \
   "Opel chair/Opel Ford tool/Ford" "only products sharing a maker with A's purchases; Saab left out"
is "$(json suggestions.products.1.url)" "https://shop.example/p/F-7" "  linked to the shop"
is "$(json suggestions.tag_groups)" '["manufacturer"]' "  naming the groups"
http GET "/account/?as_of=2031-06-30" -b "$JA"
like "$BODY" 'Popular with Opel buyers' "  the page says why (en)"
http GET "/account/?as_of=2031-06-30&lang=da" -b "$JA"
like "$BODY" 'Populær blandt Opel-købere' "  (da)"
http GET "/account/?as_of=2031-06-30&lang=ru" -b "$JA"
like "$BODY" 'Покупатели Opel выбирают это' "  (ru)"
http GET "/account/?lang=en" -b "$JA" > /dev/null
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_tag_groups": "material"}'
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} . "/" . $_->{why}{tag_group} . ":" . $_->{why}{tag_value} } @{decode_json(<STDIN>)}')" \
   "Saab lamp/material:steel" "by material: only P8 shares steel with A's lamps"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_tag_groups": "manufacturer,material", "trade_suggestions": 2}'
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} } @{decode_json(<STDIN>)}')" \
   "Opel chair Ford tool" "two groups, two suggestions wanted: the first two of P4, P7, P8"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_tag_filter": false, "trade_suggestions": 8}'

# customer D (no orders): everything is new, categories too
JD=$TMP/d.jar
http GET "$(trade_link TRD-D)" -c "$JD"
http GET "/account/?as_of=2031-06-30" -b "$JD" "${AJ[@]}"
is "$(json suggestions.products | perl -MJSON::PP -e 'print join " ", map { $_->{name} } @{decode_json(<STDIN>)}')" \
   "Opel chair Ford chair Opel lamp Ford lamp Volvo tool Ford tool Saab lamp" "D (no orders) gets every ranked active product"
is "$(json suggestions.products.1.url)" "https://shop.example/p/F%202%2Fx" "  the SKU 'F 2/x' URL-encoded in the link"
is "$(json suggestions.categories | perl -MJSON::PP -e 'print join " ", map { $_->{name} } @{decode_json(<STDIN>)}')" \
   "Lamps Chairs Tools" "  and every category, by popularity"
is "$(json summary.revenue.current.text):$(json summary.aov.current)" "0.00:null" "  its summary is zeros (no currency known), no average"
is "$(json target.target)" null "  no target"

# ---- targets and their edges
sql "INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES
       ($A, '2031-01-01', '2031-12-31', 1842.00), ($B, '2031-01-01', '2031-06-30', 1000.00),
       ($C, '2031-06-30', '2032-06-29', 500.00), ($A, '2032-01-01', '2032-12-31', 3000.00),
       ($B, '2030-01-01', '2030-12-31', 100.00)"
T1=$(sql "SELECT id FROM targets WHERE customer_id = $A AND period_start = '2031-01-01'")
tgt() {  # tgt AS_OF: A's chosen target as "state actual progress forecast elapsed"
	http GET "/account/?as_of=$1" -b "$JA" "${AJ[@]}"
	echo "$(json target.target.state) $(json target.target.actual.amount) $(json target.target.progress_text) $(json target.target.forecast.amount) $(json target.target.elapsed_days)"
}
is "$(tgt 2031-06-30)" "running 460.5 25.0% 928.6326 181" \
   "A on 2031-06-30: 460.50 of 1842 (25.0 %), day 181 of 365, forecast 460.50 x 365 / 181 = 928.6326"
is "$(tgt 2030-12-31)" "upcoming 0 0.0% null 0" "the day before the start: upcoming, nothing counted, no forecast"
is "$(tgt 2031-01-01)" "running 10 0.5% 3650 1" "the first day: A7's 10.00 counts, forecast 10 x 365"
is "$(tgt 2031-12-31)" "running 537.5 29.2% 537.5 365" "the last day: every 2031 order (A6 too), forecast = actual"
http GET "/account/?as_of=2032-01-15" -b "$JA" "${AJ[@]}"
is "$(json target.targets.1.state) $(json target.targets.1.actual.amount) $(json target.targets.1.forecast.amount)" "ended 537.5 537.5" \
   "after the end: ended, actual the whole period, forecast = actual"
is "$(json target.target.period_start)" 2032-01-01 "  the target of 2032-01-15 is the one running then"
http GET "/account/?as_of=2031-06-30" -b "$JA"
like "$BODY" "Forecast: DKK${NB}928.63" "the page shows the forecast"
like "$BODY" '<progress class="sl-progress w-100" max="100" value="25"' "  and a progress bar at 25"

# ---- the targets report and its CSV
http GET "/api/v1/targets?as_of=2031-06-30&customer=" "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/targets"
is "$(json rows | perl -MJSON::PP -e 'print join " ", map { $_->{customer_id} . ":" . $_->{progress_text} } grep { $_->{customer_id} =~ /^TRD-/ } @{decode_json(<STDIN>)}')" \
   "TRD-B:51.0% TRD-A:25.0% TRD-C:4.0%" "running targets by progress, highest first"
http GET "/api/v1/targets?as_of=2031-06-30&manager=Mia&sort=customer" "${AUTH[@]}"
is "$(json rows | perl -MJSON::PP -e 'print join " ", map { $_->{customer_id} } @{decode_json(<STDIN>)}')" "TRD-A TRD-C" \
   "filtered by account manager Mia, sorted by customer"
http GET "/api/v1/targets?as_of=2031-06-30&sort=wrong" "${AUTH[@]}"
is "$STATUS" 400 "an unknown sort column is 400"
like "$(json error.message)" '^sort: ' "  naming the field"
http GET "/api/v1/targets.csv?as_of=2031-06-30&manager=Mia" "${AUTH[@]}"
is "$STATUS" 200 "the CSV answers"
like "$(header Content-Disposition)" 'attachment; filename="?targets.csv' "  as a download"
printf 'customer_id,customer,account_manager,period_start,period_end,state,amount,actual,progress_pct,forecast\r\nTRD-A,Anna Alpha,Mia,2031-01-01,2031-12-31,running,1842.00,460.50,25.0,928.63\r\nTRD-C,"Cy Gamma, Jr",Mia,2031-06-30,2032-06-29,running,500.00,20.00,4.0,7320.00\r\n' > "$TMP/want.csv"
ok $(cmp -s "$TMP/body" "$TMP/want.csv"; echo $?) "  byte for byte: C's first day forecasts 20 x 366, a name with a comma quoted"
http GET "/api/v1/targets.csv?as_of=2031-06-30&state=all&sort=customer&dir=asc" "${AUTH[@]}"
grep -a 'TRD-' "$TMP/body" > "$TMP/all.csv"
printf 'TRD-A,Anna Alpha,Mia,2031-01-01,2031-12-31,running,1842.00,460.50,25.0,928.63\r\nTRD-A,Anna Alpha,Mia,2032-01-01,2032-12-31,upcoming,3000.00,0.00,0.0,\r\nTRD-B,Bo Beta,Max,2031-01-01,2031-06-30,running,1000.00,510.00,51.0,510.00\r\nTRD-B,Bo Beta,Max,2030-01-01,2030-12-31,ended,100.00,49.50,49.5,49.50\r\nTRD-C,"Cy Gamma, Jr",Mia,2031-06-30,2032-06-29,running,500.00,20.00,4.0,7320.00\r\n' > "$TMP/want.csv"
ok $(cmp -s "$TMP/all.csv" "$TMP/want.csv"; echo $?) "every state: upcoming without a forecast, ended with its final result"

# ---- the staff view and its target form
staff_user trade-agent@test.example agent 'trade-agent-pass-1'
staff_login trade-agent@test.example 'trade-agent-pass-1' "$TMP/agent.jar"
http GET "/admin/customers/$A/trade?as_of=2031-06-30" -b "$TMP/agent.jar" "${AJ[@]}"
is "$STATUS" 200 "an agent opens A's trade figures"
is "$(json summary.revenue.current.amount):$(json target.target.id)" "510:$T1" "  the same summary and target"
is "$(json top.groups | perl -MJSON::PP -e 'print join " ", map { $_->{name} . ":" . $_->{revenue}{amount} } @{decode_json(<STDIN>)}')" \
   "Lighting:460.5 Tools:49.5" "  top product groups (parent categories)"
is "$(json top.tags | perl -MJSON::PP -e 'print join " ", map { $_->{tag_value} . ":" . $_->{revenue}{amount} } @{decode_json(<STDIN>)}')" \
   "steel:460.5 Ford:260.5 Opel:200 Volvo:49.5" "  top tags by the revenue of the products carrying them"
is "$(json suggestions.products.0.name)" "Opel chair" "  and the suggestions"
http GET "/admin/customers/$A/trade" -b "$TMP/agent.jar"
is "$STATUS" 200 "the staff page renders"
like "$BODY" 'name="period_start"' "  with the target form"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" --data-urlencode period_start=2033-03-01 --data-urlencode amount=999
is "$STATUS" 403 "setting a target without the CSRF token is refused"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode amount=12x
is "$STATUS:$(json error.field):$(json error.reason)" 400:amount:money "an amount that is not one: the core's 400"
is "$(sql "SELECT COUNT(*) FROM targets WHERE customer_id = $A")" 2 "  nothing written"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode amount=0
is "$STATUS" 422 "an amount of 0: 422, the form again"
like "$(json form.errors.amount)" '^Amount: ' "  naming the field by its label"
is "$(json form.amount):$(json form.period_start)" 0.0000:2033-03-01 "  keeping what was given"
is "$(sql "SELECT COUNT(*) FROM targets WHERE customer_id = $A")" 2 "  nothing written"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-02-30 --data-urlencode amount=5
is "$STATUS:$(json error.field):$(json error.reason)" 400:period_start:date "a date not in the calendar is 400"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode target_id=x --data-urlencode period_start=2033-03-01 --data-urlencode amount=5
is "$STATUS:$(json error.field):$(json error.reason)" 400:target_id:uint "a target_id that is not a number is 400"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode amount=5 --data-urlencode note=hi
is "$STATUS:$(json error.field):$(json error.reason)" 400:note:unknown "an unknown field is 400"
http POST "/admin/customers/x$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode amount=5
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a customer id that is not a number is 400"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	-H 'Accept-Language: da' --data-urlencode period_start=2036-01-01 --data-urlencode amount=12,5
is "$STATUS" 201 "a Danish form's amount 12,5 is taken"
is "$(sql "SELECT amount FROM targets WHERE customer_id = $A AND period_start = '2036-01-01'")" 12.5000 "  as 12.5"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	-H 'Accept-Language: ru' --data-urlencode period_start=2037-01-01 --data-urlencode 'amount=1 854,95'
is "$STATUS" 201 "a Russian form's amount 1 854,95 is taken"
is "$(sql "SELECT amount FROM targets WHERE customer_id = $A AND period_start = '2037-01-01'")" 1854.9500 "  as 1854.95"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	-H 'Accept-Language: en' --data-urlencode period_start=2038-01-01 --data-urlencode amount=12,5
is "$STATUS:$(json error.field)" 400:amount "  but 12,5 is no amount in English"
sql "DELETE FROM targets WHERE customer_id = $A AND period_start IN ('2036-01-01', '2037-01-01')"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode amount=999.5
is "$STATUS" 201 "a new target from 2033-03-01"
is "$(sql "SELECT CONCAT(period_end, ' ', amount) FROM targets WHERE customer_id = $A AND period_start = '2033-03-01'")" \
   "2034-02-28 999.5000" "  12 months by default, ending 2034-02-28"
NT=$(json saved_id)
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'target.create' AND object_id = '$NT'")" 1 "  audited"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode target_id="$NT" --data-urlencode period_start=2033-03-01 --data-urlencode period_end=2033-12-31 --data-urlencode amount=1000
is "$STATUS" 200 "the target changed"
is "$(sql "SELECT CONCAT(period_end, ' ', amount) FROM targets WHERE id = $NT")" "2033-12-31 1000.0000" "  period and amount"
like "$(sql "SELECT CONCAT(before_json, ' -> ', after_json) FROM audit_log WHERE what = 'target.update' AND object_id = '$NT'")" \
   '999.5.*->.*1000' "  audited with before and after"
# one target per day on the form too (issue 15 item 7), as the API and the import refuse it
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-06-01 --data-urlencode amount=5
is "$STATUS" 422 "the form refuses a period sharing days with another target"
like "$(json form.errors.period_start)" "target $NT of this customer \(2033-03-01 to 2033-12-31\)" \
	"  naming the other target and its period"
is "$(sql "SELECT COUNT(*) FROM targets WHERE customer_id = $A AND period_start = '2033-06-01'")" 0 "  nothing written"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode target_id="$NT" --data-urlencode period_start=2033-03-01 --data-urlencode period_end=2033-12-31 --data-urlencode amount=1000
is "$STATUS" 200 "  the target itself may be saved again over its own days"
http POST "/admin/customers/$A/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode period_start=2033-03-01 --data-urlencode period_end=2033-12-31 --data-urlencode amount=5
is "$STATUS" 422 "the same period twice is refused (422, as every path)"
http POST "/admin/customers/$B/trade/target" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode target_id="$NT" --data-urlencode period_start=2033-03-01 --data-urlencode amount=5
is "$STATUS" 404 "another customer's target cannot be changed through B's page"
http POST "/admin/customers/$A/trade/target/$NT/delete" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF"
is "$STATUS" 200 "the target deleted"
is "$(sql "SELECT COUNT(*) FROM targets WHERE id = $NT"):$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'target.delete' AND object_id = '$NT'")" \
   "0:1" "  gone, audited"
http GET "/admin/customers/999999999/trade" -b "$TMP/agent.jar" "${AJ[@]}"
is "$STATUS" 404 "an unknown customer is 404"
http GET "/admin/customers/abc/trade" -b "$TMP/agent.jar" "${AJ[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a customer id that is not a number is 400"
http GET "/admin/customers/$A/trade?as_of=2031-13-01" -b "$TMP/agent.jar" "${AJ[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:as_of:date "a bad as_of is 400"
http POST "/admin/customers/$A/trade/target/x/delete" -b "$TMP/agent.jar" "${AJ[@]}" -H "X-CSRF-Token: $CSRF"
is "$STATUS:$(json error.field):$(json error.reason)" 400:tid:uint "a target id that is not a number is 400"
for q in page=0:page:range page=1000001:page:range dir=up:dir:enum state=soon:state:enum \
         as_of=2031-02-29:as_of:date colour=red:colour:unknown; do
	http GET "/api/v1/targets?${q%%:*}" "${AUTH[@]}"
	is "$STATUS:$(json error.field):$(json error.reason)" "400:${q#*:}" "GET /api/v1/targets?${q%%:*}: 400"
done
http GET "/api/v1/targets.csv?dir=sideways" "${AUTH[@]}"
is "$STATUS" 400 "  the CSV too"
http GET "/admin/reports/targets?as_of=2031-06-30" -b "$TMP/agent.jar"
is "$STATUS" 200 "Reports > Sales targets renders"
like "$BODY" 'Cy Gamma, Jr' "  listing the customers"
like "$BODY" 'href="targets.csv\?' "  with its CSV link"

# ---- the targets API
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-03-01", "amount": "1200.50"}'
is "$STATUS" 201 "POST /api/v1/targets creates a target"
TD=$(json target.id)
is "$(json target.customer_id):$(json target.period_end):$(json target.amount.amount)" "TRD-D:2032-02-29:1200.5" \
   "  for D, 12 months to 2032-02-29 (leap year)"
http GET "/api/v1/targets/$TD?as_of=2031-06-30" "${AUTH[@]}"
is "$STATUS:$(json target.state):$(json target.actual.amount)" "200:running:0" "GET it back: running, nothing bought"
http PUT "/api/v1/targets/$TD" "${AUTH[@]}" "${JS[@]}" -d '{"amount": 1500}'
is "$STATUS:$(json target.amount.amount):$(json target.period_end)" "200:1500:2032-02-29" "PUT changes the amount, the period stays"
http PUT "/api/v1/targets/$TD" "${AUTH[@]}" "${JS[@]}" -d '{"period_end": "2031-01-01"}'
is "$STATUS" 422 "an end before the start is 422"
like "$(json error.message)" '^period_end: ' "  naming the field"
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-03-01", "period_end": "2032-02-29", "amount": "1"}'
is "$STATUS" 422 "the same period again is 422"
for p in 2031-06-01:2031-08-31 2030-03-01:2031-03-01 2032-02-29:2033-01-31 2030-01-01:2033-12-31; do
	http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d "{\"customer_id\": \"TRD-D\", \"period_start\": \"${p%%:*}\", \"period_end\": \"${p#*:}\", \"amount\": \"1\"}"
	is "$STATUS" 422 "a period sharing a day with target $TD ($p) is refused"
	like "$(json error.message)" "target $TD of this customer \\(2031-03-01 to 2032-02-29\\)" "  naming the other target and its period"
done
is "$(sql "SELECT COUNT(*) FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id = 'TRD-D'")" 1 "  none of them written"
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2032-03-01", "period_end": "2032-03-31", "amount": "1"}'
is "$STATUS" 201 "the period right after it is taken"
http PUT "/api/v1/targets/$(json target.id)" "${AUTH[@]}" "${JS[@]}" -d '{"period_start": "2032-02-01"}'
is "$STATUS" 422 "  and cannot be moved into it"
sql "DELETE FROM targets WHERE id = $(json target.id 2>/dev/null || echo 0)" 2>/dev/null
sql "DELETE t FROM targets t JOIN customers c ON c.id = t.customer_id WHERE c.host_id = 'TRD-D' AND t.period_start = '2032-03-01'"
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-02-30", "amount": "1"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:period_start:date "POST a date not in the calendar: 400"
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-02-01", "amount": "12,5"}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:amount:money "  the API takes the plain form of money alone"
http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-02-01", "amount": "1", "note": 1}'
is "$STATUS:$(json error.field):$(json error.reason)" 400:note:unknown "  and no member it does not declare"
http PUT "/api/v1/targets/$TD" "${AUTH[@]}" "${JS[@]}" -d '{"customer_id": "TRD-A"}'
is "$STATUS" 422 "PUT cannot move a target to another customer"
http GET "/api/v1/targets/abc" "${AUTH[@]}"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a target id that is not a number is 400"
http GET "/api/v1/targets/999999999" "${AUTH[@]}"
is "$STATUS" 404 "a target that does not exist is 404"
for bad in \
           '{"customer_id": "TRD-D", "period_start": "2031-02-01", "amount": "-5"}:amount' \
           '{"customer_id": "TRD-D", "period_start": "2031-02-01", "amount": "0"}:amount' \
           '{"customer_id": "TRD-D", "period_start": "2031-02-01"}:amount' \
           '{"customer_id": "NOBODY", "period_start": "2031-02-01", "amount": "1"}:customer_id' \
           '{"period_start": "2031-02-01", "amount": "1"}:customer_id'; do
	http POST /api/v1/targets "${AUTH[@]}" "${JS[@]}" -d "${bad%:*}"
	is "$STATUS:$(json error.message | cut -d: -f1)" "422:${bad##*:}" "POST ${bad%:*}: 422 naming ${bad##*:}"
done
http DELETE "/api/v1/targets/$TD" "${AUTH[@]}"
is "$STATUS:$(json deleted)" "200:$TD" "DELETE removes it"
http GET "/api/v1/targets/$TD" "${AUTH[@]}"
is "$STATUS" 404 "  and it is gone"
is "$(sql "SELECT GROUP_CONCAT(what ORDER BY id) FROM audit_log WHERE object_id = '$TD' AND what LIKE 'target.%'")" \
   "target.create,target.update,target.delete" "the API's changes are audited"
RT=$(api_token trade-read read)
http POST /api/v1/targets -H "Authorization: Bearer $RT" "${JS[@]}" -d '{"customer_id": "TRD-D", "period_start": "2031-03-01", "amount": "1"}'
is "$STATUS" 403 "a read token cannot create targets"
http GET "/api/v1/targets?customer=TRD-A&state=all" -H "Authorization: Bearer $RT"
is "$STATUS:$(json pager.total)" "200:2" "  but may list them"

# import kind targets (salient import, DESIGN.md section 4)
printf 'customer_id,period_start,period_end,amount\nTRD-D,2031-01-01,2031-12-31,777.00\nTRD-C,2033-01-01,2033-12-31,5\n' > "$TMP/targets.csv"
"${S[@]}" import "$TMP/targets.csv" > "$TMP/imp.out" 2>&1
ok $? "salient import of a targets CSV"
"${S[@]}" import "$TMP/targets.csv" > /dev/null 2>&1
http GET "/api/v1/targets?customer=TRD-D&state=all&as_of=2031-06-30" "${AUTH[@]}"
is "$(json pager.total):$(json rows.0.amount.amount):$(json rows.0.progress_text)" "1:777:0.0%" \
   "  D's imported target is listed once after two imports, with its progress"

# ---- one customer cannot reach another's figures
B_REV=$(sql "SELECT SUM(total) FROM orders WHERE customer_id = $B AND status = 'paid'")
for q in "customer_id=TRD-B" "customer_id=$B" "customer=TRD-B" "id=$B" "cid=$B" "as_of=2031-06-30&customer_id=$B"; do
	http GET "/account/?$q" -b "$JA" "${AJ[@]}"
	is "$STATUS:$(json error.reason):$(json customer.customer_id)" 400:unknown:null "?$q is refused, never B's page"
done
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}" "${JS[@]}" --data-binary "{\"customer_id\": $B}" -X GET
is "$STATUS:$(json error.field):$(json customer.customer_id)" 400:customer_id:null "a JSON body naming B is refused, never B's page"
for p in "/account/$B" "/account/../admin/customers/$B/trade" "/account/%2e%2e/admin/customers/$B/trade" \
         "/admin/customers/$B/trade" "/api/v1/customers/$B/trade" "/api/v1/targets" "/api/v1/targets.csv" \
         "/admin/reports/targets"; do
	http GET "$p" -b "$JA" "${AJ[@]}" --path-as-is
	ok $([ "$STATUS" = 403 ] || [ "$STATUS" = 404 ] || [ "$STATUS" = 400 ]; echo $?) "$p: refused ($STATUS)"
	ok $(printf '%s' "$BODY" | grep -q "$B_REV\|Bo Beta"; [ $? -ne 0 ]; echo $?) "  without B's figures"
done

# ---- retail customers, and the setting that lets them in
http GET "$(trade_link TRD-R)" "${AJ[@]}"
is "$STATUS" 403 "a retail customer is refused by default"
is "$(json error.reason)" area_closed "  saying so"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"account_smart_types": ["retail", "trade", "distributor"]}'
is "$STATUS" 200 "retail added to account_smart_types"
JR=$TMP/r.jar
http GET "$(trade_link TRD-R)" -c "$JR"
is "$STATUS" 302 "  the retail customer is let in"
http GET "/account/?as_of=2031-06-30" -b "$JR" "${AJ[@]}"
is "$STATUS:$(json summary.revenue.current.amount)" "200:5000" "  and sees its own summary"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"account_smart_types": ["trade", "distributor"]}'
http GET "/account/" -b "$JR" "${AJ[@]}"
is "$STATUS" 403 "taking retail out again closes the open session's page too"

# ---- settings validation
bad() {  # bad JSON REASON NAME
	http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d "$1"
	is "$STATUS" 422 "$3: 422"
	like "$(json error.message)" "$2" "  $2"
}
bad '{"trade_product_url": "https://shop.example/p/"}' 'trade_product_url: must contain \{sku\}' "a URL pattern without {sku}"
bad '{"trade_product_url": "javascript:alert(1)//{sku}"}' 'trade_product_url: must start with' "a URL pattern of another scheme"
bad '{"trade_tag_groups": "manufacturer,,material"}' 'trade_tag_groups: an empty name' "an empty tag group"
bad '{"trade_suggestions": 51}' 'trade_suggestions' "too many suggestions"
bad '{"account_smart_types": ["wholesale"]}' 'account_smart_types' "an unknown smart type"
is "$(sql "SELECT value FROM settings WHERE name = 'trade.product_url'")" "https://shop.example/p/{sku}" "nothing of the refused values written"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_summary": false}'
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json show_summary):$(json summary):$(json suggestions.products.0.name)" "false:null:Opel chair" \
   "with the summary switched off the page shows the suggestions only"
# ---- product links (issue 15 item 10): the product's own url, else the pattern, else none
sql "DELETE FROM settings WHERE name = 'trade.product_url'"
sql "UPDATE products SET url = NULL"
staff_user trade-admin@test.example admin 'trade-admin-pass-1'
staff_login trade-admin@test.example 'trade-admin-pass-1' "$TMP/admin.jar"
http GET /admin/settings -b "$TMP/admin.jar"
like "$BODY" "Right now no suggestion is a link: no imported product has a url of its own" \
	"the settings page says no suggestion is a link while neither a url nor the pattern gives one"
http GET "/admin/customers/$A/trade?as_of=2031-06-30" -b "$TMP/agent.jar"
like "$BODY" 'class="alert alert-info small sl-no-links">The suggestions are not links to the shop' "  and so does the staff view"
http POST /api/v1/import/products "${AUTH[@]}" "${JS[@]}" -d '[{"product_id": "TRD-X1", "name": "X", "url": "javascript:alert(1)"}]'
is "$STATUS:$(json rejected.0.column):$(json rejected.0.reason_key)" "422:url:data.row.url" "a javascript: url is refused at import"
http POST /api/v1/import/products "${AUTH[@]}" -H 'Content-Type: text/csv' \
	--data-binary $'product_id,name,url\nTRD-X1,X,"https://shop.example/a""onclick=x"\n'
is "$STATUS:$(json rejected.0.reason_key)" "422:data.row.url" "  as is one with a quote in it"
is "$(sql "SELECT COUNT(*) FROM products WHERE host_id = 'TRD-X1'")" 0 "  nothing written"
sql "UPDATE products SET url = 'https://shop.example/own/opel-chair' WHERE host_id = 'TRD-P4'"
"${S[@]}" popularity --as-of 2031-06-30 > /dev/null
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products.0.name):$(json suggestions.products.0.url):$(json suggestions.products.1.url):$(json suggestions.no_links)" \
	"Opel chair:https://shop.example/own/opel-chair:null:false" "a product with its own url links to it; the others have no link without a pattern"
http GET "/account/?as_of=2031-06-30" -b "$JA"
like "$BODY" '<a href="https://shop.example/own/opel-chair" rel="noopener" data-shop-link>Opel chair</a>' "  the page links it"
http GET /admin/settings -b "$TMP/admin.jar"
like "$BODY" "1 products link to their own page" "  the settings page counts them"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"trade_product_url": "https://shop.example/p/{sku}"}'
"${S[@]}" popularity --as-of 2031-06-30 > /dev/null
http GET "/account/?as_of=2031-06-30" -b "$JA" "${AJ[@]}"
is "$(json suggestions.products.0.url):$(json suggestions.products.1.url)" \
	"https://shop.example/own/opel-chair:https://shop.example/p/F-7" "with a pattern: the own url first, the pattern for the others"
sql "UPDATE products SET url = NULL"
sql "DELETE FROM settings WHERE name LIKE 'trade.%' OR name = 'account.smart_types'"
