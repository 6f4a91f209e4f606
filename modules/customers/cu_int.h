/*
 * cu_int.h - private to modules/customers: the customer manager (issue 6
 * items 4-6, issue 8's columns).
 *
 *   cu_module.c   routes, navigation, the `salient export` command
 *   cu_filter.c   the list's inputs, validated once: search, filters,
 *                 sort, paging; and the query strings of its links
 *   cu_sql.c      the list's statements and which one answers a page
 *   cu_classes.c  the classifications (titles, colours, tier order)
 *   cu_list.c     GET /admin/customers and /api/v1/customers
 *   cu_export.c   the CSV: web downloads and `salient export customers`
 *   cu_record.c   GET /admin/customers/{id} and /api/v1/customers/{id}
 *   cu_comments.c POST .../customers/{id}/comments
 *   cu_report.c   GET /admin/reports/orders and /api/v1/reports/orders
 *   cu_csv.c, cu_history.c  pure computation (cu_csv.h, cu_history.h)
 */
#ifndef SALIENT_CU_INT_H
#define SALIENT_CU_INT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/url.h"

struct sl_db;
struct sl_stmt;

/* Limits of the inputs (bytes unless said otherwise). */
#define CU_TEXT_MAX 100            /* q, manager, tag */
#define CU_PER_PAGE 50             /* default page size */
#define CU_PER_PAGE_MAX 200
#define CU_PAGE_MAX 100000
/* The total is counted up to this many; beyond it the page says "1,000+". */
#define CU_COUNT_CAP 1000
/* A comment holds at most this many characters (UTF-8 code points). */
#define CU_COMMENT_MAX 2000
/* ... and so at most this many bytes (the input's bound). */
#define CU_COMMENT_BYTES (CU_COMMENT_MAX * 4)

/* The sort keys of the list, in the order of the statement tables. */
enum cu_sort {
	CU_SORT_ADDED = 0,   /* newest customer first: the default */
	CU_SORT_NAME,
	CU_SORT_CUSTOMER_ID,
	CU_SORT_REVENUE,
	CU_SORT_REVENUE_CHANGE,
	CU_SORT_ORDERS,
	CU_SORT_RISK,
	CU_SORT_P_ALIVE,
	CU_SORT_EXPECTED_ORDERS,
	CU_SORT_CLV,
	CU_SORT_RFM,         /* the RFM cell: R, then F, then M */
	CU_NSORTS
};

/* Names of the sort keys in URLs and JSON ("added", "name", ...), NULL-ended
 * (the choices of the input sort). */
extern const char *const cu_sort_names[CU_NSORTS + 1];
/* "asc", "desc", NULL: the choices of the input dir. */
extern const char *const cu_dir_names[3];
extern const char *const cu_smart_types[4];
/* The catalog key of each sort key's column label. */
extern const char *const cu_sort_labels[CU_NSORTS];

/* The prediction ranges of the list's filters (issue 8). */
enum cu_range {
	CU_P_ALIVE_MIN = 0, CU_P_ALIVE_MAX, CU_EXPECTED_MIN, CU_EXPECTED_MAX,
	CU_CLV_MIN, CU_CLV_MAX, CU_NRANGES
};

/*
 * The list's inputs after validation.  Every string is NULL when the
 * filter is not set; the numeric ones keep their text as sent (bound to
 * the statements as text, compared by MariaDB as numbers).
 */
struct cu_filter {
	const char *q;                    /* the search, trimmed (q_s) */
	char q_s[CU_TEXT_MAX + 1];
	char q_prefix[CU_TEXT_MAX * 2 + 2];  /* LIKE pattern: escaped q + '%' */
	char q_first[CU_TEXT_MAX * 2 + 2];   /* "first last": first word + '%' */
	char q_last[CU_TEXT_MAX * 2 + 2];    /* the rest + '%' */
	int q_two;                        /* q_first/q_last are set */
	long long classification;         /* 0: none */
	char classification_s[24];
	const char *smart_type, *manager, *tag;
	int has_target;                   /* -1 any, 0 without, 1 with */
	const char *range[6];             /* enum cu_range: the text bound */
	char range_s[6][32];
	enum cu_sort sort;
	int desc;
	int sort_given;                   /* sort or dir came in the request */
	long long page, per_page;
	char today[16];                   /* "YYYY-MM-DD": targets in force */
	/* the order analysis report's own (CU_ORDERS_INPUTS; report set) */
	int report;
	const char *from, *to;            /* the order date range, as given */
	const char *category, *product;   /* host ids */
};

/*
 * The list's declared inputs (salient/input.h), validated by the core:
 * CU_LIST_INPUTS the filters, sort and paging; CU_ORDERS_INPUTS the order
 * analysis report's own (with the list's).  Entries of a route's table,
 * which ends them with its own and { 0 }.
 */
#define CU_BASE_INPUTS \
	{ "classification", SL_IN_UINT, .min = 1, .max = 4294967295LL }, \
	{ "manager", SL_IN_TEXT, .min = 1, .max = CU_TEXT_MAX }, \
	{ "sort", SL_IN_ENUM, .choices = cu_sort_names }, \
	{ "dir", SL_IN_ENUM, .choices = cu_dir_names }, \
	{ "page", SL_IN_UINT, .min = 1, .max = CU_PAGE_MAX }, \
	{ "per_page", SL_IN_UINT, .min = 1, .max = CU_PER_PAGE_MAX }
/* The ranges are decimals: p_alive 0..1 with 6 decimals, expected orders
 * 0..1e9 and CLV 0..1e12 with 4. */
#define CU_LIST_INPUTS CU_BASE_INPUTS, \
	{ "q", SL_IN_TEXT, .min = 1, .max = CU_TEXT_MAX }, \
	{ "tag", SL_IN_TEXT, .min = 1, .max = CU_TEXT_MAX }, \
	{ "smart_type", SL_IN_ENUM, .choices = cu_smart_types }, \
	{ "has_target", SL_IN_BOOL, .flags = 0 }, \
	{ "p_alive_min", SL_IN_DECIMAL, .places = 6, .min = 0, .max = 1000000 }, \
	{ "p_alive_max", SL_IN_DECIMAL, .places = 6, .min = 0, .max = 1000000 }, \
	{ "expected_orders_min", SL_IN_DECIMAL, .places = 4, .min = 0, .max = 10000000000000LL }, \
	{ "expected_orders_max", SL_IN_DECIMAL, .places = 4, .min = 0, .max = 10000000000000LL }, \
	{ "clv_min", SL_IN_DECIMAL, .places = 4, .min = 0, .max = 10000000000000000LL }, \
	{ "clv_max", SL_IN_DECIMAL, .places = 4, .min = 0, .max = 10000000000000000LL }
/* The report's order date range and the category (its subcategories
 * included) or product whose lines count, by the host's ids. */
#define CU_ORDERS_INPUTS CU_LIST_INPUTS, \
	{ "from", SL_IN_DATE, .flags = 0 }, \
	{ "to", SL_IN_DATE, .flags = 0 }, \
	{ "category", SL_IN_TEXT, .min = 1, .max = 64 }, \
	{ "product", SL_IN_TEXT, .min = 1, .max = 64 }

/*
 * The list's filters from the typed inputs (CU_LIST_INPUTS); report 1 also
 * reads the report's (CU_ORDERS_INPUTS), which then go into the query
 * strings and the JSON as well.
 */
void cu_filter_read(const struct sl_req *req, struct cu_filter *f, int report);

/*
 * Appends f's query pairs to u, with page and sort/dir replaced by the
 * arguments (page 0 or 1: left out; sort -1: f's own).  0, or -1 when u
 * overflowed (it is then unusable).
 */
int cu_filter_url(const struct cu_filter *f, long long page, int sort, int desc,
    struct sl_url *u);

/*
 * Adds key to o: the link base + suffix + f's query (as cu_filter_url()).
 * A link that does not fit SL_URL_MAX is logged and left out (null): the
 * page stays right without it, where a cut link would drop filters.
 */
void cu_filter_href(struct json_object *o, const char *key, const struct cu_filter *f,
    const char *base, const char *suffix, long long page, int sort, int desc);

/* The filters as JSON for the view model (and the form's values). */
struct json_object *cu_filter_json(const struct cu_filter *f);

/* ---- the classifications (cu_classes.c) ---- */

struct cu_class {
	long long id;
	char title[401];          /* VARCHAR(100): up to 4 bytes a character */
	char colour[8];
	char smart_type[16];
	int rank;                 /* position in tier order */
};

/* Every classification in tier order: type, smart type, position, id. */
struct cu_classes {
	struct cu_class *v;
	size_t n;
	int *by_id;               /* index into v + 1 by id, 0 = none */
	long long max_id;
};

/* The text of field ("title", "comments") of a classification: the
 * catalog's in req's language (the command line's when req is NULL) for a
 * starter one the shop has not edited (starter_key set, salient/classify.h),
 * else stored.  Borrowed. */
const char *cu_starter_text(const struct sl_req *req, const char *starter_key,
    const char *field, const char *stored);
/* Loads them, a starter classification titled in req's language (the
 * command line's when req is NULL); 0, or -1 (database; logged by the
 * caller).  Free with cu_classes_free(). */
int cu_classes_load(struct sl_db *db, const struct sl_req *req, struct cu_classes *c);
void cu_classes_free(struct cu_classes *c);
/* The classification of id, or NULL. */
const struct cu_class *cu_class_find(const struct cu_classes *c, long long id);
/* Sorts ids (classification ids) into tier order; unknown ids last. */
void cu_class_sort(const struct cu_classes *c, long long *ids, size_t n);
/* Reads "3,7,12" (GROUP_CONCAT of classification ids) into ids, at most
 * max of them; stops at the first entry that is not a number.  The count. */
size_t cu_class_ids(const char *list, long long *ids, size_t max);
/* [{id, title, colour}] of ids, in tier order (ids is sorted in place). */
struct json_object *cu_badges_json(const struct cu_classes *c, long long *ids, size_t n);

/* ---- the statements (cu_sql.c) ---- */

/* The list's drivers (cu_sql.c), walked sorts and driven sorts. */
#define CU_NDRIVERS 3
#define CU_NWALKS 3      /* CU_SORT_NAME, CU_SORT_CUSTOMER_ID, CU_SORT_REVENUE */
#define CU_NDRIVEN 7     /* CU_SORT_REVENUE_CHANGE to CU_SORT_RFM */

/* The module's statements: sl_db_*(db, SL_SQL(cu_sql, CU_SQL_X), ...). */
enum cu_sql_id {
	CU_SQL_ROWS,             /* the list's page rows (cu_list.c) */
	CU_SQL_MANAGERS,
	CU_SQL_NAME,
	CU_SQL_CUSTOMER,         /* the record (cu_record.c) */
	CU_SQL_BY_HOST,
	CU_SQL_TAGS,
	CU_SQL_METRICS,
	CU_SQL_RECORD_CLASSES,
	CU_SQL_DAYS,
	CU_SQL_ORDERS,
	CU_SQL_COMMENTS,
	CU_SQL_CLASSES,          /* cu_classes.c */
	CU_SQL_ASOF_CUSTOMERS,   /* cu_export.c */
	CU_SQL_EXISTS,           /* cu_comments.c */
	CU_SQL_COMMENT_INSERT,
	CU_SQL_LAST_ID,
	CU_SQL_COMMENT_ONE,
	CU_SQL_CATEGORIES,       /* the report (cu_report.c) */
	CU_SQL_CATEGORY,
	CU_SQL_PRODUCT,
	CU_SQL_COUNT_CLASS,      /* the list (cu_sql.c): a classification's total */
	CU_SQL_COUNT,            /* + driver */
	CU_SQL_EXPORT = CU_SQL_COUNT + CU_NDRIVERS,
	CU_SQL_REPORT = CU_SQL_EXPORT + CU_NDRIVERS,
	CU_SQL_REPORT_LINES = CU_SQL_REPORT + CU_NDRIVERS,
	CU_SQL_PAGE = CU_SQL_REPORT_LINES + CU_NDRIVERS,        /* + (driver * 2 + desc) * CU_NSORTS + sort */
	CU_SQL_WALK = CU_SQL_PAGE + CU_NDRIVERS * 2 * CU_NSORTS,
	CU_SQL_DRIVEN = CU_SQL_WALK + 2 * CU_NWALKS,
	CU_NSQL = CU_SQL_DRIVEN + 2 * CU_NDRIVEN
};
extern const struct sl_sql cu_sql[CU_NSQL];
/* The tables the module owns (writes), NULL-ended. */
extern const char *const cu_tables[];

/*
 * The ids of the customers on f's page, in order: up to per_page + 1 ids
 * (one more tells there is a next page) into ids (room for
 * CU_PER_PAGE_MAX + 1).  *total is the number of customers matching, up to
 * CU_COUNT_CAP + 1 (more than the cap: "1,000+").  *plan names the
 * statement that answered (for the bench and the logs).  Returns the
 * number of ids, or -1 (database).
 */
int cu_list_ids(struct sl_db *db, const struct cu_filter *f, long long *ids,
    long long *total, const char **plan);

/*
 * The CSV of the customers matching f (sort and page ignored), in
 * internal id order, streamed: for each customer, cb(ctx, stmt) with the
 * row of cu_sql_export_cols.  Returns 0, cb's non-zero value, or -1.
 */
int cu_export_rows(struct sl_db *db, const struct cu_filter *f,
    int (*cb)(void *ctx, struct sl_stmt *st), void *ctx);

/* The monthly revenue of f's selection: rows {month "YYYY-MM", revenue,
 * orders, customers} from..to (dates), or NULL (database).  With f's
 * category or product, only those lines count (cu_report.c). */
struct json_object *cu_report_months(struct sl_db *db, const struct cu_filter *f,
    const char *from, const char *to);

/* ---- shared helpers (cu_list.c) ---- */

/* A list's view model for f (customers, total, pager, sort links, options),
 * with links below base ("/admin/customers"). NULL on a database error. */
struct json_object *cu_list_model(struct sl_req *req, const struct cu_filter *f,
    const char *base);

/* {"value": v, "text": "12.50"} for a DECIMAL column value (borrowed). */
struct json_object *cu_money_json(const char *lang, struct json_object *v);
/* {"value": v, "text": "12.5%"}-like texts for a double with places. */
struct json_object *cu_number_json(const char *lang, struct json_object *v, int places,
    int percent);
/* Sets key of dst to row's metric key as {value, text} in its unit (cu_list.c). */
void cu_metric_add(struct json_object *dst, struct json_object *row, const char *key,
    const char *lang);
/*
 * Sets "rfm" of dst from row's rfm_r, rfm_f and rfm_m (customer_metrics):
 * {r, f, m, cell, text "5-4-3", best, lost} (salient/rfm.h), or null when
 * the customer has no scores (no paid order in the run's period).
 */
void cu_rfm_add(struct json_object *dst, struct json_object *row);
/* A string column of row, or NULL. */
const char *cu_str(struct json_object *row, const char *key);
/* The display name (salient/name.h) of a customers row: first_name,
 * last_name, email, customer_id. */
void cu_row_name(struct json_object *row, char *buf, size_t len);
/* Today in the site's time zone, "YYYY-MM-DD". */
void cu_today(char *buf, size_t len);
/* After the comment dialog (?commented=ID, a declared uint input):
 * m.commented = {id, name}. */
void cu_commented(struct sl_req *req, struct json_object *m);

/* ---- handlers ---- */

int cu_list(struct sl_req *req, struct sl_resp *resp);
int cu_csv_download(struct sl_req *req, struct sl_resp *resp);
int cu_xlsx_download(struct sl_req *req, struct sl_resp *resp);
int cu_record(struct sl_req *req, struct sl_resp *resp);
int cu_by_host(struct sl_req *req, struct sl_resp *resp);
int cu_comment_add(struct sl_req *req, struct sl_resp *resp);
int cu_report(struct sl_req *req, struct sl_resp *resp);

/* `salient export customers [--as-of DATE] [--out FILE]` */
int cu_cmd_export(int argc, char **argv);

#endif
