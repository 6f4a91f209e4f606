#!/usr/bin/env bash
# bench/import.sh - `salient import` of the large generated data set against
# MariaDB's own LOAD DATA of the same orders.csv, in one run (issue 5).
#
# The data set (`salient demo-data --customers $BENCH_CUSTOMERS`, default
# 1,000,000) is generated once and cached in $SALIENT_VAR/bigdata-N.  The
# data tables are emptied first, so every run imports into empty tables.
# The reference: LOAD DATA LOCAL INFILE of orders.csv into a scratch table
# of the same shape (CREATE TABLE ... LIKE orders: same columns and
# indexes), with the customer reference and the order date computed in SQL.
set -euo pipefail
N=${BENCH_CUSTOMERS:-1000000}
DATA=$SALIENT_VAR/bigdata${N:+-$N}
[ "$N" = 1000000 ] && DATA=$SALIENT_VAR/bigdata
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
SQL=(mariadb --no-defaults --local-infile=1 --socket="$SALIENT_VAR/run/mysqld.sock" -u "$(id -un)" -N -B salient)
TABLES="order_lines orders targets consents customer_tags product_tags products categories events productions customers"

if [ ! -f "$DATA/.done" ]; then
	rm -rf "$DATA"
	"${S[@]}" demo-data --out "$DATA" --customers "$N" --seed 1 >&2
	touch "$DATA/.done"
fi

empty() {
	{ echo "SET foreign_key_checks = 0;"
	  for t in $TABLES; do echo "TRUNCATE TABLE $t;"; done
	  echo "SET foreign_key_checks = 1;"; } | "${SQL[@]}"
}

empty
files=(customers categories products product_tags productions events customer_tags consents orders order_lines targets)
args=()
for f in "${files[@]}"; do args+=("$DATA/$f.csv"); done
log=$(mktemp)
start=$(date +%s.%N)
/usr/bin/time -v -o "$log.time" "${S[@]}" import "${args[@]}" > "$log" 2> "$log.err"
end=$(date +%s.%N)
rss_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$log.time")
total_rows=0
rows_table=""
while read -r path nrows kind _ _ _ _ rate _; do
	total_rows=$((total_rows + nrows))
	rows_table="$rows_table| $kind | $nrows | ${rate%%.*} |
"
done < <(sed 's/:$//; s/: / /' "$log")
overall=$(awk -v n="$total_rows" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
orders_rate=$(awk '$3 == "orders" { print $8 }' < <(sed 's/: / /' "$log"))
orders_rows=$(awk '$3 == "orders" { print $2 }' < <(sed 's/: / /' "$log"))

# the reference: LOAD DATA of the same orders.csv into a table like orders
"${SQL[@]}" -e "DROP TABLE IF EXISTS bench_orders_ld; CREATE TABLE bench_orders_ld LIKE orders"
ld_start=$(date +%s.%N)
"${SQL[@]}" -e "SET time_zone = '+00:00';
LOAD DATA LOCAL INFILE '$DATA/orders.csv' INTO TABLE bench_orders_ld
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES
  (host_id, @cust, @at, @total, channel, currency, status)
  SET customer_id = CAST(SUBSTRING(@cust, 2) AS UNSIGNED), ordered_at = @at,
      order_date = DATE(@at), total = IF(@total = '', 0, @total),
      total_from_lines = (@total = '')"
ld_end=$(date +%s.%N)
ld_rows=$("${SQL[@]}" -e "SELECT COUNT(*) FROM bench_orders_ld")
"${SQL[@]}" -e "DROP TABLE bench_orders_ld"
ld_rate=$(awk -v n="$ld_rows" -v a="$ld_start" -v b="$ld_end" 'BEGIN { printf "%.0f", n / (b - a) }')
ratio=$(awk -v a="$orders_rate" -v b="$ld_rate" 'BEGIN { printf "%.2f", a / b }')
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
open=$(grep -c 'was never imported' "$log.err" || true)
rm -f "$log" "$log.time" "$log.err"

cat <<MD
## Import: \`salient import\` against LOAD DATA ($(date -u +%Y-%m-%d))

\`BENCH=import make bench\` (BENCH_CUSTOMERS=$N): the generated data set
(\`salient demo-data --customers $N --seed 1\`, cached under
\$SALIENT_VAR) imported by one \`salient import\` command into emptied
tables: multi-row upserts of $((500)) rows, a transaction per file, references
resolved through the in-process host id map (order lines arrive after their
orders here; placeholders would be made otherwise). Reference: MariaDB's
LOAD DATA LOCAL INFILE of the same orders.csv into a scratch table created
LIKE orders (same columns and indexes), in the same run.

| file | rows | rows/s |
| --- | ---: | ---: |
${rows_table}| **all files** | $total_rows | $overall (in $secs s) |

| orders.csv | rows | rows/s |
| --- | ---: | ---: |
| salient import | $orders_rows | $orders_rate |
| LOAD DATA LOCAL INFILE | $ld_rows | $ld_rate |

**Ratio import / LOAD DATA (orders): $ratio** (aim: 0.5 or better).
Peak RSS of the import process: $((rss_kb / 1024)) MiB (/usr/bin/time -v).
References to rows never imported: $open.
MD
