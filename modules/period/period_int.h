/*
 * period_int.h - the period module's private declarations: its statement
 * table, the scopes a report reads (pload.c) and the view model
 * (pview.c), the clients' CSV (pcsv.c).
 */
#ifndef SALIENT_PERIOD_INT_H
#define SALIENT_PERIOD_INT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "pcalc.h"
#include "salient/db.h"

struct sl_db;
struct sl_req;
struct sl_resp;

enum pv_sql {
	PV_SQL_LINES_CATEGORY,
	PV_SQL_LINES_PRODUCT,
	PV_SQL_CATEGORIES,
	PV_SQL_CATEGORY,
	PV_SQL_PRODUCT,
	PV_SQL_NAMES,
	PV_NSQL
};
extern const struct sl_sql pv_sql[PV_NSQL];

/* The most service types side by side. */
#define PV_MAX_SCOPES 5
/* Clients listed on the page and in the API (the CSV has every one). */
#define PV_MAX_CLIENTS 500
/* Churned clients named per period (the count is of all of them). */
#define PV_MAX_CHURN 20

/* One service type: a category (with its subcategories) or a product. */
struct pv_scope {
	int is_product;
	unsigned long long id;      /* categories.id or products.id */
	char host_id[72];
	char name[256];
	struct pc_result r;
};

/* A report's parameters, validated (pv_params()). */
struct pv_params {
	struct pv_scope scopes[PV_MAX_SCOPES];
	size_t nscopes;
	enum pc_step step;
	int32_t from, to, today;
	int dip;
	int sort;                   /* index into pv_sorts */
	const char *preset;         /* the preset chosen, or NULL */
};

extern const char *const pv_steps[];
extern const char *const pv_presets[];
extern const char *const pv_sorts[];

/*
 * Reads and checks the request's inputs into p (scopes named, not yet
 * computed).  Returns 0; 1 when the answer (a 400 or 404 naming the input)
 * was given; 2 when no service type was asked for; -1 on a database error.
 */
int pv_params(struct sl_req *req, struct sl_resp *resp, struct pv_params *p);
/* Computes every scope of p (pc_compute over its lines).  0 or -1 (logged). */
int pv_compute(struct sl_db *db, struct pv_params *p);
void pv_params_free(struct pv_params *p);
/*
 * pv_params() then pv_compute() for an answer that needs a service type
 * (the CSV, the PDF): 0 with p computed (free with pv_params_free()); 1
 * when the answer was given (a refusal naming the input, 400 when none was
 * asked for); -1 on a failure (logged; p holds nothing).
 */
int pv_load(struct sl_req *req, struct sl_resp *resp, struct pv_params *p);

/* The clients of the first scope in the order of p->sort: a new array of
 * pointers into its result (free() it), *n of them; NULL when out of memory. */
const struct pc_client **pv_sorted_clients(const struct pv_params *p, size_t *n);
/*
 * The customers' host ids and names for the ids given: {"ID": {customer_id,
 * name}} (a new object), or NULL on a database error.
 */
struct json_object *pv_names(struct sl_db *db, const uint32_t *ids, size_t n);

/* "YYYY-MM-DD" of a day into buf (11 bytes at least). */
char *pv_day_text(int32_t day, char *buf, size_t len);
/* Money (ten-thousandths) as exact decimal text. */
char *pv_money_text(int64_t v, char *buf, size_t len);

/* Money (ten-thousandths) as lang writes it in currency (NULL: none). */
char *pv_money_fmt(const char *lang, const char *currency, int64_t amount, char *buf, size_t len);
/* A period's name as a person reads it: "Sep 2026", or "2026-W37". */
void pv_period_text(const char *lang, enum pc_step step, int year, int num, char *buf,
    size_t len);
/* The line in words for the dip of period i of r (pview.c). */
void pv_dip_text(struct sl_req *req, const char *lang, const struct pc_result *r, size_t i,
    char *buf, size_t len);

/* Handlers (module.c routes them). */
int pv_page(struct sl_req *req, struct sl_resp *resp);
int pv_csv(struct sl_req *req, struct sl_resp *resp);
int pv_pdf(struct sl_req *req, struct sl_resp *resp);

#endif
