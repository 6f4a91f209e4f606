/*
 * optim.c - Nelder-Mead simplex minimiser with restarts.
 *
 * Nelder, J.A. & Mead, R. (1965) "A simplex method for function
 * minimization", Computer Journal 7, 308-313; coefficients and the
 * inside/outside contraction as in Lagarias, Reeds, Wright & Wright (1998)
 * "Convergence properties of the Nelder-Mead simplex method in low
 * dimensions", SIAM J. Optim. 9(1): reflection 1, expansion 2,
 * contraction 1/2, shrink 1/2.
 *
 * A run stops when the spread of f over the simplex is below
 * ftol * (1 + |f_best|) and every vertex is within xtol of the best one
 * (max norm).  Nelder-Mead can stall on a non-stationary point, so the
 * search is restarted from the best point with a fresh simplex until a
 * restart no longer improves f.  Fixed-size arrays: no allocation.
 */
#include <math.h>
#include <string.h>

#include "pr_int.h"

#define NM_STEP		0.5	/* first simplex edge (log-parameters) */
#define NM_RESTEP	0.1	/* simplex edge on a restart */

struct simplex {
	int	 n;
	double	 v[PR_NM_MAXDIM + 1][PR_NM_MAXDIM];
	double	 f[PR_NM_MAXDIM + 1];
};

static double
eval(pr_objfn fn, void *ctx, const double *x, int *nev)
{
	double	 f = fn(x, ctx);

	(*nev)++;
	return isnan(f) ? HUGE_VAL : f;
}

static void
simplex_init(struct simplex *s, pr_objfn fn, void *ctx, const double *x0,
    int n, double step, int *nev)
{
	int	 i;

	s->n = n;
	for (i = 0; i <= n; i++) {
		memcpy(s->v[i], x0, sizeof(double) * n);
		if (i > 0)
			s->v[i][i - 1] += step;
		s->f[i] = eval(fn, ctx, s->v[i], nev);
		/* Step the other way if this side is infeasible. */
		if (i > 0 && isinf(s->f[i])) {
			s->v[i][i - 1] = x0[i - 1] - step;
			s->f[i] = eval(fn, ctx, s->v[i], nev);
		}
	}
}

/* Indices of the best, worst and second-worst vertices. */
static void
simplex_order(const struct simplex *s, int *best, int *worst, int *second)
{
	int	 i, b = 0, w = 0, sw;

	for (i = 1; i <= s->n; i++) {
		if (s->f[i] < s->f[b])
			b = i;
		if (s->f[i] > s->f[w])
			w = i;
	}
	sw = b;
	for (i = 0; i <= s->n; i++)
		if (i != w && s->f[i] > s->f[sw])
			sw = i;
	*best = b;
	*worst = w;
	*second = sw;
}

static int
simplex_done(const struct simplex *s, int b, int w, double ftol, double xtol)
{
	double	 dx = 0.0;
	int	 i, j;

	if (!(s->f[w] - s->f[b] <= ftol * (1.0 + fabs(s->f[b]))))
		return 0;
	for (i = 0; i <= s->n; i++)
		for (j = 0; j < s->n; j++)
			if (fabs(s->v[i][j] - s->v[b][j]) > dx)
				dx = fabs(s->v[i][j] - s->v[b][j]);
	return dx <= xtol;
}

/* y = c + k (w - c) */
static void
affine(double *y, const double *c, const double *w, double k, int n)
{
	int	 j;

	for (j = 0; j < n; j++)
		y[j] = c[j] + k * (w[j] - c[j]);
}

/* One Nelder-Mead run from x; returns 1 if it met the tolerances. */
static int
nm_run(pr_objfn fn, void *ctx, double *x, int n, double step,
    const struct pr_fit_opts *o, int *nit, int *nev)
{
	struct simplex	 s;
	double		 c[PR_NM_MAXDIM], xr[PR_NM_MAXDIM];
	double		 xe[PR_NM_MAXDIM], xc[PR_NM_MAXDIM];
	double		 fr, fe, fc;
	int		 b, w, sw, i, j, it, done = 0;

	simplex_init(&s, fn, ctx, x, n, step, nev);
	for (it = 0; it < o->max_iter; it++) {
		simplex_order(&s, &b, &w, &sw);
		if (isfinite(s.f[b]) && simplex_done(&s, b, w, o->ftol,
		    o->xtol)) {
			done = 1;
			break;
		}
		for (j = 0; j < n; j++) {
			c[j] = 0.0;
			for (i = 0; i <= n; i++)
				if (i != w)
					c[j] += s.v[i][j];
			c[j] /= n;
		}
		affine(xr, c, s.v[w], -1.0, n);
		fr = eval(fn, ctx, xr, nev);
		if (fr < s.f[b]) {
			affine(xe, c, s.v[w], -2.0, n);
			fe = eval(fn, ctx, xe, nev);
			if (fe < fr) {
				memcpy(s.v[w], xe, sizeof(double) * n);
				s.f[w] = fe;
			} else {
				memcpy(s.v[w], xr, sizeof(double) * n);
				s.f[w] = fr;
			}
			continue;
		}
		if (fr < s.f[sw]) {
			memcpy(s.v[w], xr, sizeof(double) * n);
			s.f[w] = fr;
			continue;
		}
		if (fr < s.f[w]) {
			affine(xc, c, s.v[w], -0.5, n);	/* outside */
			fc = eval(fn, ctx, xc, nev);
			if (fc <= fr) {
				memcpy(s.v[w], xc, sizeof(double) * n);
				s.f[w] = fc;
				continue;
			}
		} else {
			affine(xc, c, s.v[w], 0.5, n);	/* inside */
			fc = eval(fn, ctx, xc, nev);
			if (fc < s.f[w]) {
				memcpy(s.v[w], xc, sizeof(double) * n);
				s.f[w] = fc;
				continue;
			}
		}
		for (i = 0; i <= n; i++) {		/* shrink */
			if (i == b)
				continue;
			affine(s.v[i], s.v[b], s.v[i], 0.5, n);
			s.f[i] = eval(fn, ctx, s.v[i], nev);
		}
	}
	simplex_order(&s, &b, &w, &sw);
	memcpy(x, s.v[b], sizeof(double) * n);
	*nit += it;
	return done;
}

int
pr_nelder_mead(pr_objfn fn, void *ctx, double *x, int n, double step,
    const struct pr_fit_opts *opts, struct pr_fit_info *info)
{
	struct pr_fit_opts	 o = { 5000, 4, 1e-10, 1e-7 };
	double			 fbest, fnew;
	int			 nit = 0, nev = 0, run, done, converged = 0;

	if (fn == NULL || x == NULL || n < 1 || n > PR_NM_MAXDIM)
		return PR_EINVAL;
	if (opts != NULL) {
		if (opts->max_iter > 0)
			o.max_iter = opts->max_iter;
		if (opts->restarts > 0)
			o.restarts = opts->restarts;
		else if (opts->restarts < 0)
			o.restarts = 0;
		if (opts->ftol > 0)
			o.ftol = opts->ftol;
		if (opts->xtol > 0)
			o.xtol = opts->xtol;
	}
	fbest = eval(fn, ctx, x, &nev);
	if (!isfinite(fbest))
		return PR_EDOMAIN;
	for (run = 0; run <= o.restarts; run++) {
		done = nm_run(fn, ctx, x, n, run > 0 ? NM_RESTEP :
		    step > 0 ? step : NM_STEP,
		    &o, &nit, &nev);
		fnew = eval(fn, ctx, x, &nev);
		if (o.restarts == 0) {
			fbest = fnew;
			converged = done;
			run++;
			break;
		}
		if (run > 0 && fbest - fnew <= o.ftol * (1.0 + fabs(fnew))) {
			fbest = fnew < fbest ? fnew : fbest;
			converged = done;
			run++;
			break;
		}
		fbest = fnew;
	}
	if (!isfinite(fbest))
		return PR_EDOMAIN;
	info->ll = -fbest;
	info->iterations += nit;
	info->evaluations += nev;
	info->runs += run > o.restarts + 1 ? o.restarts + 1 : run;
	info->converged = converged;
	return PR_OK;
}
