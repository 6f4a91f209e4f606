/*
 * auth.h - the access layer's module API (DESIGN.md section 6): passwords,
 * random tokens and their hashes, trade-customer sign-in tokens, the login
 * throttle, staff sign-in and sign-out, a user's sessions, the audit row.
 * The core's pipeline side (who is asking, CSRF, session rows) stays in
 * fcgi/auth.h.  Secrets are never stored in clear: tokens as SHA-256
 * hashes, passwords as Argon2id strings.
 */
#ifndef SALIENT_PUB_AUTH_H
#define SALIENT_PUB_AUTH_H

#include <stddef.h>

struct sl_req;
struct sl_resp;
struct sl_db;
struct json_object;

/* Random tokens: AUTH_TOKEN_BYTES random bytes as base64url after a prefix,
 * at most AUTH_TOKEN_MAX bytes with the NUL; a trade token's customer part
 * at most AUTH_CUSTOMER_MAX. */
#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_MAX 64
#define AUTH_CUSTOMER_MAX 64

/* The sign-in form's pre-session cookie (modules/access/login.c): the form's
 * token is auth_login_token() of it.  The core's Origin check covers a
 * request that carries it as it covers one with the session cookie. */
#define AUTH_LOGIN_COOKIE "salient_login"

/* Login throttle: failures counted over this window, free attempts. */
#define AUTH_THROTTLE_WINDOW 900
#define AUTH_THROTTLE_FREE 5
#define AUTH_THROTTLE_MAX 900

/* The longest trade-customer token "customer.expiry.signature". */
#define AUTH_TRADE_MAX 160

/* Password rules. */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 200

/*
 * Writes the trade-customer token "customer.expiry.signature" with
 * signature = base64url(HMAC-SHA256(secret, customer "." expiry)) into buf.
 * Returns 0, or -1 when customer is empty or too long (AUTH_CUSTOMER_MAX),
 * holds a character outside printable ASCII, or buf is too small.
 */
int auth_trade_sign(char *buf, size_t len, const char *secret, const char *customer,
    long long expiry);

/*
 * The wait, in seconds after the latest failure, before another attempt is
 * taken when `failures` failed within the window: 0 up to AUTH_THROTTLE_FREE,
 * then 30, 60, 120, ... capped at AUTH_THROTTLE_MAX.
 */
long auth_throttle_delay(long failures);

/*
 * A fresh random token: prefix then base64url of AUTH_TOKEN_BYTES random
 * bytes, into buf.  Returns 0, or -1 when buf is too small.
 */
int auth_random_token(char *buf, size_t len, const char *prefix);

/* SHA-256 of a token's text, as stored (never the token itself). */
void auth_token_hash(unsigned char out[32], const char *token);

/*
 * The sign-in form's token for the AUTH_LOGIN_COOKIE value cookie (one of
 * auth_random_token(..., "")): base64url(HMAC-SHA256(cookie, a constant)),
 * into buf.  Returns 0, or -1 when cookie is not such a value or buf is
 * too small.
 */
int auth_login_token(char *buf, size_t len, const char *cookie);
/* 1 when token is the form token of cookie (constant-time compare), else 0. */
int auth_login_token_ok(const char *cookie, const char *token);

/* Whether s is a plausible e-mail address (one @, a dot after it, no spaces). */
int auth_email_ok(const char *s);

/* ---- passwords (authtok.c) ---- */

/* Argon2id string of password into out (crypto_pwhash_STRBYTES); 0 or -1. */
int auth_password_hash(char *out, size_t len, const char *password);
/* 1 when password matches the stored string, else 0 (constant time). */
int auth_password_verify(const char *stored, const char *password);
/* NULL when acceptable, else the reason ("at least 10 characters"). */
const char *auth_password_weak(const char *password);

/* ---- sessions and sign-in (session.c, auth.c) ---- */

/* Deletes every session of a user (disabled, password changed); 0 or -1. */
int session_delete_user(struct sl_db *db, long long user_id);

/*
 * Signs a staff user in: a new session (the old one of this request, if
 * any, is deleted: no fixation), the cookie, and req->me.  Returns 0 or -1.
 */
int auth_login(struct sl_req *req, struct sl_resp *resp, long long user_id);
/* Deletes this request's session and clears the cookie; 0 or -1. */
int auth_logout(struct sl_req *req, struct sl_resp *resp);

/*
 * Writes one audit row: who (user_id or token_id, 0 = none; actor as text),
 * what ("user.role"), which object, before and after (borrowed; NULL =
 * none).  For the CLI and sl_audit().  Returns 0 or -1.
 */
int auth_audit_write(struct sl_db *db, long long user_id, long long token_id, const char *actor,
    const char *what, const char *object_id, struct json_object *before,
    struct json_object *after);

/* The client's address (REMOTE_ADDR), "" when unknown. */
const char *auth_addr(const struct sl_req *req);

#endif
