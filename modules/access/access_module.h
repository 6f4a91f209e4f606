/* access_module.h - the access module's one export (fcgi/modules.c lists it). */
#ifndef ACCESS_MODULE_H
#define ACCESS_MODULE_H

#include "salient/salient.h"

extern const struct sl_module access_module;

#endif
