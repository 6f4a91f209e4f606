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
 * The parts modules use (passwords, tokens, the throttle, sign-in and
 * sign-out, the audit row) are salient/auth.h; this header adds the
 * pipeline's.
 *
 * Secrets never stored in clear: session ids and API tokens are kept as
 * SHA-256 hashes, passwords as Argon2id strings (crypto_pwhash_str).
 */
#ifndef SALIENT_AUTH_H
#define SALIENT_AUTH_H

#include <stddef.h>

#include "reqtypes.h"
#include "salient/auth.h"
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

/*
 * Adds Set-Cookie for the session cookie (value NULL: an expired one that
 * clears it) through sl_resp_cookie() (fcgi/cookie.c): Path at the prefix,
 * HttpOnly, SameSite=Lax, Secure over HTTPS.
 */
void session_cookie(struct sl_resp *resp, const char *value);

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
 * Before the body is read: a POST, PUT, PATCH or DELETE that carries the
 * session cookie or the sign-in form's cookie (AUTH_LOGIN_COOKIE) must come
 * from this site by its Origin, else its Referer (fcgi/origin.h; neither is
 * let through, for old clients).  A bearer token without cookies is exempt.
 * Returns 0, or -1 with a 403 foreign_origin in resp.
 */
int auth_origin(struct sl_req *req, struct sl_resp *resp);

#endif
