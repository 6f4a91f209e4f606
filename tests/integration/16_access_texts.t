#!/usr/bin/env bash
# The access module's texts come from the catalogs (issue 14 item 6): the
# sign-in, set-password, user and token pages' errors in en, da and ru, and
# the audit log with who did it by name and what changed as a list, not the
# stored codes and JSON.
. "$(dirname "$0")/lib.sh"
sql "DELETE FROM login_failures"
PW='texts-admin-password-1'
N=$$
staff_user texts-admin@test.example admin "$PW"
sql "UPDATE users SET name = 'Ada Texts', lang = NULL WHERE email = 'texts-admin@test.example'"
L=$TMP/l.jar
login_token "$L"
LT=(-b "$L" --data-urlencode "login_token=$LOGIN_TOKEN" -H 'Accept: application/json')

# sign-in
http POST /login "${LT[@]}" -H 'Accept-Language: da' --data-urlencode email=texts-admin@test.example \
	--data-urlencode password=wrong-password
is "$(json error.message)" "Forkert e-mailadresse eller adgangskode." "a wrong password, in Danish"
http POST /login "${LT[@]}" -H 'Accept-Language: ru' --data-urlencode email=texts-admin@test.example \
	--data-urlencode password=wrong-password
is "$(json error.message)" "Неверный адрес эл. почты или пароль." "in Russian"
http POST /login "${LT[@]}" -H 'Accept-Language: da' --data-urlencode email=texts-admin@test.example
is "$(json error.message)" "Indtast din e-mailadresse og din adgangskode." "a missing password, in Danish"
http POST /login -b "$L" --data-urlencode "login_token=$LOGIN_TOKEN" -H 'Accept-Language: ru' \
	--data-urlencode email=texts-admin@test.example --data-urlencode password=wrong-password
like "$BODY" 'Неверный адрес эл. почты или пароль.' "the sign-in page's error, in Russian"
for i in 1 2 3; do
	http POST /login "${LT[@]}" --data-urlencode email=texts-admin@test.example --data-urlencode password=wrong-$i
done
http POST /login "${LT[@]}" -H 'Accept-Language: da' --data-urlencode email=texts-admin@test.example \
	--data-urlencode "password=$PW"
is "$STATUS" 429 "(throttled)"
like "$(json error.message)" '^For mange mislykkede login: vent [0-9]+ sekunder, før du prøver igen\.$' \
	"the wait, in Danish with its number"
sql "DELETE FROM login_failures"

# the set-password page
http POST /password -H 'Accept: application/json' -H 'Accept-Language: ru' \
	--data-urlencode invite=not-an-invitation-token-0000 --data-urlencode password=whatever-1234
is "$STATUS" 400 "a wrong invitation is refused"
like "$(json error.message)" '^Эта ссылка-приглашение недействительна' "in Russian"
staff_login texts-admin@test.example "$PW" "$TMP/a.jar"
A=(-b "$TMP/a.jar" -H 'Accept: application/json' -H "X-CSRF-Token: $CSRF")
http POST /admin/users "${A[@]}" --data-urlencode "email=texts-new-$N@test.example" --data-urlencode role=agent \
	--data-urlencode "name=Nina Ny"
is "$STATUS" 201 "an admin invites a user"
tok=$(json created.invite_path)
tok=${tok#*=}
http POST /password -H 'Accept: application/json' -H 'Accept-Language: da' --data-urlencode "invite=$tok" \
	--data-urlencode password=short
is "$(json error.message)" "Adgangskoden skal have mindst 10 tegn." "a short password, in Danish with the rule's number"
is "$(json error.reason)" too_short "(reason too_short)"
http POST /password -H 'Accept: application/json' -H 'Accept-Language: ru' --data-urlencode "invite=$tok" \
	--data-urlencode password=long-enough-1 --data-urlencode password2=long-enough-2
is "$(json error.message)" "Пароли не совпадают." "two different passwords, in Russian"
http POST /password -H 'Accept-Language: da' --data-urlencode "invite=$tok" \
	--data-urlencode password=long-enough-1 --data-urlencode password2=long-enough-2
like "$BODY" 'De to adgangskoder er ikke ens.' "the page says so in Danish"

# users and tokens
http POST /admin/users "${A[@]}" -H 'Accept-Language: da' --data-urlencode email=not-an-address
is "$(json error.message)" "Indtast en e-mailadresse som navn@eksempel.dk." "an invalid e-mail, in Danish"
is "$(json error.field)" email "naming the field"
http POST /admin/users "${A[@]}" -H 'Accept-Language: ru' --data-urlencode "email=texts-new-$N@test.example"
is "$STATUS" 409 "a taken e-mail is 409"
is "$(json error.message)" "Пользователь с таким адресом эл. почты уже существует." "in Russian"
http POST /admin/users/999999 "${A[@]}" -H 'Accept-Language: da' --data-urlencode name=x
is "$STATUS" 404 "no such user"
is "$(json error.message)" "Der er ingen bruger 999999." "in Danish, with its number"
http POST /admin/tokens/999999/revoke "${A[@]}" -H 'Accept-Language: ru'
is "$(json error.message)" "API-токен 999999 не найден." "no such token, in Russian"
sql "UPDATE users SET active = 0 WHERE role = 'admin' AND email <> 'texts-admin@test.example'"
aid=$(sql "SELECT id FROM users WHERE email = 'texts-admin@test.example'")
http POST "/admin/users/$aid" "${A[@]}" -H 'Accept-Language: da' --data-urlencode role=agent
is "$STATUS" 409 "the last admin stays admin"
is "$(json error.message)" "Dette er den sidste aktive administrator: gør først en anden bruger til administrator." \
	"saying so in Danish"

# the audit log: who by name, the action in words, the changes as a list
"${S_CLI[@]}" token create --name "texts-token-$N" --scope read > /dev/null
http GET "/admin/audit?what=user.create" -b "$TMP/a.jar" -H 'Accept: application/json' -H 'Accept-Language: da'
is "$(json entries.0.actor_text)" "Ada Texts" "the actor is the user's name"
is "$(json entries.0.what_text)" "Bruger inviteret" "the action in words, in Danish"
sql "UPDATE users SET name = '' WHERE email = 'texts-admin@test.example'"
http GET "/admin/audit?what=user.create" -b "$TMP/a.jar" -H 'Accept: application/json'
is "$(json entries.0.actor_text)" texts-admin@test.example "without a name, the e-mail address"
sql "UPDATE users SET name = 'Ada Texts' WHERE email = 'texts-admin@test.example'"
http GET "/admin/audit?what=token.create" -b "$TMP/a.jar" -H 'Accept: application/json' -H 'Accept-Language: ru'
is "$(json entries.0.actor_text)" "Командная строка" "the command line, in Russian"
http GET "/admin/audit?what=user.create" -b "$TMP/a.jar" -H 'Accept-Language: da'
row=$(printf '%s' "$BODY" | tr -d '\n' | grep -o "<tr><td class=\"text-nowrap\">[^<]*</td><td title=\"user texts-admin@test.example\">[^<]*</td><td title=\"user.create\">[^<]*</td><td>[0-9]*</td> *<td><ul[^>]*><li><span class=\"fw-semibold\">E-mail</span>: texts-new-$N@test.example</li>.*" | sed 's#</tr>.*##')
like "$row" '<td title="user texts-admin@test.example">Ada Texts</td>' "the page shows the name"
like "$row" 'title="user.create">Bruger inviteret<' "and the action in words"
like "$row" '<span class="fw-semibold">E-mail</span>: texts-new-[0-9]+@test.example</li>' "the changes as a list"
like "$row" '<span class="fw-semibold">Navn</span>: Nina Ny</li>' "(each field by its label)"
like "$row" '<span class="fw-semibold">Rolle</span>: Sælger</li>' "(a role by its name)"
ok $(printf '%s' "$row" | grep -q '{&quot;\|{"'; echo $((! $?))) "no raw JSON"
sql "UPDATE users SET active = 1 WHERE role = 'admin'"
sql "DELETE FROM login_failures"

# the core's refusals of access (fcgi/auth.c) speak the reader's language too
http GET /api/v1/jobs -H 'Accept-Language: da'
is "$STATUS:$(json error.reason)" 401:signin "no credentials: 401"
is "$(json error.message)" "login påkrævet: send Authorization: Bearer <token>, eller log ind" "  in Danish"
http GET /api/v1/jobs -H 'Authorization: Bearer not-a-real-token-at-all-xx' -H 'Accept-Language: ru'
is "$STATUS:$(json error.message)" "401:токен bearer недействителен или отозван" "an unknown token, in Russian"
rt=$(api_token "texts-read-$N" read)
http POST /api/v1/targets -H "Authorization: Bearer $rt" -H 'Accept-Language: da' -H 'Content-Type: application/json' -d '{}'
is "$STATUS:$(json error.reason)" 403:role "a read token on a write: 403"
is "$(json error.message)" "denne nøgles omfang (read) tillader kun GET-anmodninger" "  in Danish"
it=$(api_token "texts-import-$N" import)
http GET /admin/users -H "Authorization: Bearer $it" -H 'Accept: application/json' -H 'Accept-Language: ru'
is "$STATUS" 403 "an import token on an admin page: 403"
is "$(json error.message)" "область действия этого токена (import) не даёт доступа сюда: нужен администратор" "  in Russian, naming the role it needs"

# the tokens page words each scope (the codes stay in the API's answer)
http GET /admin/tokens -H "Authorization: Bearer $API_KEY" -H 'Accept-Language: da'
like "$BODY" '<option value="read">read: læser alle siders data, ændrer intet</option>' "the scopes are explained in Danish"
like "$BODY" "<td title=\"read\">read: læser alle siders data" "  and in the list of tokens"
http GET /admin/tokens -H "Authorization: Bearer $API_KEY" -H 'Accept: application/json'
is "$(json scopes)" '["import","read","admin"]' "the JSON keeps the codes"
