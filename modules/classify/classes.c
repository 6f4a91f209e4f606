/*
 * classes.c - classifications: reading a request's fields, checking them
 * once before anything is written, and the writes (create, update, delete,
 * reorder), each in one transaction with its audit row.
 *
 * Tiers: the classifications of one type and smart type, in position order
 * (DESIGN.md section 5).  After every write a group's positions are 1..n in
 * its order, so "position" is the tier's place in its group.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "assign.h"
#include "classify_int.h"
#include "salient/db.h"
#include "salient/settings.h"

const char *const cls_field_names[CF_N] = {
	"title", "comments", "colour", "smart_type", "type", "value",
	"min_spend", "min_orders", "position",
};

/* The fields an answer carries that a client may send back unchanged. */
static const char *const read_only[] = { "id", "customers", NULL };

#define COLS \
    "c.id, c.title, c.comments, c.colour, c.smart_type, c.type, c.value, " \
    "c.min_spend, c.min_orders, c.position, " \
    "(SELECT COUNT(*) FROM customer_classifications cc " \
    " WHERE cc.classification_id = c.id) AS customers"

static const char sql_one[] = "SELECT " COLS " FROM classifications c WHERE c.id = ?";
static const char sql_one_lock[] =
    "SELECT " COLS " FROM classifications c WHERE c.id = ? FOR UPDATE";
static const char sql_all[] =
    "SELECT " COLS " FROM classifications c "
    "WHERE (? IS NULL OR c.type = ?) AND (? IS NULL OR c.smart_type = ?) "
    "ORDER BY c.type, c.smart_type, c.position, c.id";
static const char sql_group[] =
    "SELECT id, position FROM classifications WHERE type = ? AND smart_type = ? "
    "ORDER BY position, id FOR UPDATE";
static const char sql_set_position[] = "UPDATE classifications SET position = ? WHERE id = ?";
static const char sql_insert[] =
    "INSERT INTO classifications (title, comments, colour, smart_type, type, value, "
    "min_spend, min_orders, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)";
static const char sql_update[] =
    "UPDATE classifications SET title = ?, comments = ?, colour = ?, smart_type = ?, "
    "type = ?, value = ?, min_spend = ?, min_orders = ? WHERE id = ?";
static const char sql_delete[] = "DELETE FROM classifications WHERE id = ?";
static const char sql_delete_current[] =
    "DELETE FROM customer_classifications WHERE classification_id = ?";
static const char sql_close_history[] =
    "UPDATE classification_history SET to_date = GREATEST(from_date, ?) "
    "WHERE classification_id = ? AND to_date IS NULL";

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

/* The current row's field as text ("" when absent or null). */
static const char *cur_text(struct json_object *cur, const char *name)
{
	struct json_object *v;

	if (cur == NULL || !json_object_object_get_ex(cur, name, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

/* The text of field f: given, else the current row's, else NULL. */
static const char *merged(const struct cls_in *in, struct json_object *cur, int f)
{
	return in->v[f] != NULL ? in->v[f] : cur_text(cur, cls_field_names[f]);
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
	    (cur == NULL || strcmp(cur_text(cur, "smart_type"), in->smart) != 0) &&
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

/* ------------------------------------------------------------ reading rows */

/* Replaces a DECIMAL column's number by one written without trailing zeros. */
static void tidy_decimal(struct json_object *row, const char *key)
{
	struct json_object *v;
	char text[64];
	size_t n;

	if (!json_object_object_get_ex(row, key, &v) || v == NULL)
		return;
	snprintf(text, sizeof(text), "%s", json_object_get_string(v));
	if (strchr(text, '.') != NULL) {
		n = strlen(text);
		while (n > 0 && text[n - 1] == '0')
			text[--n] = '\0';
		if (n > 0 && text[n - 1] == '.')
			text[--n] = '\0';
	}
	json_object_object_add(row, key, json_object_new_double_s(strtod(text, NULL), text));
}

static void tidy(struct json_object *row)
{
	tidy_decimal(row, "value");
	tidy_decimal(row, "min_spend");
}

int cls_get(struct sl_db *db, long long id, struct json_object **out)
{
	int found = sl_db_row(db, out, sql_one, "i", id);

	if (found == 1)
		tidy(*out);
	return found;
}

/* As cls_get(), locking the row for the transaction. */
static int get_locked(struct sl_db *db, long long id, struct json_object **out)
{
	int found = sl_db_row(db, out, sql_one_lock, "i", id);

	if (found == 1)
		tidy(*out);
	return found;
}

struct json_object *cls_list(struct sl_db *db, const char *type, const char *smart)
{
	struct json_object *rows = sl_db_rows(db, sql_all, "ssss", type, type, smart, smart);
	size_t i;

	for (i = 0; rows != NULL && i < json_object_array_length(rows); i++)
		tidy(json_object_array_get_idx(rows, i));
	return rows;
}

/* The audit snapshot of a row: its writable fields. */
static struct json_object *snapshot(struct json_object *row)
{
	struct json_object *s = json_object_new_object(), *v;
	int f;

	for (f = 0; f < CF_N; f++)
		json_object_object_add(s, cls_field_names[f],
		    json_object_object_get_ex(row, cls_field_names[f], &v) ? json_object_get(v) : NULL);
	return s;
}

/* ------------------------------------------------------------ groups */

struct group {
	long long id[CLS_MAX_TIERS + 1];
	long long pos[CLS_MAX_TIERS + 1];
	size_t n;
};

/* Reads (and locks) a group's tiers in order; 0, 1 when it is too big, -1. */
static int group_read(struct sl_db *db, const char *type, const char *smart, struct group *g)
{
	struct sl_stmt *st;
	int r;

	g->n = 0;
	if ((st = sl_db_stmt(db, sql_group)) == NULL || sl_stmt_exec(st, "ss", type, smart) != 0)
		return -1;
	while ((r = sl_stmt_fetch(st)) == 1) {
		if (g->n == CLS_MAX_TIERS + 1) {
			sl_stmt_done(st);
			return 1;
		}
		g->id[g->n] = sl_stmt_int(st, 0);
		g->pos[g->n++] = sl_stmt_int(st, 1);
	}
	sl_stmt_done(st);
	return r < 0 ? -1 : 0;
}

/* Writes positions 1..n in the order of ids[], where they differ. */
static int group_write(struct sl_db *db, const struct group *g, const long long *ids, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < g->n && g->id[j] != ids[i]; j++)
			;
		if (j < g->n && g->pos[j] == (long long)i + 1)
			continue;
		if (sl_db_exec(db, sql_set_position, "ii", (long long)i + 1, ids[i]) < 0)
			return -1;
	}
	return 0;
}

/*
 * Renumbers group (type, smart): id (0 = none) is put at place (1-based;
 * 0 = where it is, or last when it is not in the group yet); an id in
 * `gone` (0 = none) is left out.  0, 1 when the group is full, -1.
 */
static int group_place(struct sl_db *db, const char *type, const char *smart,
    long long id, long long place, long long gone)
{
	struct group g;
	long long ids[CLS_MAX_TIERS + 1];
	size_t i, n = 0, at = (size_t)-1;
	int r;

	if ((r = group_read(db, type, smart, &g)) != 0)
		return r;
	for (i = 0; i < g.n; i++) {
		if (g.id[i] == gone)
			continue;
		if (g.id[i] == id) {
			at = n;
			continue;
		}
		ids[n++] = g.id[i];
	}
	if (id != 0) {
		if (n == CLS_MAX_TIERS)
			return 1;
		if (place > 0)
			at = (size_t)place - 1;
		if (at > n)
			at = n;
		memmove(ids + at + 1, ids + at, (n - at) * sizeof(ids[0]));
		ids[at] = id;
		n++;
	}
	return group_write(db, &g, ids, n);
}

/* ------------------------------------------------------------ writes */

/* Today in the site's time zone, "YYYY-MM-DD". */
static void today_text(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

/* Commits, or rolls back; -1 on failure. */
static int finish(struct sl_db *db, int rc)
{
	if (rc == 0 && sl_db_commit(db) == 0)
		return 0;
	sl_db_rollback(db);
	return rc == 1 ? 1 : -1;
}

static int group_full(struct cls_err *e, const struct cls_in *in)
{
	return cls_err_set(e, 422, "type", "type: the %s tiers for %s hold %d classifications "
	    "already, the most a group holds", in->type, in->smart, CLS_MAX_TIERS);
}

int cls_create(struct sl_req *req, struct cls_in *in, long long *id, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *after = NULL;
	struct sl_stmt *st;
	char idtext[24];
	int rc = -1, r;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((st = sl_db_stmt(db, sql_insert)) == NULL ||
	    sl_stmt_exec(st, "sssssssi", in->title, in->comments, in->colour, in->smart, in->type,
	    in->value, in->min_spend, in->min_orders) != 0)
		goto out;
	*id = (long long)sl_stmt_insert_id(st);
	if ((r = group_place(db, in->type, in->smart, *id, in->position, 0)) != 0) {
		rc = r == 1 ? group_full(e, in) : -1;
		goto out;
	}
	if (cls_get(db, *id, &row) != 1)
		goto out;
	after = snapshot(row);
	snprintf(idtext, sizeof(idtext), "%lld", *id);
	if (sl_audit(req, "classification.create", idtext, NULL, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(row);
	json_object_put(after);
	return finish(db, rc);
}

int cls_update(struct sl_req *req, long long id, struct cls_in *in, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL, *row = NULL, *before = NULL, *after = NULL;
	char idtext[24];
	const char *otype, *osmart;
	int rc = -1, r, moved;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((r = get_locked(db, id, &cur)) != 1) {
		rc = r == 0 ? cls_err_set(e, 404, NULL, "no classification %lld", id) : -1;
		goto out;
	}
	if ((rc = cls_check(db, in, cur, e)) != 0)
		goto out;
	rc = -1;
	otype = cur_text(cur, "type");
	osmart = cur_text(cur, "smart_type");
	moved = strcmp(otype, in->type) != 0 || strcmp(osmart, in->smart) != 0;
	if (sl_db_exec(db, sql_update, "ssssssssi", in->title, in->comments, in->colour, in->smart,
	    in->type, in->value, in->min_spend, in->min_orders, id) < 0)
		goto out;
	if (moved && group_place(db, otype, osmart, 0, 0, id) != 0)
		goto out;
	if (moved || in->position > 0) {
		if ((r = group_place(db, in->type, in->smart, id, in->position, 0)) != 0) {
			rc = r == 1 ? group_full(e, in) : -1;
			goto out;
		}
	}
	if (cls_get(db, id, &row) != 1)
		goto out;
	before = snapshot(cur);
	after = snapshot(row);
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (!json_object_equal(before, after) &&
	    sl_audit(req, "classification.update", idtext, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(cur);
	json_object_put(row);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

int cls_delete(struct sl_req *req, long long id, long long *removed, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL, *before = NULL, *after = NULL;
	char idtext[24], today[16];
	long long closed;
	int rc = -1, r;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((r = get_locked(db, id, &cur)) != 1) {
		rc = r == 0 ? cls_err_set(e, 404, NULL, "no classification %lld", id) : -1;
		goto out;
	}
	today_text(today, sizeof(today));
	if ((*removed = sl_db_exec(db, sql_delete_current, "i", id)) < 0 ||
	    (closed = sl_db_exec(db, sql_close_history, "si", today, id)) < 0 ||
	    sl_db_exec(db, sql_delete, "i", id) != 1 ||
	    group_place(db, cur_text(cur, "type"), cur_text(cur, "smart_type"), 0, 0, id) != 0)
		goto out;
	before = snapshot(cur);
	after = json_object_new_object();
	json_object_object_add(after, "customers_removed", json_object_new_int64(*removed));
	json_object_object_add(after, "history_closed", json_object_new_int64(closed));
	json_object_object_add(after, "history_closed_on", json_object_new_string(today));
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (sl_audit(req, "classification.delete", idtext, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(cur);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

static struct json_object *id_array(const long long *ids, size_t n)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64(ids[i]));
	return a;
}

int cls_reorder(struct sl_req *req, const char *type, const char *smart,
    const long long *ids, size_t n, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *first = NULL, *before = NULL, *after = NULL;
	struct group g;
	char object[64];
	size_t i, j;
	int rc = -1, r;

	if (n == 0)
		return cls_err_set(e, 422, "ids", "ids: expected the ids of a group's tiers in their new order");
	if (sl_db_begin(db) != 0)
		return -1;
	/* the group: as named, else the first id's */
	if (type == NULL || smart == NULL) {
		if ((r = get_locked(db, ids[0], &first)) != 1) {
			rc = r == 0 ? cls_err_set(e, 422, "ids", "ids: no classification %lld", ids[0]) : -1;
			goto out;
		}
		type = cur_text(first, "type");
		smart = cur_text(first, "smart_type");
	}
	if ((r = group_read(db, type, smart, &g)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		for (j = 0; j < g.n && g.id[j] != ids[i]; j++)
			;
		if (j == g.n) {
			rc = cls_err_set(e, 422, "ids", "ids: %lld is not one of the %s tiers for %s", ids[i],
			    type, smart);
			goto out;
		}
		for (j = 0; j < i; j++)
			if (ids[j] == ids[i]) {
				rc = cls_err_set(e, 422, "ids", "ids: %lld is listed twice", ids[i]);
				goto out;
			}
	}
	if (n != g.n) {
		rc = cls_err_set(e, 422, "ids", "ids: the %s tiers for %s are %zu classifications; "
		    "list all of them (%zu given)", type, smart, g.n, n);
		goto out;
	}
	if (group_write(db, &g, ids, n) != 0)
		goto out;
	before = json_object_new_object();
	json_object_object_add(before, "ids", id_array(g.id, g.n));
	after = json_object_new_object();
	json_object_object_add(after, "ids", id_array(ids, n));
	snprintf(object, sizeof(object), "%s/%s", type, smart);
	if (!json_object_equal(before, after) &&
	    sl_audit(req, "classification.order", object, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(first);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

int cls_move(struct sl_req *req, long long id, int delta, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL;
	long long ids[CLS_MAX_TIERS + 1], t;
	struct group g;
	size_t i;
	int r, rc;

	if ((r = cls_get(db, id, &cur)) != 1)
		return r == 0 ? cls_err_set(e, 404, NULL, "no classification %lld", id) : -1;
	r = group_read(db, cur_text(cur, "type"), cur_text(cur, "smart_type"), &g);
	if (r != 0) {
		json_object_put(cur);
		return -1;
	}
	memcpy(ids, g.id, g.n * sizeof(ids[0]));
	for (i = 0; i < g.n && ids[i] != id; i++)
		;
	if (i < g.n && ((delta < 0 && i > 0) || (delta > 0 && i + 1 < g.n))) {
		t = ids[i];
		ids[i] = ids[(size_t)((long)i + delta)];
		ids[(size_t)((long)i + delta)] = t;
	}
	rc = cls_reorder(req, cur_text(cur, "type"), cur_text(cur, "smart_type"), ids, g.n, e);
	json_object_put(cur);
	return rc;
}
