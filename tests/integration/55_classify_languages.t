#!/usr/bin/env bash
# Classify's refusals in the user's language (issue 14 item 6): the
# admin form's field error and flash (the field by its label, the metric by
# its name, issue 15 item 13), the API's message by Accept-Language,
# a 404 and the order route's refusals, in Danish and in Russian; English
# stays as it was.
. "$(dirname "$0")/lib.sh"
N=$$
AUTH=(-H "Authorization: Bearer $API_KEY")
JSON=(-H 'Content-Type: application/json')
J=(-H 'Accept: application/json')
sql "DELETE FROM login_failures"

http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" -d '{"title": "x", "type": "risk_score", "value": 100, "colour": "red"}'
is "$STATUS:$(json error.field)" 422:colour "a bad colour is 422 naming the field"
is "$(json error.message)" "colour: expected #rrggbb (six hex digits), like #1f77b4" "in English by default, as before"

for lang in da ru; do
	case $lang in
	da) colour='^colour: forventede #rrggbb'; page_colour='Farve: forventede #rrggbb'
	    page_range='Værdi \(øvre grænse\): 500 er uden for intervallet for Omsætningsrang \(top %\): forventede 0 til 100'; range='^value: 500(\.0+)? er uden for intervallet for revenue_rank: forventede 0 til 100$'
	    none='^ingen klassifikation 999999999'; long='^title: højst 100 tegn \(denne har 101\)'; twice='^ids: [0-9]+ står der to gange' ;;
	ru) colour='^colour: ожидался #rrggbb'; page_colour='Цвет: ожидался #rrggbb'
	    page_range='Значение \(верхняя граница\): 500 вне диапазона для Ранг выручки \(верхние %\): ожидалось от 0 до 100'; range='^value: 500(\.0+)? вне диапазона для revenue_rank: ожидалось от 0 до 100$'
	    none='^нет классификации 999999999'; long='^title: не более 100 символов \(здесь 101\)'; twice='^ids: [0-9]+ указан дважды' ;;
	esac
	staff_user "cls-$lang-$N@test.example" admin "cls-$lang-pass-1"
	sql "UPDATE users SET lang = '$lang' WHERE email = 'cls-$lang-$N@test.example'"
	staff_login "cls-$lang-$N@test.example" "cls-$lang-pass-1" "$TMP/$lang.jar"
	http POST /admin/classifications -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode title=Due --data-urlencode type=risk_score --data-urlencode value=100 \
		--data-urlencode colour=red
	is "$STATUS" 422 "$lang: the form refuses a bad colour (422)"
	like "$(json error.message)" "$colour" "$lang: the reason in $lang"
	http POST /admin/classifications -b "$TMP/$lang.jar" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode title=Due --data-urlencode type=risk_score --data-urlencode value=100 \
		--data-urlencode colour=red
	is "$STATUS" 422 "$lang: the page's form too"
	like "$BODY" "$page_colour" "$lang: shows it in $lang, the field by its label (not its API name)"
	http POST /admin/classifications -b "$TMP/$lang.jar" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode title=Top --data-urlencode type=revenue_rank --data-urlencode value=500
	like "$BODY" "$page_range" "$lang: the form names the metric and the value as a shop owner reads them"
	like "$BODY" 'name="value" type="text" inputmode="decimal" value="500"' "$lang: and gives the value back as typed, 500"
	http POST /admin/classifications -b "$TMP/$lang.jar" "${J[@]}" -H "X-CSRF-Token: $CSRF" \
		--data-urlencode title="$(printf 'é%.0s' $(seq 1 101))" --data-urlencode type=risk_score \
		--data-urlencode value=100
	like "$(json error.message)" "$long" "$lang: a title too long, with its numbers"
	http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" -H "Accept-Language: $lang" \
		-d '{"title": "x", "type": "revenue_rank", "value": 500}'
	is "$STATUS:$(json error.field)" 422:value "$lang: the API refuses a value out of its type's range"
	like "$(json error.message)" "$range" "$lang: in $lang, with the value, the type and the range"
	http PUT /api/v1/classifications/999999999 "${AUTH[@]}" "${JSON[@]}" -H "Accept-Language: $lang" \
		-d '{"title": "x"}'
	is "$STATUS" 404 "$lang: no such classification is 404"
	like "$(json error.message)" "$none" "$lang: said in $lang"
	http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
		-d "{\"title\": \"t-$lang-$N\", \"type\": \"orders\", \"smart_type\": \"all\", \"value\": 900000000}"
	id=$(json id)
	http PUT /api/v1/classifications/order "${AUTH[@]}" "${JSON[@]}" -H "Accept-Language: $lang" \
		-d "{\"ids\": [$id, $id]}"
	is "$STATUS" 422 "$lang: an order listing a tier twice is 422"
	like "$(json error.message)" "$twice" "$lang: in $lang"
	http DELETE "/api/v1/classifications/$id" "${AUTH[@]}"
done
