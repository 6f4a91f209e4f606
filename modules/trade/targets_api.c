/*
 * targets_api.c - customers' targets by API (role AGENT: staff sessions,
 * admin tokens; read tokens may GET):
 *
 *   GET    /api/v1/targets            the list with progress (targets.c;
 *                                     ?customer=HOST_ID for one customer)
 *   GET    /api/v1/targets.csv        the same as CSV
 *   POST   /api/v1/targets            {customer_id (the host's id),
 *                                     period_start, period_end (optional:
 *                                     12 months), amount ("120000.00" or a
 *                                     number)} -> 201 {target}; 409 when the
 *                                     customer has that period already
 *   GET    /api/v1/targets/{id}       {target} with progress as of ?as_of
 *   PUT    /api/v1/targets/{id}       any of period_start, period_end,
 *                                     amount -> 200 {target}
 *   DELETE /api/v1/targets/{id}       -> 200 {deleted: id}
 *
 * {target} = {id, customer_id (host id), customer (internal id), and
 * tr_target()'s fields: period, amount, actual, progress, forecast, state}.
 * Bad input is 400/422 naming the field; nothing is written then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "contract.h"
#include "salient/db.h"
#include "salient/text.h"
#include "tr_int.h"
#include "tr_write.h"

static const char sql_customer_by_host[] =
    "SELECT id FROM customers WHERE host_id = ? AND placeholder = 0";

/* The {id} of the path; -1 answered 404. */
static int target_id(struct sl_req *req, struct sl_resp *resp, long long *id)
{
	const char *v = sl_req_param(req, "id");
	char *end = NULL;

	*id = v != NULL && v[0] >= '1' && v[0] <= '9' && strlen(v) <= 10 ? strtoll(v, &end, 10) : 0;
	if (*id <= 0 || end == NULL || *end != '\0') {
		sl_resp_error(resp, 404, "no target '%.20s'", v ? v : "");
		return -1;
	}
	return 0;
}

/* A member of the JSON body as text: strings as they are, numbers as
 * written; NULL when absent or null.  *bad when of another type. */
static const char *member(struct json_object *body, const char *key, int *bad)
{
	struct json_object *v;

	if (!json_object_object_get_ex(body, key, &v) || v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))
		return json_object_get_string(v);
	*bad = 1;
	return NULL;
}

/* The target as the API answers it: the customer's tr_target() entry with
 * this id, plus the ids; 0 with *out, 404, or -1. */
static int target_view(struct sl_req *req, long long id, const char *as_of,
    struct json_object **out)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *t = NULL, *list, *e, *res = NULL;
	struct tr_ctx c;
	long long cid;
	size_t i;
	int found;

	*out = NULL;
	if ((found = tr_target_get_row(db, id, &row)) <= 0)
		return found < 0 ? -1 : 404;
	cid = json_object_get_int64(json_object_object_get(row, "customer_id"));
	if (tr_ctx_init(&c, db, cid, as_of, sl_req_lang(req)) != 0) {
		json_object_put(row);
		return -1;
	}
	t = tr_target_model(&c);
	tr_ctx_free(&c);
	if (t == NULL) {
		json_object_put(row);
		return -1;
	}
	list = json_object_object_get(t, "targets");
	for (i = 0; i < json_object_array_length(list); i++) {
		e = json_object_array_get_idx(list, i);
		if (json_object_get_int64(json_object_object_get(e, "id")) == id) {
			res = json_object_get(e);
			break;
		}
	}
	json_object_put(t);
	if (res == NULL) {
		json_object_put(row);
		return 404;
	}
	json_object_object_add(res, "customer_id", json_object_new_string(tr_str(row, "customer")));
	json_object_object_add(res, "customer", json_object_new_int64(cid));
	json_object_put(row);
	*out = json_object_new_object();
	json_object_object_add(*out, "target", res);
	return 0;
}

/* Answers with target id's view and status. */
static int answer(struct sl_req *req, struct sl_resp *resp, long long id, int status)
{
	struct json_object *m;
	int rc = target_view(req, id, sl_req_input(req, "as_of"), &m);

	if (rc == 404) {
		sl_resp_error(resp, 404, "no target %lld", id);
		return 0;
	}
	if (rc != 0)
		return -1;
	sl_resp_status(resp, status);
	sl_resp_model(resp, m);
	return 0;
}

int tr_api_target_get(struct sl_req *req, struct sl_resp *resp)
{
	const char *as_of = sl_req_input(req, "as_of");
	int64_t d;
	long long id;

	if (target_id(req, resp, &id) != 0)
		return 0;
	if (as_of != NULL && as_of[0] != '\0' && (strlen(as_of) != 10 || dc_parse_date(as_of, &d) != 0)) {
		sl_resp_error(resp, 400, "as_of: expected a date YYYY-MM-DD");
		return 0;
	}
	return answer(req, resp, id, 200);
}

/* Saves in and answers: 201/200 with the target, 404/409/422 with why. */
static int save(struct sl_req *req, struct sl_resp *resp, struct tr_target_in *in)
{
	char err[300];
	long long id;
	int created, rc;

	rc = tr_target_save(req, 1, in, &id, &created, err, sizeof(err));
	if (rc < 0)
		return -1;
	if (rc != 0) {
		sl_resp_error(resp, rc, "%s", err);
		return 0;
	}
	return answer(req, resp, id, created ? 201 : 200);
}

int tr_api_target_create(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *body = sl_req_json(req), *row = NULL;
	struct tr_target_in in = { 0 };
	const char *cust, *start, *end, *amount, *field;
	char err[300];
	int bad = 0, found;

	if (body == NULL || !json_object_is_type(body, json_type_object)) {
		sl_resp_error(resp, 400, "expected a JSON object {customer_id, period_start, "
		    "period_end, amount}");
		return 0;
	}
	cust = member(body, "customer_id", &bad);
	start = member(body, "period_start", &bad);
	end = member(body, "period_end", &bad);
	amount = member(body, "amount", &bad);
	if (bad) {
		sl_resp_error(resp, 400, "customer_id, period_start, period_end and amount are "
		    "strings (amount may be a number)");
		return 0;
	}
	if (cust == NULL || cust[0] == '\0') {
		sl_resp_error(resp, 422, "%s", sl_req_textf(req, err, sizeof(err),
		    "trade.err.customer_required", "label", "customer_id", NULL));
		return 0;
	}
	if (tr_target_check(req, 1, start, end, amount, &in, &field, err, sizeof(err)) != 0) {
		sl_resp_error(resp, 422, "%s", err);
		return 0;
	}
	if ((found = sl_db_row(sl_req_db(req), &row, sql_customer_by_host, "s", cust)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 422, "%s", sl_req_textf(req, err, sizeof(err),
		    "trade.err.no_customer", "label", "customer_id", "value", cust, NULL));
		return 0;
	}
	in.cid = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	return save(req, resp, &in);
}

int tr_api_target_update(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *body = sl_req_json(req), *row = NULL;
	struct tr_target_in in = { 0 };
	const char *start, *end, *amount, *field;
	char err[300];
	int bad = 0, found;

	if (target_id(req, resp, &in.id) != 0)
		return 0;
	if (body == NULL || !json_object_is_type(body, json_type_object)) {
		sl_resp_error(resp, 400, "expected a JSON object with period_start, period_end or amount");
		return 0;
	}
	if (json_object_object_get_ex(body, "customer_id", NULL)) {
		sl_resp_error(resp, 422, "%s", sl_req_textf(req, err, sizeof(err),
		    "trade.err.customer_fixed", "label", "customer_id", NULL));
		return 0;
	}
	start = member(body, "period_start", &bad);
	end = member(body, "period_end", &bad);
	amount = member(body, "amount", &bad);
	if (bad) {
		sl_resp_error(resp, 400, "period_start, period_end and amount are strings "
		    "(amount may be a number)");
		return 0;
	}
	if ((found = tr_target_get_row(sl_req_db(req), in.id, &row)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no target %lld", in.id);
		return 0;
	}
	in.cid = json_object_get_int64(json_object_object_get(row, "customer_id"));
	/* what the body leaves out stays as it is */
	if (tr_target_check(req, 1, start ? start : tr_str(row, "period_start"),
	    end ? end : start ? NULL : tr_str(row, "period_end"),
	    amount ? amount : tr_str(row, "amount"), &in, &field, err, sizeof(err)) != 0) {
		json_object_put(row);
		sl_resp_error(resp, 422, "%s", err);
		return 0;
	}
	json_object_put(row);
	return save(req, resp, &in);
}

int tr_api_target_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	long long id;
	int rc;

	if (target_id(req, resp, &id) != 0)
		return 0;
	if ((rc = tr_target_remove(req, 0, id)) < 0)
		return -1;
	if (rc == 404) {
		sl_resp_error(resp, 404, "no target %lld", id);
		return 0;
	}
	m = json_object_new_object();
	json_object_object_add(m, "deleted", json_object_new_int64(id));
	sl_resp_model(resp, m);
	return 0;
}
