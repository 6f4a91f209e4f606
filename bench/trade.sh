#!/usr/bin/env bash
# bench/trade.sh - the trade area on the large data set (issue 7), against
# references measured in the same run:
#
#  1. the popularity refresh (`salient popularity`, the trade.popularity
#     job's work) against one full scan of the order lines table by MariaDB
#     (SELECT COUNT(*), SUM(line_total) FROM order_lines), both warm;
#     target: at most 4 times the scan;
#  2. a trade customer's summary page with suggestions (GET /salient/account/,
#     HTML) with wrk, 32 connections, each request signed in as one of
#     BENCH_TRADE_CUSTOMERS random trade customers (a session cookie each,
#     rotated by a wrk script), against /salient/healthz in the same run;
#     targets: p99 under 25 ms and throughput at least 0.3 x healthz's.
#     Measured with the default settings and again with tag filtering on
#     (groups manufacturer,material), in BENCH_ROUNDS (3) rounds of all
#     three back to back; the medians of the rounds' ratios count.
set -euo pipefail
URL=http://127.0.0.1:$SALIENT_PORT
DUR=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-32}
NCUST=${BENCH_TRADE_CUSTOMERS:-200}
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
SQL=(mariadb --no-defaults --socket="$SALIENT_VAR/run/mysqld.sock" -u "$(id -un)" -N -B salient)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

lines=$("${SQL[@]}" -e "SELECT COUNT(*) FROM order_lines")
if [ "$lines" -eq 0 ]; then
	echo "## Trade area"
	echo
	echo "Not measured: the bench database has no order lines (run bench/import.sh first)."
	exit 0
fi
asof=$("${SQL[@]}" -e "SELECT MAX(order_date) FROM orders")
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# 1. popularity against the order lines scan, both warmed once
"${SQL[@]}" -e "SELECT COUNT(*), SUM(line_total) FROM order_lines" > /dev/null
t0=$(date +%s.%N)
"${SQL[@]}" -e "SELECT COUNT(*), SUM(line_total) FROM order_lines" > /dev/null
t1=$(date +%s.%N)
scan=$(secs "$t0" "$t1")
"${S[@]}" popularity --as-of "$asof" > /dev/null
t0=$(date +%s.%N)
pop_out=$("${S[@]}" popularity --as-of "$asof")
t1=$(date +%s.%N)
pop=$(secs "$t0" "$t1")
pop_ratio=$(awk -v a="$pop" -v b="$scan" 'BEGIN { printf "%.2f", a / b }')

# 2. the summary page: sessions of random trade customers
"${SQL[@]}" -e "SELECT host_id FROM customers WHERE smart_type = 'trade' AND placeholder = 0
                ORDER BY RAND(7) LIMIT $NCUST" > "$W/customers"
: > "$W/cookies"
while read -r c; do
	link=$("${S[@]}" token customer "$c" --ttl 86400 | sed -e 's#^.*/salient#/salient#')
	curl -s -o /dev/null -D - "$URL$link" | tr -d '\r' |
		sed -n 's/^[Ss]et-[Cc]ookie: salient_session=\([^;]*\);.*/\1/p' >> "$W/cookies"
done < "$W/customers"
ncookies=$(wc -l < "$W/cookies")
ntarget=$("${SQL[@]}" -e "SELECT COUNT(DISTINCT t.customer_id) FROM targets t JOIN customers c ON c.id = t.customer_id
                         WHERE c.host_id IN ($(sed "s/.*/'&'/" "$W/customers" | paste -sd,))")
cat > "$W/cookies.lua" <<LUA
local cookies = {}
for line in io.lines("$W/cookies") do cookies[#cookies + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", nil, { ["Cookie"] = "salient_session=" .. cookies[(n % #cookies) + 1] })
end
LUA

run() {  # run URL [SCRIPT] -> "rps p50_ms p99_ms errors"
	local script=()
	[ -n "${2:-}" ] && script=(-s "$2")
	wrk -t2 -c"$CONN" -d"${DUR}s" --latency "${script[@]}" "$1" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		                 if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx|Socket errors/ { err = err $0 " " }
		END { printf "%s %.3f %.3f %s\n", rps, p50, p99, (err == "" ? "none" : err) }'
}

size=$(curl -s -H "Cookie: salient_session=$(head -1 "$W/cookies")" "$URL/salient/account/" | wc -c)
tagged() {  # tagged 0|1: tag filtering off (the default) or on
	if [ "$1" = 1 ]; then
		"${SQL[@]}" -e "REPLACE INTO settings (name, value) VALUES ('trade.tag_filter', '1'),
		                ('trade.tag_groups', 'manufacturer,material')"
	else
		"${SQL[@]}" -e "DELETE FROM settings WHERE name IN ('trade.tag_filter', 'trade.tag_groups')"
	fi
}
tagged 0
wrk -t1 -c4 -d2s -s "$W/cookies.lua" "$URL/salient/account/" > /dev/null
wrk -t1 -c4 -d2s "$URL/salient/healthz" > /dev/null
# ROUNDS rounds, each healthz then the page then the page with tag
# filtering, back to back: on a shared machine the load of the moment
# moves all three of a round alike; the figures are the medians of the
# rounds' ratios
ROUNDS=${BENCH_ROUNDS:-3}
rows=""
: > "$W/ratios"
for r in $(seq "$ROUNDS"); do
	tagged 0
	read -r h_rps h_p50 h_p99 h_err <<< "$(run "$URL/salient/healthz")"
	read -r a_rps a_p50 a_p99 a_err <<< "$(run "$URL/salient/account/" "$W/cookies.lua")"
	tagged 1
	read -r f_rps f_p50 f_p99 f_err <<< "$(run "$URL/salient/account/" "$W/cookies.lua")"
	tagged 0
	ra=$(awk -v a="$a_rps" -v b="$h_rps" 'BEGIN { printf "%.3f", a / b }')
	rf=$(awk -v a="$f_rps" -v b="$h_rps" 'BEGIN { printf "%.3f", a / b }')
	echo "$ra $rf $a_p99 $f_p99" >> "$W/ratios"
	rows="$rows| $r | $h_rps / $h_p99 | $a_rps / $a_p50 / $a_p99 | $f_rps / $f_p50 / $f_p99 | $ra | $rf | $(
	    [ "$h_err$a_err$f_err" = nonenonenone ] && echo none || echo "$h_err $a_err $f_err") |
"
done
med() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
a_ratio=$(cut -d' ' -f1 "$W/ratios" | med)
f_ratio=$(cut -d' ' -f2 "$W/ratios" | med)
a_p99=$(cut -d' ' -f3 "$W/ratios" | med)
f_p99=$(cut -d' ' -f4 "$W/ratios" | med)
load=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<MD
## Trade area: the customer's summary page and the popularity refresh ($(date -u +%Y-%m-%d))

\`BENCH=trade make bench\` on the bench data set ($lines order lines), as of
$asof for the popularity.

**Popularity refresh** (\`salient popularity\`, what the daily
trade.popularity job runs: one streamed pass over the non-retail customers'
order lines of the 12-month window, ranking in C, lists swapped in) against
MariaDB's \`SELECT COUNT(*), SUM(line_total) FROM order_lines\`, both warmed
once, same run:

| what | seconds |
| --- | ---: |
| MariaDB: one full scan of order_lines | $scan |
| salient popularity | $pop |

**Ratio popularity / order lines scan: $pop_ratio** (target: at most 4).
\`$pop_out\`

**Summary page**: GET /salient/account/ (HTML, $size bytes for the first
customer: summary, chart, top lists, target, suggestions) signed in as
$ncookies random trade customers ($ntarget of them with targets), one
session cookie per customer rotated by a wrk script; wrk, 2 threads, $CONN
connections, ${DUR} s each, through the stack's nginx; healthz, the page,
and the page with tag filtering on (groups manufacturer, material) back to
back in each of $ROUNDS rounds.  Load average at the end: $load (the
machine is shared).

| round | healthz req/s / p99 ms | page req/s / p50 / p99 ms | page, tag filtering, req/s / p50 / p99 ms | page / healthz | tagged / healthz | errors |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |
$rows
**Ratio summary page / healthz (median of the rounds): $a_ratio** (target: at
least 0.3), **$f_ratio** with tag filtering; p99 (median) $a_p99 ms and
$f_p99 ms (target: under 25 ms).
MD
