/*
 * orderscan.h - the one pass over the orders that the per-customer
 * computations share (classification runs, prediction fits).
 */
#ifndef SALIENT_DATA_ORDERSCAN_H
#define SALIENT_DATA_ORDERSCAN_H

#include <stdint.h>

#include <stddef.h>

#include "salient/db.h"

/*
 * Called for each order: the internal customer id, the order's calendar day
 * in the site's time zone (days since 1970-01-01) and its value in
 * ten-thousandths.  Returns 0 to go on; anything else stops the scan, and
 * os_scan() returns it.
 */
typedef int (*os_fn)(void *ctx, unsigned customer, int64_t day, int64_t value);

/*
 * Streams every paid order dated on or before as_of (days since 1970) in
 * customer and date order: one pass over the covering index
 * orders_customer, binary protocol, rows not buffered.  Placeholder orders
 * have no date and are not read.  Returns 0, fn's non-zero value, or -1
 * with the reason in err.
 */
int os_scan(struct sl_db *db, int64_t as_of, os_fn fn, void *ctx, char *err, size_t errlen);

/*
 * The same for the orders of customers lo..hi (internal ids, inclusive)
 * only: scans of disjoint ranges may run at the same time on different
 * connections (cl_compute() reads the orders in several streams).
 */
int os_scan_range(struct sl_db *db, int64_t as_of, uint32_t lo, uint32_t hi, os_fn fn,
    void *ctx, char *err, size_t errlen);

/* Ten-thousandths from DECIMAL text ("-123.4500"); digits past 4 decimals are cut. */
int64_t os_money(const char *s, unsigned long n);

#endif
