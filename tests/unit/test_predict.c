/*
 * test_predict.c - conformance tests of modules/predict/ against the CDNOW
 * reference data and the published values in
 * $SALIENT_SHARED/conformance/cdnow/EXPECTED_VALUES.txt
 * (SALIENT_SHARED defaults to ../shared, relative to the repository root).
 *
 * Sources cited in check names: [LT] lifetimes test_estimation.py,
 * [LTU] lifetimes test_utils.py, [LTD] lifetimes Quickstart docs,
 * [CLV] CLVTools tests, [HERE] values recomputed when the data was
 * packaged, [paper] Fader, Hardie & Lee (2005) / Fader & Hardie (2013).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "predict.h"
#include "pr_int.h"
#include "tap.h"

/*
 * CHECK(cond, fmt, ...): one TAP line.  cond is evaluated before the
 * message arguments (a plain tap_ok() call leaves that order unspecified,
 * so "got %g" could print a value from before the call under test).
 */
#define CHECK(cond, ...) do {						\
	int ok_ = (cond);						\
	tap_ok(ok_, __VA_ARGS__);					\
} while (0)

#define FILE_MAX	(64u * 1024 * 1024)
#define NCUST		2357

/* One row of the reference CSVs, fields kept as text for exact compares. */
struct row {
	long	 id;
	char	 f[4][32];	/* x, t_x, T[, zbar] */
	double	 v[4];
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Reads a whole file; NULL on failure; free with free(). */
static char *
slurp(const char *dir, const char *name, size_t *len)
{
	char	 path[1024];
	char	*buf = NULL, *tmp;
	size_t	 cap = 0, n = 0, got;
	FILE	*f = NULL;

	if ((size_t)snprintf(path, sizeof(path), "%s/conformance/cdnow/%s",
	    dir, name) >= sizeof(path))
		goto fail;
	if ((f = fopen(path, "rb")) == NULL)
		goto fail;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > FILE_MAX || (tmp = realloc(buf, cap + 1)) ==
			    NULL)
				goto fail;
			buf = tmp;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	if (f != NULL)
		fclose(f);
	free(buf);
	return NULL;
}

/* Parses "ID,a,b,c[,d]" CSV rows (LF or CRLF, header skipped). */
static size_t
parse_csv(char *buf, int nf, struct row *rows, size_t max)
{
	char	*line, *next, *p, *end;
	size_t	 n = 0, len;
	int	 i;

	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (line[0] < '0' || line[0] > '9')
			continue;
		if (n == max)
			return 0;
		errno = 0;
		rows[n].id = strtol(line, &end, 10);
		if (errno || *end != ',')
			return 0;
		p = end + 1;
		for (i = 0; i < nf; i++) {
			len = strcspn(p, ",");
			if (len == 0 || len >= sizeof(rows[n].f[i]))
				return 0;
			memcpy(rows[n].f[i], p, len);
			rows[n].f[i][len] = '\0';
			rows[n].v[i] = strtod(rows[n].f[i], &end);
			if (*end != '\0')
				return 0;
			p += len;
			if (*p == ',')
				p++;
		}
		n++;
	}
	return n;
}

/*
 * Do got and the CSV text agree when printed at the CSV's decimals?  The
 * CSVs round exact halves up (zbar 22.345 is written 22.35), while the
 * double nearest 22.345 is just below it, so got is nudged up by 1e-9
 * before printing (all values here are >= 0 and far coarser than 1e-9).
 */
static int
same_at_decimals(double got, const char *want)
{
	const char	*dot = strchr(want, '.');
	int		 d = dot ? (int)strlen(dot + 1) : 0;
	char		 a[64], b[64];

	snprintf(a, sizeof(a), "%.*f", d, got + 1e-9);
	snprintf(b, sizeof(b), "%.*f", d, tap_num(want));
	return strcmp(a, b) == 0;
}

static int
cmp_dbl(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* ------------------------------------------------------------------ */

static void
test_dates_and_parser(void)
{
	const char	*txt = "customer_id date cds dollars\r\n"
	    " 00001 19970101 1 11.77\r\n\r\n 00002 19970112 2 0\r\n";
	const char	*bad = " 00001 0001 19970101 1 11.77\n 1 2 3\n";
	struct pr_txn	*tx = NULL;
	size_t		 n = 0, line = 0;
	long		 d1 = 0, d2 = 0;

	tap_is_str(pr_strerror(PR_EDOMAIN),
	    "parameters outside the model's domain", "pr_strerror(PR_EDOMAIN)");
	tap_is_str(pr_strerror(42), "unknown error", "pr_strerror(42)");
	CHECK(pr_ymd_to_day(19700101, &d1) == PR_OK && d1 == 0,
	    "date: 1970-01-01 is day 0");
	CHECK(pr_ymd_to_day(19970101, &d1) == PR_OK &&
	    pr_ymd_to_day(19970930, &d2) == PR_OK && d2 - d1 == 272,
	    "date: 1997-01-01 to 1997-09-30 is 272 days");
	CHECK(pr_ymd_to_day(19970229, &d1) == PR_EINVAL &&
	    pr_ymd_to_day(19961301, &d1) == PR_EINVAL &&
	    pr_ymd_to_day(20000229, &d1) == PR_OK,
	    "date: impossible dates rejected, 2000-02-29 accepted");
	CHECK(pr_cdnow_parse(txt, strlen(txt), &tx, &n, &line) == PR_OK &&
	    n == 2 && tx[0].cust == 1 && tx[1].cust == 2 &&
	    tx[1].amount == 0.0 && fabs(tx[0].amount - 11.77) < 1e-12,
	    "parser: 4-field master format, header, CRLF, blank line");
	pr_txn_free(tx);
	tx = NULL;
	CHECK(pr_cdnow_parse(bad, strlen(bad), &tx, &n, &line) ==
	    PR_EPARSE && line == 2 && tx == NULL,
	    "parser: malformed line reported with its number (2)");
	CHECK(pr_cdnow_parse(bad, 0, &tx, &n, &line) == PR_OK && n == 0,
	    "parser: empty input gives no transactions");
	pr_txn_free(tx);
}

/* (a) Summary of CDNOW_sample vs both reference CSVs. */
static struct pr_summary *
test_summary(const char *dir, size_t *ns)
{
	struct pr_txn		*tx = NULL;
	struct pr_summary	*s = NULL;
	struct row		*r1 = NULL, *r2 = NULL;
	char			*buf = NULL;
	size_t			 len, ntx = 0, n = 0, n1 = 0, n2 = 0, i, bl = 0;
	size_t			 bad[5] = { 0, 0, 0, 0, 0 }, nrep = 0;
	long			 end = 0;
	double			 sumx = 0, total = 0, *mv = NULL;
	double			 mean = 0, sd = 0, med = 0;

	buf = slurp(dir, "CDNOW_sample.txt", &len);
	if (!tap_ok(buf != NULL, "read CDNOW_sample.txt"))
		goto out;
	CHECK(pr_cdnow_parse(buf, len, &tx, &ntx, &bl) == PR_OK &&
	    ntx == 6919, "CDNOW_sample.txt parses into 6919 transactions");
	for (i = 0; i < ntx; i++)
		total += tx[i].amount;
	tap_is_near(total, 244091.94, 0.005, "CDNOW_sample total $244,091.94");
	free(buf);
	buf = NULL;
	pr_ymd_to_day(19970930, &end);
	CHECK(pr_summary_build(tx, ntx, end, 7.0, &s, &n) == PR_OK &&
	    n == NCUST, "summary: 2357 customers (weekly, end 1997-09-30)");
	if (s == NULL || n != NCUST)
		goto out;

	r1 = calloc(NCUST + 1, sizeof(*r1));
	r2 = calloc(NCUST + 1, sizeof(*r2));
	if (r1 == NULL || r2 == NULL)
		goto out;
	if ((buf = slurp(dir, "cdnow_customers_summary.csv", &len)) != NULL)
		n1 = parse_csv(buf, 3, r1, NCUST + 1);
	free(buf);
	if ((buf = slurp(dir, "cdnow_customers_summary_with_transactions.csv",
	    &len)) != NULL)
		n2 = parse_csv(buf, 4, r2, NCUST + 1);
	free(buf);
	buf = NULL;
	CHECK(n1 == NCUST && n2 == NCUST,
	    "reference CSVs read: 2357 rows each");
	for (i = 0; i < n1 && i < n; i++) {
		if (s[i].id != r1[i].id) {
			bad[0]++;
			continue;
		}
		bad[1] += !same_at_decimals(s[i].x, r1[i].f[0]);
		bad[2] += !same_at_decimals(s[i].t_x, r1[i].f[1]);
		bad[3] += !same_at_decimals(s[i].T, r1[i].f[2]);
		if (bad[1] + bad[2] + bad[3] == 1 && bad[0] == 0)
			tap_diag("first mismatch: ID %ld x %g t_x %.4f T %.4f",
			    s[i].id, s[i].x, s[i].t_x, s[i].T);
	}
	for (i = 0; i < n2 && i < n; i++)
		if (s[i].id != r2[i].id ||
		    !same_at_decimals(s[i].x, r2[i].f[0]) ||
		    !same_at_decimals(s[i].t_x, r2[i].f[1]) ||
		    !same_at_decimals(s[i].T, r2[i].f[2]) ||
		    !same_at_decimals(s[i].zbar, r2[i].f[3])) {
			if (bad[4]++ == 0)
				tap_diag("first zbar-file mismatch: ID %ld "
				    "zbar %.6f vs %s", s[i].id, s[i].zbar,
				    r2[i].f[3]);
		}
	CHECK(n1 == NCUST && bad[0] == 0,
	    "summary: customer IDs 1..2357 in CSV order");
	CHECK(n1 == NCUST && bad[1] == 0,
	    "summary: frequency (x) equals cdnow_customers_summary.csv, all "
	    "2357 rows (%zu differ)", bad[1]);
	CHECK(n1 == NCUST && bad[2] == 0,
	    "summary: recency (t_x) equals the CSV at its decimals, all rows "
	    "(%zu differ)", bad[2]);
	CHECK(n1 == NCUST && bad[3] == 0,
	    "summary: T equals the CSV at its decimals, all rows (%zu differ)",
	    bad[3]);
	CHECK(n2 == NCUST && bad[4] == 0,
	    "summary: x, t_x, T, zbar equal "
	    "cdnow_customers_summary_with_transactions.csv, all rows "
	    "(%zu differ)", bad[4]);

	/* README / [LTU] summary statistics. */
	if ((mv = calloc(n, sizeof(*mv))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		sumx += s[i].x;
		if (s[i].x > 0)
			mv[nrep++] = s[i].zbar;
	}
	tap_is_long((long long)sumx, 2457, "summary: sum(x) = 2457 (README)");
	tap_is_long((long long)nrep, 946,
	    "summary: 946 customers with x > 0 (README)");
	for (i = 0; i < nrep; i++)
		mean += mv[i] / nrep;
	for (i = 0; i < nrep; i++)
		sd += (mv[i] - mean) * (mv[i] - mean) / (nrep - 1);
	sd = sqrt(sd);
	qsort(mv, nrep, sizeof(*mv), cmp_dbl);
	med = nrep % 2 ? mv[nrep / 2] : 0.5 * (mv[nrep / 2 - 1] + mv[nrep / 2]);
	tap_diag("repeat zbar: mean %.4f sd %.4f min %.2f median %.2f max %.2f",
	    mean, sd, mv[0], med, mv[nrep - 1]);
	CHECK(nrep == 946 && lround(mean) == 35 && lround(sd) == 30 &&
	    lround(mv[0]) == 3 && lround(med) == 27 &&
	    lround(mv[nrep - 1]) == 300,
	    "[LTU] repeat zbar stats: mean 35, std 30, min 3, median 27, "
	    "max 300 (rounded)");
	tap_is_near(mean, 35.078551797, 0.001,
	    "[LTD] mean observed zbar of the 946 repeaters 35.0786");
out:
	free(mv);
	free(buf);
	free(r1);
	free(r2);
	pr_txn_free(tx);
	*ns = n;
	return s;
}

/* ------------------------------------------------------------------ */

static void
test_bgnbd_fit(const struct pr_summary *s, size_t n, struct pr_bgnbd *fit,
    double *fit_ll)
{
	static const double	 paper[4] = { 0.243, 4.414, 0.793, 2.426 };
	static const double	 clv[4] = {
		0.2425945, 4.4136019, 0.7929199, 2.4258881 };
	struct pr_fit_info	 fi;
	const struct pr_bgnbd	 clvm = { clv[0], clv[1], clv[2], clv[3] };
	double			 got[4], t0, t1, num = 0, den = 0, ll = 0;
	int			 i, rc;

	t0 = now();
	rc = pr_bgnbd_fit(s, n, NULL, 0, fit, &fi);
	t1 = now();
	CHECK(rc == PR_OK && fi.converged,
	    "BG/NBD fit converged (%d runs, %d iterations, %d evaluations, "
	    "%zu unique tuples)", fi.runs, fi.iterations, fi.evaluations,
	    fi.n_unique);
	tap_diag("BG/NBD r=%.12g alpha=%.12g a=%.12g b=%.12g LL=%.10g (%.1f ms)",
	    fit->r, fit->alpha, fit->a, fit->b, fi.ll, (t1 - t0) * 1e3);
	got[0] = fit->r, got[1] = fit->alpha, got[2] = fit->a, got[3] = fit->b;
	for (i = 0; i < 4; i++) {
		num += fabs(got[i] - paper[i]);
		den += fabs(paper[i]);
	}
	tap_is_near(fit->r, 0.243, 0.015, "[LT] BG/NBD r = 0.243 (decimal=2)");
	tap_is_near(fit->alpha, 4.414, 0.015,
	    "[LT] BG/NBD alpha = 4.414 (decimal=2)");
	tap_is_near(fit->a, 0.793, 0.015, "[LT] BG/NBD a = 0.793 (decimal=2)");
	tap_is_near(fit->b, 2.426, 0.015, "[LT] BG/NBD b = 2.426 (decimal=2)");
	CHECK(num / den < 0.001,
	    "[CLV] BG/NBD coef all.equal paper values, tolerance 0.001 "
	    "(mean rel. diff %.2g)", num / den);
	*fit_ll = fi.ll;
	tap_is_near(fi.ll, -9582.43, 0.01, "[paper] BG/NBD LL = -9582.43");
	CHECK(fabs(fi.ll / -9582.4 - 1) < 0.001,
	    "[CLV] BG/NBD logLik -9582.4 (rel. tolerance 0.001)");
	for (i = 0; i < 4; i++)
		CHECK(fabs(got[i] / clv[i] - 1) < 2e-4,
		    "[CLV] BG/NBD parameter %d within 2e-4 (relative) of "
		    "CLVTools' full-precision %.7f", i, clv[i]);
	CHECK(pr_bgnbd_ll(fit, s, n, &ll) == PR_OK &&
	    fabs(ll - fi.ll) < 1e-6,
	    "BG/NBD compacted LL equals the plain per-customer sum");
	CHECK(pr_bgnbd_ll(&clvm, s, n, &ll) == PR_OK && fi.ll >= ll - 1e-7,
	    "BG/NBD LL %.6f >= LL at CLVTools' estimate (%.6f)", fi.ll, ll);
}

static void
test_bgnbd_compaction(const struct pr_summary *s, size_t n,
    const struct pr_bgnbd *ref, double ref_ll)
{
	struct pr_summary	*d;
	struct pr_bgnbd		 m;
	struct pr_fit_info	 fi;
	size_t			 i;

	if ((d = calloc(2 * n, sizeof(*d))) == NULL)
		return;
	for (i = 0; i < 2 * n; i++)
		d[i] = s[i % n];
	CHECK(pr_bgnbd_fit(d, 2 * n, NULL, 0, &m, &fi) == PR_OK &&
	    fi.n_unique < n && fabs(m.r - ref->r) < 1e-4 &&
	    fabs(m.alpha - ref->alpha) < 1e-3 && fabs(m.a - ref->a) < 1e-3 &&
	    fabs(m.b - ref->b) < 1e-3,
	    "BG/NBD fit on data doubled: same estimate, %zu unique tuples",
	    fi.n_unique);
	tap_is_near(fi.ll, 2 * ref_ll, 1e-5,
	    "BG/NBD LL on doubled data is twice the LL");
	free(d);
}

static void
test_bgnbd_predict(const struct pr_bgnbd *fit)
{
	static const struct pr_bgnbd paper = { 0.243, 4.414, 0.793, 2.426 };
	static const struct pr_bgnbd lt = {
		0.242593, 4.413532, 0.792886, 2.425752 };
	static const double et[6] = { 0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00 };
	static const double ee[6] = { 0.0078, 0.0532, 0.1506, 1.0405, 1.0437,
	    1.8576 };
	static const double p30[10] = { 0.0019995214, 0.0015170236,
	    0.0011633150, 0.0009003148, 0.0007023638, 0.0005517902,
	    0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260 };
	static const struct {
		int	 id;
		double	 x, tx, T, e;
	} top[5] = {
		{ 509, 18, 35.14, 35.86, 0.424877 },
		{ 841, 19, 34.00, 34.14, 0.474738 },
		{ 1981, 17, 28.43, 28.86, 0.486526 },
		{ 157, 29, 37.71, 38.00, 0.662396 },
		{ 1516, 26, 30.86, 31.00, 0.710623 },
	};
	double	 v = -1, w = -1;
	int	 i;

	CHECK(pr_bgnbd_cond_expected(fit, 39, 2, 30.43, 38.86, &v) ==
	    PR_OK && fabs(v - 1.226) < 0.001,
	    "[LT] E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226 (fitted) got %.6f",
	    v);
	CHECK(pr_bgnbd_cond_expected(&paper, 39, 2, 30.43, 38.86, &v) ==
	    PR_OK && fabs(v - 1.22603) < 1e-5,
	    "[HERE] ID 1 E[Y(39)] = 1.22603 at paper params, got %.7f", v);
	CHECK(pr_bgnbd_p_alive(&paper, 2, 30.43, 38.86, &v) == PR_OK &&
	    fabs(v - 0.72658) < 1e-5,
	    "[HERE] ID 1 P(alive) = 0.72658 at paper params, got %.7f", v);
	for (i = 0; i < 6; i++)
		CHECK(pr_bgnbd_expected(fit, et[i], &v) == PR_OK &&
		    fabs(v - ee[i]) < 1.5e-3,
		    "[LT] E[X(%g)] = %.4f (decimal=3), got %.6f", et[i],
		    ee[i], v);
	CHECK(pr_bgnbd_p_alive(fit, 0, 1, 1, &v) == PR_OK && v == 1.0,
	    "[LT] P(alive | x=0, t_x=1, T=1) == 1.0");
	CHECK(pr_bgnbd_p_alive(fit, 1000, 10, 100, &v) == PR_OK &&
	    v == 0.0, "[LT] P(alive | x=1000, t_x=10, T=100) == 0.0 exactly");
	CHECK(pr_bgnbd_prob_n(&paper, 2, 10, &v) == PR_OK &&
	    fabs(v - 1.07869e-07) < 1e-4 && fabs(v / 1.07869e-07 - 1) < 1e-4,
	    "[LT] P(X(2) = 10) = 1.07869e-07 (also to 1e-4 relative), got %.6g",
	    v);
	CHECK(pr_bgnbd_prob_n(&paper, 39, 0, &v) == PR_OK &&
	    fabs(v - 0.5737864) < 1e-4,
	    "[LT] P(X(39) = 0) = 0.5737864, got %.7f", v);
	for (i = 0; i < 10; i++)
		CHECK(pr_bgnbd_prob_n(&paper, 30, 11 + i, &v) == PR_OK &&
		    fabs(v - p30[i]) < 1.5e-5 && fabs(v - p30[i]) < 1e-9,
		    "[LT] P(X(30) = %d) = %.10f (decimal=5; also to 1e-9), "
		    "got %.10f", 11 + i, p30[i], v);
	for (i = 0; i < 5; i++)
		CHECK(pr_bgnbd_cond_expected(&lt, 1, top[i].x, top[i].tx,
		    top[i].T, &v) == PR_OK && fabs(v - top[i].e) < 2e-6,
		    "[LTD] ID %d E[Y(1)] = %.6f with lifetimes' fit, got %.7f",
		    top[i].id, top[i].e, v);
	CHECK(pr_bgnbd_p_alive(&paper, 7, 29.43, 38.86, &v) == PR_OK &&
	    fabs(v - 0.64176) < 1e-5 &&
	    pr_bgnbd_cond_expected(&paper, 39, 7, 29.43, 38.86, &w) ==
	    PR_OK && fabs(w - 3.3371) < 1e-4,
	    "[HERE] ID 6 P(alive) = 0.64176, E[Y(39)] = 3.3371; got %.6f %.6f",
	    v, w);
	CHECK(pr_bgnbd_p_alive(&paper, 0, 0, 38.86, &v) == PR_OK &&
	    v == 1.0 && pr_bgnbd_cond_expected(&paper, 39, 0, 0, 38.86, &w) ==
	    PR_OK && fabs(w - 0.19510) < 1e-5,
	    "[HERE] ID 3 P(alive) = 1, E[Y(39)] = 0.19510; got %.6f", w);
}

/* 2F1 closed form vs direct quadrature of the same integral. */
static void
test_bgnbd_numerics(void)
{
	static const struct {
		struct pr_bgnbd	 m;
		double		 t, x, tx, T;
	} c[] = {
		{ { 0.243, 4.414, 0.793, 2.426 }, 78, 0, 0, 38.86 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 5000, 0, 0, 0 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 52, 3000, 70, 71 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 52, 3000, 71, 71 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 5.0, 2, 0.5, 0.5 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 0.01, 1, 30, 38 },
		{ { 0.243, 4.414, 0.793, 2.426 }, 1e6, 2, 1, 3 },
		{ { 2.5, 30.0, 3.5, 0.7 }, 365, 4, 200, 300 },
		{ { 0.5, 2.0, 6.0, 0.4 }, 1000, 0, 0, 1 },
		{ { 0.5, 2.0, 0.3, 0.5 }, 52, 0, 0, 10 },	/* a+b<1 */
		{ { 0.5, 2.0, 1.0, 2.0 }, 52, 5, 20, 30 },	/* a = 1 */
		{ { 1.0, 1.0, 3.0, 2.0 }, 100, 1, 1, 1 },	/* integer c-a-b */
	};
	struct pr_bgnbd	 m;
	double		 v, q, pa, lo, hi;
	size_t		 i;
	long		 k;
	int		 ok;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ok = pr_bgnbd_cond_expected(&c[i].m, c[i].t, c[i].x, c[i].tx,
		    c[i].T, &v) == PR_OK &&
		    pr_bgnbd_p_alive(&c[i].m, c[i].x, c[i].tx, c[i].T, &pa) ==
		    PR_OK && pr_bg_quad(c[i].m.alpha + c[i].T, c[i].m.r +
		    c[i].x, c[i].m.a, c[i].m.b + c[i].x, c[i].t, &q) == PR_OK;
		q *= pa;
		CHECK(ok && isfinite(v) && fabs(v - q) <= 1e-9 * q,
		    "E[Y(t)|x,t_x,T] closed form = quadrature (case %zu: r %g "
		    "alpha %g a %g b %g t %g x %g): %.12g vs %.12g", i,
		    c[i].m.r, c[i].m.alpha, c[i].m.a, c[i].m.b, c[i].t,
		    c[i].x, v, q);
	}
	/* Continuity through the removable singularity at a = 1. */
	m = (struct pr_bgnbd){ 0.5, 2.0, 1.0, 2.0 };
	pr_bgnbd_expected(&m, 52, &v);
	m.a = 1.001;
	pr_bgnbd_expected(&m, 52, &hi);
	m.a = 0.999;
	pr_bgnbd_expected(&m, 52, &lo);
	CHECK(isfinite(v) && fabs(v - 0.5 * (lo + hi)) < 1e-5,
	    "E[X(t)] continuous at a = 1 (%.8f between %.8f and %.8f)",
	    v, lo, hi);
	/* P(X(t) = n) sums to 1 and its mean is E[X(t)]. */
	m = (struct pr_bgnbd){ 0.243, 4.414, 0.793, 2.426 };
	for (k = 0, q = 0, v = 0; k < 2000; k++) {
		double pk;

		if (pr_bgnbd_prob_n(&m, 39, k, &pk) != PR_OK)
			break;
		q += pk;
		v += k * pk;
	}
	pr_bgnbd_expected(&m, 39, &pa);
	CHECK(fabs(q - 1) < 1e-9 && fabs(v - pa) < 1e-6,
	    "sum_n P(X(39) = n) = 1 (%.12f), mean = E[X(39)] (%.9f vs %.9f)",
	    q, v, pa);
}

static void
test_bgnbd_edges(const struct pr_bgnbd *fit)
{
	struct pr_bgnbd	 bad = { -1, 1, 1, 1 };
	double		 v = -1, w = -1, ll = 0;
	int		 ok;

	ok = pr_bgnbd_cond_expected(fit, 39, 1000, 10, 100, &v) == PR_OK &&
	    v == 0.0 && pr_bgnbd_ll_one(fit, 1000, 10, 100, &ll) == PR_OK &&
	    isfinite(ll);
	CHECK(ok, "x=1000, t_x=10, T=100: E[Y(39)] = 0, LL finite (%g)", ll);
	ok = pr_bgnbd_p_alive(fit, 5000, 100, 100, &v) == PR_OK &&
	    v > 0.999 && v < 1 &&
	    pr_bgnbd_cond_expected(fit, 52, 5000, 100, 100, &w) == PR_OK &&
	    isfinite(w) && w > 1000;
	CHECK(ok, "x=5000, last purchase today: P(alive) %.6f, E[Y(52)] %.2f "
	    "finite", v, w);
	ok = pr_bgnbd_p_alive(fit, 0, 0, 0, &v) == PR_OK && v == 1.0 &&
	    pr_bgnbd_ll_one(fit, 0, 0, 0, &ll) == PR_OK && fabs(ll) < 1e-12;
	CHECK(ok, "single purchase on the as-of date (T=0): P(alive) = 1, "
	    "LL = 0");
	ok = pr_bgnbd_cond_expected(fit, 39, 0, 0, 0, &v) == PR_OK &&
	    pr_bgnbd_expected(fit, 39, &w) == PR_OK && fabs(v - w) < 1e-12;
	CHECK(ok, "T=0: conditional expectation equals E[X(t)] of a new "
	    "customer (%.9f)", v);
	ok = pr_bgnbd_cond_expected(fit, 0, 3, 5, 10, &v) == PR_OK && v == 0;
	CHECK(ok, "t=0: no expected purchases");
	CHECK(pr_bgnbd_p_alive(fit, 2, 11, 10, &v) == PR_EINVAL &&
	    pr_bgnbd_p_alive(&bad, 1, 1, 2, &v) == PR_EINVAL &&
	    pr_bgnbd_cond_expected(fit, NAN, 1, 1, 2, &v) == PR_EINVAL &&
	    pr_bgnbd_prob_n(fit, 1, -1, &v) == PR_EINVAL &&
	    pr_bgnbd_ll_one(fit, INFINITY, 1, 2, &v) == PR_EINVAL,
	    "BG/NBD rejects t_x > T, bad params, NaN/inf inputs, n < 0");
	ok = pr_bgnbd_prob_n(fit, 39, 1000, &v) == PR_OK && isfinite(v) &&
	    v >= 0 && pr_bgnbd_prob_n(fit, 1e7, 3, &w) == PR_OK &&
	    isfinite(w);
	CHECK(ok, "P(X(t)=n) finite for n=1000 (%g) and t=1e7 (%g)", v, w);
}

static void
test_no_nan(const struct pr_summary *s, size_t n, const struct pr_bgnbd *bg,
    const struct pr_gg *gg)
{
	size_t	 i, bad = 0;
	double	 p, e, a, c;

	for (i = 0; i < n; i++) {
		if (pr_bgnbd_p_alive(bg, s[i].x, s[i].t_x, s[i].T, &p) ||
		    pr_bgnbd_cond_expected(bg, 52, s[i].x, s[i].t_x, s[i].T,
		    &e) || pr_gg_cond_aov(gg, s[i].x, s[i].zbar, &a) ||
		    pr_clv(bg, gg, s[i].x, s[i].t_x, s[i].T, s[i].zbar, 12,
		    0.01, 4.345, &c) || !isfinite(p + e + a + c) || p < 0 ||
		    p > 1 || e < 0 || c < 0)
			bad++;
	}
	CHECK(bad == 0, "all 2357 customers: P(alive), E[Y(52)], E[M], CLV "
	    "finite and in range (%zu bad)", bad);
}

/* ------------------------------------------------------------------ */

static void
test_gg(const struct pr_summary *s, size_t n, struct pr_gg *fit)
{
	static const struct pr_gg	 paper = { 6.25, 3.74, 15.44 };
	static const double		 lt[10] = { 24.65, 18.91, 35.17, 35.17,
	    35.17, 71.46, 18.91, 35.17, 27.28, 35.17 };
	static const double		 here[10] = { 24.66, 18.92, 35.22,
	    35.22, 35.22, 71.47, 18.92, 35.22, 27.29, 35.22 };
	struct pr_fit_info		 fi;
	struct pr_summary		*z = NULL;
	struct pr_gg			 g2;
	double				 v, ll = 0, t0, t1, num, den, mean;
	size_t				 i, used = 0, k;
	int				 rc;

	t0 = now();
	rc = pr_gg_fit(s, n, NULL, 0, fit, &fi);
	t1 = now();
	CHECK(rc == PR_OK && fi.converged && fi.n_used == 946,
	    "Gamma-Gamma fit converged on the 946 repeaters (%d runs, %d "
	    "iterations, %zu unique)", fi.runs, fi.iterations, fi.n_unique);
	tap_diag("Gamma-Gamma p=%.12g q=%.12g v=%.12g LL=%.10g (%.1f ms)",
	    fit->p, fit->q, fit->v, fi.ll, (t1 - t0) * 1e3);
	tap_is_near(fit->p, 6.25, 0.015, "[LT] Gamma-Gamma p = 6.25 (decimal=2)");
	tap_is_near(fit->q, 3.74, 0.015, "[LT] Gamma-Gamma q = 3.74 (decimal=2)");
	tap_is_near(fit->v, 15.44, 0.015,
	    "[LT] Gamma-Gamma v = 15.44 (decimal=2)");
	num = fabs(fit->p - 6.25) + fabs(fit->q - 3.74) + fabs(fit->v - 15.44);
	den = 6.25 + 3.74 + 15.44;
	CHECK(num / den < 0.001, "[CLV] Gamma-Gamma coef all.equal (6.25, "
	    "3.74, 15.44), tolerance 0.001 (%.2g)", num / den);
	tap_is_near(fi.ll, -4055.92, 0.01, "[CLV] Gamma-Gamma LL = -4055.92");
	CHECK(fabs(fi.ll / -4055.9177 - 1) < 0.001,
	    "[CLV] Gamma-Gamma LL -4055.9177 (rel. tolerance 0.001)");
	CHECK(pr_gg_ll(&paper, s, n, &ll, &used) == PR_OK && used == 946 &&
	    fabs(ll - -4055.9247) < 0.01,
	    "[HERE] Gamma-Gamma LL at (6.25, 3.74, 15.44) = -4055.9247, "
	    "got %.4f", ll);
	for (i = 0; i < 10; i++) {
		rc = pr_gg_cond_aov(&paper, s[i].x, s[i].zbar, &v);
		CHECK(rc == PR_OK && fabs(v - lt[i]) < 0.1 &&
		    fabs(v - here[i]) < 0.005 + 1e-9,
		    "[LT] ID %zu E[M] = %.2f (atol 0.1; [HERE] %.2f), got %.4f",
		    i + 1, lt[i], here[i], v);
	}
	/* lifetimes' Quickstart averages over all 2357 customers. */
	for (i = 0, k = 0, mean = 0; i < n; i++)
		if (pr_gg_cond_aov(fit, s[i].x, s[i].zbar, &v) == PR_OK) {
			mean += v;
			k++;
		}
	mean /= k ? k : 1;
	tap_is_near(mean, 35.2529588256, 0.01,
	    "[LTD] mean E[M] over the 2357 customers 35.2530 (fitted)");

	/* Zero spend: skipped by the fit, finite in predictions. */
	if ((z = calloc(n + 1, sizeof(*z))) == NULL)
		return;
	memcpy(z, s, n * sizeof(*z));
	z[n] = (struct pr_summary){ 99999, 3, 10, 20, 0.0 };
	rc = pr_gg_fit(z, n + 1, NULL, 0, &g2, &fi);
	CHECK(rc == PR_OK && fi.n_used == 946 && fabs(g2.p - fit->p) < 1e-4 &&
	    fabs(g2.q - fit->q) < 1e-4 && fabs(g2.v - fit->v) < 1e-3,
	    "Gamma-Gamma fit ignores a zero-spend repeater");
	free(z);
	CHECK(pr_gg_cond_aov(fit, 3, 0.0, &v) == PR_OK && isfinite(v) &&
	    v > 0 && pr_gg_ll_one(fit, 3, 0.0, &ll) == PR_EINVAL,
	    "zero spend: E[M | x=3, mbar=0] = %.4f finite; LL rejects mbar=0", v);
	CHECK(pr_gg_cond_aov(fit, 0, 123.0, &v) == PR_OK &&
	    fabs(v - fit->p * fit->v / (fit->q - 1)) < 1e-12,
	    "x = 0: E[M] is the population mean p v / (q - 1) = %.4f", v);
	g2 = (struct pr_gg){ 1.0, 0.5, 10 };
	CHECK(pr_gg_cond_aov(&g2, 0, 0, &v) == PR_EDOMAIN,
	    "q <= 1 with x = 0: mean spend undefined, PR_EDOMAIN");
}

static void
test_clv(const struct pr_bgnbd *bg, const struct pr_gg *gg)
{
	double	 c0 = 0, c1 = 0, e = 0, aov = 0, c = -1;

	pr_gg_cond_aov(gg, 2, 22.35, &aov);
	pr_bgnbd_cond_expected(bg, 12 * 4.345, 2, 30.43, 38.86, &e);
	CHECK(pr_clv(bg, gg, 2, 30.43, 38.86, 22.35, 12, 0.0, 4.345, &c0) ==
	    PR_OK && fabs(c0 - e * aov) < 1e-9,
	    "CLV with no discount = E[Y(12 months)] * E[M] (%.6f)", c0);
	CHECK(pr_clv(bg, gg, 2, 30.43, 38.86, 22.35, 12, 0.01, 4.345, &c1) ==
	    PR_OK && c1 < c0 && c1 > c0 / 1.01 / 1.01 / 1.01 / 1.01 / 1.01 /
	    1.01 / 1.01 / 1.01 / 1.01 / 1.01 / 1.01 / 1.01,
	    "CLV discounted at 1%%/month lies between the 12-month and 0-month "
	    "discount (%.6f)", c1);
	CHECK(pr_clv(bg, gg, 1000, 10, 100, 50, 12, 0.01, 4.345, &c) ==
	    PR_OK && c == 0.0, "CLV of x=1000, t_x=10, T=100 (dead) is 0");
	CHECK(pr_clv(bg, gg, 2, 30.43, 38.86, 0.0, 12, 0.01, 4.345, &c) ==
	    PR_OK && isfinite(c) && c > 0,
	    "CLV with zero spend history is finite (%.4f, population prior)",
	    c);
	CHECK(pr_clv(bg, gg, 0, 0, 0, 0, 12, 0.01, 4.345, &c) == PR_OK &&
	    isfinite(c) && c > 0, "CLV of a customer first seen today (T=0) "
	    "finite (%.4f)", c);
	CHECK(pr_clv(bg, gg, 2, 3, 4, 5, 12, -1.0, 4.345, &c) == PR_EINVAL &&
	    pr_clv(bg, gg, 2, 3, 4, 5, -1, 0.01, 4.345, &c) == PR_EINVAL,
	    "CLV rejects discount <= -100%% and negative months");
}

int
main(void)
{
	const char		*dir = getenv("SALIENT_SHARED");
	struct pr_summary	*s = NULL;
	struct pr_bgnbd		 bg = { 0, 0, 0, 0 };
	struct pr_gg		 gg = { 0, 0, 0 };
	size_t			 n = 0;
	double			 bg_ll = 0;

	if (dir == NULL || *dir == '\0')
		dir = "../shared";
	test_dates_and_parser();
	s = test_summary(dir, &n);
	if (s != NULL && n == NCUST) {
		test_bgnbd_fit(s, n, &bg, &bg_ll);
		test_bgnbd_compaction(s, n, &bg, bg_ll);
		test_bgnbd_predict(&bg);
		test_bgnbd_edges(&bg);
		test_gg(s, n, &gg);
		test_no_nan(s, n, &bg, &gg);
		test_clv(&bg, &gg);
	} else
		CHECK(0, "CDNOW summary available for the model tests");
	test_bgnbd_numerics();
	pr_summary_free(s);
	return tap_done();
}
