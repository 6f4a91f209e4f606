/*
 * check.c - a classification's fields from a request, checked once before
 * anything is written: each refusal names the field and the reason (400
 * for a body of the wrong shape or an unknown field, 422 for a value that
 * is not allowed).  The metrics' ranges and units live here too.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "assign.h"
#include "classify_int.h"
#include "salient/settings.h"

const char *const cls_field_names[CF_N] = {
	"title", "comments", "colour", "smart_type", "type", "value",
	"min_spend", "min_orders", "position",
};

/* The fields an answer carries that a client may send back unchanged. */
static const char *const read_only[] = { "id", "customers", NULL };

/* ------------------------------------------------------------ metrics */

/* Ceilings and units; the floor is cl_floor() (assign.c). */
static const struct {
	const char *type;
	double max;
	int whole, orders;
} metric_table[] = {
	{ "risk_score", 1e9, 0, 0 },
	{ "risk_change", 1e9, 0, 0 },
	{ "revenue_rank", 100, 0, 0 },
	{ "revenue_change", 1e9, 0, 0 },
	{ "revenue_share", 100, 0, 0 },
	{ "orders", 1e9, 1, 1 },
	{ "p_alive", 100, 0, 0 },
};

int cls_metric_of(const char *type, struct cls_metric *m)
{
	int t = cl_lookup(cl_type_names, CL_NTYPES, type);
	size_t i;

	if (t < 0)
		return -1;
	m->floor = cl_floor((enum cl_type)t);
	/* a type this table does not know yet: a percentage without ceiling */
	m->max = 1e9;
	m->whole = 0;
	m->orders = 0;
	for (i = 0; i < sizeof(metric_table) / sizeof(metric_table[0]); i++) {
		if (strcmp(metric_table[i].type, type) == 0) {
			m->max = metric_table[i].max;
			m->whole = metric_table[i].whole;
			m->orders = metric_table[i].orders;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ refusals */

int cls_err_set(struct cls_err *e, int status, const char *field, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	e->field = field;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return 1;
}

void cls_refuse(struct sl_resp *resp, const struct cls_err *e)
{
	struct json_object *m = json_object_new_object(), *err = json_object_new_object();

	json_object_object_add(err, "status", json_object_new_int(e->status));
	json_object_object_add(err, "message", json_object_new_string(e->msg));
	json_object_object_add(err, "field", e->field ? json_object_new_string(e->field) : NULL);
	json_object_object_add(m, "error", err);
	sl_resp_status(resp, e->status);
	sl_resp_model(resp, m);
}

int cls_path_id(struct sl_req *req, const char *name, long long *id, struct cls_err *e)
{
	const char *p = sl_req_param(req, name);
	char *end;

	if (p == NULL || p[0] < '0' || p[0] > '9' || strlen(p) > 12)
		return cls_err_set(e, 400, name, "%s: expected a positive whole number", name);
	errno = 0;
	*id = strtoll(p, &end, 10);
	if (*end != '\0' || errno != 0 || *id <= 0)
		return cls_err_set(e, 400, name, "%s: expected a positive whole number", name);
	return 0;
}

/* ------------------------------------------------------------ reading */

/* Index of name among the fields, or -1. */
static int field_index(const char *name)
{
	int f;

	for (f = 0; f < CF_N; f++)
		if (strcmp(cls_field_names[f], name) == 0)
			return f;
	return -1;
}

static int is_read_only(const char *name)
{
	size_t i;

	for (i = 0; read_only[i] != NULL; i++)
		if (strcmp(read_only[i], name) == 0)
			return 1;
	return 0;
}

/* One JSON value as the field's text; 0, or 1 with a 400 for a wrong type. */
static int json_field(struct cls_in *in, int f, struct json_object *v, struct cls_err *e)
{
	const char *name = cls_field_names[f];

	switch (f) {
	case CF_TITLE: case CF_COLOUR: case CF_SMART: case CF_TYPE:
		if (!json_object_is_type(v, json_type_string))
			return cls_err_set(e, 400, name, "%s: expected a string", name);
		break;
	case CF_COMMENTS:
		if (v == NULL) {
			in->v[f] = "";
			return 0;
		}
		if (!json_object_is_type(v, json_type_string))
			return cls_err_set(e, 400, name, "%s: expected a string or null", name);
		break;
	case CF_VALUE: case CF_MIN_SPEND:
		if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double) &&
		    !json_object_is_type(v, json_type_string))
			return cls_err_set(e, 400, name, "%s: expected a number", name);
		break;
	default:   /* CF_MIN_ORDERS, CF_POSITION */
		if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_string))
			return cls_err_set(e, 400, name, "%s: expected a whole number", name);
		break;
	}
	/* numbers keep the text they were sent as (json-c keeps it for doubles) */
	in->v[f] = json_object_get_string(v);
	return 0;
}

int cls_read(struct sl_req *req, struct cls_in *in, long long want_id, struct cls_err *e)
{
	struct json_object *body = sl_req_json(req);
	int f;

	memset(in, 0, sizeof(*in));
	if (body == NULL) {
		for (f = 0; f < CF_N; f++)
			in->v[f] = sl_req_input(req, cls_field_names[f]);
		return 0;
	}
	if (!json_object_is_type(body, json_type_object))
		return cls_err_set(e, 400, NULL, "body: expected a JSON object of a classification's fields");
	json_object_object_foreach(body, key, val) {
		if ((f = field_index(key)) >= 0) {
			if (json_field(in, f, val, e) != 0)
				return 1;
			continue;
		}
		if (strcmp(key, "id") == 0 && val != NULL &&
		    (want_id == 0 || !json_object_is_type(val, json_type_int) ||
		    json_object_get_int64(val) != want_id))
			return cls_err_set(e, 400, "id", want_id == 0
			    ? "id: set by the server; leave it out"
			    : "id: does not match the address (%lld)", want_id);
		if (!is_read_only(key))
			return cls_err_set(e, 400, key, "%.60s: not a field of a classification; "
			    "expected title, comments, colour, smart_type, type, value, min_spend, "
			    "min_orders or position", key);
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

/* 1 when s holds a control character (other than tab and newlines when text). */
static int has_control(const char *s, int text)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (text && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return 1;
	}
	return 0;
}

/*
 * A plain decimal: optional '-', 1..14 digits, optionally '.' and 1..places
 * digits.  Returns 0 with the value in *out, or -1.
 */
static int decimal(const char *s, int places, double *out)
{
	const char *p = s;
	size_t ints = 0, frac = 0;

	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		ints++;
		p++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			frac++;
			p++;
		}
		if (frac == 0)
			return -1;
	}
	if (*p != '\0' || ints == 0 || ints > 14 || frac > (size_t)places)
		return -1;
	*out = strtod(s, NULL);
	return 0;
}

/* A whole number in [0, max]; 0, or -1. */
static int whole(const char *s, long long max, long long *out)
{
	char *end;

	if (s[0] < '0' || s[0] > '9' || strlen(s) > 12)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *end != '\0' || errno != 0 || *out > max ? -1 : 0;
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
	size_t n;

	if (t == NULL)
		return cls_err_set(e, 422, "title", "title: required (what the classification is called)");
	while (*t == ' ')
		t++;
	n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	if (n == 0)
		return cls_err_set(e, 422, "title", "title: must not be empty");
	if (n >= sizeof(in->title))
		return cls_err_set(e, 422, "title", "title: at most %d characters", CLS_TITLE_MAX);
	memcpy(in->title, t, n);
	in->title[n] = '\0';
	if (utf8_chars(in->title) > CLS_TITLE_MAX)
		return cls_err_set(e, 422, "title", "title: at most %d characters (this one has %zu)",
		    CLS_TITLE_MAX, utf8_chars(in->title));
	if (has_control(in->title, 0))
		return cls_err_set(e, 422, "title", "title: must be one line without control characters");
	return 0;
}

static int check_comments(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *c = merged(in, cur, CF_COMMENTS);

	in->comments = c != NULL ? c : "";
	if (utf8_chars(in->comments) > CLS_COMMENTS_MAX)
		return cls_err_set(e, 422, "comments", "comments: at most %d characters (these have %zu)",
		    CLS_COMMENTS_MAX, utf8_chars(in->comments));
	if (has_control(in->comments, 1))
		return cls_err_set(e, 422, "comments", "comments: control characters are not allowed");
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
	return cls_err_set(e, 422, "colour", "colour: expected #rrggbb (six hex digits), like #1f77b4");
}

static int check_smart(struct sl_db *db, struct cls_in *in, struct json_object *cur,
    struct cls_err *e)
{
	const char *s = merged(in, cur, CF_SMART);
	int k;

	if (s == NULL)
		s = "all";
	if ((k = cl_lookup(cl_smart_names, CL_NSMART, s)) < 0)
		return cls_err_set(e, 422, "smart_type", "smart_type: '%.40s' is not a smart type; "
		    "expected retail, trade, distributor or all", s);
	in->smart = cl_smart_names[k];
	/* a new or changed smart type must be one the shop uses */
	if (k != CL_ALL && in->v[CF_SMART] != NULL &&
	    (cur == NULL || strcmp(cls_cur_text(cur, "smart_type"), in->smart) != 0) &&
	    !sl_setting_has(db, "smart_types", in->smart))
		return cls_err_set(e, 422, "smart_type", "smart_type: '%s' is not in use "
		    "(see the setting smart_types)", in->smart);
	return 0;
}

static int check_type(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *t = merged(in, cur, CF_TYPE);
	char list[300];
	size_t n = 0;
	int k;

	if (t == NULL)
		return cls_err_set(e, 422, "type", "type: required (the metric the tiers divide)");
	if ((k = cl_lookup(cl_type_names, CL_NTYPES, t)) >= 0) {
		in->type = cl_type_names[k];
		return 0;
	}
	list[0] = '\0';
	for (k = 0; k < CL_NTYPES && n < sizeof(list); k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", cl_type_names[k]);
	return cls_err_set(e, 422, "type", "type: '%.40s' is not a classification type; expected one of %s",
	    t, list);
}

static int check_value(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	struct cls_metric m;
	const char *v = merged(in, cur, CF_VALUE);
	double x;

	if (v == NULL)
		return cls_err_set(e, 422, "value", "value: required (the tier's upper bound)");
	if (decimal(v, 6, &x) != 0)
		return cls_err_set(e, 422, "value", "value: '%.40s' is not a decimal number like 12.5 "
		    "(at most 6 decimals)", v);
	cls_metric_of(in->type, &m);
	if (m.whole && x != (double)(long long)x)
		return cls_err_set(e, 422, "value", "value: %s counts orders, a whole number", in->type);
	if (x < m.floor || x > m.max) {
		if (m.max < 1e9)
			return cls_err_set(e, 422, "value", "value: %s is out of range for %s: "
			    "expected %g to %g", v, in->type, m.floor, m.max);
		return cls_err_set(e, 422, "value", "value: %s is out of range for %s: "
		    "expected %g or more", v, in->type, m.floor);
	}
	in->value = v;
	return 0;
}

static int check_minimums(struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	const char *s = merged(in, cur, CF_MIN_SPEND), *o = merged(in, cur, CF_MIN_ORDERS);
	double x;

	if (s == NULL || s[0] == '\0')
		s = "0";
	if (s[0] == '-')
		return cls_err_set(e, 422, "min_spend", "min_spend: must not be negative");
	if (decimal(s, 4, &x) != 0 || x >= 1e10)
		return cls_err_set(e, 422, "min_spend", "min_spend: '%.40s' is not an amount like 1000 "
		    "or 99.95 (at most 4 decimals, below 10000000000)", s);
	in->min_spend = s;
	if (o == NULL || o[0] == '\0')
		o = "0";
	if (o[0] == '-')
		return cls_err_set(e, 422, "min_orders", "min_orders: must not be negative");
	if (whole(o, 1000000000, &in->min_orders) != 0)
		return cls_err_set(e, 422, "min_orders", "min_orders: '%.40s' is not a whole number of "
		    "orders (0 to 1000000000)", o);
	return 0;
}

static int check_position(struct cls_in *in, struct cls_err *e)
{
	const char *p = in->v[CF_POSITION];

	in->position = 0;
	if (p == NULL || p[0] == '\0')
		return 0;
	if (whole(p, CLS_MAX_TIERS, &in->position) != 0 || in->position < 1)
		return cls_err_set(e, 422, "position", "position: expected the tier's place in its "
		    "group, 1 to %d", CLS_MAX_TIERS);
	return 0;
}

int cls_check(struct sl_db *db, struct cls_in *in, struct json_object *cur, struct cls_err *e)
{
	if (check_title(in, cur, e) || check_comments(in, cur, e) || check_colour(in, cur, e) ||
	    check_type(in, cur, e) || check_smart(db, in, cur, e) || check_value(in, cur, e) ||
	    check_minimums(in, cur, e) || check_position(in, e))
		return 1;
	return 0;
}
