/*
 * tr_write.c - setting, changing and removing a customer's target: the one
 * validation and the writes shared by the staff form and the API, each
 * change audited (target.create, target.update, target.delete) in the
 * transaction that makes it.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "contract.h"
#include "log.h"
#include "salient/db.h"
#include "salient/salient.h"
#include "tr_int.h"
#include "tr_target.h"
#include "tr_text.h"
#include "tr_write.h"


int tr_target_check(const char *start, const char *end, const sl_money *amount,
    struct tr_target_in *in, const char **field, char *err, size_t errlen)
{
	if (start == NULL || dc_parse_date(start, &in->start) != 0) {
		*field = "period_start";
		snprintf(err, errlen, "period_start: required (a date YYYY-MM-DD)");
		return -1;
	}
	if (end == NULL)
		in->end = tr_default_end(in->start, 12);
	else if (dc_parse_date(end, &in->end) != 0) {
		*field = "period_end";
		snprintf(err, errlen, "period_end: '%.20s' is not a date (YYYY-MM-DD)", end);
		return -1;
	}
	if (in->end < in->start) {
		*field = "period_end";
		snprintf(err, errlen, "period_end: must not be before period_start");
		return -1;
	}
	if (amount == NULL) {
		*field = "amount";
		snprintf(err, errlen, "amount: required (a decimal number such as 120000.00)");
		return -1;
	}
	if (*amount <= 0) {
		*field = "amount";
		snprintf(err, errlen, "amount: must be greater than 0");
		return -1;
	}
	in->amount = *amount;
	return 0;
}

/* The target's row as audit JSON, or NULL when it is gone. */
static struct json_object *snapshot(struct sl_db *db, long long id)
{
	struct json_object *row = NULL;

	if (sl_db_row(db, &row, SL_SQL(tr_sql, TR_TARGET_ONE), id) != 1)
		return NULL;
	return row;
}

int tr_target_get_row(struct sl_db *db, long long id, struct json_object **out)
{
	return sl_db_row(db, out, SL_SQL(tr_sql, TR_TARGET_ONE), id);
}

int tr_target_save(struct sl_req *req, const struct tr_target_in *in, long long *id,
    int *created, char *err, size_t errlen)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *before = NULL, *after = NULL, *row = NULL;
	char s[16], e[16], amount[32], idtext[24];
	long long tid = in->id;
	int found, rc = -1;

	tr_iso(in->start, s, sizeof(s));
	tr_iso(in->end, e, sizeof(e));
	tr_money_text(in->amount, amount, sizeof(amount));
	*created = 0;
	if (sl_db_begin(db) != 0)
		return -1;
	if (tid > 0) {
		if ((before = snapshot(db, tid)) == NULL ||
		    json_object_get_int64(json_object_object_get(before, "customer_id")) != in->cid) {
			snprintf(err, errlen, "no target %lld for this customer", tid);
			rc = 404;
			goto out;
		}
	}
	if ((found = sl_db_row(db, &row, SL_SQL(tr_sql, TR_TARGET_SAME_PERIOD), in->cid, s, e,
	    tid > 0 ? tid : 0LL)) < 0)
		goto out;
	if (found) {
		snprintf(err, errlen, "period_start: this customer has a target for %s to %s already "
		    "(target %lld): change that one", s, e,
		    (long long)json_object_get_int64(json_object_object_get(row, "id")));
		rc = 409;
		goto out;
	}
	if (tid > 0) {
		if (sl_db_exec(db, SL_SQL(tr_sql, TR_TARGET_UPDATE), s, e, amount, tid) < 0)
			goto out;
	} else {
		struct sl_stmt *st = sl_db_stmt(db, tr_sql[TR_TARGET_INSERT].sql);

		if (st == NULL || sl_stmt_exec(st, tr_sql[TR_TARGET_INSERT].types, in->cid, s, e, amount) != 0)
			goto out;
		tid = (long long)sl_stmt_insert_id(st);
		*created = 1;
	}
	after = snapshot(db, tid);
	snprintf(idtext, sizeof(idtext), "%lld", tid);
	if (sl_audit(req, *created ? "target.create" : "target.update", idtext, before, after) != 0)
		goto out;
	if (sl_db_commit(db) != 0)
		goto out;
	*id = tid;
	rc = 0;
out:
	if (rc != 0)
		sl_db_rollback(db);
	if (rc < 0)
		log_err("trade: saving a target of customer %lld: %s", in->cid, sl_db_error(db));
	json_object_put(before);
	json_object_put(after);
	json_object_put(row);
	return rc;
}

int tr_target_remove(struct sl_req *req, long long cid, long long id)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *before = NULL;
	char idtext[24];
	int rc = -1;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((before = snapshot(db, id)) == NULL || (cid > 0 &&
	    json_object_get_int64(json_object_object_get(before, "customer_id")) != cid)) {
		rc = 404;
		goto out;
	}
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (sl_db_exec(db, SL_SQL(tr_sql, TR_TARGET_DELETE), id) < 0 ||
	    sl_audit(req, "target.delete", idtext, before, NULL) != 0 || sl_db_commit(db) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		sl_db_rollback(db);
	json_object_put(before);
	return rc;
}
