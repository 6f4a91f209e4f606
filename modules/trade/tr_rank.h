/*
 * tr_rank.h - product discovery as DESIGN.md section 5 defines it, in pure
 * functions (no FastCGI or MariaDB header), tested on hand-computed
 * fixtures in tests/unit/test_trade_rank.c.
 *
 * Popularity of a product (or a category) as of T = the number of distinct
 * customers of non-retail smart types who bought it in the 12 months
 * before T, (T - 12 months, T]; ties are broken by revenue (more first),
 * then by the internal id (smaller first).  A category's popularity counts
 * the distinct customers who bought any product of it, the same way.
 *
 * The popularity job streams the window's order lines of non-retail
 * customers (customer, item, value) into a struct tr_pop, one customer's
 * lines after the other, and ranks it with tr_pop_rank().  Money is int64
 * ten-thousandths (DECIMAL(14,4) without the point).
 *
 * Suggestions for a customer: candidates in rank order, the ones the
 * customer has ever bought left out, each product once, the first `want`
 * kept: tr_pick().
 */
#ifndef SALIENT_TRADE_RANK_H
#define SALIENT_TRADE_RANK_H

#include <stddef.h>
#include <stdint.h>

/*
 * The accumulator of one popularity pass over items (products or
 * categories) with internal ids 1..nitems-1 (id 0 is never an item).
 * Lines arrive grouped by customer: every line of a customer before the
 * next customer's (in any customer order); a customer seen again after
 * another one is an error, so a distinct count can never be silently
 * wrong.
 */
struct tr_pop {
	size_t nitems;        /* ids 0 .. nitems - 1 */
	int64_t *customers;   /* distinct customers per item */
	int64_t *revenue;     /* ten-thousandths per item */
	uint32_t *last;       /* the customer counted last for the item */
	uint8_t *done;        /* bitmap of customers whose lines are over */
	size_t done_bits;
	uint32_t current;     /* the customer whose lines arrive now (0 = none) */
	int64_t lines;        /* lines added */
	int64_t ncustomers;   /* distinct customers seen */
};

/* Prepares p for items with ids below nitems.  Returns 0, or -1 when out
 * of memory.  Free with tr_pop_free() (also after a failure). */
int tr_pop_init(struct tr_pop *p, size_t nitems);
void tr_pop_free(struct tr_pop *p);

/*
 * Adds one line: customer (> 0) bought item for value ten-thousandths.
 * Returns 0; -1 when item is 0 or not below nitems, customer is 0, or the
 * customer's lines are not contiguous (it was seen before another
 * customer); -2 when out of memory.
 */
int tr_pop_add(struct tr_pop *p, uint32_t customer, uint32_t item, int64_t value);

/* One ranked item. */
struct tr_ranked {
	uint32_t id;
	int64_t customers;
	int64_t revenue;
};

/* Orders two ranked items: more customers first, then more revenue, then
 * the smaller id.  A qsort() comparator. */
int tr_ranked_cmp(const void *a, const void *b);

/*
 * Writes the items bought by at least one customer into out (room for
 * p->nitems entries), in rank order; returns how many.  Position k in out
 * is the item's rank k + 1.
 */
size_t tr_pop_rank(const struct tr_pop *p, struct tr_ranked *out);

/*
 * The never-bought exclusion.  cand[0..ncand-1] are candidate ids in rank
 * order (an id may repeat: a product reached through two tags); bought
 * holds the ids the customer ever bought, sorted ascending (nbought).
 * Writes into pick[] the indexes in cand of the first `want` candidates
 * that are not bought, each id once (its first occurrence); returns how
 * many (at most want).  pick needs room for want entries.
 */
size_t tr_pick(const uint32_t *cand, size_t ncand, const uint32_t *bought, size_t nbought,
    size_t want, size_t *pick);

/* Sorts ids ascending and removes repeats; returns the new count. */
size_t tr_ids_sort_unique(uint32_t *ids, size_t n);

/* True when id is in ids (sorted ascending, n entries). */
int tr_ids_has(const uint32_t *ids, size_t n, uint32_t id);

#endif
