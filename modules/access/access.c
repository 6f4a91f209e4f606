/*
 * access.c - the access module: its routes, navigation and commands, and
 * small helpers shared by its pages.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "access_int.h"
#include "access_module.h"
#include "salient/auth.h"

const char *const acc_roles[] = { "agent", "admin", NULL };
const char *const acc_langs[] = { "en", "da", "ru", NULL };
const char *const acc_scopes[] = { "import", "read", "admin", NULL };

/* next: a path below the prefix, checked again by the handler (login.c). */
static const struct sl_input login_page_in[] = {
	{ "next", SL_IN_TEXT, .max = 1000 },
	{ "done", SL_IN_BOOL, .flags = 0 },
	{ 0 },
};

/* email and password are not required: the handler answers their absence
   with the form again and its message */
static const struct sl_input login_in[] = {
	{ "email", SL_IN_TEXT, .max = 254 },
	{ "password", SL_IN_TEXT, .max = AUTH_PASSWORD_MAX },
	{ "next", SL_IN_TEXT, .max = 1000 },
	{ "login_token", SL_IN_TEXT, .max = AUTH_TOKEN_MAX },
	{ 0 },
};

static const struct sl_input password_page_in[] = {
	{ "invite", SL_IN_TEXT, .max = AUTH_TOKEN_MAX },
	{ 0 },
};

/* the password's length is auth_password_weak()'s, with its message */
static const struct sl_input password_in[] = {
	{ "invite", SL_IN_TEXT, .max = AUTH_TOKEN_MAX },
	{ "password", SL_IN_TEXT, .max = 1000 },
	{ "password2", SL_IN_TEXT, .max = 1000 },
	{ 0 },
};

static const struct sl_input user_create_in[] = {
	{ "email", SL_IN_TEXT, .flags = SL_IN_REQUIRED, .min = 1, .max = 254 },
	{ "name", SL_IN_TEXT, .max = 100 },
	{ "role", SL_IN_ENUM, .choices = acc_roles },
	{ "lang", SL_IN_ENUM, .choices = acc_langs },
	{ 0 },
};

/* absent: unchanged; lang null (JSON): no language of one's own */
static const struct sl_input user_update_in[] = {
	{ "name", SL_IN_TEXT, .max = 100 },
	{ "role", SL_IN_ENUM, .choices = acc_roles },
	{ "lang", SL_IN_ENUM, .choices = acc_langs },
	{ "active", SL_IN_BOOL, .flags = 0 },
	{ 0 },
};

static const struct sl_input token_in[] = {
	{ "name", SL_IN_TEXT, .flags = SL_IN_REQUIRED, .min = 1, .max = 100 },
	{ "scope", SL_IN_ENUM, .flags = SL_IN_REQUIRED, .choices = acc_scopes },
	{ 0 },
};

static const struct sl_input audit_in[] = {
	{ "what", SL_IN_TEXT, .max = 64 },
	{ "actor", SL_IN_TEXT, .max = 100 },
	{ "from", SL_IN_DATE, .flags = 0 },
	{ "to", SL_IN_DATE, .flags = 0 },
	{ "page", SL_IN_UINT, .min = 1, .max = ACC_AUDIT_PAGES },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/login", acc_login_page, SL_ROLE_PUBLIC, "access/login", .inputs = login_page_in },
	{ SL_POST, "/login", acc_login, SL_ROLE_PUBLIC, "access/login", .inputs = login_in },
	{ SL_POST, "/logout", acc_logout, SL_ROLE_PUBLIC, NULL, .inputs = sl_no_inputs },
	{ SL_GET, "/password", acc_password_page, SL_ROLE_PUBLIC, "access/password",
	  .inputs = password_page_in },
	{ SL_POST, "/password", acc_password_set, SL_ROLE_PUBLIC, "access/password",
	  .inputs = password_in },
	{ SL_GET, "/admin/users", acc_users, SL_ROLE_ADMIN, "access/users", .inputs = sl_no_inputs },
	{ SL_POST, "/admin/users", acc_user_create, SL_ROLE_ADMIN, "access/users",
	  .inputs = user_create_in },
	{ SL_POST, "/admin/users/{id:uint}", acc_user_update, SL_ROLE_ADMIN, "access/users",
	  .inputs = user_update_in },
	{ SL_POST, "/admin/users/{id:uint}/invite", acc_user_reinvite, SL_ROLE_ADMIN, "access/users",
	  .inputs = sl_no_inputs },
	{ SL_GET, "/admin/tokens", acc_tokens, SL_ROLE_ADMIN, "access/tokens", .inputs = sl_no_inputs },
	{ SL_POST, "/admin/tokens", acc_token_new, SL_ROLE_ADMIN, "access/tokens", .inputs = token_in },
	{ SL_POST, "/admin/tokens/{id:uint}/revoke", acc_token_revoke, SL_ROLE_ADMIN, "access/tokens",
	  .inputs = sl_no_inputs },
	{ SL_GET, "/admin/audit", acc_audit, SL_ROLE_ADMIN, "access/audit", .inputs = audit_in },
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
	.sql = acc_sql,
	.nsql = ACC_NSQL,
	.tables = acc_tables,
};

struct json_object *acc_pick(struct json_object *o, const char *const *fields)
{
	struct json_object *r = json_object_new_object(), *v;

	for (; *fields != NULL; fields++)
		json_object_object_add(r, *fields, o != NULL && json_object_object_get_ex(o, *fields, &v)
		    ? json_object_get(v) : NULL);
	return r;
}
