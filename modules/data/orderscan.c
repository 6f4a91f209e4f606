/*
 * orderscan.c - streaming the orders in customer order (salient/orderscan.h);
 * the statement is data's (DS_ORDER_SCAN, data_sql.c).
 */
#include <stdio.h>
#include <string.h>

#include "salient/money.h"
#include "salient/contract.h"
#include "salient/orderscan.h"
#include "data_sql.h"

int os_scan(struct sl_db *db, int64_t as_of, os_fn fn, void *ctx, char *err, size_t errlen)
{
	return os_scan_range(db, as_of, 0, UINT32_MAX, fn, ctx, err, errlen);
}

int os_scan_range(struct sl_db *db, int64_t as_of, uint32_t lo, uint32_t hi, os_fn fn,
    void *ctx, char *err, size_t errlen)
{
	struct sl_cursor *c;
	long long day = 0;
	unsigned cid = 0;
	char total[48], asof[16];
	size_t tlen = 0;
	sl_money v;
	int y, mo, d, f, rc = -1;

	dc_civil_from_days(as_of, &y, &mo, &d);
	snprintf(asof, sizeof(asof), "%04d-%02d-%02d", y, mo, d);
	if ((c = sl_cursor_open(db, SL_SQL(data_sql, DS_ORDER_SCAN), (unsigned long long)lo,
	    (unsigned long long)hi, asof)) == NULL) {
		snprintf(err, errlen, "reading orders: %s", sl_db_error(db));
		return -1;
	}
	if (sl_cursor_bind(c, "nDs", &cid, &day, total, sizeof(total), &tlen) != 0)
		goto dberr;
	while ((f = sl_cursor_fetch(c)) == 1) {
		if (sl_cursor_isnull(c, 0) || sl_cursor_isnull(c, 1))
			continue;
		if (sl_money_parse_db(sl_cursor_isnull(c, 2) ? NULL : total, &v) != SL_NUM_OK) {
			snprintf(err, errlen, "reading orders: total '%s' is not money", total);
			rc = -1;
			goto out;
		}
		rc = fn(ctx, cid, day, v);
		if (rc != 0)
			goto out;
	}
	if (f != 0)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "reading orders: %s", sl_cursor_error(c));
	rc = -1;
out:
	sl_cursor_close(c);
	return rc;
}
