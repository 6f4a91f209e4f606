/*
 * module.c - the classification module: its routes (the API in api.c, the
 * admin page in page.c), navigation, settings, the recompute job, command
 * and schedule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "assign.h"
#include "classify_int.h"
#include "classify_sql.h"
#include "salient/contract.h"
#include "salient/log.h"
#include "salient/insights.h"
#include "salient/predict.h"
#include "recompute.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/salient.h"
#include "salient/settings.h"

/* Today in the site's time zone (TZ is set from [site] timezone). */
static int64_t today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return dc_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* "YYYY-MM-DD" (a real calendar date) to a day number; 0 or -1. */
static int parse_day(const char *s, int64_t *day)
{
	if (s == NULL || dc_parse_date(s, day) != 0)
		return -1;
	return 0;
}

static void print_stats(const struct cl_run_stats *st, const char *asof)
{
	printf("as of %s, timeframe %d months: %lld customers, %lld paid orders, "
	    "%lld classifications given, %lld taken away, metrics %s, %.3f s\n",
	    asof, st->timeframe, st->customers, st->orders, st->added, st->removed,
	    st->metrics_written ? "written" : "unchanged", st->seconds);
}

static int cmd_recompute(int argc, char **argv)
{
	struct cl_run_stats st;
	struct sl_db *db;
	char err[512];
	const char *asof = NULL;
	int64_t day;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			asof = argv[++i];
		else {
			fprintf(stderr, "usage: salient recompute [--as-of YYYY-MM-DD]\n");
			return 2;
		}
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	day = today();
	if (asof != NULL && parse_day(asof, &day) != 0) {
		fprintf(stderr, "salient recompute: --as-of: '%s' is not a date (YYYY-MM-DD)\n", asof);
		return 2;
	}
	if (cl_recompute(db, day, NULL, &st, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient recompute: %s\n", err);
		return 1;
	}
	print_stats(&st, asof ? asof : "today");
	return 0;
}

/*
 * The predictions first (the predict.fit job's run, sl_predict_fit()), when
 * asked: a fit refused for too little data leaves the published one in
 * force, and a fit that fails is logged; either way the classification run
 * goes on with the predictions in force.  0, or -1 when the worker is
 * stopping.
 */
static int fit_predictions(struct sl_job *job, int64_t day)
{
	char err[512];

	if (sl_predict_fit(sl_job_db(job), job, (long)day, "classify.recompute", err,
	    sizeof(err)) != 0) {
		log_warn("classify.recompute: the prediction fit failed (%s); "
		    "classifying with the predictions in force", err);
		return sl_job_stopping(job) ? -1 : 0;
	}
	return 0;
}

/*
 * The job's reasons are catalog keys with their values (classify.job.*,
 * sl_job_fail_key()), put into words in the reader's language where the
 * job list and the classifications page show them.
 */
static int job_recompute(struct sl_job *job)
{
	struct json_object *a = sl_job_args(job), *v;
	struct cl_run_stats st;
	char err[512];
	int64_t day = today();
	int with_predictions = 0;

	if (json_object_object_get_ex(a, "as_of", &v) &&
	    parse_day(json_object_get_string(v), &day) != 0) {
		sl_job_fail_key(job, "classify.job.as_of", "value", json_object_get_string(v), NULL);
		return -1;
	}
	if (json_object_object_get_ex(a, "with_predictions", &v) && v != NULL) {
		if (!json_object_is_type(v, json_type_boolean)) {
			sl_job_fail_key(job, "classify.job.with_predictions", NULL);
			return -1;
		}
		with_predictions = json_object_get_boolean(v);
	}
	if (with_predictions && fit_predictions(job, day) != 0) {
		sl_job_fail_key(job, "classify.job.stopped", NULL);
		return -1;
	}
	if (cl_recompute(sl_job_db(job), day, job, &st, err, sizeof(err)) != 0) {
		if (st.busy)
			sl_job_fail_key(job, "classify.job.busy", NULL);
		else if (sl_job_stopping(job))
			sl_job_fail_key(job, "classify.job.stopped", NULL);
		else
			sl_job_fail_key(job, "classify.job.failed", "detail", err, NULL);
		return -1;
	}
	/* the dashboard's figures follow the run, as of the same day (its RFM) */
	sl_insights_queue(sl_job_db(job), day);
	return 0;
}

/*
 * POST /api/v1/classifications/recompute: queues a run as of today with the
 * predictions (as "Recalculate now" does: a run queued or under way is
 * answered, not doubled; "already": true), or a run as of {"as_of"}.  202
 * with the job.
 */
static int api_recompute(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m, *args;
	const char *as_of = sl_req_date(req, "as_of");
	long long id;
	int already = 0;

	if (as_of != NULL) {
		args = json_object_new_object();
		json_object_object_add(args, "as_of", json_object_new_string(as_of));
		id = sl_job_enqueue(sl_req_db(req), "classify.recompute", args);
		json_object_put(args);
	} else if (cls_queue_recompute(sl_req_db(req), &id, &already) != 0) {
		id = -1;
	}
	if (id < 0)
		return -1;
	m = json_object_new_object();
	json_object_object_add(m, "job_id", json_object_new_int64(id));
	json_object_object_add(m, "state", json_object_new_string(already ? "already" : "queued"));
	json_object_object_add(m, "already", json_object_new_boolean(already));
	sl_resp_status(resp, 202);
	sl_resp_model(resp, m);
	return 0;
}

/* ---- the routes' inputs (salient/input.h) ---- */

static const struct sl_input recompute_in[] = {
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

static const struct sl_input order_in[] = {
	{ "type", SL_IN_ENUM, .choices = cl_type_names },
	{ "smart_type", SL_IN_ENUM, .choices = cl_smart_names },
	/* the ids in their new order (api.c checks each item): the API's ids,
	   the page's order (salient.js's [data-sortable]) */
	{ "ids", SL_IN_JSON, .max = 2 },
	{ "order", SL_IN_JSON, .max = 2 },
	{ 0 },
};

static const struct sl_input filter_in[] = {
	{ "type", SL_IN_ENUM, .choices = cl_type_names },
	{ "smart_type", SL_IN_ENUM, .choices = cl_smart_names },
	{ 0 },
};

static const struct sl_input create_in[] = {
	CLS_FIELD_INPUTS,
	{ 0 },
};

static const struct sl_input update_in[] = {
	CLS_FIELD_INPUTS,
	{ "id", SL_IN_UINT, .min = 1, .max = UINT32_MAX },
	{ 0 },
};

/* the flashes after a change, in the order of page.c's done_flash() */
static const char *const done_choices[] = {
	"created", "saved", "deleted", "moved", "queued", "already", NULL,
};

static const struct sl_input page_in[] = {
	{ "done", SL_IN_ENUM, .choices = done_choices },
	{ 0 },
};

static const char *const directions[] = { "up", "down", NULL };

static const struct sl_input move_in[] = {
	{ "direction", SL_IN_ENUM, .flags = SL_IN_REQUIRED, .choices = directions },
	{ 0 },
};

/* Literal paths before {id}: the router takes the first match in order. */
static const struct sl_route routes[] = {
	{ SL_POST, "/api/v1/classifications/recompute", api_recompute, SL_ROLE_ADMIN, NULL,
	  .inputs = recompute_in },
	{ SL_PUT, "/api/v1/classifications/order", cls_api_order, SL_ROLE_ADMIN, NULL,
	  .inputs = order_in },
	{ SL_GET, "/api/v1/classifications", cls_api_list, SL_ROLE_AGENT, NULL, .inputs = filter_in },
	{ SL_POST, "/api/v1/classifications", cls_api_create, SL_ROLE_ADMIN, NULL, .inputs = create_in },
	{ SL_GET, "/api/v1/classifications/{id:uint}", cls_api_get, SL_ROLE_AGENT, NULL,
	  .inputs = sl_no_inputs },
	{ SL_PUT, "/api/v1/classifications/{" CLS_UPDATE_ID ":uint}", cls_api_update, SL_ROLE_ADMIN,
	  NULL, .inputs = update_in },
	{ SL_DELETE, "/api/v1/classifications/{id:uint}", cls_api_delete, SL_ROLE_ADMIN, NULL,
	  .inputs = sl_no_inputs },
	{ SL_GET, "/admin/classifications", cls_page, SL_ROLE_AGENT, "classify/page", .inputs = page_in },
	{ SL_POST, "/admin/classifications", cls_page_create, SL_ROLE_ADMIN, "classify/form",
	  .inputs = create_in },
	{ SL_GET, "/admin/classifications/new", cls_page_new, SL_ROLE_ADMIN, "classify/form",
	  .inputs = filter_in },
	{ SL_POST, "/admin/classifications/order", cls_api_order, SL_ROLE_ADMIN, NULL,
	  .inputs = order_in },
	{ SL_POST, "/admin/classifications/recompute", cls_page_recompute, SL_ROLE_ADMIN, NULL,
	  .inputs = sl_no_inputs },
	{ SL_GET, "/admin/classifications/{id:uint}", cls_page_edit, SL_ROLE_ADMIN, "classify/form",
	  .inputs = sl_no_inputs },
	{ SL_POST, "/admin/classifications/{" CLS_UPDATE_ID ":uint}", cls_page_update, SL_ROLE_ADMIN,
	  "classify/form", .inputs = update_in },
	{ SL_POST, "/admin/classifications/{id:uint}/delete", cls_page_delete, SL_ROLE_ADMIN, NULL,
	  .inputs = sl_no_inputs },
	{ SL_POST, "/admin/classifications/{id:uint}/move", cls_page_move, SL_ROLE_ADMIN, NULL,
	  .inputs = move_in },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.classifications", "/admin/classifications", SL_ROLE_AGENT, 30, SL_NAV_CUSTOMERS },
	{ 0 },
};

/* recompute_per_day runs a day, from midnight in the site's time zone */
static const struct sl_schedule schedules[] = {
	{ "classify.recompute", "classify.recompute",
	  "{\"with_predictions\": true, \"scheduled\": true}", "recompute_per_day" },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "classify.recompute", job_recompute },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "recompute", cmd_recompute, "[--as-of YYYY-MM-DD]",
	  "compute every customer's metrics and classifications now" },
	{ 0 },
};

/* The timeframe must be one DESIGN.md section 5 allows. */
static int check_timeframe(const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "3") == 0 || strcmp(v, "6") == 0 || strcmp(v, "12") == 0 ||
	    strcmp(v, "24") == 0)
		return 0;
	snprintf(err, errlen, "timeframe_months: must be 3, 6, 12 or 24");
	return -1;
}

static const char *const smart_choices[] = { "retail", "trade", "distributor", NULL };

static const struct sl_setting setting_items[] = {
	{ "timeframe_months", "classify.timeframe_months", SL_SETTING_INT, "12", 3, 24, NULL,
	  "classify.set.timeframe", "classify.set.timeframe_help", check_timeframe, NULL },
	{ "smart_types", "classify.smart_types", SL_SETTING_SET, "retail,trade,distributor", 0, 0,
	  smart_choices, "classify.set.smart_types", "classify.set.smart_types_help", NULL,
	  "smart_type" },
	{ "smart_type_label_retail", "classify.label.retail", SL_SETTING_TEXT, "", 0, 40, NULL,
	  "classify.set.label_retail", "classify.set.label_help", NULL, NULL },
	{ "smart_type_label_trade", "classify.label.trade", SL_SETTING_TEXT, "", 0, 40, NULL,
	  "classify.set.label_trade", "classify.set.label_help", NULL, NULL },
	{ "smart_type_label_distributor", "classify.label.distributor", SL_SETTING_TEXT, "", 0, 40,
	  NULL, "classify.set.label_distributor", "classify.set.label_help", NULL, NULL },
	{ "recompute_per_day", "classify.recompute_per_day", SL_SETTING_INT, "4", 0, 24, NULL,
	  "classify.set.per_day", "classify.set.per_day_help", NULL, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"classify.set.title", "classify.set.intro", setting_items, NULL,
};

const struct sl_module classify_module = {
	.name = "classify",
	.nav = nav,
	.settings = &settings,
	.routes = routes,
	.sql = cls_sql,
	.nsql = CLS_NSQL,
	.tables = cls_tables,
	.jobs = jobs,
	.commands = commands,
	.schedules = schedules,
};
