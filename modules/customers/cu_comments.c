/*
 * cu_comments.c - staff comments on a customer:
 *
 *   POST /admin/customers/{id}/comments   the comment dialog's form (text,
 *        csrf_token, return_to); answers 303 back to return_to (the list,
 *        with commented=ID, or the record), or 201 with JSON when asked
 *   POST /api/v1/customers/{id}/comments  JSON {"text": "..."}; 201 with
 *        {comment: {id, customer_id, text, author, created_at}}
 *
 * id is the internal customer id.  text: 1 to CU_COMMENT_MAX characters of
 * UTF-8 after trimming white space; empty or too long is 422 naming the
 * field; invalid UTF-8, control characters or more than CU_COMMENT_BYTES
 * are the core's 400 (declared inputs).  The author is the
 * signed-in user's name (else e-mail), or the API token's name; the
 * comment is audited as customer.comment.
 */
#include <stdio.h>
#include <string.h>

#include "cu_int.h"
#include "salient/db.h"

/* Characters (code points) of valid UTF-8. */
static size_t chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Who wrote it, as shown beside the comment. */
static void author_of(struct sl_req *req, char *buf, size_t len)
{
	struct json_object *me = sl_req_me(req);
	const char *name = cu_str(me, "name"), *email = cu_str(me, "email");
	const char *token = cu_str(me, "token");

	if (name != NULL && name[0] != '\0')
		snprintf(buf, len, "%s", name);
	else if (email != NULL && email[0] != '\0')
		snprintf(buf, len, "%s", email);
	else if (token != NULL)
		snprintf(buf, len, "API token %s", token);
	else
		snprintf(buf, len, "API key");
}

/* return_to when it is the list, the report or a record, else NULL. */
static const char *safe_return(const char *r)
{
	if (r == NULL || (strncmp(r, "/admin/customers", 16) != 0 &&
	    strncmp(r, "/admin/reports/orders", 21) != 0) || strlen(r) > 2000 ||
	    strstr(r, "//") != NULL || strpbrk(r, "\\\r\n") != NULL)
		return NULL;
	return r;
}

int cu_comment_add(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *text = sl_req_str(req, "text", NULL), *ret;
	struct json_object *row = NULL, *m, *after;
	char author[256], idtext[24], uidtext[24], where[2100];
	long long id = (long long)sl_req_uint(req, "id", 0), cid, uid = sl_req_user_id(req);
	size_t b, e, n;
	int found;

	/* text is declared (UTF-8, lines, at most CU_COMMENT_BYTES): the core
	 * checked it; empty and too many characters are this handler's 422 */
	if (text == NULL)
		text = "";
	n = strlen(text);
	for (b = 0; b < n && strchr(" \t\r\n", text[b]) != NULL; b++)
		;
	for (e = n; e > b && strchr(" \t\r\n", text[e - 1]) != NULL; e--)
		;
	if (e == b) {
		sl_resp_error(resp, 422, "text: the comment is empty; write something to save");
		return 0;
	}
	if (chars(text + b, e - b) > CU_COMMENT_MAX) {
		sl_resp_error(resp, 422, "text: at most %d characters (this one has %zu)",
		    CU_COMMENT_MAX, chars(text + b, e - b));
		return 0;
	}
	if ((found = sl_db_row(db, &row, SL_SQL(cu_sql, CU_SQL_EXISTS), id)) < 0)
		return -1;
	json_object_put(row);
	row = NULL;
	if (!found) {
		sl_resp_error(resp, 404, "no customer with id %lld", id);
		return 0;
	}
	author_of(req, author, sizeof(author));
	snprintf(uidtext, sizeof(uidtext), "%lld", uid);
	{
		char body[CU_COMMENT_MAX * 4 + 1];

		snprintf(body, sizeof(body), "%.*s", (int)(e - b), text + b);
		if (sl_db_begin(db) != 0)
			return -1;
		if (sl_db_exec(db, SL_SQL(cu_sql, CU_SQL_COMMENT_INSERT), id,
		    uid > 0 ? uidtext : NULL, author, body) != 1)
			goto fail;
	}
	if (sl_db_row(db, &row, SL_SQL(cu_sql, CU_SQL_LAST_ID)) != 1)
		goto fail;
	cid = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	row = NULL;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "comment_id", json_object_new_int64(cid));
	json_object_object_add(after, "author", json_object_new_string(author));
	json_object_object_add(after, "length", json_object_new_int64((long long)chars(text + b, e - b)));
	found = sl_audit(req, "customer.comment", idtext, NULL, after);
	json_object_put(after);
	if (found != 0 || sl_db_commit(db) != 0)
		goto fail;
	if (!sl_req_wants_json(req)) {
		ret = safe_return(sl_req_str(req, "return_to", NULL));
		if (ret != NULL && strncmp(ret, "/admin/customers/", 17) != 0)
			snprintf(where, sizeof(where), "%s%scommented=%lld", ret,
			    strchr(ret, '?') ? "&" : "?", id);
		else
			snprintf(where, sizeof(where), "/admin/customers/%lld#comments", id);
		sl_resp_redirect(resp, where);
		return 0;
	}
	if (sl_db_row(db, &row, SL_SQL(cu_sql, CU_SQL_COMMENT_ONE), cid) != 1)
		return -1;
	m = json_object_new_object();
	json_object_object_add(m, "comment", row);
	sl_resp_status(resp, 201);
	sl_resp_model(resp, m);
	return 0;
fail:
	sl_db_rollback(db);
	return -1;
}
