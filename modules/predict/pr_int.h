/*
 * pr_int.h - private helpers shared by the files of modules/predict/.
 * Not part of the public API (see predict.h).
 */
#ifndef SALIENT_PR_INT_H
#define SALIENT_PR_INT_H

#include <stddef.h>

#include "predict.h"

/* ln|Gamma(x)| without touching the global signgam. */
double	 pr_lgam(double x);
/* ln B(a, b) for a, b > 0. */
double	 pr_lbeta(double a, double b);
/* ln(e^u + e^v) without overflow; -inf arguments allowed. */
double	 pr_logaddexp(double u, double v);

/*
 * Gauss hypergeometric 2F1(A, B; C; z) for 0 <= z < 1 and C > 0 not
 * close to 0: direct series, or the 1 - z transformation (Abramowitz &
 * Stegun 15.3.6) near z = 1.  PR_ENOCONV or PR_EDOMAIN if it cannot get
 * a trustworthy finite value.
 */
int	 pr_hyp2f1(double A, double B, double C, double z, double *out);

/*
 * I = integral_0^1 [1 - (beta / (beta + p t))^s] / p  Beta(p; a, b) dp,
 * the expected number of purchases in t of a customer alive now whose
 * rate posterior is Gamma(s, beta) and dropout posterior Beta(a, b).
 * Tanh-sinh quadrature; used where the 2F1 closed form is singular.
 */
int	 pr_bg_quad(double beta, double s, double a, double b, double t,
	    double *out);

/* Objective for the minimiser: returns f(x) (+inf if x is infeasible). */
typedef double (*pr_objfn)(const double *x, void *ctx);

/*
 * Nelder-Mead minimisation of f over R^n (n <= PR_NM_MAXDIM), starting at
 * x (overwritten with the best point) with a simplex of edge `step`
 * (0 = default 0.5), with restarts.  Sets info->ll = -f(best) and adds to
 * info->iterations / evaluations / runs.  Allocation-free.
 */
#define PR_NM_MAXDIM 8
int	 pr_nelder_mead(pr_objfn f, void *ctx, double *x, int n, double step,
	    const struct pr_fit_opts *opts, struct pr_fit_info *info);

#endif
