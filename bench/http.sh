#!/usr/bin/env bash
# bench/http.sh - the responder's healthz answer against nginx serving a
# static file of the same size, with wrk, in one run (issue: foundation).
set -euo pipefail
URL=http://127.0.0.1:$SALIENT_PORT
DUR=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-32}

mkdir -p "$SALIENT_VAR/bench-static"
curl -fsS "$URL/salient/healthz" > "$SALIENT_VAR/bench-static/healthz.json"
size=$(stat -c %s "$SALIENT_VAR/bench-static/healthz.json")

run() {  # run URL -> "rps p50_ms p99_ms errors"
	wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$1" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		                 if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx|Socket errors/ { err = err $0 " " }
		END { printf "%s %.3f %.3f %s\n", rps, p50, p99, (err == "" ? "none" : err) }'
}

# warm both paths, then measure
wrk -t1 -c4 -d2s "$URL/salient/healthz" > /dev/null
read -r s_rps s_p50 s_p99 s_err <<< "$(run "$URL/bench-static/healthz.json")"
read -r h_rps h_p50 h_p99 h_err <<< "$(run "$URL/salient/healthz")"
ratio=$(awk -v a="$h_rps" -v b="$s_rps" 'BEGIN { printf "%.3f", a / b }')

cat <<MD
## HTTP: healthz against a static file ($(date -u +%Y-%m-%d))

\`BENCH=http make bench\`: wrk, 2 threads, $CONN connections, ${DUR} s each, on
127.0.0.1 through the stack's nginx. The healthz answer (${size} bytes, one
MariaDB round trip for the migration state) against nginx serving a static
file of the same size from the same server block.

| what | requests/s | p50 ms | p99 ms | errors |
| --- | ---: | ---: | ---: | --- |
| nginx, static file | $s_rps | $s_p50 | $s_p99 | $s_err |
| salient-fcgi, /salient/healthz | $h_rps | $h_p50 | $h_p99 | $h_err |

**Ratio healthz / static: $ratio** (throughput).
MD
