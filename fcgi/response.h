/*
 * response.h - sending the answer (fcgi/response.c): the status line and
 * headers, then the view model as JSON or through the route's template, an
 * error, or a redirect.
 */
#ifndef SALIENT_RESPONSE_H
#define SALIENT_RESPONSE_H

struct sl_req;
struct sl_resp;
struct sl_db;

/* The reason phrase of an HTTP status ("Not Found"), "" when unknown. */
const char *resp_reason(int status);

/* Sends what the handler left in resp: its redirect, its error, else its
 * view model (a model that does not render is a logged 500). */
void resp_send(struct sl_req *req, struct sl_resp *resp);

/* Sends resp's redirect when it has one and no error, else its error. */
void resp_send_failure(struct sl_req *req, struct sl_resp *resp);

/* The database is not answering: a 503 with Retry-After and the catalog's
 * words for it (core.db_unavailable) in the request's language, reason
 * "db_unavailable".  Every place that finds the database gone says this. */
void resp_db_unavailable(struct sl_req *req, struct sl_resp *resp);
/* A statement of db failed: resp_db_unavailable() when the database is
 * gone, else a 500 in the request's language (core.err.internal). */
void resp_db_failed(struct sl_req *req, struct sl_resp *resp, const struct sl_db *db);

#endif
