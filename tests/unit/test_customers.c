/*
 * test_customers.c - the customer manager's pure code on hand-computed
 * fixtures: risk(t) and the record's months (cu_history.c), and the
 * export's CSV rows (cu_csv.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "cu_csv.h"
#include "cu_history.h"
#include "salient/money.h"
#include "tap.h"

#define D(y, m, d) dc_days_from_civil(y, m, d)

static void test_risk(void)
{
	int64_t days[] = { D(2024, 1, 10), D(2024, 1, 10), D(2024, 1, 20), D(2024, 2, 9) };
	double r = -1;
	int def;

	tap_ok(!cu_risk_at(days, 0, D(2024, 1, 31), &r), "no order days: risk undefined");
	tap_ok(!cu_risk_at(days, 2, D(2024, 1, 31), &r), "two orders on one day are one order day: undefined");
	tap_ok(!cu_risk_at(days, 4, D(2024, 1, 15), &r), "on 2024-01-15 only one day is on or before t: undefined");
	tap_ok(cu_risk_at(days, 4, D(2024, 1, 20), &r) && r == 0.0,
	    "ordered on t itself: risk 0 (due in a full cycle)");
	tap_ok(cu_risk_at(days, 4, D(2024, 1, 30), &r) && r == 100.0,
	    "10-day rhythm, 10 days since: risk 100 (due now)");
	tap_ok(cu_risk_at(days, 4, D(2024, 1, 31), &r) && r == 110.0, "11 days since: 110");
	def = cu_risk_at(days, 4, D(2024, 2, 29), &r);
	tap_ok(def && fabs(r - 2000.0 / 15) < 1e-9,
	    "three days, 30 days apart in all (gap 15), 20 days since: 133.33 (%g)", r);
	def = cu_risk_at(days, 4, D(2024, 3, 25), &r);
	tap_ok(def && r == 300.0, "45 days since on a 15-day rhythm: 300, three cycles late (%g)", r);
}

static void test_history(void)
{
	int64_t days[] = { D(2023, 11, 30), D(2024, 1, 10), D(2024, 1, 20), D(2024, 1, 20),
	    D(2024, 2, 9), D(2024, 3, 15), D(2024, 4, 5) };
	int64_t values[] = { 50000, 1000000, 500000, 250000, 2000000, 12345, 100000 };
	int64_t unsorted[] = { D(2024, 2, 1), D(2024, 1, 1) };
	struct cu_month m[4];
	char text[32];

	tap_ok(cu_history(days, values, 7, D(2024, 3, 15), 4, m) == 0, "four months to 2024-03-15");
	tap_ok(m[0].year == 2023 && m[0].month == 12 && m[3].year == 2024 && m[3].month == 3,
	    "oldest first: Dec 2023 .. Mar 2024");
	tap_is_long(m[0].end, D(2023, 12, 31), "a month's risk is taken on its last day");
	tap_is_long(m[2].end, D(2024, 2, 29), "  (29 February in a leap year)");
	tap_is_long(m[3].end, D(2024, 3, 15), "  and on the as-of day in the as-of month");
	tap_is_long(m[0].revenue, 0, "December: no orders (November's is before the first month shown)");
	tap_is_long(m[1].revenue, 1750000, "January: 100 + 50 + 25 = 175.00");
	tap_is_long(m[1].orders, 3, "  from three orders (two on one day)");
	tap_is_long(m[2].revenue, 2000000, "February: 200.00");
	tap_is_long(m[3].revenue, 12345, "March: the order on the as-of day counts; April's does not");
	tap_ok(!m[0].risk_def, "December: one order day so far, risk undefined");
	/* days on or before 2024-01-31: 2023-11-30, 2024-01-10, 2024-01-20:
	 * gap (51 days) / 2 = 25.5; 11 days since: 100 * 11 / 25.5 */
	tap_ok(m[1].risk_def && fabs(m[1].risk - 1100.0 / 25.5) < 1e-9, "January: 43.14 (%g)", m[1].risk);
	/* + 2024-02-09: gap 71 / 3; 20 days since */
	tap_ok(m[2].risk_def && fabs(m[2].risk - 2000.0 / (71.0 / 3)) < 1e-9, "February: 84.51 (%g)", m[2].risk);
	/* + 2024-03-15 (on t): risk 0 */
	tap_ok(m[3].risk_def && m[3].risk == 0.0, "March: ordered on the as-of day, risk 0");
	tap_ok(cu_history(days, values, 7, D(2024, 3, 15), 0, m) == -1, "0 months is refused");
	tap_ok(cu_history(unsorted, values, 2, D(2024, 3, 15), 2, m) == -1, "unsorted days are refused");
	sl_money_text_places(m[1].revenue, 2, text, sizeof(text));
	tap_is_str(text, "175.00", "money text of January");
}

static void test_numbers(void)
{
	char t[64];

	cu_fixed_text(133.33333333, 2, t, sizeof(t));
	tap_is_str(t, "133.33", "a percentage with 2 decimals");
	cu_fixed_text(-0.001, 2, t, sizeof(t));
	tap_is_str(t, "0.00", "never -0.00");
	cu_fixed_text(-94.68085106, 2, t, sizeof(t));
	tap_is_str(t, "-94.68", "negative changes keep their sign");
	cu_fixed_text(0.87654, 4, t, sizeof(t));
	tap_is_str(t, "0.8765", "p_alive with 4 decimals");
	cu_fixed_text(NAN, 2, t, sizeof(t));
	tap_is_str(t, "", "NaN is an empty field");
}

static void test_rows(void)
{
	const char *titles[] = { "Due", "Top 10 %", "A, \"B\"" };
	struct cu_csv_row r;
	struct cu_buf b = { 0 }, joined = { 0 };

	tap_ok(strcmp(cu_csv_header, "customer_id,email,first_name,last_name,smart_type,"
	    "account_manager,revenue_cur,revenue_prev,orders_cur,orders_prev,risk_score,"
	    "risk_change,revenue_rank,revenue_change,revenue_share,classifications,p_alive,"
	    "expected_orders_90d,clv_12m,phone,postcode,city,country,language,tags,last_order,rfm_r,rfm_f,rfm_m\r\n") == 0,
	    "the header names the 29 columns, CRLF");
	{
		struct cu_buf names = { 0 };
		int i, fail = 0;

		for (i = 0; i < CU_NCOLS; i++)
			fail |= cu_buf_add(&names, cu_cols[i], strlen(cu_cols[i])) != 0 ||
			    cu_buf_add(&names, i + 1 < CU_NCOLS ? "," : "\r\n", i + 1 < CU_NCOLS ? 1 : 2) != 0;
		tap_ok(!fail && strcmp(names.data, cu_csv_header) == 0,
		    "the column table (the spreadsheet's) names the header's columns in its order");
		cu_buf_free(&names);
	}
	tap_ok(cu_join_titles(&joined, titles, 3) == 0, "titles join");
	tap_is_str(joined.data, "Due; Top 10 %; A, \"B\"", "  with \"; \"");

	memset(&r, 0, sizeof(r));
	r.customer_id = "C-1";
	r.email = "anna@example.com";
	r.first_name = "Anna";
	r.last_name = "Smith, Jr.";
	r.smart_type = "retail";
	r.account_manager = NULL;
	r.has_metrics = 1;
	r.revenue_cur = 1500000;
	r.revenue_prev = 3000000;
	r.orders_cur = 1;
	r.orders_prev = 3;
	r.risk_score = 1000.0 / 47;
	r.risk_change = -94.68085106382979;
	r.revenue_rank = 50;
	r.revenue_change = -50;
	r.revenue_share = 0;
	r.def = CU_DEF_RISK_SCORE | CU_DEF_RISK_CHANGE | CU_DEF_REVENUE_RANK |
	    CU_DEF_REVENUE_CHANGE | CU_DEF_REVENUE_SHARE;
	r.classifications = joined.data;
	r.has_prediction = 1;
	r.p_alive = 0.912345;
	r.expected_orders_90d = 0.04126;
	r.clv_12m = 1234565;
	r.phone = "+45 12 34 56 78";
	r.postcode = "8000";
	r.city = "Aarhus C";
	r.country = "DK";
	r.language = "da";
	r.tags = "golf; vip";
	r.last_order = "2024-03-21";
	tap_ok(cu_csv_append(&b, &r) == 0, "a full row formats");
	tap_is_str(b.data, "C-1,anna@example.com,Anna,\"Smith, Jr.\",retail,,150.00,300.00,1,3,"
	    "21.28,-94.68,50.00,-50.00,0.00,\"Due; Top 10 %; A, \"\"B\"\"\",0.9123,0.0413,123.46,"
	    "\"'+45 12 34 56 78\",8000,Aarhus C,DK,da,golf; vip,2024-03-21,,,\r\n",
	    "RFC 4180 quoting, empty manager, 2-decimal money and percentages, 4-decimal predictions");

	b.len = 0;
	r.rfm_r = 5;
	r.rfm_f = 1;
	r.rfm_m = 3;
	tap_ok(cu_csv_append(&b, &r) == 0, "a row with RFM scores formats");
	tap_ok(b.len > 8 && strcmp(b.data + b.len - 8, ",5,1,3\r\n") == 0,
	    "the R, F and M scores are the last three fields");
	r.rfm_r = r.rfm_f = r.rfm_m = 0;

	b.len = 0;
	r.first_name = "Line\nbreak";
	r.def = CU_DEF_REVENUE_RANK;
	r.has_prediction = 0;
	r.classifications = "";
	r.phone = r.postcode = r.city = r.country = r.language = r.tags = r.last_order = NULL;
	tap_ok(cu_csv_append(&b, &r) == 0, "a row with undefined numbers formats");
	tap_is_str(b.data, "C-1,anna@example.com,\"Line\nbreak\",\"Smith, Jr.\",retail,,150.00,300.00,1,3,"
	    ",,50.00,,,,,,,,,,,,,,,,\r\n", "undefined percentages and predictions are empty fields; a newline is quoted");

	b.len = 0;
	r.has_metrics = 0;
	r.first_name = "Q\"uote";
	tap_ok(cu_csv_append(&b, &r) == 0, "a customer without metrics formats");
	tap_is_str(b.data, "C-1,anna@example.com,\"Q\"\"uote\",\"Smith, Jr.\",retail,,,,,,,,,,,,,,,,,,,,,,,,\r\n",
	    "no metrics yet: every metric field is empty");
	cu_buf_free(&b);
	cu_buf_free(&joined);
}

int main(void)
{
	test_risk();
	test_history();
	test_numbers();
	test_rows();
	return tap_done();
}
