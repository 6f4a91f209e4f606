/*
 * vn_series.c - the figures of the sales trajectory (DESIGN.md section 5):
 * actual(d) cumulative from the production's paid bookings, the curve
 * c(d) from comparable finished productions (the same genre when there are
 * at least 3, else every finished one, else linear from on-sale to the
 * first performance; or the ones the user picked), aligned on days before
 * the first performance and averaged (vn_calc.c), and the targets, scaled
 * to the segment filter.
 *
 * Bookers are distinct customers, each counted on the day of their first
 * booking of the production (or event) and in that booking's segment; the
 * filter keeps the bookings of its segments.  Under a filter the bookers
 * target is the sum of the chosen segments' targets (a share is a
 * percentage of the bookers target), and the revenue and tickets targets
 * are scaled by the same fraction of the bookers target; without segment
 * targets the totals stay as they are.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "vn_int.h"

static double num(struct json_object *o, const char *key, int *has)
{
	struct json_object *v = json_object_object_get(o, key);

	*has = v != NULL;
	return v != NULL ? json_object_get_double(v) : 0;
}

static int64_t day_of(struct json_object *o, const char *key, int64_t dflt)
{
	struct json_object *v = json_object_object_get(o, key);
	int64_t d;

	if (v == NULL || dc_parse_date(json_object_get_string(v), &d) != 0)
		return dflt;
	return d;
}

/* The targets of the rows into v, scaled to the filter. */
static void read_targets(struct vn_view *v, struct json_object *rows)
{
	size_t i, n = json_object_array_length(rows);
	int has, hs, k, any = 0;
	double sum = 0;

	for (i = 0; i < n; i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);
		int seg = vn_segment_by_name(json_object_get_string(json_object_object_get(r,
		    "segment")));

		if (seg == VN_SEG_NONE) {
			v->target[VN_REVENUE] = num(r, "revenue", &v->has_target[VN_REVENUE]);
			v->target[VN_TICKETS] = num(r, "tickets", &v->has_target[VN_TICKETS]);
			v->target[VN_BOOKERS] = num(r, "bookers", &v->has_target[VN_BOOKERS]);
			v->on_sale = day_of(r, "on_sale", v->on_sale);
			continue;
		}
		v->seg_target[seg] = num(r, "bookers", &has);
		if (!has) {
			double share = num(r, "share", &hs);

			v->seg_target[seg] = share * v->target[VN_BOOKERS] / 100;
			has = hs;
		}
		v->has_seg_target[seg] = has;
	}
	/* shares are of the bookers target, read after it */
	for (i = 0; i < n; i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);
		int seg = vn_segment_by_name(json_object_get_string(json_object_object_get(r,
		    "segment")));
		double share = num(r, "share", &hs);

		if (seg != VN_SEG_NONE && hs)
			v->seg_target[seg] = share * v->target[VN_BOOKERS] / 100;
	}
	v->scale = 1;
	if (v->filter == 0)
		return;
	for (k = 1; k < VN_NSEG; k++)
		if (v->filter & (1u << k) && v->has_seg_target[k]) {
			sum += v->seg_target[k];
			any = 1;
		}
	if (!any)
		return;
	v->scale = v->has_target[VN_BOOKERS] && v->target[VN_BOOKERS] > 0 ?
	    sum / v->target[VN_BOOKERS] : 1;
	v->target[VN_REVENUE] *= v->scale;
	v->target[VN_TICKETS] *= v->scale;
	v->target[VN_BOOKERS] = sum;
	v->has_target[VN_BOOKERS] = 1;
}

/* The production's bookings into the cumulative days and segments. */
static int read_sales(struct sl_db *db, struct vn_view *v, const char *today)
{
	double (*daily)[VN_MAXDAYS];
	struct sl_cursor *c;
	unsigned cust = 0, prev = 0;
	long long day = 0, seg = 0, qty = 0, value = 0;
	int f, first = 1;
	size_t i, m;

	if ((daily = calloc(VN_NMEASURE, sizeof(*daily))) == NULL)
		return -1;
	if ((c = sl_cursor_open(db, SL_SQL(vn_sql, VN_SALES), v->prod, v->ev, v->ev, today)) ==
	    NULL || sl_cursor_bind(c, "nDiii", &cust, &day, &seg, &qty, &value) != 0) {
		sl_cursor_close(c);
		free(daily);
		return -1;
	}
	while ((f = sl_cursor_fetch(c)) == 1) {
		long long d = day - v->on_sale;
		int newb;

		if (v->filter != 0 && !(seg > 0 && seg < VN_NSEG && (v->filter & (1u << seg))))
			continue;
		newb = first || cust != prev;
		first = 0;
		prev = cust;
		if (newb && seg >= 0 && seg < VN_NSEG)
			v->seg_bookers[seg]++;
		if (d < 0)
			d = 0;	/* sold before the on-sale date: counted on it */
		if ((size_t)d >= v->ndays)
			continue;
		daily[VN_REVENUE][d] += (double)value / 10000;
		daily[VN_TICKETS][d] += (double)qty;
		daily[VN_BOOKERS][d] += newb;
	}
	sl_cursor_close(c);
	for (m = 0; f == 0 && m < VN_NMEASURE; m++) {
		double cum = 0;

		for (i = 0; i < v->ndays; i++) {
			cum += daily[m][i];
			v->actual[m][i] = cum;
		}
	}
	free(daily);
	return f < 0 ? -1 : 0;
}

/* The scratch of add_curves(): one production's days and curve. */
#define VN_CURVE_ROWS (VN_MAXDAYS * 4)
struct scratch {
	long off[VN_CURVE_ROWS];
	double amt[VN_NMEASURE][VN_CURVE_ROWS];
	struct vn_curve one;
};

/* The curves of one finished production, added to sum[]; 1, 0 no sales, -1. */
static int add_curves(struct sl_db *db, long long id, int64_t first, struct vn_curve *sum,
    struct scratch *sc)
{
	long *off = sc->off;
	double (*amt)[VN_CURVE_ROWS] = sc->amt;
	struct vn_curve *one = &sc->one;
	struct sl_cursor *c;
	long long day = 0, tix = 0, bk = 0;
	double rev = 0;
	size_t n = 0, i, m;
	int f;

	if ((c = sl_cursor_open(db, SL_SQL(vn_sql, VN_CURVE_DAYS), id)) == NULL)
		return -1;
	if (sl_cursor_bind(c, "Ddii", &day, &rev, &tix, &bk) != 0) {
		sl_cursor_close(c);
		return -1;
	}
	while ((f = sl_cursor_fetch(c)) == 1 && n < VN_CURVE_ROWS) {
		off[n] = (long)(first - day);
		amt[VN_REVENUE][n] = rev;
		amt[VN_TICKETS][n] = (double)tix;
		amt[VN_BOOKERS][n++] = (double)bk;
	}
	sl_cursor_close(c);
	if (f < 0)
		return -1;
	for (m = 0; m < VN_NMEASURE; m++)
		if (vn_curve_of(off, amt[m], n, one) != 0)
			return 0;
	for (m = 0; m < VN_NMEASURE; m++) {
		vn_curve_of(off, amt[m], n, one);
		for (i = 0; i < VN_SPAN; i++)
			sum[m].v[i] += one->v[i];
	}
	return 1;
}

static int picked_has(const unsigned long long *p, size_t n, long long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((long long)p[i] == id)
			return 1;
	return 0;
}

/* The curves: the mean over the comparable productions, else linear. */
static int make_curves(struct sl_db *db, struct vn_view *v, const char *genre,
    const unsigned long long *picked, size_t npicked, const char *today)
{
	struct json_object *fin, *r;
	struct scratch *sc;
	size_t i, n, same = 0, used = 0, m, k;
	int rc;

	if ((fin = sl_db_rows(db, SL_SQL(vn_sql, VN_FINISHED), v->prod, today)) == NULL)
		return -1;
	if ((sc = malloc(sizeof(*sc))) == NULL) {
		json_object_put(fin);
		return -1;
	}
	n = json_object_array_length(fin);
	for (i = 0; i < n && genre != NULL; i++) {
		const char *g = json_object_get_string(json_object_object_get(
		    json_object_array_get_idx(fin, i), "genre"));

		same += g != NULL && strcmp(g, genre) == 0;
	}
	v->source = npicked > 0 ? "picked" : same >= 3 ? "genre" : n > 0 ? "all" : "linear";
	memset(v->curve, 0, sizeof(v->curve));
	v->compared = json_object_new_array();
	for (i = 0; i < n; i++) {
		const char *g;

		r = json_object_array_get_idx(fin, i);
		g = json_object_get_string(json_object_object_get(r, "genre"));
		if (npicked > 0 ? !picked_has(picked, npicked, json_object_get_int64(
		    json_object_object_get(r, "id"))) : same >= 3 && (g == NULL ||
		    strcmp(g, genre) != 0))
			continue;
		rc = add_curves(db, json_object_get_int64(json_object_object_get(r, "id")),
		    day_of(r, "first", 0), v->curve, sc);
		if (rc < 0) {
			json_object_put(fin);
			free(sc);
			return -1;
		}
		if (rc == 1) {
			json_object_object_del(r, "first");
			json_object_object_del(r, "last");
			json_object_array_add(v->compared, json_object_get(r));
			used++;
		}
	}
	json_object_put(fin);
	free(sc);
	if (used == 0) {
		v->source = "linear";
		for (m = 0; m < VN_NMEASURE; m++)
			vn_curve_linear((long)(v->first - v->on_sale), &v->curve[m]);
		return 0;
	}
	for (m = 0; m < VN_NMEASURE; m++)
		for (k = 0; k < VN_SPAN; k++)
			v->curve[m].v[k] /= (double)used;
	return 0;
}

int vn_view_compute(struct sl_db *db, struct vn_view *v, struct json_object *targets,
    const unsigned long long *picked, size_t npicked)
{
	struct json_object *span = NULL, *prod = NULL, *first = NULL;
	char today[16];
	const char *genre;
	int y, mo, d, rc = -1;

	dc_civil_from_days(v->today, &y, &mo, &d);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", y, mo, d);
	if (sl_db_row(db, &span, SL_SQL(vn_sql, VN_PROD_SPAN), v->prod, v->ev, v->ev) < 0 ||
	    sl_db_row(db, &prod, SL_SQL(vn_sql, VN_PROD_GET), v->prod) < 0 ||
	    sl_db_row(db, &first, SL_SQL(vn_sql, VN_FIRST_SALE), v->prod, v->ev, v->ev) < 0)
		goto out;
	v->first = day_of(span, "first", v->today);
	v->last = day_of(span, "last", v->first);
	v->on_sale = day_of(first, "first", v->first);
	read_targets(v, targets);
	if (v->on_sale > v->first)
		v->on_sale = v->first;
	v->ndays = (size_t)(v->last - v->on_sale + 1);
	if (v->ndays > VN_MAXDAYS)
		v->ndays = VN_MAXDAYS;
	genre = json_object_get_string(json_object_object_get(prod, "genre"));
	if (read_sales(db, v, today) != 0 ||
	    make_curves(db, v, genre, picked, npicked, today) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(span);
	json_object_put(prod);
	json_object_put(first);
	return rc;
}

void vn_view_free(struct vn_view *v)
{
	json_object_put(v->compared);
	v->compared = NULL;
}
