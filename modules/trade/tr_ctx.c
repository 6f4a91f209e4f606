/*
 * tr_ctx.c - one customer's figures as of T, read in ONE round trip per
 * page (the page's per-request work: DESIGN.md's "a few indexed queries"
 * made one), a UNION ALL of
 *
 *   'm'  every line of its paid orders up to T (or the order alone when it
 *        has no product line): the order's id, date and total, from the
 *        covering index orders_customer (customer, date, total, status),
 *        and the line's product, with its value and quantity when the
 *        order is in C, by the lines' primary key;
 *   't'  its targets (start, "end amount", id), by targets_period;
 *   'r'  one row: the currency of its latest paid order up to T, the
 *        settings' version (SL_SETTINGS_VERSION_SQL: the page's settings
 *        then come from the thread's cache, tr_opts_read_at()), and the
 *        latest popularity run's id (which tells whether the catalogue
 *        snapshot, tr_disc.h, is current).
 *
 * In C: each order counted once into the summary's monthly slices (C and
 * Q) and into the actual of every target whose window holds it
 * (tr_target_window(): paid revenue from the start to min(T, end),
 * DESIGN.md section 5); the lines aggregated per product (revenue and
 * quantity in C, and what it ever bought for the never-bought exclusion).
 * Names, categories and tags come from the snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "log.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "tr_disc.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_target.h"
#include "tr_text.h"

/* A line's value is line_total, else quantity x unit_price (DESIGN.md
 * section 4); lines before C carry their product only (the never-bought
 * exclusion needs no more). */
static const char sql_figures[] =
    "SELECT 'm', o.order_date, o.total, ol.product_id, "
    "IF(o.order_date > ?, COALESCE(ol.line_total, ol.quantity * ol.unit_price, 0), NULL), "
    "IF(o.order_date > ?, ol.quantity, NULL), o.id "
    "FROM orders o LEFT JOIN order_lines ol ON ol.order_id = o.id AND ol.product_id IS NOT NULL "
    "WHERE o.customer_id = ? AND o.status = 'paid' AND o.order_date <= ? "
    "UNION ALL "
    "SELECT 't', t.period_start, CONCAT_WS(' ', t.period_end, t.amount), t.id, NULL, NULL, NULL "
    "FROM targets t WHERE t.customer_id = ? "
    "UNION ALL "
    "SELECT 'r', (SELECT o.currency FROM orders o WHERE o.customer_id = ? AND o.status = 'paid' "
    " AND o.order_date <= ? ORDER BY o.order_date DESC LIMIT 1), " SL_SETTINGS_VERSION_SQL ", "
    "(SELECT COALESCE(MAX(id), 0) FROM trade_popularity_runs), NULL, NULL, NULL";

int tr_ctx_init(struct tr_ctx *c, struct sl_db *db, long long cid, const char *as_of,
    const char *lang)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->cid = cid;
	c->lang = lang != NULL ? lang : "en";
	c->settings_version = -1;
	if (as_of == NULL || as_of[0] == '\0')
		c->t = tr_today();
	else if (strlen(as_of) != 10 || dc_parse_date(as_of, &c->t) != 0)
		return -1;
	tr_iso(c->t, c->t_iso, sizeof(c->t_iso));
	tr_month_bounds(c->t, c->b);
	return 0;
}

void tr_ctx_free(struct tr_ctx *c)
{
	free(c->prod);
	free(c->bought);
	free(c->bought_cats);
	tr_disc_put(c->disc);
	memset(c, 0, sizeof(*c));
}

/* One paid order up to T. */
struct order {
	long long id;
	int64_t day, value;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* One line of the customer's, before aggregation: in C (cur) with its
 * value and quantity, or only what it bought. */
struct line {
	uint32_t pid;
	int cur;
	int64_t value, qty;
};

static int line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static void set_currency(struct tr_ctx *c, const char *cur)
{
	if (cur != NULL && cur[0] != '\0' && strlen(cur) < sizeof(c->currency))
		memcpy(c->currency, cur, strlen(cur) + 1);
}

/* A target's start and "end amount" into g; 0 or -1. */
static int read_target(const char *start, const char *spec, struct tr_tgt *g)
{
	char b[16], m[48];

	if (start == NULL || spec == NULL || sscanf(spec, "%15s %47s", b, m) != 2 ||
	    dc_parse_date(start, &g->start) != 0 || dc_parse_date(b, &g->end) != 0 ||
	    tr_money_parse(m, &g->amount) != 0 || g->amount <= 0 || g->end < g->start)
		return -1;   /* the contract keeps such rows out */
	g->actual = 0;
	return 0;
}

/* Adds an order of value on day to the actual of every target it counts for. */
static void count_for_targets(struct tr_ctx *c, int64_t day, int64_t value)
{
	int64_t from, to;
	size_t i;

	for (i = 0; i < c->ntgt; i++)
		if (tr_target_window(c->tgt[i].start, c->tgt[i].end, c->t, &from, &to) &&
		    day >= from && day <= to)
			c->tgt[i].actual += value;
}

/* The rows of the figures query; 0, -1 (database) or -2 (memory). */
static int read_rows(struct tr_ctx *c, struct sl_stmt *st, struct line **lines, size_t *nlines,
    struct order **orders, size_t *norders)
{
	size_t cap = 0, ocap = 0;
	int64_t day, v;
	int rc;

	while ((rc = sl_stmt_fetch(st)) == 1) {
		const char *kind = sl_stmt_str(st, 0, NULL);

		if (kind == NULL)
			continue;
		switch (kind[0]) {
		case 'm':   /* one line (or none) of one order */
			if (dc_parse_date(sl_stmt_str(st, 1, NULL), &day) != 0 ||
			    tr_money_parse(sl_stmt_str(st, 2, NULL), &v) != 0)
				break;
			if (*norders == ocap || *nlines == cap) {
				struct order *no;
				struct line *nl;

				ocap = ocap ? ocap * 2 : 256;
				cap = ocap;
				if ((no = realloc(*orders, ocap * sizeof(*no))) == NULL)
					return -2;
				*orders = no;
				if ((nl = realloc(*lines, cap * sizeof(*nl))) == NULL)
					return -2;
				*lines = nl;
			}
			(*orders)[*norders].id = sl_stmt_int(st, 6);
			(*orders)[*norders].day = day;
			(*orders)[(*norders)++].value = v;
			if (sl_stmt_isnull(st, 3))
				break;   /* an order without product lines */
			if (tr_money_parse(sl_stmt_str(st, 4, NULL), &v) != 0)
				break;
			(*lines)[*nlines].pid = (uint32_t)sl_stmt_int(st, 3);
			(*lines)[*nlines].cur = day > c->b[12];
			(*lines)[*nlines].value = v;   /* 0 before C */
			(*lines)[(*nlines)++].qty = sl_stmt_int(st, 5);
			break;
		case 't':
			if (c->ntgt < TR_MAX_TARGETS &&
			    read_target(sl_stmt_str(st, 1, NULL), sl_stmt_str(st, 2, NULL),
			    &c->tgt[c->ntgt]) == 0)
				c->tgt[c->ntgt++].id = sl_stmt_int(st, 3);
			break;
		case 'r':
			set_currency(c, sl_stmt_str(st, 1, NULL));
			c->settings_version = sl_stmt_int(st, 2);
			c->run = sl_stmt_int(st, 3);
			break;
		default:
			break;
		}
	}
	return rc < 0 ? -1 : 0;
}

/* Each order once (a row came per line): its value into the summary's
 * slices and the targets' actuals. */
static void count_orders(struct tr_ctx *c, struct order *o, size_t n)
{
	size_t i;
	int k;

	if (n > 0)
		qsort(o, n, sizeof(*o), order_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && o[i].id == o[i - 1].id)
			continue;
		if ((k = tr_month_slice(c->b, o[i].day)) >= 0) {
			c->slice_rev[k] += o[i].value;
			c->slice_orders[k]++;
		}
		count_for_targets(c, o[i].day, o[i].value);
	}
}

/* Aggregates the sorted lines per product and lists the bought ids. */
static int aggregate(struct tr_ctx *c, const struct line *l, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	if ((c->prod = calloc(n, sizeof(*c->prod))) == NULL ||
	    (c->bought = malloc(n * sizeof(*c->bought))) == NULL ||
	    (c->bought_cats = malloc(n * sizeof(*c->bought_cats))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct tr_prod *p;

		if (c->nprod == 0 || c->prod[c->nprod - 1].id != l[i].pid) {
			p = &c->prod[c->nprod++];
			p->id = l[i].pid;
			c->bought[c->nbought++] = p->id;
		} else {
			p = &c->prod[c->nprod - 1];
		}
		p->rev_cur += l[i].value;   /* 0 for 'b' lines */
		p->qty_cur += l[i].qty;
	}
	return 0;
}

/* Names and categories from the snapshot. */
static void describe(struct tr_ctx *c)
{
	const struct tr_disc_item *it;
	size_t i;

	for (i = 0; i < c->nprod; i++) {
		struct tr_prod *p = &c->prod[i];

		if ((it = tr_disc_item(c->disc, p->id)) == NULL)
			continue;
		p->name = it->name;
		p->sku = it->sku;
		p->category_id = it->category_id;
		p->category = tr_disc_category(c->disc, p->category_id, &p->parent_id);
		if (p->category == NULL)
			p->category_id = 0;
		else if (p->parent_id != 0 && (p->parent = tr_disc_category(c->disc, p->parent_id,
		    &(uint32_t){ 0 })) == NULL)
			p->parent_id = 0;
		if (p->category_id != 0)
			c->bought_cats[c->nbought_cats++] = p->category_id;
	}
	c->nbought_cats = tr_ids_sort_unique(c->bought_cats, c->nbought_cats);
}

int tr_ctx_load(struct tr_ctx *c)
{
	struct sl_stmt *st;
	struct line *lines = NULL;
	struct order *orders = NULL;
	size_t nlines = 0, norders = 0;
	char cfrom[16];
	int rc;

	if (c->loaded)
		return 0;
	tr_iso(c->b[12], cfrom, sizeof(cfrom));
	if ((st = sl_db_stmt(c->db, sql_figures)) == NULL ||
	    sl_stmt_exec(st, "ssisiis", cfrom, cfrom, c->cid, c->t_iso, c->cid, c->cid,
	    c->t_iso) != 0) {
		log_err("trade: figures of customer %lld: %s", c->cid, sl_db_error(c->db));
		return -1;
	}
	rc = read_rows(c, st, &lines, &nlines, &orders, &norders);
	sl_stmt_done(st);
	if (rc == 0)
		count_orders(c, orders, norders);   /* the targets have arrived */
	free(orders);
	if (rc == -1)
		log_err("trade: figures of customer %lld: %s", c->cid, sl_db_error(c->db));
	if (nlines > 0)
		qsort(lines, nlines, sizeof(*lines), line_cmp);
	if (rc == 0 && aggregate(c, lines, nlines) != 0)
		rc = -2;
	if (rc == -2)
		log_err("trade: figures of customer %lld: out of memory", c->cid);
	free(lines);
	if (rc != 0)
		return -1;
	if ((c->disc = tr_disc_get(c->db, c->run, c->nbought ? c->bought[c->nbought - 1] : 0)) == NULL)
		return -1;
	describe(c);
	c->loaded = 1;
	return 0;
}
