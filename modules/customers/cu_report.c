/*
 * cu_report.c - the customer order analysis report: GET
 * /admin/reports/orders (HTML or JSON) and GET /api/v1/reports/orders.
 *
 * The customer list (cu_list.c's view model: every filter of the list,
 * read by the same cu_filter_read(), with its sort and paging) plus the
 * paid orders of the selection in an order date range:
 *
 *   from, to   the range (?from=, ?to=, dates, both days included); to
 *              defaults to ?as_of= (the older name), else today; from to
 *              the first day of the month 23 months before to's, so that
 *              without either the report shows 24 calendar months to today
 *   category   a category's host id: only order lines of products in it or
 *              in its subcategories count
 *   product    a product's host id: only its order lines count (both
 *              given: lines of the product, if it is in the category)
 *   range      {from, to, from_text, to_text, months}
 *   trend      {months ["2024-12", ...] (the calendar months of the range,
 *               the first and last counting only the range's days), labels,
 *               revenue [..], orders [..], customers [..] (buying that
 *               month), empty}
 *   totals     {revenue {value, text}, orders {value, text}} of the range
 *   basis      "order_total" or "line_total": what revenue sums
 *   filters    the list's, with from, to, category and product as given
 *
 * Revenue.  Without a category or product an order counts with its value
 * as DESIGN.md section 5 defines it (orders.total, which the import fills
 * from the lines when the host leaves it blank).  With one, an order's
 * revenue is the value of its matching lines only (line_total, else
 * quantity x unit_price, else 0: the purchases table's line value), and
 * orders and customers are those with at least one matching line; the
 * page says so under the totals.  The customer rows and "customers in the
 * selection" are the customers the list's filters select, whether or not
 * they ordered in the range.
 *
 * The trend is one GROUP BY over the selection's paid orders, each
 * customer's read as a range of the covering index orders_customer
 * (cu_sql.c); with a category or product the lines of those orders are
 * joined by their primary key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "cu_int.h"
#include "salient/log.h"
#include "salient/orderscan.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/text.h"

/* The default range: 24 calendar months to the last day. */
#define DEFAULT_MONTHS 24
/* The longest range: 10 years of months. */
#define MAX_MONTHS 120

/* The range after defaults: days and texts, and the month keys of the trend. */
struct range {
	char from[16], to[16];
	int64_t from_d, to_d;
	int months;
	char keys[MAX_MONTHS][16];
};

/* Fills r from f and as_of; 0, 1 after answering 400 naming the input, or -1. */
static int range_read(struct sl_req *req, struct sl_resp *resp, const struct cu_filter *f,
    const char *as_of, struct range *r)
{
	char msg[SL_TEXT_MAX], n[16];
	int y, m, d, k0, k1, i;

	if (f->to != NULL)
		snprintf(r->to, sizeof(r->to), "%s", f->to);
	else if (as_of != NULL)
		snprintf(r->to, sizeof(r->to), "%s", as_of);
	else
		cu_today(r->to, sizeof(r->to));
	if (dc_parse_date(r->to, &r->to_d) != 0)
		return -1;   /* declared dates: checked by the core */
	dc_civil_from_days(r->to_d, &y, &m, &d);
	k1 = y * 12 + (m - 1);
	if (f->from != NULL) {
		snprintf(r->from, sizeof(r->from), "%s", f->from);
	} else {
		k0 = k1 - (DEFAULT_MONTHS - 1);
		snprintf(r->from, sizeof(r->from), "%04d-%02d-01", (k0 / 12) % 10000, k0 % 12 + 1);
	}
	if (dc_parse_date(r->from, &r->from_d) != 0)
		return -1;
	dc_civil_from_days(r->from_d, &y, &m, &d);
	k0 = y * 12 + (m - 1);
	if (r->from_d > r->to_d || k1 - k0 + 1 > MAX_MONTHS) {
		snprintf(n, sizeof(n), "%d", MAX_MONTHS);
		sl_req_textf(req, msg, sizeof(msg), r->from_d > r->to_d ?
		    "customers.report.err.from_after_to" : "customers.report.err.range_long",
		    "from", r->from, "to", r->to, "max", n, (const char *)NULL);
		sl_resp_error_field(resp, 400, "from", "range", "%s", msg);
		return 1;
	}
	r->months = k1 - k0 + 1;
	for (i = 0; i < r->months; i++, k0++)
		snprintf(r->keys[i], sizeof(r->keys[i]), "%04d-%02d", (k0 / 12) % 10000, k0 % 12 + 1);
	return 0;
}

static struct json_object *trend_json(struct sl_db *db, const struct cu_filter *f,
    const char *lang, const struct range *rg, struct json_object **totals)
{
	struct json_object *rows, *t, *months, *labels, *rev, *ord, *cus, *row, *v;
	char label[SL_FMT_MAX], num[48];
	int64_t sum = 0;
	long long orders = 0;
	size_t r = 0, n;
	int i, any = 0;

	if ((rows = cu_report_months(db, f, rg->from, rg->to)) == NULL)
		return NULL;
	n = json_object_array_length(rows);
	t = json_object_new_object();
	months = json_object_new_array();
	labels = json_object_new_array();
	rev = json_object_new_array();
	ord = json_object_new_array();
	cus = json_object_new_array();
	for (i = 0; i < rg->months; i++) {
		const char *mk;

		row = r < n ? json_object_array_get_idx(rows, r) : NULL;
		mk = cu_str(row, "month");
		sl_fmt_month(label, sizeof(label), lang, rg->keys[i]);
		json_object_array_add(months, json_object_new_string(rg->keys[i]));
		json_object_array_add(labels, json_object_new_string(label));
		if (mk != NULL && strcmp(mk, rg->keys[i]) == 0) {
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


/*
 * The category and product chosen, looked up: m.chosen {category {id,
 * name}, product {id, name, sku}}.  0, 1 after answering 400 naming an
 * unknown one, or -1 (database).
 */
static int chosen_json(struct sl_req *req, struct sl_resp *resp, const struct cu_filter *f,
    struct json_object *m)
{
	static const struct { const char *name; int sql; const char *err; } what[] = {
		{ "category", CU_SQL_CATEGORY, "customers.report.err.no_category" },
		{ "product", CU_SQL_PRODUCT, "customers.report.err.no_product" },
	};
	struct json_object *chosen = json_object_new_object(), *row;
	char msg[SL_TEXT_MAX];
	const char *id;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		id = i == 0 ? f->category : f->product;
		if (id == NULL)
			continue;
		row = NULL;
		if ((rc = sl_db_row(sl_req_db(req), &row, SL_SQL(cu_sql, what[i].sql), id)) < 0) {
			log_err("order report: the %s: %s", what[i].name, sl_db_error(sl_req_db(req)));
			json_object_put(chosen);
			return -1;
		}
		if (rc == 0) {
			sl_req_textf(req, msg, sizeof(msg), what[i].err, "id", id, (const char *)NULL);
			sl_resp_error_field(resp, 400, what[i].name, "not_found", "%s", msg);
			json_object_put(chosen);
			return 1;
		}
		json_object_object_add(chosen, what[i].name, row);
	}
	json_object_object_add(m, "chosen", chosen);
	return 0;
}

/* options.categories [{value, name, selected}] for the form; -1 (database). */
static int categories_json(struct sl_db *db, const struct cu_filter *f, struct json_object *m)
{
	struct json_object *rows, *o, *row;
	const char *id;
	size_t i;

	if ((o = json_object_object_get(m, "options")) == NULL)
		return 0;
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_CATEGORIES))) == NULL) {
		log_err("order report: categories: %s", sl_db_error(db));
		return -1;
	}
	for (i = 0; i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		id = cu_str(row, "host_id");
		json_object_object_add(row, "selected", json_object_new_boolean(
		    id != NULL && f->category != NULL && strcmp(id, f->category) == 0));
	}
	json_object_object_add(o, "categories", rows);
	return 0;
}

/* m.range {from, to, from_text, to_text, months}. */
static void range_json(const char *lang, const struct range *rg, struct json_object *m)
{
	struct json_object *o = json_object_new_object();
	char text[SL_FMT_MAX];

	json_object_object_add(o, "from", json_object_new_string(rg->from));
	json_object_object_add(o, "to", json_object_new_string(rg->to));
	if (sl_fmt_date(text, sizeof(text), lang, rg->from) == 0)
		json_object_object_add(o, "from_text", json_object_new_string(text));
	if (sl_fmt_date(text, sizeof(text), lang, rg->to) == 0)
		json_object_object_add(o, "to_text", json_object_new_string(text));
	json_object_object_add(o, "months", json_object_new_int(rg->months));
	json_object_object_add(m, "range", o);
}

/* The CSV download is the customer list's: the list's filters only. */
static void csv_href(struct sl_req *req, const struct cu_filter *f, struct json_object *m)
{
	struct cu_filter lf = *f;
	char q[2048], href[2200];

	lf.report = 0;
	lf.from = lf.to = lf.category = lf.product = NULL;
	cu_filter_query(&lf, 0, -1, 0, q, sizeof(q));
	snprintf(href, sizeof(href), "%s%s%s", strncmp(sl_req_path(req), "/api/", 5) == 0 ?
	    "/api/v1/customers.csv" : "/admin/customers.csv", q[0] ? "?" : "", q);
	json_object_object_add(m, "csv_href", json_object_new_string(href));
}

int cu_report(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req);
	struct json_object *m = NULL, *t, *totals = NULL;
	struct cu_filter f;
	struct range *rg = NULL;
	int rc = -1, c;

	cu_filter_read(req, &f, 1);
	if ((rg = calloc(1, sizeof(*rg))) == NULL)
		goto done;
	if ((c = range_read(req, resp, &f, sl_req_date(req, "as_of"), rg)) != 0) {
		rc = c > 0 ? 0 : -1;
		goto done;
	}
	if ((m = cu_list_model(req, &f, sl_req_path(req))) == NULL)
		goto done;
	if ((c = chosen_json(req, resp, &f, m)) != 0) {
		rc = c > 0 ? 0 : -1;
		goto done;
	}
	if (categories_json(db, &f, m) != 0 ||
	    (t = trend_json(db, &f, lang, rg, &totals)) == NULL)
		goto done;
	/* as_of: the range's last day, as before the range (the older name) */
	json_object_object_add(m, "as_of", json_object_new_string(rg->to));
	range_json(lang, rg, m);
	json_object_object_add(m, "trend", t);
	json_object_object_add(m, "totals", totals);
	json_object_object_add(m, "basis", json_object_new_string(
	    f.category != NULL || f.product != NULL ? "line_total" : "order_total"));
	json_object_object_add(m, "by_lines", json_object_new_boolean(
	    f.category != NULL || f.product != NULL));
	csv_href(req, &f, m);
	cu_commented(req, m);
	sl_resp_model(resp, m);
	m = NULL;
	rc = 0;
done:
	json_object_put(m);
	free(rg);
	return rc;
}
