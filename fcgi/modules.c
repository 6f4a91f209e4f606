/*
 * modules.c - the one list of modules compiled into Salient (as OpenBSD
 * httpd lists its procs[]).  A new module adds its struct here and nowhere
 * else in the core.
 */
#include "core_module.h"
#include "router.h"

/* Each module exports this one struct and nothing else to the core. */
extern const struct sl_module access_module;
extern const struct sl_module shell_module;
extern const struct sl_module predict_module;
extern const struct sl_module data_module;
extern const struct sl_module classify_module;
extern const struct sl_module settings_module;
extern const struct sl_module customers_module;
extern const struct sl_module trade_module;
extern const struct sl_module report_module;
extern const struct sl_module insights_module;
extern const struct sl_module venue_module;
extern const struct sl_module period_module;

const struct sl_module *const sl_modules[] = {
	&core_module,
	&access_module,
	&shell_module,
	&data_module,
	&classify_module,
	&predict_module,
	&settings_module,
	&customers_module,
	&trade_module,
	&report_module,
	&insights_module,
	&venue_module,
	&period_module,
	NULL,
};

/* The groups of the admin bar; a module's nav entry names one of them. */
const struct sl_nav_group_def sl_nav_groups[] = {
	{ SL_NAV_CUSTOMERS, "customers", "nav.group.customers", 100 },
	{ SL_NAV_MARKETING, "marketing", "nav.group.marketing", 300 },
	{ SL_NAV_INSIGHTS, "insights", "nav.group.insights", 500 },
	{ SL_NAV_ADMIN, "admin", "nav.group.admin", 900 },
	{ 0 },
};
