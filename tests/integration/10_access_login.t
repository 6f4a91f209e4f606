#!/usr/bin/env bash
# Sign-in and sign-out: success and failure, cookies' flags, the sign-in
# form's token (login CSRF), no session fixation, idle and absolute expiry,
# throttling, invitations, language.
. "$(dirname "$0")/lib.sh"
sql "DELETE FROM login_failures"
PW='login-test-password-1'
staff_user login-admin@test.example admin "$PW"
J=$TMP/a.jar

http GET /login
is "$STATUS" 200 "the sign-in page answers"
like "$BODY" 'name="password"' "it has a password field"
c=$(header Set-Cookie)
like "$c" '^salient_login=[A-Za-z0-9_-]{43}; Path=/salient; HttpOnly; SameSite=Lax' \
	"it sets the sign-in form's cookie: random, HttpOnly, SameSite=Lax"
like "$BODY" 'name="login_token" value="[A-Za-z0-9_-]{43}"' "the form carries a token"

# login CSRF: the form's token is bound to this browser's salient_login cookie
L=$TMP/l.jar
login_token "$L"
LTOK=$LOGIN_TOKEN
like "$LTOK" '^[A-Za-z0-9_-]{43}$' "GET /login as JSON gives the form's token"
LC=$(awk '$6 == "salient_login" { print $7 }' "$L")
ok $([ -n "$LC" ] && [ "$LC" != "$LTOK" ]; echo $?) "the token is not the cookie itself"
LT=(-b "$L" --data-urlencode "login_token=$LTOK")
http GET /login -b "$L" -H 'Accept: application/json'
is "$(json login_token)" "$LTOK" "the same cookie gives the same token"
is "$(header Set-Cookie)" "" "and no new cookie"
L2=$TMP/l2.jar
login_token "$L2"
OTHER=$LOGIN_TOKEN
ok $([ "$OTHER" != "$LTOK" ]; echo $?) "another browser gets another token"
sessions=$(sql "SELECT COUNT(*) FROM sessions")
failures=$(sql "SELECT COUNT(*) FROM login_failures")
good=(-H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW")
http POST /login "${good[@]}" --data-urlencode "login_token=$LTOK"
is "$STATUS" 403 "the right password without the form's cookie is refused (403)"
is "$(json error.reason)" login_cookie_missing "naming why"
like "$(json error.message)" '^This sign-in form has expired' "in words"
is "$(header Set-Cookie)" "" "no cookie"
http POST /login -b "$L" "${good[@]}"
is "$STATUS" 403 "the cookie without the token is refused"
is "$(json error.reason)" login_token_missing "(missing)"
bad=${LTOK%?}$([ "${LTOK: -1}" = A ] && echo B || echo A)
http POST /login -b "$L" "${good[@]}" --data-urlencode "login_token=$bad"
is "$STATUS" 403 "a wrong token is refused"
is "$(json error.reason)" login_token_wrong "(wrong)"
http POST /login -b "$L" "${good[@]}" --data-urlencode "login_token=$OTHER"
is "$STATUS" 403 "a token from another browser's cookie is refused"
is "$(json error.reason)" login_token_wrong "(wrong)"
http POST /login -H "Cookie: salient_login=$LC" "${good[@]}" --data-urlencode "login_token=$LC"
is "$STATUS" 403 "the cookie's own value as the token is refused"
is "$(sql "SELECT COUNT(*) FROM sessions")" "$sessions" "no refusal made a session"
is "$(sql "SELECT COUNT(*) FROM login_failures")" "$failures" "nor counted a failure"
http POST /login -H 'Accept-Language: da' "${good[@]}"
is "$STATUS" 403 "(in Danish)"
like "$(json error.message)" '^Denne loginformular er udløbet' "the refusal speaks the user's language"
http POST /login --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 403 "the form posted without its cookie is refused as a page"
like "$BODY" 'This sign-in form has expired' "which says so"
like "$BODY" 'name="login_token" value="[A-Za-z0-9_-]{43}"' "and offers the form again with a token"
like "$(header Set-Cookie)" '^salient_login=' "for a new cookie"

http GET /admin/users
is "$STATUS" 302 "a staff page without a session redirects"
like "$(header Location)" '^/salient/login\?next=/admin/users$' "to the sign-in page with next"
http GET /admin/users -H 'Accept: application/json'
is "$STATUS" 401 "the same as JSON is 401"
like "$(json error.message)" 'sign-in required' "saying why"

# failure
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode password=wrong-password
is "$STATUS" 401 "a wrong password is 401"
is "$(json error.message)" "Wrong e-mail address or password." "with a clear message"
is "$(header Set-Cookie)" "" "and no cookie"
http POST /login "${LT[@]}" --data-urlencode email=nobody@test.example --data-urlencode password=wrong-password
is "$STATUS" 401 "an unknown e-mail is 401 too (HTML)"
like "$BODY" "Wrong e-mail address or password" "the page says so"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example
is "$STATUS" 400 "a missing password is 400"
sql "DELETE FROM login_failures"

# success, cookie flags
http POST /login "${LT[@]}" --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW" --data-urlencode next=/admin/tokens
is "$STATUS" 303 "a good password redirects (303)"
is "$(header Location)" /salient/admin/tokens "to next"
c=$(header Set-Cookie)
like "$c" '^salient_session=[A-Za-z0-9_-]{43};' "the session cookie holds 256 random bits"
like "$c" '; Path=/salient;' "Path at the prefix"
like "$c" '; HttpOnly' "HttpOnly"
like "$c" '; SameSite=Lax' "SameSite=Lax"
ok $(printf '%s' "$c" | grep -q Secure && echo 1 || echo 0) "not Secure over plain HTTP"
sid=$(printf '%s' "$c" | sed -e 's/^salient_session=//' -e 's/;.*//')
is "$(sql "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$sid', 256))")" 1 "stored hashed"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE HEX(id_hash) = HEX('$sid')")" 0 "never in clear"
http POST /login "${LT[@]}" --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW" --data-urlencode next=//evil.example/
is "$(header Location)" /salient/admin/ "next to another site is ignored"

# over HTTPS (FastCGI param HTTPS=on) the cookie is Secure
body="email=login-admin%40test.example&password=$PW&login_token=$LTOK"
env -i REQUEST_METHOD=POST REQUEST_URI=/salient/login HTTPS=on SERVER_PROTOCOL=HTTP/1.1 HTTP_COOKIE="salient_login=$LC" \
	CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#body} REMOTE_ADDR=127.0.0.9 \
	cgi-fcgi -bind -connect "$RUN/fcgi.sock" <<< "$body" > "$TMP/fcgi.out"
ok $? "cgi-fcgi reaches the responder's socket"
out=$(tr -d '\r' < "$TMP/fcgi.out")
like "$(printf '%s\n' "$out" | grep -i '^Set-Cookie: salient_session')" '; Secure' "Secure over HTTPS"

# the session works; fixation: a planted cookie is replaced and the old session ends
staff_login login-admin@test.example "$PW" "$J"
ok $([ -n "$CSRF" ]; echo $?) "JSON sign-in gives the CSRF token"
http GET /admin/users -b "$J" -H 'Accept: application/json'
is "$STATUS" 200 "the session opens admin pages"
old=$(awk '$6 == "salient_session" { print $7 }' "$J")
http POST /login -b "$J" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" --data-urlencode "login_token=$LOGIN_TOKEN" --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
new=$(header Set-Cookie | sed -e 's/^salient_session=//' -e 's/;.*//')
ok $([ -n "$new" ] && [ "$new" != "$old" ]; echo $?) "signing in again gives a new id"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$old', 256))")" 0 "the old session is gone"
http POST /login -H "Cookie: salient_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; salient_login=$LC" -H 'Accept: application/json' --data-urlencode "login_token=$LTOK" --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
new=$(header Set-Cookie | sed -e 's/^salient_session=//' -e 's/;.*//')
ok $([ "$new" != AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ]; echo $?) "a planted id is never adopted"

# expiry: idle and absolute
staff_login login-admin@test.example "$PW" "$J"
sid=$(awk '$6 == "salient_session" { print $7 }' "$J")
sql "UPDATE sessions SET last_seen_at = NOW() - INTERVAL 3 HOUR WHERE id_hash = UNHEX(SHA2('$sid', 256))"
http GET /admin/users -b "$J" -H 'Accept: application/json'
is "$STATUS" 401 "an idle session has ended"
staff_login login-admin@test.example "$PW" "$J"
sid=$(awk '$6 == "salient_session" { print $7 }' "$J")
sql "UPDATE sessions SET expires_at = NOW() - INTERVAL 1 SECOND WHERE id_hash = UNHEX(SHA2('$sid', 256))"
http GET /admin/users -b "$J" -H 'Accept: application/json'
is "$STATUS" 401 "a session past its absolute expiry has ended"
http GET /admin/users -b "$J"
is "$STATUS" 302 "(the page sends the user to sign in)"

# logout deletes the session server-side
staff_login login-admin@test.example "$PW" "$J"
sid=$(awk '$6 == "salient_session" { print $7 }' "$J")
http POST /logout -b "$J"
is "$STATUS" 403 "sign-out without the CSRF token is refused"
http POST /logout -b "$J" --data-urlencode "csrf_token=$CSRF"
is "$STATUS" 303 "sign-out redirects"
is "$(header Location)" /salient/login "to the sign-in page"
like "$(header Set-Cookie)" '^salient_session=;.*Max-Age=0' "the cookie is cleared"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$sid', 256))")" 0 "the session is deleted"
http GET /admin/users -b "$J" -H 'Accept: application/json'
is "$STATUS" 401 "the old cookie opens nothing"

# throttling: 5 failures for an e-mail, then waits that grow
sql "DELETE FROM login_failures; DELETE FROM audit_log WHERE what = 'login.throttled'"
for i in 1 2 3 4 5; do
	http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode password=wrong-$i
done
is "$STATUS" 401 "five failures are answered normally"
is "$(sql "SELECT COUNT(*), MIN(object_id), MIN(actor), JSON_VALUE(MIN(after_json), '$.failures_account'), JSON_VALUE(MIN(after_json), '$.delay_seconds') FROM audit_log WHERE what = 'login.throttled'")" \
	"$(printf '1\tlogin-admin@test.example\t\t5\t30')" "the fifth failure writes one audit row: the account, no actor, 5 failures, a 30 s delay"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 429 "the sixth attempt waits, even with the right password"
like "$(json error.message)" 'Too many failed sign-ins: wait [0-9]+ seconds' "the answer says how long"
like "$(header Retry-After)" '^[1-9][0-9]*$' "Retry-After"
http POST /login "${LT[@]}" --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 429 "the page too"
like "$BODY" "Too many failed sign-ins" "the page says so"
sql "UPDATE login_failures SET failed_at = failed_at - INTERVAL 40 SECOND"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode password=wrong-6
is "$STATUS" 401 "after 30 s one more attempt is taken"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 429 "and then the wait is longer"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE what = 'login.throttled'")" 1 "the sixth failure and the refused attempts add no audit rows"
like "$(json error.message)" 'wait (4[0-9]|5[0-9]|60) seconds' "(60 s)"
sql "UPDATE login_failures SET failed_at = failed_at - INTERVAL 16 MINUTE"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 200 "failures older than 15 minutes no longer count"
# by address: failures for different e-mails from one address
sql "DELETE FROM login_failures"
for i in 1 2 3 4 5; do
	http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=other$i@test.example --data-urlencode password=wrong
done
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=login-admin@test.example --data-urlencode "password=$PW"
is "$STATUS" 429 "five failures from one address throttle that address"
is "$(sql "SELECT COUNT(*), JSON_VALUE(MAX(after_json), '$.failures_address') FROM audit_log WHERE what = 'login.throttled' AND object_id = 'other5@test.example'")" \
	"$(printf '1\t5')" "the address's fifth failure is audited once, naming the e-mail it was tried with"
sql "DELETE FROM login_failures"
staff_login login-admin@test.example "$PW" "$J"
http GET /admin/audit -b "$J"
is "$STATUS" 200 "the audit log opens"
like "$BODY" "Sign-ins delayed after failed attempts" "it names the throttling in words"
like "$BODY" "Not signed in" "with no one signed in as the actor"

# invitation: admin invites, the link sets a password, the user signs in
staff_login login-admin@test.example "$PW" "$J"
http POST /admin/users -b "$J" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF" --data-urlencode email=invited-$$@test.example --data-urlencode role=agent --data-urlencode name=Invited
is "$STATUS" 201 "an admin invites a user"
link=$(json created.invite_path)
like "$link" '^/password\?invite=' "the answer has the set-password link"
http GET "$link"
is "$STATUS" 200 "the link opens the set-password page"
like "$BODY" "invited-$$@test.example" "for that user"
tok=${link#*=}
http POST /password -H 'Accept: application/json' --data-urlencode "invite=$tok" --data-urlencode password=short
is "$STATUS" 400 "a short password is refused"
like "$(json error.message)" '10 characters' "saying why"
http POST /password -H 'Accept: application/json' --data-urlencode "invite=$tok" --data-urlencode password=invited-password-1 --data-urlencode password2=invited-password-1
is "$STATUS" 200 "the password is set"
http GET "$link"
is "$STATUS" 400 "the link works once"
staff_login invited-$$@test.example invited-password-1 "$TMP/i.jar"
ok $([ -n "$CSRF" ]; echo $?) "the invited user signs in"
id=$(sql "SELECT id FROM users WHERE email = 'invited-$$@test.example'")
sql "UPDATE users SET invite_hash = UNHEX(SHA2('expired-invite-token-000000', 256)), invite_expires = NOW() - INTERVAL 1 SECOND WHERE id = $id"
http GET "/password?invite=expired-invite-token-000000"
is "$STATUS" 400 "an expired invitation is refused"
like "$BODY" 'not valid or has expired' "with a clear page"

# language: ?lang= is this answer's language and is remembered in a
# cookie; a GET writes nothing, so the user's stored language stays as it was
staff_login login-admin@test.example "$PW" "$J"
http GET "/admin/users?lang=da" -b "$J"
like "$(header Set-Cookie)" '^salient_lang=da;' "?lang=da sets the language cookie"
is "$(sql "SELECT IFNULL(lang, 'none') FROM users WHERE email = 'login-admin@test.example'")" none \
	"a GET with ?lang= does not save the user's language"
like "$BODY" '<html lang="da"' "the page is Danish"
http HEAD "/admin/users?lang=ru" -b "$J"
is "$(sql "SELECT IFNULL(lang, 'none') FROM users WHERE email = 'login-admin@test.example'")" none \
	"nor does a HEAD"
sql "UPDATE users SET lang = 'da' WHERE email = 'login-admin@test.example'"
http GET /admin/users -b "$J" -H 'Accept-Language: ru'
like "$BODY" '<html lang="da"' "the user's language wins over Accept-Language"
http GET /login -H 'Cookie: salient_lang=ru' -H 'Accept-Language: da'
like "$BODY" '<html lang="ru"' "without a user, the cookie wins over Accept-Language"
http GET /login?lang=xx -H 'Accept-Language: da'
like "$BODY" '<html lang="da"' "an unknown ?lang= is ignored"
sql "UPDATE users SET lang = NULL WHERE email = 'login-admin@test.example'"

# a disabled user's sessions end and it cannot sign in
staff_user gone@test.example agent gone-password-1
staff_login gone@test.example gone-password-1 "$TMP/g.jar"
"${S_CLI[@]}" user disable --email gone@test.example
http GET /admin/ -b "$TMP/g.jar" -H 'Accept: application/json'
is "$STATUS" 401 "a disabled user's session has ended"
http POST /login "${LT[@]}" -H 'Accept: application/json' --data-urlencode email=gone@test.example --data-urlencode password=gone-password-1
is "$STATUS" 401 "and it cannot sign in"
sql "DELETE FROM login_failures"
