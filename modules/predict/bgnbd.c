/*
 * bgnbd.c - the BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your
 * Customers the Easy Way: An Alternative to the Pareto/NBD Model",
 * Marketing Science 24(2), 275-284 (below: FHL), and the technical note
 * Fader, Hardie & Lee (2007) "Computing P(alive) using the BG/NBD model".
 *
 * While active, a customer buys at Poisson rate lambda ~ Gamma(r, alpha);
 * after each purchase they drop out with probability p ~ Beta(a, b).
 * A customer is summarised by x repeat purchases, the last at t_x, and
 * the observation length T (all in the same time unit).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pr_int.h"

#define BG_THETA_MAX	30.0	/* |log parameter| searched by the fit */
#define BG_A_NEAR1	1e-4	/* |a - 1| below this: use quadrature */
#define BG_WARM_N	50000	/* subsample size for the warm start */
#define BG_WARM_STEP	0.05	/* simplex edge after the warm start */
#define BETACF_MAXIT	1000000L

static int
bg_valid(const struct pr_bgnbd *m)
{
	return m != NULL && isfinite(m->r) && isfinite(m->alpha) &&
	    isfinite(m->a) && isfinite(m->b) && m->r > 0 && m->alpha > 0 &&
	    m->a > 0 && m->b > 0;
}

/* 0 <= t_x <= T finite, x >= 0 finite (t_x is ignored when x = 0). */
static int
cust_valid(double x, double t_x, double T)
{
	if (!isfinite(x) || !isfinite(t_x) || !isfinite(T) || x < 0 || T < 0)
		return 0;
	return x == 0 || (t_x >= 0 && t_x <= T);
}

/*
 * Log-likelihood of one customer, FHL eq. (6) rewritten in logs as in
 * Fader, Hardie & Lee's note "Implementing the BG/NBD model" (2005):
 *   L = A1 * A2 * (A3 + delta(x > 0) A4), so
 *   ln L = ln A1 + ln A2 + logsumexp(ln A3, ln A4) with
 *   ln A1 = lnG(r + x) - lnG(r) + r ln alpha
 *   ln A2 = lnG(a + b) + lnG(b + x) - lnG(b) - lnG(a + b + x)
 *   ln A3 = -(r + x) ln(alpha + T)
 *   ln A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + t_x)   (x > 0)
 * No power or gamma function is ever formed outside the logs, so x in the
 * thousands is fine.
 */
int
pr_bgnbd_ll_one(const struct pr_bgnbd *m, double x, double t_x, double T,
    double *ll)
{
	double	 r, al, a, b, a12, a3, a4, v;

	if (!bg_valid(m) || !cust_valid(x, t_x, T) || ll == NULL)
		return PR_EINVAL;
	r = m->r, al = m->alpha, a = m->a, b = m->b;
	if (x > 0 && !(b + x - 1 > 0))
		return PR_EDOMAIN;
	a12 = pr_lgam(r + x) - pr_lgam(r) + r * log(al) + pr_lgam(a + b) +
	    pr_lgam(b + x) - pr_lgam(b) - pr_lgam(a + b + x);
	a3 = -(r + x) * log(al + T);
	a4 = x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(al + t_x) :
	    -HUGE_VAL;
	v = a12 + pr_logaddexp(a3, a4);
	if (!isfinite(v))
		return PR_EDOMAIN;
	*ll = v;
	return PR_OK;
}

int
pr_bgnbd_ll(const struct pr_bgnbd *m, const struct pr_summary *s, size_t n,
    double *ll)
{
	double	 sum = 0.0, v;
	size_t	 i;
	int	 rc;

	if (ll == NULL || (s == NULL && n > 0))
		return PR_EINVAL;
	for (i = 0; i < n; i++) {
		if ((rc = pr_bgnbd_ll_one(m, s[i].x, s[i].t_x, s[i].T, &v)))
			return rc;
		sum += v;
	}
	*ll = sum;
	return PR_OK;
}

/* ------------------------------------------------------------------ */
/* Fitting on compacted data                                           */

/*
 * Customers with the same (x, t_x, T) contribute the same term, so they are
 * merged into one tuple with a weight.  Tuples are grouped by x (the gamma
 * terms depend on x only) and point into tables of distinct T and t_x
 * values, so one evaluation costs 3 lgamma per distinct x, one log per
 * distinct T or t_x, and one exp + log1p per tuple.
 */
struct bgkey {
	double	 x, tx, T;
};

struct bgdata {
	size_t	  ntup, ngrp, nT, ntx;
	double	 *gx;		/* [ngrp] x of the group */
	double	 *gw;		/* [ngrp] total weight of the group */
	size_t	 *gend;		/* [ngrp] one past the group's last tuple */
	double	 *w;		/* [ntup] weight */
	uint32_t *iT, *itx;	/* [ntup] index into Tv / txv */
	double	 *Tv, *txv;	/* distinct values */
	double	 *lT, *ltx;	/* scratch: ln(alpha + value) */
};

static int
key_cmp(const void *pa, const void *pb)
{
	const struct bgkey *a = pa, *b = pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->tx != b->tx)
		return a->tx < b->tx ? -1 : 1;
	if (a->T != b->T)
		return a->T < b->T ? -1 : 1;
	return 0;
}

static int
dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* Sorts v[n] and drops duplicates; returns the new length. */
static size_t
uniq(double *v, size_t n)
{
	size_t	 i, k = 0;

	qsort(v, n, sizeof(*v), dbl_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

static uint32_t
find(const double *v, size_t n, double key)
{
	size_t	 lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= key)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static void
bgdata_free(struct bgdata *d)
{
	free(d->gx);
	free(d->gw);
	free(d->gend);
	free(d->w);
	free(d->iT);
	free(d->itx);
	free(d->Tv);
	free(d->txv);
	free(d->lT);
	free(d->ltx);
}

/*
 * Fills d from every stride-th of s[ns]; release with bgdata_free() even
 * on failure.
 */
static int
bgdata_build_stride(struct bgdata *d, const struct pr_summary *s,
    size_t ns, size_t stride)
{
	struct bgkey	*k = NULL;
	size_t		 i, j, t, g, n;
	int		 rc = PR_EINVAL;

	memset(d, 0, sizeof(*d));
	if (ns == 0 || stride == 0)
		goto out;
	for (i = 0; i < ns; i++)
		if (!cust_valid(s[i].x, s[i].t_x, s[i].T))
			goto out;
	n = (ns + stride - 1) / stride;
	rc = PR_ENOMEM;
	if (n >= UINT32_MAX || (k = calloc(n, sizeof(*k))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		const struct pr_summary *c = &s[i * stride];

		k[i].x = c->x;
		k[i].tx = c->x > 0 ? c->t_x : 0.0;
		k[i].T = c->T;
	}
	qsort(k, n, sizeof(*k), key_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || key_cmp(&k[i], &k[i - 1]) != 0)
			d->ntup++;
		if (i == 0 || k[i].x != k[i - 1].x)
			d->ngrp++;
	}
	if ((d->gx = calloc(d->ngrp, sizeof(double))) == NULL ||
	    (d->gw = calloc(d->ngrp, sizeof(double))) == NULL ||
	    (d->gend = calloc(d->ngrp, sizeof(size_t))) == NULL ||
	    (d->w = calloc(d->ntup, sizeof(double))) == NULL ||
	    (d->iT = calloc(d->ntup, sizeof(uint32_t))) == NULL ||
	    (d->itx = calloc(d->ntup, sizeof(uint32_t))) == NULL ||
	    (d->Tv = calloc(d->ntup, sizeof(double))) == NULL ||
	    (d->txv = calloc(d->ntup, sizeof(double))) == NULL)
		goto out;
	/* Tuples (keys compacted in place) and groups. */
	for (i = 0, t = 0, g = 0; i < n; i = j) {
		for (j = i; j < n && key_cmp(&k[j], &k[i]) == 0; j++)
			/* count equal keys */;
		if (t > 0 && k[i].x != k[t - 1].x)
			d->gend[g++] = t;
		k[t] = k[i];
		d->w[t] = (double)(j - i);
		d->gx[g] = k[i].x;
		d->gw[g] += d->w[t];
		t++;
	}
	d->gend[g] = t;
	for (t = 0; t < d->ntup; t++) {
		d->Tv[t] = k[t].T;
		d->txv[t] = k[t].tx;
	}
	d->nT = uniq(d->Tv, d->ntup);
	d->ntx = uniq(d->txv, d->ntup);
	if ((d->lT = calloc(d->nT, sizeof(double))) == NULL ||
	    (d->ltx = calloc(d->ntx, sizeof(double))) == NULL)
		goto out;
	for (t = 0; t < d->ntup; t++) {
		d->iT[t] = find(d->Tv, d->nT, k[t].T);
		d->itx[t] = find(d->txv, d->ntx, k[t].tx);
	}
	rc = PR_OK;
out:
	free(k);
	return rc;
}

static int
bgdata_build(struct bgdata *d, const struct pr_summary *s, size_t n)
{
	return bgdata_build_stride(d, s, n, 1);
}

/* Negative log-likelihood at theta = ln(r, alpha, a, b).  No allocation. */
static double
bg_negll(const double *th, void *vctx)
{
	struct bgdata	*d = vctx;
	double		 r, al, a, b, lr, la, lab, lb, lna, ll = 0.0;
	double		 c, dd, rx, gsum, a3, a4;
	size_t		 g, t, t0;
	int		 i;

	for (i = 0; i < 4; i++)
		if (!(fabs(th[i]) <= BG_THETA_MAX))
			return HUGE_VAL;
	r = exp(th[0]), al = exp(th[1]), a = exp(th[2]), b = exp(th[3]);
	lr = pr_lgam(r), la = th[1], lab = pr_lgam(a + b), lb = pr_lgam(b);
	lna = th[2];
	for (t = 0; t < d->nT; t++)
		d->lT[t] = log(al + d->Tv[t]);
	for (t = 0; t < d->ntx; t++)
		d->ltx[t] = log(al + d->txv[t]);
	for (g = 0, t0 = 0; g < d->ngrp; t0 = d->gend[g], g++) {
		double x = d->gx[g];

		c = pr_lgam(r + x) - lr + r * la + lab + pr_lgam(b + x) - lb -
		    pr_lgam(a + b + x);
		rx = r + x;
		gsum = 0.0;
		if (x == 0) {
			for (t = t0; t < d->gend[g]; t++)
				gsum += d->w[t] * d->lT[d->iT[t]];
			ll += d->gw[g] * c - rx * gsum;
			continue;
		}
		if (!(b + x - 1 > 0))
			return HUGE_VAL;
		dd = lna - log(b + x - 1);
		for (t = t0; t < d->gend[g]; t++) {
			a3 = -rx * d->lT[d->iT[t]];
			a4 = dd - rx * d->ltx[d->itx[t]];
			/* log, not log1p: the absolute error is what counts */
			gsum += d->w[t] * (a3 > a4 ?
			    a3 + log(1.0 + exp(a4 - a3)) :
			    a4 + log(1.0 + exp(a3 - a4)));
		}
		ll += d->gw[g] * c + gsum;
	}
	return isfinite(ll) ? -ll : HUGE_VAL;
}

int
pr_bgnbd_fit(const struct pr_summary *s, size_t n,
    const struct pr_fit_opts *opts, int start_from_m, struct pr_bgnbd *m,
    struct pr_fit_info *info)
{
	struct bgdata		 d;
	struct pr_fit_info	 fi;
	double			 th[4] = { 0.0, 0.0, 0.0, 0.0 }, step = 0.0;
	int			 rc;

	memset(&fi, 0, sizeof(fi));
	memset(&d, 0, sizeof(d));
	rc = PR_EINVAL;
	if (m == NULL || (s == NULL && n > 0))
		goto out;
	if (start_from_m) {
		if (!bg_valid(m))
			goto out;
		th[0] = log(m->r), th[1] = log(m->alpha);
		th[2] = log(m->a), th[3] = log(m->b);
	}
	/*
	 * Large data: a first fit on a systematic subsample of about
	 * BG_WARM_N customers puts the start close to the optimum, so the
	 * full-data search starts from a small simplex.
	 */
	if (!start_from_m && n > 2 * BG_WARM_N) {
		if ((rc = bgdata_build_stride(&d, s, n, n / BG_WARM_N)) != PR_OK)
			goto out;
		if ((rc = pr_nelder_mead(bg_negll, &d, th, 4, 0.0, opts,
		    &fi)) != PR_OK)
			goto out;
		bgdata_free(&d);
		step = BG_WARM_STEP;
	}
	if ((rc = bgdata_build(&d, s, n)) != PR_OK)
		goto out;
	if ((rc = pr_nelder_mead(bg_negll, &d, th, 4, step, opts, &fi)) !=
	    PR_OK)
		goto out;
	m->r = exp(th[0]), m->alpha = exp(th[1]);
	m->a = exp(th[2]), m->b = exp(th[3]);
	fi.n_used = n;
	fi.n_unique = d.ntup;
	if (info != NULL)
		*info = fi;
out:
	bgdata_free(&d);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Per-customer quantities                                             */

/*
 * P(alive | x, t_x, T) (FHL eq. 11 / the 2007 note):
 *   1 / (1 + delta(x > 0) a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))
 * computed as exp(-log1pexp(ln(a / (b + x - 1)) + (r + x) ln(...))), which
 * underflows cleanly to 0 for x = 1000, t_x = 10, T = 100.
 * By definition a customer with x = 0 has not had a chance to drop out
 * (dropout happens only after a purchase): P = 1, also when T = 0.
 */
static double
p_alive_log(const struct pr_bgnbd *m, double x, double t_x, double T)
{
	double	 ld;

	if (x == 0)
		return 0.0;
	ld = log(m->a) - log(m->b + x - 1) +
	    (m->r + x) * log((m->alpha + T) / (m->alpha + t_x));
	return ld > 35.0 ? -ld - exp(-ld) : -log1p(exp(ld));
}

int
pr_bgnbd_p_alive(const struct pr_bgnbd *m, double x, double t_x, double T,
    double *p)
{
	if (!bg_valid(m) || !cust_valid(x, t_x, T) || p == NULL)
		return PR_EINVAL;
	if (x > 0 && !(m->b + x - 1 > 0))
		return PR_EDOMAIN;
	*p = exp(p_alive_log(m, x, t_x, T));
	return PR_OK;
}

/*
 * Expected purchases in the next t of a customer known to be alive, whose
 * posterior is lambda ~ Gamma(s, beta), p ~ Beta(a, b2):
 *   I = E[(1 - exp(-lambda p t)) / p]
 *     = (a + b2 - 1) / (a - 1) [1 - (beta/(beta+t))^s 2F1(s, b2; a+b2-1; z)]
 * with z = t / (beta + t) (FHL eq. 7 and 10).  Euler's transformation
 * 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A,C-B;C;z) (A&S 15.3.3) turns the
 * bracket into
 *   1 - (1-z)^(a-1) 2F1(a + b2 - 1 - s, a - 1; a + b2 - 1; z),
 * whose series has small upper parameters even when s = r + x and
 * b2 = b + x are in the thousands (the plain form's terms grow like
 * (1-z)^-(r+x) and overflow).  For unconditional
 * expectations s = r, b2 = b, beta = alpha; conditionally s = r + x,
 * b2 = b + x, beta = alpha + T (and the result is multiplied by P(alive)).
 * Near a = 1 (removable singularity), for a + b2 - 1 <= 0, or if the series
 * fails, the integral is evaluated by tanh-sinh quadrature instead.
 */
static int
alive_expected(const struct pr_bgnbd *m, double beta, double s, double b2,
    double t, double *out)
{
	double	 a = m->a, C = a + b2 - 1, z, f, lw, v;

	if (t == 0) {
		*out = 0.0;
		return PR_OK;
	}
	if (fabs(a - 1) > BG_A_NEAR1 && C > 1e-3) {
		z = t / (beta + t);
		lw = -log1p(t / beta);		/* ln(1 - z) */
		if (z < 1.0 && pr_hyp2f1(C - s, a - 1, C, z, &f) == PR_OK) {
			v = C / (a - 1) * -expm1((a - 1) * lw + log(fabs(f)));
			if (f > 0 && isfinite(v) && v >= 0) {
				*out = v;
				return PR_OK;
			}
		}
	}
	return pr_bg_quad(beta, s, a, b2, t, out);
}

int
pr_bgnbd_cond_expected(const struct pr_bgnbd *m, double t, double x,
    double t_x, double T, double *e)
{
	double	 lp, v;
	int	 rc;

	if (!bg_valid(m) || !cust_valid(x, t_x, T) || e == NULL ||
	    !isfinite(t) || t < 0)
		return PR_EINVAL;
	if (x > 0 && !(m->b + x - 1 > 0))
		return PR_EDOMAIN;
	lp = p_alive_log(m, x, t_x, T);
	if (lp < -745.0) {		/* P(alive) = 0 in doubles */
		*e = 0.0;
		return PR_OK;
	}
	if ((rc = alive_expected(m, m->alpha + T, m->r + x, m->b + x, t,
	    &v)) != PR_OK)
		return rc;
	v *= exp(lp);
	if (!isfinite(v))
		return PR_EDOMAIN;
	*e = v;
	return PR_OK;
}

int
pr_bgnbd_expected(const struct pr_bgnbd *m, double t, double *e)
{
	double	 v;
	int	 rc;

	if (!bg_valid(m) || e == NULL || !isfinite(t) || t < 0)
		return PR_EINVAL;
	if ((rc = alive_expected(m, m->alpha, m->r, m->b, t, &v)) != PR_OK)
		return rc;
	*e = v;
	return PR_OK;
}

/*
 * Continued fraction of the incomplete beta function (modified Lentz),
 * Press et al., Numerical Recipes 3rd ed. section 6.4 (betacf); converges
 * in O(sqrt(max(a, b))) steps for x < (a + 1) / (a + b + 2).
 */
static int
betacf(double a, double b, double x, double *out)
{
	const double	 tiny = 1e-300;
	double		 c = 1.0, d, h, aa, del;
	long		 m;

	d = 1.0 - (a + b) * x / (a + 1.0);
	d = 1.0 / (fabs(d) < tiny ? tiny : d);
	h = d;
	for (m = 1; m <= BETACF_MAXIT; m++) {
		aa = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
		d = 1.0 + aa * d;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = 1.0 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x /
		    ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
		d = 1.0 + aa * d;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = 1.0 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			break;
	}
	if (m > BETACF_MAXIT || !isfinite(h))
		return PR_ENOCONV;
	*out = h;
	return PR_OK;
}

/*
 * Regularised incomplete beta I_x(a, b), x given as lx = ln x and
 * l1x = ln(1 - x) (both exact here, no 1 - x rounding).
 */
static int
inc_beta(double a, double b, double lx, double l1x, double *out)
{
	double	 x = exp(lx), front, cf;
	int	 rc;

	front = a * lx + b * l1x - pr_lbeta(a, b);
	if (x < (a + 1.0) / (a + b + 2.0)) {
		if ((rc = betacf(a, b, x, &cf)) != PR_OK)
			return rc;
		*out = exp(front) * cf / a;
	} else {
		if ((rc = betacf(b, a, exp(l1x), &cf)) != PR_OK)
			return rc;
		*out = 1.0 - exp(front) * cf / b;
	}
	if (*out < 0.0)
		*out = 0.0;
	if (*out > 1.0)
		*out = 1.0;
	return PR_OK;
}

/*
 * P(J >= n) for J ~ NBD(r, q): P(J = j) = G(r+j)/(G(r) j!) q^r (1-q)^j,
 * given lq = ln q, l1q = ln(1 - q).  The NBD upper tail is the
 * regularised incomplete beta I_{1-q}(n, r) (A&S 26.5.26 with the
 * binomial/NBD duality), so 1 - sum_{j<n} never cancels and no
 * term-by-term sum is needed when n is large.
 */
static int
nbd_tail(double r, double lq, double l1q, long n, double *out)
{
	if (n <= 0) {
		*out = 1.0;
		return PR_OK;
	}
	return inc_beta((double)n, r, l1q, lq, out);
}

/*
 * FHL eq. (8):
 *   P(X(t) = n) = B(a, b+n)/B(a, b) G(r+n)/(G(r) n!) q^r (1-q)^n
 *     + delta(n > 0) B(a+1, b+n-1)/B(a, b) [1 - sum_{j<n} NBD(j)]
 * with q = alpha / (alpha + t); the bracket is the NBD upper tail.
 */
int
pr_bgnbd_prob_n(const struct pr_bgnbd *m, double t, long n, double *p)
{
	double	 r, al, a, b, lq, l1q, lb0, v, tail = 0.0;
	int	 rc;

	if (!bg_valid(m) || p == NULL || !isfinite(t) || t < 0 || n < 0)
		return PR_EINVAL;
	if (t == 0) {
		*p = n == 0 ? 1.0 : 0.0;
		return PR_OK;
	}
	r = m->r, al = m->alpha, a = m->a, b = m->b;
	lq = -log1p(t / al);
	l1q = -log1p(al / t);
	lb0 = pr_lbeta(a, b);
	v = exp(pr_lbeta(a, b + n) - lb0 + pr_lgam(r + n) - pr_lgam(r) -
	    pr_lgam(n + 1.0) + r * lq + n * l1q);
	if (n > 0) {
		if (!(b + n - 1 > 0))
			return PR_EDOMAIN;
		if ((rc = nbd_tail(r, lq, l1q, n, &tail)) != PR_OK)
			return rc;
		v += exp(pr_lbeta(a + 1, b + n - 1) - lb0) * tail;
	}
	if (!isfinite(v))
		return PR_EDOMAIN;
	*p = v > 1.0 ? 1.0 : v;
	return PR_OK;
}
