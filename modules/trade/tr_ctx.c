/*
 * tr_ctx.c - one customer's data as of T, read once per page: the paid
 * orders of the two periods (for the summary) and every product it bought
 * up to T with its revenue in the current period (for its top lists, the
 * never-bought exclusion and the tags it shares).  Two indexed queries:
 * the orders come from the covering index orders_customer (customer,
 * date, total, status), the lines by their order's primary key.
 */
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "log.h"
#include "salient/db.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_target.h"
#include "tr_text.h"

static const char sql_orders[] =
    "SELECT order_date, total, currency FROM orders "
    "WHERE customer_id = ? AND status = 'paid' AND order_date > ? AND order_date <= ? "
    "ORDER BY order_date";

static const char sql_currency[] =
    "SELECT currency FROM orders WHERE customer_id = ? AND status = 'paid' "
    "AND order_date <= ? ORDER BY order_date DESC LIMIT 1";

/* A line's value is line_total, else quantity x unit_price (DESIGN.md section 4). */
static const char sql_products[] =
    "SELECT x.product_id, x.rev_cur, x.qty_cur, p.name, p.sku, p.category_id, c.name, "
    "c.parent_id, pc.name, "
    "(SELECT GROUP_CONCAT(CONCAT(t.tag_group, CHAR(31 USING utf8mb4), t.tag_value) "
    " ORDER BY t.tag_group, t.tag_value SEPARATOR '\x1e') "
    " FROM product_tags t WHERE t.product_id = x.product_id) "
    "FROM (SELECT ol.product_id, "
    " SUM(IF(o.order_date > ?, COALESCE(ol.line_total, ol.quantity * ol.unit_price, 0), 0)) "
    "  AS rev_cur, "
    " SUM(IF(o.order_date > ?, ol.quantity, 0)) AS qty_cur "
    " FROM orders o JOIN order_lines ol ON ol.order_id = o.id "
    " WHERE o.customer_id = ? AND o.status = 'paid' AND o.order_date <= ? "
    " AND ol.product_id IS NOT NULL GROUP BY ol.product_id) x "
    "JOIN products p ON p.id = x.product_id "
    "LEFT JOIN categories c ON c.id = p.category_id "
    "LEFT JOIN categories pc ON pc.id = c.parent_id";

int tr_ctx_init(struct tr_ctx *c, struct sl_db *db, long long cid, const char *as_of,
    const char *lang)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->cid = cid;
	c->lang = lang != NULL ? lang : "en";
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
	size_t i;

	for (i = 0; i < c->nprod; i++) {
		free(c->prod[i].name);
		free(c->prod[i].sku);
		free(c->prod[i].category);
		free(c->prod[i].parent);
		free(c->prod[i].tags);
	}
	free(c->prod);
	free(c->bought);
	free(c->bought_cats);
	memset(c, 0, sizeof(*c));
}

static void set_currency(struct tr_ctx *c, const char *cur)
{
	if (cur != NULL && strlen(cur) < sizeof(c->currency))
		memcpy(c->currency, cur, strlen(cur) + 1);
}

int tr_ctx_orders(struct tr_ctx *c)
{
	struct sl_stmt *st;
	char from[16];
	int64_t day, value;
	int rc, k;

	if (c->orders_loaded)
		return 0;
	tr_iso(c->b[0], from, sizeof(from));
	if ((st = sl_db_stmt(c->db, sql_orders)) == NULL ||
	    sl_stmt_exec(st, "iss", c->cid, from, c->t_iso) != 0)
		goto fail;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (dc_parse_date(sl_stmt_str(st, 0, NULL), &day) != 0 ||
		    tr_money_parse(sl_stmt_str(st, 1, NULL), &value) != 0 ||
		    (k = tr_month_slice(c->b, day)) < 0)
			continue;
		c->slice_rev[k] += value;
		c->slice_orders[k]++;
		set_currency(c, sl_stmt_str(st, 2, NULL));   /* the latest order's */
	}
	sl_stmt_done(st);
	if (rc < 0)
		goto fail;
	if (c->currency[0] == '\0') {   /* no order in the two periods: the last one before */
		if ((st = sl_db_stmt(c->db, sql_currency)) == NULL ||
		    sl_stmt_exec(st, "is", c->cid, c->t_iso) != 0)
			goto fail;
		if ((rc = sl_stmt_fetch(st)) == 1)
			set_currency(c, sl_stmt_str(st, 0, NULL));
		sl_stmt_done(st);
		if (rc < 0)
			goto fail;
	}
	c->orders_loaded = 1;
	return 0;
fail:
	log_err("trade: orders of customer %lld: %s", c->cid, sl_db_error(c->db));
	return -1;
}

static char *dup_col(struct sl_stmt *st, unsigned col)
{
	const char *s = sl_stmt_str(st, col, NULL);

	return s != NULL ? strdup(s) : NULL;
}

int tr_ctx_products(struct tr_ctx *c)
{
	struct sl_stmt *st;
	struct tr_prod *p, *np;
	size_t cap = 0, i;
	char from[16];
	int rc;

	if (c->products_loaded)
		return 0;
	tr_iso(c->b[12], from, sizeof(from));
	if ((st = sl_db_stmt(c->db, sql_products)) == NULL ||
	    sl_stmt_exec(st, "ssis", from, from, c->cid, c->t_iso) != 0)
		goto fail;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (c->nprod == cap) {
			cap = cap ? cap * 2 : 64;
			if ((np = realloc(c->prod, cap * sizeof(*np))) == NULL) {
				sl_stmt_done(st);
				goto oom;
			}
			c->prod = np;
		}
		p = &c->prod[c->nprod++];
		memset(p, 0, sizeof(*p));
		p->id = (uint32_t)sl_stmt_int(st, 0);
		if (tr_money_parse(sl_stmt_str(st, 1, NULL), &p->rev_cur) != 0)
			p->rev_cur = 0;
		p->qty_cur = sl_stmt_int(st, 2);
		p->name = dup_col(st, 3);
		p->sku = dup_col(st, 4);
		p->category_id = (uint32_t)sl_stmt_int(st, 5);
		p->category = dup_col(st, 6);
		p->parent_id = (uint32_t)sl_stmt_int(st, 7);
		p->parent = dup_col(st, 8);
		p->tags = dup_col(st, 9);
	}
	sl_stmt_done(st);
	if (rc < 0)
		goto fail;
	if (c->nprod > 0 && ((c->bought = malloc(c->nprod * sizeof(*c->bought))) == NULL ||
	    (c->bought_cats = malloc(c->nprod * sizeof(*c->bought_cats))) == NULL))
		goto oom;
	for (i = 0; i < c->nprod; i++) {
		c->bought[c->nbought++] = c->prod[i].id;
		if (c->prod[i].category_id != 0)
			c->bought_cats[c->nbought_cats++] = c->prod[i].category_id;
	}
	c->nbought = tr_ids_sort_unique(c->bought, c->nbought);
	c->nbought_cats = tr_ids_sort_unique(c->bought_cats, c->nbought_cats);
	c->products_loaded = 1;
	return 0;
fail:
	log_err("trade: products of customer %lld: %s", c->cid, sl_db_error(c->db));
	return -1;
oom:
	log_err("trade: products of customer %lld: out of memory", c->cid);
	return -1;
}
