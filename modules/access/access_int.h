/*
 * access_int.h - private to modules/access: the admin pages for users, API
 * tokens and the audit log, sign-in and sign-out, and the `salient user` /
 * `salient token` commands.  The access checks themselves are core
 * (fcgi/auth.c).
 */
#ifndef ACCESS_INT_H
#define ACCESS_INT_H

#include <json-c/json.h>

#include "salient/salient.h"

struct sl_db;

/* Invitation (set-password) links stay valid this long (seconds). */
#define ACC_INVITE_SECONDS (72 * 3600)

/* A positive whole-number path parameter; 0, or -1 after a 400 in resp. */
int acc_id(struct sl_req *req, struct sl_resp *resp, const char *name, long long *out);
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
