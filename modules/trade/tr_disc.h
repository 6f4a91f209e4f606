/*
 * tr_disc.h - what product discovery reads, held in memory: the ranked
 * lists of the last popularity run (with the products' names, SKUs and
 * whether they are active) and every product's (tag_group, tag_value)
 * pairs.  One snapshot per process, shared by its threads and replaced
 * whole when a newer popularity run appears or the snapshot is older than
 * TR_DISC_MAX_AGE seconds (catalogue changes between runs show within
 * that time).  So a page's suggestions cost no query: it walks the ranked
 * list in memory (the walk and the exclusion: tr_rank.h).
 */
#ifndef SALIENT_TRADE_DISC_H
#define SALIENT_TRADE_DISC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct sl_db;

#define TR_DISC_MAX_AGE 600

struct tr_disc_prod {
	uint32_t id, pos;
	int64_t customers;
	int active;             /* active and not a placeholder */
	const char *name, *sku; /* in the snapshot's strings; name never NULL */
};

struct tr_disc_cat {
	uint32_t id, pos;
	int64_t customers;
	const char *name;
};

struct tr_disc {
	long long run_id;               /* 0: no popularity run yet */
	char as_of[11], from[11];       /* the run's window, "" without one */
	time_t loaded;
	struct tr_disc_prod *prod;      /* in rank order */
	size_t nprod;
	struct tr_disc_cat *cat;        /* in rank order */
	size_t ncat;
	char **pair;                    /* "group\x1fvalue", sorted by bytes */
	size_t npair;
	uint32_t maxpid;                /* product ids 1..maxpid have tags */
	uint32_t *po;                   /* pairs of product p: pv[po[p] .. po[p + 1]) */
	uint16_t *pv;                   /* pair indexes, ascending per product */
	int refs;                       /* guarded by the module's lock */
	/* storage */
	char **strs;
	size_t nstrs, capstrs;
};

/*
 * The current snapshot, loaded or reloaded as needed: run is the latest
 * popularity run id as the caller just read it (or -1: look it up).
 * Returns a reference to release with tr_disc_put(), or NULL when the
 * database failed (logged).
 */
struct tr_disc *tr_disc_get(struct sl_db *db, long long run);
void tr_disc_put(struct tr_disc *d);

/* The pairs of product id (indexes into d->pair), *n of them. */
const uint16_t *tr_disc_pairs(const struct tr_disc *d, uint32_t id, size_t *n);

#endif
