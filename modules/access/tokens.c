/*
 * tokens.c - API tokens (admin only): list, create (the token is shown
 * once; only its SHA-256 is stored), revoke.  View model:
 *
 *   tokens    [{id, name, scope, prefix, created_at, last_used_at,
 *               revoked_at, active}]
 *   created   {id, name, scope, token} right after creating one
 *   scopes    ["import", "read", "admin"]
 *   scope_choices [{value, label}] the same with their words, for the form
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "salient/auth.h"
#include "salient/db.h"
#include "salient/text.h"

int acc_token_create(struct sl_db *db, const char *name, const char *scope,
    long long created_by, char *token, long long *id)
{
	struct json_object *row = NULL;
	unsigned char hash[32];
	char prefix[16], by[24];

	if (auth_random_token(token, AUTH_TOKEN_MAX, "slt_") != 0)
		return -1;
	auth_token_hash(hash, token);
	snprintf(prefix, sizeof(prefix), "%.10s", token);
	snprintf(by, sizeof(by), "%lld", created_by);
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_TOKEN_CREATE), name, scope, hash, sizeof(hash), prefix,
	    created_by > 0 ? by : NULL) < 0)
		return -1;
	if (sl_db_row(db, &row, SL_SQL(acc_sql, ACC_TOKEN_BY_HASH), hash, sizeof(hash)) != 1)
		return -1;
	*id = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	return 0;
}

static struct json_object *tokens_model(struct sl_req *req)
{
	static const char *const scope_names[] = { "import", "read", "admin" };
	struct json_object *m, *rows, *scopes, *choices, *t, *c;
	const char *scope;
	size_t i;

	if ((rows = sl_db_rows(sl_req_db(req), SL_SQL(acc_sql, ACC_TOKEN_LIST))) == NULL)
		return NULL;
	for (i = 0; i < json_object_array_length(rows); i++) {
		t = json_object_array_get_idx(rows, i);
		json_object_object_add(t, "active", json_object_new_boolean(
		    json_object_object_get(t, "revoked_at") == NULL));
		scope = json_object_get_string(json_object_object_get(t, "scope"));
		json_object_object_add(t, "scope_text", json_object_new_string(
		    sl_req_text_of(req, "access.scope.", scope ? scope : "")));
	}
	/* the codes for the API, and each with its words for the form */
	scopes = json_object_new_array();
	choices = json_object_new_array();
	for (i = 0; i < sizeof(scope_names) / sizeof(scope_names[0]); i++) {
		json_object_array_add(scopes, json_object_new_string(scope_names[i]));
		c = json_object_new_object();
		json_object_object_add(c, "value", json_object_new_string(scope_names[i]));
		json_object_object_add(c, "label", json_object_new_string(
		    sl_req_text_of(req, "access.scope.", scope_names[i])));
		json_object_array_add(choices, c);
	}
	m = json_object_new_object();
	json_object_object_add(m, "tokens", rows);
	json_object_object_add(m, "scopes", scopes);
	json_object_object_add(m, "scope_choices", choices);
	return m;
}

int acc_tokens(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = tokens_model(req);

	if (m == NULL)
		return -1;
	sl_resp_model(resp, m);
	return 0;
}

int acc_token_new(struct sl_req *req, struct sl_resp *resp)
{
	const char *name = sl_req_str(req, "name", NULL), *scope = sl_req_str(req, "scope", NULL);
	struct json_object *m, *c, *after;
	char token[AUTH_TOKEN_MAX], idtext[24];
	long long id;

	if (acc_token_create(sl_req_db(req), name, scope, sl_req_user_id(req), token, &id) != 0)
		return -1;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "name", json_object_new_string(name));
	json_object_object_add(after, "scope", json_object_new_string(scope));
	sl_audit(req, "token.create", idtext, NULL, after);
	json_object_put(after);
	if ((m = tokens_model(req)) == NULL)
		return -1;
	c = json_object_new_object();
	json_object_object_add(c, "id", json_object_new_int64(id));
	json_object_object_add(c, "name", json_object_new_string(name));
	json_object_object_add(c, "scope", json_object_new_string(scope));
	json_object_object_add(c, "token", json_object_new_string(token));
	json_object_object_add(m, "created", c);
	sl_flash(m, "success", sl_req_text(req, "access.flash.token_created"));
	sl_resp_status(resp, 201);
	sl_resp_model(resp, m);
	return 0;
}

int acc_token_revoke(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *m, *before, *after;
	char idtext[24], msg[SL_TEXT_MAX];
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_TOKEN_ONE), id)) < 0)
		return -1;
	if (!found) {
		snprintf(idtext, sizeof(idtext), "%lld", id);
		sl_resp_error(resp, 404, "%s", sl_req_textf(req, msg, sizeof(msg),
		    "access.token.not_found", "id", idtext, NULL));
		return 0;
	}
	if (json_object_object_get(row, "revoked_at") == NULL) {
		if (sl_db_exec(db, SL_SQL(acc_sql, ACC_TOKEN_REVOKE), id) < 0) {
			json_object_put(row);
			return -1;
		}
		snprintf(idtext, sizeof(idtext), "%lld", id);
		before = json_object_new_object();
		json_object_object_add(before, "name", json_object_get(json_object_object_get(row, "name")));
		json_object_object_add(before, "scope", json_object_get(json_object_object_get(row, "scope")));
		json_object_object_add(before, "active", json_object_new_boolean(1));
		after = json_object_new_object();
		json_object_object_add(after, "active", json_object_new_boolean(0));
		sl_audit(req, "token.revoke", idtext, before, after);
		json_object_put(before);
		json_object_put(after);
	}
	json_object_put(row);
	if ((m = tokens_model(req)) == NULL)
		return -1;
	sl_flash(m, "success", sl_req_text(req, "access.flash.token_revoked"));
	sl_resp_model(resp, m);
	return 0;
}
