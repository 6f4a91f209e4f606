/*
 * module.c - the data module: `salient import`, `salient demo-data`,
 * `salient purchases rebuild` and POST /api/v1/import/{kind}.
 */
#include "salient/input.h"
#include "salient/salient.h"

#include "salient/contract.h"
#include "data_sql.h"
#include "demogen.h"
#include "import_api.h"
#include "import_cli.h"
#include "purchases.h"

/* The body is the import's own: a JSON array, NDJSON or the contract's CSV,
   read against the contract by import_api() (the core looks at JSON object
   bodies only); another Content-Type is the core's 415 naming these. */
static const char *const import_bodies[] = {
	"application/json", "application/x-ndjson", "text/csv", NULL,
};

static const struct sl_input import_in[] = {
	{ "kind", SL_IN_ENUM, .flags = SL_IN_REQUIRED | SL_IN_PATH, .choices = dc_kind_names },
	{ "partial", SL_IN_BOOL, .flags = 0 },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_POST, "/api/v1/import/{kind}", import_api, SL_ROLE_IMPORT, NULL, .inputs = import_in,
	  .flags = SL_ROUTE_LONG, .bodies = import_bodies },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "import", cmd_import,
	    "[--kind K] [--skip-bad REJECTS.csv] [--strict-refs] [--upsert] [--progress] "
	    "[--lang en|da|ru] "
	    "FILE...",
	    "import contract CSV files (upsert by host id, a transaction per file)" },
	{ "demo-data", cmd_demo_data, "--out DIR --customers N --seed S [--as-of YYYY-MM-DD]",
	    "write demo CSV files that look like a real shop and venue" },
	{ "purchases", cmd_purchases, "rebuild",
	    "derive the purchases table again for every order (after orders written by SQL)" },
	{ 0 },
};

const struct sl_module data_module = {
	.name = "data",
	.nav = NULL,
	.routes = routes,
	.jobs = NULL,
	.commands = commands,
	.sql = data_sql,
	.nsql = DATA_NSQL,
	.tables = data_tables,
	.touches = data_touches,
};
