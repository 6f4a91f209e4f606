/*
 * input.h (core) - the pipeline's step that validates a route's declared
 * inputs (salient/input.h) before its handler.
 */
#ifndef SALIENT_CORE_INPUT_H
#define SALIENT_CORE_INPUT_H

struct sl_req;
struct sl_resp;

/*
 * Finds and checks every declared input of req's route; 0, or the status
 * (400, or 500 for a route table bug) with the answer in resp.  The values
 * live until input_free().
 */
int input_validate(struct sl_req *req, struct sl_resp *resp);
void input_free(struct sl_req *req);

#endif
