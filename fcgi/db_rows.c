/*
 * db_rows.c - sl_db_exec_rows() of include/salient/db.h: a multi-row
 * statement from the statement cache, its parameters bound straight to the
 * fields of the caller's rows (no copy), executed once.  The bind array
 * lives for the call only: mysql_stmt_bind_param() copies it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "db_conn.h"

/* Records a mistake of the caller (not the server's) on db; returns -1. */
static long long misuse(struct sl_db *db, const char *what)
{
	db_set_error(db, 0, what);
	return -1;
}

/* Whether types is the fields' letters nrows times, each a known one. */
static int types_match(const char *types, const struct sl_db_field *fields,
    size_t nfields, size_t nrows)
{
	size_t k, j;

	if (strlen(types) != nfields * nrows)
		return 0;
	for (j = 0; j < nfields; j++)
		if (strchr("siud", fields[j].type) == NULL)
			return 0;
	for (k = 0; k < nrows; k++)
		for (j = 0; j < nfields; j++)
			if (types[k * nfields + j] != fields[j].type)
				return 0;
	return 1;
}

/* Points b (one row's binds) at the fields of row; lens holds text lengths. */
static void bind_row(MYSQL_BIND *b, unsigned long *lens, const struct sl_db_field *fields,
    size_t nfields, const char *row)
{
	size_t j;

	for (j = 0; j < nfields; j++) {
		const void *f = row + fields[j].offset;
		const char *s;

		switch (fields[j].type) {
		case 's':
			s = *(const char *const *)f;
			b[j].buffer_type = s != NULL ? MYSQL_TYPE_STRING : MYSQL_TYPE_NULL;
			b[j].buffer = (void *)s;
			lens[j] = s != NULL ? (unsigned long)strlen(s) : 0;
			b[j].length = &lens[j];
			break;
		case 'i':
		case 'u':
			b[j].buffer_type = MYSQL_TYPE_LONGLONG;
			b[j].is_unsigned = fields[j].type == 'u';
			b[j].buffer = (void *)f;
			break;
		default:	/* 'd', as types_match() allows */
			b[j].buffer_type = MYSQL_TYPE_DOUBLE;
			b[j].buffer = (void *)f;
			break;
		}
	}
}

long long sl_db_exec_rows(struct sl_db *db, const char *sql, const char *types,
    const struct sl_db_field *fields, const void *rows, size_t size, size_t nrows)
{
	struct sl_stmt *s;
	MYSQL_BIND *b = NULL;
	unsigned long *lens = NULL;
	size_t nfields = 0, n, k;
	long long rc = -1;

	while (fields[nfields].type != 0)
		nfields++;
	if (nrows == 0 || nfields == 0 || !types_match(types, fields, nfields, nrows))
		return misuse(db, "the row fields do not match the statement's types");
	if ((s = sl_db_stmt(db, sql)) == NULL)
		return -1;
	n = nfields * nrows;
	if (sl_stmt_nparams(s) != n)
		return misuse(db, "the statement's parameters are not its types");
	if ((b = calloc(n, sizeof(*b))) == NULL || (lens = calloc(n, sizeof(*lens))) == NULL) {
		misuse(db, "out of memory");
		goto out;
	}
	for (k = 0; k < nrows; k++)
		bind_row(&b[k * nfields], &lens[k * nfields], fields, nfields,
		    (const char *)rows + k * size);
	sl_stmt_done(s);
	if (db_stmt_bind_exec(s, b) != 0)
		goto out;
	rc = (long long)sl_stmt_affected(s);
out:
	free(b);
	free(lens);
	return rc;
}
