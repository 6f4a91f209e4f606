/*
 * cu_record.c - the customer record: GET /admin/customers/{id} (HTML or
 * JSON) and GET /api/v1/customers/{id}, where id is the internal id
 * (customers.id); GET /admin/customers/by-host/{customer_id} and
 * /api/v1/customers/by-host/{customer_id} redirect from the host's
 * customer id to it.  ?as_of=YYYY-MM-DD (default today) ends the chart.
 *
 * View model:
 *   customer        {id, customer_id, name, first_name, last_name, email,
 *                    phone, smart_type, is{TYPE}, account_manager, postcode,
 *                    city, country, language, language_name (in the
 *                    reader's language, else the code), subscriber,
 *                    created_at, tags [],
 *                    trade_href (not for retail customers)}
 *   as_of           the chart's last day
 *   metrics         the last run's numbers ({value, text} each, value null
 *                   when undefined) with their as_of, or null before a run
 *   classifications [{id, title, colour, comments, since}] in tier order
 *   history         {months ["2024-04", ...], labels, revenue [..], risk
 *                    [.. or null], orders [..], empty}: 24 calendar months
 *                    to as_of; revenue of the paid orders of each month, the
 *                    risk score at each month's end (cu_history.c)
 *   predictions     sl_predict_customer()'s object (salient/predict.h),
 *                    with texts, and decay_labels/decay_values (percent);
 *                    available false with reason_key when there is none
 *   orders          the 20 latest orders [{order_id, ordered_at, order_date,
 *                    total {value, text}, currency, status, is{STATUS},
 *                    channel}]
 *   comments        [{id, text, author, created_at}] newest first
 *   comments_href   where the comment dialog posts
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "cu_history.h"
#include "cu_int.h"
#include "salient/orderscan.h"
#include "salient/predict.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/money.h"
#include "salient/num.h"

#define HISTORY_MONTHS 24
#define RECENT_ORDERS 20
#define COMMENTS_SHOWN 200

/* Adds key_text beside each named ISO date (or datetime) of obj. */
static void add_dates(struct json_object *obj, const char *lang, int datetime,
    const char *const *keys)
{
	char name[96], text[SL_FMT_MAX];
	const char *v;

	for (; *keys != NULL; keys++) {
		if ((v = cu_str(obj, *keys)) == NULL)
			continue;
		if ((datetime ? sl_fmt_datetime(text, sizeof(text), lang, v) :
		    sl_fmt_date(text, sizeof(text), lang, v)) != 0)
			continue;
		snprintf(name, sizeof(name), "%s_text", *keys);
		json_object_object_add(obj, name, json_object_new_string(text));
	}
}

/* A starter classification's title and comments in the reader's language
 * (cu_starter_text()), the stored ones otherwise; starter_key goes. */
static void class_texts(const struct sl_req *req, struct json_object *row)
{
	static const char *const fields[] = { "title", "comments" };
	const char *stored, *t;
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		stored = cu_str(row, fields[i]);
		if ((t = cu_starter_text(req, cu_str(row, "starter_key"), fields[i], stored)) != stored)
			json_object_object_add(row, fields[i], json_object_new_string(t));
	}
	json_object_object_del(row, "starter_key");
}

/* language_name: the customer's language (customers.language, "da" or
 * "da-DK") named in the reader's language, when the catalog names it. */
static void language_name(const struct sl_req *req, struct json_object *c)
{
	const char *code = cu_str(c, "language"), *t;
	char key[48];
	size_t i;

	if (code == NULL || code[0] == '\0')
		return;
	memcpy(key, "customers.language.", 19);
	for (i = 0; i < 8 && ((code[i] >= 'a' && code[i] <= 'z') ||
	    (code[i] >= 'A' && code[i] <= 'Z')); i++)
		key[19 + i] = (char)(code[i] | 0x20);   /* the primary subtag, lower case */
	key[19 + i] = '\0';
	if (i == 0 || (t = sl_req_text(req, key)) == NULL || strcmp(t, key) == 0)
		t = code;   /* a language the catalog does not name: its code */
	json_object_object_add(c, "language_name", json_object_new_string(t));
}

/* The customer's details into *out: 1, 0 when there is none, -1 (database). */
static int customer_json(struct sl_req *req, long long id, struct json_object **out)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req);
	static const char *const dates[] = { "created_at", NULL };
	struct json_object *c = NULL, *tags = NULL, *is, *arr;
	const char *type;
	char name[256], href[64];
	size_t i;
	int found;

	*out = NULL;
	if ((found = sl_db_row(db, &c, SL_SQL(cu_sql, CU_SQL_CUSTOMER), id)) != 1)
		return found;
	cu_row_name(c, name, sizeof(name));
	json_object_object_add(c, "name", json_object_new_string(name));
	type = cu_str(c, "smart_type");
	is = json_object_new_object();
	if (type != NULL)
		json_object_object_add(is, type, json_object_new_boolean(1));
	json_object_object_add(c, "is", is);
	if (type != NULL && strcmp(type, "retail") != 0) {
		snprintf(href, sizeof(href), "/admin/customers/%lld/trade", id);
		json_object_object_add(c, "trade_href", json_object_new_string(href));
	}
	add_dates(c, lang, 1, dates);
	language_name(req, c);
	if ((tags = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_TAGS), id)) == NULL) {
		json_object_put(c);
		return -1;
	}
	arr = json_object_new_array();
	for (i = 0; i < json_object_array_length(tags); i++)
		json_object_array_add(arr, json_object_get(json_object_object_get(
		    json_object_array_get_idx(tags, i), "tag")));
	json_object_put(tags);
	json_object_object_add(c, "tags", arr);
	*out = c;
	return 1;
}

/* The stored metrics as {value, text}; sets *out to null before any run. */
static int metrics_json(struct sl_db *db, const char *lang, long long id,
    struct json_object **out)
{
	static const char *const cols[] = { "revenue_cur", "revenue_prev", "orders_cur",
	    "orders_prev", "risk_score", "risk_change", "revenue_rank", "revenue_change",
	    "revenue_share" };
	static const char *const dates[] = { "as_of", NULL };
	struct json_object *row = NULL, *m;
	size_t i;
	int found;

	*out = NULL;
	if ((found = sl_db_row(db, &row, SL_SQL(cu_sql, CU_SQL_METRICS), id)) <= 0)
		return found;
	m = json_object_new_object();
	json_object_object_add(m, "as_of", json_object_get(json_object_object_get(row, "as_of")));
	add_dates(m, lang, 0, dates);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		cu_metric_add(m, row, cols[i], lang);
	}
	cu_rfm_add(m, row);
	json_object_put(row);
	*out = m;
	return 1;
}

/* The chart's months (cu_history()); NULL on a database error. */
static struct json_object *history_json(struct sl_db *db, const char *lang, long long id,
    int64_t as_of, const char *as_of_s)
{
	struct cu_month mon[HISTORY_MONTHS];
	struct json_object *h = NULL, *months, *labels, *rev, *risk, *orders;
	struct sl_stmt *st;
	int64_t *days = NULL, *vals = NULL, *nd, *nv;
	size_t n = 0, cap = 0;
	char key[16], label[SL_FMT_MAX];
	const char *s;
	int i, rc, any = 0;

	if ((st = sl_db_stmt(db, cu_sql[CU_SQL_DAYS].sql)) == NULL ||
	    sl_stmt_exec(st, cu_sql[CU_SQL_DAYS].types, id, as_of_s) != 0)
		return NULL;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			nd = realloc(days, cap * sizeof(*days));
			if (nd != NULL)
				days = nd;
			nv = realloc(vals, cap * sizeof(*vals));
			if (nv != NULL)
				vals = nv;
			if (nd == NULL || nv == NULL) {
				rc = -1;
				break;
			}
		}
		if ((s = sl_stmt_str(st, 0, NULL)) == NULL || dc_parse_date(s, &days[n]) != 0)
			continue;
		sl_money_parse_db(sl_stmt_str(st, 1, NULL), &vals[n++]);
	}
	sl_stmt_done(st);
	if (rc < 0 || cu_history(days, vals, n, as_of, HISTORY_MONTHS, mon) != 0)
		goto out;
	h = json_object_new_object();
	months = json_object_new_array();
	labels = json_object_new_array();
	rev = json_object_new_array();
	risk = json_object_new_array();
	orders = json_object_new_array();
	for (i = 0; i < HISTORY_MONTHS; i++) {
		snprintf(key, sizeof(key), "%04d-%02d", mon[i].year % 10000, mon[i].month % 100);
		sl_fmt_month(label, sizeof(label), lang, key);
		json_object_array_add(months, json_object_new_string(key));
		json_object_array_add(labels, json_object_new_string(label));
		json_object_array_add(rev, json_object_new_double((double)mon[i].revenue / 10000));
		json_object_array_add(risk, mon[i].risk_def ?
		    json_object_new_double(mon[i].risk) : NULL);
		json_object_array_add(orders, json_object_new_int64(mon[i].orders));
		any |= mon[i].orders > 0 || mon[i].risk_def;
	}
	json_object_object_add(h, "months", months);
	json_object_object_add(h, "labels", labels);
	json_object_object_add(h, "revenue", rev);
	json_object_object_add(h, "risk", risk);
	json_object_object_add(h, "orders", orders);
	json_object_object_add(h, "empty", json_object_new_boolean(!any));
out:
	free(days);
	free(vals);
	return h;
}

/* Adds texts and the decay chart's series to the predictions object. */
static void predictions_texts(struct json_object *p, const char *lang)
{
	struct json_object *v, *decay, *labels, *values, *pt;
	char text[SL_FMT_MAX], num[64];
	double pct;
	size_t i;

	if (!json_object_get_boolean(json_object_object_get(p, "available"))) {
		struct json_object *is = json_object_new_object();
		const char *key = cu_str(p, "reason_key");

		json_object_object_add(is, key != NULL && strcmp(key, "predict.none.no_orders") == 0 ?
		    "no_orders" : "no_fit", json_object_new_boolean(1));
		json_object_object_add(p, "reason_is", is);
		return;
	}
	if ((v = json_object_object_get(p, "p_alive")) != NULL) {
		sl_fmt_percent(text, sizeof(text), lang, json_object_get_double(v) * 100, 1);
		json_object_object_add(p, "p_alive_text", json_object_new_string(text));
	}
	if ((v = json_object_object_get(p, "expected_orders_90d")) != NULL) {
		snprintf(num, sizeof(num), "%.2f", json_object_get_double(v));
		sl_fmt_decimal(text, sizeof(text), lang, num, 2);
		json_object_object_add(p, "expected_orders_text", json_object_new_string(text));
	}
	if ((v = json_object_object_get(p, "clv_12m")) != NULL) {
		sl_fmt_decimal(text, sizeof(text), lang, json_object_get_string(v), 2);
		json_object_object_add(p, "clv_text", json_object_new_string(text));
	}
	if ((v = json_object_object_get(p, "expected_aov")) != NULL) {
		sl_fmt_decimal(text, sizeof(text), lang, json_object_get_string(v), 2);
		json_object_object_add(p, "expected_aov_text", json_object_new_string(text));
	}
	if ((v = cu_str(p, "as_of") ? json_object_object_get(p, "as_of") : NULL) != NULL &&
	    sl_fmt_date(text, sizeof(text), lang, json_object_get_string(v)) == 0)
		json_object_object_add(p, "as_of_text", json_object_new_string(text));
	if ((decay = json_object_object_get(p, "decay")) == NULL)
		return;
	labels = json_object_new_array();
	values = json_object_new_array();
	for (i = 0; i < json_object_array_length(decay); i++) {
		pt = json_object_array_get_idx(decay, i);
		sl_fmt_date(text, sizeof(text), lang, cu_str(pt, "date") ? cu_str(pt, "date") : "");
		json_object_array_add(labels, json_object_new_string(text));
		pct = json_object_get_double(json_object_object_get(pt, "p_alive")) * 100;
		snprintf(num, sizeof(num), "%.1f", pct);
		/* the value as the text shows it */
		json_object_array_add(values, json_object_new_double_s(
		    sl_num_double(num, &pct) == 0 ? pct : 0, num));
	}
	json_object_object_add(p, "decay_labels", labels);
	json_object_object_add(p, "decay_values", values);
}

static void orders_decorate(struct json_object *rows, const char *lang)
{
	static const char *const dates[] = { "order_date", NULL };
	struct json_object *o, *is;
	size_t i;

	for (i = 0; i < json_object_array_length(rows); i++) {
		o = json_object_array_get_idx(rows, i);
		add_dates(o, lang, 0, dates);
		json_object_object_add(o, "total", cu_money_json(lang, json_object_object_get(o, "total")));
		is = json_object_new_object();
		if (cu_str(o, "status") != NULL)
			json_object_object_add(is, cu_str(o, "status"), json_object_new_boolean(1));
		json_object_object_add(o, "is", is);
	}
}

/* Loads the whole record into a new model; NULL on a database error. */
static struct json_object *record_model(struct sl_req *req, long long id,
    struct json_object *customer, int64_t as_of, const char *as_of_s)
{
	static const char *const since[] = { "since", NULL };
	static const char *const created[] = { "created_at", NULL };
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req);
	struct json_object *m = json_object_new_object(), *v = NULL, *rows;
	char href[64], text[SL_FMT_MAX];
	size_t i;

	json_object_object_add(m, "customer", customer);
	json_object_object_add(m, "as_of", json_object_new_string(as_of_s));
	if (sl_fmt_date(text, sizeof(text), lang, as_of_s) == 0)
		json_object_object_add(m, "as_of_text", json_object_new_string(text));
	if (metrics_json(db, lang, id, &v) < 0)
		goto fail;
	json_object_object_add(m, "metrics", v);
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_RECORD_CLASSES), id)) == NULL)
		goto fail;
	for (i = 0; i < json_object_array_length(rows); i++) {
		add_dates(json_object_array_get_idx(rows, i), lang, 0, since);
		class_texts(req, json_object_array_get_idx(rows, i));
	}
	json_object_object_add(m, "classifications", rows);
	if ((v = history_json(db, lang, id, as_of, as_of_s)) == NULL)
		goto fail;
	json_object_object_add(m, "history", v);
	if (sl_predict_customer(db, id, NULL, &v) != 1)
		goto fail;
	predictions_texts(v, lang);
	json_object_object_add(m, "predictions", v);
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_ORDERS), id)) == NULL)
		goto fail;
	orders_decorate(rows, lang);
	json_object_object_add(m, "has_orders", json_object_new_boolean(
	    json_object_array_length(rows) > 0));
	json_object_object_add(m, "orders", rows);
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_COMMENTS), id)) == NULL)
		goto fail;
	for (i = 0; i < json_object_array_length(rows); i++)
		add_dates(json_object_array_get_idx(rows, i), lang, 1, created);
	json_object_object_add(m, "comments", rows);
	json_object_object_add(m, "comments_count", json_object_new_int(
	    (int)json_object_array_length(rows)));
	snprintf(href, sizeof(href), "/admin/customers/%lld/comments", id);
	json_object_object_add(m, "comments_href", json_object_new_string(href));
	snprintf(href, sizeof(href), "/admin/customers/%lld", id);
	json_object_object_add(m, "return_to", json_object_new_string(href));
	return m;
fail:
	json_object_put(m);
	return NULL;
}

int cu_record(struct sl_req *req, struct sl_resp *resp)
{
	const char *as_of_in = sl_req_date(req, "as_of");
	struct json_object *c, *m;
	char as_of_s[16];
	int64_t as_of;
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	/* id ({id:uint}) and as_of (a date) are declared: the core checked them */
	if (as_of_in != NULL)
		snprintf(as_of_s, sizeof(as_of_s), "%s", as_of_in);
	else
		cu_today(as_of_s, sizeof(as_of_s));
	if (dc_parse_date(as_of_s, &as_of) != 0)
		return -1;
	if ((found = customer_json(req, id, &c)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no customer with id %lld", id);
		return 0;
	}
	if ((m = record_model(req, id, c, as_of, as_of_s)) == NULL)
		return -1;
	sl_resp_model(resp, m);
	return 0;
}

int cu_by_host(struct sl_req *req, struct sl_resp *resp)
{
	/* a declared path text of 1 to 64 bytes */
	const char *host = sl_req_str(req, "customer_id", NULL);
	struct json_object *row = NULL;
	char path[96];
	int found;

	if (host == NULL)
		return -1;
	if ((found = sl_db_row(sl_req_db(req), &row, SL_SQL(cu_sql, CU_SQL_BY_HOST), host)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no customer with customer id %s", host);
		return 0;
	}
	snprintf(path, sizeof(path), "%s/%lld", strncmp(sl_req_path(req), "/api/", 5) == 0 ?
	    "/api/v1/customers" : "/admin/customers",
	    (long long)json_object_get_int64(json_object_object_get(row, "id")));
	json_object_put(row);
	sl_resp_redirect(resp, path);
	return 0;
}
