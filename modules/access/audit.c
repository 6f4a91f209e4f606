/*
 * audit.c - GET /admin/audit: the audit log, newest first, filtered by
 * what (prefix: "user" matches user.create, user.update...), actor
 * (substring), from and to (dates, inclusive), 50 a page (the inputs are
 * declared in access.c).  View model:
 *
 *   entries   [{id, at, actor, actor_text, what, what_text, object_id, before,
 *             after, changes, has_changes}]: actor as stored ("user a@b.example",
 *             "token NAME", "cli"); actor_text who that is for a person (the
 *             user's name, else e-mail; the API token's name; the command
 *             line); before and after parsed back to JSON (as stored,
 *             for scripts); what_text the action's name and changes
 *             [{name, label, before, after, has_before, has_after}] the
 *             fields that differ as readable text, for people, each label
 *             in the user's language (a setting's own label, else
 *             access.audit.field.NAME, else the name)
 *   filter    {what, actor, from, to}
 *   page, has_more, next_page, prev_page
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "salient/db.h"
#include "salient/name.h"
#include "salient/text.h"
#include "salient/settings.h"

#define PAGE_SIZE ACC_AUDIT_PAGE_SIZE

/* A value as text a person reads: strings as they are, lists joined by
 * ", ", yes/no for booleans, "" for null, other JSON compact. */
static void value_text(const struct sl_req *req, struct json_object *v, char *buf, size_t len)
{
	size_t i, at = 0;
	int n;

	buf[0] = '\0';
	if (v == NULL)
		return;
	switch (json_object_get_type(v)) {
	case json_type_boolean:
		snprintf(buf, len, "%s", sl_req_text(req, json_object_get_boolean(v) ?
		    "access.audit.yes" : "access.audit.no"));
		break;
	case json_type_array:
		for (i = 0; i < json_object_array_length(v) && at < len; i++) {
			struct json_object *x = json_object_array_get_idx(v, i);

			n = snprintf(buf + at, len - at, "%s%s", i ? ", " : "",
			    json_object_is_type(x, json_type_string) ? json_object_get_string(x) :
			    json_object_to_json_string_ext(x, JSON_C_TO_STRING_PLAIN));
			if (n < 0)
				break;
			at += (size_t)n;
		}
		break;
	case json_type_string:
		snprintf(buf, len, "%s", json_object_get_string(v));
		break;
	default:
		snprintf(buf, len, "%s", json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	}
}

/* A field's label: a setting's own label when the action is "settings",
 * else access.audit.field.NAME, else the name. */
static const char *field_label(const struct sl_req *req, const char *what, const char *name)
{
	const struct sl_setting *s;

	if (strcmp(what, "settings") == 0 && (s = sl_setting_find(name)) != NULL && s->label != NULL)
		return sl_req_text(req, s->label);
	return sl_req_text_of(req, "access.audit.field.", name);
}

/* A role ("agent") by its name in the user's language, into buf. */
static void role_text(const struct sl_req *req, char *buf, size_t len, struct json_object *v)
{
	if (v != NULL && json_object_is_type(v, json_type_string))
		snprintf(buf, len, "%s", sl_req_text_of(req, "access.role.", json_object_get_string(v)));
}

/* One change row of name, unless before and after are the same. */
static void add_change(const struct sl_req *req, struct json_object *changes, const char *what,
    const char *name, struct json_object *b, struct json_object *a)
{
	struct json_object *c;
	char bt[512], at[512];

	value_text(req, b, bt, sizeof(bt));
	value_text(req, a, at, sizeof(at));
	if (strcmp(name, "role") == 0)   /* a role by its name: "Sales agent" */
		role_text(req, bt, sizeof(bt), b);
	if (strcmp(name, "role") == 0)
		role_text(req, at, sizeof(at), a);
	if (strcmp(bt, at) == 0)
		return;
	c = json_object_new_object();
	json_object_object_add(c, "name", json_object_new_string(name));
	json_object_object_add(c, "label", json_object_new_string(field_label(req, what, name)));
	json_object_object_add(c, "before", json_object_new_string(bt));
	json_object_object_add(c, "after", json_object_new_string(at));
	json_object_object_add(c, "has_before", json_object_new_boolean(bt[0] != '\0'));
	json_object_object_add(c, "has_after", json_object_new_boolean(at[0] != '\0'));
	json_object_array_add(changes, c);
}

/* What changed between before and after (objects, either may be NULL):
 * the fields of both, in the order they were written. */
static struct json_object *changes_of(const struct sl_req *req, const char *what,
    struct json_object *before, struct json_object *after)
{
	struct json_object *changes = json_object_new_array(), *v;

	if (before != NULL && !json_object_is_type(before, json_type_object))
		before = NULL;
	if (after != NULL && !json_object_is_type(after, json_type_object))
		after = NULL;
	if (before != NULL) {
		json_object_object_foreach(before, k1, b) {
			v = NULL;
			if (after != NULL)
				json_object_object_get_ex(after, k1, &v);
			add_change(req, changes, what, k1, b, v);
		}
	}
	if (after != NULL) {
		json_object_object_foreach(after, k2, a) {
			if (before == NULL || !json_object_object_get_ex(before, k2, NULL))
				add_change(req, changes, what, k2, NULL, a);
		}
	}
	return changes;
}

/* Who did it, for a person: the staff user's name (else e-mail), the API
 * token by its name, the configuration's key, the command line; else the
 * stored actor. */
static const char *actor_text(const struct sl_req *req, struct json_object *e, char *buf,
    size_t len)
{
	const char *actor = json_object_get_string(json_object_object_get(e, "actor"));
	const char *token = json_object_get_string(json_object_object_get(e, "token_name"));
	const char *email = json_object_get_string(json_object_object_get(e, "user_email"));

	actor = actor ? actor : "";
	if (email != NULL) {
		sl_display_name(json_object_get_string(json_object_object_get(e, "user_name")), NULL,
		    email, NULL, buf, len);
		return buf;
	}
	if (token != NULL)
		return sl_req_textf(req, buf, len, "access.audit.by.token", "name", token, NULL);
	if (strncmp(actor, "api_key", 7) == 0)
		return sl_req_text(req, "access.audit.by.api_key");
	if (strcmp(actor, "cli") == 0)
		return sl_req_text(req, "access.audit.by.cli");
	if (actor[0] == '\0')
		return sl_req_text(req, "access.audit.by.nobody");
	return actor;
}

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
	    actor, actor, actor, from, from, to, to, (long long)PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
	if (rows == NULL)
		return -1;
	n = json_object_array_length(rows);
	m = json_object_new_object();
	json_object_object_add(m, "has_more", json_object_new_boolean(n > PAGE_SIZE));
	if (n > PAGE_SIZE)
		json_object_array_del_idx(rows, PAGE_SIZE, n - PAGE_SIZE);
	for (i = 0; i < json_object_array_length(rows); i++) {
		char who[SL_TEXT_MAX];
		const char *w;

		e = json_object_array_get_idx(rows, i);
		w = json_object_get_string(json_object_object_get(e, "what"));
		w = w ? w : "";
		json_object_object_add(e, "actor_text", json_object_new_string(
		    actor_text(req, e, who, sizeof(who))));
		json_object_object_add(e, "what_text", json_object_new_string(
		    sl_req_text_of(req, "access.audit.action.", w)));
		v = json_object_object_get(e, "before_json");
		json_object_object_add(e, "before", v ? json_tokener_parse(json_object_get_string(v)) : NULL);
		v = json_object_object_get(e, "after_json");
		json_object_object_add(e, "after", v ? json_tokener_parse(json_object_get_string(v)) : NULL);
		v = changes_of(req, w, json_object_object_get(e, "before"),
		    json_object_object_get(e, "after"));
		json_object_object_add(e, "has_changes", json_object_new_boolean(
		    json_object_array_length(v) > 0));
		json_object_object_add(e, "changes", v);
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
