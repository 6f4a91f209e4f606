/*
 * tr_int.h - the trade module's private parts: one customer's loaded data
 * (struct tr_ctx) that the view models of salient/trade.h are built from, so a
 * page that shows everything reads each thing once; the settings; the
 * handlers.
 */
#ifndef SALIENT_TRADE_INT_H
#define SALIENT_TRADE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"

struct sl_db;

#define TR_TOP_DEFAULT 5
#define TR_SUGGEST_MAX 50

/* The trade settings a page uses (tr_opts_read()). */
struct tr_opts {
	int summary;            /* trade_summary: show the sales summary */
	int tag_filter;         /* trade_tag_filter */
	char *tag_groups;       /* trade_tag_groups: "manufacturer,material" */
	int suggestions;        /* trade_suggestions: how many */
	char *url_pattern;      /* trade_product_url, "" = no links */
	char *smart_types;      /* account_smart_types: "trade,distributor" */
};

/* Reads the settings in one round trip; 0, or -1 (then free anyway). */
int tr_opts_read(struct sl_db *db, struct tr_opts *o);
/* The same from the thread's cache while the settings' version (read with
 * the customer's figures, tr_ctx_load()) is unchanged: no round trip. */
int tr_opts_read_at(struct sl_db *db, long long version, struct tr_opts *o);
void tr_opts_free(struct tr_opts *o);

/* One product the customer bought (up to T), with its revenue in C.  The
 * texts are borrowed from the context's catalogue snapshot (NULL: unknown). */
struct tr_prod {
	uint32_t id;
	uint32_t category_id;   /* 0 = none */
	uint32_t parent_id;     /* the category's parent, 0 = none */
	int64_t rev_cur;        /* ten-thousandths, in C */
	int64_t qty_cur;
	const char *name, *sku, *category, *parent;
};

/* One of the customer's targets with its actual as of T. */
struct tr_tgt {
	long long id;
	int64_t start, end, amount, actual;
};

#define TR_MAX_TARGETS 200

/*
 * What a customer's figures need besides its orders, as one text (read by
 * tr_ctx_load()): the settings' version, the latest popularity run's id,
 * then "ID START END AMOUNT" for each of the customer's targets.  cust is
 * the SQL of the customer's id: "?" or, in the module's
 * customer_session_sql, "s.customer_id".
 */
#define TR_FACTS_SQL(cust) \
    "CONCAT_WS(' ', " SL_SETTINGS_VERSION_SQL ", " \
    "(SELECT COALESCE(MAX(id), 0) FROM trade_popularity_runs), " \
    "(SELECT GROUP_CONCAT(CONCAT_WS(' ', t.id, t.period_start, t.period_end, t.amount) " \
    "ORDER BY t.period_start, t.id SEPARATOR ' ') FROM targets t WHERE t.customer_id = " \
    cust "))"

struct tr_disc;

struct tr_ctx {
	struct sl_db *db;
	long long cid;
	const char *lang;
	int64_t t;
	char t_iso[11];
	int64_t b[25];             /* tr_month_bounds(): b[12] = C's from, b[0] = Q's */
	const char *facts;         /* TR_FACTS_SQL's text when the caller has it
	                              (sl_req_session_data()), else NULL: read */
	/* tr_ctx_load(): everything below */
	int loaded;
	long long run;             /* the latest popularity run's id */
	long long settings_version; /* SL_SETTINGS_VERSION_SQL, -1 = unknown */
	char currency[8];          /* "" = none */
	int64_t slice_rev[24];
	int64_t slice_orders[24];
	struct tr_prod *prod;      /* by product id */
	size_t nprod;
	uint32_t *bought;          /* product ids, sorted */
	size_t nbought;
	uint32_t *bought_cats;     /* category ids, sorted */
	size_t nbought_cats;
	struct tr_tgt tgt[TR_MAX_TARGETS];
	size_t ntgt;
	struct tr_disc *disc;      /* the catalogue snapshot (a reference) */
};

/* Starts a context; -1 when as_of (NULL = today) is not a date. */
int tr_ctx_init(struct tr_ctx *c, struct sl_db *db, long long cid, const char *as_of,
    const char *lang);
void tr_ctx_free(struct tr_ctx *c);
/*
 * Loads the customer's figures: its facts (TR_FACTS_SQL, from c->facts or
 * one query) and its paid orders up to T (one query): the summary's monthly
 * slices, every line aggregated per product, its targets with their
 * actuals, its currency and the latest popularity run; then takes the
 * catalogue snapshot.  Once per context; 0 or -1 (logged).
 */
int tr_ctx_load(struct tr_ctx *c);

/* The view models of salient/trade.h from a context (loading what they need);
 * NULL on failure. */
struct json_object *tr_summary_model(struct tr_ctx *c);
/* staff: with the top groups and tags (salient/trade.h), which the customer's
 * own page does not show */
struct json_object *tr_top_model(struct tr_ctx *c, int limit, int staff);
struct json_object *tr_target_model(struct tr_ctx *c);
struct json_object *tr_suggest_model(struct tr_ctx *c, const struct tr_opts *o, int limit);
/* tr_customer()'s model: 1 found, 0 not, -1 error. */
int tr_customer_model(struct sl_db *db, long long cid, struct json_object **out);

/* ---- view model pieces (tr_model.c) ---- */

/* {"amount": exact, "currency", "text"} of ten-thousandths v. */
struct json_object *tr_money(const char *lang, int64_t v, const char *currency);
/* Adds key (ISO date of day) and key_text to obj. */
void tr_add_date(struct json_object *obj, const char *lang, const char *key, int64_t day);
/* "YYYY-MM-DD" of a day number into buf (11 bytes or more). */
char *tr_iso(int64_t day, char *buf, size_t len);
/* Today in the site's time zone, as a day number. */
int64_t tr_today(void);
/* A string member of a row or NULL. */
const char *tr_str(struct json_object *o, const char *key);

/* ---- handlers ---- */
/* The module's statements (trade_sql.c). */
enum tr_sql_id {
	TR_LIST_CUSTOMER,
	TR_LIST_CUSTOMER_DESC,
	TR_LIST_MANAGER,
	TR_LIST_MANAGER_DESC,
	TR_LIST_START,
	TR_LIST_START_DESC,
	TR_LIST_END,
	TR_LIST_END_DESC,
	TR_LIST_AMOUNT,
	TR_LIST_AMOUNT_DESC,
	TR_LIST_ACTUAL,
	TR_LIST_ACTUAL_DESC,
	TR_LIST_PROGRESS,
	TR_LIST_PROGRESS_DESC,
	TR_LIST_FORECAST,
	TR_LIST_FORECAST_DESC,
	TR_TARGETS_COUNT,
	TR_TARGET_MANAGERS,
	TR_TARGET_ONE,
	TR_TARGET_LOCK,
	TR_TARGET_OVERLAP,
	TR_TARGET_INSERT,
	TR_TARGET_UPDATE,
	TR_TARGET_DELETE,
	TR_CUSTOMER_BY_HOST,
	TR_CUSTOMER,
	/* the popularity ranking (popularity.c) and its reading (tr_disc.c) */
	TR_MAX_PRODUCT,
	TR_MAX_CATEGORY,
	TR_PRODUCT_CATS,
	TR_LINES,
	TR_DROP_PN,
	TR_DROP_CN,
	TR_NEW_P,
	TR_NEW_C,
	TR_FILL_P,
	TR_FILL_C,
	TR_SWAP,
	TR_DROP_PO,
	TR_DROP_CO,
	TR_RUN,
	TR_LATEST_RUN,
	TR_CATALOGUE,
	TR_PRODUCT_URLS,	/* products with a url of their own (the settings page) */
	TR_CATEGORY_NAMES,
	TR_PRODUCTS,
	TR_CATEGORIES,
	TR_PAIRS,
	TR_TAGS,
	TR_LATEST,
	/* one customer's facts and orders (tr_ctx.c) */
	TR_FACTS,
	TR_ORDERS,
	TR_NSQL
};
extern const struct sl_sql tr_sql[TR_NSQL];
/* The tables the module owns, NULL-terminated. */
extern const char *const tr_tables[];

/* The targets report's inputs' choices (targets.c), NULL-terminated. */
extern const char *const tr_target_states[];
extern const char *const tr_target_sorts[];
extern const char *const tr_dirs[];
/* The report's pages: 50 rows each, this many at most. */
#define TR_TARGET_PAGES 1000000

int tr_account(struct sl_req *req, struct sl_resp *resp);          /* pages.c */
int tr_staff_view(struct sl_req *req, struct sl_resp *resp);
int tr_staff_target(struct sl_req *req, struct sl_resp *resp);
int tr_staff_target_delete(struct sl_req *req, struct sl_resp *resp);
int tr_targets_report(struct sl_req *req, struct sl_resp *resp);   /* targets.c */
int tr_targets_csv(struct sl_req *req, struct sl_resp *resp);
int tr_api_target_get(struct sl_req *req, struct sl_resp *resp);   /* targets_api.c */
int tr_api_target_create(struct sl_req *req, struct sl_resp *resp);
int tr_api_target_update(struct sl_req *req, struct sl_resp *resp);
int tr_api_target_delete(struct sl_req *req, struct sl_resp *resp);

/* ---- the popularity job (popularity.c) ---- */
struct tr_pop_stats {
	long long customers, lines, products, categories;
	double seconds;
};
int tr_popularity_run(struct sl_db *db, int64_t t, struct sl_job *job, struct tr_pop_stats *st,
    char *err, size_t errlen);
int tr_job_popularity(struct sl_job *job);
int tr_cmd_popularity(int argc, char **argv);

#endif
