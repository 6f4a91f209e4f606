/*
 * pcalc.c - sales by period: the periods, their figures, dips, churn and
 * the clients (pcalc.h has the definitions).  One sort of the lines, then
 * one pass per customer; the per-customer state is reset only where it was
 * touched, so the pass is linear in the lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcalc.h"
#include "salient/contract.h"
#include "salient/metrics.h"

static int weekday(int32_t day)   /* Monday 0 .. Sunday 6; 1970-01-01 was a Thursday */
{
	int w = (int)((day + 3) % 7);

	return w < 0 ? w + 7 : w;
}

void pc_iso_week(int32_t day, int *year, int *week)
{
	int32_t thu = day - weekday(day) + 3;
	int y, m, d;

	dc_civil_from_days(thu, &y, &m, &d);
	*year = y;
	*week = (int)((thu - dc_days_from_civil(y, 1, 1)) / 7) + 1;
}

int32_t pc_iso_monday(int year, int week)
{
	int32_t jan4 = (int32_t)dc_days_from_civil(year, 1, 4);

	return jan4 - weekday(jan4) + 7 * (week - 1);
}

int pc_iso_weeks(int year)
{
	int y, w;

	pc_iso_week((int32_t)dc_days_from_civil(year, 12, 28), &y, &w);
	return w;
}

static int32_t month_first(int32_t day)
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	return (int32_t)dc_days_from_civil(y, m, 1);
}

static int32_t month_last(int32_t day)
{
	int y, m, d;

	dc_civil_from_days(day, &y, &m, &d);
	return (int32_t)dc_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
}

/* The calendar period holding day: its first and last day, year and number. */
static void period_of(int32_t day, enum pc_step step, struct pc_period *p)
{
	int d;

	if (step == PC_WEEK) {
		pc_iso_week(day, &p->year, &p->num);
		p->from = day - weekday(day);
		p->to = p->from + 6;
	} else {
		dc_civil_from_days(day, &p->year, &p->num, &d);
		p->from = month_first(day);
		p->to = month_last(day);
	}
}

/* A day of a month a year earlier: the same day, clamped; a month's last
 * day to that month's last day. */
static int32_t year_before_day(int32_t day)
{
	int32_t b = (int32_t)cl_months_before(day, 12);

	return day == month_last(day) ? month_last(b) : b;
}

static void year_earlier(struct pc_period *p, enum pc_step step)
{
	int32_t mon;

	p->has_ye = 1;
	if (step == PC_MONTH) {
		p->ye_from = (int32_t)cl_months_before(p->from, 12);
		p->ye_to = year_before_day(p->to);
		return;
	}
	if (p->num > pc_iso_weeks(p->year - 1)) {
		p->has_ye = 0;
		p->ye_from = 1;
		p->ye_to = 0;
		return;
	}
	mon = pc_iso_monday(p->year - 1, p->num);
	p->ye_from = mon + (p->from - pc_iso_monday(p->year, p->num));
	p->ye_to = mon + (p->to - pc_iso_monday(p->year, p->num));
}

int pc_window(int32_t from, int32_t to, enum pc_step step, int32_t *lo, int32_t *hi)
{
	struct pc_period first, lead;

	if (from > to || to - from >= PC_MAX_DAYS)
		return -1;
	period_of(from, step, &first);
	period_of(first.from - 1, step, &lead);
	*lo = lead.from;
	/* a year earlier: the same month, or the same ISO week of a year that
	 * is 364 or 371 days shorter (when the first week is a 53rd without a
	 * year earlier, the next week's is 371 days before it) */
	if (step == PC_MONTH && cl_months_before(from, 12) < *lo)
		*lo = (int32_t)cl_months_before(from, 12);
	if (step == PC_WEEK && first.from - 371 < *lo)
		*lo = first.from - 371;
	*hi = to;
	return 0;
}

/* The periods of [from, to]: r->periods and r->nperiods; 0 or -1. */
static int make_periods(struct pc_result *r)
{
	struct pc_period p;
	size_t n = 1, cap = 16;
	int32_t day;

	if ((r->periods = calloc(cap, sizeof(*r->periods))) == NULL)
		return -1;
	period_of(r->from, r->step, &p);
	period_of(p.from - 1, r->step, &r->periods[0]);
	for (day = r->from; day <= r->to; day = p.to + 1) {
		if (n == cap) {
			struct pc_period *np = realloc(r->periods, 2 * cap * sizeof(*np));

			if (np == NULL)
				return -1;
			r->periods = np;
			cap *= 2;
		}
		memset(&p, 0, sizeof(p));
		period_of(day, r->step, &p);
		if (p.from < r->from)
			p.from = r->from, p.partial = 1;
		if (p.to > r->to)
			p.to = r->to, p.partial = 1;
		year_earlier(&p, r->step);
		r->periods[n++] = p;
	}
	r->nperiods = n - 1;
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	const struct pc_line *x = a, *y = b;

	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/* Per-period state of the customer being read. */
struct cust_state {
	int64_t *rev;        /* revenue per period index (nperiods + 1) */
	unsigned char *in;   /* 1: bought in the period; 2: a year earlier; 3: both */
	size_t *touched;     /* the indexes set, ascending */
	size_t ntouched;
};

struct calc {
	struct pc_result *r;
	int32_t lo;
	int16_t *cur_of, *ye_of;   /* day - lo -> period index, or -1 */
	struct cust_state cs;
	size_t churn_cap, client_cap;
};

static int add_churn(struct calc *c, size_t p, uint32_t customer, int64_t revenue)
{
	struct pc_result *r = c->r;
	struct pc_churn *e;

	if (r->nchurn == c->churn_cap) {
		size_t cap = c->churn_cap ? 2 * c->churn_cap : 256;

		if ((e = realloc(r->churn, cap * sizeof(*e))) == NULL)
			return -1;
		r->churn = e;
		c->churn_cap = cap;
	}
	e = &r->churn[r->nchurn++];
	e->period = (uint32_t)p;
	e->customer = customer;
	e->revenue = revenue;
	r->periods[p].nchurn++;
	r->periods[p].churned++;
	r->periods[p].churned_revenue += revenue;
	return 0;
}

static int add_client(struct calc *c, const struct pc_client *cl)
{
	struct pc_result *r = c->r;
	struct pc_client *e;

	if (r->nclients == c->client_cap) {
		size_t cap = c->client_cap ? 2 * c->client_cap : 256;

		if ((e = realloc(r->clients, cap * sizeof(*e))) == NULL)
			return -1;
		r->clients = e;
		c->client_cap = cap;
	}
	r->clients[r->nclients++] = *cl;
	return 0;
}

static void mark(struct calc *c, size_t p, unsigned char bit, int64_t value)
{
	struct cust_state *s = &c->cs;

	if (s->in[p] == 0) {
		size_t i = s->ntouched++;

		/* keep the list ascending: lines come in day order, so a new
		 * index is nearly always the largest */
		while (i > 0 && s->touched[i - 1] > p) {
			s->touched[i] = s->touched[i - 1];
			i--;
		}
		s->touched[i] = p;
	}
	s->in[p] |= bit;
	if (bit == 1)
		s->rev[p] += value;
}

/* The end of one customer's lines: clients counted, churn, reset. */
static int customer_done(struct calc *c, uint32_t customer, struct pc_client *cl)
{
	struct cust_state *s = &c->cs;
	struct pc_result *r = c->r;
	size_t i, p;

	for (i = 0; i < s->ntouched; i++) {
		p = s->touched[i];
		if (s->in[p] & 1)
			r->periods[p].cur.clients++;
		if (s->in[p] & 2)
			r->periods[p].ye.clients++;
		if ((s->in[p] & 1) && p < r->nperiods && !(s->in[p + 1] & 1) &&
		    add_churn(c, p + 1, customer, s->rev[p]) != 0)
			return -1;
	}
	for (i = 0; i < s->ntouched; i++) {
		s->in[s->touched[i]] = 0;
		s->rev[s->touched[i]] = 0;
	}
	s->ntouched = 0;
	if (cl->purchases > 0) {
		r->total.clients++;
		if (cl->ndays >= 2) {
			cl->has_gap = 1;
			cl->gap = (double)(cl->last - cl->first) / (cl->ndays - 1);
			cl->next = cl->last + (int32_t)(cl->gap + 0.5);
			cl->overdue = cl->next < r->as_of;
		}
		if (add_client(c, cl) != 0)
			return -1;
	}
	return 0;
}

/* One line of the customer being read; prev is the line before (NULL for
 * the customer's first). */
static void read_line(struct calc *c, const struct pc_line *l, const struct pc_line *prev,
    struct pc_client *cl)
{
	struct pc_result *r = c->r;
	int new_order = prev == NULL || prev->order != l->order || prev->day != l->day;
	int p;

	if ((p = c->cur_of[l->day - c->lo]) >= 0) {
		struct pc_fig *f = &r->periods[p].cur;

		f->orders += new_order;
		f->units += l->units;
		f->revenue += l->value;
		mark(c, (size_t)p, 1, l->value);
	}
	if ((p = c->ye_of[l->day - c->lo]) >= 0) {
		struct pc_fig *f = &r->periods[p].ye;

		f->orders += new_order;
		f->units += l->units;
		f->revenue += l->value;
		mark(c, (size_t)p, 2, 0);
	}
	if (l->day < r->from || l->day > r->to)
		return;
	r->total.orders += new_order;
	r->total.units += l->units;
	r->total.revenue += l->value;
	cl->purchases += new_order;
	cl->units += l->units;
	cl->revenue += l->value;
	if (cl->ndays == 0 || cl->last != l->day) {
		if (cl->ndays == 0)
			cl->first = l->day;
		cl->last = l->day;
		cl->ndays++;
	}
}

static int churn_cmp(const void *a, const void *b)
{
	const struct pc_churn *x = a, *y = b;

	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->revenue != y->revenue)
		return x->revenue > y->revenue ? -1 : 1;
	return x->customer < y->customer ? -1 : x->customer > y->customer;
}

/* pct below: (prev - cur) / prev * 100; dip when over dip_pct. */
static int below(int64_t cur, int64_t prev, int dip_pct, double *pct)
{
	if (prev <= 0)
		return 0;
	*pct = (double)(prev - cur) * 100.0 / (double)prev;
	return (__int128)cur * 100 < (__int128)prev * (100 - dip_pct);
}

static void finish(struct pc_result *r)
{
	size_t p, at = 0;

	/* the churn entries were appended customer by customer */
	if (r->nchurn > 1)   /* qsort's base may not be NULL, even for no entries */
		qsort(r->churn, r->nchurn, sizeof(*r->churn), churn_cmp);
	for (p = 0; p <= r->nperiods; p++) {
		r->periods[p].churn_at = at;
		at += r->periods[p].nchurn;
	}
	for (p = 1; p <= r->nperiods; p++) {
		struct pc_period *q = &r->periods[p], *b = &r->periods[p - 1];

		q->cmp_prev = !q->partial && !(p > 1 && b->partial);
		if (q->cmp_prev)
			q->dip_prev = below(q->cur.revenue, b->cur.revenue, r->dip_pct, &q->pct_prev);
		if (q->has_ye)
			q->dip_ye = below(q->cur.revenue, q->ye.revenue, r->dip_pct, &q->pct_ye);
		q->dip = q->dip_prev || q->dip_ye;
		if (q->churned > 0 && b->cur.revenue > 0)
			q->win_back = (int64_t)(((__int128)q->churned_revenue * b->cur.clients +
			    b->cur.revenue - 1) / b->cur.revenue);
	}
}

static int day_maps(struct calc *c, int32_t lo, int32_t hi)
{
	struct pc_result *r = c->r;
	size_t span = (size_t)(hi - lo + 1), p;
	int32_t d;

	c->lo = lo;
	if ((c->cur_of = malloc(span * sizeof(int16_t))) == NULL ||
	    (c->ye_of = malloc(span * sizeof(int16_t))) == NULL)
		return -1;
	for (d = 0; d < (int32_t)span; d++)
		c->cur_of[d] = c->ye_of[d] = -1;
	for (p = 0; p <= r->nperiods; p++) {
		const struct pc_period *q = &r->periods[p];

		for (d = q->from; d <= q->to; d++)
			if (d >= lo && d <= hi)
				c->cur_of[d - lo] = (int16_t)p;
		if (p == 0 || !q->has_ye)
			continue;
		for (d = q->ye_from; d <= q->ye_to; d++)
			if (d >= lo && d <= hi)
				c->ye_of[d - lo] = (int16_t)p;
	}
	return 0;
}

int pc_compute(struct pc_line *lines, size_t n, int32_t from, int32_t to, enum pc_step step,
    int dip_pct, int32_t as_of, struct pc_result *r)
{
	struct calc c;
	struct pc_client cl;
	const struct pc_line *prev = NULL;
	size_t i, np;
	int32_t lo, hi;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	memset(&cl, 0, sizeof(cl));
	if (pc_window(from, to, step, &lo, &hi) != 0 || dip_pct < 1 || dip_pct > 99)
		return -1;
	r->step = step;
	r->from = from;
	r->to = to;
	r->as_of = as_of;
	r->dip_pct = dip_pct;
	c.r = r;
	if (make_periods(r) != 0 || day_maps(&c, lo, hi) != 0)
		goto fail;
	np = r->nperiods + 1;
	if ((c.cs.rev = calloc(np, sizeof(int64_t))) == NULL ||
	    (c.cs.in = calloc(np, 1)) == NULL || (c.cs.touched = calloc(np, sizeof(size_t))) == NULL)
		goto fail;
	qsort(lines, n, sizeof(*lines), line_cmp);
	for (i = 0; i < n; i++) {
		const struct pc_line *l = &lines[i];

		if (l->day < lo || l->day > hi)
			continue;
		if (prev != NULL && prev->customer != l->customer) {
			if (customer_done(&c, prev->customer, &cl) != 0)
				goto fail;
			memset(&cl, 0, sizeof(cl));
			prev = NULL;
		}
		cl.customer = l->customer;
		read_line(&c, l, prev, &cl);
		prev = l;
	}
	if (prev != NULL && customer_done(&c, prev->customer, &cl) != 0)
		goto fail;
	finish(r);
	free(c.cur_of);
	free(c.ye_of);
	free(c.cs.rev);
	free(c.cs.in);
	free(c.cs.touched);
	return 0;
fail:
	free(c.cur_of);
	free(c.ye_of);
	free(c.cs.rev);
	free(c.cs.in);
	free(c.cs.touched);
	pc_result_free(r);
	return -1;
}

void pc_result_free(struct pc_result *r)
{
	free(r->periods);
	free(r->churn);
	free(r->clients);
	memset(r, 0, sizeof(*r));
}

char *pc_label(const struct pc_period *p, enum pc_step step, char *buf, size_t len)
{
	if (step == PC_WEEK)
		snprintf(buf, len, "%04d-W%02d", p->year, p->num);
	else
		snprintf(buf, len, "%04d-%02d", p->year, p->num);
	return buf;
}
