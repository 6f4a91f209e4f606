/*
 * test_predict_app.c - the pure helpers of the predictions run
 * (modules/predict/pdb_calc.c): the streaming summary against the model
 * library's pr_summary_build(), the minimum-data rules at their
 * boundaries, scoring (finite for the edge customers), the decay curve,
 * dates and the note templates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdb.h"
#include "tap.h"

#define NCUST 400

static unsigned long long lcg = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	lcg ^= lcg << 13;
	lcg ^= lcg >> 7;
	lcg ^= lcg << 17;
	return (unsigned)(lcg % n);
}

static int txn_order(const void *pa, const void *pb)
{
	const struct pr_txn *a = pa, *b = pb;

	if (a->cust != b->cust)
		return a->cust < b->cust ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

/* Random transactions (same days, zero amounts, orders after the end),
 * summarised by the streaming accumulator and by pr_summary_build(). */
static void test_acc_matches_library(void)
{
	struct pr_txn *tx = NULL;
	struct pr_summary *lib = NULL, *mine = NULL, s;
	struct pdb_acc acc;
	size_t ntx = 0, nlib = 0, nmine = 0, i, bad = 0;
	long end = 15000;
	int c, k, n, a;

	tx = calloc(NCUST * 40, sizeof(*tx));
	mine = calloc(NCUST, sizeof(*mine));
	if (tx == NULL || mine == NULL)
		goto out;
	for (c = 1; c <= NCUST; c++) {
		long day = 14000 + (long)rnd(1200);

		n = 1 + (int)rnd(30);
		for (k = 0; k < n; k++) {
			tx[ntx].cust = c * 3;
			tx[ntx].day = day;
			tx[ntx].amount = rnd(5) == 0 ? 0.0 : rnd(100000) / 100.0;
			ntx++;
			day += rnd(3) == 0 ? 0 : (long)rnd(60);
		}
	}
	qsort(tx, ntx, sizeof(*tx), txn_order);
	tap_ok(pr_summary_build(tx, ntx, end, PDB_UNIT_DAYS, &lib, &nlib) == PR_OK,
	    "library summary built");
	/* the SQL leaves out orders after the as-of date; so does this feed */
	pdb_acc_reset(&acc);
	for (i = 0; i < ntx; i++) {
		if (tx[i].day > end)
			continue;
		if (acc.cust >= 0 && tx[i].cust != acc.cust &&
		    pdb_acc_summary(&acc, end, &mine[nmine]) == 0)
			nmine++;
		if ((a = pdb_acc_add(&acc, tx[i].cust, tx[i].day, tx[i].amount)) < 0)
			bad++;
	}
	if (acc.cust >= 0 && pdb_acc_summary(&acc, end, &mine[nmine]) == 0)
		nmine++;
	tap_is_long((long long)nmine, (long long)nlib, "same number of customers");
	for (i = 0; i < nmine && i < nlib; i++)
		if (mine[i].id != lib[i].id || mine[i].x != lib[i].x ||
		    mine[i].t_x != lib[i].t_x || mine[i].T != lib[i].T ||
		    mine[i].zbar != lib[i].zbar)
			bad++;
	tap_ok(bad == 0 && nlib > NCUST / 2, "streaming summaries equal "
	    "pr_summary_build() exactly (%zu customers, %zu orders)", nlib, ntx);

	pdb_acc_reset(&acc);
	tap_ok(pdb_acc_summary(&acc, end, &s) == -1, "no customer: no summary");
	tap_ok(pdb_acc_add(&acc, 5, 100, 1.0) == 1 && pdb_acc_add(&acc, 5, 100, 2.0) == 0 &&
	    pdb_acc_add(&acc, 5, 107, 3.0) == 0 && pdb_acc_add(&acc, 5, 107, 4.0) == 0 &&
	    pdb_acc_add(&acc, 5, 121, 5.0) == 0, "one customer's orders");
	tap_ok(pdb_acc_summary(&acc, 135, &s) == 0 && s.x == 2 && s.t_x == 3 &&
	    s.T == 5 && s.zbar == 6.0, "same-day orders count once, summed "
	    "(x 2, t_x 3, T 5 weeks, zbar 6)");
	tap_ok(pdb_acc_add(&acc, 5, 120, 1.0) == -1, "a day out of order is an error");
	tap_ok(pdb_acc_summary(&acc, 120, &s) == -1, "an order after the end is refused");
	tap_ok(pdb_acc_add(&acc, 6, 50, 0.0) == 1 && pdb_acc_summary(&acc, 50, &s) == 0 &&
	    s.x == 0 && s.t_x == 0 && s.T == 0 && s.zbar == 0,
	    "a single purchase on the as-of date: x = t_x = T = 0");
out:
	free(tx);
	free(mine);
	pr_summary_free(lib);
}

static void test_minimums(void)
{
	struct pdb_counts c = { 200, 60, 50, 182 };
	struct pr_summary s[4] = {
		{ 1, 0, 0, 10, 0 }, { 2, 3, 5, 10, 12.5 }, { 3, 2, 4, 10, 0 },
		{ 4, 1, 1, 2, 7 },
	};
	const char *key = NULL;
	char text[256];

	tap_ok(pdb_check_minimums(&c, &key, text, sizeof(text)) == 0,
	    "200 customers, 50 repeat spenders, 182 days: enough");
	c.customers = 199;
	tap_ok(pdb_check_minimums(&c, &key, text, sizeof(text)) == -1 &&
	    strcmp(key, "predict.refused.few_customers") == 0 &&
	    strstr(text, "199 customers") != NULL && strstr(text, "at least 200") != NULL,
	    "199 customers: refused, the reason gives both numbers");
	c.customers = 200;
	c.spenders = 49;
	tap_ok(pdb_check_minimums(&c, &key, text, sizeof(text)) == -1 &&
	    strcmp(key, "predict.refused.few_repeaters") == 0, "49 repeat spenders: refused");
	c.spenders = 50;
	c.history_days = 181;
	tap_ok(pdb_check_minimums(&c, &key, text, sizeof(text)) == -1 &&
	    strcmp(key, "predict.refused.short_history") == 0 &&
	    strstr(text, "26 weeks") != NULL, "181 days of history: refused");
	tap_ok(pdb_check_minimums(&c, &key, text, 20) == -1 && strlen(text) == 19,
	    "the reason is cut to its buffer");
	pdb_count(s, 4, 100, 300, &c);
	tap_ok(c.customers == 4 && c.repeaters == 3 && c.spenders == 2 &&
	    c.history_days == 200, "counts: customers, repeaters, repeaters with spend, history");
	pdb_count(s, 0, 0, 300, &c);
	tap_ok(c.customers == 0 && c.history_days == 0, "no customers: no history");
}

static void test_score(void)
{
	/* the CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2013) */
	const struct pr_bgnbd bg = { 0.243, 4.414, 0.793, 2.426 };
	const struct pr_gg gg = { 6.25, 3.74, 15.44 };
	const struct pr_gg bad_gg = { 6.25, 0.9, 15.44 };
	const struct pr_summary once = { 1, 0, 0, 30, 0 }, asof = { 2, 0, 0, 0, 0 },
	    zero = { 3, 2, 10, 30, 0 }, many = { 4, 500, 99.5, 100, 35 },
	    old = { 5, 3, 2, 2000, 20 }, rich = { 6, 2, 3, 10, 5e11 },
	    reg = { 7, 4, 20, 38, 30 };
	struct pdb_score sc;
	double e, curve[PDB_CURVE_MONTHS], p0;
	int i, mono;

	tap_ok(pdb_score_one(&bg, &gg, &once, 0.01, &sc) == PR_OK && sc.p_alive == 1 &&
	    isfinite(sc.expected_orders_90d) && sc.expected_orders_90d > 0,
	    "one purchase only: alive by definition, expected orders finite");
	tap_is_near(sc.expected_aov, 6.25 * 15.44 / 2.74, 1e-9,
	    "one purchase only: the population mean order value p v / (q - 1)");
	tap_ok(pdb_score_one(&bg, &gg, &asof, 0.01, &sc) == PR_OK && sc.p_alive == 1 &&
	    isfinite(sc.clv_12m) && sc.clv_12m > 0,
	    "a single purchase on the as-of date (T = 0): finite");
	tap_ok(pdb_score_one(&bg, &gg, &zero, 0.01, &sc) == PR_OK &&
	    fabs(sc.expected_aov - 6.25 * 15.44 / (2 * 6.25 + 2.74)) < 1e-9 &&
	    isfinite(sc.clv_12m), "zero spend: the model's shrunk value, finite");
	i = pdb_score_one(&bg, &gg, &many, 0.01, &sc);
	tap_ok(i == PR_OK &&
	    isfinite(sc.expected_orders_90d) && sc.expected_orders_90d > 10,
	    "500 repeat purchases: finite, many expected orders (%.1f)",
	    sc.expected_orders_90d);
	tap_ok(pdb_score_one(&bg, &gg, &old, 0.01, &sc) == PR_OK && sc.p_alive < 0.01,
	    "a customer silent for years: P(alive) near 0");
	tap_ok(pdb_score_one(&bg, &gg, &rich, 0.01, &sc) == PR_EDOMAIN,
	    "a value beyond DECIMAL(14,4): refused, not stored");
	tap_ok(pdb_score_one(&bg, &bad_gg, &once, 0.01, &sc) == PR_EDOMAIN,
	    "q <= 1 (unbounded population mean spend): refused");
	tap_ok(pdb_score_one(&bg, &gg, &reg, 0.01, &sc) == PR_OK &&
	    pr_bgnbd_cond_expected(&bg, 90.0 / 7, 4, 20, 38, &e) == PR_OK &&
	    sc.expected_orders_90d == e, "expected orders = E[X(90 days)] in weeks");

	tap_ok(pdb_decay_curve(&bg, 4, 20, 38, PDB_CURVE_MONTHS, curve) == PR_OK &&
	    pr_bgnbd_p_alive(&bg, 4, 20, 38, &p0) == PR_OK, "decay curve computed");
	mono = curve[0] < p0;
	for (i = 1; i < PDB_CURVE_MONTHS; i++)
		if (!(curve[i] < curve[i - 1]) || !(curve[i] >= 0))
			mono = 0;
	tap_ok(mono, "a repeat buyer's P(alive) falls month after month (%.3f -> %.3f)",
	    p0, curve[PDB_CURVE_MONTHS - 1]);
	tap_ok(pdb_decay_curve(&bg, 4, 20, 38 + 3 * PDB_WEEKS_PER_MONTH, 1, &e) == PR_OK &&
	    fabs(e - curve[3]) < 1e-12, "point m is P(alive | x, t_x, T + m months)");
	tap_ok(pdb_decay_curve(&bg, 0, 0, 5, PDB_CURVE_MONTHS, curve) == PR_OK &&
	    curve[0] == 1 && curve[11] == 1, "a one-time buyer stays at 1 (the model's definition)");
}

static void test_dates_and_text(void)
{
	const char *names[] = { "discount", "n" };
	const char *values[] = { "1", "200" };
	char buf[64], small[8];
	long day, d;
	int ok = 1;

	tap_ok(pdb_parse_date("1970-01-01", &day) == 0 && day == 0, "1970-01-01 is day 0");
	tap_ok(pdb_parse_date("2024-02-29", &day) == 0 &&
	    strcmp(pdb_format_date(day, buf, sizeof(buf)), "2024-02-29") == 0, "a leap day");
	tap_ok(pdb_parse_date("2023-02-29", &day) == -1 && pdb_parse_date("2011-13-01", &day) == -1 &&
	    pdb_parse_date("2011-1-01", &day) == -1 && pdb_parse_date("2011-01-011", &day) == -1 &&
	    pdb_parse_date("abcd-ef-gh", &day) == -1 && pdb_parse_date("", &day) == -1 &&
	    pdb_parse_date(NULL, &day) == -1, "impossible and malformed dates are refused");
	for (d = -1000; d < 80000 && ok; d += 7)
		ok = pdb_parse_date(pdb_format_date(d, buf, sizeof(buf)), &day) == 0 && day == d;
	tap_ok(ok, "format and parse agree from 1967 to 2189");
	tap_is_str(pdb_render("at {discount}% and {n}, {n}; {x} {", names, values, 2,
	    buf, sizeof(buf)), "at 1% and 200, 200; {x} {", "templates: {name} filled, unknown kept");
	tap_is_str(pdb_render("{n}{n}{n}", names, values, 2, small, sizeof(small)),
	    "2002002", "templates: cut to the buffer");
	tap_ok(pdb_type_parse("trade", 5) == PDB_TRADE && pdb_type_parse("trad", 4) == -1 &&
	    strcmp(pdb_type_name(PDB_DISTRIBUTOR), "distributor") == 0,
	    "smart type names");
}

int main(void)
{
	test_acc_matches_library();
	test_minimums();
	test_score();
	test_dates_and_text();
	return tap_done();
}
