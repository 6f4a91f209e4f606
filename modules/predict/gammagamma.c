/*
 * gammagamma.c - the Gamma-Gamma model of spend per transaction and the
 * discounted customer lifetime value built on it.
 *
 * Fader, P.S. & Hardie, B.G.S. (2013) "The Gamma-Gamma Model of Monetary
 * Value", http://brucehardie.com/notes/025/ ; earlier Fader, Hardie & Lee
 * (2005) "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
 * J. Marketing Research 42(4), 415-430.
 *
 * A customer's transaction values z_i ~ Gamma(p, nu), with nu ~ Gamma(q, v)
 * across customers.  Given x transactions with mean mbar, the likelihood
 * (the note's eq. 3, after integrating nu out) is
 *   L = G(px + q) / (G(px) G(q)) v^q mbar^(px-1) x^(px) / (v + x mbar)^(px+q)
 * and the posterior mean spend (eq. 5) is
 *   E[M | x, mbar] = (q - 1)/(px + q - 1) * p v/(q - 1)
 *                  + px/(px + q - 1) * mbar = p (v + x mbar) / (px + q - 1).
 * Only customers with x > 0 and mbar > 0 carry information on (p, q, v).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pr_int.h"

#define GG_THETA_MAX	30.0
#define CLV_MONTHS_MAX	1200

static int
gg_valid(const struct pr_gg *m)
{
	return m != NULL && isfinite(m->p) && isfinite(m->q) &&
	    isfinite(m->v) && m->p > 0 && m->q > 0 && m->v > 0;
}

int
pr_gg_ll_one(const struct pr_gg *m, double x, double mbar, double *ll)
{
	double	 p, q, v, px, r;

	if (!gg_valid(m) || ll == NULL || !isfinite(x) || !isfinite(mbar) ||
	    !(x > 0) || !(mbar > 0))
		return PR_EINVAL;
	p = m->p, q = m->q, v = m->v, px = p * x;
	r = pr_lgam(px + q) - pr_lgam(px) - pr_lgam(q) + q * log(v) +
	    (px - 1) * log(mbar) + px * log(x) - (px + q) * log(x * mbar + v);
	if (!isfinite(r))
		return PR_EDOMAIN;
	*ll = r;
	return PR_OK;
}

static int
gg_used(const struct pr_summary *c)
{
	return isfinite(c->x) && isfinite(c->zbar) && c->x > 0 && c->zbar > 0;
}

int
pr_gg_ll(const struct pr_gg *m, const struct pr_summary *s, size_t n,
    double *ll, size_t *used)
{
	double	 sum = 0.0, v;
	size_t	 i, k = 0;
	int	 rc;

	if (ll == NULL || (s == NULL && n > 0) || !gg_valid(m))
		return PR_EINVAL;
	for (i = 0; i < n; i++) {
		if (!gg_used(&s[i]))
			continue;
		if ((rc = pr_gg_ll_one(m, s[i].x, s[i].zbar, &v)) != PR_OK)
			return rc;
		sum += v;
		k++;
	}
	*ll = sum;
	if (used != NULL)
		*used = k;
	return PR_OK;
}

/* ------------------------------------------------------------------ */
/* Fitting on compacted data                                           */

/*
 * Equal (x, mbar) pairs are merged with a weight and grouped by x.  The
 * parameter-free parts are summed once:
 *   K1 = sum w x (ln mbar + ln x),  K0 = sum w ln mbar,
 * so that ln L = sum_g W_g [lnG(p x_g + q) - lnG(p x_g)]
 *              + W (q ln v - lnG(q)) + p K1 - K0
 *              - sum_t w_t (p x_t + q) ln(x_t mbar_t + v),
 * leaving one log per distinct pair and two lgamma per distinct x.
 */
struct ggkey {
	double	 x, m;
};

struct ggdata {
	size_t	 ntup, ngrp;
	double	*gx, *gw;
	size_t	*gend;
	double	*w, *xm;
	double	 W, K0, K1;
};

static int
ggkey_cmp(const void *pa, const void *pb)
{
	const struct ggkey *a = pa, *b = pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return 0;
}

static void
ggdata_free(struct ggdata *d)
{
	free(d->gx);
	free(d->gw);
	free(d->gend);
	free(d->w);
	free(d->xm);
}

static int
ggdata_build(struct ggdata *d, const struct pr_summary *s, size_t n)
{
	struct ggkey	*k = NULL;
	size_t		 i, j, t, g, nk = 0;
	int		 rc = PR_ENOMEM;

	memset(d, 0, sizeof(*d));
	if (n > SIZE_MAX / sizeof(*k) || (k = calloc(n ? n : 1,
	    sizeof(*k))) == NULL)
		goto out;
	for (i = 0; i < n; i++)
		if (gg_used(&s[i])) {
			k[nk].x = s[i].x;
			k[nk].m = s[i].zbar;
			nk++;
		}
	rc = PR_EINVAL;
	if (nk == 0)
		goto out;
	qsort(k, nk, sizeof(*k), ggkey_cmp);
	for (i = 0; i < nk; i++) {
		if (i == 0 || ggkey_cmp(&k[i], &k[i - 1]) != 0)
			d->ntup++;
		if (i == 0 || k[i].x != k[i - 1].x)
			d->ngrp++;
	}
	rc = PR_ENOMEM;
	if ((d->gx = calloc(d->ngrp, sizeof(double))) == NULL ||
	    (d->gw = calloc(d->ngrp, sizeof(double))) == NULL ||
	    (d->gend = calloc(d->ngrp, sizeof(size_t))) == NULL ||
	    (d->w = calloc(d->ntup, sizeof(double))) == NULL ||
	    (d->xm = calloc(d->ntup, sizeof(double))) == NULL)
		goto out;
	for (i = 0, t = 0, g = 0; i < nk; i = j) {
		for (j = i; j < nk && ggkey_cmp(&k[j], &k[i]) == 0; j++)
			/* count equal keys */;
		if (t > 0 && k[i].x != d->gx[g])
			d->gend[g++] = t;
		d->gx[g] = k[i].x;
		d->w[t] = (double)(j - i);
		d->xm[t] = k[i].x * k[i].m;
		d->gw[g] += d->w[t];
		d->W += d->w[t];
		d->K1 += d->w[t] * k[i].x * (log(k[i].m) + log(k[i].x));
		d->K0 += d->w[t] * log(k[i].m);
		t++;
	}
	d->gend[g] = t;
	rc = PR_OK;
out:
	free(k);
	return rc;
}

/* Negative log-likelihood at theta = ln(p, q, v).  No allocation. */
static double
gg_negll(const double *th, void *vctx)
{
	const struct ggdata	*d = vctx;
	double			 p, q, v, ll, px, s;
	size_t			 g, t, t0;

	if (!(fabs(th[0]) <= GG_THETA_MAX && fabs(th[1]) <= GG_THETA_MAX &&
	    fabs(th[2]) <= GG_THETA_MAX))
		return HUGE_VAL;
	p = exp(th[0]), q = exp(th[1]), v = exp(th[2]);
	ll = d->W * (q * th[2] - pr_lgam(q)) + p * d->K1 - d->K0;
	for (g = 0, t0 = 0; g < d->ngrp; t0 = d->gend[g], g++) {
		px = p * d->gx[g];
		s = 0.0;
		for (t = t0; t < d->gend[g]; t++)
			s += d->w[t] * log(d->xm[t] + v);
		ll += d->gw[g] * (pr_lgam(px + q) - pr_lgam(px)) -
		    (px + q) * s;
	}
	return isfinite(ll) ? -ll : HUGE_VAL;
}

int
pr_gg_fit(const struct pr_summary *s, size_t n,
    const struct pr_fit_opts *opts, int start_from_m, struct pr_gg *m,
    struct pr_fit_info *info)
{
	struct ggdata		 d;
	struct pr_fit_info	 fi;
	double			 th[3] = { 0.0, 0.0, 0.0 };
	int			 rc;

	memset(&fi, 0, sizeof(fi));
	memset(&d, 0, sizeof(d));
	rc = PR_EINVAL;
	if (m == NULL || (s == NULL && n > 0))
		goto out;
	if (start_from_m) {
		if (!gg_valid(m))
			goto out;
		th[0] = log(m->p), th[1] = log(m->q), th[2] = log(m->v);
	}
	if ((rc = ggdata_build(&d, s, n)) != PR_OK)
		goto out;
	if ((rc = pr_nelder_mead(gg_negll, &d, th, 3, 0.0, opts, &fi)) !=
	    PR_OK)
		goto out;
	m->p = exp(th[0]), m->q = exp(th[1]), m->v = exp(th[2]);
	fi.n_used = (size_t)d.W;
	fi.n_unique = d.ntup;
	if (info != NULL)
		*info = fi;
out:
	ggdata_free(&d);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Predictions                                                         */

int
pr_gg_cond_aov(const struct pr_gg *m, double x, double mbar, double *aov)
{
	double	 den, v;

	if (!gg_valid(m) || aov == NULL || !isfinite(x) || x < 0 ||
	    !isfinite(mbar))
		return PR_EINVAL;
	if (x == 0)
		mbar = 0.0;	/* E[M] = p v / (q - 1), the prior mean */
	den = m->p * x + m->q - 1;
	if (!(den > 0))
		return PR_EDOMAIN;
	v = m->p * (m->v + x * mbar) / den;
	if (!isfinite(v))
		return PR_EDOMAIN;
	*aov = v;
	return PR_OK;
}

/*
 * CLV as in lifetimes' customer_lifetime_value() (and Fader, Hardie & Lee
 * 2005, "RFM and CLV"): expected purchases in month i are the difference of
 * BG/NBD conditional expectations at i u and (i - 1) u, valued at the
 * Gamma-Gamma expected spend and discounted by (1 + d)^-i.
 */
int
pr_clv(const struct pr_bgnbd *bg, const struct pr_gg *gg, double x,
    double t_x, double T, double mbar, int months, double monthly_discount,
    double units_per_month, double *clv)
{
	double	 aov, prev = 0.0, cur, sum = 0.0, disc = 1.0;
	int	 i, rc;

	if (clv == NULL || months < 0 || months > CLV_MONTHS_MAX ||
	    !isfinite(monthly_discount) || !(monthly_discount > -1) ||
	    !isfinite(units_per_month) || !(units_per_month > 0))
		return PR_EINVAL;
	if ((rc = pr_gg_cond_aov(gg, x, mbar, &aov)) != PR_OK)
		return rc;
	if ((rc = pr_bgnbd_p_alive(bg, x, t_x, T, &cur)) != PR_OK)
		return rc;	/* validates bg and the summary */
	for (i = 1; i <= months; i++) {
		if ((rc = pr_bgnbd_cond_expected(bg, i * units_per_month, x,
		    t_x, T, &cur)) != PR_OK)
			return rc;
		disc /= 1 + monthly_discount;
		sum += (cur - prev) * aov * disc;
		prev = cur;
	}
	if (!isfinite(sum))
		return PR_EDOMAIN;
	*clv = sum;
	return PR_OK;
}
