#!/usr/bin/env bash
# Predictions (issue 8): `salient predict` and the job "predict.fit" fit
# BG/NBD + Gamma-Gamma per smart type on the shop's paid orders, refuse to
# publish on too little data (the reason stored, the previous fit kept in
# force), score every customer of a published type with finite numbers, and
# the API answers.  The fixture lives in 2010-2011 so other tests' data
# (later dates) stays out of the as-of windows.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
AUTH=(-H "Authorization: Bearer $API_KEY")
ASOF=2011-06-30
ID0=700000   # internal ids of the fixture's customers: ID0 + n

# gen KIND COUNT IDBASE PREFIX: deterministic BG/NBD-like customers as SQL.
# Park-Miller LCG (exact in awk's doubles); rate ~ Exponential(mean 0.25 a
# week), dropout after each purchase ~ Beta(1, 3), spend per customer
# 10..100 with +-50% per order; first purchase in the first 400 days of
# 2010-2011; orders run on past the as-of date (those must be ignored).
gen() {
	awk -v kind="$1" -v count="$2" -v base="$3" -v pre="$4" '
	function u() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
	BEGIN {
		seed = 12345 + base
		printf "INSERT INTO customers (id, host_id, smart_type) VALUES "
		for (i = 1; i <= count; i++)
			printf "%s(%d, \"%s%04d\", \"%s\")", (i > 1 ? "," : ""), base + i, pre, i, kind
		print ";"
		n = 0
		for (i = 1; i <= count; i++) {
			day = int(u() * 400); lam = -log(u() + 1e-12) * 0.25 / 7
			p = 1 - (u() ^ (1 / 3)); m = 10 + 90 * u()
			while (day < 700) {
				amt = sprintf("%.2f", m * (0.5 + u()))
				row[n++] = sprintf("(\"%s%04d-%d\", %d, DATE_ADD(\"2010-01-01\", INTERVAL %d DAY), %s)", pre, i, n, base + i, day, amt)
				if (u() < p) break
				day += 1 + int(-log(u() + 1e-12) / (lam + 1e-6))
			}
		}
		for (k = 0; k < n; k += 500) {
			printf "INSERT INTO orders (host_id, customer_id, order_date, total) VALUES "
			for (j = k; j < n && j < k + 500; j++) printf "%s%s", (j > k ? "," : ""), row[j]
			print ";"
		}
	}'
}

sqlf() {  # runs the SQL file $1
	mariadb --no-defaults --socket="$RUN/mysqld.sock" -u "$(id -un)" -N -B salient < "$1"
}

# a second run against the same stack starts clean (these tables are ours)
sql "DELETE FROM customer_predictions; DELETE FROM predict_fits;
	DELETE FROM orders WHERE customer_id BETWEEN $ID0 AND $((ID0 + 9999));
	DELETE FROM customers WHERE id BETWEEN $ID0 AND $((ID0 + 9999));"
gen retail 1200 "$ID0" PR > "$TMP/retail.sql"
gen trade 30 $((ID0 + 5000)) PT > "$TMP/trade.sql"
sqlf "$TMP/retail.sql"
ok $? "fixture: 1200 retail customers with their orders"
sqlf "$TMP/trade.sql"
ok $? "fixture: 30 trade customers"

# edge customers (retail), and what must not count
sql "INSERT INTO customers (id, host_id, smart_type) VALUES
	($((ID0 + 9001)), 'PE-once', 'retail'), ($((ID0 + 9002)), 'PE-asof', 'retail'),
	($((ID0 + 9003)), 'PE-zero', 'retail'), ($((ID0 + 9004)), 'PE-mixed', 'retail'),
	($((ID0 + 9005)), 'PE-none', 'retail');
INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
	('PE-once-1', $((ID0 + 9001)), '2010-05-01', 40.00, 'paid'),
	('PE-asof-1', $((ID0 + 9002)), '$ASOF', 25.00, 'paid'),
	('PE-zero-1', $((ID0 + 9003)), '2010-03-01', 0, 'paid'),
	('PE-zero-2', $((ID0 + 9003)), '2010-09-01', 0, 'paid'),
	('PE-zero-3', $((ID0 + 9003)), '2011-02-01', 0, 'paid'),
	('PE-mixed-1', $((ID0 + 9004)), '2010-06-01', 10.00, 'paid'),
	('PE-mixed-2', $((ID0 + 9004)), '2010-06-01', 15.00, 'paid'),
	('PE-mixed-3', $((ID0 + 9004)), '2010-08-01', 20.00, 'paid'),
	('PE-mixed-4', $((ID0 + 9004)), '2010-08-01', 30.00, 'paid'),
	('PE-mixed-5', $((ID0 + 9004)), '2010-10-01', 99.00, 'refunded'),
	('PE-mixed-6', $((ID0 + 9004)), '2010-11-01', 99.00, 'cancelled'),
	('PE-mixed-7', $((ID0 + 9004)), '2011-07-15', 99.00, 'paid');
INSERT INTO orders (host_id, customer_id, placeholder) VALUES ('PE-mixed-ph', $((ID0 + 9004)), 1);"
ok $? "fixture: edge customers (one purchase, a purchase on the as-of date, zero spend, same-day, refunded, cancelled, placeholder and later orders; no orders)"
NRET=$(sql "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN customers c ON c.id = o.customer_id
	WHERE c.smart_type = 'retail' AND o.status = 'paid' AND o.order_date <= '$ASOF'")

# 1. the command: retail published, trade refused, distributor absent
out=$("${S[@]}" predict --as-of "$ASOF" 2>&1)
ok $? "salient predict --as-of $ASOF runs"
like "$out" "retail: published fit [0-9]+: $NRET customers" "retail: published on all $NRET retail customers with paid orders"
like "$out" "trade: refused \\(predict.refused.few_customers\\): too little data: [0-9]+ customers" \
	"trade: refused for too few customers, with the reason"
like "$out" "distributor: no customers" "distributor: nothing to fit"
FIT1=$(sql "SELECT MAX(id) FROM predict_fits WHERE smart_type = 'retail' AND status = 'published'")
is "$(sql "SELECT status, reason_key FROM predict_fits WHERE smart_type = 'trade' ORDER BY id DESC LIMIT 1")" \
	"$(printf 'refused\tpredict.refused.few_customers')" "the refusal is stored with its reason key"
like "$(sql "SELECT reason FROM predict_fits WHERE smart_type = 'trade' ORDER BY id DESC LIMIT 1")" \
	"the models need at least 200" "and its reason in words"
is "$(sql "SELECT bgnbd_converged, gg_converged, as_of, time_unit FROM predict_fits WHERE id = $FIT1")" \
	"$(printf '1\t1\t%s\tweek' "$ASOF")" "the published fit converged, as of the date, in weeks"

# 2. predictions: every retail customer with orders, finite and in range
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE fit_id = $FIT1")" "$NRET" \
	"a prediction for every retail customer with paid orders"
is "$(sql "SELECT COUNT(*) FROM customer_predictions cp JOIN customers c ON c.id = cp.customer_id
	WHERE c.smart_type <> 'retail' OR c.host_id = 'PE-none'")" 0 "none for trade customers or customers without orders"
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE fit_id = $FIT1 AND NOT (
	p_alive BETWEEN 0 AND 1 AND expected_orders_90d >= 0 AND expected_orders_90d < 1000
	AND expected_aov >= 0 AND clv_12m >= 0 AND t_x >= 0 AND T >= t_x)")" 0 "every number finite and in range"
pred() { sql "SELECT $2 FROM customer_predictions cp JOIN customers c ON c.id = cp.customer_id WHERE c.host_id = '$1'"; }
is "$(pred PE-mixed "x, t_x, ROUND(T, 4)")" "$(printf '1\t%s\t%s' 8.714285714285714 "$(awk 'BEGIN{printf "%.4f", 394/7}')")" \
	"same-day orders count once; refunded, cancelled, placeholder and later orders do not"
is "$(pred PE-once "x, t_x, p_alive")" "$(printf '0\t0\t1')" "one purchase only: x = 0, P(alive) = 1 by the model's definition"
popmean=$(sql "SELECT ROUND(p * v / (q - 1), 4) FROM predict_fits WHERE id = $FIT1")
is "$(pred PE-once expected_aov)" "$popmean" "one purchase only: expected order value = the population mean p v / (q - 1)"
is "$(pred PE-asof "x, t_x, T, p_alive")" "$(printf '0\t0\t0\t1')" "a single purchase on the as-of date: T = 0, alive"
like "$(pred PE-asof "expected_orders_90d, clv_12m")" '^[0-9.]+	[0-9.]+$' "and finite expectations"
is "$(pred PE-zero "x, expected_aov < $popmean, clv_12m >= 0")" "$(printf '2\t1\t1')" \
	"zero spend: expected order value shrinks below the population mean, CLV finite"

# 3. a refused fit keeps the previous one in force
out=$("${S[@]}" predict --as-of 2010-03-15 2>&1)
like "$out" "retail: refused \\(predict.refused.(few_customers|few_repeaters|short_history)\\)" \
	"an early as-of date: retail refused for too little data"
is "$(sql "SELECT status FROM predict_fits WHERE smart_type = 'retail' ORDER BY id DESC LIMIT 1")" refused \
	"the latest retail fit is the refusal"
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE fit_id = $FIT1")" "$NRET" \
	"the previous fit's predictions stay in force"

# 4. the API
http GET /api/v1/predictions/fits
is "$STATUS" 401 "fits: staff only"
http GET /api/v1/predictions/fits "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/predictions/fits answers"
is "$(json types.0.smart_type)" retail "types in order: retail first"
is "$(json types.0.latest.status)" refused "the latest retail fit: refused"
like "$(json types.0.latest.reason)" "too little" "with its reason"
is "$(json types.0.in_force.id)" "$FIT1" "the fit in force: the previous published one"
like "$(json types.0.in_force.r)" '^[0-9.e+-]+$' "with its parameters"
is "$(json types.1.latest.reason_key)" predict.refused.few_customers "trade: refused, reason key for the catalog"
like "$(json types.1.latest.reason_params)" '"customers": [0-9]+, "min": 200' "and the text's parameters beside it"
like "$(json types.1.latest.reason_text)" '^too little data: [0-9]+ customers with paid orders, the models need at least 200$' \
	"the reason in words (English)"
is "$(json types.2.latest)" null "distributor: never fitted"
is "$(json requirements.min_customers) $(json requirements.min_repeaters) $(json requirements.min_history_weeks)" \
	"200 50 26" "the minimum data is stated"
like "$(json notes.0.key)" '^predict\.note\.' "notes carry catalog keys"
like "$BODY" 'bought only once counts as alive' "notes say what P(alive) means for one-time buyers"
like "$BODY" 'discounted by 1% a month' "the CLV note gives the discount in force"
like "$BODY" 'When not to rely on them' "notes say when the numbers are not reliable"
http GET /api/v1/predictions/fits "${AUTH[@]}" -H "Accept-Language: da"
like "$(json types.1.latest.reason_text)" '^for lidt data: [0-9]+ kunder med betalte ordrer, modellerne skal bruge mindst 200$' \
	"the reason in the reader's language (Danish)"
http GET /api/v1/predictions/fits "${AUTH[@]}" -H "Accept-Language: ru"
like "$(json types.1.latest.reason_text)" 'слишком мало данных: клиентов с оплаченными заказами [0-9]+' \
	"and in Russian"

http GET /api/v1/customers/PR0007/predictions "${AUTH[@]}"
is "$STATUS" 200 "GET /api/v1/customers/{id}/predictions answers"
is "$(json available)" true "the customer has predictions"
is "$(json as_of)" "$ASOF" "as of the fit's date"
like "$(json p_alive)" '^(0(\.[0-9]+)?(e-?[0-9]+)?|1)$' "p_alive is a probability"
like "$(json clv_12m)" '^[0-9]+\.[0-9]{4}$' "clv_12m is exact money"
is "$(json decay | perl -MJSON::PP -e 'print scalar @{decode_json(<STDIN>)}')" 12 "a 12-point monthly decay curve"
is "$(json decay | perl -MJSON::PP -e 'my $d = decode_json(<STDIN>); my $ok = 1;
	for my $i (1 .. $#$d) { $ok = 0 if $d->[$i]{p_alive} > $d->[$i-1]{p_alive} + 1e-12 }
	$ok = 0 if $d->[0]{p_alive} > 1 || $d->[11]{p_alive} < 0; print $ok')" 1 "P(alive) never rises without purchases"
is "$(json decay.0.month) $(json decay.0.date)" "1 2011-07-30" "points are months after the as-of date"
http GET /api/v1/customers/PE-mixed/predictions "${AUTH[@]}"
like "$(json decay.11.p_alive)" '^0\.' "a repeat buyer's P(alive) decays below 1 within the year"
http GET /api/v1/customers/PE-once/predictions "${AUTH[@]}"
is "$(json p_alive) $(json decay.11.p_alive)" "1 1" "a one-time buyer stays alive by the model's definition"
http GET /api/v1/customers/PE-none/predictions "${AUTH[@]}"
is "$(json available) $(json reason_key)" "false predict.none.no_orders" "no orders: no prediction, and why"
http GET /api/v1/customers/PT0001/predictions "${AUTH[@]}"
is "$(json available) $(json reason_key)" "false predict.none.no_fit" "no published fit for the type: no prediction, and why"
http GET /api/v1/customers/no-such-one/predictions "${AUTH[@]}"
is "$STATUS" 404 "an unknown customer: 404"
http GET "/api/v1/customers/$(printf 'x%.0s' $(seq 1 65))/predictions" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|id|long" "a customer id over 64 bytes: the core's 400"
http GET "/api/v1/customers/PR0007/predictions?as_of=2011-01-01" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|as_of|unknown" "an input it does not take: 400"
http GET "/api/v1/predictions/fits?page=2" "${AUTH[@]}"
is "$STATUS|$(json error.field)|$(json error.reason)" "400|page|unknown" "the fits take none either"

# 5. the job: the same run through the worker, with a discount setting
id=$("${S[@]}" job enqueue predict.fit "{\"as_of\": \"$ASOF\", \"monthly_discount\": 0}")
job_done $id 60
is "$(sql "SELECT state FROM jobs WHERE id = $id")" done "the job predict.fit ran"
FIT2=$(sql "SELECT MAX(id) FROM predict_fits WHERE smart_type = 'retail' AND status = 'published'")
ok $([ "$FIT2" -gt "$FIT1" ] && echo 0 || echo 1) "it published a new retail fit"
is "$(sql "SELECT monthly_discount, n_scored FROM predict_fits WHERE id = $FIT2")" "$(printf '0\t%s' "$NRET")" \
	"with the job's discount, every customer scored"
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE fit_id = $FIT2")" "$NRET" "the predictions moved to the new fit"
is "$(sql "SELECT progress_done = progress_total AND progress_total > 0 FROM jobs WHERE id = $id")" 1 "progress reached its total"
is "$(sql "SELECT ROUND(r, 6) = (SELECT ROUND(r, 6) FROM predict_fits WHERE id = $FIT1) FROM predict_fits WHERE id = $FIT2")" 1 \
	"the same data gives the same fit"
id=$("${S[@]}" job enqueue predict.fit '{"as_of": "2011-02-30"}')
wait_for "[ \"\$(sql \"SELECT attempts FROM jobs WHERE id = $id\")\" -ge 1 ]" 30
is "$(sql "SELECT JSON_VALUE(last_error, '$.key'), JSON_VALUE(last_error, '$.values.value') FROM jobs WHERE id = $id")" \
	"$(printf 'predict.job.as_of\t2011-02-30')" "a bad as_of fails the job with the reason (a catalog key naming the date)"
sql "UPDATE jobs SET state = 'failed' WHERE id = $id"

out=$("${S[@]}" predict --as-of 2011-13-01 2>&1)
like "$out" 'expected a date' "the command refuses a bad date"
out=$("${S[@]}" predict --discount 2 2>&1)
like "$out" 'discount: expected a monthly rate' "and a bad discount"

# 6. data shaped like the demo's trade and distributor customers (issue 15
# item 1): steady buyers with dozens to hundreds of repeat purchases, most
# still buying at the end, whose BG/NBD estimate runs towards no dropout.
# Orders are made back from the summaries of tests/fixtures/predict/
# demo_trade.txt (x repeat days spread evenly up to t_x, T days before the
# as-of date), the customers removed again at the end.
ASOF2=2013-12-31
ID2=$((ID0 + 10000))
FITS0=$(sql "SELECT COALESCE(MAX(id), 0) FROM predict_fits")
awk -v base="$ID2" -v asof="$ASOF2" '
	/^#/ { next }
	{
		n++; id = base + n; host = sprintf("PD%05d", n)
		c[n] = sprintf("(%d, \"%s\", \"%s\")", id, host, $1)
		z = $5 > 0 ? $5 : 50
		o[no++] = sprintf("(\"%s-0\", %d, DATE_SUB(\"%s\", INTERVAL %d DAY), %.2f)", host, id, asof, $4, z)
		for (k = 1; k <= $2; k++)
			o[no++] = sprintf("(\"%s-%d\", %d, DATE_SUB(\"%s\", INTERVAL %d DAY), %.2f)", host, k, id,
			    asof, $4 - int(k * $3 / $2), z)
	}
	END {
		for (i = 1; i <= n; i += 500) {
			printf "INSERT INTO customers (id, host_id, smart_type) VALUES "
			for (j = i; j <= n && j < i + 500; j++) printf "%s%s", (j > i ? "," : ""), c[j]
			print ";"
		}
		for (i = 0; i < no; i += 1000) {
			printf "INSERT INTO orders (host_id, customer_id, order_date, total) VALUES "
			for (j = i; j < no && j < i + 1000; j++) printf "%s%s", (j > i ? "," : ""), o[j]
			print ";"
		}
	}' "$ROOT/tests/fixtures/predict/demo_trade.txt" > "$TMP/demo_trade.sql"
sql "DELETE FROM orders WHERE customer_id BETWEEN $ID2 AND $((ID2 + 9999));
	DELETE FROM customers WHERE id BETWEEN $ID2 AND $((ID2 + 9999));"
sqlf "$TMP/demo_trade.sql"
ok $? "fixture: the demo's 2354 trade and distributor customers, made back from their summaries"
NDEMO=$(sql "SELECT COUNT(*) FROM customers WHERE id BETWEEN $ID2 AND $((ID2 + 9999))")
out=$("${S[@]}" predict --as-of "$ASOF2" 2>&1)
ok $? "salient predict --as-of $ASOF2 runs"
like "$out" "trade: published fit [0-9]+: [0-9]+ customers" "demo-like trade customers: the fit is published"
like "$out" "distributor: published fit [0-9]+: [0-9]+ customers" "demo-like distributor customers: the fit is published"
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE customer_id BETWEEN $ID2 AND $((ID2 + 9999))")" "$NDEMO" \
	"every one of the $NDEMO demo-like customers has predictions"
is "$(sql "SELECT COUNT(*) FROM customer_predictions WHERE customer_id BETWEEN $ID2 AND $((ID2 + 9999)) AND NOT (
	p_alive BETWEEN 0 AND 1 AND expected_orders_90d >= 0 AND expected_aov >= 0 AND clv_12m >= 0)")" 0 \
	"their numbers are finite and in range"
is "$(sql "SELECT COUNT(*) FROM predict_fits WHERE id > $FITS0 AND smart_type <> 'retail'
	AND (status <> 'published' OR bgnbd_converged <> 1 OR gg_converged <> 1)")" 0 "both fits converged"
sql "DELETE FROM customer_predictions WHERE fit_id > $FITS0; DELETE FROM predict_fits WHERE id > $FITS0;
	DELETE FROM orders WHERE customer_id BETWEEN $ID2 AND $((ID2 + 9999));
	DELETE FROM customers WHERE id BETWEEN $ID2 AND $((ID2 + 9999));"
ok $? "the demo-like customers removed again"
out=$("${S[@]}" predict --as-of "$ASOF" 2>&1)
like "$out" "retail: published fit [0-9]+: $NRET customers" "the fixture's retail fit as of $ASOF is published again"
