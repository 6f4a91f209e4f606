/*
 * cu_list.c - the customer list: GET /admin/customers (HTML or JSON) and
 * GET /api/v1/customers, one view model:
 *
 *   filters        the validated filters (cu_filter.c), null when unset
 *   sort           {key, dir}
 *   page, per_page
 *   total          {value, capped, text}: value counts up to 1,001; when
 *                  capped (more than 1,000 match) text is "1,000+"
 *   plan           the statement that answered (cu_sql.c), for the bench
 *   customers      [{id (internal), customer_id (the host's), name, email,
 *                   smart_type, is{TYPE}, account_manager, has_target,
 *                   revenue_cur, revenue_prev, revenue_change, orders_cur,
 *                   risk_score, p_alive, expected_orders_90d, clv_12m
 *                   ({value, text}; value null when undefined),
 *                   classifications [{id, title, colour}] (the badges, in
 *                   tier order), href, comments_href}]
 *   columns        {KEY: {href, dir, active}} the sort links of the headers
 *   pager          {page, pages_text, total_text, prev_href, next_href}
 *   options        {classifications [{id, title, colour, smart_type,
 *                   selected}], managers [{value, selected}],
 *                   smart_types [{value, selected}]}
 *   csv_href       the CSV download of the same filters
 *   xlsx_href      the spreadsheet download of the same filters
 *   return_to      this page, for the comment dialog's form
 *   commented      {id, name} after a comment was added from the list
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cu_int.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/metrics.h"
#include "salient/name.h"
#include "salient/rfm.h"

#define MANAGERS_MAX 500

/*
 * The page's customers in one statement: their ids arrive as a JSON array
 * ("[5,3,9]"), JSON_TABLE keeps their order, each row is joined by primary
 * key, and the badges come as a list of classification ids.
 */
/* ------------------------------------------------------------ helpers */

const char *cu_str(struct json_object *row, const char *key)
{
	struct json_object *v;

	return row != NULL && json_object_object_get_ex(row, key, &v) && v != NULL ?
	    json_object_get_string(v) : NULL;
}

void cu_row_name(struct json_object *row, char *buf, size_t len)
{
	sl_display_name(cu_str(row, "first_name"), cu_str(row, "last_name"), cu_str(row, "email"),
	    cu_str(row, "customer_id"), buf, len);
}

void cu_today(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

struct json_object *cu_money_json(const char *lang, struct json_object *v)
{
	struct json_object *o = json_object_new_object();
	char text[SL_FMT_MAX] = "";

	if (v != NULL)
		sl_fmt_decimal(text, sizeof(text), lang, json_object_get_string(v), 2);
	json_object_object_add(o, "value", json_object_get(v));
	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

struct json_object *cu_number_json(const char *lang, struct json_object *v, int places,
    int percent)
{
	struct json_object *o = json_object_new_object();
	char text[SL_FMT_MAX] = "", num[64];

	if (v != NULL && percent)
		sl_fmt_percent(text, sizeof(text), lang, json_object_get_double(v), places);
	else if (v != NULL) {
		snprintf(num, sizeof(num), "%.*f", places, json_object_get_double(v));
		sl_fmt_decimal(text, sizeof(text), lang, num, places);
	}
	json_object_object_add(o, "value", json_object_get(v));
	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

/*
 * Sets key of dst to row's value of key, a metric of salient/metrics.h, as
 * {value, text} in the metric's unit and decimals (a probability's text is
 * a percentage, its value stays 0 to 1).
 */
void cu_metric_add(struct json_object *dst, struct json_object *row, const char *key,
    const char *lang)
{
	const struct cl_metric *m = cl_metric(key);
	struct json_object *v = NULL, *p;

	/* row may be dst itself: hold v while its key is replaced */
	json_object_object_get_ex(row, key, &v);
	json_object_get(v);
	if (m == NULL || m->unit == CL_UNIT_MONEY) {
		json_object_object_add(dst, key, cu_money_json(lang, v));
	} else if (m->unit == CL_UNIT_PROBABILITY) {
		p = v != NULL ? json_object_new_double(json_object_get_double(v) * 100) : NULL;
		json_object_object_add(dst, key, cu_number_json(lang, p, m->places, 1));
		json_object_object_add(json_object_object_get(dst, key), "value", json_object_get(v));
		json_object_put(p);
	} else {
		json_object_object_add(dst, key, cu_number_json(lang, v, m->places,
		    m->unit == CL_UNIT_PERCENT));
	}
	json_object_put(v);
}

void cu_rfm_add(struct json_object *dst, struct json_object *row)
{
	struct json_object *v[3] = { NULL, NULL, NULL }, *o;
	static const char *const cols[3] = { "rfm_r", "rfm_f", "rfm_m" };
	static const char *const keys[3] = { "r", "f", "m" };
	int s[3], k, all = 1;
	char text[16];

	for (k = 0; k < 3; k++) {
		all &= json_object_object_get_ex(row, cols[k], &v[k]) && v[k] != NULL;
		s[k] = all ? json_object_get_int(v[k]) : 0;
	}
	if (!all) {
		json_object_object_add(dst, "rfm", NULL);
		return;
	}
	o = json_object_new_object();
	for (k = 0; k < 3; k++)
		json_object_object_add(o, keys[k], json_object_new_int(s[k]));
	json_object_object_add(o, "cell", json_object_new_int(rfm_cell(s[0], s[1], s[2])));
	snprintf(text, sizeof(text), "%d-%d-%d", s[0], s[1], s[2]);
	json_object_object_add(o, "text", json_object_new_string(text));
	json_object_object_add(o, "best", json_object_new_boolean(rfm_best(rfm_cell(s[0], s[1], s[2]))));
	json_object_object_add(o, "lost", json_object_new_boolean(rfm_lost(rfm_cell(s[0], s[1], s[2]))));
	json_object_object_add(dst, "rfm", o);
}

/* Turns one row of sql_rows into the list's customer object (in place). */
static void list_row(struct json_object *o, const char *lang, const struct cu_classes *cls)
{
	static const char *const nums[] = { "revenue_cur", "revenue_prev", "revenue_change",
	    "orders_cur", "risk_score", "p_alive", "expected_orders_90d", "clv_12m" };
	struct json_object *row = json_object_get(o), *is;
	long long ids[64], id = json_object_get_int64(json_object_object_get(o, "id"));
	const char *p = cu_str(o, "class_ids");
	char name[256], href[64];
	size_t i, n = 0;

	cu_row_name(o, name, sizeof(name));
	json_object_object_add(o, "name", json_object_new_string(name));
	is = json_object_new_object();
	if (cu_str(o, "smart_type") != NULL)
		json_object_object_add(is, cu_str(o, "smart_type"), json_object_new_boolean(1));
	json_object_object_add(o, "is", is);
	json_object_object_add(o, "has_target", json_object_new_boolean(
	    json_object_get_int(json_object_object_get(o, "has_target"))));
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		cu_metric_add(o, row, nums[i], lang);
	cu_rfm_add(o, row);
	json_object_object_del(o, "rfm_r");
	json_object_object_del(o, "rfm_f");
	json_object_object_del(o, "rfm_m");
	n = cu_class_ids(p, ids, sizeof(ids) / sizeof(ids[0]));
	json_object_object_del(o, "class_ids");
	json_object_object_add(o, "classifications", cu_badges_json(cls, ids, n));
	json_object_object_add(o, "has_classifications", json_object_new_boolean(n > 0));
	snprintf(href, sizeof(href), "/admin/customers/%lld", id);
	json_object_object_add(o, "href", json_object_new_string(href));
	snprintf(href, sizeof(href), "/admin/customers/%lld/comments", id);
	json_object_object_add(o, "comments_href", json_object_new_string(href));
	json_object_put(row);
}

/* The customers of ids[0..n-1], in that order; NULL on a database error. */
static struct json_object *page_rows(struct sl_db *db, const char *lang,
    const struct cu_classes *cls, const char *today, const long long *ids, int n)
{
	struct json_object *rows;
	char list[(CU_PER_PAGE_MAX + 1) * 12 + 3];
	size_t o = 0;
	int i;

	list[o++] = '[';
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%lld", i ? "," : "", ids[i]);
	snprintf(list + o, sizeof(list) - o, "]");
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_ROWS), today, today, list)) == NULL)
		return NULL;
	for (i = 0; i < (int)json_object_array_length(rows); i++)
		list_row(json_object_array_get_idx(rows, (size_t)i), lang, cls);
	return rows;
}

/* The options of the filter form; NULL on a database error. */
static struct json_object *options_json(struct sl_db *db, const struct cu_filter *f,
    const struct cu_classes *cls)
{
	static const char *const types[] = { "retail", "trade", "distributor" };
	struct json_object *o = json_object_new_object(), *arr, *e, *rows, *is;
	size_t i;

	arr = json_object_new_array();
	for (i = 0; i < cls->n; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "id", json_object_new_int64(cls->v[i].id));
		json_object_object_add(e, "title", json_object_new_string(cls->v[i].title));
		json_object_object_add(e, "colour", json_object_new_string(cls->v[i].colour));
		json_object_object_add(e, "smart_type", json_object_new_string(cls->v[i].smart_type));
		is = json_object_new_object();
		json_object_object_add(is, cls->v[i].smart_type, json_object_new_boolean(1));
		json_object_object_add(e, "is", is);
		json_object_object_add(e, "selected", json_object_new_boolean(
		    cls->v[i].id == f->classification));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "classifications", arr);
	arr = json_object_new_array();
	for (i = 0; i < 3; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "value", json_object_new_string(types[i]));
		json_object_object_add(e, types[i], json_object_new_boolean(1));
		json_object_object_add(e, "selected", json_object_new_boolean(
		    f->smart_type != NULL && strcmp(f->smart_type, types[i]) == 0));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "smart_types", arr);
	if ((rows = sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_MANAGERS))) == NULL) {
		json_object_put(o);
		return NULL;
	}
	arr = json_object_new_array();
	for (i = 0; i < json_object_array_length(rows); i++) {
		const char *v = cu_str(json_object_array_get_idx(rows, i), "account_manager");

		e = json_object_new_object();
		json_object_object_add(e, "value", json_object_new_string(v ? v : ""));
		json_object_object_add(e, "selected", json_object_new_boolean(
		    v != NULL && f->manager != NULL && strcmp(v, f->manager) == 0));
		json_object_array_add(arr, e);
	}
	json_object_put(rows);
	json_object_object_add(o, "managers", arr);
	json_object_object_add(o, "has_target_yes", json_object_new_boolean(f->has_target == 1));
	json_object_object_add(o, "has_target_no", json_object_new_boolean(f->has_target == 0));
	return o;
}

/* {KEY: {href, dir, active}}: clicking a header sorts by it, again flips it. */
static struct json_object *columns_json(const struct cu_filter *f, const char *base)
{
	struct json_object *o = json_object_new_object(), *c;
	int s, desc;

	for (s = 0; s < CU_NSORTS; s++) {
		int active = s == (int)f->sort;

		desc = active ? !f->desc : !(s == CU_SORT_NAME || s == CU_SORT_CUSTOMER_ID);
		c = json_object_new_object();
		cu_filter_href(c, "href", f, base, "", 1, s, desc);
		json_object_object_add(c, "dir", json_object_new_string(active ? (f->desc ?
		    "desc" : "asc") : ""));
		json_object_object_add(c, "active", json_object_new_boolean(active));
		json_object_object_add(o, cu_sort_names[s], c);
	}
	return o;
}

static struct json_object *pager_json(const struct cu_filter *f, const char *lang,
    long long total, int more, const char *base)
{
	struct json_object *o = json_object_new_object();
	char text[SL_FMT_MAX], pages[SL_FMT_MAX + 2];
	long long np;

	if (total > CU_COUNT_CAP) {
		np = (CU_COUNT_CAP + f->per_page - 1) / f->per_page;
		if (f->page > np)
			np = f->page;
		sl_fmt_int(text, sizeof(text), lang, np);
		snprintf(pages, sizeof(pages), "%s+", text);
	} else {
		np = total > 0 ? (total + f->per_page - 1) / f->per_page : 1;
		sl_fmt_int(pages, sizeof(pages), lang, np);
	}
	json_object_object_add(o, "page", json_object_new_int64(f->page));
	json_object_object_add(o, "pages", json_object_new_string(pages));
	if (f->page > 1)
		cu_filter_href(o, "prev_href", f, base, "", f->page - 1, -1, 0);
	if (more)
		cu_filter_href(o, "next_href", f, base, "", f->page + 1, -1, 0);
	return o;
}

struct json_object *cu_list_model(struct sl_req *req, const struct cu_filter *f,
    const char *base)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req), *plan = "";
	struct json_object *m = NULL, *arr, *o, *t, *sort;
	struct cu_classes cls;
	long long ids[CU_PER_PAGE_MAX + 1], total = 0;
	char text[SL_FMT_MAX], capped[SL_FMT_MAX + 2];
	int n, shown;

	if (cu_classes_load(db, req, &cls) != 0) {
		log_err("customer list: classifications: %s", sl_db_error(db));
		return NULL;
	}
	if ((n = cu_list_ids(db, f, ids, &total, &plan)) < 0) {
		log_err("customer list: the page's customers: %s", sl_db_error(db));
		goto fail;
	}
	m = json_object_new_object();
	json_object_object_add(m, "filters", cu_filter_json(f));
	sort = json_object_new_object();
	json_object_object_add(sort, "key", json_object_new_string(cu_sort_names[f->sort]));
	json_object_object_add(sort, "dir", json_object_new_string(f->desc ? "desc" : "asc"));
	json_object_object_add(m, "sort", sort);
	json_object_object_add(m, "page", json_object_new_int64(f->page));
	json_object_object_add(m, "per_page", json_object_new_int64(f->per_page));
	t = json_object_new_object();
	json_object_object_add(t, "value", json_object_new_int64(total));
	json_object_object_add(t, "capped", json_object_new_boolean(total > CU_COUNT_CAP));
	sl_fmt_int(text, sizeof(text), lang, total > CU_COUNT_CAP ? CU_COUNT_CAP : total);
	snprintf(capped, sizeof(capped), "%s%s", text, total > CU_COUNT_CAP ? "+" : "");
	json_object_object_add(t, "text", json_object_new_string(capped));
	json_object_object_add(m, "total", t);
	json_object_object_add(m, "plan", json_object_new_string(plan));
	shown = n > f->per_page ? (int)f->per_page : n;
	if ((arr = page_rows(db, lang, &cls, f->today, ids, shown)) == NULL) {
		log_err("customer list: the page's rows: %s", sl_db_error(db));
		goto fail;
	}
	json_object_object_add(m, "customers", arr);
	json_object_object_add(m, "has_customers", json_object_new_boolean(shown > 0));
	json_object_object_add(m, "sort_given", json_object_new_boolean(f->sort_given));
	json_object_object_add(m, "predictions_filtered", json_object_new_boolean(
	    f->range[CU_P_ALIVE_MIN] || f->range[CU_P_ALIVE_MAX] || f->range[CU_EXPECTED_MIN] ||
	    f->range[CU_EXPECTED_MAX] || f->range[CU_CLV_MIN] || f->range[CU_CLV_MAX]));
	json_object_object_add(m, "columns", columns_json(f, base));
	o = pager_json(f, lang, total, n > f->per_page, base);
	json_object_object_add(o, "total_text", json_object_new_string(capped));
	json_object_object_add(m, "pager", o);
	if ((o = options_json(db, f, &cls)) == NULL) {
		log_err("customer list: account managers: %s", sl_db_error(db));
		goto fail;
	}
	json_object_object_add(m, "options", o);
	cu_filter_href(m, "return_to", f, base, "", f->page, -1, 0);
	cu_filter_href(m, "csv_href", f, base, ".csv", 0, -1, 0);
	cu_filter_href(m, "xlsx_href", f, base, ".xlsx", 0, -1, 0);
	cu_classes_free(&cls);
	return m;
fail:
	json_object_put(m);
	cu_classes_free(&cls);
	return NULL;
}

void cu_commented(struct sl_req *req, struct json_object *m)
{
	struct json_object *row = NULL, *c;
	long long id = (long long)sl_req_uint(req, "commented", 0);
	char name[256];

	if (id > 0 && sl_db_row(sl_req_db(req), &row, SL_SQL(cu_sql, CU_SQL_NAME), id) == 1) {
		c = json_object_new_object();
		cu_row_name(row, name, sizeof(name));
		json_object_object_add(c, "id", json_object_new_int64(id));
		json_object_object_add(c, "name", json_object_new_string(name));
		json_object_object_add(m, "commented", c);
	}
	json_object_put(row);
}

int cu_list(struct sl_req *req, struct sl_resp *resp)
{
	struct cu_filter f;
	struct json_object *m;

	cu_filter_read(req, &f, 0);
	/* links stay on the surface asked: /admin/customers or /api/v1/customers */
	if ((m = cu_list_model(req, &f, sl_req_path(req))) == NULL)
		return -1;
	cu_commented(req, m);
	sl_resp_model(resp, m);
	return 0;
}
