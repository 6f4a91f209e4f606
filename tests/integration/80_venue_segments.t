#!/usr/bin/env bash
# The behavioural segment of each booking (issue 20 item 4, DESIGN.md
# section 5) as the venue.segments job stores it: a hand-computed fixture
# at every boundary of the windows (booking on 2026-03-31: 36 months before
# is 2023-03-31, 18 months before 2024-09-30), then every stored booking
# against the same definition written here in SQL, with the default
# windows and with changed ones; a run that changes nothing writes nothing.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')

sql "DELETE ol FROM order_lines ol JOIN orders o ON o.id = ol.order_id WHERE o.host_id LIKE 'VSG-%';
     DELETE FROM orders WHERE host_id LIKE 'VSG-%';
     DELETE FROM events WHERE host_id LIKE 'VSG-%';
     DELETE FROM productions WHERE host_id LIKE 'VSG-%';
     DELETE FROM customers WHERE host_id LIKE 'VSG-%';
     DELETE FROM settings WHERE name LIKE 'venue.%'"
ok $? "old fixture rows removed, venue settings at their defaults"

sql "INSERT INTO productions (host_id, name, genre) VALUES ('VSG-P', 'Segments', 'drama');
     INSERT INTO customers (host_id, first_name) VALUES ('VSG-C1', 'none'), ('VSG-C2', 'lapsed'),
       ('VSG-C3', 'stale36'), ('VSG-C4', 'stale18'), ('VSG-C5', 'first'), ('VSG-C6', 'convertee'),
       ('VSG-C7', 'active3'), ('VSG-C8', 'active10'), ('VSG-C9', 'super11'), ('VSG-C10', 'refunded'), ('VSG-C11', 'at start')"
P=$(sql "SELECT id FROM productions WHERE host_id = 'VSG-P'")
# ev HOST STARTS_AT: an event of the production
ev() { sql "INSERT INTO events (host_id, starts_at, production_id) VALUES ('$1', '$2', $P)"; }
ev VSG-E-LAPSED '2023-03-30 19:00:00'
ev VSG-E-STALE36 '2023-03-31 19:00:00'
ev VSG-E-STALE18 '2024-09-30 23:30:00'
ev VSG-E-RECENT '2024-10-01 19:00:00'
for i in $(seq 1 11); do ev "VSG-R$i" "2025-$(printf %02d "$i")-15 19:00:00"; done
ev VSG-T '2026-05-01 19:00:00'
# book ORDER CUSTOMER EVENT ORDERED_AT [STATUS]: a ticket order of one line
book() {
	sql "INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, status)
	     SELECT '$1', id, '$4', DATE('$4'), 10, '${5:-paid}' FROM customers WHERE host_id = '$2';
	     INSERT INTO order_lines (order_id, line_no, event_id, quantity, line_total)
	     SELECT o.id, 1, e.id, 1, 10 FROM orders o, events e WHERE o.host_id = '$1' AND e.host_id = '$3'"
}
# each customer's earlier tickets, ordered a week before the event
earlier() {  # earlier CUSTOMER EVENT...
	local c=$1 e; shift
	for e in "$@"; do
		book "VSG-O-$c-$e" "$c" "$e" "$(sql "SELECT starts_at - INTERVAL 7 DAY FROM events WHERE host_id = '$e'")"
	done
}
earlier VSG-C2 VSG-E-LAPSED
earlier VSG-C3 VSG-E-LAPSED VSG-E-STALE36
earlier VSG-C4 VSG-E-STALE18
earlier VSG-C5 VSG-E-RECENT
earlier VSG-C6 VSG-R1 VSG-R2
earlier VSG-C7 VSG-R1 VSG-R2 VSG-R3
earlier VSG-C8 $(for i in $(seq 1 10); do printf 'VSG-R%s ' "$i"; done)
earlier VSG-C9 $(for i in $(seq 1 11); do printf 'VSG-R%s ' "$i"; done)
book VSG-O-C10-X VSG-C10 VSG-R1 '2025-01-01 10:00:00' refunded
for c in 1 2 3 4 5 6 7 8 9 10; do book "VSG-B$c" "VSG-C$c" VSG-T '2026-03-31 12:00:00'; done
# a booking at the very second an event starts: that event is not attended yet
earlier VSG-C11 VSG-E-RECENT
book VSG-O-AT VSG-C11 VSG-R1 '2025-01-15 19:00:00'

run_job() {
	local id
	id=$("${S_CLI[@]}" job enqueue venue.segments)
	job_done "$id" 120
	is "$(sql "SELECT state FROM jobs WHERE id = $id")" done "venue.segments job $id is done"
}
run_job
seg_of() { sql "SELECT s.segment FROM venue_booking_segments s JOIN orders o ON o.id = s.order_id WHERE o.host_id = '$1'"; }
# enum vn_segment: 1 not_customer 2 first_timer 3 convertee 4 active 5 super_active 6 stale 7 lapsed
is "$(seg_of VSG-B1)" 1 "no event before: not a customer"
is "$(seg_of VSG-B2)" 7 "last event 2023-03-30, a day more than 36 months: lapsed"
is "$(seg_of VSG-B3)" 6 "last event 2023-03-31, exactly 36 months: stale"
is "$(seg_of VSG-B4)" 6 "last event 2024-09-30 (23:30 UTC), exactly 18 months: stale"
is "$(seg_of VSG-B5)" 2 "last event 2024-10-01, one event: first timer"
is "$(seg_of VSG-B6)" 3 "two recent events: convertee"
is "$(seg_of VSG-B7)" 4 "three: active"
is "$(seg_of VSG-B8)" 4 "ten: active"
is "$(seg_of VSG-B9)" 5 "eleven: super active"
is "$(seg_of VSG-B10)" 1 "a refunded ticket attends nothing: not a customer"
is "$(seg_of VSG-O-C10-X)" "" "a refunded order is no booking"
is "$(seg_of VSG-O-AT)" 2 "booked at the start of R1, with 2024-10-01 attended: first timer"
is "$(sql "SELECT events_before FROM venue_booking_segments s JOIN orders o ON o.id = s.order_id WHERE o.host_id = 'VSG-B9'")" 11 \
	"the count of events before is stored"

# The definition again, in SQL: for each paid order with a ticket for an
# event that has a start, the distinct events of the booker's paid tickets
# that started before the order, and the last one's date.
expected() {  # expected STALE LAPSED SUPER
	sql "SELECT b.id, CASE WHEN b.n = 0 THEN 1
	        WHEN b.last_day < DATE_SUB(b.order_date, INTERVAL $2 MONTH) THEN 7
	        WHEN b.last_day <= DATE_SUB(b.order_date, INTERVAL $1 MONTH) THEN 6
	        WHEN b.n = 1 THEN 2 WHEN b.n = 2 THEN 3 WHEN b.n > $3 THEN 5 ELSE 4 END, b.n
	     FROM (SELECT o.id, o.order_date,
	             (SELECT COUNT(DISTINCT e2.id) FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
	              JOIN events e2 ON e2.id = l2.event_id
	              WHERE o2.customer_id = o.customer_id AND o2.status = 'paid' AND o2.placeholder = 0
	                AND e2.placeholder = 0 AND e2.starts_at < o.ordered_at) AS n,
	             (SELECT MAX(DATE(e2.starts_at)) FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
	              JOIN events e2 ON e2.id = l2.event_id
	              WHERE o2.customer_id = o.customer_id AND o2.status = 'paid' AND o2.placeholder = 0
	                AND e2.placeholder = 0 AND e2.starts_at < o.ordered_at) AS last_day
	           FROM orders o WHERE o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL
	             AND o.ordered_at IS NOT NULL AND o.order_date IS NOT NULL
	             AND EXISTS (SELECT 1 FROM order_lines l JOIN events e ON e.id = l.event_id
	                         WHERE l.order_id = o.id AND e.placeholder = 0 AND e.starts_at IS NOT NULL)) b
	     ORDER BY b.id"
}
stored() { sql "SELECT order_id, segment, events_before FROM venue_booking_segments ORDER BY order_id"; }
expected 18 36 10 > "$TMP/want"
stored > "$TMP/got"
ok $([ -s "$TMP/want" ]; echo $?) "there are bookings to compare ($(wc -l < "$TMP/want"))"
is "$(diff "$TMP/want" "$TMP/got" | head -5)" "" "every booking's segment as the SQL definition has it (18, 36, 10)"

run_job
is "$(sql "SELECT changed FROM venue_job_runs WHERE id = 1")" 0 "a run that changes nothing writes nothing"

http PUT /api/v1/settings "${AUTH[@]}" "${JS[@]}" \
	-d '{"venue_stale_months": 6, "venue_lapsed_months": 12, "venue_super_active_above": 4}'
is "$STATUS" 200 "the windows are settings"
run_job
expected 6 12 4 > "$TMP/want"
stored > "$TMP/got"
is "$(diff "$TMP/want" "$TMP/got" | head -5)" "" "every booking's segment with the windows 6, 12, 4"
is "$(seg_of VSG-B7)" 7 "with a 12-month lapsed window, R3 (2025-03-15) is lapsed"
is "$(seg_of VSG-B8)" 5 "ten events, the last 2025-10-15 (after 2025-09-30): super active above 4"
ok $([ "$(sql "SELECT changed FROM venue_job_runs WHERE id = 1")" -gt 0 ]; echo $?) "the changed rows were written"

# a booking gone (its order cancelled) loses its row
sql "UPDATE orders SET status = 'cancelled' WHERE host_id = 'VSG-B1'"
run_job
is "$(seg_of VSG-B1)" "" "a cancelled booking's row is removed"
expected 6 12 4 > "$TMP/want"
stored > "$TMP/got"
is "$(diff "$TMP/want" "$TMP/got" | head -5)" "" "and the rest still match"
sql "DELETE FROM settings WHERE name LIKE 'venue.%'"
