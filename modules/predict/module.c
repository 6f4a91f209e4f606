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

#include "salient/log.h"
#include "pdb.h"
#include "predict_sql.h"
#include "salient/predict.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"

#define HOST_ID_MAX 64



/* ------------------------------------------------------------ notes */

/*
 * What the numbers mean and when they are not reliable: the settings page's
 * section and the fits API.  The text is in the catalogs
 * (locales/predict.KEYS.json) with {params} filled in here.
 */
static const char *const note_keys[] = {
	"predict.note.p_alive", "predict.note.expected_orders", "predict.note.expected_aov",
	"predict.note.clv", "predict.note.data", "predict.note.minimum",
	"predict.note.reliability", "predict.note.refresh",
};

/* The notes as [{key, template, params, text}] in the request's language
 * for the given discount. */
static struct json_object *notes_json(struct sl_req *req, double discount)
{
	char disc[32], minc[16], minr[16], minw[16], text[2048];
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
	for (i = 0; i < sizeof(note_keys) / sizeof(note_keys[0]); i++) {
		const char *tpl = sl_req_text(req, note_keys[i]);

		n = json_object_new_object();
		params = json_object_new_object();
		for (k = 0; k < 4; k++)
			if (strstr(tpl, names[k]) != NULL)
				json_object_object_add(params, names[k],
				    json_object_new_string(values[k]));
		pdb_render(tpl, names, values, 4, text, sizeof(text));
		json_object_object_add(n, "key", json_object_new_string(note_keys[i]));
		json_object_object_add(n, "template", json_object_new_string(tpl));
		json_object_object_add(n, "params", params);
		json_object_object_add(n, "text", json_object_new_string(text));
		json_object_array_add(arr, n);
	}
	return arr;
}

/* ------------------------------------------------------------ routes */

/* A field of a fit row as text ("" when absent). */
static const char *fit_str(struct json_object *row, const char *key)
{
	struct json_object *v;

	return row != NULL && json_object_object_get_ex(row, key, &v) && v != NULL
	    ? json_object_get_string(v) : "";
}

#define REASON_PARAMS	8

/*
 * A refused fit's reason in the request's language: the catalog text of
 * its reason_key filled with reason_params (015_predict_reason.sql); the
 * stored English sentence for a key without a text or a row without
 * parameters (written before them).  Returns buf or the row's string.
 */
static const char *reason_text(struct sl_req *req, struct json_object *fit,
    char *buf, size_t size)
{
	const char *key = fit_str(fit, "reason_key"), *tpl;
	const char *names[REASON_PARAMS], *values[REASON_PARAMS];
	struct json_object *params;
	size_t n = 0;

	if (key[0] == '\0' || (tpl = sl_req_text(req, key)) == NULL ||
	    strcmp(tpl, key) == 0 ||
	    (params = json_tokener_parse(fit_str(fit, "reason_params"))) == NULL)
		return fit_str(fit, "reason");
	if (json_object_is_type(params, json_type_object)) {
		json_object_object_foreach(params, k, v) {
			if (n == REASON_PARAMS)
				break;
			names[n] = k;
			values[n++] = v != NULL ? json_object_get_string(v) : "";
		}
	}
	pdb_render(tpl, names, values, n, buf, size);
	json_object_put(params);
	return buf;
}

/* GET /api/v1/predictions/fits */
static int fits_get(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m = NULL, *types, *t, *latest = NULL, *force = NULL,
	    *req_j, *v;
	double discount = PDB_DEFAULT_DISCOUNT;
	char text[512];
	int i, rc = -1;

	m = json_object_new_object();
	types = json_object_new_array();
	json_object_object_add(m, "types", types);
	for (i = 0; i < PDB_NTYPES; i++) {
		if (sl_db_row(db, &latest, SL_SQL(pr_sql, PR_FIT_COLS), pdb_type_name(i)) < 0 ||
		    sl_db_row(db, &force, SL_SQL(pr_sql, PR_FIT_IN_FORCE), pdb_type_name(i)) < 0)
			goto out;
		if (force != NULL && json_object_object_get_ex(force, "monthly_discount", &v))
			discount = json_object_get_double(v);
		if (latest != NULL && strcmp(fit_str(latest, "status"), "refused") == 0)
			json_object_object_add(latest, "reason_text", json_object_new_string(
			    reason_text(req, latest, text, sizeof(text))));
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
	json_object_object_add(m, "notes", notes_json(req, discount));
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
static const struct sl_input customer_in[] = {
	{ "id", SL_IN_TEXT, .flags = SL_IN_PATH | SL_IN_REQUIRED, .min = 1, .max = HOST_ID_MAX },
	{ 0 },
};

static int customer_get(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *id = sl_req_str(req, "id", NULL);
	struct json_object *m = NULL;
	int found;

	if ((found = sl_predict_customer(db, 0, id, &m)) < 0) {
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

int sl_predict_fit(struct sl_db *db, struct sl_job *job, long day, const char *who,
    char *err, size_t errlen)
{
	struct pdb_result res[PDB_NTYPES];
	struct pdb_opts o = { day, PDB_DEFAULT_DISCOUNT, job ? job_progress : NULL,
	    job ? job_stopping : NULL, job };
	int t;

	if (pdb_run(db, &o, res, err, errlen) != 0)
		return -1;
	for (t = 0; t < PDB_NTYPES; t++)
		if (res[t].present && !res[t].published)
			log_info("%s: prediction fit %s refused (%s): the published fit stays in force",
			    who, pdb_type_name(t), res[t].reason);
	return 0;
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
		sl_job_fail_key(job, "predict.job.as_of", "value", json_object_get_string(v), NULL);
		return -1;
	}
	if (args != NULL && json_object_object_get_ex(args, "monthly_discount", &v) &&
	    v != NULL) {
		if (!json_object_is_type(v, json_type_double) &&
		    !json_object_is_type(v, json_type_int)) {
			sl_job_fail_key(job, "predict.job.discount", "value", json_object_get_string(v), NULL);
			return -1;
		}
		o.monthly_discount = json_object_get_double(v);
	}
	if (pdb_run(sl_job_db(job), &o, res, err, sizeof(err)) != 0) {
		sl_job_fail_key(job, "predict.job.failed", "detail", err, NULL);
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
	{ SL_GET, "/api/v1/predictions/fits", fits_get, SL_ROLE_AGENT, NULL, .inputs = sl_no_inputs },
	{ SL_GET, "/api/v1/customers/{id}/predictions", customer_get, SL_ROLE_AGENT, NULL,
	  .inputs = customer_in },
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

/*
 * The settings page's predictions section: per smart type in use, the fit in
 * force (or why there is none), then the notes in plain words.
 */
static int settings_explain(struct sl_req *req, struct json_object *section)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *facts = json_object_new_array(), *notes, *latest = NULL,
	    *force = NULL, *f, *v;
	const char *names[] = { "as_of", "customers", "repeaters", "reason" };
	const char *values[4];
	char key[64], text[600], reason[400];
	double discount = PDB_DEFAULT_DISCOUNT;
	size_t i;
	int t, rc = -1;

	json_object_object_add(section, "facts", facts);
	for (t = 0; t < PDB_NTYPES; t++) {
		if (!sl_setting_has(db, "smart_types", pdb_type_name(t)))
			continue;
		if (sl_db_row(db, &latest, SL_SQL(pr_sql, PR_FIT_COLS), pdb_type_name(t)) < 0 ||
		    sl_db_row(db, &force, SL_SQL(pr_sql, PR_FIT_IN_FORCE), pdb_type_name(t)) < 0)
			goto out;
		if (force != NULL && json_object_object_get_ex(force, "monthly_discount", &v))
			discount = json_object_get_double(v);
		text[0] = '\0';
		if (force != NULL) {
			values[0] = fit_str(force, "as_of");
			values[1] = fit_str(force, "n_customers");
			values[2] = fit_str(force, "n_repeaters");
			values[3] = "";
			pdb_render(sl_req_text(req, "predict.set.published"), names, values, 4,
			    text, sizeof(text));
		}
		if (latest != NULL && strcmp(fit_str(latest, "status"), "refused") == 0) {
			size_t used = strlen(text);

			values[0] = fit_str(latest, "as_of");
			values[3] = reason_text(req, latest, reason, sizeof(reason));
			if (used > 0 && used + 3 < sizeof(text)) {
				memcpy(text + used, "; ", 3);
				used += 2;
			}
			pdb_render(sl_req_text(req, "predict.set.refused"), names, values, 4,
			    text + used, sizeof(text) - used);
		}
		if (text[0] == '\0')
			snprintf(text, sizeof(text), "%s", sl_req_text(req, "predict.set.none"));
		f = json_object_new_object();
		snprintf(key, sizeof(key), "smart_type.%s", pdb_type_name(t));
		json_object_object_add(f, "label", json_object_new_string(sl_req_text(req, key)));
		json_object_object_add(f, "text", json_object_new_string(text));
		json_object_array_add(facts, f);
		json_object_put(latest);
		json_object_put(force);
		latest = force = NULL;
	}
	json_object_object_add(section, "has_facts",
	    json_object_new_boolean(json_object_array_length(facts) > 0));
	notes = notes_json(req, discount);
	for (i = 0; i < json_object_array_length(notes); i++)
		json_object_object_del(json_object_array_get_idx(notes, i), "params");
	json_object_object_add(section, "notes", notes);
	rc = 0;
out:
	if (rc != 0)
		log_err("settings page, predictions: %s", sl_db_error(db));
	json_object_put(latest);
	json_object_put(force);
	return rc;
}

static const struct sl_setting no_settings[] = { { 0 } };

static const struct sl_settings settings = {
	"predict.set.title", "predict.set.intro", no_settings, settings_explain,
};

const struct sl_module predict_module = {
	.name = "predict",
	.settings = &settings,
	.nav = NULL,
	.routes = routes,
	.sql = pr_sql,
	.nsql = PR_NSQL,
	.tables = pr_tables,
	.jobs = jobs,
	.commands = commands,
};
