/*
 * tr_disc.h - what product discovery reads, held in memory: the ranked
 * lists of the last popularity run (with the products' names, SKUs and
 * whether they are active) and every product's (tag_group, tag_value)
 * pairs.  One snapshot per process, shared by its threads and replaced
 * whole when a newer popularity run appears, when a page meets a product
 * newer than the snapshot (at most every TR_DISC_MIN_AGE seconds), or
 * when the snapshot is older than TR_DISC_MAX_AGE seconds (other catalogue
 * changes show within that time).  So a page's names, categories, tags and
 * suggestions cost no query: the suggestions walk the ranked list in
 * memory (the exclusion: tr_rank.h).
 */
#ifndef SALIENT_TRADE_DISC_H
#define SALIENT_TRADE_DISC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct sl_db;

#define TR_DISC_MAX_AGE 600
#define TR_DISC_MIN_AGE 30

/* A product of the catalogue (index: its id). */
struct tr_disc_item {
	const char *name, *sku;  /* NULL when unknown (a placeholder, or none) */
	const char *url;         /* its own page (products.url), or NULL */
	uint32_t category_id;    /* 0 = none */
	unsigned char active;    /* active and not a placeholder */
};

/* A category (index: its id). */
struct tr_disc_catinfo {
	const char *name;        /* NULL: unknown or a placeholder */
	uint32_t parent;         /* 0 = a top-level category */
};

/* An entry of a ranked list: the item's id, its rank and distinct buyers. */
struct tr_disc_prod {
	uint32_t id, pos;
	int64_t customers;
};

struct tr_disc {
	long long run_id;               /* 0: no popularity run yet */
	char as_of[11], from[11];       /* the run's window, "" without one */
	time_t loaded;
	struct tr_disc_prod *prod;      /* in rank order */
	size_t nprod;
	struct tr_disc_prod *cat;       /* categories, in rank order */
	size_t ncat;
	char **pair;                    /* "group\x1fvalue", sorted by bytes */
	size_t npair;
	uint32_t maxpid;                /* products 1..maxpid */
	struct tr_disc_item *item;      /* [maxpid + 1] */
	size_t nurl;                    /* products with a url of their own */
	uint32_t maxcid;                /* categories 1..maxcid */
	struct tr_disc_catinfo *catinfo; /* [maxcid + 1] */
	uint32_t *po;                   /* pairs of product p: pv[po[p] .. po[p + 1]) */
	uint16_t *pv;                   /* pair indexes, ascending per product */
	int refs;                       /* guarded by the module's lock */
	/* storage */
	char **strs;
	size_t nstrs, capstrs;
};

/*
 * The current snapshot, loaded or reloaded as needed: run is the latest
 * popularity run id as the caller just read it (or -1: look it up);
 * need_pid the largest product id the caller will look up (0: none).
 * Returns a reference to release with tr_disc_put(), or NULL when the
 * database failed (logged).
 */
struct tr_disc *tr_disc_get(struct sl_db *db, long long run, uint32_t need_pid);

/* The catalogue entry of product id, or NULL when the snapshot lacks it. */
const struct tr_disc_item *tr_disc_item(const struct tr_disc *d, uint32_t id);
/* The category id's name, or NULL; its parent into *parent (0 = none). */
const char *tr_disc_category(const struct tr_disc *d, uint32_t id, uint32_t *parent);
void tr_disc_put(struct tr_disc *d);

/* The pairs of product id (indexes into d->pair), *n of them. */
const uint16_t *tr_disc_pairs(const struct tr_disc *d, uint32_t id, size_t *n);

#endif
