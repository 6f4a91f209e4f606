/*
 * pdb.c - the predictions run (issue 8): one streamed pass over the paid
 * orders in customer order (the covering index orders_customer), a BG/NBD +
 * Gamma-Gamma fit per smart type, and for each published fit every
 * customer's predictions written in bulk (multi-row upserts bound from an
 * array of rows, sl_db_exec_rows()), one transaction per type.  See
 * pdb.h for the contract and the refusal rules.
 *
 * Which orders count: status 'paid', a customer, and an order_date on or
 * before the as-of date.  Placeholder orders have no order_date
 * (002_data.sql), so "order_date IS NOT NULL" leaves them out while the
 * scan stays on the covering index (the placeholder column is not in it,
 * and reading it would cost one row lookup per order).  Orders of a
 * placeholder customer are real orders and count, with the customer's
 * smart type as stored (retail until the host sends the customer).
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "salient/orderscan.h"
#include "pdb.h"
#include "predict_sql.h"
#include "salient/db.h"
#include "salient/salient.h"

#define TYPE_NONE	0xff
#define PROGRESS_EVERY	65536

/*
 * One row of a batch of the predictions' upsert (PR_PUT_*, predict_sql.c):
 * the fields pr_put_fields binds, in the statement's column order.
 */
struct brow {
	unsigned long long	 cust, fit;
	const char		*as_of;
	double			 p_alive, e90;
	const char		*aov, *clv;	/* aov_s and clv_s */
	unsigned long long	 x;
	double			 t_x, T;
	char			 aov_s[24], clv_s[24];
};

static const struct sl_db_field pr_put_fields[] = {
	{ 'u', offsetof(struct brow, cust) },
	{ 'u', offsetof(struct brow, fit) },
	{ 's', offsetof(struct brow, as_of) },
	{ 'd', offsetof(struct brow, p_alive) },
	{ 'd', offsetof(struct brow, e90) },
	{ 's', offsetof(struct brow, aov) },
	{ 's', offsetof(struct brow, clv) },
	{ 'u', offsetof(struct brow, x) },
	{ 'd', offsetof(struct brow, t_x) },
	{ 'd', offsetof(struct brow, T) },
	{ 0, 0 },
};

struct run {
	struct sl_db		*db;
	const struct pdb_opts	*o;
	char			*err;
	size_t			 errsize;
	char			 as_of[11];
	unsigned char		*types;		/* by customer id */
	unsigned long		 maxid;
	size_t			 per_type[PDB_NTYPES];	/* customers of each type */
	struct pr_summary	*s[PDB_NTYPES];
	size_t			 n[PDB_NTYPES];
	long			 first_day[PDB_NTYPES];
	struct pdb_score	*sc;
	long long		 done, total;
	struct brow		*rows;		/* one batch of the upsert */
};

static int stopping(const struct run *r)
{
	return r->o->stopping != NULL && r->o->stopping(r->o->ctx);
}

static void progress(struct run *r)
{
	if (r->o->progress != NULL)
		r->o->progress(r->o->ctx, r->done, r->total);
}

/* Reads every customer's smart type into r->types (by internal id). */
static int read_types(struct run *r)
{
	struct json_object *row = NULL, *v;
	struct sl_cursor *c = NULL;
	unsigned id = 0;
	long long type = 0;
	int rc = -1, f;

	if (sl_db_row(r->db, &row, SL_SQL(pr_sql, PR_MAX_CUSTOMER)) < 0) {
		snprintf(r->err, r->errsize, "customers: %s", sl_db_error(r->db));
		goto out;
	}
	r->maxid = row != NULL && json_object_object_get_ex(row, "m", &v) ?
	    (unsigned long)json_object_get_int64(v) : 0;
	if ((r->types = malloc(r->maxid + 1)) == NULL) {
		snprintf(r->err, r->errsize, "out of memory (%lu customers)", r->maxid);
		goto out;
	}
	memset(r->types, TYPE_NONE, r->maxid + 1);
	if ((c = sl_cursor_open(r->db, SL_SQL(pr_sql, PR_TYPES))) == NULL) {
		snprintf(r->err, r->errsize, "customers: %s", sl_db_error(r->db));
		goto out;
	}
	if (sl_cursor_bind(c, "ni", &id, &type) != 0)
		goto cerr;
	while ((f = sl_cursor_fetch(c)) == 1) {
		if (sl_cursor_isnull(c, 0) || sl_cursor_isnull(c, 1) || id > r->maxid ||
		    type < 1 || type > PDB_NTYPES)
			continue;
		r->types[id] = (unsigned char)(type - 1);
		r->per_type[type - 1]++;
	}
	if (f != 0)
		goto cerr;
	rc = 0;
	goto out;
cerr:
	snprintf(r->err, r->errsize, "customers: %s", sl_cursor_error(c));
out:
	sl_cursor_close(c);
	json_object_put(row);
	return rc;
}

/* Files the accumulated customer under its type. */
static void file_customer(struct run *r, const struct pdb_acc *acc, int type,
    long cal_end)
{
	struct pr_summary *s;

	if (type == TYPE_NONE || acc->cust < 0 || r->n[type] >= r->per_type[type])
		return;
	s = &r->s[type][r->n[type]];
	if (pdb_acc_summary(acc, cal_end, s) != 0)
		return;
	if (r->n[type] == 0 || acc->first < r->first_day[type])
		r->first_day[type] = acc->first;
	r->n[type]++;
	r->done++;
}

/* The customer being summarised while the orders stream past. */
struct scan {
	struct run *r;
	struct pdb_acc acc;
	int type;
	unsigned long seen;
};

static int on_order(void *ctx, unsigned cust, int64_t day, int64_t value)
{
	struct scan *sc = ctx;
	struct run *r = sc->r;
	int a;

	if ((long)cust != sc->acc.cust && sc->acc.cust >= 0)
		file_customer(r, &sc->acc, sc->type, r->o->as_of_day);
	if ((a = pdb_acc_add(&sc->acc, (long)cust, (long)day, (double)value / 10000.0)) < 0) {
		snprintf(r->err, r->errsize, "orders of customer %u arrived out of date order", cust);
		return -1;
	}
	if (a == 1)
		sc->type = cust <= r->maxid ? r->types[cust] : TYPE_NONE;
	if ((++sc->seen % PROGRESS_EVERY) == 0) {
		progress(r);
		if (stopping(r)) {
			snprintf(r->err, r->errsize, "stopped");
			return -1;
		}
	}
	return 0;
}

/* The one pass over the orders (os_scan): fills r->s[] with every customer's summary. */
static int read_orders(struct run *r)
{
	struct scan sc;
	int t;

	for (t = 0; t < PDB_NTYPES; t++) {
		if ((r->s[t] = calloc(r->per_type[t] ? r->per_type[t] : 1,
		    sizeof(*r->s[t]))) == NULL) {
			snprintf(r->err, r->errsize, "out of memory");
			return -1;
		}
	}
	memset(&sc, 0, sizeof(sc));
	sc.r = r;
	sc.type = TYPE_NONE;
	pdb_acc_reset(&sc.acc);
	if (os_scan(r->db, r->o->as_of_day, on_order, &sc, r->err, r->errsize) != 0)
		return -1;
	file_customer(r, &sc.acc, sc.type, r->o->as_of_day);
	return 0;
}

/* ------------------------------------------------------------ writing */

/*
 * The rows of one batch of the largest size, each pointing at as_of and its
 * own texts; NULL when out of memory; free with free().
 */
static struct brow *batch_new(const char *as_of)
{
	struct brow *rows = calloc(pr_put[0].rows, sizeof(*rows));
	size_t k;

	for (k = 0; rows != NULL && k < pr_put[0].rows; k++) {
		rows[k].as_of = as_of;
		rows[k].aov = rows[k].aov_s;
		rows[k].clv = rows[k].clv_s;
	}
	return rows;
}

/* Row w of the upsert: customer s's scores sc under fit (its as_of and
 * text pointers are batch_new()'s). */
static void fill_row(struct brow *w, const struct pr_summary *s,
    const struct pdb_score *sc, unsigned fit)
{
	int n;

	w->cust = (unsigned long long)s->id;
	w->fit = fit;
	w->x = (unsigned long long)s->x;
	w->p_alive = sc->p_alive;
	w->e90 = sc->expected_orders_90d;
	w->t_x = s->t_x;
	w->T = s->T;
	/* a value too wide for DECIMAL(14,4) goes as '' and fails the batch */
	n = snprintf(w->aov_s, sizeof(w->aov_s), "%.4f", sc->expected_aov);
	if (n < 0 || (size_t)n >= sizeof(w->aov_s))
		w->aov_s[0] = '\0';
	n = snprintf(w->clv_s, sizeof(w->clv_s), "%.4f", sc->clv_12m);
	if (n < 0 || (size_t)n >= sizeof(w->clv_s))
		w->clv_s[0] = '\0';
}

/*
 * Writes the n predictions of fit_id: whole batches of the largest size,
 * then the remainder by the smaller ones (predict_sql.c); 0 or -1.
 */
static int write_predictions(struct run *r, int type, unsigned fit_id)
{
	const struct pr_summary *s = r->s[type];
	size_t n = r->n[type], i = 0, k, chunk, p = 0;

	while (i < n) {
		while (pr_put[p].rows > n - i)
			p++;
		chunk = pr_put[p].rows;
		for (k = 0; k < chunk; k++)
			fill_row(&r->rows[k], &s[i + k], &r->sc[i + k], fit_id);
		if (sl_db_exec_rows(r->db, SL_SQL(pr_sql, pr_put[p].id), pr_put_fields,
		    r->rows, sizeof(*r->rows), chunk) < 0) {
			snprintf(r->err, r->errsize, "writing predictions: %s",
			    sl_db_error(r->db));
			return -1;
		}
		i += chunk;
		r->done += (long long)chunk;
		progress(r);
		if (stopping(r)) {
			snprintf(r->err, r->errsize, "stopped");
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ one type */

static void refuse(struct pdb_result *res, const char *key,
    const char *params, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void refuse(struct pdb_result *res, const char *key,
    const char *params, const char *fmt, ...)
{
	va_list ap;

	res->published = 0;
	res->reason_key = key;
	snprintf(res->params, sizeof(res->params), "%s", params);
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
}

/* The catalog parameters of a refusal for too little data. */
static void minimum_params(struct pdb_result *res)
{
	const struct pdb_counts *c = &res->counts;
	const char *k = res->reason_key;

	if (strcmp(k, "predict.refused.few_customers") == 0)
		snprintf(res->params, sizeof(res->params),
		    "{\"customers\": %zu, \"min\": %d}", c->customers,
		    PDB_MIN_CUSTOMERS);
	else if (strcmp(k, "predict.refused.few_repeaters") == 0)
		snprintf(res->params, sizeof(res->params),
		    "{\"repeaters\": %zu, \"min\": %d}", c->spenders,
		    PDB_MIN_REPEATERS);
	else
		snprintf(res->params, sizeof(res->params),
		    "{\"days\": %ld, \"min\": %d}", c->history_days,
		    PDB_MIN_HISTORY_DAYS);
}

/*
 * The shop's id of customer id (customers.host_id) into out, JSON-quoted
 * into q (the refusal's parameters); "#id" when the row cannot be read.
 */
static void host_of(struct run *r, long id, char *out, size_t size,
    char *q, size_t qsize)
{
	struct json_object *row = NULL, *v, *str;

	snprintf(out, size, "#%ld", id);
	if (sl_db_row(r->db, &row, SL_SQL(pr_sql, PR_HOST_OF), (long long)id) == 1 &&
	    json_object_object_get_ex(row, "host_id", &v) && v != NULL)
		snprintf(out, size, "%s", json_object_get_string(v));
	json_object_put(row);
	str = json_object_new_string(out);
	snprintf(q, qsize, "%s", str != NULL ?
	    json_object_to_json_string_ext(str, JSON_C_TO_STRING_PLAIN) : "\"\"");
	json_object_put(str);
}

/* Stores a refused fit (a row, no predictions); 0 or -1. */
static int store_refusal(struct run *r, int type, struct pdb_result *res,
    int fitted)
{
	const struct pdb_counts *c = &res->counts;
	long long rows;

	if (fitted)
		rows = sl_db_exec(r->db, SL_SQL(pr_sql, PR_FIT_REFUSED_FITTED),
		    pdb_type_name(type), r->as_of, (long long)c->customers,
		    (long long)c->repeaters, (long long)c->spenders,
		    (long long)c->history_days, r->o->monthly_discount,
		    res->bg.r, res->bg.alpha, res->bg.a, res->bg.b, res->bg_info.ll,
		    (long long)res->bg_info.converged, (long long)res->bg_info.iterations,
		    res->gg.p, res->gg.q, res->gg.v, res->gg_info.ll,
		    (long long)res->gg_info.converged, (long long)res->gg_info.iterations,
		    res->reason_key, res->reason, res->params, res->seconds);
	else
		rows = sl_db_exec(r->db, SL_SQL(pr_sql, PR_FIT_REFUSED),
		    pdb_type_name(type), r->as_of, (long long)c->customers,
		    (long long)c->repeaters, (long long)c->spenders,
		    (long long)c->history_days, r->o->monthly_discount,
		    res->reason_key, res->reason, res->params, res->seconds);
	if (rows < 0) {
		snprintf(r->err, r->errsize, "storing the fit: %s", sl_db_error(r->db));
		return -1;
	}
	return 0;
}

/*
 * Each model is fitted once; a search that stopped before meeting its
 * tolerances is continued once from where it stopped, with a fresh simplex
 * and this larger budget (a long flat ridge, such as the no-dropout edge
 * a -> 0, b -> inf of BG/NBD that steady trade buyers make, can need more
 * than one budget).
 */
static const struct pr_fit_opts fit_more = { 20000, 8, 0, 0 };

/*
 * Whether the continued search (its rc and info fi) replaces the first one
 * (info): when it ran and got at least as far; then info becomes fi, with
 * the iterations of both.
 */
static int take_continued(int rc, const struct pr_fit_info *fi, struct pr_fit_info *info)
{
	int iterations = info->iterations;

	if (rc != PR_OK || fi->ll < info->ll)
		return 0;
	*info = *fi;
	info->iterations += iterations;
	return 1;
}

static int fit_bg(const struct pr_summary *s, size_t n, struct pdb_result *res)
{
	struct pr_fit_info fi = { 0 };
	struct pr_bgnbd m;
	int rc;

	if ((rc = pr_bgnbd_fit(s, n, NULL, 0, &res->bg, &res->bg_info)) != PR_OK ||
	    res->bg_info.converged)
		return rc;
	m = res->bg;
	if (take_continued(pr_bgnbd_fit(s, n, &fit_more, 1, &m, &fi), &fi, &res->bg_info))
		res->bg = m;
	return PR_OK;
}

static int fit_gg(const struct pr_summary *s, size_t n, struct pdb_result *res)
{
	struct pr_fit_info fi = { 0 };
	struct pr_gg m;
	int rc;

	if ((rc = pr_gg_fit(s, n, NULL, 0, &res->gg, &res->gg_info)) != PR_OK ||
	    res->gg_info.converged)
		return rc;
	m = res->gg;
	if (take_continued(pr_gg_fit(s, n, &fit_more, 1, &m, &fi), &fi, &res->gg_info))
		res->gg = m;
	return PR_OK;
}

/* Fits and scores one type in memory; 0 = publishable, 1 = refused with
 * the reason in res, -1 = error. */
static int fit_type(struct run *r, int type, struct pdb_result *res,
    int *fitted)
{
	const struct pr_summary *s = r->s[type];
	size_t i, n = r->n[type];
	char host[80], q[200], params[256];
	int rc;

	*fitted = 0;
	if (pdb_check_minimums(&res->counts, &res->reason_key, res->reason,
	    sizeof(res->reason)) != 0) {
		minimum_params(res);
		return 1;
	}
	if ((rc = fit_bg(s, n, res)) != PR_OK) {
		refuse(res, "predict.refused.fit_failed", "{\"model\": \"BG/NBD\"}",
		    "the purchase model (BG/NBD) could not be fitted: %s",
		    pr_strerror(rc));
		return 1;
	}
	if ((rc = fit_gg(s, n, res)) != PR_OK) {
		refuse(res, "predict.refused.fit_failed", "{\"model\": \"Gamma-Gamma\"}",
		    "the spend model (Gamma-Gamma) could not be fitted: %s",
		    pr_strerror(rc));
		return 1;
	}
	*fitted = 1;
	if (!res->bg_info.converged) {
		refuse(res, "predict.refused.not_converged", "{\"model\": \"BG/NBD\"}",
		    "the purchase model (BG/NBD) did not converge in %d "
		    "iterations", res->bg_info.iterations);
		return 1;
	}
	if (!res->gg_info.converged) {
		refuse(res, "predict.refused.not_converged", "{\"model\": \"Gamma-Gamma\"}",
		    "the spend model (Gamma-Gamma) did not converge in %d "
		    "iterations", res->gg_info.iterations);
		return 1;
	}
	if (!(res->gg.q > 1)) {
		refuse(res, "predict.refused.spend_unbounded", "{}", "spend varies "
		    "too much between customers for a finite average order value "
		    "(Gamma-Gamma q <= 1)");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if ((rc = pdb_score_one(&res->bg, &res->gg, &s[i],
		    r->o->monthly_discount, &r->sc[i])) != PR_OK) {
			host_of(r, s[i].id, host, sizeof(host), q, sizeof(q));
			snprintf(params, sizeof(params), "{\"customer\": %s}", q);
			refuse(res, "predict.refused.score_failed", params,
			    "customer %s (%g repeat purchases, the last %.1f weeks "
			    "after the first, %.1f weeks of history) could not be "
			    "scored: %s", host, s[i].x, s[i].t_x, s[i].T,
			    pr_strerror(rc));
			return 1;
		}
	}
	res->scored = n;
	return 0;
}

/* Publishes one type: the fit row and its predictions, one transaction. */
static int publish_type(struct run *r, int type, struct pdb_result *res)
{
	const struct pdb_counts *c = &res->counts;
	struct sl_stmt *st;
	long long fit_id;

	if (sl_db_begin(r->db) != 0)
		goto fail;
	if ((st = sl_db_stmt(r->db, pr_sql[PR_FIT_PUBLISHED].sql)) == NULL ||
	    sl_stmt_exec(st, pr_sql[PR_FIT_PUBLISHED].types,
	    pdb_type_name(type), r->as_of, (long long)c->customers,
	    (long long)c->repeaters, (long long)c->spenders,
	    (long long)c->history_days, r->o->monthly_discount,
	    res->bg.r, res->bg.alpha, res->bg.a, res->bg.b, res->bg_info.ll,
	    (long long)res->bg_info.converged, (long long)res->bg_info.iterations,
	    res->gg.p, res->gg.q, res->gg.v, res->gg_info.ll,
	    (long long)res->gg_info.converged, (long long)res->gg_info.iterations,
	    (long long)res->scored, res->seconds) != 0)
		goto fail;
	fit_id = (long long)sl_stmt_insert_id(st);
	if (write_predictions(r, type, (unsigned)fit_id) != 0)
		goto rollback;
	if (sl_db_exec(r->db, SL_SQL(pr_sql, PR_DROP_STALE), pdb_type_name(type), fit_id) < 0)
		goto fail;
	if (sl_db_commit(r->db) != 0)
		goto fail;
	res->fit_id = fit_id;
	res->published = 1;
	return 0;
fail:
	snprintf(r->err, r->errsize, "publishing the %s fit: %s",
	    pdb_type_name(type), sl_db_error(r->db));
rollback:
	sl_db_rollback(r->db);
	return -1;
}

static int run_type(struct run *r, int type, struct pdb_result *res)
{
	double t0 = sl_now();
	int refused, fitted;

	res->present = 1;
	pdb_count(r->s[type], r->n[type], r->first_day[type], r->o->as_of_day,
	    &res->counts);
	refused = fit_type(r, type, res, &fitted);
	res->seconds = sl_now() - t0;
	if (refused < 0)
		return -1;
	if (refused)
		return store_refusal(r, type, res, fitted);
	return publish_type(r, type, res);
}

int pdb_run(struct sl_db *db, const struct pdb_opts *opts,
    struct pdb_result res[PDB_NTYPES], char *err, size_t errsize)
{
	struct run r;
	size_t most = 0;
	int t, rc = -1;

	memset(&r, 0, sizeof(r));
	memset(res, 0, PDB_NTYPES * sizeof(*res));
	r.db = db;
	r.o = opts;
	r.err = err;
	r.errsize = errsize;
	err[0] = '\0';
	pdb_format_date(opts->as_of_day, r.as_of, sizeof(r.as_of));
	if (!isfinite(opts->monthly_discount) || opts->monthly_discount < 0 ||
	    opts->monthly_discount > PDB_MAX_DISCOUNT) {
		snprintf(err, errsize, "monthly discount must be within 0 and %g",
		    PDB_MAX_DISCOUNT);
		goto out;
	}
	if (read_types(&r) != 0)
		goto out;
	for (t = 0; t < PDB_NTYPES; t++)
		r.total += 2 * (long long)r.per_type[t];
	progress(&r);
	if (read_orders(&r) != 0)
		goto out;
	r.total = r.done;
	for (t = 0; t < PDB_NTYPES; t++) {
		r.total += (long long)r.n[t];
		if (r.n[t] > most)
			most = r.n[t];
	}
	progress(&r);
	free(r.types);
	r.types = NULL;
	if ((r.sc = calloc(most ? most : 1, sizeof(*r.sc))) == NULL ||
	    (r.rows = batch_new(r.as_of)) == NULL) {
		snprintf(err, errsize, "out of memory");
		goto out;
	}
	for (t = 0; t < PDB_NTYPES; t++) {
		if (r.n[t] == 0)
			continue;
		if (stopping(&r)) {
			snprintf(err, errsize, "stopped");
			goto out;
		}
		if (run_type(&r, t, &res[t]) != 0)
			goto out;
		if (!res[t].published)
			r.done += (long long)r.n[t];
		progress(&r);
	}
	rc = 0;
out:
	for (t = 0; t < PDB_NTYPES; t++)
		free(r.s[t]);
	free(r.types);
	free(r.sc);
	free(r.rows);
	return rc;
}
