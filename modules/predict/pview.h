/*
 * pview.h - one customer's predictions as the pages and the API show them
 * (issue 8): GET /api/v1/customers/{id}/predictions answers with it, and
 * the customer record (modules/customers) embeds it.
 */
#ifndef SALIENT_PVIEW_H
#define SALIENT_PVIEW_H

#include <json-c/json.h>

struct sl_db;

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
int pview_customer(struct sl_db *db, long long id, const char *host_id,
    struct json_object **out);

#endif
