/*
 * body.h - reading and parsing a request's body by its media type
 * (fcgi/body.c).
 */
#ifndef SALIENT_BODY_H
#define SALIENT_BODY_H

struct sl_req;
struct sl_resp;

/*
 * Reads the body (Content-Length bytes, within the configured ceilings)
 * and parses it by Content-Type into req: JSON into req->json, urlencoded
 * and multipart forms into req->form, text/csv and NDJSON kept raw in
 * req->body.  No body is fine.  Returns 0, or -1 with the answer (400, 413,
 * 415, 500) in resp.
 */
int body_parse(struct sl_req *req, struct sl_resp *resp);

#endif
