/*
 * users.c - the staff users page (admin only): list, invite, change role,
 * name and language, disable and enable, send a new invitation.  View
 * model (also the JSON API):
 *
 *   users     [{id, email, name, role, is_admin, lang, active, invited,
 *               created_at, last_login_at}]
 *   created   {email, invite_url, invite_expires} after an invitation (the
 *             link is shown once)
 *   flash     [{kind, text}]
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "salient/auth.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/text.h"

static const char *const snapshot[] = { "email", "name", "role", "lang", "active", NULL };

int acc_invite(struct sl_db *db, long long id, char *token)
{
	unsigned char hash[32];

	if (auth_random_token(token, AUTH_TOKEN_MAX, "") != 0)
		return -1;
	auth_token_hash(hash, token);
	return sl_db_exec(db, SL_SQL(acc_sql, ACC_USER_INVITE), hash, sizeof(hash),
	    (long long)ACC_INVITE_SECONDS, id) < 0 ? -1 : 0;
}

/* The page's model with the list of users; NULL on a database error. */
static struct json_object *users_model(struct sl_req *req)
{
	struct json_object *m, *rows, *u;
	size_t i;

	if ((rows = sl_db_rows(sl_req_db(req), SL_SQL(acc_sql, ACC_USER_LIST))) == NULL)
		return NULL;
	for (i = 0; i < json_object_array_length(rows); i++) {
		const char *role;

		u = json_object_array_get_idx(rows, i);
		role = json_object_get_string(json_object_object_get(u, "role"));
		json_object_object_add(u, "is_admin", json_object_new_boolean(role && strcmp(role, "admin") == 0));
		json_object_object_add(u, "active", json_object_new_boolean(
		    json_object_get_int(json_object_object_get(u, "active"))));
		json_object_object_add(u, "invited", json_object_new_boolean(
		    json_object_get_int(json_object_object_get(u, "invited"))));
		json_object_object_add(u, "is_me", json_object_new_boolean(
		    json_object_get_int64(json_object_object_get(u, "id")) == sl_req_user_id(req)));
	}
	m = json_object_new_object();
	json_object_object_add(m, "users", rows);
	return m;
}

int acc_users(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = users_model(req);

	if (m == NULL)
		return -1;
	sl_resp_model(resp, m);
	return 0;
}

/* The invitation link for token: base_url + prefix + /password?invite=. */
static void invite_url(struct json_object *m, const char *token)
{
	struct json_object *c = json_object_new_object();
	char url[512];

	snprintf(url, sizeof(url), "/password?invite=%s", token);
	json_object_object_add(c, "invite_path", json_object_new_string(url));
	json_object_object_add(c, "invite_token", json_object_new_string(token));
	json_object_object_add(c, "invite_hours", json_object_new_int(ACC_INVITE_SECONDS / 3600));
	json_object_object_add(m, "created", c);
}

/* 404: there is no user id. */
static void user_not_found(const struct sl_req *req, struct sl_resp *resp, long long id)
{
	char idtext[24], msg[SL_TEXT_MAX];

	snprintf(idtext, sizeof(idtext), "%lld", id);
	sl_resp_error(resp, 404, "%s", sl_req_textf(req, msg, sizeof(msg), "access.user.not_found",
	    "id", idtext, NULL));
}

int acc_user_create(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *email = sl_req_str(req, "email", NULL), *name = sl_req_str(req, "name", NULL);
	const char *role = sl_req_str(req, "role", NULL), *lang = sl_req_str(req, "lang", NULL);
	struct json_object *row = NULL, *m = NULL, *after;
	char token[AUTH_TOKEN_MAX], idtext[24];
	long long id;
	int found;

	if (!auth_email_ok(email)) {
		sl_resp_error_field(resp, 400, "email", "email", "%s",
		    sl_req_text(req, "access.user.email_invalid"));
		return 0;
	}
	if (role == NULL)
		role = "agent";
	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_EMAIL_TAKEN), email)) < 0)
		return -1;
	json_object_put(row);
	if (found) {
		sl_resp_error_field(resp, 409, "email", "taken", "%s",
		    sl_req_text(req, "access.user.email_taken"));
		return 0;
	}
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_USER_CREATE), email, name ? name : "",
	    role, lang) < 0)
		return -1;
	if (sl_db_row(db, &row, SL_SQL(acc_sql, ACC_EMAIL_TAKEN), email) != 1)
		return -1;
	id = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	if (acc_invite(db, id, token) != 0)
		return -1;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "email", json_object_new_string(email));
	json_object_object_add(after, "name", json_object_new_string(name ? name : ""));
	json_object_object_add(after, "role", json_object_new_string(role));
	json_object_object_add(after, "active", json_object_new_boolean(1));
	sl_audit(req, "user.create", idtext, NULL, after);
	json_object_put(after);
	if ((m = users_model(req)) == NULL)
		return -1;
	invite_url(m, token);
	json_object_object_add(json_object_object_get(m, "created"), "email", json_object_new_string(email));
	json_object_object_add(json_object_object_get(m, "created"), "id", json_object_new_int64(id));
	sl_flash(m, "success", sl_req_text(req, "access.flash.invited"));
	sl_resp_status(resp, 201);
	sl_resp_model(resp, m);
	return 0;
}

int acc_user_update(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *name = sl_req_str(req, "name", NULL), *role = sl_req_str(req, "role", NULL);
	const char *lang = sl_req_str(req, "lang", NULL);
	long long id = (long long)sl_req_uint(req, "id", 0);
	struct json_object *row = NULL, *other = NULL, *before = NULL, *after = NULL, *m;
	char idtext[24];
	int found, active, was_admin, rc = -1;

	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_USER_ONE), id)) < 0)
		return -1;
	if (!found) {
		user_not_found(req, resp, id);
		return 0;
	}
	before = acc_pick(row, snapshot);
	was_admin = strcmp(json_object_get_string(json_object_object_get(row, "role")), "admin") == 0;
	active = json_object_get_int(json_object_object_get(row, "active"));
	if (name == NULL)
		name = json_object_get_string(json_object_object_get(row, "name"));
	if (role == NULL)
		role = json_object_get_string(json_object_object_get(row, "role"));
	if (lang == NULL && !sl_req_null(req, "lang"))
		lang = json_object_get_string(json_object_object_get(row, "lang"));
	if (sl_req_has(req, "active"))
		active = sl_req_bool(req, "active");
	if (was_admin && (!active || strcmp(role, "admin") != 0)) {
		if (sl_db_row(db, &other, SL_SQL(acc_sql, ACC_OTHER_ADMINS), id) != 1)
			goto out;
		if (json_object_get_int64(json_object_object_get(other, "n")) == 0) {
			sl_resp_fail(req, resp, 409, "last_admin", "access.user.last_admin", NULL);
			rc = 0;
			goto out;
		}
	}
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_USER_UPDATE), name, role,
	    lang && lang[0] ? lang : NULL,
	    (long long)active, id) < 0)
		goto out;
	/* a user disabled or given another role is signed out everywhere: a
	   session made for one role never carries another */
	if ((!active || strcmp(role, json_object_get_string(json_object_object_get(row, "role"))) != 0) &&
	    session_delete_user(db, id) != 0)
		goto out;
	json_object_put(row);
	row = NULL;
	if (sl_db_row(db, &row, SL_SQL(acc_sql, ACC_USER_ONE), id) != 1)
		goto out;
	after = acc_pick(row, snapshot);
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (!json_object_equal(before, after))
		sl_audit(req, "user.update", idtext, before, after);
	if ((m = users_model(req)) == NULL)
		goto out;
	sl_flash(m, "success", sl_req_text(req, "access.flash.user_saved"));
	json_object_object_add(m, "user", json_object_get(row));
	sl_resp_model(resp, m);
	rc = 0;
out:
	json_object_put(row);
	json_object_put(other);
	json_object_put(before);
	json_object_put(after);
	return rc;
}

int acc_user_reinvite(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *m, *after;
	char token[AUTH_TOKEN_MAX], idtext[24];
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_USER_ONE), id)) < 0)
		return -1;
	if (!found) {
		user_not_found(req, resp, id);
		return 0;
	}
	if (acc_invite(db, id, token) != 0) {
		json_object_put(row);
		return -1;
	}
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "invite_hours", json_object_new_int(ACC_INVITE_SECONDS / 3600));
	sl_audit(req, "user.invite", idtext, NULL, after);
	json_object_put(after);
	if ((m = users_model(req)) == NULL) {
		json_object_put(row);
		return -1;
	}
	invite_url(m, token);
	json_object_object_add(json_object_object_get(m, "created"), "email",
	    json_object_get(json_object_object_get(row, "email")));
	json_object_object_add(json_object_object_get(m, "created"), "id", json_object_new_int64(id));
	sl_flash(m, "success", sl_req_text(req, "access.flash.reset_link"));
	json_object_put(row);
	sl_resp_model(resp, m);
	return 0;
}
