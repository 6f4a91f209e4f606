/*
 * migrate.c - the migrations runner.
 *
 * A migration is plain SQL: statements end with ';' at the end of a line.
 * The file is split outside quotes and comments and run statement by
 * statement (the client does not enable multi-statements).  MariaDB DDL is
 * not transactional, so a file that fails half way is reported with the line
 * of the failing statement and is not recorded: fix it and run again (write
 * migrations with IF NOT EXISTS so a rerun is safe).
 *
 * A migration is recorded in schema_migrations by its file name without
 * ".sql".  A file renumbered later is listed in renamed[]: before the run,
 * a row under its old name is moved to the new one, so an install that
 * applied it under the old name does not apply it again.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core_sql.h"
#include "db_conn.h"
#include "fileio.h"
#include "salient/log.h"
#include "migrate.h"

#define MAX_FILES 1000
#define MAX_FILE_BYTES (8u << 20)



/* Migrations renumbered after they shipped: { new name, old name }.  The
 * file's bytes are unchanged (its checksum is the one recorded). */
static const struct {
	const char *name, *was;
} renamed[] = {
	/* two migrations were numbered 008 (tests/integration/03_database.t) */
	{"011_classify_palive", "008_classify_palive"},
};

static int is_migration(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && name[0] >= '0' && name[0] <= '9' && name[1] >= '0' &&
	    name[1] <= '9' && name[2] >= '0' && name[2] <= '9' && name[3] == '_' &&
	    strcmp(name + n - 4, ".sql") == 0;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The migration file names of dir, sorted; free with free_names(). */
static char **list_files(const char *dir, size_t *n, char *err, size_t errlen)
{
	char **names = NULL;
	struct dirent *de;
	DIR *d;

	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	if ((names = calloc(MAX_FILES, sizeof(*names))) == NULL)
		goto fail;
	while ((de = readdir(d)) != NULL) {
		if (!is_migration(de->d_name))
			continue;
		if (*n == MAX_FILES) {
			snprintf(err, errlen, "%s: more than %d migrations", dir, MAX_FILES);
			goto fail;
		}
		if ((names[*n] = strdup(de->d_name)) == NULL)
			goto fail;
		(*n)++;
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), cmpstr);
	return names;
fail:
	if (err[0] == '\0')
		snprintf(err, errlen, "out of memory");
	closedir(d);
	while (names && *n > 0)
		free(names[--(*n)]);
	free(names);
	return NULL;
}

static void free_names(char **names, size_t n)
{
	while (names && n > 0)
		free(names[--n]);
	free(names);
}

/*
 * Finds the end of the statement starting at s[*pos]: a ';' followed by
 * blanks and a newline (or the end), outside quotes and comments.  Returns
 * the statement's length (without the ';'), updates *pos and *line.
 */
static size_t next_statement(const char *s, size_t len, size_t *pos, int *line)
{
	size_t i = *pos;
	char q = 0;

	for (; i < len; i++) {
		char c = s[i];

		if (c == '\n')
			(*line)++;
		if (q) {
			if (c == '\\' && q != '`' && i + 1 < len)
				i++;
			else if (c == q)
				q = 0;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`') {
			q = c;
		} else if (c == '-' && i + 2 < len && s[i + 1] == '-' &&
		    (s[i + 2] == ' ' || s[i + 2] == '\t' || s[i + 2] == '\n')) {
			while (i < len && s[i] != '\n')
				i++;
			if (i < len)
				(*line)++;
		} else if (c == '#') {
			while (i < len && s[i] != '\n')
				i++;
			if (i < len)
				(*line)++;
		} else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
				if (s[i] == '\n')
					(*line)++;
			i++;
		} else if (c == ';') {
			size_t j = i + 1;

			while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j == len || s[j] == '\n') {
				size_t n = i - *pos;

				*pos = i + 1;
				return n;
			}
		}
	}
	{
		size_t n = i - *pos;

		*pos = len;
		return n;
	}
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	}
	return 1;
}

/*
 * Runs each statement of one file.  The line reported for a failure is the
 * first line of the statement after leading blank lines and comments.
 */
static int apply_file(struct sl_db *db, const char *path, const char *sql,
    size_t len, char *err, size_t errlen)
{
	size_t pos = 0;
	int line = 1;

	while (pos < len) {
		int start = line;
		size_t from = pos, n = next_statement(sql, len, &pos, &line);
		size_t end = from + n;

		if (blank(sql + from, n))
			continue;
		while (from < end) {
			if (sql[from] == '-' && from + 1 < end && sql[from + 1] == '-') {
				while (from < end && sql[from] != '\n')
					from++;
			} else if (sql[from] == '\n') {
				start++;
				from++;
			} else if (sql[from] == ' ' || sql[from] == '\t' || sql[from] == '\r') {
				from++;
			} else {
				break;
			}
		}
		if (db_query(db, sql + from, end - from) != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, start, sl_db_error(db));
			return -1;
		}
	}
	return 0;
}

int migrate_run(struct sl_db *db, const char *dir, int verbose, char *err, size_t errlen)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1], path[4096];
	char **names = NULL;
	char *sql = NULL;
	struct sl_stmt *st;
	size_t n = 0, i, len;
	int rc = -1, locked = 0, done = 0;

	err[0] = '\0';
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		goto out;
	}
	if (db_ensure(db) != 0 || db_query(db, core_sql[CORE_MIGRATE_CREATE].sql,
	    strlen(core_sql[CORE_MIGRATE_CREATE].sql)) != 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		goto out;
	}
	if ((st = sl_db_stmt(db, core_sql[CORE_MIGRATE_LOCK].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_MIGRATE_LOCK].types) != 0 ||
	    sl_stmt_fetch(st) != 1 || sl_stmt_int(st, 0) != 1) {
		snprintf(err, errlen, "could not take the migration lock: %s", sl_db_error(db));
		goto out;
	}
	sl_stmt_done(st);
	locked = 1;
	for (i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++) {
		if (sl_db_exec(db, SL_SQL(core_sql, CORE_MIGRATE_RENAME), renamed[i].name, renamed[i].was) < 0) {
			snprintf(err, errlen, "renaming %s: %s", renamed[i].was, sl_db_error(db));
			goto out;
		}
	}
	if ((names = list_files(dir, &n, err, errlen)) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		char version[128];
		const char *have;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(version, sizeof(version), "%.*s", (int)(strlen(names[i]) - 4), names[i]);
		free(sql);
		if (fio_read(path, MAX_FILE_BYTES, &sql, &len, err, errlen) != 0)
			goto out;
		crypto_hash_sha256(hash, (const unsigned char *)sql, len);
		sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
		if ((st = sl_db_stmt(db, core_sql[CORE_MIGRATE_GET].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_MIGRATE_GET].types, version) != 0) {
			snprintf(err, errlen, "database: %s", sl_db_error(db));
			goto out;
		}
		if (sl_stmt_fetch(st) == 1) {
			have = sl_stmt_str(st, 0, NULL);
			if (have && strcmp(have, hex) != 0)
				log_warn("migration %s was changed after it was applied", version);
			sl_stmt_done(st);
			continue;
		}
		sl_stmt_done(st);
		if (verbose)
			printf("applying %s\n", version);
		if (apply_file(db, path, sql, len, err, errlen) != 0)
			goto out;
		if (sl_db_exec(db, SL_SQL(core_sql, CORE_MIGRATE_PUT), version, hex) != 1) {
			snprintf(err, errlen, "recording %s: %s", version, sl_db_error(db));
			goto out;
		}
		done++;
	}
	if (verbose)
		printf("%d applied, %zu in all\n", done, n);
	rc = 0;
out:
	if (locked && (st = sl_db_stmt(db, core_sql[CORE_MIGRATE_UNLOCK].sql)) != NULL && sl_stmt_exec(st, "") == 0)
		sl_stmt_done(st);
	free(sql);
	free_names(names, n);
	return rc;
}

int migrate_count(const char *dir)
{
	char **names, err[256];
	size_t n = 0;

	err[0] = '\0';
	if ((names = list_files(dir, &n, err, sizeof(err))) == NULL)
		return -1;
	free_names(names, n);
	return (int)n;
}

int migrate_state(struct sl_db *db, int available, struct migrate_state *ms)
{
	struct sl_stmt *st;

	memset(ms, 0, sizeof(*ms));
	if ((st = sl_db_stmt(db, core_sql[CORE_MIGRATE_COUNT].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_MIGRATE_COUNT].types) != 0 ||
	    sl_stmt_fetch(st) != 1)
		return -1;
	ms->applied = (int)sl_stmt_int(st, 0);
	snprintf(ms->latest, sizeof(ms->latest), "%s", sl_stmt_str(st, 1, NULL));
	sl_stmt_done(st);
	ms->available = available;
	ms->pending = available > ms->applied ? available - ms->applied : 0;
	return 0;
}
