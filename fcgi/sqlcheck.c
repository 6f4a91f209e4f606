/*
 * sqlcheck.c - `salient sql check [--strict]`: every statement of every
 * module's table (struct sl_module .sql, salient/db.h) is prepared against
 * the migrated schema, its parameter count compared with its types, and
 * every statement that writes a table checked against the tables its module
 * owns (.tables; one owner per table) or also writes (.touches); a LOAD
 * DATA, which the server cannot prepare, is checked for its table and for
 * taking no parameters.  TAP output, so make test runs it through prove.
 * --strict: a module with SQL but no table, and a table of the schema no
 * module owns, fail too.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "db_conn.h"
#include "router.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "sqlcheck.h"

#define NAME_MAX_ 64

static int tests, failed;

static void tap(int ok, const char *fmt, const char *a, const char *b, const char *c)
{
	tests++;
	if (!ok)
		failed++;
	printf("%sok %d - ", ok ? "" : "not ", tests);
	printf(fmt, a, b, c);
	putchar('\n');
}

/* The next word of s (letters, digits, _ and backquoted names), lower-cased
 * into w; returns the position after it. */
static const char *word(const char *s, char *w, size_t len)
{
	size_t n = 0;
	int quoted;

	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	quoted = *s == '`';
	s += quoted;
	while (*s != '\0' && (quoted ? *s != '`' : (isalnum((unsigned char)*s) || *s == '_'))) {
		if (n + 1 < len)
			w[n++] = (char)tolower((unsigned char)*s);
		s++;
	}
	s += quoted && *s == '`';
	w[n] = '\0';
	return s;
}

/*
 * The table a statement writes into t, or "" when it only reads: INSERT
 * [IGNORE] INTO t, REPLACE INTO t, UPDATE [IGNORE] t, DELETE [a] FROM t,
 * TRUNCATE [TABLE] t, LOAD DATA ... INTO TABLE t, and the schema's own:
 * CREATE TABLE [IF NOT EXISTS] t, DROP TABLE [IF EXISTS] t, RENAME TABLE t.
 */
static void written_table(const char *sql, char *t, size_t len)
{
	char w[NAME_MAX_];
	const char *p = word(sql, w, sizeof(w)), *q;

	t[0] = '\0';
	if (strcmp(w, "insert") == 0 || strcmp(w, "replace") == 0) {
		do
			p = word(p, w, sizeof(w));
		while (w[0] != '\0' && strcmp(w, "into") != 0);
		word(p, t, len);
	} else if (strcmp(w, "update") == 0) {
		q = word(p, w, sizeof(w));
		word(strcmp(w, "ignore") == 0 ? q : p, t, len);
	} else if (strcmp(w, "delete") == 0) {
		do
			p = word(p, w, sizeof(w));
		while (w[0] != '\0' && strcmp(w, "from") != 0);
		word(p, t, len);
	} else if (strcmp(w, "truncate") == 0) {
		q = word(p, w, sizeof(w));
		word(strcmp(w, "table") == 0 ? q : p, t, len);
	} else if (strcmp(w, "load") == 0 && (q = strcasestr(p, "into table")) != NULL) {
		word(q + 10, t, len);
	} else if (strcmp(w, "create") == 0 || strcmp(w, "drop") == 0 || strcmp(w, "rename") == 0) {
		p = word(p, w, sizeof(w));
		if (strcmp(w, "table") != 0)
			return;
		/* IF [NOT] EXISTS */
		q = word(p, t, len);
		if (strcmp(t, "if") == 0) {
			q = word(q, t, len);
			if (strcmp(t, "not") == 0)
				q = word(q, t, len);
			word(q, t, len);
		}
	}
}

/* Whether list holds name, or name is the scratch copy (name_new,
 * name_old) of a table the list holds, as a swap by RENAME TABLE uses. */
static int listed(const char *const *list, const char *name)
{
	size_t i, n, len = strlen(name);

	for (i = 0; list != NULL && list[i] != NULL; i++) {
		n = strlen(list[i]);
		if (strcasecmp(list[i], name) == 0 ||
		    (len == n + 4 && strncasecmp(list[i], name, n) == 0 &&
		    (strcasecmp(name + n, "_new") == 0 || strcasecmp(name + n, "_old") == 0)))
			return 1;
	}
	return 0;
}

/* The number of parameters the type letters stand for. */
static size_t ntypes(const char *types)
{
	return types != NULL ? strlen(types) : 0;
}

/*
 * A statement that fills the scratch copy of an owned table (t_new, which
 * exists only during a swap) is prepared against a temporary copy of the
 * table, so its columns are checked too.  The copy lives as long as the
 * command's session.
 */
static void scratch(struct sl_db *db, const struct sl_module *m, const char *sql, const char *t)
{
	char create[3 * NAME_MAX_ + 64];
	size_t n = strlen(t);

	if (n <= 4 || strcasecmp(t + n - 4, "_new") != 0 || !listed(m->tables, t) ||
	    strncasecmp(sql, "insert", 6) != 0)
		return;
	snprintf(create, sizeof(create), "CREATE TEMPORARY TABLE IF NOT EXISTS `%s` LIKE `%.*s`",
	    t, (int)(n - 4), t);
	/* a plain query: sl_db_exec() caches by the text's address */
	if (db_query(db, create, strlen(create)) != 0)
		tap(0, "module %s: a scratch copy %s for the check: %s", m->name, t, sl_db_error(db));
}

static void check_module(struct sl_db *db, const struct sl_module *m, int strict)
{
	char t[NAME_MAX_], idx[24], got[48];
	size_t i, k;
	struct sl_stmt *st;

	if (m->sql == NULL) {
		if (strict && m->routes != NULL)
			tap(0, "module %s keeps its statements in one table%s%s", m->name, "", "");
		return;
	}
	for (i = 0; i < m->nsql; i++) {
		snprintf(idx, sizeof(idx), "%zu", i);
		if (m->sql[i].sql == NULL) {
			tap(0, "module %s: statement %s is in the table", m->name, idx, "");
			continue;
		}
		written_table(m->sql[i].sql, t, sizeof(t));
		scratch(db, m, m->sql[i].sql, t);
		if (strncasecmp(m->sql[i].sql, "load data", 9) == 0) {
			/* the server prepares no LOAD DATA (sl_db_load() sends it
			 * as text): it takes no parameters */
			tap(ntypes(m->sql[i].types) == 0,
			    "module %s: statement %s (LOAD DATA, not prepared) has no types%s",
			    m->name, idx, "");
		} else {
			st = sl_db_stmt(db, m->sql[i].sql);
			tap(st != NULL, "module %s: statement %s prepares%s", m->name, idx,
			    st != NULL ? "" : sl_db_error(db));
			if (st == NULL)
				continue;
			snprintf(got, sizeof(got), "%u parameters, %zu types", sl_stmt_nparams(st),
			    ntypes(m->sql[i].types));
			tap(sl_stmt_nparams(st) == ntypes(m->sql[i].types),
			    "module %s: statement %s: %s", m->name, idx, got);
		}
		if (t[0] != '\0')
			tap(listed(m->tables, t) || listed(m->touches, t),
			    "module %s: statement %s writes %s, a table it owns (or touches)",
			    m->name, idx, t);
	}
	/* one owner per table */
	for (k = 0; m->tables != NULL && m->tables[k] != NULL; k++) {
		size_t j;

		for (j = 0; sl_modules[j] != NULL && sl_modules[j] != m; j++)
			if (listed(sl_modules[j]->tables, m->tables[k]))
				tap(0, "table %s has one owner (%s and %s claim it)", m->tables[k],
				    sl_modules[j]->name, m->name);
	}
}

static const char sql_tables[] =
    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
    "AND table_type = 'BASE TABLE' ORDER BY table_name";

static void check_owners(struct sl_db *db)
{
	struct sl_stmt *st = sl_db_stmt(db, sql_tables);
	const char *name;
	size_t i;
	int owned, rc;

	if (st == NULL || sl_stmt_exec(st, "") != 0) {
		tap(0, "the schema's tables are listed: %s%s%s", sl_db_error(db), "", "");
		return;
	}
	while ((rc = sl_stmt_fetch(st)) == 1) {
		name = sl_stmt_str(st, 0, NULL);
		for (i = 0, owned = 0; sl_modules[i] != NULL; i++)
			owned |= listed(sl_modules[i]->tables, name);
		tap(owned, "table %s has an owning module%s%s", name, "", "");
	}
	sl_stmt_done(st);
}

int cmd_sql(int argc, char **argv)
{
	struct sl_db *db;
	int strict = argc == 3 && strcmp(argv[2], "--strict") == 0;
	size_t i;

	if (argc < 2 || strcmp(argv[1], "check") != 0 || (argc == 3 && !strict) || argc > 3) {
		fprintf(stderr, "usage: salient sql check [--strict]\n");
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	for (i = 0; sl_modules[i] != NULL; i++)
		check_module(db, sl_modules[i], strict);
	if (strict)
		check_owners(db);
	printf("1..%d\n", tests);
	return failed == 0 ? 0 : 1;
}
