#!/usr/bin/env bash
# The job runner: claims, progress, retries with backoff, and no job run
# twice by competing workers (SELECT ... FOR UPDATE SKIP LOCKED).
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

id=$("${S[@]}" job enqueue core.cleanup)
like "$id" '^[0-9]+$' "salient job enqueue prints the id"
job_done $id 15
is "$(sql "SELECT state FROM jobs WHERE id = $id")" done "the stack's worker ran the job"
is "$(sql "SELECT attempts FROM jobs WHERE id = $id")" 1 "in one attempt"

# the command line refuses a kind no module runs, as the API does
"${S[@]}" job enqueue no.such.kind > "$TMP/out" 2> "$TMP/err"
is "$?" 2 "salient job enqueue refuses an unknown kind"
like "$(cat "$TMP/err")" "no module runs jobs of kind 'no.such.kind'" "and says why"
is "$(sql "SELECT COUNT(*) FROM jobs WHERE kind = 'no.such.kind'")" 0 "nothing was queued"
like "$(cat "$TMP/err")" "the kinds are: .*core\.cleanup" "  naming the kinds there are"
LC_ALL=da_DK.UTF-8 "${S[@]}" job enqueue nosuch > "$TMP/out" 2> "$TMP/err"
is "$?:$(wc -c < "$TMP/out")" "2:0" "salient job enqueue nosuch: exit 2, no id"
like "$(cat "$TMP/err")" "^salient job enqueue: kind: intet modul kører job af typen 'nosuch'; typerne er: .*core\.cleanup" \
	"  the refusal from the catalog, in the locale's language (Danish)"
LC_ALL=ru_RU.UTF-8 "${S[@]}" job enqueue nosuch 2> "$TMP/err" > /dev/null
like "$(cat "$TMP/err")" "ни один модуль не выполняет задания вида «nosuch»" "  and in Russian"
is "$(sql "SELECT COUNT(*) FROM jobs WHERE kind = 'nosuch'")" 0 "  nothing was queued"

# a kind nobody runs (a module removed while its job waited): fails, keeps
# the error, is retried later with backoff
sql "INSERT INTO jobs (kind, args) VALUES ('no.such.kind', '{}')"
id=$(sql "SELECT MAX(id) FROM jobs WHERE kind = 'no.such.kind'")
wait_for "[ \"\$(sql \"SELECT attempts FROM jobs WHERE id = $id\")\" = 1 ]" 15
is "$(sql "SELECT state FROM jobs WHERE id = $id")" queued "a failed job is queued again"
like "$(sql "SELECT last_error FROM jobs WHERE id = $id")" '"key":"core.job.no_module"' \
	"its last error is recorded as a catalog key"
is "$(sql "SELECT TIMESTAMPDIFF(SECOND, NOW(3), run_after) BETWEEN 20 AND 31 FROM jobs WHERE id = $id")" 1 \
	"the retry waits about 30 seconds"
sql "UPDATE jobs SET attempts = max_attempts - 1, run_after = NOW(3) WHERE id = $id"
wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE id = $id\")\" = failed ]" 15
is "$(sql "SELECT state FROM jobs WHERE id = $id")" failed "after max_attempts the job is failed"

# the API shows a job's state
http GET "/api/v1/jobs/$id" -H "Authorization: Bearer $API_KEY"
is "$STATUS" 200 "GET /api/v1/jobs/ID answers"
is "$(json state)" failed "the API reports the state"
is "$(json last_error_text)" "no part of Salient runs jobs of kind 'no.such.kind'" "and why, in words"
http GET "/api/v1/jobs/$id" -H "Authorization: Bearer $API_KEY" -H "Accept-Language: da"
is "$(json last_error_text)" "ingen del af Salient kører job af typen 'no.such.kind'" "in the reader's language"
like "$(json created_at)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$' "times are ISO 8601"

# competing workers: stop the stack's worker, queue 200 jobs, run 3 workers at once
kill -TERM "$(cat "$RUN/worker.pid")"
wait_for "! kill -0 $(cat "$RUN/worker.pid")" 30
ok $? "the worker stops on SIGTERM"
first=$(sql "SELECT COALESCE(MAX(id), 0) FROM jobs")
# (enough that one worker cannot drain the queue before the others start)
sql "INSERT INTO jobs (kind, args) SELECT 'core.cleanup', '{}' FROM seq_1_to_200"
for w in 1 2 3; do "${S[@]}" worker --once 2> "$TMP/w$w.log" & done
wait
is "$(sql "SELECT COUNT(*) FROM jobs WHERE id > $first AND state = 'done'")" 200 "three workers ran all 200 jobs" ||
	{ sql "SELECT id, state, attempts, last_error FROM jobs WHERE id > $first AND state <> 'done'" >&2
	  grep -hv ' started, attempt\| done in ' "$TMP"/w*.log >&2; }
is "$(sql "SELECT COUNT(*) FROM jobs WHERE id > $first AND attempts <> 1")" 0 "each exactly once"
ran=$(cat "$TMP"/w*.log | grep -c ' started, attempt 1')
is "$ran" 200 "the workers' logs show 200 runs in all"
busy=$(for w in 1 2 3; do grep -c ' started, attempt' "$TMP/w$w.log"; done | grep -vc '^0$')
ok $([ "$busy" -ge 2 ] && echo 0 || echo 1) "the work was shared ($busy workers ran jobs)"

# scheduled jobs: an entry due every minute is enqueued once, however many workers
cp "$SALIENT_CONF" "$TMP/sched.conf"
printf 'everyminute = * * * * * core.cleanup\n' >> "$TMP/sched.conf"
"$SALIENT_BUILD/salient" -c "$TMP/sched.conf" worker --once 2> "$TMP/sched1.log" & p1=$!
"$SALIENT_BUILD/salient" -c "$TMP/sched.conf" worker --once 2> "$TMP/sched2.log" & p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
is "$s1/$s2" 0/0 "two workers run once each with a schedule due every minute"
is "$(sql "SELECT COUNT(*) FROM jobs WHERE dedup_key LIKE 'sched:everyminute:%' AND dedup_key = CONCAT('sched:everyminute:', DATE_FORMAT(NOW(), '%Y%m%d%H%i'))")" 1 \
	"a scheduled run is enqueued once by two workers"
printf 'bad = 61 * * * * core.cleanup\n' > "$TMP/badsched.conf.part"
cat "$SALIENT_CONF" "$TMP/badsched.conf.part" > "$TMP/badsched.conf"
out=$("$SALIENT_BUILD/salient" -c "$TMP/badsched.conf" worker --once 2>&1)
like "$out" "minute: 61 is out of range 0-59" "a bad cron entry is refused with the reason"

# restart the stack's worker for the tests after this one
SALIENT_DEMO=0 "$ROOT/scripts/stack" start > /dev/null
ok $? "the stack's worker is back"
