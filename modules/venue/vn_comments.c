/*
 * vn_comments.c - staff comments on a production's (or event's) sales
 * dashboard, as on a customer (who, when, text), and the segment filter
 * kept per user:
 *
 *   POST /admin/venue/productions/{id}/comments   form text, event: 303 back
 *   POST /api/v1/venue/productions/{id}/comments  JSON {"text", "event"}: 201
 *   POST /admin/venue/trajectory/filter           form seg_<name> ticks,
 *        production, event: saved for the signed-in user, 303 back
 *
 * text: 1 to VN_COMMENT_MAX characters after trimming white space (422
 * else); the author is the user's name, else e-mail, else the API token's
 * name.  Audited as venue.comment.
 */
#include <stdio.h>
#include <string.h>

#include "salient/input.h"
#include "vn_int.h"

#define VN_COMMENT_MAX 2000

int vn_comments_model(struct sl_req *req, struct json_object *m, long long prod, long long ev)
{
	struct json_object *rows = sl_db_rows(sl_req_db(req), SL_SQL(vn_sql, VN_COMMENTS), prod, ev);

	if (rows == NULL)
		return -1;
	sl_model_put(m, "comments", rows);
	return 0;
}

static const char *me_str(struct sl_req *req, const char *key)
{
	struct json_object *v = json_object_object_get(sl_req_me(req), key);

	return v != NULL && json_object_get_string_len(v) > 0 ? json_object_get_string(v) : NULL;
}

int vn_comment_add(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *text = sl_req_str(req, "text", NULL), *who;
	long long id = (long long)sl_req_uint(req, "id", 0), ev = (long long)sl_req_uint(req,
	    "event", 0), uid = sl_req_user_id(req), cid = 0;
	struct json_object *m = json_object_new_object(), *after;
	char author[256], uidtext[24], body[VN_COMMENT_MAX * 4 + 1], idtext[24], path[96];
	size_t b = 0, e = text ? strlen(text) : 0, i, chars = 0;
	int found;

	while (b < e && strchr(" \t\r\n", text[b]) != NULL)
		b++;
	while (e > b && strchr(" \t\r\n", text[e - 1]) != NULL)
		e--;
	for (i = b; i < e; i++)
		chars += ((unsigned char)text[i] & 0xC0) != 0x80;
	if (e == b || chars > VN_COMMENT_MAX) {
		json_object_put(m);
		sl_resp_fail(req, resp, 422, e == b ? "required" : "long",
		    e == b ? "venue.err.comment_empty" : "venue.err.comment_long", "column", "text", NULL);
		return 0;
	}
	if ((found = vn_production_model(db, id, m)) <= 0) {
		json_object_put(m);
		if (found == 0)
			sl_resp_fail(req, resp, 404, "not_found", "venue.err.no_production", NULL);
		return found < 0 ? -1 : 0;
	}
	json_object_put(m);
	who = me_str(req, "name") ? me_str(req, "name") : me_str(req, "email");
	if (who != NULL)
		snprintf(author, sizeof(author), "%s", who);
	else
		snprintf(author, sizeof(author), "API token %s", me_str(req, "token") ?
		    me_str(req, "token") : "");
	snprintf(uidtext, sizeof(uidtext), "%lld", uid);
	snprintf(body, sizeof(body), "%.*s", (int)(e - b), text + b);
	if (sl_db_begin(db) != 0)
		return -1;
	if (sl_db_exec(db, SL_SQL(vn_sql, VN_COMMENT_PUT), id, ev, uid > 0 ? uidtext : NULL, author,
	    body) != 1 || sl_db_int(db, &cid, SL_SQL(vn_sql, VN_COMMENT_ID)) != 1)
		goto fail;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "comment_id", json_object_new_int64(cid));
	json_object_object_add(after, "event_id", json_object_new_int64(ev));
	found = sl_audit(req, "venue.comment", idtext, NULL, after);
	json_object_put(after);
	if (found != 0 || sl_db_commit(db) != 0)
		goto fail;
	if (!sl_req_wants_json(req)) {
		snprintf(path, sizeof(path), "/admin/venue/trajectory?production=%lld&event=%lld#comments",
		    id, ev);
		sl_resp_redirect(resp, path);
		return 0;
	}
	m = json_object_new_object();
	after = json_object_new_object();
	json_object_object_add(after, "id", json_object_new_int64(cid));
	json_object_object_add(after, "production_id", json_object_new_int64(id));
	json_object_object_add(after, "event_id", json_object_new_int64(ev));
	json_object_object_add(after, "author", json_object_new_string(author));
	json_object_object_add(after, "text", json_object_new_string(body));
	json_object_object_add(m, "comment", after);
	sl_resp_status(resp, 201);
	sl_resp_model(resp, m);
	return 0;
fail:
	sl_db_rollback(db);
	return -1;
}

int vn_filter_save(struct sl_req *req, struct sl_resp *resp)
{
	char list[256], name[40], path[128];
	size_t n = 0;
	int k;

	list[0] = '\0';
	for (k = 1; k < VN_NSEG; k++) {
		snprintf(name, sizeof(name), "seg_%s", vn_segment_names[k]);
		if (sl_req_bool(req, name))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", n ? "," : "",
			    vn_segment_names[k]);
	}
	if (sl_req_user_id(req) <= 0) {
		sl_resp_fail(req, resp, 422, "user", "venue.err.filter_user", NULL);
		return 0;
	}
	if (sl_db_exec(sl_req_db(req), SL_SQL(vn_sql, VN_FILTER_PUT), sl_req_user_id(req), list) < 0)
		return -1;
	if (sl_req_has(req, "production"))
		snprintf(path, sizeof(path), "/admin/venue/trajectory?production=%llu&event=%llu",
		    sl_req_uint(req, "production", 0), sl_req_uint(req, "event", 0));
	else
		snprintf(path, sizeof(path), "/admin/venue/trajectory");
	sl_resp_redirect(resp, path);
	return 0;
}
