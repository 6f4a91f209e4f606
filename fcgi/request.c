/*
 * request.c - serving one request: parse and validate the input, route,
 * check the role, call the handler, render the view model, log one line.
 *
 * Once the body format is chosen (JSON or a template) nothing else writes to
 * the response: handlers only fill the view model.  A view model that fails
 * to render or serialise is a 500 with a log line naming the route, never a
 * partial page.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <fcgiapp.h>
#include <json-c/json.h>
#include <sodium.h>

#include "config.h"
#include "db_conn.h"
#include "input.h"
#include "log.h"
#include "migrate.h"
#include "mustache.h"
#include "request.h"
#include "router.h"
#include "views.h"

#define JSON_MAX_DEPTH 32

static const char *const security_headers =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";

static const char *const languages[] = { "en", "da", "ru" };

/* ------------------------------------------------------------ contexts */

struct worker_ctx *worker_ctx_new(const struct sl_config *conf)
{
	struct worker_ctx *w;
	char err[512];

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->conf = conf;
	hp_limits_default(&w->limits);
	w->limits.max_total = (size_t)conf->max_upload;
	w->limits.max_fields = (size_t)conf->max_fields;
	w->limits.max_file = (size_t)conf->max_upload;
	w->migrations = migrate_count(conf->sql_dir);
	if (sodium_init() < 0) {
		log_err("libsodium did not initialise");
		free(w);
		return NULL;
	}
	if ((w->views = views_load(conf->theme_dir, err, sizeof(err))) == NULL) {
		log_err("templates: %s", err);
		free(w);
		return NULL;
	}
	return w;
}

void worker_ctx_free(struct worker_ctx *w)
{
	if (w == NULL)
		return;
	views_free(w->views);
	free(w);
}

struct thread_ctx *thread_ctx_new(struct worker_ctx *w, int index)
{
	struct thread_ctx *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->app = w;
	t->index = index;
	if ((t->db = db_open(w->conf, 0)) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void thread_ctx_free(struct thread_ctx *t)
{
	if (t == NULL)
		return;
	db_close(t->db);
	free(t);
}

/* ------------------------------------------------------------ module API */

unsigned sl_req_method(const struct sl_req *req)
{
	return req->method;
}

const char *sl_req_path(const struct sl_req *req)
{
	return req->path;
}

const char *sl_req_param(const struct sl_req *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->match.count; i++)
		if (strlen(name) == req->match.params[i].nlen &&
		    memcmp(name, req->match.params[i].name, req->match.params[i].nlen) == 0)
			return req->params[i];
	return NULL;
}

const char *sl_req_input(const struct sl_req *req, const char *name)
{
	const char *v = req->form ? hp_get(req->form, name) : NULL;

	return v ? v : (req->query ? hp_get(req->query, name) : NULL);
}

struct json_object *sl_req_json(const struct sl_req *req)
{
	return req->json;
}

const char *sl_req_body(const struct sl_req *req, size_t *len)
{
	if (len)
		*len = req->body_len;
	return req->body;
}

const char *sl_req_lang(const struct sl_req *req)
{
	return req->lang;
}

const char *sl_req_text(const struct sl_req *req, const char *key)
{
	return views_text(req->tc->app->views, req->lang, key);
}

struct sl_db *sl_req_db(struct sl_req *req)
{
	return req->tc->db;
}

void sl_resp_status(struct sl_resp *resp, int status)
{
	resp->status = status;
}

void sl_resp_model(struct sl_resp *resp, struct json_object *obj)
{
	json_object_put(resp->model);
	resp->model = obj;
}

void sl_resp_error(struct sl_resp *resp, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(resp->errmsg);
	resp->errmsg = strdup(msg);
	resp->status = status;
}

void sl_resp_error_field(struct sl_resp *resp, int status, const char *field, const char *code,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(resp->errmsg);
	resp->errmsg = strdup(msg);
	resp->status = status;
	hp_log_safe(resp->errfield, sizeof(resp->errfield), field);
	resp->errcode = code;
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

void sl_resp_redirect(struct sl_resp *resp, const char *path)
{
	free(resp->location);
	resp->location = strdup(path);
	resp->status = 0;   /* chosen by method when sent */
}

static int check_access(struct sl_req *req, struct sl_resp *resp);

/* ------------------------------------------------------------ input */

/*
 * Reads exactly `len` body bytes.  Returns a NUL-terminated buffer (free()),
 * or NULL with *status set (400 for a short body, 500 for memory).
 */
static char *read_body(FCGX_Request *fx, size_t len, int *status)
{
	char *buf;
	size_t got = 0;

	if ((buf = malloc(len + 1)) == NULL) {
		*status = 500;
		return NULL;
	}
	while (got < len) {
		size_t want = len - got > (1u << 20) ? (1u << 20) : len - got;
		int n = FCGX_GetStr(buf + got, (int)want, fx->in);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != len) {
		free(buf);
		*status = 400;
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/*
 * Parses query and cookies, checks access, then reads and parses the body
 * into req.  Returns 0, or an HTTP status with the message in resp.
 */
static int parse_input(struct sl_req *req, struct sl_resp *resp)
{
	const struct worker_ctx *w = req->tc->app;
	FCGX_ParamArray env = req->fx->envp;
	const char *clen = FCGX_GetParam("CONTENT_LENGTH", env);
	const char *ctype = FCGX_GetParam("CONTENT_TYPE", env);
	char err[HP_ERRMAX], *body = NULL, *end;
	struct hp_media media;
	unsigned long long n = 0;
	int rc, status = 0;

	rc = hp_parse_query(FCGX_GetParam("QUERY_STRING", env), &w->limits, &req->query,
	    err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_error(resp, hp_status_http(rc), "query string: %s", err);
		goto out;
	}
	rc = hp_parse_cookie(FCGX_GetParam("HTTP_COOKIE", env), &w->limits, &req->cookies,
	    err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_error(resp, hp_status_http(rc), "cookies: %s", err);
		goto out;
	}
	/* who is asking is known from the headers: strangers' bodies are not read */
	if (check_access(req, resp) != 0)
		goto out;
	if (clen != NULL && clen[0] != '\0') {
		errno = 0;
		n = strtoull(clen, &end, 10);
		if (errno || *end != '\0' || clen[0] == '-') {
			sl_resp_error(resp, 400, "Content-Length '%.20s' is not a number", clen);
			goto out;
		}
	}
	if (n == 0)
		return 0;
	if (ctype == NULL || hp_parse_media_type(ctype, &media, err, sizeof(err)) != HP_OK) {
		sl_resp_error(resp, 415, "a request body needs a valid Content-Type%s%s",
		    ctype ? ": " : "", ctype ? err : "");
		goto out;
	}
	if (strcmp(media.type, "multipart") == 0 && strcmp(media.subtype, "form-data") == 0) {
		if (n > (unsigned long long)w->conf->max_upload) {
			sl_resp_error(resp, 413, "upload of %llu bytes is larger than the limit of %ld bytes",
			    n, w->conf->max_upload);
			goto out;
		}
	} else if (n > (unsigned long long)w->conf->max_body) {
		sl_resp_error(resp, 413, "request body of %llu bytes is larger than the limit of %ld bytes",
		    n, w->conf->max_body);
		goto out;
	}
	if ((body = read_body(req->fx, (size_t)n, &status)) == NULL) {
		sl_resp_error(resp, status, status == 400 ?
		    "request body shorter than its Content-Length" : "out of memory");
		goto out;
	}
	if (strcmp(media.type, "application") == 0 && strcmp(media.subtype, "json") == 0) {
		struct json_tokener *tok = json_tokener_new_ex(JSON_MAX_DEPTH);
		enum json_tokener_error je;

		if (tok == NULL) {
			sl_resp_error(resp, 500, "out of memory");
			goto out;
		}
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
		req->json = json_tokener_parse_ex(tok, body, (int)n);
		je = json_tokener_get_error(tok);
		if (je == json_tokener_success && (size_t)json_tokener_get_parse_end(tok) < n) {
			/* allow trailing white space only */
			size_t i;

			for (i = json_tokener_get_parse_end(tok); i < n; i++)
				if (body[i] != ' ' && body[i] != '\n' && body[i] != '\r' && body[i] != '\t')
					break;
			if (i < n) {
				sl_resp_error(resp, 400, "body: unexpected data after the JSON value at byte %zu",
				    (size_t)json_tokener_get_parse_end(tok));
				json_tokener_free(tok);
				goto out;
			}
		}
		if (je != json_tokener_success || req->json == NULL) {
			sl_resp_error(resp, 400, "body: invalid JSON at byte %zu: %s",
			    (size_t)json_tokener_get_parse_end(tok),
			    je == json_tokener_continue ? "unexpected end of input"
			    : json_tokener_error_desc(je));
			json_tokener_free(tok);
			goto out;
		}
		json_tokener_free(tok);
	} else if (strcmp(media.type, "application") == 0 &&
	    strcmp(media.subtype, "x-www-form-urlencoded") == 0) {
		rc = hp_parse_form(body, (size_t)n, &w->limits, &req->form, err, sizeof(err));
		if (rc != HP_OK) {
			sl_resp_error(resp, hp_status_http(rc), "form: %s", err);
			goto out;
		}
	} else if (strcmp(media.type, "multipart") == 0 && strcmp(media.subtype, "form-data") == 0) {
		rc = hp_parse_multipart(ctype, body, (size_t)n, &w->limits, &req->form, err, sizeof(err));
		if (rc != HP_OK) {
			sl_resp_error(resp, hp_status_http(rc), "upload: %s", err);
			goto out;
		}
	} else if (!(strcmp(media.type, "text") == 0 && strcmp(media.subtype, "csv") == 0) &&
	    !(strcmp(media.type, "application") == 0 && strcmp(media.subtype, "x-ndjson") == 0)) {
		sl_resp_error(resp, 415, "unsupported Content-Type %s/%s", media.type, media.subtype);
		goto out;
	} else {
		/* CSV and NDJSON: the raw body for the handler (sl_req_body) */
		req->body = body;
		req->body_len = (size_t)n;
		body = NULL;
	}
	free(body);
	return 0;
out:
	free(body);
	return resp->status != 0 ? resp->status : 302;   /* 0: a redirect */
}

/* ------------------------------------------------------------ access */

static const char sql_user_lang[] = "UPDATE users SET lang = ? WHERE id = ?";

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
 * The answer's language: a valid ?lang= (remembered in the salient_lang
 * cookie and, for staff, as the user's language), else the user's language,
 * else the cookie, else Accept-Language (already in req->lang), else the
 * site's default.
 */
static void resolve_lang(struct sl_req *req, struct sl_resp *resp)
{
	const char *q = lang_known(req->query ? hp_get(req->query, "lang") : NULL), *l;
	struct json_object *v;
	char line[256];

	if (q != NULL) {
		req->lang = q;
		snprintf(line, sizeof(line), "%s=%s; Path=%s; Max-Age=31536000; SameSite=Lax%s",
		    AUTH_LANG_COOKIE, q, req->tc->app->conf->prefix[0] ? req->tc->app->conf->prefix : "/",
		    req->https ? "; Secure" : "");
		sl_resp_header(resp, "Set-Cookie", line);
		if (req->auth_kind == AUTH_KIND_SESSION && req->user_id > 0 && req->me != NULL) {
			l = json_object_object_get_ex(req->me, "lang", &v) && v ? json_object_get_string(v) : NULL;
			if (l == NULL || strcmp(l, q) != 0) {
				if (sl_db_exec(req->tc->db, sql_user_lang, "si", q, req->user_id) < 0)
					log_warn("saving a user's language: %s", sl_db_error(req->tc->db));
				json_object_object_add(req->me, "lang", json_object_new_string(q));
			}
		}
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

/* Who is asking and whether the route allows them (fcgi/auth.c); then the language. */
static int check_access(struct sl_req *req, struct sl_resp *resp)
{
	int rc = auth_check(req, resp);

	resolve_lang(req, resp);
	return rc;
}

/* ------------------------------------------------------------ output */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	default: return "";
	}
}

/* The headers; len (size_t)-1 = unknown (a streamed download). */
static void send_head(struct sl_req *req, struct sl_resp *resp, const char *ctype, size_t len)
{
	FCGX_Stream *out = req->fx->out;
	size_t i;

	FCGX_FPrintF(out, "Status: %d %s\r\n", resp->status, reason(resp->status));
	if (ctype)
		FCGX_FPrintF(out, "Content-Type: %s\r\n", ctype);
	if (len != (size_t)-1)
		FCGX_FPrintF(out, "Content-Length: %lu\r\n", (unsigned long)len);
	FCGX_PutS(security_headers, out);
	if (req->https)
		FCGX_PutS("Strict-Transport-Security: max-age=31536000\r\n", out);
	if (req->api || req->wants_json || resp->status >= 400 || req->auth_kind != AUTH_KIND_NONE)
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
	const char *msg = resp->errmsg ? resp->errmsg : reason(resp->status);
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
			sl_resp_error(resp, 500, "internal error");
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
		sl_resp_error(resp, 500, "internal error");
		send_error(req, resp);
	}
	mst_buf_free(&out);
}

/* ------------------------------------------------------------ the request */

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1000.0 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

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
		sl_resp_error(resp, 400, "no REQUEST_URI in the FastCGI parameters");
		return 400;
	}
	q = strchr(uri, '?');
	rawlen = q ? (size_t)(q - uri) : strlen(uri);
	if (rawlen < plen || memcmp(uri, prefix, plen) != 0 ||
	    (rawlen > plen && uri[plen] != '/') || (plen == 1 && uri[0] != '/')) {
		sl_resp_error(resp, 404, "not found");
		return 404;
	}
	if (plen == 1)
		plen = 0;   /* prefix "/" */
	if ((req->path = malloc(rawlen - plen + 2)) == NULL) {
		sl_resp_error(resp, 500, "out of memory");
		return 500;
	}
	if (rawlen == plen) {
		memcpy(req->path, "/", 2);
		return 0;
	}
	why = rm_path_normalize(uri + plen, rawlen - plen, req->path, rawlen - plen + 2);
	if (why != NULL) {
		sl_resp_error(resp, 400, "bad path: %s", why);
		return 400;
	}
	return 0;
}

void request_handle(struct thread_ctx *tc, FCGX_Request *fx)
{
	struct sl_req req;
	struct sl_resp resp;
	struct timespec t0;
	FCGX_ParamArray env = fx->envp;
	const char *https = FCGX_GetParam("HTTPS", env);
	const char *al = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", env);
	char logpath[256], allow[64];
	unsigned allowed = 0;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	resp.status = 200;
	req.fx = fx;
	req.tc = tc;
	req.method_name = FCGX_GetParam("REQUEST_METHOD", env);
	req.method = router_method_bit(req.method_name);
	req.https = https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0);
	req.wants_json = hp_accepts_json(FCGX_GetParam("HTTP_ACCEPT", env));
	req.lang = hp_accept_language(al, languages, sizeof(languages) / sizeof(languages[0]));
	if (req.lang == NULL)
		req.lang = tc->app->conf->language;

	if (find_path(&req, &resp) != 0)
		goto error;
	req.api = strncmp(req.path, "/api/", 5) == 0;
	if (req.method == 0) {
		sl_resp_error(&resp, 501, "method not supported");
		goto error;
	}
	switch (router_find(req.method == SL_HEAD ? SL_GET : req.method, req.path,
	    &req.route, &req.module, &req.match, &allowed)) {
	case ROUTE_NOT_FOUND:
		sl_resp_error(&resp, 404, "no page at %s", "this address");
		goto error;
	case ROUTE_BAD_METHOD:
		router_allow_header(allowed, allow, sizeof(allow));
		sl_resp_header(&resp, "Allow", allow);
		sl_resp_error(&resp, 405, "%s is not allowed here; use %s",
		    req.method_name, allow);
		goto error;
	case ROUTE_FOUND:
		break;
	}
	for (i = 0; i < req.match.count; i++) {
		req.params[i] = strndup(req.match.params[i].value, req.match.params[i].vlen);
		if (req.params[i] == NULL) {
			sl_resp_error(&resp, 500, "out of memory");
			goto error;
		}
	}
	if (parse_input(&req, &resp) != 0 || auth_csrf(&req, &resp) != 0 ||
	    input_validate(&req, &resp) != 0)
		goto error;
	resp.req = &req;
	if (req.route->handler(&req, &resp) != 0) {
		if (resp.streaming) {
			/*
			 * The headers are gone: cut the connection without the
			 * end-of-request record, so nginx aborts the response and
			 * the client sees a truncated download, not a short file.
			 */
			log_err("route %s: download failed part way%s%s", req.route->pattern,
			    sl_db_error(tc->db)[0] ? ": " : "", sl_db_error(tc->db));
			shutdown(fx->ipcFd, SHUT_RDWR);
			goto done;
		}
		if (sl_db_gone(tc->db)) {
			log_err("route %s: database unavailable: %s", req.route->pattern,
			    sl_db_error(tc->db));
			sl_resp_error(&resp, 503, "the database is not answering; try again shortly");
			sl_resp_header(&resp, "Retry-After", "5");
		} else {
			log_err("route %s: handler failed%s%s", req.route->pattern,
			    sl_db_error(tc->db)[0] ? ": " : "", sl_db_error(tc->db));
			sl_resp_error(&resp, 500, "internal error");
		}
		goto error;
	}
	if (resp.streaming)
		goto done;
	if (resp.location != NULL)
		send_redirect(&req, &resp);
	else if (resp.errmsg != NULL)
		send_error(&req, &resp);
	else
		send_model(&req, &resp);
	goto done;
error:
	if (resp.location != NULL && resp.errmsg == NULL)
		send_redirect(&req, &resp);
	else
		send_error(&req, &resp);
done:
	hp_log_safe(logpath, sizeof(logpath), FCGX_GetParam("REQUEST_URI", env));
	log_info("%s %s %d %.1fms w%d.%d", req.method ? req.method_name : "?",
	    logpath, resp.status, elapsed_ms(&t0), (int)getpid(), tc->index);
	input_free(&req);
	for (i = 0; i < req.match.count; i++)
		free(req.params[i]);
	free(req.path);
	hp_kvlist_free(req.query);
	hp_kvlist_free(req.form);
	hp_kvlist_free(req.cookies);
	json_object_put(req.json);
	free(req.body);
	json_object_put(req.me);
	free(req.session_data);
	json_object_put(resp.model);
	free(resp.location);
	free(resp.errmsg);
	for (i = 0; i < resp.nhdr; i++)
		free(resp.hdr[i]);
}
