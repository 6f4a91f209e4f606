/*
 * session.c - sessions in MariaDB.  The cookie holds 256 random bits
 * (base64url); the table holds their SHA-256 only, so a copy of the
 * database signs nobody in.  Idle and absolute expiry are checked in SQL
 * against the database's clock.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "request.h"
#include "salient/db.h"

static const char sql_create[] =
    "INSERT INTO sessions (id_hash, user_id, customer_id, csrf_token, created_at, "
    "last_seen_at, expires_at) VALUES (?, ?, ?, ?, NOW(), NOW(), NOW() + INTERVAL ? SECOND)";
static const char sql_purge[] =
    "DELETE FROM sessions WHERE expires_at < NOW() OR last_seen_at < NOW() - INTERVAL ? SECOND "
    "LIMIT 200";
/* stale: last seen more than 30 s ago, so the session's clock needs moving
 * (the touch is skipped otherwise: no write on every request) */
/* with the signed-in user's or customer's row (one round trip; NULL
 * columns when the user was disabled or the customer is gone) */
static const char sql_find[] =
    "SELECT s.user_id, s.customer_id, s.csrf_token, "
    "(s.last_seen_at < NOW() - INTERVAL 30 SECOND) AS stale, "
    "u.id AS u_id, u.email AS u_email, u.name AS u_name, u.role AS u_role, u.lang AS u_lang, "
    "c.id AS c_id, c.host_id AS c_host_id, c.first_name AS c_first_name, "
    "c.last_name AS c_last_name, c.email AS c_email, c.smart_type AS c_smart_type "
    "FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1 "
    "LEFT JOIN customers c ON c.id = s.customer_id AND c.placeholder = 0 "
    "WHERE s.id_hash = ? AND s.expires_at > NOW() AND s.last_seen_at > NOW() - INTERVAL ? SECOND";
static const char sql_touch[] =
    "UPDATE sessions SET last_seen_at = NOW() WHERE id_hash = ? "
    "AND last_seen_at < NOW() - INTERVAL 30 SECOND";
static const char sql_delete[] = "DELETE FROM sessions WHERE id_hash = ?";
static const char sql_delete_user[] = "DELETE FROM sessions WHERE user_id = ?";

int session_create(struct sl_db *db, long long user_id, long long customer_id,
    char *id, struct auth_session *out)
{
	char uid[24], cid[24];

	memset(out, 0, sizeof(*out));
	snprintf(uid, sizeof(uid), "%lld", user_id);
	snprintf(cid, sizeof(cid), "%lld", customer_id);
	if (auth_random_token(id, AUTH_TOKEN_MAX, "") != 0 ||
	    auth_random_token(out->csrf, sizeof(out->csrf), "") != 0)
		return -1;
	auth_token_hash(out->hash, id);
	out->user_id = user_id;
	out->customer_id = customer_id;
	if (sl_db_exec(db, sql_purge, "i", (long long)AUTH_IDLE_SECONDS) < 0)
		return -1;
	if (sl_db_exec(db, sql_create, "bsssi", out->hash, sizeof(out->hash),
	    user_id > 0 ? uid : NULL, customer_id > 0 ? cid : NULL, out->csrf,
	    (long long)AUTH_ABSOLUTE_SECONDS) < 0)
		return -1;
	return 0;
}

/* The columns of row named prefix + key, copied into a new object with
 * the keys alone; NULL when the first (the id) is NULL. */
static struct json_object *who_of(struct json_object *row, const char *prefix,
    const char *const *keys)
{
	struct json_object *o, *v;
	char name[64];
	size_t i;

	snprintf(name, sizeof(name), "%s%s", prefix, keys[0]);
	if (!json_object_object_get_ex(row, name, &v) || v == NULL)
		return NULL;
	o = json_object_new_object();
	for (i = 0; keys[i] != NULL; i++) {
		snprintf(name, sizeof(name), "%s%s", prefix, keys[i]);
		json_object_object_get_ex(row, name, &v);
		json_object_object_add(o, keys[i], json_object_get(v));
	}
	return o;
}

int session_find(struct sl_db *db, const char *id, struct auth_session *out,
    struct json_object **who)
{
	static const char *const ukeys[] = { "id", "email", "name", "role", "lang", NULL };
	static const char *const ckeys[] = { "id", "host_id", "first_name", "last_name", "email",
		"smart_type", NULL };
	struct json_object *row = NULL, *v;
	size_t n = id ? strlen(id) : 0;
	int found, stale = 0;

	memset(out, 0, sizeof(*out));
	*who = NULL;
	if (n < 40 || n >= AUTH_TOKEN_MAX)
		return 0;
	auth_token_hash(out->hash, id);
	found = sl_db_row(db, &row, sql_find, "bi", out->hash, sizeof(out->hash),
	    (long long)AUTH_IDLE_SECONDS);
	if (found <= 0)
		return found;
	if (json_object_object_get_ex(row, "user_id", &v) && v != NULL)
		out->user_id = json_object_get_int64(v);
	if (json_object_object_get_ex(row, "customer_id", &v) && v != NULL)
		out->customer_id = json_object_get_int64(v);
	if (json_object_object_get_ex(row, "csrf_token", &v) && v != NULL)
		snprintf(out->csrf, sizeof(out->csrf), "%s", json_object_get_string(v));
	if (json_object_object_get_ex(row, "stale", &v) && v != NULL)
		stale = json_object_get_int(v) != 0;
	*who = out->user_id > 0 ? who_of(row, "u_", ukeys) : who_of(row, "c_", ckeys);
	json_object_put(row);
	if (stale && sl_db_exec(db, sql_touch, "b", out->hash, sizeof(out->hash)) < 0) {
		json_object_put(*who);
		*who = NULL;
		return -1;
	}
	return 1;
}

int session_delete(struct sl_db *db, const unsigned char hash[32])
{
	return sl_db_exec(db, sql_delete, "b", hash, (size_t)32) < 0 ? -1 : 0;
}

int session_delete_user(struct sl_db *db, long long user_id)
{
	return sl_db_exec(db, sql_delete_user, "i", user_id) < 0 ? -1 : 0;
}

void session_cookie(struct sl_req *req, struct sl_resp *resp, const char *value)
{
	const char *prefix = req->tc->app->conf->prefix;
	char line[512];

	snprintf(line, sizeof(line), "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s",
	    AUTH_COOKIE, value ? value : "", prefix[0] ? prefix : "/",
	    value ? "" : "; Max-Age=0", req->https ? "; Secure" : "");
	sl_resp_header(resp, "Set-Cookie", line);
}
