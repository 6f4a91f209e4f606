/*
 * predict.h - customer-base models for Salient (pure computation).
 *
 * Public API of modules/predict/: no server, database or I/O dependencies,
 * only libc and libm.  Everything is reentrant: no global mutable state,
 * lgamma_r() instead of lgamma() (which writes the global signgam).
 *
 *   summary.c     transactions -> per-customer RFM summary (x, t_x, T, zbar),
 *                 CDNOW text parser, civil date -> day number
 *   bgnbd.c       BG/NBD (Fader, Hardie & Lee 2005): likelihood, fit,
 *                 P(alive), expected purchases, P(X(t) = n)
 *   gammagamma.c  Gamma-Gamma spend model (Fader & Hardie 2013), CLV
 *   optim.c       Nelder-Mead minimiser (internal)
 *   special.c     Gauss 2F1, log-sum-exp, quadrature (internal)
 *
 * Conventions: every function returns PR_OK (0) or a negative PR_E* code and
 * writes its result through an out pointer only on success.  Results are
 * always finite (never NaN or infinity); anything that cannot be computed
 * finitely is reported as PR_EDOMAIN.
 */
#ifndef SALIENT_PREDICT_H
#define SALIENT_PREDICT_H

#include <stddef.h>

enum pr_err {
	PR_OK = 0,
	PR_EINVAL = -1,		/* bad argument (NULL, negative count, t_x > T...) */
	PR_ENOMEM = -2,		/* allocation failed or size overflow */
	PR_EPARSE = -3,		/* malformed input text */
	PR_EDOMAIN = -4,	/* parameters outside the model's domain */
	PR_ENOCONV = -5		/* a series or optimisation did not converge */
};

/* Static English text for an error code; never NULL. */
const char	*pr_strerror(int err);

/* ------------------------------------------------------------------ */
/* Transactions and summaries (summary.c)                              */

/* One transaction: customer id, day number (see pr_ymd_to_day()), value. */
struct pr_txn {
	long	 cust;
	long	 day;
	double	 amount;
};

/*
 * Per-customer calibration summary ("CBS"), times in model units:
 *   x    repeat purchases: distinct purchase days after the first one
 *   t_x  time of the last purchase minus the first (0 when x = 0)
 *   T    calibration end minus the first purchase
 *   zbar mean value of the repeat purchases (same-day values summed into
 *        one purchase, first purchase excluded); 0 when x = 0
 */
struct pr_summary {
	long	 id;
	double	 x;
	double	 t_x;
	double	 T;
	double	 zbar;
};

/*
 * Days since 1970-01-01 of a date given as YYYYMMDD (e.g. 19970930).
 * Returns PR_EINVAL for an impossible date (month 13, 31 April, ...).
 */
int	 pr_ymd_to_day(long ymd, long *day);

/*
 * Parses CDNOW text (Fader & Hardie's CDNOW_sample.txt / CDNOW_master.txt):
 * whitespace-separated fields, LF or CRLF lines.  A line with 5 fields is
 * "master-id sample-id YYYYMMDD cds dollars" (the customer is the sample id);
 * 4 fields is "id YYYYMMDD cds dollars".  A header line whose first field is
 * not a number is skipped if it is the first line; blank lines are skipped.
 * On PR_EPARSE, *bad_line (if not NULL) is the 1-based failing line.
 * On success *out is an array of *n transactions; free with pr_txn_free().
 */
int	 pr_cdnow_parse(const char *buf, size_t len, struct pr_txn **out,
	    size_t *n, size_t *bad_line);
void	 pr_txn_free(struct pr_txn *tx);

/*
 * Builds one summary per customer from transactions in any order.
 * Transactions after cal_end_day are ignored; customers whose first purchase
 * is after cal_end_day are left out.  unit_days is the model time unit in
 * days (7 for weeks, 1 for days).  Amounts may be zero or negative (returns).
 * On success *out is sorted by customer id, *n entries; free with
 * pr_summary_free().  The input is not modified.
 */
int	 pr_summary_build(const struct pr_txn *tx, size_t ntx, long cal_end_day,
	    double unit_days, struct pr_summary **out, size_t *n);
void	 pr_summary_free(struct pr_summary *s);

/* ------------------------------------------------------------------ */
/* Fitting (shared by both models)                                     */

/*
 * Options for the fits; pass NULL for the defaults shown.  A field <= 0
 * takes its default, except restarts: 0 = default, < 0 = no restart.
 */
struct pr_fit_opts {
	int	 max_iter;	/* Nelder-Mead iterations per run (5000) */
	int	 restarts;	/* extra restarts from the best point (4) */
	double	 ftol;		/* stop when the simplex LL spread < ftol (1e-10) */
	double	 xtol;		/* ...and log-parameter spread < xtol (1e-8) */
};

/* What a fit reports. */
struct pr_fit_info {
	double	 ll;		/* log-likelihood at the estimate */
	int	 iterations;	/* Nelder-Mead iterations, all runs (with
				   the warm-start fit on a subsample that
				   BG/NBD makes for n > 100000) */
	int	 evaluations;	/* likelihood evaluations, all runs */
	int	 runs;		/* runs made (1 + restarts used) */
	int	 converged;	/* 1 if the last run met the tolerances and
				   a restart no longer improved the LL */
	size_t	 n_used;	/* customers used */
	size_t	 n_unique;	/* distinct tuples after compaction */
};

/* ------------------------------------------------------------------ */
/* BG/NBD (bgnbd.c)                                                    */

struct pr_bgnbd {
	double	 r;
	double	 alpha;
	double	 a;
	double	 b;
};

/* Log-likelihood of one customer (x, t_x, T) and of n summaries. */
int	 pr_bgnbd_ll_one(const struct pr_bgnbd *m, double x, double t_x,
	    double T, double *ll);
int	 pr_bgnbd_ll(const struct pr_bgnbd *m, const struct pr_summary *s,
	    size_t n, double *ll);

/*
 * Maximum-likelihood fit of (r, alpha, a, b) over n summaries (zbar unused).
 * Identical (x, t_x, T) tuples are merged first.  Starts from *m if
 * start_from_m is non-zero (all four > 0), else from (1, 1, 1, 1).
 * info may be NULL.  Returns PR_OK with info->converged = 0 if the
 * iteration limit was reached (the best estimate found is still written).
 */
int	 pr_bgnbd_fit(const struct pr_summary *s, size_t n,
	    const struct pr_fit_opts *opts, int start_from_m,
	    struct pr_bgnbd *m, struct pr_fit_info *info);

/* P(alive at T | x, t_x, T); 1 when x = 0. */
int	 pr_bgnbd_p_alive(const struct pr_bgnbd *m, double x, double t_x,
	    double T, double *p);

/* E[purchases in (T, T + t] | x, t_x, T] (FHL 2005 eq. 10). */
int	 pr_bgnbd_cond_expected(const struct pr_bgnbd *m, double t, double x,
	    double t_x, double T, double *e);

/* E[X(t)], purchases in (0, t] of a new customer (FHL 2005 eq. 7). */
int	 pr_bgnbd_expected(const struct pr_bgnbd *m, double t, double *e);

/* P(X(t) = n) for a new customer (FHL 2005 eq. 8). */
int	 pr_bgnbd_prob_n(const struct pr_bgnbd *m, double t, long n,
	    double *p);

/* ------------------------------------------------------------------ */
/* Gamma-Gamma spend model and CLV (gammagamma.c)                      */

struct pr_gg {
	double	 p;
	double	 q;
	double	 v;
};

/*
 * Log-likelihood of one customer's mean repeat value mbar over x repeat
 * purchases (needs x > 0 and mbar > 0), and of n summaries (customers with
 * x <= 0 or zbar <= 0 are skipped; *used, if not NULL, counts the rest).
 */
int	 pr_gg_ll_one(const struct pr_gg *m, double x, double mbar, double *ll);
int	 pr_gg_ll(const struct pr_gg *m, const struct pr_summary *s, size_t n,
	    double *ll, size_t *used);

/* Maximum-likelihood fit of (p, q, v); same conventions as pr_bgnbd_fit(). */
int	 pr_gg_fit(const struct pr_summary *s, size_t n,
	    const struct pr_fit_opts *opts, int start_from_m, struct pr_gg *m,
	    struct pr_fit_info *info);

/*
 * E[M | x, mbar] = (p (v + x mbar)) / (p x + q - 1); the population mean
 * p v / (q - 1) when x = 0.  PR_EDOMAIN when the denominator is <= 0.
 */
int	 pr_gg_cond_aov(const struct pr_gg *m, double x, double mbar,
	    double *aov);

/*
 * Discounted customer lifetime value over `months` months:
 *   sum_{i=1..months} (E[Y(i u)] - E[Y((i-1) u)]) * E[M] / (1 + d)^i
 * with E[Y(.)] the BG/NBD conditional expectation, E[M] from pr_gg_cond_aov(),
 * u = units_per_month (4.345 for weeks, 30 for days, as in lifetimes) and
 * d = monthly_discount (0.01 = 1% a month).
 */
int	 pr_clv(const struct pr_bgnbd *bg, const struct pr_gg *gg, double x,
	    double t_x, double T, double mbar, int months,
	    double monthly_discount, double units_per_month, double *clv);

#endif
