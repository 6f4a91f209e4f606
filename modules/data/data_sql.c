/*
 * data_sql.c - every statement of the data module (DESIGN.md habit 4),
 * indexed by enum data_sql_id (data_sql.h), and the column mapping of each
 * contract kind.
 *
 * The multi-row statements are made by the preprocessor from one row's
 * tuple and letters (as predict_sql.c does): an entry per batch size, so
 * `salient sql check` prepares each and counts its parameters like any
 * other.  They contain only placeholders, never data.
 */
#include "data_sql.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define X4(s) s s s s
#define X5(s) s X4(s)
#define X9(s) X5(s) X4(s)
#define X10(s) s X9(s)
/* a row's tuple r (its letters t) repeated 10, 100 and 500 times */
#define R10(r) r X9("," r)
#define R100(r) R10(r) X9("," R10(r))
#define R500(r) R100(r) X4("," R100(r))
#define T10(t) X10(t)
#define T100(t) X10(T10(t))
#define T500(t) X5(T100(t))
/* the DS_BATCHES entries of statement n: head, the rows, tail */
#define BATCHES(n, head, row, tail, t) \
	[n##_500] = { head R500(row) tail, T500(t) }, \
	[n##_100] = { head R100(row) tail, T100(t) }, \
	[n##_10] = { head R10(row) tail, T10(t) }, \
	[n##_1] = { head row tail, t }

const size_t data_batch[DS_NBATCH] = { 500, 100, 10, 1 };

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
	{ S_COL, 4, 0 }, { S_COL, 5, 0 }, { S_COL, 6, 0 },
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

static const struct imp_out o_production_targets[] = {
	{ S_REF, 0, IE_PRODUCTIONS }, { S_REF, 1, IE_EVENTS }, { S_COL, 2, 0 }, { S_COL, 3, 0 },
	{ S_COL, 4, 0 }, { S_COL, 5, 0 }, { S_COL, 6, 0 }, { S_COL, 7, 0 },
};
/* a placeholder keeps its id when it exists already (id = id changes nothing) */
#define PH(n, table) \
	BATCHES(n, "INSERT INTO " table " (host_id, placeholder) VALUES ", "(?,1)", \
	    " ON DUPLICATE KEY UPDATE id = id", "s")
/* the host ids as a JSON array of strings, compared as host_id is (utf8mb4_bin) */
#define LOOKUP(table) \
	{ "SELECT STRAIGHT_JOIN t.host_id, t.id, t.placeholder FROM JSON_TABLE(?, '$[*]' " \
	    "COLUMNS (h VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j " \
	    "JOIN " table " t ON t.host_id = j.h", "s" }

#define TOTALS_SET \
    "UPDATE orders o SET o.total = (SELECT COALESCE(SUM(COALESCE(l.line_total, " \
    "l.quantity * l.unit_price, 0)), 0) FROM order_lines l WHERE l.order_id = o.id) " \
    "WHERE o.total_from_lines = 1 AND o.placeholder = 0"

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

/* the first import of a big table (import_load.h) */
#define ANY(table) { "SELECT EXISTS (SELECT 1 FROM " table ")", "" }
#define LOAD(table, cols) { "LOAD DATA LOCAL INFILE '" table "' REPLACE INTO TABLE " table \
    " CHARACTER SET utf8mb4 (" cols ")", "" }

/* IMP_REFS host ids */
#define SOME_IDS "o.host_id IN (" R500("?") ")"

/*
 * The ON DUPLICATE KEY UPDATE parts set every column from the new row, so
 * an identical row changes nothing (and MariaDB then leaves imported_at
 * alone).  orders.total keeps its value when the new row leaves it to the
 * lines: the end of the command sets it, so a re-import never moves it.
 */
const struct sl_sql data_sql[DATA_NSQL] = {
	BATCHES(DS_UP_CUSTOMERS,
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
	    "created_at = VALUES(created_at)",
	    "sssssssssssssssss"),
	BATCHES(DS_UP_CUSTOMER_TAGS,
	    "INSERT INTO customer_tags (customer_id, tag) VALUES ", "(?,?)",
	    " ON DUPLICATE KEY UPDATE tag = VALUES(tag)",
	    "ss"),
	BATCHES(DS_UP_CONSENTS,
	    "INSERT INTO consents (customer_id, consent, granted, updated_at) VALUES ", "(?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE granted = VALUES(granted), updated_at = VALUES(updated_at)",
	    "ssss"),
	BATCHES(DS_UP_CATEGORIES,
	    "INSERT INTO categories (host_id, placeholder, name, parent_id) VALUES ", "(?,0,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), "
	    "parent_id = VALUES(parent_id)",
	    "sss"),
	BATCHES(DS_UP_PRODUCTS,
	    "INSERT INTO products (host_id, placeholder, name, sku, category_id, price, active, url) "
	    "VALUES ", "(?,0,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), sku = VALUES(sku), "
	    "category_id = VALUES(category_id), price = VALUES(price), active = VALUES(active), "
	    "url = VALUES(url)",
	    "sssssss"),
	BATCHES(DS_UP_PRODUCT_TAGS,
	    "INSERT INTO product_tags (product_id, tag_group, tag_value) VALUES ", "(?,?,?)",
	    " ON DUPLICATE KEY UPDATE tag_value = VALUES(tag_value)",
	    "sss"),
	BATCHES(DS_UP_PRODUCTIONS,
	    "INSERT INTO productions (host_id, placeholder, name, genre) VALUES ", "(?,0,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, name = VALUES(name), genre = VALUES(genre)",
	    "sss"),
	BATCHES(DS_UP_EVENTS,
	    "INSERT INTO events (host_id, placeholder, starts_at, production_id, name, venue, "
	    "latitude, longitude, capacity) VALUES ", "(?,0,?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, starts_at = VALUES(starts_at), "
	    "production_id = VALUES(production_id), name = VALUES(name), venue = VALUES(venue), "
	    "latitude = VALUES(latitude), longitude = VALUES(longitude), "
	    "capacity = VALUES(capacity)",
	    "ssssssss"),
	BATCHES(DS_UP_ORDERS,
	    "INSERT INTO orders (host_id, placeholder, customer_id, ordered_at, order_date, total, "
	    "total_from_lines, channel, currency, status) VALUES ", "(?,0,?,?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE placeholder = 0, customer_id = VALUES(customer_id), "
	    "ordered_at = VALUES(ordered_at), order_date = VALUES(order_date), "
	    "total = IF(VALUES(total_from_lines) = 1, total, VALUES(total)), "
	    "total_from_lines = VALUES(total_from_lines), channel = VALUES(channel), "
	    "currency = VALUES(currency), status = VALUES(status)",
	    "sssssssss"),
	BATCHES(DS_UP_ORDER_LINES,
	    "INSERT INTO order_lines (order_id, line_no, product_id, event_id, quantity, "
	    "unit_price, line_total) VALUES ", "(?,?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE product_id = VALUES(product_id), "
	    "event_id = VALUES(event_id), quantity = VALUES(quantity), "
	    "unit_price = VALUES(unit_price), line_total = VALUES(line_total)",
	    "sssssss"),
	BATCHES(DS_UP_TARGETS,
	    "INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES ",
	    "(?,?,?,?)", " ON DUPLICATE KEY UPDATE amount = VALUES(amount)",
	    "ssss"),
	/* event_id 0: the whole production (sql/060_venue.sql) */
	BATCHES(DS_UP_PRODUCTION_TARGETS,
	    "INSERT INTO venue_targets (production_id, event_id, segment, revenue, tickets, bookers, "
	    "share, on_sale) VALUES ", "(?,COALESCE(?,0),?,?,?,?,?,?)",
	    " ON DUPLICATE KEY UPDATE revenue = VALUES(revenue), tickets = VALUES(tickets), "
	    "bookers = VALUES(bookers), share = VALUES(share), on_sale = VALUES(on_sale)",
	    "ssssssss"),
	PH(DS_PH_CUSTOMERS, "customers"),
	PH(DS_PH_CATEGORIES, "categories"),
	PH(DS_PH_PRODUCTS, "products"),
	PH(DS_PH_PRODUCTIONS, "productions"),
	PH(DS_PH_EVENTS, "events"),
	PH(DS_PH_ORDERS, "orders"),
	[DS_LK_CUSTOMERS] = LOOKUP("customers"),
	[DS_LK_CATEGORIES] = LOOKUP("categories"),
	[DS_LK_PRODUCTS] = LOOKUP("products"),
	[DS_LK_PRODUCTIONS] = LOOKUP("productions"),
	[DS_LK_EVENTS] = LOOKUP("events"),
	[DS_LK_ORDERS] = LOOKUP("orders"),
	[DS_TOTALS_ALL] = { TOTALS_SET, "" },
	[DS_TOTALS_SOME] = { TOTALS_SET " AND " SOME_IDS, T500("s") },
	[DS_PUR_MAXLEN] = { "SET SESSION group_concat_max_len = 16777215", "" },
	[DS_PUR_MIN] = { "SELECT LEAST(COALESCE((SELECT MIN(id) FROM orders), 4294967295), "
	    "COALESCE((SELECT MIN(order_id) FROM purchases), 4294967295))", "" },
	[DS_PUR_MAX] = { "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM orders), 0), "
	    "COALESCE((SELECT MAX(order_id) FROM purchases), 0))", "" },
	[DS_PUR_DELETE_RANGE] = { "DELETE FROM purchases WHERE order_id BETWEEN ? AND ?", "uu" },
	[DS_PUR_INSERT_RANGE] = { PUR_INSERT "AND o.id BETWEEN ? AND ? GROUP BY o.id", "uu" },
	[DS_PUR_DELETE_SOME] = { "DELETE p FROM purchases p JOIN orders o ON o.id = p.order_id "
	    "WHERE " SOME_IDS, T500("s") },
	[DS_PUR_INSERT_SOME] = { PUR_INSERT "AND " SOME_IDS " GROUP BY o.id", T500("s") },
	[DS_ORDER_SCAN] = { "SELECT customer_id, order_date, total FROM orders "
	    "FORCE INDEX (orders_customer) WHERE customer_id BETWEEN ? AND ? AND status = 'paid' "
	    "AND order_date IS NOT NULL AND order_date <= ? ORDER BY customer_id, order_date",
	    "uus" },
	[DS_TGT_CUSTOMER] = { "SELECT id FROM customers WHERE host_id = ? AND placeholder = 0", "s" },
	[DS_TGT_OVERLAP] = { "SELECT id, period_start, period_end FROM targets WHERE customer_id = ? "
	    "AND period_start <= ? AND period_end >= ? AND NOT (period_start = ? AND period_end = ?) "
	    "ORDER BY period_start, id LIMIT 1", "issss" },
	[DS_ANY_CUSTOMERS] = ANY("customers"),
	[DS_ANY_CUSTOMER_TAGS] = ANY("customer_tags"),
	[DS_ANY_CONSENTS] = ANY("consents"),
	[DS_ANY_PRODUCT_TAGS] = ANY("product_tags"),
	[DS_ANY_ORDERS] = ANY("orders"),
	[DS_ANY_ORDER_LINES] = ANY("order_lines"),
	[DS_LD_CUSTOMERS] = LOAD("customers", "host_id, email, first_name, last_name, phone, "
	    "birth_date, gender, postcode, city, country, latitude, longitude, smart_type, "
	    "account_manager, subscriber, language, created_at"),
	[DS_LD_CUSTOMER_TAGS] = LOAD("customer_tags", "customer_id, tag"),
	[DS_LD_CONSENTS] = LOAD("consents", "customer_id, consent, granted, updated_at"),
	[DS_LD_PRODUCT_TAGS] = LOAD("product_tags", "product_id, tag_group, tag_value"),
	[DS_LD_ORDERS] = LOAD("orders", "host_id, customer_id, ordered_at, order_date, total, "
	    "total_from_lines, channel, currency, status"),
	[DS_LD_ORDER_LINES] = LOAD("order_lines", "order_id, line_no, product_id, event_id, "
	    "quantity, unit_price, line_total"),
};

const struct imp_kind imp_kinds[DC_NKINDS] = {
	[DC_CUSTOMERS] = { "customers", IE_CUSTOMERS, 0, o_customers, N(o_customers),
	    DS_UP_CUSTOMERS_500, DS_ANY_CUSTOMERS, DS_LD_CUSTOMERS },
	[DC_CUSTOMER_TAGS] = { "customer_tags", IE_NONE, 0, o_customer_tags,
	    N(o_customer_tags), DS_UP_CUSTOMER_TAGS_500, DS_ANY_CUSTOMER_TAGS, DS_LD_CUSTOMER_TAGS },
	[DC_CONSENTS] = { "consents", IE_NONE, 0, o_consents, N(o_consents), DS_UP_CONSENTS_500,
	    DS_ANY_CONSENTS, DS_LD_CONSENTS },
	[DC_CATEGORIES] = { "categories", IE_CATEGORIES, 0, o_categories, N(o_categories),
	    DS_UP_CATEGORIES_500 },
	[DC_PRODUCTS] = { "products", IE_PRODUCTS, 0, o_products, N(o_products),
	    DS_UP_PRODUCTS_500 },
	[DC_PRODUCT_TAGS] = { "product_tags", IE_NONE, 0, o_product_tags, N(o_product_tags),
	    DS_UP_PRODUCT_TAGS_500, DS_ANY_PRODUCT_TAGS, DS_LD_PRODUCT_TAGS },
	[DC_PRODUCTIONS] = { "productions", IE_PRODUCTIONS, 0, o_productions, N(o_productions),
	    DS_UP_PRODUCTIONS_500 },
	[DC_EVENTS] = { "events", IE_EVENTS, 0, o_events, N(o_events), DS_UP_EVENTS_500 },
	[DC_ORDERS] = { "orders", IE_ORDERS, 1, o_orders, N(o_orders), DS_UP_ORDERS_500,
	    DS_ANY_ORDERS, DS_LD_ORDERS },
	[DC_ORDER_LINES] = { "order_lines", IE_NONE, 1, o_order_lines, N(o_order_lines),
	    DS_UP_ORDER_LINES_500, DS_ANY_ORDER_LINES, DS_LD_ORDER_LINES },
	[DC_TARGETS] = { "targets", IE_NONE, 0, o_targets, N(o_targets), DS_UP_TARGETS_500 },
	[DC_PRODUCTION_TARGETS] = { "venue_targets", IE_NONE, 0, o_production_targets,
	    N(o_production_targets), DS_UP_PRODUCTION_TARGETS_500 },
};

const char *const imp_ent_table[IE_N] = {
	"customers", "categories", "products", "productions", "events", "orders",
};
const enum data_sql_id imp_ent_ph[IE_N] = {
	DS_PH_CUSTOMERS_500, DS_PH_CATEGORIES_500, DS_PH_PRODUCTS_500,
	DS_PH_PRODUCTIONS_500, DS_PH_EVENTS_500, DS_PH_ORDERS_500,
};
const enum data_sql_id imp_ent_lookup[IE_N] = {
	DS_LK_CUSTOMERS, DS_LK_CATEGORIES, DS_LK_PRODUCTS,
	DS_LK_PRODUCTIONS, DS_LK_EVENTS, DS_LK_ORDERS,
};

const char *const data_tables[] = {
	"customers", "customer_tags", "consents", "categories", "products", "product_tags",
	"productions", "events", "orders", "order_lines", "purchases", NULL,
};
/* the contract's targets kind: trade owns the table and edits it one by one;
   production_targets: the venue module's */
const char *const data_touches[] = { "targets", "venue_targets", NULL };
