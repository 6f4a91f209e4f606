/*
 * vn_calc.c - behavioural segments of bookings and the trajectory curve
 * (vn_calc.h).  Pure.
 */
#include <string.h>

#include "salient/contract.h"
#include "vn_calc.h"

const char *const vn_segment_names[VN_NSEG] = {
	"", "not_customer", "first_timer", "convertee", "active", "super_active", "stale",
	"lapsed",
};

const char *const vn_segment_choices[VN_NSEG] = {
	"not_customer", "first_timer", "convertee", "active", "super_active", "stale", "lapsed",
	NULL,
};

int vn_segment_by_name(const char *name)
{
	int i;

	for (i = 1; name != NULL && i < VN_NSEG; i++)
		if (strcmp(vn_segment_names[i], name) == 0)
			return i;
	return VN_SEG_NONE;
}

static int month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int64_t vn_months_before(int64_t day, int months)
{
	int y, m, d, total;

	dc_civil_from_days(day, &y, &m, &d);
	total = y * 12 + (m - 1) - months;
	y = total >= 0 ? total / 12 : (total - 11) / 12;
	m = total - y * 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return dc_days_from_civil(y, m, d);
}

enum vn_segment vn_segment_of(long nevents, int64_t last_day, int64_t booking_day,
    const struct vn_windows *w)
{
	if (nevents <= 0)
		return VN_NOT_CUSTOMER;
	if (last_day < vn_months_before(booking_day, w->lapsed_months))
		return VN_LAPSED;
	if (last_day <= vn_months_before(booking_day, w->stale_months))
		return VN_STALE;
	if (nevents == 1)
		return VN_FIRST_TIMER;
	if (nevents == 2)
		return VN_CONVERTEE;
	return nevents > w->super_above ? VN_SUPER_ACTIVE : VN_ACTIVE;
}

/* The UTC date of a time in seconds. */
static int64_t utc_day(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

void vn_segment_bookings(const int64_t *starts, size_t nstarts, const struct vn_booking *b,
    size_t nb, const struct vn_windows *w, uint8_t *seg, uint32_t *nbefore)
{
	size_t i, k = 0;

	for (i = 0; i < nb; i++) {
		while (k < nstarts && starts[k] < b[i].at)
			k++;
		seg[i] = (uint8_t)vn_segment_of((long)k, k > 0 ? utc_day(starts[k - 1]) : 0,
		    b[i].day, w);
		if (nbefore != NULL)
			nbefore[i] = (uint32_t)k;
	}
}

double vn_curve_at(const struct vn_curve *c, long t)
{
	if (t > VN_LEAD_MAX)
		t = VN_LEAD_MAX;
	if (t < -VN_RUN_MAX)
		t = -VN_RUN_MAX;
	return c->v[VN_LEAD_MAX - t];
}

static long clamp_off(long t)
{
	return t > VN_LEAD_MAX ? VN_LEAD_MAX : t < -VN_RUN_MAX ? -VN_RUN_MAX : t;
}

int vn_curve_of(const long *off, const double *amount, size_t n, struct vn_curve *out)
{
	double daily[VN_SPAN], total = 0, cum = 0;
	size_t k, i;

	memset(daily, 0, sizeof(daily));
	for (k = 0; k < n; k++) {
		daily[VN_LEAD_MAX - clamp_off(off[k])] += amount[k];
		total += amount[k];
	}
	if (!(total > 0))
		return -1;
	for (i = 0; i < VN_SPAN; i++) {
		cum += daily[i];
		out->v[i] = cum >= total ? 1.0 : cum / total;
	}
	return 0;
}

int vn_curve_mean(const struct vn_curve *curves, size_t n, struct vn_curve *out)
{
	size_t i, k;
	double s;

	if (n == 0)
		return -1;
	for (i = 0; i < VN_SPAN; i++) {
		for (s = 0, k = 0; k < n; k++)
			s += curves[k].v[i];
		out->v[i] = s / (double)n;
	}
	return 0;
}

void vn_curve_linear(long lead, struct vn_curve *out)
{
	long t;

	lead = clamp_off(lead);
	for (t = VN_LEAD_MAX; t >= -VN_RUN_MAX; t--)
		out->v[VN_LEAD_MAX - t] = t <= 0 ? 1.0 : t >= lead ? 0.0 :
		    (double)(lead - t) / (double)lead;
}

double vn_forecast(double actual, double c)
{
	return c > 0 ? actual / c : -1;
}
