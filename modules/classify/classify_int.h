/*
 * classify_int.h - private to modules/classify: a classification's fields
 * read and checked (check.c), read and written in the database (classes.c),
 * the API (api.c), the admin page and its forms (page.c), and "Recalculate
 * now" with the runs' state (runs.c).
 */
#ifndef CLASSIFY_INT_H
#define CLASSIFY_INT_H

#include <json-c/json.h>

#include "salient/input.h"
#include "salient/money.h"
#include "salient/salient.h"

struct sl_db;

/* The most tiers one (type, smart type) group holds (assign.c reads 64). */
#define CLS_MAX_TIERS 64
/* Lengths in characters (VARCHAR(100); comments kept reasonable). */
#define CLS_TITLE_MAX 100
#define CLS_COMMENTS_MAX 2000

/* The writable fields, in the order answers and forms list them. */
enum cls_field {
	CF_TITLE, CF_COMMENTS, CF_COLOUR, CF_SMART, CF_TYPE, CF_VALUE,
	CF_MIN_SPEND, CF_MIN_ORDERS, CF_POSITION, CF_N
};
extern const char *const cls_field_names[CF_N];

/*
 * A request's fields, read typed from the route's declared inputs (the
 * core has checked their types and bounds): v[f] is the text of field f as
 * given (numbers in their plain form, from num[f]; NULL when not given).
 * cls_check() fills the rest.
 */
struct cls_in {
	const char *v[CF_N];
	char num[CF_N][SL_MONEY_TEXT_MAX];
	int64_t value_u;           /* CF_VALUE given: millionths */
	int open;                  /* asked for no upper bound: "value": null,
	                              "open": true or the form's checkbox */
	int form;                  /* a form post (not a JSON body) */
	/* normalised by cls_check(), from v[] merged onto the current row */
	char title[4 * CLS_TITLE_MAX + 1];
	char colour[8];
	const char *comments;
	const char *type, *smart;  /* names from cl_type_names, cl_smart_names */
	const char *value, *min_spend;   /* value NULL: open-ended ("and above") */
	long long min_orders;
	long long position;        /* 1-based place in the group; 0 = keep/end */
};

/*
 * A refusal: HTTP status, the field it is about (or NULL), the reason as a
 * catalog key (classify.err.*) with its named values, put into words in
 * the request's language by cls_err_text().
 */
#define CLS_ERR_VALS 4
struct cls_err {
	int status;
	const char *field;
	const char *key;
	const char *kv[2 * CLS_ERR_VALS + 1];   /* name, value (into val), ..., NULL */
	char val[CLS_ERR_VALS][128];
	char msg[400];
};

/*
 * The inputs of the routes that write a classification (module.c): its
 * fields, and the read-only customers of an answer sent back; CLS_UPDATE_IN
 * adds the answer's id, which must be the address's.  Bounds: the columns'
 * (sql/005_classify.sql); value's range depends on its type (cls_check()).
 * A tier without an upper bound ("and above": it holds every value above
 * the tier before it) is asked for with "value": null or "open": true (the
 * form's checkbox); only the last tier of a group may be open-ended, and an
 * answer shows it as "value": null, "open": true.
 */
#define CLS_VALUE_PLACES 6
/* The update routes' path segment: "id" is the body's (an answer sent back). */
#define CLS_UPDATE_ID "cid"
#define CLS_FIELD_INPUTS \
	{ "title", SL_IN_TEXT, .max = 4 * CLS_TITLE_MAX }, \
	{ "comments", SL_IN_TEXT, .flags = SL_IN_LINES, .max = 4 * CLS_COMMENTS_MAX }, \
	{ "colour", SL_IN_TEXT, .max = 7 }, \
	{ "smart_type", SL_IN_ENUM, .choices = cl_smart_names }, \
	{ "type", SL_IN_ENUM, .choices = cl_type_names }, \
	{ "value", SL_IN_DECIMAL, .places = CLS_VALUE_PLACES }, \
	{ "open", SL_IN_BOOL, .flags = 0 }, \
	{ "min_spend", SL_IN_MONEY, .min = 0, .max = 99999999999999LL }, \
	{ "min_orders", SL_IN_UINT, .max = 1000000000 }, \
	{ "position", SL_IN_UINT, .min = 1, .max = CLS_MAX_TIERS }, \
	{ "customers", SL_IN_UINT, .flags = 0 }

/*
 * Reads the fields given (JSON null comments = none; in a form, emptied
 * minimums are 0).  want_id, when not 0, is the address's id: the route
 * declares "id" and a body's id must match it.  Returns 0, or 1 with the
 * refusal in e.
 */
int cls_read(struct sl_req *req, struct cls_in *in, long long want_id, struct cls_err *e);

/*
 * Checks in->v merged onto cur (the current row as cls_get() answers it;
 * NULL when creating), and fills the normalised fields.  Returns 0, or 1
 * with the refusal in e (422 naming the field and the reason).
 */
int cls_check(struct sl_db *db, struct cls_in *in, struct json_object *cur, struct cls_err *e);

/*
 * The writes: each in one transaction with its audit row (sl_audit()).
 * They return 0, 1 with a refusal in e (404, 409, 422), or -1 on a database
 * failure (rolled back).
 *
 * cls_create: a new classification, placed at in->position of its group
 * (or last); its id in *id.  cls_update: the fields given; a change of type
 * or smart type moves it to the end of its new group (or to position).  A
 * starter classification keeps its starter key (and its stored English
 * texts) while the title and comments given are the ones shown in the
 * request's language; other texts are the shop's own and clear the key.
 * cls_delete: removes the classification and the customers' current rows
 * for it (their number in *removed); its history intervals are kept, closed
 * on the day of the deletion.  cls_reorder: the group's tiers in the order
 * of ids[0..n-1], which must be the whole group; type and smart may be NULL
 * (then taken from the ids).  cls_move: one place up (-1) or down (+1).
 */
int cls_create(struct sl_req *req, struct cls_in *in, long long *id, struct cls_err *e);
int cls_update(struct sl_req *req, long long id, struct cls_in *in, struct cls_err *e);
int cls_delete(struct sl_req *req, long long id, long long *removed, struct cls_err *e);
int cls_reorder(struct sl_req *req, const char *type, const char *smart,
    const long long *ids, size_t n, struct cls_err *e);
int cls_move(struct sl_req *req, long long id, int delta, struct cls_err *e);

/*
 * The classification id as answers show it: {id, title, comments, colour,
 * smart_type, type, value, min_spend, min_orders, position, customers}.
 * Returns 1 with the object in *out (free with json_object_put()), 0 when
 * there is none, -1 on failure.
 */
int cls_get(struct sl_db *db, long long id, struct json_object **out);
/*
 * Every classification in tier order (type, smart type, position, id),
 * optionally only of one type and/or smart type (NULL = any).  NULL on
 * failure; free with json_object_put().
 */
struct json_object *cls_list(struct sl_db *db, const char *type, const char *smart);

/*
 * A starter classification's title and comments in req's language (the
 * catalog's, cl_starter_text_key()) in place of the stored English ones,
 * while its starter_key is set.  answer: the row goes into an answer, so
 * starter_key is taken out (an answer sent back carries only the declared
 * fields).  cls_localise_all() does it to every row of an array.
 */
void cls_localise(const struct sl_req *req, struct json_object *row, int answer);
void cls_localise_all(const struct sl_req *req, struct json_object *rows, int answer);

/* The field name of row cur as text, or NULL (absent, null, cur NULL). */
const char *cls_cur_text(struct json_object *cur, const char *name);
/*
 * Fills e: status, field, the reason's catalog key and its values (pairs of
 * name and text, ended by a NULL name; at most CLS_ERR_VALS, each cut to
 * 127 bytes).  Returns 1.
 */
int cls_err_set(struct cls_err *e, int status, const char *field, const char *key, ...)
    __attribute__((sentinel));
/* The reason in req's language (into e->msg). */
const char *cls_err_text(const struct sl_req *req, struct cls_err *e);
/*
 * The reason as the admin pages show it, in req's language (into e->msg):
 * the field by its label ("Value (upper bound): ..." where the API says
 * "value: ..."), the metric and customer type by their names, not their
 * codes, and numbers the reader's way (500, not 500.000000).
 */
const char *cls_err_form_text(const struct sl_req *req, struct cls_err *e);
/* Sets the answer to a refusal: {"error": {status, message, field}}. */
void cls_refuse(const struct sl_req *req, struct sl_resp *resp, struct cls_err *e);

/* ---- the metric of each type: floor, ceiling, unit (check.c, from cl_metrics) ---- */

struct cls_metric {
	double floor, max;
	int whole;           /* only whole numbers (orders, cells) */
	int orders;          /* the unit is orders */
	int cell;            /* the unit is an RFM cell (else percent) */
};
/* The range of type (a name from cl_type_names); 0, or -1 when unknown. */
int cls_metric_of(const char *type, struct cls_metric *m);

/* ---- recalculation (runs.c) ---- */

/*
 * Queues classify.recompute {"with_predictions": true} unless one is queued
 * or running already (checked and queued under a lock, so two clicks queue
 * one job).  *id is the queued job, or the one already there with
 * *already = 1.  Returns 0 or -1.
 */
int cls_queue_recompute(struct sl_db *db, long long *id, int *already);
/*
 * The page's "recompute" part: {job: the latest recompute job (id, state,
 * is.STATE, progress_done, progress_total, percent, active, times) or null,
 * last_run: the latest classify_runs row with formatted texts or null,
 * schedule: {per_day, times ["00:00", ...]}, changed_since_run: true when a
 * classification changed after the last run}.  NULL on failure.
 */
struct json_object *cls_runs_model(struct sl_req *req);

/* Route handlers. */
int cls_api_list(struct sl_req *req, struct sl_resp *resp);
int cls_api_get(struct sl_req *req, struct sl_resp *resp);
int cls_api_create(struct sl_req *req, struct sl_resp *resp);
int cls_api_update(struct sl_req *req, struct sl_resp *resp);
int cls_api_delete(struct sl_req *req, struct sl_resp *resp);
int cls_api_order(struct sl_req *req, struct sl_resp *resp);
int cls_page(struct sl_req *req, struct sl_resp *resp);
int cls_page_new(struct sl_req *req, struct sl_resp *resp);
int cls_page_edit(struct sl_req *req, struct sl_resp *resp);
int cls_page_create(struct sl_req *req, struct sl_resp *resp);
int cls_page_update(struct sl_req *req, struct sl_resp *resp);
int cls_page_delete(struct sl_req *req, struct sl_resp *resp);
int cls_page_move(struct sl_req *req, struct sl_resp *resp);
int cls_page_recompute(struct sl_req *req, struct sl_resp *resp);

#endif
