/*
 * tr_write.h - the writes of targets, shared by the staff form and the API
 * (tr_write.c).
 */
#ifndef SALIENT_TRADE_WRITE_H
#define SALIENT_TRADE_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "salient/money.h"

struct sl_req;
struct sl_db;

/* A checked target: id 0 for a new one; days and ten-thousandths. */
struct tr_target_in {
	long long id;
	long long cid;
	int64_t start, end, amount;
};

/* What field is called in messages: its name for the API (api set), else
 * the form's label in the request's language.  Borrowed. */
const char *tr_field_label(const struct sl_req *req, const char *field, int api);

/*
 * Checks the inputs of a target: period_start a date, period_end a date
 * not before it (NULL or "": the default 12 months, tr_default_end()),
 * amount (NULL: missing) above 0 and within DECIMAL(14,4).  Fills in->start, end
 * and amount.  Returns 0, or -1 with the field's name in *field and
 * "label: reason" in err, in the request's language (the label is the
 * field's name when api is set, else the form's label).
 */
int tr_target_check(const struct sl_req *req, int api, const char *start, const char *end,
    const sl_money *amount, struct tr_target_in *in, const char **field, char *err, size_t errlen);

/*
 * Creates (in->id 0) or changes (in->id, which must belong to in->cid) a
 * target, audited, in one transaction.  Returns 0 with the id in *id and
 * *created set; 404 (no such target for the customer) or 422 (the
 * period shares a day with another target of the customer, which the
 * reason names) with the reason in
 * err (in the request's language, fields named as tr_target_check() does); -1 on a database error (logged).
 */
int tr_target_save(struct sl_req *req, int api, const struct tr_target_in *in, long long *id,
    int *created, char *err, size_t errlen);

/* Deletes target id (of customer cid, or any when cid is 0), audited.
 * Returns 0, 404 when there is no such target, -1 on a database error. */
int tr_target_remove(struct sl_req *req, long long cid, long long id);

/* The target row {id, customer_id, customer, period_start, period_end,
 * amount}: 1 with *out (free it), 0 none, -1 error. */
int tr_target_get_row(struct sl_db *db, long long id, struct json_object **out);

#endif
