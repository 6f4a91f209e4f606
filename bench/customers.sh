#!/usr/bin/env bash
# bench/customers.sh - the customer list's first page filtered by a
# classification (issue 6 item 4: under 100 ms at 1M customers) against the
# responder's healthz answer, in one run, with wrk (--latency): p50 and p99
# at one connection (the time a sales agent waits) and at four.  Then the
# list's other paths, timed with curl (median and worst of 5): other
# filters, the sorts (index walks and sorted plans), search, the CSV of a
# classification, the customer record and the order analysis report.
#
# The data: whatever the bench stack holds (bench/import.sh and
# bench/classify.sh: 1M customers, 10M orders, 48 classifications).
set -euo pipefail
. "$(dirname "$0")/lib.bash"

customers=$(sql "SELECT COUNT(*) FROM customers WHERE placeholder = 0")
classes=$(sql "SELECT COUNT(*) FROM customer_classifications")
if [ "$classes" -eq 0 ]; then
	echo "## Customer list"
	echo
	echo "Not measured: no customer holds a classification (run bench/import.sh and bench/classify.sh first)."
	exit 0
fi
# the largest and the smallest classification, by members
read -r big big_n <<< "$(sql "SELECT classification_id, COUNT(*) FROM customer_classifications
	GROUP BY classification_id ORDER BY 2 DESC, 1 LIMIT 1")"
read -r small small_n <<< "$(sql "SELECT classification_id, COUNT(*) FROM customer_classifications
	GROUP BY classification_id ORDER BY 2, 1 LIMIT 1")"
big_title=$(sql "SELECT CONCAT(title, ' (', smart_type, ')') FROM classifications WHERE id = $big")
small_title=$(sql "SELECT CONCAT(title, ' (', smart_type, ')') FROM classifications WHERE id = $small")
manager=$(sql "SELECT account_manager FROM customers WHERE account_manager IS NOT NULL LIMIT 1")
manager_q=$(printf '%s' "$manager" | perl -MURI::Escape -e 'print uri_escape(<STDIN>)')
cid=$(sql "SELECT customer_id FROM customer_classifications WHERE classification_id = $big LIMIT 1")
host=$(sql "SELECT host_id FROM customers WHERE id = $cid")
# the report's range and category: the last 12 months, a top category
y_to=$(date +%F)
y_from=$(date -d "$y_to -1 year +1 day" +%F)
category=$(sql "SELECT host_id FROM categories WHERE placeholder = 0 AND parent_id IS NULL ORDER BY id LIMIT 1")
category_q=$(printf '%s' "$category" | perl -MURI::Escape -e 'print uri_escape(<STDIN>)')

curl_run() {  # curl_run PATH -> "median_ms worst_ms status plan"
	local i t s plan
	plan=$(curl -s -H "$AUTH" -H 'Accept: application/json' "$URL$1" |
		perl -MJSON::PP -e 'my $d = eval { decode_json(join("", <STDIN>)) }; print $d && $d->{plan} ? $d->{plan} : "-"')
	for i in 1 2 3 4 5; do
		curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -H "$AUTH" -H 'Accept: application/json' "$URL$1"
	done | sort -n | awk -v plan="$plan" '{ t[NR] = $1 * 1000; s = $2 }
		END { printf "%.0f %.0f %s %s\n", t[3], t[5], s, plan }'
}

load=$(awk '{ print $1 }' /proc/loadavg)

# the export: every customer, stored results and computed --as-of the last
# run's date; time, peak memory, and whether the two files are the same bytes
asof=$(sql "SELECT MAX(as_of) FROM customer_metrics")
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
exp_dir=$(mktemp -d)
# the export's progress lines go to a file; a failed export shows them and stops
/usr/bin/time -f "%e %M" -o "$exp_dir/t1" "${S[@]}" export customers --out "$exp_dir/stored.csv" \
	2> "$exp_dir/e1.log" || { cat "$exp_dir/e1.log" >&2; exit 1; }
/usr/bin/time -f "%e %M" -o "$exp_dir/t2" "${S[@]}" export customers --as-of "$asof" \
	--out "$exp_dir/asof.csv" 2> "$exp_dir/e2.log" || { cat "$exp_dir/e2.log" >&2; exit 1; }
read -r e1_s e1_kb < "$exp_dir/t1"
read -r e2_s e2_kb < "$exp_dir/t2"
e_bytes=$(stat -c %s "$exp_dir/stored.csv")
if cmp -s "$exp_dir/stored.csv" "$exp_dir/asof.csv"; then same="the same bytes"; else same="**different bytes**"; fi
rm -rf "$exp_dir"

# warm the paths measured
for p in /healthz "/admin/customers?classification=$big" "/admin/customers?classification=$small"; do
	curl -s -o /dev/null -H "$AUTH" "$URL$p"
done
wrk -t1 -c1 -d2s -H "$AUTH" "$URL/admin/customers?classification=$big" > /dev/null

read -r h_p50 h_p99 h_rps h_err <<< "$(wrk_run 1 /healthz)"
read -r b_p50 b_p99 b_rps b_err <<< "$(wrk_run 1 "/admin/customers?classification=$big")"
read -r j_p50 j_p99 j_rps j_err <<< "$(wrk_run 1 "/api/v1/customers?classification=$big")"
read -r s_p50 s_p99 s_rps s_err <<< "$(wrk_run 1 "/admin/customers?classification=$small")"
read -r b4_p50 b4_p99 b4_rps b4_err <<< "$(wrk_run 4 "/admin/customers?classification=$big")"
read -r h4_p50 h4_p99 h4_rps h4_err <<< "$(wrk_run 4 /healthz)"
ratio=$(awk -v a="$b_p50" -v b="$h_p50" 'BEGIN { printf "%.1f", a / b }')

others=(
	"the whole list (newest first)|/admin/customers"
	"classification $big, second page|/admin/customers?classification=$big&page=2"
	"classification $big and an account manager|/admin/customers?classification=$big&manager=$manager_q"
	"an account manager|/admin/customers?manager=$manager_q"
	"smart type distributor|/admin/customers?smart_type=distributor"
	"tag vip|/admin/customers?tag=vip"
	"a current target|/admin/customers?has_target=yes"
	"sorted by revenue|/admin/customers?sort=revenue_cur"
	"sorted by name|/admin/customers?sort=name"
	"classification $small sorted by revenue|/admin/customers?classification=$small&sort=revenue_cur"
	"classification $big sorted by revenue|/admin/customers?classification=$big&sort=revenue_cur"
	"classification $big sorted by CLV|/admin/customers?classification=$big&sort=clv_12m"
	"the whole list sorted by P(alive)|/admin/customers?sort=p_alive"
	"the whole list sorted by risk score|/admin/customers?sort=risk_score"
	"search: a customer id|/admin/customers?q=$host"
	"search: a first name|/admin/customers?q=anna"
	"search: one letter|/admin/customers?q=a"
	"P(alive) below 0.3 by CLV|/admin/customers?p_alive_max=0.3&sort=clv_12m"
	"CSV of classification $small|/admin/customers.csv?classification=$small"
	"the record of customer $cid|/admin/customers/$cid"
	"report: one account manager (24 months)|/admin/reports/orders?manager=$manager_q"
	"report: classification $small (24 months)|/admin/reports/orders?classification=$small"
	"report: classification $small, 12 months (from/to)|/admin/reports/orders?classification=$small&from=$y_from&to=$y_to"
	"report: one account manager and retail (24 months)|/admin/reports/orders?manager=$manager_q&smart_type=retail"
)
# a category's lines (its subcategories included), when the data has categories
if [ -n "$category" ]; then
	others+=("report: classification $small, category $category (24 months)|/admin/reports/orders?classification=$small&category=$category_q")
fi

cat <<MD
## Customer list (issue 6 item 4) ($(date -u +%Y-%m-%d))

\`SALIENT_VAR=... BENCH=customers make bench\`: $customers customers, $classes
classification memberships. The page: the customer list's first page (50
customers with their badges, metrics and predictions, the capped total and
the filter form) filtered by a classification, as a sales agent opens it
from the classifications page, rendered as HTML (and as JSON). Classification
$big, $big_title, has $big_n members; classification $small, $small_title,
has $small_n. wrk, one thread, ${DUR} s each, against the responder's
healthz answer in the same run (MariaDB buffer pool: the stack's 256 MB for
about 700 MB of customer tables; load average $load on $(nproc) cores at the
start, the machine shared with other work).

| what | connections | p50 ms | p99 ms | requests/s | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: |
| /healthz | 1 | $h_p50 | $h_p99 | $h_rps | $h_err |
| /admin/customers?classification=$big (HTML) | 1 | $b_p50 | $b_p99 | $b_rps | $b_err |
| /api/v1/customers?classification=$big (JSON) | 1 | $j_p50 | $j_p99 | $j_rps | $j_err |
| /admin/customers?classification=$small (HTML) | 1 | $s_p50 | $s_p99 | $s_rps | $s_err |
| /healthz | 4 | $h4_p50 | $h4_p99 | $h4_rps | $h4_err |
| /admin/customers?classification=$big (HTML) | 4 | $b4_p50 | $b4_p99 | $b4_rps | $b4_err |

**First page of a classification: p50 $b_p50 ms, p99 $b_p99 ms at one
connection** (target: under 100 ms); $ratio times the healthz answer's p50.

The other paths, each asked 5 times with curl (JSON; median and worst), and
the statement that answered (cu_sql.c: index = the driver's own order,
walk = the sort's index, or the metrics or predictions sorted alone, walked
with the filters checked row by row, sort = the matching customers sorted):

| what | median ms | worst ms | status | plan |
| --- | ---: | ---: | ---: | --- |
MD
for o in "${others[@]}"; do
	read -r med worst st plan <<< "$(curl_run "${o#*|}")"
	printf '| %s | %s | %s | %s | %s |\n' "${o%%|*}" "$med" "$worst" "$st" "$plan"
done

cat <<MD

\`salient export customers\` (every customer, streamed): stored results
$e1_s s, peak RSS $((e1_kb / 1024)) MiB, $e_bytes bytes; \`--as-of $asof\`
(computed in memory by cl_compute) $e2_s s, peak RSS $((e2_kb / 1024)) MiB;
the two files are $same.

Reading the figures: a page reads the driver's index for the capped total
(up to 1,001 entries) and the page (51 ids), then one statement for the 50
rows with their badges, so a classification's first page costs the same
whatever its size. With a second filter the total walks the members until
1,001 match. Sorting a large classification by a metric or a prediction
has no index that holds both (the classifications held are the open
intervals of classification_history, written by the classification run,
and the predictions are written by the prediction run, whose speed the
issues' other targets hold; an index there would slow them), so
that sort reads every member: seconds at half a million members. The
record and the CSV of a classification stay in tens of milliseconds; the
report reads the selection's orders through the covering index
orders_customer, so its time follows the number of orders selected; a
date range only shortens each customer's range of that index, and a
category or product adds each selected order's lines (by their primary
key) and products, so it costs about one more look-up per order line.
MD
