/*
 * test_predict_demo.c - the predictions on data shaped like the demo's
 * trade and distributor customers (issue 15 item 1): steady buyers with
 * dozens to hundreds of repeat purchases, most of them still buying on the
 * last days, whose BG/NBD estimate lies on the no-dropout edge (a -> 0,
 * b -> inf).  Both fits must be found (converged, finite), every customer
 * scored, and the 2F1 closed form of the expected purchases must agree
 * with the quadrature for each of them, also at the edge.
 *
 * Fixture: tests/fixtures/predict/demo_trade.txt, dumped from
 * `salient demo-data --customers 20000 --seed 1 --as-of 2026-12-06`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdb.h"
#include "pr_int.h"
#include "tap.h"

#define FIXTURE	"tests/fixtures/predict/demo_trade.txt"
#define MAXCUST	4000
#define STEADY_DAYS	14	/* bought in the last two weeks */

struct set {
	const char	*name;
	struct pr_summary s[MAXCUST];
	size_t		 n;
};

static struct set trade = { "trade", { { 0 } }, 0 };
static struct set dist = { "distributor", { { 0 } }, 0 };
static struct set steady = { "steady buyers (both types)", { { 0 } }, 0 };

static void add(struct set *st, long id, long x, long tx, long T, double z)
{
	struct pr_summary *s;

	if (st->n == MAXCUST)
		return;
	s = &st->s[st->n++];
	s->id = id;
	s->x = (double)x;
	s->t_x = (double)tx / PDB_UNIT_DAYS;
	s->T = (double)T / PDB_UNIT_DAYS;
	s->zbar = z;
}

/* "type x t_x_days T_days zbar" lines; # comments. */
static int load(void)
{
	char line[256], type[32];
	long x, tx, T, id = 0;
	double z;
	FILE *f;

	if ((f = fopen(FIXTURE, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%31s %ld %ld %ld %lf", type, &x, &tx, &T, &z) != 5)
			continue;
		id++;
		add(strcmp(type, "trade") == 0 ? &trade : &dist, id, x, tx, T, z);
		if (x > 0 && T - tx < STEADY_DAYS)
			add(&steady, id, x, tx, T, z);
	}
	fclose(f);
	return 0;
}

/* The closed form (2F1) of E[X(t) | alive] against the quadrature. */
static int expected_agrees(const struct pr_bgnbd *m, const struct pr_summary *s,
    double *worst)
{
	double e, p, q, rel;

	if (pr_bgnbd_cond_expected(m, PDB_HORIZON_WEEKS, s->x, s->t_x, s->T, &e) != PR_OK ||
	    pr_bgnbd_p_alive(m, s->x, s->t_x, s->T, &p) != PR_OK)
		return 0;
	if (p < 1e-12)
		return 1;
	if (pr_bg_quad(m->alpha + s->T, m->r + s->x, m->a, m->b + s->x,
	    PDB_HORIZON_WEEKS, &q) != PR_OK)
		return 0;
	rel = fabs(e / p - q) / (q > 1e-300 ? q : 1e-300);
	if (rel > *worst)
		*worst = rel;
	return rel < 1e-6;
}

static void fit_and_score(const struct set *st, int edge)
{
	struct pr_fit_info bi, gi;
	struct pr_bgnbd m;
	struct pr_gg g;
	struct pdb_score sc;
	double worst = 0.0;
	size_t i, bad = 0, off = 0;
	long first_bad = -1;
	int rc;

	memset(&bi, 0, sizeof(bi));
	memset(&gi, 0, sizeof(gi));
	rc = pr_bgnbd_fit(st->s, st->n, NULL, 0, &m, &bi);
	tap_ok(rc == PR_OK && bi.converged && isfinite(bi.ll),
	    "%s (%zu customers): BG/NBD fitted and converged (r %.4g alpha %.4g "
	    "a %.3g b %.4g, %d iterations)", st->name, st->n, m.r, m.alpha, m.a,
	    m.b, bi.iterations);
	if (edge)
		tap_ok(rc == PR_OK && m.a / (m.a + m.b) < 1e-4,
		    "%s: the estimate lies on the no-dropout edge (a / (a + b) = %.3g)",
		    st->name, m.a / (m.a + m.b));
	rc = pr_gg_fit(st->s, st->n, NULL, 0, &g, &gi);
	tap_ok(rc == PR_OK && gi.converged && g.q > 1,
	    "%s: Gamma-Gamma fitted and converged (p %.4g q %.4g v %.4g)",
	    st->name, g.p, g.q, g.v);
	for (i = 0; i < st->n; i++) {
		if (pdb_score_one(&m, &g, &st->s[i], 0.01, &sc) != PR_OK) {
			if (bad++ == 0)
				first_bad = st->s[i].id;
		}
		if (!expected_agrees(&m, &st->s[i], &worst))
			off++;
	}
	tap_ok(bad == 0, "%s: every customer scored (%zu failed, the first "
	    "fixture line %ld)", st->name, bad, first_bad);
	tap_ok(off == 0, "%s: expected purchases by 2F1 agree with the "
	    "quadrature for every customer (%zu off, worst relative error %.2g)",
	    st->name, off, worst);
}

int main(void)
{
	int rc = load();

	if (!tap_ok(rc == 0 && trade.n > 1000 && dist.n > 300 &&
	    steady.n > 500, "fixture read: %zu trade, %zu distributor, %zu "
	    "steady buyers", trade.n, dist.n, steady.n))
		return tap_done();
	fit_and_score(&trade, 0);
	fit_and_score(&dist, 0);
	fit_and_score(&steady, 1);
	return tap_done();
}
