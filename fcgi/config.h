/*
 * config.h - the INI configuration (libinih), named by -c or SALIENT_CONF.
 * Every key is documented in deploy/salient.conf.example; the table of keys
 * lives in config.c.
 */
#ifndef SALIENT_CONFIG_H
#define SALIENT_CONFIG_H

#include <stddef.h>

#define CONF_MAX_SCHEDULE 32

struct conf_schedule {
	char *name;      /* the key, e.g. "recompute" */
	char *cron;      /* "0 1,7,13,19 * * *" */
	char *kind;      /* job kind, e.g. "classify.recompute" */
};

struct sl_config {
	char *path;            /* the file it was read from */
	/* [server] */
	char *listen;          /* "/run/salient/fcgi.sock" or "127.0.0.1:9000" */
	long workers;
	long threads;
	long socket_mode;      /* for a unix socket, octal in the file */
	long backlog;
	char *prefix;          /* "/salient" (no trailing slash) */
	long max_body;         /* bytes of a urlencoded or JSON body */
	long max_upload;       /* bytes of a multipart body */
	long max_fields;
	long max_query;        /* bytes of a query string (414 above it) */
	long max_json_depth;   /* nesting of a JSON body (400 deeper) */
	long request_seconds;  /* each statement of a request; 0 = no limit */
	long download_seconds; /* the same for SL_ROUTE_LONG routes (exports) */
	char *base_url;        /* "https://shop.example" (for links in mail) */
	/* [database] */
	char *db_socket;
	char *db_host;
	long db_port;
	char *db_user;
	char *db_password;
	char *db_name;
	char *db_read_socket;  /* optional read-only replica for reports */
	char *db_read_host;
	long db_read_port;
	/* [site] */
	char *timezone;        /* the site's time zone, e.g. "Europe/Copenhagen" */
	char *language;        /* default language: en, da or ru */
	char *currency;
	/* [paths] */
	char *theme_dir;
	char *sql_dir;
	/* [security] */
	char *secret;          /* HMAC secret for trade-customer tokens */
	char *api_key;         /* bootstrap API key (hashed tokens come later) */
	/* [log] */
	char *log_level;       /* error, warn, info, debug */
	/* [worker] */
	long job_poll_ms;
	long job_max_attempts;
	long job_stale_seconds;
	/* [import] */
	long import_batch_max; /* most rows in one POST /api/v1/import/{kind} */
	/* [schedule] */
	struct conf_schedule schedule[CONF_MAX_SCHEDULE];
	size_t nschedule;
};

/*
 * Reads the file at path (defaults applied first).  Returns NULL with a
 * message in err ("salient.conf:12: unknown key 'wokers' in [server]");
 * free with conf_free().
 */
struct sl_config *conf_load(const char *path, char *err, size_t errlen);
void conf_free(struct sl_config *c);

/*
 * The value of key "section.name" (as in the file): 0 with a text in *str
 * (NULL when unset; borrowed from c), 1 with a number in *num, -1 when
 * there is no such key.
 */
int conf_value(const struct sl_config *c, const char *dotted, const char **str, long *num);

/* The config path: argument, else $SALIENT_CONF, else the installed one. */
const char *conf_path(const char *arg);

#endif
