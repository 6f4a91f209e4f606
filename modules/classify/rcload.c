/*
 * rcload.c - the bulk loads of a classification run (rcload.h).
 *
 * Rows are generated in primary key order straight from the result; the
 * statements around each load are classify's (classify_sql.c).  The
 * values are exactly those the row-by-row path binds: money as DECIMAL text
 * with four decimals, doubles with 17 significant digits (which read back
 * as the same double), \N for an undefined metric.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_sql.h"
#include "rcload.h"
#include "salient/contract.h"
#include "salient/money.h"

void rc_gen_init(struct rc_gen *g, const struct cl_result *res)
{
	int y, m, d;

	memset(g, 0, sizeof(*g));
	g->res = res;
	g->id = 1;
	dc_civil_from_days(res->as_of, &y, &m, &d);
	snprintf(g->day, sizeof(g->day), "%04d-%02d-%02d", y, m, d);
	g->daylen = strlen(g->day);
}

static size_t put_double(char *out, unsigned def, int type, double v)
{
	int n;

	if (!((def >> type) & 1)) {
		memcpy(out, "\\N", 2);
		return 2;
	}
	n = snprintf(out, 32, "%.17g", v);
	return n > 0 && n < 32 ? (size_t)n : 0;
}

size_t rc_metrics_row(const struct cl_result *res, size_t id, const char *day,
    size_t daylen, char *out)
{
	static const int cols[5] = {
		CL_RISK_SCORE, CL_RISK_CHANGE, CL_REVENUE_RANK, CL_REVENUE_CHANGE, CL_REVENUE_SHARE,
	};
	const struct cl_metrics *cm = &res->cm[id];
	size_t n = 0;
	int k;

	n += bl_uint(out + n, id);
	out[n++] = '\t';
	memcpy(out + n, day, daylen);
	n += daylen;
	out[n++] = '\t';
	n += sl_money_text(cm->revenue_cur, out + n, SL_MONEY_TEXT_MAX);
	out[n++] = '\t';
	n += sl_money_text(res->revenue_prev[id], out + n, SL_MONEY_TEXT_MAX);
	out[n++] = '\t';
	n += bl_uint(out + n, (unsigned long long)cm->orders_cur);
	out[n++] = '\t';
	n += bl_uint(out + n, (unsigned long long)res->orders_prev[id]);
	for (k = 0; k < 5; k++) {
		out[n++] = '\t';
		n += put_double(out + n, cm->def, cols[k], cm->m[cols[k]]);
	}
	/* the RFM scores: the cell's three digits, \N each without one */
	for (k = 0; k < 3; k++) {
		out[n++] = '\t';
		if ((cm->def >> CL_RFM_CELL) & 1) {
			static const int div[3] = { 100, 10, 1 };

			out[n++] = (char)('0' + (int)cm->m[CL_RFM_CELL] / div[k] % 10);
		} else {
			memcpy(out + n, "\\N", 2);
			n += 2;
		}
	}
	out[n++] = '\n';
	return n;
}

static size_t gen_metrics(void *ctx, char *buf, size_t cap)
{
	struct rc_gen *g = ctx;
	const struct cl_result *res = g->res;
	size_t used = 0;

	for (; g->id <= res->maxid && cap - used >= BL_MAX_ROW; g->id++)
		if (res->present[g->id])
			used += rc_metrics_row(res, g->id, g->day, g->daylen, buf + used);
	return used;
}

static int cmp_ll(const void *pa, const void *pb)
{
	long long a = *(const long long *)pa, b = *(const long long *)pb;

	return a < b ? -1 : a > b;
}

/* customer, classification, as-of day: in primary key order */
static size_t gen_pairs(void *ctx, char *buf, size_t cap)
{
	struct rc_gen *g = ctx;
	const struct cl_result *res = g->res;
	long long ids[CL_MAX_PER_CUSTOMER];
	size_t used = 0, n, k, need;

	for (; g->id <= res->maxid; g->id++) {
		n = res->coff[g->id + 1] - res->coff[g->id];
		if (n == 0)
			continue;
		need = n * (24 + g->daylen);
		if (cap - used < need)
			break;
		memcpy(ids, res->cls + res->coff[g->id], n * sizeof(*ids));
		qsort(ids, n, sizeof(*ids), cmp_ll);
		for (k = 0; k < n; k++) {
			used += bl_uint(buf + used, g->id);
			buf[used++] = '\t';
			used += bl_uint(buf + used, (unsigned long long)ids[k]);
			buf[used++] = '\t';
			memcpy(buf + used, g->day, g->daylen);
			used += g->daylen;
			buf[used++] = '\n';
		}
	}
	return used;
}

void rc_task_metrics(struct bl_task *t, struct rc_gen *g)
{
	memset(t, 0, sizeof(*t));
	t->name = "customer_metrics";
	t->before = &cls_sql[CLS_M_DROP_NEW];
	t->nbefore = CLS_M_LOAD - CLS_M_DROP_NEW;
	t->load = &cls_sql[CLS_M_LOAD];
	t->after = &cls_sql[CLS_M_ADD_KEY];
	t->nafter = 1;
	t->gen = gen_metrics;
	t->ctx = g;
}

void rc_task_history(struct bl_task *t, struct rc_gen *g)
{
	memset(t, 0, sizeof(*t));
	t->name = "classification_history";
	t->before = &cls_sql[CLS_H_DROP_NEW];
	t->nbefore = CLS_H_LOAD - CLS_H_DROP_NEW;
	t->load = &cls_sql[CLS_H_LOAD];
	t->after = &cls_sql[CLS_H_ADD_KEY];
	t->nafter = 1;
	t->gen = gen_pairs;
	t->ctx = g;
}
