/*
 * auth.h - the access layer of the core (DESIGN.md section 6): who is
 * asking (a staff session, a trade customer's session, an API token) and
 * whether the route they called allows them.
 *
 *   authtok.c   pure pieces: base64url, trade-customer tokens (HMAC-SHA256),
 *               random tokens and their hashes, the login throttle's delay
 *   session.c   sessions in MariaDB: create, find, touch, delete, cookies
 *   auth.c      the pipeline's access step (request.c): identify, authorise, CSRF, the
 *               trade sign-in link, and the module accessors of salient.h
 *
 * Secrets never stored in clear: session ids and API tokens are kept as
 * SHA-256 hashes, passwords as Argon2id strings (crypto_pwhash_str).
 */
#ifndef SALIENT_AUTH_H
#define SALIENT_AUTH_H

#include <stddef.h>

#include "reqtypes.h"
#include "salient/salient.h"

struct sl_req;
struct sl_resp;
struct sl_db;
struct json_object;

/* Cookie names. */
#define AUTH_COOKIE "salient_session"
#define AUTH_LANG_COOKIE "salient_lang"

/* Session lifetimes (seconds): idle and absolute, staff and customers alike. */
#define AUTH_IDLE_SECONDS (2 * 3600)
#define AUTH_ABSOLUTE_SECONDS (12 * 3600)

/* Login throttle: failures counted over this window, free attempts. */
#define AUTH_THROTTLE_WINDOW 900
#define AUTH_THROTTLE_FREE 5
#define AUTH_THROTTLE_MAX 900

/* A trade-customer token's parts (AUTH_CUSTOMER_MAX, AUTH_TOKEN_MAX and the
 * types this layer shares with the pipeline are in reqtypes.h). */
#define AUTH_TRADE_MAX 160

/* Password rules. */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 200

/* ---- authtok.c (pure: no FastCGI, no database) ---- */

/*
 * base64url without padding of n bytes into dst (dstlen bytes, NUL
 * included).  Returns the text length, or 0 when dst is too small.
 */
size_t auth_b64url_encode(char *dst, size_t dstlen, const unsigned char *src, size_t n);
/*
 * Decodes base64url text (no padding, no other characters) into dst.
 * Returns the byte count, or -1 when the text is not base64url or too long.
 */
long auth_b64url_decode(unsigned char *dst, size_t dstlen, const char *src, size_t n);

/*
 * Writes the trade-customer token "customer.expiry.signature" with
 * signature = base64url(HMAC-SHA256(secret, customer "." expiry)) into buf.
 * Returns 0, or -1 when customer is empty or too long (AUTH_CUSTOMER_MAX),
 * holds a character outside printable ASCII, or buf is too small.
 */
int auth_trade_sign(char *buf, size_t len, const char *secret, const char *customer,
    long long expiry);

enum auth_trade {
	AUTH_TRADE_OK = 0,
	AUTH_TRADE_MALFORMED,      /* not customer.expiry.signature */
	AUTH_TRADE_BAD_SIGNATURE,  /* signed with another secret, or altered */
	AUTH_TRADE_EXPIRED,        /* expiry <= now */
};

/*
 * Checks a trade token against secret at time now (constant-time compare
 * of the signature).  On AUTH_TRADE_OK (and AUTH_TRADE_EXPIRED) the host
 * customer id is in customer (clen bytes) and the expiry in *expiry.
 */
enum auth_trade auth_trade_verify(const char *secret, const char *token, long long now,
    char *customer, size_t clen, long long *expiry);

/* A message for a result: "the sign-in link has expired". */
const char *auth_trade_reason(enum auth_trade r);

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

/* Whether s is a plausible e-mail address (one @, a dot after it, no spaces). */
int auth_email_ok(const char *s);

/* ---- passwords (authtok.c) ---- */

/* Argon2id string of password into out (crypto_pwhash_STRBYTES); 0 or -1. */
int auth_password_hash(char *out, size_t len, const char *password);
/* 1 when password matches the stored string, else 0 (constant time). */
int auth_password_verify(const char *stored, const char *password);
/* NULL when acceptable, else the reason ("at least 10 characters"). */
const char *auth_password_weak(const char *password);

/* ---- session.c ---- */

/*
 * Creates a session for a user or a customer (one of the ids is 0); writes
 * the new cookie value into id (AUTH_TOKEN_MAX bytes) and the session into
 * *out.  Returns 0 or -1 (database).
 */
int session_create(struct sl_db *db, long long user_id, long long customer_id,
    char *id, struct auth_session *out);
/*
 * Finds the live session of cookie value id (idle and absolute expiry
 * checked in SQL) and touches it when last seen over 30 s ago.  Returns 1
 * found, with the signed-in staff user's row {id, email, name, role, lang}
 * or customer's row {id, host_id, first_name, last_name, email,
 * smart_type} in *who (read in the same query; NULL when the user was
 * disabled or the customer is gone; free with json_object_put()), and
 * with expr (a module's customer_session_sql, or NULL) its value in *data (NULL
 * when SQL NULL; free with free()); 0 none, -1 database.
 */
int session_find(struct sl_db *db, const char *id, const char *expr,
    struct auth_session *out, struct json_object **who, char **data);
/* Deletes the session with this hash; 0 or -1. */
int session_delete(struct sl_db *db, const unsigned char hash[32]);
/* Deletes every session of a user (disabled, password changed); 0 or -1. */
int session_delete_user(struct sl_db *db, long long user_id);

/*
 * Adds Set-Cookie for the session cookie (value NULL: an expired one that
 * clears it), Path at the prefix, HttpOnly, SameSite=Lax, Secure over HTTPS.
 */
void session_cookie(struct sl_req *req, struct sl_resp *resp, const char *value);

/* ---- auth.c ---- */

/*
 * Identifies the caller (bearer token, else session cookie), fills
 * req->role and req->me, then checks the route's role.  A GET with ?token=
 * on a customer route signs the trade customer in (the answer is then a
 * redirect).  Returns 0 to go on, or -1 with the answer in resp.
 */
int auth_check(struct sl_req *req, struct sl_resp *resp);

/*
 * After the body is parsed: a POST, PUT or DELETE authenticated by a session
 * cookie must carry the session's CSRF token (form field csrf_token, or the
 * X-CSRF-Token header).  Returns 0, or -1 with a 403 in resp.
 */
int auth_csrf(struct sl_req *req, struct sl_resp *resp);

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
