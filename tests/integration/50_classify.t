#!/usr/bin/env bash
# A classification run on a hand-computed fixture, three runs deep: the
# assignments, the history intervals, and a run that changes nothing
# writing nothing (DESIGN.md section 5).
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

wipe_store
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '3');
     INSERT INTO customers (id, host_id, smart_type) VALUES
       (1, 'A', 'retail'), (2, 'B', 'retail'), (3, 'C', 'trade');
     INSERT INTO customers (id, host_id, placeholder) VALUES (4, 'P', 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('a1', 1, '2023-11-01', 100, 'paid'), ('a2', 1, '2023-11-11', 100, 'paid'),
       ('a3', 1, '2023-11-21', 100, 'paid'), ('a4', 1, '2024-03-21', 150, 'paid'),
       ('a5', 1, '2024-03-30', 999, 'refunded'),
       ('b1', 2, '2024-03-01', 50, 'paid'), ('b2', 2, '2024-03-11', 50, 'paid'),
       ('c1', 3, '2024-03-30', 1000, 'paid');
     INSERT INTO orders (host_id, customer_id, total) VALUES ('p1', 1, 0);
     INSERT INTO classifications (id, title, type, smart_type, value, position) VALUES
       (1, 'Due', 'risk_score', 'all', 100, 1), (2, 'Late', 'risk_score', 'all', 300, 2),
       (3, 'Top', 'revenue_rank', 'retail', 50, 1),
       (4, 'Falling', 'revenue_change', 'all', 0, 1);"
ok $? "fixture loaded"

current() { sql "SELECT GROUP_CONCAT(CONCAT(c.host_id, ':', cc.classification_id) ORDER BY c.host_id, cc.classification_id)
                 FROM customer_classifications cc JOIN customers c ON c.id = cc.customer_id"; }

out=$("${S[@]}" recompute --as-of 2024-03-31)
ok $? "recompute --as-of 2024-03-31 runs"
like "$out" "3 customers, 7 paid orders" "it read 3 customers and their 7 paid orders (placeholders and refunds ignored)"
is "$(current)" "A:1,A:3,A:4,B:2" "run 1: A due, top, falling; B late; C nothing"
is "$(sql "SELECT CONCAT_WS(' ', revenue_cur, revenue_prev, orders_cur, orders_prev, ROUND(risk_score, 4),
           ROUND(risk_change, 4), revenue_rank, ROUND(revenue_change, 4), revenue_share)
           FROM customer_metrics WHERE customer_id = 1")" \
   "150.0000 300.0000 1 3 21.2766 -94.6809 50 -50.0000 0" \
   "A's metrics, hand-computed (3 months: risk 10 days late on a 47-day rhythm; 400 at T-P)"
is "$(sql "SELECT CONCAT_WS(' ', revenue_cur, IFNULL(risk_score, 'NULL'), IFNULL(revenue_change, 'NULL'))
           FROM customer_metrics WHERE customer_id = 3")" "1000.0000 NULL NULL" \
   "C: one order day, no previous revenue: undefined metrics are NULL"
is "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE customer_id = 4")" 0 "no metrics for a placeholder customer"
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE to_date IS NULL")" 4 "four open history intervals"

out=$("${S[@]}" recompute --as-of 2024-03-31)
like "$out" "0 classifications given, 0 taken away, metrics unchanged" "run 2 on the same data changes nothing"
is "$(sql "SELECT COUNT(*) FROM classification_history")" 4 "and writes no history"

out=$("${S[@]}" recompute --as-of 2024-05-20)
like "$out" "1 classifications given, 3 taken away, metrics written" "run 3, on 2024-05-20: one given, three taken"
is "$(current)" "A:2,A:3" "A now late (127.7), no longer falling (+50 %); B past every risk tier (700)"
is "$(sql "SELECT CONCAT(from_date, '..', IFNULL(to_date, 'open')) FROM classification_history
           WHERE customer_id = 1 AND classification_id = 1")" "2024-03-31..2024-05-20" \
   "A's 'due' interval is closed at the third run"
is "$(sql "SELECT CONCAT(from_date, '..', IFNULL(to_date, 'open')) FROM classification_history
           WHERE customer_id = 1 AND classification_id = 2")" "2024-05-20..open" "A's 'late' interval is open"
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE to_date IS NULL")" 2 "two intervals open"
is "$(sql "SELECT COUNT(*) FROM classify_runs")" 3 "three runs recorded"

out=$("${S[@]}" recompute --as-of 2024-13-01 2>&1)
is "$?" 2 "a bad --as-of is a usage error"
like "$out" "'2024-13-01' is not a date" "and says so"
# the setting is read through the declared settings (sl_setting_int): a
# stored value its check refuses (only SQL can store one) reads as the default
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '5')"
out=$("${S[@]}" recompute --as-of 2024-05-20 2>&1)
like "$out" "timeframe 12 months" "a bad stored timeframe reads as the default, 12 months"
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '6')"
out=$("${S[@]}" recompute --as-of 2024-05-20 2>&1)
like "$out" "timeframe 6 months" "a valid timeframe setting is used"
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12')"

# the API queues a run for the worker
http POST /api/v1/classifications/recompute -H "Authorization: Bearer $API_KEY" \
	-H 'Content-Type: application/json' -d '{"as_of": "2024-05-20"}'
is "$STATUS" 202 "POST /api/v1/classifications/recompute queues a run"
job=$(json job_id)
job_done $job 20
is "$(sql "SELECT state FROM jobs WHERE id = $job")" done "the worker ran it"
# without as_of: a run as of today with the predictions, queued once
kill -STOP "$(cat "$RUN/worker.pid")"   # hold the worker, to see the queued job
http POST /api/v1/classifications/recompute -H "Authorization: Bearer $API_KEY"
j1=$(json job_id)
is "$STATUS:$(json already)" "202:false" "without as_of: a run is queued"
http POST /api/v1/classifications/recompute -H "Authorization: Bearer $API_KEY"
is "$STATUS:$(json already):$(json job_id)" "202:true:$j1" "asked again: the queued run is answered, not doubled"
is "$(sql "SELECT args FROM jobs WHERE id = $j1")" '{"with_predictions":true}' "with the predictions"
sql "DELETE FROM jobs WHERE id = $j1"
kill -CONT "$(cat "$RUN/worker.pid")"
http POST /api/v1/classifications/recompute -H "Authorization: Bearer $API_KEY" \
	-H 'Content-Type: application/json' -d '{"as_of": "April"}'
is "$STATUS" 400 "a bad as_of is 400"
