/*
 * shell.c - the shell module: the admin home, with the Dashboard entry of
 * the admin navigation, and the shell.stats job behind its figures of the
 * whole data set (stats.c).  (The trade customer's home, /account/, is the
 * trade module's.)  The other sections' entries (Customers,
 * Classifications, ...) come from their own modules.
 */
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"
#include "shell_int.h"
#include "shell_module.h"
#include "shell_sql.h"

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/", shell_dashboard, SL_ROLE_AGENT, "admin/dashboard", .inputs = sl_no_inputs },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.dashboard", "/admin/", SL_ROLE_AGENT, 10, SL_NAV_NONE },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "shell.stats", shell_job_stats },
	{ 0 },
};

/* stats_per_day runs a day, from midnight in the site's time zone */
static const struct sl_schedule schedules[] = {
	{ "shell.stats", "shell.stats", NULL, "stats_per_day" },
	{ 0 },
};

static const struct sl_setting setting_items[] = {
	{ "stats_per_day", "dashboard.stats_per_day", SL_SETTING_INT, "4", 0, 24, NULL,
	  "shell.set.per_day", "shell.set.per_day_help", NULL, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"shell.set.title", "shell.set.intro", setting_items, NULL,
};

const struct sl_module shell_module = {
	.name = "shell",
	.nav = nav,
	.routes = routes,
	.sql = sh_sql,
	.nsql = SH_NSQL,
	.tables = sh_tables,
	.jobs = jobs,
	.commands = NULL,
	.settings = &settings,
	.schedules = schedules,
	.data_imported = shell_data_imported,
};
