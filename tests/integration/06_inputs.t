#!/usr/bin/env bash
# Declared inputs (salient/input.h): the core answers 400 naming the field
# and what it takes, before the handler runs, in the caller's language, in
# one shape on every route.  The routes of the core's own module serve as
# the probes here; the route table test (test_core) walks every route.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")

http GET "/api/v1/jobs/abc" "${AUTH[@]}"
is "$STATUS" 400 "a path id that is not a number is 400"
is "$(json error.field)" id "the answer names the field"
is "$(json error.reason)" uint "and the reason"
like "$(json error.message)" "^id: 'abc' is not a whole number" "in words"

http GET "/api/v1/jobs/0" "${AUTH[@]}"
is "$(json error.reason)" range "id 0 is out of range"
http GET "/api/v1/jobs/99999999999999999999999" "${AUTH[@]}"
is "$STATUS:$(json error.reason)" 400:range "too many digits is out of range, not wrapped"
like "$(json error.message)" "'99999999999999999999999'" "the value sent is quoted as sent"

http GET "/api/v1/jobs?page=2" "${AUTH[@]}"
is "$STATUS:$(json error.reason):$(json error.field)" 400:unknown:page "an undeclared input is refused, named"
is "$(json error.message)" "'page' is not an input of this page; it takes none." "  on a route that takes no inputs, in words"
http GET "/admin/audit?nosuch=1" "${AUTH[@]}" -H 'Accept: application/json'
like "$(json error.message)" "it takes: what, actor, from, to, page\\.$" "  else naming the inputs it takes"

http GET "/api/v1/jobs?lang=da" "${AUTH[@]}"
is "$STATUS" 200 "lang is the core's own, taken everywhere"

http POST "/api/v1/jobs" "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"args": {}}'
is "$STATUS:$(json error.reason):$(json error.field)" 400:required:kind "a required input missing"
http POST "/api/v1/jobs" "${AUTH[@]}" -H 'Content-Type: application/json' \
	-d '{"kind": "core.cleanup", "args": [1]}'
is "$STATUS:$(json error.reason):$(json error.field)" 400:json:args "args must be an object"
http POST "/api/v1/jobs" "${AUTH[@]}" -H 'Content-Type: application/json' \
	-d '{"kind": "core.cleanup", "extra": 1}'
is "$STATUS:$(json error.field)" 400:extra "an unknown JSON member is refused, named"
http POST "/api/v1/jobs" "${AUTH[@]}" --data-urlencode 'kind=core.cleanup' --data-urlencode 'args={"a":1}'
is "$STATUS" 202 "a form's args is JSON text"
http POST "/api/v1/jobs" "${AUTH[@]}" --data-urlencode 'kind=core.cleanup' --data-urlencode 'kind=core.cleanup'
is "$STATUS:$(json error.reason)" 400:repeated "a field given twice is refused"
http POST "/api/v1/jobs" "${AUTH[@]}" -H 'Content-Type: application/json' \
	-d "{\"kind\": \"$(printf 'k%.0s' $(seq 1 65))\"}"
is "$STATUS:$(json error.reason)" 400:long "a text over its max bytes"

# the caller's language
http GET "/api/v1/jobs/abc" "${AUTH[@]}" -H 'Accept-Language: da'
like "$(json error.message)" "^id: 'abc' er ikke et helt tal" "the message in Danish"
http GET "/api/v1/jobs/abc" "${AUTH[@]}" -H 'Accept-Language: ru'
like "$(json error.message)" "не целое число" "and in Russian"
http GET "/api/v1/jobs/abc" "${AUTH[@]}" -H 'Accept-Language: ru'
is "$(json error.reason)" uint "the reason code stays the same in every language"
