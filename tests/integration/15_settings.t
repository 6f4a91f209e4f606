#!/usr/bin/env bash
# The settings page and API, built from the settings the modules declare
# (include/salient/settings.h): read with defaults, validated before
# anything is written, all or nothing, audited, admin only.
. "$(dirname "$0")/lib.sh"
JAR=$TMP/settings.jar
AJAR=$TMP/agent.jar
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')

sql "DELETE FROM settings WHERE name IN ('classify.timeframe_months', 'classify.smart_types',
       'classify.label.trade', 'classify.recompute_per_day');
     DELETE FROM audit_log WHERE what = 'settings'"
ok $? "settings reset to their defaults"

http GET /api/v1/settings "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/settings answers"
is "$(json timeframe_months)" 12 "timeframe_months defaults to 12 (a number)"
is "$(json smart_types)" '["retail","trade","distributor"]' "smart_types defaults to all three, as an array"
is "$(json recompute_per_day)" 4 "four recalculations a day by default"
is "$(json smart_type_label_trade)" "" "labels default to empty (the standard names)"

http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"timeframe_months": 6, "smart_types": ["distributor", "trade"], "smart_type_label_trade": "Forhandlere"}'
is "$STATUS" 200 "PUT with three valid values"
is "$(json timeframe_months)" 6 "timeframe_months is now 6"
is "$(json smart_types)" '["trade","distributor"]' "a set is kept in the declared order"
is "$(json smart_type_label_trade)" "Forhandlere" "a label is stored"
is "$(sql "SELECT value FROM settings WHERE name = 'classify.timeframe_months'")" 6 "stored in the settings table"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'settings'")" 1 "one audit row for the change"
like "$(sql "SELECT CONCAT(before_json, ' -> ', after_json) FROM audit_log WHERE what = 'settings'")" \
   '"timeframe_months": *12.*"timeframe_months": *6' "the audit row holds before and after"

bad() {  # bad JSON REASON NAME
	http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d "$1"
	is "$STATUS" 422 "$3: 422"
	like "$(json error.message)" "$2" "$3: the reason names the setting"
}
bad '{"timeframe_months": 5}' 'timeframe_months: must be 3, 6, 12 or 24' "a timeframe DESIGN.md does not allow"
bad '{"timeframe_months": "12"}' 'timeframe_months: expected a whole number' "a number as a string"
bad '{"smart_types": ["trade", "wholesale"]}' 'smart_types: "wholesale" is not one of the choices' "an unknown smart type"
bad '{"smart_types": ["trade", "trade"]}' 'smart_types: "trade" is listed twice' "a smart type twice"
bad '{"no_such_thing": 1}' 'no_such_thing: no such setting' "an unknown key"
bad '{"recompute_per_day": 25}' 'recompute_per_day: must be from 0 to 24' "out of range"
bad '{"smart_type_label_trade": "a\nb"}' 'smart_type_label_trade: must be one line' "a label of two lines"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '{"timeframe_months": 3, "recompute_per_day": 99}'
is "$STATUS" 422 "one bad value in a batch refuses the batch"
is "$(sql "SELECT value FROM settings WHERE name = 'classify.timeframe_months'")" 6 "and nothing of it is written"
http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" -d '[1]'
is "$STATUS" 400 "a body that is not an object: 400"

# the page: admin only, a form with a CSRF token, errors per field
staff_user settings-admin@example.com admin 'correct-horse-battery-1'
staff_user settings-agent@example.com agent 'correct-horse-battery-2'
staff_login settings-agent@example.com 'correct-horse-battery-2' "$AJAR"
http GET /admin/settings -b "$AJAR"
is "$STATUS" 403 "a sales agent may not open the settings"
http GET /api/v1/settings
is "$STATUS" 401 "nobody signed in: 401"

staff_login settings-admin@example.com 'correct-horse-battery-1' "$JAR"
http GET /admin/settings -b "$JAR"
is "$STATUS" 200 "an admin opens the settings page"
like "$BODY" 'id="settings-classify"' "with the classification section"
like "$BODY" 'name="smart_types.trade" value="1" checked' "the smart types as ticked boxes"
like "$BODY" 'name="timeframe_months" type="number"[^>]*value="6"' "the stored timeframe"
http GET /admin/settings -b "$JAR" -H 'Accept: application/json'
is "$(json sections.0.module)/$(json sections.1.module)/$(json sections.2.module)" "shell/classify/predict" \
	"the page is also JSON, one section per module"
is "$(json sections.1.fields.0.key)" "timeframe_months" "the classification section's first field"
like "$(json sections.2.notes.3.text)" 'discounted by [0-9.]+% a month' "predictions explained, with the discount filled in"
like "$(json sections.2.facts)" 'no published fit yet|published as of|was refused' "and each smart type's fit in force or why there is none"
http GET /admin/settings -b "$JAR" -H 'Accept-Language: da'
like "$BODY" 'Sandsynlighed for aktiv' "the explanation in Danish"

form=(--data-urlencode "csrf_token=$CSRF" -d timeframe_months=24 -d smart_types.retail=1
      -d smart_types.trade=1 -d smart_type_label_retail=Privat -d smart_type_label_trade=
      -d smart_type_label_distributor= -d recompute_per_day=2 -d stats_per_day=4 -d insights_per_day=4
      -d account_smart_types.trade=1 -d account_smart_types.distributor=1 -d trade_summary=1
      -d trade_suggestions=8 -d trade_tag_groups=manufacturer -d trade_product_url= -d period_dip_pct=25
      -d venue_stale_months=18 -d venue_lapsed_months=36 -d venue_super_active_above=10
      -d venue_segments_per_day=4)
http POST /admin/settings -b "$JAR" "${form[@]}"
is "$STATUS" 303 "a valid form is saved and redirected"
like "$(header Location)" '/admin/settings\?saved=1$' "back to the page with a notice"
http GET /api/v1/settings "${AUTH[@]}"
is "$(json timeframe_months)/$(json smart_types)/$(json smart_type_label_retail)/$(json recompute_per_day)" \
   '24/["retail","trade"]/Privat/2' "every field of the form is stored"
is "$(json period_dip_pct)" 25 "  the dip threshold of sales by period too"
is "$(json smart_type_label_trade)" "" "an emptied label is empty again"

http POST /admin/settings -b "$JAR" --data-urlencode "csrf_token=$CSRF" -d timeframe_months=7 \
     -d recompute_per_day=3 -H 'Accept: application/json'
is "$STATUS" 422 "a bad form value: 422"
like "$BODY" 'timeframe_months: must be 3, 6, 12 or 24' "with the field's reason"
http GET /api/v1/settings "${AUTH[@]}"
is "$(json recompute_per_day)" 2 "and nothing of that form is written"
http POST /admin/settings -b "$JAR" -d timeframe_months=12
is "$STATUS" 403 "a form without the CSRF token is refused"
http GET "/admin/settings?saved=maybe" -b "$JAR" -H 'Accept: application/json'
is "$STATUS|$(json error.field)|$(json error.reason)" "400|saved|bool" "saved is a yes or no"
http GET "/admin/settings?saved=1" -b "$JAR"
like "$BODY" 'alert-success' "saved=1 shows the notice"
http GET "/api/v1/settings?timeframe_months=3" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|timeframe_months|unknown" \
   "GET /api/v1/settings takes no inputs"
http POST /admin/settings -b "$JAR" --data-urlencode "csrf_token=$CSRF" -d no_such_setting=1 \
     -d timeframe_months=7 -d recompute_per_day=3 -H 'Accept: application/json'
is "$STATUS" 422 "the form takes its fields open: the settings tables judge them, not the core"
like "$BODY" 'timeframe_months: must be 3, 6, 12 or 24' "with the field's reason"

sql "DELETE FROM settings WHERE name LIKE 'classify.%' AND name <> 'classify.timeframe_months';
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12'),
       ('classify.recompute_per_day', '0')"
