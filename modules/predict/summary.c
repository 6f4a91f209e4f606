/*
 * summary.c - from transactions to the per-customer calibration summary
 * (x, t_x, T, zbar) the models take, plus a parser for the CDNOW text
 * files and a civil-date helper.
 *
 * Summary definitions follow Fader, Hardie & Lee (2005) and the lifetimes
 * package's summary_data_from_transaction_data(): a "purchase" is a
 * distinct purchase day, so several transactions on one day are one
 * purchase (their values summed); the first purchase starts the customer's
 * clock and is not a repeat purchase; zbar averages the repeat purchases.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pr_int.h"

#define TOK_MAX		64	/* longest field accepted by the parser */
#define FIELDS_MAX	6

const char *
pr_strerror(int err)
{
	static const char *const msg[] = {
		"success",
		"invalid argument",
		"out of memory",
		"malformed input",
		"parameters outside the model's domain",
		"no convergence",
	};

	if (err > 0 || err < PR_ENOCONV)
		return "unknown error";
	return msg[-err];
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from civil, H. Hinnant's algorithm (proleptic Gregorian). */
int
pr_ymd_to_day(long ymd, long *day)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long	 y, m, d, era, yoe, doy, doe;

	if (day == NULL || ymd < 10101 || ymd > 99991231)
		return PR_EINVAL;
	y = ymd / 10000;
	m = ymd / 100 % 100;
	d = ymd % 100;
	if (m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && is_leap(y)))
		return PR_EINVAL;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*day = era * 146097 + doe - 719468;
	return PR_OK;
}

void
pr_txn_free(struct pr_txn *tx)
{
	free(tx);
}

void
pr_summary_free(struct pr_summary *s)
{
	free(s);
}

/* Copies [p, p+len) into buf as a C string; 0 if it does not fit. */
static int
tok_copy(char *buf, const char *p, size_t len)
{
	if (len == 0 || len >= TOK_MAX)
		return 0;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return 1;
}

static int
parse_long(const char *p, size_t len, long *out)
{
	char	 buf[TOK_MAX], *end;
	long	 v;

	if (!tok_copy(buf, p, len))
		return 0;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno != 0 || *end != '\0' || end == buf)
		return 0;
	*out = v;
	return 1;
}

/* Assumes the "C" LC_NUMERIC locale (decimal point '.'). */
static int
parse_double(const char *p, size_t len, double *out)
{
	char	 buf[TOK_MAX], *end;
	double	 v;

	if (!tok_copy(buf, p, len))
		return 0;
	errno = 0;
	v = strtod(buf, &end);
	if (errno != 0 || *end != '\0' || end == buf || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

int
pr_cdnow_parse(const char *buf, size_t len, struct pr_txn **out, size_t *n,
    size_t *bad_line)
{
	struct pr_txn	*tx = NULL, *tmp;
	const char	*p = buf, *end = buf + len, *eol;
	const char	*fs[FIELDS_MAX];
	size_t		 fl[FIELDS_MAX], nf, cap = 0, cnt = 0, line = 0;
	long		 cust, ymd;
	double		 amount;
	int		 rc = PR_EPARSE, idf;

	if (out == NULL || n == NULL || (buf == NULL && len > 0))
		return PR_EINVAL;
	while (p < end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		nf = 0;
		while (p < eol) {
			while (p < eol && (*p == ' ' || *p == '\t' ||
			    *p == '\r'))
				p++;
			if (p == eol)
				break;
			if (nf == FIELDS_MAX)
				goto out;
			fs[nf] = p;
			while (p < eol && *p != ' ' && *p != '\t' &&
			    *p != '\r')
				p++;
			fl[nf] = (size_t)(p - fs[nf]);
			nf++;
		}
		p = eol < end ? eol + 1 : end;
		if (nf == 0)
			continue;
		if (nf != 4 && nf != 5) {
			if (line == 1)
				continue;	/* header of another shape */
			goto out;
		}
		idf = nf == 5 ? 1 : 0;
		if (!parse_long(fs[idf], fl[idf], &cust)) {
			if (line == 1)
				continue;	/* header */
			goto out;
		}
		if (!parse_long(fs[idf + 1], fl[idf + 1], &ymd) ||
		    !parse_double(fs[idf + 3], fl[idf + 3], &amount))
			goto out;
		if (cnt == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			if (cap > SIZE_MAX / sizeof(*tx)) {
				rc = PR_ENOMEM;
				goto out;
			}
			if ((tmp = realloc(tx, cap * sizeof(*tx))) == NULL) {
				rc = PR_ENOMEM;
				goto out;
			}
			tx = tmp;
		}
		tx[cnt].cust = cust;
		tx[cnt].amount = amount;
		if (pr_ymd_to_day(ymd, &tx[cnt].day) != PR_OK)
			goto out;
		cnt++;
	}
	*out = tx;
	*n = cnt;
	tx = NULL;
	rc = PR_OK;
out:
	if (rc == PR_EPARSE && bad_line != NULL)
		*bad_line = line;
	free(tx);
	return rc;
}

static int
txn_cmp(const void *pa, const void *pb)
{
	const struct pr_txn *a = pa, *b = pb;

	if (a->cust != b->cust)
		return a->cust < b->cust ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

int
pr_summary_build(const struct pr_txn *tx, size_t ntx, long cal_end_day,
    double unit_days, struct pr_summary **out, size_t *n)
{
	struct pr_txn		*st = NULL;
	struct pr_summary	*s = NULL;
	size_t			 i, j, ncust = 0, ns = 0;
	long			 first, last, prev;
	double			 x, rep;
	int			 rc = PR_EINVAL;

	if (out == NULL || n == NULL || (tx == NULL && ntx > 0) ||
	    !(unit_days > 0) || !isfinite(unit_days))
		goto out;
	for (i = 0; i < ntx; i++)
		if (!isfinite(tx[i].amount))
			goto out;
	rc = PR_ENOMEM;
	if (ntx > SIZE_MAX / sizeof(*st))
		goto out;
	if ((st = malloc(ntx ? ntx * sizeof(*st) : 1)) == NULL)
		goto out;
	if (ntx > 0)
		memcpy(st, tx, ntx * sizeof(*st));
	qsort(st, ntx, sizeof(*st), txn_cmp);
	for (i = 0; i < ntx; i++)
		if (i == 0 || st[i].cust != st[i - 1].cust)
			ncust++;
	if ((s = calloc(ncust ? ncust : 1, sizeof(*s))) == NULL)
		goto out;
	for (i = 0; i < ntx; i = j) {
		first = st[i].day;
		for (j = i; j < ntx && st[j].cust == st[i].cust; j++)
			/* find the customer's run */;
		if (first > cal_end_day)
			continue;
		x = 0.0;
		rep = 0.0;
		last = prev = first;
		for (size_t k = i; k < j && st[k].day <= cal_end_day; k++) {
			if (st[k].day == first)
				continue;
			if (st[k].day != prev)
				x += 1.0;
			prev = last = st[k].day;
			rep += st[k].amount;
		}
		s[ns].id = st[i].cust;
		s[ns].x = x;
		s[ns].t_x = (double)(last - first) / unit_days;
		s[ns].T = (double)(cal_end_day - first) / unit_days;
		s[ns].zbar = x > 0 ? rep / x : 0.0;
		ns++;
	}
	*out = s;
	*n = ns;
	s = NULL;
	rc = PR_OK;
out:
	free(st);
	free(s);
	return rc;
}
