/*
 * predict_sql.c - every statement of the prediction module (DESIGN.md
 * habit 4), indexed by enum pr_sql_id (predict_sql.h).  The batch INSERT of
 * customer_predictions (pdb.c) is put together from its constant parts for
 * a full batch and for the last one (two variants per fit, no input in
 * them) and prepared by the bulk writer's raw calls, which stay as they are.
 */
#include "predict_sql.h"

/* A customer with its prediction and the fit's parameters (pview.c). */
#define PVIEW_COLS \
    "SELECT c.id, c.host_id, c.smart_type, cp.fit_id, cp.as_of, cp.p_alive, " \
    "cp.expected_orders_90d, cp.expected_aov, cp.clv_12m, cp.x, cp.t_x, cp.T, " \
    "f.r, f.alpha, f.a, f.b, f.monthly_discount " \
    "FROM customers c LEFT JOIN customer_predictions cp ON cp.customer_id = c.id " \
    "LEFT JOIN predict_fits f ON f.id = cp.fit_id "

const struct sl_sql pr_sql[PR_NSQL] = {
	[PR_FIT_COLS] = { "SELECT id, smart_type, as_of, time_unit, n_customers, n_repeaters, "
	    "n_spenders, history_days, monthly_discount, r, alpha, a, b, ll_bgnbd, "
	    "bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, gg_converged, "
	    "gg_iterations, n_scored, status, reason_key, reason, reason_params, seconds, created_at "
	    "FROM predict_fits WHERE smart_type = ? ORDER BY id DESC LIMIT 1",
	    "s" },
	[PR_FIT_IN_FORCE] = { "SELECT id, smart_type, as_of, time_unit, n_customers, n_repeaters, "
	    "n_spenders, history_days, monthly_discount, r, alpha, a, b, ll_bgnbd, "
	    "bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, gg_converged, "
	    "gg_iterations, n_scored, status, reason_key, reason, reason_params, seconds, created_at "
	    "FROM predict_fits WHERE smart_type = ? AND status = 'published' "
	    "ORDER BY id DESC LIMIT 1",
	    "s" },
	[PR_MAX_CUSTOMER] = { "SELECT COALESCE(MAX(id), 0) AS m FROM customers",
	    "" },
	[PR_TYPES] = { "SELECT id, smart_type + 0 FROM customers",
	    "" },
	[PR_FIT_PUBLISHED] = { "INSERT INTO predict_fits (smart_type, as_of, time_unit, n_customers, "
	    "n_repeaters, n_spenders, history_days, monthly_discount, r, alpha, a, b, "
	    "ll_bgnbd, bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, "
	    "gg_converged, gg_iterations, n_scored, status, seconds) VALUES "
	    "(?, ?, 'week', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'published', ?)",
	    "ssiiiiddddddiiddddiiid" },
	[PR_FIT_REFUSED_FITTED] = { "INSERT INTO predict_fits (smart_type, as_of, time_unit, n_customers, "
	    "n_repeaters, n_spenders, history_days, monthly_discount, r, alpha, a, b, "
	    "ll_bgnbd, bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, "
	    "gg_converged, gg_iterations, status, reason_key, reason, reason_params, seconds) "
	    "VALUES (?, ?, 'week', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'refused', ?, ?, ?, ?)",
	    "ssiiiiddddddiiddddiisssd" },
	[PR_FIT_REFUSED] = { "INSERT INTO predict_fits (smart_type, as_of, time_unit, n_customers, "
	    "n_repeaters, n_spenders, history_days, monthly_discount, status, "
	    "reason_key, reason, reason_params, seconds) VALUES "
	    "(?, ?, 'week', ?, ?, ?, ?, ?, 'refused', ?, ?, ?, ?)",
	    "ssiiiidsssd" },
	[PR_DROP_STALE] = { "DELETE cp FROM customer_predictions cp JOIN predict_fits f ON f.id = cp.fit_id "
	    "WHERE f.smart_type = ? AND cp.fit_id <> ?",
	    "si" },
	[PR_BY_HOST] = { PVIEW_COLS "WHERE c.host_id = ?",
	    "s" },
	[PR_BY_ID] = { PVIEW_COLS "WHERE c.id = ?",
	    "i" },
	[PR_HAS_FIT] = { "SELECT id FROM predict_fits WHERE smart_type = ? AND status = 'published' "
	    "ORDER BY id DESC LIMIT 1",
	    "s" },
	[PR_HOST_OF] = { "SELECT host_id FROM customers WHERE id = ?",
	    "i" },
};

/* The tables only this module writes. */
const char *const pr_tables[] = { "predict_fits", "customer_predictions", NULL };
