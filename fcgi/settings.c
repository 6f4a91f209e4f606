/*
 * settings.c - the declared settings of every module: lookup, reading with
 * defaults, and validation of new values (settings.h).  The page and the
 * API that edit them are modules/settings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_sql.h"
#include "salient/log.h"
#include "router.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "salient/num.h"
#include "salient/settings.h"

/* several at once (sl_setting_get_many): SETTINGS_BATCH names a statement */
#define SETTINGS_BATCH 8

const struct sl_setting *sl_setting_find(const char *key)
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

const struct sl_settings *sl_settings_section(size_t i, const char **module)
{
	size_t m;

	for (m = 0; sl_modules[m] != NULL; m++) {
		if (sl_modules[m]->settings == NULL)
			continue;
		if (i-- == 0) {
			*module = sl_modules[m]->name;
			return sl_modules[m]->settings;
		}
	}
	return NULL;
}

char *sl_setting_read(struct sl_db *db, const struct sl_setting *s)
{
	struct sl_stmt *st;
	const char *v;
	char *out = NULL;
	int rc;

	if ((st = sl_db_stmt(db, core_sql[CORE_SETTING_GET].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_SETTING_GET].types, s->name) != 0) {
		log_err("setting %s: %s", s->key, sl_db_error(db));
		return NULL;
	}
	rc = sl_stmt_fetch(st);
	if (rc == 1 && (v = sl_stmt_str(st, 0, NULL)) != NULL &&
	    sl_setting_check(s, v, NULL, 0) == 0)
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
	const struct sl_setting *s = sl_setting_find(key);

	if (s == NULL) {
		log_err("setting %s is not declared by any module", key);
		return NULL;
	}
	return sl_setting_read(db, s);
}

int sl_setting_get_many(struct sl_db *db, const char *const *keys, size_t n, char **values)
{
	const struct sl_setting *decl[SETTINGS_BATCH];
	const char *names[SETTINGS_BATCH];
	struct sl_stmt *st;
	size_t i, j, k, m;
	int rc;

	for (i = 0; i < n; i++)
		values[i] = NULL;
	for (i = 0; i < n; i += SETTINGS_BATCH) {
		m = n - i < SETTINGS_BATCH ? n - i : SETTINGS_BATCH;
		for (j = 0; j < SETTINGS_BATCH; j++) {
			decl[j] = j < m ? sl_setting_find(keys[i + j]) : NULL;
			if (j < m && decl[j] == NULL) {
				log_err("setting %s is not declared by any module", keys[i + j]);
				goto fail;
			}
			names[j] = decl[j] != NULL ? decl[j]->name : NULL;
		}
		if ((st = sl_db_stmt(db, core_sql[CORE_SETTING_GET_BATCH].sql)) == NULL ||
		    sl_stmt_exec(st, core_sql[CORE_SETTING_GET_BATCH].types, names[0], names[1], names[2], names[3], names[4],
		    names[5], names[6], names[7]) != 0) {
			log_err("settings: %s", sl_db_error(db));
			goto fail;
		}
		while ((rc = sl_stmt_fetch(st)) == 1) {
			const char *name = sl_stmt_str(st, 0, NULL), *v = sl_stmt_str(st, 1, NULL);

			for (k = 0; k < m; k++)
				if (name != NULL && v != NULL && values[i + k] == NULL &&
				    strcmp(name, names[k]) == 0 && sl_setting_check(decl[k], v, NULL, 0) == 0)
					values[i + k] = strdup(v);
		}
		sl_stmt_done(st);
		if (rc < 0) {
			log_err("settings: %s", sl_db_error(db));
			goto fail;
		}
		for (k = 0; k < m; k++)
			if (values[i + k] == NULL && (values[i + k] = strdup(decl[k]->def)) == NULL)
				goto fail;
	}
	return 0;
fail:
	for (i = 0; i < n; i++) {
		free(values[i]);
		values[i] = NULL;
	}
	return -1;
}

/*
 * sl_setting_get_many_at()'s cache: per thread (each thread has its own
 * connection), the values of the keys asked so far, valid for one version
 * of the settings' content.
 */
#define CACHE_MAX 64
static __thread struct {
	long long version;
	size_t n;
	const char *key[CACHE_MAX];
	char *value[CACHE_MAX];
} tcache = { -1, 0, { 0 }, { 0 } };


static void cache_clear(long long version)
{
	size_t i;

	for (i = 0; i < tcache.n; i++)
		free(tcache.value[i]);
	tcache.n = 0;
	tcache.version = version;
}

/* The cached value of key, or NULL. */
static const char *cache_get(const char *key)
{
	size_t i;

	for (i = 0; i < tcache.n; i++)
		if (tcache.key[i] == key || strcmp(tcache.key[i], key) == 0)
			return tcache.value[i];
	return NULL;
}

/* Reads every row once, fills the cache for keys; 0 or -1. */
static int cache_fill(struct sl_db *db, const char *const *keys, size_t n)
{
	const struct sl_setting *decl[CACHE_MAX];
	char *got[CACHE_MAX] = { 0 };
	struct sl_stmt *st;
	long long version = -1;
	size_t i;
	int rc, first = 1;

	if (n > CACHE_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if ((decl[i] = sl_setting_find(keys[i])) == NULL) {
			log_err("setting %s is not declared by any module", keys[i]);
			return -1;
		}
	if ((st = sl_db_stmt(db, core_sql[CORE_SETTING_ALL_VERSIONED].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_SETTING_ALL_VERSIONED].types) != 0) {
		log_err("settings: %s", sl_db_error(db));
		return -1;
	}
	while ((rc = sl_stmt_fetch(st)) == 1) {
		const char *name = sl_stmt_str(st, 0, NULL), *v = sl_stmt_str(st, 1, NULL);

		if (first) {
			version = sl_stmt_int(st, 2);
			first = 0;
			continue;
		}
		for (i = 0; name != NULL && v != NULL && i < n; i++)
			if (got[i] == NULL && strcmp(name, decl[i]->name) == 0 &&
			    sl_setting_check(decl[i], v, NULL, 0) == 0)
				got[i] = strdup(v);
	}
	sl_stmt_done(st);
	if (rc < 0) {
		log_err("settings: %s", sl_db_error(db));
		for (i = 0; i < n; i++)
			free(got[i]);
		return -1;
	}
	if (version != tcache.version)
		cache_clear(version);
	for (i = 0; i < n; i++) {
		if (got[i] == NULL)
			got[i] = strdup(decl[i]->def);
		if (cache_get(keys[i]) == NULL && tcache.n < CACHE_MAX) {
			tcache.key[tcache.n] = keys[i];
			tcache.value[tcache.n++] = got[i];
		} else {
			free(got[i]);
		}
	}
	return 0;
}

int sl_setting_get_many_at(struct sl_db *db, long long version, const char *const *keys,
    size_t n, char **values)
{
	size_t i;
	int filled = 0;

	for (i = 0; i < n; i++)
		values[i] = NULL;
	if (version != tcache.version)
		cache_clear(-1);
again:
	for (i = 0; i < n; i++) {
		const char *v = cache_get(keys[i]);

		if (v == NULL)
			break;
		if ((values[i] = strdup(v)) == NULL)
			goto fail;
	}
	if (i == n)
		return 0;
	for (i = 0; i < n; i++) {
		free(values[i]);
		values[i] = NULL;
	}
	if (filled || cache_fill(db, keys, n) != 0)
		return sl_setting_get_many(db, keys, n, values);   /* uncached */
	filled = 1;
	goto again;
fail:
	for (i = 0; i < n; i++) {
		free(values[i]);
		values[i] = NULL;
	}
	return -1;
}

long long sl_setting_int(struct sl_db *db, const char *key)
{
	const struct sl_setting *s = sl_setting_find(key);
	char *v;
	long long n;

	if (s == NULL) {
		log_err("setting %s is not declared by any module", key);
		return 0;
	}
	v = sl_setting_read(db, s);
	if (sl_num_ll(v != NULL ? v : s->def, &n) != 0)
		log_err("setting %s: '%.40s' is not a whole number", key, v != NULL ? v : s->def);
	free(v);
	return n;
}

/* True when the comma list list holds item. */
int sl_setting_list_has(const char *list, const char *item)
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
	has = sl_setting_list_has(v, choice);
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

int sl_setting_check(const struct sl_setting *s, const char *v, char *err, size_t errlen)
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
