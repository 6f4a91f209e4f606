/*
 * access.c - the access module: its routes, navigation and commands, and
 * small helpers shared by its pages.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "access_module.h"

static const struct sl_route routes[] = {
	{ SL_GET, "/login", acc_login_page, SL_ROLE_PUBLIC, "access/login", .inputs = NULL },
	{ SL_POST, "/login", acc_login, SL_ROLE_PUBLIC, "access/login", .inputs = NULL },
	{ SL_POST, "/logout", acc_logout, SL_ROLE_PUBLIC, NULL, .inputs = NULL },
	{ SL_GET, "/password", acc_password_page, SL_ROLE_PUBLIC, "access/password", .inputs = NULL },
	{ SL_POST, "/password", acc_password_set, SL_ROLE_PUBLIC, "access/password", .inputs = NULL },
	{ SL_GET, "/admin/users", acc_users, SL_ROLE_ADMIN, "access/users", .inputs = NULL },
	{ SL_POST, "/admin/users", acc_user_create, SL_ROLE_ADMIN, "access/users", .inputs = NULL },
	{ SL_POST, "/admin/users/{id}", acc_user_update, SL_ROLE_ADMIN, "access/users", .inputs = NULL },
	{ SL_POST, "/admin/users/{id}/invite", acc_user_reinvite, SL_ROLE_ADMIN, "access/users", .inputs = NULL },
	{ SL_GET, "/admin/tokens", acc_tokens, SL_ROLE_ADMIN, "access/tokens", .inputs = NULL },
	{ SL_POST, "/admin/tokens", acc_token_new, SL_ROLE_ADMIN, "access/tokens", .inputs = NULL },
	{ SL_POST, "/admin/tokens/{id}/revoke", acc_token_revoke, SL_ROLE_ADMIN, "access/tokens", .inputs = NULL },
	{ SL_GET, "/admin/audit", acc_audit, SL_ROLE_ADMIN, "access/audit", .inputs = NULL },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.users", "/admin/users", SL_ROLE_ADMIN, 900, SL_NAV_ADMIN },
	{ "nav.tokens", "/admin/tokens", SL_ROLE_ADMIN, 910, SL_NAV_ADMIN },
	{ "nav.audit", "/admin/audit", SL_ROLE_ADMIN, 920, SL_NAV_ADMIN },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "user", acc_cmd_user,
	  "add --email E --role admin|agent [--name N] [--lang L] [--password-stdin] [--if-no-admin]"
	  " | passwd --email E [--password-stdin] | disable|enable --email E | list",
	  "staff users: add, set a password, disable, list" },
	{ "token", acc_cmd_token,
	  "create --name N --scope import|read|admin | list | revoke ID | customer ID [--ttl SECONDS] [--strict]",
	  "API tokens, and signed /account/ links for trade customers" },
	{ 0 },
};

const struct sl_module access_module = {
	.name = "access",
	.nav = nav,
	.routes = routes,
	.jobs = NULL,
	.commands = commands,
};

int acc_id(struct sl_req *req, struct sl_resp *resp, const char *name, long long *out)
{
	const char *p = sl_req_param(req, name);
	char *end;
	long long v;

	if (p == NULL || p[0] < '0' || p[0] > '9' || strlen(p) > 18) {
		sl_resp_error(resp, 400, "%s: expected a positive whole number", name);
		return -1;
	}
	v = strtoll(p, &end, 10);
	if (*end != '\0' || v <= 0) {
		sl_resp_error(resp, 400, "%s: expected a positive whole number", name);
		return -1;
	}
	*out = v;
	return 0;
}

struct json_object *acc_pick(struct json_object *o, const char *const *fields)
{
	struct json_object *r = json_object_new_object(), *v;

	for (; *fields != NULL; fields++)
		json_object_object_add(r, *fields, o != NULL && json_object_object_get_ex(o, *fields, &v)
		    ? json_object_get(v) : NULL);
	return r;
}
