/*
 * module.c - the insights module (issue 19): the customer-base dashboard's
 * figures, computed by the insights.refresh job (in_job.c) on its schedule
 * (insights_per_day) and after each classification run, and the command
 * `salient insights refresh`.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "in_int.h"
#include "in_sql.h"
#include "salient/contract.h"
#include "salient/db.h"
#include "salient/cli.h"
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

static int job_refresh(struct sl_job *job)
{
	struct json_object *a = sl_job_args(job), *v;
	struct in_run_stats st;
	int64_t day = today();
	char err[512];

	if (json_object_object_get_ex(a, "as_of", &v) &&
	    (v == NULL || dc_parse_date(json_object_get_string(v), &day) != 0)) {
		sl_job_fail_key(job, "insights.job.as_of", "value", v ? json_object_get_string(v) : "null", NULL);
		return -1;
	}
	if (in_refresh(sl_job_db(job), day, job, &st, err, sizeof(err)) != 0) {
		sl_job_fail_key(job, "insights.job.failed", "detail", err, NULL);
		return -1;
	}
	sl_job_progress(job, st.orders, st.orders);
	return 0;
}

static int cmd_insights(int argc, char **argv)
{
	struct in_run_stats st;
	struct sl_db *db;
	const char *asof = NULL;
	int64_t day = today();
	char err[512];
	int i;

	if (argc < 2 || strcmp(argv[1], "refresh") != 0)
		goto usage;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			asof = argv[++i];
		else
			goto usage;
	}
	if (asof != NULL && dc_parse_date(asof, &day) != 0) {
		fprintf(stderr, "salient insights: --as-of: '%s' is not a date (YYYY-MM-DD)\n", asof);
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (in_refresh(db, day, NULL, &st, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient insights refresh: %s\n", err);
		return 1;
	}
	printf("as of %s, %d months: %lld customers, %lld paid orders, %.3f s "
	    "(customers %.3f s, orders %.3f s)\n", asof ? asof : "today", st.months, st.customers,
	    st.orders, st.seconds, st.read_s, st.scan_s);
	return 0;
usage:
	fprintf(stderr, "usage: salient insights refresh [--as-of YYYY-MM-DD]\n");
	return 2;
}

static const struct sl_job_kind jobs[] = {
	{ "insights.refresh", job_refresh },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "insights", cmd_insights, "refresh [--as-of YYYY-MM-DD]",
	  "compute the customer-base dashboard's figures now" },
	{ 0 },
};

/* insights_per_day runs a day, from midnight in the site's time zone */
static const struct sl_schedule schedules[] = {
	{ "insights.refresh", "insights.refresh", NULL, "insights_per_day" },
	{ 0 },
};

static const struct sl_setting setting_items[] = {
	{ "insights_per_day", "insights.per_day", SL_SETTING_INT, "4", 0, 24, NULL,
	  "insights.set.per_day", "insights.set.per_day_help", NULL, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"insights.set.title", "insights.set.intro", setting_items, NULL,
};

static const struct sl_route routes[] = {
	{ 0 },
};

const struct sl_module insights_module = {
	.name = "insights",
	.routes = routes,
	.sql = in_sql,
	.nsql = IN_NSQL,
	.tables = in_tables,
	.jobs = jobs,
	.commands = commands,
	.settings = &settings,
	.schedules = schedules,
};
