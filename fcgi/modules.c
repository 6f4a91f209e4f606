/*
 * modules.c - the one list of modules compiled into Salient (as OpenBSD
 * httpd lists its procs[]).  A new module adds its struct here and nowhere
 * else in the core.
 */
#include "core_module.h"
#include "router.h"

const struct sl_module *const sl_modules[] = {
	&core_module,
	NULL,
};
