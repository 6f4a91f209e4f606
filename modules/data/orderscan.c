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
	int y, mo, d, f, rc = -1;

	dc_civil_from_days(as_of, &y, &mo, &d);
	snprintf(asof, sizeof(asof), "%04d-%02d-%02d", y, mo, d);
	if ((c = sl_cursor_open(db, sql_orders, "uus", (unsigned long long)lo,
	    (unsigned long long)hi, asof)) == NULL) {
		snprintf(err, errlen, "reading orders: %s", sl_db_error(db));
		return -1;
	}
	if (sl_cursor_bind(c, "nDs", &cid, &day, total, sizeof(total), &tlen) != 0)
		goto dberr;
	while ((f = sl_cursor_fetch(c)) == 1) {
		if (sl_cursor_isnull(c, 0) || sl_cursor_isnull(c, 1))
			continue;
		rc = fn(ctx, cid, day, sl_cursor_isnull(c, 2) ? 0 : os_money(total, tlen));
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
