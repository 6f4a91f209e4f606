/*
 * request.h - one request's life inside a worker thread: parse, route,
 * check access, call the handler, render, log.
 */
#ifndef SALIENT_REQUEST_H
#define SALIENT_REQUEST_H

#include <fcgiapp.h>
#include <json-c/json.h>

#include "auth.h"
#include "parse.h"
#include "route_match.h"
#include "salient/salient.h"

struct sl_config;
struct views;

/* Per worker process: read-only after start, shared by its threads. */
struct worker_ctx {
	const struct sl_config *conf;
	struct views *views;      /* compiled templates and message catalogs */
	struct hp_limits limits;
	int migrations;           /* files in sql_dir, counted at start */
};

/* Per thread: its own database connection. */
struct thread_ctx {
	struct worker_ctx *app;
	struct sl_db *db;
	int index;
};

#define RESP_MAXHDR 16

struct sl_req {
	FCGX_Request *fx;
	struct thread_ctx *tc;
	unsigned method;
	const char *method_name;
	char *path;                 /* decoded, below the prefix */
	const struct sl_route *route;
	const struct sl_module *module; /* the route's */
	struct rm_match match;      /* the route's named segments, in path */
	char *params[RM_MAX_PARAMS];/* the same, NUL-terminated copies */
	struct hp_kvlist *query;
	struct hp_kvlist *form;     /* urlencoded or multipart */
	struct hp_kvlist *cookies;
	struct json_object *json;
	char *body;                 /* raw text/csv or NDJSON body, or NULL */
	size_t body_len;
	int api;                    /* path under /api/v1/ */
	int wants_json;
	int https;
	const char *lang;
	int role;                   /* enum sl_role of who is signed in (0 = nobody) */
	struct json_object *me;     /* the signed-in user or customer, or NULL */
	/* access (fcgi/auth.c) */
	int auth_kind;              /* enum auth_kind */
	int stale_cookie;           /* a session cookie came but its session has ended */
	struct auth_session session;/* when auth_kind is AUTH_KIND_SESSION */
	char *session_data;         /* module->customer_session_sql read with it */
	long long user_id;          /* staff users.id, or 0 */
	long long customer_id;      /* a trade customer's customers.id, or 0 */
	char customer_host[AUTH_CUSTOMER_MAX + 1];
	long long token_id;         /* api_tokens.id, or 0 (also for the config api_key) */
	const char *token_scope;    /* "admin", "read", "import" for a bearer */
	char actor[320];            /* who, for the audit log */
	struct in_state *inputs;    /* the route's declared inputs (fcgi/input.c) */
};

struct sl_resp {
	int status;
	struct json_object *model;
	char *location;
	char *errmsg;
	char errfield[64];          /* the input an error is about, or "" */
	const char *errcode;        /* its reason (sl_in_err_code()), or NULL */
	char *hdr[RESP_MAXHDR];
	size_t nhdr;
	int streaming;              /* headers sent, body written directly */
	struct sl_req *req;         /* for sl_resp_download()'s headers */
	long long bytes;
};

/* Returns NULL on failure; free with worker_ctx_free(). */
struct worker_ctx *worker_ctx_new(const struct sl_config *conf);
void worker_ctx_free(struct worker_ctx *w);
/* Returns NULL on failure; free with thread_ctx_free(). */
struct thread_ctx *thread_ctx_new(struct worker_ctx *w, int index);
void thread_ctx_free(struct thread_ctx *t);

/* Serves one accepted request completely. */
void request_handle(struct thread_ctx *tc, FCGX_Request *fx);

#endif
