#!/usr/bin/env bash
# bench/dashboard.sh - the admin home (/admin/) at the bench data's size:
# what counting and summing the tables per view cost (the page before the
# shell.stats job, timed as the same SQL), what the job costs against one
# scan of the orders, and the page now (wrk --latency, one connection, and
# the healthz answer of the same run for scale).
#
# The data: whatever the bench stack holds (bench/import.sh: 1M customers,
# 10M orders, 31M order lines).
set -euo pipefail
. "$(dirname "$0")/lib.bash"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
secs() {  # secs SQL: wall seconds of one run
	local t0 t1
	t0=$(date +%s.%N)
	sql "$1" > /dev/null
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

orders=$(sql "SELECT COUNT(*) FROM orders")
lines=$(sql "SELECT COUNT(*) FROM order_lines")
today=$(date -u +%F)

# the reference: one scan of the orders, warmed once, median of three
scan="SELECT COUNT(*), SUM(total) FROM orders"
secs "$scan" > /dev/null
ref=$(median3 "$(secs "$scan")" "$(secs "$scan")" "$(secs "$scan")")

# the page before: its per-view SQL (counts, revenue of 12 months, the chart, health)
before=$(secs "SELECT (SELECT COUNT(*) FROM customers WHERE placeholder = 0),
 (SELECT COUNT(*) FROM orders WHERE placeholder = 0), (SELECT COUNT(*) FROM order_lines),
 (SELECT COUNT(*) FROM products WHERE placeholder = 0);
SELECT currency, SUM(total), COUNT(*) FROM orders WHERE status = 'paid' AND placeholder = 0
 AND order_date > DATE_SUB('$today', INTERVAL 12 MONTH) AND order_date <= '$today' GROUP BY currency;
SELECT DATE_FORMAT(order_date, '%Y-%m') m, SUM(total) FROM orders WHERE status = 'paid'
 AND placeholder = 0 AND order_date >= DATE_FORMAT(DATE_SUB('$today', INTERVAL 11 MONTH), '%Y-%m-01')
 AND order_date <= '$today' GROUP BY m;
SELECT (SELECT COUNT(*) FROM customers WHERE placeholder = 1) + (SELECT COUNT(*) FROM orders
 WHERE placeholder = 1) + (SELECT COUNT(*) FROM products WHERE placeholder = 1),
 (SELECT MAX(imported_at) FROM customers)")

# the job, run by the stack's worker
id=$("${S[@]}" job enqueue shell.stats)
for _ in $(seq 1 1800); do
	state=$(sql "SELECT state FROM jobs WHERE id = $id")
	[ "$state" = done ] || [ "$state" = failed ] && break
	sleep 1
done
job=$(sql "SELECT ROUND(seconds, 2) FROM data_stats WHERE id = 1")
days=$(sql "SELECT COUNT(*) FROM sales_days")

read -r h50 h99 hrps herr <<< "$(wrk_run 1 /healthz)"
read -r d50 d99 drps derr <<< "$(wrk_run 1 /admin/ text/html)"

cat <<EOF
## Dashboard (admin home) ($(date -u +%Y-%m-%d))

\`BENCH=dashboard make bench\`: $orders orders, $lines order lines.  The
counts and revenue come from the \`shell.stats\` job (sql/013_stats.sql:
$days rows of paid revenue per currency and day), queued after every import
and on a schedule; the page reads those and a few small rows.

| what | seconds |
| --- | ---: |
| MariaDB: one scan of orders (\`$scan\`, median of 3) | $ref |
| the page before: counting and summing per view (its SQL) | $before |
| the \`shell.stats\` job (state: $state) | $job |

**The job / one orders scan: $(awk -v a="$job" -v b="$ref" 'BEGIN { printf "%.2f", a / b }')**;
the page no longer waits for it.

| answer (wrk, 1 connection, ${DUR} s) | p50 ms | p99 ms | req/s | non-2xx |
| --- | ---: | ---: | ---: | ---: |
| /healthz | $h50 | $h99 | $hrps | $herr |
| /admin/ (HTML) | $d50 | $d99 | $drps | $derr |

Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg).
EOF
