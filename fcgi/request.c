/*
 * request.c - the pipeline of one request: a const table of steps (find
 * the path, route, parse the query and cookies, check access and choose the
 * language, check the Origin of a cookie-borne write, read the body, check
 * CSRF, call the handler), then the answer
 * (fcgi/response.c) and one log line.  Each step returns 0 to go on, or
 * nonzero with the answer (an error or a redirect) in resp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "auth.h"
#include "body.h"
#include "config.h"
#include "db_conn.h"
#include "input.h"
#include "salient/log.h"
#include "parse.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "salient/text.h"

static const char *const languages[] = { "en", "da", "ru" };

/* HTTP methods Salient serves on no route: 405 with Allow, not 501. */
static const char *const unserved_methods[] = { "PATCH", "OPTIONS", "TRACE", "CONNECT" };

/* Splits REQUEST_URI into the decoded path below the prefix; 0 or status. */
static int find_path(struct sl_req *req, struct sl_resp *resp)
{
	const char *prefix = req->tc->app->conf->prefix;
	const char *uri = FCGX_GetParam("REQUEST_URI", req->fx->envp);
	size_t plen = strlen(prefix), rawlen;
	const char *q, *why;

	if (uri == NULL)
		uri = FCGX_GetParam("DOCUMENT_URI", req->fx->envp);
	if (uri == NULL) {
		sl_resp_fail(req, resp, 400, "no_uri", "core.err.no_uri", NULL);
		return 400;
	}
	q = strchr(uri, '?');
	rawlen = q ? (size_t)(q - uri) : strlen(uri);
	if (rawlen < plen || memcmp(uri, prefix, plen) != 0 ||
	    (rawlen > plen && uri[plen] != '/') || (plen == 1 && uri[0] != '/')) {
		sl_resp_fail(req, resp, 404, "not_found", "core.err.not_found", NULL);
		return 404;
	}
	if (plen == 1)
		plen = 0;   /* prefix "/" */
	if ((req->path = malloc(rawlen - plen + 2)) == NULL) {
		sl_resp_fail(req, resp, 500, "memory", "core.err.memory", NULL);
		return 500;
	}
	if (rawlen == plen) {
		memcpy(req->path, "/", 2);
		return 0;
	}
	why = rm_path_normalize(uri + plen, rawlen - plen, req->path, rawlen - plen + 2);
	if (why != NULL) {
		sl_resp_fail(req, resp, 400, "path", "core.err.bad_path", "why", why, NULL);
		return 400;
	}
	return 0;
}

/* Whether name is an HTTP method Salient does not serve (PATCH, ...). */
static int unserved_method(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(unserved_methods) / sizeof(unserved_methods[0]); i++)
		if (strcmp(name, unserved_methods[i]) == 0)
			return 1;
	return 0;
}

/*
 * The route for the method and path, and its named segments as strings.
 * A method no route takes is 405 with Allow on a path that exists (404
 * elsewhere); a method name HTTP does not have is 501.
 */
static int find_route(struct sl_req *req, struct sl_resp *resp)
{
	char allow[64], method[24];
	unsigned allowed = 0;
	size_t i;

	req->api = strncmp(req->path, "/api/", 5) == 0;
	if (req->method == 0 && !unserved_method(req->method_name)) {
		hp_log_safe(method, sizeof(method), req->method_name ? req->method_name : "");
		sl_resp_fail(req, resp, 501, "method", "core.err.method_unknown", "method", method, NULL);
		return -1;
	}
	switch (router_find(req->method == SL_HEAD ? SL_GET : req->method, req->path,
	    &req->route, &req->module, &req->match, &allowed)) {
	case ROUTE_NOT_FOUND:
		sl_resp_fail(req, resp, 404, "not_found", "core.err.not_found", NULL);
		return -1;
	case ROUTE_BAD_METHOD:
		router_allow_header(allowed, allow, sizeof(allow));
		sl_resp_header(resp, "Allow", allow);
		sl_resp_fail(req, resp, 405, "method", "core.err.method", "method", req->method_name,
		    "allow", allow, NULL);
		return -1;
	case ROUTE_FOUND:
		break;
	}
	for (i = 0; i < req->match.count; i++) {
		req->params[i] = strndup(req->match.params[i].value, req->match.params[i].vlen);
		if (req->params[i] == NULL) {
			sl_resp_fail(req, resp, 500, "memory", "core.err.memory", NULL);
			return -1;
		}
	}
	return 0;
}

/* The query string and the cookies (read before access: no body yet). */
static int parse_head(struct sl_req *req, struct sl_resp *resp)
{
	const struct hp_limits *lim = &req->tc->app->limits;
	const struct sl_config *conf = req->tc->app->conf;
	FCGX_ParamArray env = req->fx->envp;
	const char *qs = FCGX_GetParam("QUERY_STRING", env);
	char err[HP_ERRMAX], n[24], lmax[24];
	size_t qlen;
	int rc;

	if (qs != NULL && (qlen = strlen(qs)) > (size_t)conf->max_query) {
		snprintf(n, sizeof(n), "%zu", qlen);
		snprintf(lmax, sizeof(lmax), "%ld", conf->max_query);
		sl_resp_fail(req, resp, 414, "query_long", "core.err.query_long", "bytes", n,
		    "limit", lmax, NULL);
		return -1;
	}
	rc = hp_parse_query(qs, lim, &req->query, err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_fail(req, resp, hp_status_http(rc), "query", "core.err.query", "detail", err, NULL);
		return -1;
	}
	rc = hp_parse_cookie(FCGX_GetParam("HTTP_COOKIE", env), lim, &req->cookies,
	    err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_fail(req, resp, hp_status_http(rc), "cookies", "core.err.cookies", "detail", err, NULL);
		return -1;
	}
	return 0;
}

/* The language code as one of the static strings of languages[], or NULL. */
static const char *lang_known(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(languages) / sizeof(languages[0]); i++)
		if (strcmp(s, languages[i]) == 0)
			return languages[i];
	return NULL;
}

/*
 * The answer's language: a valid ?lang= (for this answer, and remembered
 * in the salient_lang cookie; never written to the database: a GET changes
 * nothing stored, and a staff user's own language is saved by a POST),
 * else the signed-in user's language or the trade customer's own (its
 * customers.language), else the cookie, else Accept-Language (already
 * in req->lang), else the site's default.
 */
static void resolve_lang(struct sl_req *req, struct sl_resp *resp)
{
	const char *q = lang_known(req->query ? hp_get(req->query, "lang") : NULL), *l;
	struct json_object *v;

	if (q != NULL) {
		req->lang = q;
		sl_resp_cookie(resp, AUTH_LANG_COOKIE, q, 31536000, 0);
		return;
	}
	if (req->me != NULL && json_object_object_get_ex(req->me, "lang", &v) && v != NULL &&
	    (l = lang_known(json_object_get_string(v))) != NULL) {
		req->lang = l;
		return;
	}
	if ((l = lang_known(req->cookies ? hp_get(req->cookies, AUTH_LANG_COOKIE) : NULL)) != NULL)
		req->lang = l;
}

/*
 * Who is asking and whether the route allows them (fcgi/auth.c), before
 * any body is read: strangers' bodies are not read.  Then the language,
 * also for a refusal, so the error page speaks it.
 */
static int check_access(struct sl_req *req, struct sl_resp *resp)
{
	int rc = auth_check(req, resp);

	resolve_lang(req, resp);
	return rc;
}

/*
 * The route's handler.  A failure after a download started cuts the
 * connection; a database that went away is a 503, anything else a 500.
 */
static int call_handler(struct sl_req *req, struct sl_resp *resp)
{
	const struct sl_config *conf = req->tc->app->conf;
	struct sl_db *db = req->tc->db;
	long secs = req->route->flags & SL_ROUTE_LONG ? conf->download_seconds :
	    conf->request_seconds;
	char n[24];

	db_deadline(db, secs * 1000);
	if (req->route->handler(req, resp) == 0)
		return 0;
	if (resp->streaming) {
		/*
		 * The headers are gone: cut the connection without the
		 * end-of-request record, so nginx aborts the response and
		 * the client sees a truncated download, not a short file.
		 */
		log_err("route %s: download failed part way%s%s", req->route->pattern,
		    sl_db_error(db)[0] ? ": " : "", sl_db_error(db));
		shutdown(req->fx->ipcFd, SHUT_RDWR);
	} else if (sl_db_gone(db)) {
		log_err("route %s: database unavailable: %s", req->route->pattern,
		    sl_db_error(db));
		resp_db_unavailable(req, resp);
	} else if (db_timed_out(db)) {
		log_err("route %s: stopped after %ld s: %s", req->route->pattern, secs,
		    sl_db_error(db));
		snprintf(n, sizeof(n), "%ld", secs);
		sl_resp_fail(req, resp, 503, "deadline", "core.err.deadline", "seconds", n, NULL);
		sl_resp_header(resp, "Retry-After", "30");
	} else {
		log_err("route %s: handler failed%s%s", req->route->pattern,
		    sl_db_error(db)[0] ? ": " : "", sl_db_error(db));
		sl_resp_fail(req, resp, 500, "internal", "core.err.internal", NULL);
	}
	return -1;
}

typedef int (*request_step)(struct sl_req *req, struct sl_resp *resp);

/* The pipeline, in order. */
static const request_step steps[] = {
	find_path,
	find_route,
	parse_head,
	check_access,
	auth_origin,
	body_parse,
	auth_csrf,
	input_validate,
	call_handler,
};

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void request_init(struct sl_req *req, struct sl_resp *resp, struct thread_ctx *tc,
    FCGX_Request *fx)
{
	FCGX_ParamArray env = fx->envp;
	const char *https = FCGX_GetParam("HTTPS", env);
	const char *al = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", env);

	memset(req, 0, sizeof(*req));
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->req = req;
	req->fx = fx;
	req->tc = tc;
	req->method_name = FCGX_GetParam("REQUEST_METHOD", env);
	req->method = router_method_bit(req->method_name);
	req->https = https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0);
	req->wants_json = hp_accepts_json(FCGX_GetParam("HTTP_ACCEPT", env));
	req->lang = hp_accept_language(al, languages, sizeof(languages) / sizeof(languages[0]));
	if (req->lang == NULL)
		req->lang = tc->app->conf->language;
}

static void request_free(struct sl_req *req, struct sl_resp *resp)
{
	size_t i;

	input_free(req);
	for (i = 0; i < req->match.count; i++)
		free(req->params[i]);
	free(req->path);
	hp_kvlist_free(req->query);
	hp_kvlist_free(req->form);
	hp_kvlist_free(req->cookies);
	json_object_put(req->json);
	free(req->body);
	json_object_put(req->me);
	free(req->session_data);
	json_object_put(resp->model);
	free(resp->location);
	free(resp->errmsg);
	for (i = 0; i < resp->nhdr; i++)
		free(resp->hdr[i]);
}

void request_handle(struct thread_ctx *tc, FCGX_Request *fx)
{
	struct sl_req req;
	struct sl_resp resp;
	struct timespec t0;
	char logpath[256];
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	request_init(&req, &resp, tc, fx);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i](&req, &resp) != 0)
			break;
	if (resp.streaming)
		;   /* the handler wrote the answer (or the connection was cut) */
	else if (i == sizeof(steps) / sizeof(steps[0]))
		resp_send(&req, &resp);
	else
		resp_send_failure(&req, &resp);
	hp_log_safe(logpath, sizeof(logpath), FCGX_GetParam("REQUEST_URI", fx->envp));
	log_info("%.20s %s %d %.1fms w%d.%d",
	    req.method || unserved_method(req.method_name) ? req.method_name : "?",
	    logpath, resp.status, elapsed_ms(&t0), (int)getpid(), tc->index);
	request_free(&req, &resp);
}
