/*
 * db_warnings.c - what the importer needs of include/salient/db.h besides
 * the statement calls: sl_db_warnings(), the warnings a statement raised
 * (a GROUP_CONCAT cut, a value that did not fit), read on the connection's
 * own text protocol so that nothing runs in between.
 */
#include <stdio.h>
#include <string.h>

#include <mysql.h>

#include "db_conn.h"

/* Not a cached statement: preparing one would clear the warnings it reads. */
static const char sql_warnings[] = "SHOW WARNINGS";

unsigned sl_db_warnings(struct sl_db *db, char *first, size_t len)
{
	MYSQL *m = db_handle(db);
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned n;

	n = m != NULL ? mysql_warning_count(m) : 0;
	if (len > 0)
		first[0] = '\0';
	if (n == 0 || len == 0)
		return n;
	if (mysql_real_query(m, sql_warnings, (unsigned long)strlen(sql_warnings)) != 0 ||
	    (res = mysql_store_result(m)) == NULL)
		return n;
	/* Level, Code, Message */
	if (mysql_num_fields(res) >= 3 && (row = mysql_fetch_row(res)) != NULL)
		snprintf(first, len, "%s %s", row[1] ? row[1] : "", row[2] ? row[2] : "");
	mysql_free_result(res);
	return n;
}
