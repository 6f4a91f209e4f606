/*
 * dashboard.c - GET /admin/: the admin home.  Counts of the imported data,
 * paid revenue of the last 12 months per currency with a monthly chart, the
 * recent jobs with state and progress, and the health of the database and
 * the job queue.  Counts and revenue come from the figures the shell.stats
 * job stores (stats.c), so the page costs a few small reads at any size.
 * The view model is the page's JSON API (Accept: application/json):
 *
 *   as_of, as_of_text     "2026-11-23", "23 Nov 2026"
 *   period                {months: 12, from, to, from_text, to_text}: the
 *                         headline and the chart count order_date in
 *                         [from, to], from the first of the month 11
 *                         months back (one window for both)
 *   stats                 {pending, computed_at, computed_at_text, seconds,
 *                          refreshing}: when the figures were computed;
 *                         pending (no figures yet: a job is queued)
 *   counts                {customers, orders, order_lines, products}: {value, text},
 *                         or null while pending
 *   revenue_12m           [{amount, currency, text, orders}] largest first
 *   chart                 {currency, months ["2025-12"...], labels, values, empty}
 *   jobs_count            how many jobs follow (at most 10)
 *   jobs                  [{id, kind, kind_text, state, is{STATE: true}, attempts, progress_done,
 *                          progress_total, percent, last_error, last_error_text
 *                          (in the user's words), created_at, ...}]
 *   health                {db, server_version, schema_version, migrations,
 *                          jobs_queued, jobs_running, jobs_failed_24h,
 *                          placeholders, last_import (of the stored figures)}
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/format.h"
#include "salient/salient.h"
#include "salient/text.h"
#include "shell_int.h"
#include "shell_model.h"
#include "shell_sql.h"

#define CHART_MONTHS 12

/* the figures of the whole data set, as the shell.stats job stored them (stats.c) */
/* a refresh waiting or under way */

/* paid revenue per currency in the chart's window: from the first of the
   month 11 months back to T (the same 12 calendar months as the chart) */

/* the chart: calendar months from the first of the month 11 months back */



/*
 * The stored figures: counts into m, placeholders and last_import into
 * health, and stats {computed_at, computed_at_text, seconds, refreshing}.
 * Without figures yet, counts is null, stats.pending true, and a job is
 * queued to compute them.  0, or -1 on a database error.
 */
static int stats_model(struct sl_db *db, const char *lang, struct json_object *m,
    struct json_object *health)
{
	static const char *const keys[] = { "customers", "orders", "order_lines", "products" };
	static const char *const dates[] = { "computed_at", NULL };
	static const char *const import_date[] = { "last_import", NULL };
	struct json_object *row = NULL, *counts, *st = json_object_new_object(), *v;
	size_t i;
	int r;

	json_object_object_add(m, "stats", st);
	if ((r = sl_db_row(db, &row, SL_SQL(sh_sql, SH_STATS))) < 0)
		return -1;
	if (r == 0) {
		json_object_object_add(m, "counts", NULL);
		json_object_object_add(st, "pending", json_object_new_boolean(1));
		json_object_object_add(health, "placeholders", NULL);
		json_object_object_add(health, "last_import", NULL);
		if (shell_stats_queue(db, 0) < 0)
			return -1;
	} else {
		counts = json_object_new_object();
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			json_object_object_add(counts, keys[i],
			    sl_model_count(lang, shell_int(row, keys[i])));
		json_object_object_add(m, "counts", counts);
		json_object_object_add(st, "pending", json_object_new_boolean(0));
		json_object_object_add(st, "computed_at",
		    json_object_get(json_object_object_get(row, "computed_at")));
		json_object_object_add(st, "seconds",
		    json_object_get(json_object_object_get(row, "seconds")));
		shell_add_dates(st, lang, 1, dates);
		json_object_object_add(health, "placeholders",
		    json_object_new_int64(shell_int(row, "placeholders")));
		json_object_object_add(health, "last_import",
		    json_object_get(json_object_object_get(row, "last_import")));
		shell_add_dates(health, lang, 1, import_date);
		json_object_put(row);
		row = NULL;
	}
	if (sl_db_row(db, &row, SL_SQL(sh_sql, SH_REFRESHING)) != 1)
		return -1;
	v = json_object_new_boolean(shell_int(row, "n") > 0);
	json_object_object_add(st, "refreshing", v);
	json_object_put(row);
	return 0;
}

/* [{amount, currency, text, orders: {value, text}}] from the revenue rows. */
static struct json_object *revenue_model(struct json_object *rows, const char *lang)
{
	struct json_object *arr = json_object_new_array(), *row, *amount, *e;
	size_t i, n = json_object_array_length(rows);

	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(rows, i);
		json_object_object_get_ex(row, "amount", &amount);
		e = shell_money(lang, amount, shell_str(row, "currency"));
		json_object_object_add(e, "orders", sl_model_count(lang, shell_int(row, "orders")));
		json_object_array_add(arr, e);
	}
	return arr;
}

/*
 * The monthly chart of the largest currency: every month of the window
 * (first, the first day of months[0], to today), months without orders as 0.  Returns NULL on a database error.
 */
static struct json_object *chart_model(struct sl_db *db, const char *lang, const char *today,
    const char *first, char months[][8], const char *currency)
{
	char label[SL_FMT_MAX];
	struct json_object *rows, *m, *labels, *values, *keys, *row, *amount;
	size_t r = 0, n;
	int i, any = 0;

	if ((rows = sl_db_rows(db, SL_SQL(sh_sql, SH_MONTHLY), first, today, currency)) == NULL)
		return NULL;
	n = json_object_array_length(rows);
	m = json_object_new_object();
	labels = json_object_new_array();
	values = json_object_new_array();
	keys = json_object_new_array();
	for (i = 0; i < CHART_MONTHS; i++) {
		row = r < n ? json_object_array_get_idx(rows, r) : NULL;
		sl_fmt_month(label, sizeof(label), lang, months[i]);
		json_object_array_add(keys, json_object_new_string(months[i]));
		json_object_array_add(labels, json_object_new_string(label));
		if (row != NULL && strcmp(shell_str(row, "month") ? shell_str(row, "month") : "",
		    months[i]) == 0 && json_object_object_get_ex(row, "amount", &amount) && amount) {
			json_object_array_add(values, json_object_get(amount));
			any = 1;
			r++;
		} else {
			json_object_array_add(values, json_object_new_int(0));
		}
	}
	json_object_object_add(m, "currency", currency ? json_object_new_string(currency) : NULL);
	json_object_object_add(m, "months", keys);
	json_object_object_add(m, "labels", labels);
	json_object_object_add(m, "values", values);
	json_object_object_add(m, "empty", json_object_new_boolean(!any));
	json_object_put(rows);
	return m;
}

/* Adds kind_text (the kind's name in the user's language), percent,
 * is{state} and date texts to each job row. */
static void jobs_decorate(const struct sl_req *req, struct json_object *jobs, const char *lang)
{
	static const char *const dates[] = { "created_at", "started_at", "finished_at", NULL };
	struct json_object *job, *is;
	char reason[SL_TEXT_MAX];
	long long done, total;
	size_t i, n = json_object_array_length(jobs);

	for (i = 0; i < n; i++) {
		job = json_object_array_get_idx(jobs, i);
		json_object_object_add(job, "kind_text", json_object_new_string(
		    sl_req_text_of(req, "jobs.kind.", shell_str(job, "kind"))));
		if (shell_str(job, "last_error") != NULL)
			json_object_object_add(job, "last_error_text", json_object_new_string(
			    sl_job_error_text(req, shell_str(job, "last_error"), reason, sizeof(reason))));
		done = shell_int(job, "progress_done");
		total = shell_int(job, "progress_total");
		json_object_object_add(job, "percent", total > 0 ?
		    json_object_new_int((int)(done * 100 / total)) : NULL);
		is = json_object_new_object();
		if (shell_str(job, "state") != NULL)
			json_object_object_add(is, shell_str(job, "state"), json_object_new_boolean(1));
		json_object_object_add(job, "is", is);
		shell_add_dates(job, lang, 1, dates);
	}
}

static struct json_object *health_model(struct sl_db *db)
{
	struct json_object *row = NULL;

	if (sl_db_row(db, &row, SL_SQL(sh_sql, SH_HEALTH)) != 1)
		return NULL;
	json_object_object_add(row, "db", json_object_new_string("up"));
	return row;
}

int shell_dashboard(struct sl_req *req, struct sl_resp *resp)
{
	static const char *const as_of_key[] = { "as_of", NULL };
	static const char *const period_keys[] = { "from", "to", NULL };
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req), *cur = NULL;
	struct json_object *m = NULL, *v = NULL, *rows = NULL, *period, *health;
	char today[16], first[16], months[CHART_MONTHS][8];
	int rc = -1;

	shell_today(today, sizeof(today));
	if ((m = json_object_new_object()) == NULL)
		goto out;
	json_object_object_add(m, "as_of", json_object_new_string(today));
	shell_add_dates(m, lang, 0, as_of_key);
	if ((health = health_model(db)) == NULL)
		goto out;
	json_object_object_add(m, "health", health);
	if (stats_model(db, lang, m, health) != 0)
		goto out;
	if (shell_months_back(today, CHART_MONTHS - 1, first, sizeof(first), months) != 0 ||
	    (rows = sl_db_rows(db, SL_SQL(sh_sql, SH_REVENUE), first, today)) == NULL)
		goto out;
	json_object_object_add(m, "revenue_12m", revenue_model(rows, lang));
	if (json_object_array_length(rows) > 0)
		cur = shell_str(json_object_array_get_idx(rows, 0), "currency");
	if ((v = chart_model(db, lang, today, first, months, cur)) == NULL)
		goto out;
	json_object_object_add(m, "chart", v);
	/* the window of revenue_12m and the chart: [first of the month 11
	   months back, T] */
	period = json_object_new_object();
	json_object_object_add(period, "months", json_object_new_int(CHART_MONTHS));
	json_object_object_add(period, "from", json_object_new_string(first));
	json_object_object_add(period, "to", json_object_new_string(today));
	shell_add_dates(period, lang, 0, period_keys);
	json_object_object_add(m, "period", period);
	if ((v = sl_db_rows(db, SL_SQL(sh_sql, SH_JOBS))) == NULL)
		goto out;
	jobs_decorate(req, v, lang);
	json_object_object_add(m, "jobs_count", json_object_new_int((int)json_object_array_length(v)));
	json_object_object_add(m, "jobs", v);
	sl_resp_model(resp, m);
	m = NULL;
	rc = 0;
out:
	json_object_put(rows);
	json_object_put(m);
	return rc;
}
