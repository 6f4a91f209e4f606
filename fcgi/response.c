/*
 * response.c - the response side: the status line (reasons from a const
 * table), the headers every answer carries, and the body: the view model as
 * JSON or through the route's template, the error page, a redirect, or a
 * streamed download.
 *
 * Once the body format is chosen (JSON or a template) nothing else writes to
 * the response: handlers only fill the view model.  A view model that fails
 * to render or serialise is a 500 with a log line naming the route, never a
 * partial page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "config.h"
#include "context.h"
#include "salient/log.h"
#include "mustache.h"
#include "parse.h"
#include "reqtypes.h"
#include "response.h"
#include "salient/db.h"
#include "views.h"

static const char *const security_headers =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";

static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 202, "Accepted" },
	{ 204, "No Content" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Payload Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 501, "Not Implemented" },
	{ 503, "Service Unavailable" },
};

const char *resp_reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

int sl_resp_header(struct sl_resp *resp, const char *name, const char *value)
{
	char n[128], v[1024], line[1200];

	if (resp->nhdr == RESP_MAXHDR)
		return -1;
	hp_log_safe(n, sizeof(n), name);
	hp_log_safe(v, sizeof(v), value);
	snprintf(line, sizeof(line), "%s: %s\r\n", n, v);
	if ((resp->hdr[resp->nhdr] = strdup(line)) == NULL)
		return -1;
	resp->nhdr++;
	return 0;
}

/* 1 when the answer sets a cookie (a session's, the sign-in form's): such
   an answer is one browser's, and no cache may keep it */
static int sets_cookie(const struct sl_resp *resp)
{
	size_t i;

	for (i = 0; i < resp->nhdr; i++)
		if (strncmp(resp->hdr[i], "Set-Cookie:", 11) == 0)
			return 1;
	return 0;
}

/* The headers; len (size_t)-1 = unknown (a streamed download). */
static void send_head(struct sl_req *req, struct sl_resp *resp, const char *ctype, size_t len)
{
	FCGX_Stream *out = req->fx->out;
	size_t i;

	FCGX_FPrintF(out, "Status: %d %s\r\n", resp->status, resp_reason(resp->status));
	if (ctype)
		FCGX_FPrintF(out, "Content-Type: %s\r\n", ctype);
	if (len != (size_t)-1)
		FCGX_FPrintF(out, "Content-Length: %lu\r\n", (unsigned long)len);
	FCGX_PutS(security_headers, out);
	if (req->https)
		FCGX_PutS("Strict-Transport-Security: max-age=31536000\r\n", out);
	if (req->api || req->wants_json || resp->status >= 400 || req->auth_kind != AUTH_KIND_NONE ||
	    sets_cookie(resp))
		FCGX_PutS("Cache-Control: no-store\r\n", out);
	if (req->route && req->route->template)
		FCGX_PutS("Vary: Accept, Accept-Language, Cookie\r\n", out);
	for (i = 0; i < resp->nhdr; i++)
		FCGX_PutS(resp->hdr[i], out);
	FCGX_PutS("\r\n", out);
}

static void send_body(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    const char *body, size_t len)
{
	send_head(req, resp, ctype, len);
	if (req->method != SL_HEAD && len > 0)
		FCGX_PutStr(body, (int)len, req->fx->out);
	resp->bytes = (long long)len;
}

int sl_resp_download(struct sl_resp *resp, const char *ctype, const char *filename)
{
	struct sl_req *req = resp->req;
	char name[128], disp[200];
	size_t i;

	if (resp->streaming)
		return -1;
	/* a plain file name: no quotes, slashes or controls reach the header */
	hp_log_safe(name, sizeof(name), filename);
	for (i = 0; name[i] != '\0'; i++)
		if (name[i] == '"' || name[i] == '/' || name[i] == '\\' || name[i] == ';')
			name[i] = '_';
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", name);
	sl_resp_header(resp, "Content-Disposition", disp);
	resp->status = 200;
	resp->streaming = 1;
	send_head(req, resp, ctype, (size_t)-1);
	return FCGX_GetError(req->fx->out) == 0 ? 0 : -1;
}

int sl_resp_write(struct sl_resp *resp, const void *data, size_t len)
{
	FCGX_Stream *out = resp->req->fx->out;

	if (!resp->streaming || resp->req->method == SL_HEAD)
		return resp->streaming ? 0 : -1;
	while (len > 0) {
		int n = len > (1u << 30) ? (1 << 30) : (int)len;

		if (FCGX_PutStr(data, n, out) != n)
			return -1;
		data = (const char *)data + n;
		len -= (size_t)n;
		resp->bytes += n;
	}
	return 0;
}

/* The error as JSON or as the theme's error page (plain text as a last resort). */
static void view_ctx_of(const struct sl_req *req, struct view_ctx *vc)
{
	vc->lang = req->lang;
	vc->prefix = req->tc->app->conf->prefix;
	vc->path = req->path;
	vc->role = req->role;
	vc->me = req->me;
}

static void send_error(struct sl_req *req, struct sl_resp *resp)
{
	struct view_ctx vc;
	struct json_object *m = json_object_new_object(), *e = json_object_new_object();
	const char *msg = resp->errmsg ? resp->errmsg : resp_reason(resp->status);
	struct mst_buf out = { 0 };
	const char *s;
	char err[256];

	json_object_object_add(e, "status", json_object_new_int(resp->status));
	json_object_object_add(e, "message", json_object_new_string(msg));
	if (resp->errfield[0] != '\0')
		json_object_object_add(e, "field", json_object_new_string(resp->errfield));
	if (resp->errcode != NULL)
		json_object_object_add(e, "reason", json_object_new_string(resp->errcode));
	json_object_object_add(m, "error", e);
	view_ctx_of(req, &vc);
	if (req->api || req->wants_json || req->tc->app->views == NULL) {
		s = json_object_to_json_string_ext(m, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		send_body(req, resp, "application/json", s, strlen(s));
	} else if (views_render(req->tc->app->views, "error", &vc, m, &out, err, sizeof(err)) == 0) {
		send_body(req, resp, "text/html; charset=utf-8", out.data, out.len);
	} else {
		log_err("error page: %s", err);
		send_body(req, resp, "text/plain; charset=utf-8", msg, strlen(msg));
	}
	mst_buf_free(&out);
	json_object_put(m);
}

static void send_redirect(struct sl_req *req, struct sl_resp *resp)
{
	const char *prefix = req->tc->app->conf->prefix;
	char loc[2048];

	resp->status = req->method == SL_GET || req->method == SL_HEAD ? 302 : 303;
	if (resp->location[0] == '/')
		snprintf(loc, sizeof(loc), "%s%s", prefix, resp->location);
	else
		snprintf(loc, sizeof(loc), "%s/%s", prefix, resp->location);
	sl_resp_header(resp, "Location", loc);
	send_body(req, resp, NULL, "", 0);
}

static void send_model(struct sl_req *req, struct sl_resp *resp)
{
	struct view_ctx vc;
	struct mst_buf out = { 0 };
	const char *s;
	char err[512];

	if (resp->model == NULL)
		resp->model = json_object_new_object();
	view_ctx_of(req, &vc);
	if (req->api || req->wants_json || req->route->template == NULL) {
		s = json_object_to_json_string_ext(resp->model,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		if (s == NULL) {
			log_err("route %s: the view model did not serialise", req->route->pattern);
			sl_resp_fail(req, resp, 500, "internal", "core.err.internal", NULL);
			send_error(req, resp);
			return;
		}
		send_body(req, resp, "application/json", s, strlen(s));
	} else if (views_render(req->tc->app->views, req->route->template, &vc, resp->model,
	    &out, err, sizeof(err)) == 0) {
		send_body(req, resp, "text/html; charset=utf-8", out.data, out.len);
	} else {
		log_err("route %s: rendering %s failed: %s", req->route->pattern,
		    req->route->template, err);
		sl_resp_fail(req, resp, 500, "internal", "core.err.internal", NULL);
		send_error(req, resp);
	}
	mst_buf_free(&out);
}

void resp_send(struct sl_req *req, struct sl_resp *resp)
{
	if (resp->location != NULL)
		send_redirect(req, resp);
	else if (resp->errmsg != NULL)
		send_error(req, resp);
	else
		send_model(req, resp);
}

void resp_db_unavailable(struct sl_req *req, struct sl_resp *resp)
{
	sl_resp_fail(req, resp, 503, "db_unavailable", "core.db_unavailable", NULL);
	sl_resp_header(resp, "Retry-After", "5");
}

void resp_db_failed(struct sl_req *req, struct sl_resp *resp, const struct sl_db *db)
{
	if (sl_db_gone(db))
		resp_db_unavailable(req, resp);
	else
		sl_resp_fail(req, resp, 500, "internal", "core.err.internal", NULL);
}

void resp_send_failure(struct sl_req *req, struct sl_resp *resp)
{
	if (resp->location != NULL && resp->errmsg == NULL)
		send_redirect(req, resp);
	else
		send_error(req, resp);
}
