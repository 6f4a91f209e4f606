/*
 * pdb_calc.c - the pure helpers of the predictions run: the streaming
 * per-customer summary, the minimum-data rules, scoring one customer, the
 * P(alive) decay curve and dates.  No database, no allocation: see pdb.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pdb.h"

static const char *const type_names[PDB_NTYPES] = {
	"retail", "trade", "distributor",
};

const char *pdb_type_name(int type)
{
	return type >= 0 && type < PDB_NTYPES ? type_names[type] : "?";
}

int pdb_type_parse(const char *s, size_t len)
{
	int i;

	for (i = 0; i < PDB_NTYPES; i++)
		if (strlen(type_names[i]) == len && memcmp(type_names[i], s, len) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------ summary */

void pdb_acc_reset(struct pdb_acc *acc)
{
	memset(acc, 0, sizeof(*acc));
	acc->cust = -1;
}

int pdb_acc_add(struct pdb_acc *acc, long cust, long day, double amount)
{
	if (cust != acc->cust) {
		acc->cust = cust;
		acc->first = acc->last = day;
		acc->x = 0.0;
		acc->rep = 0.0;
		return 1;
	}
	if (day < acc->last)
		return -1;
	if (day == acc->first)
		return 0;	/* the first purchase day: not a repeat */
	if (day != acc->last)
		acc->x += 1.0;	/* same-day orders count once */
	acc->last = day;
	acc->rep += amount;
	return 0;
}

int pdb_acc_summary(const struct pdb_acc *acc, long cal_end_day,
    struct pr_summary *out)
{
	if (acc->cust < 0 || acc->last > cal_end_day)
		return -1;
	out->id = acc->cust;
	out->x = acc->x;
	out->t_x = (double)(acc->last - acc->first) / PDB_UNIT_DAYS;
	out->T = (double)(cal_end_day - acc->first) / PDB_UNIT_DAYS;
	out->zbar = acc->x > 0 ? acc->rep / acc->x : 0.0;
	return 0;
}

/* ------------------------------------------------------------ minimums */

void pdb_count(const struct pr_summary *s, size_t n, long first_day,
    long as_of_day, struct pdb_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->customers = n;
	for (i = 0; i < n; i++) {
		if (s[i].x > 0) {
			c->repeaters++;
			if (s[i].zbar > 0)
				c->spenders++;
		}
	}
	c->history_days = n > 0 && as_of_day > first_day ? as_of_day - first_day : 0;
}

int pdb_check_minimums(const struct pdb_counts *c, const char **key,
    char *text, size_t size)
{
	if (c->customers < PDB_MIN_CUSTOMERS) {
		*key = "predict.refused.few_customers";
		snprintf(text, size, "too little data: %zu customers with paid "
		    "orders, the models need at least %d", c->customers,
		    PDB_MIN_CUSTOMERS);
		return -1;
	}
	if (c->spenders < PDB_MIN_REPEATERS) {
		*key = "predict.refused.few_repeaters";
		snprintf(text, size, "too little data: %zu customers bought "
		    "again on a later day (with a value above zero), the models "
		    "need at least %d", c->spenders, PDB_MIN_REPEATERS);
		return -1;
	}
	if (c->history_days < PDB_MIN_HISTORY_DAYS) {
		*key = "predict.refused.short_history";
		snprintf(text, size, "too little history: %ld days from the "
		    "first order to the as-of date, the models need at least "
		    "%d days (26 weeks)", c->history_days, PDB_MIN_HISTORY_DAYS);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ scoring */

static int good(double v, double max)
{
	return isfinite(v) && v >= 0 && v < max;
}

int pdb_score_one(const struct pr_bgnbd *bg, const struct pr_gg *gg,
    const struct pr_summary *s, double monthly_discount,
    struct pdb_score *out)
{
	struct pdb_score r;
	int rc;

	if ((rc = pr_bgnbd_p_alive(bg, s->x, s->t_x, s->T, &r.p_alive)) != PR_OK ||
	    (rc = pr_bgnbd_cond_expected(bg, PDB_HORIZON_WEEKS, s->x, s->t_x,
	    s->T, &r.expected_orders_90d)) != PR_OK ||
	    (rc = pr_gg_cond_aov(gg, s->x, s->zbar, &r.expected_aov)) != PR_OK ||
	    (rc = pr_clv(bg, gg, s->x, s->t_x, s->T, s->zbar, PDB_CLV_MONTHS,
	    monthly_discount, PDB_WEEKS_PER_MONTH, &r.clv_12m)) != PR_OK)
		return rc;
	if (!good(r.p_alive, 1.0 + 1e-12) || !good(r.expected_orders_90d, 1e9) ||
	    !good(r.expected_aov, PDB_MONEY_MAX) || !good(r.clv_12m, PDB_MONEY_MAX))
		return PR_EDOMAIN;
	if (r.p_alive > 1.0)
		r.p_alive = 1.0;
	*out = r;
	return PR_OK;
}

int pdb_decay_curve(const struct pr_bgnbd *bg, double x, double t_x,
    double T, int months, double *out)
{
	double p;
	int m, rc;

	if (months < 0 || out == NULL)
		return PR_EINVAL;
	for (m = 1; m <= months; m++) {
		if ((rc = pr_bgnbd_p_alive(bg, x, t_x, T + m * PDB_WEEKS_PER_MONTH,
		    &p)) != PR_OK)
			return rc;
		if (!isfinite(p) || p < 0)
			return PR_EDOMAIN;
		out[m - 1] = p > 1.0 ? 1.0 : p;
	}
	return PR_OK;
}

/* ------------------------------------------------------------ dates */

static int digits(const char *s, int n, long *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int pdb_parse_date(const char *s, long *day)
{
	long y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) != 0 || digits(s + 5, 2, &m) != 0 ||
	    digits(s + 8, 2, &d) != 0 || y < 1900)
		return -1;
	return pr_ymd_to_day(y * 10000 + m * 100 + d, day) == PR_OK ? 0 : -1;
}

char *pdb_format_date(long day, char *buf, size_t size)
{
	/* civil_from_days (H. Hinnant) */
	long z = day + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	snprintf(buf, size, "%04ld-%02ld-%02ld", y, m, d);
	return buf;
}

long pdb_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	long day = 0;

	if (localtime_r(&now, &tm) == NULL ||
	    pr_ymd_to_day((long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday, &day) != PR_OK)
		return (long)(now / 86400);
	return day;
}

/* ------------------------------------------------------------ text */

/* Appends len bytes of s at *o (cut at end - 1). */
static void put(char **o, const char *end, const char *s, size_t len)
{
	size_t room = (size_t)(end - *o) - 1;

	if (len > room)
		len = room;
	memcpy(*o, s, len);
	*o += len;
}

char *pdb_render(const char *tpl, const char *const *names,
    const char *const *values, size_t n, char *out, size_t size)
{
	const char *p = tpl, *close;
	const char *end = out + size;
	char *o = out;
	size_t i, len;

	if (size == 0)
		return out;
	while (*p != '\0') {
		if (*p == '{' && (close = strchr(p + 1, '}')) != NULL) {
			len = (size_t)(close - p - 1);
			for (i = 0; i < n; i++)
				if (strlen(names[i]) == len && memcmp(names[i], p + 1, len) == 0)
					break;
			if (i < n) {
				put(&o, end, values[i], strlen(values[i]));
				p = close + 1;
				continue;
			}
		}
		put(&o, end, p, 1);
		p++;
	}
	*o = '\0';
	return out;
}
