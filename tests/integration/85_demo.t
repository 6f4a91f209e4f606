#!/usr/bin/env bash
# 85_demo.t - `make demo` shows a full product at once: a second private
# stack (its own state folder and port) with 2,000 demo customers has, the
# moment scripts/stack prints its URL, orders up to today, classifications
# with members, predictions for every smart type the fit publishes, and the
# trade area's suggestions.  The stack is stopped at the end, also on failure.
source "$(dirname "$0")/lib.sh"

DV=$(mktemp -d "${TMPDIR:-/tmp}/salient-demo.XXXXXX")
demo_stop() {
	SALIENT_VAR=$DV scripts/stack stop > "$TMP/demo-stop.log" 2>&1 ||
		{ echo "# stopping the demo stack failed:"; sed 's/^/# /' "$TMP/demo-stop.log"; }
	rm -rf "$DV"
}
trap 'demo_stop; rm -rf "$TMP"; echo "1..$T_N"; [ $T_FAILED -eq 0 ]' EXIT

# a free port: a refused connection (bash's "Connection refused", the answer
# this probe wants) means nothing listens there
port=""
for _ in $(seq 1 50); do
	p=$((20000 + RANDOM % 20000))
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
ok $([ -n "$port" ]; echo $?) "a free port for the demo stack"

cd "$ROOT"
SALIENT_VAR=$DV SALIENT_PORT=$port SALIENT_DEMO=1 SALIENT_DEMO_CUSTOMERS=2000 \
	SALIENT_BUILD=$SALIENT_BUILD scripts/stack start > "$TMP/demo-start.log" 2>&1
ok $? "scripts/stack start with demo data"
[ $T_FAILED -eq 0 ] || { sed 's/^/# /' "$TMP/demo-start.log"; tail -n 20 "$DV"/log/*.log | sed 's/^/# /'; }
out=$(cat "$TMP/demo-start.log")
like "$out" 'loading demo data \(2000 customers\)' "it says it loads the demo data"
is "$(grep -nE '^(fitting predictions|computing classifications|ranking popular products)|^Salient is running' \
	"$TMP/demo-start.log" | cut -d: -f2- | cut -c1-20 | tr '\n' '|')" \
	"fitting predictions.|computing classifica|ranking popular prod|Salient is running: |" \
	"predictions, classifications and popularity are computed before the URL is printed"

dsql() {
	mariadb --no-defaults --socket="$DV/run/mysqld.sock" -u "$(id -un)" -N -B salient -e "$1"
}
is "$(dsql "SELECT MAX(order_date) FROM orders")" "$(date +%F)" "the newest order is today's"
is "$(dsql "SELECT COUNT(*) FROM customers")" 2000 "2000 customers loaded"
members=$(dsql "SELECT COUNT(DISTINCT classification_id) FROM customer_classifications")
ok $([ "${members:-0}" -gt 0 ]; echo $?) "classifications have members ($members classifications with customers)"
is "$(dsql "SELECT COUNT(*) FROM customer_metrics WHERE as_of = CURDATE()")" 2000 \
	"every customer's metrics are as of today"
for type in retail trade distributor; do
	# the customers the models score: those with a paid order
	n=$(dsql "SELECT COUNT(*) FROM customers c WHERE c.smart_type = '$type' AND EXISTS
	          (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'paid'
	           AND o.order_date IS NOT NULL)")
	p=$(dsql "SELECT COUNT(*) FROM customer_predictions p JOIN customers c ON c.id = p.customer_id
	          WHERE c.smart_type = '$type'")
	if [ "$n" -eq 0 ]; then
		ok 0 "$type: predictions # SKIP no $type customers in the demo data"
	elif grep -q "^$type: refused" "$DV/log/demo-predict.log" "$TMP/demo-start.log"; then
		# too few customers of a type in a small demo is a fair refusal;
		# a fit that did not converge or a customer not scored is not
		why=$(grep -h "^$type: refused" "$DV/log/demo-predict.log" "$TMP/demo-start.log" | head -n1 | cut -c1-160)
		like "$why" "too little data" "$type: the fit is refused only for too little data ($why)"
	else
		is "$p" "$n" "every $type customer has predictions ($p of $n)"
	fi
done
sugg=$(dsql "SELECT COUNT(*) FROM trade_popular_products")
ok $([ "${sugg:-0}" -gt 0 ]; echo $?) "the trade area's popularity is ranked ($sugg products)"

# over HTTP: a trade customer sees suggestions on its first visit
SALIENT_URL=http://127.0.0.1:$port/salient
host=$(dsql "SELECT c.host_id FROM customers c WHERE c.smart_type = 'trade'
             AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.id LIMIT 1")
link=$("$SALIENT_BUILD/salient" -c "$DV/salient.conf" token customer "$host" --ttl 300)
ok $? "a sign-in link for trade customer $host"
http GET "${link#*/salient}" -c "$TMP/djar" -b "$TMP/djar" -L
is "$STATUS" 200 "the trade customer signs in"
http GET /account/ -b "$TMP/djar" -H 'Accept: application/json'
n=$(json suggestions.products | perl -MJSON::PP -e 'print scalar @{decode_json(join "", <STDIN>)}')
ok $([ "${n:-0}" -gt 0 ]; echo $?) "its page suggests products at once ($n)"
http GET /api/v1/classifications -H "Authorization: Bearer $(awk -F' *= *' '/^\[/{s=$0} s=="[security]" && $1=="api_key"{print $2}' "$DV/salient.conf")"
is "$STATUS" 200 "the classifications API answers"
