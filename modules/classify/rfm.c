/*
 * rfm.c - RFM scores (salient/rfm.h, DESIGN.md section 5).
 */
#include <stdlib.h>

#include "salient/rfm.h"

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The number of sorted v[0..n-1] strictly below x. */
static size_t below(const int64_t *v, size_t n, int64_t x)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void rfm_scores(const int64_t *key, size_t n, int64_t *scratch, unsigned char *score)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		scratch[i] = key[i];
	qsort(scratch, n, sizeof(*scratch), cmp_i64);
	for (i = 0; i < n; i++) {
		uint64_t w = below(scratch, n, key[i]);

		/* w < n, so the score is 1 to 5 */
		score[i] = (unsigned char)(1 + (5 * w) / n);
	}
}

void rfm_cells(const struct rfm_in *in, size_t n, int64_t *key, int64_t *scratch,
    unsigned char *score, uint16_t *cell)
{
	size_t i;
	int k;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < n; i++)
			key[i] = k == 0 ? in[i].last_day : k == 1 ? in[i].orders : in[i].revenue;
		rfm_scores(key, n, scratch, score + (size_t)k * n);
	}
	for (i = 0; i < n; i++)
		cell[i] = (uint16_t)rfm_cell(score[i], score[n + i], score[2 * n + i]);
}

int rfm_split(int c, int *r, int *f, int *m)
{
	int a = c / 100, b = c / 10 % 10, d = c % 10;

	if (c < 111 || c > 555 || a < 1 || a > 5 || b < 1 || b > 5 || d < 1 || d > 5)
		return -1;
	*r = a;
	*f = b;
	*m = d;
	return 0;
}
