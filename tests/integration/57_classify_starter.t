#!/usr/bin/env bash
# The starter classifications in the reader's language until the shop edits
# them (issue 14 item 6, sql/019's starter keys): the API by Accept-Language,
# the page by the user's language, in Danish and in Russian; saving the
# texts as shown keeps the key, other texts clear it.  And the starter
# risk-change tiers begin where a shop owner expects (issue 15 item 5): a
# customer whose risk improved is not in the "+25 %" tier; the page words
# each range in plain words and states the choice.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JSON=(-H 'Content-Type: application/json')
J=(-H 'Accept: application/json')
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
N=$$

starter() {
	sql "DELETE FROM classifications"
	sql "$(cat "$ROOT/sql/009_classify_starter.sql")"
	[ "${1:-}" = edited ] && sql "UPDATE classifications SET title = 'Our best' WHERE title = 'Big spenders'"
	sql "$(cat "$ROOT/sql/018_classify_open.sql")"
	sql "$(cat "$ROOT/sql/019_classify_starter_keys.sql")"
}
# titles [LANG]: the API's titles in tier order
titles() {
	http GET /api/v1/classifications "${AUTH[@]}" ${1:+-H "Accept-Language: $1"}
	printf '%s' "$BODY" | perl -MJSON::PP -e '
		my $d = JSON::PP->new->decode(join("", <STDIN>));
		print join(",", map { $_->{title} } @{$d->{classifications}})'
}

wipe_store
# an install that edited a starter tier keeps its own and gets no new tiers
starter edited
is "$(sql "SELECT COUNT(*) FROM classifications WHERE type = 'risk_change'")" 0 \
	"019 adds no risk-change tiers to an install that edited its classifications"
is "$(sql "SELECT IFNULL(starter_key, 'NULL') FROM classifications WHERE title = 'Our best'")" NULL \
	"  and the edited tier has no starter key"
is "$(sql "SELECT COUNT(*) FROM classifications WHERE starter_key IS NOT NULL")" 6 "  the untouched six have theirs"

starter
is "$(sql "SELECT GROUP_CONCAT(CONCAT(position, ':', starter_key, ':', IFNULL(value, 'open')) ORDER BY position)
           FROM classifications WHERE type = 'risk_change'")" \
	"1:risk_steady:0.000000,2:risk_slowing:25.000000,3:risk_drifting:open" \
	"the untouched starter set gets the risk-change tiers: up to 0 %, up to +25 %, and above"
sql "$(cat "$ROOT/sql/019_classify_starter_keys.sql")"
is "$(sql "SELECT COUNT(*) FROM classifications")" 10 "running 019 again adds nothing"

# ---- a customer whose risk improved, one whose risk rose (as of 2024-06-30, 3 months)
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type) VALUES (1, 'BETTER', 'retail'), (2, 'WORSE', 'retail');
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('b1', 1, '2024-01-01', 10, 'paid'), ('b2', 1, '2024-01-11', 10, 'paid'),
       ('b3', 1, '2024-06-20', 10, 'paid'), ('b4', 1, '2024-06-25', 10, 'paid'),
       ('w1', 2, '2024-01-01', 10, 'paid'), ('w2', 2, '2024-03-01', 10, 'paid');"
"${S[@]}" recompute --as-of 2024-06-30 > /dev/null
ok $? "recompute runs"
risk_tier() { sql "SELECT COALESCE(GROUP_CONCAT(cl.starter_key), '-') FROM customer_classifications cc
                   JOIN classifications cl ON cl.id = cc.classification_id JOIN customers c ON c.id = cc.customer_id
                   WHERE cl.type = 'risk_change' AND c.host_id = '$1'"; }
like "$(sql "SELECT ROUND(risk_change) FROM customer_metrics WHERE customer_id = 1")" '^-9[0-9]$' \
	"BETTER's risk fell (790 at the period's start, 8.5 now)"
is "$(risk_tier BETTER)" risk_steady "a customer whose risk improved is in the first tier (up to 0 %), not the +25 % one"
is "$(risk_tier WORSE)" risk_drifting "a customer whose risk rose by +317 % is in the open-ended last tier"

# ---- the texts in the reader's language
is "$(titles)" "On track,Need more attention,At risk,Ordering steadily,Slowing down,Drifting away,Falling sales,Steady,Rising stars,Big spenders" \
	"English by default (in tier order: type, then position)"
is "$(titles da)" "På sporet,Kræver mere opmærksomhed,I fare,Køber stabilt,Sætter tempoet ned,Glider væk,Faldende salg,Stabile,Stigende stjerner,Storkunder" \
	"da: the starter titles in Danish"
is "$(titles ru)" "В графике,Требуют внимания,Под угрозой,Покупают стабильно,Замедляются,Отдаляются,Падение продаж,Стабильные,Восходящие звёзды,Крупные покупатели" \
	"ru: in Russian"
big=$(sql "SELECT id FROM classifications WHERE starter_key = 'big_spenders'")
http GET "/api/v1/classifications/$big" "${AUTH[@]}" -H 'Accept-Language: da'
like "$(json comments)" '^Kunderne, der tilsammen' "da: the comments too"
is "$(json starter_key)" null "an answer does not carry the key (it can be sent back as it is)"
http PUT "/api/v1/classifications/$big" "${AUTH[@]}" "${JSON[@]}" -H 'Accept-Language: da' -d "$BODY"
is "$STATUS|$(json title)" "200|Storkunder" "the Danish answer sent back is taken"
is "$(sql "SELECT CONCAT(title, '|', starter_key, '|', value) FROM classifications WHERE id = $big")" \
	"Big spenders|big_spenders|50.000000" "  and keeps the key and the stored English texts"
http PUT "/api/v1/classifications/$big" "${AUTH[@]}" "${JSON[@]}" -H 'Accept-Language: ru' -d '{"value": 40}'
is "$(sql "SELECT CONCAT(title, '|', starter_key, '|', value) FROM classifications WHERE id = $big")" \
	"Big spenders|big_spenders|40.000000" "a change of the value alone keeps the key"

for lang in da ru; do
	staff_user "st-$lang-$N@test.example" admin "st-$lang-pass-1"
	sql "UPDATE users SET lang = '$lang' WHERE email = 'st-$lang-$N@test.example'"
	sql "DELETE FROM login_failures"
	staff_login "st-$lang-$N@test.example" "st-$lang-pass-1" "$TMP/$lang.jar"
	[ "$lang" = da ] && CSRF_DA=$CSRF
	http GET /admin/classifications -b "$TMP/$lang.jar" "${J[@]}"
	words=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
		my $d = JSON::PP->new->decode(join("", <STDIN>));
		for my $g (@{$d->{groups}}) { next unless $g->{type} eq "risk_change";
			print join(" | ", map { "$_->{title}: $_->{range_text}" } @{$g->{tiers}}) }')
	case $lang in
	da) want="Køber stabilt: fra −100 % op til 0 % | Sætter tempoet ned: over 0 % op til +25 % | Glider væk: over +25 %, uden øvre grænse"
	    help="Startertrinene for risikoændring begynder derfor med et trin op til 0 %" ;;
	ru) want="Покупают стабильно: от −100 % до 0 % | Замедляются: свыше 0 % до +25 % | Отдаляются: свыше +25 %, без верхней границы"
	    help="стартовые уровни изменения риска начинаются с уровня до 0 %" ;;
	esac
	is "$words" "$want" "$lang: the page names each tier in $lang and words its range"
	http GET /admin/classifications -b "$TMP/$lang.jar"
	like "$BODY" "$help" "$lang: the page's help states where the starter risk-change tiers begin"
done

# the Danish form saved as shown keeps the key; a new title is the shop's own
steady=$(sql "SELECT id FROM classifications WHERE starter_key = 'steady'")
http GET "/admin/classifications/$steady" -b "$TMP/da.jar"
like "$BODY" 'value="Stabile"' "da: the edit form shows the Danish title"
http POST "/admin/classifications/$steady" -b "$TMP/da.jar" -H "X-CSRF-Token: $CSRF_DA" \
	--data-urlencode title=Stabile --data-urlencode type=revenue_change --data-urlencode smart_type=all \
	--data-urlencode value=20 --data-urlencode colour='#6c757d' \
	--data-urlencode comments="Omsætningen ligger inden for en fjerdedel af forrige periode. Alt som normalt."
is "$STATUS|$(sql "SELECT CONCAT(title, '|', IFNULL(starter_key, 'NULL'), '|', value) FROM classifications WHERE id = $steady")" \
	"303|Steady|steady|20.000000" "da: saved with the texts as shown, the key stays"
http POST "/admin/classifications/$steady" -b "$TMP/da.jar" -H "X-CSRF-Token: $CSRF_DA" \
	--data-urlencode title="Som altid" --data-urlencode type=revenue_change --data-urlencode smart_type=all \
	--data-urlencode value=20 --data-urlencode colour='#6c757d' \
	--data-urlencode comments="Omsætningen ligger inden for en fjerdedel af forrige periode. Alt som normalt."
is "$STATUS|$(sql "SELECT CONCAT(title, '|', IFNULL(starter_key, 'NULL')) FROM classifications WHERE id = $steady")" \
	"303|Som altid|NULL" "da: a new title is the shop's own: stored, the key cleared"
is "$(titles ru | cut -d, -f8)" "Som altid" "ru: and shown as the shop wrote it"
starter   # as a fresh install has it
