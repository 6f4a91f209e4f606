#!/usr/bin/env bash
# The customer pages read in the reader's language (issue 15 item 13): the
# breadcrumb's label is a word of the catalog (not "breadcrumb"), the
# customer's language is named (not the code "en"), "E-mail" is translated,
# and a starter classification the shop has not edited (starter_key) is
# titled from the catalog on the record, the list's badges and filter, and
# the CSV export, as the classifications page titles it; an edited one
# keeps its stored title.  en, da and ru.
. "$(dirname "$0")/lib.sh"
N=$$
J=(-H 'Accept: application/json')

sql "DELETE FROM customer_classifications WHERE classification_id IN (9301, 9302);
     DELETE FROM classifications WHERE id IN (9301, 9302);
     DELETE FROM customers WHERE host_id LIKE 'LBL-%';
     INSERT INTO customers (host_id, smart_type, first_name, last_name, email, language) VALUES
       ('LBL-EN', 'retail', 'Lab', 'English', 'lbl-en@example.com', 'en'),
       ('LBL-DK', 'retail', 'Lab', 'Dansk', 'lbl-dk@example.com', 'da-DK'),
       ('LBL-XX', 'retail', 'Lab', 'Other', 'lbl-xx@example.com', 'tlh');
     INSERT INTO classifications (id, title, comments, colour, type, smart_type, value, position, starter_key) VALUES
       (9301, 'Big spenders', 'The customers who together bring in the first half of the revenue.', '#0d6efd',
        'revenue_share', 'all', 50, 91, 'big_spenders'),
       (9302, 'Our own title', NULL, '#198754', 'revenue_share', 'all', 100, 92, NULL);
     INSERT INTO customer_classifications (customer_id, classification_id, since)
       SELECT id, 9301, '2024-03-31' FROM customers WHERE host_id = 'LBL-EN';
     INSERT INTO customer_classifications (customer_id, classification_id, since)
       SELECT id, 9302, '2024-03-31' FROM customers WHERE host_id = 'LBL-EN'"
ok $? "fixture loaded"
EN=$(sql "SELECT id FROM customers WHERE host_id = 'LBL-EN'")
DK=$(sql "SELECT id FROM customers WHERE host_id = 'LBL-DK'")
XX=$(sql "SELECT id FROM customers WHERE host_id = 'LBL-XX'")

for lang in en da ru; do
	case $lang in
	en) crumb='You are here'; english=English; danish=Danish; email=E-mail
	    big='Big spenders'; comment='^The customers who together' ;;
	da) crumb='Du er her'; english=Engelsk; danish=Dansk; email=E-mail
	    big=Storkunder; comment='^Kunderne, der' ;;
	ru) crumb='Вы здесь'; english=Английский; danish=Датский; email='Эл. почта'
	    big='Крупные покупатели'; comment='^Клиенты' ;;
	esac
	staff_user "lbl-$lang-$N@test.example" admin "lbl-$lang-pass-1"
	sql "UPDATE users SET lang = '$lang' WHERE email = 'lbl-$lang-$N@test.example'"
	staff_login "lbl-$lang-$N@test.example" "lbl-$lang-pass-1" "$TMP/$lang.jar"

	http GET "/admin/customers/$EN" -b "$TMP/$lang.jar"
	is "$STATUS" 200 "$lang: the record page renders"
	like "$BODY" "<nav aria-label=\"$crumb\"><ol class=\"breadcrumb" "$lang: the breadcrumb is labelled '$crumb'"
	like "$BODY" "<dd class=\"col-7\" data-language=\"en\">$english</dd>" "$lang: the language is named '$english', not 'en'"
	like "$BODY" "<dt class=\"col-5\">$email</dt>" "$lang: the e-mail's label reads '$email'"
	like "$BODY" "<span class=\"badge sl-badge\" data-colour=\"#0d6efd\">$big</span>" \
		"$lang: the starter classification is titled '$big'"
	like "$BODY" "<span class=\"badge sl-badge\" data-colour=\"#198754\">Our own title</span>" \
		"$lang: an edited one keeps its own title"
	http GET "/admin/customers/$EN" -b "$TMP/$lang.jar" "${J[@]}"
	like "$(json classifications.0.comments)" "$comment" "$lang: and its comments in $lang"
	is "$(json classifications.0.starter_key)" null "$lang: the starter key stays inside"
	http GET "/admin/customers/$DK" -b "$TMP/$lang.jar" "${J[@]}"
	is "$(json customer.language):$(json customer.language_name)" "da-DK:$danish" "$lang: da-DK is '$danish'"
	http GET "/admin/customers/$XX" -b "$TMP/$lang.jar" "${J[@]}"
	is "$(json customer.language_name)" tlh "$lang: a language the catalog does not name shows its code"

	http GET "/admin/customers?q=LBL-EN" -b "$TMP/$lang.jar" "${J[@]}"
	is "$(json customers.0.classifications.0.title)" "$big" "$lang: the list's badge reads '$big'"
	http GET "/admin/customers?q=LBL-EN" -b "$TMP/$lang.jar"
	like "$BODY" "<option value=\"9301\"[^>]*>$big" "$lang: and so does the list's filter"
	http GET "/admin/customers.csv?q=LBL-EN" -b "$TMP/$lang.jar"
	like "$BODY" "LBL-EN,.*\"?$big; Our own title\"?" "$lang: and the CSV export"
	http GET "/admin/classifications/9301" -b "$TMP/$lang.jar"
	like "$BODY" "<nav aria-label=\"$crumb\"><ol class=\"breadcrumb\">" "$lang: the classification form's breadcrumb too"
done

out=$(LC_ALL=da_DK.UTF-8 "${S_CLI[@]}" export customers 2>&1 | grep '^LBL-EN,')
like "$out" "Storkunder; Our own title" "salient export customers titles it in the command line's language"

sql "DELETE FROM customer_classifications WHERE classification_id IN (9301, 9302);
     DELETE FROM classifications WHERE id IN (9301, 9302);
     DELETE FROM customers WHERE host_id LIKE 'LBL-%'"
