/*
 * pages.c - the trade customer's area and the staff view of a customer's
 * trade figures.
 *
 * GET /account/ (a signed-in trade customer; every query keyed by
 * sl_req_customer(), never by anything the request carries).  View model
 * (also the JSON API):
 *   as_of, as_of_text   T (?as_of=YYYY-MM-DD, default today)
 *   customer            {id, customer_id, name, smart_type, is} as sign-in
 *                       read it (sl_req_me(): no query), or null for a
 *                       caller that is not a customer (an admin's API key)
 *   show_summary        the trade_summary setting
 *   summary, top, target   salient/trade.h (when show_summary; top without
 *                       the staff view's groups and tags)
 *   suggestions         salient/trade.h (when trade_suggestions > 0)
 *
 * The page's work, two round trips: the session query, which also reads
 * the customer's facts (the module's customer_session_sql: its targets,
 * the settings' version and the popularity run), then its paid orders from
 * `purchases` (tr_ctx_load()); the settings from the thread's cache while
 * their version is unchanged, the catalogue and suggestions from memory
 * (tr_disc.h).
 *
 * GET /admin/customers/{id}/trade ({id} = customers.id; also
 * /api/v1/customers/{id}/trade): the same for staff, always with the
 * summary, plus the top product groups and tags, every target, and the
 * target form {period_start, period_end, amount, target_id, errors}.
 * POST /admin/customers/{id}/trade/target sets or changes a target (CSRF
 * checked by the core; audited); POST .../target/{tid}/delete removes one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/db.h"
#include "salient/input.h"
#include "salient/money.h"
#include "salient/trade.h"
#include "tr_int.h"
#include "tr_target.h"
#include "tr_text.h"
#include "tr_write.h"

/* Adds key: model, or fails (returns -1) when model is NULL. */
static int add(struct json_object *m, const char *key, struct json_object *v)
{
	if (v == NULL)
		return -1;
	json_object_object_add(m, key, v);
	return 0;
}

/*
 * The signed-in customer as the page shows it, from what sign-in already
 * read (sl_req_me(): no query): {id, customer_id, name, smart_type, is}.
 */
static struct json_object *me_customer(struct sl_req *req, long long cid)
{
	struct json_object *me = sl_req_me(req), *c = json_object_new_object(), *is;
	const char *type = tr_str(me, "smart_type");

	sl_model_put(c, "id", json_object_new_int64(cid));
	sl_model_put(c, "customer_id", json_object_new_string(
	    sl_req_customer_host(req) ? sl_req_customer_host(req) : ""));
	sl_model_put(c, "name", json_object_new_string(
	    tr_str(me, "name") ? tr_str(me, "name") : ""));
	sl_model_put(c, "smart_type", json_object_new_string(type ? type : ""));
	is = json_object_new_object();
	if (type != NULL && type[0] != '\0')
		json_object_object_add(is, type, json_object_new_boolean(1));
	sl_model_put(c, "is", is);
	return c;
}

int tr_account(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m = NULL, *cust = NULL;
	struct tr_opts o = { 0 };
	struct tr_ctx c;
	const char *as_of = sl_req_date(req, "as_of"), *type;
	long long cid = sl_req_customer(req);
	int rc = -1, ctx = 0;

	m = json_object_new_object();
	if (cid <= 0) {
		tr_add_date(m, sl_req_lang(req), "as_of", tr_today());
		sl_model_put(m, "customer", NULL);
		goto done;
	}
	/* the figures first: they carry the settings' version, so the
	 * settings come from the thread's cache */
	if (tr_ctx_init(&c, db, cid, as_of, sl_req_lang(req)) != 0)
		goto out;
	ctx = 1;
	c.facts = sl_req_session_data(req);
	if (tr_ctx_load(&c) != 0 || tr_opts_read_at(db, c.settings_version, &o) != 0)
		goto out;
	cust = me_customer(req, cid);
	/* the smart types the area is open to may have changed since sign-in */
	type = tr_str(cust, "smart_type");
	if (type == NULL || !tr_list_has(o.smart_types, type, strlen(type))) {
		/* the customer reads plain words, no smart type or setting name */
		sl_resp_fail(req, resp, 403, "area_closed", "auth.trade.area_closed", NULL);
		rc = 0;
		goto out;
	}
	sl_model_put(m, "customer", cust);
	cust = NULL;
	tr_add_date(m, c.lang, "as_of", c.t);
	sl_model_put(m, "show_summary", json_object_new_boolean(o.summary));
	if (o.summary && (add(m, "summary", tr_summary_model(&c)) != 0 ||
	    add(m, "top", tr_top_model(&c, TR_TOP_DEFAULT, 0)) != 0 ||
	    add(m, "target", tr_target_model(&c)) != 0))
		goto out;
	if (o.suggestions > 0 && add(m, "suggestions", tr_suggest_model(&c, &o, 0)) != 0)
		goto out;
done:
	sl_resp_model(resp, m);
	m = NULL;
	rc = 0;
out:
	if (ctx)
		tr_ctx_free(&c);
	tr_opts_free(&o);
	json_object_put(cust);
	json_object_put(m);
	return rc;
}

/*
 * The staff view's model for customer cid, with the form (kept values and
 * errors when given).  Returns 0 with *out, 404 when there is no such
 * customer, -1 on failure.
 */
static int staff_model(struct sl_req *req, long long cid, const char *as_of,
    struct json_object *form, struct json_object **out)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m = NULL, *cust = NULL;
	struct tr_opts o = { 0 };
	struct tr_ctx c;
	int found, rc = -1, ctx = 0;
	char end[16];

	*out = NULL;
	if ((found = tr_customer_model(db, cid, &cust)) <= 0)
		return found < 0 ? -1 : 404;
	m = json_object_new_object();
	sl_model_put(m, "customer", cust);
	if (tr_opts_read(db, &o) != 0 || tr_ctx_init(&c, db, cid, as_of, sl_req_lang(req)) != 0)
		goto out;
	ctx = 1;
	tr_add_date(m, c.lang, "as_of", c.t);
	if (add(m, "summary", tr_summary_model(&c)) != 0 ||
	    add(m, "top", tr_top_model(&c, TR_TOP_DEFAULT, 1)) != 0 ||
	    add(m, "target", tr_target_model(&c)) != 0 ||
	    add(m, "suggestions", tr_suggest_model(&c, &o, o.suggestions > 0 ? 0 : 8)) != 0)
		goto out;
	if (form == NULL) {
		form = json_object_new_object();
		tr_iso(c.t, end, sizeof(end));
		sl_model_put(form, "period_start", json_object_new_string(end));
		tr_iso(tr_default_end(c.t, 12), end, sizeof(end));
		sl_model_put(form, "period_end_default", json_object_new_string(end));
	} else {
		json_object_get(form);
	}
	sl_model_put(m, "form", form);
	*out = m;
	m = NULL;
	rc = 0;
out:
	if (ctx)
		tr_ctx_free(&c);
	tr_opts_free(&o);
	json_object_put(m);
	return rc;
}

int tr_staff_view(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	const char *as_of = sl_req_date(req, "as_of");
	long long cid = (long long)sl_req_uint(req, "id", 0);
	int rc;

	if ((rc = staff_model(req, cid, as_of, NULL, &m)) == 404) {
		sl_resp_error(resp, 404, "no customer %lld", cid);
		return 0;
	}
	if (rc != 0)
		return -1;
	sl_resp_model(resp, m);
	return 0;
}

/* The posted fields as the form model (kept after an error): the dates as
 * given, the amount in the plain form, the target's number. */
static struct json_object *posted_form(struct sl_req *req)
{
	static const char *const dates[] = { "period_start", "period_end" };
	struct json_object *f = json_object_new_object();
	char text[SL_MONEY_TEXT_MAX];
	const char *v;
	size_t i;

	if (sl_req_has(req, "target_id")) {
		snprintf(text, sizeof(text), "%llu", sl_req_uint(req, "target_id", 0));
		json_object_object_add(f, "target_id", json_object_new_string(text));
	}
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if ((v = sl_req_date(req, dates[i])) != NULL)
			json_object_object_add(f, dates[i], json_object_new_string(v));
	if (sl_req_has(req, "amount") &&
	    sl_money_text(sl_req_money(req, "amount", 0), text, sizeof(text)) > 0)
		json_object_object_add(f, "amount", json_object_new_string(text));
	return f;
}

int tr_staff_target(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = NULL, *form = NULL, *errs;
	struct tr_target_in in = { 0 };
	const char *field = NULL;
	sl_money amount = sl_req_money(req, "amount", 0);
	char err[300];
	long long id = 0;
	int created = 0, rc, status = 200;

	in.cid = (long long)sl_req_uint(req, "id", 0);
	in.id = (long long)sl_req_uint(req, "target_id", 0);
	form = posted_form(req);
	if (tr_target_check(req, 0, sl_req_date(req, "period_start"), sl_req_date(req, "period_end"),
	    sl_req_has(req, "amount") ? &amount : NULL, &in, &field, err, sizeof(err)) != 0) {
		status = 422;
	} else if ((rc = tr_target_save(req, 0, &in, &id, &created, err, sizeof(err))) != 0) {
		if (rc < 0) {
			json_object_put(form);
			return -1;
		}
		status = rc == 404 ? 404 : 422;
		field = rc == 404 ? "target_id" : "period_start";
	}
	if (status != 200) {
		errs = json_object_new_object();
		json_object_object_add(errs, field, json_object_new_string(err));
		json_object_object_add(form, "errors", errs);
		json_object_object_add(form, "error", json_object_new_string(err));
	} else {
		json_object_put(form);
		form = NULL;
	}
	rc = staff_model(req, in.cid, NULL, form, &m);
	json_object_put(form);
	if (rc == 404) {
		sl_resp_error(resp, 404, "no customer %lld", in.cid);
		return 0;
	}
	if (rc != 0)
		return -1;
	if (status == 200) {
		sl_flash(m, "success", sl_req_text(req, created ? "trade.flash.created" : "trade.flash.saved"));
		sl_model_put(m, "saved_id", json_object_new_int64(id));
	} else {
		sl_flash(m, "danger", err);
	}
	sl_resp_status(resp, status == 200 && created ? 201 : status);
	sl_resp_model(resp, m);
	return 0;
}

int tr_staff_target_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = NULL;
	long long cid = (long long)sl_req_uint(req, "id", 0);
	long long tid = (long long)sl_req_uint(req, "tid", 0);
	int rc;

	if ((rc = tr_target_remove(req, cid, tid)) < 0)
		return -1;
	if (rc == 404) {
		sl_resp_error(resp, 404, "no target %lld for customer %lld", tid, cid);
		return 0;
	}
	if ((rc = staff_model(req, cid, NULL, NULL, &m)) != 0) {
		if (rc == 404) {
			sl_resp_error(resp, 404, "no customer %lld", cid);
			return 0;
		}
		return -1;
	}
	sl_flash(m, "success", sl_req_text(req, "trade.flash.deleted"));
	sl_resp_model(resp, m);
	return 0;
}
