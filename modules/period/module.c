/*
 * module.c - the period module: sales of a service type (a category with
 * its subcategories, or a product) by week or month (issue 21, DESIGN.md
 * section 5 "Sales by period").  Its routes, navigation entry and the dip
 * threshold setting.
 */
#include "period_int.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"

/* The report's inputs, the same for the page, the API and the CSV. */
static const struct sl_input report_in[] = {
	{ "category", SL_IN_IDS, .max = PV_MAX_SCOPES },
	{ "product", SL_IN_TEXT, .max = 64 },
	{ "from", SL_IN_DATE, .flags = 0 },
	{ "to", SL_IN_DATE, .flags = 0 },
	{ "preset", SL_IN_ENUM, .choices = pv_presets },
	{ "step", SL_IN_ENUM, .choices = pv_steps },
	{ "dip", SL_IN_UINT, .min = 1, .max = 99 },
	{ "sort", SL_IN_ENUM, .choices = pv_sorts },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/reports/period", pv_page, SL_ROLE_AGENT, "period/page",
	  .inputs = report_in },
	{ SL_GET, "/admin/reports/period.csv", pv_csv, SL_ROLE_AGENT, NULL, .inputs = report_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/admin/reports/period.pdf", pv_pdf, SL_ROLE_AGENT, NULL, .inputs = report_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/api/v1/reports/period", pv_page, SL_ROLE_AGENT, NULL, .inputs = report_in },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.period", "/admin/reports/period", SL_ROLE_AGENT, 620, SL_NAV_INSIGHTS },
	{ 0 },
};

static const struct sl_setting setting_items[] = {
	{ "period_dip_pct", "period.dip_pct", SL_SETTING_INT, "20", 1, 99, NULL,
	  "period.set.dip", "period.set.dip_help", NULL, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"period.set.title", NULL, setting_items, NULL,
};

static const char *const tables[] = { NULL };

const struct sl_module period_module = {
	.name = "period",
	.nav = nav,
	.routes = routes,
	.settings = &settings,
	.sql = pv_sql,
	.nsql = PV_NSQL,
	.tables = tables,
};
