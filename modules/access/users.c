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
#include "auth.h"
#include "salient/cli.h"
#include "salient/db.h"

static const char sql_list[] =
    "SELECT id, email, name, role, lang, active, "
    "(password_hash IS NULL AND invite_hash IS NOT NULL) AS invited, "
    "created_at, last_login_at FROM users ORDER BY active DESC, email";
static const char sql_one[] =
    "SELECT id, email, name, role, lang, active FROM users WHERE id = ?";
static const char sql_email_taken[] = "SELECT id FROM users WHERE email = ?";
static const char sql_create[] =
    "INSERT INTO users (email, name, role, lang, active) VALUES (?, ?, ?, ?, 1)";
static const char sql_invite[] =
    "UPDATE users SET invite_hash = ?, invite_expires = NOW() + INTERVAL ? SECOND WHERE id = ?";
static const char sql_update[] =
    "UPDATE users SET name = ?, role = ?, lang = ?, active = ? WHERE id = ?";
static const char sql_other_admins[] =
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND id <> ?";
static const char sql_end_sessions[] = "DELETE FROM sessions WHERE user_id = ?";

static const char *const snapshot[] = { "email", "name", "role", "lang", "active", NULL };

int acc_invite(struct sl_db *db, long long id, char *token)
{
	unsigned char hash[32];

	if (auth_random_token(token, AUTH_TOKEN_MAX, "") != 0)
		return -1;
	auth_token_hash(hash, token);
	return sl_db_exec(db, sql_invite, "bii", hash, sizeof(hash),
	    (long long)ACC_INVITE_SECONDS, id) < 0 ? -1 : 0;
}

static int valid_role(const char *r)
{
	return r != NULL && (strcmp(r, "admin") == 0 || strcmp(r, "agent") == 0);
}

static int valid_lang(const char *l)
{
	return l != NULL && (strcmp(l, "en") == 0 || strcmp(l, "da") == 0 || strcmp(l, "ru") == 0);
}

/* The page's model with the list of users; NULL on a database error. */
static struct json_object *users_model(struct sl_req *req)
{
	struct json_object *m, *rows, *u;
	size_t i;

	if ((rows = sl_db_rows(sl_req_db(req), sql_list, "")) == NULL)
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

int acc_user_create(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *email = sl_req_field(req, "email"), *name = sl_req_field(req, "name");
	const char *role = sl_req_field(req, "role"), *lang = sl_req_field(req, "lang");
	struct json_object *row = NULL, *m = NULL, *after;
	char token[AUTH_TOKEN_MAX], idtext[24];
	long long id;
	int found;

	if (!auth_email_ok(email)) {
		sl_resp_error(resp, 400, "email: expected an e-mail address like name@example.com");
		return 0;
	}
	if (role == NULL || role[0] == '\0')
		role = "agent";
	if (!valid_role(role)) {
		sl_resp_error(resp, 400, "role: expected admin or agent");
		return 0;
	}
	if (lang != NULL && lang[0] != '\0' && !valid_lang(lang)) {
		sl_resp_error(resp, 400, "lang: expected en, da or ru");
		return 0;
	}
	if (name != NULL && strlen(name) > 100) {
		sl_resp_error(resp, 400, "name: at most 100 characters");
		return 0;
	}
	if ((found = sl_db_row(db, &row, sql_email_taken, "s", email)) < 0)
		return -1;
	json_object_put(row);
	if (found) {
		sl_resp_error(resp, 409, "email: a user with this address exists already");
		return 0;
	}
	if (sl_db_exec(db, sql_create, "ssss", email, name ? name : "", role,
	    lang && lang[0] ? lang : NULL) < 0)
		return -1;
	if (sl_db_row(db, &row, sql_email_taken, "s", email) != 1)
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
	const char *name = sl_req_field(req, "name"), *role = sl_req_field(req, "role");
	const char *lang = sl_req_field(req, "lang"), *active_s = sl_req_field(req, "active");
	struct json_object *row = NULL, *other = NULL, *before = NULL, *after = NULL, *m;
	char idtext[24];
	long long id;
	int found, active, was_admin, rc = -1;

	if (acc_id(req, resp, "id", &id) != 0)
		return 0;
	if ((found = sl_db_row(db, &row, sql_one, "i", id)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no user %lld", id);
		return 0;
	}
	before = acc_pick(row, snapshot);
	was_admin = strcmp(json_object_get_string(json_object_object_get(row, "role")), "admin") == 0;
	active = json_object_get_int(json_object_object_get(row, "active"));
	if (name == NULL)
		name = json_object_get_string(json_object_object_get(row, "name"));
	if (role == NULL || role[0] == '\0')
		role = json_object_get_string(json_object_object_get(row, "role"));
	if (lang == NULL)
		lang = json_object_get_string(json_object_object_get(row, "lang"));
	if (strlen(name) > 100) {
		sl_resp_error(resp, 400, "name: at most 100 characters");
		rc = 0;
		goto out;
	}
	if (!valid_role(role)) {
		sl_resp_error(resp, 400, "role: expected admin or agent");
		rc = 0;
		goto out;
	}
	if (lang != NULL && lang[0] != '\0' && !valid_lang(lang)) {
		sl_resp_error(resp, 400, "lang: expected en, da or ru");
		rc = 0;
		goto out;
	}
	if (active_s != NULL) {
		if (strcmp(active_s, "1") == 0 || strcmp(active_s, "true") == 0)
			active = 1;
		else if (strcmp(active_s, "0") == 0 || strcmp(active_s, "false") == 0)
			active = 0;
		else {
			sl_resp_error(resp, 400, "active: expected 1 or 0");
			rc = 0;
			goto out;
		}
	}
	if (was_admin && (!active || strcmp(role, "admin") != 0)) {
		if (sl_db_row(db, &other, sql_other_admins, "i", id) != 1)
			goto out;
		if (json_object_get_int64(json_object_object_get(other, "n")) == 0) {
			sl_resp_error(resp, 409, "this is the last active admin: make another user "
			    "admin first");
			rc = 0;
			goto out;
		}
	}
	if (sl_db_exec(db, sql_update, "sssii", name, role, lang && lang[0] ? lang : NULL,
	    (long long)active, id) < 0)
		goto out;
	if (!active && sl_db_exec(db, sql_end_sessions, "i", id) < 0)
		goto out;
	json_object_put(row);
	row = NULL;
	if (sl_db_row(db, &row, sql_one, "i", id) != 1)
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
	long long id;
	int found;

	if (acc_id(req, resp, "id", &id) != 0)
		return 0;
	if ((found = sl_db_row(db, &row, sql_one, "i", id)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no user %lld", id);
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
