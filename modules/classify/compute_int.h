/*
 * compute_int.h - the inside of struct cl_result, private to
 * modules/classify/ (compute.c fills it, recompute.c writes it).  Other
 * modules use the accessors of compute.h.
 */
#ifndef SALIENT_CLASSIFY_COMPUTE_INT_H
#define SALIENT_CLASSIFY_COMPUTE_INT_H

#include <stdint.h>

#include "assign.h"
#include "compute.h"
#include "metrics.h"

#define CL_MAX_CLASSES 4096
#define CL_MAX_PER_CUSTOMER 64

/* Everything a computation holds, indexed by internal customer id 1..maxid. */
struct cl_result {
	int64_t as_of;
	int months;
	struct cl_periods p;
	size_t maxid;
	unsigned char *present;       /* a real (non-placeholder) customer */
	unsigned char *smart;         /* enum cl_smart */
	char **hostid;                /* into the arena below */
	struct cl_metrics *cm;
	int64_t *revenue_prev, *orders_prev;
	/* the classifications held: cls[coff[id] .. coff[id + 1]) in tier order */
	uint32_t *coff;
	long long *cls;
	size_t ncls;
	long long ncust, norders;
	struct cl_class *classes;     /* sorted by cl_sort_classes() */
	size_t nclasses;
	struct arena *arena;          /* host id strings */
};

#endif
