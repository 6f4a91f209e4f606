/*
 * compute_int.h - the inside of struct cl_result, private to
 * modules/classify/ (compute.c fills it, recompute.c writes it).  Other
 * modules use the accessors of salient/classify.h.
 */
#ifndef SALIENT_CLASSIFY_COMPUTE_INT_H
#define SALIENT_CLASSIFY_COMPUTE_INT_H

#include <stdint.h>
#include <time.h>

#include "assign.h"
#include "salient/classify.h"
#include "salient/metrics.h"

#define CL_MAX_CLASSES 4096
#define CL_MAX_PER_CUSTOMER 64

/* Seconds spent in each phase of a run, for the log (issue 6). */
#define CL_MAX_PHASES 16
struct cl_timing {
	struct timespec last;
	int n;
	const char *name[CL_MAX_PHASES];
	double s[CL_MAX_PHASES];
};

/* Starts the clock; cl_phase() then ends the phase `name` there. */
void cl_timing_start(struct cl_timing *t);
void cl_phase(struct cl_timing *t, const char *name);
/* "name 1.23 s, name 0.45 s, ..." into buf. */
void cl_timing_text(const struct cl_timing *t, char *buf, size_t size);

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
	struct cl_timing timing;      /* compute's phases; the writes add theirs */
};

#endif
