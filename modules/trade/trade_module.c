/*
 * trade_module.c - the trade module (issue 7): the trade customer's area
 * (/account/: sales summary, target progress, suggestions), the staff view
 * of one customer's trade figures with its target form, the targets
 * report and API, the popularity job, and the module's settings.
 */
#include <stdio.h>
#include <string.h>

#include "salient/auth.h"
#include "salient/input.h"
#include "salient/salient.h"
#include "salient/settings.h"
#include "tr_int.h"
#include "tr_text.h"

/* /account/: token is the signed link's, read by the core's sign-in */
static const struct sl_input account_in[] = {
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ "token", SL_IN_TEXT, .max = AUTH_TRADE_MAX },
	{ 0 },
};

static const struct sl_input as_of_in[] = {
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

/* the staff form; what is missing or inconsistent re-renders it (422) */
static const struct sl_input staff_target_in[] = {
	{ "target_id", SL_IN_UINT, .min = 1, .max = INT64_MAX },
	{ "period_start", SL_IN_DATE, .flags = 0 },
	{ "period_end", SL_IN_DATE, .flags = 0 },
	{ "amount", SL_IN_MONEY, .flags = 0 },
	{ 0 },
};

static const struct sl_input targets_in[] = {
	{ "state", SL_IN_ENUM, .choices = tr_target_states },
	{ "manager", SL_IN_TEXT, .max = 100 },
	{ "customer", SL_IN_TEXT, .max = 64 },
	{ "sort", SL_IN_ENUM, .choices = tr_target_sorts },
	{ "dir", SL_IN_ENUM, .choices = tr_dirs },
	{ "page", SL_IN_UINT, .min = 1, .max = TR_TARGET_PAGES },
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

static const struct sl_input api_create_in[] = {
	{ "customer_id", SL_IN_TEXT, .max = 64 },
	{ "period_start", SL_IN_DATE, .flags = 0 },
	{ "period_end", SL_IN_DATE, .flags = 0 },
	{ "amount", SL_IN_MONEY, .flags = 0 },
	{ 0 },
};

/* customer_id is refused by the handler with its reason (422) */
static const struct sl_input api_update_in[] = {
	{ "customer_id", SL_IN_TEXT, .max = 64 },
	{ "period_start", SL_IN_DATE, .flags = 0 },
	{ "period_end", SL_IN_DATE, .flags = 0 },
	{ "amount", SL_IN_MONEY, .flags = 0 },
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/account/", tr_account, SL_ROLE_CUSTOMER, "trade/home", .inputs = account_in },
	{ SL_GET, "/admin/customers/{id:uint}/trade", tr_staff_view, SL_ROLE_AGENT, "trade/staff",
	  .inputs = as_of_in },
	{ SL_POST, "/admin/customers/{id:uint}/trade/target", tr_staff_target, SL_ROLE_AGENT,
	  "trade/staff", .inputs = staff_target_in },
	{ SL_POST, "/admin/customers/{id:uint}/trade/target/{tid:uint}/delete", tr_staff_target_delete,
	  SL_ROLE_AGENT, "trade/staff", .inputs = sl_no_inputs },
	{ SL_GET, "/admin/reports/targets", tr_targets_report, SL_ROLE_AGENT, "trade/targets",
	  .inputs = targets_in },
	{ SL_GET, "/admin/reports/targets.csv", tr_targets_csv, SL_ROLE_AGENT, NULL,
	  .inputs = targets_in, .flags = SL_ROUTE_LONG },
	{ SL_GET, "/api/v1/targets", tr_targets_report, SL_ROLE_AGENT, NULL, .inputs = targets_in },
	{ SL_GET, "/api/v1/targets.csv", tr_targets_csv, SL_ROLE_AGENT, NULL, .inputs = targets_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_POST, "/api/v1/targets", tr_api_target_create, SL_ROLE_AGENT, NULL,
	  .inputs = api_create_in },
	{ SL_GET, "/api/v1/targets/{id:uint}", tr_api_target_get, SL_ROLE_AGENT, NULL,
	  .inputs = as_of_in },
	{ SL_PUT, "/api/v1/targets/{id:uint}", tr_api_target_update, SL_ROLE_AGENT, NULL,
	  .inputs = api_update_in },
	{ SL_DELETE, "/api/v1/targets/{id:uint}", tr_api_target_delete, SL_ROLE_AGENT, NULL,
	  .inputs = sl_no_inputs },
	{ SL_GET, "/api/v1/customers/{id:uint}/trade", tr_staff_view, SL_ROLE_AGENT, NULL,
	  .inputs = as_of_in },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.targets", "/admin/reports/targets", SL_ROLE_AGENT, 60, SL_NAV_CUSTOMERS },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "trade.popularity", tr_job_popularity },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "popularity", tr_cmd_popularity, "[--as-of YYYY-MM-DD]",
	  "rank products and categories by popularity with trade customers now" },
	{ 0 },
};

static const char *const smart_choices[] = { "retail", "trade", "distributor", NULL };

static const struct sl_setting setting_items[] = {
	{ "account_smart_types", "account.smart_types", SL_SETTING_SET, "trade,distributor", 0, 0,
	  smart_choices, "trade.set.smart_types", "trade.set.smart_types_help", NULL, "smart_type" },
	{ "trade_summary", "trade.summary", SL_SETTING_BOOL, "1", 0, 1, NULL,
	  "trade.set.summary", "trade.set.summary_help", NULL, NULL },
	{ "trade_suggestions", "trade.suggestions", SL_SETTING_INT, "8", 0, TR_SUGGEST_MAX, NULL,
	  "trade.set.suggestions", "trade.set.suggestions_help", NULL, NULL },
	{ "trade_tag_filter", "trade.tag_filter", SL_SETTING_BOOL, "0", 0, 1, NULL,
	  "trade.set.tag_filter", "trade.set.tag_filter_help", NULL, NULL },
	{ "trade_tag_groups", "trade.tag_groups", SL_SETTING_TEXT, "manufacturer", 0, 500, NULL,
	  "trade.set.tag_groups", "trade.set.tag_groups_help", tr_check_tag_groups, NULL },
	{ "trade_product_url", "trade.product_url", SL_SETTING_TEXT, "", 0, 500, NULL,
	  "trade.set.product_url", "trade.set.product_url_help", tr_check_url_pattern, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"trade.set.title", "trade.set.intro", setting_items, NULL,
};

const struct sl_module trade_module = {
	.name = "trade",
	.nav = nav,
	.routes = routes,
	.jobs = jobs,
	.commands = commands,
	.settings = &settings,
	/* /account/'s facts come with the session: one round trip less */
	.customer_session_sql = TR_FACTS_SQL("s.customer_id"),
	.sql = tr_sql,
	.nsql = TR_NSQL,
	.tables = tr_tables,
};
