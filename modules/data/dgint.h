/*
 * dgint.h - private to the demo data generator (demogen*.c): its seeded
 * random numbers, buffered CSV writer and the catalog it builds.
 */
#ifndef SALIENT_DATA_DGINT_H
#define SALIENT_DATA_DGINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* xoshiro256**, seeded by splitmix64: the same seed, the same stream. */
struct dg_rng {
	uint64_t	s[4];
};

void		dg_rng_seed(struct dg_rng *r, uint64_t seed, uint64_t stream);
uint64_t	dg_u64(struct dg_rng *r);
uint64_t	dg_below(struct dg_rng *r, uint64_t n);	/* [0, n), n > 0 */
double		dg_unit(struct dg_rng *r);		/* [0, 1) */
int		dg_chance(struct dg_rng *r, double p);

#define DG_OUTBUF	(256 * 1024)

/* A CSV file being written; errors are sticky and reported at close. */
struct dg_out {
	FILE		*fp;
	int		 failed;
	size_t		 used;
	uint64_t	 rows;
	char		 buf[DG_OUTBUF];
};

/* Opens dir/name for writing; NULL on failure.  Close with dg_close(). */
struct dg_out	*dg_open(const char *dir, const char *name);
/* Flushes and closes; returns 0, or -1 if anything failed.  NULL is ok. */
int		 dg_close(struct dg_out *o);

void	dg_raw(struct dg_out *o, const char *s, size_t n);
void	dg_str(struct dg_out *o, const char *s);	/* no quoting */
void	dg_text(struct dg_out *o, const char *s);	/* quoted if needed */
void	dg_comma(struct dg_out *o);
void	dg_eol(struct dg_out *o);			/* "\n", counts a row */
void	dg_uint(struct dg_out *o, uint64_t v);
void	dg_uint_w(struct dg_out *o, uint64_t v, int width);	/* 0-padded */
/* v in units of 10^-places, as sl_decimal_text() writes it: (1250, 2) "12.50" */
void	dg_decimal(struct dg_out *o, int64_t v, int places);
void	dg_date(struct dg_out *o, int64_t days);
void	dg_datetime(struct dg_out *o, int64_t secs);	/* "YYYY-MM-DD HH:MM:SS" */

/* The catalog, built first and read while customers are generated. */
struct dg_event {
	int64_t		start;		/* seconds since 1970, site time */
	uint32_t	id;		/* host id number */
	int64_t		price;		/* cents, adult ticket */
};

struct dg_catalog {
	uint32_t	 nproducts;
	uint32_t	 nmanu;
	uint32_t	*manu_start;	/* nmanu + 1 entries */
	int64_t		*price;		/* cents, per product */
	uint32_t	 nevents;
	struct dg_event	*events;	/* sorted by start */
	uint32_t	 nproductions;
};

/* Context of one run. */
struct dg_run {
	const char	*dir;
	uint64_t	 ncustomers;
	uint64_t	 seed;
	int64_t		 asof;		/* days since 1970 */
	int64_t		 wstart;	/* window start, days: as-of - 3 years */
	struct dg_catalog cat;
};

/*
 * Writes categories, products, product_tags, productions, events and fills
 * run->cat.  Returns 0 or -1 (message on stderr).  Free with
 * dg_catalog_free().
 */
int	dg_catalog_write(struct dg_run *run);
void	dg_catalog_free(struct dg_catalog *cat);

/* A product by popularity: global, or within manufacturer m. */
uint32_t dg_pick_product(const struct dg_catalog *cat, struct dg_rng *r);
uint32_t dg_pick_in_manu(const struct dg_catalog *cat, struct dg_rng *r,
	    uint32_t m);
uint32_t dg_pick_manu(const struct dg_catalog *cat, struct dg_rng *r);

/* Writes customers and everything that hangs off them. 0 or -1. */
int	dg_customers_write(struct dg_run *run);

#endif
