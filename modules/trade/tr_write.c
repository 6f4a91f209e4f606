/*
 * tr_write.c - setting, changing and removing a customer's target: the one
 * validation and the writes shared by the staff form and the API, each
 * change audited (target.create, target.update, target.delete) in the
 * transaction that makes it.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/money.h"
#include "salient/salient.h"
#include "salient/text.h"
#include "tr_int.h"
#include "tr_target.h"
#include "tr_text.h"
#include "tr_write.h"


/* Largest amount the column takes: DECIMAL(14,4). */
#define AMOUNT_MAX 99999999999999LL   /* 9999999999.9999 in ten-thousandths */

/* What a field is called in a message: its member name in the API (the
 * stable part a script reads), else the form's label in the user's language. */
static const struct { const char *field, *label_key; } labels[] = {
	{ "period_start", "trade.period_start" },
	{ "period_end", "trade.period_end" },
	{ "amount", "trade.amount" },
};

const char *tr_field_label(const struct sl_req *req, const char *field, int api)
{
	size_t i;

	for (i = 0; !api && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].field, field) == 0)
			return sl_req_text(req, labels[i].label_key);
	return field;
}

/* Sets *field and the catalog text key (with {label} and {value}) in err; -1. */
static int refuse(const struct sl_req *req, int api, const char *fieldname, const char *key,
    const char *value, const char **field, char *err, size_t errlen)
{
	char v[48];

	snprintf(v, sizeof(v), "%.30s", value ? value : "");
	*field = fieldname;
	sl_req_textf(req, err, errlen, key, "label", tr_field_label(req, fieldname, api),
	    "value", v, NULL);
	return -1;
}

int tr_target_check(const struct sl_req *req, int api, const char *start, const char *end,
    const sl_money *amount, struct tr_target_in *in, const char **field, char *err, size_t errlen)
{
	if (start == NULL || start[0] == '\0')
		return refuse(req, api, "period_start", "trade.err.date_required", NULL, field, err, errlen);
	if (strlen(start) != 10 || dc_parse_date(start, &in->start) != 0)
		return refuse(req, api, "period_start", "trade.err.not_a_date", start, field, err, errlen);
	if (end == NULL || end[0] == '\0')
		in->end = tr_default_end(in->start, 12);
	else if (strlen(end) != 10 || dc_parse_date(end, &in->end) != 0)
		return refuse(req, api, "period_end", "trade.err.not_a_date", end, field, err, errlen);
	if (in->end < in->start)
		return refuse(req, api, "period_end", "trade.err.ends_before_start", NULL, field, err,
		    errlen);
	if (amount == NULL)
		return refuse(req, api, "amount", "trade.err.amount_required", NULL, field, err, errlen);
	if (*amount <= 0)
		return refuse(req, api, "amount", "trade.err.amount_not_positive", NULL, field, err,
		    errlen);
	if (*amount > AMOUNT_MAX) {
		char v[SL_MONEY_TEXT_MAX];

		sl_money_text(*amount, v, sizeof(v));
		return refuse(req, api, "amount", "trade.err.not_an_amount", v, field, err, errlen);
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

int tr_target_save(struct sl_req *req, int api, const struct tr_target_in *in, long long *id,
    int *created, char *err, size_t errlen)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *before = NULL, *after = NULL, *row = NULL;
	char s[16], e[16], amount[32], idtext[24];
	long long tid = in->id, locked;
	int found, rc = -1;

	tr_iso(in->start, s, sizeof(s));
	tr_iso(in->end, e, sizeof(e));
	sl_money_text(in->amount, amount, sizeof(amount));
	*created = 0;
	if (sl_db_begin(db) != 0)
		return -1;
	if (tid > 0) {
		if ((before = snapshot(db, tid)) == NULL ||
		    json_object_get_int64(json_object_object_get(before, "customer_id")) != in->cid) {
			snprintf(idtext, sizeof(idtext), "%lld", tid);
			sl_req_textf(req, err, errlen, "trade.err.no_target", "id", idtext, NULL);
			rc = 404;
			goto out;
		}
	}
	/* one target per day: a period may not share a day with another
	   target's of the customer (the trade page shows the current one) */
	if (sl_db_int(db, &locked, SL_SQL(tr_sql, TR_TARGET_LOCK), in->cid) < 0 ||
	    (found = sl_db_row(db, &row, SL_SQL(tr_sql, TR_TARGET_OVERLAP), in->cid, e, s,
	    tid > 0 ? tid : 0LL)) < 0)
		goto out;
	if (found) {
		snprintf(idtext, sizeof(idtext), "%lld",
		    (long long)json_object_get_int64(json_object_object_get(row, "id")));
		sl_req_textf(req, err, errlen, "trade.err.overlap", "label",
		    tr_field_label(req, "period_start", api), "start", tr_str(row, "period_start"),
		    "end", tr_str(row, "period_end"), "id", idtext, NULL);
		rc = 422;   /* the rule on every path, the import's too (issue 15 item 7) */
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
