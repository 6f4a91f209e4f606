/*
 * tr_target.c - target progress and forecast around the period's edges
 * (tr_target.h).  Pure computation.
 */
#include <stdint.h>

#include "salient/contract.h"
#include "salient/metrics.h"
#include "tr_target.h"

int tr_target_window(int64_t start, int64_t end, int64_t t, int64_t *from, int64_t *to)
{
	*from = start;
	if (t < start) {
		*to = start - 1;
		return 0;
	}
	*to = t < end ? t : end;
	return 1;
}

/* a x b / c rounded half away from zero; -1 on overflow (c > 0). */
static int muldiv_round(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128 n = (__int128)a * b, q, r;
	int neg = n < 0;

	if (neg)
		n = -n;
	q = n / c;
	r = n % c;
	if (2 * r >= c)
		q++;
	if (q > INT64_MAX)
		return -1;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return 0;
}

int tr_target_progress(int64_t start, int64_t end, int64_t amount, int64_t actual, int64_t t,
    struct tr_progress *out)
{
	if (end < start || amount <= 0)
		return -1;
	out->period_days = end - start + 1;
	out->actual = actual;
	out->amount = amount;
	out->progress_pct = 100.0 * (double)actual / (double)amount;
	out->remaining = actual < amount ? amount - actual : 0;
	out->forecast_def = 0;
	out->forecast = 0;
	if (t < start) {
		out->state = TR_UPCOMING;
		out->elapsed_days = 0;
		return 0;
	}
	if (t > end) {
		out->state = TR_ENDED;
		out->elapsed_days = out->period_days;
	} else {
		out->state = TR_RUNNING;
		out->elapsed_days = t - start + 1;
	}
	if (muldiv_round(actual, out->period_days, out->elapsed_days, &out->forecast) != 0)
		return -1;
	out->forecast_def = 1;
	return 0;
}

int64_t tr_default_end(int64_t start, int months)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, total, len;

	dc_civil_from_days(start, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	len = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > len)
		return dc_days_from_civil(y, m, len);   /* the first of the next month, less a day */
	return dc_days_from_civil(y, m, d) - 1;
}

/* 1 when target i is a better pick than target j of the same kind. */
static int better(int kind, const int64_t *s, const int64_t *e, const long long *id, size_t i,
    size_t j)
{
	switch (kind) {
	case TR_RUNNING:
		if (s[i] != s[j])
			return s[i] > s[j];
		if (e[i] != e[j])
			return e[i] < e[j];
		break;
	case TR_UPCOMING:
		if (s[i] != s[j])
			return s[i] < s[j];
		if (e[i] != e[j])
			return e[i] < e[j];
		break;
	default:
		if (e[i] != e[j])
			return e[i] > e[j];
		if (s[i] != s[j])
			return s[i] > s[j];
		break;
	}
	return id[i] < id[j];
}

long tr_target_choose(const int64_t *start, const int64_t *end, const long long *id, size_t n,
    int64_t t)
{
	static const int order[] = { TR_RUNNING, TR_UPCOMING, TR_ENDED };
	size_t i, k;
	long best;
	int kind;

	for (k = 0; k < 3; k++) {
		best = -1;
		for (i = 0; i < n; i++) {
			kind = t < start[i] ? TR_UPCOMING : t > end[i] ? TR_ENDED : TR_RUNNING;
			if (kind != order[k])
				continue;
			if (best < 0 || better(kind, start, end, id, i, (size_t)best))
				best = (long)i;
		}
		if (best >= 0)
			return best;
	}
	return -1;
}

void tr_month_bounds(int64_t t, int64_t b[25])
{
	int i;

	for (i = 0; i <= 24; i++)
		b[i] = cl_months_before(t, 24 - i);
}

int tr_month_slice(const int64_t b[25], int64_t d)
{
	int lo = 0, hi = 24;

	if (d <= b[0] || d > b[24])
		return -1;
	/* the first i with d <= b[i + 1] */
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (d <= b[mid + 1])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

const char *tr_tstate_name(enum tr_tstate s)
{
	static const char *const names[] = { "upcoming", "running", "ended" };

	return (unsigned)s < 3 ? names[s] : "?";
}
