#!/usr/bin/env bash
# RFM scores stored by the classification run (issue 19, DESIGN.md section
# 5 "RFM") on generated data, against RFM written here in SQL: over the
# customers with a paid order in C = (T - 12 months, T], w = RANK() - 1 in
# ascending order of the value (the number strictly worse), score
# 1 + floor(5 w / N).  The data has ties (values in tens, shared days),
# one-order customers, refunds and cancellations, orders on the period's
# first day, on the day before it and on T, orders after T, a placeholder.
# Then the classification type rfm_cell: lost (R1: cells up to 155) and
# best (5-5-5: above 554) held by exactly the customers the SQL names.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

wipe_store
gen=$(perl -e '
	srand(19);
	my @st = ("paid") x 8; push @st, "refunded", "cancelled";
	my (@c, @o);
	for my $i (1 .. 400) {
		push @c, sprintf("(%d, \"H%04d\", \"%s\")", $i, $i, (qw(retail trade distributor))[$i % 3]);
		my $n = int(rand(7));
		for my $k (1 .. $n) {
			# days from 2022-06-01 to 2024-04-30; a few on the boundaries
			my $r = rand();
			my $d = $r < 0.05 ? "\"2023-03-31\"" : $r < 0.10 ? "\"2023-04-01\"" : $r < 0.15 ? "\"2024-03-31\"" :
			    sprintf("DATE_ADD(\"2022-06-01\", INTERVAL %d DAY)", int(rand(700)));
			push @o, sprintf("(\"o%d_%d\", %d, %s, %d, \"%s\")", $i, $k, $i, $d,
			    10 * (1 + int(rand(30))), $st[int(rand(@st))]);
		}
	}
	print "INSERT INTO customers (id, host_id, smart_type) VALUES ", join(", ", @c), ";\n";
	print "INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES ", join(", ", @o), ";\n";
')
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
     $gen
     INSERT INTO customers (id, host_id, placeholder) VALUES (401, 'P', 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES ('p1', 401, '2024-01-01', 5, 'paid');
     INSERT INTO classifications (id, title, type, smart_type, value, position) VALUES
       (1, 'Lost', 'rfm_cell', 'all', 155, 1), (2, 'Middle', 'rfm_cell', 'all', 554, 2),
       (3, 'Best', 'rfm_cell', 'all', 555, 3);"
ok $? "fixture loaded: 400 generated customers and their orders, a placeholder, RFM tiers"

out=$("${S[@]}" recompute --as-of 2024-03-31)
ok $? "recompute --as-of 2024-03-31 runs"

# the reference: RFM in SQL, independent of the C code
REF="WITH p AS (SELECT o.customer_id, MAX(o.order_date) AS last, COUNT(*) AS f, SUM(o.total) AS m
               FROM orders o JOIN customers c ON c.id = o.customer_id AND c.placeholder = 0
               WHERE o.status = 'paid' AND o.order_date > '2023-03-31' AND o.order_date <= '2024-03-31'
               GROUP BY o.customer_id),
     w AS (SELECT customer_id, RANK() OVER (ORDER BY last) - 1 AS wr,
                  RANK() OVER (ORDER BY f) - 1 AS wf, RANK() OVER (ORDER BY m) - 1 AS wm,
                  COUNT(*) OVER () AS n FROM p)
     SELECT customer_id, 1 + FLOOR(5 * wr / n) AS r, 1 + FLOOR(5 * wf / n) AS f, 1 + FLOOR(5 * wm / n) AS m FROM w"
n=$(sql "SELECT COUNT(*) FROM ($REF) x")
[ "$n" -gt 200 ]; ok $? "the reference scores $n customers with a paid order in C"
is "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE rfm_r IS NOT NULL")" "$n" \
	"the run scored the same number of customers"
is "$(sql "SELECT COUNT(*) FROM ($REF) x JOIN customer_metrics cm ON cm.customer_id = x.customer_id
           WHERE cm.rfm_r = x.r AND cm.rfm_f = x.f AND cm.rfm_m = x.m")" "$n" \
	"every customer's R, F and M equal the SQL reference"
is "$(sql "SELECT COUNT(*) FROM customer_metrics cm WHERE cm.rfm_r IS NULL
           AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = cm.customer_id AND o.status = 'paid'
                       AND o.order_date > '2023-03-31' AND o.order_date <= '2024-03-31')")" 0 \
	"no customer with a paid order in C is left without scores"
is "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE customer_id = 401")" 0 "the placeholder is not scored"
for s in 1 5; do
	[ "$(sql "SELECT COUNT(*) FROM customer_metrics WHERE rfm_r = $s AND rfm_f = $s AND rfm_m = $s")" -gt 0 ]; ok $? \
		"some customers are $s-$s-$s (the data reaches both ends)"
done
ones=$(sql "SELECT COUNT(*) FROM ($REF) x WHERE x.f = 1 AND x.customer_id IN
          (SELECT customer_id FROM orders WHERE status = 'paid' AND order_date > '2023-03-31'
           AND order_date <= '2024-03-31' GROUP BY customer_id HAVING COUNT(*) = 1)")
[ "$ones" -gt 0 ] && [ "$ones" = "$(sql "SELECT COUNT(*) FROM ($REF) x WHERE x.f = 1")" ]; ok $? \
	"every one-order customer, and only they, have F1 ($ones)"

held() { sql "SELECT COUNT(*) FROM customer_classifications WHERE classification_id = $1"; }
is "$(held 1)" "$(sql "SELECT COUNT(*) FROM ($REF) x WHERE x.r = 1")" "Lost (cells up to 155) holds every R1 customer"
is "$(held 3)" "$(sql "SELECT COUNT(*) FROM ($REF) x WHERE x.r = 5 AND x.f = 5 AND x.m = 5")" \
	"Best (above 554) holds every 5-5-5 customer"
is "$(( $(held 1) + $(held 2) + $(held 3) ))" "$n" "each scored customer holds one RFM tier"

# the type in the API and on the page
AUTH=(-H "Authorization: Bearer $API_KEY")
JSON=(-H 'Content-Type: application/json')
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Half", "type": "rfm_cell", "value": 300.5}'
is "$STATUS|$(json error.field)" "422|value" "an RFM cell tier's bound is a whole number"
like "$(json error.message)" "RFM cell" "  and the refusal says it is a cell"
http POST /api/v1/classifications "${AUTH[@]}" "${JSON[@]}" \
	-d '{"title": "Beyond", "type": "rfm_cell", "value": 556}'
is "$STATUS|$(json error.field)" "422|value" "above 555 is refused"
http GET /admin/classifications "${AUTH[@]}" -H 'Accept: application/json'
words=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
	my $d = JSON::PP->new->decode(join("", <STDIN>));
	for my $g (@{$d->{groups}}) { next unless $g->{type} eq "rfm_cell";
		print join(" | ", map { $_->{range_text} } @{$g->{tiers}}) }')
is "$words" "RFM cells from 0 up to 155 | RFM cells above 155 up to 554 | RFM cells above 554 up to 555" \
	"the page words the RFM tiers as ranges of cells"
