/*
 * predict_sql.c - every statement of the prediction module (DESIGN.md
 * habit 4), indexed by enum pr_sql_id (predict_sql.h).
 *
 * The predictions' batch INSERT (pdb.c) has one entry per batch size,
 * 1000, 100, 10 and 1 rows, each made by the preprocessor from the one row
 * "(?,?,?,?,?,?,?,?,?,?)" and its letters, so `salient sql check` prepares
 * each and counts its parameters like any other.  The writer sends a type's
 * n predictions as whole batches of 1000, then its remainder by its digits
 * (1234 rows: 1000 + 2 x 100 + 3 x 10 + 4 x 1): at most 27 statements more
 * than whole batches alone, where an entry for every size from 1 to 999
 * would ask the check to prepare a thousand statements.  The rows are bound
 * by sl_db_exec_rows() (salient/db.h).
 */
#include "predict_sql.h"

/* A customer with its prediction and the fit's parameters (pview.c). */
#define PVIEW_COLS \
    "SELECT c.id, c.host_id, c.smart_type, cp.fit_id, cp.as_of, cp.p_alive, " \
    "cp.expected_orders_90d, cp.expected_aov, cp.clv_12m, cp.x, cp.t_x, cp.T, " \
    "f.r, f.alpha, f.a, f.b, f.monthly_discount " \
    "FROM customers c LEFT JOIN customer_predictions cp ON cp.customer_id = c.id " \
    "LEFT JOIN predict_fits f ON f.id = cp.fit_id "

/*
 * The predictions' upsert for N rows: PUT_HEAD, PUT_ROWS_N, PUT_TAIL with
 * PUT_TYPES_N.  The row's letters are pr_put_fields' (pdb.c): customer,
 * fit, as-of date, P(alive), expected orders in 90 days, expected order
 * value and 12-month CLV (DECIMAL, bound as their text), x, t_x, T.
 */
#define PUT_HEAD \
    "INSERT INTO customer_predictions (customer_id, fit_id, as_of, p_alive, " \
    "expected_orders_90d, expected_aov, clv_12m, x, t_x, T) VALUES "
#define PUT_TAIL \
    " ON DUPLICATE KEY UPDATE fit_id = VALUES(fit_id), as_of = VALUES(as_of), " \
    "p_alive = VALUES(p_alive), expected_orders_90d = VALUES(expected_orders_90d), " \
    "expected_aov = VALUES(expected_aov), clv_12m = VALUES(clv_12m), " \
    "x = VALUES(x), t_x = VALUES(t_x), T = VALUES(T)"
#define PUT_ROWS_1 "(?,?,?,?,?,?,?,?,?,?)"
#define PUT_TYPES_1 "uusddssudd"
#define X9(s) s s s s s s s s s
#define X10(s) s X9(s)
#define PUT_ROWS_10 PUT_ROWS_1 X9("," PUT_ROWS_1)
#define PUT_ROWS_100 PUT_ROWS_10 X9("," PUT_ROWS_10)
#define PUT_ROWS_1000 PUT_ROWS_100 X9("," PUT_ROWS_100)
#define PUT_TYPES_10 X10(PUT_TYPES_1)
#define PUT_TYPES_100 X10(PUT_TYPES_10)
#define PUT_TYPES_1000 X10(PUT_TYPES_100)

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
	/* smart_type + 0 is the ENUM's index: 1 retail, 2 trade, 3 distributor */
	[PR_TYPES] = { "SELECT id, smart_type + 0 FROM customers",
	    "" },
	[PR_FIT_PUBLISHED] = { "INSERT INTO predict_fits (smart_type, as_of, time_unit, n_customers, "
	    "n_repeaters, n_spenders, history_days, monthly_discount, r, alpha, a, b, "
	    "ll_bgnbd, bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, "
	    "gg_converged, gg_iterations, n_scored, status, seconds) VALUES "
	    "(?, ?, 'week', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'published', ?)",
	    "ssiiiiddddddiiddddiiid" },
	/* a refusal after the models were fitted keeps their estimates */
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
	/* predictions of this type written by an older fit: customers no longer
	 * scored under it (no paid orders now, or another smart type) */
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
	[PR_PUT_1000] = { PUT_HEAD PUT_ROWS_1000 PUT_TAIL, PUT_TYPES_1000 },
	[PR_PUT_100] = { PUT_HEAD PUT_ROWS_100 PUT_TAIL, PUT_TYPES_100 },
	[PR_PUT_10] = { PUT_HEAD PUT_ROWS_10 PUT_TAIL, PUT_TYPES_10 },
	[PR_PUT_1] = { PUT_HEAD PUT_ROWS_1 PUT_TAIL, PUT_TYPES_1 },
};

const struct pr_put pr_put[PR_NPUT] = {
	{ 1000, PR_PUT_1000 }, { 100, PR_PUT_100 }, { 10, PR_PUT_10 }, { 1, PR_PUT_1 },
};

/* The tables only this module writes. */
const char *const pr_tables[] = { "predict_fits", "customer_predictions", NULL };
