#!/usr/bin/env bash
# An open-ended last tier ("and above", issue 15 item 4): the starter set's
# "Rising stars" becomes open where the shop has not edited it (sql/018), so
# a customer at +114,463 % (367.04 -> 420,493.20) gets it; the API takes
# "value": null, the form its checkbox; only the last tier of a group may be
# open (create, update and reorder); the page words it "above +25%, with no
# upper limit".
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JSON=(-H 'Content-Type: application/json')
J=(-H 'Accept: application/json')
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

# C0009049 of the demo: 367.04 in the previous period, 420,493.20 in this one
wipe_store
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
     INSERT INTO customers (id, host_id, smart_type) VALUES (1, 'C0009049', 'trade');
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('o1', 1, '2023-06-01', 367.04, 'paid'), ('o2', 1, '2024-06-01', 420493.20, 'paid');"
ok $? "fixture loaded"
held_change() { sql "SELECT COALESCE(GROUP_CONCAT(cl.title), '-') FROM customer_classifications cc
                     JOIN classifications cl ON cl.id = cc.classification_id
                     WHERE cl.type = 'revenue_change' AND cc.customer_id = 1"; }

# an install that edited its Rising stars keeps it as it is
sql "$(cat "$ROOT/sql/009_classify_starter.sql")"
sql "UPDATE classifications SET value = 200000 WHERE title = 'Rising stars'"
sql "$(cat "$ROOT/sql/018_classify_open.sql")"
is "$(sql "SELECT value FROM classifications WHERE title = 'Rising stars'")" 200000.000000 \
	"018 leaves an edited Rising stars alone"

# an install with the starter set as 009 wrote it
sql "DELETE FROM classifications"
sql "$(cat "$ROOT/sql/009_classify_starter.sql")"
sql "$(cat "$ROOT/sql/018_classify_open.sql")"
is "$(sql "SELECT IFNULL(value, 'NULL') FROM classifications WHERE title = 'Rising stars'")" NULL \
	"018 makes the untouched Rising stars open-ended"
out=$("${S[@]}" recompute --as-of 2024-12-31)
ok $? "recompute runs"
is "$(sql "SELECT ROUND(revenue_change) FROM customer_metrics WHERE customer_id = 1")" 114463 \
	"the customer's revenue change is +114,463 %"
is "$(held_change)" "Rising stars" "and the open-ended Rising stars holds it"

rising=$(sql "SELECT id FROM classifications WHERE title = 'Rising stars'")
steady=$(sql "SELECT id FROM classifications WHERE title = 'Steady'")
http GET "/api/v1/classifications/$rising" "${AUTH[@]}"
is "$STATUS|$(json value)|$(json open)" "200|null|true" "the API shows it as value null, open true"
http PUT "/api/v1/classifications/$rising" "${AUTH[@]}" "${JSON[@]}" -d "$BODY"
is "$STATUS|$(json value)" "200|null" "the answer sent back unchanged is taken"
http GET /admin/classifications "${AUTH[@]}" "${J[@]}"
words=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
	my $d = JSON::PP->new->decode(join("", <STDIN>));
	for my $g (@{$d->{groups}}) { next unless $g->{type} eq "revenue_change";
		print join(" | ", map { $_->{range_text} } @{$g->{tiers}}) }')
is "$words" "from −100% up to −25% | above −25% up to +25% | above +25%, with no upper limit" \
	"the page words each tier's range, the open one by its lower bound alone"

# only the last tier may be open
http PUT "/api/v1/classifications/$steady" "${AUTH[@]}" "${JSON[@]}" -d '{"value": null}'
is "$STATUS|$(json error.field)" "422|value" "an open-ended tier before the last is refused (422)"
like "$(json error.message)" 'tier "Steady" has no upper bound.*tier "Rising stars" comes after it' \
	"  naming both tiers"
is "$(sql "SELECT value FROM classifications WHERE id = $steady")" 25.000000 "  and nothing changed"
http PUT "/api/v1/classifications/$rising" "${AUTH[@]}" "${JSON[@]}" -d '{"value": 500, "open": true}'
is "$STATUS|$(json error.field)" "422|value" "a value and open together are refused"
http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" \
	-d "{\"ids\": [$(sql "SELECT GROUP_CONCAT(id ORDER BY position DESC) FROM classifications WHERE type = 'revenue_change'")]}"
is "$STATUS|$(json error.field)" "422|value" "a new order that puts the open tier first is refused"
is "$(sql "SELECT GROUP_CONCAT(title ORDER BY position) FROM classifications WHERE type = 'revenue_change'")" \
	"Falling sales,Steady,Rising stars" "  and the order is kept"
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Soaring", "type": "revenue_change", "value": 1000}'
is "$STATUS|$(json position)" "201|3" "a new tier without a position goes before the open-ended last tier"
soaring=$(json id)
is "$(sql "SELECT GROUP_CONCAT(title ORDER BY position) FROM classifications WHERE type = 'revenue_change'")" \
	"Falling sales,Steady,Soaring,Rising stars" "  which stays last"
"${S[@]}" recompute --as-of 2024-12-31 > /dev/null
is "$(held_change)" "Rising stars" "above the new tier's 1000 %, the customer is still in the open tier"
http DELETE "/api/v1/classifications/$soaring" "${AUTH[@]}"

# a closed tier becomes open-ended through the API, and back
http PUT "/api/v1/classifications/$rising" "${AUTH[@]}" "${JSON[@]}" -d '{"value": 100000}'
is "$STATUS|$(json value)|$(json open)" "200|100000|false" "a value closes it again"
"${S[@]}" recompute --as-of 2024-12-31 > /dev/null
is "$(held_change)" "-" "closed at 100000 %, the customer gets no revenue-change tier (the bug)"
http PUT "/api/v1/classifications/$rising" "${AUTH[@]}" "${JSON[@]}" -d '{"value": null}'
is "$STATUS|$(json value)|$(json open)" "200|null|true" "value null opens it"

# the form: the checkbox, shown checked for an open tier
sql "DELETE FROM login_failures"
staff_user "open-$$@test.example" admin "open-pass-1"
staff_login "open-$$@test.example" "open-pass-1" "$TMP/open.jar"
http GET "/admin/classifications/$rising" -b "$TMP/open.jar"
like "$BODY" 'name="open" type="checkbox" value="1" checked' "the form shows the open tier's checkbox checked"
http POST "/admin/classifications/$rising" -b "$TMP/open.jar" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode title="Rising stars" --data-urlencode type=revenue_change \
	--data-urlencode smart_type=all --data-urlencode value= --data-urlencode colour='#0d6efd'
is "$STATUS" 422 "unticked without a value, the form asks for one"
http POST "/admin/classifications/$rising" -b "$TMP/open.jar" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode title="Rising stars" --data-urlencode type=revenue_change \
	--data-urlencode smart_type=all --data-urlencode value=300 --data-urlencode colour='#0d6efd'
is "$STATUS|$(sql "SELECT IFNULL(value, 'NULL') FROM classifications WHERE id = $rising")" "303|300.000000" \
	"with a value it is saved closed"
http POST "/admin/classifications/$rising" -b "$TMP/open.jar" -H "X-CSRF-Token: $CSRF" \
	--data-urlencode title="Rising stars" --data-urlencode type=revenue_change \
	--data-urlencode smart_type=all --data-urlencode value= --data-urlencode open=1 --data-urlencode colour='#0d6efd'
is "$STATUS|$(sql "SELECT IFNULL(value, 'NULL') FROM classifications WHERE id = $rising")" "303|NULL" \
	"ticked, it is saved open-ended"
