#!/usr/bin/env bash
# The sales trajectory (issue 20 items 1-3, 5; DESIGN.md section 5) on a
# fixture as of 2026-06-10: production X (opera, first performance
# 2026-06-20) against three finished operas and a comedy.  Every figure of
# the API is checked against SQL written here from the orders themselves:
# actual revenue, tickets and bookers, the curve (the mean of the
# comparables' normalised cumulative sales 10 days before their first
# performance), trajectory = target x curve, forecast = actual / curve,
# bookers by segment, the filter's scaling; the curve's fallbacks; the
# targets page, API and import kind with their refusals; comments; CSV.
. "$(dirname "$0")/lib.sh"
AUTH=(-H "Authorization: Bearer $API_KEY")
JS=(-H 'Content-Type: application/json')
AJ=(-H 'Accept: application/json')

sql "DELETE ol FROM order_lines ol JOIN orders o ON o.id = ol.order_id WHERE o.host_id LIKE 'VTR-%';
     DELETE FROM orders WHERE host_id LIKE 'VTR-%';
     DELETE FROM venue_targets WHERE production_id IN (SELECT id FROM productions WHERE host_id LIKE 'VTR-%');
     DELETE FROM venue_comments WHERE production_id IN (SELECT id FROM productions WHERE host_id LIKE 'VTR-%');
     DELETE FROM events WHERE host_id LIKE 'VTR-%';
     DELETE FROM productions WHERE host_id LIKE 'VTR-%';
     DELETE FROM customers WHERE host_id LIKE 'VTR-%'"
ok $? "old fixture rows removed"
# other tests' finished productions would join the comparables: only ours count
sql "UPDATE productions SET genre = NULL WHERE genre IN ('vtr-opera', 'vtr-comedy')"
sql "INSERT INTO productions (host_id, name, genre) VALUES ('VTR-C1', 'Opera one', 'vtr-opera'),
       ('VTR-C2', 'Opera two', 'vtr-opera'), ('VTR-C3', 'Opera three', 'vtr-opera'),
       ('VTR-D', 'Comedy', 'vtr-comedy'), ('VTR-X', 'Opera now', 'vtr-opera')"
for i in $(seq 1 12); do sql "INSERT INTO customers (host_id, first_name) VALUES ('VTR-K$i', 'K$i')"; done
pid() { sql "SELECT id FROM productions WHERE host_id = '$1'"; }
X=$(pid VTR-X)
ev() { sql "INSERT INTO events (host_id, starts_at, production_id) VALUES ('$1', '$2', $(pid "$3"))"; }
for k in 1 2 3; do ev "VTR-EC$k" '2026-03-20 19:00:00' "VTR-C$k"; ev "VTR-EC${k}b" '2026-03-22 19:00:00' "VTR-C$k"; done
ev VTR-ED '2026-04-10 19:00:00' VTR-D
ev VTR-EX1 '2026-06-20 19:00:00' VTR-X
ev VTR-EX2 '2026-06-25 19:00:00' VTR-X
N=0
sell() {  # sell EVENT CUSTOMER DATE QTY PRICE
	N=$((N + 1))
	sql "INSERT INTO orders (host_id, customer_id, ordered_at, order_date, total, status)
	     SELECT 'VTR-O$N', id, '$3 12:00:00', '$3', $4 * $5, 'paid' FROM customers WHERE host_id = '$2';
	     INSERT INTO order_lines (order_id, line_no, event_id, quantity, unit_price, line_total)
	     SELECT o.id, 1, e.id, $4, $5, $4 * $5 FROM orders o, events e WHERE o.host_id = 'VTR-O$N' AND e.host_id = '$1'"
}
for k in 1 2 3; do
	for i in $(seq 1 8); do
		sell "VTR-EC$k" "VTR-K$i" "$(date -u -d "2026-03-20 -$((i * 5 + k)) days" +%F)" $((1 + i % 3)) $((100 + 10 * k))
	done
	sell "VTR-EC${k}b" VTR-K9 2026-03-21 2 120
done
for i in 1 2 3 4; do sell VTR-ED "VTR-K$i" "2026-03-2$i" 1 80; done
for i in $(seq 1 6); do sell VTR-EX1 "VTR-K$i" "$(date -u -d "2026-05-01 +$((i * 5)) days" +%F)" 2 150; done
sell VTR-EX2 VTR-K1 2026-06-08 1 150
sell VTR-EX2 VTR-K10 2026-06-08 3 150
sell VTR-EX2 VTR-K11 2026-06-12 4 150   # after the as-of date
sql "UPDATE orders SET status = 'refunded' WHERE host_id = 'VTR-O$N'"
sell VTR-EX2 VTR-K12 2026-06-09 1 150
sql "UPDATE orders SET status = 'refunded' WHERE host_id = 'VTR-O$N'"

id=$("${S_CLI[@]}" job enqueue venue.segments); job_done "$id" 120
is "$(sql "SELECT state FROM jobs WHERE id = $id")" done "venue.segments ran"
# the job's production days against the orders
is "$(sql "SELECT GROUP_CONCAT(CONCAT(day, '/', revenue + 0, '/', tickets, '/', bookers) ORDER BY day)
	FROM venue_production_days WHERE production_id = $(pid VTR-C1)")" \
   "$(sql "SELECT GROUP_CONCAT(CONCAT(d, '/', r + 0, '/', t, '/', b) ORDER BY d) FROM (
	SELECT o.order_date d, SUM(l.line_total) r, SUM(l.quantity) t,
	  COUNT(DISTINCT CASE WHEN o.order_date = (SELECT MIN(o2.order_date) FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
	    JOIN events e2 ON e2.id = l2.event_id WHERE o2.customer_id = o.customer_id AND e2.production_id = e.production_id
	    AND o2.status = 'paid') THEN o.customer_id END) b
	FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN events e ON e.id = l.event_id
	WHERE e.production_id = $(pid VTR-C1) AND o.status = 'paid' GROUP BY o.order_date) q")" \
   "the production days of Opera one: revenue, tickets, new bookers per day"

Q="production=$X&as_of=2026-06-10"
sqlx() {  # sqlx EXPR: over X's paid bookings up to the as-of date
	sql "SELECT $1 FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN events e ON e.id = l.event_id
	     WHERE e.production_id = $X AND o.status = 'paid' AND o.order_date <= '2026-06-10' ${2:-}"
}
# the mean at offset 10 of the comparables' normalised cumulative curves of measure M
curve_sql() {  # curve_sql VALUE_EXPR [PRODUCTION_FILTER]
	sql "SELECT ROUND(AVG(x), 6) FROM (SELECT p.id, CAST(SUM(CASE WHEN DATEDIFF(f.first, o.order_date) >= 10 THEN $1 ELSE 0 END) AS DOUBLE) / SUM($1) x
	     FROM productions p JOIN (SELECT production_id, MIN(DATE(starts_at)) first FROM events GROUP BY production_id) f ON f.production_id = p.id
	     JOIN events e ON e.production_id = p.id JOIN order_lines l ON l.event_id = e.id JOIN orders o ON o.id = l.order_id
	     WHERE o.status = 'paid' AND p.host_id IN (${2:-'VTR-C1', 'VTR-C2', 'VTR-C3'}) GROUP BY p.id) c"
}
bookers_curve_sql() {
	sql "SELECT ROUND(AVG(x), 6) FROM (SELECT q.pid, CAST(SUM(DATEDIFF(q.first, q.d) >= 10) AS DOUBLE) / COUNT(*) x FROM (
	       SELECT p.id pid, f.first, o.customer_id, MIN(o.order_date) d FROM productions p
	       JOIN (SELECT production_id, MIN(DATE(starts_at)) first FROM events GROUP BY production_id) f ON f.production_id = p.id
	       JOIN events e ON e.production_id = p.id JOIN order_lines l ON l.event_id = e.id JOIN orders o ON o.id = l.order_id
	       WHERE o.status = 'paid' AND p.host_id IN ('VTR-C1', 'VTR-C2', 'VTR-C3') GROUP BY p.id, f.first, o.customer_id) q GROUP BY q.pid) c"
}
num() { perl -e 'printf "%.2f", $ARGV[0]' "$1"; }
num6() { perl -e 'printf "%.6f", $ARGV[0]' "$1"; }

http GET "/api/v1/venue/trajectory?$Q" "${AUTH[@]}"
is "$STATUS" 200 "the trajectory API answers"
is "$(json curve_source)" genre "three finished operas: the curve is theirs"
is "$(json compared.2.name)/$(json compared.3)" "Opera three/null" "and names them (not the comedy)"
is "$(json first_performance)/$(json last_performance)/$(json on_sale)" "2026-06-20/2026-06-25/2026-05-06" \
	"first and last performance; on sale with the first ticket sold"
is "$(num "$(json summary.revenue.actual)")" "$(num "$(sqlx 'SUM(l.line_total)')")" "actual revenue as SQL sums it (refunds out, the 12th out)"
is "$(json summary.tickets.actual)" "$(sqlx 'SUM(l.quantity)')" "actual tickets"
is "$(json summary.bookers.actual)" "$(sqlx 'COUNT(DISTINCT o.customer_id)')" "actual bookers (distinct customers)"
CR=$(curve_sql 'l.line_total'); CT=$(curve_sql 'l.quantity'); CB=$(bookers_curve_sql)
is "$(num6 "$(json summary.revenue.curve)")" "$(num6 "$CR")" "the revenue curve 10 days before: the comparables' mean ($CR)"
is "$(num6 "$(json summary.tickets.curve)")" "$(num6 "$CT")" "the tickets curve ($CT)"
is "$(num6 "$(json summary.bookers.curve)")" "$(num6 "$CB")" "the bookers curve ($CB)"
is "$(json summary.revenue.trajectory)" null "no target: no trajectory"
is "$(num "$(json summary.revenue.forecast)")" "$(num "$(perl -e "print $(sqlx 'SUM(l.line_total)') / $CR")")" \
	"forecast of the final revenue = actual / curve"

# targets: the API, its rules, the page
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"revenue": "5000", "tickets": 40, "bookers": 20}'
is "$STATUS" 200 "totals are set through the API"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"segment": "active", "share": "25"}'
is "$STATUS" 200 "a segment's share"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"segment": "not_customer", "bookers": 10}'
is "$STATUS" 200 "a segment's number of bookers"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"share": "25"}'
is "$STATUS" 422 "a share on the totals is refused"
like "$BODY" 'share' "naming the column"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"segment": "stale", "bookers": 3, "share": "5"}'
is "$STATUS" 422 "bookers and share together are refused"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"segment": "stale", "revenue": "3"}'
is "$STATUS" 422 "revenue on a segment is refused"
http PUT "/api/v1/venue/productions/$X/targets" "${AUTH[@]}" "${JS[@]}" -d '{"event": 1, "revenue": "3"}'
is "$STATUS" 422 "an event of another production is refused"
http GET "/api/v1/venue/productions/$X/targets" "${AUTH[@]}"
is "$(json totals.revenue)/$(json totals.tickets)/$(json totals.bookers)" "5000/40/20" "the totals read back"
is "$(json targets.0.segment)/$(json targets.1.segment)/$(json targets.2.segment)/$(json targets.3)" \
	"all/not_customer/active/null" "three rows: all, not_customer, active"
is "$(json default_on_sale)" 2026-05-06 "the default on-sale date is the first ticket sold"

http GET "/api/v1/venue/trajectory?$Q" "${AUTH[@]}"
A=$(sqlx 'SUM(l.line_total)')
is "$(num "$(json summary.revenue.trajectory)")" "$(num "$(perl -e "print 5000 * $CR")")" "trajectory = target x curve (revenue)"
is "$(num "$(json summary.tickets.trajectory)")" "$(num "$(perl -e "print 40 * $CT")")" "trajectory (tickets)"
is "$(num "$(json summary.revenue.progress)")" "$(num "$(perl -e "print 100 * $A / (5000 * $CR)")")" "progress = actual / trajectory"
# bookers by the segment of their first booking of X
segsql() {
	sql "SELECT COUNT(*) FROM (SELECT o.customer_id, (SELECT s.segment FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
	       JOIN events e2 ON e2.id = l2.event_id JOIN venue_booking_segments s ON s.order_id = o2.id
	       WHERE o2.customer_id = o.customer_id AND e2.production_id = $X AND o2.status = 'paid' AND o2.order_date <= '2026-06-10'
	       ORDER BY o2.order_date, o2.id LIMIT 1) seg
	     FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN events e ON e.id = l.event_id
	     WHERE e.production_id = $X AND o.status = 'paid' AND o.order_date <= '2026-06-10' GROUP BY o.customer_id) q WHERE seg = $1"
}
seg_row() { printf '%s' "$BODY" | perl -MJSON::PP -e '$d = decode_json(join "", <STDIN>); for (@{$d->{segments}{rows}}) { print "$_->{bookers}/", $_->{target} // "null" if $_->{segment} eq $ARGV[0] }' "$1"; }
is "$(seg_row not_customer)" "$(segsql 1)/10" "not-customer bookers against their target of 10"
is "$(seg_row active)" "$(segsql 4)/5" "active bookers against 25 % of 20"
is "$(seg_row first_timer)" "$(segsql 2)/null" "first timers, without a target"
ok $([ "$(segsql 1)" -gt 0 ] && [ "$(segsql 4)" -gt 0 ]; echo $?) "both segments with targets have bookers"

# the filter narrows the figures and scales the targets: the active, 5 of 20 bookers
http GET "/api/v1/venue/trajectory?$Q&segments=active" "${AUTH[@]}"
FT=$(sql "SELECT COALESCE(SUM(l.line_total), 0) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN events e ON e.id = l.event_id
	JOIN venue_booking_segments s ON s.order_id = o.id WHERE e.production_id = $X AND o.status = 'paid' AND o.order_date <= '2026-06-10' AND s.segment = 4")
is "$(num "$(json summary.revenue.actual)")" "$(num "$FT")" "filtered revenue: the active bookers' bookings only"
is "$(num "$(json summary.revenue.target)")/$(json summary.bookers.target)" "1250.00/5" "targets scaled to the segments chosen (5 / 20)"
ok $([ "$FT" != 0 ]; echo $?) "they have some ($FT)"
is "$(json segments.rows.0.segment)/$(json segments.rows.1)" "active/null" "chart 3 shows the chosen segment only"
http GET "/api/v1/venue/trajectory?$Q&segments=nobody" "${AUTH[@]}"
is "$STATUS" 422 "an unknown segment is refused"

# one chart each
http GET "/api/v1/venue/trajectory/progress?$Q" "${AUTH[@]}"
is "$STATUS/$(json sales)" "200/null" "the progress chart alone"
D=$(printf '%s' "$BODY" | perl -MJSON::PP -e '$d = decode_json(join "", <STDIN>); print scalar @{$d->{progress}{days}}, " ", $d->{progress}{days}[-1]{date}')
is "$D" "36 2026-06-10" "progress by day from on-sale to today"
http GET "/api/v1/venue/trajectory/sales?$Q" "${AUTH[@]}"
L=$(printf '%s' "$BODY" | perl -MJSON::PP -e '$d = decode_json(join "", <STDIN>); $x = $d->{sales}{days}; print scalar @$x, " ", $x->[-1]{date}, " ", defined $x->[-1]{revenue}{actual} ? "a" : "-", defined $x->[-1]{revenue}{forecast} ? "f" : "-", " ", $x->[35]{revenue}{actual} + 0')
is "$L" "51 2026-06-25 -f $(perl -e "print $A + 0")" "sales by day to the last performance: actual to today, the forecast after"

# fallbacks: two operas left in the genre -> all finished; picked; linear
sql "UPDATE productions SET genre = 'vtr-other' WHERE host_id = 'VTR-C3'"
http GET "/api/v1/venue/trajectory?$Q" "${AUTH[@]}"
FIN=$(sql "SELECT COUNT(*) FROM productions p WHERE p.id <> $X AND p.placeholder = 0
	AND EXISTS (SELECT 1 FROM venue_production_days d WHERE d.production_id = p.id)
	AND (SELECT MAX(DATE(starts_at)) FROM events e WHERE e.production_id = p.id AND e.placeholder = 0) < '2026-06-10'")
is "$(json curve_source)/$(printf '%s' "$BODY" | grep -o '"compared":\[[^]]*\]' | grep -o '"id"' | wc -l)" "all/$FIN" \
	"fewer than 3 of the genre: every finished production with sales ($FIN, ours and other tests')"
http GET "/api/v1/venue/trajectory?$Q&compare=$(pid VTR-D)" "${AUTH[@]}"
is "$(json curve_source)/$(json compared.0.name)" "picked/Comedy" "the productions picked make the curve"
is "$(num6 "$(json summary.revenue.curve)")" "$(num6 "$(curve_sql 'l.line_total' "'VTR-D'")")" "the comedy's curve alone"
sql "UPDATE productions SET genre = 'vtr-opera' WHERE host_id = 'VTR-C3'"
http GET "/api/v1/venue/trajectory?production=$(pid VTR-C1)&as_of=2026-01-01" "${AUTH[@]}"
is "$(json curve_source)" linear "nothing finished before 2026-01-01 (of ours or others'): linear"

# the import kind production_targets, with the importer's error reporting
printf 'production_id,event_id,segment,revenue,tickets,bookers,share,on_sale\nVTR-X,,all,6000,50,25,,2026-05-01\nVTR-X,,stale,,,,120,\n' > "$TMP/t.csv"
http POST /api/v1/import/production_targets "${AUTH[@]}" -H 'Content-Type: text/csv' --data-binary @"$TMP/t.csv"
is "$STATUS" 422 "a bad row refuses the file"
like "$BODY" 'share' "naming the column"
like "$BODY" '"line": *3' "and the line"
printf 'production_id,segment,revenue,tickets,bookers,share,on_sale\nVTR-X,all,6000,50,25,,2026-05-01\nVTR-X,stale,,,,12.5,\n' > "$TMP/t.csv"
http POST /api/v1/import/production_targets "${AUTH[@]}" -H 'Content-Type: text/csv' --data-binary @"$TMP/t.csv"
is "$STATUS" 200 "a good file is imported"
is "$(sql "SELECT CONCAT(CAST(revenue AS DOUBLE), '/', tickets, '/', bookers, '/', on_sale) FROM venue_targets WHERE production_id = $X AND event_id = 0 AND segment = 'all'")" \
	"6000/50/25/2026-05-01" "the totals updated by the import"
is "$(sql "SELECT CAST(share AS DOUBLE) FROM venue_targets WHERE production_id = $X AND segment = 'stale'")" 12.5 "the share imported"
http GET "/api/v1/venue/trajectory?$Q" "${AUTH[@]}"
is "$(json on_sale)" 2026-05-01 "the imported on-sale date starts the trajectory"

# comments
http POST "/api/v1/venue/productions/$X/comments" "${AUTH[@]}" "${JS[@]}" -d '{"text": "  Push the first timers  "}'
is "$STATUS/$(json comment.text)" "201/Push the first timers" "a comment through the API, trimmed"
http POST "/api/v1/venue/productions/$X/comments" "${AUTH[@]}" "${JS[@]}" -d '{"text": "   "}'
is "$STATUS" 422 "an empty comment is refused"
http GET "/api/v1/venue/trajectory?$Q" "${AUTH[@]}"
is "$(json comments.0.text)" "Push the first timers" "the dashboard lists it"
like "$(json comments.0.author)" 'API' "with its author"

# the page, the CSV, the filter kept per user
staff_user vtr-agent@test.example agent vtr-agent-pass-1
"${S_CLI[@]}" user enable --email vtr-agent@test.example > /dev/null 2>&1
staff_login vtr-agent@test.example vtr-agent-pass-1 "$TMP/jar"
http GET "/admin/venue/trajectory?q=Opera%20now" -b "$TMP/jar"
is "$STATUS" 200 "the search page"
like "$BODY" "production=$X\"" "finds the production"
http GET "/admin/venue/trajectory?$Q" -b "$TMP/jar"
like "$BODY" 'Opera now' "the dashboard page"
like "$BODY" 'data-vn-chart="segments"' "with its charts"
http POST /admin/venue/trajectory/filter -b "$TMP/jar" --data-urlencode "csrf_token=$CSRF" -d seg_first_timer=1 -d seg_stale=1 -d "production=$X"
is "$STATUS" 303 "the filter is saved"
is "$(sql "SELECT f.segments FROM venue_user_filters f JOIN users u ON u.id = f.user_id WHERE u.email = 'vtr-agent@test.example'")" \
	"first_timer,stale" "per user"
http GET "/admin/venue/trajectory?$Q" -b "$TMP/jar" "${AJ[@]}"
is "$(json filtered)/$(json filter.1.checked)/$(json filter.0.checked)" "true/true/false" "and used on the next view"
http GET "/admin/venue/trajectory.csv?$Q&chart=segments&segments=" -b "$TMP/jar"
is "$(printf '%s' "$BODY" | head -1 | tr -d '\r')" "segment,bookers,target,progress_pct" "the CSV of a chart's table"
is "$(printf '%s' "$BODY" | grep -c '^first_timer,')" 1 "with a row per segment"
http GET "/admin/venue/trajectory.csv?$Q&chart=sales" -b "$TMP/jar"
is "$(printf '%s\n' "$BODY" | wc -l)" 57 "the sales table: a header and a row per day (2026-05-01 .. 2026-06-25)"
