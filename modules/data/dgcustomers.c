/*
 * dgcustomers.c - the demo generator's customers, streamed one at a time
 * with their tags, consents, orders, order lines and targets.
 *
 * Shape: retail, trade and distributor customers; Pareto-like order rates
 * (trade ones buy often and in volume, within a few manufacturers);
 * customers acquired over time, some churning, some rising or falling;
 * monthly seasonality with a dip every September; ticket bookings with a
 * booking curve before each event (late bookers at the box office).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "dgint.h"
#include "dgpeople.h"

#define MAXORD		4000	/* orders of one customer, a ceiling */
#define VENUE_LAT	55.6761
#define VENUE_LON	12.5683
#define DAY		86400

enum { RETAIL, TRADE, DISTRIBUTOR };
static const char *const type_names[] = { "retail", "trade", "distributor" };

/* Relative order volume by month, January first: September dips. */
static const double season[12] = {
	0.85, 0.90, 1.00, 1.00, 1.05, 0.95, 0.80, 1.10, 0.60, 1.00, 1.20, 1.35,
};
#define SEASON_MAX	1.35

/* Retail orders by hour of day. */
static const double hours[24] = {
	0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1, 1.3,
	1.5, 1.3, 1.1, 1.0, 1.1, 1.3, 1.6, 2.0, 2.1, 1.8, 1.2, 0.6,
};

struct files {
	struct dg_out	*cust, *tags, *cons, *ord, *lines, *tgt;
};

struct cust {
	uint64_t	 no;
	int		 type;
	int		 group, female, gender_blank;
	int64_t		 acq;		/* seconds */
	int64_t		 s, e;		/* active span, seconds */
	double		 rate;		/* orders a year */
	double		 slope;		/* trend over the window */
	uint32_t	 manus[4];
	int		 nmanus;
	int		 disc;		/* trade discount, percent */
	int		 subscriber;
	int64_t		 spend;		/* paid, cents */
	int64_t		 year_spend[3];	/* paid in as-of year -2, -1, 0 */
};

struct gen {
	struct dg_run	*run;
	struct dg_rng	 r;
	struct files	 f;
	int64_t		*times;		/* MAXORD */
	uint64_t	 next_order;
	int		 idwidth;
	int64_t		 year_start[4];	/* days: Jan 1 of as-of year -2..+1 */
	int		 asof_year;
};

/* Pareto with minimum 1 and shape alpha, capped. */
static double
pareto(struct dg_rng *r, double alpha, double cap)
{
	double v = pow(1.0 - dg_unit(r), -1.0 / alpha);

	return v < cap ? v : cap;
}

static double
expo(struct dg_rng *r, double mean)
{
	return -log(1.0 - dg_unit(r)) * mean;
}

/* 0, 1, 2...: failures before a success of probability p. */
static int
geometric(struct dg_rng *r, double p, int cap)
{
	int n = 0;

	while (n < cap && !dg_chance(r, p))
		n++;
	return n;
}

static void
cust_id(struct gen *g, struct dg_out *o, uint64_t no)
{
	dg_str(o, "C");
	dg_uint_w(o, no, g->idwidth);
}

static int
month_of(int64_t secs)
{
	int y, m, d;

	dc_civil_from_days(secs / DAY, &y, &m, &d);
	return m - 1;
}

/* The customer's profile; no output. */
static void
make_customer(struct gen *g, struct cust *c, uint64_t no)
{
	struct dg_rng *r = &g->r;
	int64_t ws = g->run->wstart * DAY, as = g->run->asof * DAY, start;
	double u = dg_unit(r), churn;
	int i;

	memset(c, 0, sizeof(*c));
	c->no = no;
	c->type = u < 0.88 ? RETAIL : u < 0.975 ? TRADE : DISTRIBUTOR;
	u = dg_unit(r);
	c->group = u < 0.74 ? 0 : u < 0.86 ? 1 : 2;
	c->female = dg_chance(r, 0.52);
	c->gender_blank = dg_chance(r, 0.05);
	if (dg_chance(r, 0.35))
		c->acq = ws - (int64_t)dg_below(r, 1500) * DAY;
	else
		c->acq = ws + (int64_t)dg_below(r, (uint64_t)(as - ws));
	c->acq += (int64_t)dg_below(r, DAY);
	start = c->acq > ws ? c->acq : ws;
	churn = c->type == RETAIL ? 0.35 : 0.15;
	c->s = start;
	c->e = as;
	if (dg_chance(r, churn)) {
		int64_t end = start + (int64_t)(expo(r, 420.0) * DAY);

		if (end < as)
			c->e = end;
	}
	u = dg_unit(r);
	c->slope = u < 0.25 ? 1.3 : u < 0.45 ? -1.3 : (dg_unit(r) - 0.5) * 0.6;
	if (c->type == RETAIL)
		c->rate = 1.85 * pareto(r, 1.6, 60);
	else if (c->type == TRADE)
		c->rate = 9.7 * pareto(r, 2.4, 25);
	else
		c->rate = 6.7 * pareto(r, 2.4, 25);
	if (c->type != RETAIL) {
		c->nmanus = 1 + (int)dg_below(r, 4);
		for (i = 0; i < c->nmanus; i++)
			c->manus[i] = dg_pick_manu(&g->run->cat, r);
		c->disc = 10 + (int)dg_below(r, 26);
	}
	c->subscriber = dg_chance(r, c->type == RETAIL ? 0.45 : 0.7);
}

static void
write_customer(struct gen *g, const struct cust *c)
{
	const struct dg_names *ng = &name_groups[c->group];
	const struct dg_name *fn, *ln;
	struct dg_rng *r = &g->r;
	struct dg_out *o = g->f.cust;
	double km, th, lat, lon;
	size_t t;
	int age;

	fn = c->female ? &ng->first_f[dg_below(r, ng->nfirst_f)] :
	    &ng->first_m[dg_below(r, ng->nfirst_m)];
	ln = c->female ? &ng->last_f[dg_below(r, ng->nlast_f)] :
	    &ng->last_m[dg_below(r, ng->nlast_m)];
	cust_id(g, o, c->no);
	dg_comma(o);
	if (dg_chance(r, 0.92)) {	/* email */
		dg_str(o, fn->ascii);
		dg_str(o, ".");
		dg_str(o, ln->ascii);
		dg_uint(o, c->no);
		dg_str(o, "@");
		dg_str(o, ng->domain);
	}
	dg_comma(o);
	dg_text(o, fn->text);
	dg_comma(o);
	dg_text(o, ln->text);
	dg_comma(o);
	if (dg_chance(r, 0.8)) {
		dg_str(o, "+45 ");
		dg_uint(o, 20000000 + dg_below(r, 79999999));
	}
	dg_comma(o);
	if (dg_chance(r, c->type == RETAIL ? 0.8 : 0.4)) {	/* birth */
		age = 18 + (int)(62.0 * pow(dg_unit(r), 1.3));
		dg_date(o, g->run->asof - age * 365 - (int64_t)dg_below(r, 365));
	}
	dg_comma(o);
	if (!c->gender_blank)
		dg_str(o, c->female ? "F" : "M");
	dg_comma(o);
	if (dg_chance(r, 0.03)) {	/* abroad: no address */
		dg_str(o, ",,");
		dg_str(o, c->group == 1 ? "EE" : "SE");
		dg_str(o, ",,");
	} else {
		km = expo(r, 14.0);
		th = dg_unit(r) * 2.0 * M_PI;
		for (t = 0; t + 1 < N_(towns) && km > towns[t].km; t++)
			;
		if (km > 300)
			km = 300;
		lat = VENUE_LAT + km * cos(th) / 111.0;
		lon = VENUE_LON + km * sin(th) / (111.0 * 0.5646);
		dg_str(o, towns[t].postcode);
		dg_comma(o);
		dg_text(o, towns[t].city);
		dg_str(o, ",DK,");
		dg_fixed6(o, (int64_t)llround(lat * 1e6));
		dg_comma(o);
		dg_fixed6(o, (int64_t)llround(lon * 1e6));
	}
	dg_comma(o);
	dg_str(o, type_names[c->type]);
	dg_comma(o);
	if (c->type != RETAIL)
		dg_text(o, managers[c->no % N_(managers)]);
	dg_comma(o);
	dg_str(o, c->subscriber ? "1" : "0");
	dg_comma(o);
	dg_str(o, c->group == 1 && dg_chance(r, 0.4) ? "da" : ng->language);
	dg_comma(o);
	dg_datetime(o, c->acq);
	dg_eol(o);
}

/* Order moments: rejection-sampled for season, trend and weekday. */
static int
order_times(struct gen *g, const struct cust *c)
{
	struct dg_rng *r = &g->r;
	int64_t ws = g->run->wstart * DAY, span = c->e - c->s, t, day;
	double years = (double)span / (365.25 * DAY), want, w, wmax, pos;
	int n, i, tries, wd;

	if (span <= DAY)
		return 0;
	want = c->rate * years;
	n = (int)want + dg_chance(r, want - floor(want));
	if (n > MAXORD)
		n = MAXORD;
	wmax = SEASON_MAX * (1.0 + fabs(c->slope) / 2.0);
	for (i = 0; i < n; i++) {
		for (tries = 0; tries < 1000; tries++) {
			t = c->s + (int64_t)dg_below(r, (uint64_t)span);
			pos = (double)(t - ws) / (double)(g->run->asof * DAY - ws);
			w = season[month_of(t)] * (1.0 + c->slope * (pos - 0.5));
			day = t / DAY;
			wd = (int)((day + 4) % 7);
			if (c->type != RETAIL && (wd == 0 || wd == 6))
				w *= 0.08;
			if (dg_unit(r) * wmax < w)
				break;
		}
		g->times[i] = t - t % DAY;
	}
	return n;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Seconds into the day for an order. */
static int64_t
time_of_day(struct gen *g, const struct cust *c)
{
	struct dg_rng *r = &g->r;
	double sum = 0, u;
	int h;

	if (c->type != RETAIL)
		return (8 + (int64_t)dg_below(r, 9)) * 3600 +
		    (int64_t)dg_below(r, 3600);
	for (h = 0; h < 24; h++)
		sum += hours[h];
	u = dg_unit(r) * sum;
	for (h = 0; h < 23 && u >= hours[h]; h++)
		u -= hours[h];
	return (int64_t)h * 3600 + (int64_t)dg_below(r, 3600);
}

/* The first event starting at or after t; nevents if none. */
static uint32_t
event_after(const struct dg_catalog *cat, int64_t t)
{
	uint32_t lo = 0, hi = cat->nevents, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cat->events[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
line_start(struct gen *g, uint64_t order, int line_no)
{
	dg_uint(g->f.lines, order);
	dg_comma(g->f.lines);
	dg_uint(g->f.lines, (uint64_t)line_no);
	dg_comma(g->f.lines);
}

static void
line_end(struct gen *g, uint64_t qty, int64_t unit, int64_t *total)
{
	struct dg_out *o = g->f.lines;

	dg_uint(o, qty);
	dg_comma(o);
	dg_money(o, unit);
	dg_comma(o);
	dg_money(o, unit * (int64_t)qty);
	dg_eol(o);
	*total += unit * (int64_t)qty;
}

/*
 * A ticket order for the customer's moment *t: an event ahead by a lead
 * time (late bookers buy on the day, often at the box office).  Returns
 * the channel, or NULL when no event fits (then it is a product order).
 */
static const char *
ticket_order(struct gen *g, int64_t *t, uint64_t order, int64_t *total)
{
	const struct dg_catalog *cat = &g->run->cat;
	struct dg_rng *r = &g->r;
	double u = dg_unit(r), lead;
	const struct dg_event *ev;
	const char *channel;
	int64_t at;
	uint32_t e;

	lead = u < 0.2 ? dg_unit(r) * 1.5 : u < 0.7 ? expo(r, 14) :
	    expo(r, 50);
	e = event_after(cat, *t + (int64_t)(lead * DAY));
	if (e >= cat->nevents || cat->events[e].start - *t > 150 * DAY)
		return NULL;
	ev = &cat->events[e];
	if (ev->start - *t < 2 * DAY) {
		at = ev->start - (int64_t)(dg_below(r, 6 * 3600) + 600);
		if (at >= *t && at < g->run->asof * DAY)
			*t = at;
		channel = dg_chance(r, 0.6) ? "boxoffice" : "online";
	} else {
		u = dg_unit(r);
		channel = u < 0.75 ? "online" : u < 0.9 ? "boxoffice" : "phone";
	}
	u = dg_unit(r);
	line_start(g, order, 1);
	dg_str(g->f.lines, ",E");
	dg_uint_w(g->f.lines, ev->id, 5);
	dg_comma(g->f.lines);
	line_end(g, u < 0.3 ? 1 : u < 0.8 ? 2 : 3 + dg_below(r, 2),
	    ev->price, total);
	if (dg_chance(r, 0.3)) {
		line_start(g, order, 2);
		dg_str(g->f.lines, ",E");
		dg_uint_w(g->f.lines, ev->id, 5);
		dg_comma(g->f.lines);
		line_end(g, 1 + dg_below(r, 3), ev->price * 6 / 10, total);
	}
	return channel;
}

static const char *
product_order(struct gen *g, const struct cust *c, uint64_t order,
    int64_t *total)
{
	const struct dg_catalog *cat = &g->run->cat;
	struct dg_rng *r = &g->r;
	int n, i;
	uint64_t qty;
	uint32_t p;
	int64_t unit;
	double u;

	if (c->type == RETAIL)
		n = 1 + geometric(r, 0.5, 12);
	else if (c->type == TRADE)
		n = 2 + geometric(r, 0.25, 40);
	else
		n = 3 + geometric(r, 0.2, 60);
	for (i = 1; i <= n; i++) {
		if (c->type != RETAIL && dg_chance(r, 0.85))
			p = dg_pick_in_manu(cat, r,
			    c->manus[dg_below(r, (uint64_t)c->nmanus)]);
		else
			p = dg_pick_product(cat, r);
		u = dg_unit(r);
		if (c->type == RETAIL)
			qty = u < 0.78 ? 1 : u < 0.95 ? 2 : 3 + dg_below(r, 3);
		else if (c->type == TRADE)
			qty = 1 + (uint64_t)(u * u * 12);
		else
			qty = 5 * (1 + dg_below(r, 10));
		unit = cat->price[p];
		if (c->type != RETAIL)
			unit = (unit * (100 - c->disc) + 50) / 100;
		line_start(g, order, i);
		dg_str(g->f.lines, "P");
		dg_uint_w(g->f.lines, p + 1, 6);
		dg_str(g->f.lines, ",,");
		line_end(g, qty, unit, total);
	}
	u = dg_unit(r);
	if (c->type == RETAIL)
		return u < 0.7 ? "online" : u < 0.78 ? "phone" : "other";
	return u < 0.5 ? "online" : u < 0.9 ? "phone" : "other";
}

static void
write_orders(struct gen *g, struct cust *c)
{
	struct dg_out *o = g->f.ord;
	struct dg_rng *r = &g->r;
	int n = order_times(g, c), i, k;
	const char *channel, *status;
	int64_t t, total, day;
	uint64_t id;
	double u;

	qsort(g->times, (size_t)n, sizeof(g->times[0]), cmp_i64);
	for (i = 0; i < n; i++) {
		id = g->next_order++;
		t = g->times[i] + time_of_day(g, c);
		if (t >= g->run->asof * DAY)
			t = g->run->asof * DAY - 1;
		total = 0;
		channel = NULL;
		if (c->type == RETAIL && g->run->cat.nevents > 0 &&
		    dg_chance(r, 0.14))
			channel = ticket_order(g, &t, id, &total);
		if (channel == NULL)
			channel = product_order(g, c, id, &total);
		u = dg_unit(r);
		status = u < 0.96 ? "paid" : u < 0.985 ? "refunded" :
		    "cancelled";
		dg_uint(o, id);
		dg_comma(o);
		cust_id(g, o, c->no);
		dg_comma(o);
		dg_datetime(o, t);
		dg_comma(o);
		if (!dg_chance(r, 0.01))
			dg_money(o, total);
		dg_comma(o);
		dg_str(o, channel);
		dg_str(o, ",DKK,");
		dg_str(o, status);
		dg_eol(o);
		if (status[0] != 'p')
			continue;
		c->spend += total;
		day = t / DAY;
		for (k = 0; k < 3; k++)
			if (day >= g->year_start[k] && day < g->year_start[k + 1])
				c->year_spend[k] += total;
	}
}

static void
tag_row(struct gen *g, const struct cust *c, const char *tag)
{
	cust_id(g, g->f.tags, c->no);
	dg_comma(g->f.tags);
	dg_text(g->f.tags, tag);
	dg_eol(g->f.tags);
}

/* Tags, consents and targets, once the orders are known. */
static void
write_extras(struct gen *g, const struct cust *c)
{
	struct dg_rng *r = &g->r;
	struct dg_out *o = g->f.cons;
	int64_t amount, upd;
	int k;

	if (c->spend > 5000000)
		tag_row(g, c, "vip");
	if (c->type == RETAIL) {
		if (dg_chance(r, 0.25))
			tag_row(g, c, retail_tags[dg_below(r, N_(retail_tags))]);
	} else
		tag_row(g, c, trade_tags[dg_below(r, N_(trade_tags))]);

	if (dg_chance(r, 0.85)) {
		upd = c->acq + (int64_t)dg_below(r, 200 * DAY);
		if (upd >= g->run->asof * DAY)
			upd = c->acq;
		cust_id(g, o, c->no);
		dg_str(o, ",email_marketing,");
		dg_str(o, c->subscriber ? "1," : "0,");
		dg_datetime(o, upd);
		dg_eol(o);
		if (dg_chance(r, 0.3)) {
			cust_id(g, o, c->no);
			dg_str(o, dg_chance(r, 0.5) ? ",sms_marketing,1," :
			    ",sms_marketing,0,");
			dg_datetime(o, upd);
			dg_eol(o);
		}
	}

	if (c->type == RETAIL || !dg_chance(r, 0.7))
		return;
	for (k = 1; k <= 2; k++) {	/* last year's and this year's */
		if (c->year_spend[k - 1] <= 0)
			continue;
		amount = (int64_t)((double)c->year_spend[k - 1] *
		    (1.0 + dg_unit(r) * 0.3));
		amount = (amount / 100000 + 1) * 100000;
		cust_id(g, g->f.tgt, c->no);
		dg_comma(g->f.tgt);
		dg_date(g->f.tgt, g->year_start[k]);
		dg_comma(g->f.tgt);
		dg_date(g->f.tgt, g->year_start[k + 1] - 1);
		dg_comma(g->f.tgt);
		dg_money(g->f.tgt, amount);
		dg_eol(g->f.tgt);
	}
}

static int
open_files(struct gen *g)
{
	const char *dir = g->run->dir;
	struct files *f = &g->f;

	if ((f->cust = dg_open(dir, "customers.csv")) == NULL ||
	    (f->tags = dg_open(dir, "customer_tags.csv")) == NULL ||
	    (f->cons = dg_open(dir, "consents.csv")) == NULL ||
	    (f->ord = dg_open(dir, "orders.csv")) == NULL ||
	    (f->lines = dg_open(dir, "order_lines.csv")) == NULL ||
	    (f->tgt = dg_open(dir, "targets.csv")) == NULL)
		return -1;
	dg_str(f->cust, "customer_id,email,first_name,last_name,phone,"
	    "birth_date,gender,postcode,city,country,latitude,longitude,"
	    "smart_type,account_manager,subscriber,language,created_at");
	dg_eol(f->cust);
	dg_str(f->tags, "customer_id,tag");
	dg_eol(f->tags);
	dg_str(f->cons, "customer_id,consent,granted,updated_at");
	dg_eol(f->cons);
	dg_str(f->ord, "order_id,customer_id,ordered_at,total,channel,"
	    "currency,status");
	dg_eol(f->ord);
	dg_str(f->lines, "order_id,line_no,product_id,event_id,quantity,"
	    "unit_price,line_total");
	dg_eol(f->lines);
	dg_str(f->tgt, "customer_id,period_start,period_end,amount");
	dg_eol(f->tgt);
	return 0;
}

static int
close_files(struct files *f)
{
	int rc = 0;

	rc |= dg_close(f->cust);
	rc |= dg_close(f->tags);
	rc |= dg_close(f->cons);
	rc |= dg_close(f->ord);
	rc |= dg_close(f->lines);
	rc |= dg_close(f->tgt);
	memset(f, 0, sizeof(*f));
	return rc ? -1 : 0;
}

int
dg_customers_write(struct dg_run *run)
{
	struct gen g;
	struct cust c;
	uint64_t no, v;
	int rc = -1, y, m, d, k;

	memset(&g, 0, sizeof(g));
	g.run = run;
	dg_rng_seed(&g.r, run->seed, 2);
	g.next_order = 100001;
	for (g.idwidth = 0, v = run->ncustomers; v > 0; v /= 10)
		g.idwidth++;
	if (g.idwidth < 7)
		g.idwidth = 7;
	dc_civil_from_days(run->asof - 1, &y, &m, &d);
	g.asof_year = y;
	for (k = 0; k < 4; k++)
		g.year_start[k] = dc_days_from_civil(y - 2 + k, 1, 1);
	if ((g.times = calloc(MAXORD, sizeof(int64_t))) == NULL) {
		fprintf(stderr, "demo-data: out of memory\n");
		goto out;
	}
	if (open_files(&g))
		goto out;
	for (no = 1; no <= run->ncustomers; no++) {
		make_customer(&g, &c, no);
		write_customer(&g, &c);
		write_orders(&g, &c);
		write_extras(&g, &c);
	}
	rc = 0;
out:
	if (close_files(&g.f) != 0) {
		fprintf(stderr, "demo-data: %s: write failed\n", run->dir);
		rc = -1;
	}
	free(g.times);
	return rc;
}
