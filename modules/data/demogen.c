/*
 * demogen.c - `salient demo-data`: options, then the catalog, then the
 * customers (see demogen.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "salient/contract.h"
#include "demogen.h"
#include "dgint.h"

static const char usage[] = "usage: salient demo-data --out DIR "
    "--customers N --seed S [--as-of YYYY-MM-DD]\n";

int
dg_generate(const char *dir, uint64_t ncustomers, uint64_t seed,
    int64_t asof)
{
	struct dg_run run;
	int y, m, d, rc = -1;

	memset(&run, 0, sizeof(run));
	run.dir = dir;
	run.ncustomers = ncustomers;
	run.seed = seed;
	run.asof = asof;
	dc_civil_from_days(asof, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	run.wstart = dc_days_from_civil(y - 3, m, d);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "demo-data: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (dg_catalog_write(&run) || dg_customers_write(&run))
		goto out;
	rc = 0;
out:
	dg_catalog_free(&run.cat);
	return rc;
}

/* A whole decimal number in [min, max]; 0 ok, -1 not. */
static int
parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static const char *const opts[] = { "--out", "--customers", "--seed",
    "--as-of" };
#define NOPTS	(sizeof(opts) / sizeof(opts[0]))

int
cmd_demo_data(int argc, char **argv)
{
	const char *val[NOPTS] = { NULL, NULL, NULL, DG_DEFAULT_ASOF };
	uint64_t n, seed;
	int64_t asof;
	size_t k, len;
	int i;

	for (i = 1; i < argc; i++) {
		for (k = 0; k < NOPTS; k++) {
			len = strlen(opts[k]);
			if (strncmp(argv[i], opts[k], len) != 0)
				continue;
			if (argv[i][len] == '=') {
				val[k] = argv[i] + len + 1;
				break;
			}
			if (argv[i][len] == '\0' && i + 1 < argc) {
				val[k] = argv[++i];
				break;
			}
		}
		if (k == NOPTS) {
			fprintf(stderr, "demo-data: bad option '%.64s'\n%s",
			    argv[i], usage);
			return 2;
		}
	}
	if (val[0] == NULL || val[1] == NULL || val[2] == NULL) {
		fputs(usage, stderr);
		return 2;
	}
	if (parse_u64(val[1], 1, DG_MAX_CUSTOMERS, &n)) {
		fprintf(stderr, "demo-data: --customers: not a number from 1 "
		    "to %llu\n", (unsigned long long)DG_MAX_CUSTOMERS);
		return 2;
	}
	if (parse_u64(val[2], 0, UINT64_MAX, &seed)) {
		fprintf(stderr, "demo-data: --seed: not a whole number\n");
		return 2;
	}
	if (dc_parse_date(val[3], &asof)) {
		fprintf(stderr, "demo-data: --as-of: '%.32s' is not a date\n",
		    val[3]);
		return 2;
	}
	return dg_generate(val[0], n, seed, asof) == 0 ? 0 : 1;
}
