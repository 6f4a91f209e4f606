/*
 * vn_targets.c - a production's targets, or one of its events':
 *
 *   GET  /admin/venue/productions/{id}/targets[?event=E]   the page
 *   GET  /api/v1/venue/productions/{id}/targets[?event=E]  the same as JSON
 *   POST /admin/venue/productions/{id}/targets             the form: 303 back
 *   PUT  /api/v1/venue/productions/{id}/targets            JSON: 200, the targets
 *
 * One row a request: event (0 or absent: the production), segment (all:
 * the totals revenue, tickets, bookers and on_sale; a segment: bookers as
 * a number or share as a percentage of the bookers target), as the import
 * kind production_targets takes them, refused with the same catalog texts
 * (venue.import.*).  Without on_sale the trajectory starts on the day of
 * the first paid ticket (default_on_sale).  Audited as venue.target.
 */
#include <stdio.h>
#include <string.h>

#include "salient/input.h"
#include "salient/money.h"
#include "salient/text.h"
#include "vn_int.h"

const char *const vn_target_segments[] = {
	"all", "not_customer", "first_timer", "convertee", "active", "super_active", "stale",
	"lapsed", NULL,
};

int vn_production_model(struct sl_db *db, long long id, struct json_object *m)
{
	struct json_object *row = NULL, *events;
	int found;

	if ((found = sl_db_row(db, &row, SL_SQL(vn_sql, VN_PROD_GET), id)) <= 0)
		return found;
	sl_model_put(m, "production", row);
	if ((events = sl_db_rows(db, SL_SQL(vn_sql, VN_PROD_EVENTS), id)) == NULL)
		return -1;
	sl_model_put(m, "events", events);
	return 1;
}

/* The event of the request: 0, or one of the production's (1), else -1. */
static long long event_of(struct sl_req *req, struct json_object *m, int *ok)
{
	long long ev = (long long)sl_req_uint(req, "event", 0);
	struct json_object *events = json_object_object_get(m, "events"), *e;
	size_t i, n = events ? json_object_array_length(events) : 0;

	*ok = ev == 0;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(events, i);
		if (json_object_get_int64(json_object_object_get(e, "id")) == ev) {
			json_object_object_add(e, "selected", json_object_new_boolean(1));
			*ok = 1;
		}
	}
	return ev;
}

/* Adds the targets of (production, event) and the default on-sale date. */
static int add_targets(struct sl_req *req, struct json_object *m, long long id, long long ev)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *rows, *first = NULL, *r, *v;
	size_t i, n;

	if ((rows = sl_db_rows(db, SL_SQL(vn_sql, VN_TARGETS_GET), id, ev)) == NULL)
		return -1;
	n = json_object_array_length(rows);
	for (i = 0; i < n; i++) {
		r = json_object_array_get_idx(rows, i);
		v = json_object_object_get(r, "segment");
		json_object_object_add(r, "label", json_object_new_string(sl_req_text_of(req,
		    "venue.seg.", json_object_get_string(v))));
		if (strcmp(json_object_get_string(v), "all") == 0)
			json_object_object_add(m, "totals", json_object_get(r));
	}
	sl_model_put(m, "targets", rows);
	if (sl_db_row(db, &first, SL_SQL(vn_sql, VN_FIRST_SALE), id, ev, ev) < 0)
		return -1;
	sl_model_put(m, "default_on_sale", json_object_get(json_object_object_get(first, "first")));
	json_object_put(first);
	sl_model_put(m, "event_id", json_object_new_int64(ev));
	{
		struct json_object *segs = json_object_new_array(), *s;

		for (i = 0; vn_target_segments[i] != NULL; i++) {
			s = json_object_new_object();
			json_object_object_add(s, "value", json_object_new_string(vn_target_segments[i]));
			json_object_object_add(s, "label", json_object_new_string(sl_req_text_of(req,
			    "venue.seg.", vn_target_segments[i])));
			json_object_array_add(segs, s);
		}
		sl_model_put(m, "segments", segs);
	}
	return 0;
}

/* The page's model, or NULL with the answer set (404) or on failure (*rc). */
static struct json_object *model(struct sl_req *req, struct sl_resp *resp, int *rc)
{
	struct json_object *m = json_object_new_object();
	long long id = (long long)sl_req_uint(req, "id", 0), ev;
	int found, ok;

	*rc = -1;
	if ((found = vn_production_model(sl_req_db(req), id, m)) <= 0) {
		json_object_put(m);
		if (found == 0) {
			sl_resp_fail(req, resp, 404, "not_found", "venue.err.no_production", NULL);
			*rc = 0;
		}
		return NULL;
	}
	ev = event_of(req, m, &ok);
	if (!ok) {
		json_object_put(m);
		sl_resp_fail(req, resp, 422, "event", "venue.err.event_of", "column", "event", NULL);
		*rc = 0;
		return NULL;
	}
	if (add_targets(req, m, id, ev) != 0) {
		json_object_put(m);
		return NULL;
	}
	*rc = 0;
	return m;
}

int vn_targets_page(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	int rc;

	if ((m = model(req, resp, &rc)) != NULL)
		sl_resp_model(resp, m);
	return rc;
}

/* The rule of a target row (the import's rule_production_targets): the
 * refused column's catalog key into *key and *col; 0 when the row is fine. */
static int rule(struct sl_req *req, const char **key, const char **col)
{
	static const char *const totals_only[] = { "revenue", "tickets", "on_sale" };
	int seg = sl_req_enum(req, "segment", 0);
	size_t i;

	if (seg == 0) {
		*key = "venue.import.share_total";
		*col = "share";
		return sl_req_has(req, "share");
	}
	for (i = 0; i < sizeof(totals_only) / sizeof(totals_only[0]); i++)
		if (sl_req_has(req, totals_only[i])) {
			*key = "venue.import.totals_only";
			*col = totals_only[i];
			return 1;
		}
	*key = "venue.import.bookers_or_share";
	*col = sl_req_has(req, "bookers") ? "share" : "bookers";
	return sl_req_has(req, "bookers") == sl_req_has(req, "share");
}

int vn_targets_save(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m, *after;
	long long id = (long long)sl_req_uint(req, "id", 0), ev;
	char rev[32], tix[24], bk[24], share[24], idtext[48], path[96];
	const char *key, *col, *seg;
	int rc;

	if ((m = model(req, resp, &rc)) == NULL)
		return rc;
	if (rule(req, &key, &col)) {
		json_object_put(m);
		sl_resp_fail(req, resp, 422, "rule", key, "column", col, NULL);
		return 0;
	}
	ev = (long long)sl_req_uint(req, "event", 0);
	seg = vn_target_segments[sl_req_enum(req, "segment", 0)];
	sl_money_text(sl_req_money(req, "revenue", 0), rev, sizeof(rev));
	snprintf(tix, sizeof(tix), "%llu", sl_req_uint(req, "tickets", 0));
	snprintf(bk, sizeof(bk), "%llu", sl_req_uint(req, "bookers", 0));
	sl_decimal_text(sl_req_decimal(req, "share", 0), 4, share, sizeof(share));
	if (sl_db_begin(db) != 0)
		goto fail;
	if (sl_db_exec(db, SL_SQL(vn_sql, VN_TARGET_PUT), id, ev, seg,
	    sl_req_has(req, "revenue") ? rev : NULL, sl_req_has(req, "tickets") ? tix : NULL,
	    sl_req_has(req, "bookers") ? bk : NULL, sl_req_has(req, "share") ? share : NULL,
	    sl_req_date(req, "on_sale")) < 0)
		goto fail;
	snprintf(idtext, sizeof(idtext), "%lld/%lld/%s", id, ev, seg);
	after = json_object_new_object();
	json_object_object_add(after, "revenue", sl_req_has(req, "revenue") ?
	    json_object_new_string(rev) : NULL);
	json_object_object_add(after, "tickets", sl_req_has(req, "tickets") ?
	    json_object_new_string(tix) : NULL);
	json_object_object_add(after, "bookers", sl_req_has(req, "bookers") ?
	    json_object_new_string(bk) : NULL);
	json_object_object_add(after, "share", sl_req_has(req, "share") ?
	    json_object_new_string(share) : NULL);
	rc = sl_audit(req, "venue.target", idtext, NULL, after);
	json_object_put(after);
	if (rc != 0 || sl_db_commit(db) != 0)
		goto fail;
	json_object_put(m);
	if (!sl_req_wants_json(req)) {
		snprintf(path, sizeof(path), "/admin/venue/productions/%lld/targets?event=%lld", id, ev);
		sl_resp_redirect(resp, path);
		return 0;
	}
	if ((m = model(req, resp, &rc)) != NULL)
		sl_resp_model(resp, m);
	return rc;
fail:
	sl_db_rollback(db);
	json_object_put(m);
	return -1;
}
