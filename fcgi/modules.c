/*
 * modules.c - the one list of modules compiled into Salient (as OpenBSD
 * httpd lists its procs[]).  A new module adds its struct here and nowhere
 * else in the core.
 */
#include "access_module.h"
#include "core_module.h"
#include "router.h"
#include "shell_module.h"

extern const struct sl_module predict_module;
extern const struct sl_module data_module;
extern const struct sl_module classify_module;
extern const struct sl_module settings_module;
extern const struct sl_module customers_module;
extern const struct sl_module trade_module;
extern const struct sl_module report_module;

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
	NULL,
};
