/*
 * cli.h - what a module's command (struct sl_command) may use from the
 * `salient` program.
 */
#ifndef SALIENT_CLI_H
#define SALIENT_CLI_H

#include <stddef.h>

struct sl_db;

/*
 * The database named by the configuration (-c FILE or $SALIENT_CONF),
 * connected; prints why and returns NULL when that fails.  Owned by the
 * program: do not close it.
 */
struct sl_db *sl_cli_db(void);

/* A value of the configuration by "section.key", or NULL when unset. */
const char *sl_cli_conf(const char *key);

/*
 * Texts of the message catalogs (the theme's locales, salient/text.h) for
 * what a command prints for a person.  The language is the one
 * sl_cli_set_lang() chose (a command's --lang), else the locale's
 * (LC_ALL, LC_MESSAGES, LANG: "da_DK.UTF-8" is Danish), else the site's
 * default ([site] language), else English.
 */
/* Sets the language ("en", "da", "ru"); -1 when it is none of them. */
int sl_cli_set_lang(const char *lang);
const char *sl_cli_lang(void);
/* The text of key in that language (English when it lacks it; key itself
 * when no catalog has it).  Borrowed: valid until the program ends. */
const char *sl_cli_text(const char *key);
/* The text of key filled with named values (name, value, ..., NULL) as
 * sl_text_fill() does, into buf (len bytes).  Returns buf. */
const char *sl_cli_textf(char *buf, size_t len, const char *key, ...)
    __attribute__((sentinel));

#endif
