/*
 * import_sql.c - see import_sql.h.  Every text here is a constant or is
 * concatenated from constants; no data ever enters a statement.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "import_sql.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct imp_out o_customers[] = {
	{ S_COL, 0, 0 }, { S_COL, 1, 0 }, { S_COL, 2, 0 }, { S_COL, 3, 0 },
	{ S_COL, 4, 0 }, { S_COL, 5, 0 }, { S_COL, 6, 0 }, { S_COL, 7, 0 },
	{ S_COL, 8, 0 }, { S_COL, 9, 0 }, { S_COL, 10, 0 }, { S_COL, 11, 0 },
	{ S_COL, 12, 0 }, { S_COL, 13, 0 }, { S_COL, 14, 0 }, { S_COL, 15, 0 },
	{ S_UTC, 16, 0 },
};
static const struct imp_out o_customer_tags[] = {
	{ S_REF, 0, IE_CUSTOMERS }, { S_COL, 1, 0 },
};
static const struct imp_out o_consents[] = {
	{ S_REF, 0, IE_CUSTOMERS }, { S_COL, 1, 0 }, { S_COL, 2, 0 }, { S_UTC, 3, 0 },
};
static const struct imp_out o_categories[] = {
	{ S_COL, 0, 0 }, { S_COL, 1, 0 }, { S_REF, 2, IE_CATEGORIES },
};
static const struct imp_out o_products[] = {
	{ S_COL, 0, 0 }, { S_COL, 1, 0 }, { S_COL, 2, 0 }, { S_REF, 3, IE_CATEGORIES },
	{ S_COL, 4, 0 }, { S_COL, 5, 0 },
};
static const struct imp_out o_product_tags[] = {
	{ S_REF, 0, IE_PRODUCTS }, { S_COL, 1, 0 }, { S_COL, 2, 0 },
};
static const struct imp_out o_productions[] = {
	{ S_COL, 0, 0 }, { S_COL, 1, 0 }, { S_COL, 2, 0 },
};
static const struct imp_out o_events[] = {
	{ S_COL, 0, 0 }, { S_UTC, 1, 0 }, { S_REF, 2, IE_PRODUCTIONS }, { S_COL, 3, 0 },
	{ S_COL, 4, 0 }, { S_COL, 5, 0 }, { S_COL, 6, 0 }, { S_COL, 7, 0 },
};
static const struct imp_out o_orders[] = {
	{ S_COL, 0, 0 }, { S_REF, 1, IE_CUSTOMERS }, { S_UTC, 2, 0 }, { S_LDATE, 2, 0 },
	{ S_ZERO_BLANK, 3, 0 }, { S_IS_BLANK, 3, 0 }, { S_COL, 4, 0 }, { S_COL, 5, 0 },
	{ S_COL, 6, 0 },
};
static const struct imp_out o_order_lines[] = {
	{ S_REF, 0, IE_ORDERS }, { S_COL, 1, 0 }, { S_REF, 2, IE_PRODUCTS },
	{ S_REF, 3, IE_EVENTS }, { S_COL, 4, 0 }, { S_COL, 5, 0 }, { S_COL, 6, 0 },
};
static const struct imp_out o_targets[] = {
	{ S_REF, 0, IE_CUSTOMERS }, { S_COL, 1, 0 }, { S_COL, 2, 0 }, { S_COL, 3, 0 },
};

/*
 * The ON DUPLICATE KEY UPDATE parts set every column from the new row, so
 * an identical row changes nothing (and MariaDB then leaves imported_at
 * alone).  orders.total keeps its value when the new row leaves it to the
 * lines: the end of the command sets it, so a re-import never moves it.
 */
const struct imp_kind imp_kinds[DC_NKINDS] = {
	[DC_CUSTOMERS] = { "customers", IE_CUSTOMERS, 0, o_customers, N(o_customers),
	    "INSERT INTO customers (host_id, placeholder, email, first_name, last_name, phone, "
	    "birth_date, gender, postcode, city, country, latitude, longitude, smart_type, "
	    "account_manager, subscriber, language, created_at) VALUES ",
	    "(?,0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, email = VALUES(email), "
	    "first_name = VALUES(first_name), last_name = VALUES(last_name), "
	    "phone = VALUES(phone), birth_date = VALUES(birth_date), gender = VALUES(gender), "
	    "postcode = VALUES(postcode), city = VALUES(city), country = VALUES(country), "
	    "latitude = VALUES(latitude), longitude = VALUES(longitude), "
	    "smart_type = VALUES(smart_type), account_manager = VALUES(account_manager), "
	    "subscriber = VALUES(subscriber), language = VALUES(language), "
	    "created_at = VALUES(created_at)" },
	[DC_CUSTOMER_TAGS] = { "customer_tags", IE_NONE, 0, o_customer_tags, N(o_customer_tags),
	    "INSERT INTO customer_tags (customer_id, tag) VALUES ", "(?,?)",
	    " ON DUPLICATE KEY UPDATE tag = VALUES(tag)" },
	[DC_CONSENTS] = { "consents", IE_NONE, 0, o_consents, N(o_consents),
	    "INSERT INTO consents (customer_id, consent, granted, updated_at) VALUES ", "(?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE granted = VALUES(granted), updated_at = VALUES(updated_at)" },
	[DC_CATEGORIES] = { "categories", IE_CATEGORIES, 0, o_categories, N(o_categories),
	    "INSERT INTO categories (host_id, placeholder, name, parent_id) VALUES ", "(?,0,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), "
	    "parent_id = VALUES(parent_id)" },
	[DC_PRODUCTS] = { "products", IE_PRODUCTS, 0, o_products, N(o_products),
	    "INSERT INTO products (host_id, placeholder, name, sku, category_id, price, active) "
	    "VALUES ", "(?,0,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), sku = VALUES(sku), "
	    "category_id = VALUES(category_id), price = VALUES(price), active = VALUES(active)" },
	[DC_PRODUCT_TAGS] = { "product_tags", IE_NONE, 0, o_product_tags, N(o_product_tags),
	    "INSERT INTO product_tags (product_id, tag_group, tag_value) VALUES ", "(?,?,?)",
	    " ON DUPLICATE KEY UPDATE tag_value = VALUES(tag_value)" },
	[DC_PRODUCTIONS] = { "productions", IE_PRODUCTIONS, 0, o_productions, N(o_productions),
	    "INSERT INTO productions (host_id, placeholder, name, genre) VALUES ", "(?,0,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), genre = VALUES(genre)" },
	[DC_EVENTS] = { "events", IE_EVENTS, 0, o_events, N(o_events),
	    "INSERT INTO events (host_id, placeholder, starts_at, production_id, name, venue, "
	    "latitude, longitude, capacity) VALUES ", "(?,0,?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, starts_at = VALUES(starts_at), "
	    "production_id = VALUES(production_id), name = VALUES(name), venue = VALUES(venue), "
	    "latitude = VALUES(latitude), longitude = VALUES(longitude), "
	    "capacity = VALUES(capacity)" },
	[DC_ORDERS] = { "orders", IE_ORDERS, 1, o_orders, N(o_orders),
	    "INSERT INTO orders (host_id, placeholder, customer_id, ordered_at, order_date, total, "
	    "total_from_lines, channel, currency, status) VALUES ", "(?,0,?,?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, customer_id = VALUES(customer_id), "
	    "ordered_at = VALUES(ordered_at), order_date = VALUES(order_date), "
	    "total = IF(VALUES(total_from_lines) = 1, total, VALUES(total)), "
	    "total_from_lines = VALUES(total_from_lines), channel = VALUES(channel), "
	    "currency = VALUES(currency), status = VALUES(status)" },
	[DC_ORDER_LINES] = { "order_lines", IE_NONE, 1, o_order_lines, N(o_order_lines),
	    "INSERT INTO order_lines (order_id, line_no, product_id, event_id, quantity, "
	    "unit_price, line_total) VALUES ", "(?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE product_id = VALUES(product_id), "
	    "event_id = VALUES(event_id), quantity = VALUES(quantity), "
	    "unit_price = VALUES(unit_price), line_total = VALUES(line_total)" },
	[DC_TARGETS] = { "targets", IE_NONE, 0, o_targets, N(o_targets),
	    "INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES ",
	    "(?,?,?,?)", " ON DUPLICATE KEY UPDATE amount = VALUES(amount)" },
};

const char *const imp_ent_table[IE_N] = {
	"customers", "categories", "products", "productions", "events", "orders",
};

/* A placeholder keeps its id when it exists already (id = id changes nothing). */
static const char *const ph_prefix[IE_N] = {
	"INSERT INTO customers (host_id, placeholder) VALUES ",
	"INSERT INTO categories (host_id, placeholder) VALUES ",
	"INSERT INTO products (host_id, placeholder) VALUES ",
	"INSERT INTO productions (host_id, placeholder) VALUES ",
	"INSERT INTO events (host_id, placeholder) VALUES ",
	"INSERT INTO orders (host_id, placeholder) VALUES ",
};
static const char *const lk_prefix[IE_N] = {
	"SELECT host_id, id, placeholder FROM customers WHERE host_id IN (",
	"SELECT host_id, id, placeholder FROM categories WHERE host_id IN (",
	"SELECT host_id, id, placeholder FROM products WHERE host_id IN (",
	"SELECT host_id, id, placeholder FROM productions WHERE host_id IN (",
	"SELECT host_id, id, placeholder FROM events WHERE host_id IN (",
	"SELECT host_id, id, placeholder FROM orders WHERE host_id IN (",
};

#define TOTALS_SET \
    "UPDATE orders o SET o.total = (SELECT COALESCE(SUM(COALESCE(l.line_total, " \
    "l.quantity * l.unit_price, 0)), 0) FROM order_lines l WHERE l.order_id = o.id) " \
    "WHERE o.total_from_lines = 1 AND o.placeholder = 0"

const char imp_sql_totals[] = TOTALS_SET;
static const char totals_some_prefix[] = TOTALS_SET " AND o.host_id IN (";

/*
 * The purchases rows of the orders that count (014_purchases.sql holds the
 * same derivation for its fill): line_items lists the lines naming a
 * product as "product_id:value:quantity" in line_no order, '' when none.
 * The value is cast to 4 decimals so every value reads the same way.
 */
#define PUR_INSERT \
    "INSERT INTO purchases (customer_id, order_date, order_id, total, currency, line_items) " \
    "SELECT o.customer_id, o.order_date, o.id, o.total, o.currency, " \
    "COALESCE(GROUP_CONCAT(CONCAT(l.product_id, ':', " \
    "CAST(COALESCE(l.line_total, l.quantity * l.unit_price, 0) AS DECIMAL(30,4)), ':', " \
    "l.quantity) ORDER BY l.line_no SEPARATOR ' '), '') " \
    "FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id AND l.product_id IS NOT NULL " \
    "WHERE o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL " \
    "AND o.order_date IS NOT NULL "

const char imp_sql_pur_maxlen[] = "SET SESSION group_concat_max_len = 16777215";
const char imp_sql_pur_min[] =
    "SELECT LEAST(COALESCE((SELECT MIN(id) FROM orders), 4294967295), "
    "COALESCE((SELECT MIN(order_id) FROM purchases), 4294967295))";
const char imp_sql_pur_max[] =
    "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM orders), 0), "
    "COALESCE((SELECT MAX(order_id) FROM purchases), 0))";
const char imp_sql_pur_delete_range[] = "DELETE FROM purchases WHERE order_id BETWEEN ? AND ?";
const char imp_sql_pur_insert_range[] = PUR_INSERT "AND o.id BETWEEN ? AND ? GROUP BY o.id";
static const char pur_delete_some_prefix[] =
    "DELETE p FROM purchases p JOIN orders o ON o.id = p.order_id WHERE o.host_id IN (";
static const char pur_insert_some_prefix[] = PUR_INSERT "AND o.host_id IN (";

static char *upsert_text[DC_NKINDS], *ph_text[IE_N], *lk_text[IE_N], *totals_some_text;
static char *pur_delete_some_text, *pur_insert_some_text;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc;

/* prefix + n copies of tuple joined by sep + suffix; malloc'd or NULL. */
static char *repeat(const char *prefix, const char *tuple, const char *sep, size_t n,
    const char *suffix)
{
	size_t lp = strlen(prefix), lt = strlen(tuple), ls = strlen(sep), lx = strlen(suffix);
	size_t len = lp + n * lt + (n - 1) * ls + lx, i;
	char *s, *p;

	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(s, prefix, lp);
	p = s + lp;
	for (i = 0; i < n; i++) {
		if (i) {
			memcpy(p, sep, ls);
			p += ls;
		}
		memcpy(p, tuple, lt);
		p += lt;
	}
	memcpy(p, suffix, lx + 1);
	return s;
}

static void build(void)
{
	size_t k;

	for (k = 0; k < DC_NKINDS; k++)
		if ((upsert_text[k] = repeat(imp_kinds[k].prefix, imp_kinds[k].tuple, ",",
		    IMP_BATCH, imp_kinds[k].suffix)) == NULL)
			init_rc = -1;
	for (k = 0; k < IE_N; k++) {
		ph_text[k] = repeat(ph_prefix[k], "(?,1)", ",", IMP_REFS,
		    " ON DUPLICATE KEY UPDATE id = id");
		lk_text[k] = repeat(lk_prefix[k], "?", ",", IMP_REFS, ")");
		if (ph_text[k] == NULL || lk_text[k] == NULL)
			init_rc = -1;
	}
	totals_some_text = repeat(totals_some_prefix, "?", ",", IMP_REFS, ")");
	pur_delete_some_text = repeat(pur_delete_some_prefix, "?", ",", IMP_REFS, ")");
	pur_insert_some_text = repeat(pur_insert_some_prefix, "?", ",", IMP_REFS,
	    ") GROUP BY o.id");
	if (totals_some_text == NULL || pur_delete_some_text == NULL ||
	    pur_insert_some_text == NULL)
		init_rc = -1;
}

int imp_sql_init(void)
{
	pthread_once(&once, build);
	return init_rc;
}

const char *imp_sql_upsert(enum dc_kind kind)
{
	return upsert_text[kind];
}

const char *imp_sql_placeholders(enum imp_ent e)
{
	return ph_text[e];
}

const char *imp_sql_lookup(enum imp_ent e)
{
	return lk_text[e];
}

const char *imp_sql_totals_some(void)
{
	return totals_some_text;
}

const char *imp_sql_pur_delete_some(void)
{
	return pur_delete_some_text;
}

const char *imp_sql_pur_insert_some(void)
{
	return pur_insert_some_text;
}
