/*
 * demogen.h - the demo data generator: contract CSV files that look like
 * a real shop and venue, byte-identical for the same options.
 *
 *   salient demo-data --out DIR --customers N --seed S [--as-of YYYY-MM-DD]
 *
 * Writes customers.csv, customer_tags.csv, consents.csv, categories.csv,
 * products.csv, product_tags.csv, productions.csv, events.csv, orders.csv,
 * order_lines.csv and targets.csv into DIR (created if missing).  About 10
 * orders and 30 lines per customer; orders within the 3 years before the
 * as-of date (default 2026-11-01).  Memory does not grow with N beyond the
 * catalog (which grows with sqrt(N)).  Pure: no FastCGI or MariaDB header.
 */
#ifndef SALIENT_DATA_DEMOGEN_H
#define SALIENT_DATA_DEMOGEN_H

#include <stdint.h>

#define DG_DEFAULT_ASOF	"2026-11-01"
#define DG_MAX_CUSTOMERS 100000000ULL

/*
 * The CLI entry: argv[0] = "demo-data".  Returns the exit status (0 ok,
 * 1 on failure, 2 on bad usage) with messages on stderr.
 */
int	cmd_demo_data(int argc, char **argv);

/*
 * The same as a function: asof is days since 1970-01-01.  Returns 0, or -1
 * with a message on stderr.
 */
int	dg_generate(const char *dir, uint64_t ncustomers, uint64_t seed,
	    int64_t asof);

#endif
