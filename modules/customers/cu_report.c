/*
 * cu_report.c - the customer order analysis report: GET
 * /admin/reports/orders (HTML or JSON) and GET /api/v1/reports/orders.
 *
 * The customer list (cu_list.c's view model, filtered by account manager
 * and classification only, with its sort and paging) plus the monthly
 * revenue of the selection:
 *
 *   as_of      the last day of the trend (?as_of=YYYY-MM-DD, default today)
 *   trend      {months ["2024-12", ...] (24 calendar months to as_of),
 *               labels, revenue [..], orders [..], customers [..] (buying
 *               that month), empty}
 *   totals     {revenue {value, text}, orders {value, text}} of the 24 months
 *
 * The trend is one GROUP BY over the selection's paid orders, each
 * customer's read as a range of the covering index orders_customer
 * (cu_sql.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "cu_int.h"
#include "salient/orderscan.h"
#include "salient/db.h"
#include "salient/format.h"

#define TREND_MONTHS 24

static struct json_object *trend_json(struct sl_db *db, const struct cu_filter *f,
    const char *lang, int64_t as_of, const char *as_of_s, struct json_object **totals)
{
	struct json_object *rows, *t, *months, *labels, *rev, *ord, *cus, *row, *v;
	char keys[TREND_MONTHS][16], from[16], label[SL_FMT_MAX], num[48];
	int64_t sum = 0;
	long long orders = 0;
	size_t r = 0, n;
	int y, m, d, k, i, any = 0;

	dc_civil_from_days(as_of, &y, &m, &d);
	k = y * 12 + (m - 1) - (TREND_MONTHS - 1);
	snprintf(from, sizeof(from), "%04d-%02d-01", (k / 12) % 10000, k % 12 + 1);
	for (i = 0; i < TREND_MONTHS; i++, k++)
		snprintf(keys[i], sizeof(keys[i]), "%04d-%02d", (k / 12) % 10000, k % 12 + 1);
	if ((rows = cu_report_months(db, f, from, as_of_s)) == NULL)
		return NULL;
	n = json_object_array_length(rows);
	t = json_object_new_object();
	months = json_object_new_array();
	labels = json_object_new_array();
	rev = json_object_new_array();
	ord = json_object_new_array();
	cus = json_object_new_array();
	for (i = 0; i < TREND_MONTHS; i++) {
		const char *mk;

		row = r < n ? json_object_array_get_idx(rows, r) : NULL;
		mk = cu_str(row, "month");
		sl_fmt_month(label, sizeof(label), lang, keys[i]);
		json_object_array_add(months, json_object_new_string(keys[i]));
		json_object_array_add(labels, json_object_new_string(label));
		if (mk != NULL && strcmp(mk, keys[i]) == 0) {
			v = json_object_object_get(row, "revenue");
			json_object_array_add(rev, json_object_get(v));
			json_object_array_add(ord, json_object_get(json_object_object_get(row, "orders")));
			json_object_array_add(cus, json_object_get(json_object_object_get(row, "customers")));
			if (v != NULL)
				sum += os_money(json_object_get_string(v),
				    (unsigned long)strlen(json_object_get_string(v)));
			orders += json_object_get_int64(json_object_object_get(row, "orders"));
			any = 1;
			r++;
		} else {
			json_object_array_add(rev, json_object_new_int(0));
			json_object_array_add(ord, json_object_new_int(0));
			json_object_array_add(cus, json_object_new_int(0));
		}
	}
	json_object_put(rows);
	json_object_object_add(t, "months", months);
	json_object_object_add(t, "labels", labels);
	json_object_object_add(t, "revenue", rev);
	json_object_object_add(t, "values", json_object_get(rev));   /* the chart partial's */
	json_object_object_add(t, "orders", ord);
	json_object_object_add(t, "customers", cus);
	json_object_object_add(t, "empty", json_object_new_boolean(!any));
	*totals = json_object_new_object();
	snprintf(num, sizeof(num), "%lld.%04lld", (long long)(sum / 10000), (long long)(sum % 10000));
	v = json_object_new_double_s((double)sum / 10000, num);
	json_object_object_add(*totals, "revenue", cu_money_json(lang, v));
	json_object_put(v);
	json_object_object_add(*totals, "orders", sl_model_count(lang, orders));
	return t;
}

int cu_report(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req), *in = sl_req_date(req, "as_of");
	struct json_object *m, *t, *totals = NULL;
	struct cu_filter f;
	char as_of_s[16], q[2048], href[2200], text[SL_FMT_MAX];
	int64_t as_of;

	cu_filter_read(req, &f, 0);
	/* as_of is a declared date (the core checked it) */
	if (in != NULL)
		snprintf(as_of_s, sizeof(as_of_s), "%s", in);
	else
		cu_today(as_of_s, sizeof(as_of_s));
	if (dc_parse_date(as_of_s, &as_of) != 0)
		return -1;
	if ((m = cu_list_model(req, &f, sl_req_path(req))) == NULL)
		return -1;
	if ((t = trend_json(db, &f, lang, as_of, as_of_s, &totals)) == NULL) {
		json_object_put(m);
		return -1;
	}
	json_object_object_add(m, "as_of", json_object_new_string(as_of_s));
	if (sl_fmt_date(text, sizeof(text), lang, as_of_s) == 0)
		json_object_object_add(m, "as_of_text", json_object_new_string(text));
	json_object_object_add(m, "trend", t);
	json_object_object_add(m, "totals", totals);
	/* the download is the customer list's, with the same two filters */
	cu_filter_query(&f, 0, -1, 0, q, sizeof(q));
	snprintf(href, sizeof(href), "%s%s%s", strncmp(sl_req_path(req), "/api/", 5) == 0 ?
	    "/api/v1/customers.csv" : "/admin/customers.csv", q[0] ? "?" : "", q);
	json_object_object_add(m, "csv_href", json_object_new_string(href));
	cu_commented(req, m);
	sl_resp_model(resp, m);
	return 0;
}
