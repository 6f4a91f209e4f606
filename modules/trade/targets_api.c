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
 *                                     number)} -> 201 {target}; 422 when the
 *                                     period shares a day with another
 *                                     target of the customer (named), as
 *                                     the form and the import refuse it
 *   GET    /api/v1/targets/{id}       {target} with progress as of ?as_of
 *   PUT    /api/v1/targets/{id}       any of period_start, period_end,
 *                                     amount -> 200 {target}
 *   DELETE /api/v1/targets/{id}       -> 200 {deleted: id}
 *
 * {target} = {id, customer_id (host id), customer (internal id), and
 * tr_target()'s fields: period, amount, actual, progress, forecast, state}.
 * Input of the wrong type is the core's 400 naming the field (the inputs
 * are declared in trade_module.c); a missing or inconsistent value is 422
 * naming it; nothing is written then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/input.h"
#include "salient/money.h"
#include "salient/text.h"
#include "tr_int.h"
#include "tr_write.h"


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
	int rc = target_view(req, id, sl_req_date(req, "as_of"), &m);

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
	return answer(req, resp, (long long)sl_req_uint(req, "id", 0), 200);
}

/* Saves in and answers: 201/200 with the target, 404/422 with why. */
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
	struct json_object *row = NULL;
	struct tr_target_in in = { 0 };
	const char *cust = sl_req_str(req, "customer_id", NULL), *field;
	sl_money amount = sl_req_money(req, "amount", 0);
	char err[300];
	int found;

	if (cust == NULL || cust[0] == '\0') {
		sl_resp_error(resp, 422, "%s", sl_req_textf(req, err, sizeof(err),
		    "trade.err.customer_required", "label", "customer_id", NULL));
		return 0;
	}
	if (tr_target_check(req, 1, sl_req_date(req, "period_start"), sl_req_date(req, "period_end"),
	    sl_req_has(req, "amount") && !sl_req_null(req, "amount") ? &amount : NULL,
	    &in, &field, err, sizeof(err)) != 0) {
		sl_resp_error(resp, 422, "%s", err);
		return 0;
	}
	if ((found = sl_db_row(sl_req_db(req), &row, SL_SQL(tr_sql, TR_CUSTOMER_BY_HOST), cust)) < 0)
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
	struct json_object *row = NULL;
	struct tr_target_in in = { 0 };
	const char *start = sl_req_date(req, "period_start"), *end = sl_req_date(req, "period_end");
	const char *field;
	sl_money amount = 0;
	char err[300];
	int found, rc;

	in.id = (long long)sl_req_uint(req, "id", 0);
	if (sl_req_has(req, "customer_id")) {
		sl_resp_error(resp, 422, "%s", sl_req_textf(req, err, sizeof(err),
		    "trade.err.customer_fixed", "label", "customer_id", NULL));
		return 0;
	}
	if ((found = tr_target_get_row(sl_req_db(req), in.id, &row)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no target %lld", in.id);
		return 0;
	}
	in.cid = json_object_get_int64(json_object_object_get(row, "customer_id"));
	/* what the body leaves out stays as it is (the stored amount is the
	   plain form DECIMAL(14,4) writes) */
	if (sl_req_has(req, "amount") && !sl_req_null(req, "amount"))
		amount = sl_req_money(req, "amount", 0);
	else if (sl_money_parse(tr_str(row, "amount"), NULL, &amount) != SL_NUM_OK) {
		log_err("trade: target %lld: stored amount '%s' is not money", in.id,
		    tr_str(row, "amount"));
		json_object_put(row);
		return -1;
	}
	rc = tr_target_check(req, 1, start ? start : tr_str(row, "period_start"),
	    end ? end : start ? NULL : tr_str(row, "period_end"), &amount, &in, &field, err,
	    sizeof(err));
	json_object_put(row);
	if (rc != 0) {
		sl_resp_error(resp, 422, "%s", err);
		return 0;
	}
	return save(req, resp, &in);
}

int tr_api_target_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	long long id = (long long)sl_req_uint(req, "id", 0);
	int rc;

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
