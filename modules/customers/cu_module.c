/*
 * cu_module.c - the customer manager (issue 6 items 4-6, with issue 8's
 * predictions): the list, the record, comments, the CSV export and the
 * customer order analysis report.  Sales agents and admins (SL_ROLE_AGENT).
 *
 * Customer ids in paths: {id:uint} is the internal id (customers.id), as every
 * other admin page links it; by-host/{customer_id} takes the host's
 * customer id and redirects to it.
 */
#include <stdint.h>

#include "cu_int.h"

/* The list: its filters, sort, paging and the comment dialog's ?commented=ID. */
static const struct sl_input list_in[] = {
	CU_LIST_INPUTS,
	{ "commented", SL_IN_UINT, .min = 1, .max = INT64_MAX },
	{ 0 },
};
/* The CSV: the list's filters (its sort and paging are taken and ignored). */
static const struct sl_input csv_in[] = { CU_LIST_INPUTS, { 0 } };
static const struct sl_input by_host_in[] = {
	{ "customer_id", SL_IN_TEXT, .flags = SL_IN_REQUIRED | SL_IN_PATH, .min = 1, .max = 64 },
	{ 0 },
};
static const struct sl_input record_in[] = {
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};
static const struct sl_input comment_in[] = {
	{ "text", SL_IN_TEXT, .flags = SL_IN_LINES, .max = CU_COMMENT_BYTES },
	{ "return_to", SL_IN_TEXT, .max = 2000 },
	{ 0 },
};
/* The order analysis report: every filter of the list (with its sort and
 * paging), the order date range and a category or product (cu_report.c);
 * as_of is the older name of to.  Anything else is refused, not ignored. */
static const struct sl_input report_in[] = {
	CU_ORDERS_INPUTS,
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ "commented", SL_IN_UINT, .min = 1, .max = INT64_MAX },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/customers", cu_list, SL_ROLE_AGENT, "customers/list", .inputs = list_in },
	{ SL_GET, "/api/v1/customers", cu_list, SL_ROLE_AGENT, NULL, .inputs = list_in },
	{ SL_GET, "/admin/customers.csv", cu_csv_download, SL_ROLE_AGENT, NULL, .inputs = csv_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/api/v1/customers.csv", cu_csv_download, SL_ROLE_AGENT, NULL, .inputs = csv_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/admin/customers.xlsx", cu_xlsx_download, SL_ROLE_AGENT, NULL, .inputs = csv_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/api/v1/customers.xlsx", cu_xlsx_download, SL_ROLE_AGENT, NULL, .inputs = csv_in,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/admin/customers/by-host/{customer_id}", cu_by_host, SL_ROLE_AGENT, NULL,
	  .inputs = by_host_in },
	{ SL_GET, "/api/v1/customers/by-host/{customer_id}", cu_by_host, SL_ROLE_AGENT, NULL,
	  .inputs = by_host_in },
	{ SL_GET, "/admin/customers/{id:uint}", cu_record, SL_ROLE_AGENT, "customers/record",
	  .inputs = record_in },
	{ SL_GET, "/api/v1/customers/{id:uint}", cu_record, SL_ROLE_AGENT, NULL, .inputs = record_in },
	{ SL_POST, "/admin/customers/{id:uint}/comments", cu_comment_add, SL_ROLE_AGENT, NULL,
	  .inputs = comment_in },
	{ SL_POST, "/api/v1/customers/{id:uint}/comments", cu_comment_add, SL_ROLE_AGENT, NULL,
	  .inputs = comment_in },
	{ SL_GET, "/admin/reports/orders", cu_report, SL_ROLE_AGENT, "customers/report",
	  .inputs = report_in },
	{ SL_GET, "/api/v1/reports/orders", cu_report, SL_ROLE_AGENT, NULL, .inputs = report_in },
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
	.sql = cu_sql,
	.nsql = CU_NSQL,
	.tables = cu_tables,
};
