#!/usr/bin/env bash
# The classification type "probability alive" (issue 8): tiers of
# 100 x P(alive) from each customer's row of customer_predictions, from the
# floor 0; no classification of the type without a prediction.  Then a
# classify.recompute job with "with_predictions": true: the fit runs first
# (here refused, too few customers) and the run goes on with the
# predictions in force.  Hand-computed fixture, predictions inserted directly.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

sql "DELETE FROM classification_history; DELETE FROM classifications; DELETE FROM classify_runs;
     DELETE FROM customer_metrics; DELETE FROM customer_predictions; DELETE FROM predict_fits;
     DELETE FROM order_lines; DELETE FROM orders; DELETE FROM customer_tags;
     DELETE FROM consents; DELETE FROM targets; DELETE FROM customers;
     REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
     INSERT INTO customers (id, host_id, smart_type) VALUES
       (1, 'A', 'retail'), (2, 'B', 'retail'), (3, 'E', 'retail'), (4, 'F', 'retail'),
       (5, 'C', 'trade'), (6, 'D', 'retail');
     INSERT INTO customers (id, host_id, placeholder) VALUES (7, 'P', 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES
       ('a1', 1, '2024-01-10', 10, 'paid'), ('c1', 5, '2024-02-10', 20, 'paid');
     INSERT INTO predict_fits (id, smart_type, as_of, n_customers, n_repeaters, history_days,
       monthly_discount, status) VALUES (900, 'retail', '2024-03-31', 5, 0, 0, 0.01, 'published'),
       (901, 'trade', '2024-03-31', 1, 0, 0, 0.01, 'published');
     INSERT INTO customer_predictions (customer_id, fit_id, as_of, p_alive, expected_orders_90d,
       expected_aov, clv_12m, x, t_x, T) VALUES
       (1, 900, '2024-03-31', 0, 0, 0, 0, 0, 0, 1),
       (2, 900, '2024-03-31', 0.25, 0, 0, 0, 0, 0, 1),
       (3, 900, '2024-03-31', 0.2500001, 0, 0, 0, 0, 0, 1),
       (4, 900, '2024-03-31', 0.75, 0, 0, 0, 0, 0, 1),
       (5, 901, '2024-03-31', 0.8, 0, 0, 0, 0, 0, 1),
       (7, 900, '2024-03-31', 0.1, 0, 0, 0, 0, 0, 1);
     INSERT INTO classifications (id, title, type, smart_type, value, min_spend, position) VALUES
       (1, 'Fading', 'p_alive', 'retail', 25, 0, 1), (2, 'Wavering', 'p_alive', 'retail', 50, 0, 2),
       (3, 'Alive', 'p_alive', 'all', 100, 0, 1);"
ok $? "fixture loaded: six customers, five with a prediction, a placeholder with one"
is "$(sql "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
           AND TABLE_NAME = 'classifications' AND COLUMN_NAME = 'type'" | grep -c "'p_alive'")" 1 \
   "migration 008: classifications.type accepts p_alive"

current() { sql "SELECT GROUP_CONCAT(CONCAT(c.host_id, ':', cc.classification_id) ORDER BY c.host_id, cc.classification_id)
                 FROM customer_classifications cc JOIN customers c ON c.id = cc.customer_id"; }

out=$("${S[@]}" recompute --as-of 2024-03-31 2> "$TMP/recompute.err")
ok $? "recompute --as-of 2024-03-31 runs"
like "$out" "6 customers, 2 paid orders" "six real customers read"
# A 0 (the floor, first tier); B 25 (the first tier's bound, inclusive);
# E 25.00001 (second tier); F 75 (above the last retail tier: none of them);
# C trade 80 (only the 'all' tier); D no prediction: nothing.
is "$(current)" "A:1,A:3,B:1,B:3,C:3,E:2,E:3,F:3" \
   "p_alive tiers: floor inclusive, bounds inclusive, above the last tier none, no prediction none"
is "$(sql "SELECT COUNT(*) FROM classification_history WHERE customer_id = 7")" 0 \
   "the placeholder's prediction gives it nothing"

# a prediction changes: B's P(alive) rises to 0.5, D gets one of 0.1
sql "UPDATE customer_predictions SET p_alive = 0.5 WHERE customer_id = 2;
     INSERT INTO customer_predictions (customer_id, fit_id, as_of, p_alive, expected_orders_90d,
       expected_aov, clv_12m, x, t_x, T) VALUES (6, 900, '2024-03-31', 0.1, 0, 0, 0, 0, 0, 1)"
out=$("${S[@]}" recompute --as-of 2024-03-31 2> "$TMP/recompute.err")
like "$out" "3 classifications given, 1 taken away" "run 2: B moves up a tier, D gets two"
is "$(current)" "A:1,A:3,B:2,B:3,C:3,D:1,D:3,E:2,E:3,F:3" "B wavering (50), D fading (10)"

# the job with the predictions first: too few customers, the fit is refused,
# the predictions in force stay and the run goes on
sql "INSERT INTO jobs (kind, args, max_attempts) VALUES ('classify.recompute',
       '{\"as_of\": \"2024-04-30\", \"with_predictions\": true}', 1)"
job=$(sql "SELECT MAX(id) FROM jobs")
job_done $job 30
is "$(sql "SELECT state FROM jobs WHERE id = $job")" done "classify.recompute with_predictions: done"
is "$(sql "SELECT COUNT(*) FROM predict_fits WHERE status = 'refused' AND as_of = '2024-04-30'")" 2 \
   "the fit ran first (retail and trade, refused: too few customers)"
is "$(sql "SELECT COUNT(*) FROM customer_predictions")" 7 "the predictions in force stay"
is "$(sql "SELECT as_of FROM classify_runs ORDER BY id DESC LIMIT 1")" 2024-04-30 "and the run went on"
is "$(current)" "A:1,A:3,B:2,B:3,C:3,D:1,D:3,E:2,E:3,F:3" \
   "with them: the same classifications"

sql "INSERT INTO jobs (kind, args, max_attempts) VALUES ('classify.recompute',
       '{\"with_predictions\": \"yes\"}', 1)"
job=$(sql "SELECT MAX(id) FROM jobs")
wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE id = $job\")\" = failed ]" 30
is "$(sql "SELECT state FROM jobs WHERE id = $job")" failed "with_predictions that is not a boolean fails the job"
http GET "/api/v1/jobs/$job" -H "Authorization: Bearer $API_KEY"
like "$(json last_error_text)" "whether to refit the predictions first must be true or false" "and says why"
