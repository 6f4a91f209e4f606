/*
 * db_cursor.c - the typed streamed cursor of include/salient/db.h: one
 * prepared statement of its own on the connection, results bound straight
 * to the caller's storage, so a fetch costs what a raw mysql_stmt_fetch()
 * does.  The cursor owns its statement; sl_cursor_close() frees both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "db_conn.h"

struct sl_cursor {
	struct sl_db *db;
	MYSQL_STMT *st;
	unsigned ncols;
	char kind[SL_DB_MAXCOLS];
	MYSQL_BIND res[SL_DB_MAXCOLS];
	my_bool null[SL_DB_MAXCOLS], trunc[SL_DB_MAXCOLS];
	unsigned long len[SL_DB_MAXCOLS];
	size_t *lenout[SL_DB_MAXCOLS];
	long long *dayout[SL_DB_MAXCOLS];
	MYSQL_TIME tm[SL_DB_MAXCOLS];
	/* the parameters' storage: read by mysql_stmt_execute(), after binding */
	union { long long i; double d; } num[SL_DB_MAXPARAMS];
	unsigned long plen[SL_DB_MAXPARAMS];
	my_bool pnull[SL_DB_MAXPARAMS];
	char err[256];
};

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void cursor_err(struct sl_cursor *c)
{
	unsigned eno = mysql_stmt_errno(c->st);
	const char *msg = mysql_stmt_error(c->st);

	snprintf(c->err, sizeof(c->err), "%u: %s", eno, msg);
	db_set_error(c->db, eno, msg);
}

/* Binds the parameters by letter ('s', 'i', 'u', 'd'); 0 or -1. */
static int bind_params(struct sl_cursor *c, const char *types, va_list ap)
{
	MYSQL_BIND b[SL_DB_MAXPARAMS];
	unsigned i, n = (unsigned)strlen(types);

	if (n != mysql_stmt_param_count(c->st) || n > SL_DB_MAXPARAMS) {
		snprintf(c->err, sizeof(c->err), "statement wants %lu parameters, %u given",
		    mysql_stmt_param_count(c->st), n);
		return -1;
	}
	memset(b, 0, sizeof(b[0]) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		const char *s;

		c->pnull[i] = 0;
		b[i].is_null = &c->pnull[i];
		switch (types[i]) {
		case 's':
			s = va_arg(ap, const char *);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)s;
			c->plen[i] = s ? (unsigned long)strlen(s) : 0;
			b[i].length = &c->plen[i];
			c->pnull[i] = s == NULL;
			break;
		case 'i':
		case 'u':
			c->num[i].i = va_arg(ap, long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].is_unsigned = types[i] == 'u';
			b[i].buffer = &c->num[i].i;
			break;
		case 'd':
			c->num[i].d = va_arg(ap, double);
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = &c->num[i].d;
			break;
		default:
			snprintf(c->err, sizeof(c->err), "bad parameter type '%c'", types[i]);
			return -1;
		}
	}
	if (n && mysql_stmt_bind_param(c->st, b) != 0) {
		cursor_err(c);
		return -1;
	}
	return 0;
}

struct sl_cursor *sl_cursor_open(struct sl_db *db, const char *sql, const char *types, ...)
{
	struct sl_cursor *c = NULL;
	va_list ap;
	int rc;

	if (db_ensure(db) != 0)
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->db = db;
	if ((c->st = mysql_stmt_init(db_handle(db))) == NULL)
		goto fail;
	if (mysql_stmt_prepare(c->st, sql, (unsigned long)strlen(sql)) != 0) {
		cursor_err(c);
		goto fail;
	}
	va_start(ap, types);
	rc = bind_params(c, types, ap);
	va_end(ap);
	if (rc != 0 || mysql_stmt_execute(c->st) != 0) {
		if (rc == 0)
			cursor_err(c);
		goto fail;
	}
	c->ncols = mysql_stmt_field_count(c->st);
	return c;
fail:
	sl_cursor_close(c);
	return NULL;
}

/* Sets up column i of kind k from the variadic storage; 0 or -1. */
static int bind_col(struct sl_cursor *c, unsigned i, char k, va_list *ap)
{
	MYSQL_BIND *b = &c->res[i];

	b->is_null = &c->null[i];
	b->error = &c->trunc[i];
	b->length = &c->len[i];
	c->kind[i] = k;
	switch (k) {
	case 'i':
	case 'u':
		b->buffer_type = MYSQL_TYPE_LONGLONG;
		b->is_unsigned = k == 'u';
		b->buffer = va_arg(*ap, long long *);
		return 0;
	case 'n':
		b->buffer_type = MYSQL_TYPE_LONG;
		b->is_unsigned = 1;
		b->buffer = va_arg(*ap, unsigned *);
		return 0;
	case 'd':
		b->buffer_type = MYSQL_TYPE_DOUBLE;
		b->buffer = va_arg(*ap, double *);
		return 0;
	case 'D':
		b->buffer_type = MYSQL_TYPE_DATE;
		b->buffer = &c->tm[i];
		c->dayout[i] = va_arg(*ap, long long *);
		return 0;
	case 's':
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = va_arg(*ap, char *);
		b->buffer_length = (unsigned long)va_arg(*ap, size_t);
		c->lenout[i] = va_arg(*ap, size_t *);
		if (b->buffer_length == 0)
			return -1;
		b->buffer_length--;
		return 0;
	default:
		return -1;
	}
}

int sl_cursor_bind(struct sl_cursor *c, const char *cols, ...)
{
	unsigned i, n = (unsigned)strlen(cols);
	va_list ap;
	int rc = 0;

	if (n != c->ncols || n > SL_DB_MAXCOLS) {
		snprintf(c->err, sizeof(c->err), "statement has %u columns, %u bound", c->ncols, n);
		return -1;
	}
	memset(c->res, 0, sizeof(c->res));
	va_start(ap, cols);
	for (i = 0; i < n && rc == 0; i++)
		if ((rc = bind_col(c, i, cols[i], &ap)) != 0)
			snprintf(c->err, sizeof(c->err), "bad column type '%c'", cols[i]);
	va_end(ap);
	if (rc == 0 && mysql_stmt_bind_result(c->st, c->res) != 0) {
		cursor_err(c);
		rc = -1;
	}
	return rc;
}

int sl_cursor_fetch(struct sl_cursor *c)
{
	unsigned i;
	int f = mysql_stmt_fetch(c->st);

	if (f == MYSQL_NO_DATA)
		return 0;
	if (f == 1) {
		cursor_err(c);
		return -1;
	}
	for (i = 0; i < c->ncols; i++) {
		if (c->null[i])
			continue;
		if (c->kind[i] == 's') {
			unsigned long n = c->len[i] < c->res[i].buffer_length ?
			    c->len[i] : c->res[i].buffer_length;

			((char *)c->res[i].buffer)[n] = '\0';
			*c->lenout[i] = n;
		} else if (c->kind[i] == 'D')
			*c->dayout[i] = days_from_civil(c->tm[i].year, c->tm[i].month, c->tm[i].day);
	}
	return 1;
}

int sl_cursor_isnull(const struct sl_cursor *c, unsigned col)
{
	return col >= c->ncols || c->null[col];
}

const char *sl_cursor_error(const struct sl_cursor *c)
{
	return c->err;
}

void sl_cursor_close(struct sl_cursor *c)
{
	if (c == NULL)
		return;
	if (c->st != NULL)
		mysql_stmt_close(c->st);
	free(c);
}
