#!/usr/bin/env bash
# The customer-base dashboard's figures (issue 19, DESIGN.md section 5
# "Dashboard of the customer base") from `salient insights refresh`, each
# series against SQL written here, on generated data (ties, one-order
# customers, refunds and cancellations, orders on the period's first day,
# on the day before it, on T and after T, months of the period without
# orders in a segment, a placeholder): quality by whole months since the
# last paid order, repeat against one-receipt customers by count and
# revenue, share of repeat by month, sales by month, and the dynamics'
# best (5-5-5) and lost (R1) per month with RFM as of each month's end over
# the 12 months ending there.
. "$(dirname "$0")/lib.sh"
S=("$SALIENT_BUILD/salient" -c "$SALIENT_CONF")

wipe_store
perl -e '
	srand(91);
	my @st = ("paid") x 8; push @st, "refunded", "cancelled";
	my (@c, @o);
	for my $i (1 .. 500) {
		# customers 1-450 retail or distributor, the trade ones only from 451
		my $t = $i > 450 ? "trade" : $i % 5 == 0 ? "distributor" : "retail";
		push @c, sprintf("(%d, \"H%04d\", \"%s\")", $i, $i, $t);
		my $n = int(rand(8));
		for my $k (1 .. $n) {
			my $r = rand();
			my $d = $r < 0.04 ? "\"2023-03-31\"" : $r < 0.08 ? "\"2023-04-01\"" :
			    $r < 0.12 ? "\"2024-03-31\"" : $r < 0.14 ? "\"2024-04-02\"" :
			    sprintf("DATE_ADD(\"2022-03-01\", INTERVAL %d DAY)", int(rand(760)));
			push @o, sprintf("(\"o%d_%d\", %d, %s, %d, \"%s\")", $i, $k, $i, $d,
			    10 * (1 + int(rand(25))), $st[int(rand(@st))]);
		}
	}
	print "INSERT INTO customers (id, host_id, smart_type) VALUES ", join(", ", @c), ";\n";
	print "INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES ", join(", ", @o), ";\n";
' > "$TMP/gen.sql"
# the generated statements are too long for one argument: through stdin
mariadb --no-defaults --socket="$RUN/mysqld.sock" -u "$(id -un)" -N -B salient < "$TMP/gen.sql" &&
sql "REPLACE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
     INSERT INTO customers (id, host_id, placeholder) VALUES (501, 'P', 1);
     INSERT INTO orders (host_id, customer_id, order_date, total, status) VALUES ('p1', 501, '2024-01-01', 5, 'paid');
     UPDATE orders SET order_date = '2023-09-10' WHERE customer_id > 450 AND order_date BETWEEN '2023-09-01' AND '2023-09-30';"
ok $? "fixture loaded: 500 generated customers and their orders, a placeholder"
out=$("${S[@]}" insights refresh --as-of 2024-03-31)
ok $? "salient insights refresh --as-of 2024-03-31 runs"
T=2024-03-31
like "$out" "12 months: $(sql "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN customers c ON c.id = o.customer_id
    AND c.placeholder = 0 WHERE o.status = 'paid' AND o.order_date <= '$T'") customers, $(sql "SELECT COUNT(*)
    FROM orders o JOIN customers c ON c.id = o.customer_id AND c.placeholder = 0
    WHERE o.status = 'paid' AND o.order_date <= '$T'") paid orders" \
     "  over the 12-month timeframe, the customers with paid orders up to T (no placeholder)"
# the paid orders of real customers up to T, in the period, and a segment's
PAID="SELECT o.customer_id, o.order_date, o.total, c.smart_type FROM orders o JOIN customers c
      ON c.id = o.customer_id AND c.placeholder = 0 WHERE o.status = 'paid' AND o.order_date <= '$T'"
INA="SELECT * FROM ($PAID) p WHERE p.order_date > '2023-03-31'"
pts() { sql "SELECT GROUP_CONCAT(CONCAT_WS(':', $3) ORDER BY k SEPARATOR ' ') FROM insights_points
             WHERE segment = '$1' AND series = '$2'"; }

for seg in all trade; do
	f=$([ $seg = all ] && echo 1 || echo "smart_type = '$seg'")
	is "$(pts $seg quality "k, n1")" \
	   "$(sql "SELECT GROUP_CONCAT(CONCAT_WS(':', m.k, COALESCE(x.n, 0)) ORDER BY m.k SEPARATOR ' ')
	           FROM (SELECT seq AS k FROM seq_0_to_11) m LEFT JOIN
	           (SELECT TIMESTAMPDIFF(MONTH, last, '$T') AS k, COUNT(*) AS n FROM
	            (SELECT customer_id, MAX(order_date) AS last FROM ($INA) a WHERE $f GROUP BY customer_id) l
	            GROUP BY 1) x ON x.k = m.k")" \
	   "$seg: quality, customers by whole months since their last paid order in the period"
	is "$(pts $seg repeat "k, n1, amount1")" \
	   "$(sql "SELECT CONCAT('0:', SUM(n = 1), ':', CAST(SUM(IF(n = 1, r, 0)) AS DECIMAL(20,4)),
	                  ' 1:', SUM(n >= 2), ':', CAST(SUM(IF(n >= 2, r, 0)) AS DECIMAL(20,4)))
	           FROM (SELECT customer_id, COUNT(*) AS n, SUM(total) AS r FROM ($INA) a WHERE $f
	                 GROUP BY customer_id) x")" \
	   "$seg: one-receipt (0) and repeat (1) customers, count and revenue in the period"
	is "$(pts $seg repeat_share "label, n1, n2")" \
	   "$(sql "SELECT GROUP_CONCAT(CONCAT_WS(':', mon, COALESCE(b, 0), COALESCE(r, 0)) ORDER BY mon SEPARATOR ' ')
	           FROM (SELECT DATE_FORMAT('$T' - INTERVAL seq MONTH, '%Y-%m') AS mon FROM seq_0_to_11) m
	           LEFT JOIN (SELECT DATE_FORMAT(a.order_date, '%Y-%m') AS mo, COUNT(DISTINCT a.customer_id) AS b,
	             COUNT(DISTINCT IF((SELECT COUNT(*) FROM ($PAID) q WHERE q.customer_id = a.customer_id
	                                AND q.order_date <= LAST_DAY(a.order_date)) >= 2, a.customer_id, NULL)) AS r
	             FROM ($INA) a WHERE $f GROUP BY mo) x ON x.mo = m.mon")" \
	   "$seg: share of repeat, buyers of each month and those with two or more paid orders up to its end"
	is "$(pts $seg sales "label, n1, n2, amount1, amount2")" \
	   "$(sql "SELECT GROUP_CONCAT(CONCAT_WS(':', mon, 0, COALESCE(n, 0), '0.0000', COALESCE(r, '0.0000')) ORDER BY mon SEPARATOR ' ')
	           FROM (SELECT DATE_FORMAT('$T' - INTERVAL seq MONTH, '%Y-%m') AS mon FROM seq_0_to_11) m
	           LEFT JOIN (SELECT DATE_FORMAT(order_date, '%Y-%m') AS mo, COUNT(*) AS n,
	             CAST(SUM(total) AS DECIMAL(20,4)) AS r FROM ($INA) a WHERE $f GROUP BY mo) x ON x.mo = m.mon")" \
	   "$seg: paid orders and their amount by month, none assisted"
done

# dynamics: RFM as of each month's end e over (e - 12 months, e], in SQL
want=""
for i in 11 10 9 8 7 6 5 4 3 2 1 0; do
	e=$(sql "SELECT LAST_DAY('$T' - INTERVAL $i MONTH)")
	row=$(sql "WITH p AS (SELECT customer_id, MAX(order_date) AS last, COUNT(*) AS f, SUM(total) AS m
	                      FROM ($PAID) a WHERE order_date > '$e' - INTERVAL 12 MONTH AND order_date <= '$e'
	                      GROUP BY customer_id),
	                w AS (SELECT RANK() OVER (ORDER BY last) - 1 AS wr, RANK() OVER (ORDER BY f) - 1 AS wf,
	                      RANK() OVER (ORDER BY m) - 1 AS wm, COUNT(*) OVER () AS n FROM p),
	                s AS (SELECT 1 + FLOOR(5 * wr / n) AS r, 1 + FLOOR(5 * wf / n) AS f, 1 + FLOOR(5 * wm / n) AS m FROM w)
	           SELECT CONCAT_WS(':', DATE_FORMAT('$e', '%Y-%m'), COALESCE(SUM(r = 5 AND f = 5 AND m = 5), 0),
	                  COALESCE(SUM(r = 1), 0), COUNT(*)) FROM s")
	want="$want${want:+ }$row"
done
is "$(pts all dynamics "label, n1, n2, n3")" "$want" \
   "dynamics: best (5-5-5), lost (R1) and scored customers of each month, as SQL's RFM as of its end"
is "$(sql "SELECT CONCAT_WS(':', n1, n2, n3) FROM insights_points WHERE segment = 'all' AND series = 'dynamics' AND k = 11")" \
   "$("${S[@]}" recompute --as-of $T > /dev/null; sql "SELECT CONCAT_WS(':', SUM(rfm_r = 5 AND rfm_f = 5 AND rfm_m = 5), SUM(rfm_r = 1), COUNT(rfm_r)) FROM customer_metrics")" \
   "the last month's best and lost are the classification run's (same RFM, same as-of)"
is "$(sql "SELECT CONCAT_WS(':', as_of, months, sends) FROM insights_runs ORDER BY id DESC LIMIT 1")" "$T:12:0" \
   "the run: its as-of, 12 months, no communications sent"

# the job: queued after a classification run, as of its day
sql "DELETE FROM jobs WHERE kind IN ('insights.refresh', 'classify.recompute')"
id=$("${S[@]}" job enqueue classify.recompute '{"as_of": "2024-02-29"}' | grep -o '[0-9]*' | head -1)
wait_for "[ \"\$(sql \"SELECT state FROM jobs WHERE kind = 'insights.refresh' ORDER BY id DESC LIMIT 1\")\" = done ]" 60
is "$(sql "SELECT state FROM jobs WHERE kind = 'insights.refresh' ORDER BY id DESC LIMIT 1")" done \
   "a classification run queues insights.refresh, and the worker runs it"
is "$(sql "SELECT as_of FROM insights_runs ORDER BY id DESC LIMIT 1")" 2024-02-29 "  as of the run's day"
