/*
 * rcload.c - the bulk loads of a classification run (rcload.h).
 *
 * Rows are generated in primary key order straight from the result.  The
 * values are exactly those the row-by-row path binds: money as DECIMAL text
 * with four decimals, doubles with 17 significant digits (which read back
 * as the same double), \N for an undefined metric.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "rcload.h"

/* The new tables: made LIKE the live ones, without their secondary keys
 * until loaded (sql/005_classify.sql, sql/006_customers.sql): a key added
 * to a loaded table is built by sorting, much faster than maintained row
 * by row. */
static const char *const metrics_before[] = {
	"DROP TABLE IF EXISTS customer_metrics_new",
	"CREATE TABLE customer_metrics_new LIKE customer_metrics",
	"ALTER TABLE customer_metrics_new DROP KEY IF EXISTS customer_metrics_revenue",
	NULL,
};
/* the key of sql/006_customers.sql, built by sorting once loaded */
static const char *const metrics_after[] = {
	"ALTER TABLE customer_metrics_new ADD KEY customer_metrics_revenue (revenue_cur)",
	NULL,
};
static const char metrics_load[] =
    "LOAD DATA LOCAL INFILE 'customer_metrics' INTO TABLE customer_metrics_new "
    "CHARACTER SET binary (customer_id, as_of, revenue_cur, revenue_prev, orders_cur, "
    "orders_prev, risk_score, risk_change, revenue_rank, revenue_change, revenue_share)";
static const char *const history_before[] = {
	"DROP TABLE IF EXISTS classification_history_new",
	"CREATE TABLE classification_history_new LIKE classification_history",
	"ALTER TABLE classification_history_new DROP KEY classification_history_open",
	NULL,
};
static const char history_load[] =
    "LOAD DATA LOCAL INFILE 'classification_history' INTO TABLE classification_history_new "
    "CHARACTER SET binary (customer_id, classification_id, from_date)";
static const char *const history_after[] = {
	"ALTER TABLE classification_history_new "
	"ADD KEY classification_history_open (classification_id, to_date)",
	NULL,
};

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
	n += bl_money(out + n, cm->revenue_cur);
	out[n++] = '\t';
	n += bl_money(out + n, res->revenue_prev[id]);
	out[n++] = '\t';
	n += bl_uint(out + n, (unsigned long long)cm->orders_cur);
	out[n++] = '\t';
	n += bl_uint(out + n, (unsigned long long)res->orders_prev[id]);
	for (k = 0; k < 5; k++) {
		out[n++] = '\t';
		n += put_double(out + n, cm->def, cols[k], cm->m[cols[k]]);
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
	t->before = metrics_before;
	t->load = metrics_load;
	t->after = metrics_after;
	t->gen = gen_metrics;
	t->ctx = g;
}

void rc_task_history(struct bl_task *t, struct rc_gen *g)
{
	memset(t, 0, sizeof(*t));
	t->name = "classification_history";
	t->before = history_before;
	t->load = history_load;
	t->after = history_after;
	t->gen = gen_pairs;
	t->ctx = g;
}
