/*
 * body.c - a request's body: read exactly Content-Length bytes (never more
 * than max_body, or max_upload for multipart), then parse it by its media
 * type through a const table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "body.h"
#include "config.h"
#include "context.h"
#include "parse.h"
#include "reqtypes.h"
#include "salient/jsonread.h"
#include "salient/text.h"

#define READ_CHUNK (1u << 20)

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
		size_t want = len - got > READ_CHUNK ? READ_CHUNK : len - got;
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

/* A parser of one media type: 0, or -1 with the answer in resp.  It may
 * take the body (setting *body to NULL). */
typedef int (*body_fn)(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    char **body, size_t len);

static int body_json(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    char **body, size_t len)
{
	char err[SL_JSON_ERRMAX], n[24];
	size_t at;

	(void)ctype;
	if (sl_json_read_depth(*body, len, (int)req->tc->app->conf->max_json_depth, &req->json,
	    &at, err, sizeof(err)) != 0) {
		snprintf(n, sizeof(n), "%zu", at);
		sl_resp_fail(req, resp, strcmp(err, "out of memory") == 0 ? 500 : 400, "json",
		    "core.err.json", "at", n, "detail", err, NULL);
		return -1;
	}
	return 0;
}

static int body_form(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    char **body, size_t len)
{
	char err[HP_ERRMAX];
	int rc;

	(void)ctype;
	rc = hp_parse_form(*body, len, &req->tc->app->limits, &req->form, err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_fail(req, resp, hp_status_http(rc), "form", "core.err.form", "detail", err,
		    NULL);
		return -1;
	}
	return 0;
}

static int body_multipart(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    char **body, size_t len)
{
	char err[HP_ERRMAX];
	int rc;

	rc = hp_parse_multipart(ctype, *body, len, &req->tc->app->limits, &req->form,
	    err, sizeof(err));
	if (rc != HP_OK) {
		sl_resp_fail(req, resp, hp_status_http(rc), "upload", "core.err.upload", "detail", err,
		    NULL);
		return -1;
	}
	return 0;
}

/* CSV and NDJSON: the raw body for the handler (sl_req_body). */
static int body_raw(struct sl_req *req, struct sl_resp *resp, const char *ctype,
    char **body, size_t len)
{
	(void)resp;
	(void)ctype;
	req->body = *body;
	req->body_len = len;
	*body = NULL;
	return 0;
}

static const struct {
	const char *type, *subtype;
	const char *name;    /* "type/subtype", sl_req_body_type() */
	int upload;          /* limited by max_upload, not max_body */
	body_fn fn;
} media_types[] = {
	{ "application", "json", "application/json", 0, body_json },
	{ "application", "x-www-form-urlencoded", "application/x-www-form-urlencoded", 0, body_form },
	{ "multipart", "form-data", "multipart/form-data", 1, body_multipart },
	{ "text", "csv", "text/csv", 0, body_raw },
	{ "application", "x-ndjson", "application/x-ndjson", 0, body_raw },
};

/*
 * True when the route takes a body of media_types[i]: one its bodies
 * name, or without them the parsed ones (JSON, forms, uploads; a raw CSV
 * or NDJSON body only goes to a handler that declares it reads one).
 */
static int route_takes(const struct sl_req *req, size_t i)
{
	const char *const *b;

	if (req->route == NULL || req->route->bodies == NULL)
		return media_types[i].fn != body_raw;
	for (b = req->route->bodies; *b != NULL; b++)
		if (strcmp(*b, media_types[i].name) == 0)
			return 1;
	return 0;
}

/* The media types the route takes, "application/json, ...", for a refusal. */
static const char *media_list(const struct sl_req *req, char *buf, size_t len)
{
	size_t i, at = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++) {
		if (!route_takes(req, i))
			continue;
		n = snprintf(buf + at, len - at, "%s%s", at ? ", " : "", media_types[i].name);
		if (n < 0 || (size_t)n >= len - at)
			break;
		at += (size_t)n;
	}
	return buf;
}

int body_parse(struct sl_req *req, struct sl_resp *resp)
{
	const struct sl_config *conf = req->tc->app->conf;
	FCGX_ParamArray env = req->fx->envp;
	const char *clen = FCGX_GetParam("CONTENT_LENGTH", env);
	const char *ctype = FCGX_GetParam("CONTENT_TYPE", env);
	char err[HP_ERRMAX], bytes[24], lim[HP_ERRMAX + 8], types[160];
	char *body = NULL, *end;
	struct hp_media media;
	unsigned long long n = 0;
	long limit;
	size_t i;
	int rc = -1, status = 0;

	if (clen != NULL && clen[0] != '\0') {
		errno = 0;
		n = strtoull(clen, &end, 10);
		if (errno || *end != '\0' || clen[0] == '-') {
			hp_log_safe(bytes, sizeof(bytes), clen);
			sl_resp_fail(req, resp, 400, "content_length", "core.err.body_length",
			    "value", bytes, NULL);
			goto out;
		}
	}
	if (n == 0)
		return 0;
	if (ctype == NULL || hp_parse_media_type(ctype, &media, err, sizeof(err)) != HP_OK) {
		snprintf(lim, sizeof(lim), "%s%s", ctype ? ": " : "", ctype ? err : "");
		sl_resp_fail(req, resp, 415, "content_type", "core.err.ctype_missing", "detail", lim,
		    "types", media_list(req, types, sizeof(types)), NULL);
		goto out;
	}
	for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++)
		if (strcmp(media.type, media_types[i].type) == 0 &&
		    strcmp(media.subtype, media_types[i].subtype) == 0)
			break;
	if (i == sizeof(media_types) / sizeof(media_types[0]) || !route_takes(req, i)) {
		snprintf(lim, sizeof(lim), "%s/%s", media.type, media.subtype);
		sl_resp_fail(req, resp, 415, "content_type", "core.err.ctype", "type", lim,
		    "types", media_list(req, types, sizeof(types)), NULL);
		goto out;
	}
	req->body_type = media_types[i].name;
	limit = media_types[i].upload ? conf->max_upload : conf->max_body;
	if (n > (unsigned long long)limit) {
		snprintf(bytes, sizeof(bytes), "%llu", n);
		snprintf(lim, sizeof(lim), "%ld", limit);
		sl_resp_fail(req, resp, 413, "too_large", media_types[i].upload ?
		    "core.err.upload_large" : "core.err.body_large", "bytes", bytes, "limit", lim, NULL);
		goto out;
	}
	if ((body = read_body(req->fx, (size_t)n, &status)) == NULL) {
		sl_resp_fail(req, resp, status, status == 400 ? "body_short" : "memory",
		    status == 400 ? "core.err.body_short" : "core.err.memory", NULL);
		goto out;
	}
	rc = media_types[i].fn(req, resp, ctype, &body, (size_t)n);
out:
	free(body);
	return rc;
}
