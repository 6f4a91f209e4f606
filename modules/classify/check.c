/*
 * check.c - a classification's fields from a request, checked once before
 * anything is written.  The core has answered 400 for a value of the wrong
 * type or out of its column's bounds (the routes' declared inputs); what is
 * left are the checks that need the type, the current row or the settings,
 * each refusal a 422 naming the field and the reason.  The metrics' ranges
 * and units live here too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "assign.h"
#include "tiers.h"
#include "classify_int.h"
#include "salient/format.h"
#include "salient/metrics.h"
#include "salient/settings.h"
#include "salient/text.h"

const char *const cls_field_names[CF_N] = {
	"title", "comments", "colour", "smart_type", "type", "value",
	"min_spend", "min_orders", "position",
};

/* ------------------------------------------------------------ metrics */

/* A type's range and unit: the metrics' table (salient/metrics.h). */
int cls_metric_of(const char *type, struct cls_metric *m)
{
	const struct cl_metric *t = cl_metric(type);

	if (t == NULL || !t->tiers)
		return -1;
	m->floor = t->floor;
	m->max = t->max;
	m->orders = t->unit == CL_UNIT_COUNT;
	m->cell = t->unit == CL_UNIT_CELL;
	m->whole = m->orders || m->cell;
	return 0;
}

/* ------------------------------------------------------------ refusals */

int cls_err_set(struct cls_err *e, int status, const char *field, const char *key, ...)
{
	const char *name, *v;
	va_list ap;
	size_t n, i = 0;

	e->status = status;
	e->field = field;
	e->key = key;
	e->msg[0] = '\0';
	va_start(ap, key);
	while (i < CLS_ERR_VALS && (name = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		n = strlen(v != NULL ? v : "");
		if (n >= sizeof(e->val[i])) {
			/* cut at a character boundary */
			n = sizeof(e->val[i]) - 1;
			while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(e->val[i], v != NULL ? v : "", n);
		e->val[i][n] = '\0';
		e->kv[2 * i] = name;
		e->kv[2 * i + 1] = e->val[i];
		i++;
	}
	va_end(ap);
	e->kv[2 * i] = NULL;
	return 1;
}

const char *cls_err_text(const struct sl_req *req, struct cls_err *e)
{
	if (e->key != NULL)
		sl_text_fill(e->msg, sizeof(e->msg), sl_req_text(req, e->key), e->kv);
	return e->msg;
}

const char *cls_err_form_text(const struct sl_req *req, struct cls_err *e)
{
	const char *kv[2 * CLS_ERR_VALS + 1], *label;
	char num[CLS_ERR_VALS][SL_FMT_MAX], key[64], head[SL_TEXT_MAX];
	size_t i, n;

	if (e->key == NULL)
		return e->msg;
	for (i = 0; e->kv[2 * i] != NULL; i++) {
		const char *name = e->kv[2 * i], *v = e->kv[2 * i + 1];

		kv[2 * i] = name;
		kv[2 * i + 1] = v;
		if (strcmp(name, "type") == 0)
			kv[2 * i + 1] = sl_req_text_of(req, "metric.", v);
		else if (strcmp(name, "smart") == 0)
			kv[2 * i + 1] = sl_req_text_of(req, "classify.smart.", v);
		else if ((strcmp(name, "value") == 0 || strcmp(name, "min") == 0 ||
		    strcmp(name, "max") == 0) &&
		    cl_bound_text(num[i], sizeof(num[i]), sl_req_lang(req), v) == 0)
			kv[2 * i + 1] = num[i];
	}
	kv[2 * i] = NULL;
	sl_text_fill(e->msg, sizeof(e->msg), sl_req_text(req, e->key), kv);
	/* "value: ..." names the API's member: the form says the field's label */
	n = e->field != NULL ? strlen(e->field) : 0;
	snprintf(key, sizeof(key), "classify.field.%s", e->field != NULL ? e->field : "");
	if (n > 0 && strncmp(e->msg, e->field, n) == 0 && e->msg[n] == ':' &&
	    (label = sl_req_text(req, key)) != NULL && strcmp(label, key) != 0) {
		snprintf(head, sizeof(head), "%s%s", label, e->msg + n);
		n = strlen(head);
		if (n >= sizeof(e->msg)) {
			/* cut at a character boundary */
			n = sizeof(e->msg) - 1;
			while (n > 0 && ((unsigned char)head[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(e->msg, head, n);
		e->msg[n] = '\0';
	}
	return e->msg;
}

void cls_refuse(const struct sl_req *req, struct sl_resp *resp, struct cls_err *e)
{
	struct json_object *m = json_object_new_object(), *err = json_object_new_object();

	json_object_object_add(err, "status", json_object_new_int(e->status));
	json_object_object_add(err, "message", json_object_new_string(cls_err_text(req, e)));
	json_object_object_add(err, "field", e->field ? json_object_new_string(e->field) : NULL);
	json_object_object_add(m, "error", err);
	sl_resp_status(resp, e->status);
	sl_resp_model(resp, m);
}

/* ------------------------------------------------------------ reading */

int cls_read(struct sl_req *req, struct cls_in *in, long long want_id, struct cls_err *e)
{
	struct json_object *body = sl_req_json(req);
	int form = body == NULL, f;

	memset(in, 0, sizeof(*in));
	if (body != NULL && !json_object_is_type(body, json_type_object))
		return cls_err_set(e, 400, NULL, "classify.err.body", NULL);
	for (f = CF_TITLE; f <= CF_TYPE; f++)
		in->v[f] = sl_req_str(req, cls_field_names[f], NULL);
	if (sl_req_null(req, "comments"))
		in->v[CF_COMMENTS] = "";
	in->form = form;
	in->open = sl_req_bool(req, "open") || (sl_req_has(req, "value") && sl_req_null(req, "value"));
	if (sl_req_has(req, "value") && !sl_req_null(req, "value")) {
		in->value_u = sl_req_decimal(req, "value", 0);
		sl_decimal_text(in->value_u, CLS_VALUE_PLACES, in->num[CF_VALUE], sizeof(in->num[0]));
		in->v[CF_VALUE] = in->num[CF_VALUE];
	}
	if ((sl_req_has(req, "min_spend") && !sl_req_null(req, "min_spend")) || form) {
		sl_money_text(sl_req_money(req, "min_spend", 0), in->num[CF_MIN_SPEND], sizeof(in->num[0]));
		in->v[CF_MIN_SPEND] = in->num[CF_MIN_SPEND];
	}
	for (f = CF_MIN_ORDERS; f <= CF_POSITION; f++) {
		if ((!sl_req_has(req, cls_field_names[f]) || sl_req_null(req, cls_field_names[f])) &&
		    !(form && f == CF_MIN_ORDERS))
			continue;
		snprintf(in->num[f], sizeof(in->num[0]), "%llu", sl_req_uint(req, cls_field_names[f], 0));
		in->v[f] = in->num[f];
	}
	in->min_orders = (long long)sl_req_uint(req, "min_orders", 0);
	in->position = (long long)sl_req_uint(req, "position", 0);
	if (want_id != 0 && sl_req_has(req, "id") && !sl_req_null(req, "id") &&
	    sl_req_uint(req, "id", 0) != (unsigned long long)want_id)
	{
		char id[24];

		snprintf(id, sizeof(id), "%lld", want_id);
		return cls_err_set(e, 400, "id", "classify.err.id_mismatch", "id", id, NULL);
	}
	return 0;
}

/* ------------------------------------------------------------ checking */

/* Characters of UTF-8 text s (the core has checked it is UTF-8). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *cls_cur_text(struct json_object *cur, const char *name)
{
	struct json_object *v;

	if (cur == NULL || !json_object_object_get_ex(cur, name, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

/* The text of field f: given, else the current row's, else NULL. */
static const char *merged(const struct cls_in *in, struct json_object *cur, int f)
{
	return in->v[f] != NULL ? in->v[f] : cls_cur_text(cur, cls_field_names[f]);
}

static int check_title(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *t = merged(in, cur, CF_TITLE);
	char max[24], has[24];
	size_t n;

	if (t == NULL)
		return cls_err_set(e, 422, "title", "classify.err.title_required", NULL);
	while (*t == ' ')
		t++;
	n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	if (n == 0)
		return cls_err_set(e, 422, "title", "classify.err.title_empty", NULL);
	snprintf(max, sizeof(max), "%d", CLS_TITLE_MAX);
	if (n >= sizeof(in->title))
		return cls_err_set(e, 422, "title", "classify.err.title_long", "max", max, NULL);
	memcpy(in->title, t, n);
	in->title[n] = '\0';
	if (utf8_chars(in->title) > CLS_TITLE_MAX) {
		snprintf(has, sizeof(has), "%zu", utf8_chars(in->title));
		return cls_err_set(e, 422, "title", "classify.err.title_long_has", "max", max,
		    "n", has, NULL);
	}
	return 0;
}

static int check_comments(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *c = merged(in, cur, CF_COMMENTS);
	char max[24], has[24];

	in->comments = c != NULL ? c : "";
	if (utf8_chars(in->comments) > CLS_COMMENTS_MAX) {
		snprintf(max, sizeof(max), "%d", CLS_COMMENTS_MAX);
		snprintf(has, sizeof(has), "%zu", utf8_chars(in->comments));
		return cls_err_set(e, 422, "comments", "classify.err.comments_long", "max", max,
		    "n", has, NULL);
	}
	return 0;
}

static int check_colour(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *c = merged(in, cur, CF_COLOUR);
	size_t i;

	if (c == NULL)
		c = "#6c757d";
	if (strlen(c) != 7 || c[0] != '#')
		goto bad;
	for (i = 1; i < 7; i++)
		if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'a' && c[i] <= 'f') ||
		    (c[i] >= 'A' && c[i] <= 'F')))
			goto bad;
	for (i = 0; i < 7; i++)
		in->colour[i] = (char)(c[i] >= 'A' && c[i] <= 'F' ? c[i] - 'A' + 'a' : c[i]);
	in->colour[7] = '\0';
	return 0;
bad:
	return cls_err_set(e, 422, "colour", "classify.err.colour", NULL);
}

static int check_smart(struct sl_db *db, struct cls_in *in, struct json_object *cur,
    struct cls_err *e)
{
	const char *s = merged(in, cur, CF_SMART);
	int k;

	if (s == NULL)
		s = "all";
	if ((k = cl_lookup(cl_smart_names, CL_NSMART, s)) < 0)
		return cls_err_set(e, 422, "smart_type", "classify.err.smart_unknown", "value", s, NULL);
	in->smart = cl_smart_names[k];
	/* a new or changed smart type must be one the shop uses */
	if (k != CL_ALL && in->v[CF_SMART] != NULL &&
	    (cur == NULL || strcmp(cls_cur_text(cur, "smart_type"), in->smart) != 0) &&
	    !sl_setting_has(db, "smart_types", in->smart))
		return cls_err_set(e, 422, "smart_type", "classify.err.smart_unused", "value", in->smart,
		    NULL);
	return 0;
}

static int check_type(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *t = merged(in, cur, CF_TYPE);
	char list[300];
	size_t n = 0;
	int k;

	if (t == NULL)
		return cls_err_set(e, 422, "type", "classify.err.type_required", NULL);
	if ((k = cl_lookup(cl_type_names, CL_NTYPES, t)) >= 0) {
		in->type = cl_type_names[k];
		return 0;
	}
	list[0] = '\0';
	for (k = 0; k < CL_NTYPES && n < sizeof(list); k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", cl_type_names[k]);
	return cls_err_set(e, 422, "type", "classify.err.type_unknown", "value", t, "list", list, NULL);
}

/* The number field name of row cur (0 when absent). */
static double cur_number(struct json_object *cur, const char *name)
{
	struct json_object *v;

	if (cur == NULL || !json_object_object_get_ex(cur, name, &v) || v == NULL)
		return 0;
	return json_object_get_double(v);
}

static int check_value(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	struct cls_metric m = { 0, 1e9, 0, 0, 0 };   /* an unknown type: no range */
	const char *v = merged(in, cur, CF_VALUE);
	char lo[32], hi[32];
	double x;
	int whole;

	/* open-ended: asked for, or kept (not in a form, which always sends
	   its value or its checkbox) */
	if (in->open) {
		if (in->v[CF_VALUE] != NULL)
			return cls_err_set(e, 422, "value", "classify.err.value_open", NULL);
		in->value = NULL;
		return 0;
	}
	if (in->v[CF_VALUE] == NULL && cur != NULL && !in->form && v == NULL) {
		in->value = NULL;
		return 0;
	}
	if (v == NULL)
		return cls_err_set(e, 422, "value", "classify.err.value_required", NULL);
	if (in->v[CF_VALUE] != NULL) {
		x = (double)in->value_u / 1e6;
		whole = in->value_u % 1000000 == 0;
	} else {
		x = cur_number(cur, "value");
		whole = x == (double)(long long)x;
	}
	cls_metric_of(in->type, &m);
	if (m.whole && !whole)
		return cls_err_set(e, 422, "value", m.cell ? "classify.err.value_cell" :
		    "classify.err.value_whole", "type", in->type, NULL);
	if (x < m.floor || x > m.max) {
		snprintf(lo, sizeof(lo), "%g", m.floor);
		snprintf(hi, sizeof(hi), "%g", m.max);
		if (m.max < 1e9)
			return cls_err_set(e, 422, "value", "classify.err.value_range", "value", v,
			    "type", in->type, "min", lo, "max", hi, NULL);
		return cls_err_set(e, 422, "value", "classify.err.value_min", "value", v,
		    "type", in->type, "min", lo, NULL);
	}
	in->value = v;
	return 0;
}

/* The minimums given (the core has checked their bounds), else the row's, else 0. */
static void take_minimums(struct cls_in *in, struct json_object *cur)
{
	const char *s = merged(in, cur, CF_MIN_SPEND);

	in->min_spend = s != NULL ? s : "0";
	if (in->v[CF_MIN_ORDERS] == NULL)
		in->min_orders = (long long)cur_number(cur, "min_orders");
}

int cls_check(struct sl_db *db, struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	if (check_title(in, cur, e) || check_comments(in, cur, e) || check_colour(in, cur, e) ||
	    check_type(in, cur, e) || check_smart(db, in, cur, e) || check_value(in, cur, e))
		return 1;
	take_minimums(in, cur);
	return 0;
}
