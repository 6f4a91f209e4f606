/*
 * reqtypes.h - the request and the response as the core sees them: the
 * types the pipeline (request.c), the access layer (auth.c, session.c), the
 * body reader (body.c) and the response side (response.c) share.  Types
 * only, no functions, and no include of another part of the core but the
 * leaf route_match.h, so no part needs another's header for them (no
 * include cycle: tests/static/includes.t).
 */
#ifndef SALIENT_REQTYPES_H
#define SALIENT_REQTYPES_H

#include <stddef.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "route_match.h"
#include "salient/auth.h"
#include "salient/salient.h"

struct hp_kvlist;
struct thread_ctx;


/* How a request was authenticated (struct sl_req.auth_kind). */
enum auth_kind {
	AUTH_KIND_NONE = 0,
	AUTH_KIND_SESSION,   /* the session cookie: CSRF applies */
	AUTH_KIND_BEARER,    /* Authorization: Bearer */
};

/* A live session (fcgi/session.c). */
struct auth_session {
	unsigned char hash[32];
	long long user_id;         /* staff, or 0 */
	long long customer_id;     /* customers.id of a trade customer, or 0 */
	char csrf[AUTH_TOKEN_MAX];
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
	const char *body_type;      /* "text/csv", ... (body.c's table), or NULL */
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

#endif
