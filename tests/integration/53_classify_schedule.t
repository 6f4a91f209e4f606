#!/usr/bin/env bash
# The default schedule: the setting recompute_per_day makes the worker queue
# classify.recompute {"with_predictions": true, "scheduled": true} that many
# times a day, evenly spread from midnight in the site's time zone, once per
# run however many workers there are.  The workers are given the time with
# `salient worker --once --at` (the stack's own worker is stopped meanwhile).
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

kill -TERM "$(cat "$RUN/worker.pid")"
wait_for "! kill -0 $(cat "$RUN/worker.pid")" 30
ok $? "the stack's worker is stopped"
sql "DELETE FROM jobs WHERE dedup_key LIKE 'sched:classify.recompute:2031%';
     DELETE FROM settings WHERE name = 'classify.recompute_per_day'"
queued() { sql "SELECT COUNT(*) FROM jobs WHERE dedup_key = 'sched:classify.recompute:$1'"; }

# the default, 4 a day: 00:00, 06:00, 12:00, 18:00
for w in 1 2 3; do "${S[@]}" worker --once --at 2031-01-15T06:00 2> "$TMP/w$w.log" & done
wait
is "$(queued 203101150600)" 1 "06:00 with the default of 4 a day: queued once by three workers"
is "$(sql "SELECT CONCAT(kind, ' ', args) FROM jobs WHERE dedup_key = 'sched:classify.recompute:203101150600'")" \
	'classify.recompute {"with_predictions": true, "scheduled": true}' "with the schedule's arguments"
is "$(cat "$TMP"/w*.log | grep -c 'scheduled classify.recompute (classify.recompute), run 2 of 4 a day')" 1 \
	"one worker's log says it queued run 2 of 4"
# once T: one worker --once --at T, its log kept; a failed run is named below
once_failed=""
once() { "${S[@]}" worker --once --at "$1" >> "$TMP/once.log" 2>&1 || once_failed="$once_failed $1"; }
once 2031-01-15T06:00
is "$(queued 203101150600)" 1 "a worker started again in the same minute queues nothing more"
for t in 2031-01-15T06:01 2031-01-15T05:59 2031-01-15T08:00; do
	once "$t"
done
is "$(sql "SELECT COUNT(*) FROM jobs WHERE dedup_key LIKE 'sched:classify.recompute:2031%'")" 1 \
	"05:59, 06:01 and 08:00 are no run times"
once 2031-01-15T00:00
once 2031-01-15T18:00
is "$(queued 203101150000)$(queued 203101151800)" 11 "midnight and 18:00 are"

# the setting changes the times without a restart
sql "REPLACE INTO settings (name, value) VALUES ('classify.recompute_per_day', '3')"
once 2031-01-16T08:00
once 2031-01-16T06:00
is "$(queued 203101160800)$(queued 203101160600)" 10 "3 a day: 08:00 is a run time, 06:00 no longer"
sql "REPLACE INTO settings (name, value) VALUES ('classify.recompute_per_day', '0')"
once 2031-01-17T00:00
is "$(queued 203101170000)" 0 "0 turns the schedule off, midnight included"

is "$once_failed" "" "every worker --once --at run exits 0"
out=$("${S[@]}" worker --once --at 2031-13-01T00:00 2>&1)
is "$?" 2 "a bad --at is a usage error"
like "$out" "is not a local time" "that says why"
out=$("${S[@]}" worker --at 2031-01-01T00:00 2>&1)
like "$out" "goes with --once" "--at without --once is refused"

sql "REPLACE INTO settings (name, value) VALUES ('classify.recompute_per_day', '0');
     DELETE FROM jobs WHERE dedup_key LIKE 'sched:classify.recompute:2031%'"
SALIENT_DEMO=0 "$ROOT/scripts/stack" start > /dev/null
ok $? "the stack's worker is back"
