/*
 * cli.c - `salient user ...` and `salient token ...`.
 *
 *   user add --email E --role admin|agent [--name N] [--lang L]
 *            [--password-stdin] [--if-no-admin]
 *        The password is read from stdin with --password-stdin, else one is
 *        generated and printed once.  --if-no-admin: do nothing (exit 0,
 *        print nothing) when an active admin exists (scripts/stack).
 *   user passwd --email E [--password-stdin]   (ends the user's sessions)
 *   user disable|enable --email E
 *   user list
 *   token create --name N --scope import|read|admin   prints the token once
 *   token list | token revoke ID
 *   token customer ID [--ttl SECONDS]   prints a signed /account/ link
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>
#include <sodium.h>

#include "access_int.h"
#include "salient/auth.h"
#include "salient/cli.h"
#include "salient/db.h"

/* --name VALUE from argv; NULL when absent. */
static const char *opt_val(int argc, char **argv, const char *name)
{
	int i;

	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int opt_flag(int argc, char **argv, const char *name)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

/* Checks that every argument from 2 on is a known option; 0 or -1. */
static int opts_known(int argc, char **argv, const char *const *with_value,
    const char *const *flags)
{
	const char *const *o;
	int i;

	for (i = 2; i < argc; i++) {
		for (o = with_value; o && *o; o++)
			if (strcmp(argv[i], *o) == 0 && i + 1 < argc)
				break;
		if (o && *o) {
			i++;
			continue;
		}
		for (o = flags; o && *o; o++)
			if (strcmp(argv[i], *o) == 0)
				break;
		if (o && *o)
			continue;
		fprintf(stderr, "salient %s %s: unexpected argument '%s'\n", argv[0], argv[1], argv[i]);
		return -1;
	}
	return 0;
}

/* The password from stdin (one line) or a generated one (printed = 1). */
static int get_password(int from_stdin, char *pw, size_t len, int *generated)
{
	size_t n;

	*generated = 0;
	if (from_stdin) {
		if (fgets(pw, (int)len, stdin) == NULL) {
			fprintf(stderr, "no password on stdin\n");
			return -1;
		}
		n = strlen(pw);
		while (n > 0 && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
			pw[--n] = '\0';
		if (auth_password_weak(pw) != NULL) {
			/* auth_password_weak()'s rules, in the catalog's words (the
			   command line's language: salient/cli.h), as the page says them */
			char msg[256], num[24];
			int shrt = strlen(pw) < AUTH_PASSWORD_MIN;

			snprintf(num, sizeof(num), "%d", shrt ? AUTH_PASSWORD_MIN : AUTH_PASSWORD_MAX);
			fprintf(stderr, "%s\n", shrt ?
			    sl_cli_textf(msg, sizeof(msg), "access.password.too_short", "min", num, NULL) :
			    sl_cli_textf(msg, sizeof(msg), "access.password.too_long", "max", num, NULL));
			return -1;
		}
		return 0;
	}
	if (auth_random_token(pw, len, "") != 0)
		return -1;
	pw[20] = '\0';   /* 120 random bits are plenty to type */
	*generated = 1;
	return 0;
}

static int user_add(int argc, char **argv, struct sl_db *db)
{
	static const char *const vals[] = { "--email", "--role", "--name", "--lang", NULL };
	static const char *const flags[] = { "--password-stdin", "--if-no-admin", NULL };
	const char *email = opt_val(argc, argv, "--email"), *role = opt_val(argc, argv, "--role");
	const char *name = opt_val(argc, argv, "--name"), *lang = opt_val(argc, argv, "--lang");
	struct json_object *row = NULL, *after;
	char pw[AUTH_PASSWORD_MAX + 2], hash[crypto_pwhash_STRBYTES];
	int generated, found;

	if (opts_known(argc, argv, vals, flags) != 0)
		return 2;
	if (!auth_email_ok(email) || role == NULL ||
	    (strcmp(role, "admin") != 0 && strcmp(role, "agent") != 0)) {
		fprintf(stderr, "usage: salient user add --email E --role admin|agent [--name N] "
		    "[--lang en|da|ru] [--password-stdin] [--if-no-admin]\n");
		return 2;
	}
	if (lang != NULL && strcmp(lang, "en") && strcmp(lang, "da") && strcmp(lang, "ru")) {
		fprintf(stderr, "salient user add: --lang: expected en, da or ru\n");
		return 2;
	}
	if (opt_flag(argc, argv, "--if-no-admin")) {
		if (sl_db_row(db, &row, SL_SQL(acc_sql, ACC_CLI_ADMINS)) != 1)
			goto dberr;
		found = json_object_get_int(json_object_object_get(row, "n")) > 0;
		json_object_put(row);
		row = NULL;
		if (found)
			return 0;
	}
	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_CLI_USER_EMAIL), email)) < 0)
		goto dberr;
	json_object_put(row);
	if (found) {
		fprintf(stderr, "salient user add: a user with the e-mail %s exists already\n", email);
		return 1;
	}
	if (get_password(opt_flag(argc, argv, "--password-stdin"), pw, sizeof(pw), &generated) != 0)
		return 1;
	if (auth_password_hash(hash, sizeof(hash), pw) != 0) {
		fprintf(stderr, "salient user add: hashing the password failed (out of memory?)\n");
		return 1;
	}
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_CLI_USER_ADD), email, name ? name : "", role, lang, hash) < 0)
		goto dberr;
	after = json_object_new_object();
	json_object_object_add(after, "email", json_object_new_string(email));
	json_object_object_add(after, "role", json_object_new_string(role));
	auth_audit_write(db, 0, 0, "cli", "user.create", email, NULL, after);
	json_object_put(after);
	if (generated)
		printf("%s\t%s\n", email, pw);
	else
		printf("%s\n", email);
	sodium_memzero(pw, sizeof(pw));
	return 0;
dberr:
	fprintf(stderr, "salient user add: %s\n", sl_db_error(db));
	return 1;
}

/* The user's id by --email, or 0 after printing why. */
static long long user_by_email(struct sl_db *db, const char *cmd, const char *email)
{
	struct json_object *row = NULL;
	long long id = 0;
	int found;

	if (email == NULL) {
		fprintf(stderr, "usage: salient user %s --email E\n", cmd);
		return 0;
	}
	if ((found = sl_db_row(db, &row, SL_SQL(acc_sql, ACC_CLI_USER_EMAIL), email)) < 0)
		fprintf(stderr, "salient user %s: %s\n", cmd, sl_db_error(db));
	else if (!found)
		fprintf(stderr, "salient user %s: no user with the e-mail %s\n", cmd, email);
	else
		id = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	return id;
}

static int user_passwd(int argc, char **argv, struct sl_db *db)
{
	static const char *const vals[] = { "--email", NULL };
	static const char *const flags[] = { "--password-stdin", NULL };
	const char *email = opt_val(argc, argv, "--email");
	char pw[AUTH_PASSWORD_MAX + 2], hash[crypto_pwhash_STRBYTES];
	long long id;
	int generated;

	if (opts_known(argc, argv, vals, flags) != 0)
		return 2;
	if ((id = user_by_email(db, "passwd", email)) == 0)
		return 1;
	if (get_password(opt_flag(argc, argv, "--password-stdin"), pw, sizeof(pw), &generated) != 0)
		return 1;
	if (auth_password_hash(hash, sizeof(hash), pw) != 0)
		return 1;
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_CLI_USER_PW), hash, id) < 0 ||
	    session_delete_user(db, id) != 0) {
		fprintf(stderr, "salient user passwd: %s\n", sl_db_error(db));
		return 1;
	}
	auth_audit_write(db, 0, 0, "cli", "user.password_set", email, NULL, NULL);
	if (generated)
		printf("%s\t%s\n", email, pw);
	sodium_memzero(pw, sizeof(pw));
	return 0;
}

static int user_active(int argc, char **argv, struct sl_db *db, int active)
{
	static const char *const vals[] = { "--email", NULL };
	const char *email = opt_val(argc, argv, "--email");
	struct json_object *after;
	long long id;

	if (opts_known(argc, argv, vals, NULL) != 0)
		return 2;
	if ((id = user_by_email(db, argv[1], email)) == 0)
		return 1;
	if (sl_db_exec(db, SL_SQL(acc_sql, ACC_CLI_USER_ACTIVE), (long long)active, id) < 0 ||
	    (!active && session_delete_user(db, id) != 0)) {
		fprintf(stderr, "salient user %s: %s\n", argv[1], sl_db_error(db));
		return 1;
	}
	after = json_object_new_object();
	json_object_object_add(after, "active", json_object_new_boolean(active));
	auth_audit_write(db, 0, 0, "cli", "user.update", email, NULL, after);
	json_object_put(after);
	return 0;
}

static int print_rows(struct sl_db *db, enum acc_sql_id q)
{
	struct json_object *rows = sl_db_rows(db, SL_SQL(acc_sql, q));

	if (rows == NULL) {
		fprintf(stderr, "salient: %s\n", sl_db_error(db));
		return 1;
	}
	printf("%s\n", json_object_to_json_string_ext(rows, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(rows);
	return 0;
}

int acc_cmd_user(int argc, char **argv)
{
	struct sl_db *db;

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "passwd") &&
	    strcmp(argv[1], "disable") && strcmp(argv[1], "enable") && strcmp(argv[1], "list"))) {
		fprintf(stderr, "usage: salient user add|passwd|disable|enable|list ... (see salient help)\n");
		return 2;
	}
	if (sodium_init() < 0 || (db = sl_cli_db()) == NULL)
		return 1;
	if (strcmp(argv[1], "add") == 0)
		return user_add(argc, argv, db);
	if (strcmp(argv[1], "passwd") == 0)
		return user_passwd(argc, argv, db);
	if (strcmp(argv[1], "list") == 0)
		return print_rows(db, ACC_CLI_USER_LIST);
	return user_active(argc, argv, db, strcmp(argv[1], "enable") == 0);
}

static int token_customer(int argc, char **argv)
{
	static const char *const vals[] = { "--ttl", NULL }, *const flags[] = { "--strict", NULL };
	const char *secret = sl_cli_conf("security.secret"), *ttl_s = opt_val(argc, argv, "--ttl");
	const char *base = sl_cli_conf("server.base_url"), *prefix = sl_cli_conf("server.prefix");
	char tok[AUTH_TRADE_MAX + 1], *end;
	long long ttl = 3600, n = 0;
	struct sl_db *db;
	int i, strict = 0;

	if (argc < 3 || argv[2][0] == '-') {
		fprintf(stderr, "usage: salient token customer ID [--ttl SECONDS] [--strict]\n");
		return 2;
	}
	/* opts_known starts at argv[2]: skip the id */
	if (opts_known(argc - 1, argv + 1, vals, flags) != 0)
		return 2;
	for (i = 3; i < argc; i++)
		strict |= strcmp(argv[i], "--strict") == 0;
	if (ttl_s != NULL) {
		ttl = strtoll(ttl_s, &end, 10);
		if (*end != '\0' || ttl_s[0] == '-' || ttl_s[0] == '+' || ttl < 0 || ttl > 366LL * 86400) {
			fprintf(stderr, "salient token customer: --ttl: expected seconds, 0 to 31622400\n");
			return 2;
		}
	}
	if (secret == NULL || strlen(secret) < 16) {
		fprintf(stderr, "salient token customer: set [security] secret in the configuration\n");
		return 1;
	}
	if (auth_trade_sign(tok, sizeof(tok), secret, argv[2], (long long)time(NULL) + ttl) != 0) {
		fprintf(stderr, "salient token customer: the customer id must be 1-64 printable "
		    "characters without spaces\n");
		return 2;
	}
	/* a link for a customer the shop has not imported signs in nobody */
	if ((db = sl_cli_db()) == NULL || sl_db_int(db, &n, SL_SQL(acc_sql, ACC_CLI_CUSTOMER_KNOWN), argv[2]) < 0) {
		fprintf(stderr, "salient token customer: %s: could not check that customer %s "
		    "exists\n", strict ? "error" : "warning", argv[2]);
		if (strict)
			return 1;
	} else if (n == 0) {
		char msg[512];

		fprintf(stderr, "salient token customer: %s\n", sl_cli_textf(msg, sizeof(msg),
		    strict ? "access.cli.customer_unknown_strict" : "access.cli.customer_unknown",
		    "id", argv[2], NULL));
		if (strict)
			return 1;
	}
	printf("%s%s/account/?token=%s\n", base ? base : "", prefix ? prefix : "", tok);
	return 0;
}

int acc_cmd_token(int argc, char **argv)
{
	static const char *const vals[] = { "--name", "--scope", NULL };
	const char *name = opt_val(argc, argv, "--name"), *scope = opt_val(argc, argv, "--scope");
	struct json_object *after;
	char token[AUTH_TOKEN_MAX], idtext[24], *end;
	struct sl_db *db;
	long long id;

	if (argc >= 2 && strcmp(argv[1], "customer") == 0)
		return token_customer(argc, argv);
	if (argc < 2 || (strcmp(argv[1], "create") && strcmp(argv[1], "list") &&
	    strcmp(argv[1], "revoke"))) {
		fprintf(stderr, "usage: salient token create --name N --scope import|read|admin | "
		    "list | revoke ID | customer ID [--ttl SECONDS] [--strict]\n");
		return 2;
	}
	if (sodium_init() < 0 || (db = sl_cli_db()) == NULL)
		return 1;
	if (strcmp(argv[1], "list") == 0)
		return print_rows(db, ACC_CLI_TOKEN_LIST);
	if (strcmp(argv[1], "revoke") == 0) {
		if (argc != 3 || (id = strtoll(argv[2], &end, 10)) <= 0 || *end != '\0') {
			fprintf(stderr, "usage: salient token revoke ID\n");
			return 2;
		}
		if (sl_db_exec(db, SL_SQL(acc_sql, ACC_TOKEN_REVOKE), id) < 0) {
			fprintf(stderr, "salient token revoke: %s\n", sl_db_error(db));
			return 1;
		}
		auth_audit_write(db, 0, 0, "cli", "token.revoke", argv[2], NULL, NULL);
		return 0;
	}
	if (opts_known(argc, argv, vals, NULL) != 0)
		return 2;
	if (name == NULL || name[0] == '\0' || strlen(name) > 100 || scope == NULL ||
	    (strcmp(scope, "import") && strcmp(scope, "read") && strcmp(scope, "admin"))) {
		fprintf(stderr, "usage: salient token create --name N --scope import|read|admin\n");
		return 2;
	}
	if (acc_token_create(db, name, scope, 0, token, &id) != 0) {
		fprintf(stderr, "salient token create: %s\n", sl_db_error(db));
		return 1;
	}
	after = json_object_new_object();
	json_object_object_add(after, "name", json_object_new_string(name));
	json_object_object_add(after, "scope", json_object_new_string(scope));
	snprintf(idtext, sizeof(idtext), "%lld", id);
	auth_audit_write(db, 0, 0, "cli", "token.create", idtext, NULL, after);
	json_object_put(after);
	printf("%s\n", token);
	return 0;
}
