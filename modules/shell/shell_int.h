/*
 * shell_int.h - the shell module's handlers (private to modules/shell/).
 */
#ifndef SALIENT_SHELL_INT_H
#define SALIENT_SHELL_INT_H

#include "salient/salient.h"

/* GET /admin/ (dashboard.c) */
int shell_dashboard(struct sl_req *req, struct sl_resp *resp);

#endif
