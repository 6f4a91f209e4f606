#!/usr/bin/env bash
# The responder's processes: a killed worker is replaced, SIGHUP reloads
# without failing requests, SIGTERM drains and exits.  Runs last: it stops
# the responder and starts it again.
. "$(dirname "$0")/lib.sh"

burst() {  # burst N PARALLEL OUTFILE: N healthz requests, one status per line
	seq 1 "$1" | xargs -P "$2" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
		"$SALIENT_URL/healthz" > "$3"
}

master=$(master_pid)
before=$(worker_pids | tr '\n' ' ')
nworkers=$(echo $before | wc -w)
ok $([ "$nworkers" -ge 1 ] && echo 0 || echo 1) "the master has $nworkers workers"

# kill -9 one worker: replaced within a second, requests keep working
victim=$(worker_pids | head -1)
kill -KILL "$victim"
wait_for "[ \$(pgrep -P $master | grep -vc '^$victim\$') -eq $nworkers ]" 1
ok $? "a worker killed with -9 is replaced within a second"
ok $(pgrep -P "$master" | grep -qx "$victim" && echo 1 || echo 0) "the dead worker is gone"
burst 40 4 "$TMP/after-kill"
is "$(sort -u "$TMP/after-kill" | tr '\n' ' ')" "200 " "40 requests after the kill all answer 200"
grep -q "worker $victim died" "$SALIENT_VAR/log/salient-fcgi.log"
ok $? "the master logged the death"

# kill -9 workers while requests are in flight: nginx retries an idempotent
# request whose worker died on another one (deploy/nginx-salient-upstream.conf
# names the socket twice), so no GET fails
burst 800 8 "$TMP/during-kill" &
bpid=$!
for _ in 1 2 3; do
	sleep 0.3
	kill -KILL "$(worker_pids | head -1)"
done
wait "$bpid"
is "$(sort -u "$TMP/during-kill" | tr '\n' ' ')" "200 " "800 GETs while three workers were killed all answer 200"
wait_for "[ \$(pgrep -P $master | wc -l) -eq $nworkers ]" 3
ok $? "every killed worker was replaced"

# SIGHUP: a new generation of workers, no request fails meanwhile
old=$(worker_pids | tr '\n' ' ')
burst 600 6 "$TMP/during-hup" &
bp=$!
sleep 0.3
kill -HUP "$master"
sleep 0.5
kill -HUP "$master"
wait "$bp"
is "$(sort -u "$TMP/during-hup" | tr '\n' ' ')" "200 " "600 requests across two reloads all answer 200"
wait_for "[ -z \"\$(comm -12 <(echo $old | tr ' ' '\n' | sort) <(pgrep -P $master | sort))\" ]" 6
ok $? "the old workers were replaced by the reload"
is "$(master_pid)" "$master" "the master itself stays"

# a broken config on SIGHUP is refused and the running one kept
cp "$SALIENT_CONF" "$TMP/conf.good"
printf '[server]\nwokers = 3\n' >> "$SALIENT_CONF"
kill -HUP "$master"
sleep 0.5
grep -q "reload refused, keeping the running config: .*unknown key 'wokers' in \[server\]" \
	"$SALIENT_VAR/log/salient-fcgi.log"
ok $? "a bad config on reload is refused with the reason"
cp "$TMP/conf.good" "$SALIENT_CONF"
http GET /healthz
is "$STATUS" 200 "still serving after the refused reload"

# SIGTERM during a burst: answered requests are whole, the master exits in time
burst 400 8 "$TMP/during-term" &
bp=$!
sleep 0.3
t0=$(date +%s%N)
kill -TERM "$master"
wait_for "! kill -0 $master" 6
ok $? "SIGTERM: the master exits within 5 seconds"
t1=$(date +%s%N)
wait "$bp"
bad=$(grep -vE '^(200|502|503)$' "$TMP/during-term" | sort | uniq -c | tr '\n' ' ')
is "$bad" "" "every request during the stop is answered or refused cleanly (no 000/504)"
ok $([ "$(grep -c '^200$' "$TMP/during-term")" -ge 1 ] && echo 0 || echo 1) \
	"requests were being served when SIGTERM came"
ok $([ -e "$RUN/fcgi.sock" ] && echo 1 || echo 0) "the socket file is removed"
ok $(pgrep -f "salient-fcgi -c $SALIENT_CONF" >/dev/null && echo 1 || echo 0) "no worker is left behind"
echo "# stop took $(( (t1 - t0) / 1000000 )) ms"

# the same stack starts again
SALIENT_DEMO=0 "$ROOT/scripts/stack" start > /dev/null
ok $? "the stack starts again"
http GET /healthz
is "$STATUS" 200 "and answers"
