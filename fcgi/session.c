/*
 * session.c - sessions in MariaDB.  The cookie holds 256 random bits
 * (base64url); the table holds their SHA-256 only, so a copy of the
 * database signs nobody in.  Idle and absolute expiry are checked in SQL
 * against the database's clock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sodium.h>

#include "core_sql.h"
#include "auth.h"
#include "config.h"
#include "context.h"
#include "reqtypes.h"
#include "router.h"
#include "salient/db.h"

/*
 * The session with the signed-in user's or customer's row, in one round
 * trip (NULL columns when the user was disabled or the customer is gone).
 * stale: last seen more than 30 s ago, so the session's clock needs moving
 * (the touch is skipped otherwise: no write on every request).  A module's
 * customer_session_sql (salient.h) is read as one more column (core_sql.h);
 * those texts are made once, by find_texts().
 */
enum { F_USER, F_CUSTOMER, F_CSRF, F_STALE, F_U = 4, F_C = 9, F_DATA = 16 };

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
	if (sl_db_exec(db, SL_SQL(core_sql, CORE_SESSION_PURGE), (long long)AUTH_IDLE_SECONDS) < 0)
		return -1;
	if (sl_db_exec(db, SL_SQL(core_sql, CORE_SESSION_CREATE), out->hash, sizeof(out->hash),
	    user_id > 0 ? uid : NULL, customer_id > 0 ? cid : NULL, out->csrf,
	    (long long)AUTH_ABSOLUTE_SECONDS) < 0)
		return -1;
	return 0;
}

/* Column col of st as a new JSON string, or NULL for SQL NULL. */
static struct json_object *col_str(struct sl_stmt *st, unsigned col)
{
	size_t n;
	const char *v = sl_stmt_str(st, col, &n);

	return v != NULL ? json_object_new_string_len(v, (int)n) : NULL;
}

/* The keys of columns from col of st in a new object, the first (the id)
 * as an integer; NULL when the id is NULL. */
static struct json_object *who_of(struct sl_stmt *st, unsigned col, const char *const *keys)
{
	struct json_object *o;
	size_t i;

	if (sl_stmt_isnull(st, col))
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, keys[0], json_object_new_int64(sl_stmt_int(st, col)));
	for (i = 1; keys[i] != NULL; i++)
		json_object_object_add(o, keys[i], col_str(st, col + (unsigned)i));
	return o;
}

/* The texts of the session query with a module's customer_session_sql, made once
 * and kept for the process's life (statements are cached by address). */
static struct {
	const char *expr;
	char *sql;
} texts[ROUTER_SESSION_SQL_MAX];
static size_t ntexts;
static pthread_once_t texts_once = PTHREAD_ONCE_INIT;

static void find_texts(void)
{
	static const char cols[] = CORE_SESSION_FIND_COLS ", (", from[] = ")" CORE_SESSION_FIND_FROM;
	const char *expr;
	size_t i, n;

	for (i = 0; sl_modules[i] != NULL && ntexts < ROUTER_SESSION_SQL_MAX; i++) {
		if ((expr = sl_modules[i]->customer_session_sql) == NULL)
			continue;
		n = strlen(cols) + strlen(expr) + strlen(from) + 1;
		if ((texts[ntexts].sql = malloc(n)) == NULL)
			return;
		snprintf(texts[ntexts].sql, n, "%s%s%s", cols, expr, from);
		texts[ntexts++].expr = expr;
	}
}

/* The session query with expr (a customer_session_sql, or NULL); NULL when
 * the text could not be made (router_check() bounds how many there are). */
static const char *find_sql(const char *expr)
{
	size_t i;

	if (expr == NULL)
		return core_sql[CORE_SESSION_FIND].sql;
	pthread_once(&texts_once, find_texts);
	for (i = 0; i < ntexts; i++)
		if (texts[i].expr == expr)
			return texts[i].sql;
	return NULL;
}

int session_find(struct sl_db *db, const char *id, const char *expr,
    struct auth_session *out, struct json_object **who, char **data)
{
	static const char *const ukeys[] = { "id", "email", "name", "role", "lang", NULL };
	static const char *const ckeys[] = { "id", "host_id", "first_name", "last_name", "email",
		"smart_type", "language", NULL };
	const char *sql = find_sql(expr), *v;
	struct sl_stmt *st;
	size_t n = id ? strlen(id) : 0;
	int found, stale = 0;

	memset(out, 0, sizeof(*out));
	*who = NULL;
	*data = NULL;
	if (n < 40 || n >= AUTH_TOKEN_MAX)
		return 0;
	auth_token_hash(out->hash, id);
	if (sql == NULL || (st = sl_db_stmt(db, sql)) == NULL ||
	    sl_stmt_exec(st, "bi", out->hash, sizeof(out->hash),
	    (long long)AUTH_IDLE_SECONDS) != 0)
		return -1;
	if ((found = sl_stmt_fetch(st)) == 1) {
		out->user_id = sl_stmt_isnull(st, F_USER) ? 0 : sl_stmt_int(st, F_USER);
		out->customer_id = sl_stmt_isnull(st, F_CUSTOMER) ? 0 : sl_stmt_int(st, F_CUSTOMER);
		v = sl_stmt_str(st, F_CSRF, NULL);
		snprintf(out->csrf, sizeof(out->csrf), "%s", v ? v : "");
		stale = sl_stmt_int(st, F_STALE) != 0;
		*who = out->user_id > 0 ? who_of(st, F_U, ukeys) : who_of(st, F_C, ckeys);
		if (expr != NULL && (v = sl_stmt_str(st, F_DATA, &n)) != NULL &&
		    (*data = strndup(v, n)) == NULL)
			found = -1;
	}
	sl_stmt_done(st);
	if (found == 1 && stale && sl_db_exec(db, SL_SQL(core_sql, CORE_SESSION_TOUCH), out->hash, sizeof(out->hash)) < 0)
		found = -1;
	if (found != 1) {
		json_object_put(*who);
		*who = NULL;
		free(*data);
		*data = NULL;
	}
	return found;
}

int session_delete(struct sl_db *db, const unsigned char hash[32])
{
	return sl_db_exec(db, SL_SQL(core_sql, CORE_SESSION_DELETE), hash, (size_t)32) < 0 ? -1 : 0;
}

int session_delete_user(struct sl_db *db, long long user_id)
{
	return sl_db_exec(db, SL_SQL(core_sql, CORE_SESSION_DELETE_USER), user_id) < 0 ? -1 : 0;
}

void session_cookie(struct sl_resp *resp, const char *value)
{
	sl_resp_cookie(resp, AUTH_COOKIE, value, value ? -1 : 0, SL_COOKIE_HTTPONLY);
}
