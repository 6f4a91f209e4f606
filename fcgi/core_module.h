/*
 * core_module.h - the core's own module (health, job clean-up).
 */
#ifndef SALIENT_CORE_MODULE_H
#define SALIENT_CORE_MODULE_H

#include "salient/salient.h"

extern const struct sl_module core_module;

#endif
