/*
 * assign.h - which classifications a customer receives, given its metrics
 * (DESIGN.md section 5).  Pure computation.
 */
#ifndef SALIENT_CLASSIFY_ASSIGN_H
#define SALIENT_CLASSIFY_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "salient/classify.h"   /* enum cl_type, enum cl_smart, their names */


struct cl_class {
	long long id;
	enum cl_type type;
	enum cl_smart smart;       /* CL_ALL: every smart type */
	double value;              /* the tier's upper bound */
	int64_t min_spend;         /* ten-thousandths */
	int64_t min_orders;
	int position;
};

/*
 * One customer's metrics.  def has bit (1 << type) set when m[type] is
 * defined.  Rank and share exist twice: within the customer's own smart type
 * (m[]) and within all customers (rank_all, share_all; bits in def_all).
 */
struct cl_metrics {
	enum cl_smart smart;
	int64_t revenue_cur;
	int64_t orders_cur;
	double m[CL_NTYPES];
	unsigned def;
	double rank_all, share_all;
	unsigned def_all;
};

/* The lowest value of a metric: -100 for the change types, else 0. */
double cl_floor(enum cl_type t);

/*
 * Sorts classes into tiers: by type, smart type, position, then id.  Call
 * once before cl_assign().
 */
void cl_sort_classes(struct cl_class *c, size_t n);

/*
 * The classifications customer cm receives among classes c[0..n-1] (sorted
 * by cl_sort_classes()): at most one per (type, smart type) group, the tier
 * that holds its metric, when it is of the group's smart type and meets the
 * tier's minimum spend and orders.  Writes indexes into c to out (room for
 * max) and returns how many.
 */
size_t cl_assign(const struct cl_metrics *cm, const struct cl_class *c, size_t n,
    size_t *out, size_t max);

#endif
