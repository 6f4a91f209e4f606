/*
 * special.c - special functions for the customer-base models: log-gamma,
 * log-beta, log-sum-exp, the Gauss hypergeometric function 2F1 on [0, 1)
 * and a tanh-sinh quadrature for the BG/NBD expectation integral.
 *
 * All functions are reentrant (lgamma_r, no static buffers) and
 * allocation-free.
 */
#include <math.h>

#include "pr_int.h"

#define H_EPS		1e-16	/* relative truncation error of a series */
#define H_MAXIT		4000000	/* direct series, z close to 1 */
#define H_MAXIT_SHORT	2000	/* series in 1 - z <= 0.25 */
#define H_ZSWITCH	0.75	/* above this, try the 1 - z transformation */
#define H_NEARINT	1e-5	/* C - A - B this close to an integer is
				   treated by symmetric perturbation */

double
pr_lgam(double x)
{
	int	 sign;

	return lgamma_r(x, &sign);
}

double
pr_lbeta(double a, double b)
{
	return pr_lgam(a) + pr_lgam(b) - pr_lgam(a + b);
}

double
pr_logaddexp(double u, double v)
{
	double	 hi, lo;

	if (u >= v) {
		hi = u;
		lo = v;
	} else {
		hi = v;
		lo = u;
	}
	if (isinf(hi) && hi < 0)
		return hi;
	return hi + log1p(exp(lo - hi));
}

/* ln(1 + e^y) for any y without overflow. */
static double
log1pexp(double y)
{
	if (y > 35.0)
		return y + exp(-y);
	return log1p(exp(y));
}

static int
is_nonpos_int(double v)
{
	return v <= 0.0 && v == floor(v);
}

/*
 * sum_{n>=0} (A)_n (B)_n / ((C)_n n!) z^n, 0 <= z < 1.
 * The tail after term n is bounded by |term| rho / (1 - rho), rho the
 * larger of the current ratio and its limit z; the bound is only trusted
 * once n has passed |A| + |B| (so no factor A + n, B + n can still be near
 * zero or the terms still be growing).
 */
static int
series(double A, double B, double C, double z, long maxit, double *out)
{
	double	 term = 1.0, sum = 1.0, ratio, rho;
	double	 settle = fabs(A) + fabs(B);
	long	 n;

	for (n = 0; n < maxit; n++) {
		ratio = (A + n) * (B + n) / ((C + n) * (n + 1.0)) * z;
		term *= ratio;
		sum += term;
		if (!isfinite(sum))
			return PR_EDOMAIN;
		if (term == 0.0)
			break;
		rho = fabs(ratio) > z ? fabs(ratio) : z;
		if (n >= settle && rho < 1.0 &&
		    fabs(term) * rho / (1.0 - rho) <= H_EPS * fabs(sum))
			break;
	}
	if (n == maxit)
		return PR_ENOCONV;
	*out = sum;
	return PR_OK;
}

/*
 * Gamma(p1) Gamma(p2) / (Gamma(q1) Gamma(q2)) as sign * exp(*lg); returns
 * the sign, 0 when a denominator argument is a pole (1/Gamma = 0).
 */
static int
gratio(double p1, double p2, double q1, double q2, double *lg)
{
	int	 s1, s2, s3, s4;
	double	 v;

	if (is_nonpos_int(q1) || is_nonpos_int(q2)) {
		*lg = 0.0;
		return 0;
	}
	v = lgamma_r(p1, &s1) + lgamma_r(p2, &s2) -
	    lgamma_r(q1, &s3) - lgamma_r(q2, &s4);
	*lg = v;
	return s1 * s2 * s3 * s4;
}

/*
 * Abramowitz & Stegun 15.3.6, for m = C - A - B not an integer:
 *   F(A,B;C;z) = G(C)G(m)/(G(C-A)G(C-B)) F(A,B;1-m;1-z)
 *              + (1-z)^m G(C)G(-m)/(G(A)G(B)) F(C-A,C-B;1+m;1-z)
 * Refuses (PR_ENOCONV) when the two terms cancel badly.
 */
static int
transform(double A, double B, double C, double z, double *out)
{
	double	 m = C - A - B, w = 1.0 - z;
	double	 lg1, lg2, f1 = 0.0, f2 = 0.0, t1 = 0.0, t2 = 0.0, res;
	int	 s1, s2, rc;

	if (is_nonpos_int(m) || is_nonpos_int(-m))
		return PR_EDOMAIN;
	s1 = gratio(C, m, C - A, C - B, &lg1);
	s2 = gratio(C, -m, A, B, &lg2);
	if (s1 != 0) {
		if ((rc = series(A, B, 1.0 - m, w, H_MAXIT_SHORT, &f1)) != PR_OK)
			return rc;
		t1 = s1 * exp(lg1) * f1;
	}
	if (s2 != 0) {
		if ((rc = series(C - A, C - B, 1.0 + m, w, H_MAXIT_SHORT,
		    &f2)) != PR_OK)
			return rc;
		t2 = s2 * exp(lg2 + m * log(w)) * f2;
	}
	res = t1 + t2;
	if (!isfinite(res) || !isfinite(t1) || !isfinite(t2))
		return PR_EDOMAIN;
	if (fabs(t1) + fabs(t2) > 1e5 * fabs(res))
		return PR_ENOCONV;
	*out = res;
	return PR_OK;
}

int
pr_hyp2f1(double A, double B, double C, double z, double *out)
{
	double	 m, d, lo, hi;
	int	 rc;

	if (!isfinite(A) || !isfinite(B) || !isfinite(C) || !(C > 1e-12) ||
	    !(z >= 0.0 && z < 1.0))
		return PR_EDOMAIN;
	if (z == 0.0 || A == 0.0 || B == 0.0) {
		*out = 1.0;
		return PR_OK;
	}
	if (z > H_ZSWITCH) {
		m = C - A - B;
		d = m - nearbyint(m);
		if (fabs(d) >= H_NEARINT)
			rc = transform(A, B, C, z, out);
		else if ((rc = transform(A, B - 2 * H_NEARINT, C, z, &lo)) ==
		    PR_OK && (rc = transform(A, B + 2 * H_NEARINT, C, z,
		    &hi)) == PR_OK)
			*out = 0.5 * (lo + hi);	/* error O(h^2) */
		if (rc == PR_OK)
			return PR_OK;
	}
	return series(A, B, C, z, H_MAXIT, out);
}

/* [1 - (beta / (beta + p t))^s] / p, with its limit s t / beta at p -> 0. */
static double
bg_g(double p, double beta, double s, double t)
{
	double	 y = p * t / beta;

	if (y < 1e-9)
		return s * t / beta * (1.0 - 0.5 * (s + 1.0) * y);
	return -expm1(-s * log1p(y)) / p;
}

/* Integrand after p = 1 / (1 + exp(-pi sinh u)). */
static double
bg_f(double u, double beta, double s, double a, double b, double t,
    double lb)
{
	double	 v = M_PI * sinh(u);
	double	 logp = -log1pexp(-v), log1mp = -log1pexp(v);

	return bg_g(exp(logp), beta, s, t) *
	    exp(a * logp + b * log1mp - lb + log(M_PI * cosh(u)));
}

int
pr_bg_quad(double beta, double s, double a, double b, double t, double *out)
{
	double	 lb, ul, ur, h, sum, prev = 0.0, u, res;
	long	 k, kmin, kmax;
	int	 level;

	if (!(beta > 0) || !(s > 0) || !(a > 0) || !(b > 0) || !(t >= 0) ||
	    !isfinite(beta) || !isfinite(s) || !isfinite(a) ||
	    !isfinite(b) || !isfinite(t))
		return PR_EDOMAIN;
	if (t == 0.0) {
		*out = 0.0;
		return PR_OK;
	}
	lb = pr_lbeta(a, b);
	/* Beyond these the integrand is below e^-60 of its scale. */
	ul = asinh(80.0 / (M_PI * a)) + 1.0;
	ur = asinh(80.0 / (M_PI * b)) + 1.0;
	h = 0.5;
	sum = 0.0;
	kmin = (long)floor(-ul / h);
	kmax = (long)ceil(ur / h);
	for (k = kmin; k <= kmax; k++)
		sum += bg_f(k * h, beta, s, a, b, t, lb);
	res = sum * h;
	for (level = 0; level < 12; level++) {
		prev = res;
		h *= 0.5;
		kmin = (long)floor(-ul / h);
		kmax = (long)ceil(ur / h);
		for (k = kmin; k <= kmax; k++) {
			if ((k & 1) == 0)
				continue;
			u = k * h;
			sum += bg_f(u, beta, s, a, b, t, lb);
		}
		res = sum * h;
		if (!isfinite(res))
			return PR_EDOMAIN;
		if (level >= 2 && fabs(res - prev) <= 1e-13 * fabs(res))
			break;
	}
	if (level == 12)
		return PR_ENOCONV;
	*out = res;
	return PR_OK;
}
