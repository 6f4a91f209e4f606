/*
 * config.c - the INI configuration, one table of keys.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "salient/jsonread.h"

#ifndef SL_SYSCONFDIR
#define SL_SYSCONFDIR "/etc/salient"
#endif
#ifndef SL_DATADIR
#define SL_DATADIR "/usr/local/share/salient"
#endif

enum ktype { K_STR, K_LONG, K_OCTAL };

struct key {
	const char *section;
	const char *name;
	enum ktype type;
	size_t off;
	const char *def;     /* default as text, NULL = unset */
	long min, max;       /* for numbers */
};

#define S(sec, nm, field, def) \
	{ sec, nm, K_STR, offsetof(struct sl_config, field), def, 0, 0 }
#define L(sec, nm, field, def, lo, hi) \
	{ sec, nm, K_LONG, offsetof(struct sl_config, field), def, lo, hi }

static const struct key keys[] = {
	S("server", "listen", listen, "/run/salient/fcgi.sock"),
	L("server", "workers", workers, "2", 1, 256),
	L("server", "threads", threads, "8", 1, 256),
	{ "server", "socket_mode", K_OCTAL, offsetof(struct sl_config, socket_mode), "0660", 0, 0777 },
	L("server", "backlog", backlog, "256", 1, 65535),
	S("server", "prefix", prefix, "/salient"),
	L("server", "max_body", max_body, "1048576", 1024, 1073741824),
	L("server", "max_upload", max_upload, "67108864", 1024, 1073741824),
	L("server", "max_fields", max_fields, "1000", 1, 100000),
	L("server", "max_query", max_query, "4096", 256, 1048576),
	L("server", "max_json_depth", max_json_depth, "32", 2, SL_JSON_MAX_DEPTH),
	L("server", "request_seconds", request_seconds, "30", 0, 86400),
	L("server", "download_seconds", download_seconds, "900", 0, 86400),
	S("server", "base_url", base_url, "http://localhost"),
	S("database", "socket", db_socket, NULL),
	S("database", "host", db_host, NULL),
	L("database", "port", db_port, "3306", 1, 65535),
	S("database", "user", db_user, "salient"),
	S("database", "password", db_password, ""),
	S("database", "name", db_name, "salient"),
	S("database", "read_socket", db_read_socket, NULL),
	S("database", "read_host", db_read_host, NULL),
	L("database", "read_port", db_read_port, "3306", 1, 65535),
	S("site", "timezone", timezone, "UTC"),
	S("site", "language", language, "en"),
	S("site", "currency", currency, "EUR"),
	S("paths", "theme_dir", theme_dir, SL_DATADIR "/themes/default"),
	S("paths", "sql_dir", sql_dir, SL_DATADIR "/sql"),
	S("security", "secret", secret, NULL),
	S("security", "api_key", api_key, NULL),
	S("log", "level", log_level, "info"),
	L("worker", "poll_ms", job_poll_ms, "1000", 50, 60000),
	L("worker", "max_attempts", job_max_attempts, "5", 1, 100),
	L("worker", "stale_seconds", job_stale_seconds, "600", 10, 86400),
	L("import", "batch_max", import_batch_max, "10000", 1, 1000000),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* The key "section.name" of the table, or NULL. */
static const struct key *key_named(const char *dotted)
{
	size_t i, n;

	for (i = 0; i < NKEYS; i++) {
		n = strlen(keys[i].section);
		if (strncmp(dotted, keys[i].section, n) == 0 && dotted[n] == '.' &&
		    strcmp(dotted + n + 1, keys[i].name) == 0)
			return &keys[i];
	}
	return NULL;
}

int conf_value(const struct sl_config *c, const char *dotted, const char **str, long *num)
{
	const struct key *k = key_named(dotted);
	const char *field;

	if (k == NULL)
		return -1;
	field = (const char *)c + k->off;
	if (k->type == K_STR) {
		*str = *(char *const *)field;
		return 0;
	}
	*num = *(const long *)field;
	return 1;
}

struct loadctx {
	struct sl_config *c;
	char *err;
	size_t errlen;
	int failed;
};

static int set_key(struct sl_config *c, const struct key *k, const char *value,
    char *err, size_t errlen)
{
	void *field = (char *)c + k->off;
	char *end, *dup;
	long v;

	switch (k->type) {
	case K_STR:
		if ((dup = strdup(value)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		free(*(char **)field);
		*(char **)field = dup;
		return 0;
	case K_LONG:
	case K_OCTAL:
		errno = 0;
		v = strtol(value, &end, k->type == K_OCTAL ? 8 : 10);
		if (errno || end == value || *end != '\0' || v < k->min || v > k->max) {
			snprintf(err, errlen, "%s: '%s' is not a number from %ld to %ld",
			    k->name, value, k->min, k->max);
			return -1;
		}
		*(long *)field = v;
		return 0;
	}
	return -1;
}

static int add_schedule(struct sl_config *c, const char *name, const char *value,
    char *err, size_t errlen)
{
	/* "recompute = 0 1,7,13,19 * * * classify.recompute": cron, then kind */
	const char *sp = strrchr(value, ' ');
	struct conf_schedule *s;

	if (c->nschedule >= CONF_MAX_SCHEDULE) {
		snprintf(err, errlen, "more than %d schedule entries", CONF_MAX_SCHEDULE);
		return -1;
	}
	if (sp == NULL || sp[1] == '\0') {
		snprintf(err, errlen, "schedule %s: expected five cron fields and a job kind", name);
		return -1;
	}
	s = &c->schedule[c->nschedule];
	s->name = strdup(name);
	s->cron = strndup(value, (size_t)(sp - value));
	s->kind = strdup(sp + 1);
	if (s->name == NULL || s->cron == NULL || s->kind == NULL) {
		free(s->name);
		free(s->cron);
		free(s->kind);
		memset(s, 0, sizeof(*s));
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->nschedule++;
	return 0;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct loadctx *lc = user;
	char msg[256];
	size_t i;

	if (lc->failed)
		return 0;
	if (strcmp(section, "schedule") == 0) {
		if (add_schedule(lc->c, name, value, msg, sizeof(msg)) == 0)
			return 1;
		goto bad;
	}
	for (i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0) {
			if (set_key(lc->c, &keys[i], value, msg, sizeof(msg)) == 0)
				return 1;
			goto bad;
		}
	}
	snprintf(msg, sizeof(msg), "unknown key '%s' in [%s]", name, section);
bad:
	lc->failed = 1;
	snprintf(lc->err, lc->errlen, "%s", msg);
	return 0;
}

struct sl_config *conf_load(const char *path, char *err, size_t errlen)
{
	struct sl_config *c = NULL;
	struct loadctx lc;
	char msg[256];
	size_t i;
	int line;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (i = 0; i < NKEYS; i++) {
		if (keys[i].def != NULL &&
		    set_key(c, &keys[i], keys[i].def, err, errlen) != 0)
			goto fail;
	}
	if ((c->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	lc.c = c;
	lc.err = msg;
	lc.errlen = sizeof(msg);
	lc.failed = 0;
	msg[0] = '\0';
	line = ini_parse(path, on_key, &lc);
	if (line == -1) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		goto fail;
	}
	if (line != 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line,
		    msg[0] ? msg : "syntax error");
		goto fail;
	}
	/* trailing slash on the prefix would double in every URL */
	i = strlen(c->prefix);
	while (i > 1 && c->prefix[i - 1] == '/')
		c->prefix[--i] = '\0';
	return c;
fail:
	conf_free(c);
	return NULL;
}

void conf_free(struct sl_config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < NKEYS; i++) {
		if (keys[i].type == K_STR)
			free(*(char **)((char *)c + keys[i].off));
	}
	for (i = 0; i < c->nschedule; i++) {
		free(c->schedule[i].name);
		free(c->schedule[i].cron);
		free(c->schedule[i].kind);
	}
	free(c->path);
	free(c);
}

const char *conf_path(const char *arg)
{
	const char *env;

	if (arg != NULL && arg[0] != '\0')
		return arg;
	env = getenv("SALIENT_CONF");
	if (env != NULL && env[0] != '\0')
		return env;
	return SL_SYSCONFDIR "/salient.conf";
}
