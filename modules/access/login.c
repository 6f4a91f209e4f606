/*
 * login.c - sign-in, sign-out and setting a password from an invitation.
 *
 * GET/POST /login: email, password, next, login_token.  Login CSRF: GET
 * sets the pre-session cookie AUTH_LOGIN_COOKIE (random, HttpOnly, kept
 * when it is already one of ours) and the form carries auth_login_token()
 * of it; a POST without the cookie, or without that token, is refused with
 * 403 before anything is read or written (no throttle count, no session),
 * so a foreign page cannot sign a browser in to an account of its choosing.
 * The core's Origin check (auth_origin()) covers the same POST as a second
 * layer.  Failures are counted per e-mail
 * and per address; after AUTH_THROTTLE_FREE failures within the window,
 * attempts wait (auth_throttle_delay()) and the answer is 429 saying how
 * long.  An unknown e-mail costs the same Argon2id work as a known one.
 * A success makes a new session (no fixation) and redirects to next (a
 * path below the prefix only) or answers {ok, me} for JSON.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "access_int.h"
#include "salient/auth.h"
#include "salient/db.h"
#include "salient/text.h"

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void dummy_init(void)
{
	char pw[AUTH_TOKEN_MAX];

	if (auth_random_token(pw, sizeof(pw), "") == 0)
		auth_password_hash(dummy_hash, sizeof(dummy_hash), pw);
}

/* next: a path below the prefix ("/admin/..."), never another site. */
static const char *safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strchr(next, '\r') || strchr(next, '\n') || strlen(next) > 1000)
		return "/admin/";
	return next;
}

/*
 * The form's token for this browser into tok (AUTH_TOKEN_MAX bytes): of its
 * AUTH_LOGIN_COOKIE, or of a new one set now when it has none of ours.
 * Returns 0 or -1.
 */
static int form_token(struct sl_req *req, struct sl_resp *resp, char *tok)
{
	const char *c = sl_req_cookie(req, AUTH_LOGIN_COOKIE);
	char fresh[AUTH_TOKEN_MAX];

	if (c != NULL && auth_login_token(tok, AUTH_TOKEN_MAX, c) == 0)
		return 0;
	if (auth_random_token(fresh, sizeof(fresh), "") != 0 ||
	    auth_login_token(tok, AUTH_TOKEN_MAX, fresh) != 0 ||
	    sl_resp_cookie(resp, AUTH_LOGIN_COOKIE, fresh, ACC_LOGIN_COOKIE_SECONDS,
	    SL_COOKIE_HTTPONLY) != 0)
		return -1;
	return 0;
}

/* The sign-in form's model; NULL when no form token could be made. */
static struct json_object *login_model(struct sl_req *req, struct sl_resp *resp,
    const char *email, const char *next)
{
	struct json_object *m;
	char tok[AUTH_TOKEN_MAX];

	if (form_token(req, resp, tok) != 0)
		return NULL;
	m = json_object_new_object();
	json_object_object_add(m, "email", json_object_new_string(email ? email : ""));
	json_object_object_add(m, "next", json_object_new_string(safe_next(next)));
	json_object_object_add(m, "login_token", json_object_new_string(tok));
	return m;
}

/*
 * A refused sign-in: JSON error (reason code, or NULL), or the form again
 * with the message.  Returns 0, or -1 (no form token: a 500).
 */
static int refuse(struct sl_req *req, struct sl_resp *resp, int status, const char *code,
    const char *msg, const char *email, const char *next)
{
	struct json_object *m;

	if (sl_req_wants_json(req)) {
		if (code != NULL)
			sl_resp_error_field(resp, status, "login_token", code, "%s", msg);
		else
			sl_resp_error(resp, status, "%s", msg);
		return 0;
	}
	if ((m = login_model(req, resp, email, next)) == NULL)
		return -1;
	json_object_object_add(m, "error", json_object_new_string(msg));
	sl_resp_status(resp, status);
	sl_resp_model(resp, m);
	return 0;
}

/* The reason code when the POST lacks this browser's form token, else NULL. */
static const char *token_refusal(const struct sl_req *req)
{
	const char *c = sl_req_cookie(req, AUTH_LOGIN_COOKIE);
	const char *t = sl_req_str(req, "login_token", NULL);

	if (c == NULL)
		return "login_cookie_missing";
	if (t == NULL || t[0] == '\0')
		return "login_token_missing";
	return auth_login_token_ok(c, t) ? NULL : "login_token_wrong";
}

int acc_login_page(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;

	if (sl_req_role(req) == SL_ROLE_AGENT || sl_req_role(req) == SL_ROLE_ADMIN) {
		if (sl_req_user_id(req) > 0 && !sl_req_wants_json(req)) {
			sl_resp_redirect(resp, safe_next(sl_req_str(req, "next", NULL)));
			return 0;
		}
	}
	if ((m = login_model(req, resp, NULL, sl_req_str(req, "next", NULL))) == NULL)
		return -1;
	if (sl_req_bool(req, "done"))
		sl_flash(m, "success", sl_req_text(req, "access.flash.password_set"));
	sl_resp_model(resp, m);
	return 0;
}

/* The failures of key (email or addr) within the window, and in *wait the
 * seconds still to wait; -1 on a database error. */
static long failures(struct sl_db *db, enum acc_sql_id q, const char *key, long *wait)
{
	struct json_object *row = NULL;
	long n, since, delay;

	if (sl_db_row(db, &row, SL_SQL(acc_sql, q), key, (long long)AUTH_THROTTLE_WINDOW) != 1)
		return -1;
	n = (long)json_object_get_int64(json_object_object_get(row, "n"));
	since = (long)json_object_get_int64(json_object_object_get(row, "since"));
	json_object_put(row);
	delay = auth_throttle_delay(n);
	*wait = delay > since ? delay - since : 0;
	return n;
}

/*
 * Records a failed sign-in; the one failure that starts the delay for the
 * account or for the address goes to the audit log (once per run of
 * failures, not once per attempt: the log is not an attacker's to fill).
 */
static int failure_add(struct sl_req *req, const char *email, const char *addr)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *a;
	long ne, na, w;

	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_FAILURE_ADD), email, addr) < 0 ||
	    (ne = failures(db, ACC_FAILURES_EMAIL, email, &w)) < 0 ||
	    (na = failures(db, ACC_FAILURES_ADDR, addr, &w)) < 0)
		return -1;
	if (ne != AUTH_THROTTLE_FREE && na != AUTH_THROTTLE_FREE)
		return 0;
	a = json_object_new_object();
	json_object_object_add(a, "email", json_object_new_string(email));
	json_object_object_add(a, "address", json_object_new_string(addr));
	json_object_object_add(a, "failures_account", json_object_new_int64(ne));
	json_object_object_add(a, "failures_address", json_object_new_int64(na));
	json_object_object_add(a, "delay_seconds", json_object_new_int64(auth_throttle_delay(
	    ne > na ? ne : na)));
	sl_audit(req, "login.throttled", email, NULL, a);
	json_object_put(a);
	return 0;
}

int acc_login(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *email = sl_req_str(req, "email", NULL);
	const char *password = sl_req_str(req, "password", NULL);
	const char *next = sl_req_str(req, "next", NULL), *addr = NULL;
	struct json_object *row = NULL, *m;
	const char *stored = NULL, *why;
	char msg[SL_TEXT_MAX], wait_s[24];
	long w1, w2, wait;
	long long id = 0;
	int found, ok, active = 0, rc = -1;

	if ((why = token_refusal(req)) != NULL)
		return refuse(req, resp, 403, why, sl_req_text(req, "access.login.expired"), email, next);
	pthread_once(&dummy_once, dummy_init);
	if (email == NULL || email[0] == '\0' || password == NULL || password[0] == '\0')
		return refuse(req, resp, 400, NULL, sl_req_text(req, "access.login.missing"), email, next);
	addr = auth_addr(req);
	if (failures(db, ACC_FAILURES_EMAIL, email, &w1) < 0 ||
	    failures(db, ACC_FAILURES_ADDR, addr, &w2) < 0)
		goto out;
	wait = w1 > w2 ? w1 : w2;
	if (wait > 0) {
		snprintf(wait_s, sizeof(wait_s), "%ld", wait);
		sl_req_textf(req, msg, sizeof(msg), "access.login.throttled", "seconds", wait_s, NULL);
		sl_resp_header(resp, "Retry-After", wait_s);
		rc = refuse(req, resp, 429, NULL, msg, email, next);
		goto out;
	}
	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_USER_BY_EMAIL), email)) < 0)
		goto out;
	if (found) {
		id = json_object_get_int64(json_object_object_get(row, "id"));
		active = json_object_get_int(json_object_object_get(row, "active"));
		stored = json_object_get_string(json_object_object_get(row, "password_hash"));
	}
	/* the same work whether or not the user exists */
	ok = auth_password_verify(stored && stored[0] ? stored : dummy_hash, password);
	if (!found || !active || stored == NULL || !ok) {
		if (failure_add(req, email, addr) < 0)
			goto out;
		rc = refuse(req, resp, 401, NULL, sl_req_text(req, "access.login.wrong"), email, next);
		goto out;
	}
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_FAILURES_CLEAR), email) < 0 ||
	    sl_db_exec(db, SL_SQL(acc_sql, ACC_LOGGED_IN), id) < 0 ||
	    auth_login(req, resp, id) != 0)
		goto out;
	if (sl_req_wants_json(req)) {
		m = json_object_new_object();
		json_object_object_add(m, "ok", json_object_new_boolean(1));
		json_object_object_add(m, "user", json_object_get(sl_req_me(req)));
		sl_resp_model(resp, m);
	} else {
		sl_resp_redirect(resp, safe_next(next));
	}
	rc = 0;
out:
	json_object_put(row);
	return rc;
}

int acc_logout(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;

	if (auth_logout(req, resp) != 0)
		return -1;
	if (sl_req_wants_json(req)) {
		m = json_object_new_object();
		json_object_object_add(m, "ok", json_object_new_boolean(1));
		sl_resp_model(resp, m);
	} else {
		sl_resp_redirect(resp, "/login");
	}
	return 0;
}

/* The invited user for token, 1 found (row in *out), 0 none, -1 database. */
static int invite_find(struct sl_db *db, const char *token, unsigned char hash[32],
    struct json_object **out)
{
	*out = NULL;
	if (token == NULL || strlen(token) < 20 || strlen(token) >= AUTH_TOKEN_MAX)
		return 0;
	auth_token_hash(hash, token);
	return sl_db_row(db, out, SL_SQL(acc_sql, ACC_INVITE_FIND), hash, (size_t)32);
}

int acc_password_page(struct sl_req *req, struct sl_resp *resp)
{
	const char *token = sl_req_str(req, "invite", NULL);
	struct json_object *row = NULL, *m;
	unsigned char hash[32];
	int found;

	if ((found = invite_find(sl_req_db(req), token, hash, &row)) < 0)
		return -1;
	if (!found) {
		sl_resp_error_field(resp, 400, "invite", "invite_invalid", "%s",
		    sl_req_text(req, "access.invite.invalid"));
		return 0;
	}
	m = json_object_new_object();
	json_object_object_add(m, "invite", json_object_new_string(token));
	json_object_object_add(m, "email", json_object_get(json_object_object_get(row, "email")));
	json_object_object_add(m, "name", json_object_get(json_object_object_get(row, "name")));
	json_object_put(row);
	sl_resp_model(resp, m);
	return 0;
}

/*
 * Why a new password is refused: a reason code with its message in msg (the
 * user's language), or NULL when it is acceptable (auth_password_weak()'s
 * rules; pw2, when sent, must be the same).
 */
static const char *password_refusal(const struct sl_req *req, const char *pw, const char *pw2,
    char *msg, size_t len)
{
	char n[24];

	if (auth_password_weak(pw) != NULL) {
		if (pw == NULL || strlen(pw) < AUTH_PASSWORD_MIN) {
			snprintf(n, sizeof(n), "%d", AUTH_PASSWORD_MIN);
			sl_req_textf(req, msg, len, "access.password.too_short", "min", n, NULL);
			return "too_short";
		}
		snprintf(n, sizeof(n), "%d", AUTH_PASSWORD_MAX);
		sl_req_textf(req, msg, len, "access.password.too_long", "max", n, NULL);
		return "too_long";
	}
	if (pw2 != NULL && strcmp(pw, pw2) != 0) {
		snprintf(msg, len, "%s", sl_req_text(req, "access.password.mismatch"));
		return "mismatch";
	}
	return NULL;
}

int acc_password_set(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *token = sl_req_str(req, "invite", NULL), *pw = sl_req_str(req, "password", NULL);
	const char *pw2 = sl_req_str(req, "password2", NULL), *weak;
	struct json_object *row = NULL, *m;
	char hashed[crypto_pwhash_STRBYTES], idtext[24], msg[SL_TEXT_MAX];
	unsigned char hash[32];
	long long id;
	int found, rc = -1;

	if ((found = invite_find(db, token, hash, &row)) < 0)
		return -1;
	if (!found) {
		sl_resp_error_field(resp, 400, "invite", "invite_invalid", "%s",
		    sl_req_text(req, "access.invite.invalid"));
		return 0;
	}
	if ((weak = password_refusal(req, pw, pw2, msg, sizeof(msg))) != NULL) {
		if (sl_req_wants_json(req)) {
			sl_resp_error_field(resp, 400, "password", weak, "%s", msg);
		} else {
			m = json_object_new_object();
			json_object_object_add(m, "invite", json_object_new_string(token));
			json_object_object_add(m, "email", json_object_get(json_object_object_get(row, "email")));
			json_object_object_add(m, "error", json_object_new_string(msg));
			sl_resp_status(resp, 400);
			sl_resp_model(resp, m);
		}
		rc = 0;
		goto out;
	}
	id = json_object_get_int64(json_object_object_get(row, "id"));
	if (auth_password_hash(hashed, sizeof(hashed), pw) != 0)
		goto out;
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_PASSWORD_SET), hashed, id, hash, sizeof(hash)) < 0 ||
	    session_delete_user(db, id) != 0)
		goto out;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	m = json_object_new_object();
	json_object_object_add(m, "email", json_object_get(json_object_object_get(row, "email")));
	sl_audit(req, "user.password_set", idtext, NULL, m);
	if (sl_req_wants_json(req)) {
		json_object_object_add(m, "ok", json_object_new_boolean(1));
		sl_resp_model(resp, m);
	} else {
		json_object_put(m);
		sl_resp_redirect(resp, "/login?done=1");
	}
	rc = 0;
out:
	json_object_put(row);
	return rc;
}
