#!/usr/bin/env bash
# Sales by period (issue 21): /api/v1/reports/period against SQL written
# here, on a generated fixture of 400 orders over 2024-2025 for six
# customers, every eleventh refunded (never counted):
#   categories SP-A Courses > SP-A1 Yoga (a subcategory); SP-B Books
#   products SP-YOGA (SP-A1), SP-PILATES (SP-A), SP-MOVED (sold while in
#   SP-B, moved to SP-A afterwards: its whole history counts in SP-A), SP-BOOK (SP-B)
#   order n: customer 1 + (7n mod 6), day 2024-01-01 + (37n mod 730);
#   line 1 product n mod 4, quantity 1 + n mod 3, line_total 10 (1 + n mod 5)
#   + 0.25; every third order a line 2 of product (n + 1) mod 4 without a
#   line total (1 x 12.50); every fifth a fee line without a product.
# Checked against SQL: per month and per ISO week (across 2024/2025's end)
# paid orders, units, revenue, distinct clients; the same months a year
# earlier; the churned clients per month; each client's purchases and
# revenue; the inputs refused by name; the page, the CSV (neutralised) and
# the da page's money.
. "$(dirname "$0")/lib.sh"

wipe_store
sql "DELETE FROM products WHERE host_id LIKE 'SP-%'; DELETE FROM categories WHERE host_id LIKE 'SP-%';
     INSERT INTO customers (id, host_id, first_name, last_name, email) VALUES
       (1, 'SP1', 'Sara', 'Sun', 'sara@example.com'), (2, 'SP2', '=HYPERLINK(\"x\")', 'Evil', NULL),
       (3, 'SP3', 'Tom', 'Three', NULL), (4, 'SP4', 'Una', 'Four', NULL),
       (5, 'SP5', 'Vic', 'Five', NULL), (6, 'SP6', 'Wes', 'Six', NULL);
     INSERT INTO categories (host_id, name) VALUES ('SP-A', 'Courses'), ('SP-B', 'Books');
     INSERT INTO categories (host_id, name, parent_id) SELECT 'SP-A1', 'Yoga', id FROM categories WHERE host_id = 'SP-A';
     INSERT INTO products (host_id, name, category_id)
       SELECT 'SP-YOGA', 'Yoga class', id FROM categories WHERE host_id = 'SP-A1' UNION ALL
       SELECT 'SP-PILATES', 'Pilates', id FROM categories WHERE host_id = 'SP-A' UNION ALL
       SELECT 'SP-MOVED', 'Stretching', id FROM categories WHERE host_id = 'SP-B' UNION ALL
       SELECT 'SP-BOOK', 'A book', id FROM categories WHERE host_id = 'SP-B';
     INSERT INTO orders (id, host_id, customer_id, order_date, total, currency, status)
       SELECT seq, CONCAT('sp', seq), 1 + MOD(seq * 7, 6), DATE '2024-01-01' + INTERVAL MOD(seq * 37, 730) DAY,
         0, 'DKK', IF(MOD(seq, 11) = 0, 'refunded', 'paid') FROM seq_1_to_400;
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, line_total)
       SELECT s.seq, 1, p.id, 1 + MOD(s.seq, 3), NULL, 10 * (1 + MOD(s.seq, 5)) + 0.25
       FROM seq_1_to_400 s JOIN products p ON p.host_id = ELT(1 + MOD(s.seq, 4), 'SP-YOGA', 'SP-PILATES', 'SP-MOVED', 'SP-BOOK');
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, line_total)
       SELECT s.seq, 2, p.id, 1, 12.5, NULL
       FROM seq_1_to_400 s JOIN products p ON p.host_id = ELT(1 + MOD(s.seq + 1, 4), 'SP-YOGA', 'SP-PILATES', 'SP-MOVED', 'SP-BOOK')
       WHERE MOD(s.seq, 3) = 0;
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, line_total)
       SELECT seq, 3, NULL, 1, 99 FROM seq_1_to_400 WHERE MOD(seq, 5) = 0;
     UPDATE products SET category_id = (SELECT id FROM categories WHERE host_id = 'SP-A') WHERE host_id = 'SP-MOVED'"
ok $? "fixture loaded"
A=$(sql "SELECT id FROM categories WHERE host_id = 'SP-A'")
B=$(sql "SELECT id FROM categories WHERE host_id = 'SP-B'")
K=(-H "Authorization: Bearer $API_KEY")
R=/api/v1/reports/period

# the scope's paid lines as SQL sees them: SP-A and its subcategory, as the products are now
LINES="SELECT o.id AS oid, o.customer_id AS cid, o.order_date AS d, l.quantity AS q,
  COALESCE(l.line_total, l.quantity * l.unit_price, 0) AS v
  FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
  JOIN categories c ON c.id = p.category_id
  WHERE o.status = 'paid' AND (c.host_id = 'SP-A' OR c.parent_id = $A)"
# periods KEY: "label orders units revenue clients" per period with orders, from the answer
periods() {
	printf '%s' "$BODY" | perl -MJSON::PP -e '
		my $d = JSON::PP->new->decode(join("", <STDIN>));
		for my $p (@{$d->{report}{series}[0]{periods}}) {
			my $f = $ARGV[0] eq "ye" ? $p->{ye} : $p;
			next if !defined $f || $f->{orders} == 0;
			printf "%s %d %d %.2f %d\n", $p->{label}, $f->{orders}, $f->{units}, $f->{revenue}, $f->{clients};
		}' "$1"
}

# ---- months
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31&step=month" "${K[@]}"
is "$STATUS" 200 "GET $R for SP-A by month"
is "$(json report.series.0.host_id)/$(json report.series.0.kind)/$(json report.step)" "SP-A/category/month" \
	"the answer names the service type and the step"
is "$(printf '%s' "$BODY" | perl -MJSON::PP -e 'print scalar @{JSON::PP->new->decode(join("", <STDIN>))->{report}{series}[0]{periods}}')" \
	12 "twelve months"
want=$(sql "SELECT DATE_FORMAT(d, '%Y-%m') m, COUNT(DISTINCT oid), SUM(q), ROUND(SUM(v), 2), COUNT(DISTINCT cid)
	FROM ($LINES) x WHERE d BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY m ORDER BY m" | tr '\t' ' ')
got=$(periods cur)
is "$got" "$want" "orders, units, revenue and clients per month as SQL's GROUP BY counts them"
want=$(sql "SELECT DATE_FORMAT(d + INTERVAL 1 YEAR, '%Y-%m') m, COUNT(DISTINCT oid), SUM(q), ROUND(SUM(v), 2),
	COUNT(DISTINCT cid) FROM ($LINES) x WHERE d BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY m ORDER BY m" | tr '\t' ' ')
is "$(periods ye)" "$want" "the same months a year earlier (2024) as SQL counts them"
moved=$(sql "SELECT ROUND(SUM(v), 2) FROM ($LINES) x JOIN order_lines l ON l.order_id = x.oid
	JOIN products p ON p.id = l.product_id AND p.host_id = 'SP-MOVED' WHERE x.d >= '2025-01-01' LIMIT 1")
ok $([ -n "$moved" ] && [ "$moved" != NULL ]; echo $?) "  the moved product's sales are in SP-A's figures (SQL: $moved)"
refunded=$(sql "SELECT COUNT(*) FROM orders WHERE status = 'refunded' AND order_date >= '2025-01-01'")
total=$(sql "SELECT COUNT(DISTINCT oid) FROM ($LINES) x WHERE d BETWEEN '2025-01-01' AND '2025-12-31'")
is "$(json report.series.0.totals.orders)" "$total" "the year's paid orders ($refunded refunded in 2025 left out)"

# churn: bought in the month before, not in this one (SQL's own)
want=$(sql "WITH m AS (SELECT DISTINCT cid, PERIOD_DIFF(DATE_FORMAT(d, '%Y%m'), 202412) k FROM ($LINES) x
	WHERE d BETWEEN '2024-12-01' AND '2025-12-31')
	SELECT k, COUNT(*) FROM m a WHERE k BETWEEN 0 AND 11 AND NOT EXISTS (SELECT 1 FROM m b WHERE b.cid = a.cid AND b.k = a.k + 1)
	GROUP BY k ORDER BY k" | awk '{ printf "%d:%d ", $1 + 1, $2 }')
got=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
	my $i = 0; for my $p (@{JSON::PP->new->decode(join("", <STDIN>))->{report}{series}[0]{periods}}) {
		$i++; printf "%d:%d ", $i, $p->{churned} if $p->{churned} > 0 }')
is "$got" "$want" "churned clients per month as SQL finds them"
ok $(printf '%s' "$BODY" | perl -MJSON::PP -e '
	my $bad = 0; my @p = @{JSON::PP->new->decode(join("", <STDIN>))->{report}{series}[0]{periods}};
	for my $i (1 .. $#p) { my ($a, $b) = ($p[$i], $p[$i - 1]);
		next unless $a->{churned} > 0 && $b->{revenue} > 0;
		my $want = $a->{churned_revenue} * $b->{clients} / $b->{revenue};
		$want = int($want) + ($want > int($want) ? 1 : 0);
		$bad++ if $a->{win_back} != $want || @{$a->{churn}} != $a->{churned} }
	exit($bad ? 1 : 0)'; echo $?) "clients to win back = churned revenue / mean revenue per client of the month before, rounded up"

# the clients of 2025: purchases and revenue per client
want=$(sql "SELECT c.host_id, COUNT(DISTINCT oid), ROUND(SUM(v), 2) FROM ($LINES) x JOIN customers c ON c.id = x.cid
	WHERE d BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY c.host_id ORDER BY c.host_id" | tr '\t' ' ')
got=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
	for my $c (sort { $a->{customer_id} cmp $b->{customer_id} } @{JSON::PP->new->decode(join("", <STDIN>))->{report}{clients}}) {
		printf "%s %d %.2f\n", $c->{customer_id}, $c->{purchases}, $c->{revenue} }')
is "$got" "$want" "each client's purchases and revenue as SQL counts them"
last=$(sql "SELECT MAX(d), DATEDIFF(MAX(d), MIN(d)) / (COUNT(DISTINCT d) - 1) FROM ($LINES) x
	WHERE cid = 1 AND d BETWEEN '2025-01-01' AND '2025-12-31'" | awk '{ printf "%s %.1f", $1, $2 }')
got=$(printf '%s' "$BODY" | perl -MJSON::PP -e '
	for my $c (@{JSON::PP->new->decode(join("", <STDIN>))->{report}{clients}}) {
		printf "%s %.1f", $c->{last}, $c->{gap} if $c->{customer_id} eq "SP1" }')
is "$got" "$last" "SP1's last purchase and mean gap as SQL computes them"

# ---- ISO weeks across 2024/2025's end
http GET "$R?category=$A&from=2024-12-02&to=2025-02-02&step=week" "${K[@]}"
is "$STATUS" 200 "by ISO week, December 2024 to February 2025"
want=$(sql "SELECT DATE_FORMAT(d, '%x-W%v') w, COUNT(DISTINCT oid), SUM(q), ROUND(SUM(v), 2), COUNT(DISTINCT cid)
	FROM ($LINES) x WHERE d BETWEEN '2024-12-02' AND '2025-02-02' GROUP BY w ORDER BY w" | tr '\t' ' ')
is "$(periods cur)" "$want" "per ISO week as SQL's %x-W%v groups them (2024-12-30 is in 2025-W01)"
is "$(json report.series.0.periods.4.label)" "2025-W01" "the fifth week is 2025-W01"

# ---- several side by side, a product
http GET "$R?category=$A,$B&product=SP-BOOK&preset=last_24" "${K[@]}"
is "$STATUS/$(json report.several)/$(json report.series.2.kind)/$(json report.series.2.host_id)" \
	"200/true/product/SP-BOOK" "two categories and a product side by side"
from=$(sql "SELECT DATE_FORMAT(CURDATE() - INTERVAL 23 MONTH, '%Y-%m-01')")
is "$(json report.from)/$(json report.to)" "$from/$(date +%F)" "last_24: 24 calendar months to today"

# ---- the dip threshold: the setting, or dip= for one report
sql "REPLACE INTO settings (name, value) VALUES ('period.dip_pct', '30')"
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31" "${K[@]}"
is "$(json report.dip_pct)" 30 "the dip threshold is the setting (30)"
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31&dip=45" "${K[@]}"
is "$(json report.dip_pct)" 45 "  or the report's dip="
sql "DELETE FROM settings WHERE name = 'period.dip_pct'"
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31" "${K[@]}"
is "$(json report.dip_pct)" 20 "  default 20"

# ---- refused by name
bad() {  # bad QUERY STATUS FIELD NAME
	http GET "$R?$1" "${K[@]}"
	is "$STATUS/$(json error.field)" "$2/$3" "$4"
}
bad "category=$A&step=day" 400 step "step=day: 400 naming step"
bad "category=$A&from=2025-03-01&to=2025-01-01" 400 from "a range that ends before it starts: 400 naming from"
bad "category=$A&from=2010-01-01&to=2025-01-01" 400 from "a range over ten years: 400 naming from"
bad "category=999999" 404 category "an unknown category: 404 naming category"
bad "product=NOPE" 404 product "an unknown product: 404 naming product"
bad "category=$A&dip=0" 400 dip "dip=0: 400 naming dip"
bad "category=1,2,3,4,5,6" 400 category "six categories: 400 naming category"
http GET "$R" "${K[@]}"
is "$STATUS" 400 "no service type: 400"

# ---- the page, the CSV, the languages
http GET "/admin/reports/period?category=$A&from=2025-01-01&to=2025-12-31" "${K[@]}" -H 'Accept: text/html'
is "$STATUS" 200 "the page"
like "$BODY" 'data-compare-values=' "  the chart has the year-earlier series"
like "$BODY" 'href="[^"]*/admin/customers/1"' "  a client links to the record"
dips=$(printf '%s' "$BODY" | grep -c 'data-is-dip="1"')
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31" "${K[@]}"
is "$dips" "$(json report.series.0.dips | perl -MJSON::PP -e 'print scalar @{JSON::PP->new->decode(<STDIN>)}')" \
	"  a row marked per dip, one line of text per dip"
like "$(json report.series.0.dips.0.text)" 'revenue [0-9]+%' "  the line says it in words"
http GET "/admin/reports/period.csv?category=$A&from=2025-01-01&to=2025-12-31&sort=customer" "${K[@]}"
is "$STATUS" 200 "the clients' CSV"
is "$(printf '%s' "$BODY" | head -n 1 | tr -d '\r')" \
	"customer_id,name,purchases,units,revenue,first_purchase,last_purchase,mean_gap_days,next_expected,overdue" "  its header"
like "$BODY" "SP2,\"'=HYPERLINK" "  a name that is a formula is neutralised"
n=$(sql "SELECT COUNT(DISTINCT cid) FROM ($LINES) x WHERE d BETWEEN '2025-01-01' AND '2025-12-31'")
is "$(printf '%s\n' "$BODY" | tail -n +2 | grep -c .)" "$n" "  a row per client ($n)"
http GET "$R?category=$A&from=2025-01-01&to=2025-12-31&lang=da" "${K[@]}"
want=$(sql "SELECT REPLACE(REPLACE(REPLACE(FORMAT(ROUND(SUM(v), 2), 2), ',', '_'), '.', ','), '_', '.') FROM ($LINES) x
	WHERE d BETWEEN '2025-01-01' AND '2025-12-31'")
like "$(json report.series.0.totals.revenue_text)" "^$want[^0-9]" "the da answer writes money the Danish way ($want)"
like "$(json report.series.0.dips.0.text)" 'omsætningen [0-9]+[^0-9]+% under' "  and the dips in Danish words"
http GET "/admin/reports/period?category=$A&from=2025-01-01&to=2025-12-31&lang=ru" "${K[@]}" -H 'Accept: text/html'
like "$BODY" 'Продажи по периодам' "the ru page"

# ---- the PDF, in the reader's language
pdftext() { pdftotext -q -layout "$1" - | tr '\n' ' ' | tr -s ' '; }
curl -sS -o "$TMP/da.pdf" -w '%{http_code} %{content_type}' "${K[@]}" \
	"$SALIENT_URL/admin/reports/period.pdf?category=$A&from=2025-01-01&to=2025-12-31&lang=da" > "$TMP/st"
is "$(cat "$TMP/st")" "200 application/pdf" "the report as PDF"
is "$(head -c 5 "$TMP/da.pdf")" "%PDF-" "  the file is a PDF"
t=$(pdftext "$TMP/da.pdf")
like "$t" 'Salg pr. periode' "  its title in Danish"
like "$t" 'Courses' "  the service type"
like "$t" "$want" "  the year's revenue as the da answer writes it ($want)"
like "$t" 'omsætningen [0-9]+[^0-9]+% under' "  the dips in Danish words"
like "$t" 'Sara Sun \(SP1\)' "  the clients"
curl -sS -o "$TMP/ru.pdf" "${K[@]}" "$SALIENT_URL/admin/reports/period.pdf?category=$A&preset=this_year&lang=ru"
like "$(pdftext "$TMP/ru.pdf")" 'Продажи по периодам' "the ru PDF"
