/*
 * settings_int.h - the core's side of settings.h, for the settings page and
 * API (modules/settings) and the tests.
 */
#ifndef SALIENT_SETTINGS_INT_H
#define SALIENT_SETTINGS_INT_H

#include <stddef.h>

#include "salient/settings.h"

/* The declaration with this key in any module, or NULL. */
const struct sl_setting *settings_find(const char *key);
/* The stored value of s, or its default when unset or no longer valid;
 * free with free().  NULL when the database failed (logged). */
char *settings_read(struct sl_db *db, const struct sl_setting *s);
/* Checks text v as a value of s: 0, or -1 with the reason (naming the key)
 * in err (err may be NULL). */
int settings_check(const struct sl_setting *s, const char *v, char *err, size_t errlen);

/* True when the comma list list holds item. */
int settings_list_has(const char *list, const char *item);

#endif
