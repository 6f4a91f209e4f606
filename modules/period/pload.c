/*
 * pload.c - a report's parameters from the request (the scopes named, the
 * range from a preset or from/to, the step, the dip threshold), the lines
 * of each scope read in one streamed pass (salient/db.h's cursor) and
 * computed (pcalc.h), and the customers' names for what is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "period_int.h"
#include "salient/contract.h"
#include "salient/db.h"
#include "salient/input.h"
#include "salient/log.h"
#include "salient/metrics.h"
#include "salient/salient.h"
#include "salient/settings.h"
#include "salient/text.h"

const char *const pv_steps[] = { "month", "week", NULL };
const char *const pv_presets[] = { "this_year", "last_12", "last_24", NULL };
const char *const pv_sorts[] = { "revenue", "purchases", "last", "next", "customer", NULL };

char *pv_day_text(int32_t day, char *buf, size_t len)
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y % 10000, m, d);
	return buf;
}

char *pv_money_text(int64_t v, char *buf, size_t len)
{
	if (sl_money_text(v, buf, len) == 0)
		snprintf(buf, len, "0");
	return buf;
}

/* Today in the process's time zone (the site's), as a day number. */
static int32_t today_day(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return (int32_t)dc_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int fail_field(struct sl_req *req, struct sl_resp *resp, int status, const char *field,
    const char *code, const char *key, const char *value)
{
	char msg[SL_TEXT_MAX], max[16];

	snprintf(max, sizeof(max), "%d", PV_MAX_SCOPES);
	sl_req_textf(req, msg, sizeof(msg), key, "field", field, "value", value ? value : "",
	    "max", max, (const char *)NULL);
	sl_resp_error_field(resp, status, field, code, "%s", msg);
	return 1;
}

/* The range from the preset (default last_12) or from/to. */
static int read_range(struct sl_req *req, struct sl_resp *resp, struct pv_params *p)
{
	const char *from = sl_req_date(req, "from"), *to = sl_req_date(req, "to");
	int preset = sl_req_enum(req, "preset", -1), y, m, d;
	int64_t v;

	p->to = p->today;
	if (to != NULL && dc_parse_date(to, &v) == 0)
		p->to = (int32_t)v;
	if (from != NULL && dc_parse_date(from, &v) == 0) {
		p->from = (int32_t)v;
	} else {
		if (preset < 0)
			preset = 1;   /* last_12 */
		p->preset = pv_presets[preset];
		dc_civil_from_days(p->to, &y, &m, &d);
		/* whole months: last_12 of 2026-12-07 starts 2026-01-01 */
		p->from = preset == 0 ? (int32_t)dc_days_from_civil(y, 1, 1) :
		    (int32_t)cl_months_before(dc_days_from_civil(y, m, 1), preset == 1 ? 11 : 23);
	}
	if (p->from > p->to)
		return fail_field(req, resp, 400, "from", "range", "period.err.from_after_to", from);
	if (p->to - p->from >= PC_MAX_DAYS)
		return fail_field(req, resp, 400, "from", "range", "period.err.range_long", from);
	return 0;
}

static int add_scope(struct sl_db *db, struct pv_params *p, int is_product,
    unsigned long long id, const char *host)
{
	struct json_object *row = NULL;
	struct pv_scope *s = &p->scopes[p->nscopes];
	int found;

	found = is_product ? sl_db_row(db, &row, SL_SQL(pv_sql, PV_SQL_PRODUCT), host) :
	    sl_db_row(db, &row, SL_SQL(pv_sql, PV_SQL_CATEGORY), (long long)id);
	if (found <= 0)
		return found < 0 ? -1 : 0;
	memset(s, 0, sizeof(*s));
	s->is_product = is_product;
	s->id = (unsigned long long)json_object_get_int64(json_object_object_get(row, "id"));
	snprintf(s->host_id, sizeof(s->host_id), "%s",
	    json_object_get_string(json_object_object_get(row, "host_id")));
	snprintf(s->name, sizeof(s->name), "%s",
	    json_object_get_string(json_object_object_get(row, "name")));
	json_object_put(row);
	p->nscopes++;
	return 1;
}

int pv_params(struct sl_req *req, struct sl_resp *resp, struct pv_params *p)
{
	struct sl_db *db = sl_req_db(req);
	const unsigned long long *ids;
	const char *product = sl_req_str(req, "product", NULL);
	char idtext[24];
	size_t nids = sl_req_ids(req, "category", &ids), i;
	int rc;

	memset(p, 0, sizeof(*p));
	p->today = today_day();
	p->step = (enum pc_step)sl_req_enum(req, "step", PC_MONTH);
	p->sort = sl_req_enum(req, "sort", 0);
	p->dip = (int)sl_req_uint(req, "dip", 0);
	if (db == NULL)
		return -1;
	if (p->dip == 0)
		p->dip = (int)sl_setting_int(db, "period_dip_pct");
	if (p->dip < 1 || p->dip > 99)
		p->dip = 20;
	if ((rc = read_range(req, resp, p)) != 0)
		return rc;
	if (product != NULL && product[0] == '\0')
		product = NULL;
	if (nids + (product != NULL) > PV_MAX_SCOPES)
		return fail_field(req, resp, 400, "category", "many", "period.err.many", NULL);
	for (i = 0; i < nids; i++) {
		if ((rc = add_scope(db, p, 0, ids[i], NULL)) < 0)
			return -1;
		snprintf(idtext, sizeof(idtext), "%llu", ids[i]);
		if (rc == 0)
			return fail_field(req, resp, 404, "category", "not_found",
			    "period.err.no_category", idtext);
	}
	if (product != NULL) {
		if ((rc = add_scope(db, p, 1, 0, product)) < 0)
			return -1;
		if (rc == 0)
			return fail_field(req, resp, 404, "product", "not_found",
			    "period.err.no_product", product);
	}
	return p->nscopes == 0 ? 2 : 0;
}

/* The lines of one scope in lo..hi, computed into s->r. */
static int compute_scope(struct sl_db *db, const struct pv_params *p, struct pv_scope *s)
{
	struct sl_cursor *c;
	struct pc_line *lines = NULL, *nl;
	size_t n = 0, cap = 0;
	unsigned cust, order;
	long long day, qty, value;
	char lo_t[16], hi_t[16];
	int32_t lo, hi;
	int rc;

	if (pc_window(p->from, p->to, p->step, &lo, &hi) != 0)
		return -1;
	pv_day_text(lo, lo_t, sizeof(lo_t));
	pv_day_text(hi, hi_t, sizeof(hi_t));
	c = s->is_product ? sl_cursor_open(db, SL_SQL(pv_sql, PV_SQL_LINES_PRODUCT),
	    (long long)s->id, lo_t, hi_t) : sl_cursor_open(db, SL_SQL(pv_sql,
	    PV_SQL_LINES_CATEGORY), (long long)s->id, lo_t, hi_t);
	if (c == NULL) {
		log_err("period: lines of scope %llu: %s", s->id, sl_db_error(db));
		return -1;
	}
	if (sl_cursor_bind(c, "nnDii", &cust, &order, &day, &qty, &value) != 0)
		goto fail;
	while ((rc = sl_cursor_fetch(c)) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if ((nl = realloc(lines, cap * sizeof(*nl))) == NULL)
				goto fail;
			lines = nl;
		}
		lines[n].customer = cust;
		lines[n].order = order;
		lines[n].day = (int32_t)day;
		lines[n].units = qty;
		lines[n].value = value;
		n++;
	}
	if (rc < 0)
		goto fail;
	sl_cursor_close(c);
	rc = pc_compute(lines, n, p->from, p->to, p->step, p->dip, p->today, &s->r);
	free(lines);
	if (rc != 0)
		log_err("period: computing scope %llu failed (out of memory)", s->id);
	return rc;
fail:
	log_err("period: lines of scope %llu: %s", s->id, sl_cursor_error(c));
	sl_cursor_close(c);
	free(lines);
	return -1;
}

int pv_compute(struct sl_db *db, struct pv_params *p)
{
	size_t i;

	for (i = 0; i < p->nscopes; i++)
		if (compute_scope(db, p, &p->scopes[i]) != 0)
			return -1;
	return 0;
}

int pv_load(struct sl_req *req, struct sl_resp *resp, struct pv_params *p)
{
	int rc = pv_params(req, resp, p);

	if (rc == 2) {
		sl_resp_fail(req, resp, 400, "required", "period.err.no_scope", (const char *)NULL);
		return 1;
	}
	if (rc == 0 && pv_compute(sl_req_db(req), p) != 0) {
		pv_params_free(p);
		return -1;
	}
	return rc;
}

void pv_params_free(struct pv_params *p)
{
	size_t i;

	for (i = 0; i < p->nscopes; i++)
		pc_result_free(&p->scopes[i].r);
	p->nscopes = 0;
}

/* Descending figures first (the biggest client on top); ties by customer. */
static int client_cmp(const void *a, const void *b, void *arg)
{
	int sort_key = *(const int *)arg;
	const struct pc_client *x = *(const struct pc_client *const *)a;
	const struct pc_client *y = *(const struct pc_client *const *)b;
	long long d = 0;

	switch (sort_key) {
	case 0: d = (long long)(y->revenue > x->revenue) - (y->revenue < x->revenue); break;
	case 1: d = (long long)(y->purchases > x->purchases) - (y->purchases < x->purchases); break;
	case 2: d = (long long)y->last - x->last; break;
	case 3: d = (long long)(x->has_gap ? x->next : INT32_MAX) - (y->has_gap ? y->next : INT32_MAX);
		break;
	default: break;
	}
	if (d != 0)
		return d < 0 ? -1 : 1;
	return x->customer < y->customer ? -1 : x->customer > y->customer;
}

const struct pc_client **pv_sorted_clients(const struct pv_params *p, size_t *n)
{
	const struct pc_result *r = &p->scopes[0].r;
	const struct pc_client **v;
	size_t i;

	*n = r->nclients;
	if ((v = malloc((r->nclients ? r->nclients : 1) * sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < r->nclients; i++)
		v[i] = &r->clients[i];
	qsort_r(v, r->nclients, sizeof(*v), client_cmp, (void *)&p->sort);
	return v;
}

struct json_object *pv_names(struct sl_db *db, const uint32_t *ids, size_t n)
{
	struct json_object *arr = json_object_new_array(), *rows, *out, *row;
	char key[16];
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_int64(ids[i]));
	rows = sl_db_rows(db, SL_SQL(pv_sql, PV_SQL_NAMES), json_object_to_json_string(arr));
	json_object_put(arr);
	if (rows == NULL)
		return NULL;
	out = json_object_new_object();
	for (i = 0; i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		snprintf(key, sizeof(key), "%lld",
		    (long long)json_object_get_int64(json_object_object_get(row, "id")));
		json_object_object_add(out, key, json_object_get(row));
	}
	json_object_put(rows);
	return out;
}
