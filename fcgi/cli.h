/*
 * cli.h - the `salient` program's configuration and database, kept in the
 * library so that module commands link into every binary (salient-fcgi
 * links the modules too, and never calls these).
 */
#ifndef SALIENT_CLI_PRIV_H
#define SALIENT_CLI_PRIV_H

struct sl_config;

/* The configuration file to read (-c); NULL = $SALIENT_CONF or the default. */
void cli_set_conf_path(const char *path);
/*
 * The configuration, read on first use (which also sets the log level and
 * TZ to the site's time zone); prints why and returns NULL when it fails.
 */
const struct sl_config *cli_conf(void);
/* Closes the database and frees the configuration. */
void cli_done(void);

#endif
