/*
 * audit.c - GET /admin/audit: the audit log, newest first, filtered by
 * what (prefix: "user" matches user.create, user.update...), actor
 * (substring), from and to (dates, inclusive), 50 a page (the inputs are
 * declared in access.c).  View model:
 *
 *   entries   [{id, at, actor, what, object_id, before, after}] (before and
 *             after parsed back to JSON)
 *   filter    {what, actor, from, to}
 *   page, has_more, next_page, prev_page
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "salient/db.h"

#define PAGE_SIZE ACC_AUDIT_PAGE_SIZE

/* "" means no filter. */
static const char *opt(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

int acc_audit(struct sl_req *req, struct sl_resp *resp)
{
	const char *what = opt(sl_req_str(req, "what", NULL));
	const char *actor = opt(sl_req_str(req, "actor", NULL));
	const char *from = sl_req_date(req, "from"), *to = sl_req_date(req, "to");
	long long page = (long long)sl_req_uint(req, "page", 1);
	struct json_object *rows, *m, *f, *e, *v;
	size_t i, n;

	rows = sl_db_rows(sl_req_db(req), SL_SQL(acc_sql, ACC_AUDIT_LIST), what, what, what,
	    actor, actor, from, from, to, to, (long long)PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
	if (rows == NULL)
		return -1;
	n = json_object_array_length(rows);
	m = json_object_new_object();
	json_object_object_add(m, "has_more", json_object_new_boolean(n > PAGE_SIZE));
	if (n > PAGE_SIZE)
		json_object_array_del_idx(rows, PAGE_SIZE, n - PAGE_SIZE);
	for (i = 0; i < json_object_array_length(rows); i++) {
		e = json_object_array_get_idx(rows, i);
		v = json_object_object_get(e, "before_json");
		json_object_object_add(e, "before", v ? json_tokener_parse(json_object_get_string(v)) : NULL);
		v = json_object_object_get(e, "after_json");
		json_object_object_add(e, "after", v ? json_tokener_parse(json_object_get_string(v)) : NULL);
	}
	f = json_object_new_object();
	json_object_object_add(f, "what", json_object_new_string(what ? what : ""));
	json_object_object_add(f, "actor", json_object_new_string(actor ? actor : ""));
	json_object_object_add(f, "from", json_object_new_string(from ? from : ""));
	json_object_object_add(f, "to", json_object_new_string(to ? to : ""));
	json_object_object_add(m, "entries", rows);
	json_object_object_add(m, "filter", f);
	json_object_object_add(m, "page", json_object_new_int64(page));
	if (n > PAGE_SIZE)
		json_object_object_add(m, "next_page", json_object_new_int64(page + 1));
	if (page > 1)
		json_object_object_add(m, "prev_page", json_object_new_int64(page - 1));
	sl_resp_model(resp, m);
	return 0;
}
