/*
 * shell.c - the shell module: the admin home, with the Dashboard entry of
 * the admin navigation.  (The trade customer's home, /account/, is the
 * trade module's.)  The other sections'
 * entries (Customers, Classifications, ...) come from their own modules.
 */
#include "salient/salient.h"
#include "shell_int.h"
#include "shell_module.h"

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/", shell_dashboard, SL_ROLE_AGENT, "admin/dashboard" },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.dashboard", "/admin/", SL_ROLE_AGENT, 10 },
	{ 0 },
};

const struct sl_module shell_module = {
	.name = "shell",
	.nav = nav,
	.routes = routes,
	.jobs = NULL,
	.commands = NULL,
};
