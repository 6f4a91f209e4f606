/*
 * main_cli.c - `salient`, the command line.
 *
 *   salient [-c FILE] COMMAND [ARGS...]
 *
 * The core's commands are in the table below; each module adds its own
 * through its struct sl_module.  The configuration comes from -c, else
 * $SALIENT_CONF, else the installed file, and is read only by commands that
 * need it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <mysql.h>

#include "core_sql.h"
#include "config.h"
#include "db_conn.h"
#include "jobs.h"
#include "salient/log.h"
#include "migrate.h"
#include "mustache.h"
#include "router.h"
#include "sqlcheck.h"
#include "cli.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/input.h"

/* ------------------------------------------------------------ commands */

static int cmd_migrate(int argc, char **argv)
{
	struct sl_db *db;
	char err[1024];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: salient migrate\n");
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (migrate_run(db, cli_conf()->sql_dir, 1, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient migrate: %s\n", err);
		return 1;
	}
	return 0;
}

/* "YYYY-MM-DDTHH:MM" (or with a space) in the site's time zone; 0 or -1. */
static int parse_local_minute(const char *s, time_t *out)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%Y-%m-%dT%H:%M", &tm)) == NULL &&
	    (end = strptime(s, "%Y-%m-%d %H:%M", &tm)) == NULL)
		return -1;
	if (*end != '\0')
		return -1;
	tm.tm_isdst = -1;
	if ((*out = mktime(&tm)) == (time_t)-1)
		return -1;
	return 0;
}

static int cmd_worker(int argc, char **argv)
{
	const char *attext = NULL;
	time_t at = 0;
	int once = 0, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0) {
			once = 1;
		} else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
			attext = argv[++i];
		} else {
			fprintf(stderr, "usage: salient worker [--once [--at YYYY-MM-DDTHH:MM]]\n");
			return 2;
		}
	}
	if (attext != NULL && !once) {
		fprintf(stderr, "salient worker: --at goes with --once\n");
		return 2;
	}
	if (cli_conf() == NULL)
		return 1;
	/* after the config: its [site] timezone is the clock's */
	if (attext != NULL && parse_local_minute(attext, &at) != 0) {
		fprintf(stderr, "salient worker: --at: '%s' is not a local time YYYY-MM-DDTHH:MM\n",
		    attext);
		return 2;
	}
	log_setup(cli_conf()->log_level, "salient-worker");
	if (mysql_library_init(0, NULL, NULL) != 0)
		return 1;
	return jobs_worker(cli_conf(), once, at);
}


static int cmd_job(int argc, char **argv)
{
	struct json_object *args = NULL, *rows;
	struct sl_db *db;
	long long id;

	if (argc >= 3 && argc <= 4 && strcmp(argv[1], "enqueue") == 0) {
		if (argc == 4 && ((args = json_tokener_parse(argv[3])) == NULL ||
		    !json_object_is_type(args, json_type_object))) {
			fprintf(stderr, "salient job enqueue: ARGS must be a JSON object\n");
			json_object_put(args);
			return 2;
		}
		if (!jobs_kind_known(argv[2])) {
			/* as POST /api/v1/jobs answers: a job no module runs would
			   only fail max_attempts times */
			char kinds[512], msg[1024];

			fprintf(stderr, "salient job enqueue: %s\n", sl_cli_textf(msg, sizeof(msg),
			    "core.err.job_kind", "kind", argv[2], "kinds",
			    jobs_kind_list(kinds, sizeof(kinds)), NULL));
			json_object_put(args);
			return 2;
		}
		if ((db = sl_cli_db()) == NULL)
			return 1;
		id = sl_job_enqueue(db, argv[2], args);
		json_object_put(args);
		if (id < 0) {
			fprintf(stderr, "salient job enqueue: %s\n", sl_db_error(db));
			return 1;
		}
		printf("%lld\n", id);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		if ((db = sl_cli_db()) == NULL)
			return 1;
		if ((rows = sl_db_rows(db, SL_SQL(core_sql, CORE_CLI_JOB_LIST))) == NULL) {
			fprintf(stderr, "salient job list: %s\n", sl_db_error(db));
			return 1;
		}
		printf("%s\n", json_object_to_json_string_ext(rows, JSON_C_TO_STRING_PRETTY |
		    JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(rows);
		return 0;
	}
	fprintf(stderr, "usage: salient job enqueue KIND [ARGS_JSON] | salient job list\n");
	return 2;
}

static int cmd_help(int argc, char **argv);

static const char *role_text(enum sl_role r)
{
	switch (r) {
	case SL_ROLE_PUBLIC: return "public";
	case SL_ROLE_CUSTOMER: return "customer";
	case SL_ROLE_AGENT: return "agent";
	case SL_ROLE_ADMIN: return "admin";
	case SL_ROLE_IMPORT: return "import";
	default: return "unset";
	}
}

/* the declared inputs' types by the names the route walk test reads */
static const char *const in_types[] = {
	[SL_IN_NONE] = "none", [SL_IN_UINT] = "uint", [SL_IN_INT] = "int",
	[SL_IN_DECIMAL] = "decimal", [SL_IN_MONEY] = "money", [SL_IN_DATE] = "date",
	[SL_IN_ENUM] = "enum", [SL_IN_TEXT] = "text", [SL_IN_BOOL] = "bool",
	[SL_IN_IDS] = "ids", [SL_IN_JSON] = "json", [SL_IN_FILE] = "file",
};

/* the inputs column: name:type, comma-separated ("-" for none; "*" after a
   route that takes inputs besides its declared ones) */
static void print_inputs(const struct sl_route *r)
{
	const struct sl_input *in;
	const char *sep = "";

	for (in = r->inputs; in != NULL && in->name != NULL; in++) {
		printf("%s%s:%s", sep, in->name, (size_t)in->type < sizeof(in_types) /
		    sizeof(in_types[0]) ? in_types[in->type] : "?");
		sep = ",";
	}
	if (r->flags & SL_ROUTE_OPEN_INPUTS)
		printf("%s*", sep);
	else if (sep[0] == '\0')
		putchar('-');
}

static void print_route(const struct sl_module *m, const struct sl_route *r, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < router_nmethods; i++)
		if (r->methods & router_methods[i].bit) {
			printf("%s\t%s\t%s\t%s\t%s\t", router_methods[i].name, r->pattern,
			    role_text(r->role), m->name, r->template ? r->template : "-");
			print_inputs(r);
			putchar('\n');
		}
}

/* salient routes: every route as TSV (method, pattern, role, module,
   template, declared inputs). */
static int cmd_routes(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: salient routes\n");
		return 2;
	}
	router_each(print_route, NULL);
	return 0;
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("salient %s\n", SL_VERSION);
	return 0;
}

static const struct sl_command core_commands[] = {
	{ "migrate", cmd_migrate, "", "apply the pending sql/ migrations" },
	{ "worker", cmd_worker, "[--once [--at YYYY-MM-DDTHH:MM]]",
	  "run queued and scheduled jobs until stopped (--once: until none is due; --at: "
	  "queue the schedules' runs of that local minute, once across workers)" },
	{ "job", cmd_job, "enqueue KIND [ARGS_JSON] | list", "queue a job, or list recent jobs" },
	{ "render", cmd_render, "[--partials DIR] TEMPLATE DATA.json",
	  "render a Mustache template with JSON data (theme preview)" },
	{ "routes", cmd_routes, "", "every route: method, pattern, role, module, template, inputs (TSV)" },
	{ "sql", cmd_sql, "check [--strict]",
	  "prepare every module's statements against the schema and check their parameters "
	  "and the tables they write (TAP)" },
	{ "version", cmd_version, "", "print the version" },
	{ "help", cmd_help, "", "list the commands" },
	{ 0 },
};

static void each_command(int (*fn)(const struct sl_command *, void *), void *arg)
{
	const struct sl_command *c;
	size_t m;

	for (c = core_commands; c->name; c++)
		if (fn(c, arg))
			return;
	for (m = 0; sl_modules[m] != NULL; m++)
		for (c = sl_modules[m]->commands; c != NULL && c->name != NULL; c++)
			if (fn(c, arg))
				return;
}

static int print_one(const struct sl_command *c, void *arg)
{
	(void)arg;
	printf("  %-10s %-40s %s\n", c->name, c->usage, c->summary);
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: salient [-c FILE] COMMAND [ARGS...]\n\ncommands:\n");
	each_command(print_one, NULL);
	printf("\nThe configuration is -c FILE, else $SALIENT_CONF.\n");
	return 0;
}

struct find { const char *name; const struct sl_command *found; };

static int find_one(const struct sl_command *c, void *arg)
{
	struct find *f = arg;

	if (strcmp(c->name, f->name) != 0)
		return 0;
	f->found = c;
	return 1;
}

int main(int argc, char **argv)
{
	struct find f = { NULL, NULL };
	int ch, rc;

	while ((ch = getopt(argc, argv, "+c:hV")) != -1) {
		switch (ch) {
		case 'c':
			cli_set_conf_path(optarg);
			break;
		case 'V':
			return cmd_version(0, NULL);
		default:
			cmd_help(0, NULL);
			return ch == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc) {
		cmd_help(0, NULL);
		return 2;
	}
	log_setup("warn", "salient");
	f.name = argv[optind];
	each_command(find_one, &f);
	if (f.found == NULL) {
		fprintf(stderr, "salient: unknown command '%s' (see 'salient help')\n", f.name);
		return 2;
	}
	rc = f.found->fn(argc - optind, argv + optind);
	cli_done();
	return rc;
}
