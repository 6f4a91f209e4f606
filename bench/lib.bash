# bench/lib.bash - what the benches that call the responder share (sourced;
# not a bench itself: scripts/bench runs bench/*.sh).  The stack's URL, the
# admin API key's header, SQL on the stack's database, and wrk's latency
# figures.
URL=http://127.0.0.1:$SALIENT_PORT/salient
DUR=${BENCH_SECONDS:-10}
KEY=$(awk -F' *= *' '/^\[/{s=$0} s=="[security]" && $1=="api_key"{print $2}' "$SALIENT_CONF")
AUTH="Authorization: Bearer $KEY"

sql() {  # sql STATEMENTS: rows as TSV, as the stack's database admin
	mariadb --no-defaults --socket="$SALIENT_VAR/run/mysqld.sock" -u "$(id -un)" -N -B salient -e "$1"
}

wrk_run() {  # wrk_run CONNECTIONS PATH [Accept] -> "p50_ms p99_ms rps non2xx"
	wrk -t1 -c"$1" -d"${DUR}s" --latency -H "$AUTH" ${3:+-H "Accept: $3"} "$URL$2" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		                 if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { err = $NF }
		END { printf "%.1f %.1f %.1f %s\n", p50, p99, rps, (err == "" ? 0 : err) }'
}
