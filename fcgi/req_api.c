/*
 * req_api.c - the request accessors and the response setters of the module
 * API (include/salient/salient.h) that are plain reads and writes of struct
 * sl_req and struct sl_resp.  The access accessors are in auth.c, the
 * download and header functions in response.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "config.h"
#include "context.h"
#include "parse.h"
#include "reqtypes.h"
#include "salient/jsonread.h"
#include "salient/text.h"
#include "views.h"

unsigned sl_req_method(const struct sl_req *req)
{
	return req->method;
}

const char *sl_req_path(const struct sl_req *req)
{
	return req->path;
}

const char *sl_req_open_field(const struct sl_req *req, const char *name)
{
	const char *v;

	if (req->route == NULL || !(req->route->flags & SL_ROUTE_OPEN_INPUTS))
		return NULL;
	v = req->form ? hp_get(req->form, name) : NULL;
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

/* (salient/text.h; here beside sl_req_text, so text.c stays pure) */
const char *sl_req_text_of(const struct sl_req *req, const char *prefix, const char *name)
{
	char key[160];
	const char *t;
	int n;

	if (name == NULL)
		return "";
	n = snprintf(key, sizeof(key), "%s%s", prefix, name);
	if (n < 0 || (size_t)n >= sizeof(key))
		return name;
	t = sl_req_text(req, key);
	return t == NULL || strcmp(t, key) == 0 ? name : t;
}

/* The most named values a job's reason carries (sl_job_fail_key()). */
#define JOB_ERROR_VALUES 8

const char *sl_job_error_text(const struct sl_req *req, const char *stored, char *buf, size_t len)
{
	struct json_object *o = NULL, *key, *vals;
	const char *kv[2 * JOB_ERROR_VALUES + 1];
	char err[SL_JSON_ERRMAX];
	size_t at, n = 0;

	if (stored == NULL || stored[0] != '{' ||
	    sl_json_read(stored, strlen(stored), &o, &at, err, sizeof(err)) != 0)
		return stored;
	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "key", &key) ||
	    !json_object_is_type(key, json_type_string)) {
		json_object_put(o);
		return stored;
	}
	if (json_object_object_get_ex(o, "values", &vals) && json_object_is_type(vals, json_type_object)) {
		json_object_object_foreach(vals, name, v) {
			if (n == JOB_ERROR_VALUES)
				break;
			kv[2 * n] = name;
			kv[2 * n + 1] = json_object_get_string(v);
			n++;
		}
	}
	kv[2 * n] = NULL;
	sl_text_fill(buf, len, sl_req_text(req, json_object_get_string(key)), kv);
	json_object_put(o);
	return buf;
}

struct sl_db *sl_req_db(struct sl_req *req)
{
	return req->tc->db;
}

/* The core's own sections: connection details and secrets. */
static int core_only(const char *key)
{
	return strncmp(key, "database.", 9) == 0 || strncmp(key, "security.", 9) == 0;
}

const char *sl_req_conf(const struct sl_req *req, const char *key)
{
	const char *v = NULL;
	long n;

	if (core_only(key) || conf_value(req->tc->app->conf, key, &v, &n) != 0)
		return NULL;
	return v;
}

long sl_req_conf_long(const struct sl_req *req, const char *key, long dflt)
{
	const char *v;
	long n = dflt;

	if (core_only(key) || conf_value(req->tc->app->conf, key, &v, &n) != 1)
		return dflt;
	return n;
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

void sl_resp_redirect(struct sl_resp *resp, const char *path)
{
	free(resp->location);
	resp->location = strdup(path);
	resp->status = 0;   /* chosen by method when sent */
}
