#!/usr/bin/env bash
# The database going away and coming back: healthz says so, requests get 503,
# and the next request after the restart works without restarting Salient.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
# what a reader is told while the database is down, in Danish
DA=$(perl -CS -MJSON::PP -0777 -ne 'print decode_json($_)->{"core.db_unavailable"}{da}' \
	"$ROOT/themes/default/locales/core.KEYS.json")
READ_TOKEN=$(api_token db-down read)
staff_user dbdown@example.com agent 'db-down-pass-1'
staff_login dbdown@example.com 'db-down-pass-1' "$TMP/jar"

http GET /healthz
is "$STATUS" 200 "healthz 200 with the database up"

"$ROOT/scripts/stack" db-stop
http GET /healthz
is "$STATUS" 503 "healthz 503 with the database down"
is "$(json db)" down "healthz says db down"
is "$(json status)" unavailable "healthz says unavailable"
like "$(header Retry-After)" '^[0-9]+$' "503 carries Retry-After"
http GET /api/v1/jobs/1 "${AUTH[@]}"
is "$STATUS" 503 "a database-backed route answers 503 while the database is down"
like "$(json error.message)" "database" "503 says the database is not answering"
is "$(json error.reason)" db_unavailable "  with the reason db_unavailable"
like "$(header Retry-After)" '^[0-9]+$' "  and Retry-After"
# every place that finds the database gone says the same: a named token
# and a session are looked up in the database before the route runs
http GET /api/v1/classifications -H "Authorization: Bearer $READ_TOKEN"
is "$STATUS $(json error.reason)" "503 db_unavailable" "a named API token: 503 db_unavailable"
like "$(header Retry-After)" '^[0-9]+$' "  with Retry-After"
http GET /admin/classifications -b "$TMP/jar" -H 'Accept: text/html' -H 'Accept-Language: da'
is "$STATUS" 503 "a signed-in page: 503"
like "$(header Retry-After)" '^[0-9]+$' "  with Retry-After"
like "$BODY" '<html lang="da"' "  the error page is in the browser's language (Danish)"
ok $(grep -qF "$DA" "$TMP/body" && echo 0 || echo 1) "  and says the database is not answering in Danish"
http GET /admin/classifications "${AUTH[@]}" -H 'Accept: text/html' -H 'Accept-Language: da'
is "$STATUS" 503 "a page behind the API key: 503"
ok $(grep -qF "$DA" "$TMP/body" && echo 0 || echo 1) "  its message in Danish"

"$ROOT/scripts/stack" db-start
http GET /healthz
is "$STATUS" 200 "healthz 200 again after the restart (reconnected)"
# every thread reconnects on its own next use
codes=""
for i in $(seq 1 16); do
	http POST /api/v1/jobs "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"kind":"core.cleanup"}'
	codes="$codes$STATUS "
done
like "$codes" '^(202 ){16}$' "16 requests after the restart all succeed"

# migrations: running again applies nothing, and is recorded
out=$("$SALIENT_BUILD/salient" -c "$SALIENT_CONF" migrate)
like "$out" '^0 applied' "a second migrate applies nothing"
is "$(sql 'SELECT COUNT(*) FROM schema_migrations')" "$(ls "$ROOT"/sql/[0-9][0-9][0-9]_*.sql | wc -l)" \
	"every sql/ file is recorded once"
is "$(cd "$ROOT/sql" && ls [0-9]*.sql | cut -c1-3 | uniq -d | tr '\n' ' ')" "" \
	"no two migrations share a number"

# 008_classify_palive was renumbered 011: an install that applied it under
# the old name has the record moved and does not apply it again
sql "UPDATE schema_migrations SET version = '008_classify_palive' WHERE version = '011_classify_palive'"
out=$("$SALIENT_BUILD/salient" -c "$SALIENT_CONF" migrate)
ok $? "migrate after the renumbering"
like "$out" '^0 applied' "  the renumbered migration is not applied again"
is "$(sql "SELECT GROUP_CONCAT(version) FROM schema_migrations WHERE version LIKE '%classify_palive'")" \
	011_classify_palive "  and is recorded under its new name"
