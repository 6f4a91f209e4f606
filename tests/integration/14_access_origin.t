#!/usr/bin/env bash
# The Origin check (fcgi/origin.c, auth_origin()): a POST, PUT or DELETE
# that carries the session cookie or the sign-in form's cookie must come from
# this site by its Origin, else its Referer; neither header is let through
# (old clients); a bearer token without cookies is exempt.  A foreign
# origin is 403 foreign_origin in the user's language and changes nothing.
. "$(dirname "$0")/lib.sh"
OWN=$(printf '%s' "$SALIENT_URL" | sed -E 's#^(https?://[^/]+).*#\1#')
PW='origin-test-password-1'
staff_user origin-admin@test.example admin "$PW"
sql "DELETE FROM login_failures"
J=$TMP/o.jar
N=$$

# the finding of issue 22: a foreign page signing a browser in
L=$TMP/l.jar
login_token "$L"
sessions=$(sql "SELECT COUNT(*) FROM sessions")
http POST /login -b "$L" -H 'Origin: https://evil.example' --data-urlencode email=origin-admin@test.example \
	--data-urlencode "password=$PW" --data-urlencode "login_token=$LOGIN_TOKEN"
is "$STATUS" 403 "a sign-in posted from another site is refused, with the right cookie and token"
like "$BODY" 'came from another website' "the page says why"
is "$(sql "SELECT COUNT(*) FROM sessions")" "$sessions" "no session was made"
ok $(printf '%s\n' "$HEADERS" | grep -qi '^Set-Cookie: salient_session=[^;]'; echo $((! $?))) "no session cookie"
http POST /login -b "$L" -H "Origin: $OWN" -H 'Accept: application/json' --data-urlencode email=origin-admin@test.example \
	--data-urlencode "password=$PW" --data-urlencode "login_token=$LOGIN_TOKEN"
is "$STATUS" 200 "the same sign-in from this site's origin works"

# a staff session's writes
staff_login origin-admin@test.example "$PW" "$J"
invite() {  # invite EMAIL [curl args]: POST /admin/users as the session
	local e=$1
	shift
	http POST /admin/users -b "$J" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" \
		--data-urlencode "email=$e" --data-urlencode role=agent "$@"
}
users() { sql "SELECT COUNT(*) FROM users WHERE email = '$1'"; }
invite "o1-$N@test.example" -H 'Origin: https://evil.example'
is "$STATUS" 403 "a session's POST from another origin is refused, CSRF token and all"
is "$(json error.reason)" foreign_origin "reason foreign_origin"
like "$(json error.message)" '^This request came from another website' "in words"
is "$(users "o1-$N@test.example")" 0 "nothing was changed"
invite "o1-$N@test.example" -H 'Origin: null'
is "$STATUS" 403 "Origin: null is foreign"
invite "o1-$N@test.example" -H "Origin: ${OWN}:1"
is "$STATUS" 403 "another port is foreign"
invite "o1-$N@test.example" -H "Origin: ${OWN/http:/https:}"
is "$STATUS" 403 "another scheme is foreign"
invite "o1-$N@test.example" -H 'Referer: https://evil.example/page'
is "$STATUS" 403 "without Origin, a foreign Referer is refused"
invite "o1-$N@test.example" -H "Origin: $OWN"
is "$STATUS" 201 "this site's origin is let through"
invite "o2-$N@test.example" -H "Referer: $OWN/salient/admin/users"
is "$STATUS" 201 "without Origin, this site's Referer is let through"
invite "o3-$N@test.example"
is "$STATUS" 201 "neither header (an old client) is let through"
invite "o4-$N@test.example" -H "Origin: $(printf '%s' "$OWN" | tr 'a-z' 'A-Z')"
is "$STATUS" 201 "the origin is compared in its normal form (case)"

# behind a proxy that says what the browser saw
invite "o5-$N@test.example" -H 'Origin: https://shop.example' -H 'X-Forwarded-Host: shop.example' \
	-H 'X-Forwarded-Proto: https'
is "$STATUS" 201 "X-Forwarded-Host and X-Forwarded-Proto name this site's public origin"
invite "o6-$N@test.example" -H 'Origin: https://shop.example' -H 'X-Forwarded-Host: shop.example'
is "$STATUS" 403 "(the scheme counts)"

# the language, HTML, other methods
invite "o7-$N@test.example" -H 'Origin: https://evil.example' -H 'Accept-Language: ru'
like "$(json error.message)" '^Этот запрос пришёл с другого сайта' "the refusal speaks the user's language"
sql "UPDATE users SET lang = 'da' WHERE email = 'origin-admin@test.example'"
http POST /logout -b "$J" -H 'Origin: https://evil.example' --data-urlencode "csrf_token=$CSRF"
is "$STATUS" 403 "sign-out from another site is refused"
like "$BODY" 'Denne anmodning kom fra et andet websted' "as a page in the user's own language"
sql "UPDATE users SET lang = NULL WHERE email = 'origin-admin@test.example'"
http GET /admin/users -b "$J" -H 'Accept: application/json' -H 'Origin: https://evil.example'
is "$STATUS" 200 "a GET is not checked (it changes nothing) and the session still works"
http DELETE /api/v1/classifications/999999 -b "$J" -H "X-CSRF-Token: $CSRF" -H 'Origin: https://evil.example'
is "$STATUS" 403 "a DELETE from another origin is refused"
is "$(json error.reason)" foreign_origin "(foreign_origin)"

# API tokens
ADMIN=$(api_token "o-admin-$N" admin)
http POST /api/v1/jobs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
	-H 'Origin: https://evil.example' -d '{"kind":"core.cleanup"}'
is "$STATUS" 202 "a bearer token without cookies is exempt (the job is queued)"
http POST /api/v1/jobs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
	-b "$J" -H 'Origin: https://evil.example' -d '{"kind":"core.cleanup"}'
is "$STATUS" 403 "a bearer token that comes with the session cookie is checked"
sql "DELETE FROM login_failures"
