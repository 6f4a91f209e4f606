/*
 * db.c - MariaDB connections, the prepared-statement cache, and results as
 * json-c values.  See include/salient/db.h for the contract.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "config.h"
#include "db_conn.h"
#include "salient/log.h"
#include "salient/num.h"

#define STMT_CACHE 128
#define COLBUF_INIT 256
#define COLBUF_MAX (16u << 20)   /* one column value: 16 MiB */

struct sl_stmt {
	const char *sql;           /* the cache key: the caller's constant */
	MYSQL_STMT *st;
	struct sl_db *db;
	unsigned nparams;
	unsigned ncols;
	MYSQL_RES *meta;
	MYSQL_BIND res[SL_DB_MAXCOLS];
	char *buf[SL_DB_MAXCOLS];
	unsigned long cap[SL_DB_MAXCOLS];
	unsigned long len[SL_DB_MAXCOLS];
	my_bool null[SL_DB_MAXCOLS];
	my_bool trunc[SL_DB_MAXCOLS];
	int active;                /* executed with rows not yet all fetched */
};

struct sl_db {
	MYSQL *m;
	char *host, *socket, *user, *password, *name;
	unsigned port;
	int gone;
	int timed_out;             /* the last error was the statement deadline */
	long deadline_ms;          /* wanted max_statement_time, 0 = none */
	long deadline_set;         /* what the session has */
	time_t last_used;          /* a link idle longer than a second is pinged */
	char err[512];
	struct sl_stmt *cache[STMT_CACHE];
	size_t ncache;
};

static char *dupornull(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct sl_db *db_open(const struct sl_config *c, int read_only)
{
	struct sl_db *db;
	int replica = read_only && (c->db_read_socket || c->db_read_host);

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->socket = dupornull(replica ? c->db_read_socket : c->db_socket);
	db->host = dupornull(replica ? c->db_read_host : c->db_host);
	db->port = (unsigned)(replica ? c->db_read_port : c->db_port);
	db->user = dupornull(c->db_user);
	db->password = dupornull(c->db_password);
	db->name = dupornull(c->db_name);
	return db;
}

static void stmt_free(struct sl_stmt *s)
{
	unsigned i;

	if (s == NULL)
		return;
	if (s->meta)
		mysql_free_result(s->meta);
	if (s->st)
		mysql_stmt_close(s->st);
	for (i = 0; i < SL_DB_MAXCOLS; i++)
		free(s->buf[i]);
	free(s);
}

static void disconnect(struct sl_db *db)
{
	size_t i;

	for (i = 0; i < db->ncache; i++)
		stmt_free(db->cache[i]);
	db->ncache = 0;
	if (db->m)
		mysql_close(db->m);
	db->m = NULL;
}

void db_close(struct sl_db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db->host);
	free(db->socket);
	free(db->user);
	free(db->password);
	free(db->name);
	free(db);
}

static int is_gone_errno(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == ER_SERVER_SHUTDOWN || e == ER_CONNECTION_KILLED ||
	    e == CR_SERVER_LOST_EXTENDED;
}

/* Records the error of the connection or statement; drops a dead link. */
static void set_err(struct sl_db *db, unsigned eno, const char *msg)
{
	snprintf(db->err, sizeof(db->err), "%u: %s", eno, msg ? msg : "?");
	if (eno == ER_STATEMENT_TIMEOUT)
		db->timed_out = 1;
	if (is_gone_errno(eno)) {
		db->gone = 1;
		disconnect(db);
	}
}

/* The session every connection starts with. */
static const char sql_session[] =
    "SET time_zone = '+00:00', sql_mode = "
    "'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

/* A new connection with db's parameters and session, or NULL (reason in err). */
static MYSQL *connect_new(const struct sl_db *db, int local_infile, char *err, size_t errlen)
{
	unsigned timeout = 5, infile = local_infile ? 1 : 0;
	my_bool off = 0;
	MYSQL *m;

	if ((m = mysql_init(NULL)) == NULL) {
		snprintf(err, errlen, "mysql_init: out of memory");
		return NULL;
	}
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(m, MYSQL_OPT_RECONNECT, &off);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &infile);
	if (mysql_real_connect(m, db->host, db->user, db->password, db->name,
	    db->port, db->socket, CLIENT_FOUND_ROWS) == NULL) {
		snprintf(err, errlen, "connect: %s", mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	/* the site's dates are computed in C; the session stays in UTC */
	if (mysql_query(m, sql_session) != 0) {
		snprintf(err, errlen, "%u: %s", mysql_errno(m), mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

/*
 * Records a statement's error.  A failure of the link itself (lost
 * connection, interrupted read) is recorded on the connection, not the
 * statement: fall back to it so the log names the cause.
 */
static void stmt_err(struct sl_stmt *s)
{
	if (mysql_stmt_errno(s->st) != 0)
		set_err(s->db, mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
	else
		set_err(s->db, mysql_errno(s->db->m), mysql_error(s->db->m));
}

/*
 * Gives the session the wanted statement deadline (MariaDB's
 * max_statement_time, in seconds with milliseconds) when it differs from
 * what the session has: one round trip on a change, none otherwise.
 */
static int apply_deadline(struct sl_db *db)
{
	char sql[64];

	if (db->deadline_set == db->deadline_ms)
		return 0;
	snprintf(sql, sizeof(sql), "SET SESSION max_statement_time = %ld.%03ld",
	    db->deadline_ms / 1000, db->deadline_ms % 1000);
	if (mysql_query(db->m, sql) != 0) {
		set_err(db, mysql_errno(db->m), mysql_error(db->m));
		return -1;
	}
	db->deadline_set = db->deadline_ms;
	return 0;
}

int db_deadline(struct sl_db *db, long ms)
{
	db->timed_out = 0;
	db->deadline_ms = ms > 0 ? ms : 0;
	return db->m != NULL ? apply_deadline(db) : 0;
}

int db_timed_out(const struct sl_db *db)
{
	return db->timed_out;
}

int db_ensure(struct sl_db *db)
{
	time_t now = time(NULL);

	if (db->m != NULL) {
		/*
		 * A link idle for a while may have died with a server restart:
		 * ping it (one round trip, only after a second of rest) so the
		 * first request after a restart works instead of failing.
		 */
		if (now - db->last_used < 1 || mysql_ping(db->m) == 0) {
			db->last_used = now;
			return 0;
		}
		disconnect(db);
	}
	db->gone = 0;
	if ((db->m = connect_new(db, 0, db->err, sizeof(db->err))) == NULL) {
		db->gone = 1;
		return -1;
	}
	db->last_used = now;
	db->deadline_set = 0;   /* a new session has the server's default: none */
	return apply_deadline(db);
}

struct sl_db *sl_db_extra(const struct sl_db *db, int local_infile, char *err, size_t errlen)
{
	struct sl_db *x;

	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	x->socket = dupornull(db->socket);
	x->host = dupornull(db->host);
	x->port = db->port;
	x->user = dupornull(db->user);
	x->password = dupornull(db->password);
	x->name = dupornull(db->name);
	if ((x->m = connect_new(db, local_infile, err, errlen)) == NULL) {
		db_close(x);
		return NULL;
	}
	x->last_used = time(NULL);
	return x;
}

void sl_db_close(struct sl_db *db)
{
	db_close(db);
}

void db_set_error(struct sl_db *db, unsigned eno, const char *msg)
{
	set_err(db, eno, msg);
}

MYSQL *db_handle(struct sl_db *db)
{
	return db->m;
}

int db_stmt_bind_exec(struct sl_stmt *s, MYSQL_BIND *b)
{
	if ((b != NULL && mysql_stmt_bind_param(s->st, b) != 0) ||
	    mysql_stmt_execute(s->st) != 0) {
		stmt_err(s);
		return -1;
	}
	return 0;
}

int db_query(struct sl_db *db, const char *sql, size_t len)
{
	if (db_ensure(db) != 0)
		return -1;
	if (mysql_real_query(db->m, sql, (unsigned long)len) != 0) {
		set_err(db, mysql_errno(db->m), mysql_error(db->m));
		return -1;
	}
	/* drain any result so the connection stays usable */
	do {
		MYSQL_RES *r = mysql_store_result(db->m);

		if (r)
			mysql_free_result(r);
	} while (mysql_next_result(db->m) == 0);
	return 0;
}

const char *sl_db_error(const struct sl_db *db)
{
	return db->err;
}

int sl_db_gone(const struct sl_db *db)
{
	return db->gone;
}

static int stmt_setup_results(struct sl_stmt *s)
{
	unsigned i;

	s->meta = mysql_stmt_result_metadata(s->st);
	s->ncols = s->meta ? mysql_num_fields(s->meta) : 0;
	if (s->ncols > SL_DB_MAXCOLS) {
		snprintf(s->db->err, sizeof(s->db->err), "statement has %u columns (max %d)",
		    s->ncols, SL_DB_MAXCOLS);
		return -1;
	}
	for (i = 0; i < s->ncols; i++) {
		if ((s->buf[i] = malloc(COLBUF_INIT)) == NULL)
			return -1;
		s->cap[i] = COLBUF_INIT;
		s->res[i].buffer_type = MYSQL_TYPE_STRING;
		s->res[i].buffer = s->buf[i];
		s->res[i].buffer_length = COLBUF_INIT - 1;
		s->res[i].length = &s->len[i];
		s->res[i].is_null = &s->null[i];
		s->res[i].error = &s->trunc[i];
	}
	return 0;
}

struct sl_stmt *sl_db_stmt(struct sl_db *db, const char *sql)
{
	struct sl_stmt *s = NULL;
	size_t i;

	if (db_ensure(db) != 0)
		return NULL;
	for (i = 0; i < db->ncache; i++)
		if (db->cache[i]->sql == sql)
			return db->cache[i];
	if (db->ncache == STMT_CACHE) {
		/* evict the oldest; statements are cheap to prepare again */
		stmt_free(db->cache[0]);
		memmove(db->cache, db->cache + 1, (STMT_CACHE - 1) * sizeof(db->cache[0]));
		db->ncache--;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		goto fail;
	s->sql = sql;
	s->db = db;
	if ((s->st = mysql_stmt_init(db->m)) == NULL)
		goto fail;
	if (mysql_stmt_prepare(s->st, sql, (unsigned long)strlen(sql)) != 0) {
		set_err(db, mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
		log_err("prepare failed: %s in: %.200s", db->err, sql);
		goto fail;
	}
	/* any count: the variadic calls check theirs (sl_db_exec_rows binds more) */
	s->nparams = mysql_stmt_param_count(s->st);
	if (stmt_setup_results(s) != 0)
		goto fail;
	db->cache[db->ncache++] = s;
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* Binds by the type letters (see db.h); returns 0 or -1. */
static int stmt_vexec(struct sl_stmt *s, const char *types, va_list ap)
{
	MYSQL_BIND b[SL_DB_MAXPARAMS];
	union { long long i; unsigned long long u; double d; } num[SL_DB_MAXPARAMS];
	unsigned long lens[SL_DB_MAXPARAMS];
	my_bool isnull[SL_DB_MAXPARAMS];
	unsigned i, n = (unsigned)strlen(types);

	sl_stmt_done(s);
	if (n != s->nparams || n > SL_DB_MAXPARAMS) {
		snprintf(s->db->err, sizeof(s->db->err),
		    "statement wants %u parameters, %u given (at most %d)", s->nparams, n,
		    SL_DB_MAXPARAMS);
		return -1;
	}
	memset(b, 0, sizeof(b[0]) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		const char *str;
		const void *bytes;

		isnull[i] = 0;
		b[i].is_null = &isnull[i];
		switch (types[i]) {
		case 's':
			str = va_arg(ap, const char *);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)str;
			lens[i] = str ? (unsigned long)strlen(str) : 0;
			b[i].length = &lens[i];
			isnull[i] = str == NULL;
			break;
		case 'b':
			bytes = va_arg(ap, const void *);
			lens[i] = (unsigned long)va_arg(ap, size_t);
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)bytes;
			b[i].length = &lens[i];
			isnull[i] = bytes == NULL;
			break;
		case 'i':
			num[i].i = va_arg(ap, long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &num[i].i;
			break;
		case 'u':
			num[i].u = va_arg(ap, unsigned long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].is_unsigned = 1;
			b[i].buffer = &num[i].u;
			break;
		case 'd':
			num[i].d = va_arg(ap, double);
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = &num[i].d;
			break;
		default:
			snprintf(s->db->err, sizeof(s->db->err), "bad parameter type '%c'", types[i]);
			return -1;
		}
	}
	if (db_stmt_bind_exec(s, n ? b : NULL) != 0)
		return -1;
	if (s->ncols) {
		if (mysql_stmt_bind_result(s->st, s->res) != 0) {
			stmt_err(s);
			return -1;
		}
		s->active = 1;
	}
	return 0;
}

int sl_stmt_exec(struct sl_stmt *s, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = stmt_vexec(s, types, ap);
	va_end(ap);
	return rc;
}

/* Re-reads truncated columns into grown buffers. */
static int refetch_truncated(struct sl_stmt *s)
{
	unsigned i;

	for (i = 0; i < s->ncols; i++) {
		MYSQL_BIND one;
		char *nb;

		if (!s->trunc[i] || s->null[i])
			continue;
		if (s->len[i] >= COLBUF_MAX) {
			snprintf(s->db->err, sizeof(s->db->err), "column %u larger than %u bytes",
			    i, COLBUF_MAX);
			return -1;
		}
		if ((nb = realloc(s->buf[i], s->len[i] + 1)) == NULL)
			return -1;
		s->buf[i] = nb;
		s->cap[i] = s->len[i] + 1;
		memset(&one, 0, sizeof(one));
		one.buffer_type = MYSQL_TYPE_STRING;
		one.buffer = nb;
		one.buffer_length = s->cap[i] - 1;
		one.length = &s->len[i];
		one.is_null = &s->null[i];
		if (mysql_stmt_fetch_column(s->st, &one, i, 0) != 0) {
			stmt_err(s);
			return -1;
		}
		/* rebind so the next row uses the bigger buffer */
		s->res[i].buffer = nb;
		s->res[i].buffer_length = s->cap[i] - 1;
		s->trunc[i] = 0;
		if (mysql_stmt_bind_result(s->st, s->res) != 0)
			return -1;
	}
	return 0;
}

int sl_stmt_fetch(struct sl_stmt *s)
{
	unsigned i;
	int rc;

	if (!s->active)
		return 0;
	rc = mysql_stmt_fetch(s->st);
	if (rc == MYSQL_NO_DATA) {
		s->active = 0;
		return 0;
	}
	if (rc == 1) {
		stmt_err(s);
		s->active = 0;
		return -1;
	}
	if (rc == MYSQL_DATA_TRUNCATED && refetch_truncated(s) != 0) {
		sl_stmt_done(s);
		return -1;
	}
	for (i = 0; i < s->ncols; i++)
		if (!s->null[i])
			s->buf[i][s->len[i] < s->cap[i] ? s->len[i] : s->cap[i] - 1] = '\0';
	return 1;
}

/*
 * mysql_stmt_free_result() reads what is left of the rows, so the next
 * statement can run.  No mysql_stmt_reset(): it only matters for cursors
 * and long data, which Salient does not use, and after rows left unread it
 * cost a COM_STMT_RESET round trip.
 */
void sl_stmt_done(struct sl_stmt *s)
{
	if (s->active) {
		mysql_stmt_free_result(s->st);
		s->active = 0;
	}
}

const char *sl_stmt_str(struct sl_stmt *s, unsigned col, size_t *len)
{
	if (col >= s->ncols || s->null[col])
		return NULL;
	if (len)
		*len = s->len[col];
	return s->buf[col];
}

long long sl_stmt_int(struct sl_stmt *s, unsigned col)
{
	char *end;
	long long v;

	if (col >= s->ncols || s->null[col])
		return 0;
	/* an integer column, or a DECIMAL's whole part (its fraction dropped) */
	v = strtoll(s->buf[col], &end, 10);
	return *end == '\0' || *end == '.' ? v : 0;
}

int sl_stmt_isnull(struct sl_stmt *s, unsigned col)
{
	return col >= s->ncols || s->null[col];
}

unsigned sl_stmt_nparams(struct sl_stmt *s)
{
	return s->nparams;
}

unsigned sl_stmt_ncols(struct sl_stmt *s)
{
	return s->ncols;
}

unsigned long long sl_stmt_affected(struct sl_stmt *s)
{
	return (unsigned long long)mysql_stmt_affected_rows(s->st);
}

unsigned long long sl_stmt_insert_id(struct sl_stmt *s)
{
	return (unsigned long long)mysql_stmt_insert_id(s->st);
}

/* The current row's column as a json-c value typed by the column's type. */
static struct json_object *col_json(struct sl_stmt *s, unsigned i)
{
	const MYSQL_FIELD *f = mysql_fetch_field_direct(s->meta, i);
	const char *v = s->buf[i];
	char iso[32];
	long long n;
	double d;

	if (s->null[i])
		return NULL;
	switch (f->type) {
	case MYSQL_TYPE_TINY:
	case MYSQL_TYPE_SHORT:
	case MYSQL_TYPE_INT24:
	case MYSQL_TYPE_LONG:
	case MYSQL_TYPE_LONGLONG:
	case MYSQL_TYPE_YEAR:
		return sl_num_ll(v, &n) == 0 ? json_object_new_int64(n) : json_object_new_string(v);
	case MYSQL_TYPE_DECIMAL:
	case MYSQL_TYPE_NEWDECIMAL:
	case MYSQL_TYPE_FLOAT:
	case MYSQL_TYPE_DOUBLE:
		/* keeps the exact text ("12.50") when serialised */
		return sl_num_double(v, &d) == 0 ? json_object_new_double_s(d, v)
		    : json_object_new_string(v);
	case MYSQL_TYPE_DATETIME:
	case MYSQL_TYPE_TIMESTAMP:
		if (s->len[i] >= 19 && s->len[i] < sizeof(iso) - 1) {
			memcpy(iso, v, s->len[i] + 1);
			iso[10] = 'T';
			/* the session runs in UTC (db_ensure) */
			memcpy(iso + s->len[i], "Z", 2);
			return json_object_new_string(iso);
		}
		return json_object_new_string_len(v, (int)s->len[i]);
	default:
		return json_object_new_string_len(v, (int)s->len[i]);
	}
}

/* sql's statement on db, executed with the parameters; NULL on failure. */
static struct sl_stmt *run_v(struct sl_db *db, const char *sql, const char *types, va_list ap)
{
	struct sl_stmt *s = sl_db_stmt(db, sql);

	return s != NULL && stmt_vexec(s, types, ap) == 0 ? s : NULL;
}

static struct json_object *rows_v(struct sl_db *db, const char *sql, int one,
    const char *types, va_list ap)
{
	struct json_object *arr = NULL, *row = NULL;
	struct sl_stmt *s;
	unsigned i;
	int rc;

	if ((s = run_v(db, sql, types, ap)) == NULL)
		return NULL;
	if ((arr = json_object_new_array()) == NULL)
		goto fail;
	while ((rc = sl_stmt_fetch(s)) == 1) {
		if ((row = json_object_new_object()) == NULL)
			goto fail;
		for (i = 0; i < s->ncols; i++) {
			const MYSQL_FIELD *f = mysql_fetch_field_direct(s->meta, i);

			json_object_object_add(row, f->name, col_json(s, i));
		}
		json_object_array_add(arr, row);
		row = NULL;
		if (one)
			break;
	}
	if (rc < 0)
		goto fail;
	sl_stmt_done(s);
	return arr;
fail:
	sl_stmt_done(s);
	json_object_put(row);
	json_object_put(arr);
	return NULL;
}

struct json_object *sl_db_rows(struct sl_db *db, const char *sql, const char *types, ...)
{
	struct json_object *r;
	va_list ap;

	va_start(ap, types);
	r = rows_v(db, sql, 0, types, ap);
	va_end(ap);
	return r;
}

int sl_db_row(struct sl_db *db, struct json_object **out, const char *sql,
    const char *types, ...)
{
	struct json_object *arr;
	va_list ap;
	int found;

	*out = NULL;
	va_start(ap, types);
	arr = rows_v(db, sql, 1, types, ap);
	va_end(ap);
	if (arr == NULL)
		return -1;
	found = json_object_array_length(arr) > 0;
	if (found)
		*out = json_object_get(json_object_array_get_idx(arr, 0));
	json_object_put(arr);
	return found;
}

long long sl_db_exec(struct sl_db *db, const char *sql, const char *types, ...)
{
	struct sl_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = run_v(db, sql, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	sl_stmt_done(s);
	return (long long)mysql_stmt_affected_rows(s->st);
}

int sl_db_int(struct sl_db *db, long long *v, const char *sql, const char *types, ...)
{
	struct sl_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	s = run_v(db, sql, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	if ((rc = sl_stmt_fetch(s)) == 1) {
		if (sl_stmt_isnull(s, 0))
			rc = 0;
		else
			*v = sl_stmt_int(s, 0);
	}
	sl_stmt_done(s);
	return rc;
}

int sl_db_begin(struct sl_db *db)
{
	static const char q[] = "START TRANSACTION";

	return db_query(db, q, sizeof(q) - 1);
}

int sl_db_commit(struct sl_db *db)
{
	if (db->m == NULL)
		return -1;
	if (mysql_commit(db->m) != 0) {
		set_err(db, mysql_errno(db->m), mysql_error(db->m));
		return -1;
	}
	return 0;
}

void sl_db_rollback(struct sl_db *db)
{
	if (db->m != NULL && mysql_rollback(db->m) != 0)
		set_err(db, mysql_errno(db->m), mysql_error(db->m));
}
