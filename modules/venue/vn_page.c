/*
 * vn_page.c - Insights > Sales trajectory (issue 20 item 3):
 *
 *   GET /admin/venue/trajectory?production=P[&event=E][&q=...]   the page
 *   GET /api/v1/venue/trajectory?...                             all of it as JSON
 *   GET /api/v1/venue/trajectory/{chart}?...   one chart: sales, progress, segments
 *   GET /admin/venue/trajectory.csv?...&chart=C                  a chart's table
 *   POST /admin/venue/trajectory/filter     the segment filter, kept per user
 *
 * The other inputs: as_of (default today), segments (a comma list of
 * segment names; default the user's saved filter, none = every booking),
 * compare (production ids to make the curve of instead of the automatic
 * choice).  Figures: vn_series.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "salient/contract.h"
#include "salient/csv.h"
#include "salient/input.h"
#include "salient/text.h"
#include "vn_int.h"

static const char *const measure_names[VN_NMEASURE] = { "revenue", "tickets", "bookers" };
const char *const vn_chart_names[] = { "sales", "progress", "segments", NULL };

static struct json_object *round2(double x)
{
	return json_object_new_double(round(x * 100) / 100);
}

static void date_text(int64_t day, char buf[16])
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m, d);
}

/* The segment filter: the segments input, else the user's saved one. */
static int read_filter(struct sl_req *req, unsigned *filter)
{
	const char *list = sl_req_str(req, "segments", NULL);
	struct json_object *row = NULL;
	char buf[256], *p, *e;
	int seg;

	*filter = 0;
	if (list == NULL && sl_req_user_id(req) > 0) {
		if (sl_db_row(sl_req_db(req), &row, SL_SQL(vn_sql, VN_FILTER_GET),
		    sl_req_user_id(req)) < 0)
			return -1;
		list = row ? json_object_get_string(json_object_object_get(row, "segments")) : NULL;
	}
	snprintf(buf, sizeof(buf), "%s", list ? list : "");
	json_object_put(row);
	for (p = buf; *p != '\0'; p = e) {
		e = p + strcspn(p, ",");
		if (*e == ',')
			*e++ = '\0';
		if (*p == '\0')
			continue;
		if ((seg = vn_segment_by_name(p)) == VN_SEG_NONE)
			return 1;
		*filter |= 1u << seg;
	}
	return 0;
}

static void add_filter(struct sl_req *req, struct json_object *m, unsigned filter)
{
	struct json_object *a = json_object_new_array(), *s;
	int k;

	for (k = 1; k < VN_NSEG; k++) {
		s = json_object_new_object();
		json_object_object_add(s, "value", json_object_new_string(vn_segment_names[k]));
		json_object_object_add(s, "label", json_object_new_string(sl_req_text_of(req,
		    "venue.seg.", vn_segment_names[k])));
		json_object_object_add(s, "checked", json_object_new_boolean((filter >> k) & 1));
		json_object_array_add(a, s);
	}
	sl_model_put(m, "filter", a);
	sl_model_put(m, "filtered", json_object_new_boolean(filter != 0));
}

/* c(d) of measure k on day index i. */
static double curve(const struct vn_view *v, int k, size_t i)
{
	return vn_curve_at(&v->curve[k], (long)(v->first - (v->on_sale + (int64_t)i)));
}

/* The index of today in the days (ndays when after the last). */
static size_t today_index(const struct vn_view *v)
{
	int64_t d = v->today - v->on_sale;

	return d < 0 ? 0 : (size_t)d >= v->ndays ? v->ndays - 1 : (size_t)d;
}

/* Chart 1: per measure actual, trajectory and forecast by day, and the summary. */
static struct json_object *chart_sales(const struct vn_view *v)
{
	struct json_object *c = json_object_new_object(), *days = json_object_new_array();
	size_t i, t = today_index(v);
	int k;
	char d[16];

	for (i = 0; i < v->ndays; i++) {
		struct json_object *row = json_object_new_object();

		date_text(v->on_sale + (int64_t)i, d);
		json_object_object_add(row, "date", json_object_new_string(d));
		for (k = 0; k < VN_NMEASURE; k++) {
			struct json_object *x = json_object_new_object();
			double ct = curve(v, k, t), f = vn_forecast(v->actual[k][t], ct);

			json_object_object_add(x, "actual", v->on_sale + (int64_t)i <= v->today ?
			    round2(v->actual[k][i]) : NULL);
			json_object_object_add(x, "trajectory", v->has_target[k] ?
			    round2(v->target[k] * curve(v, k, i)) : NULL);
			json_object_object_add(x, "forecast", i >= t && f >= 0 ?
			    round2(f * curve(v, k, i)) : NULL);
			json_object_object_add(row, measure_names[k], x);
		}
		json_object_array_add(days, row);
	}
	json_object_object_add(c, "days", days);
	return c;
}

/* The summary per measure as of today. */
static struct json_object *summary(const struct vn_view *v)
{
	struct json_object *s = json_object_new_object();
	size_t t = today_index(v);
	int k;

	for (k = 0; k < VN_NMEASURE; k++) {
		struct json_object *x = json_object_new_object();
		double ct = curve(v, k, t), tr = v->target[k] * ct, f = vn_forecast(v->actual[k][t], ct);

		json_object_object_add(x, "target", v->has_target[k] ? round2(v->target[k]) : NULL);
		json_object_object_add(x, "actual", round2(v->actual[k][t]));
		json_object_object_add(x, "curve", json_object_new_double(round(ct * 1e6) / 1e6));
		json_object_object_add(x, "trajectory", v->has_target[k] ? round2(tr) : NULL);
		json_object_object_add(x, "progress", v->has_target[k] && tr > 0 ?
		    round2(100 * v->actual[k][t] / tr) : NULL);
		json_object_object_add(x, "forecast", f >= 0 ? round2(f) : NULL);
		json_object_object_add(s, measure_names[k], x);
	}
	return s;
}

/* Chart 2: the three measures as % of their trajectory, up to today. */
static struct json_object *chart_progress(const struct vn_view *v)
{
	struct json_object *c = json_object_new_object(), *days = json_object_new_array();
	size_t i, t = today_index(v);
	int k;
	char d[16];

	for (i = 0; i <= t && i < v->ndays; i++) {
		struct json_object *row = json_object_new_object();

		date_text(v->on_sale + (int64_t)i, d);
		json_object_object_add(row, "date", json_object_new_string(d));
		for (k = 0; k < VN_NMEASURE; k++) {
			double tr = v->target[k] * curve(v, k, i);

			json_object_object_add(row, measure_names[k], v->has_target[k] && tr > 0 ?
			    round2(100 * v->actual[k][i] / tr) : NULL);
		}
		json_object_array_add(days, row);
	}
	json_object_object_add(c, "days", days);
	return c;
}

/* Chart 3: bookers by segment against the segments' targets. */
static struct json_object *chart_segments(struct sl_req *req, const struct vn_view *v)
{
	struct json_object *c = json_object_new_object(), *rows = json_object_new_array();
	int k;

	for (k = 1; k < VN_NSEG; k++) {
		struct json_object *r;

		if (v->filter != 0 && !((v->filter >> k) & 1))
			continue;
		r = json_object_new_object();
		json_object_object_add(r, "segment", json_object_new_string(vn_segment_names[k]));
		json_object_object_add(r, "label", json_object_new_string(sl_req_text_of(req,
		    "venue.seg.", vn_segment_names[k])));
		json_object_object_add(r, "bookers", json_object_new_int64(v->seg_bookers[k]));
		json_object_object_add(r, "target", v->has_seg_target[k] ?
		    round2(v->seg_target[k]) : NULL);
		json_object_object_add(r, "progress", v->has_seg_target[k] && v->seg_target[k] > 0 ?
		    round2(100 * (double)v->seg_bookers[k] / v->seg_target[k]) : NULL);
		json_object_array_add(rows, r);
	}
	json_object_object_add(c, "rows", rows);
	return c;
}

/* The production of the request (production, else the event's): 1, 0 none, -1. */
static int production_of(struct sl_req *req, long long *prod)
{
	struct json_object *row = NULL;
	long long ev = (long long)sl_req_uint(req, "event", 0);
	int found;

	*prod = (long long)sl_req_uint(req, "production", 0);
	if (*prod != 0 || ev == 0)
		return *prod != 0;
	if ((found = sl_db_row(sl_req_db(req), &row, SL_SQL(vn_sql, VN_EVENT_PROD), ev)) <= 0)
		return found;
	*prod = json_object_get_int64(json_object_object_get(row, "production_id"));
	json_object_put(row);
	return *prod != 0;
}

static int64_t today_of(struct sl_req *req)
{
	const char *as_of = sl_req_date(req, "as_of");
	int64_t d;
	time_t now = time(NULL);

	if (as_of != NULL && dc_parse_date(as_of, &d) == 0)
		return d;
	return (int64_t)(now / 86400);
}

/*
 * The view of the request into *out (calloc'd: vn_view_free() and free()),
 * with m filled (production, events, filter, targets); 1, 0 when no
 * production was asked for, 2 when the answer is set (404, 422), -1 on
 * failure.
 */
int vn_view_of(struct sl_req *req, struct sl_resp *resp, struct json_object *m,
    struct vn_view **out)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *targets = NULL;
	const unsigned long long *picked;
	size_t npicked = sl_req_ids(req, "compare", &picked);
	struct vn_view *v;
	long long prod;
	int rc;

	*out = NULL;
	if ((rc = read_filter(req, &(unsigned){ 0 })) != 0) {
		if (rc > 0)
			sl_resp_fail(req, resp, 422, "enum", "venue.err.segment", "column", "segments",
			    NULL);
		return rc > 0 ? 2 : -1;
	}
	if ((rc = production_of(req, &prod)) <= 0)
		return rc;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return -1;
	v->prod = prod;
	v->ev = (long long)sl_req_uint(req, "event", 0);
	v->today = today_of(req);
	read_filter(req, &v->filter);
	add_filter(req, m, v->filter);
	if ((rc = vn_production_model(db, prod, m)) <= 0) {
		free(v);
		if (rc == 0)
			sl_resp_fail(req, resp, 404, "not_found", "venue.err.no_production", NULL);
		return rc == 0 ? 2 : rc;
	}
	if ((targets = sl_db_rows(db, SL_SQL(vn_sql, VN_TARGETS_GET), prod, v->ev)) == NULL ||
	    vn_view_compute(db, v, targets, picked, npicked) != 0) {
		json_object_put(targets);
		vn_view_free(v);
		free(v);
		return -1;
	}
	json_object_put(targets);
	*out = v;
	return 1;
}

void vn_add_view(struct sl_req *req, struct json_object *m, const struct vn_view *v,
    int chart)
{
	char d[16];

	sl_model_put(m, "event_id", json_object_new_int64(v->ev));
	date_text(v->today, d);
	sl_model_put(m, "as_of", json_object_new_string(d));
	date_text(v->on_sale, d);
	sl_model_put(m, "on_sale", json_object_new_string(d));
	date_text(v->first, d);
	sl_model_put(m, "first_performance", json_object_new_string(d));
	date_text(v->last, d);
	sl_model_put(m, "last_performance", json_object_new_string(d));
	sl_model_put(m, "summary", summary(v));
	sl_model_put(m, "curve_source", json_object_new_string(v->source));
	sl_model_put(m, "curve_source_text", json_object_new_string(sl_req_text_of(req,
	    "venue.source.", v->source)));
	sl_model_put(m, "compared", json_object_get(v->compared));
	if (chart < 0 || chart == 0)
		sl_model_put(m, "sales", chart_sales(v));
	if (chart < 0 || chart == 1)
		sl_model_put(m, "progress", chart_progress(v));
	if (chart < 0 || chart == 2)
		sl_model_put(m, "segments", chart_segments(req, v));
}

int vn_page(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = json_object_new_object(), *found;
	const char *q = sl_req_str(req, "q", NULL);
	struct vn_view *v = NULL;
	int rc;

	if (q != NULL || !sl_req_has(req, "production")) {
		if ((found = sl_db_rows(sl_req_db(req), SL_SQL(vn_sql, VN_SEARCH), q ? q : "",
		    q ? q : "")) == NULL)
			goto fail;
		sl_model_put(m, "any_found", json_object_new_boolean(json_object_array_length(found) > 0));
		sl_model_put(m, "found", found);
		sl_model_put(m, "q", json_object_new_string(q ? q : ""));
	}
	if ((rc = vn_view_of(req, resp, m, &v)) < 0)
		goto fail;
	if (rc == 2) {
		json_object_put(m);
		return 0;
	}
	if (v != NULL) {
		vn_add_view(req, m, v, sl_req_enum(req, "chart", -1));
		if (vn_comments_model(req, m, v->prod, v->ev) != 0) {
			vn_view_free(v);
			free(v);
			goto fail;
		}
		vn_view_free(v);
		free(v);
	}
	sl_resp_model(resp, m);
	return 0;
fail:
	json_object_put(m);
	return -1;
}
