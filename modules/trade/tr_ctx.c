/*
 * tr_ctx.c - one customer's figures as of T, from two reads:
 *
 *   facts     TR_FACTS_SQL: the settings' version (SL_SETTINGS_VERSION_SQL:
 *             the page's settings then come from the thread's cache,
 *             tr_opts_read_at()), the latest popularity run's id (which
 *             tells whether the catalogue snapshot, tr_disc.h, is current)
 *             and the customer's targets, as one text.  A signed-in
 *             customer's page has it already: the module's
 *             customer_session_sql read it with the session (c->facts);
 *             otherwise tr_sql[TR_FACTS].sql reads it.
 *   orders    its paid orders up to T from `purchases` (kept by the
 *             import, modules/data): one contiguous range of the primary
 *             key (customer, date, order), each order once with its
 *             total, currency and product lines ("product:value:quantity"
 *             joined by spaces).
 *
 * In C: each order counted into the summary's monthly slices (C and Q) and
 * into the actual of every target whose window holds it
 * (tr_target_window(): paid revenue from the start to min(T, end),
 * DESIGN.md section 5); its lines aggregated per product (revenue and
 * quantity in C, and what it ever bought for the never-bought exclusion).
 * Names, categories and tags come from the snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "tr_disc.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_target.h"
#include "tr_text.h"


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

/* One line of the customer's, before aggregation: in C (cur) with its
 * value and quantity, or only what it bought. */
struct line {
	uint32_t pid;
	int64_t value, qty;
};

/* The next space-separated token of *p into buf (len bytes): 1, 0 at the
 * end, -1 when it does not fit. */
static int token(const char **p, char *buf, size_t len)
{
	const char *s = *p, *e;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	for (e = s; *e != '\0' && *e != ' '; e++)
		;
	if ((size_t)(e - s) >= len)
		return -1;
	memcpy(buf, s, (size_t)(e - s));
	buf[e - s] = '\0';
	*p = e;
	return 1;
}

/* A number token: 1, 0 at the end, -1 when not a number. */
static int token_int(const char **p, long long *v)
{
	char b[24], *end;
	int rc = token(p, b, sizeof(b));

	if (rc != 1)
		return rc;
	*v = strtoll(b, &end, 10);
	return end == b || *end != '\0' ? -1 : 1;
}

/*
 * Reads TR_FACTS_SQL's text: "VERSION RUN" then "ID START END AMOUNT" per
 * target.  0, or -1 when it is not that (logged by the caller).
 */
static int read_facts(struct tr_ctx *c, const char *f)
{
	char start[16], end[16], amount[48];
	long long id;
	int rc;

	if (f == NULL || token_int(&f, &c->settings_version) != 1 || token_int(&f, &c->run) != 1)
		return -1;
	while ((rc = token_int(&f, &id)) == 1) {
		struct tr_tgt g = { .id = id };

		if (token(&f, start, sizeof(start)) != 1 || token(&f, end, sizeof(end)) != 1 ||
		    token(&f, amount, sizeof(amount)) != 1 ||
		    dc_parse_date(start, &g.start) != 0 || dc_parse_date(end, &g.end) != 0 ||
		    tr_money_parse(amount, &g.amount) != 0)
			return -1;
		if (g.amount > 0 && g.end >= g.start && c->ntgt < TR_MAX_TARGETS)
			c->tgt[c->ntgt++] = g;   /* (the contract keeps the others out) */
	}
	return rc;
}

/* The facts of a customer not signed in by a session (staff, reports). */
static int load_facts(struct tr_ctx *c)
{
	struct sl_stmt *st;
	int rc = -1;

	if ((st = sl_db_stmt(c->db, tr_sql[TR_FACTS].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_FACTS].types, c->cid) != 0)
		return -1;
	if (sl_stmt_fetch(st) == 1)
		rc = read_facts(c, sl_stmt_str(st, 0, NULL));
	sl_stmt_done(st);
	return rc;
}

/* Adds an order of value on day to the summary's slices and to the actual
 * of every target it counts for. */
static void count_order(struct tr_ctx *c, int64_t day, int64_t value)
{
	int64_t from, to;
	size_t i;
	int k;

	if ((k = tr_month_slice(c->b, day)) >= 0) {
		c->slice_rev[k] += value;
		c->slice_orders[k]++;
	}
	for (i = 0; i < c->ntgt; i++)
		if (tr_target_window(c->tgt[i].start, c->tgt[i].end, c->t, &from, &to) &&
		    day >= from && day <= to)
			c->tgt[i].actual += value;
}

/* Appends the lines of items ("product:value:quantity ...") of an order on
 * day; 0, -1 (not that form) or -2 (memory). */
static int add_lines(struct tr_ctx *c, const char *items, int64_t day, struct line **l,
    size_t *n, size_t *cap)
{
	char tok[80], *v, *q, *end;
	int cur = day > c->b[12], rc;

	while ((rc = token(&items, tok, sizeof(tok))) == 1) {
		struct line *x;

		if ((v = strchr(tok, ':')) == NULL || (q = strchr(v + 1, ':')) == NULL)
			return -1;
		*v++ = '\0';
		*q++ = '\0';
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 256;

			if ((x = realloc(*l, nc * sizeof(*x))) == NULL)
				return -2;
			*l = x;
			*cap = nc;
		}
		x = &(*l)[*n];
		x->pid = (uint32_t)strtoul(tok, &end, 10);
		if (end == tok || *end != '\0')
			return -1;
		x->value = 0;
		x->qty = 0;
		if (cur) {
			x->qty = strtoll(q, &end, 10);
			if (end == q || *end != '\0' || tr_money_parse(v, &x->value) != 0)
				return -1;
		}
		(*n)++;
	}
	return rc;
}

/* The orders' rows: each counted, its lines appended; 0, -1 (database or
 * data) or -2 (memory). */
static int read_orders(struct tr_ctx *c, struct sl_stmt *st, struct line **lines, size_t *n)
{
	size_t cap = 0;
	int64_t day, v;
	int rc;

	while ((rc = sl_stmt_fetch(st)) == 1) {
		const char *cur = sl_stmt_str(st, 2, NULL);

		if (dc_parse_date(sl_stmt_str(st, 0, NULL), &day) != 0 ||
		    tr_money_parse(sl_stmt_str(st, 1, NULL), &v) != 0)
			return -1;
		count_order(c, day, v);
		/* the rows come by date: the last one's currency is the latest */
		c->currency[0] = '\0';
		if (cur != NULL && strlen(cur) < sizeof(c->currency))
			memcpy(c->currency, cur, strlen(cur) + 1);
		if ((rc = add_lines(c, sl_stmt_str(st, 3, NULL) ? sl_stmt_str(st, 3, NULL) : "",
		    day, lines, n, &cap)) != 0)
			return rc;
	}
	return rc < 0 ? -1 : 0;
}

/*
 * Aggregates the lines per product (c->prod in the order first seen,
 * through an open-addressing table of product ids: no sort) and lists the
 * bought ids, sorted.  0 or -1 (memory).
 */
static int aggregate(struct tr_ctx *c, const struct line *l, size_t n)
{
	uint32_t *slot = NULL;   /* prod index + 1, 0 = empty */
	size_t i, mask = 15;

	if (n == 0)
		return 0;
	while (mask < 2 * n)
		mask = mask * 2 + 1;
	if ((c->prod = calloc(n, sizeof(*c->prod))) == NULL ||
	    (c->bought = malloc(n * sizeof(*c->bought))) == NULL ||
	    (c->bought_cats = malloc(n * sizeof(*c->bought_cats))) == NULL ||
	    (slot = calloc(mask + 1, sizeof(*slot))) == NULL) {
		free(slot);
		return -1;
	}
	for (i = 0; i < n; i++) {
		size_t h = (l[i].pid * 2654435761u) & mask;
		struct tr_prod *p;

		while (slot[h] != 0 && c->prod[slot[h] - 1].id != l[i].pid)
			h = (h + 1) & mask;
		if (slot[h] == 0) {
			p = &c->prod[c->nprod++];
			p->id = l[i].pid;
			slot[h] = (uint32_t)c->nprod;
			c->bought[c->nbought++] = p->id;
		} else {
			p = &c->prod[slot[h] - 1];
		}
		p->rev_cur += l[i].value;   /* 0 before C */
		p->qty_cur += l[i].qty;
	}
	free(slot);
	c->nbought = tr_ids_sort_unique(c->bought, c->nbought);
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
	size_t nlines = 0;
	int rc;

	if (c->loaded)
		return 0;
	/* the targets first: the orders count into their actuals */
	if (c->facts != NULL ? read_facts(c, c->facts) != 0 : load_facts(c) != 0) {
		log_err("trade: facts of customer %lld: %s", c->cid, c->facts != NULL ?
		    "not in the expected form" : sl_db_error(c->db));
		return -1;
	}
	if ((st = sl_db_stmt(c->db, tr_sql[TR_ORDERS].sql)) == NULL ||
	    sl_stmt_exec(st, tr_sql[TR_ORDERS].types, c->cid, c->t_iso) != 0) {
		log_err("trade: orders of customer %lld: %s", c->cid, sl_db_error(c->db));
		return -1;
	}
	rc = read_orders(c, st, &lines, &nlines);
	sl_stmt_done(st);
	if (rc == 0 && aggregate(c, lines, nlines) != 0)
		rc = -2;
	free(lines);
	if (rc != 0) {
		log_err("trade: orders of customer %lld: %s", c->cid, rc == -2 ? "out of memory" :
		    sl_db_error(c->db)[0] ? sl_db_error(c->db) : "a purchases row not in the "
		    "expected form");
		return -1;
	}
	if ((c->disc = tr_disc_get(c->db, c->run, c->nbought ? c->bought[c->nbought - 1] : 0)) == NULL)
		return -1;
	describe(c);
	c->loaded = 1;
	return 0;
}
