/*
 * shell_module.h - the admin home (GET /admin/, the dashboard) and the trade
 * customer's home (GET /account/): the two pages every signed-in person
 * lands on, and the frame (layouts, navigation) the other modules' pages
 * live in.
 */
#ifndef SALIENT_SHELL_MODULE_H
#define SALIENT_SHELL_MODULE_H

#include "salient/salient.h"

extern const struct sl_module shell_module;

#endif
