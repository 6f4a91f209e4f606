/*
 * test_trade_rank.c - product discovery on hand-computed fixtures
 * (DESIGN.md section 5, modules/trade/tr_rank.h): distinct buyers per
 * product and category, ties by revenue then id, the contiguity check, the
 * never-bought exclusion with repeats; and the trade module's text helpers
 * (exact money, product links, the settings' checks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tr_rank.h"
#include "tr_text.h"

#define M(x) ((int64_t)((x) * 10000))

static void test_popularity(void)
{
	struct tr_pop p;
	struct tr_ranked r[8];
	size_t n;

	/*
	 * customer 10: p1 100, p2 50, p1 30   (p1 twice: one buyer)
	 * customer 11: p2 200, p3 10
	 * customer 12: p3 10, p1 5
	 * customer 13: p4 70
	 * customer 14: p6 70
	 * p1: 2 buyers, 135; p2: 2 buyers, 250; p3: 2 buyers, 20;
	 * p4: 1 buyer, 70; p6: 1 buyer, 70; p5, p7: none.
	 * Rank: p2 (2, 250), p1 (2, 135), p3 (2, 20), p4 (1, 70, id 4), p6.
	 */
	tap_ok(tr_pop_init(&p, 8) == 0, "an accumulator for ids below 8");
	tap_ok(tr_pop_add(&p, 10, 1, M(100)) == 0 && tr_pop_add(&p, 10, 2, M(50)) == 0 &&
	    tr_pop_add(&p, 10, 1, M(30)) == 0 && tr_pop_add(&p, 11, 2, M(200)) == 0 &&
	    tr_pop_add(&p, 11, 3, M(10)) == 0 && tr_pop_add(&p, 12, 3, M(10)) == 0 &&
	    tr_pop_add(&p, 12, 1, M(5)) == 0 && tr_pop_add(&p, 13, 4, M(70)) == 0 &&
	    tr_pop_add(&p, 14, 6, M(70)) == 0, "nine lines of five customers added");
	tap_is_long(p.customers[1], 2, "p1 bought twice by customer 10 counts one buyer: 2 buyers");
	tap_is_long(p.revenue[1], M(135), "p1 revenue 100 + 30 + 5");
	tap_is_long(p.ncustomers, 5, "five customers seen");
	tap_is_long(p.lines, 9, "nine lines");
	n = tr_pop_rank(&p, r);
	tap_is_long((long long)n, 5, "five products were bought (p5, p7 not ranked)");
	tap_ok(n == 5 && r[0].id == 2 && r[1].id == 1 && r[2].id == 3,
	    "three products with 2 buyers: by revenue 250 > 135 > 20 (p2, p1, p3)");
	tap_ok(n == 5 && r[3].id == 4 && r[4].id == 6,
	    "p4 and p6 tie on buyers and revenue: the smaller id first");
	tap_is_long(r[0].revenue, M(250), "p2's revenue carried into the ranking");

	tap_is_long(tr_pop_add(&p, 10, 5, M(1)), -1,
	    "customer 10 again after others: refused (lines not grouped by customer)");
	tap_is_long(tr_pop_add(&p, 14, 0, M(1)), -1, "item 0 refused");
	tap_is_long(tr_pop_add(&p, 14, 8, M(1)), -1, "item beyond the range refused");
	tap_is_long(tr_pop_add(&p, 0, 3, M(1)), -1, "customer 0 refused");
	tap_is_long(tr_pop_add(&p, 14, 6, M(1)), 0, "the current customer may go on");
	tap_is_long(p.customers[6], 1, "  without counting it twice");
	tr_pop_free(&p);

	/* many customers: the done-bitmap grows past its first size */
	tap_ok(tr_pop_init(&p, 3) == 0, "a second accumulator");
	n = 0;
	for (uint32_t c = 1; c <= 200000; c += 7)
		n += tr_pop_add(&p, c, 1 + c % 2, 1) != 0;
	tap_is_long((long long)n, 0, "28572 customers in ascending order, none refused");
	tap_is_long(tr_pop_add(&p, 199991, 1, 1), -1, "an early customer again is refused");
	tap_is_long(p.customers[1] + p.customers[2], 28572, "every customer counted once");
	tr_pop_free(&p);
}

static void test_pick(void)
{
	uint32_t cand[] = { 2, 1, 3, 4, 6 }, bought[] = { 1, 4 };
	uint32_t rep[] = { 2, 2, 5, 1, 5, 7 }, b1[] = { 1 };
	uint32_t ids[] = { 9, 3, 3, 1, 9, 2 };
	size_t pick[10], n;

	n = tr_pick(cand, 5, bought, 2, 3, pick);
	tap_ok(n == 3 && cand[pick[0]] == 2 && cand[pick[1]] == 3 && cand[pick[2]] == 6,
	    "rank p2 p1 p3 p4 p6, bought p1 and p4: suggest p2, p3, p6");
	n = tr_pick(cand, 5, bought, 2, 2, pick);
	tap_ok(n == 2 && cand[pick[1]] == 3, "want 2: p2, p3");
	n = tr_pick(rep, 6, b1, 1, 3, pick);
	tap_ok(n == 3 && pick[0] == 0 && pick[1] == 2 && pick[2] == 5,
	    "repeats (reached through two tags): each product once, at its first place");
	n = tr_pick(rep, 6, b1, 1, 10, pick);
	tap_is_long((long long)n, 3, "want 10 of 3 distinct new products: 3");
	n = tr_pick(cand, 5, NULL, 0, 0, pick);
	tap_is_long((long long)n, 0, "want 0: nothing");
	n = tr_pick(cand, 5, NULL, 0, 10, pick);
	tap_is_long((long long)n, 5, "nothing bought: every candidate");
	n = tr_ids_sort_unique(ids, 6);
	tap_ok(n == 4 && ids[0] == 1 && ids[1] == 2 && ids[2] == 3 && ids[3] == 9,
	    "ids sorted, repeats removed");
	tap_ok(tr_ids_has(ids, 4, 9) && !tr_ids_has(ids, 4, 4) && !tr_ids_has(ids, 0, 1),
	    "membership by binary search");
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* tr_ids_sort_unique() against qsort plus a unique pass, on lists of
 * every size class (the short in-place sort, and qsort above 4096). */
static void test_sort_unique(void)
{
	static const size_t sizes[] = { 1, 2, 3, 10, 117, 1000, 4096, 4097, 20000 };
	size_t s, i, n, k;
	uint32_t seed = 7;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint32_t *a = malloc(sizes[s] * sizeof(*a)), *b = malloc(sizes[s] * sizeof(*b));
		int same = 1;

		for (i = 0; i < sizes[s]; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = b[i] = (seed >> 8) % (uint32_t)(sizes[s] / 2 + 1);   /* repeats */
		}
		n = tr_ids_sort_unique(a, sizes[s]);
		qsort(b, sizes[s], sizeof(*b), u32_cmp);
		for (i = 1, k = 0; i < sizes[s]; i++)
			if (b[i] != b[k])
				b[++k] = b[i];
		same = n == k + 1;
		for (i = 0; same && i < n; i++)
			same = a[i] == b[i];
		tap_ok(same, "%zu ids with repeats: sorted and unique as qsort makes them (%zu left)",
		    sizes[s], n);
		free(a);
		free(b);
	}
}

static void test_text(void)
{
	char buf[128];

	tap_ok(tr_product_url("https://shop.example/p/{sku}", "AB 12/\xc3\xb8", buf, sizeof(buf)) == 0,
	    "a link from the pattern");
	tap_is_str(buf, "https://shop.example/p/AB%2012%2F%C3%B8", "  the SKU percent-encoded (UTF-8 bytes)");
	tap_ok(tr_product_url("/p/{sku}?ref={sku}", "a~b.c_d-e", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "/p/a~b.c_d-e?ref=a~b.c_d-e") == 0, "every {sku}, unreserved characters kept");
	tap_ok(tr_product_url("https://x/{sku}", "", buf, sizeof(buf)) == -1 &&
	    tr_product_url("", "A", buf, sizeof(buf)) == -1 &&
	    tr_product_url("https://x/{sku}", NULL, buf, sizeof(buf)) == -1,
	    "no pattern or no SKU: no link");
	tap_ok(tr_product_url("https://x/{sku}", "ABCDEFGH", buf, 12) == -1 && buf[0] == '\0',
	    "a link longer than the buffer: none");

	tap_ok(tr_check_url_pattern("", buf, sizeof(buf)) == 0, "URL pattern: empty (no links) allowed");
	tap_ok(tr_check_url_pattern("https://shop.example/p/{sku}", buf, sizeof(buf)) == 0,
	    "URL pattern with {sku} allowed");
	tap_ok(tr_check_url_pattern("/shop/{sku}", buf, sizeof(buf)) == 0, "a path allowed");
	tap_ok(tr_check_url_pattern("https://shop.example/p/", buf, sizeof(buf)) == -1 &&
	    strstr(buf, "must contain {sku}") != NULL, "without {sku}: refused, saying so");
	tap_ok(tr_check_url_pattern("javascript:{sku}", buf, sizeof(buf)) == -1,
	    "another scheme refused");
	tap_ok(tr_check_url_pattern("https://x/{sku} y", buf, sizeof(buf)) == -1, "a space refused");

	tap_ok(tr_check_tag_groups("manufacturer", buf, sizeof(buf)) == 0 &&
	    tr_check_tag_groups("manufacturer,material", buf, sizeof(buf)) == 0 &&
	    tr_check_tag_groups("", buf, sizeof(buf)) == 0, "tag groups: one, two, none");
	tap_ok(tr_check_tag_groups("a,,b", buf, sizeof(buf)) == -1, "an empty name refused");
	tap_ok(tr_check_tag_groups("a,b,a", buf, sizeof(buf)) == -1 && strstr(buf, "twice") != NULL,
	    "a name twice refused");
	tap_ok(tr_check_tag_groups(" a,b", buf, sizeof(buf)) == -1, "white space at an end refused");
	tap_ok(tr_list_has("manufacturer,material", "material", 8) &&
	    !tr_list_has("manufacturer,material", "manu", 4), "whole entries only");
}

int main(void)
{
	test_popularity();
	test_pick();
	test_sort_unique();
	test_text();
	return tap_done();
}
