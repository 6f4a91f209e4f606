#!/usr/bin/env bash
# Classifications through the API and the admin page: create, read with the
# customer count, update, reorder, delete (current rows go, history stays),
# validation errors naming the field, audit rows, roles (an agent reads but
# does not change, a trade customer gets nothing), the forms without
# JavaScript, and "Recalculate now" queueing one job however often it is
# pressed.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JSON=(-H 'Content-Type: application/json')

wipe_store
sql "DELETE FROM settings WHERE name LIKE 'classify.%';
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type) VALUES
       (1, 'A', 'retail'), (2, 'B', 'retail'), (3, 'C', 'trade');
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('a1', 1, '2023-11-01', 100, 'paid'), ('a2', 1, '2023-11-11', 100, 'paid'),
       ('a3', 1, '2023-11-21', 100, 'paid'), ('a4', 1, '2024-03-21', 150, 'paid'),
       ('b1', 2, '2024-03-01', 50, 'paid'), ('b2', 2, '2024-03-11', 50, 'paid'),
       ('c1', 3, '2024-03-30', 1000, 'paid');"
ok $? "fixture loaded"
mark=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")

# the starter set (sql/009): only into an empty table
sql "$(cat "$ROOT/sql/009_classify_starter.sql")"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(type, ':', position, ':', title) ORDER BY type, position SEPARATOR ', ')
           FROM classifications")" \
	"risk_score:1:On track, risk_score:2:Need more attention, risk_score:3:At risk, revenue_change:1:Falling sales, revenue_change:2:Steady, revenue_change:3:Rising stars, revenue_share:1:Big spenders" \
	"the starter set fills an empty table with tiers in order"
sql "$(cat "$ROOT/sql/009_classify_starter.sql")"
is "$(sql "SELECT COUNT(*) FROM classifications")" 7 "and adds nothing to a table that has classifications"
http GET /admin/classifications -H "Authorization: Bearer $API_KEY" -H 'Accept: application/json'
is "$(json groups.0.ascending)$(json groups.1.ascending)$(json groups.2.ascending)" truetruetrue "its groups are ascending"
sql "DELETE FROM classifications"

# ---- create
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Due", "comments": "Call them this week", "colour": "#1F77B4", "type": "risk_score", "value": 100}'
is "$STATUS" 201 "POST /api/v1/classifications creates (201)"
due=$(json id)
is "$(json title)|$(json colour)|$(json smart_type)|$(json value)|$(json min_spend)|$(json min_orders)|$(json position)|$(json customers)" \
	"Due|#1f77b4|all|100|0|0|1|0" "the answer: colour lower-cased, defaults all, 0, 0, first position, no customers yet"
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Late", "type": "risk_score", "value": "300.5", "min_orders": 1}'
late=$(json id)
is "$STATUS|$(json position)|$(json value)" "201|2|300.5" "a second tier goes last in its group; a value as a string is taken exactly"
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Top", "type": "revenue_rank", "smart_type": "retail", "value": 50, "min_spend": "99.95", "position": 1}'
top=$(json id)
is "$STATUS|$(json position)|$(json min_spend)" "201|1|99.95" "another group starts at 1; min_spend kept to the cent"

# ---- a tier that could hold nobody is refused, naming both tiers
http PUT "/api/v1/classifications/$late" "${AUTH[@]}" "${JSON[@]}" -d '{"value": 50}'
is "$STATUS:$(json error.field)" 422:value "a tier whose value is not above the tier before it is refused (422)"
like "$(json error.message)" 'tier "Late" \(50\) comes after tier "Due" \(100\)' "  naming both tiers"
is "$(sql "SELECT value FROM classifications WHERE id = $late")" 300.500000 "  and the tier is unchanged"
n=$(sql "SELECT COUNT(*) FROM classifications")
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" -H 'Accept-Language: da' \
	-d '{"title": "Ny", "type": "risk_score", "value": 500, "position": 1}'
is "$STATUS:$(json error.field)" 422:value "a new tier placed before a lower one is refused"
like "$(json error.message)" 'trinnet "Due" \(100\) kommer efter trinnet "Ny" \(500\)' "  in Danish, naming both"
is "$(sql "SELECT COUNT(*) FROM classifications")" "$n" "  and nothing is created"

# ---- read with the count, after a run
"${S_CLI[@]}" recompute --as-of 2024-03-31 > /dev/null
http GET "/api/v1/classifications/$due" "${AUTH[@]}"
is "$STATUS|$(json customers)" "200|1" "GET one: A holds Due (risk 21.3)"
http GET /api/v1/classifications "${AUTH[@]}"
is "$(json classifications.0.id),$(json classifications.1.id),$(json classifications.2.id)" "$due,$late,$top" \
	"the list is in tier order: type, smart type, position"
is "$(json classifications.1.customers)" 1 "B holds Late (risk 200, one order in C meets min_orders 1)"
http GET "/api/v1/classifications?type=revenue_rank&smart_type=retail" "${AUTH[@]}"
is "$(json classifications.0.id)|$(json classifications.1)" "$top|null" "the list filters by type and smart type"
http GET "/api/v1/classifications?type=bogus" "${AUTH[@]}"
is "$STATUS|$(json error.field)" "400|type" "an unknown filter type is 400 naming it"
http GET /api/v1/classifications/999999 "${AUTH[@]}"
is "$STATUS" 404 "an unknown id is 404"
http GET /api/v1/classifications/abc "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|id|uint" "an id that is no number is the core's 400"
http DELETE /api/v1/classifications/0 "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|id|range" "id 0 is out of range"
http GET "/api/v1/classifications?smart_type=vip" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|smart_type|enum" "a filter that is no smart type is 400"
http GET "/api/v1/classifications?colour=red" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|colour|unknown" "an input the list does not take is 400"

# ---- update
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d '{"value": 120, "comments": null}'
is "$STATUS|$(json value)|$(json comments)|$(json title)" "200|120||Due" \
	"PUT changes the fields given (comments null = none) and keeps the others"
http GET "/api/v1/classifications/$due" "${AUTH[@]}"
body=$BODY
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d "$body"
is "$STATUS" 200 "an answer sent back as it came (id, customers) is accepted"
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d '{"id": 12345, "title": "x"}'
is "$STATUS|$(json error.field)" "400|id" "an id that is not the address's is refused"
is "$(sql "SELECT value FROM classifications WHERE id = $due")" "120.000000" "and nothing was written"
is "$(sql "SELECT COUNT(*) FROM customer_classifications WHERE classification_id = $due")" 1 \
	"a changed tier does not recompute by itself"

# ---- reorder
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": [$late, $due]}"
is "$STATUS|$(json classifications.0.id)|$(json classifications.0.position)|$(json classifications.1.position)" \
	"200|$late|1|2" "PUT /api/v1/classifications/order sets the group's order"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": [$late]}"
is "$STATUS|$(json error.field)" "422|ids" "the order must list the whole group"
like "$(json error.message)" "are 2 classifications" "and says how many it holds"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": [$late, $top]}"
is "$STATUS|$(json error.field)" "422|ids" "an id of another group is refused"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": [$late, $late]}"
is "$STATUS|$(json error.field)" "422|ids" "an id twice is refused"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": [$late, \"x1\"]}"
is "$STATUS|$(json error.field)" "422|ids" "an item that is no id is refused"
like "$(json error.message)" "item 2" "naming the item"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"risk_score\", \"smart_type\": \"all\", \"ids\": {\"a\": 1}}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|ids|json" "ids that are not an array: the core's 400"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"type\": \"nps\", \"smart_type\": \"all\", \"ids\": [$late, $due]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|type|enum" "a group of no type: the core's 400"
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d '{"position": 1}'
is "$STATUS|$(json position)" "200|1" "position in PUT moves the tier within its group"
is "$(sql "SELECT GROUP_CONCAT(id ORDER BY position) FROM classifications WHERE type = 'risk_score'")" "$due,$late" \
	"the other tier moved down"
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d '{"type": "orders", "value": 3}'
is "$STATUS|$(json type)|$(json position)" "200|orders|1" "a change of type moves it to its new group"
is "$(sql "SELECT position FROM classifications WHERE id = $late")" 1 "and the old group closes the gap"
http PUT "/api/v1/classifications/$due" "${AUTH[@]}" "${JSON[@]}" -d '{"type": "risk_score", "value": 120, "position": 1}'
is "$STATUS|$(json position)" "200|1" "and back, to the place asked for"

# ---- validation: each refusal names the field and the reason, nothing is written
before=$(sql "SELECT COUNT(*) FROM classifications")
while IFS='|' read -r body status field reason; do
	[ -z "$body" ] && continue
	http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" -d "$body"
	is "$STATUS|$(json error.field)" "$status|$field" "refused ($status, $field): $body"
	if [ "$status" = 400 ]; then
		# the core's answer for a value of the wrong type or bounds (declared inputs)
		is "$(json error.reason)" "$reason" "  with the reason: $reason"
	else
		like "$(json error.message)" "$reason" "  with the reason: $reason"
	fi
done <<'CASES'
{"type": "orders", "value": 1}|422|title|^title: required
{"title": "  ", "type": "orders", "value": 1}|422|title|must not be empty
{"title": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "type": "orders", "value": 1}|422|title|at most 100 characters
{"title": "a\tb", "type": "orders", "value": 1}|400|title|control
{"title": "T", "type": "orders", "value": 1, "colour": "red"}|422|colour|expected #rrggbb
{"title": "T", "type": "orders", "value": 1, "colour": "#12345g"}|422|colour|expected #rrggbb
{"title": "T", "value": 1}|422|type|^type: required
{"title": "T", "type": "nps", "value": 1}|400|type|enum
{"title": "T", "type": "orders"}|422|value|^value: required
{"title": "T", "type": "orders", "value": "lots"}|400|value|decimal
{"title": "T", "type": "orders", "value": 1.5}|422|value|a whole number
{"title": "T", "type": "revenue_rank", "value": 100.5}|422|value|out of range for revenue_rank: expected 0 to 100
{"title": "T", "type": "revenue_share", "value": -1}|422|value|out of range for revenue_share
{"title": "T", "type": "risk_change", "value": -100.5}|422|value|expected -100 or more
{"title": "T", "type": "risk_score", "value": -0.5}|422|value|expected 0 or more
{"title": "T", "type": "orders", "value": 1, "min_spend": -5}|400|min_spend|range
{"title": "T", "type": "orders", "value": 1, "min_spend": "1.23456"}|400|min_spend|places
{"title": "T", "type": "orders", "value": 1, "min_orders": -1}|400|min_orders|uint
{"title": "T", "type": "orders", "value": 1, "min_orders": 2.5}|400|min_orders|uint
{"title": "T", "type": "orders", "value": 1, "smart_type": "vip"}|400|smart_type|enum
{"title": "T", "type": "orders", "value": 1, "position": 0}|400|position|range
{"title": "T", "type": "orders", "value": 1, "position": 65}|400|position|range
{"title": "T", "type": "orders", "value": 1, "colour_name": "red"}|400|colour_name|unknown
{"title": ["T"], "type": "orders", "value": 1}|400|title|json
{"id": 7, "title": "T", "type": "orders", "value": 1}|400|id|unknown
CASES
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" -d '[1, 2]'
is "$STATUS" 400 "a body that is not an object is 400"
is "$(sql "SELECT COUNT(*) FROM classifications")" "$before" "no refused request wrote anything"
sql "REPLACE INTO settings (name, value) VALUES ('classify.smart_types', 'retail,trade')"
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "D", "type": "orders", "value": 1, "smart_type": "distributor"}'
is "$STATUS|$(json error.field)" "422|smart_type" "a smart type the shop does not use is refused"
like "$(json error.message)" "not in use" "  and says so"

# ---- delete: the current rows go, the history stays (closed on the day)
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE classification_id = $late AND to_date IS NULL")" 1 \
	"B's Late interval is open before the deletion"
http DELETE "/api/v1/classifications/$late" "${AUTH[@]}"
is "$STATUS|$(json deleted.id)|$(json deleted.title)|$(json customers_removed)" "200|$late|Late|1" \
	"DELETE answers what went and how many customers lost it"
like "$(json history)" "^kept" "and that the history is kept"
is "$(sql "SELECT COUNT(*) FROM customer_classifications WHERE classification_id = $late")" 0 "the current rows are gone"
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE classification_id = $late AND to_date IS NOT NULL")" 1 \
	"the history interval is kept, closed"
http DELETE "/api/v1/classifications/$late" "${AUTH[@]}"
is "$STATUS" 404 "deleting it again is 404"
is "$(sql "SELECT position FROM classifications WHERE id = $due")" 1 "the group has no gap"

# ---- audit rows: every change, with before and after
is "$(sql "SELECT GROUP_CONCAT(what ORDER BY id) FROM audit_log WHERE id > $mark AND what LIKE 'classification.%'")" \
	"classification.create,classification.create,classification.create,classification.update,classification.order,classification.update,classification.update,classification.update,classification.delete" \
	"one audit row per change (an unchanged PUT writes none)"
is "$(sql "SELECT CONCAT(JSON_VALUE(before_json, '$.value'), '>', JSON_VALUE(after_json, '$.value'))
           FROM audit_log WHERE id > $mark AND what = 'classification.update' ORDER BY id LIMIT 1")" "100>120" \
	"an update's audit row holds the value before and after"
is "$(sql "SELECT CONCAT(object_id, ' ', JSON_EXTRACT(before_json, '$.ids'), ' ', JSON_EXTRACT(after_json, '$.ids'))
           FROM audit_log WHERE id > $mark AND what = 'classification.order'")" "risk_score/all [$due, $late] [$late, $due]" \
	"a reorder's audit row holds the group's order before and after"
is "$(sql "SELECT CONCAT(JSON_VALUE(before_json, '$.title'), ' ', JSON_VALUE(after_json, '$.customers_removed'))
           FROM audit_log WHERE id > $mark AND what = 'classification.delete'")" "Late 1" \
	"a deletion's audit row holds what was deleted and how many customers lost it"

# ---- roles
before=$(sql "SELECT COUNT(*) FROM classifications")
staff_user cls-admin@test.example admin cls-admin-pass-1
staff_user cls-agent@test.example agent cls-agent-pass-1
"${S_CLI[@]}" user enable --email cls-agent@test.example > /dev/null 2>&1
staff_login cls-agent@test.example cls-agent-pass-1 "$TMP/agent.jar"; AGENT_CSRF=$CSRF
staff_login cls-admin@test.example cls-admin-pass-1 "$TMP/admin.jar"; ADMIN_CSRF=$CSRF
http GET /api/v1/classifications -b "$TMP/agent.jar"
is "$STATUS" 200 "an agent reads the API"
http GET /admin/classifications -b "$TMP/agent.jar" -H 'Accept: application/json'
is "$STATUS|$(json can_edit)" "200|false" "and the page, without the editing controls"
http POST /api/v1/classifications -b "$TMP/agent.jar" -H "X-CSRF-Token: $AGENT_CSRF" "${JSON[@]}" \
	-d '{"title": "A", "type": "orders", "value": 1}'
is "$STATUS" 403 "an agent may not create"
http PUT "/api/v1/classifications/$due" -b "$TMP/agent.jar" -H "X-CSRF-Token: $AGENT_CSRF" "${JSON[@]}" -d '{"value": 1}'
is "$STATUS" 403 "nor update"
http DELETE "/api/v1/classifications/$due" -b "$TMP/agent.jar" -H "X-CSRF-Token: $AGENT_CSRF"
is "$STATUS" 403 "nor delete"
http POST /admin/classifications/recompute -b "$TMP/agent.jar" --data-urlencode "csrf_token=$AGENT_CSRF"
is "$STATUS" 403 "nor recalculate"
read_token=$(api_token cls-read read)
http GET /api/v1/classifications -H "Authorization: Bearer $read_token"
is "$STATUS" 200 "a read token reads"
http POST /api/v1/classifications -H "Authorization: Bearer $read_token" "${JSON[@]}" -d '{"title": "A", "type": "orders", "value": 1}'
is "$STATUS" 403 "but does not write"
sql "INSERT INTO customers (host_id, smart_type) VALUES ('CLS-TRADE', 'trade') ON DUPLICATE KEY UPDATE smart_type = 'trade'"
http GET "$(trade_link CLS-TRADE)" -c "$TMP/trade.jar"
http GET /api/v1/classifications -b "$TMP/trade.jar"
is "$STATUS" 403 "a trade customer is refused the API"
http GET /admin/classifications -b "$TMP/trade.jar" -H 'Accept: application/json'
is "$STATUS" 403 "and the page"
is "$(sql "SELECT COUNT(*) FROM classifications")" "$before" "no refused role changed anything"

# ---- the page and its forms, without JavaScript
sql "REPLACE INTO settings (name, value) VALUES ('classify.label.trade', 'Wholesale')"
http GET /admin/classifications -b "$TMP/admin.jar"
is "$STATUS" 200 "the page renders"
like "$BODY" 'from 0% up to 120%' "with the first tier's range in words"
like "$BODY" "customers\\?classification=$due" "each tier links to its customers"
http GET "/admin/classifications/new?type=orders&smart_type=trade" -b "$TMP/admin.jar"
like "$BODY" '<option value="trade" selected>Wholesale</option>' "the form offers the relabelled smart type, preselected"
ok $(printf '%s' "$BODY" | grep -q 'value="distributor"'; echo $((!$?))) "and not the one the shop does not use"
http POST /admin/classifications -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=Regulars" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=many" --data-urlencode "colour=#00aa00" --data-urlencode "comments=keep them"
is "$STATUS" 400 "a value that is no number is the core's 400 page"
like "$BODY" "value" "naming the field"
http POST /admin/classifications -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=Regulars" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=2.5" --data-urlencode "colour=#00aa00" --data-urlencode "comments=keep them"
is "$STATUS" 422 "a refused form comes back (422)"
like "$BODY" 'value="2.5' "with the value as typed"
like "$BODY" 'is-invalid" id="f-value"' "the field marked"
like "$BODY" "keep them" "and nothing else lost"
http POST /admin/classifications -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=Regulars" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=3" --data-urlencode "colour=#00aa00" --data-urlencode "comments=keep them" \
	--data-urlencode "min_spend=" --data-urlencode "min_orders="
is "$STATUS" 303 "a good form is saved and goes back to the list"
reg=$(sql "SELECT id FROM classifications WHERE title = 'Regulars'")
like "$(header Location)" "/admin/classifications\\?done=created#c-$reg" "to the new tier"
http POST "/admin/classifications/$reg" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=Regulars" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=5" --data-urlencode "colour=#00aa00" --data-urlencode "comments=" \
	--data-urlencode "min_spend=10" --data-urlencode "min_orders=2"
is "$STATUS|$(sql "SELECT CONCAT(CAST(value AS DOUBLE), ' ', CAST(min_spend AS DOUBLE), ' ', min_orders, ' [', comments, ']') FROM classifications WHERE id = $reg")" \
	"303|5 10 2 []" "the edit form saves"
http POST /admin/classifications -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=More" --data-urlencode "type=orders" --data-urlencode "smart_type=all" --data-urlencode "value=10"
more=$(sql "SELECT id FROM classifications WHERE title = 'More'")
http POST "/admin/classifications/$more/move" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" --data-urlencode direction=up
is "$STATUS|$(sql "SELECT GROUP_CONCAT(id ORDER BY position) FROM classifications WHERE type = 'orders'")" "303|$more,$reg" \
	"the up arrow moves a tier without JavaScript"
http POST "/admin/classifications/$more/move" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" --data-urlencode direction=sideways
is "$STATUS|$(sql "SELECT GROUP_CONCAT(id ORDER BY position) FROM classifications WHERE type = 'orders'")" "400|$more,$reg" \
	"a direction that is neither up nor down is 400 and moves nothing"
http POST "/admin/classifications/$more/move" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF"
is "$STATUS" 400 "and so is none"
http POST "/admin/classifications/$more?lang=da" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=More" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=4" --data-urlencode "min_spend=1.234,5" --data-urlencode "min_orders=1"
is "$STATUS|$(sql "SELECT min_spend FROM classifications WHERE id = $more")" "303|1234.5000" \
	"a Danish form's amount (1.234,5) is taken as 1234.5"
http POST "/admin/classifications/$more" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=More" --data-urlencode "type=orders" --data-urlencode "smart_type=all" \
	--data-urlencode "value=10" --data-urlencode "min_orders=1"
is "$STATUS" 422 "the form refuses a first tier of 10 before a tier of 5 (it could hold nobody)"
like "$BODY" 'tier &quot;Regulars&quot; \(5\) comes after tier &quot;More&quot; \(10\)|tier "Regulars" \(5\) comes after tier "More" \(10\)' "  naming both tiers"
# a group written before the check (or reordered by the arrows) can still not rise
sql "UPDATE classifications SET value = 10 WHERE id = $more"
http GET "/admin/classifications?lang=en" -b "$TMP/admin.jar"
http GET /admin/classifications -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$(json groups.2.type)|$(json groups.2.ascending)" "orders|false" "10 before 5: the group is not ascending"
http GET /admin/classifications -b "$TMP/admin.jar"
like "$BODY" 'sl-not-ascending' "and the page warns"
like "$BODY" 'none: 5 is not above 10' "the empty tier says why"
http POST /admin/classifications/order -b "$TMP/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" "${JSON[@]}" \
	-H 'Accept: application/json' -d "{\"order\": [\"$reg\", \"$more\"]}"
is "$STATUS|$(json classifications.0.id)" "200|$reg" "the drag-and-drop call (salient.js posts {order: [ids]}) reorders"
http POST "/admin/classifications/$more/delete" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF"
is "$STATUS|$(sql "SELECT COUNT(*) FROM classifications WHERE id = $more")" "303|0" "the delete form deletes"
http GET "/admin/classifications/$more" -b "$TMP/admin.jar"
is "$STATUS" 404 "its edit page is gone (404)"
like "$BODY" "no classification $more" "saying so"
http POST "/admin/classifications/$more" -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
	--data-urlencode "title=Ghost" --data-urlencode "type=orders" --data-urlencode "value=1"
is "$STATUS|$(sql "SELECT COUNT(*) FROM classifications WHERE title = 'Ghost'")" "404|0" "saving a deleted one is 404 and writes nothing"

# ---- Recalculate now: one job, however often pressed
kill -TERM "$(cat "$RUN/worker.pid")"
wait_for "! kill -0 $(cat "$RUN/worker.pid")" 30
sql "DELETE FROM jobs WHERE kind = 'classify.recompute' AND state IN ('queued', 'running')"
for i in 1 2 3 4 5; do
	curl -s -o /dev/null -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF" \
		"$SALIENT_URL/admin/classifications/recompute" &
done
wait
is "$(sql "SELECT COUNT(*) FROM jobs WHERE kind = 'classify.recompute' AND state = 'queued'")" 1 \
	"five presses at once queue one recompute job"
is "$(sql "SELECT args FROM jobs WHERE kind = 'classify.recompute' AND state = 'queued'")" '{"with_predictions":true}' \
	"with the predictions refitted"
http POST /admin/classifications/recompute -b "$TMP/admin.jar" --data-urlencode "csrf_token=$ADMIN_CSRF"
is "$STATUS|$(header Location)" "303|/salient/admin/classifications?done=already" "another press goes back to the page"
http GET "/admin/classifications?done=already" -b "$TMP/admin.jar"
like "$BODY" 'already queued or running: no second one was queued' "which says no second one was queued"
like "$BODY" 'data-job-poll="/salient/api/v1/jobs/[0-9]+"' "and shows the queued job for the script to follow"
http POST /admin/classifications/recompute -b "$TMP/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -H 'Accept: application/json'
is "$STATUS|$(json already)" "200|true" "as JSON: already"
job=$(sql "SELECT id FROM jobs WHERE kind = 'classify.recompute' AND state = 'queued'")
SALIENT_DEMO=0 "$ROOT/scripts/stack" start > /dev/null
job_done $job 30
is "$(sql "SELECT state FROM jobs WHERE id = $job")" done "the worker runs it"
http GET /admin/classifications -b "$TMP/admin.jar" -H 'Accept: application/json'
is "$(json runs.job.state)|$(json runs.job.active)" "done|false" "the page no longer shows a job under way"
like "$(json runs.last_run.customers_text)" '^[0-9]+$' "it shows the last run's figures"
http POST /admin/classifications/recompute -b "$TMP/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -H 'Accept: application/json'
is "$STATUS|$(json already)" "202|false" "once it is done, a press queues a new run"
# that run ends before the next test file starts: its run lock would
# otherwise turn away the next file's own recompute
wait_for "[ -z \"\$(sql \"SELECT id FROM jobs WHERE kind = 'classify.recompute' AND state IN ('queued', 'running')\")\" ]" 60
sql "DELETE FROM settings WHERE name IN ('classify.smart_types', 'classify.label.trade')"
