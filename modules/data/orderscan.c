/*
 * orderscan.c - streaming the orders in customer order (salient/orderscan.h).
 */
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "salient/orderscan.h"

static const char sql_orders[] =
    "SELECT customer_id, order_date, total FROM orders FORCE INDEX (orders_customer) "
    "WHERE customer_id BETWEEN ? AND ? AND status = 'paid' AND order_date IS NOT NULL "
    "AND order_date <= ? ORDER BY customer_id, order_date";

int64_t os_money(const char *s, unsigned long n)
{
	int64_t v = 0;
	int neg = 0, dec = -1;
	unsigned long i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '-')
			neg = 1;
		else if (c == '.')
			dec = 0;
		else if (c >= '0' && c <= '9') {
			if (dec >= 4)
				continue;
			v = v * 10 + (c - '0');
			if (dec >= 0)
				dec++;
		}
	}
	if (dec < 0)
		dec = 0;
	while (dec++ < 4)
		v *= 10;
	return neg ? -v : v;
}

int os_scan(MYSQL *m, int64_t as_of, os_fn fn, void *ctx, char *err, size_t errlen)
{
	return os_scan_range(m, as_of, 0, UINT32_MAX, fn, ctx, err, errlen);
}

int os_scan_range(MYSQL *m, int64_t as_of, uint32_t lo, uint32_t hi, os_fn fn, void *ctx,
    char *err, size_t errlen)
{
	MYSQL_STMT *st = NULL;
	MYSQL_BIND pb[3], rb[3];
	MYSQL_TIME asof, od;
	my_bool isnull[3] = { 0, 0, 0 };
	unsigned long tlen = 0;
	unsigned cid = 0;
	char total[48];
	int y, mo, d, f, rc = -1;

	dc_civil_from_days(as_of, &y, &mo, &d);
	memset(&asof, 0, sizeof(asof));
	asof.year = (unsigned)y;
	asof.month = (unsigned)mo;
	asof.day = (unsigned)d;
	asof.time_type = MYSQL_TIMESTAMP_DATE;
	memset(pb, 0, sizeof(pb));
	memset(rb, 0, sizeof(rb));
	pb[0].buffer_type = MYSQL_TYPE_LONG;
	pb[0].is_unsigned = 1;
	pb[0].buffer = &lo;
	pb[1].buffer_type = MYSQL_TYPE_LONG;
	pb[1].is_unsigned = 1;
	pb[1].buffer = &hi;
	pb[2].buffer_type = MYSQL_TYPE_DATE;
	pb[2].buffer = &asof;
	rb[0].buffer_type = MYSQL_TYPE_LONG;
	rb[0].is_unsigned = 1;
	rb[0].buffer = &cid;
	rb[0].is_null = &isnull[0];
	rb[1].buffer_type = MYSQL_TYPE_DATE;
	rb[1].buffer = &od;
	rb[1].is_null = &isnull[1];
	rb[2].buffer_type = MYSQL_TYPE_STRING;
	rb[2].buffer = total;
	rb[2].buffer_length = sizeof(total);
	rb[2].length = &tlen;
	rb[2].is_null = &isnull[2];
	if ((st = mysql_stmt_init(m)) == NULL ||
	    mysql_stmt_prepare(st, sql_orders, (unsigned long)strlen(sql_orders)) != 0 ||
	    mysql_stmt_bind_param(st, pb) != 0 || mysql_stmt_execute(st) != 0 ||
	    mysql_stmt_bind_result(st, rb) != 0)
		goto dberr;
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (f == MYSQL_DATA_TRUNCATED || isnull[0] || isnull[1])
			continue;
		rc = fn(ctx, cid, dc_days_from_civil((int)od.year, (int)od.month, (int)od.day),
		    isnull[2] ? 0 : os_money(total, tlen));
		if (rc != 0)
			goto out;
	}
	if (f != MYSQL_NO_DATA)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "reading orders: %s", st ? mysql_stmt_error(st) : mysql_error(m));
	rc = -1;
out:
	if (st)
		mysql_stmt_close(st);
	return rc;
}
