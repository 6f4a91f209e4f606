/*
 * vn_job.c - the venue.segments job: the behavioural segment of every
 * booking (DESIGN.md section 5) and each production's daily paid sales.
 *
 * One streamed read of the paid ticket lines (through order_lines_event,
 * so the lines without an event are never read) with their orders, sorted
 * in memory by booker and time; per booker, each booking's segment from
 * the events attended before it (vn_segment_bookings()).  The stored
 * segments are read in order and only the rows that changed are written,
 * so a run after a small import writes little; the production days (a few
 * rows per production and day) are replaced.  All in one transaction.
 * Queued after every import (a minute later, one waiting at a time), on
 * its schedule (venue_segments_per_day) and by `salient job enqueue
 * venue.segments`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "salient/settings.h"
#include "vn_int.h"

/* One paid ticket line. */
struct tline {
	uint32_t cust, order, ev, qty;	/* ev: index into the events */
	int64_t at, day, value;		/* value in ten-thousandths */
};

/* One booking's segment as computed or as stored. */
struct seg {
	long long order, cust, seg, nbefore;
};

/* One production day's sums. */
struct pday {
	uint32_t prod;
	int64_t day, revenue, tickets, bookers;
};

struct events {
	uint32_t *id, *prod;
	int64_t *start;
	size_t n;
};

struct run {
	struct sl_db *db;
	struct vn_windows w;
	struct events ev;
	struct tline *t;
	size_t nt;
	struct seg *s;
	size_t ns;
	struct pday *d;
	size_t nd, dcap;
};

void vn_windows_read(struct sl_db *db, struct vn_windows *w)
{
	w->stale_months = (int)sl_setting_int(db, "venue_stale_months");
	w->lapsed_months = (int)sl_setting_int(db, "venue_lapsed_months");
	w->super_above = (int)sl_setting_int(db, "venue_super_active_above");
}

/* Grows *p (elements of size) to hold one more than n; 0 or -1. */
static int grow(void **p, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap * 2 : 1024;
	void *q;

	if (n < *cap)
		return 0;
	if (c > SIZE_MAX / size || (q = realloc(*p, c * size)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static int read_events(struct run *r)
{
	struct sl_cursor *c;
	unsigned id = 0, prod = 0;
	long long start = 0;
	size_t cap = 0, cap2 = 0, cap3 = 0;
	int f;

	if ((c = sl_cursor_open(r->db, SL_SQL(vn_sql, VN_EVENTS))) == NULL)
		return -1;
	if (sl_cursor_bind(c, "nin", &id, &start, &prod) != 0) {
		sl_cursor_close(c);
		return -1;
	}
	while ((f = sl_cursor_fetch(c)) == 1) {
		if (grow((void **)&r->ev.id, &cap, r->ev.n, sizeof(uint32_t)) != 0 ||
		    grow((void **)&r->ev.prod, &cap2, r->ev.n, sizeof(uint32_t)) != 0 ||
		    grow((void **)&r->ev.start, &cap3, r->ev.n, sizeof(int64_t)) != 0) {
			f = -1;
			break;
		}
		r->ev.id[r->ev.n] = id;
		r->ev.prod[r->ev.n] = prod;
		r->ev.start[r->ev.n++] = start;
	}
	sl_cursor_close(c);
	return f < 0 ? -1 : 0;
}

/* The index of event id, or -1 (the events are sorted by id). */
static long event_index(const struct events *ev, uint32_t id)
{
	size_t lo = 0, hi = ev->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ev->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ev->n && ev->id[lo] == id ? (long)lo : -1;
}

static int read_tickets(struct run *r, struct sl_job *job)
{
	struct sl_cursor *c;
	unsigned cust = 0, order = 0, ev = 0, qty = 0;
	long long at = 0, day = 0, value = 0;
	size_t cap = 0;
	long k;
	int f;

	if ((c = sl_cursor_open(r->db, SL_SQL(vn_sql, VN_TICKET_LINES))) == NULL)
		return -1;
	if (sl_cursor_bind(c, "nniDnni", &cust, &order, &at, &day, &ev, &qty, &value) != 0) {
		sl_cursor_close(c);
		return -1;
	}
	while ((f = sl_cursor_fetch(c)) == 1) {
		if ((k = event_index(&r->ev, ev)) < 0)
			continue;	/* a placeholder event: no start, nothing attended */
		if (grow((void **)&r->t, &cap, r->nt, sizeof(*r->t)) != 0) {
			f = -1;
			break;
		}
		r->t[r->nt++] = (struct tline){ cust, order, (uint32_t)k, qty, at, day, value };
		if ((r->nt & 0xFFFF) == 0)
			sl_job_progress(job, (long long)r->nt, 0);
	}
	sl_cursor_close(c);
	return f < 0 ? -1 : 0;
}

static int cmp_tline(const void *a, const void *b)
{
	const struct tline *x = a, *y = b;

	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return (x->ev > y->ev) - (x->ev < y->ev);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

static int cmp_pday(const void *a, const void *b)
{
	const struct pday *x = a, *y = b;

	if (x->prod != y->prod)
		return x->prod < y->prod ? -1 : 1;
	return (x->day > y->day) - (x->day < y->day);
}

static int add_day(struct run *r, uint32_t prod, int64_t day, int64_t rev, int64_t tix,
    int64_t bookers)
{
	if (prod == 0)
		return 0;
	if (grow((void **)&r->d, &r->dcap, r->nd, sizeof(*r->d)) != 0)
		return -1;
	r->d[r->nd++] = (struct pday){ prod, day, rev, tix, bookers };
	return 0;
}

/*
 * One booker's lines t[0..n) (sorted by time): the segments of the
 * bookings into r->s, the lines and the first booking per production into
 * r->d.  The scratch arrays hold n entries each.
 */
static int one_booker(struct run *r, const struct tline *t, size_t n, int64_t *starts,
    struct vn_booking *b, uint32_t *orders, uint8_t *seg, uint32_t *nbefore, uint32_t *prods)
{
	size_t i, j, ns = 0, nb = 0, np = 0;

	for (i = 0; i < n; i++) {
		uint32_t prod = r->ev.prod[t[i].ev];

		starts[ns++] = t[i].ev;
		if (nb == 0 || orders[nb - 1] != t[i].order) {
			orders[nb] = t[i].order;
			b[nb++] = (struct vn_booking){ t[i].at, t[i].day };
		}
		for (j = 0; j < np && prods[j] != prod; j++)
			;
		if (add_day(r, prod, t[i].day, t[i].value, t[i].qty, j == np) != 0)
			return -1;
		if (j == np)
			prods[np++] = prod;
	}
	/* the distinct events, then their starts in order */
	qsort(starts, ns, sizeof(*starts), cmp_i64);
	for (i = j = 0; i < ns; i++)
		if (j == 0 || starts[j - 1] != starts[i])
			starts[j++] = starts[i];
	for (i = 0; i < j; i++)
		starts[i] = r->ev.start[starts[i]];
	qsort(starts, j, sizeof(*starts), cmp_i64);
	vn_segment_bookings(starts, j, b, nb, &r->w, seg, nbefore);
	for (i = 0; i < nb; i++)
		r->s[r->ns++] = (struct seg){ orders[i], t[0].cust, seg[i], nbefore[i] };
	return 0;
}

static int compute(struct run *r)
{
	int64_t *starts = NULL;
	struct vn_booking *b = NULL;
	uint32_t *orders = NULL, *nbefore = NULL, *prods = NULL;
	uint8_t *seg = NULL;
	size_t i, j, most = 1;
	int rc = -1;

	qsort(r->t, r->nt, sizeof(*r->t), cmp_tline);
	for (i = 0; i < r->nt; i = j) {
		for (j = i + 1; j < r->nt && r->t[j].cust == r->t[i].cust; j++)
			;
		if (j - i > most)
			most = j - i;
	}
	if ((r->s = calloc(r->nt + 1, sizeof(*r->s))) == NULL ||
	    (starts = calloc(most, sizeof(*starts))) == NULL ||
	    (b = calloc(most, sizeof(*b))) == NULL ||
	    (orders = calloc(most, sizeof(*orders))) == NULL ||
	    (nbefore = calloc(most, sizeof(*nbefore))) == NULL ||
	    (prods = calloc(most, sizeof(*prods))) == NULL ||
	    (seg = calloc(most, 1)) == NULL)
		goto out;
	for (i = 0; i < r->nt; i = j) {
		for (j = i + 1; j < r->nt && r->t[j].cust == r->t[i].cust; j++)
			;
		if (one_booker(r, r->t + i, j - i, starts, b, orders, seg, nbefore, prods) != 0)
			goto out;
	}
	qsort(r->s, r->ns, sizeof(*r->s), cmp_seg);
	qsort(r->d, r->nd, sizeof(*r->d), cmp_pday);
	rc = 0;
out:
	free(starts);
	free(b);
	free(orders);
	free(nbefore);
	free(prods);
	free(seg);
	return rc;
}

static const struct sl_db_field seg_fields[] = {
	{ 'i', offsetof(struct seg, order) }, { 'i', offsetof(struct seg, cust) },
	{ 'i', offsetof(struct seg, seg) }, { 'i', offsetof(struct seg, nbefore) }, { 0 },
};
static const struct sl_db_field del_fields[] = { { 'i', offsetof(struct seg, order) }, { 0 } };

/* Writes rows[0..n) with the batch statement big (VN_BATCH rows) or one. */
static int put_rows(struct sl_db *db, int big, int one, const struct sl_db_field *f,
    const void *rows, size_t size, size_t n)
{
	size_t i = 0, k;

	for (; i + VN_BATCH <= n; i += VN_BATCH)
		if (sl_db_exec_rows(db, SL_SQL(vn_sql, big), f, (const char *)rows + i * size, size,
		    VN_BATCH) < 0)
			return -1;
	for (k = i; k < n; k++)
		if (sl_db_exec_rows(db, SL_SQL(vn_sql, one), f, (const char *)rows + k * size, size,
		    1) < 0)
			return -1;
	return 0;
}

/* The changes against the stored rows: *put (new or different), *del. */
static int diff(struct run *r, struct seg **put, size_t *nput, struct seg **del, size_t *ndel)
{
	struct sl_cursor *c;
	long long order = 0, segv = 0, nb = 0;
	size_t i = 0, capd = 0;
	int f;

	*put = NULL;
	*del = NULL;
	*nput = *ndel = 0;
	if ((*put = calloc(r->ns + 1, sizeof(**put))) == NULL)
		return -1;
	if ((c = sl_cursor_open(r->db, SL_SQL(vn_sql, VN_STORED))) == NULL)
		return -1;
	if (sl_cursor_bind(c, "iii", &order, &segv, &nb) != 0) {
		sl_cursor_close(c);
		return -1;
	}
	while ((f = sl_cursor_fetch(c)) == 1) {
		for (; i < r->ns && r->s[i].order < order; i++)
			(*put)[(*nput)++] = r->s[i];
		if (i < r->ns && r->s[i].order == order) {
			if (r->s[i].seg != segv || r->s[i].nbefore != nb)
				(*put)[(*nput)++] = r->s[i];
			i++;
			continue;
		}
		if (grow((void **)del, &capd, *ndel, sizeof(**del)) != 0) {
			f = -1;
			break;
		}
		(*del)[(*ndel)++] = (struct seg){ order, 0, 0, 0 };
	}
	sl_cursor_close(c);
	for (; f == 0 && i < r->ns; i++)
		(*put)[(*nput)++] = r->s[i];
	return f < 0 ? -1 : 0;
}

/* A production day as bound: text for the date and the revenue. */
struct dayrow {
	long long prod, tickets, bookers;
	const char *day, *revenue;
	char dbuf[16], rbuf[32];
};

static const struct sl_db_field day_fields[] = {
	{ 'i', offsetof(struct dayrow, prod) }, { 's', offsetof(struct dayrow, day) },
	{ 's', offsetof(struct dayrow, revenue) }, { 'i', offsetof(struct dayrow, tickets) },
	{ 'i', offsetof(struct dayrow, bookers) }, { 0 },
};

/* Merges the sorted day entries and writes them; 0 or -1. */
static int put_days(struct run *r)
{
	struct dayrow *rows;
	size_t i, j, n = 0;
	int y, m, d, rc;

	if ((rows = calloc(r->nd + 1, sizeof(*rows))) == NULL)
		return -1;
	for (i = 0; i < r->nd; i = j) {
		struct pday s = r->d[i];
		int64_t whole;

		for (j = i + 1; j < r->nd && r->d[j].prod == s.prod && r->d[j].day == s.day; j++) {
			s.revenue += r->d[j].revenue;
			s.tickets += r->d[j].tickets;
			s.bookers += r->d[j].bookers;
		}
		dc_civil_from_days(s.day, &y, &m, &d);
		snprintf(rows[n].dbuf, sizeof(rows[n].dbuf), "%04d-%02d-%02d", y % 10000, m, d);
		whole = s.revenue / 10000;
		snprintf(rows[n].rbuf, sizeof(rows[n].rbuf), "%lld.%04lld", (long long)whole,
		    (long long)(s.revenue - whole * 10000));
		rows[n].prod = s.prod;
		rows[n].tickets = s.tickets;
		rows[n].bookers = s.bookers;
		rows[n].day = rows[n].dbuf;
		rows[n].revenue = rows[n].rbuf;
		n++;
	}
	rc = sl_db_exec(r->db, SL_SQL(vn_sql, VN_DAYS_CLEAR)) < 0 ||
	    put_rows(r->db, VN_DAYS_PUT_500, VN_DAYS_PUT_1, day_fields, rows, sizeof(*rows), n) != 0 ?
	    -1 : 0;
	free(rows);
	return rc;
}

static void run_free(struct run *r)
{
	free(r->ev.id);
	free(r->ev.prod);
	free(r->ev.start);
	free(r->t);
	free(r->s);
	free(r->d);
}

int vn_job_segments(struct sl_job *job)
{
	struct run r;
	struct seg *put = NULL, *del = NULL;
	size_t nput = 0, ndel = 0;
	double t0 = sl_now();
	int rc = -1, began = 0;

	memset(&r, 0, sizeof(r));
	r.db = sl_job_db(job);
	vn_windows_read(r.db, &r.w);
	if (read_events(&r) != 0 || read_tickets(&r, job) != 0)
		goto fail;
	if (compute(&r) != 0) {
		sl_job_fail_key(job, "core.job.out_of_memory", NULL);
		goto out;
	}
	if (diff(&r, &put, &nput, &del, &ndel) != 0)
		goto fail;
	if (sl_db_begin(r.db) != 0)
		goto fail;
	began = 1;
	if (put_rows(r.db, VN_SEG_PUT_500, VN_SEG_PUT_1, seg_fields, put, sizeof(*put), nput) != 0 ||
	    put_rows(r.db, VN_SEG_DEL_500, VN_SEG_DEL_1, del_fields, del, sizeof(*del), ndel) != 0 ||
	    put_days(&r) != 0 ||
	    sl_db_exec(r.db, SL_SQL(vn_sql, VN_RUN_PUT), sl_now() - t0, (long long)r.ns,
	    (long long)(nput + ndel)) < 0 || sl_db_commit(r.db) != 0)
		goto fail;
	sl_job_progress(job, (long long)r.ns, (long long)r.ns);
	rc = 0;
	goto out;
fail:
	sl_job_fail_key(job, "venue.job.failed", "detail", sl_db_error(r.db), NULL);
	if (began)
		sl_db_rollback(r.db);
out:
	free(put);
	free(del);
	run_free(&r);
	return rc;
}

void vn_data_imported(struct sl_db *db)
{
	int already = 0;

	(void)sl_job_enqueue_once(db, "venue.segments", NULL, 0, 60, &already);
}
