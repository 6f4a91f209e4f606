/*
 * page.c - the admin page /admin/classifications and its forms.
 *
 * GET /admin/classifications (agents read, admins change) lists the
 * classifications grouped by type and smart type as tiers in position
 * order.  View model (also JSON with Accept: application/json):
 *
 *   can_edit     the signed-in user may change them (admin)
 *   count        how many classifications
 *   groups       [{type, type_label, smart_type, smart_label, unit_orders,
 *                  ascending, order_path, new_path,
 *                  tiers [{id, title, comments, colour, value, value_text,
 *                          open (value null: no upper bound), range_text, min_spend, min_spend_text, min_orders,
 *                          min_orders_text, has_minimums, customers,
 *                          customers_text, customers_path, edit_path,
 *                          can_up, can_down}]}]
 *   runs         cls_runs_model(): job, last_run, schedule, changed_since_run
 *   flash        [{kind, text}] after a change (?done=...)
 *
 * The forms (GET /admin/classifications/new, GET /admin/classifications/{id})
 * are plain POST forms with the CSRF token that work without JavaScript;
 * a refused form comes back (422) with the values as typed and the reason
 * beside the field.  Their model: form {id, title, comments, colour, type,
 * smart_type, value, open, min_spend, min_orders, customers}, is_new, action,
 * types and smart_types [{name, label, selected}], error {message, field},
 * errors {FIELD: message}.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "assign.h"
#include "classify_int.h"
#include "salient/num.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/settings.h"
#include "tiers.h"

/* English patterns, only used when a catalog lacks the keys. */
static const struct cl_range_words en_pct = {
	"from {lo}% up to {hi}%", "above {lo}% up to {hi}%", "none: {hi}% is not above {lo}%",
	"{lo}% and above", "above {lo}%, with no upper limit",
};
static const struct cl_range_words en_orders = {
	"from {lo} up to {hi} orders", "more than {lo} up to {hi} orders",
	"none: {hi} is not above {lo}", "{lo} orders and more", "more than {lo} orders",
};
static const struct cl_range_words en_cell = {
	"RFM cells from {lo} up to {hi}", "RFM cells above {lo} up to {hi}",
	"none: {hi} is not above {lo}", "RFM cells from {lo}", "RFM cells above {lo}",
};

/* The catalog's text for key, or fallback when no catalog has it. */
static const char *text_or(struct sl_req *req, const char *key, const char *fallback)
{
	const char *t = sl_req_text(req, key);

	return t != NULL && t != key && strcmp(t, key) != 0 ? t : fallback;
}

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && v != NULL ? json_object_get_string(v) : NULL;
}

static long long num(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && v != NULL ? json_object_get_int64(v) : 0;
}

/* The label of a type: the catalog's metric.NAME (salient/metrics.h), else the name. */
static const char *type_label(struct sl_req *req, const char *type)
{
	char key[96];

	snprintf(key, sizeof(key), "metric.%s", type);
	return text_or(req, key, type);
}

/* The label of a smart type: the site's relabelling, else the catalog's. */
static void smart_label(struct sl_req *req, const char *smart, char *buf, size_t len)
{
	char key[96], *v = NULL;

	if (strcmp(smart, "all") != 0) {
		snprintf(key, sizeof(key), "smart_type_label_%s", smart);
		v = sl_setting_get(sl_req_db(req), key);
	}
	if (v != NULL && v[0] != '\0') {
		snprintf(buf, len, "%s", v);
	} else {
		snprintf(key, sizeof(key), "classify.smart.%s", smart);
		snprintf(buf, len, "%s", text_or(req, key, smart));
	}
	free(v);
}

/* ------------------------------------------------------------ the list */

/* The range patterns of a unit (orders, cells, else percent) in req's language. */
static void range_words(struct sl_req *req, const struct cls_metric *m, struct cl_range_words *w)
{
	const struct cl_range_words *en = m->orders ? &en_orders : m->cell ? &en_cell : &en_pct;
	const char *unit = m->orders ? "orders" : m->cell ? "cell" : "pct";
	char key[64];

#define RANGE_WORD(f) \
	snprintf(key, sizeof(key), "classify.range.%s." #f, unit); \
	w->f = text_or(req, key, en->f)
	RANGE_WORD(first);
	RANGE_WORD(next);
	RANGE_WORD(empty);
	RANGE_WORD(first_open);
	RANGE_WORD(next_open);
#undef RANGE_WORD
}

/* Adds the words and texts to the tiers t[0..n-1] of one group. */
static void decorate_tiers(struct sl_req *req, struct json_object **t, size_t n,
    const char *type, int can_edit, struct json_object *group)
{
	const char *lang = sl_req_lang(req);
	struct cl_range_words w;
	struct cls_metric m = { 0, 1e9, 0, 0, 0 };
	double v[CLS_MAX_TIERS];
	char bounds[CLS_MAX_TIERS][SL_FMT_MAX], floor_text[SL_FMT_MAX], floor_dec[16];
	const char *texts[CLS_MAX_TIERS];
	char words[512], buf[SL_FMT_MAX], path[96];
	int (*bound)(char *, size_t, const char *, const char *);
	size_t i;

	if (n > CLS_MAX_TIERS)
		n = CLS_MAX_TIERS;
	cls_metric_of(type, &m);
	range_words(req, &m, &w);
	/* a change (floor below 0) is written with its sign: -100 and +25 */
	bound = m.floor < 0 ? cl_bound_signed : cl_bound_text;
	snprintf(floor_dec, sizeof(floor_dec), "%.0f", m.floor);
	bound(floor_text, sizeof(floor_text), lang, floor_dec);
	for (i = 0; i < n; i++) {
		const char *dec = str(t[i], "value");

		/* NULL: the open-ended last tier ("and above") */
		if (dec == NULL)
			v[i] = INFINITY;
		else if (sl_num_double(dec, &v[i]) != 0)
			v[i] = 0;
		if (dec == NULL)
			bounds[i][0] = '\0';
		else if (bound(bounds[i], sizeof(bounds[i]), lang, dec) != 0)
			snprintf(bounds[i], sizeof(bounds[i]), "%s", dec);
		texts[i] = bounds[i];
	}
	for (i = 0; i < n; i++) {
		struct json_object *x = t[i];
		long long id = num(x, "id");
		double spend = 0;
		int has_min;

		if (str(x, "min_spend") != NULL && sl_num_double(str(x, "min_spend"), &spend) != 0)
			spend = 0;
		has_min = spend > 0 || num(x, "min_orders") > 0;

		json_object_object_add(x, "value_text", json_object_new_string(texts[i]));
		json_object_object_add(x, "open", json_object_new_boolean(isinf(v[i])));
		if (cl_tier_words(words, sizeof(words), &w, v, texts, n, i, m.floor, floor_text) == 0)
			json_object_object_add(x, "range_text", json_object_new_string(words));
		json_object_object_add(x, "range_empty", json_object_new_boolean(
		    cl_range_of(v, n, i, m.floor) == CL_RANGE_EMPTY));
		if (sl_fmt_money(buf, sizeof(buf), lang, str(x, "min_spend"), NULL) == 0)
			json_object_object_add(x, "min_spend_text", json_object_new_string(buf));
		sl_fmt_int(buf, sizeof(buf), lang, num(x, "min_orders"));
		json_object_object_add(x, "min_orders_text", json_object_new_string(buf));
		json_object_object_add(x, "has_minimums", json_object_new_boolean(has_min));
		sl_fmt_int(buf, sizeof(buf), lang, num(x, "customers"));
		json_object_object_add(x, "customers_text", json_object_new_string(buf));
		snprintf(path, sizeof(path), "/admin/customers?classification=%lld", id);
		json_object_object_add(x, "customers_path", json_object_new_string(path));
		snprintf(path, sizeof(path), "/admin/classifications/%lld", id);
		json_object_object_add(x, "edit_path", json_object_new_string(path));
		json_object_object_add(x, "can_edit", json_object_new_boolean(can_edit));
		json_object_object_add(x, "can_up", json_object_new_boolean(can_edit && i > 0));
		json_object_object_add(x, "can_down", json_object_new_boolean(can_edit && i + 1 < n));
	}
	json_object_object_add(group, "ascending", json_object_new_boolean(cl_ascending(v, n)));
	json_object_object_add(group, "unit_orders", json_object_new_boolean(m.orders));
	json_object_object_add(group, "floor_text", json_object_new_string(floor_text));
}

/* Splits the rows (in tier order) into groups of one type and smart type. */
static struct json_object *groups_model(struct sl_req *req, struct json_object *rows, int can_edit)
{
	struct json_object *groups = json_object_new_array(), *g = NULL, *tiers = NULL;
	struct json_object *in[CLS_MAX_TIERS];
	size_t i, n = json_object_array_length(rows), k = 0;
	char label[128], path[160];

	for (i = 0; i <= n; i++) {
		struct json_object *r = i < n ? json_object_array_get_idx(rows, i) : NULL;

		if (g != NULL && (r == NULL || strcmp(str(r, "type"), str(g, "type")) != 0 ||
		    strcmp(str(r, "smart_type"), str(g, "smart_type")) != 0)) {
			decorate_tiers(req, in, k, str(g, "type"), can_edit, g);
			g = NULL;
		}
		if (r == NULL)
			break;
		if (g == NULL) {
			g = json_object_new_object();
			tiers = json_object_new_array();
			k = 0;
			json_object_object_add(g, "type", json_object_new_string(str(r, "type")));
			json_object_object_add(g, "type_label",
			    json_object_new_string(type_label(req, str(r, "type"))));
			json_object_object_add(g, "smart_type", json_object_new_string(str(r, "smart_type")));
			smart_label(req, str(r, "smart_type"), label, sizeof(label));
			json_object_object_add(g, "smart_label", json_object_new_string(label));
			snprintf(path, sizeof(path), "/admin/classifications/new?type=%s&smart_type=%s",
			    str(r, "type"), str(r, "smart_type"));
			json_object_object_add(g, "new_path", json_object_new_string(path));
			json_object_object_add(g, "order_path",
			    json_object_new_string("/admin/classifications/order"));
			json_object_object_add(g, "can_edit", json_object_new_boolean(can_edit));
			json_object_object_add(g, "tiers", tiers);
			json_object_array_add(groups, g);
		}
		json_object_array_add(tiers, json_object_get(r));
		if (k < CLS_MAX_TIERS)
			in[k++] = r;
	}
	return groups;
}

/* The flash message for ?done=WHAT after a change. */
static void done_flash(struct sl_req *req, struct json_object *m)
{
	/* in the order of the choices of done (module.c) */
	static const struct { const char *key, *kind; } msgs[] = {
		{ "classify.flash.created", "success" },
		{ "classify.flash.saved", "success" },
		{ "classify.flash.deleted", "success" },
		{ "classify.flash.moved", "success" },
		{ "classify.flash.queued", "info" },
		{ "classify.flash.already", "warning" },
	};
	int d = sl_req_enum(req, "done", -1);
	const char *t;

	if (d >= 0 && (size_t)d < sizeof(msgs) / sizeof(msgs[0]) &&
	    (t = text_or(req, msgs[d].key, NULL)) != NULL)
		sl_flash(m, msgs[d].kind, t);
}

int cls_page(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *rows, *m, *runs;
	int can_edit = sl_req_role(req) == SL_ROLE_ADMIN;

	if ((rows = cls_list(sl_req_db(req), NULL, NULL)) == NULL)
		return -1;
	if ((runs = cls_runs_model(req)) == NULL) {
		json_object_put(rows);
		return -1;
	}
	cls_localise_all(req, rows, 1);
	m = json_object_new_object();
	json_object_object_add(m, "can_edit", json_object_new_boolean(can_edit));
	json_object_object_add(m, "count", json_object_new_int((int)json_object_array_length(rows)));
	json_object_object_add(m, "groups", groups_model(req, rows, can_edit));
	json_object_object_add(m, "runs", runs);
	done_flash(req, m);
	json_object_put(rows);
	sl_resp_model(resp, m);
	return 0;
}

/* A refusal shown as the error page (JSON: {"error": ...}), not as a form. */
static void refuse_page(const struct sl_req *req, struct sl_resp *resp, struct cls_err *e)
{
	sl_resp_error(resp, e->status, "%s", cls_err_form_text(req, e));
}

/* ------------------------------------------------------------ the forms */

/* [{name, label, selected}] of the types. */
static struct json_object *type_choices(struct sl_req *req, const char *selected)
{
	struct json_object *a = json_object_new_array(), *o;
	int i;

	for (i = 0; i < CL_NTYPES; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(cl_type_names[i]));
		json_object_object_add(o, "label", json_object_new_string(type_label(req, cl_type_names[i])));
		json_object_object_add(o, "selected", json_object_new_boolean(
		    selected != NULL && strcmp(selected, cl_type_names[i]) == 0));
		json_object_array_add(a, o);
	}
	return a;
}

/* The smart types in use (setting smart_types), all, and the selected one. */
static struct json_object *smart_choices(struct sl_req *req, const char *selected)
{
	struct json_object *a = json_object_new_array(), *o;
	char label[128];
	int i, sel;

	for (i = 0; i < CL_NSMART; i++) {
		sel = selected != NULL && strcmp(selected, cl_smart_names[i]) == 0;
		if (i != CL_ALL && !sel && !sl_setting_has(sl_req_db(req), "smart_types", cl_smart_names[i]))
			continue;
		o = json_object_new_object();
		smart_label(req, cl_smart_names[i], label, sizeof(label));
		json_object_object_add(o, "name", json_object_new_string(cl_smart_names[i]));
		json_object_object_add(o, "label", json_object_new_string(label));
		json_object_object_add(o, "selected", json_object_new_boolean(sel));
		json_object_array_add(a, o);
	}
	return a;
}

/* A plain decimal ("500.000000") without its fraction's trailing zeros, into buf. */
static const char *plain_number(char *buf, size_t len, const char *dec)
{
	size_t n;

	snprintf(buf, len, "%s", dec);
	if (strchr(buf, '.') == NULL)
		return buf;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/*
 * The form's model: values from in (as typed; may be NULL) over the row
 * cur (may be NULL), the refusal e (may be NULL).
 */
static struct json_object *form_model(struct sl_req *req, long long id, const struct cls_in *in,
    struct json_object *cur, struct cls_err *e)
{
	static const char *const defaults[CF_N] = {
		"", "", "#6c757d", "all", NULL, "", "0", "0", "",
	};
	struct json_object *m = json_object_new_object(), *form = json_object_new_object(), *errs;
	char action[96], numbuf[SL_MONEY_TEXT_MAX];
	const char *v;
	int f;

	for (f = 0; f < CF_N; f++) {
		v = in != NULL ? in->v[f] : NULL;
		if (v != NULL && (f == CF_VALUE || f == CF_MIN_SPEND))
			v = plain_number(numbuf, sizeof(numbuf), v);   /* 500, not 500.000000 */
		if (v == NULL && cur != NULL)
			v = str(cur, cls_field_names[f]);
		if (v == NULL && cur == NULL && in == NULL && (f == CF_TYPE || f == CF_SMART))
			v = sl_req_str(req, cls_field_names[f], NULL);   /* the new form's preset */
		if (v == NULL)
			v = defaults[f];
		json_object_object_add(form, cls_field_names[f], v ? json_object_new_string(v) : NULL);
	}
	/* no upper bound: as asked, else the row's (value null) */
	json_object_object_add(form, "open", json_object_new_boolean(in != NULL ? in->open :
	    cur != NULL && str(cur, "value") == NULL));
	if (id > 0) {
		json_object_object_add(form, "id", json_object_new_int64(id));
		json_object_object_add(form, "customers", json_object_new_int64(
		    cur != NULL ? num(cur, "customers") : 0));
		snprintf(action, sizeof(action), "/admin/classifications/%lld", id);
	} else {
		snprintf(action, sizeof(action), "/admin/classifications");
	}
	json_object_object_add(m, "form", form);
	json_object_object_add(m, "is_new", json_object_new_boolean(id == 0));
	json_object_object_add(m, "action", json_object_new_string(action));
	json_object_object_add(m, "types", type_choices(req, str(form, "type")));
	json_object_object_add(m, "smart_types", smart_choices(req, str(form, "smart_type")));
	if (e != NULL) {
		struct json_object *err = json_object_new_object();
		const char *msg = cls_err_form_text(req, e);

		json_object_object_add(err, "status", json_object_new_int(e->status));
		json_object_object_add(err, "message", json_object_new_string(msg));
		json_object_object_add(err, "field", e->field ? json_object_new_string(e->field) : NULL);
		json_object_object_add(m, "error", err);
		errs = json_object_new_object();
		if (e->field != NULL)
			json_object_object_add(errs, e->field, json_object_new_string(msg));
		json_object_object_add(m, "errors", errs);
		sl_flash(m, "danger", msg);
	}
	return m;
}

int cls_page_new(struct sl_req *req, struct sl_resp *resp)
{
	sl_resp_model(resp, form_model(req, 0, NULL, NULL, NULL));
	return 0;
}

int cls_page_edit(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *cur = NULL;
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	if ((found = cls_get(sl_req_db(req), id, &cur)) <= 0) {
		if (found < 0)
			return -1;
		sl_resp_error(resp, 404, "no classification %lld", id);
		return 0;
	}
	cls_localise(req, cur, 1);
	sl_resp_model(resp, form_model(req, id, NULL, cur, NULL));
	json_object_put(cur);
	return 0;
}

/* Back to the list, with a flash and the tier in view. */
static void back(struct sl_resp *resp, const char *done, long long id)
{
	char path[128];

	if (id > 0)
		snprintf(path, sizeof(path), "/admin/classifications?done=%s#c-%lld", done, id);
	else
		snprintf(path, sizeof(path), "/admin/classifications?done=%s", done);
	sl_resp_redirect(resp, path);
}

int cls_page_create(struct sl_req *req, struct sl_resp *resp)
{
	struct cls_in in;
	struct cls_err e;
	long long id = 0;
	int r = 0;

	if (sl_req_wants_json(req))
		return cls_api_create(req, resp);
	if (cls_read(req, &in, 0, &e) != 0 || cls_check(sl_req_db(req), &in, NULL, &e) != 0 ||
	    (r = cls_create(req, &in, &id, &e)) == 1) {
		sl_resp_status(resp, e.status);
		sl_resp_model(resp, form_model(req, 0, &in, NULL, &e));
		return 0;
	}
	if (r < 0)
		return -1;
	back(resp, "created", id);
	return 0;
}

int cls_page_update(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *cur = NULL;
	struct cls_in in;
	struct cls_err e;
	long long id = (long long)sl_req_uint(req, CLS_UPDATE_ID, 0);
	int r;

	if (sl_req_wants_json(req))
		return cls_api_update(req, resp);
	if (cls_read(req, &in, id, &e) != 0) {
		refuse_page(req, resp, &e);
		return 0;
	}
	if ((r = cls_update(req, id, &in, &e)) == 1) {
		if (e.status == 404) {
			refuse_page(req, resp, &e);
			return 0;
		}
		if (cls_get(sl_req_db(req), id, &cur) < 0)
			return -1;
		if (cur != NULL)
			cls_localise(req, cur, 1);
		sl_resp_status(resp, e.status);
		sl_resp_model(resp, form_model(req, id, &in, cur, &e));
		json_object_put(cur);
		return 0;
	}
	if (r < 0)
		return -1;
	back(resp, "saved", id);
	return 0;
}

int cls_page_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct cls_err e;
	long long id = (long long)sl_req_uint(req, "id", 0), removed;
	int r = 0;

	if (sl_req_wants_json(req))
		return cls_api_delete(req, resp);
	if ((r = cls_delete(req, id, &removed, &e)) == 1) {
		refuse_page(req, resp, &e);
		return 0;
	}
	if (r < 0)
		return -1;
	back(resp, "deleted", 0);
	return 0;
}

/* POST /admin/classifications/{id}/move, direction=up|down: reordering without JavaScript. */
int cls_page_move(struct sl_req *req, struct sl_resp *resp)
{
	struct cls_err e;
	long long id = (long long)sl_req_uint(req, "id", 0);
	int r;

	/* direction is required, up (0) or down (1) */
	if ((r = cls_move(req, id, sl_req_enum(req, "direction", 0) == 0 ? -1 : 1, &e)) != 0) {
		if (r < 0)
			return -1;
		refuse_page(req, resp, &e);
		return 0;
	}
	back(resp, "moved", id);
	return 0;
}

/*
 * POST /admin/classifications/recompute: queues a run (with the predictions
 * refitted) unless one is queued or running; back to the page, which shows
 * its progress.  JSON: 202 {job_id, state, already}.
 */
int cls_page_recompute(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	long long id;
	int already;

	if (cls_queue_recompute(sl_req_db(req), &id, &already) != 0)
		return -1;
	if (!sl_req_wants_json(req)) {
		back(resp, already ? "already" : "queued", 0);
		return 0;
	}
	m = json_object_new_object();
	json_object_object_add(m, "job_id", json_object_new_int64(id));
	json_object_object_add(m, "already", json_object_new_boolean(already));
	sl_resp_status(resp, already ? 200 : 202);
	sl_resp_model(resp, m);
	return 0;
}
