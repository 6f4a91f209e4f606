/*
 * cli.c - configuration and database of the `salient` program (cli.h and
 * include/salient/cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "db_conn.h"
#include "salient/log.h"
#include "salient/cli.h"
#include "salient/db.h"

static const char *conf_arg;
static struct sl_config *conf;
static struct sl_db *cli_db;

const struct sl_config *cli_conf(void)
{
	char err[512];

	if (conf != NULL)
		return conf;
	if ((conf = conf_load(conf_path(conf_arg), err, sizeof(err))) == NULL) {
		fprintf(stderr, "salient: %s\n", err);
		return NULL;
	}
	log_setup(conf->log_level, "salient");
	if (conf->timezone && conf->timezone[0]) {
		setenv("TZ", conf->timezone, 1);
		tzset();
	}
	return conf;
}

struct sl_db *sl_cli_db(void)
{
	if (cli_db != NULL)
		return cli_db;
	if (cli_conf() == NULL)
		return NULL;
	if ((cli_db = db_open(conf, 0)) == NULL || db_ensure(cli_db) != 0) {
		fprintf(stderr, "salient: cannot reach the database: %s\n",
		    cli_db ? sl_db_error(cli_db) : "out of memory");
		db_close(cli_db);
		cli_db = NULL;
	}
	return cli_db;
}

const char *sl_cli_conf(const char *key)
{
	const char *v = NULL;
	long n;

	if (cli_conf() == NULL || strncmp(key, "database.", 9) == 0 ||
	    conf_value(conf, key, &v, &n) != 0)
		return NULL;
	return v;
}


void cli_set_conf_path(const char *path)
{
	conf_arg = path;
}

void cli_done(void)
{
	db_close(cli_db);
	cli_db = NULL;
	conf_free(conf);
	conf = NULL;
}
