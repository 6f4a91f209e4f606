/*
 * access_int.h - private to modules/access: the admin pages for users, API
 * tokens and the audit log, sign-in and sign-out, and the `salient user` /
 * `salient token` commands.  The access checks themselves are core
 * (fcgi/auth.c).
 */
#ifndef ACCESS_INT_H
#define ACCESS_INT_H

#include <json-c/json.h>

#include "salient/db.h"
#include "salient/input.h"
#include "salient/salient.h"

struct sl_db;

/* The audit log's pages: 50 entries each, this many at most. */
#define ACC_AUDIT_PAGE_SIZE 50
#define ACC_AUDIT_PAGES 100000

/* The sign-in form's cookie (AUTH_LOGIN_COOKIE) lives this long (seconds). */
#define ACC_LOGIN_COOKIE_SECONDS (12 * 3600)

/* Invitation (set-password) links stay valid this long (seconds). */
#define ACC_INVITE_SECONDS (72 * 3600)

/* The module's statements (access_sql.c). */
enum acc_sql_id {
	ACC_USER_BY_EMAIL,
	ACC_FAILURES_EMAIL,
	ACC_FAILURES_ADDR,
	ACC_FAILURE_ADD,
	ACC_FAILURES_CLEAR,
	ACC_LOGGED_IN,
	ACC_INVITE_FIND,
	ACC_PASSWORD_SET,
	ACC_USER_LIST,
	ACC_USER_ONE,
	ACC_EMAIL_TAKEN,
	ACC_USER_CREATE,
	ACC_USER_INVITE,
	ACC_USER_UPDATE,
	ACC_OTHER_ADMINS,
	ACC_TOKEN_LIST,
	ACC_TOKEN_CREATE,
	ACC_TOKEN_BY_HASH,
	ACC_TOKEN_ONE,
	ACC_TOKEN_REVOKE,
	ACC_AUDIT_LIST,
	ACC_CLI_USER_EMAIL,
	ACC_CLI_USER_ADD,
	ACC_CLI_ADMINS,
	ACC_CLI_USER_PW,
	ACC_CLI_USER_ACTIVE,
	ACC_CLI_USER_LIST,
	ACC_CLI_TOKEN_LIST,
	ACC_CLI_CUSTOMER_KNOWN,
	ACC_NSQL
};
extern const struct sl_sql acc_sql[ACC_NSQL];
/* The tables the module owns, NULL-terminated. */
extern const char *const acc_tables[];

/* The choices of the users' and tokens' enum inputs (NULL-terminated). */
extern const char *const acc_roles[];
extern const char *const acc_langs[];
extern const char *const acc_scopes[];
/* Adds the field f of o (or null) to a new object; for audit snapshots. */
struct json_object *acc_pick(struct json_object *o, const char *const *fields);

/*
 * Creates an API token: writes the token (shown once, AUTH_TOKEN_MAX bytes)
 * to token and its id to *id.  scope is import, read or admin.  Returns 0
 * or -1 (database).
 */
int acc_token_create(struct sl_db *db, const char *name, const char *scope,
    long long created_by, char *token, long long *id);

/*
 * A fresh invitation for user id: writes the token into token
 * (AUTH_TOKEN_MAX bytes).  Returns 0 or -1.
 */
int acc_invite(struct sl_db *db, long long id, char *token);

/* Route handlers. */
int acc_login_page(struct sl_req *req, struct sl_resp *resp);
int acc_login(struct sl_req *req, struct sl_resp *resp);
int acc_logout(struct sl_req *req, struct sl_resp *resp);
int acc_password_page(struct sl_req *req, struct sl_resp *resp);
int acc_password_set(struct sl_req *req, struct sl_resp *resp);
int acc_users(struct sl_req *req, struct sl_resp *resp);
int acc_user_create(struct sl_req *req, struct sl_resp *resp);
int acc_user_update(struct sl_req *req, struct sl_resp *resp);
int acc_user_reinvite(struct sl_req *req, struct sl_resp *resp);
int acc_tokens(struct sl_req *req, struct sl_resp *resp);
int acc_token_new(struct sl_req *req, struct sl_resp *resp);
int acc_token_revoke(struct sl_req *req, struct sl_resp *resp);
int acc_audit(struct sl_req *req, struct sl_resp *resp);

/* Commands. */
int acc_cmd_user(int argc, char **argv);
int acc_cmd_token(int argc, char **argv);

#endif
