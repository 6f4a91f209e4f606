/*
 * audit.c - GET /admin/audit: the audit log, newest first, filtered by
 * what (prefix: "user" matches user.create, user.update...), actor
 * (substring), from and to (dates, inclusive), 50 a page.  View model:
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

#define PAGE_SIZE 50

static const char sql_list[] =
    "SELECT id, at, actor, what, object_id, before_json, after_json FROM audit_log "
    "WHERE (? IS NULL OR what = ? OR what LIKE CONCAT(?, '.%')) "
    "AND (? IS NULL OR actor LIKE CONCAT('%', ?, '%')) "
    "AND (? IS NULL OR at >= CAST(? AS DATE)) "
    "AND (? IS NULL OR at < CAST(? AS DATE) + INTERVAL 1 DAY) "
    "ORDER BY id DESC LIMIT ? OFFSET ?";

static int valid_date(const char *s)
{
	int i, m, d;

	if (s == NULL || strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "" means no filter. */
static const char *opt(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

int acc_audit(struct sl_req *req, struct sl_resp *resp)
{
	const char *what = opt(sl_req_input(req, "what")), *actor = opt(sl_req_input(req, "actor"));
	const char *from = opt(sl_req_input(req, "from")), *to = opt(sl_req_input(req, "to"));
	const char *pg = opt(sl_req_input(req, "page"));
	struct json_object *rows, *m, *f, *e, *v;
	long long page = 1;
	char *end;
	size_t i, n;

	if ((what && strlen(what) > 64) || (actor && strlen(actor) > 100)) {
		sl_resp_error(resp, 400, "what or actor: too long (64 and 100 characters at most)");
		return 0;
	}
	if ((from && !valid_date(from)) || (to && !valid_date(to))) {
		sl_resp_error(resp, 400, "from and to: expected dates as YYYY-MM-DD");
		return 0;
	}
	if (pg != NULL) {
		page = strtoll(pg, &end, 10);
		if (*end != '\0' || page < 1 || page > 100000 || pg[0] == '+') {
			sl_resp_error(resp, 400, "page: expected a whole number from 1");
			return 0;
		}
	}
	rows = sl_db_rows(sl_req_db(req), sql_list, "sssssssssii", what, what, what, actor, actor,
	    from, from, to, to, (long long)PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
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
