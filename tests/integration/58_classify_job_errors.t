#!/usr/bin/env bash
# Why a classification run failed, in the reader's language (issue 14 item
# 6): the job stores its reason as a catalog key with its values
# (sl_job_fail_key), and the job list, the job's own answer, jobs.csv, the
# dashboard and the classifications page's "last run" word it in the
# user's language; English stays readable.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
J=(-H 'Accept: application/json')
N=$$

# a run as of a day that does not exist, one attempt: it fails at once
sql "INSERT INTO jobs (kind, args, max_attempts) VALUES ('classify.recompute', '{\"as_of\": \"2024-02-30\"}', 1)"
id=$(sql "SELECT MAX(id) FROM jobs WHERE kind = 'classify.recompute'")
wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE id = $id\")\" = failed ]" 20
ok $? "the run as of 2024-02-30 fails"
stored=$(sql "SELECT last_error FROM jobs WHERE id = $id")
like "$stored" '"key":"classify.job.as_of"' "the reason is stored as a catalog key with its values"
like "$stored" '"value":"2024-02-30"' "  and the value it names"

http GET "/api/v1/jobs/$id" "${AUTH[@]}"
is "$(json last_error_text)" "the run's date '2024-02-30' is not a date (YYYY-MM-DD)" "English by default"
http GET "/api/v1/jobs/$id" "${AUTH[@]}" -H 'Accept-Language: da'
is "$(json last_error_text)" "kørslens dato '2024-02-30' er ikke en dato (ÅÅÅÅ-MM-DD)" "da: the job's answer words it in Danish"
http GET /api/v1/jobs "${AUTH[@]}" -H 'Accept-Language: da'
like "$BODY" "kørslens dato '2024-02-30' er ikke en dato" "da: so does the job list"
http GET /api/v1/jobs.csv "${AUTH[@]}" -H 'Accept-Language: da'
like "$BODY" "kørslens dato '2024-02-30' er ikke en dato" "da: and jobs.csv"

staff_user "jobs-da-$N@test.example" admin "jobs-da-pass-1"
sql "UPDATE users SET lang = 'da' WHERE email = 'jobs-da-$N@test.example'"
sql "DELETE FROM login_failures"
staff_login "jobs-da-$N@test.example" "jobs-da-pass-1" "$TMP/da.jar"
http GET /admin/classifications -b "$TMP/da.jar"
like "$BODY" "Den seneste genberegning mislykkedes: kørslens dato [^ ]*2024-02-30[^ ]* er ikke en dato" \
	"da: the classifications page's last run says why in Danish"
unlike() { ! printf '%s' "$1" | grep -q -- "$2"; ok $? "$3"; }
unlike "$BODY" '"key":' "  not the stored code"
http GET /admin/ -b "$TMP/da.jar"
like "$BODY" "kørslens dato [^ ]*2024-02-30[^ ]* er ikke en dato" "da: and the dashboard's recent jobs"

# a reason from an older release (plain text) is shown as it is
sql "UPDATE jobs SET last_error = 'interrupted: the worker was stopped' WHERE id = $id"
http GET "/api/v1/jobs/$id" "${AUTH[@]}" -H 'Accept-Language: da'
is "$(json last_error_text)" "interrupted: the worker was stopped" "a plain stored text is shown as it is"
sql "DELETE FROM jobs WHERE id = $id"

# the other modules' jobs word their refusals the same way (issue 14 item 6)
job_reason() {  # job_reason KIND ARGS_JSON LANG -> last_error_text after one failed attempt
	sql "INSERT INTO jobs (kind, args, max_attempts) VALUES ('$1', '$2', 1)"
	local jid
	jid=$(sql "SELECT MAX(id) FROM jobs WHERE kind = '$1'")
	wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE id = $jid\")\" = failed ]" 20
	http GET "/api/v1/jobs/$jid" "${AUTH[@]}" -H "Accept-Language: $3"
	json last_error_text
	sql "DELETE FROM jobs WHERE id = $jid"
}
is "$(job_reason predict.fit '{"as_of": "2024-13-01"}' ru)" "дата расчёта «2024-13-01» не является датой (ГГГГ-ММ-ДД)" \
	"ru: a prediction run with a wrong date says so in Russian"
is "$(job_reason predict.fit '{"monthly_discount": "a lot"}' da)" "den månedlige diskontering 'a lot' er ikke et tal" \
	"da: and a discount that is not a number, in Danish"
is "$(job_reason trade.popularity '{"as_of": "yesterday"}' da)" "rangeringens dato 'yesterday' er ikke en dato (ÅÅÅÅ-MM-DD)" \
	"da: the popularity ranking's wrong date, in Danish"
is "$(job_reason core.cleanup '[1]' en)" "the job's arguments are not a JSON object" \
	"the job runner's own refusal is worded too"

# a job whose worker stopped sending heartbeats is queued again, and says so in words
# (to start tomorrow, so that no worker runs it before it is read)
sql "INSERT INTO jobs (kind, args, state, locked_by, heartbeat_at, started_at, run_after) VALUES ('core.cleanup', '{}', 'running', 'gone-host:4242', NOW(3) - INTERVAL 2 DAY, NOW(3) - INTERVAL 2 DAY, NOW(3) + INTERVAL 1 DAY)"
sid=$(sql "SELECT MAX(id) FROM jobs WHERE locked_by = 'gone-host:4242'")
"$SALIENT_BUILD/salient" -c "$SALIENT_CONF" worker --once > /dev/null 2>&1
is "$(sql "SELECT state <> 'running' FROM jobs WHERE id = $sid")" 1 "a job with a stale heartbeat is taken back"
like "$(sql "SELECT last_error FROM jobs WHERE id = $sid")" '"core.job.stale"' "  its reason stored as a catalog key"
sql "UPDATE jobs SET state = 'failed' WHERE id = $sid"
http GET "/api/v1/jobs/$sid" "${AUTH[@]}" -H 'Accept-Language: da'
is "$(json last_error_text)" "baggrundsprocessen gone-host:4242 holdt op med at svare; jobbet blev sat i kø igen" \
	"da: naming the worker that stopped"
sql "DELETE FROM jobs WHERE id = $sid"
