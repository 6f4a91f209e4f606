/*
 * assign.c - tiers and eligibility (DESIGN.md section 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "salient/metrics.h"

const char *const cl_type_names[CL_NTYPES + 1] = {
	"risk_score", "risk_change", "revenue_rank", "revenue_change",
	"revenue_share", "orders", "p_alive", "rfm_cell", NULL,
};

const char *const cl_smart_names[CL_NSMART + 1] = {
	"retail", "trade", "distributor", "all", NULL,
};

int cl_lookup(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *const cl_starter_keys[] = {
	"big_spenders", "falling_sales", "steady", "rising_stars", "on_track", "more_attention",
	"at_risk", "risk_steady", "risk_slowing", "risk_drifting", NULL,
};

const char *cl_starter_text_key(char *buf, size_t len, const char *starter_key, const char *field)
{
	int n;

	if (starter_key == NULL || starter_key[0] == '\0')
		return NULL;
	n = snprintf(buf, len, "classify.starter.%s.%s", starter_key, field);
	return n > 0 && (size_t)n < len ? buf : NULL;
}

double cl_floor(enum cl_type t)
{
	const struct cl_metric *m = t < CL_NTYPES ? cl_metric(cl_type_names[t]) : NULL;

	return m != NULL ? m->floor : 0.0;
}

static int by_tier(const void *pa, const void *pb)
{
	const struct cl_class *a = pa, *b = pb;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->smart != b->smart)
		return a->smart < b->smart ? -1 : 1;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

void cl_sort_classes(struct cl_class *c, size_t n)
{
	qsort(c, n, sizeof(*c), by_tier);
}

/* The metric of type t for cm in the population of smart type s. */
static int metric(const struct cl_metrics *cm, enum cl_type t, enum cl_smart s, double *x)
{
	if (s == CL_ALL && (t == CL_REVENUE_RANK || t == CL_REVENUE_SHARE)) {
		if (!(cm->def_all & (1u << t)))
			return 0;
		*x = t == CL_REVENUE_RANK ? cm->rank_all : cm->share_all;
		return 1;
	}
	if (!(cm->def & (1u << t)))
		return 0;
	*x = cm->m[t];
	return 1;
}

size_t cl_assign(const struct cl_metrics *cm, const struct cl_class *c, size_t n,
    size_t *out, size_t max)
{
	double values[64];
	size_t i = 0, j, k, got = 0;
	double x;
	int tier;

	while (i < n) {
		/* the group [i, j): same type and smart type */
		for (j = i + 1; j < n && c[j].type == c[i].type && c[j].smart == c[i].smart; j++)
			;
		if ((c[i].smart == CL_ALL || c[i].smart == cm->smart) &&
		    metric(cm, c[i].type, c[i].smart, &x)) {
			size_t m = j - i < 64 ? j - i : 64;

			for (k = 0; k < m; k++)
				values[k] = c[i + k].value;
			tier = cl_tier(values, m, cl_floor(c[i].type), x);
			if (tier >= 0 && cm->revenue_cur >= c[i + (size_t)tier].min_spend &&
			    cm->orders_cur >= c[i + (size_t)tier].min_orders && got < max)
				out[got++] = i + (size_t)tier;
		}
		i = j;
	}
	return got;
}
