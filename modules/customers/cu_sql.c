/*
 * cu_sql.c - the customer module's statements, all in one table (cu_sql),
 * and which of the list's statements answers a page.
 *
 * Every statement is a constant, written out by the macros below from the
 * same pieces, so all of them take the same parameters in the same order:
 * a "driver" value, then the filters (FILTERS: a filter that is not set is
 * bound NULL and MariaDB folds its "? IS NULL OR ..." away before it plans
 * the statement), then LIMIT and OFFSET.  Nothing from the request is ever
 * pasted into SQL: the request only chooses among these constants.
 *
 * Drivers: the table a statement walks first.
 *   CUST   customers (a search, or no classification or tag filter): the
 *          optimizer picks the search's indexes (merged), the smart type's
 *          or the manager's from the folded filters
 *   CLASS  the classification's members, in customer order, through the
 *          view customer_classifications: the open intervals of
 *          classification_history by its (classification_id, to_date) index
 *   TAG    the tag's customers through customer_tags' (tag) index
 *
 * A page:
 *   1. the total, counted up to CU_COUNT_CAP + 1 through the driver (a
 *      sales agent needs "about how many", and counting a class of half a
 *      million to the last one costs more than the whole page);
 *   2. sorted by "added" (the default, newest customer first): the
 *      driver's index is already in customer order, so the page reads
 *      per_page + 1 index entries and no more, whatever the filter;
 *   3. sorted by revenue, name or customer id, when more than CU_COUNT_CAP
 *      customers match: the sort's own index is walked and the filters are
 *      checked customer by customer, stopped after WALK_CAP rows examined
 *      (MariaDB's LIMIT ROWS EXAMINED); sorted by another metric or a
 *      prediction without a classification or tag: the metrics or
 *      predictions alone are sorted, then joined (DRIVEN below).  When that
 *      does not fill the page (a rare filter, undefined values or customers
 *      without metrics yet, a deep page), or
 *   4. for every other sort, or few customers: the driver's customers,
 *      sorted (undefined values last).  Its cost grows with the number of
 *      customers matching: measured by bench/customers.sh.
 */
#include <stdio.h>
#include <string.h>

#include "cu_int.h"
#include "salient/db.h"

/* Rows examined before a walk gives up for a sorted plan (step 3). */
#define WALK_CAP "20000"

/* The filters, in the order their values are bound (see bind_args). */
#define FILTERS \
	" AND c.placeholder = 0" \
	" AND (? IS NULL OR c.smart_type = ?)" \
	" AND (? IS NULL OR c.account_manager = ?)" \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM customer_tags ft" \
	"  WHERE ft.customer_id = c.id AND ft.tag = ?))" \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM customer_classifications fc" \
	"  WHERE fc.customer_id = c.id AND fc.classification_id = ?))" \
	" AND (? IS NULL OR ? = EXISTS (SELECT 1 FROM targets fg" \
	"  WHERE fg.customer_id = c.id AND fg.period_start <= ? AND fg.period_end >= ?))" \
	" AND (? IS NULL OR c.host_id = ? OR c.email LIKE ? OR c.first_name LIKE ?" \
	"  OR c.last_name LIKE ? OR (c.first_name LIKE ? AND c.last_name LIKE ?))" \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM customer_predictions fp" \
	"  WHERE fp.customer_id = c.id" \
	"  AND (? IS NULL OR fp.p_alive >= ?) AND (? IS NULL OR fp.p_alive <= ?)" \
	"  AND (? IS NULL OR fp.expected_orders_90d >= ?)" \
	"  AND (? IS NULL OR fp.expected_orders_90d <= ?)" \
	"  AND (? IS NULL OR fp.clv_12m >= ?) AND (? IS NULL OR fp.clv_12m <= ?)))"
#define NFILTER_ARGS 32

#define JOIN_MP \
	" LEFT JOIN customer_metrics m ON m.customer_id = c.id" \
	" LEFT JOIN customer_predictions p ON p.customer_id = c.id"

enum { D_CUST, D_CLASS, D_TAG, D_N };
_Static_assert(D_N == CU_NDRIVERS, "cu_int.h counts the drivers");

#define FROM_CUST "customers c" JOIN_MP
#define DRV_CUST "(1 OR ?)"
#define ID_CUST "c.id"
#define FROM_CLASS "customer_classifications cc STRAIGHT_JOIN customers c" \
	" ON c.id = cc.customer_id" JOIN_MP
#define DRV_CLASS "cc.classification_id = ?"
#define ID_CLASS "cc.customer_id"
#define FROM_TAG "customer_tags tg STRAIGHT_JOIN customers c ON c.id = tg.customer_id" JOIN_MP
#define DRV_TAG "tg.tag = ?"
#define ID_TAG "tg.customer_id"

/* The parameter letters: the driver and FILTERS' 32, then LIMIT and OFFSET. */
#define S33 "sssssssssssssssssssssssssssssssss"
#define S33II S33 "ii"

#define PAGE(FROM, DRV, ORDER) { \
	"SELECT c.id FROM " FROM " WHERE " DRV FILTERS " ORDER BY " ORDER " LIMIT ? OFFSET ?", S33II }
#define NULLS_LAST(COL, DIR) COL " IS NULL, " COL " " DIR ", c.id " DIR
/* the RFM cell, 100 R + 10 F + M (salient/rfm.h), of metrics row T */
#define RFM_CELL(T) "(" T ".rfm_r * 100 + " T ".rfm_f * 10 + " T ".rfm_m)"
/* CU_NSORTS entries, in enum cu_sort's order */
#define SORTS(FROM, DRV, ID, DIR) \
	PAGE(FROM, DRV, ID " " DIR), \
	PAGE(FROM, DRV, "c.last_name IS NULL, c.last_name " DIR ", c.first_name " DIR \
	    ", c.id " DIR), \
	PAGE(FROM, DRV, "c.host_id " DIR), \
	PAGE(FROM, DRV, NULLS_LAST("m.revenue_cur", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("m.revenue_change", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("m.orders_cur", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("m.risk_score", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("p.p_alive", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("p.expected_orders_90d", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST("p.clv_12m", DIR)), \
	PAGE(FROM, DRV, NULLS_LAST(RFM_CELL("m"), DIR))

/* The walks of step 3 (the driver slot is unused: "1 OR ?"). */
#define WALK(FROM, WHERE, ORDER) { \
	"SELECT c.id FROM " FROM " WHERE (1 OR ?)" WHERE FILTERS " ORDER BY " ORDER \
	" LIMIT ? OFFSET ? ROWS EXAMINED " WALK_CAP, S33II }
#define WALK_REVENUE(DIR) WALK("customer_metrics m FORCE INDEX (customer_metrics_revenue)" \
	" STRAIGHT_JOIN customers c ON c.id = m.customer_id" \
	" LEFT JOIN customer_predictions p ON p.customer_id = c.id", "", \
	"m.revenue_cur " DIR ", m.customer_id " DIR)
#define WALK_NAME(DIR) WALK("customers c FORCE INDEX (customers_name)" JOIN_MP, \
	" AND c.last_name IS NOT NULL", \
	"c.last_name " DIR ", c.first_name " DIR ", c.id " DIR)
#define WALK_HOST(DIR) WALK("customers c FORCE INDEX (customers_host)" JOIN_MP, "", \
	"c.host_id " DIR)
/* CU_NWALKS entries: the sorts CU_SORT_NAME to CU_SORT_REVENUE */
#define WALKS(DIR) WALK_NAME(DIR), WALK_HOST(DIR), WALK_REVENUE(DIR)

/*
 * Step 3 for the sorts with no index of their own (metrics and
 * predictions), when no classification or tag drives: the metrics or
 * predictions table alone is sorted (MariaDB sorts the first table of a
 * join before joining, so a million rows sort without a temporary table of
 * the join), then joined customer by customer until the page is full.  Only
 * rows with a defined value: when the page reaches the undefined ones
 * (or customers without a row yet), step 4 answers.
 */
#define DRIVEN_BY(TABLE, EXPR, DIR) { \
	"SELECT c.id FROM " TABLE " STRAIGHT_JOIN customers c ON c.id = x.customer_id" \
	" WHERE (1 OR ?) AND " EXPR " IS NOT NULL" FILTERS \
	" ORDER BY " EXPR " " DIR ", x.customer_id " DIR " LIMIT ? OFFSET ?", S33II }
#define DRIVEN(TABLE, COL, DIR) DRIVEN_BY(TABLE, "x." COL, DIR)
/* CU_NDRIVEN entries: the sorts CU_SORT_REVENUE_CHANGE to CU_SORT_RFM */
#define DRIVEN_SORTS(DIR) \
	DRIVEN("customer_metrics x", "revenue_change", DIR), \
	DRIVEN("customer_metrics x", "orders_cur", DIR), \
	DRIVEN("customer_metrics x", "risk_score", DIR), \
	DRIVEN("customer_predictions x", "p_alive", DIR), \
	DRIVEN("customer_predictions x", "expected_orders_90d", DIR), \
	DRIVEN("customer_predictions x", "clv_12m", DIR), \
	DRIVEN_BY("customer_metrics x", RFM_CELL("x"), DIR)

/* The capped total: "LIMIT 1001" is CU_COUNT_CAP + 1. */
#define COUNT(FROM, DRV) { \
	"SELECT COUNT(*) FROM (SELECT 1 FROM " FROM " WHERE " DRV FILTERS " LIMIT 1001) x", S33 }
#define COUNTS \
	COUNT("customers c", DRV_CUST), \
	COUNT("customer_classifications cc STRAIGHT_JOIN customers c ON c.id = cc.customer_id", \
	    DRV_CLASS), \
	COUNT("customer_tags tg STRAIGHT_JOIN customers c ON c.id = tg.customer_id", DRV_TAG)
/*
 * A classification alone: its members from its index, no customer read (a
 * run classifies real customers only, and a customer never turns back
 * into a placeholder), so a sparse classification costs no more than a
 * dense one.
 */
#define COUNT_CLASS { "SELECT COUNT(*) FROM (SELECT 1 FROM customer_classifications" \
	" WHERE classification_id = ? LIMIT 1001) x", "s" }

/* The export's rows, in internal id order (every driver's index is). */
/*
 * The export's columns after the numbers (cu_csv.h): contact, language,
 * the tags in byte order and the day of the last paid order through
 * orders_customer (one range per customer), LAST_DAY narrowing that.
 */
#define CONTACT_COLS(LAST_DAY) \
	" c.phone, c.postcode, c.city, c.country, c.language," \
	" (SELECT GROUP_CONCAT(t.tag ORDER BY t.tag SEPARATOR '; ') FROM customer_tags t" \
	"  WHERE t.customer_id = c.id)," \
	" (SELECT DATE_FORMAT(MAX(o.order_date), '%Y-%m-%d') FROM orders o" \
	"  WHERE o.customer_id = c.id AND o.status = 'paid'" LAST_DAY ")"
#define EXPORT(FROM, DRV, ID) { \
	"SELECT c.id, c.host_id, c.email, c.first_name, c.last_name, c.smart_type," \
	" c.account_manager, m.customer_id IS NOT NULL, m.revenue_cur, m.revenue_prev," \
	" m.orders_cur, m.orders_prev, m.risk_score, m.risk_change, m.revenue_rank," \
	" m.revenue_change, m.revenue_share," \
	" (SELECT GROUP_CONCAT(x.classification_id) FROM customer_classifications x" \
	"  WHERE x.customer_id = c.id)," \
	" p.customer_id IS NOT NULL, p.p_alive, p.expected_orders_90d, p.clv_12m," \
	CONTACT_COLS("") "," \
	" m.rfm_r, m.rfm_f, m.rfm_m" \
	" FROM " FROM " WHERE " DRV FILTERS " ORDER BY " ID, S33 }
#define EXPORTS EXPORT(FROM_CUST, DRV_CUST, ID_CUST), EXPORT(FROM_CLASS, DRV_CLASS, ID_CLASS), \
	EXPORT(FROM_TAG, DRV_TAG, ID_TAG)

/*
 * The report's months: the selection's paid orders through the covering
 * index orders_customer (customer_id, order_date, total, status), one
 * range per customer; placeholder orders have no order_date.
 */
#define REPORT(FROM, DRV) { \
	"SELECT DATE_FORMAT(o.order_date, '%Y-%m') AS month, SUM(o.total) AS revenue," \
	" COUNT(*) AS orders, COUNT(DISTINCT o.customer_id) AS customers" \
	" FROM " FROM " STRAIGHT_JOIN orders o FORCE INDEX (orders_customer)" \
	" ON o.customer_id = c.id AND o.order_date >= ? AND o.order_date <= ?" \
	" AND o.status = 'paid'" \
	" WHERE " DRV FILTERS " GROUP BY month ORDER BY month", "ss" S33 }
#define REPORTS REPORT(FROM_CUST, DRV_CUST), REPORT(FROM_CLASS, DRV_CLASS), \
	REPORT(FROM_TAG, DRV_TAG)
/*
 * The same for a category (with its subcategories: the tree below it,
 * UNION stopping on a cycle of parent_id) or a product, both by host id:
 * only the paid orders' lines of it count, a line's value being
 * line_total, else quantity x unit_price, else 0 (as the purchases
 * table's); orders and customers are those with such a line.  The
 * category's parameter comes first (the WITH), the product's and the
 * category's again (is one chosen) last.
 */
#define REPORT_LINES(FROM, DRV) { \
	"WITH RECURSIVE tree (id) AS (SELECT id FROM categories WHERE host_id = ?" \
	" UNION SELECT k.id FROM categories k JOIN tree t ON k.parent_id = t.id)" \
	" SELECT DATE_FORMAT(o.order_date, '%Y-%m') AS month," \
	" SUM(COALESCE(l.line_total, l.quantity * l.unit_price, 0)) AS revenue," \
	" COUNT(DISTINCT o.id) AS orders, COUNT(DISTINCT o.customer_id) AS customers" \
	" FROM " FROM " STRAIGHT_JOIN orders o FORCE INDEX (orders_customer)" \
	" ON o.customer_id = c.id AND o.order_date >= ? AND o.order_date <= ?" \
	" AND o.status = 'paid'" \
	" JOIN order_lines l ON l.order_id = o.id JOIN products pr ON pr.id = l.product_id" \
	" WHERE " DRV FILTERS " AND (? IS NULL OR pr.host_id = ?)" \
	" AND (? IS NULL OR pr.category_id IN (SELECT id FROM tree))" \
	" GROUP BY month ORDER BY month", "sss" S33 "sss" }
#define REPORTS_LINES REPORT_LINES(FROM_CUST, DRV_CUST), REPORT_LINES(FROM_CLASS, DRV_CLASS), \
	REPORT_LINES(FROM_TAG, DRV_TAG)

/*
 * Every statement of the module, in one table (enum cu_sql_id, cu_int.h).
 * The list's families run on from their first id in the order of the
 * macros above: [driver][desc][sort] pages, [desc][sort - CU_SORT_NAME]
 * walks, [desc][sort - CU_SORT_REVENUE_CHANGE] driven sorts, [driver]
 * counts, exports, reports and reports of lines.
 */
const struct sl_sql cu_sql[CU_NSQL] = {
	[CU_SQL_ROWS] = {
	    "SELECT c.id, c.host_id AS customer_id, c.first_name, c.last_name, c.email, c.smart_type,"
	    " c.account_manager, m.revenue_cur, m.revenue_prev, m.revenue_change, m.orders_cur,"
	    " m.risk_score, p.p_alive, p.expected_orders_90d, p.clv_12m,"
	    " m.rfm_r, m.rfm_f, m.rfm_m,"
	    " EXISTS (SELECT 1 FROM targets g WHERE g.customer_id = c.id AND g.period_start <= ?"
	    "  AND g.period_end >= ?) AS has_target,"
	    " (SELECT GROUP_CONCAT(x.classification_id) FROM customer_classifications x"
	    "  WHERE x.customer_id = c.id) AS class_ids"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, id INT UNSIGNED PATH '$')) j"
	    " JOIN customers c ON c.id = j.id"
	    " LEFT JOIN customer_metrics m ON m.customer_id = c.id"
	    " LEFT JOIN customer_predictions p ON p.customer_id = c.id ORDER BY j.ord",
	    "sss" },
	[CU_SQL_MANAGERS] = {
	    "SELECT DISTINCT account_manager FROM customers WHERE account_manager IS NOT NULL"
	    " AND account_manager <> '' ORDER BY account_manager LIMIT 500",
	    "" },
	[CU_SQL_NAME] = {
	    "SELECT id, host_id AS customer_id, first_name, last_name, email FROM customers"
	    " WHERE id = ? AND placeholder = 0",
	    "i" },
	[CU_SQL_CUSTOMER] = {
	    "SELECT id, host_id AS customer_id, first_name, last_name, email, phone, smart_type,"
	    " account_manager, postcode, city, country, language, subscriber, created_at"
	    " FROM customers WHERE id = ? AND placeholder = 0",
	    "i" },
	[CU_SQL_BY_HOST] = {
	    "SELECT id FROM customers WHERE host_id = ? AND placeholder = 0",
	    "s" },
	[CU_SQL_TAGS] = {
	    "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag",
	    "i" },
	[CU_SQL_METRICS] = {
	    "SELECT as_of, revenue_cur, revenue_prev, orders_cur, orders_prev, risk_score,"
	    " risk_change, revenue_rank, revenue_change, revenue_share, rfm_r, rfm_f, rfm_m"
	    " FROM customer_metrics WHERE customer_id = ?",
	    "i" },
	[CU_SQL_RECORD_CLASSES] = {
	    "SELECT k.id, k.title, k.colour, k.comments, k.starter_key, cc.since"
	    " FROM customer_classifications cc"
	    " JOIN classifications k ON k.id = cc.classification_id WHERE cc.customer_id = ?"
	    " ORDER BY k.type, k.smart_type, k.position, k.id",
	    "i" },
	/* orders_customer covers it: customer, day, value, status from the index */
	[CU_SQL_DAYS] = {
	    "SELECT order_date, total FROM orders FORCE INDEX (orders_customer)"
	    " WHERE customer_id = ? AND status = 'paid' AND order_date IS NOT NULL"
	    " AND order_date <= ? ORDER BY order_date",
	    "is" },
	[CU_SQL_ORDERS] = {
	    "SELECT host_id AS order_id, ordered_at, order_date, total, currency, status, channel"
	    " FROM orders WHERE customer_id = ? AND placeholder = 0"
	    " ORDER BY order_date DESC, id DESC LIMIT 20",
	    "i" },
	[CU_SQL_COMMENTS] = {
	    "SELECT id, text, author, created_at FROM customer_comments WHERE customer_id = ?"
	    " ORDER BY id DESC LIMIT 200",
	    "i" },
	[CU_SQL_CLASSES] = {
	    "SELECT id, title, colour, smart_type, starter_key FROM classifications "
	    "ORDER BY type, smart_type, position, id",
	    "" },
	[CU_SQL_ASOF_CUSTOMERS] = {
	    "SELECT c.id, c.host_id, c.email, c.first_name, c.last_name, c.smart_type,"
	    " c.account_manager, p.customer_id IS NOT NULL, p.p_alive, p.expected_orders_90d,"
	    " p.clv_12m," CONTACT_COLS(" AND o.order_date <= ?")
	    " FROM customers c LEFT JOIN customer_predictions p ON p.customer_id = c.id"
	    " WHERE c.placeholder = 0 ORDER BY c.id",
	    "s" },
	[CU_SQL_EXISTS] = {
	    "SELECT id FROM customers WHERE id = ? AND placeholder = 0",
	    "i" },
	[CU_SQL_COMMENT_INSERT] = {
	    "INSERT INTO customer_comments (customer_id, user_id, author, text) VALUES (?, ?, ?, ?)",
	    "isss" },
	[CU_SQL_LAST_ID] = {
	    "SELECT LAST_INSERT_ID() AS id",
	    "" },
	[CU_SQL_COMMENT_ONE] = {
	    "SELECT id, customer_id, text, author, created_at FROM customer_comments WHERE id = ?",
	    "i" },
	/* the report's form: categories by name (the select's first 1000) */
	[CU_SQL_CATEGORIES] = {
	    "SELECT host_id, name FROM categories WHERE placeholder = 0"
	    " ORDER BY name, host_id LIMIT 1000",
	    "" },
	[CU_SQL_CATEGORY] = {
	    "SELECT host_id, name FROM categories WHERE host_id = ? AND placeholder = 0",
	    "s" },
	[CU_SQL_PRODUCT] = {
	    "SELECT host_id, name, sku FROM products WHERE host_id = ? AND placeholder = 0",
	    "s" },
	[CU_SQL_COUNT_CLASS] = COUNT_CLASS,
	[CU_SQL_COUNT] = COUNTS,
	[CU_SQL_EXPORT] = EXPORTS,
	[CU_SQL_REPORT] = REPORTS,
	[CU_SQL_REPORT_LINES] = REPORTS_LINES,
	[CU_SQL_PAGE] =
	SORTS(FROM_CUST, DRV_CUST, ID_CUST, "ASC"), SORTS(FROM_CUST, DRV_CUST, ID_CUST, "DESC"),
	SORTS(FROM_CLASS, DRV_CLASS, ID_CLASS, "ASC"), SORTS(FROM_CLASS, DRV_CLASS, ID_CLASS, "DESC"),
	SORTS(FROM_TAG, DRV_TAG, ID_TAG, "ASC"), SORTS(FROM_TAG, DRV_TAG, ID_TAG, "DESC"),
	[CU_SQL_WALK] = WALKS("ASC"), WALKS("DESC"),
	[CU_SQL_DRIVEN] = DRIVEN_SORTS("ASC"), DRIVEN_SORTS("DESC"),
};

/* The table's ids of the list's families. */
static int page_id(int drv, int desc, enum cu_sort sort)
{
	return CU_SQL_PAGE + (drv * 2 + desc) * CU_NSORTS + (int)sort;
}

static int walk_id(int desc, enum cu_sort sort)
{
	return sort >= CU_SORT_NAME && sort < CU_SORT_NAME + CU_NWALKS ?
	    CU_SQL_WALK + desc * CU_NWALKS + (int)(sort - CU_SORT_NAME) : -1;
}

static int driven_id(int desc, enum cu_sort sort)
{
	return sort >= CU_SORT_REVENUE_CHANGE && sort < CU_SORT_REVENUE_CHANGE + CU_NDRIVEN ?
	    CU_SQL_DRIVEN + desc * CU_NDRIVEN + (int)(sort - CU_SORT_REVENUE_CHANGE) : -1;
}

/* A search narrows most and has its own indexes: it drives when present. */
static int driver_of(const struct cu_filter *f)
{
	if (f->q != NULL)
		return D_CUST;
	return f->classification > 0 ? D_CLASS : f->tag != NULL ? D_TAG : D_CUST;
}

/* True when a prediction range is set. */
static int ranged(const struct cu_filter *f)
{
	int k;

	for (k = 0; k < CU_NRANGES; k++)
		if (f->range[k] != NULL)
			return 1;
	return 0;
}

/* True when the classification is the only filter. */
static int class_only(const struct cu_filter *f)
{
	return f->classification > 0 && f->q == NULL && f->smart_type == NULL &&
	    f->manager == NULL && f->tag == NULL && f->has_target < 0 && !ranged(f);
}

/* The driver's value and the filters' values, in FILTERS' order. */
static void bind_args(const struct cu_filter *f, int drv, const char *a[NFILTER_ARGS + 1])
{
	const char *cls = drv == D_CLASS || f->classification == 0 ? NULL : f->classification_s;
	const char *tag = drv == D_TAG ? NULL : f->tag;
	const char *tflag = f->has_target < 0 ? NULL : f->has_target ? "1" : "0";
	const char *qp = f->q ? f->q_prefix : NULL;
	int i = 0, k;

	a[i++] = drv == D_CLASS ? f->classification_s : drv == D_TAG ? f->tag : NULL;
	a[i++] = f->smart_type;
	a[i++] = f->smart_type;
	a[i++] = f->manager;
	a[i++] = f->manager;
	a[i++] = tag;
	a[i++] = tag;
	a[i++] = cls;
	a[i++] = cls;
	a[i++] = tflag;
	a[i++] = tflag;
	a[i++] = f->today;
	a[i++] = f->today;
	a[i++] = f->q;
	a[i++] = f->q;
	a[i++] = qp;
	a[i++] = qp;
	a[i++] = qp;
	/* one word: the "first last" pair repeats the prefix (a subset of the
	 * other arms): NULL there would leave that arm without an index range
	 * and turn the whole search into a scan of every customer */
	a[i++] = f->q && f->q_two ? f->q_first : qp;
	a[i++] = f->q && f->q_two ? f->q_last : qp;
	a[i++] = ranged(f) ? "1" : NULL;
	for (k = 0; k < CU_NRANGES; k++) {
		a[i++] = f->range[k];
		a[i++] = f->range[k];
	}
}

#define A33(a) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], \
	a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19], a[20], a[21], \
	a[22], a[23], a[24], a[25], a[26], a[27], a[28], a[29], a[30], a[31], a[32]

/* Prepares and runs statement id with f's values (and LIMIT/OFFSET when
 * lim >= 0: the statements ending in "ii"). */
static struct sl_stmt *run(struct sl_db *db, int id, const struct cu_filter *f,
    int drv, long long lim, long long off)
{
	const char *a[NFILTER_ARGS + 1];
	struct sl_stmt *st;

	bind_args(f, drv, a);
	if ((st = sl_db_stmt(db, cu_sql[id].sql)) == NULL)
		return NULL;
	if ((lim >= 0 ? sl_stmt_exec(st, cu_sql[id].types, A33(a), lim, off) :
	    sl_stmt_exec(st, cu_sql[id].types, A33(a))) != 0)
		return NULL;
	return st;
}

/* Reads the ids of a page statement; returns how many, or -1. */
static int fetch_ids(struct sl_stmt *st, long long *ids, int max)
{
	int n = 0, rc;

	while ((rc = sl_stmt_fetch(st)) == 1)
		if (n < max)
			ids[n++] = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	return rc < 0 ? -1 : n;
}

int cu_list_ids(struct sl_db *db, const struct cu_filter *f, long long *ids,
    long long *total, const char **plan)
{
	struct sl_stmt *st;
	int drv = driver_of(f), want = (int)f->per_page + 1, walk = walk_id(f->desc, f->sort), n;
	int driven = driven_id(f->desc, f->sort);
	long long off = (f->page - 1) * f->per_page;
	/* which statement answered, for the view model, the logs and the bench */
	static const char *const plans[D_N][3] = {
		{ "customers/index", "customers/walk", "customers/sort" },
		{ "classification/index", "classification/walk", "classification/sort" },
		{ "tag/index", "tag/walk", "tag/sort" },
	};

	if (class_only(f)) {
		if ((st = sl_db_stmt(db, cu_sql[CU_SQL_COUNT_CLASS].sql)) == NULL ||
		    sl_stmt_exec(st, cu_sql[CU_SQL_COUNT_CLASS].types, f->classification_s) != 0)
			return -1;
	} else if ((st = run(db, CU_SQL_COUNT + drv, f, drv, -1, 0)) == NULL)
		return -1;
	*total = 0;
	if (sl_stmt_fetch(st) == 1)
		*total = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	*plan = plans[drv][f->sort == CU_SORT_ADDED ? 0 : 2];
	if (*total == 0 || (*total <= CU_COUNT_CAP && off >= *total))
		return 0;
	if (*total > CU_COUNT_CAP && f->sort != CU_SORT_ADDED && walk >= 0) {
		/* a walk has no driver: every filter, the classification's and the
		 * tag's too, is checked row by row (bound as for D_CUST) */
		if ((st = run(db, walk, f, D_CUST, want, off)) == NULL ||
		    (n = fetch_ids(st, ids, want)) < 0)
			return -1;
		if (n == want) {
			*plan = plans[drv][1];
			return n;
		}
	}
	if (*total > CU_COUNT_CAP && drv == D_CUST && driven >= 0) {
		if ((st = run(db, driven, f, D_CUST, want, off)) == NULL ||
		    (n = fetch_ids(st, ids, want)) < 0)
			return -1;
		if (n == want) {
			*plan = plans[drv][1];
			return n;
		}
	}
	if ((st = run(db, page_id(drv, f->desc, f->sort), f, drv, want, off)) == NULL)
		return -1;
	return fetch_ids(st, ids, want);
}

int cu_export_rows(struct sl_db *db, const struct cu_filter *f,
    int (*cb)(void *ctx, struct sl_stmt *st), void *ctx)
{
	struct sl_stmt *st;
	int drv = driver_of(f), rc;

	if ((st = run(db, CU_SQL_EXPORT + drv, f, drv, -1, 0)) == NULL)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1)
		if ((rc = cb(ctx, st)) != 0)
			break;
	sl_stmt_done(st);
	return rc < 0 ? -1 : rc;
}

struct json_object *cu_report_months(struct sl_db *db, const struct cu_filter *f,
    const char *from, const char *to)
{
	const char *a[NFILTER_ARGS + 1];
	int drv = driver_of(f);

	bind_args(f, drv, a);
	if (f->category == NULL && f->product == NULL)
		return sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_REPORT + drv), from, to, A33(a));
	return sl_db_rows(db, SL_SQL(cu_sql, CU_SQL_REPORT_LINES + drv), f->category, from, to,
	    A33(a), f->product, f->product, f->category);
}

const char *const cu_tables[] = { "customer_comments", NULL };
