/*
 * in_calc.c - the dashboard's series in one pass (in_calc.h).
 *
 * Each customer's orders are walked once per month of the period (P <= 24,
 * a handful of orders each): the month's buyers, its sales, the RFM window
 * ending there.  The dynamics keep, per month, the customers with an order
 * in its window (16 bytes and a segment byte each) and score them at the
 * end: one pass over the purchases and P sorts, not P full RFM runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in_calc.h"
#include "salient/contract.h"
#include "salient/metrics.h"
#include "salient/rfm.h"

static int64_t month_last(int y, int m)
{
	return m == 12 ? dc_days_from_civil(y + 1, 1, 1) - 1 : dc_days_from_civil(y, m + 1, 1) - 1;
}

void in_period_init(struct in_period *p, int64_t t, int months)
{
	int y, m, d, k, yy, mm, total;

	memset(p, 0, sizeof(*p));
	if (months < 1)
		months = 1;
	if (months > IN_MAX_MONTHS)
		months = IN_MAX_MONTHS;
	p->t = t;
	p->months = months;
	p->from = cl_months_before(t, months);
	dc_civil_from_days(t, &y, &m, &d);
	for (k = 0; k < months; k++) {
		total = y * 12 + (m - 1) - (months - 1 - k);
		yy = total / 12;
		mm = total % 12 + 1;
		p->mfirst[k] = dc_days_from_civil(yy, mm, 1);
		p->mend[k] = k == months - 1 ? t : month_last(yy, mm);
		p->wfrom[k] = cl_months_before(p->mend[k], months);
		snprintf(p->label[k], sizeof(p->label[k]), "%04d-%02d", (yy % 10000 + 10000) % 10000,
		    (mm - 1) % 12 + 1);
	}
}

int in_whole_months(int64_t last, int64_t t)
{
	int k = 0;

	while (k < 1200 && cl_months_before(t, k + 1) >= last)
		k++;
	return k;
}

void in_calc_init(struct in_calc *c, int64_t t, int months)
{
	memset(c, 0, sizeof(*c));
	in_period_init(&c->p, t, months);
}

static int dyn_push(struct in_dyn *d, int seg, int64_t last, uint32_t orders, int64_t revenue)
{
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 4096;
		struct in_dyn_row *nv = realloc(d->v, nc * sizeof(*nv));
		unsigned char *ns;

		if (nv == NULL)
			return -1;
		d->v = nv;
		if ((ns = realloc(d->seg, nc)) == NULL)
			return -1;
		d->seg = ns;
		d->cap = nc;
	}
	d->v[d->n].revenue = revenue;
	d->v[d->n].last = (int32_t)last;
	d->v[d->n].orders = orders;
	d->seg[d->n++] = (unsigned char)seg;
	return 0;
}

/* Adds x to the segment's and to all's entry of a [IN_NSEG] array, and of
 * bar k of a [IN_NSEG][IN_MAX_MONTHS] one. */
#define ADD2(arr, seg, x) do { (arr)[0] += (x); if ((seg) > 0) (arr)[seg] += (x); } while (0)
#define ADDK(arr, seg, k, x) do { (arr)[0][k] += (x); if ((seg) > 0) (arr)[seg][k] += (x); } while (0)

int in_calc_customer(struct in_calc *c, int seg, const int64_t *day, const int64_t *value,
    size_t n)
{
	const struct in_period *p = &c->p;
	struct in_series *s = &c->s;
	int64_t rev = 0, last = 0;
	size_t i, upto = 0, lo_m = 0, lo_w = 0;
	long long na = 0;
	int k;

	if (seg < 0 || seg >= IN_NSEG)
		seg = 0;
	for (i = 0; i < n; i++)
		if (day[i] > p->from && day[i] <= p->t) {
			na++;
			rev += value[i];
			last = day[i];
		}
	if (na > 0) {
		k = in_whole_months(last, p->t);
		if (k >= 0 && k < IN_MAX_MONTHS)
			ADDK(s->quality, seg, k, 1);
		if (na >= 2) {
			ADD2(s->rep_n, seg, 1);
			ADD2(s->rep_rev, seg, rev);
		} else {
			ADD2(s->one_n, seg, 1);
			ADD2(s->one_rev, seg, rev);
		}
	}
	for (k = 0; k < p->months; k++) {
		long long in_month = 0, wn = 0;
		int64_t amount = 0, wrev = 0, wlast = 0;

		/* the days are in order, and the month's first day and the
		 * window's start only move on: [lo_m, upto) is the month's
		 * orders, [lo_w, upto) the window's (at most P months), so each
		 * order is visited at most P times over all k */
		while (upto < n && day[upto] <= p->mend[k])
			upto++;
		while (lo_m < upto && day[lo_m] < p->mfirst[k])
			lo_m++;
		while (lo_w < upto && day[lo_w] <= p->wfrom[k])
			lo_w++;
		for (i = lo_m < lo_w ? lo_m : lo_w; i < upto; i++) {
			if (day[i] >= p->mfirst[k]) {
				in_month++;
				amount += value[i];
			}
			if (day[i] > p->wfrom[k]) {
				wn++;
				wrev += value[i];
				wlast = day[i];
			}
		}
		if (in_month > 0) {
			ADDK(s->buyers, seg, k, 1);
			if (upto >= 2)
				ADDK(s->repeaters, seg, k, 1);
			ADDK(s->orders, seg, k, in_month);
			ADDK(s->amount, seg, k, amount);
		}
		if (wn > 0 && dyn_push(&c->dyn[k], seg, wlast, (uint32_t)wn, wrev) != 0)
			return -1;
	}
	return 0;
}

int in_calc_finish(struct in_calc *c)
{
	struct rfm_in *in = NULL;
	int64_t *key = NULL, *scratch = NULL;
	unsigned char *score = NULL;
	uint16_t *cell = NULL;
	size_t cap = 0, i;
	int k, rc = -1;

	for (k = 0; k < c->p.months; k++)
		if (c->dyn[k].n > cap)
			cap = c->dyn[k].n;
	if (cap == 0)
		return 0;
	in = malloc(cap * sizeof(*in));
	key = malloc(cap * sizeof(*key));
	scratch = malloc(cap * sizeof(*scratch));
	score = malloc(3 * cap);
	cell = malloc(cap * sizeof(*cell));
	if (!in || !key || !scratch || !score || !cell)
		goto out;
	for (k = 0; k < c->p.months; k++) {
		struct in_dyn *d = &c->dyn[k];

		for (i = 0; i < d->n; i++) {
			in[i].last_day = d->v[i].last;
			in[i].orders = d->v[i].orders;
			in[i].revenue = d->v[i].revenue;
		}
		rfm_cells(in, d->n, key, scratch, score, cell);
		for (i = 0; i < d->n; i++) {
			int seg = d->seg[i];

			c->s.scored[0][k]++;
			if (seg > 0)
				c->s.scored[seg][k]++;
			if (rfm_best(cell[i])) {
				c->s.best[0][k]++;
				if (seg > 0)
					c->s.best[seg][k]++;
			}
			if (rfm_lost(cell[i])) {
				c->s.lost[0][k]++;
				if (seg > 0)
					c->s.lost[seg][k]++;
			}
		}
	}
	rc = 0;
out:
	free(in);
	free(key);
	free(scratch);
	free(score);
	free(cell);
	return rc;
}

void in_calc_free(struct in_calc *c)
{
	int k;

	for (k = 0; k < IN_MAX_MONTHS; k++) {
		free(c->dyn[k].v);
		free(c->dyn[k].seg);
		c->dyn[k].v = NULL;
		c->dyn[k].seg = NULL;
		c->dyn[k].n = c->dyn[k].cap = 0;
	}
}
