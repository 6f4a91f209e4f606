/*
 * pdb.h - the app side of the predictions (issue 8), private to
 * modules/predict/:
 *
 *   pdb_calc.c  pure helpers: the streaming per-customer summary, the
 *               minimum-data rules, scoring one customer, the P(alive)
 *               decay curve, dates (no database, testable alone)
 *   pdb.c       the run: reads the orders once, fits per smart type,
 *               stores the fit (published or refused) and the predictions
 *   module.c    the job "predict.fit", the command `salient predict` and
 *               the JSON routes
 *
 * Model time is weeks; "months" are PDB_WEEKS_PER_MONTH weeks, for the CLV
 * and for the decay curve alike.
 */
#ifndef SALIENT_PDB_H
#define SALIENT_PDB_H

#include <stddef.h>

#include "predict.h"

struct sl_db;

#define PDB_UNIT_DAYS		7.0		/* model time unit: a week */
#define PDB_WEEKS_PER_MONTH	4.345		/* as lifetimes; pr_clv() */
#define PDB_HORIZON_WEEKS	(90.0 / 7.0)	/* expected_orders_90d */
#define PDB_CLV_MONTHS		12
#define PDB_CURVE_MONTHS	12
/* The default monthly discount rate of the CLV (1% a month); the job's
 * "monthly_discount" argument and `salient predict --discount` override it. */
#define PDB_DEFAULT_DISCOUNT	0.01
#define PDB_MAX_DISCOUNT	0.5

/*
 * The minimum data a fit needs before it is published (per smart type):
 * enough customers to estimate four population parameters, enough of them
 * with repeat purchases (BG/NBD's dropout and Gamma-Gamma's spend come from
 * them alone) and enough history for a purchase rhythm to show.
 */
#define PDB_MIN_CUSTOMERS	200
#define PDB_MIN_REPEATERS	50	/* x > 0 and repeat spend > 0 */
#define PDB_MIN_HISTORY_DAYS	182	/* 26 weeks: as_of - first order */

/* DECIMAL(14,4) holds less than this; a larger value refuses the fit. */
#define PDB_MONEY_MAX		1e10

enum pdb_type { PDB_RETAIL, PDB_TRADE, PDB_DISTRIBUTOR, PDB_NTYPES };

/* "retail", "trade", "distributor" (the ENUM of customers.smart_type). */
const char *pdb_type_name(int type);
/* The enum pdb_type of a name, or -1. */
int pdb_type_parse(const char *s, size_t len);

/* ---- the streaming summary (orders in customer, then date, order) ---- */

struct pdb_acc {
	long	 cust;		/* the customer being summed, -1 = none */
	long	 first;		/* day of the first purchase */
	long	 last;		/* day of the last purchase */
	double	 x;		/* distinct purchase days after the first */
	double	 rep;		/* value of the purchases after the first day */
};

/* Empties acc. */
void pdb_acc_reset(struct pdb_acc *acc);
/*
 * Adds one order of customer cust on day (days since 1970-01-01) with
 * value amount.  Orders of one customer must come in non-decreasing day
 * order and all of a customer's orders together.  Returns 1 when cust is
 * a new customer (the previous one, if any, is complete: call
 * pdb_acc_summary() before this call), else 0; -1 when the order of the
 * input is broken (a day before the previous one).
 */
int pdb_acc_add(struct pdb_acc *acc, long cust, long day, double amount);
/*
 * The current customer's summary with calibration end cal_end_day in
 * weeks, as pr_summary_build() computes it.  Returns 0, or -1 when there
 * is no customer or an order lies after cal_end_day.
 */
int pdb_acc_summary(const struct pdb_acc *acc, long cal_end_day,
    struct pr_summary *out);

/* ---- the minimum-data rules ---- */

struct pdb_counts {
	size_t	 customers;	/* with a paid order on or before as_of */
	size_t	 repeaters;	/* x > 0 */
	size_t	 spenders;	/* x > 0 and zbar > 0 (what Gamma-Gamma uses) */
	long	 history_days;	/* as_of - the type's first order day */
};

/* Counts over n summaries; first_day is the earliest first purchase. */
void pdb_count(const struct pr_summary *s, size_t n, long first_day,
    long as_of_day, struct pdb_counts *c);

/*
 * Checks c against the minimums.  Returns 0 when there is enough data;
 * else -1 with *key the catalog key of the reason
 * ("predict.refused.few_customers", ".few_repeaters", ".short_history")
 * and text the English sentence with the numbers (NUL-terminated, cut to
 * size).
 */
int pdb_check_minimums(const struct pdb_counts *c, const char **key,
    char *text, size_t size);

/* ---- scoring ---- */

struct pdb_score {
	double	 p_alive;
	double	 expected_orders_90d;
	double	 expected_aov;
	double	 clv_12m;
};

/*
 * Scores one customer with a fitted pair of models.  Returns PR_OK with
 * every field finite, non-negative and (money) below PDB_MONEY_MAX, else a
 * PR_E* code and nothing written.
 */
int pdb_score_one(const struct pr_bgnbd *bg, const struct pr_gg *gg,
    const struct pr_summary *s, double monthly_discount,
    struct pdb_score *out);

/*
 * P(alive | x, t_x, T + m months) for m = 1..months, assuming no further
 * purchase, into out[0..months-1].  Returns PR_OK, or a PR_E* code.
 */
int pdb_decay_curve(const struct pr_bgnbd *bg, double x, double t_x,
    double T, int months, double *out);

/* ---- dates ---- */

/* Parses "YYYY-MM-DD" (exactly) into days since 1970-01-01: 0 or -1. */
int pdb_parse_date(const char *s, long *day);
/* Writes day as "YYYY-MM-DD" (size >= 11); returns buf. */
char *pdb_format_date(long day, char *buf, size_t size);
/* Today in the process's time zone (TZ = the site's), as a day number. */
long pdb_today(void);

/* ---- text ---- */

/*
 * Copies tpl to out, replacing each "{name}" by values[i] where names[i]
 * is name (of n pairs); an unknown "{...}" is copied as it is.  The output
 * is cut to size and always NUL-terminated (size > 0).  Returns out.
 */
char *pdb_render(const char *tpl, const char *const *names,
    const char *const *values, size_t n, char *out, size_t size);

/* ---- the run (pdb.c) ---- */

struct pdb_opts {
	long	 as_of_day;		/* calibration end, a day number */
	double	 monthly_discount;
	/* progress(ctx, done, total), may be NULL; stopping(ctx) true asks
	 * the run to return -1 soon, may be NULL */
	void	 (*progress)(void *ctx, long long done, long long total);
	int	 (*stopping)(void *ctx);
	void	*ctx;
};

/* What the run did for one smart type. */
struct pdb_result {
	int		 present;	/* the type has customers with orders */
	int		 published;
	long long	 fit_id;	/* the predict_fits row, 0 = none */
	struct pdb_counts counts;
	struct pr_bgnbd	 bg;
	struct pr_gg	 gg;
	struct pr_fit_info bg_info, gg_info;
	size_t		 scored;
	double		 seconds;
	const char	*reason_key;	/* static; NULL when published */
	char		 reason[256];	/* in English, for the log and the CLI */
	/* the catalog text's parameters (predict.refused.*) as a JSON object,
	 * stored beside the key so each reader sees the reason in its own
	 * language: customers, repeaters, days, min, model, customer (the
	 * shop's customer id, customers.host_id) */
	char		 params[320];
};

/*
 * Runs the fit for every smart type present: reads the paid orders on or
 * before opts->as_of_day once, fits, stores each fit and, for published
 * fits, every customer's predictions (one transaction per type).  res gets
 * PDB_NTYPES entries.  Returns 0 (fits refused for too little data are not
 * failures), or -1 with a message in err (database error, out of memory,
 * stopped).
 */
int pdb_run(struct sl_db *db, const struct pdb_opts *opts,
    struct pdb_result res[PDB_NTYPES], char *err, size_t errsize);

#endif
