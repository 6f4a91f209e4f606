#!/usr/bin/env bash
# Trade customers: the signed link, expiry and tampering, the session it
# makes, retail refused unless allowed, and one customer trying to read
# another's data by every parameter /account/ accepts.
. "$(dirname "$0")/lib.sh"
sql "INSERT INTO customers (host_id, first_name, last_name, email, smart_type) VALUES
	('TR-1', 'Tina', 'Trade', 'tina@shop.example', 'trade'),
	('TR-2', 'Otto', 'Other', 'otto@shop.example', 'distributor'),
	('RE-1', 'Rita', 'Retail', 'rita@shop.example', 'retail')
	ON DUPLICATE KEY UPDATE smart_type = VALUES(smart_type)"
id2=$(sql "SELECT id FROM customers WHERE host_id = 'TR-2'")
J=$TMP/c.jar

link=$(trade_link TR-1)
like "$link" '^/account/\?token=TR-1\.[0-9]+\.[A-Za-z0-9_-]{43}$' "salient token customer prints a signed /account/ link"
http GET "$link&as_of=2026-01-31" -c "$J"
is "$STATUS" 302 "a good link signs the customer in"
is "$(header Location)" "/salient/account/?as_of=2026-01-31" "and redirects to the same URL without the token"
c=$(header Set-Cookie)
like "$c" '^salient_session=[A-Za-z0-9_-]{43}; Path=/salient; HttpOnly; SameSite=Lax' "with Salient's own session cookie"
http GET /account/ -b "$J" -H 'Accept: application/json'
is "$STATUS" 200 "the session opens /account/"
is "$(json customer.customer_id)" TR-1 "for that customer"
http GET /account/ -b "$J"
is "$STATUS" 200 "the page renders"

# another customer's data, by every parameter
for q in "customer_id=TR-2" "customer=TR-2" "id=$id2" "customer_id=$id2" "host_id=TR-2" "c=TR-2" "as_of=2026-01-31&customer_id=TR-2"; do
	http GET "/account/?$q" -b "$J" -H 'Accept: application/json'
	is "$STATUS:$(json error.reason):$(json customer.customer_id)" 400:unknown:null "?$q is refused, never the other customer's page"
done
http GET /account/ -b "$J" -H 'Accept: application/json' -H "Content-Type: application/json" --data-binary '{"customer_id":"TR-2"}' -X GET
is "$STATUS:$(json error.field):$(json customer.customer_id)" 400:customer_id:null "a JSON body naming another customer is refused"
http GET "/admin/" -b "$J" -H 'Accept: application/json'
is "$STATUS" 403 "a trade customer cannot open staff pages"
http GET "/admin/users" -b "$J" -H 'Accept: application/json'
is "$STATUS" 403 "nor admin pages"

# bad links
now=$(date +%s)
http GET "$(trade_link TR-1 0)"
is "$STATUS" 401 "an expired link is refused"
like "$BODY" 'This link has expired or is not valid; ask the shop for a new one' "with a page in plain words"
ok $(printf '%s' "$BODY" | grep -q 'signature\|expiry'; [ $? -ne 0 ]; echo $?) "  that does not show the token's syntax"
http GET "$(trade_link TR-1 0)" -H 'Accept-Language: da'
is "$STATUS" 401 "in Danish: an expired link is refused"
like "$BODY" 'Dette link er udløbet eller ugyldigt; bed butikken om et nyt' "  with the page in Danish"
http GET "$(trade_link TR-1 0)" -H 'Accept-Language: ru' -H 'Accept: application/json'
is "$(json error.reason)" link_expired "in Russian as JSON: the reason code"
like "$(json error.message)" 'попросите в магазине новую' "  and the message in Russian"
t=${link#*token=}
http GET "/account/?token=TR-2.${t#TR-1.}"
is "$STATUS" 403 "another customer id with the first one's signature is refused"
like "$BODY" 'ask the shop for a new one' "saying so in plain words"
exp=$(printf '%s' "$t" | cut -d. -f2)
http GET "/account/?token=TR-1.$((exp + 100)).$(printf '%s' "$t" | cut -d. -f3)"
is "$STATUS" 403 "a changed expiry is refused"
http GET "/account/?token=TR-1.$now"
is "$STATUS" 400 "an incomplete token is 400"
http GET "/account/?token=$(printf 'x%.0s' $(seq 1 300))"
is "$STATUS" 400 "a long token is 400"
# a link for a customer nobody imported: a warning, and refused with --strict
"${S_CLI[@]}" token customer ZZZ999 > "$TMP/link" 2> "$TMP/err"
is "$?" 0 "a link for an unknown customer is still made"
like "$(cat "$TMP/err")" "warning: no customer ZZZ999 has been imported" "with a warning"
"${S_CLI[@]}" token customer ZZZ999 --strict > "$TMP/link" 2> "$TMP/err"
is "$?:$(wc -c < "$TMP/link")" "1:0" "--strict refuses it and prints no link"
like "$(cat "$TMP/err")" "error: no customer ZZZ999 has been imported; no link is made" "  saying so"
LC_ALL=da_DK.UTF-8 "${S_CLI[@]}" token customer ZZZ999 > "$TMP/link" 2> "$TMP/err"
is "$?:$(grep -c 'token=ZZZ999' "$TMP/link")" "0:1" "in Danish the link is still made"
like "$(cat "$TMP/err")" "advarsel: ingen kunde ZZZ999 er importeret" "  the warning from the catalog, in Danish"
LC_ALL=ru_RU.UTF-8 "${S_CLI[@]}" token customer ZZZ999 --strict > "$TMP/link" 2> "$TMP/err"
is "$?" 1 "  --strict refuses it in Russian too"
like "$(cat "$TMP/err")" "ошибка: клиент ZZZ999 не импортирован" "  in Russian words"
"${S_CLI[@]}" token customer TR-1 --strict > "$TMP/link" 2> "$TMP/err"
is "$?:$(wc -c < "$TMP/err")" "0:0" "a known customer's link, without a word"
http GET "$(trade_link NOBODY-1)" -H 'Accept: application/json'
is "$STATUS" 403 "an unknown customer is refused"
is "$(json error.reason)" unknown_customer "saying so"
http GET /account/ -H 'Accept: application/json'
is "$STATUS" 401 "/account/ without a session is 401"
like "$(json error.message)" 'sign in through the shop' "saying how to get in"

# the shell's own secret: a link made with openssl as the README shows
secret=$(awk -F' *= *' '/^\[/{s=$0} s=="[security]" && $1=="secret"{print $2}' "$SALIENT_CONF")
exp=$((now + 300))
sig=$(printf '%s' "TR-2.$exp" | openssl dgst -sha256 -hmac "$secret" -binary | basenc --base64url | tr -d '=')
http GET "/account/?token=TR-2.$exp.$sig" -c "$TMP/o.jar"
is "$STATUS" 302 "a token made with openssl works"
http GET /account/ -b "$TMP/o.jar" -H 'Accept: application/json'
is "$(json customer.customer_id)" TR-2 "for the other customer"

# no fixation: signing in by link replaces the session that came with it
old=$(awk '$6 == "salient_session" { print $7 }' "$J")
http GET "$(trade_link TR-1)" -b "$J"
new=$(header Set-Cookie | sed -e 's/^salient_session=//' -e 's/;.*//')
ok $([ -n "$new" ] && [ "$new" != "$old" ]; echo $?) "a new link gives a new session id"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('$old', 256))")" 0 "the old session is gone"
sql "UPDATE sessions SET last_seen_at = NOW() - INTERVAL 3 HOUR WHERE id_hash = UNHEX(SHA2('$new', 256))"
http GET /account/ -H "Cookie: salient_session=$new" -H 'Accept: application/json'
is "$STATUS" 401 "a customer session expires like a staff one"

# retail customers only when the setting allows
sql "DELETE FROM settings WHERE name = 'account.smart_types'"
http GET "$(trade_link RE-1)" -H 'Accept: application/json'
is "$STATUS" 403 "a retail customer is refused"
is "$(json error.reason)" area_closed "saying so"
ok $(json error.message | grep -q 'account_smart_types\|retail'; [ $? -ne 0 ]; echo $?) "  in plain words, no setting or type"
sql "INSERT INTO settings (name, value) VALUES ('account.smart_types', 'retail,trade,distributor')"
http GET "$(trade_link RE-1)"
is "$STATUS" 302 "with retail in account_smart_types it is let in"
sql "DELETE FROM settings WHERE name = 'account.smart_types'"

# the trade area speaks the customer's own language (customers.language),
# before Accept-Language; a language Salient does not speak falls back
sql "INSERT INTO customers (host_id, first_name, smart_type, language) VALUES
	('TR-RU', 'Rus', 'trade', 'ru'), ('TR-DK', 'Dan', 'trade', 'da-DK'),
	('TR-DE', 'Deu', 'trade', 'de'), ('TR-NO', 'Nul', 'trade', NULL)"
lang_of() { # lang_of HOST_ID [curl args]: the lang of the /account/ page the link opens
	local h=$1 jar=$TMP/l.jar
	shift
	rm -f "$jar"
	http GET "$(trade_link "$h")" -c "$jar" "$@"
	http GET /account/ -b "$jar" "$@"
	printf '%s' "$BODY" | sed -n 's/.*<html lang="\([a-z]*\)".*/\1/p' | head -n 1
}
is "$(lang_of TR-RU)" ru "a customer whose language is ru gets the page in Russian"
is "$(lang_of TR-RU -H 'Accept-Language: da')" ru "  before the browser's Accept-Language"
is "$(lang_of TR-DK -H 'Accept-Language: en')" da "da-DK is Danish"
is "$(lang_of TR-DE -H 'Accept-Language: da')" da "a language Salient does not speak falls back to Accept-Language"
is "$(lang_of TR-NO -H 'Accept-Language: ru')" ru "as does a customer with no language"
rm -f "$TMP/l.jar"
http GET "$(trade_link TR-RU 0)" -H 'Accept: application/json'
like "$(json error.message)" 'This link has expired' "an expired link cannot know whose it is: the browser's language (here none: English)"
