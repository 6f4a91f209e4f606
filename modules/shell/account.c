/*
 * account.c - GET /account/: the signed-in trade customer's home.  Every
 * query is keyed by the session's customer id (sl_req_customer()), never by
 * anything the request carries.  View model (also the JSON API):
 *
 *   as_of         "2026-11-23" (as_of_text: "23 Nov 2026")
 *   customer      {id, customer_id (the host's), name, email, smart_type,
 *                  is{SMART_TYPE: true}} or null when the caller is not a
 *                  trade customer (the API key): the page then says so
 *   orders_12m    {value, text}: paid orders in (as_of - 12 months, as_of]
 *   revenue_12m   [{amount, currency, text, orders}] largest first
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/salient.h"
#include "shell_int.h"
#include "shell_model.h"

static const char sql_customer[] =
    "SELECT id, host_id AS customer_id, first_name, last_name, email, smart_type "
    "FROM customers WHERE id = ? AND placeholder = 0";

static const char sql_revenue[] =
    "SELECT currency, SUM(total) AS amount, COUNT(*) AS orders FROM orders "
    "WHERE customer_id = ? AND status = 'paid' AND placeholder = 0 "
    "AND order_date > DATE_SUB(CAST(? AS DATE), INTERVAL 12 MONTH) "
    "AND order_date <= CAST(? AS DATE) "
    "GROUP BY currency ORDER BY amount DESC, currency";

/* Adds name (first and last name, else the email, else the host id) and is{}. */
static void customer_decorate(struct json_object *c)
{
	const char *first = shell_str(c, "first_name"), *last = shell_str(c, "last_name");
	const char *type = shell_str(c, "smart_type");
	struct json_object *is = json_object_new_object();
	char name[256];

	if ((first && first[0]) || (last && last[0]))
		snprintf(name, sizeof(name), "%s%s%s", first ? first : "",
		    first && first[0] && last && last[0] ? " " : "", last ? last : "");
	else
		snprintf(name, sizeof(name), "%s", shell_str(c, "email") ? shell_str(c, "email") :
		    (shell_str(c, "customer_id") ? shell_str(c, "customer_id") : ""));
	json_object_object_add(c, "name", json_object_new_string(name));
	if (type != NULL)
		json_object_object_add(is, type, json_object_new_boolean(1));
	json_object_object_add(c, "is", is);
}

int shell_account(struct sl_req *req, struct sl_resp *resp)
{
	static const char *const as_of_key[] = { "as_of", NULL };
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req);
	struct json_object *m = NULL, *c = NULL, *rows = NULL, *rev, *row, *amount, *e;
	long long id = sl_req_customer(req), orders = 0;
	char today[16];
	size_t i;
	int rc = -1, found;

	shell_today(today, sizeof(today));
	m = json_object_new_object();
	json_object_object_add(m, "as_of", json_object_new_string(today));
	shell_add_dates(m, lang, 0, as_of_key);
	if (id <= 0) {
		json_object_object_add(m, "customer", NULL);
		goto done;
	}
	if ((found = sl_db_row(db, &c, sql_customer, "i", id)) < 0)
		goto out;
	if (!found) {
		sl_resp_error(resp, 404, "this customer is not in the data");
		rc = 0;
		goto out;
	}
	customer_decorate(c);
	json_object_object_add(m, "customer", c);
	if ((rows = sl_db_rows(db, sql_revenue, "iss", id, today, today)) == NULL)
		goto out;
	rev = json_object_new_array();
	for (i = 0; i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		json_object_object_get_ex(row, "amount", &amount);
		e = shell_money(lang, amount, shell_str(row, "currency"));
		json_object_object_add(e, "orders", shell_count(lang, shell_int(row, "orders")));
		orders += shell_int(row, "orders");
		json_object_array_add(rev, e);
	}
	json_object_object_add(m, "orders_12m", shell_count(lang, orders));
	json_object_object_add(m, "revenue_12m", rev);
done:
	sl_resp_model(resp, m);
	m = NULL;
	rc = 0;
out:
	json_object_put(rows);
	json_object_put(m);
	return rc;
}
