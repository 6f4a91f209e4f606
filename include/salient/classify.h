/*
 * classify.h - the classifications module's API for the other modules: the
 * metric types and smart types by name, and a classification run's
 * computation, in memory, nothing written (DESIGN.md section 5).
 *
 * cl_compute() reads the settings (timeframe), the classifications, the
 * customers, their predictions (customer_predictions) and, in one streamed
 * pass, the paid orders on or before the as-of day; it computes every customer's metrics, the revenue ranks and
 * shares per population, and the classifications each customer holds as of
 * that day.  Nothing is written: cl_recompute() (recompute.c) stores a
 * result; `salient export customers --as-of DATE` prints one.
 *
 * Ownership: the result owns everything it points to, including the strings
 * and arrays a struct cl_row points into; they live until cl_result_free().
 * A result is read-only after cl_compute() returns, so several threads may
 * read one result at the same time.
 */
#ifndef SALIENT_PUB_CLASSIFY_H
#define SALIENT_PUB_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

enum cl_type {
	CL_RISK_SCORE = 0,
	CL_RISK_CHANGE,
	CL_REVENUE_RANK,
	CL_REVENUE_CHANGE,
	CL_REVENUE_SHARE,
	CL_ORDERS,
	CL_P_ALIVE,        /* 100 x P(alive) of the customer's prediction */
	CL_RFM_CELL,       /* the RFM cell 100 R + 10 F + M (salient/rfm.h) */
	CL_NTYPES
};

enum cl_smart { CL_RETAIL = 0, CL_TRADE, CL_DISTRIBUTOR, CL_ALL, CL_NSMART };

/* The names used in the database and the API, indexed by the enums. */
/* NULL-terminated, so they are the choices of the routes' enum inputs too */
extern const char *const cl_type_names[CL_NTYPES + 1];
extern const char *const cl_smart_names[CL_NSMART + 1];
/* Index of name in a names table, or -1. */
int cl_lookup(const char *const *names, int n, const char *name);

/*
 * The starter classifications (sql/009, sql/019) carry a starter key
 * (classifications.starter_key, "big_spenders") while the shop has not
 * edited their title and comments; a page shows them in the reader's
 * language from the catalog: "classify.starter.KEY.title" and
 * "classify.starter.KEY.comments".  Writes the catalog key of field
 * ("title" or "comments") into buf (len bytes) and returns buf, or NULL
 * when starter_key is NULL or empty (then show the stored text).
 */
const char *cl_starter_text_key(char *buf, size_t len, const char *starter_key, const char *field);
/* Every starter key the migrations give (sql/019), NULL-terminated: the
 * catalog check (tests/unit/test_tiers.c) wants both texts of each in en,
 * da and ru. */
extern const char *const cl_starter_keys[];

struct sl_db;
struct sl_job;
struct cl_result;

/*
 * Computes everything as of day as_of (days since 1970-01-01, see
 * dc_days_from_civil()).  job may be NULL (command line); it receives
 * progress (orders read) and is polled for a shutdown.  Returns the result
 * (free with cl_result_free()), or NULL with the reason in err.
 */
struct cl_result *cl_compute(struct sl_db *db, int64_t as_of, struct sl_job *job,
    char *err, size_t errlen);
void cl_result_free(struct cl_result *r);

/* The timeframe P of the run, in months (3, 6, 12 or 24). */
int cl_result_timeframe(const struct cl_result *r);
/* The as-of day the result was computed for. */
int64_t cl_result_as_of(const struct cl_result *r);
/* Internal customer ids run from 1 to cl_result_maxid() (with gaps). */
size_t cl_result_maxid(const struct cl_result *r);
/* Real (non-placeholder) customers read, and paid orders read. */
long long cl_result_customers(const struct cl_result *r);
long long cl_result_orders(const struct cl_result *r);

/*
 * One customer's row.  Money is int64 ten-thousandths (DECIMAL(14,4)
 * without the point).  A metric is defined when bit (1 << enum cl_type) is set in def; an undefined metric's field is 0.  revenue_rank
 * and revenue_share are within the customer's own smart type (the
 * customer_metrics columns); orders is always defined (orders_cur).
 * p_alive is 100 x P(alive) from the customer's row of customer_predictions
 * (the published fit in force; CL_P_ALIVE), undefined without one.
 * rfm_r, rfm_f and rfm_m are the RFM scores over the customers with a paid
 * order in C (salient/rfm.h; CL_RFM_CELL), 0 for a customer without one.
 * classes are the ids of the
 * classifications the customer holds, in tier order (type, smart type,
 * position, id).
 */
struct cl_row {
	unsigned id;                     /* internal customer id */
	const char *host_id;
	int smart;                       /* enum cl_smart (never CL_ALL) */
	int64_t revenue_cur, revenue_prev;
	int64_t orders_cur, orders_prev;
	double risk_score, risk_change, revenue_rank, revenue_change, revenue_share;
	double p_alive;
	int rfm_r, rfm_f, rfm_m;         /* RFM scores 1 to 5; 0 without an order in C */
	unsigned def;                    /* bit (1 << enum cl_type) when defined */
	const long long *classes;
	size_t nclasses;
};

/*
 * Fills out for customer id.  Returns 1 for a real customer, 0 when id is
 * out of range, unused or a placeholder (out untouched).
 */
int cl_result_row(const struct cl_result *r, unsigned id, struct cl_row *out);

#endif
