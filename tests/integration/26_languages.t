#!/usr/bin/env bash
# Staff read every word in their own language: a Danish and a Russian
# session see a flash message, a handler's validation error, a job kind
# and an audit row in their language (issue 14 item 6).
. "$(dirname "$0")/lib.sh"
N=$$
sql "DELETE FROM login_failures"
sql "INSERT INTO customers (host_id, first_name, last_name, smart_type) VALUES ('LANG-$N', 'Lone', 'Sprog', 'trade')"
C=$(sql "SELECT id FROM customers WHERE host_id = 'LANG-$N'")
"${S_CLI[@]}" job enqueue shell.stats > /dev/null
J=(-H 'Accept: application/json')
for lang in da ru; do
	case $lang in
	da) flash='Nøglen er oprettet'; amount="^amount: '12,5x' er ikke et beløb; skriv det som 1854,95"; zero='^Beløb: skal være større end 0'; end='^Til: perioden slutter, før den begynder'
	    kind='Tal til oversigten'; action='Mål sat'; label='Beløb' ;;
	ru) flash='Токен создан'; amount="^amount: «12,5x» — не сумма; запишите как 1854,95"; zero='^Сумма: должна быть больше 0'; end='^По: период заканчивается раньше, чем начинается'
	    kind='Показатели для сводки'; action='Цель задана'; label='Сумма' ;;
	esac
	staff_user "lang-$lang-$N@test.example" admin "lang-$lang-pass-1"
	sql "UPDATE users SET lang = '$lang' WHERE email = 'lang-$lang-$N@test.example'"
	staff_login "lang-$lang-$N@test.example" "lang-$lang-pass-1" "$TMP/$lang.jar"
	http POST /admin/tokens -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode name="lang-$lang-$N" --data-urlencode scope=read
	like "$(json flash.0.text)" "$flash" "$lang: the flash after creating a token"
	http POST "/admin/customers/$C/trade/target" -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode period_start=2033-03-01 --data-urlencode amount=12,5x
	is "$STATUS:$(json error.field)" 400:amount "$lang: a bad amount is the core's 400"
	like "$(json error.message)" "$amount" "$lang: naming the field and the form it takes, in $lang"
	http POST "/admin/customers/$C/trade/target" -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode period_start=2033-03-01 --data-urlencode amount=0
	is "$STATUS" 422 "$lang: an amount of 0 is the handler's 422"
	like "$(json form.errors.amount)" "$zero" "$lang: the amount error names the field by its label, in $lang"
	http POST "/admin/customers/$C/trade/target" -b "$TMP/$lang.jar" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode period_start=2033-03-01 --data-urlencode period_end=2033-01-01 --data-urlencode amount=10
	is "$STATUS" 422 "$lang: a period that ends before it starts is 422 (the page)"
	like "$BODY" "$(printf '%s' "$end" | sed 's/^\^//')" "$lang: the page says so in $lang"
	http GET /admin/ -b "$TMP/$lang.jar" "${J[@]}"
	like "$(printf '%s' "$BODY" | perl -MJSON::PP -e 'print join "|", map { $_->{kind_text} } @{decode_json(<STDIN>)->{jobs}}')" \
		"$kind" "$lang: the dashboard names the job kind"
	http GET /admin/ -b "$TMP/$lang.jar"
	like "$BODY" "$kind" "$lang: the dashboard page shows it"
	http POST "/admin/customers/$C/trade/target" -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode period_start="$([ $lang = da ] && echo 2034-01-01 || echo 2036-01-01)" --data-urlencode amount=1000
	is "$STATUS" 201 "$lang: a target is set"
	http GET "/admin/audit?what=target" -b "$TMP/$lang.jar" "${J[@]}"
	is "$(json entries.0.what_text)" "$action" "$lang: the audit row names the action"
	is "$(json entries.0.what)" target.create "  and keeps the code"
	like "$(json entries.0.after)" '"amount":"?1000' "  and the raw JSON"
	http GET "/admin/audit?what=target" -b "$TMP/$lang.jar"
	like "$BODY" "$action" "$lang: the audit page shows the action's name"
	like "$BODY" "$label</span>: 1000" "$lang: and the change as 'label: value'"
	ok $(printf '%s' "$BODY" | grep -q 'after_json\|{&quot;' && echo 1 || echo 0) "$lang: no raw JSON on the page"
done
http POST "/api/v1/targets?lang=da" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d '{"period_start": "2031-02-01", "amount": "1"}'
is "$STATUS" 422 "the API: a target without a customer is 422"
is "$(json error.message)" "customer_id: skal udfyldes (butikkens kunde-id)" "  naming the field by its member name, the reason in Danish"
