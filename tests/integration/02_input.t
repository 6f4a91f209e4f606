#!/usr/bin/env bash
# Request bodies: JSON, urlencoded and multipart, and hostile input, through
# the job API (POST /api/v1/jobs).
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"kind":"core.cleanup"}'
is "$STATUS" 202 "JSON body queues a job"
is "$(json kind)" core.cleanup "answer names the kind"
like "$(json id)" '^[0-9]+$' "answer has the job id"

http POST /api/v1/jobs "${AUTH[@]}" --data-urlencode 'kind=core.cleanup' --data-urlencode 'args={"a":1}'
is "$STATUS" 202 "urlencoded body queues a job"

http POST /api/v1/jobs "${AUTH[@]}" -F 'kind=core.cleanup'
is "$STATUS" 202 "multipart body queues a job"

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"kind":"no.such"}'
is "$STATUS" 400 "unknown job kind is 400"
like "$(json error.message)" "kind: no module runs jobs of kind 'no.such'; the kinds are: .*core\.cleanup" \
	"message names the field and value, and the kinds there are"
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -H 'Accept-Language: da' -d '{"kind":"no.such"}'
is "$STATUS:$(json error.reason)" 400:unknown "  in Danish too, with its reason code"
like "$(json error.message)" "^kind: intet modul kører job af typen 'no.such'" "  the catalog's words, as the command line's"

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"kind":'
is "$STATUS" 400 "truncated JSON is 400"
like "$(json error.message)" '^body: invalid JSON at byte [0-9]+' "truncated JSON message has the offset"

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"kind":"core.cleanup"} x'
is "$STATUS" 400 "trailing garbage after JSON is 400"

printf '{"kind":"\xff\xfe"}' > "$TMP/bad.json"
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$TMP/bad.json"
is "$STATUS" 400 "invalid UTF-8 in JSON is 400"

# the JSON reader (fcgi/jsonread.c): each refusal is a 400 naming what and
# where, never a 500 from the database later
bad_json() {  # bad_json BODY MESSAGE-PATTERN WHAT
	printf '%b' "$1" > "$TMP/bad.json"
	http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$TMP/bad.json"
	is "$STATUS" 400 "$3 is 400"
	like "$(json error.message)" "$2" "$3: the message says what and where"
}
bad_json '{"kind":"core.cleanup","title":"\xc0\xaf\xed\xa0\x80"}' \
	'^body: invalid JSON at byte 32: invalid UTF-8 in a string \(in "title"\)$' "an overlong form and a surrogate"
bad_json '{"kind":"core.cleanup","title":"\\ud800"}' \
	'^body: invalid JSON at byte 32: lone surrogate .ud800 \(in "title"\)$' "a lone surrogate escape"
bad_json '{"kind":"core.cleanup","title":"a\\u0000b"}' \
	'^body: invalid JSON at byte 33: .u0000 in a string \(in "title"\)$' "\\u0000 in a string"
bad_json '{"title":"a","title":"b","kind":"core.cleanup"}' \
	'^body: invalid JSON at byte 13: duplicate key "title"$' "a duplicate key"
bad_json '{"kind":"core.cleanup","n":18446744073709551616}' \
	'^body: invalid JSON at byte 27: integer 18446744073709551616 is out of range \(in "n"\)$' "a too large integer"
bad_json '{"kind":"core.cle' \
	'^body: invalid JSON at byte 17: unexpected end of input \(in "kind"\)$' "a body cut short"

deep=$(printf '[%.0s' $(seq 1 200))
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d "$deep"
is "$STATUS" 400 "JSON nested 200 deep is 400"

http POST /api/v1/jobs "${AUTH[@]}" -d 'kind=%zz'
is "$STATUS" 400 "bad percent escape in a form is 400"
like "$(json error.message)" "kind" "form error names the field"

http POST /api/v1/jobs "${AUTH[@]}" -d 'kind=%C0%AF'
is "$STATUS" 400 "overlong UTF-8 in a form is 400"

http POST /api/v1/jobs?x=%4 "${AUTH[@]}" -d 'kind=core.cleanup'
is "$STATUS" 400 "truncated escape in the query is 400"

head -c 1100000 /dev/zero | tr '\0' 'a' > "$TMP/big"
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$TMP/big"
is "$STATUS" 413 "body over max_body is 413"
like "$(json error.message)" 'larger than the limit' "413 says why"

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -H 'Accept-Language: da' --data-binary "@$TMP/big"
is "$STATUS:$(json error.reason)" 413:too_large "the same in Danish"
like "$(json error.message)" '^anmodningens indhold på 1100000 byte er større end grænsen på 1048576 byte' "  in Danish, naming the size and the limit"

http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/xml' -d '<a/>'
is "$STATUS" 415 "unsupported media type is 415"
like "$(json error.message)" 'application/xml; send one of application/json, application/x-www-form-urlencoded, multipart/form-data' "  naming the types it takes"

# the query string's own limit ([server] max_query, 4096): 414 before any work
long=$(head -c 4100 /dev/zero | tr '\0' 'a')
http GET "/api/v1/jobs?x=$long" "${AUTH[@]}"
is "$STATUS:$(json error.reason)" 414:query_long "a query string over max_query is 414"
like "$(json error.message)" '^The query string of 4102 bytes is longer than the limit of 4096 bytes' "  naming its size and the limit"
http GET "/api/v1/jobs?x=$long" "${AUTH[@]}" -H 'Accept-Language: ru'
like "$(json error.message)" 'превышает предел в 4096 байт' "  in Russian"

# JSON nested past [server] max_json_depth names the limit
deep33=$(printf '[%.0s' $(seq 1 33)); deep33="{\"kind\": $deep33$(printf ']%.0s' $(seq 1 33))}"
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d "$deep33"
is "$STATUS:$(json error.reason)" 400:json "JSON deeper than max_json_depth is 400"
like "$(json error.message)" 'nested deeper than the limit of 32 levels' "  naming the limit"

# the core's own refusals speak the reader's language
http GET /api/v1/no-such-page "${AUTH[@]}" -H 'Accept-Language: da'
is "$STATUS:$(json error.reason)" 404:not_found "an unknown address is 404"
is "$(json error.message)" 'Der er ingen side på denne adresse.' "  in Danish"
http DELETE /healthz -H 'Accept: application/json' -H 'Accept-Language: ru'
is "$STATUS" 405 "a method the path does not take is 405"
like "$(json error.message)" '^DELETE здесь не допускается; используйте GET' "  in Russian, naming the methods"

printf -- '--XX\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncore.cleanup\r\n' > "$TMP/trunc"
http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: multipart/form-data; boundary=XX' --data-binary "@$TMP/trunc"
is "$STATUS" 400 "multipart without the final boundary is 400"

fields=$(for i in $(seq 1 1500); do printf 'f%d=1&' "$i"; done)
http POST /api/v1/jobs "${AUTH[@]}" -d "${fields}kind=core.cleanup"
is "$STATUS" 413 "more fields than max_fields is 413"

http GET /healthz
is "$STATUS" 200 "responder still answers after hostile input"
