#!/usr/bin/env bash
# API tokens: created once, stored hashed, scopes enforced per route, last
# use recorded, revoked on the admin page; the config api_key stays an
# admin-scope bootstrap credential.
. "$(dirname "$0")/lib.sh"
N=$$
READ=$(api_token "t-read-$N" read)
IMPORT=$(api_token t-import import)
ADMIN=$(api_token t-admin admin)
like "$READ" '^slt_[A-Za-z0-9_-]{43}$' "salient token create prints the token"
is "$(sql "SELECT COUNT(*) FROM api_tokens WHERE token_hash = UNHEX(SHA2('$READ', 256)) AND scope = 'read'")" 1 "stored as its hash"
is "$(sql "SELECT COUNT(*) FROM api_tokens WHERE prefix = '$READ'")" 0 "never in clear"
job=$("${S_CLI[@]}" job enqueue core.cleanup)

http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $READ"
is "$STATUS" 200 "read scope: GET an agent route"
http POST /api/v1/jobs -H "Authorization: Bearer $READ" -H 'Content-Type: application/json' -d '{"kind":"core.cleanup"}'
is "$STATUS" 403 "read scope: POST is refused"
like "$(json error.message)" 'scope \(read\)' "  saying why"
http GET /admin/users -H "Authorization: Bearer $READ"
is "$STATUS" 403 "read scope: admin routes are refused"
http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $IMPORT"
is "$STATUS" 403 "import scope: agent routes are refused"
like "$(json error.message)" 'scope \(import\)' "  saying why"
while IFS=$'\t' read -r m pat role _; do
	[ "$role" = import ] || continue
	http "$m" "$(printf '%s' "$pat" | sed 's/{[a-z_]*}/customers/')" -H "Authorization: Bearer $READ" -H 'Content-Type: application/json' -d '[]'
	is "$STATUS" 403 "read scope: $m $pat (import) is refused"
	http "$m" "$(printf '%s' "$pat" | sed 's/{[a-z_]*}/customers/')" -H "Authorization: Bearer $IMPORT" -H 'Content-Type: application/json' -d '[]'
	ok $([ "$STATUS" != 401 ] && [ "$STATUS" != 403 ]; echo $?) "import scope: $m $pat passes access ($STATUS)"
done < <("${S_CLI[@]}" routes)
http POST /api/v1/jobs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"kind":"core.cleanup"}'
is "$STATUS" 202 "admin scope: POST works, no CSRF needed for a bearer"
http GET /admin/users -H "Authorization: Bearer $ADMIN" -H 'Accept: application/json'
is "$STATUS" 200 "admin scope: admin pages as JSON"
http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "the config api_key still works (admin scope)"
is "$(sql "SELECT last_used_at IS NOT NULL FROM api_tokens WHERE name = 't-read-$N'")" 1 "last use is recorded"

http GET "/api/v1/jobs/$job" -H "Authorization: Bearer slt_notatokennotatokennotatokennotatokennotato"
is "$STATUS" 401 "an unknown token is 401"
like "$(header WWW-Authenticate)" 'invalid_token' "  with WWW-Authenticate"
http GET "/api/v1/jobs/$job" -H "Authorization: Basic YTpi"
is "$STATUS" 401 "another scheme is 401"
like "$(json error.message)" 'Bearer' "  saying what is expected"

# the tokens page: list, create (shown once), revoke
sql "DELETE FROM login_failures"
staff_user tokens-admin@test.example admin tokens-admin-pass-1
staff_login tokens-admin@test.example tokens-admin-pass-1 "$TMP/a.jar"
http GET /admin/tokens -b "$TMP/a.jar" -H 'Accept: application/json'
is "$STATUS" 200 "the tokens page lists tokens"
like "$BODY" "\"name\":\"t-read-$N\"" "  by name"
ok $(printf '%s' "$BODY" | grep -q "$READ" && echo 1 || echo 0) "  never the token itself"
http GET /admin/tokens -b "$TMP/a.jar"
is "$STATUS" 200 "the tokens page renders"
http POST /admin/tokens -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" --data-urlencode name=page-token --data-urlencode scope=everything
is "$STATUS" 400 "an unknown scope is 400"
is "$(json error.field):$(json error.reason)" scope:enum "  naming the field and the reason"
like "$(json error.message)" '^scope: .*import, read, admin' "  saying so"
http POST /admin/tokens -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" --data-urlencode scope=read
is "$STATUS:$(json error.field):$(json error.reason)" 400:name:required "a token without a name is 400"
http POST /admin/tokens/abc/revoke -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF"
is "$STATUS:$(json error.field):$(json error.reason)" 400:id:uint "a token id that is not a number is 400"
http POST /admin/tokens/99999999/revoke -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF"
is "$STATUS" 404 "a token that does not exist is still 404"
http POST /admin/tokens -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" --data-urlencode scope=read
is "$STATUS" 400 "a missing name is 400"
http POST /admin/tokens -b "$TMP/a.jar" -H "X-CSRF-Token: $CSRF" --data-urlencode name=page-token-$N --data-urlencode scope=read
is "$STATUS" 201 "the page creates a token"
T=$(printf '%s' "$BODY" | grep -o 'slt_[A-Za-z0-9_-]\{43\}' | head -1)
like "$T" '^slt_' "  and shows it once"
http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $T"
is "$STATUS" 200 "the new token works"
id=$(sql "SELECT id FROM api_tokens WHERE name = 'page-token-$N'")
http POST "/admin/tokens/$id/revoke" -b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF"
is "$STATUS" 200 "the page revokes it"
http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $T"
is "$STATUS" 401 "a revoked token is 401"
like "$(json error.message)" 'revoked' "  saying so"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE what IN ('token.create', 'token.revoke') AND object_id = '$id'")" 2 "creating and revoking are audited"
out=$("${S_CLI[@]}" token create --name x --scope root 2>&1)
like "$out" 'usage: salient token create' "the CLI refuses an unknown scope"
