/*
 * tr_rank.c - popularity ranking and the never-bought exclusion
 * (tr_rank.h).  Pure computation.
 */
#include <stdlib.h>
#include <string.h>

#include "tr_rank.h"

int tr_pop_init(struct tr_pop *p, size_t nitems)
{
	memset(p, 0, sizeof(*p));
	if (nitems == 0)
		nitems = 1;
	p->nitems = nitems;
	p->customers = calloc(nitems, sizeof(*p->customers));
	p->revenue = calloc(nitems, sizeof(*p->revenue));
	p->last = calloc(nitems, sizeof(*p->last));
	if (p->customers == NULL || p->revenue == NULL || p->last == NULL)
		return -1;
	return 0;
}

void tr_pop_free(struct tr_pop *p)
{
	free(p->customers);
	free(p->revenue);
	free(p->last);
	free(p->done);
	memset(p, 0, sizeof(*p));
}

/* Marks customer c's lines as over; 0, or -2 when out of memory. */
static int mark_done(struct tr_pop *p, uint32_t c)
{
	if ((size_t)c >= p->done_bits) {
		size_t bits = p->done_bits ? p->done_bits : 1 << 16;
		uint8_t *n;

		while (bits <= (size_t)c)
			bits *= 2;
		if ((n = realloc(p->done, bits / 8)) == NULL)
			return -2;
		memset(n + p->done_bits / 8, 0, (bits - p->done_bits) / 8);
		p->done = n;
		p->done_bits = bits;
	}
	p->done[c / 8] |= (uint8_t)(1u << (c % 8));
	return 0;
}

static int is_done(const struct tr_pop *p, uint32_t c)
{
	return (size_t)c < p->done_bits && (p->done[c / 8] & (1u << (c % 8))) != 0;
}

int tr_pop_add(struct tr_pop *p, uint32_t customer, uint32_t item, int64_t value)
{
	if (customer == 0 || item == 0 || (size_t)item >= p->nitems)
		return -1;
	if (customer != p->current) {
		if (is_done(p, customer))
			return -1;
		if (p->current != 0 && mark_done(p, p->current) != 0)
			return -2;
		p->current = customer;
		p->ncustomers++;
	}
	if (p->last[item] != customer) {
		p->last[item] = customer;
		p->customers[item]++;
	}
	p->revenue[item] += value;
	p->lines++;
	return 0;
}

int tr_ranked_cmp(const void *a, const void *b)
{
	const struct tr_ranked *x = a, *y = b;

	if (x->customers != y->customers)
		return x->customers > y->customers ? -1 : 1;
	if (x->revenue != y->revenue)
		return x->revenue > y->revenue ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

size_t tr_pop_rank(const struct tr_pop *p, struct tr_ranked *out)
{
	size_t i, n = 0;

	for (i = 1; i < p->nitems; i++) {
		if (p->customers[i] == 0)
			continue;
		out[n].id = (uint32_t)i;
		out[n].customers = p->customers[i];
		out[n].revenue = p->revenue[i];
		n++;
	}
	qsort(out, n, sizeof(*out), tr_ranked_cmp);
	return n;
}

int tr_ids_has(const uint32_t *ids, size_t n, uint32_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] == id)
			return 1;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int id_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Shell sort (Ciura's gaps) of a short list: in place, no call per
 * comparison, no allocation (glibc's qsort allocates above 1 KiB). */
static void sort_short(uint32_t *a, size_t n)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g, i, j;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++)
		for (i = gaps[g]; i < n; i++) {
			uint32_t v = a[i];

			for (j = i; j >= gaps[g] && a[j - gaps[g]] > v; j -= gaps[g])
				a[j] = a[j - gaps[g]];
			a[j] = v;
		}
}

size_t tr_ids_sort_unique(uint32_t *ids, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	if (n <= 4096)
		sort_short(ids, n);
	else
		qsort(ids, n, sizeof(*ids), id_cmp);
	for (i = 1; i < n; i++)
		if (ids[i] != ids[k])
			ids[++k] = ids[i];
	return k + 1;
}

size_t tr_pick(const uint32_t *cand, size_t ncand, const uint32_t *bought, size_t nbought,
    size_t want, size_t *pick)
{
	size_t i, j, n = 0;

	for (i = 0; i < ncand && n < want; i++) {
		if (tr_ids_has(bought, nbought, cand[i]))
			continue;
		for (j = 0; j < n; j++)
			if (cand[pick[j]] == cand[i])
				break;
		if (j < n)
			continue;   /* already picked through an earlier tag */
		pick[n++] = i;
	}
	return n;
}
