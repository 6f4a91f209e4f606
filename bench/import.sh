#!/usr/bin/env bash
# bench/import.sh - `salient import` of the large generated data set, file by
# file, against what MariaDB does with the same files in the same run
# (issues 5 and 23).
#
# The data set (`salient demo-data --customers $BENCH_CUSTOMERS`, default
# 1,000,000; 100000 fits a short run) is generated once and cached in
# $SALIENT_VAR/bigdata-N.  The data tables are emptied first, so every run
# imports into empty tables: the first import of a shop's history.
#
# References, each file into scratch tables made after the import:
#   LOAD DATA   LOAD DATA LOCAL INFILE of the file into a table created LIKE
#               the file's table (same columns and indexes); host ids that
#               name other rows are turned into numbers by SQL arithmetic on
#               the generator's form (C0000001 -> 1), not resolved: the
#               server's own floor for the file.
#   plain SQL   for a file whose host ids must be resolved: what a DBA would
#               write, LOAD DATA into a staging table without keys, then one
#               INSERT ... SELECT into a table LIKE the file's, joining the
#               id maps (the tables the import filled, by their host_id key).
# The steps after the files are timed on their own: the import's own
# (order totals and purchases, its "after the files" line) against the one
# INSERT ... SELECT ... GROUP BY of 014_purchases.sql into a table LIKE
# purchases; and the statistics job (shell.stats) the import queues, run
# at once by the stack's worker.
#
# Ratio per file: import rows/s over the plain-SQL path's (LOAD DATA's where
# nothing is resolved); the whole import: the import's wall time, summary
# included, against the sum of those references plus the summary's.
set -euo pipefail
N=${BENCH_CUSTOMERS:-1000000}
DATA=$SALIENT_VAR/bigdata${N:+-$N}
[ "$N" = 1000000 ] && DATA=$SALIENT_VAR/bigdata
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")
SQL=(mariadb --no-defaults --local-infile=1 --socket="$SALIENT_VAR/run/mysqld.sock" -u "$(id -un)" -N -B salient)
TABLES="order_lines orders targets consents customer_tags product_tags products categories events productions customers purchases"
FILES="customers categories products product_tags productions events customer_tags consents orders order_lines targets"

if [ ! -f "$DATA/.done" ]; then
	rm -rf "$DATA"
	"${S[@]}" demo-data --out "$DATA" --customers "$N" --seed 1 >&2
	touch "$DATA/.done"
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

empty() {
	{ echo "SET foreign_key_checks = 0;"
	  for t in $TABLES; do echo "TRUNCATE TABLE $t;"; done
	  echo "SET foreign_key_checks = 1;"; } | "${SQL[@]}"
}

# ld_cols FILE: the LOAD DATA column list and SET clause for FILE into a
# table like its own ("cols|sets"); blanks are NULL as the import makes them
ld_spec() {
	case $1 in
	customers) echo "host_id, @email, @fn, @ln, @ph, @bd, @g, @pc, @city, @co, @lat, @lon, smart_type, @am, @sub, @lang, @ca|email = NULLIF(@email, ''), first_name = NULLIF(@fn, ''), last_name = NULLIF(@ln, ''), phone = NULLIF(@ph, ''), birth_date = NULLIF(@bd, ''), gender = NULLIF(@g, ''), postcode = NULLIF(@pc, ''), city = NULLIF(@city, ''), country = NULLIF(@co, ''), latitude = NULLIF(@lat, ''), longitude = NULLIF(@lon, ''), account_manager = NULLIF(@am, ''), subscriber = NULLIF(@sub, ''), language = NULLIF(@lang, ''), created_at = NULLIF(@ca, '')" ;;
	categories) echo "host_id, name, @parent|parent_id = NULLIF(CRC32(@parent), 0)" ;;
	products) echo "host_id, name, sku, @cat, @price, active|category_id = CRC32(@cat), price = NULLIF(@price, '')" ;;
	product_tags) echo "@p, tag_group, tag_value|product_id = CAST(SUBSTRING(@p, 2) AS UNSIGNED)" ;;
	productions) echo "host_id, name, genre|" ;;
	events) echo "host_id, @at, @pr, name, venue, @lat, @lon, @cap|starts_at = NULLIF(@at, ''), production_id = CAST(SUBSTRING(@pr, 3) AS UNSIGNED), latitude = NULLIF(@lat, ''), longitude = NULLIF(@lon, ''), capacity = NULLIF(@cap, '')" ;;
	customer_tags) echo "@c, tag|customer_id = CAST(SUBSTRING(@c, 2) AS UNSIGNED)" ;;
	consents) echo "@c, consent, granted, @at|customer_id = CAST(SUBSTRING(@c, 2) AS UNSIGNED), updated_at = NULLIF(@at, '')" ;;
	orders) echo "host_id, @c, @at, @total, channel, currency, status|customer_id = CAST(SUBSTRING(@c, 2) AS UNSIGNED), ordered_at = @at, order_date = DATE(@at), total = IF(@total = '', 0, @total), total_from_lines = (@total = '')" ;;
	order_lines) echo "@o, line_no, @p, @e, quantity, @up, @lt|order_id = CAST(@o AS UNSIGNED), product_id = NULLIF(CAST(SUBSTRING(@p, 2) AS UNSIGNED), 0), event_id = NULLIF(CAST(SUBSTRING(@e, 2) AS UNSIGNED), 0), unit_price = NULLIF(@up, ''), line_total = NULLIF(@lt, '')" ;;
	targets) echo "@c, period_start, period_end, amount|customer_id = CAST(SUBSTRING(@c, 2) AS UNSIGNED)" ;;
	esac
}

# stage_spec FILE: "staging columns|INSERT columns|SELECT list and joins" of
# the plain-SQL path, for the files whose host ids must be resolved
HID="VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
stage_spec() {
	case $1 in
	products) echo "host_id $HID, name VARCHAR(255), sku VARCHAR(64), cat $HID, price VARCHAR(20), active TINYINT|host_id, name, sku, category_id, price, active|s.host_id, s.name, s.sku, c.id, NULLIF(s.price, ''), s.active FROM stg s LEFT JOIN categories c ON c.host_id = s.cat" ;;
	product_tags) echo "p $HID, tag_group VARCHAR(64), tag_value VARCHAR(100)|product_id, tag_group, tag_value|p.id, s.tag_group, s.tag_value FROM stg s JOIN products p ON p.host_id = s.p" ;;
	events) echo "host_id $HID, starts_at VARCHAR(25), pr $HID, name VARCHAR(255), venue VARCHAR(200), lat VARCHAR(20), lon VARCHAR(20), cap VARCHAR(20)|host_id, starts_at, production_id, name, venue, latitude, longitude, capacity|s.host_id, NULLIF(s.starts_at, ''), p.id, s.name, s.venue, NULLIF(s.lat, ''), NULLIF(s.lon, ''), NULLIF(s.cap, '') FROM stg s LEFT JOIN productions p ON p.host_id = s.pr" ;;
	customer_tags) echo "c $HID, tag VARCHAR(100)|customer_id, tag|c.id, s.tag FROM stg s JOIN customers c ON c.host_id = s.c" ;;
	consents) echo "c $HID, consent VARCHAR(64), granted TINYINT, at VARCHAR(25)|customer_id, consent, granted, updated_at|c.id, s.consent, s.granted, NULLIF(s.at, '') FROM stg s JOIN customers c ON c.host_id = s.c" ;;
	orders) echo "host_id $HID, c $HID, at DATETIME, total VARCHAR(20), channel VARCHAR(10), currency CHAR(3), status VARCHAR(10)|host_id, customer_id, ordered_at, order_date, total, total_from_lines, channel, currency, status|s.host_id, c.id, s.at, DATE(s.at), IF(s.total = '', 0, s.total), s.total = '', s.channel, s.currency, s.status FROM stg s JOIN customers c ON c.host_id = s.c" ;;
	order_lines) echo "o $HID, line_no SMALLINT UNSIGNED, p $HID, e $HID, quantity INT UNSIGNED, up VARCHAR(20), lt VARCHAR(20)|order_id, line_no, product_id, event_id, quantity, unit_price, line_total|o.id, s.line_no, p.id, e.id, s.quantity, NULLIF(s.up, ''), NULLIF(s.lt, '') FROM stg s JOIN orders o ON o.host_id = s.o LEFT JOIN products p ON p.host_id = s.p LEFT JOIN events e ON e.host_id = s.e" ;;
	targets) echo "c $HID, period_start DATE, period_end DATE, amount VARCHAR(20)|customer_id, period_start, period_end, amount|c.id, s.period_start, s.period_end, s.amount FROM stg s JOIN customers c ON c.host_id = s.c" ;;
	esac
}

load() {  # load FILE TABLE "cols|sets"
	local cols=${3%%|*} sets=${3#*|}
	"${SQL[@]}" -e "SET time_zone = '+00:00';
LOAD DATA LOCAL INFILE '$DATA/$1.csv' INTO TABLE $2
  CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'
  LINES TERMINATED BY '\n' IGNORE 1 LINES ($cols) ${sets:+SET $sets}"
}

# --- the import
empty
args=()
for f in $FILES; do args+=("$DATA/$f.csv"); done
log=$(mktemp)
"${SQL[@]}" -e "SELECT COALESCE(MAX(id), 0) FROM jobs" > "$log.jobs"
start=$(now)
/usr/bin/time -v -o "$log.time" "${S[@]}" import ${BENCH_IMPORT_ARGS:-} "${args[@]}" > "$log" 2> "$log.err"
end=$(now)
rss_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$log.time")
cpu=$(awk -F': *' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$log.time")
import_secs=$(secs "$start" "$end")
summary_secs=$(sed -n 's/^after the files: .* in \([0-9.]*\) s$/\1/p' "$log")
declare -A rows irate
total_rows=0
while read -r path nrows kind _ _ _ _ r _; do
	f=$(basename "$path" .csv)
	rows[$f]=$nrows
	irate[$f]=${r%%.*}
	total_rows=$((total_rows + nrows))
done < <(grep ' rows imported, ' "$log" | sed 's/: / /')
open=$(grep -c 'was never imported' "$log.err" || true)

# --- the statistics job the import queued: run it now, time it
first_job=$(cat "$log.jobs")
"${SQL[@]}" -e "UPDATE jobs SET run_after = NOW(3) WHERE kind = 'shell.stats' AND state = 'queued' AND id > $first_job"
stats_secs=""
for _ in $(seq 1 600); do
	stats_secs=$("${SQL[@]}" -e "SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, started_at, finished_at) / 1e6, 2)
		FROM jobs WHERE kind = 'shell.stats' AND state = 'done' AND id > $first_job ORDER BY id DESC LIMIT 1")
	[ -n "$stats_secs" ] && break
	sleep 1
done

# --- the references, file by file
table_rows=""
ref_total=0
for f in $FILES; do
	n=${rows[$f]:-0}
	"${SQL[@]}" -e "DROP TABLE IF EXISTS bench_ld; CREATE TABLE bench_ld LIKE $f"
	t0=$(now)
	load "$f" bench_ld "$(ld_spec "$f")"
	t1=$(now)
	ld_s=$(secs "$t0" "$t1")
	ld_rate=$(rate "$n" "$ld_s")
	ref_s=$ld_s
	sq_cell="-"
	spec=$(stage_spec "$f")
	if [ -n "$spec" ]; then
		IFS='|' read -r scols icols sel <<< "$spec"
		"${SQL[@]}" -e "DROP TABLE IF EXISTS stg, bench_sq; CREATE TABLE stg ($scols) ENGINE=InnoDB;
			CREATE TABLE bench_sq LIKE $f"
		names=$(echo "$scols" | awk -F', ' '{ for (i = 1; i <= NF; i++) { split($i, w, " "); printf "%s%s", (i > 1 ? ", " : ""), w[1] } }')
		t0=$(now)
		load "$f" stg "$names|"
		"${SQL[@]}" -e "SET time_zone = '+00:00'; INSERT INTO bench_sq ($icols) SELECT $sel"
		t1=$(now)
		ref_s=$(secs "$t0" "$t1")
		sq_cell="$(rate "$n" "$ref_s")"
		"${SQL[@]}" -e "DROP TABLE stg, bench_sq"
	fi
	"${SQL[@]}" -e "DROP TABLE bench_ld"
	ref_total=$(awk -v a="$ref_total" -v b="$ref_s" 'BEGIN { print a + b }')
	ratio=$(awk -v a="${irate[$f]:-0}" -v n="$n" -v s="$ref_s" 'BEGIN { printf "%.2f", (s > 0 && n > 0 ? a / (n / s) : 0) }')
	table_rows="$table_rows| $f | $n | ${irate[$f]:-0} | $ld_rate | $sq_cell | **$ratio** |
"
done

# --- the summary by plain SQL: 014_purchases.sql's statement
"${SQL[@]}" -e "DROP TABLE IF EXISTS bench_pur; CREATE TABLE bench_pur LIKE purchases"
t0=$(now)
"${SQL[@]}" -e "SET SESSION group_concat_max_len = 16777215;
INSERT INTO bench_pur (customer_id, order_date, order_id, total, currency, line_items)
SELECT o.customer_id, o.order_date, o.id, o.total, o.currency,
	COALESCE(GROUP_CONCAT(CONCAT(l.product_id, ':',
	    CAST(COALESCE(l.line_total, l.quantity * l.unit_price, 0) AS DECIMAL(30,4)), ':',
	    l.quantity) ORDER BY l.line_no SEPARATOR ' '), '')
FROM orders o
LEFT JOIN order_lines l ON l.order_id = o.id AND l.product_id IS NOT NULL
WHERE o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL
	AND o.order_date IS NOT NULL
GROUP BY o.id"
t1=$(now)
pur_rows=$("${SQL[@]}" -e "SELECT COUNT(*) FROM bench_pur")
"${SQL[@]}" -e "DROP TABLE bench_pur"
pur_ref=$(secs "$t0" "$t1")
ref_total=$(awk -v a="$ref_total" -v b="$pur_ref" 'BEGIN { printf "%.1f", a + b }')
sum_ratio=$(awk -v a="${summary_secs:-0}" -v b="$pur_ref" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
all_ratio=$(awk -v a="$import_secs" -v b="$ref_total" 'BEGIN { printf "%.2f", b / a }')
overall=$(rate "$total_rows" "$import_secs")
rm -f "$log" "$log.time" "$log.err" "$log.jobs"

cat <<MD
## Import: \`salient import\` against LOAD DATA and plain SQL ($(date -u +%Y-%m-%d))

\`BENCH=import make bench\` (BENCH_CUSTOMERS=$N): the generated data set
(\`salient demo-data --customers $N --seed 1\`, cached under
\$SALIENT_VAR) imported by one \`salient import\` command of all 11 files
into emptied tables (a transaction per file; references resolved through
the in-process host id map). References in the same run, each file into
scratch tables: **LOAD DATA**, LOAD DATA LOCAL INFILE of the file into a
table LIKE the file's (same columns and indexes; host ids turned into
numbers by SQL arithmetic, not resolved); **plain SQL**, for a file whose
host ids must be resolved, LOAD DATA into a staging table without keys and
one INSERT ... SELECT joining the id maps (the tables just imported, by
host_id). Ratio: import rows/s over the plain-SQL path's, else LOAD DATA's
(aim: 0.5 or better).

| file | rows | import rows/s | LOAD DATA rows/s | plain SQL rows/s | ratio |
| --- | ---: | ---: | ---: | ---: | ---: |
${table_rows}

| after the files | seconds |
| --- | ---: |
| import: order totals and purchases ($pur_rows purchases rows) | ${summary_secs:-?} |
| plain SQL: 014_purchases.sql's INSERT ... SELECT ... GROUP BY | $pur_ref |
| statistics job (shell.stats), run at once after the import | ${stats_secs:-?} |

Summary ratio (plain SQL seconds / import seconds): **$sum_ratio**.

**The whole import: $total_rows rows in $import_secs s ($overall rows/s), summary
included; the plain-SQL path of every file plus the summary: $ref_total s;
ratio $all_ratio** (aim: 0.5 or better). CPU of the import process: $cpu s.
Peak RSS of the import process: $((rss_kb / 1024)) MiB (/usr/bin/time -v).
References to rows never imported: $open.
MD
