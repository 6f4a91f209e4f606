/*
 * predict.h - the predictions module's API for the other modules: a fit
 * run as the predict.fit job does it (the classification recompute runs
 * one first, in the same job), and one customer's predictions as the pages
 * and the API show them.  Implemented in modules/predict/.
 */
#ifndef SALIENT_PUB_PREDICT_H
#define SALIENT_PUB_PREDICT_H

#include <json-c/json.h>

struct sl_db;
struct sl_job;

/*
 * Fits the purchase and spend models of every smart type as of day (days
 * since 1970-01-01) with the default monthly discount, and scores every
 * customer; job (may be NULL) gets the progress and is asked whether to
 * stop.  A type refused for too little data (or a fit that does not hold)
 * keeps its published fit; each refusal is logged with its reason, tagged
 * with `who` ("classify.recompute").  Returns 0, or -1 when the run failed
 * (database, stopping), with the reason in err.
 */
int sl_predict_fit(struct sl_db *db, struct sl_job *job, long day, const char *who,
    char *err, size_t errlen);

/*
 * The predictions of the customer with internal id `id` (when host_id is
 * NULL) or with the host's customer id host_id:
 *
 *   {host_id, smart_type, available: true, as_of, p_alive,
 *    expected_orders_90d, expected_aov, clv_12m, monthly_discount, fit_id,
 *    summary {x, t_x, T, unit}, decay [{month, date, p_alive}] (12 months)}
 *
 * or, without predictions, {host_id, smart_type, available: false,
 * reason_key, reason}: "predict.none.no_fit" when the customer's smart type
 * has no published fit, "predict.none.no_orders" when the fit in force
 * scored no orders of this customer.
 *
 * Returns 1 with the object in *out (free with json_object_put()), 0 when
 * there is no such customer, -1 on a database error.
 */
int sl_predict_customer(struct sl_db *db, long long id, const char *host_id,
    struct json_object **out);

#endif
