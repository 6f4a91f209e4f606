/*
 * cli.h - what a module's command (struct sl_command) may use from the
 * `salient` program.
 */
#ifndef SALIENT_CLI_H
#define SALIENT_CLI_H

struct sl_db;

/*
 * The database named by the configuration (-c FILE or $SALIENT_CONF),
 * connected; prints why and returns NULL when that fails.  Owned by the
 * program: do not close it.
 */
struct sl_db *sl_cli_db(void);

/* A value of the configuration by "section.key", or NULL when unset. */
const char *sl_cli_conf(const char *key);

#endif
