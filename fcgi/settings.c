/*
 * settings.c - the declared settings of every module: lookup, reading with
 * defaults, and validation of new values (settings.h).  The page and the
 * API that edit them are modules/settings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "router.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "settings_int.h"

static const char sql_get[] = "SELECT value FROM settings WHERE name = ?";

const struct sl_setting *settings_find(const char *key)
{
	size_t m;
	const struct sl_setting *s;

	for (m = 0; sl_modules[m] != NULL; m++) {
		if (sl_modules[m]->settings == NULL)
			continue;
		for (s = sl_modules[m]->settings->items; s->key != NULL; s++)
			if (strcmp(s->key, key) == 0)
				return s;
	}
	return NULL;
}

char *settings_read(struct sl_db *db, const struct sl_setting *s)
{
	struct sl_stmt *st;
	const char *v;
	char *out = NULL;
	int rc;

	if ((st = sl_db_stmt(db, sql_get)) == NULL || sl_stmt_exec(st, "s", s->name) != 0) {
		log_err("setting %s: %s", s->key, sl_db_error(db));
		return NULL;
	}
	rc = sl_stmt_fetch(st);
	if (rc == 1 && (v = sl_stmt_str(st, 0, NULL)) != NULL &&
	    settings_check(s, v, NULL, 0) == 0)
		out = strdup(v);
	else if (rc >= 0)
		out = strdup(s->def);
	else
		log_err("setting %s: %s", s->key, sl_db_error(db));
	sl_stmt_done(st);
	return out;
}

char *sl_setting_get(struct sl_db *db, const char *key)
{
	const struct sl_setting *s = settings_find(key);

	if (s == NULL) {
		log_err("setting %s is not declared by any module", key);
		return NULL;
	}
	return settings_read(db, s);
}

long long sl_setting_int(struct sl_db *db, const char *key)
{
	const struct sl_setting *s = settings_find(key);
	char *v;
	long long n;

	if (s == NULL) {
		log_err("setting %s is not declared by any module", key);
		return 0;
	}
	v = settings_read(db, s);
	n = strtoll(v != NULL ? v : s->def, NULL, 10);
	free(v);
	return n;
}

/* True when the comma list list holds item. */
int settings_list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p = list;

	while (*p != '\0') {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, item, n) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

int sl_setting_has(struct sl_db *db, const char *key, const char *choice)
{
	char *v = sl_setting_get(db, key);
	int has;

	if (v == NULL)
		return 0;
	has = settings_list_has(v, choice);
	free(v);
	return has;
}

/* The index of word in a NULL-terminated list, or -1. */
static int choice_index(const char *const *choices, const char *word, size_t len)
{
	int i;

	for (i = 0; choices[i] != NULL; i++)
		if (strlen(choices[i]) == len && memcmp(choices[i], word, len) == 0)
			return i;
	return -1;
}

/* Checks a comma list of choices: each known, none twice, in choice order. */
static int check_set(const struct sl_setting *s, const char *v, char *err, size_t errlen)
{
	const char *p = v;
	int last = -1, i;

	if (*v == '\0')
		return 0;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);

		if ((i = choice_index(s->choices, p, len)) < 0) {
			snprintf(err, errlen, "%s: \"%.*s\" is not one of the choices",
			    s->key, (int)(len > 40 ? 40 : len), p);
			return -1;
		}
		if (i <= last) {
			snprintf(err, errlen, "%s: choices must be listed once each, in order",
			    s->key);
			return -1;
		}
		last = i;
		if (e == NULL)
			return 0;
		p = e + 1;
	}
}

int settings_check(const struct sl_setting *s, const char *v, char *err, size_t errlen)
{
	char tmp[8];
	long long n;
	char *end;
	size_t max;

	if (err == NULL) {
		err = tmp;
		errlen = sizeof(tmp);
	}
	switch (s->type) {
	case SL_SETTING_INT:
	case SL_SETTING_BOOL:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0) {
			snprintf(err, errlen, "%s: expected a whole number", s->key);
			return -1;
		}
		if (s->type == SL_SETTING_BOOL ? (n != 0 && n != 1) : (n < s->min || n > s->max)) {
			if (s->type == SL_SETTING_BOOL)
				snprintf(err, errlen, "%s: expected true or false", s->key);
			else
				snprintf(err, errlen, "%s: must be from %lld to %lld", s->key,
				    s->min, s->max);
			return -1;
		}
		break;
	case SL_SETTING_CHOICE:
		if (choice_index(s->choices, v, strlen(v)) < 0) {
			snprintf(err, errlen, "%s: \"%.40s\" is not one of the choices", s->key, v);
			return -1;
		}
		break;
	case SL_SETTING_SET:
		if (check_set(s, v, err, errlen) != 0)
			return -1;
		break;
	case SL_SETTING_TEXT:
		max = s->max > 0 ? (size_t)s->max : 200;
		if (strlen(v) > max) {
			snprintf(err, errlen, "%s: at most %zu bytes", s->key, max);
			return -1;
		}
		if (strpbrk(v, "\r\n\t") != NULL) {
			snprintf(err, errlen, "%s: must be one line", s->key);
			return -1;
		}
		break;
	default:
		snprintf(err, errlen, "%s: unknown setting type", s->key);
		return -1;
	}
	return s->check != NULL ? s->check(v, err, errlen) : 0;
}
