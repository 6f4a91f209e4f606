/*
 * test_rcload.c - the text a classification run loads (rcload.c, bulk.c):
 * money, numbers, metrics rows with undefined metrics as \N, and the open
 * intervals in primary key order, on a hand-built result.
 */
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "rcload.h"
#include "salient/money.h"
#include "tap.h"

#define MONEY(x) ((int64_t)((x) * 10000))

static void test_numbers(void)
{
	char b[64];

	b[sl_money_text(0, b, sizeof(b))] = '\0';
	tap_is_str(b, "0.0000", "money 0");
	b[sl_money_text(1234500, b, sizeof(b))] = '\0';
	tap_is_str(b, "123.4500", "money 123.45");
	b[sl_money_text(-5, b, sizeof(b))] = '\0';
	tap_is_str(b, "-0.0005", "money -0.0005");
	b[sl_money_text(-9223372036854775807LL - 1, b, sizeof(b))] = '\0';
	tap_is_str(b, "-922337203685477.5808", "money: the smallest int64 does not overflow");
	b[bl_uint(b, 0)] = '\0';
	tap_is_str(b, "0", "uint 0");
	b[bl_uint(b, 4294967295ULL)] = '\0';
	tap_is_str(b, "4294967295", "uint max 32 bits");
}

static void test_rows(void)
{
	struct cl_result r;
	struct cl_metrics cm[4];
	int64_t rp[4] = { 0, MONEY(300), 0, 0 }, op[4] = { 0, 3, 0, 0 };
	unsigned char present[4] = { 0, 1, 0, 1 };
	uint32_t coff[5] = { 0, 0, 3, 3, 4 };
	long long cls[4] = { 9, 2, 5, 7 };    /* customer 1 holds 9, 2, 5 in tier order */
	struct rc_gen g;
	struct bl_task t;
	char buf[4096];
	size_t n;

	memset(&r, 0, sizeof(r));
	memset(cm, 0, sizeof(cm));
	r.as_of = dc_days_from_civil(2024, 3, 31);
	r.maxid = 3;
	r.present = present;
	r.cm = cm;
	r.revenue_prev = rp;
	r.orders_prev = op;
	r.coff = coff;
	r.cls = cls;
	r.ncls = 4;
	cm[1].revenue_cur = MONEY(150);
	cm[1].orders_cur = 1;
	cm[1].m[CL_RISK_SCORE] = 100.0 / 47.0 * 10;
	cm[1].m[CL_REVENUE_CHANGE] = -50;
	cm[1].m[CL_RFM_CELL] = 243;
	cm[1].def = (1u << CL_ORDERS) | (1u << CL_RISK_SCORE) | (1u << CL_REVENUE_CHANGE) |
	    (1u << CL_RFM_CELL);
	cm[3].def = 1u << CL_ORDERS;

	rc_gen_init(&g, &r);
	tap_is_str(g.day, "2024-03-31", "the as-of date");
	n = rc_metrics_row(&r, 1, g.day, g.daylen, buf);
	buf[n] = '\0';
	tap_is_str(buf, "1\t2024-03-31\t150.0000\t300.0000\t1\t3\t21.276595744680851\t\\N\t\\N\t-50\t\\N"
	    "\t2\t4\t3\n",
	    "a metrics row: money with 4 decimals, doubles to 17 digits, \\N when undefined, the RFM scores");
	tap_ok(tap_num("21.276595744680851") == 100.0 / 47.0 * 10, "17 digits read back as the same double");

	rc_gen_init(&g, &r);
	rc_task_metrics(&t, &g);
	n = t.gen(t.ctx, buf, sizeof(buf));
	buf[n] = '\0';
	tap_ok(strncmp(buf, "1\t", 2) == 0 && strstr(buf, "\n3\t2024-03-31\t0.0000\t0.0000\t0\t0\t\\N") != NULL &&
	    strstr(buf, "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n") != NULL,
	    "the metrics of customers 1 and 3, not of 2 (a placeholder)");
	tap_is_long((long long)t.gen(t.ctx, buf, sizeof(buf)), 0, "then the end");

	rc_gen_init(&g, &r);
	rc_task_history(&t, &g);
	n = t.gen(t.ctx, buf, sizeof(buf));
	buf[n] = '\0';
	tap_is_str(buf, "1\t2\t2024-03-31\n1\t5\t2024-03-31\n1\t9\t2024-03-31\n3\t7\t2024-03-31\n",
	    "open intervals in primary key order (customer, classification), from the as-of date");
	tap_is_long((long long)t.gen(t.ctx, buf, sizeof(buf)), 0, "then the end");
	tap_ok(strstr(t.load->sql, "classification_history_new") != NULL && t.nafter == 1 &&
	    strstr(t.after[0].sql, "ADD KEY") != NULL,
	    "loaded into classification_history_new, its key added after");
}

int main(void)
{
	test_numbers();
	test_rows();
	return tap_done();
}
