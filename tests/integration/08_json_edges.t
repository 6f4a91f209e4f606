#!/usr/bin/env bash
# What an outsider's JSON can do (issue 22's findings): overlong or
# surrogate UTF-8, a NUL inside a string, a key given twice, an integer too
# large and an NDJSON line cut short are each a 400 that says what was sent
# and what is wrong, on the routes that used to answer 500 or take them.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')
n0=$(sql "SELECT COUNT(*) FROM classifications")

post_raw() {  # post_raw METHOD PATH BYTES-AS-PRINTF-FORMAT
	printf "$3" > "$TMP/req"
	http "$1" "$2" "${AUTH[@]}" "${JS[@]}" --data-binary "@$TMP/req"
}

for bytes in '\xc0\xaf' '\xed\xa0\x80' '\xf4\x90\x80\x80' '\xe0\x80\xaf'; do
	post_raw POST /api/v1/classifications "{\"title\":\"a${bytes}b\",\"type\":\"orders\",\"value\":1}"
	is "$STATUS" 400 "POST /api/v1/classifications with $bytes in a string: 400"
	like "$(json error.message)" 'invalid UTF-8 in a string \(in "title"\)' "  saying what is wrong and naming the member"
	post_raw PUT /api/v1/settings "{\"trade_product_url\":\"x${bytes}\"}"
	is "$STATUS" 400 "PUT /api/v1/settings with $bytes: 400"
done
post_raw POST /api/v1/reports/definitions '{"name":"r\xed\xa0\x80"}'
is "$STATUS" 400 "POST /api/v1/reports/definitions with a surrogate: 400"

http POST /api/v1/classifications "${AUTH[@]}" "${JS[@]}" -d '{"title":"a\u0000b","type":"orders","value":1}'
is "$STATUS" 400 "a NUL inside a JSON string is refused, not cut"
like "$(json error.message)" '"title"' "  naming the member"
http POST /api/v1/classifications "${AUTH[@]}" "${JS[@]}" -d '{"title":"a","title":"b","type":"orders","value":1}'
is "$STATUS" 400 "a member given twice is refused"
like "$(json error.message)" 'duplicate key "title"' "  named"
is "$(sql "SELECT COUNT(*) FROM classifications")" "$n0" "  and none of them stored"

http GET "/api/v1/jobs/184467440737095516150" "${AUTH[@]}"
like "$(json error.message)" "'184467440737095516150'" "an integer too large is quoted as sent"
printf '{"customer_id":"JE-1","first_name":"Jo"}\n{"customer_id":"JE-2","first_na' > "$TMP/nd"
http POST /api/v1/import/customers "${AUTH[@]}" -H 'Content-Type: application/x-ndjson' --data-binary "@$TMP/nd"
case $BODY in *continue*) r=1 ;; *) r=0 ;; esac
ok $r "an NDJSON line cut short is not reported by the parser's state name"
like "$(json rejected.0.reason)" '^line 2: invalid JSON at byte [0-9]+: unexpected end' "  but by its line and what is wrong"
printf '{"customer_id":"JE-3","first_name":"a\xed\xa0\x80"}\n{"customer_id":"JE-4","first_name":"Jo","first_name":"Jo"}\n' > "$TMP/nd"
http POST /api/v1/import/customers "${AUTH[@]}" -H 'Content-Type: application/x-ndjson' --data-binary "@$TMP/nd"
like "$(json rejected.0.reason)" 'invalid UTF-8' "an NDJSON line with a surrogate is rejected by the same reader"
like "$(json rejected.1.reason)" 'duplicate key "first_name"' "  and one with a key twice"
is "$(sql "SELECT COUNT(*) FROM customers WHERE host_id IN ('JE-3', 'JE-4')")" 0 "  neither stored"
http PATCH /api/v1/classifications "${AUTH[@]}" "${JS[@]}" -d '{}'
is "$STATUS" 405 "PATCH on a known path is 405"
like "$(header allow)" 'GET' "  with Allow"
