/*
 * rfm.h - RFM scores (DESIGN.md section 5 "RFM").  Pure computation: no
 * FastCGI or MariaDB header, so tests call it with hand-computed fixtures.
 *
 * Over the customers with a paid order in the analysis period (the
 * classification run's current period C): R by days since the last order
 * (fewer is better), F by the number of orders, M by revenue.  Each score is
 * 1 + floor(5 w / N), w the number of customers with a strictly worse value,
 * N all of them; equal values share a score.  Best = 5-5-5, lost = R1.
 *
 * A cell is the three scores as one number, 100 R + 10 F + M (111 to 555):
 * the metric of the classification type "rfm_cell", whose tiers are ranges
 * of cells (lost: up to 155; best: above 554).
 */
#ifndef SALIENT_RFM_H
#define SALIENT_RFM_H

#include <stddef.h>
#include <stdint.h>

/*
 * The scores of n values where a higher key is better (pass minus the days
 * for R): score[i] = 1 + floor(5 w / n), w = #{j : key[j] < key[i]}.
 * scratch holds n values (overwritten).  Allocation-free; O(n log n).
 * Nothing is written when n is 0.
 */
void rfm_scores(const int64_t *key, size_t n, int64_t *scratch, unsigned char *score);

/* One customer with a paid order in the period: its last order's day
 * (days since 1970), its orders and its revenue (ten-thousandths). */
struct rfm_in {
	int64_t last_day;
	int64_t orders;
	int64_t revenue;
};

/*
 * The cells of n customers: cell[i] = 100 R + 10 F + M of in[i], R by
 * last_day (a later day is better: fewer days since it), F by orders, M by
 * revenue.  key and scratch hold n values each, score 3 n (all
 * overwritten; the caller allocates them).  Allocation-free.
 */
void rfm_cells(const struct rfm_in *in, size_t n, int64_t *key, int64_t *scratch,
    unsigned char *score, uint16_t *cell);

/* The cell of scores r, f, m (each 1 to 5): 100 r + 10 f + m. */
static inline int rfm_cell(int r, int f, int m)
{
	return 100 * r + 10 * f + m;
}

/* The scores of a cell (111 to 555); 0, or -1 when c is not a cell. */
int rfm_split(int c, int *r, int *f, int *m);

/* Best (5-5-5) and lost (R1) as DESIGN.md defines them. */
static inline int rfm_best(int c)
{
	return c == 555;
}

static inline int rfm_lost(int c)
{
	return c >= 111 && c < 200;
}

#endif
