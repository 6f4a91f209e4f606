/*
 * cu_module.c - the customer manager (issue 6 items 4-6, with issue 8's
 * predictions): the list, the record, comments, the CSV export and the
 * customer order analysis report.  Sales agents and admins (SL_ROLE_AGENT).
 *
 * Customer ids in paths: {id} is the internal id (customers.id), as every
 * other admin page links it; by-host/{customer_id} takes the host's
 * customer id and redirects to it.
 */
#include "cu_int.h"

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/customers", cu_list, SL_ROLE_AGENT, "customers/list", .inputs = NULL },
	{ SL_GET, "/api/v1/customers", cu_list, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/admin/customers.csv", cu_csv_download, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/api/v1/customers.csv", cu_csv_download, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/admin/customers/by-host/{customer_id}", cu_by_host, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/api/v1/customers/by-host/{customer_id}", cu_by_host, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/admin/customers/{id}", cu_record, SL_ROLE_AGENT, "customers/record", .inputs = NULL },
	{ SL_GET, "/api/v1/customers/{id}", cu_record, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_POST, "/admin/customers/{id}/comments", cu_comment_add, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_POST, "/api/v1/customers/{id}/comments", cu_comment_add, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ SL_GET, "/admin/reports/orders", cu_report, SL_ROLE_AGENT, "customers/report", .inputs = NULL },
	{ SL_GET, "/api/v1/reports/orders", cu_report, SL_ROLE_AGENT, NULL, .inputs = NULL },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.customers", "/admin/customers", SL_ROLE_AGENT, 10, SL_NAV_CUSTOMERS },
	{ "nav.report_orders", "/admin/reports/orders", SL_ROLE_AGENT, 600, SL_NAV_INSIGHTS },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "export", cu_cmd_export, "customers [--as-of YYYY-MM-DD] [--out FILE]",
	  "write every customer's metrics, classifications and predictions as CSV" },
	{ 0 },
};

extern const struct sl_module customers_module;

const struct sl_module customers_module = {
	.name = "customers",
	.nav = nav,
	.routes = routes,
	.jobs = NULL,
	.commands = commands,
};
