/*
 * import_api.h - POST /api/v1/import/{kind} (see import_api.c).
 */
#ifndef SALIENT_DATA_IMPORT_API_H
#define SALIENT_DATA_IMPORT_API_H

#include "salient/salient.h"

int	import_api(struct sl_req *req, struct sl_resp *resp);

#endif
