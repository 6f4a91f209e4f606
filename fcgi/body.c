/*
 * body.c - a request's body: read exactly Content-Length bytes (never more
 * than max_body, or max_upload for multipart), then parse it by its media
 * type through a const table.
 */
#include <errno.h>
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
	char err[SL_JSON_ERRMAX];
	size_t at;

	(void)ctype;
	if (sl_json_read(*body, len, &req->json, &at, err, sizeof(err)) != 0) {
		sl_resp_error(resp, strcmp(err, "out of memory") == 0 ? 500 : 400,
		    "body: invalid JSON at byte %zu: %s", at, err);
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
		sl_resp_error(resp, hp_status_http(rc), "form: %s", err);
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
		sl_resp_error(resp, hp_status_http(rc), "upload: %s", err);
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
	int upload;          /* limited by max_upload, not max_body */
	body_fn fn;
} media_types[] = {
	{ "application", "json", 0, body_json },
	{ "application", "x-www-form-urlencoded", 0, body_form },
	{ "multipart", "form-data", 1, body_multipart },
	{ "text", "csv", 0, body_raw },
	{ "application", "x-ndjson", 0, body_raw },
};

int body_parse(struct sl_req *req, struct sl_resp *resp)
{
	const struct sl_config *conf = req->tc->app->conf;
	FCGX_ParamArray env = req->fx->envp;
	const char *clen = FCGX_GetParam("CONTENT_LENGTH", env);
	const char *ctype = FCGX_GetParam("CONTENT_TYPE", env);
	char err[HP_ERRMAX], *body = NULL, *end;
	struct hp_media media;
	unsigned long long n = 0;
	long limit;
	size_t i;
	int rc = -1, status = 0;

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
	for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++)
		if (strcmp(media.type, media_types[i].type) == 0 &&
		    strcmp(media.subtype, media_types[i].subtype) == 0)
			break;
	if (i == sizeof(media_types) / sizeof(media_types[0])) {
		sl_resp_error(resp, 415, "unsupported Content-Type %s/%s", media.type, media.subtype);
		goto out;
	}
	limit = media_types[i].upload ? conf->max_upload : conf->max_body;
	if (n > (unsigned long long)limit) {
		sl_resp_error(resp, 413, "%s of %llu bytes is larger than the limit of %ld bytes",
		    media_types[i].upload ? "upload" : "request body", n, limit);
		goto out;
	}
	if ((body = read_body(req->fx, (size_t)n, &status)) == NULL) {
		sl_resp_error(resp, status, status == 400 ?
		    "request body shorter than its Content-Length" : "out of memory");
		goto out;
	}
	rc = media_types[i].fn(req, resp, ctype, &body, (size_t)n);
out:
	free(body);
	return rc;
}
