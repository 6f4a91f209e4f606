/*
 * cli.c - configuration and database of the `salient` program (cli.h and
 * include/salient/cli.h).
 */
#include <stdarg.h>
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
#include "salient/text.h"

#include <json-c/json.h>

static const char *conf_arg;
static struct sl_config *conf;
static struct sl_db *cli_db;
static const char *cli_lang;              /* sl_cli_set_lang(), or NULL */
static struct json_object *cli_catalogs;  /* loaded on first sl_cli_text() */
static int cli_catalogs_tried;

/* The catalogs' languages (as the responder's, fcgi/request.c). */
static const char *const cli_langs[] = { "en", "da", "ru" };

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


/* s as one of cli_langs[] when it starts with one ("da_DK.UTF-8"), or NULL. */
static const char *lang_of(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(cli_langs) / sizeof(cli_langs[0]); i++)
		if (strncmp(s, cli_langs[i], 2) == 0 && (s[2] == '\0' || s[2] == '_' ||
		    s[2] == '-' || s[2] == '.' || s[2] == '@'))
			return cli_langs[i];
	return NULL;
}

int sl_cli_set_lang(const char *lang)
{
	const char *l = lang_of(lang);

	if (l == NULL || strlen(lang) != 2)
		return -1;
	cli_lang = l;
	return 0;
}

const char *sl_cli_lang(void)
{
	static const char *const env[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v, *l;
	size_t i;

	if (cli_lang != NULL)
		return cli_lang;
	/* POSIX: the first of these that is set decides */
	for (i = 0; i < sizeof(env) / sizeof(env[0]); i++)
		if ((v = getenv(env[i])) != NULL && v[0] != '\0') {
			if ((l = lang_of(v)) != NULL)
				return l;
			break;
		}
	if ((l = lang_of(sl_cli_conf("site.language"))) != NULL)
		return l;
	return "en";
}

const char *sl_cli_text(const char *key)
{
	const char *lang = sl_cli_lang(), *dir;
	char err[256];

	if (!cli_catalogs_tried) {
		cli_catalogs_tried = 1;
		dir = cli_conf() != NULL ? conf->theme_dir : NULL;
		if (dir != NULL && (cli_catalogs = sl_catalogs_load(dir, err, sizeof(err))) == NULL)
			fprintf(stderr, "salient: the message catalogs: %s\n", err);
	}
	return sl_catalogs_text(cli_catalogs, lang, key);
}

const char *sl_cli_textf(char *buf, size_t len, const char *key, ...)
{
	const char *kv[2 * 16 + 1];
	va_list ap;
	size_t n = 0;

	va_start(ap, key);
	while (n + 2 < sizeof(kv) / sizeof(kv[0]) && (kv[n] = va_arg(ap, const char *)) != NULL) {
		kv[n + 1] = va_arg(ap, const char *);
		n += 2;
	}
	va_end(ap);
	kv[n] = NULL;
	sl_text_fill(buf, len, sl_cli_text(key), kv);
	return buf;
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
	json_object_put(cli_catalogs);
	cli_catalogs = NULL;
	cli_catalogs_tried = 0;
}
