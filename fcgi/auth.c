/*
 * auth.c - who is asking and whether the route allows them (request.c's
 * check_access()), CSRF, the trade customer's sign-in link, sign-in and
 * sign-out, the audit log, and the access accessors of salient.h.
 *
 * Credentials, in order: Authorization: Bearer (an API token, or the
 * configured bootstrap api_key, which has admin scope), else the session
 * cookie.  A bearer header that is not valid is refused outright (401), it
 * never falls back to the cookie.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>
#include <json-c/json.h>
#include <sodium.h>

#include "core_sql.h"
#include "auth.h"
#include "salient/text.h"
#include "config.h"
#include "context.h"
#include "origin.h"
#include "parse.h"
#include "response.h"
#include "salient/log.h"
#include "reqtypes.h"
#include "salient/db.h"
#include "salient/name.h"
#include "salient/settings.h"
#include "salient/url.h"


static const char *jstr(struct json_object *o, const char *k)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, k, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

const char *auth_addr(const struct sl_req *req)
{
	const char *a = FCGX_GetParam("REMOTE_ADDR", req->fx->envp);

	return a ? a : "";
}

/* ------------------------------------------------------------ who */

static void set_actor(struct sl_req *req, const char *kind, const char *who)
{
	char safe[256];

	snprintf(req->actor, sizeof(req->actor), "%s %s", kind, hp_log_safe(safe, sizeof(safe),
	    who ? who : ""));
}

/* The bearer credential: an API token or the bootstrap key; 0 or -1 (401). */
static int identify_bearer(struct sl_req *req, struct sl_resp *resp, const char *auth)
{
	const char *key = req->tc->app->conf->api_key;
	struct json_object *row = NULL;
	unsigned char hash[32];
	size_t klen = key ? strlen(key) : 0, alen;
	const char *scope;
	int found;

	if (strncmp(auth, "Bearer ", 7) != 0) {
		sl_resp_fail(req, resp, 401, "bearer", "core.auth.bearer_syntax", NULL);
		goto refused;
	}
	auth += 7;
	alen = strlen(auth);
	if (klen >= 16 && alen == klen && sodium_memcmp(auth, key, klen) == 0) {
		req->auth_kind = AUTH_KIND_BEARER;
		req->role = SL_ROLE_ADMIN;
		req->token_scope = "admin";
		set_actor(req, "api_key", "(config)");
		return 0;
	}
	if (alen < 20 || alen > AUTH_TOKEN_MAX) {
		sl_resp_fail(req, resp, 401, "token", "core.auth.token_invalid", NULL);
		goto refused;
	}
	auth_token_hash(hash, auth);
	if ((found = sl_db_row(sl_req_db(req), &row, SL_SQL(core_sql, CORE_AUTH_TOKEN), hash, sizeof(hash))) < 0) {
		resp_db_failed(req, resp, sl_req_db(req));
		return -1;
	}
	if (!found) {
		sl_resp_fail(req, resp, 401, "token", "core.auth.token_revoked", NULL);
		goto refused;
	}
	req->auth_kind = AUTH_KIND_BEARER;
	req->token_id = json_object_get_int64(json_object_object_get(row, "id"));
	scope = jstr(row, "scope");
	if (scope == NULL)
		scope = "import";
	req->token_scope = strcmp(scope, "admin") == 0 ? "admin" :
	    strcmp(scope, "read") == 0 ? "read" : "import";
	req->role = strcmp(scope, "admin") == 0 ? SL_ROLE_ADMIN :
	    strcmp(scope, "read") == 0 ? SL_ROLE_AGENT : SL_ROLE_IMPORT;
	set_actor(req, "token", jstr(row, "name"));
	req->me = json_object_new_object();
	json_object_object_add(req->me, "token", json_object_new_string(jstr(row, "name") ? jstr(row, "name") : ""));
	json_object_object_add(req->me, "scope", json_object_new_string(req->token_scope));
	json_object_put(row);
	if (sl_db_exec(sl_req_db(req), SL_SQL(core_sql, CORE_AUTH_TOKEN_USED), req->token_id) < 0)
		log_warn("recording a token's use: %s", sl_db_error(sl_req_db(req)));
	return 0;
refused:
	sl_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"salient\", error=\"invalid_token\"");
	return -1;
}

/*
 * The primary subtag of a customer's stored language ("ru", "da-DK",
 * "EN_gb"), lower-cased, into code; "" when it has none.  resolve_lang()
 * (request.c) uses it only when it is one of the languages Salient speaks.
 */
static void customer_lang(const char *stored, char *code, size_t len)
{
	size_t i;

	for (i = 0; stored != NULL && i + 1 < len && isalpha((unsigned char)stored[i]); i++)
		code[i] = (char)tolower((unsigned char)stored[i]);
	code[i] = '\0';
}

/* me for a trade customer from its customers row. */
static void me_customer(struct sl_req *req, struct json_object *c, const char *csrf)
{
	char name[256], lang[9];

	sl_display_name(jstr(c, "first_name"), jstr(c, "last_name"), jstr(c, "email"),
	    jstr(c, "host_id"), name, sizeof(name));
	req->customer_id = json_object_get_int64(json_object_object_get(c, "id"));
	snprintf(req->customer_host, sizeof(req->customer_host), "%s",
	    jstr(c, "host_id") ? jstr(c, "host_id") : "");
	req->role = SL_ROLE_CUSTOMER;
	json_object_put(req->me);
	req->me = json_object_new_object();
	json_object_object_add(req->me, "customer_id", json_object_new_string(req->customer_host));
	json_object_object_add(req->me, "name", json_object_new_string(name));
	json_object_object_add(req->me, "smart_type",
	    json_object_new_string(jstr(c, "smart_type") ? jstr(c, "smart_type") : ""));
	customer_lang(jstr(c, "language"), lang, sizeof(lang));
	json_object_object_add(req->me, "lang", lang[0] ? json_object_new_string(lang) : NULL);
	json_object_object_add(req->me, "csrf_token", json_object_new_string(csrf));
	set_actor(req, "customer", req->customer_host);
}

/* me for staff from its users row. */
static void me_staff(struct sl_req *req, struct json_object *u, const char *csrf)
{
	const char *role = jstr(u, "role");
	int admin = role != NULL && strcmp(role, "admin") == 0;

	req->user_id = json_object_get_int64(json_object_object_get(u, "id"));
	req->role = admin ? SL_ROLE_ADMIN : SL_ROLE_AGENT;
	json_object_put(req->me);
	req->me = json_object_new_object();
	json_object_object_add(req->me, "id", json_object_new_int64(req->user_id));
	json_object_object_add(req->me, "email", json_object_new_string(jstr(u, "email") ? jstr(u, "email") : ""));
	json_object_object_add(req->me, "name", json_object_new_string(jstr(u, "name") ? jstr(u, "name") : ""));
	json_object_object_add(req->me, "role", json_object_new_string(admin ? "admin" : "agent"));
	json_object_object_add(req->me, "is_admin", json_object_new_boolean(admin));
	json_object_object_add(req->me, "lang", jstr(u, "lang") ? json_object_new_string(jstr(u, "lang")) : NULL);
	json_object_object_add(req->me, "csrf_token", json_object_new_string(csrf));
	set_actor(req, "user", jstr(u, "email"));
}

/* The session cookie, when there is one; 0 (signed in or not) or -1. */
static int identify_session(struct sl_req *req, struct sl_resp *resp)
{
	const char *id = req->cookies ? hp_get(req->cookies, AUTH_COOKIE) : NULL;
	struct json_object *row = NULL;
	struct sl_db *db = sl_req_db(req);
	int found;

	if (id == NULL || id[0] == '\0')
		return 0;
	if ((found = session_find(db, id, req->route->role == SL_ROLE_CUSTOMER ?
	    req->module->customer_session_sql : NULL, &req->session, &row,
	    &req->session_data)) < 0)
		goto dberr;
	if (found == 0) {
		req->stale_cookie = 1;
		return 0;
	}
	if (row == NULL) {   /* user disabled or customer gone: the session ends */
		session_delete(db, req->session.hash);
		memset(&req->session, 0, sizeof(req->session));
		req->stale_cookie = 1;
		return 0;
	}
	req->auth_kind = AUTH_KIND_SESSION;
	if (req->session.user_id > 0)
		me_staff(req, row, req->session.csrf);
	else
		me_customer(req, row, req->session.csrf);
	json_object_put(row);
	return 0;
dberr:
	resp_db_failed(req, resp, db);
	return -1;
}

/* ------------------------------------------------------------ trade link */

/* The current path and query without the token parameter, for the redirect. */
static void without_token(const struct sl_req *req, char *buf, size_t len)
{
	const char *q = FCGX_GetParam("QUERY_STRING", req->fx->envp), *p, *amp;
	size_t used;
	int first = 1;

	snprintf(buf, len, "%s", req->path);
	used = strlen(buf);
	for (p = q; p != NULL && *p != '\0'; p = amp ? amp + 1 : NULL) {
		size_t n;

		amp = strchr(p, '&');
		n = amp ? (size_t)(amp - p) : strlen(p);
		if (n == 0 || (n >= 6 && strncmp(p, "token=", 6) == 0) ||
		    (n == 5 && strncmp(p, "token", 5) == 0))
			continue;
		if (used + n + 2 >= len)
			break;
		buf[used++] = first ? '?' : '&';
		memcpy(buf + used, p, n);
		used += n;
		buf[used] = '\0';
		first = 0;
	}
}

/* A GET on a customer route with ?token=: sign the customer in; always -1. */
static int trade_signin(struct sl_req *req, struct sl_resp *resp, const char *token)
{
	const char *secret = req->tc->app->conf->secret;
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL;
	struct auth_session s;
	char customer[AUTH_CUSTOMER_MAX + 1], id[AUTH_TOKEN_MAX], to[2048], safe[80];
	enum auth_trade r;
	long long expiry;
	const char *type;
	int found;

	if (secret == NULL || strlen(secret) < 16) {
		log_err("trade sign-in refused: [security] secret is not set (16 bytes at least)");
		sl_resp_fail(req, resp, 503, "unavailable", "auth.trade.unavailable", NULL);
		return -1;
	}
	r = auth_trade_verify(secret, token, (long long)time(NULL), customer, sizeof(customer), &expiry);
	if (r != AUTH_TRADE_OK) {
		log_info("trade sign-in refused from %s: %s", hp_log_safe(safe, sizeof(safe),
		    auth_addr(req)), auth_trade_reason(r));
		/* the customer reads plain words; why exactly is the log's */
		sl_resp_fail(req, resp, r == AUTH_TRADE_MALFORMED ? 400 : r == AUTH_TRADE_EXPIRED ? 401 : 403,
		    r == AUTH_TRADE_EXPIRED ? "link_expired" : "link_invalid", "auth.trade.link_invalid",
		    NULL);
		return -1;
	}
	if ((found = sl_db_row(db, &row, SL_SQL(core_sql, CORE_AUTH_CUSTOMER_BY_HOST), customer)) < 0) {
		resp_db_failed(req, resp, db);
		return -1;
	}
	if (!found) {
		log_info("trade sign-in refused: customer '%s' is not known yet",
		    hp_log_safe(safe, sizeof(safe), customer));
		sl_resp_fail(req, resp, 403, "unknown_customer", "auth.trade.unknown_customer", NULL);
		return -1;
	}
	/* the smart types the trade area is open to (setting account_smart_types,
	 * declared by the trade module; default trade and distributor) */
	type = jstr(row, "smart_type");
	if (type == NULL || !sl_setting_has(db, "account_smart_types", type)) {
		log_info("trade sign-in refused: %s customers are not in the setting "
		    "account_smart_types", hp_log_safe(safe, sizeof(safe), type ? type : "(no type)"));
		sl_resp_fail(req, resp, 403, "area_closed", "auth.trade.area_closed", NULL);
		json_object_put(row);
		return -1;
	}
	/* no fixation: whatever session came with the request ends here */
	if (req->auth_kind == AUTH_KIND_SESSION)
		session_delete(db, req->session.hash);
	if (session_create(db, 0, json_object_get_int64(json_object_object_get(row, "id")), id, &s) != 0) {
		json_object_put(row);
		sl_resp_fail(req, resp, 500, "session", "core.auth.session_create", NULL);
		return -1;
	}
	req->session = s;
	req->auth_kind = AUTH_KIND_SESSION;
	me_customer(req, row, s.csrf);
	json_object_put(row);
	session_cookie(resp, id);
	without_token(req, to, sizeof(to));
	sl_resp_redirect(resp, to);
	return -1;
}

/* ------------------------------------------------------------ authorise */

static const char *role_name(const struct sl_req *req, int role)
{
	switch (role) {
	case SL_ROLE_PUBLIC: return sl_req_text(req, "core.role.public");
	case SL_ROLE_CUSTOMER: return sl_req_text(req, "core.role.customer");
	case SL_ROLE_AGENT: return sl_req_text(req, "core.role.agent");
	case SL_ROLE_ADMIN: return sl_req_text(req, "core.role.admin");
	case SL_ROLE_IMPORT: return sl_req_text(req, "core.role.import");
	default: return sl_req_text(req, "core.role.none");
	}
}

/* 1 when the caller may use the route (method as requested). */
static int allowed(const struct sl_req *req, int need)
{
	int have = req->role;
	int reading = req->method == SL_GET || req->method == SL_HEAD;

	switch (need) {
	case SL_ROLE_PUBLIC:
		return 1;
	case SL_ROLE_CUSTOMER:
		return have == SL_ROLE_CUSTOMER || have == SL_ROLE_ADMIN;
	case SL_ROLE_AGENT:
		if (req->auth_kind == AUTH_KIND_BEARER && strcmp(req->token_scope, "read") == 0)
			return reading;
		return have == SL_ROLE_AGENT || have == SL_ROLE_ADMIN;
	case SL_ROLE_ADMIN:
		return have == SL_ROLE_ADMIN;
	case SL_ROLE_IMPORT:
		return have == SL_ROLE_IMPORT || have == SL_ROLE_ADMIN;
	default:
		return 0;
	}
}

int auth_check(struct sl_req *req, struct sl_resp *resp)
{
	const char *auth = FCGX_GetParam("HTTP_AUTHORIZATION", req->fx->envp);
	int need = (int)req->route->role;
	const char *token;
	char next[1200];

	if (need == SL_ROLE_UNSET) {
		log_err("route %s declares no role: refused", req->route->pattern);
		sl_resp_fail(req, resp, 500, "internal", "core.auth.misconfigured", NULL);
		return -1;
	}
	if (auth != NULL && auth[0] != '\0') {
		if (identify_bearer(req, resp, auth) != 0)
			return -1;
	} else if (identify_session(req, resp) != 0) {
		return -1;
	}
	if (need == SL_ROLE_CUSTOMER && (req->method == SL_GET || req->method == SL_HEAD) &&
	    req->query != NULL && (token = hp_get(req->query, "token")) != NULL)
		return trade_signin(req, resp, token);
	if (allowed(req, need))
		return 0;
	if (req->role == 0) {
		if (need == SL_ROLE_CUSTOMER) {
			sl_resp_error(resp, 401, "%s", sl_req_text(req, req->stale_cookie ?
			    "auth.trade.session_ended" : "auth.trade.signin"));
			return -1;
		}
		if (!req->api && !req->wants_json && req->method == SL_GET &&
		    (need == SL_ROLE_AGENT || need == SL_ROLE_ADMIN)) {
			struct sl_url u;

			sl_url_init(&u, next, sizeof(next));
			sl_url_put(&u, "/login");
			if (sl_url_add(&u, "next", req->path) != 0) {
				/* a path too long to come back to: sign in without it */
				log_warn("auth: a %zu-byte path is too long for the sign-in's next",
				    strlen(req->path));
				sl_url_init(&u, next, sizeof(next));
				sl_url_put(&u, "/login");
			}
			sl_resp_redirect(resp, next);
			return -1;
		}
		sl_resp_fail(req, resp, 401, "signin", req->api || req->wants_json ? "core.auth.signin_api" :
		    req->stale_cookie ? "core.auth.signin_ended" : "core.auth.signin", NULL);
		if (req->api || req->wants_json)
			sl_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"salient\"");
		return -1;
	}
	if (req->auth_kind == AUTH_KIND_BEARER && strcmp(req->token_scope, "read") == 0 &&
	    need == SL_ROLE_AGENT)
		sl_resp_fail(req, resp, 403, "role", "core.auth.scope_read", NULL);
	else if (req->auth_kind == AUTH_KIND_BEARER)
		sl_resp_fail(req, resp, 403, "role", "core.auth.scope", "scope", req->token_scope,
		    "need", role_name(req, need), NULL);
	else
		sl_resp_fail(req, resp, 403, "role", "core.auth.role", "role", role_name(req, req->role),
		    "need", role_name(req, need), NULL);
	return -1;
}

int auth_csrf(struct sl_req *req, struct sl_resp *resp)
{
	const char *got = NULL;
	size_t n;

	if (!(req->method & (SL_POST | SL_PUT | SL_DELETE)) || req->auth_kind != AUTH_KIND_SESSION)
		return 0;
	got = FCGX_GetParam("HTTP_X_CSRF_TOKEN", req->fx->envp);
	if ((got == NULL || got[0] == '\0') && req->form != NULL)
		got = hp_get(req->form, "csrf_token");
	if (got == NULL || got[0] == '\0') {
		sl_resp_error_field(resp, 403, "csrf_token", "csrf_missing", "%s",
		    sl_req_text(req, "auth.csrf.missing"));
		return -1;
	}
	n = strlen(req->session.csrf);
	if (n == 0 || strlen(got) != n || sodium_memcmp(got, req->session.csrf, n) != 0) {
		sl_resp_error_field(resp, 403, "csrf_token", "csrf_wrong", "%s",
		    sl_req_text(req, "auth.csrf.wrong"));
		return -1;
	}
	return 0;
}

int auth_origin(struct sl_req *req, struct sl_resp *resp)
{
	FCGX_ParamArray env = req->fx->envp;
	const char *m = req->method_name ? req->method_name : "";
	struct origin_in in = { 0 };
	char seen[ORIGIN_MAX], safe[120];

	if (!(req->method & (SL_POST | SL_PUT | SL_DELETE)) && strcmp(m, "PATCH") != 0)
		return 0;
	if (sl_req_cookie(req, AUTH_COOKIE) == NULL && sl_req_cookie(req, AUTH_LOGIN_COOKIE) == NULL)
		return 0;   /* a bearer token or nothing: no browser's ambient credentials */
	in.origin = FCGX_GetParam("HTTP_ORIGIN", env);
	in.referer = FCGX_GetParam("HTTP_REFERER", env);
	in.host = FCGX_GetParam("HTTP_HOST", env);
	in.fwd_host = FCGX_GetParam("HTTP_X_FORWARDED_HOST", env);
	in.fwd_proto = FCGX_GetParam("HTTP_X_FORWARDED_PROTO", env);
	in.https = req->https;
	in.base_url = req->tc->app->conf->base_url;
	if (origin_judge(&in, seen) != ORIGIN_FOREIGN)
		return 0;
	log_info("%s %s refused: it came from %s, not this site", m, req->route->pattern,
	    hp_log_safe(safe, sizeof(safe), seen));
	sl_resp_fail(req, resp, 403, "foreign_origin", "auth.origin.foreign", NULL);
	return -1;
}

/* ------------------------------------------------------------ sign in/out */

int auth_login(struct sl_req *req, struct sl_resp *resp, long long user_id)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL;
	struct auth_session s;
	char id[AUTH_TOKEN_MAX];

	if (req->auth_kind == AUTH_KIND_SESSION && session_delete(db, req->session.hash) != 0)
		return -1;
	if (session_create(db, user_id, 0, id, &s) != 0)
		return -1;
	if (sl_db_row(db, &row, SL_SQL(core_sql, CORE_AUTH_USER), user_id) != 1)
		return -1;
	req->session = s;
	req->auth_kind = AUTH_KIND_SESSION;
	me_staff(req, row, s.csrf);
	json_object_put(row);
	session_cookie(resp, id);
	sodium_memzero(id, sizeof(id));
	return 0;
}

int auth_logout(struct sl_req *req, struct sl_resp *resp)
{
	if (req->auth_kind == AUTH_KIND_SESSION &&
	    session_delete(sl_req_db(req), req->session.hash) != 0)
		return -1;
	session_cookie(resp, NULL);
	memset(&req->session, 0, sizeof(req->session));
	req->auth_kind = AUTH_KIND_NONE;
	req->role = 0;
	req->user_id = 0;
	json_object_put(req->me);
	req->me = NULL;
	return 0;
}

/* ------------------------------------------------------------ audit */

int auth_audit_write(struct sl_db *db, long long user_id, long long token_id, const char *actor,
    const char *what, const char *object_id, struct json_object *before, struct json_object *after)
{
	char uid[24], tid[24];
	const char *b = before ? json_object_to_json_string_ext(before, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	const char *a;
	char *bcopy = NULL;
	long long rc;

	/* the serialised text lives in the object: copy before the next call */
	if (b != NULL && (bcopy = strdup(b)) == NULL)
		return -1;
	a = after ? json_object_to_json_string_ext(after, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	snprintf(uid, sizeof(uid), "%lld", user_id);
	snprintf(tid, sizeof(tid), "%lld", token_id);
	rc = sl_db_exec(db, SL_SQL(core_sql, CORE_AUTH_AUDIT), user_id > 0 ? uid : NULL,
	    token_id > 0 ? tid : NULL, actor ? actor : "", what, object_id, bcopy, a);
	free(bcopy);
	return rc < 0 ? -1 : 0;
}

int sl_audit(struct sl_req *req, const char *what, const char *object_id,
    struct json_object *before, struct json_object *after)
{
	if (auth_audit_write(sl_req_db(req), req->user_id, req->token_id, req->actor, what,
	    object_id, before, after) != 0) {
		log_err("audit %s: %s", what, sl_db_error(sl_req_db(req)));
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ accessors */

long long sl_req_user_id(const struct sl_req *req)
{
	return req->auth_kind == AUTH_KIND_SESSION ? req->user_id : 0;
}

long long sl_req_customer(const struct sl_req *req)
{
	return req->role == SL_ROLE_CUSTOMER ? req->customer_id : 0;
}

const char *sl_req_customer_host(const struct sl_req *req)
{
	return req->role == SL_ROLE_CUSTOMER ? req->customer_host : NULL;
}

int sl_req_role(const struct sl_req *req)
{
	return req->role;
}

int sl_req_wants_json(const struct sl_req *req)
{
	return req->api || req->wants_json;
}

struct json_object *sl_req_me(const struct sl_req *req)
{
	return req->me;
}

const char *sl_req_session_data(const struct sl_req *req)
{
	return req->auth_kind == AUTH_KIND_SESSION ? req->session_data : NULL;
}
