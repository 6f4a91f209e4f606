/*
 * targets.c - Reports > Sales targets: the customers' targets with their
 * progress and forecast as of T (tr_target.h), sortable, filterable by
 * state and account manager, paged; the same list as CSV, streamed.
 *
 * GET /admin/reports/targets (also GET /api/v1/targets), inputs:
 *   state     current (default: the period holds T) | upcoming | ended | all
 *   manager   an account manager ("" = everyone)
 *   customer  a customer's host id ("" = every customer)
 *   sort      customer | manager | start | end | amount | actual | progress
 *             | forecast (default progress); dir asc | desc (default desc
 *             for the numbers, asc otherwise)
 *   page      1.., 50 rows a page; as_of YYYY-MM-DD (default today)
 * View model: {as_of, filter {state, manager, customer, sort, dir},
 *   states [{value, selected}], managers [{name, selected}], columns [th_sort
 *   contexts], rows [{id, customer_id, customer (name), account_manager,
 *   staff_href, period_start, period_end (+ _text), state, amount, actual,
 *   progress_pct, progress_text, bar, forecast}], totals {targets, amount,
 *   actual}, pager, csv_href}.
 *
 * GET /admin/reports/targets.csv (also /api/v1/targets.csv): every row of
 * the same filter and order, columns customer_id, customer, account_manager,
 * period_start, period_end, state, amount, actual, progress_pct, forecast
 * (money with 2 decimals rounded half away from zero, progress with 1;
 * forecast empty before the period starts), CRLF line ends.
 *
 * SQL sorts (ORDER BY cannot take a parameter, so there is one const
 * statement per column and direction, assembled at compile time); the
 * numbers shown are tr_target_progress()'s.  The forecast column the SQL
 * sorts by is the same definition, written in SQL for the order only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/log.h"
#include "salient/csv.h"
#include "salient/db.h"
#include "salient/money.h"
#include "salient/name.h"
#include "salient/format.h"
#include "salient/url.h"
#include "tr_int.h"
#include "tr_target.h"
#include "tr_text.h"

#define PER_PAGE 50

struct sortkey {
	const char *name;
	int numeric;
	enum tr_sql_id asc, desc;   /* the list statement sorted so (trade_sql.c) */
};

static const struct sortkey sorts[] = {
	{ "customer", 0, TR_LIST_CUSTOMER, TR_LIST_CUSTOMER_DESC },
	{ "manager", 0, TR_LIST_MANAGER, TR_LIST_MANAGER_DESC },
	{ "start", 0, TR_LIST_START, TR_LIST_START_DESC },
	{ "end", 0, TR_LIST_END, TR_LIST_END_DESC },
	{ "amount", 1, TR_LIST_AMOUNT, TR_LIST_AMOUNT_DESC },
	{ "actual", 1, TR_LIST_ACTUAL, TR_LIST_ACTUAL_DESC },
	{ "progress", 1, TR_LIST_PROGRESS, TR_LIST_PROGRESS_DESC },
	{ "forecast", 1, TR_LIST_FORECAST, TR_LIST_FORECAST_DESC },
};
#define NSORTS (sizeof(sorts) / sizeof(sorts[0]))

/* The inputs' choices (trade_module.c), in the order of sorts[] and of
   enum tr_state_filter. */
const char *const tr_target_sorts[] = { "customer", "manager", "start", "end", "amount",
	"actual", "progress", "forecast", NULL };
const char *const tr_target_states[] = { "current", "upcoming", "ended", "all", NULL };
const char *const tr_dirs[] = { "asc", "desc", NULL };
_Static_assert(sizeof(tr_target_sorts) / sizeof(tr_target_sorts[0]) == NSORTS + 1,
    "tr_target_sorts names sorts[]");

struct filter {
	const char *state, *manager, *customer;
	const struct sortkey *sort;
	int desc;
	long long page;
	int64_t t;
	char t_iso[16];
	int as_of_given;
};

/* The filter from the declared inputs (trade_module.c: tr_targets_in). */
static void read_filter(struct sl_req *req, struct filter *f)
{
	const char *as_of = sl_req_date(req, "as_of");
	int dir = sl_req_enum(req, "dir", -1);

	memset(f, 0, sizeof(*f));
	f->state = tr_target_states[sl_req_enum(req, "state", 0)];
	f->manager = sl_req_str(req, "manager", NULL);
	if (f->manager == NULL)
		f->manager = "";
	f->customer = sl_req_str(req, "customer", NULL);
	if (f->customer == NULL)
		f->customer = "";
	f->sort = &sorts[sl_req_enum(req, "sort", 6)];
	f->desc = dir < 0 ? f->sort->numeric : dir == 1;
	f->page = (long long)sl_req_uint(req, "page", 1);
	f->t = tr_today();
	if (as_of != NULL && dc_parse_date(as_of, &f->t) == 0)
		f->as_of_given = 1;
	tr_iso(f->t, f->t_iso, sizeof(f->t_iso));
}

/* Runs the list statement of f from offset, at most limit rows. */
static struct sl_stmt *run_list(struct sl_db *db, const struct filter *f, long long limit,
    long long offset)
{
	const char *t = f->t_iso;
	enum tr_sql_id q = f->desc ? f->sort->desc : f->sort->asc;
	struct sl_stmt *st = sl_db_stmt(db, tr_sql[q].sql);

	if (st == NULL || sl_stmt_exec(st, tr_sql[q].types, t, t, t, t, f->state, f->state,
	    t, t, f->state, t, f->state, t, f->customer, f->customer, f->manager, f->manager,
	    limit, offset) != 0)
		return NULL;
	return st;
}

/* One row's numbers from the statement's current row; 0 or -1 (bad row). */
struct trow {
	int64_t start, end, amount, actual;
	struct tr_progress p;
};

static int read_row(struct sl_stmt *st, int64_t t, struct trow *r)
{
	if (dc_parse_date(sl_stmt_str(st, 6, NULL), &r->start) != 0 ||
	    dc_parse_date(sl_stmt_str(st, 7, NULL), &r->end) != 0 ||
	    sl_money_parse_db(sl_stmt_str(st, 8, NULL), &r->amount) != 0 ||
	    sl_money_parse_db(sl_stmt_str(st, 9, NULL), &r->actual) != 0)
		return -1;
	return tr_target_progress(r->start, r->end, r->amount, r->actual, t, &r->p);
}

/* The customer's display name from a target row's columns 1-4 (host id,
 * first and last name, e-mail). */
static void row_name(struct sl_stmt *st, char *buf, size_t len)
{
	sl_display_name(sl_stmt_str(st, 2, NULL), sl_stmt_str(st, 3, NULL),
	    sl_stmt_str(st, 4, NULL), sl_stmt_str(st, 1, NULL), buf, len);
}

/* s, or NULL when it is empty: an empty filter is left out of a link. */
static const char *given(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Adds key to o: the link path + "?state=..&manager=..&sort=..&dir=..
 * [&page=N][&as_of=..]" for the filter f with sort s and direction desc;
 * path "" is the page itself (links relative to it, so the prefix never
 * needs spelling out).  A link
 * that does not fit is logged and left out (null): the list is right
 * without it, a cut one would drop filters.
 */
static void href(struct json_object *o, const char *key, const struct filter *f,
    const struct sortkey *s, int desc, long long page, const char *path)
{
	char buf[SL_URL_MAX];
	struct sl_url u;

	sl_url_init(&u, buf, sizeof(buf));
	sl_url_put(&u, path);
	sl_url_add(&u, "state", given(f->state));
	sl_url_add(&u, "manager", given(f->manager));
	sl_url_add(&u, "customer", given(f->customer));
	sl_url_add(&u, "sort", s->name);
	sl_url_add(&u, "dir", desc ? "desc" : "asc");
	if (page > 1)
		sl_url_add_int(&u, "page", page);
	if (f->as_of_given)
		sl_url_add(&u, "as_of", given(f->t_iso));
	if (sl_url_get(&u) == NULL) {
		log_err("trade targets: the %s link does not fit in %zu bytes; left out", key,
		    sizeof(buf));
		json_object_object_add(o, key, NULL);
		return;
	}
	json_object_object_add(o, key, json_object_new_string(buf));
}

static struct json_object *columns(struct sl_req *req, const struct filter *f)
{
	struct json_object *arr = json_object_new_array(), *o;
	char key[64];
	size_t i;

	for (i = 0; i < NSORTS; i++) {
		int cur = f->sort == &sorts[i];
		int desc = cur ? !f->desc : sorts[i].numeric;

		o = json_object_new_object();
		json_object_object_add(o, "key", json_object_new_string(sorts[i].name));
		snprintf(key, sizeof(key), "trade.col.%s", sorts[i].name);
		json_object_object_add(o, "label", json_object_new_string(sl_req_text(req, key)));
		href(o, "href", f, &sorts[i], desc, 1, "");
		json_object_object_add(o, "dir", json_object_new_string(cur ? (f->desc ? "desc" : "asc") : ""));
		json_object_object_add(o, "numeric", json_object_new_boolean(sorts[i].numeric));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* The filter's choices into m: states [{value, label, selected}] and
 * managers [{name, selected}]; 0, or -1 on a database error. */
static int filter_lists(struct sl_req *req, struct sl_db *db, const struct filter *f,
    struct json_object *m)
{
	struct json_object *arr, *o;
	struct sl_stmt *st;
	char name[256];
	const char *v;
	size_t i;
	int rc;

	arr = json_object_new_array();
	for (i = 0; tr_target_states[i] != NULL; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "value", json_object_new_string(tr_target_states[i]));
		snprintf(name, sizeof(name), "trade.state.%s", tr_target_states[i]);
		json_object_object_add(o, "label", json_object_new_string(sl_req_text(req, name)));
		json_object_object_add(o, "selected",
		    json_object_new_boolean(strcmp(tr_target_states[i], f->state) == 0));
		json_object_array_add(arr, o);
	}
	json_object_object_add(m, "states", arr);
	if ((st = sl_db_stmt(db, tr_sql[TR_TARGET_MANAGERS].sql)) == NULL ||
	    sl_stmt_exec(st, tr_sql[TR_TARGET_MANAGERS].types) != 0)
		return -1;
	arr = json_object_new_array();
	json_object_object_add(m, "managers", arr);
	while ((rc = sl_stmt_fetch(st)) == 1) {
		o = json_object_new_object();
		v = sl_stmt_str(st, 0, NULL);
		json_object_object_add(o, "name", json_object_new_string(v));
		json_object_object_add(o, "selected", json_object_new_boolean(strcmp(v, f->manager) == 0));
		json_object_array_add(arr, o);
	}
	sl_stmt_done(st);
	return rc < 0 ? -1 : 0;
}

int tr_targets_report(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req), *v;
	struct json_object *m = NULL, *rows = NULL, *o, *is;
	struct sl_stmt *st;
	struct filter f;
	struct trow r;
	long long total = 0, pages;
	int64_t sum_amount = 0, sum_actual = 0;
	char name[256], text[SL_FMT_MAX];
	int rc;

	read_filter(req, &f);
	rows = json_object_new_array();
	if ((st = run_list(db, &f, PER_PAGE, (f.page - 1) * PER_PAGE)) == NULL)
		goto dberr;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (total == 0) {   /* the totals ride on every row (window functions) */
			total = sl_stmt_int(st, 12);
			sl_money_parse_db(sl_stmt_str(st, 13, NULL), &sum_amount);
			sl_money_parse_db(sl_stmt_str(st, 14, NULL), &sum_actual);
		}
		if (read_row(st, f.t, &r) != 0)
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_int64(sl_stmt_int(st, 0)));
		json_object_object_add(o, "customer_id", json_object_new_string(sl_stmt_str(st, 1, NULL)));
		json_object_object_add(o, "customer_internal", json_object_new_int64(sl_stmt_int(st, 11)));
		row_name(st, name, sizeof(name));
		json_object_object_add(o, "customer", json_object_new_string(name));
		v = sl_stmt_str(st, 5, NULL);
		json_object_object_add(o, "account_manager", v ? json_object_new_string(v) : NULL);
		tr_add_date(o, lang, "period_start", r.start);
		tr_add_date(o, lang, "period_end", r.end);
		json_object_object_add(o, "state", json_object_new_string(tr_tstate_name(r.p.state)));
		is = json_object_new_object();
		json_object_object_add(is, tr_tstate_name(r.p.state), json_object_new_boolean(1));
		json_object_object_add(o, "is", is);
		json_object_object_add(o, "amount", tr_money(lang, r.amount, NULL));
		json_object_object_add(o, "actual", tr_money(lang, r.actual, NULL));
		json_object_object_add(o, "progress_pct", json_object_new_double(r.p.progress_pct));
		sl_fmt_percent(text, sizeof(text), lang, r.p.progress_pct, 1);
		json_object_object_add(o, "progress_text", json_object_new_string(text));
		json_object_object_add(o, "bar", json_object_new_int(r.p.progress_pct >= 100 ? 100 :
		    r.p.progress_pct <= 0 ? 0 : (int)r.p.progress_pct));
		json_object_object_add(o, "forecast", r.p.forecast_def ?
		    tr_money(lang, r.p.forecast, NULL) : NULL);
		json_object_array_add(rows, o);
	}
	sl_stmt_done(st);
	if (rc < 0)
		goto dberr;
	if (total == 0 && f.page > 1) {   /* beyond the last page: count alone */
		if ((st = sl_db_stmt(db, tr_sql[TR_TARGETS_COUNT].sql)) == NULL ||
		    sl_stmt_exec(st, tr_sql[TR_TARGETS_COUNT].types, f.t_iso, f.state, f.state, f.t_iso, f.t_iso,
		    f.state, f.t_iso, f.state, f.t_iso, f.customer, f.customer, f.manager,
		    f.manager) != 0)
			goto dberr;
		if ((rc = sl_stmt_fetch(st)) == 1) {
			total = sl_stmt_int(st, 0);
			sl_money_parse_db(sl_stmt_str(st, 1, NULL), &sum_amount);
			sl_money_parse_db(sl_stmt_str(st, 2, NULL), &sum_actual);
		}
		sl_stmt_done(st);
		if (rc < 0)
			goto dberr;
	}
	pages = total > 0 ? (total + PER_PAGE - 1) / PER_PAGE : 1;

	m = json_object_new_object();
	tr_add_date(m, lang, "as_of", f.t);
	o = json_object_new_object();
	json_object_object_add(o, "state", json_object_new_string(f.state));
	json_object_object_add(o, "manager", json_object_new_string(f.manager));
	json_object_object_add(o, "customer", json_object_new_string(f.customer));
	json_object_object_add(o, "sort", json_object_new_string(f.sort->name));
	json_object_object_add(o, "dir", json_object_new_string(f.desc ? "desc" : "asc"));
	json_object_object_add(m, "filter", o);
	if (filter_lists(req, db, &f, m) != 0)
		goto dberr;
	json_object_object_add(m, "columns", columns(req, &f));
	json_object_object_add(m, "rows", rows);
	rows = NULL;
	o = json_object_new_object();
	json_object_object_add(o, "targets", sl_model_count(lang, total));
	json_object_object_add(o, "amount", tr_money(lang, sum_amount, NULL));
	json_object_object_add(o, "actual", tr_money(lang, sum_actual, NULL));
	json_object_object_add(m, "totals", o);
	o = json_object_new_object();
	json_object_object_add(o, "page", json_object_new_int64(f.page));
	json_object_object_add(o, "pages", json_object_new_int64(pages));
	json_object_object_add(o, "total", json_object_new_int64(total));
	sl_fmt_int(text, sizeof(text), lang, total);
	json_object_object_add(o, "total_text", json_object_new_string(text));
	if (f.page > 1)
		href(o, "prev_href", &f, f.sort, f.desc, f.page - 1, "");
	if (f.page < pages)
		href(o, "next_href", &f, f.sort, f.desc, f.page + 1, "");
	json_object_object_add(m, "pager", o);
	href(m, "csv_href", &f, f.sort, f.desc, 1, "targets.csv");
	sl_resp_model(resp, m);
	return 0;
dberr:
	log_err("trade: targets report: %s", sl_db_error(db));
	json_object_put(rows);
	json_object_put(m);
	return -1;
}

/* Ten-thousandths as a 2-decimal amount, rounded half away from zero. */
static void cents(char *buf, size_t len, int64_t v)
{
	int64_t c = v >= 0 ? (v + 50) / 100 : -((-v + 50) / 100);
	int64_t a = c < 0 ? -c : c;

	snprintf(buf, len, "%s%lld.%02lld", c < 0 ? "-" : "", (long long)(a / 100),
	    (long long)(a % 100));
}

/* Three text cells (salient/csv.h) and their commas into line; the length,
 * or (size_t)-1 when they do not fit (host ids, names and managers are
 * bounded far below it). */
static size_t text_cells(char *line, size_t len, const char *const cell[3])
{
	size_t n = 0, k, i;

	for (i = 0; i < 3; i++) {
		if ((k = sl_csv_cell(line + n, len - n, cell[i], SL_CSV_TEXT)) == (size_t)-1 ||
		    n + k + 1 >= len)
			return (size_t)-1;
		n += k;
		line[n++] = ',';
	}
	line[--n] = '\0';
	return n;
}

int tr_targets_csv(struct sl_req *req, struct sl_resp *resp)
{
	static const char head[] = "customer_id,customer,account_manager,period_start,period_end,"
	    "state,amount,actual,progress_pct,forecast\r\n";
	struct sl_db *db = sl_req_db(req);
	struct sl_stmt *st;
	struct filter f;
	struct trow r;
	char line[2048], name[256], a[32], b[32], fc[32], s[16], e[16];
	const char *cell[3];
	size_t n;
	int rc;

	read_filter(req, &f);
	if ((st = run_list(db, &f, (long long)1 << 62, 0)) == NULL) {
		log_err("trade: targets CSV: %s", sl_db_error(db));
		return -1;
	}
	if (sl_resp_download(resp, "text/csv; charset=utf-8", "targets.csv") != 0 ||
	    sl_resp_write(resp, head, sizeof(head) - 1) != 0)
		goto gone;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (read_row(st, f.t, &r) != 0)
			continue;
		row_name(st, name, sizeof(name));
		cell[0] = sl_stmt_str(st, 1, NULL);
		cell[1] = name;
		cell[2] = sl_stmt_str(st, 5, NULL);
		if ((n = text_cells(line, sizeof(line) - 200, cell)) == (size_t)-1) {
			log_err("trade: targets CSV: a row of target %lld does not fit",
			    (long long)sl_stmt_int(st, 0));
			goto gone;
		}
		cents(a, sizeof(a), r.amount);
		cents(b, sizeof(b), r.actual);
		if (r.p.forecast_def)
			cents(fc, sizeof(fc), r.p.forecast);
		else
			fc[0] = '\0';
		n += (size_t)snprintf(line + n, sizeof(line) - n, ",%s,%s,%s,%s,%s,%.1f,%s\r\n",
		    tr_iso(r.start, s, sizeof(s)), tr_iso(r.end, e, sizeof(e)),
		    tr_tstate_name(r.p.state), a, b, r.p.progress_pct, fc);
		if (sl_resp_write(resp, line, n) != 0)
			goto gone;
	}
	sl_stmt_done(st);
	if (rc < 0)
		log_err("trade: targets CSV: %s", sl_db_error(db));
	return rc < 0 ? -1 : 0;
gone:
	sl_stmt_done(st);
	return -1;
}
