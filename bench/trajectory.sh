#!/usr/bin/env bash
# bench/trajectory.sh - the venue module at the bench data's size (issue
# 20): the Sales trajectory page of a production on sale (wrk --latency, 4
# connections, JSON and HTML, with healthz in the same run for scale), and
# the venue.segments job (every booking's behavioural segment and the
# productions' daily sales) against one full scan of order_lines.  The job
# runs twice: the first run after the migration writes every booking's row,
# a second one reads the same and writes only what changed (nothing).
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
job() {  # job: runs venue.segments on the stack's worker; "seconds bookings changed state"
	local id state=queued
	id=$("${S[@]}" job enqueue venue.segments)
	for _ in $(seq 1 3600); do
		state=$(sql "SELECT state FROM jobs WHERE id = $id")
		[ "$state" = done ] || [ "$state" = failed ] && break
		sleep 1
	done
	echo "$(sql "SELECT ROUND(seconds, 2), bookings, changed FROM venue_job_runs WHERE id = 1") $state"
}

lines=$(sql "SELECT COUNT(*) FROM order_lines")
tickets=$(sql "SELECT COUNT(*) FROM order_lines WHERE event_id IS NOT NULL")
events=$(sql "SELECT COUNT(*) FROM events")
scan="SELECT COUNT(*), SUM(quantity) FROM order_lines"
secs "$scan" > /dev/null
ref=$(median3 "$(secs "$scan")" "$(secs "$scan")" "$(secs "$scan")")
read -r j1 bookings c1 s1 <<< "$(job)"
read -r j2 _ c2 s2 <<< "$(job)"

# a production on sale with the most performances
P=$(sql "SELECT production_id FROM events WHERE production_id IS NOT NULL GROUP BY production_id
	HAVING MAX(starts_at) >= UTC_TIMESTAMP() ORDER BY COUNT(*) DESC, production_id LIMIT 1")
name=$(sql "SELECT name FROM productions WHERE id = $P")
src=$(curl -s -H "$AUTH" "$URL/api/v1/venue/trajectory?production=$P" |
	perl -MJSON::PP -e '$d = decode_json(join "", <STDIN>); print $d->{curve_source}, " ", scalar @{$d->{compared}}')
read -r h50 h99 hrps herr <<< "$(wrk_run 4 /healthz)"
read -r a50 a99 arps aerr <<< "$(wrk_run 4 "/api/v1/venue/trajectory?production=$P")"
read -r p50 p99 prps perr <<< "$(wrk_run 4 "/admin/venue/trajectory?production=$P" text/html)"

cat <<EOT
## Sales trajectory (venues) ($(date -u +%Y-%m-%d))

\`BENCH=trajectory make bench\`: $lines order lines ($tickets ticket lines),
$events events, $bookings bookings.  Production $P ($name): curve from
$src production(s).

| what | seconds |
| --- | ---: |
| MariaDB: one scan of order_lines (\`$scan\`, median of 3) | $ref |
| \`venue.segments\`, first run (writes $c1 rows; $s1) | $j1 |
| \`venue.segments\`, again (writes $c2 rows; $s2) | $j2 |

**The job / one order_lines scan: $(awk -v a="$j1" -v b="$ref" 'BEGIN { printf "%.2f", a / b }') first run,
$(awk -v a="$j2" -v b="$ref" 'BEGIN { printf "%.2f", a / b }') again** (target: at most 3).

| answer (wrk, 4 connections, ${DUR} s) | p50 ms | p99 ms | req/s | non-2xx |
| --- | ---: | ---: | ---: | ---: |
| /healthz | $h50 | $h99 | $hrps | $herr |
| /api/v1/venue/trajectory?production=$P | $a50 | $a99 | $arps | $aerr |
| /admin/venue/trajectory?production=$P (HTML) | $p50 | $p99 | $prps | $perr |

Target: the page's p99 at most 50 ms.  Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg).
EOT
