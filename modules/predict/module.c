/*
 * module.c - the predictions module (issue 8): the job "predict.fit", the
 * command `salient predict [--as-of DATE] [--discount RATE]` (the same run,
 * synchronously), and two JSON routes for staff:
 *
 *   GET /api/v1/predictions/fits            the latest fit per smart type,
 *       the fit in force, the minimum data and plain-words notes (catalog
 *       keys with English text) for the settings page
 *   GET /api/v1/customers/{id}/predictions  one customer's predictions by
 *       host customer id, with the 12-month P(alive) decay curve
 *
 * The run itself is in pdb.c, the pure helpers in pdb_calc.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "log.h"
#include "pdb.h"
#include "pview.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/salient.h"

#define HOST_ID_MAX 64


static const char sql_fit_cols[] =
    "SELECT id, smart_type, as_of, time_unit, n_customers, n_repeaters, "
    "n_spenders, history_days, monthly_discount, r, alpha, a, b, ll_bgnbd, "
    "bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, gg_converged, "
    "gg_iterations, n_scored, status, reason_key, reason, seconds, created_at "
    "FROM predict_fits WHERE smart_type = ? ORDER BY id DESC LIMIT 1";
static const char sql_fit_in_force[] =
    "SELECT id, smart_type, as_of, time_unit, n_customers, n_repeaters, "
    "n_spenders, history_days, monthly_discount, r, alpha, a, b, ll_bgnbd, "
    "bgnbd_converged, bgnbd_iterations, p, q, v, ll_gg, gg_converged, "
    "gg_iterations, n_scored, status, reason_key, reason, seconds, created_at "
    "FROM predict_fits WHERE smart_type = ? AND status = 'published' "
    "ORDER BY id DESC LIMIT 1";

/* ------------------------------------------------------------ notes */

/*
 * What the numbers mean and when they are not reliable: the settings
 * page's text.  Keys for the catalog, English templates with {params}.
 */
static const struct note {
	const char *key;
	const char *text;
} notes[] = {
	{ "predict.note.p_alive",
	  "Probability alive is the model's estimate that the customer still "
	  "buys from you at all, judged from how often and how recently they "
	  "have bought. It falls the longer a regular customer stays away "
	  "compared with their own rhythm: a weekly buyer silent for two months "
	  "drops fast, a twice-a-year buyer silent for two months hardly moves. "
	  "A customer who has bought only once counts as alive (100%) in this "
	  "model, because it learns that someone has stopped only from a gap "
	  "after repeat purchases; for one-time buyers, look at expected orders "
	  "instead." },
	{ "predict.note.expected_orders",
	  "Expected orders (90 days) is the number of orders the model expects "
	  "from the customer in the next 90 days. It is an average over many "
	  "possible futures, so fractions are normal: ten customers at 0.4 "
	  "should bring about four orders between them." },
	{ "predict.note.expected_aov",
	  "Expected order value is what an order from this customer is likely "
	  "to be worth. It blends the customer's own average repeat order with "
	  "the average of all customers of the same smart type, trusting "
	  "the customer's own figure more the more often they have bought. "
	  "Customers without a repeat purchase get the average of their type." },
	{ "predict.note.clv",
	  "12-month value (CLV) is the orders expected month by month over the "
	  "next 12 months times the expected order value, each month discounted "
	  "by {discount}% a month. It forecasts revenue, not profit: costs, "
	  "returns and discounts you give are not in it." },
	{ "predict.note.data",
	  "The models are fitted separately for each smart type (retail, trade, "
	  "distributor) from paid orders up to the as-of date. Refunded and "
	  "cancelled orders do not count, and several orders on the same day "
	  "count as one purchase." },
	{ "predict.note.minimum",
	  "A fit is published only when the type has at least {min_customers} "
	  "customers with paid orders, at least {min_repeaters} of whom bought "
	  "again on a later day, and at least {min_history_weeks} weeks from its "
	  "first order to the as-of date, and only when both models converged. "
	  "Otherwise the fit is refused with the reason, and the last published "
	  "fit stays in use." },
	{ "predict.note.reliability",
	  "When not to rely on them: with few customers or a short history; "
	  "when buying is seasonal, follows campaigns or is fixed by contract "
	  "(the model assumes each customer buys at a steady random rate until "
	  "they stop for good, and never comes back after stopping); for very "
	  "new customers, about whom it knows little; and after big changes to "
	  "the shop, its range or its prices. Use the numbers to rank and "
	  "compare customers rather than as exact forecasts." },
	{ "predict.note.refresh",
	  "Predictions are as of the date shown and are computed again when the "
	  "prediction job runs; orders placed since then show up after the "
	  "next run." },
};

/* The notes as [{key, template, params, text}] for the given discount. */
static struct json_object *notes_json(double discount)
{
	char disc[32], minc[16], minr[16], minw[16], text[1024];
	const char *names[] = { "discount", "min_customers", "min_repeaters",
	    "min_history_weeks" };
	const char *values[4];
	struct json_object *arr = json_object_new_array(), *n, *params;
	size_t i, k;

	snprintf(disc, sizeof(disc), "%g", discount * 100);
	snprintf(minc, sizeof(minc), "%d", PDB_MIN_CUSTOMERS);
	snprintf(minr, sizeof(minr), "%d", PDB_MIN_REPEATERS);
	snprintf(minw, sizeof(minw), "%d", PDB_MIN_HISTORY_DAYS / 7);
	values[0] = disc;
	values[1] = minc;
	values[2] = minr;
	values[3] = minw;
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		n = json_object_new_object();
		params = json_object_new_object();
		for (k = 0; k < 4; k++)
			if (strstr(notes[i].text, names[k]) != NULL)
				json_object_object_add(params, names[k],
				    json_object_new_string(values[k]));
		pdb_render(notes[i].text, names, values, 4, text, sizeof(text));
		json_object_object_add(n, "key", json_object_new_string(notes[i].key));
		json_object_object_add(n, "template", json_object_new_string(notes[i].text));
		json_object_object_add(n, "params", params);
		json_object_object_add(n, "text", json_object_new_string(text));
		json_object_array_add(arr, n);
	}
	return arr;
}

/* ------------------------------------------------------------ routes */

/* GET /api/v1/predictions/fits */
static int fits_get(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m = NULL, *types, *t, *latest = NULL, *force = NULL,
	    *req_j, *v;
	double discount = PDB_DEFAULT_DISCOUNT;
	int i, rc = -1;

	m = json_object_new_object();
	types = json_object_new_array();
	json_object_object_add(m, "types", types);
	for (i = 0; i < PDB_NTYPES; i++) {
		if (sl_db_row(db, &latest, sql_fit_cols, "s", pdb_type_name(i)) < 0 ||
		    sl_db_row(db, &force, sql_fit_in_force, "s", pdb_type_name(i)) < 0)
			goto out;
		if (force != NULL && json_object_object_get_ex(force, "monthly_discount", &v))
			discount = json_object_get_double(v);
		t = json_object_new_object();
		json_object_object_add(t, "smart_type", json_object_new_string(pdb_type_name(i)));
		json_object_object_add(t, "latest", latest);
		json_object_object_add(t, "in_force", force);
		json_object_array_add(types, t);
		latest = force = NULL;
	}
	req_j = json_object_new_object();
	json_object_object_add(req_j, "min_customers", json_object_new_int(PDB_MIN_CUSTOMERS));
	json_object_object_add(req_j, "min_repeaters", json_object_new_int(PDB_MIN_REPEATERS));
	json_object_object_add(req_j, "min_history_days", json_object_new_int(PDB_MIN_HISTORY_DAYS));
	json_object_object_add(req_j, "min_history_weeks", json_object_new_int(PDB_MIN_HISTORY_DAYS / 7));
	json_object_object_add(m, "requirements", req_j);
	json_object_object_add(m, "notes", notes_json(discount));
	sl_resp_model(resp, m);
	m = NULL;
	rc = 0;
out:
	if (rc != 0)
		log_err("GET /api/v1/predictions/fits: %s", sl_db_error(db));
	json_object_put(latest);
	json_object_put(force);
	json_object_put(m);
	return rc;
}

/* GET /api/v1/customers/{id}/predictions (id = the host's customer id) */
static int customer_get(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *id = sl_req_param(req, "id");
	struct json_object *m = NULL;
	int found;

	if (id == NULL || id[0] == '\0' || strlen(id) > HOST_ID_MAX) {
		sl_resp_error(resp, 400, "id: expected a customer id of 1 to %d bytes",
		    HOST_ID_MAX);
		return 0;
	}
	if ((found = pview_customer(db, 0, id, &m)) < 0) {
		log_err("GET /api/v1/customers/{id}/predictions: %s", sl_db_error(db));
		return -1;
	}
	if (!found) {
		sl_resp_error(resp, 404, "no such customer");
		return 0;
	}
	sl_resp_model(resp, m);
	return 0;
}

/* ------------------------------------------------------------ job + command */

static void report(FILE *out, const struct pdb_result *res, long as_of_day,
    double discount)
{
	char date[16];
	int t;

	fprintf(out, "predictions as of %s, monthly discount %g%%\n",
	    pdb_format_date(as_of_day, date, sizeof(date)), discount * 100);
	for (t = 0; t < PDB_NTYPES; t++) {
		const struct pdb_result *r = &res[t];

		if (!r->present) {
			fprintf(out, "%s: no customers with paid orders; nothing fitted\n",
			    pdb_type_name(t));
		} else if (r->published) {
			fprintf(out, "%s: published fit %lld: %zu customers (%zu repeat), "
			    "%ld days of history; BG/NBD r=%.4g alpha=%.4g a=%.4g b=%.4g "
			    "LL=%.2f; Gamma-Gamma p=%.4g q=%.4g v=%.4g LL=%.2f; "
			    "%zu customers scored, fit and scoring %.2f s\n",
			    pdb_type_name(t), r->fit_id, r->counts.customers,
			    r->counts.repeaters, r->counts.history_days, r->bg.r,
			    r->bg.alpha, r->bg.a, r->bg.b, r->bg_info.ll, r->gg.p,
			    r->gg.q, r->gg.v, r->gg_info.ll, r->scored, r->seconds);
		} else {
			fprintf(out, "%s: refused (%s): %s; the previous published fit "
			    "stays in force\n", pdb_type_name(t), r->reason_key,
			    r->reason);
		}
	}
}

static void job_progress(void *ctx, long long done, long long total)
{
	sl_job_progress(ctx, done, total);
}

static int job_stopping(void *ctx)
{
	return sl_job_stopping(ctx);
}

static int job_fit(struct sl_job *job)
{
	struct json_object *args = sl_job_args(job), *v;
	struct pdb_result res[PDB_NTYPES];
	struct pdb_opts o = { pdb_today(), PDB_DEFAULT_DISCOUNT, job_progress,
	    job_stopping, job };
	char err[512];
	int t;

	if (args != NULL && json_object_object_get_ex(args, "as_of", &v) &&
	    v != NULL && (!json_object_is_type(v, json_type_string) ||
	    pdb_parse_date(json_object_get_string(v), &o.as_of_day) != 0)) {
		sl_job_fail(job, "as_of: expected a date YYYY-MM-DD");
		return -1;
	}
	if (args != NULL && json_object_object_get_ex(args, "monthly_discount", &v) &&
	    v != NULL) {
		if (!json_object_is_type(v, json_type_double) &&
		    !json_object_is_type(v, json_type_int)) {
			sl_job_fail(job, "monthly_discount: expected a number");
			return -1;
		}
		o.monthly_discount = json_object_get_double(v);
	}
	if (pdb_run(sl_job_db(job), &o, res, err, sizeof(err)) != 0) {
		sl_job_fail(job, "predict.fit: %s", err);
		return -1;
	}
	for (t = 0; t < PDB_NTYPES; t++)
		if (res[t].present)
			log_info("predict.fit %s: %s", pdb_type_name(t),
			    res[t].published ? "published" : res[t].reason);
	return 0;
}

static int cmd_predict(int argc, char **argv)
{
	struct pdb_result res[PDB_NTYPES];
	struct pdb_opts o = { pdb_today(), PDB_DEFAULT_DISCOUNT, NULL, NULL, NULL };
	struct sl_db *db;
	char err[512], *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			if (pdb_parse_date(argv[++i], &o.as_of_day) != 0) {
				fprintf(stderr, "salient predict: --as-of: expected a date YYYY-MM-DD\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--discount") == 0 && i + 1 < argc) {
			errno = 0;
			o.monthly_discount = strtod(argv[++i], &end);
			if (errno != 0 || end == argv[i] || *end != '\0' ||
			    !(o.monthly_discount >= 0 && o.monthly_discount <= PDB_MAX_DISCOUNT)) {
				fprintf(stderr, "salient predict: --discount: expected a "
				    "monthly rate from 0 to %g (0.01 = 1%% a month)\n",
				    PDB_MAX_DISCOUNT);
				return 2;
			}
		} else {
			fprintf(stderr, "usage: salient predict [--as-of YYYY-MM-DD] [--discount RATE]\n");
			return 2;
		}
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (pdb_run(db, &o, res, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient predict: %s\n", err);
		return 1;
	}
	report(stdout, res, o.as_of_day, o.monthly_discount);
	return 0;
}

static const struct sl_route routes[] = {
	{ SL_GET, "/api/v1/predictions/fits", fits_get, SL_ROLE_AGENT, NULL },
	{ SL_GET, "/api/v1/customers/{id}/predictions", customer_get, SL_ROLE_AGENT, NULL },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "predict.fit", job_fit },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "predict", cmd_predict, "[--as-of YYYY-MM-DD] [--discount RATE]",
	  "fit the purchase and spend models per smart type and score every customer" },
	{ 0 },
};

extern const struct sl_module predict_module;

const struct sl_module predict_module = {
	.name = "predict",
	.nav = NULL,
	.routes = routes,
	.jobs = jobs,
	.commands = commands,
};
