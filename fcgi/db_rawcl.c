/*
 * db_rawcl.c - sl_db_load() of include/salient/db.h: LOAD DATA LOCAL
 * INFILE with the connector's local-infile callbacks pointed at the
 * caller's reader, so the rows go from memory to the server without a
 * file.  The callbacks are the connection's until the statement ends;
 * they are reset to the connector's own before returning.
 */
#include <stdio.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>

#include "db_conn.h"

/* The caller's reader and how it ended, for the connector's callbacks. */
struct load {
	sl_db_reader read;
	void *arg;
	int failed;
};

static int load_init(void **ptr, const char *name, void *userdata)
{
	(void)name;
	*ptr = userdata;
	return 0;
}

static int load_read(void *ptr, char *buf, unsigned int len)
{
	struct load *l = ptr;
	long n = l->read(l->arg, buf, len);

	if (n < 0 || (unsigned long)n > len) {
		l->failed = 1;
		return -1;
	}
	return (int)n;
}

static void load_end(void *ptr)
{
	(void)ptr;
}

static int load_error(void *ptr, char *msg, unsigned int len)
{
	(void)ptr;
	snprintf(msg, len, "the rows to load could not be produced");
	return CR_UNKNOWN_ERROR;
}

long long sl_db_load(struct sl_db *db, const char *sql, const char *types,
    sl_db_reader read, void *arg)
{
	struct load l = { read, arg, 0 };
	MYSQL *m;
	int rc;

	if (types == NULL || types[0] != '\0' || read == NULL) {
		db_set_error(db, 0, "sl_db_load: a reader, and no parameters (types \"\")");
		return -1;
	}
	if (db_ensure(db) != 0)
		return -1;
	m = db_handle(db);
	mysql_set_local_infile_handler(m, load_init, load_read, load_end, load_error, &l);
	rc = mysql_real_query(m, sql, (unsigned long)strlen(sql));
	mysql_set_local_infile_default(m);
	if (rc != 0) {
		db_set_error(db, mysql_errno(m), l.failed ?
		    "the rows to load could not be produced" : mysql_error(m));
		return -1;
	}
	return (long long)mysql_affected_rows(m);
}
