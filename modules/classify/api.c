/*
 * api.c - /api/v1/classifications: the classifications as JSON.
 *
 *   GET    /api/v1/classifications[?type=T&smart_type=S]   (agent)
 *          {classifications: [CLASSIFICATION...]} in tier order
 *   POST   /api/v1/classifications          (admin) 201 CLASSIFICATION
 *   GET    /api/v1/classifications/{id}     (agent) CLASSIFICATION
 *   PUT    /api/v1/classifications/{id}     (admin) the fields given change
 *   DELETE /api/v1/classifications/{id}     (admin) {deleted, customers_removed,
 *          history}: the customers' current rows for it go; their history
 *          intervals stay, closed on the day of the deletion
 *   PUT    /api/v1/classifications/order    (admin) {type, smart_type, ids}:
 *          the group's tiers in the order of ids (all of them)
 *
 * CLASSIFICATION = {id, title, comments, colour, smart_type, type, value,
 * open, min_spend, min_orders, position, customers}; customers counts the
 * customers holding it now.  value is the tier's upper bound; the last tier
 * of a group may have none ("and above": value null, open true), asked for
 * with "value": null or "open": true, and then holds every value above the
 * tier before it; an open-ended tier before the last is refused (422, also
 * by a new order), and a new tier without a position goes before it.  The
 * starter classifications' title and comments come in the caller's
 * language (Accept-Language, the user's) until the shop edits them.  A refusal is {"error": {status, message,
 * field}}: 400 for an input of the wrong type or an unknown field (the
 * core's, from the routes' declared inputs in module.c), 422 for a value
 * that is not allowed, 404 for an unknown id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "assign.h"
#include "classify_int.h"
#include "salient/db.h"

int cls_api_list(struct sl_req *req, struct sl_resp *resp)
{
	const char *type = sl_req_str(req, "type", NULL), *smart = sl_req_str(req, "smart_type", NULL);
	struct json_object *rows, *m;

	if ((rows = cls_list(sl_req_db(req), type, smart)) == NULL)
		return -1;
	cls_localise_all(req, rows, 1);
	m = json_object_new_object();
	json_object_object_add(m, "classifications", rows);
	sl_resp_model(resp, m);
	return 0;
}

/* Answers with classification id (status 200 or 201). */
static int answer_one(struct sl_req *req, struct sl_resp *resp, long long id, int status)
{
	struct json_object *row = NULL;
	int found = cls_get(sl_req_db(req), id, &row);

	if (found < 0)
		return -1;
	if (found == 0) {
		sl_resp_error(resp, 404, "no classification %lld", id);
		return 0;
	}
	cls_localise(req, row, 1);
	sl_resp_status(resp, status);
	sl_resp_model(resp, row);
	return 0;
}

int cls_api_get(struct sl_req *req, struct sl_resp *resp)
{
	return answer_one(req, resp, (long long)sl_req_uint(req, "id", 0), 200);
}

int cls_api_create(struct sl_req *req, struct sl_resp *resp)
{
	struct cls_in in;
	struct cls_err e;
	long long id;
	int r;

	if (cls_read(req, &in, 0, &e) != 0 || cls_check(sl_req_db(req), &in, NULL, &e) != 0) {
		cls_refuse(req, resp, &e);
		return 0;
	}
	if ((r = cls_create(req, &in, &id, &e)) != 0) {
		if (r < 0)
			return -1;
		cls_refuse(req, resp, &e);
		return 0;
	}
	return answer_one(req, resp, id, 201);
}

int cls_api_update(struct sl_req *req, struct sl_resp *resp)
{
	struct cls_in in;
	struct cls_err e;
	long long id = (long long)sl_req_uint(req, CLS_UPDATE_ID, 0);
	int r;

	if (cls_read(req, &in, id, &e) != 0) {
		cls_refuse(req, resp, &e);
		return 0;
	}
	if ((r = cls_update(req, id, &in, &e)) != 0) {
		if (r < 0)
			return -1;
		cls_refuse(req, resp, &e);
		return 0;
	}
	return answer_one(req, resp, id, 200);
}

int cls_api_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *row = NULL, *m;
	struct cls_err e;
	long long id = (long long)sl_req_uint(req, "id", 0), removed = 0;
	int r;

	if ((r = cls_get(sl_req_db(req), id, &row)) <= 0) {
		if (r < 0)
			return -1;
		sl_resp_error(resp, 404, "no classification %lld", id);
		return 0;
	}
	if ((r = cls_delete(req, id, &removed, &e)) != 0) {
		json_object_put(row);
		if (r < 0)
			return -1;
		cls_refuse(req, resp, &e);
		return 0;
	}
	json_object_object_del(row, "customers");
	cls_localise(req, row, 1);
	m = json_object_new_object();
	json_object_object_add(m, "deleted", row);
	json_object_object_add(m, "customers_removed", json_object_new_int64(removed));
	json_object_object_add(m, "history", json_object_new_string(
	    "kept: the customers' history intervals for it were closed on the day of the deletion"));
	sl_resp_model(resp, m);
	return 0;
}

/* A tier's id in an order: a JSON integer, or a string of digits (data-id). */
static const struct sl_input tier_id = { "ids", SL_IN_UINT, .min = 1, .max = UINT32_MAX };

/* Item i of the order list; 0 with its id, or 1 with the refusal. */
static int order_item(struct json_object *list, const char *field, size_t i, long long *id,
    struct cls_err *e)
{
	struct json_object *v = json_object_array_get_idx(list, i);
	struct sl_in_value val = { 0 };
	char item[24];
	size_t at;

	if (json_object_is_type(v, json_type_int)) {
		*id = json_object_get_int64(v);
		if (*id >= tier_id.min && *id <= tier_id.max)
			return 0;
	} else if (json_object_is_type(v, json_type_string) &&
	    sl_in_check(&tier_id, json_object_get_string(v), (size_t)json_object_get_string_len(v),
	    NULL, &val, &at) == SL_IN_OK) {
		*id = val.i;
		return 0;
	}
	snprintf(item, sizeof(item), "%zu", i + 1);
	return cls_err_set(e, 422, field, "classify.err.order_item", "field", field, "n", item, NULL);
}

/*
 * PUT /api/v1/classifications/order {type, smart_type, ids} and the page's
 * POST /admin/classifications/order {order} (salient.js's [data-sortable]):
 * the group's tiers in the new order.  type and smart_type may be left out
 * (the group of the ids).  Answers the group's classifications.
 */
int cls_api_order(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *list = sl_req_member(req, "ids"), *rows = NULL, *m;
	const char *type = sl_req_str(req, "type", NULL), *smart = sl_req_str(req, "smart_type", NULL);
	const char *field = "ids";
	long long ids[CLS_MAX_TIERS];
	struct cls_err e = { 0 };
	char max[24];
	size_t n = 0;
	int r;

	if (list == NULL && (list = sl_req_member(req, "order")) != NULL)
		field = "order";
	if ((type == NULL) != (smart == NULL)) {
		cls_err_set(&e, 422, type == NULL ? "type" : "smart_type", "classify.err.order_group",
		    "field", type == NULL ? "type" : "smart_type", NULL);
		goto refuse;
	}
	if (list == NULL || json_object_array_length(list) == 0 ||
	    json_object_array_length(list) > CLS_MAX_TIERS) {
		snprintf(max, sizeof(max), "%d", CLS_MAX_TIERS);
		cls_err_set(&e, list == NULL ? 400 : 422, field, "classify.err.order_list",
		    "field", field, "max", max, NULL);
		goto refuse;
	}
	for (n = 0; n < json_object_array_length(list); n++)
		if (order_item(list, field, n, &ids[n], &e) != 0)
			goto refuse;
	if ((r = cls_reorder(req, type, smart, ids, n, &e)) != 0) {
		if (r < 0)
			return -1;
		goto refuse;
	}
	if (type == NULL) {
		struct json_object *one = NULL;

		if (cls_get(sl_req_db(req), ids[0], &one) != 1)
			return -1;
		rows = cls_list(sl_req_db(req), json_object_get_string(json_object_object_get(one, "type")),
		    json_object_get_string(json_object_object_get(one, "smart_type")));
		json_object_put(one);
	} else {
		rows = cls_list(sl_req_db(req), type, smart);
	}
	if (rows == NULL)
		return -1;
	cls_localise_all(req, rows, 1);
	m = json_object_new_object();
	json_object_object_add(m, "classifications", rows);
	sl_resp_model(resp, m);
	return 0;
refuse:
	cls_refuse(req, resp, &e);
	return 0;
}
